import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';

import { DEFAULT_ROUTE, hrefFor, parseRoute, type Route } from './addresses.ts';

// The current screen's address (addresses.ts), kept in step with the window's hash.

export { DEFAULT_ROUTE, hrefFor, parseRoute, type Route, screenOf } from './addresses.ts';

interface RouterValue {
  route: Route;
  /** Go to a screen, optionally with a one-line confirmation to show there. */
  navigate: (route: Route, flash?: string) => void;
  /** The confirmation left for the current screen by the one before, if any. */
  flash: string | undefined;
}

const RouterContext = createContext<RouterValue | null>(null);

/** Where the address each window showed is kept: this window's session storage, which a reload keeps. */
const ADDRESS_KEY = 'hsb-workbench:address';

/** The address this window last showed, and whose session it was. */
export function lastAddress(): { userId: string; address: string } | null {
  try {
    const kept = JSON.parse(sessionStorage.getItem(ADDRESS_KEY) ?? 'null') as unknown;
    if (kept && typeof kept === 'object' && 'userId' in kept && 'address' in kept) {
      const { userId, address } = kept;
      if (typeof userId === 'string' && typeof address === 'string') return { userId, address };
    }
  } catch {
    // Nothing kept, or not readable: start at home.
  }
  return null;
}

export function RouterProvider({
  children,
  userId,
  home = DEFAULT_ROUTE,
  resumeAt,
}: {
  children: ReactNode;
  /** Whose session this is: the address is kept for them alone. */
  userId: string;
  home?: Route;
  /** The address to come back to after a reload of the window, if any. */
  resumeAt?: string;
}) {
  // Each person's session starts on their home screen (My work for casework, otherwise the cases
  // screen), whatever the previous person was looking at; a reload comes back where it was.
  const [route, setRoute] = useState<Route>(() => {
    const start = (resumeAt && parseRoute(resumeAt)) || home;
    history.replaceState(null, '', hrefFor(start));
    return start;
  });
  const [flash, setFlash] = useState<{ href: string; message: string } | null>(null);

  useEffect(() => {
    try {
      sessionStorage.setItem(ADDRESS_KEY, JSON.stringify({ userId, address: hrefFor(route) }));
    } catch {
      // A window that cannot keep it comes back at home after a reload.
    }
  }, [userId, route]);

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
