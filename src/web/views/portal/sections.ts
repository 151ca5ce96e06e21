/** The five entries of an agency's disclosure column, as national practice lays it out. */
export const DISCLOSURE_SECTIONS = [
  {
    slug: 'guide',
    title: '政府信息公开指南',
    summary: '公开的范围、方式和时限，依申请公开的受理机构、办理流程和收费规定。',
  },
  {
    slug: 'rules',
    title: '政府信息公开制度',
    summary: '本机关政府信息公开工作的规章制度。',
  },
  {
    slug: 'disclosures',
    title: '法定主动公开内容',
    summary: '《条例》第二十条规定应当主动公开的政府信息。',
  },
  {
    slug: 'annual-reports',
    title: '政府信息公开年报',
    summary: '本机关历年政府信息公开工作年度报告。',
  },
  {
    slug: 'apply',
    title: '依申请公开',
    summary: '如何向本机关申请获取政府信息。',
  },
] as const;

export type SectionSlug = (typeof DISCLOSURE_SECTIONS)[number]['slug'];

export const sectionTitle = (slug: SectionSlug): string =>
  DISCLOSURE_SECTIONS.find((s) => s.slug === slug)?.title ?? slug;
