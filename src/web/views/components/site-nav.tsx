/** Who is looking at a page, as the header needs to know it. */
export interface Viewer {
  readonly displayName: string;
  /** Admin of at least one agency: sees the user and audit pages. */
  readonly isAdmin: boolean;
  readonly csrfToken: string;
}

interface Link {
  readonly href: string;
  readonly label: string;
}

const portalLinks: readonly Link[] = [
  { href: '/', label: '首页' },
  { href: '/agencies', label: '公开机关' },
  // The same for every reader (portal pages are cached): the account page says who is logged in.
  { href: '/account', label: '登录/我的申请' },
];

const workbenchLinks = (viewer: Viewer): Link[] => [
  { href: '/workbench', label: '工作台首页' },
  { href: '/workbench/applications', label: '依申请公开' },
  { href: '/workbench/disclosure', label: '主动公开' },
  { href: '/workbench/appeals', label: '复议诉讼' },
  { href: '/workbench/reports', label: '年度报告' },
  { href: '/workbench/work-records', label: '工作记录' },
  { href: '/workbench/agencies', label: '机关' },
  ...(viewer.isAdmin
    ? [
        { href: '/workbench/users', label: '用户' },
        { href: '/workbench/audit', label: '审计日志' },
        { href: '/workbench/calendar', label: '日历' },
        { href: '/workbench/jobs', label: '后台任务' },
      ]
    : []),
  { href: '/workbench/password', label: '修改密码' },
];

/** The main navigation; the logout button is a form so that it carries its CSRF token. */
export const SiteNav = ({ area, viewer }: { area: 'portal' | 'workbench'; viewer: Viewer | null }) => {
  const links =
    area === 'workbench' && viewer
      ? workbenchLinks(viewer)
      : area === 'workbench'
        ? [{ href: '/', label: '返回政府信息公开首页' }]
        : [...portalLinks, { href: '/workbench', label: viewer ? '工作台' : '工作人员登录' }];
  return (
    <nav class="site-nav" aria-label="主导航">
      <ul>
        {links.map((link) => (
          <li key={link.href}>
            <a href={link.href}>{link.label}</a>
          </li>
        ))}
      </ul>
      {area === 'workbench' && viewer ? (
        <form class="site-nav__logout" method="post" action="/workbench/logout">
          <input type="hidden" name="_csrf" value={viewer.csrfToken} />
          <span class="site-nav__user">{viewer.displayName}</span>
          <button type="submit" class="button button--quiet">
            退出登录
          </button>
        </form>
      ) : null}
    </nav>
  );
};
