import type { CallName, CallRequest, CallResponse } from '#contract/calls.ts';
import { addMother, addParentCarer } from './case-steps.ts';

// A case full of names, for the anonymisation tests: the child's own names, school and area; the people
// on the case; professionals (a workbench user, an officer and a teacher at the mapping meeting); the
// places items happened; and words a practitioner marked as identifying. The anonymised view and every
// anonymised export must show none of NAMES_TO_HIDE.

type Call = <K extends CallName>(name: K, request: CallRequest<K>) => Promise<CallResponse<K>>;

export const NAMED_CHILD = {
  name: 'Robin Ashworth',
  preferredName: 'Robbie',
  dateOfBirth: '2012-04-18',
  gender: 'female' as const,
  areaOfResidence: 'Ribbleton',
  school: 'Fulwood High School',
};

/** Every name (or part) the case knows, which no anonymised view or export may show. */
export const NAMES_TO_HIDE = [
  'Robin',
  'Robbie',
  'Ashworth',
  'Sarah',
  'Darren',
  'Thwaite',
  'Hughes',
  'Karen',
  'Whitlock',
  'Fulwood',
  'Ribbleton',
  'Moor Park',
  'Preston',
  'Sam Social Worker',
];

/** What the items say, once anonymised, in part (so a test can see the text is there at all). */
export const ANONYMISED_WORDS = ['[school]', '[police officer]', '[town]'];

/** Fills the case with people, items naming everyone, a mapping meeting and two marked words. */
export async function fillCaseWithNames(call: Call, caseId: string): Promise<void> {
  const mother = await addMother({ call }, caseId, 'Sarah Thwaite');
  await addParentCarer({ call }, caseId, 'Darren Thwaite', 'Father', 'father');
  await call('map.saveMeeting', {
    caseId,
    meetingId: null,
    expectedVersion: null,
    heldAt: '2026-11-05T10:00:00Z',
    chair: 'Hub practitioner',
    attendees: [
      { name: 'DC Hughes', role: 'Police officer', agency: 'Police', attendance: 'attended' },
      { name: 'Karen Whitlock', role: 'Teacher', agency: 'Education', attendance: 'attended' },
    ],
    agenda: [],
    decisions: '',
    actions: [],
    notes: '',
  } as never);
  const common = { people: [mother.id], sourceDetail: '' };
  await call('map.addItem', {
    caseId,
    item: {
      kind: 'life-event',
      lane: 'education',
      what: 'Robin Ashworth stayed with Sarah Thwaite after DC Hughes visited Fulwood High School',
      place: 'Fulwood High School',
      date: { precision: 'day', day: '2021-03-04' },
      sourceAgency: 'education',
      ...common,
    },
  });
  await call('map.addItem', {
    caseId,
    item: {
      kind: 'life-event',
      lane: 'family',
      what: 'Darren took Robbie to Moor Park in Preston; Karen Whitlock told Sam Social Worker',
      place: 'Moor Park',
      date: { precision: 'month', year: 2022, month: 5 },
      sourceAgency: 'childrens-social-care',
      ...common,
    },
  });
  await call('map.addItem', {
    caseId,
    item: {
      kind: 'incident',
      what: 'Robin sent messages from a library in Ribbleton, Hughes reported',
      place: 'Ribbleton library',
      date: { precision: 'day', day: '2023-01-12' },
      sourceAgency: 'police',
      people: [],
      sourceDetail: 'DC Hughes, Preston police station',
      harmedPersonId: null,
      childAgeThen: null,
      hackettCategory: '2',
      brookColour: 'red',
    },
  });
  await call('map.markIdentifying', { caseId, word: 'Preston', shownAs: '[town]' });
  await call('map.markIdentifying', { caseId, word: 'Moor Park', shownAs: '[park]' });
}
