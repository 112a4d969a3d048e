/**
 * A named point in a multi-step file operation (backup, restore). Production code only announces the
 * step; the crash tests' child script sets `onStep` to end the process with SIGKILL at the step it
 * names, so each interruption is tested at a fixed point rather than at a random moment.
 */
export const stepHooks: { onStep: (name: string) => void } = { onStep: () => {} };

export function reached(name: string): void {
  stepHooks.onStep(name);
}
