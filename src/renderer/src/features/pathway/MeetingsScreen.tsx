import { useState } from 'react';
import type { PathwaySummary } from '#contract/pathway-calls.ts';
import { call } from '../../app/api.ts';
import { RouteLink } from '../../app/router.tsx';
import { DayText } from '../../ui/DateText.tsx';
import { ExportButton } from '../../ui/ExportButton.tsx';
import { Fact } from '../../ui/Fact.tsx';
import { useSubmission } from '../../ui/form/useSubmission.ts';
import { SuccessNotice } from '../../ui/Notice.tsx';
import { MeetingSummary } from '../meetings/MeetingSummary.tsx';
import { type CaseBasics, caseScreen, loadBasics, When } from './shared.tsx';

type Meeting = PathwaySummary['meetings'][number];

interface MeetingProps {
  caseId: string;
  meeting: Meeting;
  open: boolean;
  onUpdated: (summary: PathwaySummary) => void;
}

function MeetingList({ data }: { data: CaseBasics }) {
  const caseId = data.hsbCase.id;
  const open = data.hsbCase.status === 'open';
  const [summary, setSummary] = useState(data.summary);
  return (
    <>
      {open ? (
        <p className="body">
          <RouteLink to={{ name: 'hsb-meeting-new', caseId }} className="button hsb-link-button">
            Record a strategy discussion or meeting
          </RouteLink>
        </p>
      ) : null}
      {summary.meetings.length === 0 ? (
        <p className="body hint">No strategy discussion or meeting has been recorded on this case yet.</p>
      ) : (
        [...summary.meetings]
          .reverse()
          .map((m) => (
            <MeetingRecord key={m.id} caseId={caseId} meeting={m} open={open} onUpdated={setSummary} />
          ))
      )}
    </>
  );
}

function MeetingRecord({ caseId, meeting: m, open, onUpdated }: MeetingProps) {
  const titleId = `meeting-${m.id}-title`;
  const d = m.details;
  const details = [
    d.s47Type
      ? `Section 47 enquiry ${d.s47Type === 'joint' ? 'joint with police' : 'single (social care only)'}`
      : '',
    d.leadAgency ? `Lead agency: ${d.leadAgency}` : '',
    d.followUpWorkingDays ? `Follow-up strategy meeting within ${d.followUpWorkingDays} working days` : '',
  ].filter(Boolean);
  return (
    <article aria-labelledby={titleId} className="panel hsb-meeting">
      <h2 id={titleId} className="heading-m heading--flush">
        {m.typeLabel}, <When at={m.heldAt} />
      </h2>
      <MeetingSummary
        meeting={m}
        what={`the ${m.typeLabel.toLowerCase()}`}
        facts={
          <>
            <Fact term="Trigger">{m.trigger}</Fact>
            <Fact term="Outcomes">
              <ul className="bullets bullets--flush">
                {m.outcomes.map((o) => (
                  <li key={o}>{o}</li>
                ))}
              </ul>
            </Fact>
            {details.length ? <Fact term="Detail">{details.join('. ')}</Fact> : null}
            <Fact term="Rationale" className="prewrap">
              {d.rationale || <span className="hint">None recorded</span>}
            </Fact>
            {m.categoryLabel ? <Fact term="Category agreed">{m.categoryLabel}</Fact> : null}
            <Fact term="Recorded by">{m.recordedByName}</Fact>
          </>
        }
        actions={<Actions caseId={caseId} meeting={m} open={open} onUpdated={onUpdated} />}
      />
      <ExportButton
        name="reports.exportStrategyMeeting"
        request={{ caseId, meetingId: m.id }}
        label={`Export the record of the ${m.typeLabel.toLowerCase()} (Word)`}
      />
    </article>
  );
}

function Actions({ caseId, meeting: m, open, onUpdated }: MeetingProps) {
  const [done, setDone] = useState(m.actions.map((a) => a.done));
  const [problem, setProblem] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const { busy, send, submitting } = useSubmission();
  // When the record changes (saved here, or reloaded after someone else's change), start from it again.
  const [version, setVersion] = useState(m.version);
  if (version !== m.version) {
    setVersion(m.version);
    setDone(m.actions.map((a) => a.done));
  }
  const changed = done.some((v, i) => v !== m.actions[i]?.done);
  const titleId = `meeting-${m.id}-actions`;

  const save = submitting(async () => {
    const result = await send(
      call('pathway.updateMeetingActions', {
        meetingId: m.id,
        expectedVersion: m.version,
        actions: m.actions.map((a, i) => ({ ...a, done: done[i] ?? a.done })),
      }),
    );
    if (!result.ok) {
      setProblem(result.error.message);
      if (result.error.code === 'conflict') {
        const fresh = await call('pathway.summary', { caseId });
        if (fresh.ok) onUpdated(fresh.data);
      }
      return;
    }
    setProblem(null);
    setSaved(`Actions saved: ${done.filter(Boolean).length} of ${done.length} done.`);
    onUpdated(result.data);
  });

  return (
    <section aria-labelledby={titleId}>
      <h3 id={titleId} className="heading-s">
        Actions
      </h3>
      {saved ? <SuccessNotice title={saved} /> : null}
      {problem ? (
        <div className="error-summary" role="alert">
          <p className="error-summary__title">Not saved</p>
          <p className="error-summary__message">{problem}</p>
        </div>
      ) : null}
      {m.actions.length === 0 ? (
        <p className="body hint">No actions were agreed.</p>
      ) : (
        <fieldset className="fieldset" aria-describedby={`${titleId}-hint`}>
          <legend className="visually-hidden">Actions done</legend>
          <p id={`${titleId}-hint`} className="hint">
            Tick each action that is done, then save.
          </p>
          {m.actions.map((a, i) => {
            const id = `${titleId}-${i}`;
            return (
              // biome-ignore lint/suspicious/noArrayIndexKey: actions have no id and never reorder
              <div key={i} className="checkbox hsb-action">
                <input
                  id={id}
                  type="checkbox"
                  className="checkbox__input"
                  checked={done[i] ?? false}
                  disabled={!open}
                  onChange={(e) => {
                    setSaved(null);
                    setDone((list) => list.map((v, j) => (j === i ? e.target.checked : v)));
                  }}
                />
                <label htmlFor={id} className="checkbox__label">
                  {a.text}
                  <span className="cell-note">
                    {a.owner ? `Owner: ${a.owner}. ` : ''}
                    {a.due ? (
                      <>
                        Due <DayText value={a.due} />.
                      </>
                    ) : (
                      'No due date.'
                    )}
                  </span>
                </label>
              </div>
            );
          })}
          {open ? (
            <button
              type="button"
              className="button button--secondary"
              aria-disabled={busy || !changed || undefined}
              onClick={() => {
                if (changed) void save();
              }}
            >
              Save actions<span className="visually-hidden"> of the {m.typeLabel.toLowerCase()}</span>
            </button>
          ) : null}
        </fieldset>
      )}
    </section>
  );
}

/** The strategy discussions and meetings held on the case, each with its outcome and actions (tick them done). */
export const MeetingsScreen = caseScreen(
  'Strategy discussions and meetings',
  loadBasics,
  'the meeting records',
  MeetingList,
);
