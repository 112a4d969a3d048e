// Dates are shown as dd/mm/yyyy everywhere; the store keeps ISO days (yyyy-mm-dd) and instants.

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const pad = (n: number) => String(n).padStart(2, '0');

interface Day {
  year: number;
  month: number;
  day: number;
}

export function parseIsoDay(value: string): Day | null {
  const match = ISO_DAY.exec(value);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const check = new Date(Date.UTC(year, month - 1, day));
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) {
    return null;
  }
  return { year, month, day };
}

/** '2013-03-14' → '14/03/2013'; anything unparseable is returned unchanged. */
export function formatDay(isoDay: string): string {
  const d = parseIsoDay(isoDay);
  return d ? `${pad(d.day)}/${pad(d.month)}/${d.year}` : isoDay;
}

/** An ISO instant shown in local time as dd/mm/yyyy, or dd/mm/yyyy hh:mm with `withTime`. */
export function formatInstant(iso: string, withTime = false): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return iso;
  const day = `${pad(at.getDate())}/${pad(at.getMonth() + 1)}/${at.getFullYear()}`;
  return withTime ? `${day} ${pad(at.getHours())}:${pad(at.getMinutes())}` : day;
}

/** Today in local time as an ISO day. */
export function todayIso(now = new Date()): string {
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** Whole years between a date of birth and `on` (both ISO days); null if unknown or in the future. */
export function ageOn(dateOfBirth: string, on: string = todayIso()): number | null {
  const born = parseIsoDay(dateOfBirth);
  const then = parseIsoDay(on);
  if (!born || !then) return null;
  let years = then.year - born.year;
  if (then.month < born.month || (then.month === born.month && then.day < born.day)) years -= 1;
  return years >= 0 ? years : null;
}

/** '14/03/2013 (age 13)', or just the date when no age can be given. */
export function formatBirthDate(dateOfBirth: string, on?: string): string {
  const age = ageOn(dateOfBirth, on);
  return age === null ? formatDay(dateOfBirth) : `${formatDay(dateOfBirth)} (age ${age})`;
}
