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
  const { content, dirty, autosave, status, setStatus } = useDraftAutosave(view.id, section.key, saved);
  const [expectedVersion, setExpectedVersion] = useState(baseVersion);
  const [offer, setOffer] = useState(draft && !sameRichText(draft.content, saved) ? draft : null);
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const { busy, send, submitting } = useSubmission();

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
      saveReadingClash(
        { assessmentId: view.id, sectionKey: section.key, expectedVersion, content: content.current },
        after,
      ),
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
        <DraftOffer heading={section.heading} savedAt={offer.savedAt} onRestore={restoreDraft} />
      ) : null}
      {conflict ? <ClashIntro key={`${conflict.at}-${conflict.byName}`} message={conflict.message} /> : null}
      <div className={conflict ? 'conflict' : undefined}>
        {conflict ? <TheirText conflict={conflict} editorId={editorId} onCopy={copyTheirs} /> : null}
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
            onChange={(doc) => {
              content.current = doc;
              dirty.current = true;
            }}
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

/**
 * Keeps the typing as a draft every few seconds while it changes, and once more on leaving with unsaved
 * typing (`assessments.autosave`); says when it last did.
 */
function useDraftAutosave(assessmentId: string, sectionKey: string, saved: RichText) {
  const content = useRef<RichText>(saved);
  const dirty = useRef(false);
  const saving = useRef(false);
  const [status, setStatus] = useState('');
  const autosave = useRef(async () => {
    if (!dirty.current || saving.current) return;
    saving.current = true;
    dirty.current = false;
    const result = await call('assessments.autosave', {
      assessmentId,
      sectionKey,
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
  return { content, dirty, autosave, status, setStatus };
}

/** The offer to restore an unsaved draft kept from an earlier edit. */
function DraftOffer({
  heading,
  savedAt,
  onRestore,
}: {
  heading: string;
  savedAt: string;
  onRestore: () => void;
}) {
  return (
    <div className="draft-offer">
      <p className="body">
        You have an unsaved draft of {heading} from <InstantText value={savedAt} withTime />.
      </p>
      <button type="button" className="button button--secondary" onClick={onRestore}>
        Restore your unsaved draft from {clockTime(savedAt, false)}
      </button>
    </div>
  );
}

/** On a clash: the other assessor's saved text, with ways to copy it into this person's. */
function TheirText({
  conflict,
  editorId,
  onCopy,
}: {
  conflict: Conflict;
  editorId: string;
  onCopy: (how: 'append' | 'replace') => void;
}) {
  return (
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
          onClick={() => onCopy('append')}
        >
          Copy their text to the end of yours
        </button>
        <button
          type="button"
          className="button button--secondary button--small"
          onClick={() => onCopy('replace')}
        >
          Replace your text with theirs
        </button>
      </div>
    </section>
  );
}

/** Saves the section; on a clash also reads the section as it now is (while the form is still busy). */
async function saveReadingClash(
  request: { assessmentId: string; sectionKey: string; expectedVersion: number; content: RichText },
  after: { latest?: Result<View> },
): Promise<Result<View>> {
  const saved = await call('assessments.saveSection', request);
  if (!saved.ok && saved.error.code === 'conflict')
    after.latest = await call('assessments.get', { id: request.assessmentId });
  return saved;
}

/** Says the save clashed, and takes the focus so the person hears it. */
function ClashIntro({ message }: { message: string }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <div className="conflict__intro" role="alert">
      <h4 ref={heading} tabIndex={-1} className="heading-xs heading--flush">
        Compare the two texts before saving
      </h4>
      <p className="body">{message}</p>
    </div>
  );
}
