import { type FormEvent, type KeyboardEvent, type ReactNode, useEffect, useRef, useState } from 'react';
import { type CallRequest, calls } from '#contract/calls.ts';
import type { FieldProblem } from '#contract/errors.ts';
import type { MapItem } from '#contract/pattern-map-schemas.ts';
import { call } from '../../app/api.ts';
import { ErrorSummary } from '../../ui/ErrorSummary.tsx';
import { CheckboxGroup, SelectField, TextAreaField, TextField } from '../../ui/Field.tsx';
import { AGENCY_OPTIONS } from '../../ui/options.ts';
import {
  checkRequest,
  errorsFromResult,
  type FormErrors,
  missingProblems,
  NO_ERRORS,
  orderProblems,
} from '../../ui/problems.ts';
import { useMapCommands } from './commands.ts';
import {
  DATE_LABELS,
  type DateDraft,
  DateEntry,
  dateOfDraft,
  draftOfDate,
  EMPTY_DATE,
  missingDateParts,
} from './DateEntry.tsx';
import { categoryText, viewWords } from './labels.ts';
import { useMapStore, useMapStoreApi } from './store.ts';

const FORM = 'pm-item';

const LABELS: Record<string, string> = {
  'item.lane': 'Type of life event',
  'item.what': 'What happened',
  'item.people': 'Who was involved',
  'item.place': 'Where',
  'item.sourceAgency': 'Source agency',
  'item.sourceDetail': 'Source detail',
  ...DATE_LABELS,
  'item.harmedPersonId': 'Who was harmed',
  'item.childAgeThen': 'Child’s age then',
  'item.hackettCategory': 'Hackett category',
  'item.brookColour': 'Brook colour',
};

interface Draft {
  lane: string;
  what: string;
  people: string[];
  place: string;
  sourceAgency: string;
  sourceDetail: string;
  date: DateDraft;
  harmedPersonId: string;
  childAgeThen: string;
  hackettCategory: string;
  brookColour: string;
}

const EMPTY: Draft = {
  lane: '',
  what: '',
  people: [],
  place: '',
  sourceAgency: '',
  sourceDetail: '',
  date: EMPTY_DATE,
  harmedPersonId: '',
  childAgeThen: '',
  hackettCategory: '',
  brookColour: '',
};

const draftOf = (item: MapItem): Draft => ({
  lane: item.kind === 'life-event' ? item.lane : '',
  what: item.what,
  people: item.people,
  place: item.place,
  sourceAgency: item.sourceAgency,
  sourceDetail: item.sourceDetail,
  date: draftOfDate(item.date),
  harmedPersonId: item.harmedPersonId ?? '',
  childAgeThen: item.childAgeThen === null ? '' : String(item.childAgeThen),
  hackettCategory: item.hackettCategory,
  brookColour: item.brookColour,
});

function itemOfDraft(kind: MapItem['kind'], d: Draft) {
  const common = {
    what: d.what,
    people: d.people,
    place: d.place,
    date: dateOfDraft(d.date),
    sourceAgency: d.sourceAgency,
    sourceDetail: d.sourceDetail,
  };
  if (kind === 'life-event') return { kind, lane: d.lane, ...common };
  return {
    kind,
    ...common,
    harmedPersonId: d.harmedPersonId || null,
    childAgeThen: d.childAgeThen.trim() === '' ? null : Number(d.childAgeThen),
    hackettCategory: d.hackettCategory,
    brookColour: d.brookColour,
  };
}

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

