import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

// Doyensec's Electronegativity scans the app's source (main, preload, the renderer and its page) the
// way an auditor would. It runs offline: its look-up of Electron releases is excluded, and its
// translation download (which no option turns off) is refused by a preload that fails every outgoing
// connection. It runs through its programmatic API: the CLI's CSV writer races with itself.

const electronVersion = (
  JSON.parse(readFileSync('node_modules/electron/package.json', 'utf8')) as { version: string }
).version;

interface Finding {
  check: string;
  severity: string;
  confidence: string;
  file: string;
  line: number;
  manualReview: boolean;
  description: string;
}

/**
 * Findings accepted after review, each with the reason. Anything else at any severity fails the test.
 * A HIGH or MEDIUM finding may be here only if the scanner itself marks it "review required" (it
 * cannot decide it) and the review is written down.
 */
const ACCEPTED: { check: string; severity: string; file: string; reason: string }[] = [
  {
    check: 'PRELOAD_JS_CHECK',
    severity: 'MEDIUM',
    file: 'main/index.ts',
    reason:
      'Reported for every window with a preload ("review the use of preload scripts"). Reviewed: the preload is one sandboxed CommonJS bundle that exposes only window.workbench.call and requires only electron (test/main/security.test.ts checks both).',
  },
  {
    check: 'CSP_GLOBAL_CHECK',
    severity: 'LOW',
    file: 'main/index.ts',
    reason:
      'The scanner cannot read a policy built from a constant ("failed to parse CSP"). It is the same strict policy as the page\'s, which the scanner does read (next entry) and security.test.ts compares.',
  },
  {
    check: 'CSP_GLOBAL_CHECK',
    severity: 'LOW',
    file: 'renderer/index.html',
    reason:
      "Google's CSP evaluator flags script-src 'self' as possibly bypassable (JSONP or script gadgets on the same origin). The app's origin is its own packaged files, with no JSONP endpoint and no remote content, so 'self' cannot serve anything but the app's scripts.",
  },
];

function scan(): { findings: Finding[]; errors: string[]; stderr: string } {
  const support = join(import.meta.dirname, '../support');
  const result = spawnSync(
    process.execPath,
    [
      '--require',
      join(support, 'no-network.cjs'),
      join(support, 'electronegativity-scan.cjs'),
      resolve('src'),
      electronVersion,
    ],
    { encoding: 'utf8', timeout: 60_000, env: { ...process.env, LANG: 'en-US' } },
  );
  expect(result.status, result.stderr).toBe(0);
  const marker = result.stdout.indexOf('\nFINDINGS ');
  expect(marker, result.stdout).toBeGreaterThanOrEqual(0);
  const report = JSON.parse(result.stdout.slice(marker + '\nFINDINGS '.length)) as {
    findings: Finding[];
    errors: string[];
  };
  return { ...report, stderr: result.stderr };
}

describe('Electronegativity', () => {
  it('finds nothing HIGH or MEDIUM in the app beyond the reviewed preload, and only the accepted LOW notes', () => {
    const { findings, errors, stderr } = scan();
    // Every file was read, and nothing left the machine (the translation download was refused).
    expect(errors).toEqual([]);
    expect(stderr).not.toMatch(/Error/);
    const unaccepted = findings.filter(
      (f) =>
        !ACCEPTED.some(
          (a) =>
            a.check === f.check &&
            a.severity === f.severity &&
            a.file === f.file &&
            // A HIGH or MEDIUM finding is acceptable only where the scanner asks for a human review.
            (f.manualReview || (f.severity !== 'HIGH' && f.severity !== 'MEDIUM')),
        ),
    );
    expect(unaccepted).toEqual([]);
    const serious = findings.filter((f) => f.severity === 'HIGH' || f.severity === 'MEDIUM');
    expect(serious.map((f) => f.check)).toEqual(['PRELOAD_JS_CHECK']);
    // The checks that used to fire on the spread settings stay silent.
    for (const check of [
      'CONTEXT_ISOLATION_JS_CHECK',
      'SANDBOX_JS_CHECK',
      'NODE_INTEGRATION_JS_CHECK',
      'AUXCLICK_JS_CHECK',
    ]) {
      expect(findings.map((f) => f.check)).not.toContain(check);
    }
  }, 90_000);
});
