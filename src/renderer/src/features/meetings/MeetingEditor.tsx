import './meetings.css';
import type { ReactNode } from 'react';
import { FormDateTime, FormText, FormTextArea } from '../../ui/form/Form.tsx';
import { ActionsEditor } from './ActionsEditor.tsx';
import { AgendaEditor } from './AgendaEditor.tsx';
import { AttendeesEditor } from './AttendeesEditor.tsx';
import type { HeadingLevel } from './Heading.tsx';

interface Props {
  /** Where the meeting sits in the call's request ('' or e.g. 'details.'): problems come back under it. */
  prefix?: string;
  /** The level of the editor's part headings (Attendees, Agenda, Actions). */
  level?: HeadingLevel;
  chairHint?: ReactNode;
  /** Shown under the Attendees heading (e.g. the roles a profile asks for). */
  attendeesHint?: ReactNode;
  /** The kind's own fields shown first (e.g. the type of strategy meeting). */
  before?: ReactNode;
  /** The kind's own fields, shown after the decisions and before the actions. */
  children?: ReactNode;
}

/**
 * The one meeting editor, inside a `<Form>` whose values start with `MeetingValues`: date and 24-hour time,
 * chair, attendees, agenda, decisions and actions. Each kind of meeting passes its own fields as children.
 */
export function MeetingEditor({ prefix = '', level = 2, chairHint, attendeesHint, before, children }: Props) {
  return (
    <>
      {before}
      <FormDateTime
        dateName="day"
        timeName="time"
        path={`${prefix}heldAt`}
        dateLabel="Date held"
        timeLabel="Time held"
      />
      <FormText name="chair" path={`${prefix}chair`} label="Chair" hint={chairHint} width="medium" />
      <AttendeesEditor prefix={prefix} level={level} hint={attendeesHint} />
      <AgendaEditor prefix={prefix} level={level} />
      <FormTextArea name="decisions" path={`${prefix}decisions`} label="Decisions" rows={4} />
      {children}
      <ActionsEditor prefix={prefix} level={level} />
    </>
  );
}
