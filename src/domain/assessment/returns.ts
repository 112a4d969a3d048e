// Returned work: the manager's comments on the parts of the assessment they are about (issue 14).

/** What a comment is about: 'whole', 'section:<key>' or 'domain:<id>'. */
export type ReturnAbout = string;
export interface ReturnComment {
  about: ReturnAbout;
  comment: string;
}

export const WHOLE_ASSESSMENT = 'whole';
const WHOLE_LABEL = 'The whole assessment';

/** The parts of an assessment a comment can be about, in page order, with the words that name them. */
export function returnParts(framework: {
  sections: { id: string; heading: string }[];
  domains: { id: string; name: string }[];
}): { about: ReturnAbout; label: string }[] {
  return [
    { about: WHOLE_ASSESSMENT, label: WHOLE_LABEL },
    ...framework.domains.map((d) => ({ about: `domain:${d.id}`, label: `Domain: ${d.name}` })),
    ...framework.sections.map((s) => ({ about: `section:${s.id}`, label: s.heading })),
  ];
}

/** The comments as one plain text, each under the part it is about (the QA history and the report show it). */
export function returnCommentsText(
  comments: ReturnComment[],
  labelOf: (about: ReturnAbout) => string,
): string {
  return comments.map((c) => `${labelOf(c.about)}: ${c.comment.trim()}`).join('\n');
}

/** The comments parsed from a stored return; an unreadable value reads as none. */
export function parseReturnComments(json: string): ReturnComment[] {
  try {
    const value = JSON.parse(json) as unknown;
    return Array.isArray(value)
      ? value.filter(
          (c): c is ReturnComment =>
            typeof c === 'object' &&
            c !== null &&
            typeof c.about === 'string' &&
            typeof c.comment === 'string',
        )
      : [];
  } catch {
    return [];
  }
}

/**
 * Each return in the report's history, with its comments (a return made before comments had parts is
 * one comment on the whole assessment) and whether it was answered: resubmitted afterwards.
 */
export function returnsOf<T extends { action: string; comments: string; sectionComments: string }>(
  transitions: T[],
): { transition: T; comments: ReturnComment[]; answered: boolean }[] {
  return transitions.flatMap((t, i) => {
    if (t.action !== 'return') return [];
    const parts = parseReturnComments(t.sectionComments);
    const comments =
      parts.length > 0 ? parts : t.comments ? [{ about: WHOLE_ASSESSMENT, comment: t.comments }] : [];
    const answered = transitions.slice(i + 1).some((x) => x.action === 'submit');
    return [{ transition: t, comments, answered }];
  });
}
