import type { DemoAccount } from '../orgs/demo.ts';

/** Printed once, when the demo was just created: the passwords exist nowhere else. */
export const demoBanner = (url: string, accounts: readonly DemoAccount[]): string =>
  [
    '',
    '已创建演示数据。演示账户（密码只显示这一次，请妥善保存）：',
    '',
    ...accounts.map(
      (a) => `  ${a.username.padEnd(14)} ${a.password}   ${a.displayName}，${a.agencyName}${a.roleLabel}`,
    ),
    '',
    `工作台登录：${url}/workbench/login`,
    '',
  ].join('\n');
