import { useState } from 'react';
import type { RichText } from '#domain/assessment/rich-text.ts';
import { call } from '../../app/api.ts';
import { ActionButton } from '../../ui/ActionButton.tsx';
import { InstantText } from '../../ui/DateText.tsx';
import { useAction } from '../../ui/form/useAction.ts';
import { SuccessNotice } from '../../ui/Notice.tsx';
import { Refusal } from '../../ui/Refusal.tsx';
import { RichTextView } from '../../ui/rich-text/RichTextView.tsx';
import { PartComments } from './ReturnedNotes.tsx';
import { SectionEditor } from './SectionEditor.tsx';
import { clockTime, PartHeading, type PartProps, partTitleId, type Section } from './shared.tsx';

/** The analysis, formulation and plan: rich text sections written by either assessor, one at a time. */
export function NarrativePart(props: PartProps) {
  const { view } = props;
  return (
    <section aria-labelledby={partTitleId('narrative')} className="assessment-part">
      <PartHeading part="narrative">Analysis and plan</PartHeading>
      <p className="body measure">
        Either assessor can write a section. While you edit it, the section is held for you and your typing is
        saved as a draft every few seconds, so nothing is lost if the workbench closes. If the other assessor
        saved the section after you started, the two texts are shown side by side before anything is saved.
      </p>
      {view.sections.map((section) => (
        <NarrativeSection key={section.key} section={section} {...props} />
      ))}
    </section>
  );
}

interface Editing {
  baseVersion: number;
  saved: RichText;
  draft: Section['myDraft'];
}

function NarrativeSection({ section, view, canWrite, onView }: PartProps & { section: Section }) {
  const titleId = `section-${section.key}-title`;
  const [editing, setEditing] = useState<Editing | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const { busy, refusal, act } = useAction();
  const held = section.heldBy && !section.heldBy.isViewer ? section.heldBy : null;

  const startEditing = () =>
    act({
      onStart: () => setNotice(null),
      request: async () => {
        const result = await call('assessments.holdSection', {
          assessmentId: view.id,
          sectionKey: section.key,
        });
        if (!result.ok) {
          // Someone else is editing it: say so and stay read-only, showing the latest saved text.
          const latest = await call('assessments.get', { id: view.id });
          if (latest.ok) onView(latest.data);
        }
        return result;
      },
      onDone: (next) => {
        onView(next);
        const now = next.sections.find((s) => s.key === section.key) ?? section;
        setEditing({ baseVersion: now.version, saved: now.content, draft: now.myDraft });
      },
    });

  const focusHeading = () => requestAnimationFrame(() => document.getElementById(titleId)?.focus());

  return (
    <section aria-labelledby={titleId} className="narrative">
      <h3 id={titleId} tabIndex={-1} className="narrative__title">
        {section.heading}
      </h3>
      <PartComments view={view} about={`section:${section.key}`} />
      {notice ? <SuccessNotice title={notice} /> : null}
      {editing ? (
        <SectionEditor
          view={view}
          section={section}
          baseVersion={editing.baseVersion}
          saved={editing.saved}
          draft={editing.draft}
          onView={onView}
          onClose={(outcome) => {
            setEditing(null);
            setNotice(
              outcome === 'saved'
                ? `${section.heading} has been saved.`
                : `You have stopped editing ${section.heading}. Your unsaved draft is kept: you can restore it the next time you edit.`,
            );
            focusHeading();
          }}
        />
      ) : (
        <>
          {refusal ? (
            <Refusal title={`You cannot edit ${section.heading} just now`} message={refusal.message} />
          ) : held ? (
            <p className="held-by">
              <span className="held-by__mark" aria-hidden="true">
                ✎
              </span>{' '}
              {held.name} is editing this section (since {clockTime(held.since, false)}).
            </p>
          ) : null}
          <RichTextView doc={section.content} headingLevel={4} />
          {section.updatedAt ? (
            <p className="narrative__saved hint">
              Last saved by {section.updatedByName}, <InstantText value={section.updatedAt} withTime />
            </p>
          ) : null}
          {canWrite && section.myDraft ? (
            <p className="body hint">
              You have an unsaved draft of this section from {clockTime(section.myDraft.savedAt, false)}. Edit
              the section to restore it.
            </p>
          ) : null}
          {canWrite ? (
            <ActionButton
              className="button button--secondary"
              onClick={() => void startEditing()}
              busy={busy}
            >
              Edit {section.heading}
            </ActionButton>
          ) : null}
        </>
      )}
    </section>
  );
}
