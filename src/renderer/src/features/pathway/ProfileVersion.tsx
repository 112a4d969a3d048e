import { useState } from 'react';
import type { CaseTimeline } from '#contract/timescale-schemas.ts';
import { call } from '../../app/api.ts';
import { Form, FormTextArea, SubmitButton } from '../../ui/form/Form.tsx';
import { useWorkbenchForm } from '../../ui/form/useWorkbenchForm.ts';
import { SuccessNotice } from '../../ui/Notice.tsx';

const FORM = 'move-version';
const LABELS = { reason: 'Reason for moving the case' };

/**
 * The profile version the case runs under. When a newer version exists the case can be moved to it,
 * deliberately and with a reason: nothing changes an open case's deadlines silently.
 */
export function ProfileVersion({
  timeline,
  caseOpen,
  onMoved,
}: {
  timeline: CaseTimeline;
  caseOpen: boolean;
  onMoved: () => void;
}) {
  const { profile } = timeline;
  const [moved, setMoved] = useState<number | null>(null);
  return (
    <>
      <p className="body">
        <strong>Profile:</strong> {profile.name}, version {profile.version}
      </p>
      {moved !== null ? (
        <SuccessNotice title={`This case now runs under version ${moved} of the ${profile.name} profile.`}>
          <p className="body">Running deadlines whose rule changed have been recalculated.</p>
        </SuccessNotice>
      ) : null}
      {caseOpen && profile.latestVersion > profile.version ? (
        <MoveForm
          timeline={timeline}
          onMoved={(version) => {
            setMoved(version);
            onMoved();
          }}
        />
      ) : null}
    </>
  );
}

function MoveForm({ timeline, onMoved }: { timeline: CaseTimeline; onMoved: (version: number) => void }) {
  const { profile } = timeline;
  const target = profile.latestVersion;
  const form = useWorkbenchForm({
    id: FORM,
    labels: LABELS,
    defaultValues: { reason: '' },
    toRequest: (values) => ({ caseId: timeline.caseId, version: target, reason: values.reason }),
    check: (values) =>
      values.reason.trim()
        ? []
        : [{ path: 'reason', message: 'Enter why the case is moving to the new version' }],
    send: (request) => call('pathway.moveProfileVersion', request),
    resetOnSuccess: true,
    onSuccess: (summary) => onMoved(summary.profile.version),
  });

  const titleId = `${FORM}-title`;
  return (
    <div className="panel">
      <h3 id={titleId} className="heading-s heading--flush">
        Version {target} of the {profile.name} profile is available
      </h3>
      <p className="body">
        This case runs under version {profile.version}. Its deadlines keep the rules of version{' '}
        {profile.version} until the case is moved. Moving recalculates the running deadlines whose rule
        changed; the old ones stay on the case, marked as replaced.
      </p>
      <Form form={form} labelledBy={titleId}>
        <FormTextArea
          name="reason"
          hint="For example, the protocol was revised and the team agreed to use the new timescales."
          rows={3}
        />
        <SubmitButton>Move this case to version {target}</SubmitButton>
      </Form>
    </div>
  );
}
