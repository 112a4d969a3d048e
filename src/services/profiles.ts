import type { ParsedRequest } from '../contract/calls.ts';
import { WorkbenchError } from '../contract/errors.ts';
import type { ProfileListItem, ProfileVersionView } from '../contract/timescale-schemas.ts';
import type { WorkingCalendar } from '../domain/clock/index.ts';
import {
  BUILT_IN_PROFILES,
  type Profile,
  parseProfile,
  readableCitations,
} from '../domain/profiles/index.ts';
import type { Db } from '../store/database.ts';
import {
  closureDays,
  findStoredProfile,
  insertProfileVersion,
  type ProfileSource,
  storedProfiles,
} from '../store/profiles.ts';
import { saveExportFile } from './export-file.ts';
import type { Workbench } from './workbench.ts';

// Protocol profiles: the built-in ones ship in code; imported and cloned ones, and a copy of every
// built-in version a case has opened under, live in the store so a case's rules never change under it.

const builtIn = (id: string) => BUILT_IN_PROFILES.find((p) => p.id === id);

interface Known {
  profile: Profile;
  source: ProfileSource;
}

function allVersions(db: Db): Map<string, Known[]> {
  const byId = new Map<string, Known[]>();
  const add = (k: Known) => {
    const list = byId.get(k.profile.id) ?? [];
    if (!list.some((x) => x.profile.version === k.profile.version)) list.push(k);
    byId.set(k.profile.id, list);
  };
  for (const p of BUILT_IN_PROFILES) add({ profile: p, source: 'built-in' });
  for (const s of storedProfiles(db)) add({ profile: s.profile, source: s.source });
  for (const list of byId.values()) list.sort((a, b) => a.profile.version - b.profile.version);
  return byId;
}

export function listProfiles(db: Db): ProfileListItem[] {
  return [...allVersions(db).values()]
    .map((versions) => {
      const latest = versions[versions.length - 1] as Known;
      return {
        id: latest.profile.id,
        name: latest.profile.name,
        version: latest.profile.version,
        authority: latest.profile.authority,
        nation: latest.profile.nation,
        source: builtIn(latest.profile.id) ? ('built-in' as const) : latest.source,
        versions: versions.map((v) => v.profile.version),
      };
    })
    .sort((a, b) => a.name.localeCompare(b.name, 'en-GB'));
}

export function resolveProfile(db: Db, id: string, version: number): Known | undefined {
  const stored = findStoredProfile(db, id, version);
  if (stored) return { profile: stored.profile, source: stored.source };
  const code = builtIn(id);
  return code && code.version === version ? { profile: code, source: 'built-in' } : undefined;
}

export function latestProfile(db: Db, id: string): Known | undefined {
  const versions = allVersions(db).get(id);
  return versions?.[versions.length - 1];
}

export function requireProfile(db: Db, id: string, version: number): Profile {
  const known = resolveProfile(db, id, version);
  if (!known) {
    throw new WorkbenchError(
      'not-found',
      `Protocol profile ${id} version ${version} is not in this workbench. Import that version, or move the case to one that is.`,
    );
  }
  return known.profile;
}

/** Keeps a copy of the built-in version a case opens under, so a later app release cannot change it. */
export function keepBuiltInSnapshot(db: Db, profile: Profile, now: string): void {
  if (builtIn(profile.id) && !findStoredProfile(db, profile.id, profile.version)) {
    insertProfileVersion(db, profile, 'built-in', null, now);
  }
}

/** The working-day calendar for a profile: its nation's bank holidays and the local closure days. */
export function calendarFor(db: Db, profile: Profile): WorkingCalendar {
  return { nation: profile.nation, closureDays: closureDays(db).map((c) => c.day) };
}

function refuseInvalid(errors: { path: string; message: string }[]): never {
  throw new WorkbenchError(
    'invalid-request',
    `The profile was not imported: ${errors.length} problem${errors.length === 1 ? '' : 's'} found. Nothing has been changed.`,
    { problems: errors.map((e) => ({ path: e.path || '(profile)', message: e.message })) },
  );
}

