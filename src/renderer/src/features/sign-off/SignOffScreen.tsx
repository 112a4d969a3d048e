import '../../styles/sign-off.css';
import { useEffect, useRef, useState } from 'react';
import type { AssessmentView } from '#contract/assessment-schemas.ts';
import type { SignOffStatus } from '#contract/sign-off-calls.ts';
import { returnParts } from '#domain/assessment/returns.ts';
import { call } from '../../app/api.ts';
import { RouteLink } from '../../app/router.tsx';
import { BackLink } from '../../ui/BackLink.tsx';
import { Pending } from '../../ui/LoadFailed.tsx';
import { PageHeading } from '../../ui/PageHeading.tsx';
import { all, useLoad } from '../../ui/useLoad.ts';
import { ExportSection } from './ExportSection.tsx';
import { ResultNotice } from './ResultNotice.tsx';
import { SignOffActions } from './SignOffActions.tsx';
import { ContentHash, SignaturesTable, TransitionsTable } from './SignOffRecord.tsx';
import { ProgressSteps, VerificationPanel } from './Verification.tsx';

/**
 * Quality assurance and sign-off of one version of an AIM assessment (`#/assessments/<id>/sign-off`):
 * whether its signatures verify now, where it is, what the signed-in person may do, the record, and export.
 */
export function SignOffScreen({ assessmentId }: { assessmentId: string }) {
  const [loaded, reload] = useLoad(async () =>
    all<[AssessmentView, SignOffStatus]>(
      await Promise.all([
        call('assessments.get', { id: assessmentId }),
        call('signOff.status', { assessmentId }),
      ]),
    ),
  );
  if (loaded.state !== 'ready') {
    return (
      <>
        <PageHeading>Quality assurance and sign-off</PageHeading>
        <Pending loaded={loaded} what="the sign-off" onRetry={reload} />
      </>
    );
  }
  const [view, status] = loaded.data;
  return <SignOff view={view} initialStatus={status} onReload={reload} />;
}

function SignOff({
  view,
  initialStatus,
  onReload,
}: {
  view: AssessmentView;
  initialStatus: SignOffStatus;
  onReload: () => Promise<void>;
}) {
  // An action returns the version's new status; a reload replaces it with the one loaded.
  const [latest, setLatest] = useState<SignOffStatus | null>(null);
  const [loadedFrom, setLoadedFrom] = useState(initialStatus);
  if (loadedFrom !== initialStatus) {
    setLoadedFrom(initialStatus);
    setLatest(null);
  }
  const status = latest ?? initialStatus;
  const [result, setResult] = useState<{ id: number; message: string } | null>(null);
  const [refusal, setRefusal] = useState<{ id: number; message: string } | null>(null);
  const later = view.versions.filter((v) => v.versionNo > view.versionNo).at(-1);

  return (
    <>
      <BackLink to={{ name: 'assessment', assessmentId: view.id }}>Back to the assessment</BackLink>
      <PageHeading caption={`Case ${view.caseReference} · AIM assessment version ${status.versionNo}`}>
        Quality assurance and sign-off: {view.childName}
      </PageHeading>

      <VerificationPanel status={status} />

      {later ? (
        <p className="body">
          This is an earlier version.{' '}
          <RouteLink to={{ name: 'sign-off', assessmentId: later.id }}>
            Go to the sign-off of version {later.versionNo}
          </RouteLink>
        </p>
      ) : null}

      <section className="section" aria-labelledby="progress-title">
        <h2 id="progress-title" className="heading-m">
          Progress of version {status.versionNo}
        </h2>
        <p className="body">
          State: <strong>{status.stateLabel}</strong>
        </p>
        <ProgressSteps status={status} />
      </section>

      <section className="section" aria-labelledby="next-title">
        <h2 id="next-title" className="heading-m">
          Your part
        </h2>
        {result ? <ResultNotice key={result.id} title={result.message} /> : null}
        {refusal ? <RefusalNotice key={refusal.id} message={refusal.message} /> : null}
        <SignOffActions
          key={`${status.state}-${status.transitions.length}`}
          status={status}
          assessmentId={view.id}
          parts={returnParts(view.framework)}
          onDone={(message, next) => {
            setLatest(next);
            setRefusal(null);
            setResult({ id: Date.now(), message });
          }}
          onRefused={(error) => {
            setResult(null);
            setRefusal({ id: Date.now(), message: error.message });
            void onReload();
          }}
        />
      </section>

      <section className="section" aria-labelledby="record-title">
        <h2 id="record-title" className="heading-m">
          Quality-assurance record
        </h2>
        <TransitionsTable status={status} />
      </section>

      <section className="section" aria-labelledby="signatures-title">
        <h2 id="signatures-title" className="heading-m">
          Signatures
        </h2>
        <SignaturesTable status={status} />
        <h3 className="heading-s">Content hash</h3>
        <ContentHash status={status} />
      </section>

      <section className="section" aria-labelledby="export-title">
        <h2 id="export-title" className="heading-m">
          Export to Word
        </h2>
        <ExportSection status={status} assessmentId={view.id} caseId={view.caseId} />
      </section>
    </>
  );
}

/** A refused action, e.g. because someone else acted first: moved into focus like the error summary. */
function RefusalNotice({ message }: { message: string }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, []);
  return (
    <div ref={ref} className="error-summary" role="alert" tabIndex={-1} aria-labelledby="refusal-title">
      <h3 id="refusal-title" className="error-summary__title">
        That was not done
      </h3>
      <p className="error-summary__message">{message}</p>
      <p className="body">This page now shows the version as it is.</p>
    </div>
  );
}
