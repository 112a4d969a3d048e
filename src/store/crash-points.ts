/**
 * Named points inside multi-file steps (key rotation, keyring changes) where a test's child process can
 * be killed exactly as a power cut would, by naming the point in HSB_TEST_CRASH_AT. Outside such a
 * test the variable is unset and this does nothing.
 */
export function crashPoint(name: string): void {
  if (process.env.HSB_TEST_CRASH_AT === name) process.kill(process.pid, 'SIGKILL');
}