function addProfile(
  wb: Workbench,
  profile: Profile,
  source: ProfileSource,
  summary: string,
): ProfileListItem {
  const userId = wb.signedIn().user.id;
  return wb.write((db, audit) => {
    if (builtIn(profile.id)) {
      throw new WorkbenchError(
        'rule-broken',
        `“${profile.id}” is a built-in profile and cannot be replaced. Clone it under a new id to make your own version.`,
        { problems: [{ path: 'id', message: 'is the id of a built-in profile' }] },
      );
    }
    const latest = latestProfile(db, profile.id);
    if (latest && profile.version <= latest.profile.version) {
      throw new WorkbenchError(
        'conflict',
        `Profile “${profile.id}” already has version ${latest.profile.version}. Give the new one version ${latest.profile.version + 1} or higher; versions are never overwritten.`,
        { problems: [{ path: 'version', message: `must be above ${latest.profile.version}` }] },
      );
    }
    insertProfileVersion(db, profile, source, userId, wb.now().toISOString());
    audit({
      action: `profile.${source === 'cloned' ? 'clone' : 'import'}`,
      recordType: 'profile',
      recordId: `${profile.id}@${profile.version}`,
      summary,
    });
    const item = listProfiles(db).find((p) => p.id === profile.id);
    if (!item) throw new WorkbenchError('internal', 'The profile was saved but cannot be listed.');
    return item;
  });
}

export function importProfile(wb: Workbench, req: ParsedRequest<'profiles.import'>): ProfileListItem {
  let json: unknown;
  try {
    json = JSON.parse(req.text);
  } catch (error) {
    refuseInvalid([{ path: '(file)', message: `is not valid JSON (${(error as Error).message})` }]);
  }
  const parsed = parseProfile(json);
  if (!parsed.ok) refuseInvalid(parsed.errors);
  return addProfile(
    wb,
    parsed.profile,
    'imported',
    `imported ${parsed.profile.name} version ${parsed.profile.version}`,
  );
}

export function cloneProfile(wb: Workbench, req: ParsedRequest<'profiles.clone'>): ProfileListItem {
  const source = requireProfile(wb.db(), req.id, req.version);
  if (latestProfile(wb.db(), req.newId)) {
    throw new WorkbenchError(
      'conflict',
      `A profile with the id “${req.newId}” already exists. Choose another id.`,
      {
        problems: [{ path: 'newId', message: 'is already used' }],
      },
    );
  }
  const copy: Profile = { ...readableCitations(source), id: req.newId, name: req.newName, version: 1 };
  return addProfile(wb, copy, 'cloned', `cloned ${source.id} version ${source.version} as ${req.newId}`);
}

export function getProfile(wb: Workbench, req: ParsedRequest<'profiles.get'>): ProfileVersionView {
  const known = resolveProfile(wb.db(), req.id, req.version);
  if (!known) throw new WorkbenchError('not-found', 'That profile version is not in this workbench.');
  return { source: known.source, document: readableCitations(known.profile) };
}

export async function exportProfile(wb: Workbench, req: ParsedRequest<'profiles.export'>) {
  const startedIn = wb.signedIn();
  // Citations go out readable, even from a version stored before they were (never a source file name).
  const profile = readableCitations(requireProfile(wb.db(), req.id, req.version));
  const path = await wb.host.chooseSaveFile(`${profile.id}-v${profile.version}.json`);
  if (!path) return null;
  saveExportFile(wb, {
    startedIn,
    caseId: null,
    path,
    content: `${JSON.stringify(profile, null, 2)}\n`,
    what: `the protocol profile ${profile.id}, version ${profile.version}`,
    audit: {
      action: 'profile.export',
      recordType: 'profile',
      recordId: `${profile.id}@${profile.version}`,
      summary: `exported to ${path}`,
    },
  });
  return { savedTo: path };
}
