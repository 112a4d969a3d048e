import '../../styles/assessment.css';
import { useWatch } from 'react-hook-form';
import type { z } from 'zod';
import type { frameworkListItem } from '#contract/assessment-schemas.ts';
import { calls } from '#contract/calls.ts';
import type { Child, HsbCase, UserSummary } from '#contract/schemas.ts';
import { askedFacts, type TrainedAssessors, trainedAssessors } from '#domain/profiles/practice.ts';
import type { Profile } from '#domain/profiles/schema.ts';
import { call } from '../../app/api.ts';
import { useRouter } from '../../app/router.tsx';
import { BackLink } from '../../ui/BackLink.tsx';
import {
  BoundField,
  Form,
  FormDate,
  FormDateTime,
  FormRadios,
  FormSelect,
  FormTextArea,
  SubmitButton,
} from '../../ui/form/Form.tsx';
import { useWorkbenchForm } from '../../ui/form/useWorkbenchForm.ts';
import { LoadFailed, Loading } from '../../ui/LoadFailed.tsx';
import { PageHeading } from '../../ui/PageHeading.tsx';
import { errorsFromResult, orderProblems } from '../../ui/problems.ts';
import { all, useLoad } from '../../ui/useLoad.ts';
import { RouteRadios } from './RouteRadios.tsx';
import { agencyLabel } from './shared.tsx';
import {
  FORM,
  fromConcern,
  LABELS,
  type RouteName,
  type StartValues,
  startProblems,
  startRequest,
  YES_NO_OPTIONS,
  type YesNo,
} from './start-form.ts';

