import '../../styles/assessment.css';
import { useState } from 'react';
import { call } from '../../app/api.ts';
import { hrefFor, RouteLink } from '../../app/router.tsx';
import { againToPart, useAddressedPart, useShowAddressedPart } from '../../ui/addressed-part.ts';
import { BackLink } from '../../ui/BackLink.tsx';
import { Pending } from '../../ui/LoadFailed.tsx';
import { PageHeading } from '../../ui/PageHeading.tsx';
import { useLoad } from '../../ui/useLoad.ts';
import { DecisionPart } from './DecisionPart.tsx';
import { DomainsPart } from './DomainsPart.tsx';
import { MeetingPart } from './MeetingPart.tsx';
import { NarrativePart } from './NarrativePart.tsx';
import { OutcomePart } from './OutcomePart.tsx';
import { ReturnedBanner } from './ReturnedNotes.tsx';
import { SessionsPart } from './SessionsPart.tsx';
import { SourcesPart } from './SourcesPart.tsx';
import { partTitleId, type View } from './shared.tsx';
import { VersionsPart } from './VersionsPart.tsx';
import { WindowPanel, WindowStatus } from './WindowPanel.tsx';

/** One AIM assessment, as the signed-in person sees it (`assessments.get`). */
export function AssessmentPage({ assessmentId }: { assessmentId: string }) {
  const [loaded, reload] = useLoad(() => call('assessments.get', { id: assessmentId }));
  if (loaded.state !== 'ready') {
    return (
      <>
        <PageHeading>AIM assessment</PageHeading>
        <Pending loaded={loaded} what="the assessment" onRetry={reload} />
      </>
    );
  }
  return <Workspace initial={loaded.data} />;
}

const PARTS = [
  { id: 'decision', label: 'Decision' },
  { id: 'planning', label: 'Planning meeting' },
  { id: 'sources', label: 'Sources of information' },
  { id: 'sessions', label: 'Sessions' },
  { id: 'domains', label: 'Domains' },
  { id: 'narrative', label: 'Analysis and plan' },
  { id: 'outcome', label: 'Outcome' },
  { id: 'end-meeting', label: 'End meeting' },
  { id: 'versions', label: 'Versions' },
] as const;
type PartId = (typeof PARTS)[number]['id'];

/** The part the address points at (`#/assessments/<id>/<part>`), if it is one of this page's. */
function useAddressedPartId(parts: readonly { id: PartId }[]): string | null {
  const part = useAddressedPart();
  return parts.find((p) => p.id === part) ? partTitleId(part as PartId) : null;
}

function Workspace({ initial }: { initial: View }) {
  const [view, setView] = useState(initial);
  const canWrite = !view.readOnly && view.viewerRole !== 'reader';
  const latest = view.versions.at(-1);
  const props = { view, canWrite, onView: setView };
  const hasOutcome = Boolean(view.framework.outcome || view.framework.levels?.length);
  const parts = PARTS.filter((p) => p.id !== 'outcome' || hasOutcome);
  useShowAddressedPart(useAddressedPartId(parts));

  return (
    <>
      <BackLink to={{ name: 'case', caseId: view.caseId, section: 'assessments' }}>Back to the case</BackLink>
      <PageHeading
        caption={`Case ${view.caseReference} · ${view.framework.name} · Version ${view.versionNo}`}
      >
        AIM assessment: {view.childName}
      </PageHeading>

      {view.readOnly ? (
        <div className="notice notice--info" role="note">
          <p className="notice__title">Version {view.versionNo} can no longer be changed</p>
          <p className="body">
            A review started a later version, so this one is kept exactly as it was.{' '}
            {latest && latest.id !== view.id ? (
              <RouteLink to={{ name: 'assessment', assessmentId: latest.id }}>
                Go to version {latest.versionNo}
              </RouteLink>
            ) : null}
          </p>
        </div>
      ) : view.viewerRole === 'reader' ? (
        <div className="notice notice--info" role="note">
          <p className="notice__title">You can read this assessment but not change it</p>
          <p className="body">
            Only the two co-assessors, {view.leadAssessor.name} and {view.coAssessor.name}, write and rate it.
          </p>
        </div>
      ) : null}

      <ReturnedBanner view={view} />
      <WindowPanel view={view} />

      <p className="sign-off-link">
        <RouteLink to={{ name: 'sign-off', assessmentId: view.id }}>
          Quality assurance, sign-off and the Word report
        </RouteLink>
      </p>

      <div className="assessment-layout">
        <div className="assessment-layout__side">
          <nav aria-label="Parts of this assessment" className="assessment-contents">
            <h2 className="assessment-contents__title">Contents</h2>
            <ol className="assessment-contents__list">
              {parts.map((p) => (
                <li key={p.id}>
                  <a
                    href={hrefFor({ name: 'assessment', assessmentId: view.id, section: p.id })}
                    onClick={(event) => againToPart(event, partTitleId(p.id))}
                  >
                    {p.label}
                  </a>
                </li>
              ))}
            </ol>
          </nav>
          <WindowStatus view={view} />
        </div>
        <div className="assessment-layout__main">
          <DecisionPart view={view} />
          <MeetingPart {...props} kind="planning" />
          <SourcesPart {...props} />
          <SessionsPart {...props} />
          <DomainsPart {...props} />
          <NarrativePart {...props} />
          {hasOutcome ? <OutcomePart {...props} /> : null}
          <MeetingPart {...props} kind="end" />
          <VersionsPart {...props} />
        </div>
      </div>
    </>
  );
}
