import { type FormEvent, useEffect, useRef, useState } from 'react';
import type { Result } from '#contract/errors.ts';
import type { RichText } from '#domain/assessment/rich-text.ts';
import { call } from '../../app/api.ts';
import { InstantText } from '../../ui/DateText.tsx';
import { useSubmission } from '../../ui/form/useSubmission.ts';
import { Refusal } from '../../ui/Refusal.tsx';
import { joinRichText, sameRichText } from '../../ui/rich-text/convert.ts';
import { RichTextEditor, type RichTextEditorHandle } from '../../ui/rich-text/RichTextEditor.tsx';
import { RichTextView } from '../../ui/rich-text/RichTextView.tsx';
import { clockTime, type PartProps, type Section, type View } from './shared.tsx';

/** How often typing is kept as a draft while it changes. */
export const AUTOSAVE_EVERY_MS = 5_000;

interface Conflict {
  message: string;
  theirs: RichText;
  byName: string;
  at: string | null;
}

interface Props {
  view: View;
  section: Section;
  /** The section's version when editing began: the save is refused if someone saved since. */
  baseVersion: number;
  saved: RichText;
  draft: Section['myDraft'];
  onView: PartProps['onView'];
  onClose: (outcome: 'saved' | 'stopped') => void;
}

/**
 * Editing one narrative section while holding it: autosaves a draft every few seconds while the text
 * changes (`assessments.autosave`), saves against the version editing began from
 * (`assessments.saveSection`), and on a clash shows the other assessor's saved text beside this
 * person's so they can combine them before saving again.
 */
