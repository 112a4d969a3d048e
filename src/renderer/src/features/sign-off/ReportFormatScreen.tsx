import '../../styles/sign-off.css';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import {
  DEFAULT_REPORT_TEMPLATE,
  REPORT_PARTS,
  type ReportPart,
  type ReportTemplate,
} from '#domain/sign-off/report-template.ts';
import { call } from '../../app/api.ts';
import { ErrorSummary } from '../../ui/ErrorSummary.tsx';
import { TextField } from '../../ui/Field.tsx';
import { useSubmission } from '../../ui/form/useSubmission.ts';
import { Pending } from '../../ui/LoadFailed.tsx';
import { PageHeading } from '../../ui/PageHeading.tsx';
import { type FormErrors, NO_ERRORS } from '../../ui/problems.ts';
import { Section } from '../../ui/Section.tsx';
import { useLoad } from '../../ui/useLoad.ts';
import { ResultNotice } from './ResultNotice.tsx';

const FORM = 'report-format';
type Part = ReportTemplate['parts'][number];

/** What each part holds, named as in the standard format: stable while its heading is being edited. */
const PART_NAMES = Object.fromEntries(
  DEFAULT_REPORT_TEMPLATE.parts.map((p) => [p.part, p.heading]),
) as Record<ReportPart, string>;
const REQUIRED: readonly ReportPart[] = ['quality-assurance', 'signatures'];
const nameOf = (part: ReportPart) => PART_NAMES[part] ?? part;

/** The organisation's report format (`#/report-format`, administrators): order and headings of the AIM report. */
export function ReportFormatScreen() {
  const [loaded, reload] = useLoad(() => call('reports.template', {}));
  return (
    <>
      <PageHeading caption="Administration">Report format</PageHeading>
      <Pending loaded={loaded} what="the report format" onRetry={reload} />
      {loaded.state === 'ready' ? <FormatForm initial={loaded.data} /> : null}
    </>
  );
}

type Focus = { part: ReportPart; control: 'up' | 'down' | 'remove' | 'heading' } | null;
type Register = (part: ReportPart, control: string) => (el: HTMLElement | null) => void;

/**
 * Moving, removing and adding back parts: each says what happened in a live region and keeps focus on
 * the part concerned. `rearrange` receives the new order.
 */
function usePartOrder(parts: Part[], rearrange: (next: Part[]) => void) {
  // Headings of removed parts, so adding one back restores what it was called.
  const [removedHeadings, setRemovedHeadings] = useState<Partial<Record<ReportPart, string>>>({});
  const [announcement, setAnnouncement] = useState('');
  const [focus, setFocus] = useState<Focus>(null);
  const controls = useRef(new Map<string, HTMLElement>());

  // After a move the button pressed may be gone (a part moved to the top has no "Move up"): keep focus
  // on the same part, on the control that still makes sense.
  useEffect(() => {
    if (!focus) return;
    const order: Focus[] = [focus, { ...focus, control: focus.control === 'up' ? 'down' : 'up' }];
    for (const f of order) {
      const el = f && controls.current.get(`${f.part}:${f.control}`);
      if (el) {
        el.focus();
        break;
      }
    }
    setFocus(null);
  }, [focus]);

  const register: Register = (part, control) => (el) => {
    if (el) controls.current.set(`${part}:${control}`, el);
    else controls.current.delete(`${part}:${control}`);
  };

  function move(index: number, by: -1 | 1) {
    const target = index + by;
    const part = parts[index];
    if (!part || target < 0 || target >= parts.length) return;
    const next = [...parts];
    next.splice(index, 1);
    next.splice(target, 0, part);
    rearrange(next);
    setAnnouncement(
      `${nameOf(part.part)} moved ${by < 0 ? 'up' : 'down'}: now part ${target + 1} of ${next.length}.`,
    );
    setFocus({ part: part.part, control: by < 0 ? 'up' : 'down' });
  }

  function remove(index: number) {
    const part = parts[index];
    if (!part) return;
    setRemovedHeadings((h) => ({ ...h, [part.part]: part.heading }));
    const next = parts.filter((_, i) => i !== index);
    rearrange(next);
    setAnnouncement(`${nameOf(part.part)} removed from the report. You can add it back below.`);
    // Focus the next part's heading field, or the previous one's if this was the last.
    const neighbour = next[index] ?? next[index - 1];
    if (neighbour) setFocus({ part: neighbour.part, control: 'heading' });
  }

  function addBack(part: ReportPart) {
    // Back where the standard format has it, relative to the parts kept.
    const rank = (p: ReportPart) => REPORT_PARTS.indexOf(p);
    const at = parts.findIndex((p) => rank(p.part) > rank(part));
    const index = at === -1 ? parts.length : at;
    const next = [...parts];
    next.splice(index, 0, { part, heading: removedHeadings[part] ?? nameOf(part) });
    rearrange(next);
    setAnnouncement(`${nameOf(part)} added back as part ${index + 1} of ${next.length}.`);
    setFocus({ part, control: 'heading' });
  }

  return { announcement, register, move, remove, addBack };
}

