import type { FieldProblem } from '#contract/errors.ts';
import type { PathwaySummary } from '#contract/pathway-calls.ts';
import { call } from '../../app/api.ts';
import { RouteLink } from '../../app/router.tsx';
import { ExportButton } from '../../ui/ExportButton.tsx';
import { Fact } from '../../ui/Fact.tsx';
import { FormRadios, FormTextArea } from '../../ui/form/Form.tsx';
import { useWorkbenchForm } from '../../ui/form/useWorkbenchForm.ts';
import { WarningText } from '../../ui/Notice.tsx';
import { MeetingSummary } from '../meetings/MeetingSummary.tsx';
import { ConsultationHeldForm } from './ConsultationHeldForm.tsx';
import type { Consultation } from './consultation-words.ts';
import { SubForm } from './SubForm.tsx';
import { StateTag, When } from './shared.tsx';

export function ConsultationRecord({
  caseId,
  consultation: c,
  hub,
  open,
  userName,
  onDone,
}: {
  caseId: string;
  consultation: Consultation;
  hub: string;
  open: boolean;
  userName: string;
  onDone: (s: PathwaySummary) => void;
}) {
  const titleId = `consultation-${c.id}-title`;
  // The hub screens a request; the person who made it waits for the decision.
  const mine = c.requestedByName === userName;
  return (
    <article aria-labelledby={titleId} className="panel hsb-consultation">
      <h3 id={titleId} className="heading-s heading--flush">
        Consultation requested <When at={c.requestedAt} />
      </h3>
      <p className="body">
        <StateTag tone={c.state === 'declined' ? 'todo' : c.state === 'held' ? 'done' : 'info'}>
          {c.stateLabel}
        </StateTag>
      </p>
      {c.screening?.decision === 'decline' ? (
        <WarningText>
          The {hub} declined this request: {c.screening.rationale}
        </WarningText>
      ) : null}
      <dl className="facts">
        <Fact term="Requested by">{c.requestedByName}</Fact>
        <Fact term="Manager">{c.managerName}</Fact>
        <Fact term="For" className="prewrap">
          {c.request}
        </Fact>
        {c.screening ? (
          <Fact term="Screening">
            {c.screening.decision === 'accept' ? 'Accepted' : 'Declined'} by {c.screening.byName},{' '}
            <When at={c.screening.at} />
            {c.screening.rationale ? (
              <span className="cell-note prewrap">{c.screening.rationale}</span>
            ) : null}
          </Fact>
        ) : null}
      </dl>
      {c.meeting ? (
        <MeetingSummary
          meeting={c.meeting}
          what="the consultation"
          level={4}
          facts={
            <>
              <Fact term="Outcome">The behaviour is {c.meeting.outcome}</Fact>
              <Fact term="Next steps">{c.meeting.nextSteps.join(', ')}</Fact>
              <Fact term="Resources shared" className="prewrap">
                {c.meeting.resourcesShared || <span className="hint">None recorded</span>}
              </Fact>
              {c.meeting.notes ? (
                <Fact term="Notes" className="prewrap">
                  {c.meeting.notes}
                </Fact>
              ) : null}
            </>
          }
        />
      ) : null}
      {c.meeting?.nextSteps.includes('pattern mapping') ? (
        <p className="body">
          Next: <RouteLink to={{ name: 'pattern-map', caseId }}>open the pattern map</RouteLink>.
        </p>
      ) : null}
      {open && c.state === 'requested' && mine ? (
        <p className="body">Waiting for the {hub} to screen the request.</p>
      ) : null}
      {open && c.state === 'requested' && !mine ? (
        <ScreenForm consultation={c} hub={hub} onDone={onDone} />
      ) : null}
      {open && c.state === 'accepted' ? <ConsultationHeldForm consultation={c} onDone={onDone} /> : null}
      <ExportButton
        name="reports.exportConsultation"
        request={{ caseId, consultationId: c.id }}
        label="Export the consultation record (Word)"
      />
    </article>
  );
}

const DECISIONS = [
  { value: 'accept', label: 'Accept the request' },
  { value: 'decline', label: 'Decline the request' },
] as const;
const SCREEN_LABELS = {
  decision: 'Decision',
  rationale: 'Rationale (required to decline: it is shown to the referrer)',
};

function ScreenForm({
  consultation: c,
  hub,
  onDone,
}: {
  consultation: Consultation;
  hub: string;
  onDone: (s: PathwaySummary) => void;
}) {
  const form = useWorkbenchForm({
    id: `screen-${c.id}`,
    labels: SCREEN_LABELS,
    defaultValues: { decision: '' as 'accept' | 'decline' | '', rationale: '' },
    check: ({ decision, rationale }) => {
      const problems: FieldProblem[] = [];
      if (!decision) problems.push({ path: 'decision', message: 'Choose accept or decline' });
      if (decision === 'decline' && !rationale.trim())
        problems.push({
          path: 'rationale',
          message: 'Enter the rationale for declining: the referrer will see it',
        });
      return problems;
    },
    toRequest: ({ decision, rationale }) => ({
      consultationId: c.id,
      expectedVersion: c.version,
      decision: decision || 'accept',
      rationale,
    }),
    send: (request) => call('consultations.screen', request),
    onSuccess: onDone,
  });

  return (
    <SubForm
      form={form}
      title={`Screen the request (${hub})`}
      hint={`For ${hub} staff. The person who made the request cannot screen it.`}
      submit="Record the screening decision"
    >
      <FormRadios name="decision" options={DECISIONS} />
      <FormTextArea name="rationale" rows={3} />
    </SubForm>
  );
}
