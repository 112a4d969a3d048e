import { DataTable } from '../../ui/DataTable.tsx';
import { InstantText } from '../../ui/DateText.tsx';
import type { CaseSyncStatus } from './SyncScreen.tsx';

/** Who did what on the case, from whichever computer, with each author's signature checked here. */
export function CaseHistoryTable({ history }: { history: CaseSyncStatus['history'] }) {
  return (
    <section aria-labelledby="sync-history-title" className="section section--divided">
      <h2 id="sync-history-title" className="heading-m">
        Case history on every computer
      </h2>
      {history.length === 0 ? (
        <p className="body">Nothing has been sent or received for this case yet.</p>
      ) : (
        <DataTable
          caption="Changes to the case from this and other computers, newest first"
          className="table table--small"
          columns={['When', 'Who', 'What', 'Where', 'Signature']}
        >
          {history.map((h, n) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: entries have no id and never reorder
            <tr key={n}>
              <td className="nowrap">
                <InstantText value={h.at} withTime />
              </td>
              <td>{h.byName}</td>
              <td>{h.summary || h.action}</td>
              <td>{h.fromThisComputer ? 'This computer' : 'Another computer'}</td>
              <td>
                {h.verified ? (
                  <span className="sync-check">Signature checked</span>
                ) : (
                  <span className="sync-check sync-check--warning">
                    Warning: the signature could not be checked
                  </span>
                )}
              </td>
            </tr>
          ))}
        </DataTable>
      )}
    </section>
  );
}