type FrameworkListItem = z.infer<typeof frameworkListItem>;

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
  /** The concern's facts, carried over (issue 14). */
  concern: ReturnType<typeof fromConcern>;
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
    // The concern already recorded gives the referral date and the eligibility facts (said once).
    const summary = await call('pathway.summary', { caseId });
    return {
      ok: true,
      data: {
        hsbCase: got.case,
        child: got.child,
        frameworks,
        users,
        profile: profile.ok ? profile.data.document : null,
        concern: summary.ok ? fromConcern(summary.data.referrals) : null,
      },
    };
  });

  return (
    <>
      <BackLink to={{ name: 'case', caseId, section: 'assessments' }}>Back to the case</BackLink>
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

function StartForm({ data }: { data: Loaded }) {
  const { hsbCase, child, frameworks, users, profile, concern } = data;
  const { navigate } = useRouter();
  const form = useWorkbenchForm({
    id: FORM,
    labels: LABELS,
    defaultValues: {
      frameworkId: frameworks.length === 1 ? (frameworks[0]?.id ?? '') : '',
      route: '',
      reasons: '',
      qualityReviewNotified: '',
      decisionDay: '',
      decisionTime: '',
      referralDate: '',
      lastBehaviourDate: '',
      residesInArea: '',
      police: '',
      asked: {},
      leadAssessorId: '',
      coAssessorId: '',
      proceedReason: '',
      ...concern?.values,
    } as StartValues,
    request: calls['assessments.start'].request,
    toRequest: (values) => startRequest(hsbCase.id, values),
    check: startProblems,
    send: (request) => call('assessments.start', request),
    onRefused: (error) => {
      const shown = errorsFromResult(error);
      return { ...shown, problems: orderProblems(shown.problems, Object.keys(LABELS)) };
    },
    onSuccess: (started) =>
      navigate(
        { name: 'assessment', assessmentId: started.id },
        `The ${started.framework.name} assessment has started. Record the planning meeting and the first session with the child next.`,
      ),
  });

  // Only the case's allocated social worker and YOS practitioner may be its assessors.
  const allocated = [hsbCase.socialWorkerId, hsbCase.yosPractitionerId];
  const practitioners = users
    .filter((u) => u.active && u.roles.includes('practitioner') && allocated.includes(u.id))
    .sort((a, b) => a.name.localeCompare(b.name, 'en-GB'))
    .map((u) => ({
      value: u.id,
      label: `${u.name} — ${agencyLabel(u.agency)}${u.aimTrained ? ', AIM-trained' : ''}`,
    }));

  /** The welfare route is led by the allocated social worker, the criminal route by the YOS practitioner. */
  function chooseRoute(next: RouteName) {
    const { getValues, setValue } = form.methods;
    if (getValues('leadAssessorId') || getValues('coAssessorId')) return;
    const [lead, co] =
      next === 'welfare'
        ? [hsbCase.socialWorkerId, hsbCase.yosPractitionerId]
        : [hsbCase.yosPractitionerId, hsbCase.socialWorkerId];
    if (practitioners.some((p) => p.value === lead)) setValue('leadAssessorId', lead);
    if (practitioners.some((p) => p.value === co)) setValue('coAssessorId', co);
  }

  return (
    <Form form={form} label="Start an AIM assessment">
      <p className="body">
        Record the decision to assess {child.name} and who will do it. The case runs under the{' '}
        {profile ? `${profile.name} profile` : 'case’s protocol profile'}, which sets the eligibility
        criteria, the training the co-assessors need and the assessment window.
      </p>
      <DecisionFields frameworks={frameworks} profile={profile} onRoute={chooseRoute} />
      <EligibilityFields child={child} profile={profile} concern={concern} />
      <h2 className="heading-m">The co-assessors</h2>
      <p className="body hint">
        The case’s allocated social worker and YOS practitioner.{' '}
        {TRAINING_HINTS[profile ? trainedAssessors(profile) : 'both']}
      </p>
      <FormSelect name="leadAssessorId" options={practitioners} placeholder="Choose the lead assessor" />
      <FormSelect name="coAssessorId" options={practitioners} placeholder="Choose the co-assessor" />
      <FormTextArea
        name="proceedReason"
        hint="Only if the child does not meet the profile’s criteria and the assessment goes ahead anyway, for example because a court directed it."
        rows={3}
      />
      <SubmitButton>Start the assessment</SubmitButton>
    </Form>
  );
}

function DecisionFields({
  frameworks,
  profile,
  onRoute,
}: {
  frameworks: FrameworkListItem[];
  profile: Profile | null;
  onRoute: (route: RouteName) => void;
}) {
  const frameworkId = useWatch<StartValues, 'frameworkId'>({ name: 'frameworkId' });
  const framework = frameworks.find((f) => f.id === frameworkId);
  const qualityReview = profile?.terminology.qualityReview;
  return (
    <>
      <h2 className="heading-m">The decision</h2>
      <FormSelect
        name="frameworkId"
        hint={framework ? framework.description : 'The template the assessment follows.'}
        options={frameworks.map((f) => ({
          value: f.id,
          label: f.itemSet ? `${f.name} (licensed items: ${f.itemSet.name})` : f.name,
        }))}
        placeholder="Choose a framework"
      />
      <BoundField<RouteName | ''>
        name="route"
        render={(bound) => (
          <RouteRadios
            form={bound.form}
            label={LABELS.route}
            value={bound.value}
            onChange={(next) => {
              bound.onChange(next);
              onRoute(next);
            }}
            errors={bound.errors}
          />
        )}
      />
      <FormTextArea
        name="reasons"
        hint="What was reported and why an assessment is needed. This is recorded and notified."
        rows={4}
      />
      <FormTextArea
        name="qualityReviewNotified"
        hint={
          qualityReview
            ? `Required under the ${profile?.name} profile: how and when the ${qualityReview} was told of the decision.`
            : 'Optional under this profile: record it if a quality-review service was notified.'
        }
        rows={2}
      />
      <FormDateTime dateName="decisionDay" timeName="decisionTime" path="decisionAt" />
    </>
  );
}

function EligibilityFields({
  child,
  profile,
  concern,
}: {
  child: Child;
  profile: Profile | null;
  concern: Loaded['concern'];
}) {
  // A date says where it came from while it is still the concern's.
  const [referralDate, lastBehaviourDate] = useWatch<StartValues, ['referralDate', 'lastBehaviourDate']>({
    name: ['referralDate', 'lastBehaviourDate'],
  });
  const carried = (value: string, from: string | undefined) =>
    concern && value && value === from ? concern.note : undefined;
  return (
    <>
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
      {concern ? (
        <p className="body hint">
          The referral date and the facts below are filled in {concern.note}. Change any that have moved on
          since.
        </p>
      ) : null}
      <div className="field-row">
        <FormDate
          name="referralDate"
          path="facts.referralDate"
          after={carried(referralDate, concern?.values.referralDate)}
        />
        <FormDate
          name="lastBehaviourDate"
          path="facts.lastBehaviourDate"
          after={carried(lastBehaviourDate, concern?.values.lastBehaviourDate)}
        />
      </div>
      <FormRadios<YesNo>
        name="residesInArea"
        path="facts.residesInArea"
        hint={`Whether ${child.name} lives in the area covered by ${profile?.authority ?? 'the area'}.`}
        options={YES_NO_OPTIONS}
      />
      <FormRadios<YesNo> name="police" path="facts.ongoingPoliceInvestigation" options={YES_NO_OPTIONS} />
      {(profile ? askedFacts(profile) : []).map((q) => (
        <FormRadios<YesNo>
          key={q.fact}
          name={`asked.${q.fact}`}
          path={`facts.${q.fact}`}
          label={q.question}
          options={YES_NO_OPTIONS}
        />
      ))}
    </>
  );
}
