import type { RichText } from '#domain/assessment/rich-text.ts';
import { markupOf, richTextFromHtml } from './convert.ts';

export type Command = 'heading' | 'bold' | 'italic' | 'bullet' | 'numbered';

export type Pressed = Record<Command, boolean>;
export const NOTHING_PRESSED: Pressed = {
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
export const exec = (command: string, value?: string) => document.execCommand(command, false, value);

/** Which toolbar buttons show as pressed where the person's selection is (`anchor`, inside `root`). */
export function pressedAt(root: HTMLElement, anchor: Node): Pressed {
  const item = closestWithin(root, anchor, 'li');
  const heading = closestWithin(root, anchor, 'h2, h3');
  return {
    heading: Boolean(heading) && !item,
    bold: Boolean(heading) || document.queryCommandState('bold'),
    italic: document.queryCommandState('italic'),
    bullet: item?.parentElement?.tagName === 'UL',
    numbered: item?.parentElement?.tagName === 'OL',
  };
}

/** Before any editing command: paragraphs, not divs, and tags, not styles. */
function prepare() {
  exec('styleWithCSS', 'false');
  exec('defaultParagraphSeparator', 'p');
}

/** Applies a toolbar command at the selection (already put back in `root`). */
export function applyCommand(root: HTMLElement, command: Command) {
  prepare();
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
}

/** Types `text` at the selection as plain text. */
export function insertPlain(text: string) {
  prepare();
  exec('insertText', text.replace(/\r\n?/g, '\n'));
}

/** Pasted HTML keeps what rich text can hold (see `richTextFromHtml`); anything else goes in as plain text. */
export function insertPasted(data: DataTransfer) {
  const html = data.getData('text/html');
  const doc: RichText | null = html ? richTextFromHtml(html) : null;
  if (!doc || doc.blocks.length === 0) {
    insertPlain(data.getData('text/plain'));
    return;
  }
  prepare();
  exec('insertHTML', markupOf(doc, document));
}

/** Puts the caret where something was dropped (at `x`, `y`), ready for `insertPlain`. */
export function placeCaretAt(x: number, y: number) {
  const range = document.caretRangeFromPoint?.(x, y);
  const selection = document.getSelection();
  if (range && selection) {
    selection.removeAllRanges();
    selection.addRange(range);
  }
}

/** Puts focus and the selection back in `root`, where the person left them (`saved`), or at the end. */
export function restoreSelection(root: HTMLElement, saved: Range | null) {
  if (document.activeElement !== root) root.focus();
  const selection = document.getSelection();
  if (selection && saved && root.contains(saved.startContainer)) {
    selection.removeAllRanges();
    selection.addRange(saved);
  } else if (selection && !root.contains(selection.anchorNode)) {
    // Nothing chosen yet: work at the end of the text.
    const end = document.createRange();
    end.selectNodeContents(root);
    end.collapse(false);
    selection.removeAllRanges();
    selection.addRange(end);
  }
}
