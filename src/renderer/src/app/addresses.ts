// Screens are addressed by the URL hash (#/cases/…), so links are real links and the
// window's back and forward work. Hashes not starting with '#/' (in-page links) are ignored.
// Pure: the router (router.tsx) keeps the current address in React.

export type Route =
  | { name: 'my-work' }
  | { name: 'cases' }
  | { name: 'case'; caseId: string; section?: string }
  | { name: 'pattern-map'; caseId: string; section?: string }
  | { name: 'case-sync'; caseId: string }
  | { name: 'new-child' }
  | { name: 'open-case'; childId: string }
  | { name: 'users' }
  | { name: 'user'; userId: string }
  | { name: 'administration' }
  | { name: 'profiles' }
  | { name: 'profile'; profileId: string; version: number }
  | { name: 'change-password' }
  | { name: 'new-assessment'; caseId: string }
  | { name: 'assessment'; assessmentId: string; section?: string }
  | { name: 'frameworks' }
  | { name: 'sign-off'; assessmentId: string }
  | { name: 'report-format' }
  | { name: 'hsb-concern'; caseId: string }
  | { name: 'hsb-category'; caseId: string }
  | { name: 'hsb-meetings'; caseId: string }
  | { name: 'hsb-meeting-new'; caseId: string }
  | { name: 'hsb-consultation'; caseId: string }
  | { name: 'hsb-plans'; caseId: string }
  | { name: 'hsb-steps'; caseId: string }
  | { name: 'nfa-decisions' };

export const DEFAULT_ROUTE: Route = { name: 'cases' };

/**
 * Each screen's address after '#/': fixed parts, and `:field` for a part that carries the route's field
 * of that name (`:version`, a whole number from 1). A last part `:section?` is the part of a long page
 * shown or scrolled to, and may be left out; where two addresses fit, the one with more fixed parts wins
 * (`cases/1/map` is the pattern map, not a section of the case page called "map").
 */
const PATHS: Record<Route['name'], string> = {
  'my-work': 'my-work',
  cases: 'cases',
  case: 'cases/:caseId/:section?',
  'pattern-map': 'cases/:caseId/map/:section?',
  'case-sync': 'cases/:caseId/sync',
  'new-child': 'children/new',
  'open-case': 'children/:childId/open-case',
  users: 'users',
  user: 'users/:userId',
  administration: 'administration',
  profiles: 'profiles',
  profile: 'profiles/:profileId/:version',
  'change-password': 'account/password',
  'new-assessment': 'cases/:caseId/assessments/new',
  assessment: 'assessments/:assessmentId/:section?',
  frameworks: 'frameworks',
  'sign-off': 'assessments/:assessmentId/sign-off',
  'report-format': 'report-format',
  'hsb-concern': 'cases/:caseId/concern/new',
  'hsb-category': 'cases/:caseId/risk-category',
  'hsb-meetings': 'cases/:caseId/strategy-meetings',
  'hsb-meeting-new': 'cases/:caseId/strategy-meeting/new',
  'hsb-consultation': 'cases/:caseId/consultation',
  'hsb-plans': 'cases/:caseId/plans',
  'hsb-steps': 'cases/:caseId/steps',
  'nfa-decisions': 'nfa-decisions',
};

export function hrefFor(route: Route): string {
  const fields = route as unknown as Record<string, string | number | undefined>;
  const parts = PATHS[route.name]
    .split('/')
    .filter((part) => !(part.endsWith('?') && !fields[part.slice(1, -1)]))
    .map((part) =>
      part.startsWith(':') ? encodeURIComponent(String(fields[part.slice(1).replace(/\?$/, '')])) : part,
    );
  return `#/${parts.join('/')}`;
}

/** The route for a hash, or null when the hash is not a screen address. */
export function parseRoute(hash: string): Route | null {
  if (!hash.startsWith('#/')) return null;
  const parts = hash.slice(2).split('/').map(decodeURIComponent);
  let best: { route: Route; fixed: number } | null = null;
  for (const [name, path] of Object.entries(PATHS)) {
    const pattern = path.split('/');
    const optional = pattern.at(-1)?.endsWith('?') ? 1 : 0;
    if (parts.length > pattern.length || parts.length < pattern.length - optional) continue;
    const route: Record<string, string | number> = { name };
    const matches = parts.every((part, i) => {
      const expected = pattern[i] ?? '';
      if (!expected.startsWith(':')) return part === expected;
      if (expected === ':version') {
        route.version = Number(part);
        return /^[1-9]\d{0,5}$/.test(part);
      }
      route[expected.slice(1).replace(/\?$/, '')] = part;
      return part !== '';
    });
    const fixed = pattern.filter((part) => !part.startsWith(':')).length;
    if (matches && (!best || fixed > best.fixed)) best = { route: route as unknown as Route, fixed };
  }
  return best?.route ?? DEFAULT_ROUTE;
}

/** A route without the part of the page it points at: the same screen, whichever part is shown. */
export function screenOf(route: Route): Route {
  if (!('section' in route)) return route;
  const { section: _section, ...screen } = route;
  return screen as Route;
}
