import type { SynonymRow } from '../../../disclosure/synonyms.ts';
import {
  ErrorSummary,
  type FieldErrors,
  Notice,
  PostForm,
  SubmitButton,
  TextField,
} from '../components/form.tsx';
import { DataTable } from '../components/table.tsx';

const LABELS: Readonly<Record<string, string>> = { term: '简称', expansion: '全称', _form: '提交' };

/**
 * GET /workbench/disclosure/synonyms: the search synonyms (低保 ↔ 最低生活保障) the portal's search
 * expands, and the admin's forms to add one and to delete one.
 */
export const SynonymsPage = ({
  synonyms,
  csrfToken,
  values,
  errors,
  notice,
}: {
  synonyms: readonly SynonymRow[];
  csrfToken: string;
  values: Record<string, string>;
  errors: FieldErrors;
  notice?: string | undefined;
}) => (
  <>
    <p>
      <a href="/workbench/disclosure">返回主动公开</a>
    </p>
    <h1>检索同义词</h1>
    <p class="lead">
      门户网站检索主动公开信息时，简称与全称互相查找：搜索“低保”也能找到只写“最低生活保障”的信息，反之亦然。
      添加或删除后立即生效，涉及的已发布信息随之重新编入检索索引。
    </p>
    {notice ? <Notice>{notice}</Notice> : null}
    <ErrorSummary errors={errors} labels={LABELS} />
    <h2>添加同义词</h2>
    <PostForm action="/workbench/disclosure/synonyms" csrfToken={csrfToken} class="form form--inline">
      <TextField
        name="term"
        label="简称"
        required
        value={values.term}
        error={errors.term}
        hint="如：低保"
        maxLength={30}
      />
      <TextField
        name="expansion"
        label="全称"
        required
        value={values.expansion}
        error={errors.expansion}
        hint="如：最低生活保障"
        maxLength={30}
      />
      <div class="form__buttons">
        <SubmitButton>添加</SubmitButton>
      </div>
    </PostForm>
    <h2>现有同义词</h2>
    <DataTable
      caption={`检索同义词（共 ${synonyms.length} 组）`}
      rows={synonyms}
      rowKey={(s) => s.id}
      empty="还没有同义词。"
      columns={[
        { header: '简称', cell: (s) => s.term },
        { header: '全称', cell: (s) => s.expansion },
        {
          header: '操作',
          nowrap: true,
          cell: (s) => (
            <PostForm
              action={`/workbench/disclosure/synonyms/${s.id}/delete`}
              csrfToken={csrfToken}
              class="table-action"
            >
              <button
                type="submit"
                class="button button--quiet"
                aria-label={`删除同义词“${s.term}—${s.expansion}”`}
              >
                删除
              </button>
            </PostForm>
          ),
        },
      ]}
    />
  </>
);
