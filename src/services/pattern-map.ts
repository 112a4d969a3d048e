import { randomUUID } from 'node:crypto';
import type { ParsedRequest } from '../contract/calls.ts';
import { WorkbenchError } from '../contract/errors.ts';
import type { ItemFields, MapItem, MapMeeting, PatternMap } from '../contract/pattern-map-schemas.ts';
import type { Agency } from '../contract/vocabulary.ts';
import { ageOn } from '../domain/dates.ts';
import { chronologicalOrder, ORDER_EXPLANATION } from '../domain/event-order.ts';
import { commonPart } from '../domain/meeting.ts';
import { namesTheCaseKnows } from '../domain/pattern-map/anonymise.ts';
import { placeDate } from '../domain/pattern-map/uncertain-date.ts';
import { findCase } from '../store/cases.ts';
import { findChild } from '../store/children.ts';
import type { Db } from '../store/database.ts';
import { referralsOf, strategyMeetingsOf } from '../store/pathway.ts';
import {
  countLinksOfItem,
  deleteIdentifyingWord,
  deleteItem,
  deleteLink,
  deleteTheme,
  findItem,
  findLink,
  findMeeting,
  findPerson,
  findTheme,
  type ItemRow,
  identifyingWordsOf,
  insertIdentifyingWord,
  insertItem,
  insertItemRemoval,
  insertLifeEventType,
  insertLink,
  insertMeeting,
  insertTheme,
  itemsOfCase,
  lifeEventTypes,
  linksOfCase,
  type MeetingRow,
  mapExportsOf,
  meetingsOfCase,
  themesOfCase,
  updateItem,
  updateMeeting,
} from '../store/pattern-map.ts';
import { cannotBeAskedRule, consentExceptionViews } from './consent-exceptions.ts';
import { namesById } from './deadlines.ts';
import { casePeople, consentRecords } from './people.ts';
import { requireProfile } from './profiles.ts';
import { sharingStatus } from './sharing-status.ts';
import type { Workbench } from './workbench.ts';

/** The lane that holds the child's incidents of concerning sexual behaviour. */
export const INCIDENT_LANE = 'incidents';

function caseParts(db: Db, caseId: string) {
  const hsbCase = findCase(db, caseId);
  const child = hsbCase && findChild(db, hsbCase.childId);
  if (!hsbCase || !child) throw new WorkbenchError('not-found', 'That case was not found.');
  return { hsbCase, child, profile: requireProfile(db, hsbCase.profileId, hsbCase.profileVersion) };
}

function toMapItem(row: ItemRow, dateOfBirth: string, names: Map<string, string>): MapItem {
  return {
    id: row.id,
    version: row.version,
    kind: row.kind,
    lane: row.lane,
    what: row.what,
    people: row.people,
    place: row.place,
    date: row.date,
    span: placeDate(row.date, dateOfBirth),
    sourceAgency: row.sourceAgency as Agency,
    sourceDetail: row.sourceDetail,
    harmedPersonId: row.harmedPersonId,
    childAgeThen: row.childAgeThen,
    hackettCategory: row.hackettCategory,
    brookColour: row.brookColour,
    createdAt: row.createdAt,
    createdByName: names.get(row.createdBy) ?? row.createdBy,
    updatedAt: row.updatedAt,
    updatedByName: names.get(row.updatedBy) ?? row.updatedBy,
  };
}

const toMeeting = (m: MeetingRow, names: Map<string, string>): MapMeeting => ({
  id: m.id,
  version: m.version,
  ...commonPart(m),
  notes: m.notes,
  createdByName: names.get(m.createdBy) ?? m.createdBy,
  updatedAt: m.updatedAt,
});

/** Every name the case knows (anonymise.ts): its people, professionals, school, area, places and words. */
function knownNamesOf(
  db: Db,
  caseId: string,
  child: NonNullable<ReturnType<typeof findChild>>,
  names: Map<string, string>,
) {
  const attendees = [
    ...meetingsOfCase(db, caseId).flatMap((m) => m.attendees),
    ...strategyMeetingsOf(db, caseId).flatMap((m) => m.attendees),
  ];
  return namesTheCaseKnows({
    child,
    people: casePeople(db, caseId),
    professionals: [
      ...attendees.map((a) => ({ name: a.name, role: a.role })),
      ...referralsOf(db, caseId).map((r) => ({ name: r.referrerName, role: 'referrer' })),
      ...[...names.values()].map((name) => ({ name, role: '' })),
    ],
    places: itemsOfCase(db, caseId).map((i) => i.place),
    marked: identifyingWordsOf(db, caseId),
  });
}

