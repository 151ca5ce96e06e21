import type { Reminder } from '../../../jobs/reminders.ts';
import type { Role } from '../../../orgs/role.ts';
import { DataTable } from '../components/table.tsx';

/** What each role may do, in the words of the disclosure office. */
const DUTIES: Record<Role, string> = {
  admin: '管理本机关及下级机关的机关信息、用户和角色，查看审计日志；可以办理其他各角色的事项。',
  registrar: '登记以信函、当面、传真、电子邮件等方式收到的政府信息公开申请，确认收到申请的日期。',
  handler: '承办申请：告知补正、征求第三方意见、申请延期、拟定答复并送达。',
  approver: '审批延长答复期限和答复意见，签发政府信息公开工作年度报告。',
  publisher: '发布、更新主动公开的政府信息，维护政府信息公开目录。',
  viewer: '查阅本机关及下级机关的政府信息公开工作情况。',
};

export interface GrantView {
  readonly key: string;
  readonly agencyName: string;
  readonly role: Role;
  readonly roleLabel: string;
}

interface Props {
  readonly displayName: string;
  readonly agencyName: string;
  readonly grants: readonly GrantView[];
  readonly isAdmin: boolean;
  /** Replies to reconsiderations and defences to courts not yet made: due within 3 days, overdue. */
  readonly appealDuties?: { readonly dueSoon: number; readonly overdue: number };
  /** The annual reports' statutory days, from 1 December until published ('已逾期' after). */
  readonly reportReminders?: readonly { key: string; text: string; overdue: boolean; href: string }[];
  /** Today's reminders of the applications the user handles: overdue, or due within 3 working days. */
  readonly deadlineReminders?: readonly Reminder[];
}

export const WorkbenchHome = ({
  displayName,
  agencyName,
  grants,
  isAdmin,
  appealDuties,
  reportReminders = [],
  deadlineReminders = [],
}: Props) => (
  <>
    <h1>工作台</h1>
    <p class="lead">
      {displayName}，您好。您所属的机关是{agencyName}。
    </p>
    <DataTable
      caption="您的角色"
      rows={grants}
      rowKey={(g) => g.key}
      empty="您还没有任何角色，暂时只能修改自己的密码。请联系本机关的系统管理员分配角色。"
      columns={[
        { header: '机关（含下级机关）', cell: (g) => g.agencyName },
        { header: '角色', cell: (g) => g.roleLabel },
        { header: '可以办理的事项', cell: (g) => DUTIES[g.role] },
      ]}
    />
    {deadlineReminders.length > 0 ? (
      <div class="notice notice--warning" role="status">
        <h2>今日期限提醒</h2>
        <ul>
          {deadlineReminders.map((r) => (
            <li key={`${r.applicationId}:${r.kind}`}>
              <a href={`/workbench/applications/${r.applicationId}`}>{r.trackingNumber}</a>
              {r.kind === 'overdue'
                ? `：已逾期（答复期限 ${r.dueOn}）`
                : `：3个工作日内到期（答复期限 ${r.dueOn}）`}
            </li>
          ))}
        </ul>
      </div>
    ) : null}
    {appealDuties && appealDuties.dueSoon + appealDuties.overdue > 0 ? (
      <div class="notice notice--warning" role="status">
        <h2>复议答复和应诉答辩</h2>
        <p>
          3日内到期 {appealDuties.dueSoon} 件，已逾期 {appealDuties.overdue} 件。
          <a href="/workbench/appeals?pending=1">查看案件</a>
        </p>
      </div>
    ) : null}
    {reportReminders.length > 0 ? (
      <div class="notice notice--warning" role="status">
        <h2>政府信息公开工作年度报告</h2>
        <ul>
          {reportReminders.map((r) => (
            <li key={r.key}>
              <a href={r.href}>{r.text}</a>
            </li>
          ))}
        </ul>
      </div>
    ) : null}
    <h2>常用功能</h2>
    <ul class="cards">
      <li class="card">
        <h3>
          <a href="/workbench/disclosure">主动公开</a>
        </h3>
        <p>起草主动公开信息，送保密审查、审批后发布；逾期未公开的信息会被标出。</p>
      </li>
      <li class="card">
        <h3>
          <a href="/workbench/appeals">行政复议和行政诉讼</a>
        </h3>
        <p>登记复议和诉讼案件，按期提交书面答复和答辩状，记录结果。</p>
      </li>
      <li class="card">
        <h3>
          <a href="/workbench/reports">年度报告</a>
        </h3>
        <p>按登记的记录统计年度报告表格，撰写正文，提交、审核并发布到门户网站。</p>
      </li>
      <li class="card">
        <h3>
          <a href="/workbench/agencies">机关</a>
        </h3>
        <p>{isAdmin ? '查看、新建和修改机关及其政府信息公开工作机构的联系方式。' : '查看您有权限的机关。'}</p>
      </li>
      {isAdmin ? (
        <>
          <li class="card">
            <h3>
              <a href="/workbench/users">用户</a>
            </h3>
            <p>新建用户、分配角色、停用账户、重置密码。</p>
          </li>
          <li class="card">
            <h3>
              <a href="/workbench/audit">审计日志</a>
            </h3>
            <p>谁在何时做了什么修改；个人信息已脱敏。</p>
          </li>
          <li class="card">
            <h3>
              <a href="/workbench/letter-templates">文书模板</a>
            </h3>
            <p>修改受理回执、补正告知书、答复告知书等文书的模板，预览出具效果。</p>
          </li>
        </>
      ) : null}
      <li class="card">
        <h3>
          <a href="/workbench/password">修改密码</a>
        </h3>
        <p>定期更换密码；修改后其他设备上的登录将退出。</p>
      </li>
    </ul>
  </>
);
