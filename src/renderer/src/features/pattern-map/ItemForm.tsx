import { type ReactNode, useEffect, useRef, useState } from 'react';
import { type CallRequest, calls } from '#contract/calls.ts';
import type { MapItem } from '#contract/pattern-map-schemas.ts';
import { call } from '../../app/api.ts';
import {
  BoundField,
  Form,
  FormCheckboxes,
  FormSelect,
  FormText,
  FormTextArea,
  SubmitOrLeave,
} from '../../ui/form/Form.tsx';
import { useWorkbenchForm } from '../../ui/form/useWorkbenchForm.ts';
import { AGENCY_OPTIONS } from '../../ui/options.ts';
import { useMapCommands } from './commands.ts';
import { type DateDraft, DateEntry } from './DateEntry.tsx';
import { type Draft, draftOf, draftProblems, EMPTY, FORM, itemOfDraft, LABELS } from './itemDraft.ts';
import { LaneChoice } from './LaneChoice.tsx';
import { categoryText, viewWords } from './labels.ts';
import { useMapStore, useMapStoreApi } from './store.ts';

export interface ItemFormProps {
  kind: MapItem['kind'];
  /** The item being changed, or null to add one. */
  editing: MapItem | null;
  onDone: (message: string | null) => void;
  /** The form's heading level where it appears (3 under "Add to the map", 2 in meeting mode's panel). */
  headingLevel?: 2 | 3;
}

/** The form's heading, which takes focus when the form opens. */
function FormTitle({ id, level, children }: { id: string; level: 2 | 3; children: ReactNode }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, []);
  const Heading = level === 2 ? 'h2' : 'h3';
  return (
    <Heading ref={ref} id={id} tabIndex={-1} className="heading-m">
      {children}
    </Heading>
  );
}

type ItemRequest = CallRequest<'map.updateItem'> | CallRequest<'map.addItem'>;

/** Add or change a life event or an incident of concerning sexual behaviour. */
export function ItemForm({ kind, editing, onDone, headingLevel = 3 }: ItemFormProps) {
  const store = useMapStoreApi();
  const { reload, afterRefusal } = useMapCommands();
  const map = useMapStore((s) => s.map);
  const view = useMapStore((s) => s.view);
  const [version, setVersion] = useState(editing?.version ?? 0);
  const words = viewWords(map, view);
  const noun = kind === 'incident' ? 'incident' : 'life event';

  const form = useWorkbenchForm<Draft, ItemRequest, { id: string }>({
    id: FORM,
    labels: LABELS,
    defaultValues: editing ? draftOf(editing) : EMPTY,
    request: editing ? calls['map.updateItem'].request : calls['map.addItem'].request,
    toRequest: (draft) => {
      const item = itemOfDraft(kind, draft);
      return (
        editing ? { itemId: editing.id, expectedVersion: version, item } : { caseId: map.caseId, item }
      ) as ItemRequest;
    },
    check: (draft) => draftProblems(kind, draft),
    send: (request) =>
      editing
        ? call('map.updateItem', request as CallRequest<'map.updateItem'>)
        : call('map.addItem', request as CallRequest<'map.addItem'>),
    onSuccess: async (data) => {
      await reload();
      if (!editing) store.getState().select(data.id);
      onDone(editing ? `The ${noun} has been changed.` : `The ${noun} has been added to the map.`);
    },
    onRefused: async (error) => {
      if (error.code === 'conflict' && editing) {
        // Their change is kept: show it in the form, so this person can make theirs again on top.
        const latest = await reload();
        const now = latest.ok ? latest.data.items.find((i) => i.id === editing.id) : undefined;
        if (now) {
          form.methods.reset(draftOf(now));
          setVersion(now.version);
        }
        return { message: `${error.message} The form now shows the latest version.`, problems: [] };
      }
      await afterRefusal(error);
      return undefined;
    },
  });

  const peopleOptions = map.people.map((p) => ({ value: p.id, label: words.person(p.id) }));

  return (
    <Form
      form={form}
      className="pm-form"
      labelledBy={`${FORM}-title`}
      before={
        <FormTitle id={`${FORM}-title`} level={headingLevel}>
          {editing ? `Edit the ${noun}` : kind === 'incident' ? 'Add an incident' : 'Add a life event'}
        </FormTitle>
      }
    >
      {kind === 'life-event' ? (
        <BoundField<string>
          name="lane"
          path="item.lane"
          render={(b) => <LaneChoice value={b.value} onChange={b.onChange} errors={b.errors} />}
        />
      ) : (
        <p className="body hint">Incidents always sit on the child’s own lane.</p>
      )}
      <FormTextArea
        name="what"
        path="item.what"
        label="What happened"
        hint="Names are replaced by initials or roles in the anonymised view."
        rows={3}
      />
      <BoundField<DateDraft>
        name="date"
        path="item.date"
        render={(b) => <DateEntry form={FORM} value={b.value} onChange={b.onChange} errors={b.errors} />}
      />
      {peopleOptions.length > 0 ? (
        <FormCheckboxes name="people" path="item.people" label="Who was involved" options={peopleOptions} />
      ) : (
        <p className="body hint">
          No people are recorded on the case yet: add them under “People on the case”.
        </p>
      )}
      <FormText name="place" path="item.place" label="Where" />
      {kind === 'incident' ? <IncidentFields /> : null}
      <FormSelect
        name="sourceAgency"
        path="item.sourceAgency"
        label="Source agency"
        hint="The agency the information came from. It is shown on the map."
        options={AGENCY_OPTIONS}
        placeholder="Choose the agency"
      />
      <FormText
        name="sourceDetail"
        path="item.sourceDetail"
        label="Source detail"
        hint="Optional. For example, the school’s designated safeguarding lead."
      />
      <SubmitOrLeave
        submit={editing ? 'Save changes' : kind === 'incident' ? 'Add incident' : 'Add life event'}
        onLeave={() => onDone(null)}
      />
    </Form>
  );
}

/** What only an incident records: who was harmed, the child's age, its Hackett category and Brook colour. */
function IncidentFields() {
  const map = useMapStore((s) => s.map);
  return (
    <>
      <FormSelect
        name="harmedPersonId"
        path="item.harmedPersonId"
        label="Who was harmed"
        hint="Shown by their reference only, never by name."
        options={map.people.map((p) => ({ value: p.id, label: p.anonymisedLabel }))}
        placeholder="Not recorded"
      />
      <FormText
        name="childAgeThen"
        path="item.childAgeThen"
        label="Child’s age then"
        hint="Optional. Left blank, it is worked out from an exact date."
        inputMode="numeric"
        width="short"
      />
      <FormSelect
        name="hackettCategory"
        path="item.hackettCategory"
        label="Hackett category"
        options={map.categories.map((c) => ({ value: c.id, label: categoryText(map, c.id) }))}
        placeholder="Not recorded"
      />
      <FormSelect
        name="brookColour"
        path="item.brookColour"
        label="Brook colour"
        options={map.brookColours.map((c) => ({ value: c.id, label: c.label }))}
        placeholder="Not recorded"
      />
    </>
  );
}
