import { OUTCOMES, type Outcome } from '../../applications/outcomes.ts';
import type { YearWindow } from './rules.ts';

/** One spell of handling: from the receipt (or a reopening) to the decision that ended it. */
export interface Episode {
  /** 'YYYY-MM-DD': the receipt day, or the day of the reopening. */
  readonly start: string;
  readonly reopened: boolean;
  /** Null while the episode is open. */
  readonly decision: { readonly date: string; readonly outcome: Outcome } | null;
}

/** A 'decided' or 'reopened' event of an application, in the order it was recorded (`id`). */
export interface HistoryEvent {
  readonly id: number;
  readonly type: string;
  readonly date: string;
  readonly detailJson: string | null;
}

const KNOWN = new Set<string>(OUTCOMES);

/** The outcome a 'decided' event records (detail.outcome); an unreadable one counts as 其他. */
export const outcomeOfEvent = (detailJson: string | null): Outcome => {
  try {
    const outcome = (JSON.parse(detailJson ?? '{}') as { outcome?: unknown }).outcome;
    return typeof outcome === 'string' && KNOWN.has(outcome) ? (outcome as Outcome) : 'other.other';
  } catch {
    return 'other.other';
  }
};

export const asOutcome = (value: string | null): Outcome =>
  value !== null && KNOWN.has(value) ? (value as Outcome) : 'other.other';

/**
 * The episodes of an application from its receipt day and its 'decided' / 'reopened' events
 * (by date, then in the order recorded; the receipt comes first). A reopening while open and a
 * decision while closed break the history and are passed over (see rules.ts).
 */
export const episodesOf = (receivedOn: string, events: readonly HistoryEvent[]): Episode[] => {
  const sorted = [...events].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.id - b.id));
  const episodes: Episode[] = [];
  let open: { start: string; reopened: boolean } | null = { start: receivedOn, reopened: false };
  for (const e of sorted) {
    if (e.type === 'decided' && open !== null && e.date >= open.start) {
      episodes.push({ ...open, decision: { date: e.date, outcome: outcomeOfEvent(e.detailJson) } });
      open = null;
    } else if (e.type === 'reopened' && open === null) {
      open = { start: e.date, reopened: true };
    }
  }
  if (open !== null) episodes.push({ ...open, decision: null });
  return episodes;
};

/** The application as the applications table alone tells it: one episode, receipt to decision. */
export const singleEpisode = (
  receivedOn: string,
  decidedOn: string | null,
  outcome: string | null,
): Episode => ({
  start: receivedOn,
  reopened: false,
  decision: decidedOn === null ? null : { date: decidedOn, outcome: asOutcome(outcome) },
});

/** Where an episode stands in a report year: the section 三 rows it counts in (not per column). */
export interface EpisodeInYear {
  readonly new: boolean;
  readonly carried: boolean;
  /** The outcome decided in the year, if any. */
  readonly decided: Outcome | null;
  readonly forward: boolean;
}

export const episodeInYear = (e: Episode, w: YearWindow): EpisodeInYear => {
  const decidedOn = e.decision?.date ?? null;
  return {
    new: e.start >= w.from && e.start <= w.to,
    carried: e.start < w.from && (decidedOn === null || decidedOn >= w.from),
    decided:
      decidedOn !== null && decidedOn >= w.from && decidedOn <= w.to ? (e.decision?.outcome ?? null) : null,
    forward: e.start <= w.to && (decidedOn === null || decidedOn > w.to),
  };
};