export function readMap(db: Db, caseId: string): PatternMap {
  const { hsbCase, child, profile } = caseParts(db, caseId);
  const names = namesById(db);
  return {
    caseId,
    caseReference: hsbCase.reference,
    childName: child.name,
    childPreferredName: child.preferredName,
    dateOfBirth: child.dateOfBirth,
    lifeEventTypes: lifeEventTypes(db),
    categories: profile.riskMatrix.rows.map((r) => ({ id: r.category, label: r.label })),
    brookColours: profile.brook.colours.map((c) => ({ id: c.id, label: c.label })),
    people: casePeople(db, caseId),
    items: chronologicalOrder(itemsOfCase(db, caseId).map((row) => toMapItem(row, child.dateOfBirth, names))),
    links: linksOfCase(db, caseId).map((l) => ({
      id: l.id,
      fromId: l.fromId,
      toId: l.toId,
      kind: l.kind as PatternMap['links'][number]['kind'],
      label: l.label,
      createdByName: names.get(l.createdBy) ?? l.createdBy,
    })),
    themes: themesOfCase(db, caseId).map((t) => ({
      id: t.id,
      fromDay: t.fromDay,
      toDay: t.toDay,
      text: t.text,
      createdByName: names.get(t.createdBy) ?? t.createdBy,
    })),
    meetings: meetingsOfCase(db, caseId).map((m) => toMeeting(m, names)),
    consents: consentRecords(db, caseId, names),
    sharing: sharingStatus(db, caseId, names),
    orderExplanation: ORDER_EXPLANATION,
    knownNames: knownNamesOf(db, caseId, child, names),
    consentExceptions: consentExceptionViews(db, caseId, names),
    cannotBeAskedRule: cannotBeAskedRule(db, caseId) ?? null,
    shares: mapExportsOf(db, caseId).map((e) => ({
      at: e.at,
      byName: names.get(e.by) ?? e.by,
      audience: e.audience as 'internal' | 'external',
      recipient: e.recipient,
      view: e.view as 'named' | 'anonymised',
      format: e.format as 'png' | 'docx',
      consentBasis: e.consentBasis,
    })),
    identifyingWords: identifyingWordsOf(db, caseId).map((w) => ({
      id: w.id,
      word: w.word,
      shownAs: w.shownAs,
      createdByName: names.get(w.createdBy) ?? w.createdBy,
    })),
  };
}

/** A word a practitioner marks as identifying: the anonymised view and exports replace it. */
export function markIdentifying(wb: Workbench, req: ParsedRequest<'map.markIdentifying'>): PatternMap {
  const userId = wb.signedIn().user.id;
  return wb.write((db, audit) => {
    caseParts(db, req.caseId);
    const id = randomUUID();
    insertIdentifyingWord(db, {
      id,
      caseId: req.caseId,
      word: req.word.trim(),
      shownAs: req.shownAs.trim(),
      createdAt: wb.now().toISOString(),
      createdBy: userId,
    });
    // The word itself is not written in the trail: it identifies someone.
    audit({
      action: 'map.mark-identifying',
      recordType: 'case',
      recordId: req.caseId,
      summary: 'marked a word as identifying, to be hidden in the anonymised view',
    });
    return readMap(db, req.caseId);
  });
}

export function unmarkIdentifying(wb: Workbench, req: ParsedRequest<'map.unmarkIdentifying'>): PatternMap {
  return wb.write((db, audit) => {
    caseParts(db, req.caseId);
    if (!deleteIdentifyingWord(db, req.caseId, req.wordId))
      throw new WorkbenchError('not-found', 'That word is not marked on this case. Nothing was changed.');
    audit({
      action: 'map.unmark-identifying',
      recordType: 'case',
      recordId: req.caseId,
      summary: 'stopped hiding a word in the anonymised view',
    });
    return readMap(db, req.caseId);
  });
}

