// A call refused because the workbench was locked is worth trying again once it is unlocked: screens
// that loaded while locked listen here, and the signed-in shell announces each unlock.

const listeners = new Set<() => void>();

export function whenUnlocked(listener: () => void): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

export function announceUnlocked(): void {
  for (const listener of [...listeners]) listener();
}
