import {
  askedFacts,
  type ProfileAskedFact,
  type TrainedAssessors,
  trainedAssessors,
} from '#domain/profiles/practice.ts';
import '../../styles/assessment.css';
import { type FormEvent, useState } from 'react';
import type { z } from 'zod';
import type { frameworkListItem } from '#contract/assessment-schemas.ts';
import type { FieldProblem } from '#contract/errors.ts';
import type { Child, HsbCase, UserSummary } from '#contract/schemas.ts';
import type { Profile } from '#domain/profiles/schema.ts';
import { call } from '../../app/api.ts';
import { RouteLink, useRouter } from '../../app/router.tsx';
import { DateField } from '../../ui/DateField.tsx';
import { ErrorSummary } from '../../ui/ErrorSummary.tsx';
import { DateTimeFields, RadioGroup, SelectField, TextAreaField } from '../../ui/Field.tsx';
import { useSubmission } from '../../ui/form/useSubmission.ts';
import { LoadFailed, Loading } from '../../ui/LoadFailed.tsx';
import { PageHeading } from '../../ui/PageHeading.tsx';
import { entryProblems, orderProblems } from '../../ui/problems.ts';
import { all, useLoad } from '../../ui/useLoad.ts';
import { RouteRadios } from './RouteRadios.tsx';
import { agencyLabel, instantOf } from './shared.tsx';

type FrameworkListItem = z.infer<typeof frameworkListItem>;

const FORM = 'start-assessment';
const LABELS = {
  frameworkId: 'Assessment framework',
  route: 'Route',
  reasons: 'Reasons for the decision to assess',
  qualityReviewNotified: 'Quality-review service notified (how and when)',
  decisionAt: 'Date of the decision',
  decisionAtTime: 'Time of the decision',
  'facts.referralDate': 'Referral date',
  'facts.lastBehaviourDate': 'Date of the most recent behaviour',
  'facts.residesInArea': 'Does the child live in the area?',
  'facts.ongoingPoliceInvestigation': 'Is there an ongoing police investigation?',
  leadAssessorId: 'Lead assessor',
  coAssessorId: 'Co-assessor',
  proceedReason: 'Reason to proceed although the criteria are not met',
};

const TRAINING_HINTS: Record<TrainedAssessors, string> = {
  both: 'Under this profile both must be AIM-trained.',
  'youth-justice': 'Under this profile the youth justice co-assessor must be AIM-trained.',
  lead: 'Under this profile the lead assessor must be AIM-trained; the co-assessor need not be.',
  'not-stated': 'The procedure does not say whether they must be AIM-trained.',
};

interface Loaded {
  hsbCase: HsbCase;
  child: Child;
  frameworks: FrameworkListItem[];
  users: UserSummary[];
  profile: Profile | null;
}

/** The decision to assess: framework, route, reasons, eligibility facts and the two co-assessors (`assessments.start`). */
export function StartAssessmentScreen({ caseId }: { caseId: string }) {
  const [loaded, reload] = useLoad<Loaded>(async () => {
    const results = all<[{ case: HsbCase; child: Child }, FrameworkListItem[], UserSummary[]]>(
      await Promise.all([
        call('cases.get', { id: caseId }),
        call('frameworks.list', {}),
        call('users.list', {}),
      ]),
    );
    if (!results.ok) return results;
    const [got, frameworks, users] = results.data;
    // The profile only adds guidance (its quality-review service, training rule and criteria).
    const profile = await call('profiles.get', { id: got.case.profileId, version: got.case.profileVersion });
    return {
      ok: true,
      data: {
        hsbCase: got.case,
        child: got.child,
        frameworks,
        users,
        profile: profile.ok ? profile.data.document : null,
      },
    };
  });

  return (
    <>
      <p className="back-link-wrapper">
        <RouteLink to={{ name: 'case', caseId }} className="back-link">
          Back to the case
        </RouteLink>
      </p>
      {loaded.state === 'ready' ? (
        <>
          <PageHeading caption={`Case ${loaded.data.hsbCase.reference}: ${loaded.data.child.name}`}>
            Start an AIM assessment
          </PageHeading>
          <StartForm data={loaded.data} />
        </>
      ) : (
        <>
          <PageHeading>Start an AIM assessment</PageHeading>
          {loaded.state === 'loading' ? <Loading what="the case, frameworks and practitioners" /> : null}
          {loaded.state === 'failed' ? (
            <LoadFailed error={loaded.error} onRetry={() => void reload()} />
          ) : null}
        </>
      )}
    </>
  );
}

