import { useState } from 'react';
import type { Result } from '#contract/errors.ts';
import type { CaseTimeline } from '#contract/timescale-schemas.ts';
import { call } from '../../app/api.ts';
import { DataTable } from '../../ui/DataTable.tsx';
import { InstantText } from '../../ui/DateText.tsx';
import { Section } from '../../ui/Section.tsx';
import { type Colour, coloursOf } from './colours.ts';
import { StepForm } from './StepForm.tsx';
import { type CaseBasics, caseScreen, loadBasics } from './shared.tsx';
import { ANY_STEP } from './useStepForm.ts';

interface Data extends CaseBasics {
  timeline: CaseTimeline;
  /** The Brook colours of the case's profile version. */
  colours: Colour[];
}

async function load(caseId: string): Promise<Result<Data>> {
  const [basics, timeline] = await Promise.all([loadBasics(caseId), call('pathway.timeline', { caseId })]);
  if (!basics.ok) return basics;
  if (!timeline.ok) return timeline;
  const { id, version } = timeline.data.profile;
  const profile = await call('profiles.get', { id, version });
  if (!profile.ok) return profile;
  return {
    ok: true,
    data: { ...basics.data, timeline: timeline.data, colours: coloursOf(profile.data.document) },
  };
}

function StepsWork({ data }: { data: Data }) {
  const [timeline, setTimeline] = useState(data.timeline);
  return (
    <>
      {data.hsbCase.status === 'open' ? (
        <Section id="step-title" title="Record a step">
          {timeline.triggerEvents.length > 0 ? (
            <StepForm
              timeline={timeline}
              colours={data.colours}
              wording={ANY_STEP}
              titleId="step-title"
              onRecorded={setTimeline}
            />
          ) : (
            <p className="body hint">This profile names no other steps that start a clock.</p>
          )}
        </Section>
      ) : null}
      <Section id="steps-title" title="Recorded steps" className="section section--divided">
        <StepsTable timeline={timeline} />
      </Section>
    </>
  );
}

function StepsTable({ timeline }: { timeline: CaseTimeline }) {
  return (
    <DataTable
      empty={<p className="body hint">No steps recorded yet.</p>}
      caption="Steps recorded on this case, oldest first"
      className="table table--small"
      columns={['When', 'Step', 'Details', 'Recorded by']}
    >
      {timeline.events.map((e) => (
        <tr key={e.id}>
          <td className="nowrap">
            <InstantText value={e.occurredAt} withTime />
          </td>
          <td>{e.label}</td>
          <td className="prewrap">{e.summary}</td>
          <td>{e.recordedByName}</td>
        </tr>
      ))}
    </DataTable>
  );
}

/** Record a step the profile names (a concern received, s47 initiated …), and list the steps recorded. */
export const StepsScreen = caseScreen('Steps on the pathway', load, 'the profile’s steps', StepsWork);