export function SectionEditor({ view, section, baseVersion, saved, draft, onView, onClose }: Props) {
  const editorId = `narrative-${section.key}`;
  const editor = useRef<RichTextEditorHandle>(null);
  const content = useRef<RichText>(saved);
  const dirty = useRef(false);
  const saving = useRef(false);
  const [expectedVersion, setExpectedVersion] = useState(baseVersion);
  const [status, setStatus] = useState('');
  const [offer, setOffer] = useState(draft && !sameRichText(draft.content, saved) ? draft : null);
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const { busy, send, submitting } = useSubmission();
  const conflictRef = useRef<HTMLHeadingElement>(null);

  const autosave = useRef(async () => {
    if (!dirty.current || saving.current) return;
    saving.current = true;
    dirty.current = false;
    const result = await call('assessments.autosave', {
      assessmentId: view.id,
      sectionKey: section.key,
      content: content.current,
    });
    saving.current = false;
    if (result.ok) {
      setStatus(`Draft saved at ${clockTime(result.data.savedAt)}`);
    } else {
      dirty.current = true;
      setStatus(`Draft not saved: ${result.error.message}`);
    }
  });

  useEffect(() => {
    const timer = window.setInterval(() => void autosave.current(), AUTOSAVE_EVERY_MS);
    return () => {
      window.clearInterval(timer);
      // Leaving the screen with unsaved typing: keep it as the draft.
      if (dirty.current) void autosave.current();
    };
  }, []);

  useEffect(() => {
    if (conflict) conflictRef.current?.focus();
  }, [conflict]);

  function changed(doc: RichText) {
    content.current = doc;
    dirty.current = true;
  }

  function restoreDraft() {
    if (!offer) return;
    editor.current?.setContent(offer.content);
    // A draft begun on an older version is saved against that version, so a clash is shown, not overwritten.
    setExpectedVersion(Math.min(offer.baseVersion, expectedVersion));
    setOffer(null);
    setStatus('Your unsaved draft has been restored.');
    editor.current?.focus();
  }

  const save = submitting(async (_event: FormEvent) => {
    setProblem(null);
    // On a clash the section as it now is, read while the form is still busy.
    const after: { latest?: Result<View> } = {};
    const result = await send(
      (async () => {
        const saved = await call('assessments.saveSection', {
          assessmentId: view.id,
          sectionKey: section.key,
          expectedVersion,
          content: content.current,
        });
        if (!saved.ok && saved.error.code === 'conflict')
          after.latest = await call('assessments.get', { id: view.id });
        return saved;
      })(),
    );
    if (result.ok) {
      dirty.current = false;
      onView(result.data);
      onClose('saved');
      return;
    }
    const { latest } = after;
    const now = latest?.ok ? latest.data.sections.find((s) => s.key === section.key) : undefined;
    if (latest?.ok) onView(latest.data);
    if (now && now.version !== expectedVersion) {
      // Both texts are kept: theirs is saved, this person's is in the editor (and in their draft).
      setConflict({
        message: result.error.message,
        theirs: now.content,
        byName: now.updatedByName,
        at: now.updatedAt,
      });
      setExpectedVersion(now.version);
      return;
    }
    setProblem(result.error.message);
  });

  const stop = submitting(async () => {
    const latest = await send(
      (async () => {
        await autosave.current();
        await call('assessments.releaseSection', { assessmentId: view.id, sectionKey: section.key });
        return call('assessments.get', { id: view.id });
      })(),
    );
    if (latest.ok) onView(latest.data);
    onClose('stopped');
  });

  function copyTheirs(how: 'append' | 'replace') {
    if (!conflict || !editor.current) return;
    const mine = editor.current.getContent();
    editor.current.setContent(how === 'append' ? joinRichText(mine, conflict.theirs) : conflict.theirs);
    editor.current.focus();
  }

  return (
    <form
      onSubmit={(e) => void save(e)}
      noValidate
      className="section-editor"
      aria-label={`Editing ${section.heading}`}
    >
      {problem ? <Refusal title={`${section.heading} was not saved`} message={problem} focus /> : null}
      {offer ? (
        <div className="draft-offer">
          <p className="body">
            You have an unsaved draft of {section.heading} from <InstantText value={offer.savedAt} withTime />
            .
          </p>
          <button type="button" className="button button--secondary" onClick={restoreDraft}>
            Restore your unsaved draft from {clockTime(offer.savedAt, false)}
          </button>
        </div>
      ) : null}
      {conflict ? (
        <div className="conflict__intro" role="alert">
          <h4 ref={conflictRef} tabIndex={-1} className="heading-xs heading--flush">
            Compare the two texts before saving
          </h4>
          <p className="body">{conflict.message}</p>
        </div>
      ) : null}
      <div className={conflict ? 'conflict' : undefined}>
        {conflict ? (
          <section className="conflict__theirs" aria-labelledby={`${editorId}-theirs-title`}>
            <h5 id={`${editorId}-theirs-title`} className="conflict__title">
              Saved by the other assessor
            </h5>
            <p className="hint">
              {conflict.byName}
              {conflict.at ? (
                <>
                  , <InstantText value={conflict.at} withTime />
                </>
              ) : null}
            </p>
            <RichTextView doc={conflict.theirs} headingLevel={6} className="conflict__text" />
            <div className="button-group button-group--small">
              <button
                type="button"
                className="button button--secondary button--small"
                onClick={() => copyTheirs('append')}
              >
                Copy their text to the end of yours
              </button>
              <button
                type="button"
                className="button button--secondary button--small"
                onClick={() => copyTheirs('replace')}
              >
                Replace your text with theirs
              </button>
            </div>
          </section>
        ) : null}
        <div className="conflict__yours">
          {conflict ? <h5 className="conflict__title">Your text</h5> : null}
          <RichTextEditor
            ref={editor}
            id={editorId}
            label={section.heading}
            hint={
              conflict
                ? 'Combine the two as you need, then save: the other assessor’s text stays saved until you do.'
                : undefined
            }
            initial={saved}
            onChange={changed}
            rows={8}
          />
        </div>
      </div>
      <p className="autosave-status" role="status">
        {status}
      </p>
      <div className="button-group">
        <button type="submit" className="button" aria-disabled={busy || undefined}>
          Save {section.heading}
        </button>
        <button type="button" className="button button--secondary" onClick={() => void stop()}>
          Stop editing<span className="visually-hidden"> {section.heading}</span>
        </button>
      </div>
    </form>
  );
}
