// A hybrid logical clock (Kulkarni et al.; as Actual Budget's sync uses): wall-clock milliseconds, a
// counter for events within the same millisecond or while the wall clock lags, and the device's id.
// Its string form sorts in time order, so times can be compared as strings.

export interface Hlc {
  millis: number;
  counter: number;
  device: string;
}

const MAX_COUNTER = 0xffff;
/** How far a remote clock may run ahead of ours before its changes are refused as implausible. */
export const MAX_DRIFT_MS = 24 * 60 * 60 * 1000;

export const formatHlc = (t: Hlc): string =>
  `${t.millis.toString().padStart(15, '0')}-${t.counter.toString(16).padStart(4, '0')}-${t.device}`;

const HLC_PATTERN = /^(\d{15})-([0-9a-f]{4})-([A-Za-z0-9_-]{1,64})$/;

export function parseHlc(text: string): Hlc | null {
  const m = HLC_PATTERN.exec(text);
  if (!m) return null;
  return { millis: Number(m[1]), counter: Number.parseInt(m[2] as string, 16), device: m[3] as string };
}

export const compareHlc = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** The next time for a local event. */
export function tick(last: Hlc, wallMillis: number): Hlc {
  if (wallMillis > last.millis) return { millis: wallMillis, counter: 0, device: last.device };
  if (last.counter >= MAX_COUNTER) return { millis: last.millis + 1, counter: 0, device: last.device };
  return { millis: last.millis, counter: last.counter + 1, device: last.device };
}

/** Our clock after seeing a remote time: later than both, so our next change follows what we have seen. */
export function receive(last: Hlc, remote: Hlc, wallMillis: number): Hlc {
  if (remote.millis - wallMillis > MAX_DRIFT_MS) {
    throw new Error('A change is dated more than a day ahead of this computer’s clock.');
  }
  const millis = Math.max(last.millis, remote.millis, wallMillis);
  let counter = 0;
  if (millis === last.millis && millis === remote.millis)
    counter = Math.max(last.counter, remote.counter) + 1;
  else if (millis === last.millis) counter = last.counter + 1;
  else if (millis === remote.millis) counter = remote.counter + 1;
  if (counter > MAX_COUNTER) return { millis: millis + 1, counter: 0, device: last.device };
  return { millis, counter, device: last.device };
}
