import { useDeferredValue } from 'react';
import type { MapItem } from '../../../../contract/pattern-map-schemas.ts';
import { AGENCY_LABELS } from '../../../../contract/vocabulary.ts';
import { brookText, categoryText, laneLabel, shorten, viewWords } from './labels.ts';
import { useMapStore } from './store.ts';

const EMPTY: MapItem[] = [];

interface Props {
  onEdit: (item: MapItem) => void;
  onRemove: (item: MapItem) => void;
}

/** The same chronology as the map, as a table: the way to everything on the canvas for a screen reader. */
export function ChronologyTable({ onEdit, onRemove }: Props) {
  const map = useMapStore((s) => s.map);
  const view = useMapStore((s) => s.view);
  // A long table is drawn after the map, in the background, so the map appears first.
  const shown = useMapStore((s) => s.projection.items);
  const items = useDeferredValue(shown, EMPTY);
  if (items !== shown && items.length === 0) {
    return <p className="body hint">Preparing the table…</p>;
  }
  const words = viewWords(map, view);
  const filtered = items.length < map.items.length;
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
              Chronology of {words.child}, {view === 'anonymised' ? 'anonymised' : 'named'} view
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
              {items.map((item, i) => {
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
                const name = `item ${i + 1}, ${item.span.label}: ${shorten(words.text(item.what), 40)}`;
                return (
                  <tr key={item.id} className={item.kind === 'incident' ? 'pm-table__incident' : undefined}>
                    <th scope="row" className="table__row-header">
                      {item.span.label}
                      {item.span.approximate ? <span className="pm-approx">approx.</span> : null}
                    </th>
                    <td>{laneLabel(map, item.lane)}</td>
                    <td>{words.text(item.what)}</td>
                    <td>{who}</td>
                    <td>{words.text(item.place)}</td>
                    <td>
                      {[AGENCY_LABELS[item.sourceAgency], words.text(item.sourceDetail)]
                        .filter(Boolean)
                        .join(' — ')}
                    </td>
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
              })}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
