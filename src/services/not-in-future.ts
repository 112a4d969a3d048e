import { WorkbenchError } from '../contract/errors.ts';
import { londonDay, millisecondsBetween } from '../domain/dates.ts';

/** How far ahead of the clock a recorded time may be (clock drift between machines), in ms. */
const FUTURE_TOLERANCE_MS = 5 * 60_000;

/** Refuses a time that has not happened yet: things are recorded once they have happened. */
export function refuseFuture(
  at: string,
  now: string,
  path: string,
  message = 'That date and time is in the future. Record things once they have happened.',
): void {
  if (millisecondsBetween(now, at) > FUTURE_TOLERANCE_MS) {
    throw new WorkbenchError('invalid-request', message, {
      problems: [{ path, message: 'is in the future' }],
    });
  }
}

/** Refuses a day after today (in London): a day something happened on, or a date of birth. */
export function refuseFutureDay(
  day: string,
  now: string,
  path: string,
  message: string,
  problem = 'is in the future',
): void {
  if (day > londonDay(now)) {
    throw new WorkbenchError('invalid-request', message, { problems: [{ path, message: problem }] });
  }
}
