import { useRef, useState } from 'react';
import { calls } from '#contract/calls.ts';
import type { RichText } from '#domain/assessment/rich-text.ts';
import { call } from '../../app/api.ts';
import { Form, FormText, FormTextArea, SubmitButton, useBound } from '../../ui/form/Form.tsx';
import { useWorkbenchForm } from '../../ui/form/useWorkbenchForm.ts';
import { SuccessNotice } from '../../ui/Notice.tsx';
import { problemFor } from '../../ui/problems.ts';
import { RichTextEditor } from '../../ui/rich-text/RichTextEditor.tsx';
import { MeetingEditor } from '../meetings/MeetingEditor.tsx';
import {
  type MeetingValues,
  meetingChecks,
  meetingLabels,
  meetingRequest,
  meetingValues,
} from '../meetings/meeting-values.ts';
import { type Kind, MeetingRecord, TEXT } from './MeetingRecord.tsx';
import { PartHeading, type PartProps, partTitleId } from './shared.tsx';
/** The planning meeting or the end meeting: the saved record, and a form for the co-assessors (`assessments.saveMeeting`). */
export function MeetingPart({ view, canWrite, onView, kind }: PartProps & { kind: Kind }) {
  const text = TEXT[kind];
  const saved = kind === 'planning' ? view.planning : view.endMeeting;
  const [editing, setEditing] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const button = useRef<HTMLButtonElement>(null);

  const focusHeading = () => document.getElementById(partTitleId(text.part))?.focus();

  return (
    <section aria-labelledby={partTitleId(text.part)} className="assessment-part">
      <PartHeading part={text.part}>{text.title}</PartHeading>
      <p className="body hint">{text.about}</p>
      {done ? <SuccessNotice title={done} /> : null}
      {saved ? (
        <MeetingRecord kind={kind} details={saved.details} updatedByName={saved.updatedByName} />
      ) : (
        <p className="body">No {text.lower} has been recorded yet.</p>
      )}
      {canWrite && !editing ? (
        <button
          ref={button}
          type="button"
          className="button button--secondary"
          onClick={() => {
            setDone(null);
            setEditing(true);
          }}
        >
          {saved ? `Change the ${text.lower} record` : `Record the ${text.lower}`}
        </button>
      ) : null}
      {canWrite && editing ? (
        <MeetingForm
          kind={kind}
          view={view}
          onView={onView}
          onCancel={() => {
            setEditing(false);
            requestAnimationFrame(() => button.current?.focus());
          }}
          onSaved={() => {
            setEditing(false);
            setDone(`The ${text.lower} record has been saved.`);
            requestAnimationFrame(focusHeading);
          }}
        />
      ) : null}
    </section>
  );
}

interface Values extends MeetingValues {
  informationShared: RichText;
  timescales: string;
  roles: string;
  levelOfConcern: string;
}

const { 'details.actions': _actions, ...COMMON } = meetingLabels('details.');

/** What AIM records at the meeting, beside the one meeting model. */
function AimFields({ kind }: { kind: Kind }) {
  const info = useBound<RichText>('informationShared', 'details.informationShared');
  const [initial] = useState(info.value);
  return (
    <>
      <RichTextEditor
        id={`${info.form}-details-informationShared`}
        label={TEXT[kind].info}
        error={problemFor(info.errors, 'details.informationShared')}
        initial={initial}
        onChange={info.onChange}
        rows={4}
      />
      <FormTextArea name="timescales" path="details.timescales" label="Timescales" rows={2} />
      <FormTextArea
        name="roles"
        path="details.roles"
        label="Roles"
        hint="Who does what: the lead, the co-assessor, the professionals who contribute."
        rows={2}
      />
      {kind === 'end' ? (
        <FormText name="levelOfConcern" path="details.levelOfConcern" label="Level of concern now" />
      ) : null}
    </>
  );
}

function MeetingForm({
  kind,
  view,
  onView,
  onCancel,
  onSaved,
}: {
  kind: Kind;
  view: PartProps['view'];
  onView: PartProps['onView'];
  onCancel: () => void;
  onSaved: () => void;
}) {
  const text = TEXT[kind];
  const saved = kind === 'planning' ? view.planning : view.endMeeting;
  const start = saved?.details ?? null;
  const baseVersion = useRef<number | null>(saved?.version ?? null);
  const form = useWorkbenchForm({
    id: `meeting-${kind}`,
    labels: {
      ...COMMON,
      'details.informationShared': text.info,
      'details.timescales': 'Timescales',
      'details.roles': 'Roles',
      'details.levelOfConcern': 'Level of concern now',
      'details.actions': 'Actions',
    },
    defaultValues: {
      ...meetingValues(start),
      informationShared: start?.informationShared ?? { blocks: [] },
      timescales: start?.timescales ?? '',
      roles: start?.roles ?? '',
      levelOfConcern: start?.levelOfConcern ?? '',
    } as Values,
    request: calls['assessments.saveMeeting'].request,
    toRequest: (v: Values) => ({
      assessmentId: view.id,
      kind,
      expectedVersion: baseVersion.current,
      details: {
        ...meetingRequest(v),
        informationShared: v.informationShared,
        timescales: v.timescales,
        roles: v.roles,
        levelOfConcern: kind === 'end' ? v.levelOfConcern : '',
      },
    }),
    check: (v) => meetingChecks(v, 'details.'),
    send: (request) => call('assessments.saveMeeting', request),
    onRefused: async (error) => {
      if (error.code !== 'conflict') return undefined;
      // Someone else saved first: show their record above and keep these entries; saving again is a decision.
      const latest = await call('assessments.get', { id: view.id });
      if (latest.ok) {
        onView(latest.data);
        const now = kind === 'planning' ? latest.data.planning : latest.data.endMeeting;
        baseVersion.current = now?.version ?? null;
      }
      return {
        message: `${error.message} Their record is shown above this form; your entries are still here. Save again to replace their record with yours.`,
        problems: [],
      };
    },
    onSuccess: (data) => {
      onView(data);
      onSaved();
    },
  });

  return (
    <Form form={form} className="form action-panel" labelledBy={`meeting-${kind}-form-title`}>
      <h3 id={`meeting-${kind}-form-title`} className="heading-s">
        {text.title} record
      </h3>
      <MeetingEditor prefix="details." level={4}>
        <AimFields kind={kind} />
      </MeetingEditor>
      <div className="button-group">
        <SubmitButton>Save the {text.lower} record</SubmitButton>
        <button type="button" className="link-button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </Form>
  );
}
