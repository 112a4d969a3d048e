import { type FormEvent, type ReactNode, useEffect, useRef, useState } from 'react';
import type { MapItem } from '#contract/pattern-map-schemas.ts';
import { AGENCY_LABELS } from '#contract/vocabulary.ts';
import { call } from '../../app/api.ts';
import { InstantText } from '../../ui/DateText.tsx';
import { SelectField } from '../../ui/Field.tsx';
import { Form, FormTextArea } from '../../ui/form/Form.tsx';
import { useSubmission } from '../../ui/form/useSubmission.ts';
import { useWorkbenchForm } from '../../ui/form/useWorkbenchForm.ts';
import { missingProblems, NO_ERRORS } from '../../ui/problems.ts';
import { useMapCommands } from './commands.ts';
import { brookText, categoryText, INCIDENT_LANE, laneLabel, viewWords } from './labels.ts';
import { useMapStore } from './store.ts';

interface Props {
  /** Whether the remove form should open straight away (the table's Remove button). */
  removing: boolean;
  onRemoving: (removing: boolean) => void;
  onEdit: (item: MapItem) => void;
}

/** The selected item in full, with the keyboard way to move it between lanes, change it or remove it. */
export function ItemDetails({ removing, onRemoving, onEdit }: Props) {
  const item = useMapStore((s) => s.map.items.find((i) => i.id === s.selectedId) ?? null);
  const map = useMapStore((s) => s.map);
  const view = useMapStore((s) => s.view);
  const select = useMapStore((s) => s.select);
  if (!item) return null;
  const words = viewWords(map, view);
  const rows: [string, ReactNode][] = [
    ['When', `${item.span.label}${item.span.approximate ? ' (approx.)' : ''}`],
    ['Lane', laneLabel(map, item.lane)],
    ['What happened', words.text(item.what)],
    ['Who was involved', item.people.map(words.person).join('; ')],
    ['Where', words.text(item.place)],
    ['Source', [AGENCY_LABELS[item.sourceAgency], words.text(item.sourceDetail)].filter(Boolean).join(' — ')],
  ];
  if (item.kind === 'incident') {
    rows.push(
      ['Who was harmed', item.harmedPersonId ? words.person(item.harmedPersonId) : ''],
      ['Child’s age then', item.childAgeThen === null ? '' : String(item.childAgeThen)],
      ['Hackett category', categoryText(map, item.hackettCategory)],
      ['Brook colour', brookText(map, item.brookColour).replace(/^Brook /, '')],
    );
  }
  rows.push([
    'Recorded',
    <span key="recorded">
      by {item.createdByName}, <InstantText value={item.createdAt} />
      {item.version > 1 ? (
        <>
          ; last changed by {item.updatedByName}, <InstantText value={item.updatedAt} />
        </>
      ) : null}
    </span>,
  ]);
  const title = item.kind === 'incident' ? 'Incident' : 'Life event';
  return (
    <aside className="pm-details" aria-labelledby="pm-details-title">
      <h3 id="pm-details-title" className="heading-s pm-details__title">
        {title}: {item.span.label}
      </h3>
      <dl className="pm-facts">
        {rows.map(([key, value]) => (
          <div className="pm-facts__row" key={key}>
            <dt>{key}</dt>
            <dd>{value === '' ? <span className="hint">Not recorded</span> : value}</dd>
          </div>
        ))}
      </dl>
      {item.kind === 'life-event' ? <MoveToLane key={`${item.id}-${item.version}`} item={item} /> : null}
      {removing ? (
        <RemoveItem key={item.id} item={item} onCancel={() => onRemoving(false)} />
      ) : (
        <div className="button-group">
          <button type="button" className="button button--secondary" onClick={() => onEdit(item)}>
            Edit this {item.kind === 'incident' ? 'incident' : 'life event'}
          </button>
          <button type="button" className="button button--warning" onClick={() => onRemoving(true)}>
            Remove from the map
          </button>
        </div>
      )}
      <button type="button" className="link-button" onClick={() => select(null)}>
        Close details
      </button>
    </aside>
  );
}

function MoveToLane({ item }: { item: MapItem }) {
  const map = useMapStore((s) => s.map);
  const { moveItem } = useMapCommands();
  const [lane, setLane] = useState(item.lane);
  // The move says itself how it went, on the map's own notice.
  const { busy, send, submitting } = useSubmission();
  const options = map.lifeEventTypes
    .filter((t) => t.id !== INCIDENT_LANE)
    .map((t) => ({ value: t.id, label: t.label }));
  const submit = submitting(async (_event: FormEvent) => {
    if (lane !== item.lane) await send(moveItem(item.id, lane));
  });
  return (
    <form onSubmit={(e) => void submit(e)} noValidate className="pm-move">
      <SelectField
        form="pm-move"
        path="lane"
        label="Move to lane"
        value={lane}
        onChange={setLane}
        options={options}
        errors={NO_ERRORS}
      />
      <button type="submit" className="button button--secondary" disabled={busy || lane === item.lane}>
        Move
      </button>
    </form>
  );
}

const REMOVE_LABELS = { reason: 'Why are you removing this item?' };

function RemoveItem({ item, onCancel }: { item: MapItem; onCancel: () => void }) {
  const { reload, afterRefusal } = useMapCommands();
  const say = useMapStore((s) => s.say);
  const field = useRef<HTMLDivElement>(null);
  useEffect(() => {
    field.current?.querySelector('textarea')?.focus();
  }, []);
  const form = useWorkbenchForm({
    id: 'pm-remove',
    labels: REMOVE_LABELS,
    defaultValues: { reason: '' },
    toRequest: ({ reason }) => ({ itemId: item.id, expectedVersion: item.version, reason }),
    check: ({ reason }) => missingProblems([['reason', reason, 'Say why the item is being removed']]),
    send: (request) => call('map.removeItem', request),
    onRefused: async (error) => {
      await afterRefusal(error);
      return undefined;
    },
    onSuccess: async () => {
      await reload();
      say({
        kind: 'success',
        text: 'The item has been removed from the map. The reason is kept in the audit trail.',
      });
    },
  });
  return (
    <Form form={form} className="pm-remove">
      <div ref={field}>
        <FormTextArea
          name="reason"
          label={REMOVE_LABELS.reason}
          hint="For example, entered on the wrong case. The reason is kept in the audit trail."
          rows={3}
        />
      </div>
      <div className="button-group">
        <button type="submit" className="button button--warning" disabled={form.busy}>
          Remove item
        </button>
        <button type="button" className="button button--secondary" onClick={onCancel}>
          Keep the item
        </button>
      </div>
    </Form>
  );
}
