import { useState } from 'react';
import type { Result } from '#contract/errors.ts';
import type { SignOffStatus } from '#contract/sign-off-calls.ts';
import { call } from '../../app/api.ts';
import { ActionButton } from '../../ui/ActionButton.tsx';
import { useAction } from '../../ui/form/useAction.ts';
import { WarningText } from '../../ui/Notice.tsx';
import { Refusal } from '../../ui/Refusal.tsx';
import { ResultNotice } from './ResultNotice.tsx';

type Exported =
  | { kind: 'report'; savedTo: string; marking: string }
  | { kind: 'chronology'; savedTo: string }
  | { kind: 'cancelled'; what: string };

/** Export the AIM report and the case chronology to Word, saying beforehand how the report will be marked. */
export function ExportSection({
  status,
  assessmentId,
  caseId,
}: {
  status: SignOffStatus;
  assessmentId: string;
  caseId: string;
}) {
  const { busy, running, refusal, act } = useAction<'report' | 'chronology'>();
  const [result, setResult] = useState<Exported | null>(null);

  // Saves one file: what was saved, or that it was not when the person cancelled the save dialogue.
  const exportFile = <T,>(
    key: 'report' | 'chronology',
    request: () => Promise<Result<T | null>>,
    done: (data: T) => Exported,
    notSaved: string,
  ) =>
    act({
      key,
      onStart: () => setResult(null),
      request,
      onDone: (data) => setResult(data ? done(data) : { kind: 'cancelled', what: notSaved }),
    });
  const exportReport = () =>
    exportFile(
      'report',
      () => call('reports.export', { assessmentId }),
      (data) => ({ kind: 'report', ...data }),
      'The report was not exported',
    );
  const exportChronology = () =>
    exportFile(
      'chronology',
      () => call('reports.exportChronology', { caseId }),
      (data) => ({ kind: 'chronology', savedTo: data.savedTo }),
      'The case chronology was not exported',
    );

  const changed = status.verification.status === 'changed';
  return (
    <>
      {changed ? (
        <WarningText>
          The signatures do not verify, so every page of the exported report will be marked SIGNATURES NOT
          VERIFIED — CHANGED AFTER SIGN-OFF.
        </WarningText>
      ) : status.state === 'final' ? (
        <p className="body measure">
          The report is exactly the content both co-assessors signed, marked OFFICIAL-SENSITIVE on every page,
          with the quality-assurance record, the signatures and the content hash at the end.
        </p>
      ) : (
        <WarningText>
          This version is not signed off, so every page of the exported report will be watermarked DRAFT — NOT
          SIGNED OFF.
        </WarningText>
      )}
      <p className="body hint measure">
        You choose where to save it. Each export is recorded in the audit log with the version and where it
        was saved. Keep the file somewhere only the team can reach: it is OFFICIAL-SENSITIVE.
      </p>
      <div className="button-group">
        <ActionButton onClick={() => void exportReport()} busy={busy}>
          {running === 'report' ? 'Exporting the report…' : 'Export the report (Word)'}
        </ActionButton>
        <ActionButton
          className="button button--secondary"
          onClick={() => void exportChronology()}
          busy={busy}
        >
          {running === 'chronology' ? 'Exporting the chronology…' : 'Export the case chronology (Word)'}
        </ActionButton>
      </div>
      {result?.kind === 'report' ? (
        <ResultNotice title="Report exported">
          <p className="body export-result">
            Saved to <span className="export-result__path">{result.savedTo}</span>
          </p>
          <p className="body">
            Marked: <strong>{result.marking}</strong>
          </p>
        </ResultNotice>
      ) : null}
      {result?.kind === 'chronology' ? (
        <ResultNotice title="Case chronology exported">
          <p className="body export-result">
            Saved to <span className="export-result__path">{result.savedTo}</span>
          </p>
        </ResultNotice>
      ) : null}
      {result?.kind === 'cancelled' ? (
        <p className="body" role="status">
          {result.what}: you closed the save window without choosing a file. Nothing was saved.
        </p>
      ) : null}
      {refusal ? <Refusal as="h3" title="The export did not work" message={refusal.message} /> : null}
    </>
  );
}
