import { useState } from 'react';
import type { Result } from '#contract/errors.ts';
import { formatDay } from '#domain/dates.ts';
import { call } from '../../app/api.ts';
import { todayInLondon } from '../../ui/DateText.tsx';
import { Form, FormRadios, FormText } from '../../ui/form/Form.tsx';
import { useWorkbenchForm } from '../../ui/form/useWorkbenchForm.ts';
import { SuccessNotice, WarningText } from '../../ui/Notice.tsx';
import { missingProblems } from '../../ui/problems.ts';
import { laneLabel, type MapView, viewWords } from './labels.ts';
import { printMap, printProjection } from './printMap.ts';
import { project } from './projection.ts';
import { useMapStore, useMapStoreApi } from './store.ts';

// The export part of the map's sharing section (SharingSection.tsx).

type Audience = 'internal' | 'external';
type Format = 'docx' | 'png';

const AUDIENCE_OPTIONS: { value: Audience; label: string }[] = [
  { value: 'internal', label: 'Professionals involved (internal)' },
  { value: 'external', label: 'External agency' },
];
const EXPORT_VIEW_OPTIONS: { value: MapView; label: string }[] = [
  { value: 'named', label: 'Named view' },
  { value: 'anonymised', label: 'Anonymised view' },
];
const FORMAT_OPTIONS: { value: Format; label: string }[] = [
  { value: 'docx', label: 'Word document (chronology table)' },
  { value: 'png', label: 'Image (PNG)' },
];

const EXPORT_LABELS = {
  audience: 'Who is it for?',
  recipient: 'Recipient',
  view: 'View to export',
  format: 'Format',
};

interface ExportValues {
  /** Which button sent the form: an export, or the picture for the AIM report (in the view chosen). */
  intent: 'export' | 'report';
  audience: Audience;
  recipient: string;
  view: MapView;
  format: Format;
}

const failed = (error: unknown): Result<never> => ({
  ok: false,
  error: { code: 'internal', message: error instanceof Error ? error.message : String(error) },
});

/** Exports the map (Word or PNG), or chooses its picture for the AIM report. */
export function MapExportForm() {
  const store = useMapStoreApi();
  const map = useMapStore((s) => s.map);
  const [saved, setSaved] = useState<string | null>(null);
  const [stage, setStage] = useState<string | null>(null);
  const missing = map.sharing.missingForExternal;

  /** The map drawn for paper (printMap.ts), in the view chosen for the export. */
  async function picture(view: MapView): Promise<string> {
    const { filters, scaleMode } = store.getState();
    const projection = printProjection((target) => project(map, view, filters, scaleMode, target));
    const childLabel = viewWords(map, view).child;
    const marking = `OFFICIAL-SENSITIVE — Pattern map — ${childLabel} — ${view} view — exported ${formatDay(todayInLondon())}`;
    // Let the screen say what is happening before the (synchronous) drawing starts.
    await new Promise((resolve) => requestAnimationFrame(resolve));
    return printMap(projection, { marking, laneLabel: (id) => laneLabel(map, id) });
  }

  /** Draw the picture when one is needed, then make the call: one busy spell, one error summary. */
  async function send(
    values: ExportValues,
  ): Promise<Result<{ savedTo: string } | { capturedAt: string } | null>> {
    const { intent, audience, recipient, view, format } = values;
    let pngBase64: string | undefined;
    try {
      if (intent === 'report' || format === 'png') {
        setStage('Drawing the map…');
        try {
          pngBase64 = await picture(view);
        } catch (error) {
          return failed(error);
        }
      }
      if (intent === 'report' && pngBase64)
        return await call('map.useInReport', { caseId: map.caseId, view, pngBase64 });
      setStage('Exporting…');
      return await call('map.export', {
        caseId: map.caseId,
        audience,
        recipient,
        view,
        format,
        ...(pngBase64 ? { pngBase64 } : {}),
      });
    } finally {
      setStage(null);
    }
  }

  const form = useWorkbenchForm({
    id: 'pm-export',
    labels: EXPORT_LABELS,
    defaultValues: {
      intent: 'export',
      audience: 'internal',
      recipient: '',
      view: 'anonymised',
      format: 'docx',
    } as ExportValues,
    toRequest: (values) => values,
    check: ({ intent, recipient }) =>
      intent === 'export' ? missingProblems([['recipient', recipient, 'Say who the map is going to']]) : [],
    send,
    onSubmitStart: () => setSaved(null),
    // The refusal names what is missing; the problems repeat it, so show the sentence alone.
    onRefused: (error) => ({ message: error.message, problems: [] }),
    onSuccess: (data, { intent, view }) =>
      setSaved(
        intent === 'report'
          ? `The ${view} map picture will be used in the AIM report.`
          : data && 'savedTo' in data
            ? `Saved to ${data.savedTo}`
            : 'The export was cancelled: nothing was saved.',
      ),
  });
  const audience = form.methods.watch('audience');
  const sendAs = (intent: ExportValues['intent']) => form.methods.setValue('intent', intent);

  return (
    <section aria-labelledby="pm-export-title" className="pm-subsection">
      <h3 id="pm-export-title" className="heading-s">
        Export
      </h3>
      {saved ? <SuccessNotice title={saved} /> : null}
      <Form form={form} className="pm-form" labelledBy="pm-export-title">
        <FormRadios<Audience> name="audience" label={EXPORT_LABELS.audience} options={AUDIENCE_OPTIONS} />
        {audience === 'external' && missing.length > 0 ? (
          <WarningText>
            The map cannot go to an external agency yet.{' '}
            {missing.map((line) => (
              <span key={line} className="pm-missing">
                {line}
              </span>
            ))}
          </WarningText>
        ) : null}
        <FormText
          name="recipient"
          label={EXPORT_LABELS.recipient}
          hint="Who it is going to, for example “Professionals at the mapping meeting” or “CAMHS”."
        />
        <FormRadios<MapView> name="view" label={EXPORT_LABELS.view} options={EXPORT_VIEW_OPTIONS} inline />
        <FormRadios<Format> name="format" label={EXPORT_LABELS.format} options={FORMAT_OPTIONS} />
        <p className="body hint">Both are marked OFFICIAL-SENSITIVE and dated.</p>
        <button type="submit" className="button" disabled={form.busy} onClick={() => sendAs('export')}>
          Export the map
        </button>
        {stage ? (
          <p className="body hint" role="status">
            {stage}
          </p>
        ) : null}
      </Form>
      <div className="pm-form">
        <h4 className="heading-s">The picture in the AIM report</h4>
        <p className="body hint">
          The AIM report shows the picture chosen here, in the view chosen above, with its chronology table.
        </p>
        <button
          type="button"
          className="button button--secondary"
          disabled={form.busy}
          onClick={() => {
            sendAs('report');
            void form.submit();
          }}
        >
          Use this map picture in the AIM report
        </button>
      </div>
    </section>
  );
}
