import { useState } from 'react';
import type { Result } from '#contract/errors.ts';
import type { PathwaySummary } from '#contract/pathway-calls.ts';
import type { CasePerson } from '#contract/pattern-map-schemas.ts';
import type { CaseTimeline } from '#contract/timescale-schemas.ts';
import { askedFacts, type ProfileAskedFact } from '#domain/profiles/practice.ts';
import { call } from '../../app/api.ts';
import { RouteLink } from '../../app/router.tsx';
import { SuccessNotice, WarningText } from '../../ui/Notice.tsx';
import { FocusedSubheading } from '../../ui/PageHeading.tsx';
import { ConcernForm } from './ConcernForm.tsx';
import { ConcernList } from './ConcernList.tsx';
import { type Colour, coloursOf } from './colours.ts';
import { StepForm } from './StepForm.tsx';
import { type CaseBasics, caseScreen, loadBasics } from './shared.tsx';
import { SCREENING } from './useStepForm.ts';

interface Data extends CaseBasics {
  people: CasePerson[];
  timeline: CaseTimeline;
  colours: Colour[];
  asked: { fact: ProfileAskedFact; question: string }[];
}

async function load(caseId: string): Promise<Result<Data>> {
  const [basics, map, timeline] = await Promise.all([
    loadBasics(caseId),
    call('map.get', { caseId }),
    call('pathway.timeline', { caseId }),
  ]);
  if (!basics.ok) return basics;
  if (!map.ok) return map;
  if (!timeline.ok) return timeline;
  const profile = await call('profiles.get', {
    id: timeline.data.profile.id,
    version: timeline.data.profile.version,
  });
  if (!profile.ok) return profile;
  return {
    ok: true,
    data: {
      ...basics.data,
      people: map.data.people,
      timeline: timeline.data,
      colours: coloursOf(profile.data.document),
      asked: askedFacts(profile.data.document),
    },
  };
}

function ConcernWork({ data }: { data: Data }) {
  const [summary, setSummary] = useState(data.summary);
  const [people, setPeople] = useState(data.people);
  const [saved, setSaved] = useState<PathwaySummary['referrals'][number] | null>(null);
  const [formKey, setFormKey] = useState(0);
  const screening = data.timeline.triggerEvents.find((e) => e.id === 'concern-screened');
  const open = data.hsbCase.status === 'open';

  return (
    <>
      {!open ? <p className="body">This case is closed: concerns can no longer be recorded on it.</p> : null}
      {open && saved ? (
        <section aria-labelledby="concern-saved-title" className="section">
          <FocusedSubheading id="concern-saved-title">Concern recorded</FocusedSubheading>
          <SuccessNotice title={`Concern recorded: ${saved.eligibility.outcomeLabel}.`}>
            <p className="body">{saved.eligibility.summary}</p>
          </SuccessNotice>
          {saved.exploitationAdvice ? <WarningText>{saved.exploitationAdvice}</WarningText> : null}
          {screening ? (
            <ScreeningStep
              data={data}
              event={screening}
              onRecorded={() =>
                void call('pathway.summary', { caseId: data.hsbCase.id }).then((r) => {
                  if (r.ok) setSummary(r.data);
                })
              }
            />
          ) : null}
          <p className="body">
            Next:{' '}
            <RouteLink to={{ name: 'case', caseId: data.hsbCase.id }}>see where the child is now</RouteLink>,
            or{' '}
            <button
              type="button"
              className="link-button"
              onClick={() => {
                setSaved(null);
                setFormKey((k) => k + 1);
              }}
            >
              record another concern
            </button>
            .
          </p>
        </section>
      ) : null}
      {open && !saved ? (
        <ConcernForm
          key={formKey}
          caseId={data.hsbCase.id}
          profileName={data.timeline.profile.name}
          asked={data.asked}
          people={people}
          onPersonAdded={(p) => setPeople((list) => [...list, p])}
          onSaved={(next) => {
            setSummary(next);
            setSaved(next.referrals.at(-1) ?? null);
          }}
        />
      ) : null}
      <ConcernList summary={summary} />
    </>
  );
}

/** Blackpool: the concern screened by a social worker with the Brook Traffic Light Tool, which may start a deadline. */
function ScreeningStep({
  data,
  event,
  onRecorded,
}: {
  data: Data;
  event: { id: string; label: string };
  onRecorded: () => void;
}) {
  return (
    <section aria-labelledby="screening-title" className="section">
      <h3 id="screening-title" className="heading-s">
        Screen the concern
      </h3>
      <p className="body hint">{event.label}.</p>
      <StepForm
        timeline={data.timeline}
        colours={data.colours}
        wording={SCREENING}
        titleId="screening-title"
        fixedEvent={event.id}
        closeWhenSaved
        onRecorded={onRecorded}
      />
    </section>
  );
}

/** Record a concern, as a new referral or on the open case, with eligibility explained line by line. */
export const ConcernScreen = caseScreen('Record a concern', load, 'the case', ConcernWork);
