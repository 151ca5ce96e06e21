/** One year's holiday schedule, as shipped (snapshot) or entered by an admin. */
export interface CalendarYearTable {
  year: number;
  /** JSON arrays of the schedule's notices, holidays and make-up workdays. */
  notices_json: string;
  holidays_json: string;
  make_up_workdays_json: string;
  source: string;
  entered_by: number | null;
  entered_at: string;
}
