import { type ReactNode, useEffect, useRef, useState } from 'react';
import type { MapMeeting } from '#contract/pattern-map-schemas.ts';
import { AddItemButtons, type Editing } from './AddItemButtons.tsx';
import { useMapCommands } from './commands.ts';
import { ItemDetails } from './ItemDetails.tsx';
import { ItemForm } from './ItemForm.tsx';
import { viewWords } from './labels.ts';
import { MapCanvas } from './MapCanvas.tsx';
import { MeetingRecord } from './MeetingRecord.tsx';
import { useMapStore } from './store.ts';
import { ViewSwitch } from './ViewAndFilters.tsx';

interface Props {
  meeting: MapMeeting | null;
  onLeave: () => void;
  /** Notices from the map (moves, removals), shown in the side panel. */
  notice: ReactNode;
  onConnectItems: (fromId: string, toId: string) => void;
  /** More for the side panel (the link form, after two items are joined on the map). */
  children?: ReactNode;
}

/**
 * The map on a shared screen during the mapping meeting: full screen where the Fullscreen API allows,
 * otherwise the whole window (a modal dialog, so nothing behind it can be reached by keyboard).
 */
export function MeetingMode({ meeting, onLeave, notice, onConnectItems, children }: Props) {
  const dialog = useRef<HTMLDialogElement>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const child = useMapStore((s) => viewWords(s.map, s.view).child);
  const { moveItem } = useMapCommands();
  const [editing, setEditing] = useState<Editing>(null);
  const [removing, setRemoving] = useState(false);
  const selectedId = useMapStore((s) => s.selectedId);
  const say = useMapStore((s) => s.say);
  // The map has the whole screen until the record or an item's details are wanted.
  const [sideOpen, setSideOpen] = useState(false);

  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (!element.open) element.showModal();
    heading.current?.focus();
    if (document.fullscreenEnabled && !document.fullscreenElement) {
      element.requestFullscreen().catch(() => {
        // Refused (or not allowed here): the dialog already fills the window.
      });
    }
    return () => {
      if (document.fullscreenElement) void document.exitFullscreen().catch(() => {});
      if (element.open) element.close();
    };
  }, []);

  // Choosing an item during the meeting opens its details (one chosen before the meeting does not).
  const chosenBefore = useRef(selectedId);
  useEffect(() => {
    if (selectedId) setRemoving(false);
    if (selectedId && selectedId !== chosenBefore.current) setSideOpen(true);
    chosenBefore.current = selectedId;
  }, [selectedId]);

  return (
    <dialog
      ref={dialog}
      className="pm-meeting"
      aria-labelledby="pm-meeting-title"
      onCancel={(event) => {
        event.preventDefault();
        onLeave();
      }}
    >
      <p className="pm-meeting__marking">OFFICIAL-SENSITIVE</p>
      <header className="pm-meeting__bar">
        <h1 id="pm-meeting-title" ref={heading} tabIndex={-1} className="pm-meeting__title">
          Mapping meeting: {child}
        </h1>
        <ViewSwitch form="pm-meeting-view" />
        <button
          type="button"
          className="button button--secondary pm-meeting__toggle"
          aria-expanded={sideOpen}
          aria-controls="pm-meeting-side"
          onClick={() => setSideOpen((open) => !open)}
        >
          {sideOpen ? 'Hide the record' : 'Record and details'}
        </button>
        <button type="button" className="button button--secondary pm-meeting__leave" onClick={onLeave}>
          Leave meeting mode
        </button>
      </header>
      <div className={sideOpen ? 'pm-meeting__body pm-meeting__body--side' : 'pm-meeting__body'}>
        <MapCanvas
          label="Pattern map"
          className="pm-canvas--meeting"
          maxFitZoom={1.5}
          onMove={(id, lane) => void moveItem(id, lane)}
          onConnectItems={onConnectItems}
        />
        <div id="pm-meeting-side" className="pm-meeting__side" hidden={!sideOpen}>
          {notice}
          <ItemDetails
            removing={removing}
            onRemoving={setRemoving}
            onEdit={(item) => setEditing({ kind: item.kind, item })}
          />
          {editing ? (
            <ItemForm
              key={editing.item?.id ?? editing.kind}
              kind={editing.kind}
              editing={editing.item}
              headingLevel={2}
              onDone={(message) => {
                setEditing(null);
                if (message) say({ kind: 'success', text: message });
              }}
            />
          ) : (
            <AddItemButtons onAdd={(kind) => setEditing({ kind, item: null })} />
          )}
          {children}
          <MeetingRecord meeting={meeting} />
        </div>
      </div>
    </dialog>
  );
}
