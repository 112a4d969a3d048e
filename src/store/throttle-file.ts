import { existsSync, readFileSync } from 'node:fs';
import { z } from 'zod';
import type { FailedSignIns } from '../domain/sign-in-throttle.ts';
import { writeFileAtomic } from './files.ts';

/**
 * Failed password attempts, kept beside the database in their own file so that they survive a restart
 * and can be read before anyone has unlocked anything. Only accounts in the keyring are kept here;
 * attempts at unknown usernames are counted in memory, so typing names cannot grow any file.
 */

const fileSchema = z.strictObject({
  format: z.literal('hsb-workbench-throttle'),
  accounts: z.record(
    z.string(),
    z.strictObject({ failures: z.number().int().nonnegative(), lastFailureAt: z.string() }),
  ),
});

export class ThrottleFile {
  private readonly path: string;
  private accounts: Map<string, FailedSignIns>;

  private constructor(path: string, accounts: Map<string, FailedSignIns>) {
    this.path = path;
    this.accounts = accounts;
  }

  /** An unreadable or altered file counts as no failures rather than locking anyone out. */
  static load(path: string): ThrottleFile {
    const accounts = new Map<string, FailedSignIns>();
    if (existsSync(path)) {
      try {
        const parsed = fileSchema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
        if (parsed.success) for (const [k, v] of Object.entries(parsed.data.accounts)) accounts.set(k, v);
      } catch {
        // fall through with no failures recorded
      }
    }
    return new ThrottleFile(path, accounts);
  }

  get(key: string): FailedSignIns | undefined {
    return this.accounts.get(key);
  }

  set(key: string, state: FailedSignIns | undefined): void {
    if (state) this.accounts.set(key, state);
    else if (!this.accounts.delete(key)) return;
    const accounts: Record<string, FailedSignIns> = Object.create(null);
    for (const [k, v] of this.accounts) accounts[k] = v;
    writeFileAtomic(
      this.path,
      `${JSON.stringify({ format: 'hsb-workbench-throttle', accounts }, null, 2)}\n`,
    );
  }
}
