import { useState } from 'react';
import type { ConsentRecord } from '#contract/pattern-map-schemas.ts';
import { formatDay, londonDay } from '#domain/dates.ts';
import { givenWords } from '#domain/pattern-map/consent-rule.ts';
import { call } from '../../app/api.ts';
import { InstantText } from '../../ui/DateText.tsx';
import { Form, FormRadios, FormSelect, FormTextArea, SubmitButton } from '../../ui/form/Form.tsx';
import { useWorkbenchForm } from '../../ui/form/useWorkbenchForm.ts';
import { SuccessNotice } from '../../ui/Notice.tsx';
import { missingProblems } from '../../ui/problems.ts';
import { CannotBeAskedPanel } from './CannotBeAskedPanel.tsx';
import { viewWords } from './labels.ts';
import { MapExportForm } from './MapExportForm.tsx';
import { useMapStore } from './store.ts';

const PURPOSE = 'map-sharing-external' as const;
type Status = ConsentRecord['status'];

const STATUS_LABELS: Record<Status, string> = {
  given: 'Given',
  refused: 'Refused',
  'not-sought': 'Not sought',
};
/** Consent to share outside CSC, and exports: the map belongs to Children's Social Care. */
export function SharingSection() {
  return (
    <>
      <p className="body">
        The map belongs to Children’s Social Care. The allocated social worker shares it with the
        professionals involved. It goes to an external agency only with the allocated social worker’s
        permission and the consent of the child and their parents or carers. Every export is recorded.
      </p>
      <ConsentsPanel />
      <CannotBeAskedPanel />
      <MapExportForm />
    </>
  );
}

interface Subject {
  key: string;
  label: string;
  subject: ConsentRecord['subject'];
  personId: string | null;
}

function ConsentsPanel() {
  const map = useMapStore((s) => s.map);
  const view = useMapStore((s) => s.view);
  const setMap = useMapStore((s) => s.setMap);
  const words = viewWords(map, view);
  const subjects: Subject[] = [
    {
      key: 'social-worker-permission',
      label: `Permission of the allocated social worker (${map.sharing.allocatedSocialWorkerName})`,
      subject: 'social-worker-permission',
      personId: null,
    },
    { key: 'child', label: `The child (${words.child})`, subject: 'child', personId: null },
    ...map.people
      .filter((p) => p.kind === 'parent-carer')
      .map((p) => ({
        key: `parent-carer:${p.id}`,
        label: `${words.person(p.id)}, parent or carer`,
        subject: 'parent-carer' as const,
        personId: p.id,
      })),
  ];
  const latest = (s: Subject) =>
    map.consents
      .filter((c) => c.purpose === PURPOSE && c.subject === s.subject && c.personId === s.personId)
      .at(-1);

  const [done, setDone] = useState<string | null>(null);
  const labels = { subject: 'Whose consent or permission?', status: 'Answer', reason: 'Reason' };
  const chosenOf = (who: string) => subjects.find((s) => s.key === who);

  const form = useWorkbenchForm({
    id: 'pm-consent',
    labels,
    defaultValues: { who: '', status: '' as Status | '', reason: '' },
    toRequest: (v) => {
      const chosen = chosenOf(v.who);
      return {
        caseId: map.caseId,
        purpose: PURPOSE,
        subject: chosen?.subject ?? 'child',
        personId: chosen?.personId ?? null,
        status: (v.status || 'given') as Status,
        reason: v.reason,
      };
    },
    check: ({ who, status, reason }) => [
      ...missingProblems([
        ['subject', who, 'Choose whose consent or permission this is'],
        ['status', status, 'Choose whether it was given, refused or not sought'],
        ...(status && status !== 'given'
          ? [['reason', reason, 'Say why it was refused or not sought'] as [string, string, string]]
          : []),
      ]),
      ...(who && !chosenOf(who)
        ? [{ path: 'subject', message: 'Choose whose consent or permission this is' }]
        : []),
    ],
    send: (request) => call('consents.record', request),
    onRefused: () => {
      setDone(null);
      return undefined;
    },
    resetOnSuccess: true,
    onSuccess: async (data, v) => {
      const refreshed = await call('map.get', { caseId: map.caseId });
      if (refreshed.ok) setMap(refreshed.data);
      else setMap({ ...map, consents: data });
      setDone(`Recorded: ${chosenOf(v.who)?.label} — ${STATUS_LABELS[v.status as Status].toLowerCase()}.`);
    },
  });

  return (
    <section aria-labelledby="pm-consent-title" className="pm-subsection">
      <h3 id="pm-consent-title" className="heading-s">
        Consent to share with an external agency
      </h3>
      <dl className="pm-facts pm-facts--wide">
        {subjects.map((s) => {
          const record = latest(s);
          return (
            <div className="pm-facts__row" key={s.key}>
              <dt>{s.label}</dt>
              <dd>
                {record ? (
                  <>
                    <strong>{STATUS_LABELS[record.status]}</strong>
                    {record.reason ? `: ${record.reason}` : ''} (recorded by {record.recordedByName},{' '}
                    <InstantText value={record.recordedAt} />)
                    <RestsOn record={record} />
                  </>
                ) : (
                  <span className="hint">Not recorded</span>
                )}
              </dd>
            </div>
          );
        })}
      </dl>
      {done ? <SuccessNotice title={done} /> : null}
      <EarlierConsents subjects={subjects} latest={latest} onDone={setDone} />
      <Form form={form} className="pm-form" labelledBy="pm-consent-form-title">
        <h4 id="pm-consent-form-title" className="pm-heading-xs">
          Record consent or permission
        </h4>
        <FormSelect
          name="who"
          path="subject"
          label={labels.subject}
          hint="Only the allocated social worker can record their own permission."
          options={subjects.map((s) => ({ value: s.key, label: s.label }))}
          placeholder="Choose"
        />
        <FormRadios<Status>
          name="status"
          label={labels.status}
          options={(['given', 'refused', 'not-sought'] as const).map((value) => ({
            value,
            label: STATUS_LABELS[value],
          }))}
          inline
        />
        <FormTextArea
          name="reason"
          label={labels.reason}
          hint="Required when consent was refused or not sought."
          rows={3}
        />
        <SubmitButton className="button button--secondary">Record consent</SubmitButton>
      </Form>
    </section>
  );
}

