import { type KeyboardEvent, useRef, useState } from 'react';
import type { Command, Pressed } from './editing.ts';

const BUTTONS: { command: Command; label: string; shortcut?: string; glyph: string }[] = [
  { command: 'heading', label: 'Heading', glyph: 'H' },
  { command: 'bold', label: 'Bold', shortcut: 'Control+B', glyph: 'B' },
  { command: 'italic', label: 'Italic', shortcut: 'Control+I', glyph: 'I' },
  { command: 'bullet', label: 'Bulleted list', glyph: '•' },
  { command: 'numbered', label: 'Numbered list', glyph: '1.' },
];

/** The rich text field's formatting buttons: one tab stop, arrow keys, Home and End move between them. */
export function FormattingToolbar({
  id,
  label,
  pressed,
  onCommand,
}: {
  /** The id of the editable region the toolbar formats. */
  id: string;
  label: string;
  pressed: Pressed;
  onCommand: (command: Command) => void;
}) {
  const [focusIndex, setFocusIndex] = useState(0);
  const buttons = useRef<(HTMLButtonElement | null)[]>([]);

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
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

  return (
    <div
      role="toolbar"
      aria-label={`Formatting for ${label}`}
      aria-controls={id}
      className="rich-text-toolbar"
      onKeyDown={onKeyDown}
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
          onClick={() => onCommand(b.command)}
        >
          <span aria-hidden="true" className="rich-text-toolbar__glyph">
            {b.glyph}
          </span>
          <span className="rich-text-toolbar__label">{b.label}</span>
        </button>
      ))}
    </div>
  );
}
