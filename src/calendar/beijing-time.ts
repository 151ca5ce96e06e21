/** Dates as people in China read them: Beijing time, whatever the server's zone (UTC here). */
const parts = (iso: string): Record<string, string> => {
  const fmt = new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
  return Object.fromEntries(fmt.formatToParts(new Date(iso)).map((p) => [p.type, p.value]));
};

/** '2024-09-27T02:00:00Z' → '2024-09-27'. */
export const beijingDate = (iso: string): string => {
  const p = parts(iso);
  return `${p.year}-${p.month}-${p.day}`;
};

/** '2024-09-27T02:00:00Z' → '2024-09-27 10:00'. */
export const beijingDateTime = (iso: string): string => {
  const p = parts(iso);
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
};
