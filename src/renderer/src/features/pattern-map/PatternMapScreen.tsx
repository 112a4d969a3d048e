import './pattern-map.css';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { MapItem, MapMeeting, PatternMap } from '#contract/pattern-map-schemas.ts';
import { call } from '../../app/api.ts';
import { useAddressedPart, useShowAddressedPart } from '../../ui/addressed-part.ts';
import { BackLink } from '../../ui/BackLink.tsx';
import { LoadFailed, Loading } from '../../ui/LoadFailed.tsx';
import { OnThisPage } from '../../ui/OnThisPage.tsx';
import { PageHeading } from '../../ui/PageHeading.tsx';
import { Section } from '../../ui/Section.tsx';
import { useLoad } from '../../ui/useLoad.ts';
import { AddItemButtons, type Editing } from './AddItemButtons.tsx';
import { ChronologyTable } from './ChronologyTable.tsx';
import { useMapCommands } from './commands.ts';
import { IdentifyingWords } from './IdentifyingWords.tsx';
import { ItemDetails } from './ItemDetails.tsx';
import { ItemForm } from './ItemForm.tsx';
import { type LinkDraft, LinksSection, ThemesSection } from './LinksAndThemes.tsx';
import { viewWords } from './labels.ts';
import { MapCanvas } from './MapCanvas.tsx';
import { MeetingMode } from './MeetingMode.tsx';
import { MeetingsList } from './MeetingsList.tsx';
import { PeopleSection } from './PeopleSection.tsx';
import { SharingSection } from './SharingSection.tsx';
import { createMapStore, MapStoreContext, useMapStore, useMapStoreApi } from './store.ts';
import { Filters, ScaleSwitch, ViewSwitch } from './ViewAndFilters.tsx';

/** `#/cases/<id>/map`: the pattern map of one child's case. */
export function PatternMapScreen({ caseId }: { caseId: string }) {
  const [loaded, reload] = useLoad(async () => {
    // User timing marks: the benchmark (bench/map-browser.ts) tells waiting for the data from drawing it.
    performance.mark('pattern-map:requested');
    const result = await call('map.get', { caseId });
    performance.mark('pattern-map:received');
    return result;
  });
  if (loaded.state !== 'ready') {
    return (
      <>
        <BackToCase caseId={caseId} />
        <PageHeading>Pattern map</PageHeading>
        {loaded.state === 'loading' ? (
          <Loading what="the map" />
        ) : (
          <LoadFailed error={loaded.error} onRetry={() => void reload()} />
        )}
      </>
    );
  }
  return <Workspace map={loaded.data} />;
}

function BackToCase({ caseId }: { caseId: string }) {
  return <BackLink to={{ name: 'case', caseId }}>Back to the case</BackLink>;
}

function Workspace({ map }: { map: PatternMap }) {
  const [store] = useState(() => createMapStore(map));
  // The map loaded again (changes from other computers arrived): the same store shows it, keeping the
  // view, filters and selection.
  useEffect(() => {
    if (store.getState().map !== map) store.getState().setMap(map);
  }, [store, map]);
  return (
    <MapStoreContext.Provider value={store}>
      <MapScreen />
    </MapStoreContext.Provider>
  );
}

function NoticeLine() {
  const notice = useMapStore((s) => s.notice);
  const say = useMapStore((s) => s.say);
  if (!notice) return <div className="visually-hidden" role="status" />;
  return (
    <div
      className={`pm-notice pm-notice--${notice.kind}`}
      role={notice.kind === 'problem' ? 'alert' : 'status'}
    >
      <p>{notice.text}</p>
      <button type="button" className="link-button" onClick={() => say(null)}>
        Dismiss<span className="visually-hidden"> this message</span>
      </button>
    </div>
  );
}

/**
 * False until the map has been drawn: the sections far down the page (links, people, meetings,
 * sharing) are rendered just after, so a large map appears sooner.
 */
function useAfterFirstPaint(): boolean {
  const [ready, setReady] = useState(false);
  useEffect(() => {
    const handle = requestIdleCallback(() => setReady(true), { timeout: 300 });
    return () => cancelIdleCallback(handle);
  }, []);
  return ready;
}

