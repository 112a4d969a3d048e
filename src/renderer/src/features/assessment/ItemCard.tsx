import { type FormEvent, useState } from 'react';
import type { FieldProblem } from '#contract/errors.ts';
import { call } from '../../app/api.ts';
import { DataTable } from '../../ui/DataTable.tsx';
import { InstantText } from '../../ui/DateText.tsx';
import { ErrorSummary } from '../../ui/ErrorSummary.tsx';
import { SelectField, TextAreaField, TextField } from '../../ui/Field.tsx';
import { useAction } from '../../ui/form/useAction.ts';
import { useSubmission } from '../../ui/form/useSubmission.ts';
import { SuccessNotice } from '../../ui/Notice.tsx';
import { orderProblems } from '../../ui/problems.ts';
import { Refusal } from '../../ui/Refusal.tsx';
import { assessorsFor, type Item, KIND_LABELS, type PartProps, type View } from './shared.tsx';

interface Props {
  item: Item;
  view: View;
  /** The viewer is one of the co-assessors of a version that can still change. */
  canWrite: boolean;
  finishedByMe: boolean;
  bothFinished: boolean;
  onView: PartProps['onView'];
}

/** A marker beside each state, so a difference stands out without relying on colour alone. */
const STATE_MARK: Record<Item['state'], string> = {
  'awaiting-both': '…',
  'awaiting-one': '…',
  same: '=',
  differ: '≠',
  agreed: '✓',
};

/**
 * The state as the workbench sent it for this viewer (it already hides whether the two agree while the
 * other assessor's rating is hidden), with "waiting" saying for whom.
 */
function stateShown(
  item: Item,
  view: View,
  meId: string | undefined,
): { kind: Item['state']; label: string } {
  if (item.state === 'awaiting-one') {
    const missing = [view.leadAssessor, view.coAssessor].find(
      (a) => !item.ratings.some((r) => r.assessorId === a.id),
    );
    if (missing)
      return {
        kind: item.state,
        label: missing.id === meId ? 'Waiting for your rating' : `Waiting for ${missing.name}’s rating`,
      };
  }
  return { kind: item.state, label: item.stateLabel };
}

