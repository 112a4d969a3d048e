import { randomUUID } from 'node:crypto';
import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** The steps of writing a file, where a test may make the next one fail. */
export type FileStep = 'write' | 'fsync' | 'rename';

let fault: { step: FileStep; code: string } | null = null;

/**
 * Test-only seam: the next file write made through this module fails at `step` with the system error
 * `code` (ENOSPC, disk full, unless told otherwise), once. `null` clears a fault that has not fired.
 */
export function injectFileFault(step: FileStep | null, code = 'ENOSPC'): void {
  fault = step ? { step, code } : null;
}

function faultAt(step: FileStep): void {
  if (fault?.step !== step) return;
  const { code } = fault;
  fault = null;
  throw Object.assign(new Error(`${code}: injected fault at ${step}`), { code, syscall: step });
}

/** A name for a temporary file beside `path`, unique to this write. */
export function tempPathBeside(path: string): string {
  return join(dirname(path), `.${basename(path)}.${randomUUID()}.tmp`);
}

/**
 * Creates `path` (it must not exist) readable by the owner only, writes `content` and flushes it to
 * the disk. On failure the half-written file is removed and the error is thrown.
 */
export function writeNewFile(path: string, content: string | Buffer): void {
  const bytes = typeof content === 'string' ? Buffer.from(content) : content;
  let fd: number | null = null;
  try {
    fd = openSync(path, 'wx', 0o600);
    faultAt('write');
    let written = 0;
    while (written < bytes.length) written += writeSync(fd, bytes, written, bytes.length - written);
    faultAt('fsync');
    fsyncSync(fd);
    closeSync(fd);
    fd = null;
  } catch (error) {
    if (fd !== null) closeSync(fd);
    // Never leave a half-written copy (of an export, say) lying about.
    rmSync(path, { force: true });
    throw error;
  }
}

/** Renames `from` onto `to` (replacing it) and flushes the folder, so the rename survives a power cut. */
export function renameInto(from: string, to: string): void {
  faultAt('rename');
  renameSync(from, to);
  try {
    const dir = openSync(dirname(to), 'r');
    try {
      fsyncSync(dir);
    } finally {
      closeSync(dir);
    }
  } catch {
    // Some file systems do not allow fsync on a directory; the rename is still atomic.
  }
}

/** Replace a file so that a crash leaves either the old or the new content, never half of each. */
export function writeFileAtomic(path: string, content: string | Buffer): void {
  const temp = tempPathBeside(path);
  writeNewFile(temp, content);
  try {
    renameInto(temp, path);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}
