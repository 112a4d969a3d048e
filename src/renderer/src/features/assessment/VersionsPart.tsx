import { useState } from 'react';
import type { z } from 'zod';
import type { versionComparison } from '#contract/assessment-schemas.ts';
import { call } from '../../app/api.ts';
import { RouteLink, useRouter } from '../../app/router.tsx';
import { ActionButton } from '../../ui/ActionButton.tsx';
import { DataTable } from '../../ui/DataTable.tsx';
import { InstantText } from '../../ui/DateText.tsx';
import { Form, FormTextArea, SubmitButton } from '../../ui/form/Form.tsx';
import { useAction } from '../../ui/form/useAction.ts';
import { useWorkbenchForm } from '../../ui/form/useWorkbenchForm.ts';
import { WarningText } from '../../ui/Notice.tsx';
import { missingProblems } from '../../ui/problems.ts';
import { Refusal } from '../../ui/Refusal.tsx';
import { PartHeading, type PartProps, partTitleId, STATE_WORDS } from './shared.tsx';

type Comparison = z.infer<typeof versionComparison>;
const FORM = 'review';

/** The versions of the assessment: each review starts a new one from the last, and shows what changed. */
export function VersionsPart({ view }: PartProps) {
  const [comparison, setComparison] = useState<Comparison | null>(null);
  const { busy, refusal: error, act } = useAction();
  const isLatest = view.versions.at(-1)?.id === view.id;
  const isAssessor = view.viewerRole !== 'reader';

  function compare(otherId: string, otherNo: number) {
    const [fromId, toId] = otherNo < view.versionNo ? [otherId, view.id] : [view.id, otherId];
    return act({
      request: () => call('assessments.compareVersions', { fromId, toId }),
      onDone: setComparison,
    });
  }

  return (
    <section aria-labelledby={partTitleId('versions')} className="assessment-part">
      <PartHeading part="versions">Versions</PartHeading>
      <p className="body measure">
        The assessment is reviewed as the work goes on or circumstances change. A review starts a new version
        from the last one; earlier versions are kept exactly as they were.
      </p>
      <ol className="versions">
        {view.versions.map((v) => (
          <li key={v.id} className="versions__item">
            <span className="versions__name">
              {v.id === view.id ? (
                <strong>Version {v.versionNo} (this version)</strong>
              ) : (
                <RouteLink to={{ name: 'assessment', assessmentId: v.id }}>Version {v.versionNo}</RouteLink>
              )}
            </span>{' '}
            <span className="versions__meta">
              started <InstantText value={v.startedAt} />, {(STATE_WORDS[v.state] ?? v.state).toLowerCase()}
            </span>
            {v.id !== view.id ? (
              <ActionButton
                className="link-button versions__compare"
                onClick={() => void compare(v.id, v.versionNo)}
                busy={busy}
              >
                Compare with version {v.versionNo}
              </ActionButton>
            ) : null}
          </li>
        ))}
      </ol>
      {error ? <Refusal title="The versions could not be compared" message={error.message} /> : null}
      {comparison ? <ComparisonView comparison={comparison} /> : null}
      {isLatest && isAssessor && !view.readOnly ? (
        <ReviewForm assessmentId={view.id} versionNo={view.versionNo} />
      ) : null}
    </section>
  );
}

function ComparisonView({ comparison }: { comparison: Comparison }) {
  const changed = comparison.sections.filter((s) => s.changed);
  return (
    <section aria-labelledby="comparison-title" className="version-comparison" aria-live="polite">
      <h3 id="comparison-title" className="heading-s heading--flush">
        Changes from version {comparison.from} to version {comparison.to}
      </h3>
      {changed.length === 0 && comparison.ratings.length === 0 ? (
        <p className="body">Nothing in the analysis or the agreed ratings has changed.</p>
      ) : null}
      {changed.length > 0 ? (
        <DataTable
          caption="Sections changed"
          captionClassName="table-caption"
          className="table table--small"
          columns={['Section', <>Version {comparison.from}</>, <>Version {comparison.to}</>]}
        >
          {changed.map((s) => (
            <tr key={s.heading}>
              <th scope="row" className="table__row-header">
                {s.heading}
              </th>
              <td className="prewrap">{s.before || <span className="hint">Empty</span>}</td>
              <td className="prewrap">{s.after || <span className="hint">Empty</span>}</td>
            </tr>
          ))}
        </DataTable>
      ) : null}
      {comparison.ratings.length > 0 ? (
        <DataTable
          caption="Agreed ratings changed"
          captionClassName="table-caption"
          className="table table--small"
          columns={['Domain', 'Item', <>Version {comparison.from}</>, <>Version {comparison.to}</>]}
        >
          {comparison.ratings.map((r) => (
            <tr key={`${r.domain}|${r.item}`}>
              <td>{r.domain}</td>
              <td>{r.item}</td>
              <td>{r.before}</td>
              <td>{r.after}</td>
            </tr>
          ))}
        </DataTable>
      ) : null}
    </section>
  );
}

function ReviewForm({ assessmentId, versionNo }: { assessmentId: string; versionNo: number }) {
  const { navigate } = useRouter();
  const form = useWorkbenchForm({
    id: FORM,
    labels: { reason: 'Reason for the review' },
    defaultValues: { reason: '' },
    check: ({ reason }) => missingProblems([['reason', reason, 'Say why the assessment is being reviewed']]),
    toRequest: ({ reason }) => ({ assessmentId, reason }),
    send: (request) => call('assessments.startReview', request),
    onSuccess: (review) =>
      navigate(
        { name: 'assessment', assessmentId: review.id },
        `Version ${review.versionNo} has started as a review. Version ${review.versionNo - 1} is kept as it was.`,
      ),
  });

  return (
    <Form
      form={form}
      className="form action-panel"
      labelledBy="review-title"
      title="Start a review"
      before={
        <>
          <p className="body hint">
            The new version starts with everything in this one. Independent ratings open again for changes.
          </p>
          <WarningText>
            This cannot be undone: version {versionNo} will be kept exactly as it is now and can no longer be
            changed.
          </WarningText>
        </>
      }
    >
      <FormTextArea
        name="reason"
        hint="For example, a move to a new placement, or new information from the police."
        rows={2}
      />
      <SubmitButton className="button button--secondary">Start a review</SubmitButton>
    </Form>
  );
}
