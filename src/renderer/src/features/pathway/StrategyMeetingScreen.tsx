import type { Result } from '#contract/errors.ts';
import type { CaseTimeline } from '#contract/timescale-schemas.ts';
import { call } from '../../app/api.ts';
import { RouteLink } from '../../app/router.tsx';
import { Form, FormRadios, FormText, SubmitButton } from '../../ui/form/Form.tsx';
import { MeetingEditor } from '../meetings/MeetingEditor.tsx';
import { MeetingOutcomes } from './MeetingOutcomes.tsx';
import { LABELS, TYPE_OPTIONS } from './meeting-form.ts';
import { type CaseBasics, CaseScreen, loadBasics } from './shared.tsx';
import { useMeetingForm } from './useMeetingForm.ts';

interface Data extends CaseBasics {
  timeline: CaseTimeline;
}

async function load(caseId: string): Promise<Result<Data>> {
  const [basics, timeline] = await Promise.all([loadBasics(caseId), call('pathway.timeline', { caseId })]);
  if (!basics.ok) return basics;
  if (!timeline.ok) return timeline;
  return { ok: true, data: { ...basics.data, timeline: timeline.data } };
}

/** Record a strategy discussion or meeting: who, the agenda, the outcomes with what they need, the category and actions. */
export function StrategyMeetingScreen({ caseId }: { caseId: string }) {
  return (
    <CaseScreen
      caseId={caseId}
      title="Record a strategy discussion or meeting"
      load={load}
      what="the profile’s strategy meeting"
    >
      {(data) =>
        data.hsbCase.status !== 'open' ? (
          <p className="body">This case is closed.</p>
        ) : data.summary.strategyMeeting.outcomes.length === 0 ? (
          <p className="body">
            The {data.timeline.profile.name} profile lists no strategy meeting outcomes, so a strategy meeting
            cannot be recorded here. Record the case notes in the case management system.
          </p>
        ) : (
          <MeetingForm data={data} />
        )
      }
    </CaseScreen>
  );
}

function MeetingForm({ data }: { data: Data }) {
  const { summary, timeline } = data;
  const profileName = timeline.profile.name;
  const asked = summary.strategyMeeting.attendees;
  const form = useMeetingForm(data.hsbCase.id, summary);
  return (
    <Form form={form} labelledBy="strategy-meeting-form-title">
      <h2 id="strategy-meeting-form-title" className="visually-hidden">
        Record a strategy discussion or meeting
      </h2>
      <MeetingEditor
        before={
          <>
            <FormRadios name="type" label={LABELS.type ?? ''} options={TYPE_OPTIONS} />
            <FormText
              name="trigger"
              label={LABELS.trigger ?? ''}
              hint="For example, amber concern screened with the Brook tool."
            />
          </>
        }
        chairHint={
          summary.strategyMeeting.chair
            ? `The ${profileName} profile: ${summary.strategyMeeting.chair}.`
            : undefined
        }
        attendeesHint={
          asked.length > 0 ? (
            <div className="hint measure">
              <p>The {profileName} profile asks for:</p>
              <ul className="bullets">
                {asked.map((a) => (
                  <li key={a}>{a}</li>
                ))}
              </ul>
            </div>
          ) : null
        }
      >
        <MeetingOutcomes summary={summary} categories={timeline.categories} />
      </MeetingEditor>
      <div className="button-group hsb-submit">
        <SubmitButton>Save the record</SubmitButton>
        <RouteLink to={{ name: 'hsb-meetings', caseId: data.hsbCase.id }}>See the meeting records</RouteLink>
      </div>
    </Form>
  );
}