const refuse = (path: string, message: string, summary: string): never => {
  throw new WorkbenchError('invalid-request', summary, { problems: [{ path, message }] });
};

/** Checks an item against its case: lanes, people, harmed person, category and colour from the profile. */
function checkItem(
  db: Db,
  caseId: string,
  fields: ItemFields,
): { lane: string; childAgeThen: number | null } {
  const { child, profile } = caseParts(db, caseId);
  for (const [i, personId] of fields.people.entries()) {
    if (findPerson(db, personId)?.caseId !== caseId)
      refuse(
        `item.people[${i}]`,
        'is not a person on this case',
        'Everyone named on an item must be recorded on the case first.',
      );
  }
  const span = placeDate(fields.date, child.dateOfBirth);
  if (fields.kind === 'life-event') {
    if (!lifeEventTypes(db).some((t) => t.id === fields.lane))
      refuse(
        'item.lane',
        'is not a known type of life event',
        'Choose one of the types of life event listed.',
      );
    return { lane: fields.lane, childAgeThen: null };
  }
  if (fields.harmedPersonId) {
    const harmed = findPerson(db, fields.harmedPersonId);
    if (harmed?.caseId !== caseId)
      refuse(
        'item.harmedPersonId',
        'is not a person on this case',
        'Record the harmed person on the case (by reference, not name), then choose them.',
      );
  }
  if (fields.hackettCategory && !profile.riskMatrix.rows.some((r) => r.category === fields.hackettCategory)) {
    refuse('item.hackettCategory', 'is not a category of this profile', 'Choose a category from the list.');
  }
  if (fields.brookColour && !profile.brook.colours.some((c) => c.id === fields.brookColour)) {
    refuse('item.brookColour', 'is not a colour of this profile', 'Choose a Brook colour from the list.');
  }
  const childAgeThen = fields.childAgeThen ?? (span.approximate ? null : ageOn(child.dateOfBirth, span.from));
  if (childAgeThen !== null && childAgeThen < 0)
    refuse(
      'item.date',
      'is before the child was born',
      'The incident’s date is before the child’s date of birth.',
    );
  return { lane: INCIDENT_LANE, childAgeThen };
}

function rowFrom(
  fields: ItemFields,
  base: Pick<ItemRow, 'id' | 'caseId' | 'createdAt' | 'createdBy' | 'version'>,
  checked: { lane: string; childAgeThen: number | null },
  userId: string,
  now: string,
): ItemRow {
  const incident = fields.kind === 'incident' ? fields : null;
  return {
    ...base,
    kind: fields.kind,
    lane: checked.lane,
    what: fields.what,
    people: fields.people,
    place: fields.place,
    date: fields.date,
    sourceAgency: fields.sourceAgency,
    sourceDetail: fields.sourceDetail,
    harmedPersonId: incident?.harmedPersonId ?? null,
    childAgeThen: checked.childAgeThen,
    hackettCategory: incident?.hackettCategory ?? '',
    brookColour: incident?.brookColour ?? '',
    updatedAt: now,
    updatedBy: userId,
  };
}

const itemWord = (kind: string) =>
  kind === 'incident' ? 'an incident of concerning sexual behaviour' : 'a life event';

export function addItem(wb: Workbench, req: ParsedRequest<'map.addItem'>): MapItem {
  const userId = wb.signedIn().user.id;
  const now = wb.now().toISOString();
  return wb.write((db, audit) => {
    const checked = checkItem(db, req.caseId, req.item);
    const row = rowFrom(
      req.item,
      { id: randomUUID(), caseId: req.caseId, createdAt: now, createdBy: userId, version: 1 },
      checked,
      userId,
      now,
    );
    insertItem(db, row);
    audit({
      action: 'map.add-item',
      recordType: 'map-item',
      recordId: row.id,
      summary: `added ${itemWord(row.kind)} from ${row.sourceAgency}`,
    });
    return toMapItem(row, caseParts(db, req.caseId).child.dateOfBirth, namesById(db));
  });
}

function conflict(db: Db, id: string): never {
  const now = findItem(db, id);
  const who = now ? (namesById(db).get(now.updatedBy) ?? 'someone else') : 'someone else';
  throw new WorkbenchError(
    'conflict',
    now
      ? `${who} changed this item while you were editing it. Your change was not saved: reload the map to see theirs, then make yours again.`
      : 'This item was removed by someone else while you were editing it.',
  );
}

