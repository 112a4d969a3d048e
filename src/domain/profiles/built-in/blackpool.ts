import { SOURCE_TITLES } from '../citations.ts';
import type { Profile } from '../schema.ts';
import { BROOK_AGE_BANDS, HACKETT_MATRIX } from './shared.ts';

const SOURCE = SOURCE_TITLES.blackpool;
const pathway = { source: SOURCE, section: 'Sexually Harmful Behaviour Pathway: Amber/Red Process/Outcome' };
const aimProcess = { source: SOURCE, section: 'Section 2: AIM Assessment Process' };

/** Blackpool: Sexually Harmful Behaviour Pathway (seed 004). Screening uses the Brook tool alone. */
export const blackpoolProfile: Profile = {
  id: 'blackpool',
  version: 2,
  name: 'Blackpool',
  authority: 'Blackpool Council',
  nation: 'england-wales',
  terminology: {
    childrensSocialCare: "Children's Services",
    youthJusticeService: 'Youth Offending Service',
    earlyHelp: 'Early Help',
    frontDoor: 'Families Rock Advice and Support Hub',
    qualityReview: 'Safeguarding Quality and Review (SQR) service',
  },
  brook: {
    colours: [
      {
        id: 'green',
        label: 'Green',
        response: 'No further action, or a request for support from early help (Early Help Assessment)',
      },
      {
        id: 'amber',
        label: 'Amber',
        response:
          'Safeguarding concerns: Assessment and Support Team; strategy meeting/discussion within 24 hours where appropriate',
      },
      {
        id: 'red',
        label: 'Red',
        response:
          'Safeguarding concerns: Assessment and Support Team; strategy meeting/discussion within 24 hours where appropriate',
      },
    ],
    ageBands: BROOK_AGE_BANDS,
    citation: {
      source: SOURCE,
      section: 'Sexually Harmful Behaviour Pathway: screening with the Brook Traffic Light Tool',
    },
  },
  // Blackpool screens by Brook colour; the Hackett categories are kept for the strategy meeting.
  riskMatrix: HACKETT_MATRIX,
  triggerEvents: [
    {
      id: 'concern-screened',
      label: 'Concern screened by a social worker with the Brook Traffic Light Tool',
    },
    { id: 'aim-decision', label: 'Decision to undertake an AIM or AIM2 assessment' },
    { id: 's47-initiated', label: 'Section 47 enquiry initiated' },
    // Amber/red screening route.
    { id: 'transferred-to-ast', label: 'Case transferred to the Assessment and Support Team' },
    { id: 'interim-safeguarding-measures', label: 'Interim safeguarding measures put in place' },
    { id: 'cafa-commenced', label: 'Child and family assessment (CAFA) commenced' },
    // Section 2, after the assessment.
    {
      id: 'sqr-review-meeting',
      label:
        'Review strategy meeting chaired by the SQR service: findings, concerns, strengths, roles and an intervention plan agreed',
    },
    {
      id: 'specialist-panel-requested',
      label: 'Sexually Harmful Behaviour panel requested via the Head of Service (specialist intervention)',
    },
    {
      id: 'sqr-end-meeting',
      label: 'End strategy meeting with the SQR service: work and levels of concern reviewed',
    },
  ],
  timescales: [
    {
      // Blackpool pathway: amber/red → strategy meeting/discussion, where appropriate, within 24 hours.
      id: 'strategy-meeting',
      label: 'Sexually harmful behaviour strategy meeting/discussion held (where appropriate)',
      startsOn: { event: 'concern-screened' },
      rule: { kind: 'hours', hours: 24 },
      appliesTo: { brookColours: ['amber', 'red'] },
      citation: pathway,
    },
    {
      // Blackpool section 2: assessment interviews "ideally within a timeframe of 6-8 weeks".
      id: 'aim-interviews',
      label: 'AIM assessment interviews with the child, parents/carers and significant others',
      startsOn: { event: 'aim-decision' },
      rule: { kind: 'weeks-window', targetWeeks: 6, latestWeeks: 8 },
      citation: aimProcess,
      note: 'May vary as a consequence of court directions (criminal route): record a pause or extension.',
    },
  ],
  eligibility: { purpose: 'AIM or AIM2 assessment', criteria: [] },
  strategyMeeting: {
    chair: 'Current team manager (review and end meetings: the SQR service)',
    attendees: [
      "Children's services",
      'Police',
      'Youth Offending Service',
      'Other professionals as relevant',
    ],
    agenda: [
      'Share information',
      'Identify risk, vulnerabilities and protective factors',
      'Multi-agency safeguarding plan',
      'Consider an AIM assessment',
    ],
    // The pathway lists these outcomes of the meeting; "no further action" is an outcome of the green
    // screening (see the Brook colours), not of the strategy meeting.
    outcomes: [
      { id: 'early-help', label: 'Early help', startsEvents: [] },
      { id: 'child-in-need', label: 'Child in need', startsEvents: [] },
      {
        id: 's47-enquiry',
        label: 'Section 47 enquiry',
        startsEvents: ['s47-initiated'],
        requires: ['s47-type'],
      },
      {
        id: 'initial-child-protection-conference',
        label: 'Threshold met for an initial child protection conference',
        startsEvents: [],
      },
      { id: 'criminal-prosecution', label: 'Criminal prosecution', startsEvents: [] },
      {
        // "Alongside: AIM assessment (screening to identify if this is appropriate)". A decision to screen,
        // not an assessment started for the meeting: the AIM or AIM2, the welfare or criminal route and
        // the notification to the SQR service are recorded when the assessment is decided (the tracked
        // action below), and the 6–8 week window runs from that decision.
        id: 'aim-alongside',
        label: 'AIM assessment alongside (after screening)',
        startsEvents: [],
      },
    ],
    citation: {
      source: SOURCE,
      section: 'What can be the outcome of a sexually harmful behaviour strategy meeting?',
    },
  },
  recordingRequirements: [
    {
      id: 'aim-decision-reasons',
      label: 'Reasons for the decision to undertake an AIM assessment, with notification to the SQR service',
      citation: aimProcess,
    },
  ],
  // The pathway has no hub consultation step.
  consultation: { screenedBy: 'Not stated in the procedure', screeningAgencies: 'not-stated' },
  consent: [],
  trackedActions: [
    ...(
      [
        ['transfer-ast', 'Transfer the case to the Assessment and Support Team', 'transferred-to-ast'],
        [
          'interim-safeguarding',
          'Put interim safeguarding measures in place',
          'interim-safeguarding-measures',
        ],
        ['cafa', 'Commence the child and family assessment (CAFA)', 'cafa-commenced'],
      ] as const
    ).map(([id, label, doneBy]) => ({
      id,
      label,
      when: { brookColours: ['amber', 'red'] },
      doneBy,
      citation: pathway,
    })),
    {
      id: 'sqr-review-meeting',
      label:
        'Hold the review strategy meeting chaired by the SQR service to consider the findings and agree an intervention plan',
      when: { afterStep: 'aim-decision' },
      doneBy: 'sqr-review-meeting',
      citation: aimProcess,
    },
    {
      id: 'aim-decision',
      label:
        'Screen whether an AIM assessment is appropriate; if so, decide AIM or AIM2 and the welfare or criminal route, and notify the SQR service',
      when: { strategyOutcomes: ['aim-alongside'] },
      doneBy: 'aim-decision',
      citation: aimProcess,
    },
  ],
  aim: {
    // The pathway names "co-working assessors" without stating their training; set locally if required.
    coAssessorsMustBothBeTrained: false,
    trainedAssessors: 'not-stated',
    assessmentWindowRuleId: 'aim-interviews',
    qualityAssuranceRoles: [
      'Safeguarding Quality and Review (SQR) service: notified of the decision; chairs review and end meetings',
    ],
    signOffRoles: [],
    socialCareSigner: 'not-stated',
    // Section 2: the SQR-chaired review meeting agrees "roles, responsibilities and an intervention plan".
    interventionPlanCitation: aimProcess,
    routes: [
      { id: 'welfare', label: 'Welfare', leadAgency: "Children's Services (lead and all administration)" },
      {
        id: 'criminal',
        label: 'Criminal (police instigate an AIM strategy meeting/discussion)',
        leadAgency: 'Youth Offending Service (lead and all administration)',
      },
    ],
    citation: aimProcess,
  },
};