/** One concern or strength: the viewer's own rating form, the two ratings compared, and the agreed position. */
export function ItemCard({ item, view, canWrite, finishedByMe, bothFinished, onView }: Props) {
  const { me, other } = assessorsFor(view);
  const titleId = `item-${item.id}-title`;
  const assessors = [view.leadAssessor, view.coAssessor];
  const agreed = item.agreed;
  const confirmed = Boolean(agreed?.confirmedByName);
  const proposedByMe = Boolean(agreed && me && agreed.proposedByName === me.name);
  const confirmer = agreed ? assessors.find((a) => a.name !== agreed.proposedByName) : undefined;
  const [proposing, setProposing] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const { busy, refusal: error, act } = useAction();
  const canAgree = canWrite && bothFinished;
  const state = stateShown(item, view, me?.id);
  const showProposeForm = canAgree && (!agreed || proposing);

  function confirm(position: NonNullable<Item['agreed']>) {
    return act({
      onStart: () => setNotice(null),
      request: () =>
        call('assessments.confirmAgreement', {
          itemId: item.id,
          rating: position.rating,
          proposedAt: position.proposedAt,
        }),
      onDone: (next) => {
        setNotice(`You have confirmed the agreed position for ${item.label}.`);
        onView(next);
      },
    });
  }

  return (
    <li className={`item item--${state.kind}`}>
      <article aria-labelledby={titleId}>
        <div className="item__header">
          <h4 id={titleId} className="item__title">
            {item.label}
          </h4>
          <span className={`tag tag--${item.kind}`}>{KIND_LABELS[item.kind]}</span>
          {item.licensed ? <span className="tag">Licensed wording</span> : null}
        </div>
        <p className={`item-state item-state--${state.kind}`}>
          <span className="item-state__mark" aria-hidden="true">
            {STATE_MARK[state.kind]}
          </span>{' '}
          {state.label}
        </p>

        {canWrite && me && !finishedByMe ? <RatingForm item={item} view={view} onView={onView} /> : null}

        <DataTable
          caption={<>Ratings of {item.label}</>}
          className="table table--small comparison"
          columns={['Assessor', 'Rating', 'Evidence', 'Source']}
        >
          {assessors.map((a) => {
            const r = item.ratings.find((x) => x.assessorId === a.id);
            return (
              <tr key={a.id}>
                <th scope="row" className="table__row-header">
                  {a.name}
                  {me?.id === a.id ? ' (you)' : ''}
                </th>
                {!r ? (
                  <td colSpan={3} className="hint">
                    Not rated yet
                  </td>
                ) : r.hidden ? (
                  <td colSpan={3} className="comparison__hidden">
                    Hidden until you finish your own ratings
                  </td>
                ) : (
                  <>
                    <td className="comparison__rating">{r.ratingLabel}</td>
                    <td className="prewrap">{r.evidence}</td>
                    <td>{r.source}</td>
                  </>
                )}
              </tr>
            );
          })}
        </DataTable>

        {notice ? <SuccessNotice title={notice} /> : null}
        {error ? <Refusal title="There is a problem" message={error.message} /> : null}

        {agreed ? (
          <div className={`agreed${confirmed ? ' agreed--confirmed' : ''}`}>
            <p className="agreed__title">
              {confirmed ? 'Agreed position' : 'Proposed agreed position'}:{' '}
              <strong>{agreed.ratingLabel}</strong>
            </p>
            <p className="agreed__rationale">
              <span className="agreed__key">Rationale:</span>{' '}
              <span className="prewrap">{agreed.rationale}</span>
            </p>
            <p className="agreed__by">
              {confirmed ? (
                <>
                  Agreed by {agreed.proposedByName} and {agreed.confirmedByName}
                  {agreed.confirmedAt ? (
                    <>
                      {' '}
                      on <InstantText value={agreed.confirmedAt} />
                    </>
                  ) : null}
                </>
              ) : (
                `Proposed by ${agreed.proposedByName}; waiting for ${
                  confirmer && confirmer.id === me?.id ? 'you' : (confirmer?.name ?? 'the other assessor')
                } to confirm.`
              )}
            </p>
          </div>
        ) : null}

        {canAgree && agreed && !confirmed && !proposedByMe ? (
          <button
            type="button"
            className="button"
            aria-disabled={busy || undefined}
            onClick={() => void confirm(agreed)}
          >
            Confirm the agreed position for {item.label}
          </button>
        ) : null}
        {canAgree && agreed && !proposing ? (
          <button
            type="button"
            className="link-button item__change"
            aria-expanded={false}
            onClick={() => {
              setNotice(null);
              setProposing(true);
            }}
          >
            {proposedByMe && !confirmed ? 'Change your proposal' : 'Propose a different position'}
            <span className="visually-hidden"> for {item.label}</span>
          </button>
        ) : null}
        {showProposeForm ? (
          <ProposeForm
            item={item}
            view={view}
            onCancel={agreed ? () => setProposing(false) : undefined}
            onDone={(next) => {
              setProposing(false);
              setNotice(
                `You have proposed the agreed position for ${item.label}. ${other?.name ?? 'The other assessor'} must confirm it.`,
              );
              onView(next);
            }}
          />
        ) : null}
      </article>
    </li>
  );
}

