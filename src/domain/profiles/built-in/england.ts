import type { Profile } from '../schema.ts';
import { BROOK_AGE_BANDS, HACKETT_MATRIX } from './shared.ts';

// National statutory guidance rather than a seed file. Sections are named by chapter and subject;
// check the paragraph numbers against the published edition before relying on them in a report.
const WT = 'Working Together to Safeguard Children 2023';
const chapter3 = (subject: string) => ({
  source: WT,
  section: `Chapter 3 (Providing help, support and protection): ${subject}`,
});

/** A generic England profile for authorities without their own: Working Together 2023 timescales only. */
export const englandProfile: Profile = {
  id: 'england-generic',
  version: 2,
  name: 'England (generic)',
  authority: 'Any English local authority (Working Together 2023)',
  nation: 'england-wales',
  terminology: {
    childrensSocialCare: "Children's social care",
    youthJusticeService: 'Youth Justice Service',
    earlyHelp: 'Early help',
    frontDoor: "Children's social care front door",
  },
  brook: {
    // The 2020 edition of the Brook tool names the middle colour orange.
    colours: [
      { id: 'green', label: 'Green' },
      { id: 'amber', label: 'Orange' },
      { id: 'red', label: 'Red' },
    ],
    ageBands: BROOK_AGE_BANDS,
  },
  riskMatrix: HACKETT_MATRIX,
  triggerEvents: [
    { id: 'referral-received', label: "Referral received by children's social care" },
    { id: 'strategy-discussion-held', label: 'Strategy discussion held that started a section 47 enquiry' },
  ],
  timescales: [
    {
      id: 'referral-decision',
      label: 'Decision on the referral and next steps',
      startsOn: { event: 'referral-received' },
      rule: { kind: 'working-days', days: 1 },
      citation: chapter3('decision about the type of response within one working day of a referral'),
    },
    {
      id: 'assessment-completed',
      label: 'Child and family assessment completed',
      startsOn: { event: 'referral-received' },
      rule: { kind: 'working-days', days: 45 },
      citation: chapter3('assessment completed within 45 working days of the point of referral'),
    },
    {
      id: 'icpc-held',
      label: 'Initial child protection conference held',
      startsOn: { event: 'strategy-discussion-held' },
      rule: { kind: 'working-days', days: 15 },
      citation: chapter3(
        'initial child protection conference within 15 working days of the strategy discussion that started the section 47 enquiry',
      ),
    },
  ],
  eligibility: { purpose: 'AIM assessment', criteria: [] },
  recordingRequirements: [],
  consultation: { screenedBy: 'Not stated in Working Together', screeningAgencies: 'not-stated' },
  consent: [],
};
