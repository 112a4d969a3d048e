import { useEffect } from 'react';
import { call } from '../../app/api.ts';
import { Pending } from '../../ui/LoadFailed.tsx';
import { Section } from '../../ui/Section.tsx';
import { useLoad } from '../../ui/useLoad.ts';
import { DeadlineList } from './DeadlineList.tsx';
import { ProfileVersion } from './ProfileVersion.tsx';

/**
 * The case's pathway on the case page: its profile version and its deadlines (each paused, extended or
 * marked done here). Steps and categories are recorded on the pathway screens the status links to.
 */
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
  const [loaded, reload] = useLoad(() => call('pathway.timeline', { caseId }));
  const refresh = () => void reload();
  const version = loaded.state === 'ready' ? loaded.data.profile.version : null;
  useEffect(() => {
    if (version !== null) onProfileVersion?.(version);
  }, [version, onProfileVersion]);

  return (
    <Section id="pathway-title" title="Pathway" className="section section--divided">
      <Pending loaded={loaded} what="the pathway" onRetry={refresh} />
      {loaded.state === 'ready' ? (
        <>
          <ProfileVersion timeline={loaded.data} caseOpen={caseOpen} onMoved={refresh} />
          <DeadlineList deadlines={loaded.data.deadlines} caseOpen={caseOpen} onChanged={refresh} />
        </>
      ) : null}
    </Section>
  );
}
