import { type FormEvent, useState } from 'react';
import type { AppError, Result } from '#contract/errors.ts';
import { call } from '../../app/api.ts';
import { InstantText } from '../../ui/DateText.tsx';
import { ErrorSummary } from '../../ui/ErrorSummary.tsx';
import { TextField } from '../../ui/Field.tsx';
import { SuccessNotice } from '../../ui/Notice.tsx';
import { errorsFromResult, type FormErrors, NO_ERRORS } from '../../ui/problems.ts';
import { ItemCard } from './ItemCard.tsx';
import { assessorsFor, type Domain, PartHeading, type PartProps, partTitleId, type View } from './shared.tsx';

/** Each domain's concerns and strengths, rated independently by each assessor, then compared and agreed. */
export function DomainsPart(props: PartProps) {
  const { view } = props;
  return (
    <section aria-labelledby={partTitleId('domains')} className="assessment-part">
      <PartHeading part="domains">Domains</PartHeading>
      <p className="body measure">
        Each assessor rates every concern and strength on their own first, with the evidence and its source.
        When you finish your ratings of a domain you see the other assessor’s, item by item, and agree a
        position together: one proposes it with the reasons, the other confirms it.
      </p>
      {view.domains.map((domain) => (
        <DomainSection key={domain.id} domain={domain} {...props} />
      ))}
    </section>
  );
}

function DomainSection({ domain, view, canWrite, onView }: PartProps & { domain: Domain }) {
  const { me } = assessorsFor(view);
  const titleId = `domain-${domain.id}-title`;
  const finishedByMe = Boolean(me && domain.finishedBy.some((f) => f.assessorId === me.id));
  const assessors = [view.leadAssessor, view.coAssessor];
  const bothFinished = assessors.every((a) => domain.finishedBy.some((f) => f.assessorId === a.id));
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const [busy, setBusy] = useState(false);
  const writer = canWrite && me !== null;

  async function act(run: () => Promise<Result<View>>, success: string) {
    if (busy) return;
    setBusy(true);
    setNotice(null);
    setError(null);
    const result = await run();
    setBusy(false);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    setNotice(success);
    onView(result.data);
  }

  return (
    <section aria-labelledby={titleId} className="domain">
      <h3 id={titleId} className="domain__title">
        {domain.name}
      </h3>
      <ul className="domain__progress">
        {assessors.map((a) => {
          const finished = domain.finishedBy.find((f) => f.assessorId === a.id);
          return (
            <li key={a.id}>
              {finished ? (
                <>
                  <span className="progress-mark progress-mark--done" aria-hidden="true">
                    ✓
                  </span>{' '}
                  {a.name} finished their independent ratings on <InstantText value={finished.finishedAt} />
                </>
              ) : (
                <>
                  <span className="progress-mark" aria-hidden="true">
                    ○
                  </span>{' '}
                  {a.name} has not finished their independent ratings
                </>
              )}
            </li>
          );
        })}
      </ul>
      {notice ? <SuccessNotice title={notice} /> : null}
      {error ? (
        <div className="error-summary" role="alert">
          <p className="error-summary__title">There is a problem</p>
          <p className="error-summary__message">{error.message}</p>
        </div>
      ) : null}

      {domain.items.length === 0 ? (
        <p className="body">No concerns or strengths have been added to {domain.name} yet.</p>
      ) : (
        <ol className="items">
          {domain.items.map((item) => (
            <ItemCard
              key={item.id}
              item={item}
              view={view}
              canWrite={writer}
              finishedByMe={finishedByMe}
              bothFinished={bothFinished}
              onView={onView}
            />
          ))}
        </ol>
      )}

      {writer && !finishedByMe ? (
        <div className="domain__actions">
          <AddItemForm domain={domain} assessmentId={view.id} onView={onView} />
          {domain.licensedItemsAvailable > 0 ? (
            <button
              type="button"
              className="button button--secondary"
              aria-disabled={busy || undefined}
              onClick={() =>
                void act(
                  () => call('assessments.addLicensedItems', { assessmentId: view.id, domainId: domain.id }),
                  `The licensed items for ${domain.name} have been added.`,
                )
              }
            >
              Add the licensed items for {domain.name}
            </button>
          ) : null}
          {domain.items.length > 0 ? (
            <div className="finish">
              <p className="body hint">
                When you have rated every item in {domain.name}, finish your independent ratings. Your ratings
                are then fixed and you see {assessorsFor(view).other?.name ?? 'the other assessor'}’s.
              </p>
              <button
                type="button"
                className="button"
                aria-disabled={busy || undefined}
                onClick={() =>
                  void act(
                    () => call('assessments.finishDomain', { assessmentId: view.id, domainId: domain.id }),
                    `You have finished your independent ratings of ${domain.name}.`,
                  )
                }
              >
                Finish my independent ratings of {domain.name}
              </button>
            </div>
          ) : null}
        </div>
      ) : null}
      {writer && finishedByMe && !bothFinished ? (
        <p className="body hint">
          You have finished your ratings of {domain.name}. When {assessorsFor(view).other?.name} finishes
          theirs, you can agree a position on each item.
        </p>
      ) : null}
    </section>
  );
}

function AddItemForm({
  domain,
  assessmentId,
  onView,
}: {
  domain: Domain;
  assessmentId: string;
  onView: PartProps['onView'];
}) {
  const form = `add-item-${domain.id}`;
  const labels = { label: 'Description' };
  const [label, setLabel] = useState('');
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [busy, setBusy] = useState(false);
  const [added, setAdded] = useState<string | null>(null);

  async function add(kind: 'concern' | 'strength', event?: FormEvent) {
    event?.preventDefault();
    if (busy) return;
    setAdded(null);
    if (!label.trim()) {
      setErrors({ problems: [{ path: 'label', message: `Describe the ${kind}` }] });
      return;
    }
    setBusy(true);
    const result = await call('assessments.addItem', { assessmentId, domainId: domain.id, kind, label });
    setBusy(false);
    if (!result.ok) {
      setErrors(errorsFromResult(result.error));
      return;
    }
    setErrors(NO_ERRORS);
    setAdded(`${kind === 'concern' ? 'Concern' : 'Strength'} “${label.trim()}” added to ${domain.name}.`);
    setLabel('');
    onView(result.data);
  }

  const titleId = `${form}-title`;
  return (
    <form
      onSubmit={(e) => void add('concern', e)}
      noValidate
      className="action-panel add-item"
      aria-labelledby={titleId}
    >
      <h4 id={titleId} className="heading-xs heading--flush">
        Add a concern or strength to {domain.name}
      </h4>
      {added ? <SuccessNotice title={added} /> : null}
      <ErrorSummary form={form} errors={errors} labels={labels} />
      <TextField
        form={form}
        path="label"
        label={labels.label}
        hint="In your own words, or your organisation’s licensed wording."
        value={label}
        onChange={setLabel}
        errors={errors}
      />
      <div className="button-group">
        <button type="submit" className="button button--secondary" aria-disabled={busy || undefined}>
          Add a concern<span className="visually-hidden"> to {domain.name}</span>
        </button>
        <button
          type="button"
          className="button button--secondary"
          aria-disabled={busy || undefined}
          onClick={() => void add('strength')}
        >
          Add a strength<span className="visually-hidden"> to {domain.name}</span>
        </button>
      </div>
    </form>
  );
}