/** A heading left empty or longer than the report allows, for each part. */
function headingProblems(parts: Part[]) {
  return parts.flatMap((p, i) =>
    p.heading.trim() === ''
      ? [{ path: `parts.${i}.heading`, message: `Enter a heading for ${nameOf(p.part)}` }]
      : p.heading.trim().length > 120
        ? [{ path: `parts.${i}.heading`, message: 'must be 120 characters or fewer' }]
        : [],
  );
}

function FormatForm({ initial }: { initial: ReportTemplate }) {
  const [parts, setParts] = useState<Part[]>(initial.parts);
  const [saved, setSaved] = useState<Part[]>(initial.parts);
  const { errors, setErrors, busy, send, submitting } = useSubmission();
  const [result, setResult] = useState<{ id: number } | null>(null);

  const labels = Object.fromEntries(
    parts.map((p, i) => [`parts.${i}.heading`, `Heading for ${nameOf(p.part)}`]),
  );
  const dirty = JSON.stringify(parts) !== JSON.stringify(saved);

  function change(next: Part[]) {
    setParts(next);
    setResult(null);
  }
  const order = usePartOrder(parts, (next) => {
    change(next);
    setErrors(NO_ERRORS);
  });

  const save = submitting(async (_event: FormEvent) => {
    const problems = headingProblems(parts);
    if (problems.length > 0) {
      setErrors({ problems });
      setResult(null);
      return;
    }
    const r = await send(
      call('reports.updateTemplate', { parts: parts.map((p) => ({ ...p, heading: p.heading.trim() })) }),
    );
    if (!r.ok) {
      setResult(null);
      return;
    }
    setParts(r.data.parts);
    setSaved(r.data.parts);
    setResult({ id: Date.now() });
  });

  return (
    <form
      onSubmit={(e) => void save(e)}
      noValidate
      aria-labelledby="report-format-title"
      className="report-format"
    >
      <h2 id="report-format-title" className="visually-hidden">
        Parts of the AIM report
      </h2>
      <p className="body measure">
        The parts of the AIM report exported to Word, in order, with the heading each has in the report. The
        cover page and the contents list always come first. The quality-assurance record and the signatures
        cannot be removed.
      </p>
      {result ? (
        <ResultNotice key={result.id} title="The report format has been saved.">
          <p className="body">
            Reports exported from now on use it. Reports already exported are not changed.
          </p>
        </ResultNotice>
      ) : null}
      <ErrorSummary form={FORM} errors={errors} labels={labels} />
      <p className="visually-hidden" role="status">
        {order.announcement}
      </p>

      <ol className="format-parts">
        {parts.map((p, i) => (
          <PartInReport
            key={p.part}
            index={i}
            count={parts.length}
            part={p}
            label={labels[`parts.${i}.heading`] ?? ''}
            errors={errors}
            register={order.register}
            onHeading={(heading) => change(parts.map((x, j) => (j === i ? { ...x, heading } : x)))}
            onMove={(by) => order.move(i, by)}
            onRemove={() => order.remove(i)}
          />
        ))}
      </ol>

      <PartsLeftOut parts={parts} onAddBack={order.addBack} />

      <div className="button-group">
        <button type="submit" className="button" aria-disabled={busy || undefined}>
          Save the report format
        </button>
        {dirty ? <p className="hint">You have changes that are not saved yet.</p> : null}
      </div>
    </form>
  );
}

