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

export function hrefFor(route: Route): string {
  const id = (value: string) => encodeURIComponent(value);
  switch (route.name) {
    case 'my-work':
      return '#/my-work';
    case 'cases':
      return '#/cases';
    case 'case':
      return `#/cases/${id(route.caseId)}`;
    case 'pattern-map':
      return `#/cases/${id(route.caseId)}/map`;
    case 'case-sync':
      return `#/cases/${id(route.caseId)}/sync`;
    case 'new-child':
      return '#/children/new';
    case 'open-case':
      return `#/children/${id(route.childId)}/open-case`;
    case 'users':
      return '#/users';
    case 'user':
      return `#/users/${id(route.userId)}`;
    case 'administration':
      return '#/administration';
    case 'profiles':
      return '#/profiles';
    case 'profile':
      return `#/profiles/${id(route.profileId)}/${route.version}`;
    case 'change-password':
      return '#/account/password';
    case 'new-assessment':
      return `#/cases/${id(route.caseId)}/assessments/new`;
    case 'assessment':
      return `#/assessments/${id(route.assessmentId)}`;
    case 'frameworks':
      return '#/frameworks';
    case 'sign-off':
      return `#/assessments/${id(route.assessmentId)}/sign-off`;
    case 'report-format':
      return '#/report-format';
    case 'hsb-concern':
      return `#/cases/${id(route.caseId)}/concern/new`;
    case 'hsb-category':
      return `#/cases/${id(route.caseId)}/risk-category`;
    case 'hsb-meetings':
      return `#/cases/${id(route.caseId)}/strategy-meetings`;
    case 'hsb-meeting-new':
      return `#/cases/${id(route.caseId)}/strategy-meeting/new`;
    case 'hsb-consultation':
      return `#/cases/${id(route.caseId)}/consultation`;
    case 'hsb-plans':
      return `#/cases/${id(route.caseId)}/plans`;
    case 'hsb-steps':
      return `#/cases/${id(route.caseId)}/steps`;
    case 'nfa-decisions':
      return '#/nfa-decisions';
  }
}

/** The route for a hash, or null when the hash is not a screen address. */
export function parseRoute(hash: string): Route | null {
  if (!hash.startsWith('#/')) return null;
  const parts = hash.slice(2).split('/').map(decodeURIComponent);
  const [first, second, third] = parts;
  if (first === 'my-work' && parts.length === 1) return { name: 'my-work' };
  if (first === 'cases' && parts.length === 1) return { name: 'cases' };
  if (first === 'cases' && second && parts.length === 2) return { name: 'case', caseId: second };
  if (first === 'cases' && second && third === 'map' && parts.length === 3)
    return { name: 'pattern-map', caseId: second };
  if (first === 'cases' && second && third === 'sync' && parts.length === 3)
    return { name: 'case-sync', caseId: second };
  if (first === 'children' && second === 'new' && parts.length === 2) return { name: 'new-child' };
  if (first === 'children' && second && third === 'open-case') return { name: 'open-case', childId: second };
  if (first === 'users' && parts.length === 1) return { name: 'users' };
  if (first === 'users' && second && parts.length === 2) return { name: 'user', userId: second };
  if (first === 'administration') return { name: 'administration' };
  if (first === 'profiles' && parts.length === 1) return { name: 'profiles' };
  if (first === 'profiles' && second && third && /^[1-9]\d{0,5}$/.test(third) && parts.length === 3) {
    return { name: 'profile', profileId: second, version: Number(third) };
  }
  if (first === 'account' && second === 'password') return { name: 'change-password' };
  if (first === 'cases' && second && third === 'assessments' && parts[3] === 'new' && parts.length === 4)
    return { name: 'new-assessment', caseId: second };
  if (first === 'assessments' && second && parts.length === 2)
    return { name: 'assessment', assessmentId: second };
  if (first === 'frameworks' && parts.length === 1) return { name: 'frameworks' };
  if (first === 'assessments' && second && third === 'sign-off' && parts.length === 3)
    return { name: 'sign-off', assessmentId: second };
  if (first === 'report-format' && parts.length === 1) return { name: 'report-format' };
  if (first === 'cases' && second && third === 'concern' && parts[3] === 'new' && parts.length === 4)
    return { name: 'hsb-concern', caseId: second };
  if (first === 'cases' && second && third === 'risk-category' && parts.length === 3)
    return { name: 'hsb-category', caseId: second };
  if (first === 'cases' && second && third === 'strategy-meetings' && parts.length === 3)
    return { name: 'hsb-meetings', caseId: second };
  if (first === 'cases' && second && third === 'strategy-meeting' && parts[3] === 'new' && parts.length === 4)
    return { name: 'hsb-meeting-new', caseId: second };
  if (first === 'cases' && second && third === 'consultation' && parts.length === 3)
    return { name: 'hsb-consultation', caseId: second };
  if (first === 'cases' && second && third === 'plans' && parts.length === 3)
    return { name: 'hsb-plans', caseId: second };
  if (first === 'cases' && second && third === 'steps' && parts.length === 3)
    return { name: 'hsb-steps', caseId: second };
  if (first === 'nfa-decisions' && parts.length === 1) return { name: 'nfa-decisions' };
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