export function editItem(wb: Workbench, req: ParsedRequest<'map.updateItem'>): MapItem {
  const userId = wb.signedIn().user.id;
  const now = wb.now().toISOString();
  return wb.write((db, audit) => {
    const before = findItem(db, req.itemId);
    if (!before) throw new WorkbenchError('not-found', 'That item is not on the map.');
    if (before.kind !== req.item.kind)
      refuse(
        'item.kind',
        'cannot change',
        'A life event cannot become an incident, or the other way round: add a new item instead.',
      );
    const checked = checkItem(db, before.caseId, req.item);
    const row = rowFrom(req.item, before, checked, userId, now);
    if (!updateItem(db, row, req.expectedVersion)) conflict(db, req.itemId);
    audit({
      action: 'map.update-item',
      recordType: 'map-item',
      recordId: row.id,
      summary: `changed ${itemWord(row.kind)}`,
    });
    const after = findItem(db, row.id) as ItemRow;
    return toMapItem(after, caseParts(db, before.caseId).child.dateOfBirth, namesById(db));
  });
}

export function moveItem(wb: Workbench, req: ParsedRequest<'map.moveItem'>): MapItem {
  const before = findItem(wb.db(), req.itemId);
  if (!before) throw new WorkbenchError('not-found', 'That item is not on the map.');
  if (before.kind === 'incident') {
    throw new WorkbenchError(
      'rule-broken',
      'Incidents of concerning sexual behaviour stay on the child’s own lane.',
    );
  }
  const item: ItemFields = {
    kind: 'life-event',
    lane: req.lane,
    people: before.people,
    what: before.what,
    place: before.place,
    date: before.date,
    sourceAgency: before.sourceAgency as Agency,
    sourceDetail: before.sourceDetail,
  };
  return editItem(wb, { itemId: req.itemId, expectedVersion: req.expectedVersion, item });
}

/** Removes an item and the links to it (the database cascades), keeping the reason given. */
export function removeItem(wb: Workbench, req: ParsedRequest<'map.removeItem'>): null {
  const userId = wb.signedIn().user.id;
  return wb.write((db, audit) => {
    const before = findItem(db, req.itemId);
    if (!before) throw new WorkbenchError('not-found', 'That item is not on the map.');
    const links = countLinksOfItem(db, req.itemId);
    if (!deleteItem(db, req.itemId, req.expectedVersion)) conflict(db, req.itemId);
    insertItemRemoval(db, {
      id: randomUUID(),
      caseId: before.caseId,
      itemId: before.id,
      kind: before.kind,
      reason: req.reason,
      removedAt: wb.now().toISOString(),
      removedBy: userId,
    });
    const andLinks = links === 0 ? '' : ` and ${links} link${links === 1 ? '' : 's'} to it`;
    audit({
      action: 'map.remove-item',
      recordType: 'map-item',
      recordId: req.itemId,
      summary: `removed ${itemWord(before.kind)}${andLinks}; reason recorded`,
    });
    return null;
  });
}

export function addLink(wb: Workbench, req: ParsedRequest<'map.addLink'>): PatternMap {
  const userId = wb.signedIn().user.id;
  if (req.fromId === req.toId)
    refuse(
      'toId',
      'must be a different item',
      'An item cannot be linked to itself: choose two different items.',
    );
  if (req.kind === 'other' && !req.label)
    refuse('label', 'is required for a link of type “other”', 'Describe the link.');
  return wb.write((db, audit) => {
    for (const [path, id] of [
      ['fromId', req.fromId],
      ['toId', req.toId],
    ] as const) {
      if (findItem(db, id)?.caseId !== req.caseId)
        refuse(path, 'is not an item on this map', 'Both ends of a link must be items on this map.');
    }
    const id = randomUUID();
    insertLink(
      db,
      {
        id,
        caseId: req.caseId,
        fromId: req.fromId,
        toId: req.toId,
        kind: req.kind,
        label: req.label,
        createdBy: userId,
      },
      wb.now().toISOString(),
    );
    audit({
      action: 'map.add-link',
      recordType: 'map-link',
      recordId: id,
      summary: `linked two items (${req.kind})`,
    });
    return readMap(db, req.caseId);
  });
}

