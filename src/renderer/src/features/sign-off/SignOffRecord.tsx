import type { SignOffStatus } from '#contract/sign-off-calls.ts';
import { DataTable } from '../../ui/DataTable.tsx';
import { InstantText } from '../../ui/DateText.tsx';
import { actionLabel } from './progress.ts';

/** Every step this version has taken: what, who, when and the comments given. */
export function TransitionsTable({ status }: { status: SignOffStatus }) {
  if (status.transitions.length === 0)
    return (
      <p className="body hint">Nothing yet: this version has not been submitted for quality assurance.</p>
    );
  return (
    <DataTable
      caption="Quality-assurance record, oldest first"
      className="table table--small"
      columns={['What', 'Who', 'When', 'Comments']}
    >
      {status.transitions.map((t) => (
        <tr key={`${t.at}-${t.action}-${t.byName}`}>
          <td>{actionLabel(t.action)}</td>
          <td>{t.byName}</td>
          <td className="nowrap">
            <InstantText value={t.at} withTime />
          </td>
          <td className="prewrap">{t.comments || <span className="hint">None</span>}</td>
        </tr>
      ))}
    </DataTable>
  );
}

/** Each signature, checked again now: verified yes or no, with the problem in words. */
export function SignaturesTable({ status }: { status: SignOffStatus }) {
  if (status.signatures.length === 0) return <p className="body hint">No one has signed this version yet.</p>;
  return (
    <>
      <DataTable
        caption="Signatures on this version"
        columns={['Signer', 'Role', 'Signed at', 'Verified']}
        className="table table--small"
      >
        {status.signatures.map((s) => (
          <tr key={`${s.signerName}-${s.signedAt}`}>
            <td>{s.signerName}</td>
            <td>{s.role}</td>
            <td className="nowrap">
              <InstantText value={s.signedAt} withTime />
            </td>
            <td>
              {s.verified ? (
                <span className="signature-check signature-check--yes">
                  <span aria-hidden="true">✓ </span>Yes
                </span>
              ) : (
                <>
                  <span className="signature-check signature-check--no">
                    <span aria-hidden="true">✗ </span>No
                  </span>
                  {s.problem ? <span className="cell-note">{capitalise(s.problem)}.</span> : null}
                </>
              )}
            </td>
          </tr>
        ))}
      </DataTable>
      {status.verification.status === 'changed' && status.signatures.some((s) => s.verified) ? (
        <p className="body measure">
          “Yes” means the signature matches the content that was approved. That content no longer matches the
          assessment as it is now: see the warning at the top of this page.
        </p>
      ) : null}
    </>
  );
}

/** The fingerprint the signatures cover, and how to check a report against it. */
export function ContentHash({ status }: { status: SignOffStatus }) {
  if (!status.contentHash)
    return (
      <p className="body hint">
        There is no content hash yet. It is fixed when a manager approves this version: the signatures then
        cover exactly that content.
      </p>
    );
  return (
    <>
      <p className="content-hash">
        <span className="content-hash__label">SHA-256</span>
        <code className="content-hash__value">{groupHash(status.contentHash)}</code>
      </p>
      <details className="how-to-verify">
        <summary className="how-to-verify__summary">How to verify a report against this hash</summary>
        <div className="how-to-verify__body">
          <p className="body">
            The hash is a fingerprint of the exact report content approved in quality assurance. Changing any
            character of that content gives a different hash, and each signature covers this hash with the
            signer’s own key.
          </p>
          <ol className="how-to-verify__steps">
            <li>Find the content hash in the signature block at the end of the exported Word report.</li>
            <li>Compare it, group by group, with the hash shown here.</li>
            <li>
              Check that this page says “Signatures verified”: the workbench has recomputed the hash from the
              records and checked every signature just now.
            </li>
          </ol>
          <p className="body">
            If the hashes differ, or this page says otherwise, do not rely on the report as signed.
          </p>
        </div>
      </details>
    </>
  );
}

/** Groups of 8 characters, so people can compare a 64-character hash by eye; copying keeps it whole. */
function groupHash(hash: string) {
  const groups = hash.match(/.{1,8}/g) ?? [hash];
  return groups.map((g, i) => (
    // biome-ignore lint/suspicious/noArrayIndexKey: the groups are fixed slices of one value
    <span key={i} className="content-hash__group">
      {g}
    </span>
  ));
}

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
