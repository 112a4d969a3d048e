import { memo, useEffect, useMemo, useState } from 'react';
import type { MapItem, PatternMap } from '#contract/pattern-map-schemas.ts';
import { AGENCY_LABELS } from '#contract/vocabulary.ts';
import { brookText, categoryText, laneLabel, type MapView, shorten, viewWords } from './labels.ts';
import { useMapStore } from './store.ts';

// A long chronology is added to the table a chunk at a time when the browser is idle, so the map
// appears (and pans) first; a single 2,000-row render would hold up both.
const FIRST_ROWS = 100;
const MORE_ROWS = 250;

interface Props {
  onEdit: (item: MapItem) => void;
  onRemove: (item: MapItem) => void;
}

/** The same chronology as the map, as a table: the way to everything on the canvas for a screen reader. */
export function ChronologyTable({ onEdit, onRemove }: Props) {
  const map = useMapStore((s) => s.map);
  const view = useMapStore((s) => s.view);
  const items = useMapStore((s) => s.projection.items);
  const [limit, setLimit] = useState(FIRST_ROWS);
  const complete = limit >= items.length;

  useEffect(() => {
    if (complete) return;
    const handle = requestIdleCallback(() => setLimit((n) => n + MORE_ROWS), { timeout: 1000 });
    return () => cancelIdleCallback(handle);
  }, [complete]);

  const filtered = items.length < map.items.length;
  const rows = complete ? items : items.slice(0, limit);
  const child = viewWords(map, view).child;
  return (
    <>
      <p className="body">{map.orderExplanation}</p>
      {filtered ? (
        <p className="body hint">
          Showing {items.length} of {map.items.length} items: the filters above apply to this table too.
        </p>
      ) : null}
      {items.length === 0 ? (
        <p className="body">
          {map.items.length === 0 ? 'Nothing has been added to the map yet.' : 'No items match the filters.'}
        </p>
      ) : (
        <div className="table-wrapper">
          <table className="table table--small pm-table">
            <caption className="visually-hidden">
              Chronology of {child}, {view === 'anonymised' ? 'anonymised' : 'named'} view
            </caption>
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Lane</th>
                <th scope="col">What happened</th>
                <th scope="col">Who</th>
                <th scope="col">Where</th>
                <th scope="col">Source</th>
                <th scope="col">Category and colour</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((item, i) => (
                <Row
                  key={item.id}
                  item={item}
                  position={i + 1}
                  map={map}
                  view={view}
                  onEdit={onEdit}
                  onRemove={onRemove}
                />
              ))}
            </tbody>
          </table>
          {complete ? null : (
            <p className="body hint" role="status">
              Adding the rest of the chronology ({rows.length} of {items.length} rows so far)…
            </p>
          )}
        </div>
      )}
    </>
  );
}

interface RowProps extends Props {
  item: MapItem;
  position: number;
  map: PatternMap;
  view: MapView;
}

const Row = memo(function Row({ item, position, map, view, onEdit, onRemove }: RowProps) {
  const words = useMemo(() => viewWords(map, view), [map, view]);
  const who = [
    ...item.people.map(words.person),
    item.harmedPersonId ? `Harmed: ${words.person(item.harmedPersonId)}` : '',
  ]
    .filter(Boolean)
    .join('; ');
  const details =
    item.kind === 'incident'
      ? [
          categoryText(map, item.hackettCategory),
          brookText(map, item.brookColour),
          item.childAgeThen !== null ? `age ${item.childAgeThen}` : '',
        ]
          .filter(Boolean)
          .join(', ')
      : '';
  const what = words.text(item.what);
  // Unique accessible names for the row's buttons: "Edit item 3, 06/09/2021: Moved to foster care…".
  const name = `item ${position}, ${item.span.label}: ${shorten(what, 40)}`;
  return (
    <tr className={item.kind === 'incident' ? 'pm-table__incident' : undefined}>
      <th scope="row" className="table__row-header">
        {item.span.label}
        {item.span.approximate ? <span className="pm-approx">approx.</span> : null}
      </th>
      <td>{laneLabel(map, item.lane)}</td>
      <td>{what}</td>
      <td>{who}</td>
      <td>{words.text(item.place)}</td>
      <td>{[AGENCY_LABELS[item.sourceAgency], words.text(item.sourceDetail)].filter(Boolean).join(' — ')}</td>
      <td>{details}</td>
      <td className="pm-table__actions">
        <button type="button" className="link-button" onClick={() => onEdit(item)}>
          Edit<span className="visually-hidden"> {name}</span>
        </button>
        <button type="button" className="link-button" onClick={() => onRemove(item)}>
          Remove<span className="visually-hidden"> {name}</span>
        </button>
      </td>
    </tr>
  );
});
