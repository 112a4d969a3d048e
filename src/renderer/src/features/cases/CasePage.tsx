import { type ReactNode, useEffect, useRef, useState } from 'react';
import type { Child, HsbCase, ProfileSummary, UserSummary } from '#contract/schemas.ts';
import { GENDER_LABELS, INTERPRETER_LABELS, SEND_LABELS } from '#contract/vocabulary.ts';
import { call } from '../../app/api.ts';
import { useSession } from '../../app/session.tsx';
import { BackLink } from '../../ui/BackLink.tsx';
import { BirthDateText, InstantText } from '../../ui/DateText.tsx';
import { LoadFailed, Loading } from '../../ui/LoadFailed.tsx';
import { SuccessNotice } from '../../ui/Notice.tsx';
import { PageHeading } from '../../ui/PageHeading.tsx';
import { Section } from '../../ui/Section.tsx';
import { SectionNav, ShownSection } from '../../ui/SectionNav.tsx';
import { all, useLoad } from '../../ui/useLoad.ts';
import { CaseAssessments } from '../assessment/CaseAssessments.tsx';
import { EditChildForm } from '../children/EditChildForm.tsx';
import { PathwayHistory } from '../pathway/PathwayHistory.tsx';
import { PathwaySection } from '../pathway/PathwaySection.tsx';
import { PathwayStatus } from '../pathway/PathwayStatus.tsx';
import { CaseAccessSection } from './CaseAccessSection.tsx';
import { CaseClosureSection } from './CaseClosureSection.tsx';
import { CaseNotesSection } from './CaseNotesSection.tsx';

interface CaseData {
  hsbCase: HsbCase;
  child: Child;
  profiles: ProfileSummary[];
  users: UserSummary[];
}

/** One child's HSB case: who the child is, the profile, who is allocated, and the pathway with its deadlines. */
export function CasePage({ caseId, section }: { caseId: string; section?: string }) {
  const [loaded, reload] = useLoad(async () => {
    const results = all<[{ case: HsbCase; child: Child }, ProfileSummary[], UserSummary[]]>(
      await Promise.all([
        call('cases.get', { id: caseId }),
        call('profiles.list', {}),
        call('users.list', {}),
      ]),
    );
    if (!results.ok) return results;
    const [got, profiles, users] = results.data;
    return { ok: true as const, data: { hsbCase: got.case, child: got.child, profiles, users } };
  });

  if (loaded.state === 'loading') {
    return (
      <>
        <BackToCases />
        <PageHeading>Case</PageHeading>
        <Loading what="the case" />
      </>
    );
  }
  if (loaded.state === 'failed') {
    return (
      <>
        <BackToCases />
        <PageHeading>Case</PageHeading>
        <LoadFailed error={loaded.error} onRetry={() => void reload()} />
      </>
    );
  }
  const { hsbCase, child } = loaded.data;
  return (
    <CaseView
      key={`${hsbCase.version}-${child.version}`}
      data={loaded.data}
      section={section}
      onChanged={() => void reload()}
    />
  );
}

function BackToCases() {
  return <BackLink to={{ name: 'cases' }}>Back to case list</BackLink>;
}

/** The parts of the case page, each at its own address (`#/cases/<id>/<part>`); the summary has none. */
const PARTS = [
  ['summary', 'Summary'],
  ['assessments', 'AIM assessments'],
  ['notes', 'Case notes'],
  ['history', 'History'],
  ['access', 'Access by others'],
  ['closure', 'Closing the case'],
] as const;
type Part = (typeof PARTS)[number][0];

function CaseView({
  data,
  section,
  onChanged,
}: {
  data: CaseData;
  section: string | undefined;
  onChanged: () => void;
}) {
  const { hsbCase } = data;
  const { user } = useSession();
  const seesAccess = user.id === hsbCase.socialWorkerId || hsbCase.managerIds.includes(user.id);
  const closes = hsbCase.managerIds.includes(user.id) && user.roles.includes('manager');
  const parts = PARTS.filter(([part]) => (part !== 'access' || seesAccess) && (part !== 'closure' || closes));
  const shown: Part = parts.find(([part]) => part === section)?.[0] ?? 'summary';
  const [child, setChild] = useState(data.child);
  const caseOpen = hsbCase.status === 'open';
  const caseId = hsbCase.id;

  return (
    <>
      <BackToCases />
      <PageHeading caption={`Case ${hsbCase.reference}`}>{child.name}</PageHeading>
      <SectionNav
        label="Parts of this case"
        links={[
          ...parts.map(([part, label]) => ({
            to: { name: 'case' as const, caseId, ...(part === 'summary' ? {} : { section: part }) },
            label,
            current: part === shown,
          })),
          { to: { name: 'pattern-map', caseId }, label: 'Pattern map', current: false },
          { to: { name: 'case-sync', caseId }, label: 'Working with other computers', current: false },
        ]}
      />
      <ShownSection section={shown}>
        {shown === 'summary' ? <CaseSummary data={data} child={child} setChild={setChild} /> : null}
        {shown === 'assessments' ? <CaseAssessments caseId={caseId} caseOpen={caseOpen} /> : null}
        {shown === 'notes' ? <CaseNotesSection caseId={caseId} caseOpen={caseOpen} /> : null}
        {shown === 'history' ? <PathwayHistory caseId={caseId} /> : null}
        {shown === 'access' ? <CaseAccessSection caseId={caseId} /> : null}
        {shown === 'closure' ? <CaseClosureSection hsbCase={hsbCase} onChanged={onChanged} /> : null}
      </ShownSection>
    </>
  );
}

