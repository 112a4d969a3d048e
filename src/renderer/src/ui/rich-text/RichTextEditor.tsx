import '../../styles/assessment.css';
import {
  type ClipboardEvent,
  type DragEvent,
  type KeyboardEvent,
  type ReactNode,
  type Ref,
  useCallback,
  useEffect,
  useImperativeHandle,
  useRef,
  useState,
} from 'react';
import type { RichText } from '#domain/assessment/rich-text.ts';
import { FieldHint } from '../field-parts.tsx';
import { markupOf, readEditor, renderInto, richTextFromHtml } from './convert.ts';

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

type Command = 'heading' | 'bold' | 'italic' | 'bullet' | 'numbered';

const BUTTONS: { command: Command; label: string; shortcut?: string; glyph: string }[] = [
  { command: 'heading', label: 'Heading', glyph: 'H' },
  { command: 'bold', label: 'Bold', shortcut: 'Control+B', glyph: 'B' },
  { command: 'italic', label: 'Italic', shortcut: 'Control+I', glyph: 'I' },
  { command: 'bullet', label: 'Bulleted list', glyph: '•' },
  { command: 'numbered', label: 'Numbered list', glyph: '1.' },
];

type Pressed = Record<Command, boolean>;
const NOTHING_PRESSED: Pressed = {
  heading: false,
  bold: false,
  italic: false,
  bullet: false,
  numbered: false,
};

/** The nearest element at or above `node`, inside `root`, matching `selector`. */
function closestWithin(root: HTMLElement, node: Node | null, selector: string): Element | null {
  const el = node instanceof Element ? node : (node?.parentElement ?? null);
  const found = el?.closest(selector) ?? null;
  return found && root.contains(found) && found !== root ? found : null;
}

// The formatting commands are the browser's own editing commands (they keep undo working and carry
// bold and italic on to what is typed next). They are deprecated in name only: Chromium, and so
// Electron, supports them fully. What they leave in the DOM does not matter: only `readEditor`'s
// reading of it is kept.
const exec = (command: string, value?: string) => document.execCommand(command, false, value);

/**
 * A rich text field: headings, bold, italic, bulleted and numbered lists, nothing else. An editable
 * region with role textbox, labelled by the visible label, with a formatting toolbar before it (one tab
 * stop; arrow keys move between its buttons). Ctrl+B and Ctrl+I work as usual. Pasted content keeps only
 * headings, bold, italic, lists and its words; dropped content is taken as plain text. Each change is
 * reported as rich text data.
 */
