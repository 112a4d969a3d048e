import { useState } from 'react';
import type { Result } from '#contract/errors.ts';
import type { CasePerson, ConsentRecord } from '#contract/pattern-map-schemas.ts';
import type { UserSummary } from '#contract/schemas.ts';
import { call } from '../../app/api.ts';
import { useSession } from '../../app/session.tsx';
import { SuccessNotice } from '../../ui/Notice.tsx';
import { all } from '../../ui/useLoad.ts';
import { ConsentSection, consentStillNeeded } from './ConsultationConsent.tsx';
import { ConsultationRecord } from './ConsultationRecord.tsx';
import { RequestForm } from './ConsultationRequest.tsx';
import { type CaseBasics, CaseScreen, hasHub, loadBasics } from './shared.tsx';

interface Data extends CaseBasics {
  people: CasePerson[];
  consents: ConsentRecord[];
  users: UserSummary[];
}

async function load(caseId: string): Promise<Result<Data>> {
  const results = all<[CaseBasics, { people: CasePerson[]; consents: ConsentRecord[] }, UserSummary[]]>(
    await Promise.all([loadBasics(caseId), call('map.get', { caseId }), call('users.list', {})]),
  );
  if (!results.ok) return results;
  const [basics, map, users] = results.data;
  return { ok: true, data: { ...basics, people: map.people, consents: map.consents, users } };
}

/** Lancashire: consent, the allocated social worker's request, the hub's screening and the consultation meeting. */
export function ConsultationScreen({ caseId }: { caseId: string }) {
  return (
    <CaseScreen
      caseId={caseId}
      title={(data) => (data ? `Consultation with the ${data.summary.terms.hub}` : 'Consultation')}
      load={load}
      what="the consultation"
    >
      {(data) =>
        hasHub(data.summary) ? (
          <ConsultationWork data={data} />
        ) : (
          <p className="body">
            This case’s profile has no HSB hub that takes consultation requests. Use the strategy meeting and
            the plans and records instead.
          </p>
        )
      }
    </CaseScreen>
  );
}

function ConsultationWork({ data }: { data: Data }) {
  const { user } = useSession();
  const [summary, setSummary] = useState(data.summary);
  const [people, setPeople] = useState(data.people);
  const [consents, setConsents] = useState(data.consents);
  const [requested, setRequested] = useState(false);
  const caseId = data.hsbCase.id;
  const open = data.hsbCase.status === 'open';
  const hub = summary.terms.hub;
  const isSocialWorker = user.id === data.hsbCase.socialWorkerId;
  const running = summary.consultations.some((c) => c.state === 'requested' || c.state === 'accepted');
  const stillNeeded = consentStillNeeded(summary, people, consents);
  const socialWorker =
    data.users.find((u) => u.id === data.hsbCase.socialWorkerId)?.name ?? 'the allocated social worker';
  return (
    <>
      {open ? (
        <ConsentSection
          caseId={caseId}
          summary={summary}
          people={people}
          consents={consents}
          onConsents={setConsents}
          onPerson={(p) => setPeople((list) => [...list, p])}
        />
      ) : null}
      <section aria-labelledby="request-title" className="section section--divided">
        <h2 id="request-title" className="heading-m">
          Request a consultation
        </h2>
        {!open ? <p className="body">This case is closed.</p> : null}
        {open && !isSocialWorker ? (
          <p className="body">
            Only the allocated social worker, {socialWorker}, can request a consultation.
          </p>
        ) : null}
        {requested ? (
          <SuccessNotice title={`Consultation requested: it is now with the ${hub} to screen.`} />
        ) : null}
        {open && isSocialWorker && running && !requested ? (
          <p className="body">A request is already with the {hub}: see below.</p>
        ) : null}
        {open && isSocialWorker && !running && stillNeeded.length > 0 ? (
          <p className="body">Consent still to be recorded as given: {stillNeeded.join(', ')}.</p>
        ) : null}
        {open && isSocialWorker && !running ? (
          <RequestForm
            consentKey={consents.length}
            caseId={caseId}
            hub={hub}
            users={data.users}
            hsbCase={data.hsbCase}
            onDone={(next) => {
              setRequested(true);
              setSummary(next);
            }}
          />
        ) : null}
      </section>
      <section aria-labelledby="consultations-title" className="section section--divided">
        <h2 id="consultations-title" className="heading-m">
          Consultation records
        </h2>
        {summary.consultations.length === 0 ? (
          <p className="body hint">No consultation has been requested on this case yet.</p>
        ) : (
          [...summary.consultations]
            .reverse()
            .map((c) => (
              <ConsultationRecord
                key={c.id}
                caseId={caseId}
                consultation={c}
                hub={hub}
                open={open}
                userName={user.name}
                onDone={setSummary}
              />
            ))
        )}
      </section>
    </>
  );
}
