import type { CreateAgencyInput } from './agency.schema.ts';
import type { Role } from './role.ts';

/** The demo hierarchy, parents first; `parent` names an agency earlier in the list. */
export const DEMO_AGENCIES: readonly (Omit<CreateAgencyInput, 'parentId'> & { parent: string | null })[] = [
  { parent: null, name: '开封市人民政府', shortName: '开封市政府', kind: 'government', level: 'city' },
  {
    parent: '开封市人民政府',
    name: '鼓楼区人民政府',
    shortName: '鼓楼区政府',
    kind: 'government',
    level: 'county',
    // As published in the district's 2019 annual report; the office hours are illustrative.
    contact: {
      officeName: '鼓楼区人民政府办公室',
      address: '包公湖北路39号503房间',
      postcode: '475000',
      phone: '0371-23798902',
      fax: '0371-25995876',
      email: 'gulouquzhengfuban@163.com',
      officeHours: '法定工作日 上午8:30—12:00，下午14:30—17:30',
      website: 'http://www.gulou.gov.cn/',
    },
  },
  {
    parent: '鼓楼区人民政府',
    name: '鼓楼区人民政府办公室',
    shortName: '区政府办',
    kind: 'office',
    level: 'county',
  },
  {
    parent: '鼓楼区人民政府',
    name: '鼓楼区教育局',
    shortName: '区教育局',
    kind: 'department',
    level: 'county',
  },
  {
    parent: '鼓楼区人民政府',
    name: '鼓楼区民政局',
    shortName: '区民政局',
    kind: 'department',
    level: 'county',
  },
  {
    parent: '鼓楼区人民政府',
    name: '鼓楼区市场监督管理局',
    shortName: '区市场监管局',
    kind: 'department',
    level: 'county',
  },
  { parent: '鼓楼区人民政府', name: '五一街道办事处', kind: 'subdistrict', level: 'township' },
  { parent: '鼓楼区人民政府', name: '相国寺街道办事处', kind: 'subdistrict', level: 'township' },
];

/** The demo accounts: each user belongs to `agency` and holds `role` over it. */
export const DEMO_USERS: readonly { username: string; displayName: string; agency: string; role: Role }[] = [
  { username: 'admin', displayName: '赵建国', agency: '鼓楼区人民政府', role: 'admin' },
  { username: 'registrar', displayName: '钱晓梅', agency: '鼓楼区人民政府', role: 'registrar' },
  { username: 'handler', displayName: '孙立新', agency: '鼓楼区民政局', role: 'handler' },
  { username: 'approver', displayName: '周文华', agency: '鼓楼区人民政府', role: 'approver' },
  { username: 'publisher', displayName: '吴静', agency: '鼓楼区人民政府', role: 'publisher' },
  { username: 'viewer', displayName: '郑平', agency: '鼓楼区人民政府', role: 'viewer' },
  // An admin of one department only: what they can and cannot see shows agency isolation.
  { username: 'jiaoyu.admin', displayName: '冯丽', agency: '鼓楼区教育局', role: 'admin' },
];
