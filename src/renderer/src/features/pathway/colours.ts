// The Brook colours of a case's profile version, read from the profile document.

export interface Colour {
  id: string;
  label: string;
  /** What the profile says to do at this colour; empty when it says nothing. */
  response: string;
}

export function coloursOf(document: Record<string, unknown>): Colour[] {
  const brook = document.brook as { colours?: unknown } | undefined;
  if (!Array.isArray(brook?.colours)) return [];
  return brook.colours
    .filter((c) => typeof c?.id === 'string' && typeof c?.label === 'string')
    .map((c) => ({ id: c.id, label: c.label, response: typeof c.response === 'string' ? c.response : '' }));
}
