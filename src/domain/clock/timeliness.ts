/**
 * Timeliness of assessments, as a manager reports it: of the assessment windows completed in each
 * calendar month (London time), how many were completed within their deadline and how many late.
 */
export interface CompletedWindow {
  /** When the window was met (ISO instant). */
  metAt: string;
  onTime: boolean;
}

export interface MonthOfTimeliness {
  /** yyyy-mm */
  month: string;
  within: number;
  late: number;
  /** Share within the deadline, 0–100, whole percent. */
  percentWithin: number;
}

const londonMonth = (iso: string) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit' })
    .format(new Date(iso))
    .slice(0, 7);

/** Month by month, oldest first; months with none completed are left out. */
export function timelinessByMonth(windows: readonly CompletedWindow[]): MonthOfTimeliness[] {
  const months = new Map<string, { within: number; late: number }>();
  for (const w of windows) {
    const m = londonMonth(w.metAt);
    const tally = months.get(m) ?? { within: 0, late: 0 };
    if (w.onTime) tally.within++;
    else tally.late++;
    months.set(m, tally);
  }
  return [...months.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([month, t]) => ({
      month,
      ...t,
      percentWithin: Math.round((100 * t.within) / (t.within + t.late)),
    }));
}

/** The rows as CSV (RFC 4180: fields with commas, quotes or line breaks are quoted). */
export function toCsv(rows: readonly (readonly (string | number)[])[]): string {
  const field = (v: string | number) => {
    const s = String(v);
    return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
  };
  return `${rows.map((r) => r.map(field).join(',')).join('\r\n')}\r\n`;
}