/** Under a consent to share that rests on one recorded earlier: which, and whether it was withdrawn. */
function RestsOn({ record }: { record: ConsentRecord }) {
  const consents = useMapStore((s) => s.map.consents);
  const basis = record.restsOn ? consents.find((c) => c.id === record.restsOn) : undefined;
  if (!basis) return null;
  return (
    <span className="pm-rests-on">
      {' '}
      Rests on the consent given {givenWords(basis)} at referral
      {basis.withdrawnAt ? (
        <strong>
          , withdrawn on {formatDay(londonDay(basis.withdrawnAt))}: the map cannot be shared on it
        </strong>
      ) : null}
      .
    </span>
  );
}

/**
 * Consent said once (issue 14): where someone already gave consent at referral and it still stands, the
 * practitioner uses it for sharing the map instead of typing it again; the record names the one it rests on.
 */
function EarlierConsents({
  subjects,
  latest,
  onDone,
}: {
  subjects: Subject[];
  latest: (s: Subject) => ConsentRecord | undefined;
  onDone: (done: string | null) => void;
}) {
  const map = useMapStore((s) => s.map);
  const view = useMapStore((s) => s.view);
  const setMap = useMapStore((s) => s.setMap);
  const [busy, setBusy] = useState(false);
  const [refused, setRefused] = useState<string | null>(null);
  const words = viewWords(map, view);
  const offers = subjects.flatMap((s) => {
    if (s.subject === 'social-worker-permission' || latest(s)?.status === 'given') return [];
    const earlier = map.consents
      .filter((c) => c.purpose !== PURPOSE && c.subject === s.subject && c.personId === s.personId)
      .at(-1);
    if (earlier?.status !== 'given' || earlier.withdrawnAt) return [];
    const who = s.personId ? words.person(s.personId) : `${words.child} (the child)`;
    return [{ subject: s, earlier, label: `Use the consent ${who} gave ${givenWords(earlier)}` }];
  });
  if (offers.length === 0) return null;
  async function use(offer: (typeof offers)[number]) {
    setBusy(true);
    setRefused(null);
    onDone(null);
    try {
      const result = await call('consents.record', {
        caseId: map.caseId,
        purpose: PURPOSE,
        subject: offer.subject.subject,
        personId: offer.subject.personId,
        status: 'given',
        reason: '',
        restsOn: offer.earlier.id,
      });
      if (!result.ok) {
        setRefused(result.error.message);
        return;
      }
      const refreshed = await call('map.get', { caseId: map.caseId });
      setMap(refreshed.ok ? refreshed.data : { ...map, consents: result.data });
      onDone(`Recorded: ${offer.subject.label} — given, resting on the consent given at referral.`);
    } finally {
      setBusy(false);
    }
  }
  return (
    <section className="pm-form" aria-labelledby="pm-earlier-title">
      <h4 id="pm-earlier-title" className="pm-heading-xs">
        Consent already given at referral
      </h4>
      <p className="body hint">
        Use a consent recorded at referral instead of recording it again, if it covers sharing the map.
      </p>
      {refused ? (
        <p className="body" role="alert">
          {refused}
        </p>
      ) : null}
      {offers.map((offer) => (
        <p key={offer.earlier.id}>
          <button
            type="button"
            className="button button--secondary"
            disabled={busy}
            onClick={() => void use(offer)}
          >
            {offer.label}
          </button>
        </p>
      ))}
    </section>
  );
}
