import { useState } from 'react';
import { calls } from '#contract/calls.ts';
import { call } from '../../app/api.ts';
import { ActionButton } from '../../ui/ActionButton.tsx';
import { DataTable } from '../../ui/DataTable.tsx';
import { InstantText } from '../../ui/DateText.tsx';
import { Form, FormSelect, FormText, FormTextArea, SubmitButton } from '../../ui/form/Form.tsx';
import { useAction } from '../../ui/form/useAction.ts';
import { useWorkbenchForm } from '../../ui/form/useWorkbenchForm.ts';
import { SuccessNotice } from '../../ui/Notice.tsx';
import { missingProblems } from '../../ui/problems.ts';
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

        <ComparisonTable item={item} view={view} />

        {notice ? <SuccessNotice title={notice} /> : null}
        {error ? <Refusal title="There is a problem" message={error.message} /> : null}

        {agreed ? <AgreedPosition agreed={agreed} meId={me?.id} confirmer={confirmer} /> : null}

        {canAgree && agreed && !confirmed && !proposedByMe ? (
          <ActionButton onClick={() => void confirm(agreed)} busy={busy}>
            Confirm the agreed position for {item.label}
          </ActionButton>
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

/** The framework's rating scale as a choice. */
function RatingChoice({ view, label }: { view: View; label: string }) {
  return (
    <FormSelect
      name="rating"
      label={label}
      options={view.framework.ratingScale.map((s) => ({ value: s.id, label: s.label }))}
      placeholder="Choose a rating"
    />
  );
}

const RATING_LABELS = { rating: 'Your rating', evidence: 'Evidence', source: 'Source of the evidence' };

function RatingForm({ item, view, onView }: { item: Item; view: View; onView: PartProps['onView'] }) {
  const { me } = assessorsFor(view);
  const mine = item.ratings.find((r) => r.assessorId === me?.id);
  const titleId = `rate-${item.id}-title`;
  const [saved, setSaved] = useState<string | null>(null);
  const form = useWorkbenchForm({
    id: `rate-${item.id}`,
    labels: RATING_LABELS,
    defaultValues: { rating: mine?.rating ?? '', evidence: mine?.evidence ?? '', source: mine?.source ?? '' },
    request: calls['assessments.rate'].request,
    toRequest: (values) => ({ itemId: item.id, ...values }),
    check: ({ rating, evidence, source }) =>
      missingProblems([
        ['rating', rating, 'Choose your rating'],
        ['evidence', evidence, 'Give the evidence for this rating'],
        ['source', source, 'Say where the evidence comes from'],
      ]),
    send: (request) => call('assessments.rate', request),
    onSubmitStart: () => setSaved(null),
    onSuccess: (next) => {
      setSaved('Your rating has been saved. You can change it until you finish the domain.');
      onView(next);
    },
  });

  return (
    <Form
      form={form}
      className="action-panel rating-form"
      labelledBy={titleId}
      title={<>Your rating of {item.label}</>}
      titleAs="h5"
      notice={saved ? <SuccessNotice title={saved} /> : null}
    >
      <RatingChoice view={view} label={RATING_LABELS.rating} />
      <FormTextArea name="evidence" rows={3} />
      <FormText
        name="source"
        hint="The agency, document or session the evidence comes from."
        width="medium"
      />
      <SubmitButton className="button button--secondary">
        {mine ? 'Update my rating' : 'Save my rating'}
        <span className="visually-hidden"> of {item.label}</span>
      </SubmitButton>
    </Form>
  );
}

const AGREE_LABELS = { rating: 'Agreed rating', rationale: 'Rationale' };

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
  const titleId = `agree-${item.id}-title`;
  const form = useWorkbenchForm({
    id: `agree-${item.id}`,
    labels: AGREE_LABELS,
    defaultValues: { rating: item.agreed?.rating ?? '', rationale: '' },
    request: calls['assessments.proposeAgreement'].request,
    toRequest: (values) => ({ itemId: item.id, ...values }),
    check: ({ rating, rationale }) =>
      missingProblems([
        ['rating', rating, 'Choose the agreed rating'],
        ['rationale', rationale, 'Say why you agreed this'],
      ]),
    send: (request) => call('assessments.proposeAgreement', request),
    onSuccess: onDone,
  });

  return (
    <Form
      form={form}
      className="action-panel"
      labelledBy={titleId}
      title={<>Propose the agreed position for {item.label}</>}
      titleAs="h5"
    >
      <RatingChoice view={view} label={AGREE_LABELS.rating} />
      <FormTextArea
        name="rationale"
        hint="Why the two of you agree this rating, especially where your ratings differed."
        rows={3}
      />
      <div className="button-group">
        <SubmitButton>
          Propose this position<span className="visually-hidden"> for {item.label}</span>
        </SubmitButton>
        {onCancel ? (
          <button type="button" className="link-button" onClick={onCancel}>
            Cancel<span className="visually-hidden"> proposing a position for {item.label}</span>
          </button>
        ) : null}
      </div>
    </Form>
  );
}

/** The two assessors' ratings of an item side by side (the other's hidden until the viewer has finished). */
function ComparisonTable({ item, view }: { item: Item; view: View }) {
  const { me } = assessorsFor(view);
  const assessors = [view.leadAssessor, view.coAssessor];
  return (
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
  );
}

/** The agreed (or proposed) position on an item, with who stands behind it. */
function AgreedPosition({
  agreed,
  meId,
  confirmer,
}: {
  agreed: NonNullable<Item['agreed']>;
  meId: string | undefined;
  confirmer: { id: string; name: string } | undefined;
}) {
  const confirmed = Boolean(agreed.confirmedByName);
  return (
    <div className={`agreed${confirmed ? ' agreed--confirmed' : ''}`}>
      <p className="agreed__title">
        {confirmed ? 'Agreed position' : 'Proposed agreed position'}: <strong>{agreed.ratingLabel}</strong>
      </p>
      <p className="agreed__rationale">
        <span className="agreed__key">Rationale:</span> <span className="prewrap">{agreed.rationale}</span>
      </p>
      <p className="agreed__by">
        {confirmed ? (
          <>
            {agreed.proposedByName === agreed.confirmedByName
              ? `Agreed as both assessors rated it; recorded by ${agreed.proposedByName}`
              : `Agreed by ${agreed.proposedByName} and ${agreed.confirmedByName}`}
            {agreed.confirmedAt ? (
              <>
                {' '}
                on <InstantText value={agreed.confirmedAt} />
              </>
            ) : null}
          </>
        ) : (
          `Proposed by ${agreed.proposedByName}; waiting for ${
            confirmer && confirmer.id === meId ? 'you' : (confirmer?.name ?? 'the other assessor')
          } to confirm.`
        )}
      </p>
    </div>
  );
}
