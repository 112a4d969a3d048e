import { useEffect, useRef, useState } from 'react';
import { calls } from '#contract/calls.ts';
import type { Result } from '#contract/errors.ts';
import { call } from '../../app/api.ts';
import { ActionButton } from '../../ui/ActionButton.tsx';
import { InstantText } from '../../ui/DateText.tsx';
import { Form, FormText } from '../../ui/form/Form.tsx';
import { useAction } from '../../ui/form/useAction.ts';
import { useWorkbenchForm } from '../../ui/form/useWorkbenchForm.ts';
import { SuccessNotice, WarningText } from '../../ui/Notice.tsx';
import { Refusal } from '../../ui/Refusal.tsx';
import { ItemCard } from './ItemCard.tsx';
import { PartComments } from './ReturnedNotes.tsx';
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
  const { busy, refusal: error, act: run } = useAction();
  const writer = canWrite && me !== null;

  const act = (request: () => Promise<Result<View>>, success: string) =>
    run({
      onStart: () => setNotice(null),
      request,
      onDone: (next) => {
        setNotice(success);
        onView(next);
      },
    });

  return (
    <section aria-labelledby={titleId} className="domain">
      <h3 id={titleId} className="domain__title">
        {domain.name}
      </h3>
      <PartComments view={view} about={`domain:${domain.id}`} />
      <DomainProgress domain={domain} assessors={assessors} />
      {notice ? <SuccessNotice title={notice} /> : null}
      {error ? <Refusal title="There is a problem" message={error.message} /> : null}

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
            <ActionButton
              className="button button--secondary"
              onClick={() =>
                void act(
                  () => call('assessments.addLicensedItems', { assessmentId: view.id, domainId: domain.id }),
                  `The licensed items for ${domain.name} have been added.`,
                )
              }
              busy={busy}
            >
              Add the licensed items for {domain.name}
            </ActionButton>
          ) : null}
          {domain.items.length > 0 ? (
            <FinishRatings
              domain={domain}
              otherName={assessorsFor(view).other?.name ?? 'the other assessor'}
              busy={busy}
              onFinish={() =>
                act(
                  () => call('assessments.finishDomain', { assessmentId: view.id, domainId: domain.id }),
                  `You have finished your independent ratings of ${domain.name}.`,
                )
              }
            />
          ) : null}
        </div>
      ) : null}
      {writer && bothFinished ? (
        <AgreeMatching
          domain={domain}
          busy={busy}
          onAgree={(itemIds) =>
            act(
              () =>
                call('assessments.agreeMatchingRatings', {
                  assessmentId: view.id,
                  domainId: domain.id,
                  itemIds,
                }),
              `You have agreed ${itemIds.length} ${itemIds.length === 1 ? 'item' : 'items'} in ${domain.name} as you both rated ${itemIds.length === 1 ? 'it' : 'them'}.`,
            )
          }
        />
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

/** Whether each assessor has finished their independent ratings of the domain, and when. */
function DomainProgress({ domain, assessors }: { domain: Domain; assessors: View['leadAssessor'][] }) {
  return (
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
  );
}

/**
 * Finishing fixes the person's ratings of the domain and shows them to the other assessor, so it asks
 * first, on the page (issue 17): nothing changes until they confirm.
 */
function FinishRatings({
  domain,
  otherName,
  busy,
  onFinish,
}: {
  domain: Domain;
  otherName: string;
  busy: boolean;
  onFinish: () => Promise<unknown>;
}) {
  const [asking, setAsking] = useState(false);
  const confirmButton = useRef<HTMLButtonElement>(null);
  const finishButton = useRef<HTMLButtonElement>(null);
  const moved = useRef(false);
  // Focus follows the step: to "Yes, finish" when asked, back to "Finish" when cancelled.
  useEffect(() => {
    if (moved.current) (asking ? confirmButton : finishButton).current?.focus();
    moved.current = true;
  }, [asking]);
  return (
    <div className="finish">
      <p className="body hint">
        When you have rated every item in {domain.name}, finish your independent ratings. Your ratings are
        then fixed and you see {otherName}’s.
      </p>
      {asking ? (
        <div className="confirm-step">
          <div>
            <WarningText>
              You will not be able to change your independent ratings of {domain.name} after this. Your
              co-assessor will then see them.
            </WarningText>
          </div>
          <div className="button-group">
            <button
              ref={confirmButton}
              type="button"
              className="button"
              aria-disabled={busy || undefined}
              onClick={() => void onFinish()}
            >
              Yes, finish my ratings<span className="visually-hidden"> of {domain.name}</span>
            </button>
            <button type="button" className="link-button" onClick={() => setAsking(false)}>
              Cancel<span className="visually-hidden"> finishing my ratings of {domain.name}</span>
            </button>
          </div>
        </div>
      ) : (
        <button ref={finishButton} type="button" className="button" onClick={() => setAsking(true)}>
          Finish my independent ratings of {domain.name}
        </button>
      )}
    </div>
  );
}

/** Issue 14: the items both assessors rated the same, named with their rating, agreed in one step. */
function AgreeMatching({
  domain,
  busy,
  onAgree,
}: {
  domain: Domain;
  busy: boolean;
  onAgree: (itemIds: string[]) => Promise<unknown>;
}) {
  const matching = domain.items.filter((i) => i.state === 'same' && !i.agreed);
  if (matching.length === 0) return null;
  const titleId = `agree-matching-${domain.id}-title`;
  const n = matching.length;
  return (
    <section className="action-panel agree-matching" aria-labelledby={titleId}>
      <h4 id={titleId} className="heading-xs heading--flush">
        {n === 1
          ? 'You both gave this item the same rating'
          : `You both gave these ${n} items the same rating`}
      </h4>
      <ul className="list list--bullet">
        {matching.map((i) => (
          <li key={i.id}>
            {i.label}: <strong>{i.ratings[0]?.ratingLabel}</strong>
          </li>
        ))}
      </ul>
      <p className="body hint">
        Agreeing records each rating as your agreed position. Where your ratings differ, propose a position on
        the item instead.
      </p>
      <ActionButton busy={busy} onClick={() => void onAgree(matching.map((i) => i.id))}>
        {n === 1 ? 'Agree the item you both rated the same' : `Agree the ${n} items you both rated the same`}
        <span className="visually-hidden"> in {domain.name}</span>
      </ActionButton>
    </section>
  );
}

type Kind = 'concern' | 'strength';

function AddItemForm({
  domain,
  assessmentId,
  onView,
}: {
  domain: Domain;
  assessmentId: string;
  onView: PartProps['onView'];
}) {
  const labels = { label: 'Description' };
  const [added, setAdded] = useState<string | null>(null);
  const form = useWorkbenchForm({
    id: `add-item-${domain.id}`,
    labels,
    // The kind is set by the button used: Enter in the box adds a concern, as the first button does.
    defaultValues: { label: '', kind: 'concern' as Kind },
    request: calls['assessments.addItem'].request,
    toRequest: ({ label, kind }) => ({ assessmentId, domainId: domain.id, kind, label }),
    check: ({ label, kind }) => (label.trim() ? [] : [{ path: 'label', message: `Describe the ${kind}` }]),
    send: (request) => call('assessments.addItem', request),
    onSubmitStart: () => setAdded(null),
    resetOnSuccess: true,
    onSuccess: (next, { label, kind }) => {
      setAdded(`${kind === 'concern' ? 'Concern' : 'Strength'} “${label.trim()}” added to ${domain.name}.`);
      onView(next);
    },
  });
  const add = (kind: Kind) => form.methods.setValue('kind', kind);

  return (
    <Form
      form={form}
      className="action-panel add-item"
      title={<>Add a concern or strength to {domain.name}</>}
      titleAs="h4"
      notice={added ? <SuccessNotice title={added} /> : null}
    >
      <FormText name="label" hint="In your own words, or your organisation’s licensed wording." />
      <div className="button-group">
        <button
          type="submit"
          className="button button--secondary"
          aria-disabled={form.busy || undefined}
          onClick={() => add('concern')}
        >
          Add a concern<span className="visually-hidden"> to {domain.name}</span>
        </button>
        <button
          type="button"
          className="button button--secondary"
          aria-disabled={form.busy || undefined}
          onClick={() => {
            add('strength');
            void form.submit();
          }}
        >
          Add a strength<span className="visually-hidden"> to {domain.name}</span>
        </button>
      </div>
    </Form>
  );
}
