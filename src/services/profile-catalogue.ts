import type { ProfileSummary } from '../contract/schemas.ts';

// The authorities whose protocols the workbench knows. The profiles themselves (timescales, risk
// matrix, eligibility) are data added by the protocol-profiles work; until then a case records the name.
const BUILT_IN: readonly ProfileSummary[] = [
  { id: 'england', name: 'England (Working Together 2023)', version: 1 },
  { id: 'hounslow', name: 'Hounslow', version: 1 },
  { id: 'islington', name: 'Islington', version: 1 },
  { id: 'lancashire', name: 'Lancashire', version: 1 },
  { id: 'blackpool', name: 'Blackpool', version: 1 },
];

export const listProfiles = (): ProfileSummary[] => [...BUILT_IN];

export const findProfile = (id: string): ProfileSummary | undefined => BUILT_IN.find((p) => p.id === id);