/** One part of the report, numbered: its heading, and buttons to move it up or down or remove it. */
function PartInReport({
  index,
  count,
  part,
  label,
  errors,
  register,
  onHeading,
  onMove,
  onRemove,
}: {
  index: number;
  count: number;
  part: Part;
  label: string;
  errors: FormErrors;
  register: Register;
  onHeading: (heading: string) => void;
  onMove: (by: -1 | 1) => void;
  onRemove: () => void;
}) {
  const name = nameOf(part.part);
  const required = REQUIRED.includes(part.part);
  return (
    <li className="format-part">
      <div className="format-part__number" aria-hidden="true">
        {index + 1}
      </div>
      <div className="format-part__body">
        <HeadingField
          index={index}
          part={part}
          label={label}
          hint={required ? 'Required: this part cannot be left out.' : undefined}
          errors={errors}
          inputRef={register(part.part, 'heading')}
          onChange={onHeading}
        />
        <div className="format-part__actions">
          {index > 0 ? (
            <button
              ref={register(part.part, 'up')}
              type="button"
              className="button button--secondary button--small"
              onClick={() => onMove(-1)}
            >
              Move up<span className="visually-hidden"> {name}</span>
            </button>
          ) : null}
          {index < count - 1 ? (
            <button
              ref={register(part.part, 'down')}
              type="button"
              className="button button--secondary button--small"
              onClick={() => onMove(1)}
            >
              Move down<span className="visually-hidden"> {name}</span>
            </button>
          ) : null}
          {required ? null : (
            <button
              ref={register(part.part, 'remove')}
              type="button"
              className="link-button format-part__remove"
              onClick={onRemove}
            >
              Remove<span className="visually-hidden"> {name}</span>
            </button>
          )}
        </div>
      </div>
    </li>
  );
}

/** The parts taken out of the report, each with a button to add it back. */
function PartsLeftOut({ parts, onAddBack }: { parts: Part[]; onAddBack: (part: ReportPart) => void }) {
  const removed = REPORT_PARTS.filter((part) => !parts.some((p) => p.part === part));
  return (
    <Section id="removed-title" title="Parts left out of the report">
      {removed.length === 0 ? (
        <p className="body hint">None: every part is in the report.</p>
      ) : (
        <ul className="removed-parts">
          {removed.map((part) => (
            <li key={part} className="removed-parts__item">
              <span>{nameOf(part)}</span>
              <button
                type="button"
                className="button button--secondary button--small"
                onClick={() => onAddBack(part)}
              >
                Add back<span className="visually-hidden"> {nameOf(part)}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}

function HeadingField({
  index,
  part,
  label,
  hint,
  errors,
  inputRef,
  onChange,
}: {
  index: number;
  part: Part;
  label: string;
  hint: string | undefined;
  errors: FormErrors;
  inputRef: (el: HTMLElement | null) => void;
  onChange: (heading: string) => void;
}) {
  const path = `parts.${index}.heading`;
  const wrapper = useRef<HTMLDivElement>(null);
  useEffect(() => {
    inputRef(wrapper.current?.querySelector('input') ?? null);
    return () => inputRef(null);
  });
  return (
    <div ref={wrapper}>
      <TextField
        form={FORM}
        path={path}
        label={label}
        hint={hint}
        value={part.heading}
        onChange={onChange}
        errors={errors}
        spellCheck
      />
    </div>
  );
}
