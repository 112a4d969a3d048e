import { useState } from 'react';
import { calls } from '#contract/calls.ts';
import type { Result } from '#contract/errors.ts';
import { call } from '../../app/api.ts';
import { ActionButton } from '../../ui/ActionButton.tsx';
import { InstantText } from '../../ui/DateText.tsx';
import { Form, FormText } from '../../ui/form/Form.tsx';
import { useAction } from '../../ui/form/useAction.ts';
import { useWorkbenchForm } from '../../ui/form/useWorkbenchForm.ts';
import { SuccessNotice } from '../../ui/Notice.tsx';
import { Refusal } from '../../ui/Refusal.tsx';
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
            <div className="finish">
              <p className="body hint">
                When you have rated every item in {domain.name}, finish your independent ratings. Your ratings
                are then fixed and you see {assessorsFor(view).other?.name ?? 'the other assessor'}’s.
              </p>
              <ActionButton
                onClick={() =>
                  void act(
                    () => call('assessments.finishDomain', { assessmentId: view.id, domainId: domain.id }),
                    `You have finished your independent ratings of ${domain.name}.`,
                  )
                }
                busy={busy}
              >
                Finish my independent ratings of {domain.name}
              </ActionButton>
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
