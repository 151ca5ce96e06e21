import type { AuthenticateResult } from '../../orgs/authenticate.ts';
import { LOCK_MINUTES, MAX_FAILED_LOGINS } from '../../orgs/lockout.ts';
import { beijingDateTime } from '../presenters/dates.ts';

/** Where to go after login: a workbench page of this site, never another site. */
export const safeNext = (next: string | undefined): string =>
  next !== undefined && /^\/workbench(?:[/?#]|$)/.test(next) && !next.includes('//') && !next.includes('\\')
    ? next
    : '/workbench';

/** Why a login failed, in words that say what to do next. */
export const loginFailureMessage = (result: Extract<AuthenticateResult, { ok: false }>): string => {
  switch (result.reason) {
    case 'locked':
      return `登录失败次数过多，账户已被锁定${
        result.lockedUntil ? `至 ${beijingDateTime(result.lockedUntil)}（北京时间）` : ''
      }。请到时再试，或联系本机关的系统管理员解锁。`;
    case 'inactive':
      return '该账户已停用。如需恢复使用，请联系本机关的系统管理员。';
    case 'invalid':
      return `用户名或密码不正确。连续输错 ${MAX_FAILED_LOGINS} 次，账户将被锁定 ${LOCK_MINUTES} 分钟。`;
  }
};
