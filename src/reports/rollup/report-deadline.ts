import type { AgencyKind } from '../../orgs/agency-kind.ts';

/**
 * The day by which an agency must publish its report for `year` (regulations.md, Art. 49–50):
 * a people's government by 31 March of the following year, every other body (its departments
 * and the rest) by 31 January.
 */
export const reportDeadline = (kind: AgencyKind, year: number): string =>
  `${year + 1}-${kind === 'government' ? '03-31' : '01-31'}`;
