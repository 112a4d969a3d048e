import { useState } from 'react';
import type { AppError } from '#contract/errors.ts';
import { parseHlc } from '#domain/sync/hlc.ts';
import { call } from '../../app/api.ts';
import { ActionButton } from '../../ui/ActionButton.tsx';
import { InstantText } from '../../ui/DateText.tsx';
import { useSubmission } from '../../ui/form/useSubmission.ts';
import { SuccessNotice } from '../../ui/Notice.tsx';
import type { CaseSyncStatus } from './SyncScreen.tsx';

type Conflict = CaseSyncStatus['conflicts'][number];

const FIELDS: Record<string, string> = {
  what: 'What happened',
  rating: 'Rating',
  rationale: 'Rationale',
  content: 'Text',
  name: 'Name',
  lane: 'Lane',
  place: 'Place',
  people: 'People',
  notes: 'Notes',
  _deleted: 'Removed or kept',
};

/** A version's clock time (hybrid logical clock) as the instant it was written. */
const writtenAt = (at: string) => {
  const millis = parseHlc(at)?.millis;
  return millis === undefined ? null : new Date(millis).toISOString();
};

const fieldName = (field: string) => {
  const words = FIELDS[field] ?? field.replaceAll('_', ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
};

/**
 * Conflicts needing a decision: two people changed the same thing without seeing each other's change.
 * Every version is shown side by side with who wrote it; keeping one is itself a change that travels.
 */
export function ConflictsSection({ status, onResolved }: { status: CaseSyncStatus; onResolved: () => void }) {
  const { busy, send, submitting } = useSubmission();
  const [failed, setFailed] = useState<AppError | null>(null);
  const [kept, setKept] = useState<string | null>(null);

  const keep = submitting(async (conflict: Conflict, at: string, byName: string) => {
    setFailed(null);
    setKept(null);
    const { table, rowId, field } = conflict;
    const result = await send(
      call('sync.resolveConflict', { caseId: status.caseId, table, rowId, field, keep: at }),
    );
    if (!result.ok) {
      setFailed(result.error);
      return;
    }
    setKept(
      `Kept ${byName}’s version of ${conflict.what.toLowerCase()}: ${fieldName(field).toLowerCase()}. Send the case again so that the others have it too.`,
    );
    onResolved();
  });

  return (
    <section aria-labelledby="conflicts-title" className="section section--divided">
      <h2 id="conflicts-title" className="heading-m">
        Conflicts needing a decision
      </h2>
      {kept ? <SuccessNotice title={kept} /> : null}
      {failed ? (
        <div className="error-summary" role="alert">
          <h3 className="error-summary__title">No version was kept</h3>
          <p className="error-summary__message">{failed.message}</p>
        </div>
      ) : null}
      {status.conflicts.length === 0 ? (
        <p className="body">There are no conflicts to decide.</p>
      ) : (
        <p className="body">
          These were changed on two computers by people who had not seen each other’s change. Both versions
          are kept until someone chooses one; the one shown on the case until then is marked.
        </p>
      )}
      {status.conflicts.map((c, index) => {
        const titleId = `conflict-${index}-title`;
        return (
          <section
            key={`${c.table}-${c.rowId}-${c.field}`}
            className="sync-conflict"
            aria-labelledby={titleId}
          >
            <h3 id={titleId} className="heading-s sync-conflict__title">
              {c.what}: {fieldName(c.field)}
            </h3>
            <div className="sync-versions">
              {c.versions.map((v, n) => {
                const versionId = `conflict-${index}-version-${n}`;
                return (
                  <section key={v.at} className="sync-version" aria-labelledby={versionId}>
                    <h4 id={versionId} className="heading-s sync-version__title">
                      {v.byName}’s version
                    </h4>
                    <p className="body hint">
                      {writtenAt(v.at) ? (
                        <>
                          Written <InstantText value={writtenAt(v.at) as string} withTime />
                        </>
                      ) : null}
                      {v.shown ? ' · shown on the case now' : ''}
                    </p>
                    <p className="body sync-version__value">{v.value}</p>
                    <ActionButton
                      className="button button--secondary"
                      onClick={() => void keep(c, v.at, v.byName)}
                      busy={busy}
                    >
                      Keep this version<span className="visually-hidden"> ({v.byName}’s)</span>
                    </ActionButton>
                  </section>
                );
              })}
            </div>
          </section>
        );
      })}
    </section>
  );
}