export function RichTextEditor({ id, label, hint, error, initial, onChange, ref, rows = 6 }: Props) {
  const editor = useRef<HTMLDivElement>(null);
  const savedRange = useRef<Range | null>(null);
  const onChangeRef = useRef(onChange);
  onChangeRef.current = onChange;
  const initialRef = useRef(initial);
  const [pressed, setPressed] = useState<Pressed>(NOTHING_PRESSED);
  const [focusIndex, setFocusIndex] = useState(0);
  const buttons = useRef<(HTMLButtonElement | null)[]>([]);

  const report = useCallback(() => {
    if (editor.current) onChangeRef.current(readEditor(editor.current));
  }, []);

  const updatePressed = useCallback(() => {
    const root = editor.current;
    const selection = document.getSelection();
    if (!root || !selection || selection.rangeCount === 0) return;
    const anchor = selection.anchorNode;
    if (!anchor || !root.contains(anchor)) return;
    savedRange.current = selection.getRangeAt(0).cloneRange();
    const item = closestWithin(root, anchor, 'li');
    const heading = closestWithin(root, anchor, 'h2, h3');
    const next: Pressed = {
      heading: Boolean(heading) && !item,
      bold: Boolean(heading) || document.queryCommandState('bold'),
      italic: document.queryCommandState('italic'),
      bullet: item?.parentElement?.tagName === 'UL',
      numbered: item?.parentElement?.tagName === 'OL',
    };
    setPressed((current) => (JSON.stringify(current) === JSON.stringify(next) ? current : next));
  }, []);

  // Show the saved text once, when the editor opens.
  useEffect(() => {
    if (editor.current) renderInto(editor.current, initialRef.current);
  }, []);

  useEffect(() => {
    document.addEventListener('selectionchange', updatePressed);
    return () => document.removeEventListener('selectionchange', updatePressed);
  }, [updatePressed]);

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

  /** Puts focus and the selection back in the editor, where the person left them. */
  function restoreSelection() {
    const root = editor.current;
    if (!root) return;
    if (document.activeElement !== root) root.focus();
    const selection = document.getSelection();
    const range = savedRange.current;
    if (selection && range && root.contains(range.startContainer)) {
      selection.removeAllRanges();
      selection.addRange(range);
    } else if (selection && !root.contains(selection.anchorNode)) {
      // Nothing chosen yet: work at the end of the text.
      const end = document.createRange();
      end.selectNodeContents(root);
      end.collapse(false);
      selection.removeAllRanges();
      selection.addRange(end);
    }
  }

  function run(command: Command) {
    const root = editor.current;
    if (!root) return;
    restoreSelection();
    exec('styleWithCSS', 'false');
    exec('defaultParagraphSeparator', 'p');
    const anchor = document.getSelection()?.anchorNode ?? null;
    const inHeading = Boolean(closestWithin(root, anchor, 'h2, h3'));
    const item = closestWithin(root, anchor, 'li');
    switch (command) {
      case 'bold':
        // Headings are bold already; the data keeps no bold inside them.
        if (!inHeading) exec('bold');
        break;
      case 'italic':
        exec('italic');
        break;
      case 'heading':
        if (inHeading) exec('formatBlock', '<p>');
        else {
          if (item) exec(item.parentElement?.tagName === 'OL' ? 'insertOrderedList' : 'insertUnorderedList');
          exec('formatBlock', '<h3>');
        }
        break;
      case 'bullet':
      case 'numbered':
        if (inHeading) exec('formatBlock', '<p>');
        exec(command === 'bullet' ? 'insertUnorderedList' : 'insertOrderedList');
        break;
    }
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

  function insertPlain(text: string) {
    exec('styleWithCSS', 'false');
    exec('defaultParagraphSeparator', 'p');
    exec('insertText', text.replace(/\r\n?/g, '\n'));
    report();
  }

  /** Pasted HTML keeps what rich text can hold (see `richTextFromHtml`); anything else goes in as plain text. */
  function insertPasted(data: DataTransfer) {
    const html = data.getData('text/html');
    const doc = html ? richTextFromHtml(html) : null;
    if (!doc || doc.blocks.length === 0) {
      insertPlain(data.getData('text/plain'));
      return;
    }
    exec('styleWithCSS', 'false');
    exec('defaultParagraphSeparator', 'p');
    exec('insertHTML', markupOf(doc, document));
    report();
  }

  function onPaste(event: ClipboardEvent<HTMLDivElement>) {
    event.preventDefault();
    insertPasted(event.clipboardData);
  }

  function onDrop(event: DragEvent<HTMLDivElement>) {
    event.preventDefault();
    const text = event.dataTransfer.getData('text/plain');
    if (!text) return;
    const range = document.caretRangeFromPoint?.(event.clientX, event.clientY);
    const selection = document.getSelection();
    if (range && selection) {
      selection.removeAllRanges();
      selection.addRange(range);
    }
    insertPlain(text);
  }

  function onToolbarKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const last = BUTTONS.length - 1;
    const moves: Record<string, number> = {
      ArrowRight: focusIndex === last ? 0 : focusIndex + 1,
      ArrowLeft: focusIndex === 0 ? last : focusIndex - 1,
      Home: 0,
      End: last,
    };
    const next = moves[event.key];
    if (next === undefined) return;
    event.preventDefault();
    setFocusIndex(next);
    buttons.current[next]?.focus();
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
        <div
          role="toolbar"
          aria-label={`Formatting for ${label}`}
          aria-controls={id}
          className="rich-text-toolbar"
          onKeyDown={onToolbarKeyDown}
        >
          {BUTTONS.map((b, i) => (
            <button
              key={b.command}
              ref={(el) => {
                buttons.current[i] = el;
              }}
              type="button"
              className={`rich-text-toolbar__button rich-text-toolbar__button--${b.command}`}
              aria-pressed={pressed[b.command]}
              aria-keyshortcuts={b.shortcut}
              tabIndex={i === focusIndex ? 0 : -1}
              title={b.shortcut ? `${b.label} (${b.shortcut.replace('Control', 'Ctrl')})` : b.label}
              // Keep the selection in the text when the button is clicked.
              onMouseDown={(e) => e.preventDefault()}
              onFocus={() => setFocusIndex(i)}
              onClick={() => run(b.command)}
            >
              <span aria-hidden="true" className="rich-text-toolbar__glyph">
                {b.glyph}
              </span>
              <span className="rich-text-toolbar__label">{b.label}</span>
            </button>
          ))}
        </div>
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
