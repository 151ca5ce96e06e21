import type { WorkingCalendar } from '../calendar/calendar.ts';
import type { DisclosureItem } from './disclosure-item.table.ts';

/** Art. 26: information is published within 20 working days of being made or changed. */
export const PUBLICATION_WORKING_DAYS = 20;

/**
 * The last day the item may be published on: the 20th working day after it was made, or after
 * it was changed when that is later; null when neither date is recorded.
 */
export const publicationDeadline = (
  item: Pick<DisclosureItem, 'madeOn' | 'changedOn'>,
  calendar: WorkingCalendar,
): string | null => {
  const from =
    item.changedOn !== null && (item.madeOn === null || item.changedOn > item.madeOn)
      ? item.changedOn
      : item.madeOn;
  return from === null ? null : calendar.addWorkingDays(from, PUBLICATION_WORKING_DAYS);
};

/**
 * Late under Art. 26: a draft still unpublished after its deadline ('YYYY-MM-DD' `today` in
 * Beijing), or an item published after it. A withdrawn item is judged by when it was published.
 */
export const isLate = (
  item: Pick<DisclosureItem, 'madeOn' | 'changedOn' | 'status' | 'publishedOn'>,
  today: string,
  calendar: WorkingCalendar,
): boolean => {
  const deadline = publicationDeadline(item, calendar);
  if (deadline === null) return false;
  if (item.status === 'draft') return today > deadline;
  return item.publishedOn !== null && item.publishedOn > deadline;
};