function MapScreen() {
  const store = useMapStoreApi();
  const map = useMapStore((s) => s.map);
  const view = useMapStore((s) => s.view);
  const [editing, setEditing] = useState<Editing>(null);
  const [removingId, setRemovingId] = useState<string | null>(null);
  const [linkDraft, setLinkDraft] = useState<LinkDraft | null>(null);
  const [meeting, setMeeting] = useState<{ record: MapMeeting | null } | null>(null);
  const words = viewWords(map, view);
  // Started with the screen, not with the sections below, so leaving meeting mode redraws them at once.
  const later = useAfterFirstPaint();
  const part = useAddressedPart();
  useShowAddressedPart(part && CONTENTS.some(([p]) => p === part) && !meeting ? mapPartId(part) : null);

  const edit = useCallback((item: MapItem) => setEditing({ kind: item.kind, item }), []);
  const startRemoving = useCallback(
    (item: MapItem) => {
      store.getState().select(item.id);
      setRemovingId(item.id);
    },
    [store],
  );

  if (meeting) {
    return (
      <MeetingMode
        meeting={meeting.record}
        onLeave={() => setMeeting(null)}
        notice={<NoticeLine />}
        onConnectItems={(fromId, toId) => setLinkDraft({ fromId, toId })}
      >
        {linkDraft ? <LinksSection draft={linkDraft} /> : null}
      </MeetingMode>
    );
  }

  return (
    <>
      <BackToCase caseId={map.caseId} />
      <PageHeading caption={`Case ${map.caseReference}`}>Pattern map: {words.child}</PageHeading>
      <OnThisPage
        className="pm-contents"
        links={CONTENTS}
        at={(section) => ({ name: 'pattern-map', caseId: map.caseId, section })}
        idOf={mapPartId}
      />
      <section aria-labelledby="pm-view-title" className="section pm-view">
        <h2 id="pm-view-title" className="visually-hidden">
          View and filters
        </h2>
        <div className="pm-view__top">
          <ViewSwitch />
          <ScaleSwitch />
          <button type="button" className="button" onClick={() => setMeeting({ record: null })}>
            Start meeting mode
          </button>
        </div>
        <details className="pm-disclosure">
          <summary className="pm-disclosure__summary">Filters: lanes, agencies and period</summary>
          <Filters />
        </details>
      </section>

      <MapSection
        removingId={removingId}
        onRemoving={setRemovingId}
        onEdit={edit}
        onConnectItems={setLinkDraft}
      />

      <Section id="pm-chronology" title="Chronology table" className="pm-offscreen section">
        <ChronologyTable onEdit={edit} onRemove={startRemoving} />
      </Section>

      <AddToMapSection editing={editing} onEditing={setEditing} />
      <SectionsBelow
        later={later}
        linkDraft={linkDraft}
        onContinueMeeting={(record) => setMeeting({ record })}
      />
    </>
  );
}

/** The map page's parts, each at `#/cases/<id>/map/<part>`, its heading's id `pm-<part>`. */
const CONTENTS: [string, string][] = [
  ['map', 'Map'],
  ['chronology', 'Chronology table'],
  ['add', 'Add to the map'],
  ['links', 'Links and themes'],
  ['people', 'People on the case'],
  ['meetings', 'Mapping meetings'],
  ['share', 'Share the map'],
];
const mapPartId = (part: string) => `pm-${part}`;

