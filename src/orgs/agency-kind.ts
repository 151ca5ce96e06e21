/** What sort of body an agency is, and the tier of government it belongs to. */
export const AGENCY_KINDS = [
  'government',
  'department',
  'office',
  'township',
  'subdistrict',
  'other',
] as const;
export type AgencyKind = (typeof AGENCY_KINDS)[number];

export const AGENCY_KIND_LABELS: Record<AgencyKind, string> = {
  government: '人民政府',
  department: '政府部门',
  office: '办事机构',
  township: '乡镇人民政府',
  subdistrict: '街道办事处',
  other: '其他机关',
};

export const AGENCY_LEVELS = ['province', 'city', 'county', 'township'] as const;
export type AgencyLevel = (typeof AGENCY_LEVELS)[number];

export const AGENCY_LEVEL_LABELS: Record<AgencyLevel, string> = {
  province: '省级',
  city: '市级',
  county: '县级',
  township: '乡级',
};
