import { GUIDE_STATUS_LABELS } from '../../../disclosure/catalogue.table.ts';
import { subtreeIds } from '../../../disclosure/catalogue.ts';
import type { CategoryCount } from '../../../disclosure/catalogue-items.ts';
import type { GuideVersion } from '../../../disclosure/guide.ts';
import { beijingDateTime } from '../../presenters/dates.ts';
import {
  ErrorSummary,
  type FieldErrors,
  Notice,
  PostForm,
  SelectField,
  SubmitButton,
  TextField,
} from '../components/form.tsx';

/** The categories a category may go under: any but itself and those below it. */
const parentOptions = (categories: readonly CategoryCount[], moving?: CategoryCount) => {
  const excluded = new Set(moving === undefined ? [] : subtreeIds(categories, moving.id));
  return [
    { value: '', label: '（顶级分类）' },
    ...categories
      .filter((c) => !excluded.has(c.id))
      .map((c) => ({ value: String(c.id), label: `${'　'.repeat(c.depth)}${c.name}` })),
  ];
};

/**
 * /workbench/agencies/:id/catalogue: the agency's 政府信息公开目录 — a new category, and for
 * each category a row with rename, move and delete (each its own small POST form).
 */
export const CatalogueEditor = ({
  agency,
  categories,
  csrfToken,
  errors,
  values,
  notice,
}: {
  agency: { id: number; name: string };
  categories: readonly CategoryCount[];
  csrfToken: string;
  errors: FieldErrors;
  values: Record<string, string>;
  notice: string | null;
}) => {
  const action = `/workbench/agencies/${agency.id}/catalogue`;
  return (
    <>
      <h1>{agency.name}政府信息公开目录</h1>
      <p class="lead">
        编辑本机关的目录分类。分类下没有信息（含草稿和已撤回的）也没有下级分类时才能删除。
        <a href={`/agencies/${agency.id}/catalogue`}>在门户查看目录</a>
      </p>
      {notice ? <Notice>{notice}</Notice> : null}
      <ErrorSummary errors={errors} labels={{ name: '分类名称', parentId: '上级分类' }} />
      <h2>新建分类</h2>
      <PostForm action={action} csrfToken={csrfToken}>
        <input type="hidden" name="op" value="create" />
        <TextField
          name="name"
          label="分类名称"
          required
          maxLength={60}
          value={values.name}
          error={errors.name}
        />
        <SelectField
          name="parentId"
          label="上级分类"
          value={values.parentId ?? ''}
          options={parentOptions(categories)}
          error={errors.parentId}
        />
        <SubmitButton>新建分类</SubmitButton>
      </PostForm>
      <h2>现有分类</h2>
      {categories.length === 0 ? (
        <p class="muted">尚未建立分类。</p>
      ) : (
        <div class="table-scroll">
          <table class="data-table">
            <caption>{agency.name}的目录分类（按目录顺序）</caption>
            <thead>
              <tr>
                <th scope="col">分类</th>
                <th scope="col" class="numeric">
                  已发布信息
                </th>
                <th scope="col">重命名</th>
                <th scope="col">移动</th>
                <th scope="col">删除</th>
              </tr>
            </thead>
            <tbody>
              {categories.map((c) => (
                <tr key={c.id}>
                  <th scope="row">
                    {'　'.repeat(c.depth)}
                    {c.name}
                  </th>
                  <td class="numeric">{c.count}</td>
                  <td>
                    <form method="post" action={action} class="form form--inline">
                      <input type="hidden" name="_csrf" value={csrfToken} />
                      <input type="hidden" name="op" value="rename" />
                      <input type="hidden" name="categoryId" value={String(c.id)} />
                      <label class="visually-hidden" for={`rename-${c.id}`}>
                        “{c.name}”的新名称
                      </label>
                      <input
                        id={`rename-${c.id}`}
                        name="name"
                        type="text"
                        maxLength={60}
                        value={c.name}
                        required
                      />
                      <button type="submit" class="button button--quiet">
                        重命名
                      </button>
                    </form>
                  </td>
                  <td>
                    <form method="post" action={action} class="form form--inline">
                      <input type="hidden" name="_csrf" value={csrfToken} />
                      <input type="hidden" name="op" value="move" />
                      <input type="hidden" name="categoryId" value={String(c.id)} />
                      <label class="visually-hidden" for={`move-${c.id}`}>
                        把“{c.name}”移到
                      </label>
                      <select id={`move-${c.id}`} name="parentId">
                        {parentOptions(categories, c).map((o) => (
                          <option
                            key={o.value}
                            value={o.value}
                            selected={o.value === String(c.parentId ?? '')}
                          >
                            {o.label}
                          </option>
                        ))}
                      </select>
                      <label class="visually-hidden" for={`position-${c.id}`}>
                        “{c.name}”的排序号
                      </label>
                      <input
                        id={`position-${c.id}`}
                        name="position"
                        type="number"
                        min={0}
                        max={100000}
                        value={String(c.position)}
                      />
                      <button type="submit" class="button button--quiet">
                        移动
                      </button>
                    </form>
                  </td>
                  <td>
                    <form method="post" action={action}>
                      <input type="hidden" name="_csrf" value={csrfToken} />
                      <input type="hidden" name="op" value="delete" />
                      <input type="hidden" name="categoryId" value={String(c.id)} />
                      <button type="submit" class="button button--quiet" aria-label={`删除分类“${c.name}”`}>
                        删除
                      </button>
                    </form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
};

/**
 * /workbench/agencies/:id/guide: the agency's 政府信息公开指南 — a new draft version (the
 * newest version's text to start from) and the list of versions, drafts with a publish button.
 */
export const GuideEditor = ({
  agency,
  versions,
  csrfToken,
  errors,
  body,
  notice,
}: {
  agency: { id: number; name: string };
  versions: readonly GuideVersion[];
  csrfToken: string;
  errors: FieldErrors;
  body: string;
  notice: string | null;
}) => {
  const action = `/workbench/agencies/${agency.id}/guide`;
  return (
    <>
      <h1>{agency.name}政府信息公开指南</h1>
      <p class="lead">
        每次保存都生成一个新的草稿版本；发布后门户显示该版本，原来发布的版本作为历史版本保留。尚未发布任何版本时，门户显示根据机关登记信息生成的指南。
        <a href={`/agencies/${agency.id}/guide`}>在门户查看指南</a>
      </p>
      {notice ? <Notice>{notice}</Notice> : null}
      <ErrorSummary errors={errors} labels={{ bodyHtml: '指南正文' }} />
      <h2>编辑指南</h2>
      <PostForm action={action} csrfToken={csrfToken}>
        <input type="hidden" name="op" value="save" />
        <div class={errors.bodyHtml ? 'field field--error' : 'field'}>
          <label class="field__label" for="field-bodyHtml">
            指南正文<span class="field__required">（必填）</span>
          </label>
          <p class="field__hint" id="field-bodyHtml-hint">
            可使用 HTML 标题、段落、列表和表格；脚本、事件属性和 javascript: 链接会被去除。
          </p>
          {errors.bodyHtml ? (
            <p class="field__error" id="field-bodyHtml-error">
              <span class="visually-hidden">错误：</span>
              {errors.bodyHtml}
            </p>
          ) : null}
          <textarea
            id="field-bodyHtml"
            name="bodyHtml"
            rows={20}
            required
            aria-describedby={
              errors.bodyHtml ? 'field-bodyHtml-hint field-bodyHtml-error' : 'field-bodyHtml-hint'
            }
            aria-invalid={errors.bodyHtml ? 'true' : undefined}
            value={body}
          />
        </div>
        <SubmitButton>保存为新草稿</SubmitButton>
      </PostForm>
      <h2>版本</h2>
      {versions.length === 0 ? (
        <p class="muted">尚无版本。</p>
      ) : (
        <div class="table-scroll">
          <table class="data-table">
            <caption>{agency.name}政府信息公开指南的各个版本（新的在前）</caption>
            <thead>
              <tr>
                <th scope="col">版本</th>
                <th scope="col">状态</th>
                <th scope="col">保存时间</th>
                <th scope="col">发布时间</th>
                <th scope="col">操作</th>
              </tr>
            </thead>
            <tbody>
              {versions.map((v) => (
                <tr key={v.id}>
                  <th scope="row">第 {v.version} 版</th>
                  <td>{GUIDE_STATUS_LABELS[v.status]}</td>
                  <td>{beijingDateTime(v.createdAt)}</td>
                  <td>{v.publishedAt ? beijingDateTime(v.publishedAt) : ''}</td>
                  <td>
                    {v.status === 'draft' ? (
                      <form method="post" action={action}>
                        <input type="hidden" name="_csrf" value={csrfToken} />
                        <input type="hidden" name="op" value="publish" />
                        <input type="hidden" name="version" value={String(v.version)} />
                        <button
                          type="submit"
                          class="button button--quiet"
                          aria-label={`发布第 ${v.version} 版`}
                        >
                          发布
                        </button>
                      </form>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
};
