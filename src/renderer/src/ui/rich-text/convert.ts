import type { RichBlock, RichText } from '#domain/assessment/rich-text.ts';

// Rich text is data, never HTML. These two functions are the only bridge between the editor's DOM and
// that data: `readEditor` walks the DOM and keeps only block types and bold/italic; `renderInto` builds
// DOM nodes from the data with createElement and text nodes, so nothing typed can ever become markup.
// Pasted HTML crosses the same bridge: read into data first (`richTextFromHtml`), then rendered from it.

type BlockType = RichBlock['type'];
type Run = RichBlock['runs'][number];

const BLOCK_TAGS = new Set([
  'ADDRESS',
  'ARTICLE',
  'ASIDE',
  'BLOCKQUOTE',
  'DIV',
  'DL',
  'DD',
  'DT',
  'FIGURE',
  'FOOTER',
  'H1',
  'H2',
  'H3',
  'H4',
  'H5',
  'H6',
  'HEADER',
  'HR',
  'LI',
  'OL',
  'P',
  'PRE',
  'SECTION',
  'TABLE',
  'TBODY',
  'TD',
  'TH',
  'THEAD',
  'TR',
  'UL',
]);

/** Elements whose content is never text the person typed. */
const SKIPPED_TAGS = new Set([
  'SCRIPT',
  'STYLE',
  'TEMPLATE',
  'IMG',
  'SVG',
  'VIDEO',
  'AUDIO',
  'IFRAME',
  'OBJECT',
]);

function blockTypeOf(el: Element, inherited: BlockType): BlockType {
  if (el.tagName === 'LI') return el.parentElement?.tagName === 'OL' ? 'numbered' : 'bullet';
  // Anything inside a list item or a heading stays part of it.
  if (inherited !== 'paragraph') return inherited;
  if (el.tagName === 'H2' || el.tagName === 'H3') return 'heading';
  return 'paragraph';
}

/** The editor's DOM as rich text: headings (h2/h3), list items, paragraphs; runs of text, bold, italic. */
export function readEditor(root: Node): RichText {
  const blocks: RichBlock[] = [];
  let current: RichBlock | null = null;

  const open = (type: BlockType): RichBlock => {
    const block: RichBlock = { type, runs: [] };
    blocks.push(block);
    current = block;
    return block;
  };

  const addText = (raw: string, type: BlockType, bold: boolean, italic: boolean) => {
    // Editors use no-break spaces to keep runs of spaces visible; zero-width spaces are caret helpers.
    const text = raw.replace(/\u00a0/g, ' ').replace(/[\u200b\ufeff]/g, '');
    if (text === '') return;
    const block: RichBlock = current ?? open(type);
    const last = block.runs.at(-1);
    if (last && Boolean(last.bold) === bold && Boolean(last.italic) === italic) {
      last.text += text;
      return;
    }
    const run: Run = { text };
    if (bold) run.bold = true;
    if (italic) run.italic = true;
    block.runs.push(run);
  };

  const walk = (node: Node, type: BlockType, bold: boolean, italic: boolean) => {
    for (const child of Array.from(node.childNodes)) {
      if (child.nodeType === Node.TEXT_NODE) {
        addText((child as Text).data, type, bold, italic);
        continue;
      }
      if (child.nodeType !== Node.ELEMENT_NODE) continue;
      const el = child as Element;
      const tag = el.tagName.toUpperCase();
      if (SKIPPED_TAGS.has(tag)) continue;
      if (tag === 'BR') {
        // A line break ends the line; a break on an empty line is that empty line.
        if (!current) open(type);
        current = null;
        continue;
      }
      if (BLOCK_TAGS.has(tag)) {
        current = null;
        const before = blocks.length;
        const childType = blockTypeOf(el, type);
        walk(el, childType, bold, italic);
        const isContainer =
          tag === 'UL' ||
          tag === 'OL' ||
          tag === 'TABLE' ||
          tag === 'TBODY' ||
          tag === 'THEAD' ||
          tag === 'TR' ||
          tag === 'DL' ||
          tag === 'HR';
        if (blocks.length === before && !isContainer) open(childType);
        current = null;
        continue;
      }
      walk(el, type, bold || tag === 'B' || tag === 'STRONG', italic || tag === 'I' || tag === 'EM');
    }
  };

  walk(root, 'paragraph', false, false);
  // A document that is only empty lines is empty.
  if (blocks.every((b) => b.runs.length === 0)) return { blocks: [] };
  // Trailing empty lines carry nothing.
  while (blocks.length > 0 && blocks.at(-1)?.runs.length === 0) blocks.pop();
  return { blocks };
}

/** Replaces the editor's content with DOM built from the rich text (b and i, as the editor's own commands make). */
export function renderInto(root: HTMLElement, doc: RichText): void {
  const d = root.ownerDocument;
  const nodes: Node[] = [];
  let list: HTMLElement | null = null;
  let listType: BlockType | null = null;
  for (const block of doc.blocks) {
    let el: HTMLElement;
    if (block.type === 'bullet' || block.type === 'numbered') {
      if (!list || listType !== block.type) {
        list = d.createElement(block.type === 'bullet' ? 'ul' : 'ol');
        listType = block.type;
        nodes.push(list);
      }
      el = d.createElement('li');
      list.append(el);
    } else {
      list = null;
      listType = null;
      el = d.createElement(block.type === 'heading' ? 'h3' : 'p');
      nodes.push(el);
    }
    let any = false;
    for (const run of block.runs) {
      if (run.text === '') continue;
      any = true;
      let node: Node = d.createTextNode(run.text);
      if (run.italic) {
        const i = d.createElement('i');
        i.append(node);
        node = i;
      }
      if (run.bold) {
        const b = d.createElement('b');
        b.append(node);
        node = b;
      }
      el.append(node);
    }
    // An empty line needs a break to have height and take the caret.
    if (!any) el.append(d.createElement('br'));
  }
  root.replaceChildren(...nodes);
}

/**
 * Pasted HTML (from a web page, Word, another section) as rich text: parsed into an inert document, where
 * no script runs and no image loads, then read as the editor's own DOM is, so only headings, bold, italic,
 * lists and the words are kept.
 */
export function richTextFromHtml(html: string): RichText {
  return readEditor(new DOMParser().parseFromString(html, 'text/html').body);
}

/**
 * Rich text as markup for the editor's insert command, built from the data with text nodes (so every
 * character typed is escaped). A single paragraph goes into the line at the caret, without a new line.
 */
export function markupOf(doc: RichText, d: Document): string {
  const holder = d.createElement('div');
  renderInto(holder, doc);
  const only =
    doc.blocks.length === 1 && doc.blocks[0]?.type === 'paragraph' ? holder.firstElementChild : null;
  return (only ?? holder).innerHTML;
}

/** Adds one document after another (for copying the other assessor's text into the editor). */
export const joinRichText = (first: RichText, second: RichText): RichText => ({
  blocks: [...first.blocks, ...second.blocks],
});

export const sameRichText = (a: RichText, b: RichText) => JSON.stringify(a) === JSON.stringify(b);
