import { SOURCE_TITLES } from '../citations.ts';
import type { Profile } from '../schema.ts';
import {
  ABUSIVE_DESCRIPTORS,
  BROOK_AGE_BANDS,
  BROOK_COLOURS_AMBER,
  INAPPROPRIATE_DESCRIPTORS,
  LONDON_TIERS,
  PROBLEMATIC_DESCRIPTORS,
  STRATEGY_MEETING_PURPOSES,
  VIOLENT_DESCRIPTORS,
} from './shared.ts';

const SOURCE = SOURCE_TITLES.hounslow;
const pathway = { source: SOURCE, section: 'Harmful Sexual Behaviour Referral Pathway (flow chart)' };
// The Brook colours and the child-protection tiers are not in the Hounslow documents: they come from the
// HSB work-flow matrix (seed 001), which sets them against the same Hackett categories.
const workFlowRow = (n: number) => ({
  source: SOURCE_TITLES.workFlow,
  section: `Category ${n} column: Brook Traffic Light Tool and Child Protection Threshold rows`,
});
const category23 = {
  source: SOURCE,
  section: 'Workflow Guidance: Child is assessed as Category 2 or 3 Risk',
};

/** London Borough of Hounslow: HSB referral pathway and workflow guidance (seed 000). */
export const hounslowProfile: Profile = {
  id: 'hounslow',
  version: 2,
  name: 'Hounslow',
  authority: 'London Borough of Hounslow',
  nation: 'england-wales',
  terminology: {
    childrensSocialCare: "Hounslow Children's Services",
    youthJusticeService: 'YOS',
    earlyHelp: 'Early Help / Targeted Youth Support (TYS)',
    frontDoor: 'MASH',
    coordinator: 'Exploitation & Vulnerabilities (E&V) Coordinator',
    exploitationPanel: 'MASE',
  },
  brook: { colours: BROOK_COLOURS_AMBER, ageBands: BROOK_AGE_BANDS },
  riskMatrix: {
    // The descriptors are in the pathway's "Categories of HSB Risk"; each row cites the work-flow matrix
    // for its colour and tier.
    citation: { source: SOURCE, section: 'Categories of HSB Risk' },
    rows: [
      {
        category: '0',
        hackett: 'inappropriate',
        label: 'Category 0 – Inappropriate',
        brookColour: 'amber',
        childProtectionTier: LONDON_TIERS.tier2,
        serviceResponse:
          'Step down to Targeted Youth Support, Early Help or NFA, depending on the MASH screening',
        descriptors: INAPPROPRIATE_DESCRIPTORS,
        citation: workFlowRow(0),
      },
      {
        category: '1',
        hackett: 'problematic',
        label: 'Category 1 – Problematic',
        brookColour: 'amber',
        childProtectionTier: LONDON_TIERS.tier3,
        serviceResponse:
          'Statutory social work team; strategy discussion with police where there is reasonable suspicion of significant harm',
        descriptors: PROBLEMATIC_DESCRIPTORS,
        citation: workFlowRow(1),
      },
      {
        category: '2',
        hackett: 'abusive',
        label: 'Category 2 – Abusive',
        brookColour: 'red',
        childProtectionTier: LONDON_TIERS.tier4,
        serviceResponse: 'Statutory social work team and police referral; strategy discussion and meeting',
        descriptors: ABUSIVE_DESCRIPTORS,
        citation: workFlowRow(2),
      },
      {
        category: '3',
        hackett: 'violent',
        label: 'Category 3 – Violent',
        brookColour: 'red',
        childProtectionTier: LONDON_TIERS.tier4,
        serviceResponse: 'As category 2',
        descriptors: VIOLENT_DESCRIPTORS,
        citation: workFlowRow(3),
      },
    ],
  },
  triggerEvents: [
    { id: 'concern-received', label: "HSB concern reported to Children's Services" },
    {
      id: 'strategy-threshold-met',
      label: 'Reasonable cause to suspect significant harm: strategy discussion needed',
    },
    { id: 's47-initiated', label: 'Section 47 enquiry initiated' },
    { id: 'immediate-protection-needed', label: 'Risk to life or possibility of serious immediate harm' },
    { id: 'aim-decision', label: 'Evidence of HSB: referral to YOS for a joint AIM assessment' },
    {
      id: 'step-down-meeting',
      label:
        'Step-down meeting held: an agency other than Children’s Social Care leads on monitoring the HSB risk',
    },
    { id: 'referral-87a-cait', label: '87a referral to CAIT (police) sent with the HSB risk assessment' },
    { id: 's17-assessment-completed', label: 'Section 17 child and family assessment completed' },
    {
      id: 'child-in-need-plan-or-step-down',
      label:
        'Child placed on a Child in Need plan, or stepped down to Early Help, YOS Prevention or NFA (no consent)',
    },
  ],
  timescales: [
    {
      id: 'strategy-discussion',
      label: 'Strategy discussion held',
      startsOn: { event: 'strategy-threshold-met' },
      rule: { kind: 'working-days', days: 3 },
      // The workflow guidance gives the 3- and 5-working-day clocks for categories 2 and 3; for category 1
      // a Social Work Manager holds a strategy discussion with police, with no timescale.
      appliesTo: { categories: ['2', '3'] },
      citation: category23,
      note: 'Category 1: a strategy discussion with police, held by a Social Work Manager, with no timescale stated.',
    },
    {
      id: 'strategy-meeting',
      label: 'Strategy meeting held',
      startsOn: { event: 'strategy-threshold-met' },
      rule: { kind: 'working-days', days: 5 },
      appliesTo: { categories: ['2', '3'] },
      citation: category23,
    },
    {
      // Seed 000 says "completed with[in] 15 days" without "working": read literally as calendar days,
      // which is also the earlier (safer) reading. An administrator can change it in a local version.
      id: 's47-completed',
      label: 'Section 47 child protection investigation completed',
      startsOn: { event: 's47-initiated' },
      rule: { kind: 'calendar-days', days: 15 },
      citation: pathway,
      note: 'The source says "15 days"; Working Together expects working days for the conference.',
    },
    {
      // Seed 000: "Initial Child Protection Case Conference initiated within 15 days of s47 initiated".
      id: 'icpc-initiated',
      label: 'Initial child protection conference initiated',
      startsOn: { event: 's47-initiated' },
      rule: { kind: 'calendar-days', days: 15 },
      citation: pathway,
    },
    {
      id: 'immediate-strategy-discussion',
      label: 'Immediate strategy meeting/discussion to secure the child’s safety',
      startsOn: { event: 'immediate-protection-needed' },
      rule: { kind: 'immediate' },
      citation: { source: SOURCE, section: 'Workflow Guidance: Immediate Protection' },
    },
  ],
  eligibility: { purpose: 'Joint AIM assessment with YOS', criteria: [] },
  strategyMeeting: {
    chair:
      'Social Work Manager (a Complex Abuse Strategy Meeting for a group of children is held by the Child Protection Advisor)',
    attendees: [
      'The referrer, if a professional',
      'Lead officer in education',
      'Lead officer in health',
      'Social worker',
      'Assistant Team Manager',
      'Any other relevant person working with the child',
      'Police officer (investigating or allocated officer)',
      'E&V Coordinator (depending on capacity and priority of need)',
    ],
    agenda: STRATEGY_MEETING_PURPOSES,
    outcomes: [
      {
        id: 'no-further-action',
        label: 'No further action (report to the E&V Coordinator)',
        startsEvents: [],
        requires: ['rationale'],
        noFurtherAction: true,
      },
      { id: 'diversion-plan', label: 'Diversion plan, incorporated into the child’s plan', startsEvents: [] },
      { id: 's47-single', label: 'Section 47 investigation: single agency', startsEvents: ['s47-initiated'] },
      {
        id: 's47-joint',
        label: 'Section 47 investigation: joint with police',
        startsEvents: ['s47-initiated'],
      },
      {
        id: 'immediate-protection',
        label: 'Immediate protection',
        startsEvents: ['immediate-protection-needed'],
      },
      { id: 'mase-referral', label: 'Referral to the MASE', startsEvents: [] },
      {
        id: 'aim-alongside',
        label: 'Referral to YOS for a joint AIM assessment',
        startsEvents: ['aim-decision'],
        startsAssessment: true,
      },
    ],
    citation: category23,
  },
  recordingRequirements: [
    {
      id: 'risk-category-outcome',
      label: 'New and open cases with an HSB concern have a risk category outcome',
      citation: pathway,
    },
  ],
  consultation: {
    // "Consultation and mapping to be requested with E&V Coord when applicable"; who screens is not said.
    screenedBy: 'Exploitation & Vulnerabilities (E&V) Coordinator',
    screeningAgencies: 'not-stated',
    citation: pathway,
  },
  consent: [],
  aim: {
    // "Only AIMs trained practitioners can complete an assessment ... carried out by two workers jointly".
    coAssessorsMustBothBeTrained: true,
    trainedAssessors: 'both',
    trainedAssessorsCitation: { source: SOURCE, section: "AIM's Assessment" },
    qualityAssuranceRoles: [],
    signOffRoles: [],
    socialCareSigner: 'not-stated',
    citation: { source: SOURCE, section: "AIM's Assessment" },
  },
  trackedActions: [
    {
      // Flow chart, category 1 without a strategy threshold: "Section 17 child and family assessment to be
      // completed. Child/Young Person placed on Child in Need plan. Step down to Early Help, YOS Prevention
      // or NFA'd if no consent."
      id: 's17-assessment',
      label: 'Complete a section 17 child and family assessment',
      when: { categories: ['1'] },
      doneBy: 's17-assessment-completed',
      citation: pathway,
    },
    {
      id: 'child-in-need-plan',
      label:
        'Place the child on a Child in Need plan, or step down to Early Help, YOS Prevention or NFA if there is no consent',
      when: { categories: ['1'] },
      doneBy: 'child-in-need-plan-or-step-down',
      citation: pathway,
    },
    {
      // Workflow guidance, category 0: "Allocated cases where the HSB risk has been reviewed as a category 0
      // should have a step-down meeting where an agency other than Children's Social Care are to be lead".
      id: 'step-down-meeting',
      label: 'Hold a step-down meeting (allocated case reviewed as category 0) and agree the lead agency',
      when: { categories: ['0'] },
      doneBy: 'step-down-meeting',
      citation: { source: SOURCE, section: 'Workflow Guidance: Child is assessed as Category 0 Risk' },
    },
    {
      // HSB work-flow matrix, Allocated Service Response for categories 2 and 3.
      id: 'referral-87a-cait',
      label: 'Send an 87a referral to CAIT (police) with the HSB risk assessment',
      when: { categories: ['2', '3'] },
      doneBy: 'referral-87a-cait',
      citation: { source: SOURCE_TITLES.workFlow, section: 'Allocated Service Response, categories 2 and 3' },
    },
  ],
  nfaReportedTo: {
    role: 'Exploitation & Vulnerabilities (E&V) Coordinator',
    citation: pathway,
  },
};
