import { useDeferredValue, useEffect, useMemo, useState } from 'react';
import { calls } from '#contract/calls.ts';
import { LINK_KIND_LABELS, LINK_KINDS, type MapItem, type MapLink } from '#contract/pattern-map-schemas.ts';
import { isIsoDay } from '#domain/dates.ts';
import { chronologicalOrder } from '#domain/event-order.ts';
import { call } from '../../app/api.ts';
import { DayText } from '../../ui/DateText.tsx';
import {
  Form,
  FormDate,
  FormSelect,
  FormText,
  FormTextArea,
  SubmitButton,
  SubmitOrLeave,
} from '../../ui/form/Form.tsx';
import { useWorkbenchForm } from '../../ui/form/useWorkbenchForm.ts';
import { entryProblems, type FormErrors, missingProblems, normalisePath } from '../../ui/problems.ts';
import { linkText, shorten, viewWords } from './labels.ts';
import { useMapStore } from './store.ts';

const LINK_LABELS = { fromId: 'Link from', toId: 'Link to', kind: 'Kind of link', label: 'Label' };
const THEME_LABELS = { text: 'Theme or hypothesis', fromDay: 'From', toDay: 'To' };

/** A draft link offered by dragging between two items' handles on the map. */
export interface LinkDraft {
  fromId: string;
  toId: string;
}

const NO_ITEMS: MapItem[] = [];

/** The items by name, for the link forms and lists; long lists are built after the map has appeared. */
function useItemNames() {
  const map = useMapStore((s) => s.map);
  const view = useMapStore((s) => s.view);
  const all = useDeferredValue(map.items, NO_ITEMS);
  return useMemo(() => {
    const words = viewWords(map, view);
    const byId = new Map(all.map((item) => [item.id, item]));
    const nameOf = (id: string) => {
      const item = byId.get(id);
      return item ? `${item.span.label} — ${shorten(words.text(item.what), 50)}` : 'an item';
    };
    return { all, nameOf, words };
  }, [map, view, all]);
}

/** Errors the service gives with a sentence and a field: show both, the sentence says what to do. */
function errorsWithMessage(error: {
  message: string;
  problems?: { path: string; message: string }[];
}): FormErrors {
  return {
    message: error.message,
    problems: (error.problems ?? []).map((p) => ({ path: normalisePath(p.path), message: p.message })),
  };
}

const NO_LINKS: MapLink[] = [];

