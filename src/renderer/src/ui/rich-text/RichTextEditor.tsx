import '../../styles/assessment.css';
import {
  type ClipboardEvent,
  type DragEvent,
  type KeyboardEvent,
  type ReactNode,
  type Ref,
  type RefObject,
  useCallback,
  useEffect,
  useImperativeHandle,
  useRef,
  useState,
} from 'react';
import type { RichText } from '#domain/assessment/rich-text.ts';
import { FieldHint } from '../field-parts.tsx';
import { readEditor, renderInto } from './convert.ts';
import {
  applyCommand,
  type Command,
  exec,
  insertPasted,
  insertPlain,
  NOTHING_PRESSED,
  type Pressed,
  placeCaretAt,
  pressedAt,
  restoreSelection,
} from './editing.ts';
import { FormattingToolbar } from './FormattingToolbar.tsx';

/** What a form can do with an open editor besides typing: read it, replace its text, focus it. */
export interface RichTextEditorHandle {
  getContent(): RichText;
  setContent(doc: RichText): void;
  focus(): void;
}

interface Props {
  /** The id of the editable element; the label, hint and error ids derive from it. */
  id: string;
  label: string;
  hint?: ReactNode;
  error?: string;
  /** The text shown when the editor opens. Later changes to this prop are ignored: use the handle. */
  initial: RichText;
  onChange: (doc: RichText) => void;
  ref?: Ref<RichTextEditorHandle>;
  /** Rows of text the empty editor is tall. */
  rows?: number;
}

/** Which formatting is on where the person's selection is, kept up to date as it moves. */
function useFormattingAtSelection(editor: RefObject<HTMLDivElement | null>) {
  const savedRange = useRef<Range | null>(null);
  const [pressed, setPressed] = useState<Pressed>(NOTHING_PRESSED);
  const updatePressed = useCallback(() => {
    const root = editor.current;
    const selection = document.getSelection();
    if (!root || !selection || selection.rangeCount === 0) return;
    const anchor = selection.anchorNode;
    if (!anchor || !root.contains(anchor)) return;
    savedRange.current = selection.getRangeAt(0).cloneRange();
    const next = pressedAt(root, anchor);
    setPressed((current) => (JSON.stringify(current) === JSON.stringify(next) ? current : next));
  }, [editor]);

  useEffect(() => {
    document.addEventListener('selectionchange', updatePressed);
    return () => document.removeEventListener('selectionchange', updatePressed);
  }, [updatePressed]);
  return { pressed, updatePressed, savedRange };
}

/**
 * A rich text field: headings, bold, italic, bulleted and numbered lists, nothing else. An editable
 * region with role textbox, labelled by the visible label, with a formatting toolbar before it (one tab
 * stop; arrow keys move between its buttons). Ctrl+B and Ctrl+I work as usual. Pasted content keeps only
 * headings, bold, italic, lists and its words; dropped content is taken as plain text. Each change is
 * reported as rich text data.
 */
export function RichTextEditor({ id, label, hint, error, initial, onChange, ref, rows = 6 }: Props) {
  const editor = useRef<HTMLDivElement>(null);
  const onChangeRef = useRef(onChange);
  onChangeRef.current = onChange;
  const initialRef = useRef(initial);
  const { pressed, updatePressed, savedRange } = useFormattingAtSelection(editor);

  const report = useCallback(() => {
    if (editor.current) onChangeRef.current(readEditor(editor.current));
  }, []);

  // Show the saved text once, when the editor opens.
  useEffect(() => {
    if (editor.current) renderInto(editor.current, initialRef.current);
  }, []);

  useImperativeHandle(
    ref,
    () => ({
      getContent: () => (editor.current ? readEditor(editor.current) : { blocks: [] }),
      setContent: (doc: RichText) => {
        if (!editor.current) return;
        renderInto(editor.current, doc);
        report();
      },
      focus: () => editor.current?.focus(),
    }),
    [report],
  );

  function run(command: Command) {
    const root = editor.current;
    if (!root) return;
    restoreSelection(root, savedRange.current);
    applyCommand(root, command);
    report();
    updatePressed();
  }

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    if (!(event.ctrlKey || event.metaKey) || event.altKey) return;
    const key = event.key.toLowerCase();
    if (key === 'b' || key === 'i') {
      event.preventDefault();
      run(key === 'b' ? 'bold' : 'italic');
    } else if (key === 'u') {
      // Underlining is not kept, so do not offer it.
      event.preventDefault();
    }
  }

  function onPaste(event: ClipboardEvent<HTMLDivElement>) {
    event.preventDefault();
    insertPasted(event.clipboardData);
    report();
  }

  function onDrop(event: DragEvent<HTMLDivElement>) {
    event.preventDefault();
    const text = event.dataTransfer.getData('text/plain');
    if (!text) return;
    placeCaretAt(event.clientX, event.clientY);
    insertPlain(text);
    report();
  }

  const describedBy = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');

  return (
    <div className={`field rich-text-field${error ? ' field--error' : ''}`}>
      {/* The editable region is not a form control, so the label names it through aria-labelledby. */}
      {/* biome-ignore lint/a11y/noLabelWithoutControl: the label names the editable region (aria-labelledby) */}
      {/* biome-ignore lint/a11y/useKeyWithClickEvents: a pointer convenience; keyboard users tab to the region */}
      <label id={`${id}-label`} className="label" onClick={() => editor.current?.focus()}>
        {label}
      </label>
      <FieldHint id={id} hint={hint} />
      {error ? (
        <p id={`${id}-error`} className="field-error">
          <span className="visually-hidden">Error: </span>
          {error}
        </p>
      ) : null}
      <div className="rich-text-editor">
        <FormattingToolbar id={id} label={label} pressed={pressed} onCommand={run} />
        {/* biome-ignore lint/a11y/useSemanticElements: a textarea cannot hold headings, bold or lists */}
        <div
          ref={editor}
          id={id}
          className="rich-text rich-text--editable"
          contentEditable
          role="textbox"
          aria-multiline="true"
          aria-labelledby={`${id}-label`}
          aria-describedby={describedBy || undefined}
          aria-invalid={error ? true : undefined}
          tabIndex={0}
          spellCheck
          style={{ minHeight: `${rows * 1.6}em` }}
          onInput={report}
          onKeyDown={onKeyDown}
          onKeyUp={updatePressed}
          onMouseUp={updatePressed}
          onFocus={() => {
            exec('defaultParagraphSeparator', 'p');
            updatePressed();
          }}
          onPaste={onPaste}
          onDrop={onDrop}
        />
      </div>
    </div>
  );
}
