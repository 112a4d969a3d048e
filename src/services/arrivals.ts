import { type InboxItem, inbox } from './my-work.ts';
import type { Workbench } from './workbench.ts';

/**
 * What has newly arrived in the signed-in person's My work since the workbench last looked, for the
 * desktop notice the shell raises while the window is in the background. The first look after a
 * sign-in sets what counts as already seen, so a person is not told about what was waiting before.
 */
export class ArrivalWatch {
  private readonly wb: Workbench;
  private seen: Set<string> | null = null;
  private seenFor: string | null = null;

  constructor(wb: Workbench) {
    this.wb = wb;
  }

  /** How many items are new since the last look (0 when no one is signed in). */
  look(): number {
    let userId: string;
    try {
      userId = this.wb.signedIn().user.id;
    } catch {
      this.seen = null; // locked or signed out: nothing is read
      return 0;
    }
    const now = new Set(inbox(this.wb).map(keyOf));
    const before = this.seenFor === userId ? this.seen : null;
    this.seen = now;
    this.seenFor = userId;
    if (!before) return 0;
    return [...now].filter((k) => !before.has(k)).length;
  }
}

const keyOf = (i: InboxItem) => `${i.kind} ${i.place.screen} ${i.place.id} ${i.title}`;

/**
 * The notice's words: how many, and where to look — never a child's name or any detail of a case, since
 * a notice can show on a locked screen or a shared display.
 */
export function arrivalNotice(count: number): { title: string; body: string } {
  return {
    title: 'HSB Workbench',
    body:
      count === 1
        ? 'Something new is waiting for you in My work.'
        : `${count} new things are waiting for you in My work.`,
  };
}