/** Add or change a life event or an incident of concerning sexual behaviour. */
export function ItemForm({ kind, editing, onDone, headingLevel = 3 }: ItemFormProps) {
  const store = useMapStoreApi();
  const { reload, afterRefusal } = useMapCommands();
  const map = useMapStore((s) => s.map);
  const view = useMapStore((s) => s.view);
  const [draft, setDraft] = useState<Draft>(() => (editing ? draftOf(editing) : EMPTY));
  const [version, setVersion] = useState(editing?.version ?? 0);
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [busy, setBusy] = useState(false);
  const set = (patch: Partial<Draft>) => setDraft((d) => ({ ...d, ...patch }));
  const words = viewWords(map, view);
  const noun = kind === 'incident' ? 'incident' : 'life event';

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    const item = itemOfDraft(kind, draft);
    const request = editing
      ? { itemId: editing.id, expectedVersion: version, item }
      : { caseId: map.caseId, item };
    const missing: FieldProblem[] = [
      ...missingProblems([
        ...(kind === 'life-event'
          ? [['item.lane', draft.lane, 'Choose the type of life event'] as [string, string, string]]
          : []),
        ['item.what', draft.what, 'Describe what happened'],
        ['item.sourceAgency', draft.sourceAgency, 'Choose the agency the information came from'],
      ]),
      ...missingDateParts(draft.date),
      ...(draft.childAgeThen.trim() && !/^\d{1,2}$/.test(draft.childAgeThen.trim())
        ? [{ path: 'item.childAgeThen', message: 'Enter the age as a whole number of years' }]
        : []),
    ];
    const schema = editing ? calls['map.updateItem'].request : calls['map.addItem'].request;
    const problems = orderProblems([...missing, ...checkRequest(schema, request)], Object.keys(LABELS));
    if (problems.length > 0) {
      setErrors({ problems });
      return;
    }
    setBusy(true);
    const result = editing
      ? await call('map.updateItem', request as CallRequest<'map.updateItem'>)
      : await call('map.addItem', request as CallRequest<'map.addItem'>);
    setBusy(false);
    if (!result.ok) {
      if (result.error.code === 'conflict' && editing) {
        // Their change is kept: show it in the form, so this person can make theirs again on top.
        const latest = await reload();
        const now = latest.ok ? latest.data.items.find((i) => i.id === editing.id) : undefined;
        if (now) {
          setDraft(draftOf(now));
          setVersion(now.version);
        }
        setErrors({
          message: `${result.error.message} The form now shows the latest version.`,
          problems: [],
        });
        return;
      }
      setErrors(errorsFromResult(result.error));
      await afterRefusal(result.error);
      return;
    }
    await reload();
    if (!editing) store.getState().select(result.data.id);
    onDone(editing ? `The ${noun} has been changed.` : `The ${noun} has been added to the map.`);
  }

  const peopleOptions = map.people.map((p) => ({ value: p.id, label: words.person(p.id) }));

  return (
    <form onSubmit={submit} noValidate className="pm-form" aria-labelledby={`${FORM}-title`}>
      <FormTitle id={`${FORM}-title`} level={headingLevel}>
        {editing ? `Edit the ${noun}` : kind === 'incident' ? 'Add an incident' : 'Add a life event'}
      </FormTitle>
      <ErrorSummary form={FORM} errors={errors} labels={LABELS} />
      {kind === 'life-event' ? (
        <LaneChoice value={draft.lane} onChange={(lane) => set({ lane })} errors={errors} />
      ) : (
        <p className="body hint">Incidents always sit on the child’s own lane.</p>
      )}
      <TextAreaField
        form={FORM}
        path="item.what"
        label="What happened"
        hint="Names are replaced by initials or roles in the anonymised view."
        value={draft.what}
        onChange={(what) => set({ what })}
        errors={errors}
        rows={3}
      />
      <DateEntry form={FORM} value={draft.date} onChange={(date) => set({ date })} errors={errors} />
      {peopleOptions.length > 0 ? (
        <CheckboxGroup
          form={FORM}
          path="item.people"
          label="Who was involved"
          values={draft.people}
          onChange={(people) => set({ people })}
          options={peopleOptions}
          errors={errors}
        />
      ) : (
        <p className="body hint">
          No people are recorded on the case yet: add them under “People on the case”.
        </p>
      )}
      <TextField
        form={FORM}
        path="item.place"
        label="Where"
        value={draft.place}
        onChange={(place) => set({ place })}
        errors={errors}
      />
      {kind === 'incident' ? (
        <>
          <SelectField
            form={FORM}
            path="item.harmedPersonId"
            label="Who was harmed"
            hint="Shown by their reference only, never by name."
            value={draft.harmedPersonId}
            onChange={(harmedPersonId) => set({ harmedPersonId })}
            options={map.people.map((p) => ({ value: p.id, label: p.anonymisedLabel }))}
            placeholder="Not recorded"
            errors={errors}
          />
          <TextField
            form={FORM}
            path="item.childAgeThen"
            label="Child’s age then"
            hint="Optional. Left blank, it is worked out from an exact date."
            inputMode="numeric"
            width="short"
            value={draft.childAgeThen}
            onChange={(childAgeThen) => set({ childAgeThen })}
            errors={errors}
          />
          <SelectField
            form={FORM}
            path="item.hackettCategory"
            label="Hackett category"
            value={draft.hackettCategory}
            onChange={(hackettCategory) => set({ hackettCategory })}
            options={map.categories.map((c) => ({ value: c.id, label: categoryText(map, c.id) }))}
            placeholder="Not recorded"
            errors={errors}
          />
          <SelectField
            form={FORM}
            path="item.brookColour"
            label="Brook colour"
            value={draft.brookColour}
            onChange={(brookColour) => set({ brookColour })}
            options={map.brookColours.map((c) => ({ value: c.id, label: c.label }))}
            placeholder="Not recorded"
            errors={errors}
          />
        </>
      ) : null}
      <SelectField
        form={FORM}
        path="item.sourceAgency"
        label="Source agency"
        hint="The agency the information came from. It is shown on the map."
        value={draft.sourceAgency}
        onChange={(sourceAgency) => set({ sourceAgency })}
        options={AGENCY_OPTIONS}
        placeholder="Choose the agency"
        errors={errors}
      />
      <TextField
        form={FORM}
        path="item.sourceDetail"
        label="Source detail"
        hint="Optional. For example, the school’s designated safeguarding lead."
        value={draft.sourceDetail}
        onChange={(sourceDetail) => set({ sourceDetail })}
        errors={errors}
      />
      <div className="button-group">
        <button type="submit" className="button" disabled={busy}>
          {editing ? 'Save changes' : kind === 'incident' ? 'Add incident' : 'Add life event'}
        </button>
        <button type="button" className="button button--secondary" onClick={() => onDone(null)}>
          Cancel
        </button>
      </div>
    </form>
  );
}

