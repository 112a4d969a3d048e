import { useState } from 'react';
import type { FieldProblem } from '#contract/errors.ts';
import type { CaseTimeline } from '#contract/timescale-schemas.ts';
import { call } from '../../app/api.ts';
import { useWorkbenchForm } from '../../ui/form/useWorkbenchForm.ts';
import { entryProblems } from '../../ui/problems.ts';
import { instantFrom } from '../deadlines/due.ts';
import type { Colour } from './colours.ts';
import { startedMessage } from './started.ts';

/**
 * How the step form reads: any step the profile names (the pathway's steps screen), or one step fixed
 * in advance (the concern screened with the Brook tool, on the concern screen).
 */
export interface StepWording {
  form: string;
  labels: { event: string; occurredAt: string; occurredAtTime: string; brookColour: string; note: string };
  /** The step's own word in messages: 'step' or 'screening'. */
  noun: string;
  button: string;
  /** The Brook colour must be chosen (when the profile has colours). */
  colourRequired: boolean;
  saved: (step: string, colour: string | undefined) => string;
}

export const ANY_STEP: StepWording = {
  form: 'step',
  labels: {
    event: 'Step',
    occurredAt: 'Date',
    occurredAtTime: 'Time',
    brookColour: 'Brook colour',
    note: 'Note',
  },
  noun: 'step',
  button: 'Record step',
  colourRequired: false,
  saved: (step) => `Recorded: ${step}.`,
};

export const SCREENING: StepWording = {
  form: 'screening',
  labels: {
    event: 'Step',
    occurredAt: 'Date screened',
    occurredAtTime: 'Time screened',
    brookColour: 'Brook colour',
    note: 'Note',
  },
  noun: 'screening',
  button: 'Record the screening',
  colourRequired: true,
  saved: (_step, colour) => `Screening recorded${colour ? `: ${colour}` : ''}.`,
};

/** The step form (pathway.recordEvent): its answers, their problems, and what it says once saved. */
export function useStepForm({
  timeline,
  colours,
  wording,
  fixedEvent,
  onRecorded,
}: {
  timeline: CaseTimeline;
  colours: Colour[];
  wording: StepWording;
  fixedEvent: string | undefined;
  onRecorded: (timeline: CaseTimeline) => void;
}) {
  const [saved, setSaved] = useState<{ title: string; detail: string } | null>(null);
  const { labels, noun } = wording;
  const empty = { event: fixedEvent ?? '', day: '', time: '', brookColour: '', note: '' };

  const form = useWorkbenchForm({
    id: wording.form,
    labels,
    defaultValues: empty,
    toRequest: ({ event, day, time, brookColour, note }) => ({
      caseId: timeline.caseId,
      event,
      occurredAt: instantFrom(day, time) ?? '',
      note,
      ...(brookColour ? { brookColour } : {}),
    }),
    check: ({ event, day, time, brookColour }) => {
      const problems: FieldProblem[] = [];
      if (!event) problems.push({ path: 'event', message: 'Choose the step' });
      if (!day) problems.push({ path: 'occurredAt', message: `Enter the date of the ${noun}` });
      if (!time) problems.push({ path: 'occurredAtTime', message: `Enter the time of the ${noun}` });
      const entry = entryProblems([
        ['occurredAt', day, labels.occurredAt, 'date'],
        ['occurredAtTime', time, labels.occurredAtTime, 'time'],
      ]);
      problems.push(...entry);
      if (day && time && !instantFrom(day, time) && entry.length === 0)
        problems.push({ path: 'occurredAt', message: 'Enter a real date and time' });
      if (wording.colourRequired && colours.length > 0 && !brookColour)
        problems.push({ path: 'brookColour', message: 'Choose the Brook colour the screening found' });
      return problems;
    },
    send: (request) => call('pathway.recordEvent', request),
    onSubmitStart: () => setSaved(null),
    resetOnSuccess: true,
    onSuccess: (recorded, { event, brookColour }) => {
      const step = timeline.triggerEvents.find((t) => t.id === event)?.label ?? 'Step';
      const colour = colours.find((c) => c.id === brookColour)?.label;
      setSaved({ title: wording.saved(step, colour), detail: startedMessage(timeline, recorded) });
      onRecorded(recorded);
    },
  });

  return { form, saved };
}
