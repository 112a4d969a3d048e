import { z } from 'zod';
import { ATTENDANCE, meetingProblems } from '#domain/meeting.ts';
import { isoDay, isoInstant, longText, requiredText, requiredTextUpTo, shortText } from './primitives.ts';

// The one meeting model on the wire. Every kind of meeting sends `meeting` in this shape and adds only its
// own fields beside it; the rules that span fields (a chair, actions not due before the meeting) are the
// domain's `meetingProblems`, applied here once.

export const attendance = z.enum(ATTENDANCE, {
  message: 'choose attended, sent apologies or did not attend',
});

export const meetingAttendee = z.strictObject({
  name: requiredText,
  role: shortText,
  agency: shortText,
  attendance,
});

export const meetingAction = z.strictObject({
  text: requiredTextUpTo(1000),
  owner: shortText,
  due: isoDay.nullable(),
  done: z.boolean(),
});

export const agendaItem = z.strictObject({ point: requiredText, notes: longText });

/** A meeting as recorded: checked field by field, then as a whole. */
export const meeting = z
  .strictObject({
    heldAt: isoInstant,
    chair: shortText,
    attendees: z.array(meetingAttendee).min(1, 'record who attended').max(60),
    agenda: z.array(agendaItem).max(30).default([]),
    decisions: longText.default(''),
    actions: z.array(meetingAction).max(100).default([]),
  })
  .superRefine((m, ctx) => {
    for (const p of meetingProblems(m))
      ctx.addIssue({ code: 'custom', path: p.path.split('.'), message: p.message });
  });
export type MeetingInput = z.infer<typeof meeting>;

/** A meeting as shown: records made before the one model may lack a chair or attendees. */
export const meetingView = z.strictObject({
  heldAt: isoInstant,
  chair: z.string(),
  attendees: z.array(z.strictObject({ name: z.string(), role: z.string(), agency: z.string(), attendance })),
  agenda: z.array(z.strictObject({ point: z.string(), notes: z.string() })),
  decisions: z.string(),
  actions: z.array(
    z.strictObject({ text: z.string(), owner: z.string(), due: isoDay.nullable(), done: z.boolean() }),
  ),
});
export type MeetingView = z.infer<typeof meetingView>;
