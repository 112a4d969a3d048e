import { calls } from '#contract/calls.ts';
import type { PathwaySummary } from '#contract/pathway-calls.ts';
import { call } from '../../app/api.ts';
import { useRouter } from '../../app/router.tsx';
import { useWorkbenchForm } from '../../ui/form/useWorkbenchForm.ts';
import { errorsFromResult } from '../../ui/problems.ts';
import { meetingValues, newAgendaPoint } from '../meetings/meeting-values.ts';
import { FORM, LABELS, type StrategyValues, strategyChecks, strategyRequest } from './meeting-form.ts';

/** The confirmation shown on the meetings list after saving, saying whether an AIM assessment started. */
function savedMessage(before: PathwaySummary, after: PathwaySummary, startsAssessment: boolean): string {
  const meeting = after.meetings.at(-1);
  const assessments = (history: PathwaySummary['history']) =>
    history.filter((h) => h.kind === 'AIM assessment').length;
  const started = assessments(after.history) > assessments(before.history);
  const alongside = startsAssessment
    ? started
      ? ' An AIM assessment has been started on the case.'
      : ' No new AIM assessment was started: the case already has one, or the profile’s rules stopped it (see the case).'
    : '';
  return `${meeting?.typeLabel ?? 'Strategy meeting'} recorded: ${meeting?.outcomes.join('; ') ?? ''}.${alongside}`;
}

/** The strategy meeting form, on the one meeting editor: saved, it goes to the meetings list. */
export function useMeetingForm(caseId: string, summary: PathwaySummary) {
  const profileMeeting = summary.strategyMeeting;
  const { navigate } = useRouter();
  const chosenOf = (v: StrategyValues) => profileMeeting.outcomes.filter((o) => v.outcomes.includes(o.id));
  return useWorkbenchForm({
    id: FORM,
    labels: LABELS,
    defaultValues: {
      ...meetingValues(null, {
        chair: profileMeeting.chair,
        agenda: profileMeeting.agenda.map((point) => newAgendaPoint(point)),
      }),
      type: '',
      trigger: '',
      outcomes: [],
      rationale: '',
      leadAgency: '',
      s47Type: '',
      followUp: '',
      category: '',
      categoryRationale: '',
    } as StrategyValues,
    request: calls['pathway.recordStrategyMeeting'].request,
    toRequest: (v: StrategyValues) => strategyRequest(caseId, v, chosenOf(v)),
    check: strategyChecks,
    send: (request) => call('pathway.recordStrategyMeeting', request),
    // The category is agreed by the same call: its problems belong to the category fields here.
    onRefused: (error) =>
      errorsFromResult({
        ...error,
        problems: error.problems?.map((p) =>
          p.path === 'rationale' ? { ...p, path: 'categoryRationale' } : p,
        ),
      }),
    onSuccess: (after, v) =>
      navigate(
        { name: 'hsb-meetings', caseId },
        savedMessage(
          summary,
          after,
          chosenOf(v).some((o) => o.startsAssessment),
        ),
      ),
  });
}
