export { joinRichText, readEditor, renderInto, sameRichText } from './convert.ts';
export { RichTextEditor, type RichTextEditorHandle } from './RichTextEditor.tsx';
export { RichTextView } from './RichTextView.tsx';
