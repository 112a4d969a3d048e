import { calls } from '#contract/calls.ts';
import type { FieldProblem } from '#contract/errors.ts';
import type { PathwaySummary } from '#contract/pathway-calls.ts';
import { call } from '../../app/api.ts';
import { Form, FormCheckboxes, FormRadios, FormTextArea, SubmitButton } from '../../ui/form/Form.tsx';
import { useWorkbenchForm } from '../../ui/form/useWorkbenchForm.ts';
import { optionsOf } from '../../ui/options.ts';
import { MeetingEditor } from '../meetings/MeetingEditor.tsx';
import {
  type MeetingValues,
  meetingChecks,
  meetingLabels,
  meetingRequest,
  meetingValues,
} from '../meetings/meeting-values.ts';
import type { Consultation } from './consultation-words.ts';

const OUTCOMES = optionsOf({
  normal: 'Normal',
  inappropriate: 'Inappropriate',
  problematic: 'Problematic',
  harmful: 'Harmful',
});
type ConsultationOutcome = (typeof OUTCOMES)[number]['value'];
const NEXT_STEPS = optionsOf({
  'pattern-mapping': 'Pattern mapping',
  'aim-assessment': 'AIM assessment',
  signposting: 'Signposting',
  'no-further-involvement': 'No further hub involvement',
});
type NextStep = (typeof NEXT_STEPS)[number]['value'];

const { actions: _actions, ...COMMON } = meetingLabels();
const LABELS: Record<string, string> = {
  ...COMMON,
  outcome: 'Outcome: the behaviour is',
  resourcesShared: 'Resources shared',
  nextSteps: 'Next steps',
  notes: 'Notes',
  actions: 'Actions',
};

interface Values extends MeetingValues {
  outcome: ConsultationOutcome | '';
  resourcesShared: string;
  nextSteps: NextStep[];
  notes: string;
}

function checks(v: Values): FieldProblem[] {
  const problems = meetingChecks(v);
  if (!v.outcome) problems.push({ path: 'outcome', message: 'Choose the outcome' });
  if (v.nextSteps.length === 0) problems.push({ path: 'nextSteps', message: 'Tick at least one next step' });
  return problems;
}

/** The hub consultation, once held: the one meeting editor with the consultation's advice and next steps. */
export function ConsultationHeldForm({
  consultation: c,
  onDone,
}: {
  consultation: Consultation;
  onDone: (s: PathwaySummary) => void;
}) {
  const id = `held-${c.id}`;
  const form = useWorkbenchForm({
    id,
    labels: LABELS,
    defaultValues: {
      ...meetingValues(null),
      outcome: '',
      resourcesShared: '',
      nextSteps: [],
      notes: '',
    } as Values,
    request: calls['consultations.recordMeeting'].request,
    toRequest: (v: Values) => ({
      consultationId: c.id,
      expectedVersion: c.version,
      ...meetingRequest(v),
      outcome: v.outcome as ConsultationOutcome,
      resourcesShared: v.resourcesShared,
      nextSteps: v.nextSteps,
      notes: v.notes,
    }),
    check: checks,
    send: (request) => call('consultations.recordMeeting', request),
    onSuccess: onDone,
  });
  return (
    <Form form={form} className="form hsb-subform" labelledBy={`${id}-title`}>
      <h4 id={`${id}-title`} className="heading-xs heading--flush">
        Record the consultation meeting
      </h4>
      <MeetingEditor level={4}>
        <FormRadios
          name="outcome"
          label={LABELS.outcome ?? ''}
          hint="Hackett’s continuum, as the hub uses it."
          options={OUTCOMES}
        />
        <FormTextArea name="resourcesShared" label={LABELS.resourcesShared ?? ''} rows={2} />
        <FormCheckboxes name="nextSteps" label={LABELS.nextSteps ?? ''} options={NEXT_STEPS} />
        <FormTextArea name="notes" label={LABELS.notes ?? ''} hint="Optional." rows={3} />
      </MeetingEditor>
      <SubmitButton>Record the consultation</SubmitButton>
    </Form>
  );
}
