import { useEffect, useRef, useState } from 'react';
import { calls } from '#contract/calls.ts';
import type { MapMeeting } from '#contract/pattern-map-schemas.ts';
import { formatLondonTime, londonDay, londonTime } from '#domain/dates.ts';
import { call } from '../../app/api.ts';
import { Form, FormTextArea, SubmitButton } from '../../ui/form/Form.tsx';
import { useWorkbenchForm } from '../../ui/form/useWorkbenchForm.ts';
import { errorsFromResult } from '../../ui/problems.ts';
import { MeetingEditor } from '../meetings/MeetingEditor.tsx';
import {
  type MeetingValues,
  meetingChecks,
  meetingLabels,
  meetingRequest,
  meetingValues,
} from '../meetings/meeting-values.ts';
import { useMapStore } from './store.ts';

const FORM = 'pm-meeting';
const LABELS = { ...meetingLabels(), notes: 'Notes' };

interface Values extends MeetingValues {
  notes: string;
}

function valuesOf(meeting: MapMeeting | null): Values {
  if (meeting) return { ...meetingValues(meeting), notes: meeting.notes };
  const now = new Date().toISOString();
  return { ...meetingValues(null, { day: londonDay(now), time: londonTime(now), attendees: [] }), notes: '' };
}

/**
 * The record of the mapping meeting, in the one meeting editor, with the map's own notes. Saved by the button,
 * and also whenever a field is left (so nothing typed during the meeting is lost).
 */
export function MeetingRecord({ meeting }: { meeting: MapMeeting | null }) {
  const caseId = useMapStore((s) => s.map.caseId);
  const setMap = useMapStore((s) => s.setMap);
  const [savedAt, setSavedAt] = useState<string | null>(null);
  const saved = useRef({
    id: meeting?.id ?? null,
    version: meeting?.version ?? null,
    json: JSON.stringify(valuesOf(meeting)),
  });
  // One save at a time: each needs the version the one before it returned.
  const queue = useRef<Promise<unknown>>(Promise.resolve());
  const toRequest = (v: Values) => ({
    caseId,
    meetingId: saved.current.id,
    expectedVersion: saved.current.version,
    ...meetingRequest(v),
    notes: v.notes,
  });
  const send = (request: ReturnType<typeof toRequest>) => {
    const run = queue.current.then(() =>
      call('map.saveMeeting', {
        ...request,
        meetingId: saved.current.id,
        expectedVersion: saved.current.version,
      }),
    );
    queue.current = run.catch(() => undefined);
    return run;
  };
  const onSaved = async (data: MapMeeting, values: Values) => {
    saved.current = { id: data.id, version: data.version, json: JSON.stringify(values) };
    setSavedAt(formatLondonTime(data.updatedAt));
    const map = await call('map.get', { caseId });
    if (map.ok) setMap(map.data);
  };
  const form = useWorkbenchForm({
    id: FORM,
    labels: LABELS,
    defaultValues: valuesOf(meeting),
    request: calls['map.saveMeeting'].request,
    toRequest,
    check: (v) => meetingChecks(v),
    send,
    onSuccess: (data, values) => {
      form.setErrors({ problems: [] });
      void onSaved(data, values);
    },
  });

  /** Saves quietly when what was typed has changed and is complete; problems wait for the button. */
  const autosave = async () => {
    const values = form.methods.getValues();
    const json = JSON.stringify(values);
    if (json === saved.current.json) return;
    const request = toRequest(values);
    if (meetingChecks(values).length > 0 || !calls['map.saveMeeting'].request.safeParse(request).success)
      return;
    const before = saved.current.json;
    saved.current.json = json;
    const result = await send(request);
    if (result.ok) await onSaved(result.data, values);
    else {
      saved.current.json = before;
      form.setErrors(errorsFromResult(result.error));
    }
  };
  const latest = useRef(autosave);
  latest.current = autosave;
  // Save what was typed if the person leaves meeting mode straight from a field.
  useEffect(() => () => void latest.current(), []);

  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: listens for focus leaving any field of the form inside
    <div
      onBlur={(event) => {
        if ((event.target as Element).matches('input, select, textarea')) void autosave();
      }}
    >
      <h2 id={`${FORM}-title`} className="heading-m">
        Meeting record
      </h2>
      <Form form={form} className="pm-form pm-meeting-record" labelledBy={`${FORM}-title`}>
        <MeetingEditor level={3}>
          <FormTextArea name="notes" label="Notes" rows={3} />
        </MeetingEditor>
        <div className="button-group">
          <SubmitButton>Save meeting record</SubmitButton>
          <p className="hint" role="status">
            {savedAt ? `Saved at ${savedAt}.` : 'Saved whenever you leave a field.'}
          </p>
        </div>
      </Form>
    </div>
  );
}
