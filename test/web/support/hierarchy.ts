import type { Kysely } from 'kysely';
import type { DB } from '../../../src/db/schema.ts';
import type { Agency } from '../../../src/orgs/agency.table.ts';
import { ROLES, type Role } from '../../../src/orgs/role.ts';
import { type MadeUser, makeAgency, makeUser } from '../../support/factories.ts';

export interface Hierarchy {
  /** 开封市人民政府, the root. */
  readonly city: Agency;
  /** 鼓楼区人民政府, under the city: the agency whose staff the tests act as. */
  readonly gulou: Agency;
  /** 鼓楼区教育局, a department of 鼓楼区. */
  readonly edu: Agency;
  /** 龙亭区人民政府, a sibling of 鼓楼区: outside every test user's subtree. */
  readonly other: Agency;
  /** One user per role over 鼓楼区人民政府. */
  readonly staff: Readonly<Record<Role, MadeUser>>;
  /** The admin of 鼓楼区教育局 only. */
  readonly eduAdmin: MadeUser;
}

export const GULOU_CONTACT = {
  officeName: '鼓楼区人民政府办公室',
  address: '河南省开封市鼓楼区包公湖北路39号503房间',
  postcode: '475000',
  phone: '0371-23798902',
  fax: '0371-25995876',
  email: 'gulouquzhengfuban@163.com',
  officeHours: '法定工作日 上午8:30—12:00，下午14:30—17:30',
};

export const makeHierarchy = async (db: Kysely<DB>): Promise<Hierarchy> => {
  const city = await makeAgency(db, { name: '开封市人民政府', level: 'city' });
  const gulou = await makeAgency(db, { name: '鼓楼区人民政府', parentId: city.id, contact: GULOU_CONTACT });
  const edu = await makeAgency(db, { name: '鼓楼区教育局', parentId: gulou.id, kind: 'department' });
  const other = await makeAgency(db, { name: '龙亭区人民政府', parentId: city.id });
  const staff = {} as Record<Role, MadeUser>;
  for (const role of ROLES) {
    staff[role] = await makeUser(db, { agencyId: gulou.id, roles: [role], displayName: `鼓楼${role}` });
  }
  const eduAdmin = await makeUser(db, { agencyId: edu.id, roles: ['admin'], displayName: '教育局管理员' });
  return { city, gulou, edu, other, staff, eduAdmin };
};
