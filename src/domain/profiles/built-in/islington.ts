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

const SOURCE = SOURCE_TITLES.islington;
const WORKFLOW = SOURCE_TITLES.workFlow;
const s53 = { source: SOURCE, section: '5.3 Child is assessed as Category 2 or 3 Risk' };
const s54 = { source: SOURCE, section: '5.4 Immediate Protection' };
const s8 = { source: SOURCE, section: '8. Recording Intervention' };
const categories1to3 = { categories: ['1', '2', '3'] as ('1' | '2' | '3')[] };

/** London Borough of Islington: Safeguarding Children who Display HSB (seed 002) and work-flow matrix (seed 001). */
export const islingtonProfile: Profile = {
  id: 'islington',
  version: 2,
  name: 'Islington',
  authority: 'London Borough of Islington',
  nation: 'england-wales',
  terminology: {
    childrensSocialCare: 'Targeted and Specialist Children and Families Services (TSCFS)',
    youthJusticeService: 'YOS',
    earlyHelp: 'Targeted Youth Support (TYS)',
    frontDoor: "Children's Services Contact Team (CSCT)",
    coordinator: 'CSE, Missing and Trafficking Coordinator',
    exploitationPanel: 'MASE',
  },
  brook: { colours: BROOK_COLOURS_AMBER, ageBands: BROOK_AGE_BANDS },
  riskMatrix: {
    citation: { source: SOURCE, section: '3. Identifying Risk Level; 3.1 HSB Risk Assessment Matrix' },
    rows: [
      {
        category: '0',
        hackett: 'inappropriate',
        label: 'Category 0 – Inappropriate',
        brookColour: 'amber',
        childProtectionTier: LONDON_TIERS.tier2,
        serviceResponse:
          'Step down to Targeted Youth Support (TYS); allocated cases have a step-down meeting',
        descriptors: INAPPROPRIATE_DESCRIPTORS,
        citation: { source: SOURCE, section: '5.1 Child is assessed as Category 0 Risk' },
      },
      {
        category: '1',
        hackett: 'problematic',
        label: 'Category 1 – Problematic',
        brookColour: 'amber',
        childProtectionTier: LONDON_TIERS.tier3,
        serviceResponse: 'Allocation to a statutory social work team for response',
        descriptors: PROBLEMATIC_DESCRIPTORS,
        citation: {
          source: WORKFLOW,
          section: 'Harmful Sexual Behaviours Work-Flow: Allocated Service Response',
        },
      },
      {
        category: '2',
        hackett: 'abusive',
        label: 'Category 2 – Abusive',
        brookColour: 'red',
        childProtectionTier: LONDON_TIERS.tier4,
        serviceResponse:
          'Allocation to a statutory social work team; an 87a referral to CAIT (police) sent with the HSB risk assessment',
        descriptors: ABUSIVE_DESCRIPTORS,
        citation: {
          source: WORKFLOW,
          section: 'Harmful Sexual Behaviours Work-Flow: Allocated Service Response',
        },
      },
      {
        category: '3',
        hackett: 'violent',
        label: 'Category 3 – Violent',
        brookColour: 'red',
        childProtectionTier: LONDON_TIERS.tier4,
        serviceResponse:
          'Allocation to a statutory social work team; an 87a referral to CAIT (police) sent with the HSB risk assessment',
        descriptors: VIOLENT_DESCRIPTORS,
        citation: {
          source: WORKFLOW,
          section: 'Harmful Sexual Behaviours Work-Flow: Allocated Service Response',
        },
      },
    ],
  },
  triggerEvents: [
    { id: 'concern-received', label: 'HSB concern raised (new referral or open case)' },
    {
      // §5.3: "Where it is believed that a child may be displaying abusive and/or violent forms of HSB …
      // a HSB Strategy Meeting should be held within 3 working days". The belief comes at the concern or
      // its screening: a category 2 or 3 recorded there records this step; a strategy meeting does not.
      id: 'abusive-or-violent-hsb-believed',
      label: 'Concern or screening: the child may be displaying abusive or violent HSB (category 2 or 3)',
      raisedByCategories: ['2', '3'],
    },
    { id: 'immediate-protection-needed', label: 'Risk to life or possibility of serious immediate harm' },
    { id: 's47-initiated', label: 'Section 47 enquiry initiated' },
    { id: 'mase-nomination', label: 'Case taken to the MASE (nomination or update)' },
    { id: 'mase-feedback', label: 'Feedback from the MASE recorded' },
  ],
  timescales: [
    {
      // Islington §5.3: a HSB strategy meeting within 3 working days for category 2 or 3.
      id: 'strategy-meeting',
      label: 'HSB strategy meeting held',
      startsOn: { event: 'abusive-or-violent-hsb-believed' },
      rule: { kind: 'working-days', days: 3 },
      appliesTo: { complex: false },
      citation: s53,
    },
    {
      // Islington §5.3: "where the concerns are particularly complex ... within a maximum of five working days".
      id: 'strategy-meeting-complex',
      label: 'HSB strategy meeting held (complex concerns)',
      startsOn: { event: 'abusive-or-violent-hsb-believed' },
      rule: { kind: 'working-days', days: 5 },
      appliesTo: { complex: true },
      citation: s53,
      note: 'Sooner if a child needs immediate protection.',
    },
    {
      // Islington §5.4: action to secure the child's immediate safety, normally an immediate strategy
      // meeting/discussion between children's social care, police and other agencies.
      id: 'emergency-action',
      label: 'Immediate strategy meeting/discussion and emergency action to secure the child’s safety',
      startsOn: { event: 'immediate-protection-needed' },
      rule: { kind: 'immediate' },
      citation: s54,
    },
    {
      // Islington §5.4: after emergency action, a HSB strategy meeting within 5 working days.
      id: 'strategy-meeting-after-emergency-action',
      label: 'HSB strategy meeting held after emergency action',
      startsOn: { ruleMet: 'emergency-action' },
      rule: { kind: 'working-days', days: 5 },
      citation: s54,
    },
  ],
  eligibility: { purpose: 'HSB strategy meeting and specialist consultation', criteria: [] },
  strategyMeeting: {
    chair: 'CSE, Missing and Trafficking Coordinator (or a CP Coordinator)',
    attendees: [
      'The referrer, if a professional',
      'Lead officers in education and health (for example the designated teacher, Looked After nurse)',
      'Social worker / manager',
      'Any other relevant person working with the child',
      'Police officer (investigating or allocated officer)',
      'Carer/parent, unless this would place the child at more risk',
      'The young person, if appropriate',
    ],
    agenda: [
      ...STRATEGY_MEETING_PURPOSES,
      'Agree the Hackett category of risk',
      'Complete the MASE intelligence form, if appropriate',
      'Agree actions and a diversion plan',
    ],
    outcomes: [
      {
        id: 'no-further-action',
        label: 'Not at risk of significant harm: no further action',
        startsEvents: [],
        requires: ['rationale', 'lead-agency'],
        noFurtherAction: true,
      },
      {
        id: 'diversion-plan',
        label: 'Not at risk of significant harm: diversion plan, with an agreed lead agency',
        startsEvents: [],
        requires: ['lead-agency'],
      },
      {
        id: 's47-single',
        label: 'Section 47 enquiry: single (social care only)',
        startsEvents: ['s47-initiated'],
      },
      { id: 's47-joint', label: 'Section 47 enquiry: joint with police', startsEvents: ['s47-initiated'] },
      {
        id: 'immediate-legal-action',
        label: 'Immediate legal action / immediate protection',
        startsEvents: ['immediate-protection-needed'],
      },
      {
        id: 'follow-up-strategy-meeting',
        label:
          'Follow-up strategy meeting, with a clear timescale set and reviewed by the social work manager',
        startsEvents: [],
        requires: ['follow-up-timescale'],
      },
      { id: 'mase-referral', label: 'Referral to the MASE', startsEvents: [] },
    ],
    citation: { source: SOURCE, section: '6. Outcome of the HSB Strategy Meeting' },
  },
  recordingRequirements: [
    {
      id: 'safety-plans',
      label: 'Safety plans with the child and parent/carer',
      appliesTo: categories1to3,
      citation: s8,
    },
    {
      id: 'consultation-rationale',
      label:
        'Consultation with the CSE, Missing and Trafficking Coordinator or SIPP, including a risk assessment and outcome rationale',
      appliesTo: categories1to3,
      citation: s8,
    },
    {
      id: 'multi-professional-meetings',
      label: 'Multi-professional meetings where HSB risk is discussed',
      appliesTo: categories1to3,
      citation: s8,
    },
    { id: 'diversion-plans', label: 'Diversion plans', appliesTo: categories1to3, citation: s8 },
    {
      id: 'intervention-plans',
      label: 'Direct work intervention plans, including work by external services',
      appliesTo: categories1to3,
      citation: s8,
    },
    {
      id: 'mase-records',
      label: 'If heard at the MASE: the nomination or update forms and the feedback',
      appliesTo: categories1to3,
      citation: s8,
    },
  ],
  consultation: {
    // §3: "A consultation with the SIPP or the CSE, Missing and Trafficking Coordinator should be sought";
    // the procedure does not say who screens the request.
    screenedBy:
      'CSE, Missing and Trafficking Coordinator or the Specialist Intervention Pilot Project (SIPP)',
    screeningAgencies: 'not-stated',
    citation: { source: SOURCE, section: '3. Identifying Risk Level' },
  },
  consent: [],
  trackedActions: [
    {
      // §7: "All HSB cases linked to Child Sexual Exploitation (CSE) should be taken to the MASE".
      id: 'mase-cse',
      label: 'Take the case to the MASE: the concern is linked to child sexual exploitation',
      when: { exploitation: ['cse'] },
      doneBy: 'mase-nomination',
      citation: { source: SOURCE, section: '7. Multi-Agency Sexual Exploitation Panel (MASE)' },
    },
    {
      // §8: "If the case is heard at the MASE then this should be recorded, along with … feedback."
      id: 'mase-feedback',
      label: 'Record the feedback from the MASE',
      when: { exploitation: ['cse'] },
      doneBy: 'mase-feedback',
      citation: s8,
    },
  ],
};
