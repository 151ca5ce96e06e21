import { describe, expect, it } from 'vitest';
import { loadPrincipal } from '../../src/orgs/load-principal.ts';
import { agenciesWithRole, canAccessAgency, hasRole, type Principal } from '../../src/orgs/policy.ts';
import { ROLE_LABELS, ROLES } from '../../src/orgs/role.ts';
import { describeEachDatabase } from '../support/each-database.ts';
import { makeAgency, makeUser } from '../support/factories.ts';

// 1 城市 → 4 区政府 → 9 民政局, 10 教育局; 5 another district
const CITY = { path: '/1/' };
const DISTRICT = { path: '/1/4/' };
const CIVIL = { path: '/1/4/9/' };
const EDUCATION = { path: '/1/4/10/' };
const OTHER = { path: '/1/5/' };
// '/1/4/' must not cover '/1/40/': paths end in '/' for this reason.
const LOOKALIKE = { path: '/1/40/' };

const principal = (
  ...assignments: [number, string, Principal['assignments'][number]['role']][]
): Principal => ({
  userId: 7,
  agencyId: assignments[0]?.[0] ?? 1,
  assignments: assignments.map(([agencyId, agencyPath, role]) => ({ agencyId, agencyPath, role })),
});

describe('policy (pure)', () => {
  it('a role covers its agency and the subtree, not parents, siblings or look-alike paths', () => {
    const handler = principal([4, '/1/4/', 'handler']);
    expect(hasRole(handler, 'handler', DISTRICT)).toBe(true);
    expect(hasRole(handler, 'handler', CIVIL)).toBe(true);
    expect(hasRole(handler, 'handler', CITY)).toBe(false);
    expect(hasRole(handler, 'handler', OTHER)).toBe(false);
    expect(hasRole(handler, 'handler', LOOKALIKE)).toBe(false);
    expect(hasRole(handler, 'approver', CIVIL)).toBe(false);
  });

  it('admin includes every role, within its subtree only', () => {
    const admin = principal([10, '/1/4/10/', 'admin']);
    for (const role of ROLES) expect(hasRole(admin, role, EDUCATION)).toBe(true);
    expect(hasRole(admin, 'viewer', CIVIL)).toBe(false);
    expect(canAccessAgency(admin, EDUCATION)).toBe(true);
    expect(canAccessAgency(admin, CIVIL)).toBe(false);
    expect(canAccessAgency(admin, DISTRICT)).toBe(false);
  });

  it('a user with no grants can access nothing', () => {
    expect(canAccessAgency(principal(), CITY)).toBe(false);
    expect(agenciesWithRole(principal([9, '/1/4/9/', 'viewer']), 'viewer', [CIVIL, EDUCATION])).toEqual([
      CIVIL,
    ]);
  });

  it('every role has a Chinese label', () => {
    expect(Object.values(ROLE_LABELS)).toEqual(['管理员', '登记员', '承办人', '负责人', '发布员', '查看者']);
  });
});

describeEachDatabase('loadPrincipal', (db) => {
  it('loads grants with their agency paths, and the policy applies across the subtree only', async () => {
    const district = await makeAgency(db());
    const civil = await makeAgency(db(), { parentId: district.id, kind: 'department' });
    const education = await makeAgency(db(), { parentId: district.id, kind: 'department' });
    const { user } = await makeUser(db(), { agencyId: civil.id, roles: ['handler'] });
    const p = await loadPrincipal(db(), user.id);
    expect(p).toEqual({
      userId: user.id,
      agencyId: civil.id,
      assignments: [{ agencyId: civil.id, agencyPath: civil.path, role: 'handler' }],
    });
    expect(hasRole(p, 'handler', civil)).toBe(true);
    expect(hasRole(p, 'handler', education)).toBe(false);
    expect(hasRole(p, 'handler', district)).toBe(false);
    await expect(loadPrincipal(db(), 999_999)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