export function removeLink(wb: Workbench, req: ParsedRequest<'map.removeLink'>): PatternMap {
  return wb.write((db, audit) => {
    const link = findLink(db, req.linkId);
    if (!link) throw new WorkbenchError('not-found', 'That link is not on the map.');
    deleteLink(db, link.id);
    audit({
      action: 'map.remove-link',
      recordType: 'map-link',
      recordId: link.id,
      summary: `removed a ${link.kind} link`,
    });
    return readMap(db, link.caseId);
  });
}

export function addTheme(wb: Workbench, req: ParsedRequest<'map.addTheme'>): PatternMap {
  const userId = wb.signedIn().user.id;
  if (req.toDay < req.fromDay)
    refuse('toDay', 'must not be before the start date', 'The end date is before the start date.');
  return wb.write((db, audit) => {
    caseParts(db, req.caseId);
    const id = randomUUID();
    insertTheme(
      db,
      { id, caseId: req.caseId, fromDay: req.fromDay, toDay: req.toDay, text: req.text, createdBy: userId },
      wb.now().toISOString(),
    );
    audit({
      action: 'map.add-theme',
      recordType: 'map-theme',
      recordId: id,
      summary: `pinned a theme to ${req.fromDay}–${req.toDay}`,
    });
    return readMap(db, req.caseId);
  });
}

export function removeTheme(wb: Workbench, req: ParsedRequest<'map.removeTheme'>): PatternMap {
  return wb.write((db, audit) => {
    const theme = findTheme(db, req.themeId);
    if (!theme) throw new WorkbenchError('not-found', 'That theme is not on the map.');
    deleteTheme(db, theme.id);
    audit({
      action: 'map.remove-theme',
      recordType: 'map-theme',
      recordId: theme.id,
      summary: 'removed a theme',
    });
    return readMap(db, theme.caseId);
  });
}

/** The mapping meeting: attendees, chair, decisions and actions, kept with the map. */
export function saveMeeting(wb: Workbench, req: ParsedRequest<'map.saveMeeting'>): MapMeeting {
  const userId = wb.signedIn().user.id;
  const now = wb.now().toISOString();
  return wb.write((db, audit) => {
    caseParts(db, req.caseId);
    const fields = {
      ...commonPart(req),
      heldAt: new Date(req.heldAt).toISOString(),
      notes: req.notes,
    };
    let id = req.meetingId;
    if (id) {
      const before = findMeeting(db, id);
      if (!before || before.caseId !== req.caseId)
        throw new WorkbenchError('not-found', 'That meeting record was not found.');
      if (!updateMeeting(db, { ...before, ...fields, updatedAt: now }, req.expectedVersion ?? 0)) {
        throw new WorkbenchError(
          'conflict',
          'Someone else saved this meeting record after you opened it. Reload to see their changes, then add yours.',
        );
      }
    } else {
      id = randomUUID();
      insertMeeting(db, { id, caseId: req.caseId, ...fields, createdBy: userId, updatedAt: now, version: 1 });
    }
    audit({
      action: 'map.meeting',
      recordType: 'map-meeting',
      recordId: id,
      summary: `saved the mapping meeting record (${req.attendees.length} attendees)`,
    });
    return toMeeting(findMeeting(db, id) as MeetingRow, namesById(db));
  });
}

export function addLifeEventType(wb: Workbench, req: ParsedRequest<'map.addLifeEventType'>) {
  return wb.write((db, audit) => {
    const id =
      req.label
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-|-$/g, '')
        .slice(0, 40) || 'type';
    if (
      id === INCIDENT_LANE ||
      lifeEventTypes(db).some((t) => t.id === id || t.label.toLowerCase() === req.label.toLowerCase())
    ) {
      throw new WorkbenchError('conflict', 'There is already a type of life event with that name.', {
        problems: [{ path: 'label', message: 'is already listed' }],
      });
    }
    insertLifeEventType(db, { id, label: req.label });
    audit({
      action: 'map.add-type',
      recordType: 'life-event-type',
      recordId: id,
      summary: 'added a life event type',
    });
    return lifeEventTypes(db);
  });
}

export const getMap = (wb: Workbench, caseId: string): PatternMap => readMap(wb.db(), caseId);
