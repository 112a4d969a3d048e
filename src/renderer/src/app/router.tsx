import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';

// Screens are addressed by the URL hash (#/cases/…), so links are real links and the
// window's back and forward work. Hashes not starting with '#/' (in-page links) are ignored.

export type Route =
  | { name: 'my-work' }
  | { name: 'cases' }
  | { name: 'case'; caseId: string }
  | { name: 'pattern-map'; caseId: string }
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
  | { name: 'assessment'; assessmentId: string }
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
 * of that name (`:version`, a whole number from 1).
 */
const PATHS: Record<Route['name'], string> = {
  'my-work': 'my-work',
  cases: 'cases',
  case: 'cases/:caseId',
  'pattern-map': 'cases/:caseId/map',
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
  assessment: 'assessments/:assessmentId',
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
  const fields = route as unknown as Record<string, string | number>;
  const parts = PATHS[route.name]
    .split('/')
    .map((part) => (part.startsWith(':') ? encodeURIComponent(String(fields[part.slice(1)])) : part));
  return `#/${parts.join('/')}`;
}

/** The route for a hash, or null when the hash is not a screen address. */
export function parseRoute(hash: string): Route | null {
  if (!hash.startsWith('#/')) return null;
  const parts = hash.slice(2).split('/').map(decodeURIComponent);
  for (const [name, path] of Object.entries(PATHS)) {
    const pattern = path.split('/');
    if (pattern.length !== parts.length) continue;
    const route: Record<string, string | number> = { name };
    const matches = pattern.every((expected, i) => {
      const part = parts[i] ?? '';
      if (!expected.startsWith(':')) return part === expected;
      if (expected === ':version') {
        route.version = Number(part);
        return /^[1-9]\d{0,5}$/.test(part);
      }
      route[expected.slice(1)] = part;
      return part !== '';
    });
    if (matches) return route as unknown as Route;
  }
  return DEFAULT_ROUTE;
}

interface RouterValue {
  route: Route;
  /** Go to a screen, optionally with a one-line confirmation to show there. */
  navigate: (route: Route, flash?: string) => void;
  /** The confirmation left for the current screen by the one before, if any. */
  flash: string | undefined;
}

const RouterContext = createContext<RouterValue | null>(null);

export function RouterProvider({ children, home = DEFAULT_ROUTE }: { children: ReactNode; home?: Route }) {
  // Each person's session starts on their home screen (My work for casework, otherwise the cases
  // screen), whatever the previous person was looking at.
  const [route, setRoute] = useState<Route>(() => {
    history.replaceState(null, '', hrefFor(home));
    return home;
  });
  const [flash, setFlash] = useState<{ href: string; message: string } | null>(null);

  useEffect(() => {
    const onHashChange = () => {
      const next = parseRoute(window.location.hash);
      if (!next) return;
      setRoute(next);
      setFlash((current) => (current && current.href === hrefFor(next) ? current : null));
    };
    window.addEventListener('hashchange', onHashChange);
    return () => window.removeEventListener('hashchange', onHashChange);
  }, []);

  const navigate = useCallback((next: Route, message?: string) => {
    const href = hrefFor(next);
    setFlash(message ? { href, message } : null);
    setRoute(next);
    if (window.location.hash !== href) window.location.hash = href;
  }, []);

  const value = useMemo<RouterValue>(
    () => ({ route, navigate, flash: flash && flash.href === hrefFor(route) ? flash.message : undefined }),
    [route, navigate, flash],
  );
  return <RouterContext.Provider value={value}>{children}</RouterContext.Provider>;
}

export function useRouter(): RouterValue {
  const value = useContext(RouterContext);
  if (!value) throw new Error('useRouter outside RouterProvider');
  return value;
}

/** A link to a screen. */
export function RouteLink({
  to,
  children,
  className,
}: {
  to: Route;
  children: ReactNode;
  className?: string;
}) {
  return (
    <a href={hrefFor(to)} className={className}>
      {children}
    </a>
  );
}