/** The map itself, with the chosen item's details beside it. */
function MapSection({
  removingId,
  onRemoving,
  onEdit,
  onConnectItems,
}: {
  /** The item whose removal is being confirmed, if any. */
  removingId: string | null;
  onRemoving: (id: string | null) => void;
  onEdit: (item: MapItem) => void;
  /** Two items joined on the map: the link form opens with them. */
  onConnectItems: (draft: LinkDraft) => void;
}) {
  const selectedId = useMapStore((s) => s.selectedId);
  const { moveItem } = useMapCommands();
  const onMove = useCallback((id: string, lane: string) => void moveItem(id, lane), [moveItem]);
  const connect = useCallback(
    (fromId: string, toId: string) => {
      onConnectItems({ fromId, toId });
      // Let the form appear, then take the person to it to choose the kind of link.
      requestAnimationFrame(() => {
        const section = document.getElementById('pm-links');
        section?.scrollIntoView({ block: 'start' });
        document.getElementById('pm-link-kind')?.focus();
      });
    },
    [onConnectItems],
  );
  return (
    <Section id="pm-map" title="Map">
      <p className="body hint">
        Drag the map to move along the time axis; zoom with the controls or the mouse wheel. Tab to an item
        (or click it) to see its full text and details; the arrow keys move from item to item in date order.
        Drag a life event up or down to move it to another lane. A dashed box marks an approximate date. Long
        periods with nothing recorded are shortened and marked as a break; choose “Strictly in proportion to
        time” to see them at full length. Everything on the map is also in the chronology table below.
      </p>
      <NoticeLine />
      <div className={selectedId ? 'pm-map-layout pm-map-layout--details' : 'pm-map-layout'}>
        <MapCanvas label="Pattern map" onMove={onMove} onConnectItems={connect} />
        <ItemDetails
          removing={removingId !== null && removingId === selectedId}
          onRemoving={(on) => onRemoving(on ? selectedId : null)}
          onEdit={onEdit}
        />
      </div>
    </Section>
  );
}

/** The buttons that add an item, or the form adding or changing one. */
function AddToMapSection({ editing, onEditing }: { editing: Editing; onEditing: (next: Editing) => void }) {
  const store = useMapStoreApi();
  // When the item form closes, put focus back where it was opened from: the top of its section.
  const wasEditing = useRef(false);
  useEffect(() => {
    if (wasEditing.current && !editing) document.getElementById('pm-add')?.focus();
    wasEditing.current = editing !== null;
  }, [editing]);
  return (
    <section aria-labelledby="pm-add" className="pm-offscreen section section--divided">
      <h2 id="pm-add" className="heading-m" tabIndex={-1}>
        Add to the map
      </h2>
      {editing ? (
        <ItemForm
          key={editing.item ? `${editing.item.id}-${editing.item.version}` : editing.kind}
          kind={editing.kind}
          editing={editing.item}
          onDone={(message) => {
            onEditing(null);
            if (message) store.getState().say({ kind: 'success', text: message });
          }}
        />
      ) : (
        <AddItemButtons onAdd={(kind) => onEditing({ kind, item: null })} />
      )}
    </section>
  );
}

/** Links and themes, people, meetings and sharing: drawn just after the map (see `useAfterFirstPaint`). */
function SectionsBelow({
  later,
  linkDraft,
  onContinueMeeting,
}: {
  /** False until the map has been drawn. */
  later: boolean;
  linkDraft: LinkDraft | null;
  onContinueMeeting: (record: MapMeeting) => void;
}) {
  return (
    <>
      <Section id="pm-links" title="Links and themes" className="pm-offscreen section section--divided">
        {later ? (
          <>
            <LinksSection draft={linkDraft} />
            <h3 className="heading-s">Themes and hypotheses</h3>
            <ThemesSection />
          </>
        ) : null}
      </Section>

      <Section id="pm-people" title="People on the case" className="pm-offscreen section section--divided">
        {later ? <PeopleSection /> : null}
        {later ? <IdentifyingWords /> : null}
      </Section>

      <section aria-labelledby="pm-meetings" className="pm-offscreen section section--divided">
        <h2 id="pm-meetings" className="heading-m">
          Mapping meetings
        </h2>
        <p className="body hint">“Start meeting mode”, above the map, opens a new meeting record.</p>
        {later ? <MeetingsList onContinue={onContinueMeeting} /> : null}
      </section>

      <Section id="pm-share" title="Share the map" className="pm-offscreen section section--divided">
        {later ? <SharingSection /> : null}
      </Section>
    </>
  );
}