/** The case at a glance: where things stand, its deadlines, the child, the case and who is allocated. */
function CaseSummary({
  data,
  child,
  setChild,
}: {
  data: CaseData;
  child: Child;
  setChild: (child: Child) => void;
}) {
  const { hsbCase, profiles, users } = data;
  // The pathway can move the case to a newer profile version; show the version it now runs under.
  const [profileVersion, setProfileVersion] = useState(hsbCase.profileVersion);
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState(false);
  // When the edit form closes, put focus back on the button that opened it.
  const editButton = useRef<HTMLButtonElement>(null);
  const wasEditing = useRef(false);
  useEffect(() => {
    if (wasEditing.current && !editing) editButton.current?.focus();
    wasEditing.current = editing;
  }, [editing]);
  const nameOf = (id: string) => users.find((u) => u.id === id)?.name ?? 'Unknown person';
  const profile = profiles.find((p) => p.id === hsbCase.profileId);

  async function latestChild(): Promise<Child | null> {
    const result = await call('cases.get', { id: hsbCase.id });
    if (!result.ok) return null;
    setChild(result.data.child);
    return result.data.child;
  }

  return (
    <>
      {saved && !editing ? <SuccessNotice title="The child’s details have been saved." /> : null}
      <PathwayStatus caseId={hsbCase.id} />
      <PathwaySection
        caseId={hsbCase.id}
        caseOpen={hsbCase.status === 'open'}
        onProfileVersion={setProfileVersion}
      />
      {editing ? (
        <EditChildForm
          child={child}
          reload={latestChild}
          onCancel={() => setEditing(false)}
          onSaved={(updated) => {
            setChild(updated);
            setEditing(false);
            setSaved(true);
          }}
        />
      ) : (
        <Section id="child-title" title="Child">
          <SummaryList
            rows={[
              ['Full name', child.name],
              ['Preferred name', child.preferredName],
              ['Date of birth', <BirthDateText key="dob" value={child.dateOfBirth} />],
              ['Gender', GENDER_LABELS[child.gender]],
              ['Social care system number', child.socialCareNumber],
              ['Youth justice system number', child.youthJusticeNumber],
              ['Area of residence', child.areaOfResidence],
              ['School', child.school],
              ['Ethnicity', child.ethnicity],
              ['First language', child.firstLanguage],
              [
                'Interpreter needed',
                child.interpreterNeeded ? INTERPRETER_LABELS[child.interpreterNeeded] : '',
              ],
              [
                'Special educational needs and disabilities (SEND)',
                child.send ? (
                  <span key="send" className="prewrap">
                    {SEND_LABELS[child.send]}
                    {child.sendNote ? `\n${child.sendNote}` : ''}
                  </span>
                ) : (
                  child.sendNote
                ),
              ],
              ['Home address', lines(child.homeAddress)],
              ['GP', lines([child.gpPractice, child.gpContact].filter(Boolean).join('\n'))],
            ]}
          />
          <button
            ref={editButton}
            type="button"
            className="button button--secondary"
            onClick={() => {
              setSaved(false);
              setEditing(true);
            }}
          >
            Edit child details
          </button>
        </Section>
      )}

      <Section id="case-title" title="Case">
        <SummaryList
          rows={[
            ['Case reference', hsbCase.reference],
            ['Status', hsbCase.status === 'open' ? 'Open' : 'Closed'],
            [
              'Protocol profile',
              profile
                ? `${profile.name}, version ${profileVersion}`
                : `${hsbCase.profileId}, version ${profileVersion}`,
            ],
            [
              'Opened',
              <span key="opened">
                <InstantText value={hsbCase.openedAt} /> by {nameOf(hsbCase.openedBy)}
              </span>,
            ],
          ]}
        />
      </Section>

      <Section id="allocation-title" title="Allocation">
        <SummaryList
          rows={[
            ['Social worker (Children’s Social Care)', nameOf(hsbCase.socialWorkerId)],
            ['YOS practitioner', nameOf(hsbCase.yosPractitionerId)],
            [
              'Managers',
              hsbCase.managerIds.length === 0 ? (
                <span key="none" className="hint">
                  None allocated
                </span>
              ) : (
                <ul key="managers" className="list">
                  {hsbCase.managerIds.map((id) => (
                    <li key={id}>{nameOf(id)}</li>
                  ))}
                </ul>
              ),
            ],
          ]}
        />
      </Section>
    </>
  );
}

/** Text over several lines (an address), kept as written; '' stays '' ("Not recorded"). */
const lines = (text: string): ReactNode =>
  text ? (
    <span key="lines" className="prewrap">
      {text}
    </span>
  ) : (
    ''
  );

function SummaryList({ rows }: { rows: [string, ReactNode][] }) {
  return (
    <dl className="summary-list">
      {rows.map(([key, value]) => (
        <div className="summary-list__row" key={key}>
          <dt className="summary-list__key">{key}</dt>
          <dd className="summary-list__value">
            {value === '' ? <span className="hint">Not recorded</span> : value}
          </dd>
        </div>
      ))}
    </dl>
  );
}
