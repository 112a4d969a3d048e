import type { PathwaySummary } from '#contract/pathway-calls.ts';
import type { DeadlineView } from '#contract/timescale-schemas.ts';
import { call } from '../../app/api.ts';
import { RouteLink } from '../../app/router.tsx';
import { InstantText } from '../../ui/DateText.tsx';
import { Pending } from '../../ui/LoadFailed.tsx';
import { WarningText } from '../../ui/Notice.tsx';
import { Section } from '../../ui/Section.tsx';
import { useLoad } from '../../ui/useLoad.ts';
import { StatusBadge } from '../deadlines/StatusBadge.tsx';
import { EVIDENCE_WORDS } from './requirements.ts';
import { hasHub, StateTag } from './shared.tsx';

const RAGS = ['red', 'amber', 'green', 'grey'] as const;
const ragOf = (rag: string): DeadlineView['rag'] =>
  (RAGS as readonly string[]).includes(rag) ? (rag as DeadlineView['rag']) : 'grey';

/** Near the top of the case page: where the child is on the HSB pathway now, the next deadline, and what to record next. */
export function PathwayStatus({ caseId }: { caseId: string }) {
  const [loaded, reload] = useLoad(() => call('pathway.summary', { caseId }));
  return (
    <Section id="hsb-status-title" title="Where things stand" className="section hsb-status">
      <Pending loaded={loaded} what="where the child is on the pathway" onRetry={reload} />
      {loaded.state === 'ready' ? <StatusView caseId={caseId} summary={loaded.data} /> : null}
    </Section>
  );
}

function StatusView({ caseId, summary }: { caseId: string; summary: PathwaySummary }) {
  const next = summary.nextDeadline;
  const declined = summary.consultations.filter((c) => c.screening?.decision === 'decline');
  const hub = summary.terms.hub;
  return (
    <>
      <p className="body hsb-status__line">
        <strong>Where the child is now:</strong> {summary.stage}
      </p>
      <p className="body hsb-status__line">
        <strong>Next deadline:</strong>{' '}
        {next ? (
          <>
            {next.step}, due {next.due} —{' '}
            <StatusBadge deadline={{ rag: ragOf(next.rag), statusLabel: next.statusLabel }} />
          </>
        ) : (
          'none running.'
        )}
      </p>
      {declined.map((c) => (
        <WarningText key={c.id}>
          The {hub} declined the consultation request: {c.screening?.rationale}
        </WarningText>
      ))}
      <nav aria-label="Record on the pathway" className="hsb-actions">
        <ul className="hsb-actions__list">
          <li>
            <RouteLink to={{ name: 'hsb-concern', caseId }}>Record a concern</RouteLink>
          </li>
          <li>
            <RouteLink to={{ name: 'hsb-category', caseId }}>Risk category and descriptors</RouteLink>
          </li>
          <li>
            <RouteLink to={{ name: 'hsb-steps', caseId }}>Record a step</RouteLink>
          </li>
          <li>
            <RouteLink to={{ name: 'hsb-meeting-new', caseId }}>
              Record a strategy discussion or meeting
            </RouteLink>
          </li>
          <li>
            <RouteLink to={{ name: 'hsb-meetings', caseId }}>
              Strategy discussions and meetings ({summary.meetings.length})
            </RouteLink>
          </li>
          {hasHub(summary) ? (
            <li>
              <RouteLink to={{ name: 'hsb-consultation', caseId }}>Consultation with the {hub}</RouteLink>
            </li>
          ) : null}
          {summary.trackedActions.some((a) => a.id === 'intervention-plan' && !a.doneAt) ? (
            <li>
              {/* Issue 12: an intervention plan follows the signed assessment. */}
              <RouteLink to={{ name: 'hsb-plans', caseId }}>Record the intervention plan</RouteLink>
            </li>
          ) : null}
          <li>
            <RouteLink to={{ name: 'hsb-plans', caseId }}>
              Plans and records ({summary.plans.length})
            </RouteLink>
          </li>
        </ul>
      </nav>
      <Requirements summary={summary} />
      <TrackedActions summary={summary} />
    </>
  );
}

/** The actions the procedure asks for on this case (the MASE for CSE, a step-down meeting …), done once recorded. */
function TrackedActions({ summary }: { summary: PathwaySummary }) {
  if (summary.trackedActions.length === 0) return null;
  return (
    <>
      <h3 id="hsb-actions-title" className="heading-s">
        Actions the procedure asks for
      </h3>
      <p className="body hint">Each is done when its step is recorded on the case, with its date.</p>
      <ul className="hsb-checklist" aria-labelledby="hsb-actions-title">
        {summary.trackedActions.map((a) => (
          <li key={a.id} className="hsb-checklist__item">
            <StateTag tone={a.doneAt ? 'done' : 'todo'}>{a.doneAt ? 'Done' : 'To do'}</StateTag>{' '}
            <span className="hsb-checklist__label">{a.label}</span>
            <span className="hsb-checklist__detail">
              {a.doneAt ? <InstantText value={a.doneAt} /> : 'Not recorded yet'} ({a.citation})
            </span>
          </li>
        ))}
      </ul>
    </>
  );
}

function Requirements({ summary }: { summary: PathwaySummary }) {
  if (summary.recordingRequirements.length === 0) return null;
  return (
    <>
      <h3 id="hsb-requirements-title" className="heading-s">
        What the profile asks to be recorded
      </h3>
      <p className="body hint">
        The records this case’s profile asks for (those tied to a risk category appear once one is agreed).
        Matched by their wording against what the workbench holds; anything it cannot see, or that is recorded
        in another system, says “Check by hand”.
      </p>
      <ul className="hsb-checklist" aria-labelledby="hsb-requirements-title">
        {summary.recordingRequirements.map((r) => {
          const e = r.evidence;
          const tone =
            e.state === 'recorded' || e.state === 'not-needed'
              ? 'done'
              : e.state === 'missing'
                ? 'todo'
                : 'info';
          return (
            <li key={r.id} className="hsb-checklist__item">
              <StateTag tone={tone}>{EVIDENCE_WORDS[e.state]}</StateTag>{' '}
              <span className="hsb-checklist__label">{r.label}</span>
              <span className="hsb-checklist__detail">{e.detail}</span>
            </li>
          );
        })}
      </ul>
    </>
  );
}