function RatingForm({ item, view, onView }: { item: Item; view: View; onView: PartProps['onView'] }) {
  const { me } = assessorsFor(view);
  const mine = item.ratings.find((r) => r.assessorId === me?.id);
  const form = `rate-${item.id}`;
  const titleId = `${form}-title`;
  const labels = { rating: 'Your rating', evidence: 'Evidence', source: 'Source of the evidence' };
  const [rating, setRating] = useState(mine?.rating ?? '');
  const [evidence, setEvidence] = useState(mine?.evidence ?? '');
  const [source, setSource] = useState(mine?.source ?? '');
  const { errors, setErrors, busy, send, submitting } = useSubmission();
  const [saved, setSaved] = useState<string | null>(null);

  const submit = submitting(async (_event: FormEvent) => {
    setSaved(null);
    const problems: FieldProblem[] = [];
    if (!rating) problems.push({ path: 'rating', message: 'Choose your rating' });
    if (!evidence.trim()) problems.push({ path: 'evidence', message: 'Give the evidence for this rating' });
    if (!source.trim()) problems.push({ path: 'source', message: 'Say where the evidence comes from' });
    if (problems.length > 0) {
      setErrors({ problems: orderProblems(problems, Object.keys(labels)) });
      return;
    }
    const result = await send(call('assessments.rate', { itemId: item.id, rating, evidence, source }));
    if (!result.ok) return;
    setSaved('Your rating has been saved. You can change it until you finish the domain.');
    onView(result.data);
  });

  return (
    <form
      onSubmit={(e) => void submit(e)}
      noValidate
      className="action-panel rating-form"
      aria-labelledby={titleId}
    >
      <h5 id={titleId} className="action-panel__title">
        Your rating of {item.label}
      </h5>
      {saved ? <SuccessNotice title={saved} /> : null}
      <ErrorSummary form={form} errors={errors} labels={labels} />
      <SelectField
        form={form}
        path="rating"
        label={labels.rating}
        value={rating}
        onChange={setRating}
        options={view.framework.ratingScale.map((s) => ({ value: s.id, label: s.label }))}
        placeholder="Choose a rating"
        errors={errors}
      />
      <TextAreaField
        form={form}
        path="evidence"
        label={labels.evidence}
        value={evidence}
        onChange={setEvidence}
        rows={3}
        errors={errors}
      />
      <TextField
        form={form}
        path="source"
        label={labels.source}
        hint="The agency, document or session the evidence comes from."
        width="medium"
        value={source}
        onChange={setSource}
        errors={errors}
      />
      <button type="submit" className="button button--secondary" aria-disabled={busy || undefined}>
        {mine ? 'Update my rating' : 'Save my rating'}
        <span className="visually-hidden"> of {item.label}</span>
      </button>
    </form>
  );
}

function ProposeForm({
  item,
  view,
  onCancel,
  onDone,
}: {
  item: Item;
  view: View;
  onCancel?: () => void;
  onDone: (view: View) => void;
}) {
  const form = `agree-${item.id}`;
  const titleId = `${form}-title`;
  const labels = { rating: 'Agreed rating', rationale: 'Rationale' };
  const [rating, setRating] = useState(item.agreed?.rating ?? '');
  const [rationale, setRationale] = useState('');
  const { errors, setErrors, busy, send, submitting } = useSubmission();

  const submit = submitting(async (_event: FormEvent) => {
    const problems: FieldProblem[] = [];
    if (!rating) problems.push({ path: 'rating', message: 'Choose the agreed rating' });
    if (!rationale.trim()) problems.push({ path: 'rationale', message: 'Say why you agreed this' });
    if (problems.length > 0) {
      setErrors({ problems: orderProblems(problems, Object.keys(labels)) });
      return;
    }
    const result = await send(call('assessments.proposeAgreement', { itemId: item.id, rating, rationale }));
    if (!result.ok) return;
    onDone(result.data);
  });

  return (
    <form onSubmit={(e) => void submit(e)} noValidate className="action-panel" aria-labelledby={titleId}>
      <h5 id={titleId} className="action-panel__title">
        Propose the agreed position for {item.label}
      </h5>
      <ErrorSummary form={form} errors={errors} labels={labels} />
      <SelectField
        form={form}
        path="rating"
        label={labels.rating}
        value={rating}
        onChange={setRating}
        options={view.framework.ratingScale.map((s) => ({ value: s.id, label: s.label }))}
        placeholder="Choose a rating"
        errors={errors}
      />
      <TextAreaField
        form={form}
        path="rationale"
        label={labels.rationale}
        hint="Why the two of you agree this rating, especially where your ratings differed."
        value={rationale}
        onChange={setRationale}
        rows={3}
        errors={errors}
      />
      <div className="button-group">
        <button type="submit" className="button" aria-disabled={busy || undefined}>
          Propose this position<span className="visually-hidden"> for {item.label}</span>
        </button>
        {onCancel ? (
          <button type="button" className="link-button" onClick={onCancel}>
            Cancel<span className="visually-hidden"> proposing a position for {item.label}</span>
          </button>
        ) : null}
      </div>
    </form>
  );
}
