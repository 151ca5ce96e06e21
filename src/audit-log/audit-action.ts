/** Every action the audit log records. Later modules add theirs here, with a label. */
export const AUDIT_ACTIONS = [
  'agency.create',
  'agency.update',
  'user.create',
  'user.activate',
  'user.deactivate',
  'user.roles.set',
  'user.password.change',
  'user.password.reset',
  'user.login',
  'user.login.failed',
  'user.lock',
  'user.logout',
  'application.submit',
  'application.event',
  'application.assign',
  'application.coHandle',
  'application.secrecyReview',
  'application.propose',
  'application.returnDecision',
  'application.decide',
  'application.deliver',
  'calendar.year.save',
] as const;

export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export const AUDIT_ACTION_LABELS: Record<AuditAction, string> = {
  'agency.create': '新建机关',
  'agency.update': '修改机关信息',
  'user.create': '新建用户',
  'user.activate': '启用用户',
  'user.deactivate': '停用用户',
  'user.roles.set': '调整用户角色',
  'user.password.change': '修改密码',
  'user.password.reset': '重置密码',
  'user.login': '登录',
  'user.login.failed': '登录失败',
  'user.lock': '账户锁定',
  'application.submit': '提交政府信息公开申请',
  'application.event': '记录申请办理事件',
  'application.assign': '分办申请',
  'application.coHandle': '安排会办',
  'application.secrecyReview': '记录保密审查',
  'application.propose': '报批拟办意见',
  'application.returnDecision': '退回拟办意见',
  'application.decide': '作出答复决定',
  'application.deliver': '记录送达',
  'calendar.year.save': '录入节假日安排',
  'user.logout': '退出登录',
};

export const isAuditAction = (value: string): value is AuditAction =>
  (AUDIT_ACTIONS as readonly string[]).includes(value);