type YesNo = 'yes' | 'no' | 'unknown';
const YES_NO_OPTIONS: { value: YesNo; label: string }[] = [
  { value: 'yes', label: 'Yes' },
  { value: 'no', label: 'No' },
  { value: 'unknown', label: 'Not known' },
];
const answer = (v: YesNo | '') => (v === 'yes' ? true : v === 'no' ? false : undefined);

function StartForm({ data }: { data: Loaded }) {
  const { hsbCase, child, frameworks, users, profile } = data;
  const { navigate } = useRouter();
  const [frameworkId, setFrameworkId] = useState(frameworks.length === 1 ? (frameworks[0]?.id ?? '') : '');
  const [route, setRoute] = useState<'welfare' | 'criminal' | ''>('');
  const [reasons, setReasons] = useState('');
  const [qualityReviewNotified, setQualityReviewNotified] = useState('');
  const [decisionDay, setDecisionDay] = useState('');
  const [decisionTime, setDecisionTime] = useState('');
  const [referralDate, setReferralDate] = useState('');
  const [lastBehaviourDate, setLastBehaviourDate] = useState('');
  const [residesInArea, setResidesInArea] = useState<YesNo | ''>('');
  const [police, setPolice] = useState<YesNo | ''>('');
  // Questions only this profile's criteria ask (Lancashire: open to CSC at CoN Level 4; not open to CYJS).
  const [asked, setAsked] = useState<Partial<Record<ProfileAskedFact, YesNo | ''>>>({});
  const [leadAssessorId, setLeadAssessorId] = useState('');
  const [coAssessorId, setCoAssessorId] = useState('');
  const [proceedReason, setProceedReason] = useState('');
  const { errors, setErrors, busy, send, submitting } = useSubmission();

  // Only the case's allocated social worker and YOS practitioner may be its assessors.
  const allocated = [hsbCase.socialWorkerId, hsbCase.yosPractitionerId];
  const practitioners = users
    .filter((u) => u.active && u.roles.includes('practitioner') && allocated.includes(u.id))
    .sort((a, b) => a.name.localeCompare(b.name, 'en-GB'))
    .map((u) => ({
      value: u.id,
      label: `${u.name} — ${agencyLabel(u.agency)}${u.aimTrained ? ', AIM-trained' : ''}`,
    }));
  const framework = frameworks.find((f) => f.id === frameworkId);
  const qualityReview = profile?.terminology.qualityReview;
  const area = profile?.authority ?? 'the area';
  const training = profile ? trainedAssessors(profile) : 'both';

  /** The welfare route is led by the allocated social worker, the criminal route by the YOS practitioner. */
  function chooseRoute(next: 'welfare' | 'criminal') {
    setRoute(next);
    if (leadAssessorId || coAssessorId) return;
    const [lead, co] =
      next === 'welfare'
        ? [hsbCase.socialWorkerId, hsbCase.yosPractitionerId]
        : [hsbCase.yosPractitionerId, hsbCase.socialWorkerId];
    if (practitioners.some((p) => p.value === lead)) setLeadAssessorId(lead);
    if (practitioners.some((p) => p.value === co)) setCoAssessorId(co);
  }

  const submit = submitting(async (_event: FormEvent) => {
    const decisionAt = instantOf(decisionDay, decisionTime);
    const problems: FieldProblem[] = [];
    if (!frameworkId) problems.push({ path: 'frameworkId', message: 'Choose the assessment framework' });
    if (!route) problems.push({ path: 'route', message: 'Choose the route: welfare or criminal' });
    if (!reasons.trim())
      problems.push({ path: 'reasons', message: 'Enter the reasons for the decision to assess' });
    if (!decisionDay) problems.push({ path: 'decisionAt', message: 'Enter the date of the decision' });
    if (!decisionTime) problems.push({ path: 'decisionAtTime', message: 'Enter the time of the decision' });
    const entry = entryProblems([
      ['decisionAt', decisionDay, LABELS.decisionAt, 'date'],
      ['decisionAtTime', decisionTime, LABELS.decisionAtTime, 'time'],
    ]);
    problems.push(...entry);
    if (decisionDay && decisionTime && !decisionAt && entry.length === 0)
      problems.push({ path: 'decisionAt', message: 'Enter a real date and time for the decision' });
    problems.push(
      ...entryProblems([
        ['facts.referralDate', referralDate, 'Referral date', 'date'],
        ['facts.lastBehaviourDate', lastBehaviourDate, 'Date of the most recent behaviour', 'date'],
      ]),
    );
    if (!leadAssessorId) problems.push({ path: 'leadAssessorId', message: 'Choose the lead assessor' });
    if (!coAssessorId) problems.push({ path: 'coAssessorId', message: 'Choose the co-assessor' });
    if (problems.length > 0 || !route || !decisionAt) {
      setErrors({ problems: orderProblems(problems, Object.keys(LABELS)) });
      return;
    }
    const facts: {
      referralDate?: string;
      lastBehaviourDate?: string;
      residesInArea?: boolean;
      ongoingPoliceInvestigation?: boolean;
      openToChildrensSocialCare?: boolean;
      openToYouthJusticeService?: boolean;
    } = {};
    for (const [fact, value] of Object.entries(asked) as [ProfileAskedFact, YesNo | ''][]) {
      const given = answer(value);
      if (given !== undefined) facts[fact] = given;
    }
    if (referralDate) facts.referralDate = referralDate;
    if (lastBehaviourDate) facts.lastBehaviourDate = lastBehaviourDate;
    const lives = answer(residesInArea);
    if (lives !== undefined) facts.residesInArea = lives;
    const investigation = answer(police);
    if (investigation !== undefined) facts.ongoingPoliceInvestigation = investigation;
    const result = await send(
      call('assessments.start', {
        caseId: hsbCase.id,
        frameworkId,
        route,
        reasons,
        qualityReviewNotified,
        decisionAt,
        facts,
        proceedReason,
        leadAssessorId,
        coAssessorId,
      }),
    );
    if (!result.ok) {
      setErrors((found) => ({ ...found, problems: orderProblems(found.problems, Object.keys(LABELS)) }));
      return;
    }
    navigate(
      { name: 'assessment', assessmentId: result.data.id },
      `The ${result.data.framework.name} assessment has started. Record the planning meeting and the first session with the child next.`,
    );
  });

  return (
    <form onSubmit={(e) => void submit(e)} noValidate className="form" aria-label="Start an AIM assessment">
      <ErrorSummary form={FORM} errors={errors} labels={LABELS} />
      <p className="body">
        Record the decision to assess {child.name} and who will do it. The case runs under the{' '}
        {profile ? `${profile.name} profile` : 'case’s protocol profile'}, which sets the eligibility
        criteria, the training the co-assessors need and the assessment window.
      </p>

      <h2 className="heading-m">The decision</h2>
      <SelectField
        form={FORM}
        path="frameworkId"
        label={LABELS.frameworkId}
        hint={framework ? framework.description : 'The template the assessment follows.'}
        value={frameworkId}
        onChange={setFrameworkId}
        options={frameworks.map((f) => ({
          value: f.id,
          label: f.itemSet ? `${f.name} (licensed items: ${f.itemSet.name})` : f.name,
        }))}
        placeholder="Choose a framework"
        errors={errors}
      />
      <RouteRadios form={FORM} label={LABELS.route} value={route} onChange={chooseRoute} errors={errors} />
      <TextAreaField
        form={FORM}
        path="reasons"
        label={LABELS.reasons}
        hint="What was reported and why an assessment is needed. This is recorded and notified."
        value={reasons}
        onChange={setReasons}
        rows={4}
        errors={errors}
      />
      <TextAreaField
        form={FORM}
        path="qualityReviewNotified"
        label={LABELS.qualityReviewNotified}
        hint={
          qualityReview
            ? `Required under the ${profile?.name} profile: how and when the ${qualityReview} was told of the decision.`
            : 'Optional under this profile: record it if a quality-review service was notified.'
        }
        value={qualityReviewNotified}
        onChange={setQualityReviewNotified}
        rows={2}
        errors={errors}
      />
      <DateTimeFields
        form={FORM}
        path="decisionAt"
        dateLabel={LABELS.decisionAt}
        timeLabel={LABELS.decisionAtTime}
        date={decisionDay}
        time={decisionTime}
        onDate={setDecisionDay}
        onTime={setDecisionTime}
        errors={errors}
      />

      <h2 className="heading-m">Eligibility</h2>
      {profile && profile.eligibility.criteria.length > 0 ? (
        <div className="body">
          <p>The {profile.name} referral criteria:</p>
          <ul className="bullets">
            {profile.eligibility.criteria.map((c) => (
              <li key={c.id}>{c.label}</li>
            ))}
          </ul>
          <p className="hint">
            Leave a fact empty or “Not known” if you do not know it yet. The workbench checks the criteria
            when you start; if they are not met, record a reason to proceed below.
          </p>
        </div>
      ) : null}
      <div className="field-row">
        <DateField
          form={FORM}
          path="facts.referralDate"
          label={LABELS['facts.referralDate']}
          value={referralDate}
          onChange={setReferralDate}
          errors={errors}
        />
        <DateField
          form={FORM}
          path="facts.lastBehaviourDate"
          label={LABELS['facts.lastBehaviourDate']}
          value={lastBehaviourDate}
          onChange={setLastBehaviourDate}
          errors={errors}
        />
      </div>
      <RadioGroup
        form={FORM}
        path="facts.residesInArea"
        label={LABELS['facts.residesInArea']}
        hint={`Whether ${child.name} lives in the area covered by ${area}.`}
        options={YES_NO_OPTIONS}
        value={residesInArea}
        onChange={setResidesInArea}
        errors={errors}
      />
      <RadioGroup
        form={FORM}
        path="facts.ongoingPoliceInvestigation"
        label={LABELS['facts.ongoingPoliceInvestigation']}
        options={YES_NO_OPTIONS}
        value={police}
        onChange={setPolice}
        errors={errors}
      />
      {(profile ? askedFacts(profile) : []).map((q) => (
        <RadioGroup
          key={q.fact}
          form={FORM}
          path={`facts.${q.fact}`}
          label={q.question}
          options={YES_NO_OPTIONS}
          value={asked[q.fact] ?? ''}
          onChange={(v) => setAsked((a) => ({ ...a, [q.fact]: v }))}
          errors={errors}
        />
      ))}

      <h2 className="heading-m">The co-assessors</h2>
      <p className="body hint">
        The case’s allocated social worker and YOS practitioner. {TRAINING_HINTS[training]}
      </p>
      <SelectField
        form={FORM}
        path="leadAssessorId"
        label={LABELS.leadAssessorId}
        value={leadAssessorId}
        onChange={setLeadAssessorId}
        options={practitioners}
        placeholder="Choose the lead assessor"
        errors={errors}
      />
      <SelectField
        form={FORM}
        path="coAssessorId"
        label={LABELS.coAssessorId}
        value={coAssessorId}
        onChange={setCoAssessorId}
        options={practitioners}
        placeholder="Choose the co-assessor"
        errors={errors}
      />
      <TextAreaField
        form={FORM}
        path="proceedReason"
        label={LABELS.proceedReason}
        hint="Only if the child does not meet the profile’s criteria and the assessment goes ahead anyway, for example because a court directed it."
        value={proceedReason}
        onChange={setProceedReason}
        rows={3}
        errors={errors}
      />
      <button type="submit" className="button" aria-disabled={busy || undefined}>
        Start the assessment
      </button>
    </form>
  );
}
