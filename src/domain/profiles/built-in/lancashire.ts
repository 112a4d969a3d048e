import { SOURCE_TITLES } from '../citations.ts';
import type { Profile } from '../schema.ts';
import {
  ABUSIVE_DESCRIPTORS,
  BROOK_AGE_BANDS,
  BROOK_COLOURS_AMBER,
  HACKETT_LOWER_ROWS,
  VIOLENT_DESCRIPTORS,
} from './shared.ts';

const SOURCE = SOURCE_TITLES.lancashire;
const criteria = { source: SOURCE, section: 'Referral Criteria' };
const purpose = {
  source: SOURCE,
  section: 'HSB Consultation, AIM Assessment and Intervention Process (purpose)',
};
const step = (n: number, title: string) => ({
  source: SOURCE,
  section: `step ${n}: ${title}`,
});

/** Lancashire: joint working protocol between the CYJS HSB Hub and CSC (seed 003). */
export const lancashireProfile: Profile = {
  id: 'lancashire',
  version: 2,
  name: 'Lancashire',
  authority: 'Lancashire County Council',
  nation: 'england-wales',
  terminology: {
    childrensSocialCare: "Children's Social Care (CSC)",
    youthJusticeService: 'CYJS',
    hub: 'CYJS HSB Hub',
  },
  brook: { colours: BROOK_COLOURS_AMBER, ageBands: BROOK_AGE_BANDS },
  riskMatrix: {
    // The consultation uses Hackett's continuum: "normal, inappropriate, problematic or harmful".
    // The descriptors are Hackett's, as written in seeds 000 and 002.
    citation: {
      source: SOURCE,
      section: 'What is a HSB Consultation?; Definition of Harmful Sexual Behaviour',
    },
    rows: [
      { category: 'normal', hackett: 'normal', label: 'Normal', descriptors: [] },
      ...HACKETT_LOWER_ROWS,
      { category: '2', hackett: 'abusive', label: 'Harmful – abusive', descriptors: ABUSIVE_DESCRIPTORS },
      { category: '3', hackett: 'violent', label: 'Harmful – violent', descriptors: VIOLENT_DESCRIPTORS },
    ],
  },
  triggerEvents: [
    { id: 'consultation-requested', label: 'HSB Hub consultation requested' },
    { id: 'aim-decision', label: 'Decision that an AIM assessment is required' },
    { id: 'first-meeting-with-child', label: 'Initial meeting with the child for the AIM assessment' },
    // Steps 10 and 11: after the assessment, each recorded with its date.
    {
      id: 'aim-outcome-shared',
      label: 'Visit to the child and family to share the outcome of the AIM assessment',
    },
    { id: 'aim-outcome-planning-meeting', label: 'AIM assessment outcome and planning meeting held' },
    {
      id: 'aim-review',
      label: 'Review of the AIM assessment (as agreed at the outcome and planning meeting)',
    },
  ],
  timescales: [
    {
      // Lancashire protocol step 8: 45 working days from the initial meeting with the child.
      id: 'aim-assessment-completed',
      label: 'AIM assessment completed',
      startsOn: { event: 'first-meeting-with-child' },
      // The final sign-off (both co-assessors' signatures on the approved report) completes it.
      metBy: [{ step: 'final-sign-off' }],
      rule: { kind: 'working-days', days: 45 },
      citation: step(8, 'AIM assessment within 45 working days of the initial meeting with the child'),
    },
  ],
  eligibility: {
    purpose: 'CYJS HSB Hub consultation and AIM assessment',
    criteria: [
      {
        kind: 'behaviour-within-months',
        id: 'recent-behaviour',
        label: 'HSB within the last 12 months (not historic)',
        months: 12,
        ifNotMet: 'not-eligible',
        citation: criteria,
      },
      {
        kind: 'yes-no',
        id: 'resides-in-lancashire',
        label: 'The child lives in Lancashire',
        question: 'Does the child live in Lancashire?',
        fact: 'residesInArea',
        expected: true,
        ifNotMet: 'not-eligible',
        citation: criteria,
      },
      {
        kind: 'age-on-referral',
        id: 'age-8-to-17',
        label: 'Aged 8 to 17 on the referral date',
        minAge: 8,
        maxAge: 17,
        ifNotMet: 'not-eligible',
        citation: criteria,
      },
      {
        // AIM is designed for 10 to 17; the hub offers 8- and 9-year-olds a consultation only.
        kind: 'age-on-referral',
        id: 'aim-age-10-to-17',
        label: 'Aged 10 to 17 for an AIM assessment (8 and 9: consultation only)',
        minAge: 10,
        maxAge: 17,
        ifNotMet: 'consultation-only',
        citation: { source: SOURCE, section: 'Purpose (first paragraph); What is an AIM assessment?' },
      },
      {
        // "This support is for children 10 – 17 years of age who are open to CSC at CoN Level 4 …"
        kind: 'yes-no',
        id: 'open-to-csc-con-4',
        label: 'Open to CSC at Continuum of Need (CoN) Level 4',
        question: 'Is the child open to CSC at Continuum of Need (CoN) Level 4?',
        fact: 'openToChildrensSocialCare',
        expected: true,
        ifNotMet: 'not-eligible',
        citation: purpose,
      },
      {
        // "… and who are not already open to CYJS." Where the child is open to CYJS, CSC liaise with the
        // allocated CYJS worker and CYJS Team Manager about the next steps.
        kind: 'yes-no',
        id: 'not-open-to-cyjs',
        label: 'Not already open to CYJS (if open: liaise with the allocated CYJS worker and Team Manager)',
        question: 'Is the child already open to CYJS?',
        fact: 'openToYouthJusticeService',
        expected: false,
        ifNotMet: 'not-eligible',
        citation: purpose,
      },
      {
        kind: 'yes-no',
        id: 'no-police-investigation',
        label: 'No ongoing police investigation',
        question: 'Is there an ongoing police investigation?',
        fact: 'ongoingPoliceInvestigation',
        expected: false,
        ifNotMet: 'consultation-only',
        // "CYJS will not be able to complete an AIM assessment or interventions but can support CSC with a
        // consultation": a block, not a warning a reason can override.
        blocksAim:
          'CYJS cannot complete an AIM assessment or interventions while there is an ongoing police investigation, but can support CSC with a consultation.',
        citation: criteria,
      },
    ],
  },
  strategyMeeting: {
    // "Consideration for a strategy meeting should have taken place and CYJS to be invited." The protocol
    // lists no outcomes: the meeting's own decision is recorded with its rationale.
    attendees: ['CYJS (to be invited)'],
    agenda: [],
    outcomes: [
      {
        id: 'outcome-recorded',
        label: 'Outcome as decided by the meeting (the protocol does not list strategy meeting outcomes)',
        startsEvents: [],
        requires: ['rationale'],
      },
    ],
    citation: criteria,
  },
  recordingRequirements: [
    {
      id: 'consultation-request-recorded',
      label: 'Submission of the consultation request recorded on LCS',
      citation: step(1, 'request for a consultation'),
    },
    {
      id: 'decline-rationale',
      label: 'If the hub declines, the rationale is recorded in a case note by the CSC manager',
      citation: step(2, 'screening'),
    },
    {
      id: 'consultation-outcome',
      label: 'Outcome of the HSB consultation documented by the allocated social worker or team manager',
      citation: step(4, 'consultation'),
    },
    {
      id: 'aim-appointments',
      label: 'AIM appointments recorded by the allocated social worker and the CYJS worker',
      citation: step(8, 'AIM assessment appointments'),
    },
  ],
  consent: [
    {
      id: 'hub-referral',
      purpose: 'hub-referral',
      label: 'Referral to the CYJS HSB Hub for a consultation',
      from: ['child', 'parent-carer'],
      citation: step(1, 'request for a consultation'),
    },
    {
      id: 'pattern-map-sharing',
      purpose: 'pattern-map-sharing',
      label: 'Sharing the pattern map with external agencies',
      from: ['allocated-social-worker', 'child', 'parent-carer'],
      whenParentCannotBeAsked: {
        circumstances: ['whereabouts-unknown', 'deceased', 'no-parental-responsibility'],
        approval: 'case-manager',
        basis:
          'Local practice: where a parent or carer cannot be asked, the allocated social worker records why and a team manager on the case approves sharing without their consent.',
      },
      citation: step(5, 'pattern mapping'),
    },
  ],
  consultation: {
    screenedBy: 'CYJS HSB Hub',
    screeningAgencies: ['youth-justice'],
    citation: step(2, 'the HSB Hub screens the referral'),
  },
  trackedActions: [
    {
      id: 'aim-outcome-shared',
      label: 'Visit the child and family to share the outcome of the AIM assessment',
      when: { assessmentFinal: true },
      doneBy: 'aim-outcome-shared',
      citation: step(10, 'sharing the outcome with the child and family'),
    },
    {
      id: 'aim-outcome-planning-meeting',
      label: 'Hold the AIM assessment outcome and planning meeting, and agree the reviews there',
      when: { assessmentFinal: true },
      doneBy: 'aim-outcome-planning-meeting',
      citation: step(10, 'AIM assessment outcome and planning meeting'),
    },
  ],
  aim: {
    // Step 6 requires an AIM-trained CYJS practitioner working alongside the allocated social worker;
    // it does not require the social worker to be AIM trained.
    coAssessorsMustBothBeTrained: false,
    trainedAssessors: 'youth-justice',
    trainedAssessorsCitation: step(
      6,
      'an AIM trained CYJS practitioner alongside the allocated social worker',
    ),
    assessmentWindowRuleId: 'aim-assessment-completed',
    // Step 9: "It is the responsibility of the CYJS Manager/Consultant Social Worker to quality assure the
    // AIM assessment", reviewed jointly with the CSC Team Managers.
    qualityAssuranceRoles: ['CYJS Team Manager / Consultant Social Worker'],
    qualityAssuranceAgencies: ['youth-justice'],
    qualityAssuranceJointReview: 'CSC Team Manager',
    signOffRoles: ['Assessing CYJS worker', 'CSC allocated social worker'],
    socialCareSigner: 'allocated-social-worker',
    interventionPlanCitation: step(10, 'AIM assessment outcome and planning meeting'),
    citation: step(9, 'quality assurance and sign-off'),
  },
};
