import type { UserSummary } from '#contract/schemas.ts';

// Who may be allocated to a case: the co-assessors come one from each agency (the joint CSC / YOS
// assessment), and any active manager may oversee it.

const byName = (a: UserSummary, b: UserSummary) => a.name.localeCompare(b.name, 'en-GB');

export const socialWorkers = (users: readonly UserSummary[]) =>
  users
    .filter((u) => u.active && u.roles.includes('practitioner') && u.agency === 'childrens-social-care')
    .sort(byName);

export const yosPractitioners = (users: readonly UserSummary[]) =>
  users
    .filter((u) => u.active && u.roles.includes('practitioner') && u.agency === 'youth-justice')
    .sort(byName);

export const managers = (users: readonly UserSummary[]) =>
  users.filter((u) => u.active && u.roles.includes('manager')).sort(byName);

/** How a person appears in an allocation choice: their name, marked if AIM-trained. */
export const personOption = (u: UserSummary) => ({
  value: u.id,
  label: u.aimTrained ? `${u.name} (AIM-trained)` : u.name,
});
