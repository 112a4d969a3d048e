import { useEffect } from 'react';
import type { CaseTimeline } from '../../../../contract/timescale-schemas.ts';
import { call } from '../../app/api.ts';
import { LoadFailed, Loading } from '../../ui/LoadFailed.tsx';
import { useLoad } from '../../ui/useLoad.ts';
import { CategorySection } from './CategorySection.tsx';
import { DeadlineList } from './DeadlineList.tsx';
import { EventsSection } from './EventsSection.tsx';
import { ProfileVersion } from './ProfileVersion.tsx';

export interface Colour {
  id: string;
  label: string;
}

interface PathwayData {
  timeline: CaseTimeline;
  /** The Brook colours of the case's profile version, for the "Record a step" form. */
  colours: Colour[];
}

function coloursOf(document: Record<string, unknown>): Colour[] {
  const brook = document.brook as { colours?: unknown } | undefined;
  if (!Array.isArray(brook?.colours)) return [];
  return brook.colours.filter((c): c is Colour => typeof c?.id === 'string' && typeof c?.label === 'string');
}

/** The case's pathway: its profile version, deadlines, agreed risk category and recorded steps. */
export function PathwaySection({
  caseId,
  caseOpen,
  onProfileVersion,
}: {
  caseId: string;
  caseOpen: boolean;
  /** Told the profile version the case runs under each time the pathway loads. */
  onProfileVersion?: (version: number) => void;
}) {
  const [loaded, reload] = useLoad<PathwayData>(async () => {
    const timeline = await call('pathway.timeline', { caseId });
    if (!timeline.ok) return timeline;
    const { id, version } = timeline.data.profile;
    const profile = await call('profiles.get', { id, version });
    if (!profile.ok) return profile;
    return { ok: true, data: { timeline: timeline.data, colours: coloursOf(profile.data.document) } };
  });
  const refresh = () => void reload();
  const version = loaded.state === 'ready' ? loaded.data.timeline.profile.version : null;
  useEffect(() => {
    if (version !== null) onProfileVersion?.(version);
  }, [version, onProfileVersion]);

  return (
    <section aria-labelledby="pathway-title" className="section section--divided">
      <h2 id="pathway-title" className="heading-m">
        Pathway
      </h2>
      {loaded.state === 'loading' ? <Loading what="the pathway" /> : null}
      {loaded.state === 'failed' ? <LoadFailed error={loaded.error} onRetry={refresh} /> : null}
      {loaded.state === 'ready' ? (
        <>
          <ProfileVersion timeline={loaded.data.timeline} caseOpen={caseOpen} onMoved={refresh} />
          <DeadlineList deadlines={loaded.data.timeline.deadlines} caseOpen={caseOpen} onChanged={refresh} />
          <CategorySection timeline={loaded.data.timeline} caseOpen={caseOpen} onRecorded={refresh} />
          <EventsSection
            timeline={loaded.data.timeline}
            colours={loaded.data.colours}
            caseOpen={caseOpen}
            onRecorded={refresh}
          />
        </>
      ) : null}
    </section>
  );
}
