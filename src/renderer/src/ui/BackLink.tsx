import type { ReactNode } from 'react';
import { type Route, RouteLink } from '../app/router.tsx';

/** The GOV.UK back link above a screen's heading: 'Back to the case'. */
export function BackLink({ to, children }: { to: Route; children: ReactNode }) {
  return (
    <p className="back-link-wrapper">
      <RouteLink to={to} className="back-link">
        {children}
      </RouteLink>
    </p>
  );
}
