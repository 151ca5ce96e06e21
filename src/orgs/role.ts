/** The roles a user holds over an agency and everything under it. */
export const ROLES = ['admin', 'registrar', 'handler', 'approver', 'publisher', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  admin: '管理员',
  registrar: '登记员',
  handler: '承办人',
  approver: '负责人',
  publisher: '发布员',
  viewer: '查看者',
};

/** One role over one agency's subtree. */
export interface RoleGrant {
  agencyId: number;
  role: Role;
}

export const isRole = (value: string): value is Role => (ROLES as readonly string[]).includes(value);