/** The type of life event, with a small form to add a type that is not listed. */
function LaneChoice({
  value,
  onChange,
  errors,
}: {
  value: string;
  onChange: (lane: string) => void;
  errors: FormErrors;
}) {
  const store = useMapStoreApi();
  const types = useMapStore((s) => s.map.lifeEventTypes);
  const [adding, setAdding] = useState(false);
  const [label, setLabel] = useState('');
  const [typeErrors, setTypeErrors] = useState<FormErrors>(NO_ERRORS);

  async function addType() {
    const missing = missingProblems([['label', label, 'Enter the name of the new type']]);
    if (missing.length > 0) {
      setTypeErrors({ problems: missing });
      return;
    }
    const result = await call('map.addLifeEventType', { label });
    if (!result.ok) {
      setTypeErrors(errorsFromResult(result.error));
      return;
    }
    const { map, setMap } = store.getState();
    setMap({ ...map, lifeEventTypes: result.data });
    const added = result.data.find((t) => t.label.toLowerCase() === label.trim().toLowerCase());
    if (added) onChange(added.id);
    setLabel('');
    setTypeErrors(NO_ERRORS);
    setAdding(false);
  }

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      void addType();
    }
  };

  return (
    <div className="pm-lane-choice">
      <SelectField
        form={FORM}
        path="item.lane"
        label="Type of life event"
        value={value}
        onChange={onChange}
        options={types.map((t) => ({ value: t.id, label: t.label }))}
        placeholder="Choose the type"
        errors={errors}
      />
      {adding ? (
        // Not a nested form: the fields sit inside the item form, so Enter is caught here.
        <fieldset className="pm-inline-form">
          <legend className="pm-legend">Add a type of life event</legend>
          {typeErrors.message ? <p className="field-error">{typeErrors.message}</p> : null}
          {/* biome-ignore lint/a11y/noStaticElementInteractions: catches Enter from the text field inside */}
          <div onKeyDown={onKeyDown}>
            <TextField
              form="pm-type"
              path="label"
              label="Name of the new type"
              width="medium"
              value={label}
              onChange={setLabel}
              errors={typeErrors}
            />
          </div>
          <div className="button-group">
            <button type="button" className="button button--secondary" onClick={() => void addType()}>
              Add type
            </button>
            <button type="button" className="link-button" onClick={() => setAdding(false)}>
              Cancel adding a type
            </button>
          </div>
        </fieldset>
      ) : (
        <p className="pm-lane-choice__add">
          <button type="button" className="link-button" onClick={() => setAdding(true)}>
            Add a type
          </button>
        </p>
      )}
    </div>
  );
}
