import { createContext, useContext } from 'react';
import type { SessionStatus, UserSummary } from '#contract/schemas.ts';
import type { Role } from '#contract/vocabulary.ts';

export interface SessionValue {
  status: SessionStatus;
  user: UserSummary;
  /** Replace the session status with one a call returned. */
  setStatus: (status: SessionStatus) => void;
  /** Ask the workbench for the current status. */
  refresh: () => Promise<void>;
  lock: () => Promise<void>;
  signOut: () => Promise<void>;
}

export const SessionContext = createContext<SessionValue | null>(null);

export function useSession(): SessionValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside a signed-in session');
  return value;
}

export const hasRole = (user: Pick<UserSummary, 'roles'>, ...roles: Role[]) =>
  roles.some((role) => user.roles.includes(role));

/** Practitioners and managers do casework; the main process refuses case calls to anyone else. */
export const canDoCasework = (user: Pick<UserSummary, 'roles'>) => hasRole(user, 'practitioner', 'manager');
export const isAdministrator = (user: Pick<UserSummary, 'roles'>) => hasRole(user, 'administrator');