export function LinksSection({ draft }: { draft: LinkDraft | null }) {
  // Drawn after the map, like the table: a map can carry hundreds of links.
  const current = useMapStore((s) => s.map.links);
  const links = useDeferredValue(current, NO_LINKS);
  const preparing = links !== current && links.length === 0;
  const [open, setOpen] = useState(draft !== null);
  useEffect(() => {
    if (draft) setOpen(true);
  }, [draft]);
  const setMap = useMapStore((s) => s.setMap);
  const say = useMapStore((s) => s.say);
  const { nameOf, words } = useItemNames();

  async function remove(link: MapLink) {
    const result = await call('map.removeLink', { linkId: link.id });
    if (result.ok) {
      setMap(result.data);
      say({ kind: 'success', text: 'The link has been removed.' });
    } else say({ kind: 'problem', text: result.error.message });
  }

  return (
    <>
      {preparing ? (
        <p className="body hint">Preparing the list of links…</p>
      ) : links.length === 0 ? (
        <p className="body">No items are linked yet.</p>
      ) : (
        <ul className="pm-list">
          {links.map((link, i) => (
            <li key={link.id} className="pm-list__item">
              <span>
                <strong>{words.text(linkText(link))}</strong>: from {nameOf(link.fromId)} to{' '}
                {nameOf(link.toId)}
              </span>
              <button type="button" className="link-button" onClick={() => void remove(link)}>
                Remove<span className="visually-hidden"> link {i + 1}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      {open ? (
        <LinkForm
          key={draft ? `${draft.fromId}-${draft.toId}` : 'new'}
          draft={draft}
          onClose={() => setOpen(false)}
        />
      ) : (
        // The form lists every item twice; it is built only when wanted.
        <button type="button" className="button button--secondary" onClick={() => setOpen(true)}>
          Link two items
        </button>
      )}
    </>
  );
}

interface LinkValues {
  fromId: string;
  toId: string;
  kind: MapLink['kind'];
  label: string;
}

function LinkForm({ draft, onClose }: { draft: LinkDraft | null; onClose: () => void }) {
  const caseId = useMapStore((s) => s.map.caseId);
  const setMap = useMapStore((s) => s.setMap);
  const say = useMapStore((s) => s.say);
  const { all, nameOf } = useItemNames();
  const items = useMemo(() => chronologicalOrder(all), [all]);
  const options = items.map((item) => ({ value: item.id, label: nameOf(item.id) }));
  const form = useWorkbenchForm({
    id: 'pm-link',
    labels: LINK_LABELS,
    defaultValues: {
      fromId: draft?.fromId ?? '',
      toId: draft?.toId ?? '',
      kind: 'possible-trigger',
      label: '',
    } as LinkValues,
    request: calls['map.addLink'].request,
    toRequest: (v: LinkValues) => ({ caseId, fromId: v.fromId, toId: v.toId, kind: v.kind, label: v.label }),
    check: (v) =>
      missingProblems([
        ['fromId', v.fromId, 'Choose the item the link starts from'],
        ['toId', v.toId, 'Choose the item the link goes to'],
        ...(v.kind === 'other' ? [['label', v.label, 'Describe the link'] as [string, string, string]] : []),
      ]),
    send: (request) => call('map.addLink', request),
    onRefused: (error) => errorsWithMessage(error),
    onSuccess: (data, v) => {
      setMap(data);
      form.methods.reset({ ...v, fromId: '', toId: '', label: '' });
      say({ kind: 'success', text: `Linked: ${LINK_KIND_LABELS[v.kind].toLowerCase()}.` });
    },
  });

  return (
    <Form form={form} className="pm-form" labelledBy="pm-link-title">
      <h3 id="pm-link-title" className="heading-s">
        Link two items
      </h3>
      {draft ? (
        <p className="body hint">Choose the kind of link for the two items you joined on the map.</p>
      ) : null}
      <FormSelect name="fromId" label="Link from" options={options} placeholder="Choose an item" />
      <FormSelect name="toId" label="Link to" options={options} placeholder="Choose an item" />
      <FormSelect
        name="kind"
        label="Kind of link"
        options={LINK_KINDS.map((value) => ({ value, label: LINK_KIND_LABELS[value] }))}
      />
      <FormText
        name="label"
        label="Label"
        hint="Optional, unless the kind is “Other”. Shown on the map beside the link."
      />
      <SubmitOrLeave submit="Add link" leave="Close" onLeave={onClose} />
    </Form>
  );
}

export function ThemesSection() {
  const map = useMapStore((s) => s.map);
  const view = useMapStore((s) => s.view);
  const setMap = useMapStore((s) => s.setMap);
  const say = useMapStore((s) => s.say);
  const words = viewWords(map, view);
  const form = useWorkbenchForm({
    id: 'pm-theme',
    labels: THEME_LABELS,
    defaultValues: { text: '', fromDay: '', toDay: '' },
    request: calls['map.addTheme'].request,
    toRequest: (v) => ({ caseId: map.caseId, fromDay: v.fromDay, toDay: v.toDay, text: v.text }),
    check: ({ text, fromDay, toDay }) => [
      ...missingProblems([
        ['text', text, 'Write the theme or hypothesis'],
        ['fromDay', fromDay, 'Enter the start of the period'],
        ['toDay', toDay, 'Enter the end of the period'],
      ]),
      ...entryProblems([
        ['fromDay', fromDay, 'The start of the period', 'date'],
        ['toDay', toDay, 'The end of the period', 'date'],
      ]),
      ...(isIsoDay(fromDay) && isIsoDay(toDay) && toDay < fromDay
        ? [{ path: 'toDay', message: 'The end of the period must not be before its start' }]
        : []),
    ],
    send: (request) => call('map.addTheme', request),
    onRefused: (error) => errorsWithMessage(error),
    resetOnSuccess: true,
    onSuccess: (data) => {
      setMap(data);
      say({ kind: 'success', text: 'The theme has been pinned to the map.' });
    },
  });

  async function remove(themeId: string) {
    const result = await call('map.removeTheme', { themeId });
    if (result.ok) {
      setMap(result.data);
      say({ kind: 'success', text: 'The theme has been removed.' });
    } else say({ kind: 'problem', text: result.error.message });
  }

  return (
    <>
      {map.themes.length === 0 ? (
        <p className="body">No themes or hypotheses are pinned yet.</p>
      ) : (
        <ul className="pm-list">
          {map.themes.map((theme, i) => (
            <li key={theme.id} className="pm-list__item">
              <span>
                <DayText value={theme.fromDay} /> to <DayText value={theme.toDay} />: {words.text(theme.text)}
              </span>
              <button type="button" className="link-button" onClick={() => void remove(theme.id)}>
                Remove<span className="visually-hidden"> theme {i + 1}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      <Form form={form} className="pm-form" labelledBy="pm-theme-title">
        <h3 id="pm-theme-title" className="heading-s">
          Pin a theme or hypothesis to a period
        </h3>
        <FormTextArea
          name="text"
          label="Theme or hypothesis"
          hint="For example: after the move to foster care, three incidents in six weeks."
          rows={3}
        />
        <div className="pm-row">
          <FormDate name="fromDay" label="From" />
          <FormDate name="toDay" label="To" />
        </div>
        <SubmitButton>Pin theme</SubmitButton>
      </Form>
    </>
  );
}
