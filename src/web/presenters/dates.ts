/** The pages show dates as the domain formats them (Beijing time): one definition for both. */
export { beijingDate, beijingDateTime } from '../../calendar/beijing-time.ts';
