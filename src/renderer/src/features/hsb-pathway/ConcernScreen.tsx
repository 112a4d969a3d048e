import { type FormEvent, useEffect, useRef, useState } from 'react';
import type { FieldProblem, Result } from '../../../../contract/errors.ts';
import type { PathwaySummary } from '../../../../contract/pathway-calls.ts';
import { type CasePerson, PERSON_KIND_LABELS } from '../../../../contract/pattern-map-schemas.ts';
import type { CaseTimeline } from '../../../../contract/timescale-schemas.ts';
import type { Agency } from '../../../../contract/vocabulary.ts';
import { isIsoDay } from '../../../../domain/dates.ts';
import { exploitationAdvice } from '../../../../domain/pathway/stage.ts';
import { call } from '../../app/api.ts';
import { RouteLink } from '../../app/router.tsx';
import { DateField } from '../../ui/DateField.tsx';
import { ErrorSummary } from '../../ui/ErrorSummary.tsx';
import {
  CheckboxGroup,
  DateTimeFields,
  RadioGroup,
  SelectField,
  TextAreaField,
  TextField,
} from '../../ui/Field.tsx';
import { SuccessNotice, WarningText } from '../../ui/Notice.tsx';
import { AGENCY_OPTIONS } from '../../ui/options.ts';
import { FocusedSubheading } from '../../ui/PageHeading.tsx';
import {
  entryProblems,
  errorsFromResult,
  type FormErrors,
  NO_ERRORS,
  orderProblems,
} from '../../ui/problems.ts';
import { useLoad } from '../../ui/useLoad.ts';
import { instantFrom } from '../deadlines/due.ts';
import { EligibilityResult, type EligibilityView } from './EligibilityResult.tsx';
import { ScreeningForm } from './ScreeningForm.tsx';
import {
  type CaseBasics,
  CaseScreen,
  loadBasics,
  When,
  YES_NO_OPTIONS,
  type YesNo,
  yesNoAnswer,
} from './shared.tsx';

const FORM = 'concern';
const LABELS = {
  receivedAt: 'Date received',
  receivedAtTime: 'Time received',
  newReferral: 'Is this a new referral?',
  sourceAgency: 'Agency of the person reporting',
  sourceRole: 'Their role',
  reported: 'What was reported',
  children: 'Other children involved',
  exploitation: 'Is any of these identified?',
  'facts.lastBehaviourDate': 'Date of the most recent behaviour',
  'facts.residesInArea': 'Does the child live in the area?',
  'facts.ongoingPoliceInvestigation': 'Is there an ongoing police investigation?',
  proceedReason: 'Reason to proceed although a criterion is not met',
};

/** Kinds of person who can be an "other child" in a concern; the concern records the same word as their role. */
const CHILD_KINDS = ['harmed-child', 'sibling', 'peer', 'other-child'] as const;
type ChildKind = (typeof CHILD_KINDS)[number];
const isChildKind = (kind: string): kind is ChildKind => (CHILD_KINDS as readonly string[]).includes(kind);

const EXPLOITATION = [
  { value: 'cse', label: 'Child sexual exploitation (CSE)' },
  { value: 'cce', label: 'Child criminal exploitation (CCE)' },
  { value: 'missing', label: 'Missing' },
  { value: 'trafficking', label: 'Trafficking' },
] as const;
type Exploitation = (typeof EXPLOITATION)[number]['value'];

export interface Colour {
  id: string;
  label: string;
  response: string;
}

interface Data extends CaseBasics {
  people: CasePerson[];
  timeline: CaseTimeline;
  colours: Colour[];
}

function coloursOf(document: Record<string, unknown>): Colour[] {
  const brook = document.brook as { colours?: unknown } | undefined;
  if (!Array.isArray(brook?.colours)) return [];
  return brook.colours
    .filter((c) => typeof c?.id === 'string' && typeof c?.label === 'string')
    .map((c) => ({ id: c.id, label: c.label, response: typeof c.response === 'string' ? c.response : '' }));
}

async function load(caseId: string): Promise<Result<Data>> {
  const [basics, map, timeline] = await Promise.all([
    loadBasics(caseId),
    call('map.get', { caseId }),
    call('pathway.timeline', { caseId }),
  ]);
  if (!basics.ok) return basics;
  if (!map.ok) return map;
  if (!timeline.ok) return timeline;
  const profile = await call('profiles.get', {
    id: timeline.data.profile.id,
    version: timeline.data.profile.version,
  });
  if (!profile.ok) return profile;
  return {
    ok: true,
    data: {
      ...basics.data,
      people: map.data.people,
      timeline: timeline.data,
      colours: coloursOf(profile.data.document),
    },
  };
}

/** Record a concern, as a new referral or on the open case, with eligibility explained line by line. */
export function ConcernScreen({ caseId }: { caseId: string }) {
  const [loaded, reload] = useLoad(() => load(caseId));
  return (
    <CaseScreen
      caseId={caseId}
      title="Record a concern"
      loaded={loaded}
      reload={() => void reload()}
      what="the case"
    >
      {(data) => <ConcernWork data={data} />}
    </CaseScreen>
  );
}

function ConcernWork({ data }: { data: Data }) {
  const [summary, setSummary] = useState(data.summary);
  const [people, setPeople] = useState(data.people);
  const [saved, setSaved] = useState<PathwaySummary['referrals'][number] | null>(null);
  const [formKey, setFormKey] = useState(0);
  const screening = data.timeline.triggerEvents.find((e) => e.id === 'concern-screened');
  const open = data.hsbCase.status === 'open';

  return (
    <>
      {!open ? <p className="body">This case is closed: concerns can no longer be recorded on it.</p> : null}
      {open && saved ? (
        <section aria-labelledby="concern-saved-title" className="section">
          <FocusedSubheading id="concern-saved-title">Concern recorded</FocusedSubheading>
          <SuccessNotice title={`Concern recorded: ${saved.eligibility.outcomeLabel}.`}>
            <p className="body">{saved.eligibility.summary}</p>
          </SuccessNotice>
          {saved.exploitationAdvice ? <WarningText>{saved.exploitationAdvice}</WarningText> : null}
          {screening ? (
            <ScreeningForm
              caseId={data.hsbCase.id}
              event={screening}
              colours={data.colours}
              timeline={data.timeline}
              onRecorded={(next) => setSummary(next)}
            />
          ) : null}
          <p className="body">
            Next:{' '}
            <RouteLink to={{ name: 'case', caseId: data.hsbCase.id }}>see where the child is now</RouteLink>,
            or{' '}
            <button
              type="button"
              className="link-button"
              onClick={() => {
                setSaved(null);
                setFormKey((k) => k + 1);
              }}
            >
              record another concern
            </button>
            .
          </p>
        </section>
      ) : null}
      {open && !saved ? (
        <ConcernForm
          key={formKey}
          data={data}
          people={people}
          onPersonAdded={(p) => setPeople((list) => [...list, p])}
          onSaved={(next) => {
            setSummary(next);
            setSaved(next.referrals.at(-1) ?? null);
          }}
        />
      ) : null}
      <ConcernList summary={summary} />
    </>
  );
}

function ConcernForm({
  data,
  people,
  onPersonAdded,
  onSaved,
}: {
  data: Data;
  people: CasePerson[];
  onPersonAdded: (person: CasePerson) => void;
  onSaved: (summary: PathwaySummary) => void;
}) {
  const caseId = data.hsbCase.id;
  const [day, setDay] = useState('');
  const [time, setTime] = useState('');
  const [newReferral, setNewReferral] = useState<'yes' | 'no' | ''>('');
  const [sourceAgency, setSourceAgency] = useState('');
  const [sourceRole, setSourceRole] = useState('');
  const [reported, setReported] = useState('');
  const [childIds, setChildIds] = useState<string[]>([]);
  const [flags, setFlags] = useState<Exploitation[]>([]);
  const [lastBehaviourDate, setLastBehaviourDate] = useState('');
  const [resides, setResides] = useState<YesNo | ''>('');
  const [police, setPolice] = useState<YesNo | ''>('');
  const [proceedReason, setProceedReason] = useState('');
  const [eligibility, setEligibility] = useState<EligibilityView | null>(null);
  const [checkProblem, setCheckProblem] = useState<string | null>(null);
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [busy, setBusy] = useState(false);

  const receivedAt = instantFrom(day, time);
  const facts = {
    ...(isIsoDay(lastBehaviourDate) ? { lastBehaviourDate } : {}),
    ...(yesNoAnswer(resides) !== undefined ? { residesInArea: yesNoAnswer(resides) } : {}),
    ...(yesNoAnswer(police) !== undefined ? { ongoingPoliceInvestigation: yesNoAnswer(police) } : {}),
  };
  const factsKey = JSON.stringify([receivedAt, facts]);
  const checked = useRef(false);
  const generation = useRef(0);

  async function check() {
    if (!receivedAt) {
      setCheckProblem(
        'Enter the date and time the concern was received: eligibility is judged on that date.',
      );
      setEligibility(null);
      return;
    }
    setCheckProblem(null);
    checked.current = true;
    const mine = ++generation.current;
    const result = await call('pathway.checkEligibility', { caseId, receivedAt, facts });
    if (mine !== generation.current) return;
    if (result.ok) setEligibility(result.data);
    else setCheckProblem(result.error.message);
  }

  // Once checked, the result follows the answers as they change.
  // biome-ignore lint/correctness/useExhaustiveDependencies: factsKey stands for the answers
  useEffect(() => {
    if (!checked.current) return;
    const timer = setTimeout(() => void check(), 250);
    return () => clearTimeout(timer);
  }, [factsKey]);

  const needsReason =
    eligibility !== null &&
    (eligibility.outcome === 'not-eligible' || eligibility.outcome === 'more-information-needed');
  const showReason = needsReason || errors.problems.some((p) => p.path === 'proceedReason');
  const candidates = people.filter((p) => isChildKind(p.kind));
  const advice = exploitationAdvice({
    cse: flags.includes('cse'),
    cce: flags.includes('cce'),
    missing: flags.includes('missing'),
    trafficking: flags.includes('trafficking'),
  });

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    const problems: FieldProblem[] = [];
    if (!day) problems.push({ path: 'receivedAt', message: 'Enter the date the concern was received' });
    if (!time) problems.push({ path: 'receivedAtTime', message: 'Enter the time the concern was received' });
    const entry = entryProblems([
      ['receivedAt', day, LABELS.receivedAt, 'date'],
      ['receivedAtTime', time, LABELS.receivedAtTime, 'time'],
    ]);
    problems.push(...entry);
    problems.push(
      ...entryProblems([
        ['facts.lastBehaviourDate', lastBehaviourDate, 'Date of the most recent behaviour', 'date'],
      ]),
    );
    if (day && time && !receivedAt && entry.length === 0)
      problems.push({ path: 'receivedAt', message: 'Enter a real date and time' });
    if (!newReferral) problems.push({ path: 'newReferral', message: 'Say whether this is a new referral' });
    if (!sourceAgency)
      problems.push({ path: 'sourceAgency', message: 'Choose the agency of the person reporting' });
    if (!reported.trim()) problems.push({ path: 'reported', message: 'Enter what was reported' });
    if (needsReason && !proceedReason.trim())
      problems.push({
        path: 'proceedReason',
        message: 'Enter the reason to proceed, or change the answers if a criterion is in fact met',
      });
    if (problems.length > 0 || !receivedAt) {
      setErrors({ problems: orderProblems(problems, Object.keys(LABELS)) });
      return;
    }
    setBusy(true);
    const result = await call('pathway.recordConcern', {
      caseId,
      receivedAt,
      newReferral: newReferral === 'yes',
      sourceAgency: sourceAgency as Agency,
      sourceRole,
      reported,
      children: candidates
        .filter((p) => childIds.includes(p.id))
        .map((p) => ({ personId: p.id, role: p.kind as ChildKind })),
      exploitation: {
        cse: flags.includes('cse'),
        cce: flags.includes('cce'),
        missing: flags.includes('missing'),
        trafficking: flags.includes('trafficking'),
      },
      facts,
      proceedReason: showReason ? proceedReason : '',
    });
    setBusy(false);
    if (!result.ok) {
      setErrors(errorsFromResult(result.error));
      if (result.error.problems?.some((p) => p.path === 'proceedReason')) void check();
      return;
    }
    setErrors(NO_ERRORS);
    onSaved(result.data);
  }

  return (
    <form onSubmit={submit} noValidate aria-label="Record a concern" className="form">
      <ErrorSummary form={FORM} errors={errors} labels={LABELS} />
      <DateTimeFields
        form={FORM}
        path="receivedAt"
        dateLabel={LABELS.receivedAt}
        timeLabel={LABELS.receivedAtTime}
        date={day}
        time={time}
        onDate={setDay}
        onTime={setTime}
        errors={errors}
      />
      <RadioGroup
        form={FORM}
        path="newReferral"
        label={LABELS.newReferral}
        options={[
          { value: 'yes', label: 'Yes, a new referral' },
          { value: 'no', label: 'No, a further concern on this open case' },
        ]}
        value={newReferral}
        onChange={setNewReferral}
        errors={errors}
      />
      <div className="field-row">
        <SelectField
          form={FORM}
          path="sourceAgency"
          label={LABELS.sourceAgency}
          value={sourceAgency}
          onChange={setSourceAgency}
          options={AGENCY_OPTIONS}
          placeholder="Choose an agency"
          errors={errors}
        />
        <TextField
          form={FORM}
          path="sourceRole"
          label={LABELS.sourceRole}
          hint="For example, designated safeguarding lead."
          value={sourceRole}
          onChange={setSourceRole}
          width="medium"
          errors={errors}
        />
      </div>
      <TextAreaField
        form={FORM}
        path="reported"
        label={LABELS.reported}
        hint="What the person reporting said happened, in their words where possible."
        value={reported}
        onChange={setReported}
        rows={5}
        errors={errors}
      />
      <OtherChildren
        caseId={caseId}
        candidates={candidates}
        chosen={childIds}
        onChosen={setChildIds}
        onAdded={(p) => {
          onPersonAdded(p);
          setChildIds((ids) => [...ids, p.id]);
        }}
        errors={errors}
      />
      <CheckboxGroup
        form={FORM}
        path="exploitation"
        label={LABELS.exploitation}
        hint="Tick any that the concern identifies. Each has its own pathway to follow as well."
        options={EXPLOITATION}
        values={flags}
        onChange={setFlags}
        errors={errors}
      />
      {advice ? <WarningText>{advice}</WarningText> : null}

      <fieldset className="fieldset hsb-group" aria-describedby="concern-eligibility-hint">
        <legend className="legend">Eligibility</legend>
        <p id="concern-eligibility-hint" className="hint">
          Checked against the {data.timeline.profile.name} profile’s referral criteria on the date received.
        </p>
        <DateField
          form={FORM}
          path="facts.lastBehaviourDate"
          label={LABELS['facts.lastBehaviourDate']}
          value={lastBehaviourDate}
          onChange={setLastBehaviourDate}
          errors={errors}
        />
        <RadioGroup
          form={FORM}
          path="facts.residesInArea"
          label={LABELS['facts.residesInArea']}
          options={YES_NO_OPTIONS}
          value={resides}
          onChange={setResides}
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
        <button type="button" className="button button--secondary" onClick={() => void check()}>
          Check eligibility
        </button>
        <div aria-live="polite">
          {checkProblem ? <p className="field-error">{checkProblem}</p> : null}
          {eligibility ? <EligibilityResult eligibility={eligibility} /> : null}
        </div>
      </fieldset>

      {showReason ? (
        <TextAreaField
          form={FORM}
          path="proceedReason"
          label={LABELS.proceedReason}
          hint="Recorded with the concern and shown in the pathway history."
          value={proceedReason}
          onChange={setProceedReason}
          rows={3}
          errors={errors}
        />
      ) : null}
      <button type="submit" className="button" aria-disabled={busy || undefined}>
        Record concern
      </button>
    </form>
  );
}

const ADD_FORM = 'add-child';
const ADD_LABELS = {
  kind: 'Who they are',
  anonymisedLabel: 'Reference',
  name: 'Name (optional for a harmed child)',
};

/** Other children by reference: those already on the case, or one added here without a name where allowed. */
function OtherChildren({
  caseId,
  candidates,
  chosen,
  onChosen,
  onAdded,
  errors,
}: {
  caseId: string;
  candidates: CasePerson[];
  chosen: string[];
  onChosen: (ids: string[]) => void;
  onAdded: (person: CasePerson) => void;
  errors: FormErrors;
}) {
  const [kind, setKind] = useState<ChildKind | ''>('');
  const [label, setLabel] = useState('');
  const [name, setName] = useState('');
  const [addErrors, setAddErrors] = useState<FormErrors>(NO_ERRORS);
  const [added, setAdded] = useState<string | null>(null);

  async function add() {
    setAdded(null);
    const problems: FieldProblem[] = [];
    if (!kind) problems.push({ path: 'kind', message: 'Choose who the child is' });
    if (!label.trim())
      problems.push({ path: 'anonymisedLabel', message: 'Enter a reference, for example Child A' });
    if (problems.length > 0 || !kind) {
      setAddErrors({ problems });
      return;
    }
    const result = await call('people.add', {
      caseId,
      kind,
      name: name.trim(),
      anonymisedLabel: label.trim(),
      relationship: '',
    });
    if (!result.ok) {
      setAddErrors(errorsFromResult(result.error));
      return;
    }
    setAddErrors(NO_ERRORS);
    setAdded(`${result.data.anonymisedLabel} added to the case and ticked above.`);
    setKind('');
    setLabel('');
    setName('');
    onAdded(result.data);
  }

  return (
    <div className="field">
      <CheckboxGroup
        form={FORM}
        path="children"
        label={LABELS.children}
        hint={
          candidates.length === 0
            ? 'No other children are recorded on the case yet. Add one by reference below.'
            : 'Children on the case, by their reference. Tick those the concern involves.'
        }
        options={candidates.map((p) => ({
          value: p.id,
          label: `${p.anonymisedLabel} (${PERSON_KIND_LABELS[p.kind].toLowerCase()})`,
        }))}
        values={chosen}
        onChange={onChosen}
        errors={errors}
      />
      <div className="hsb-subform">
        <fieldset className="fieldset" aria-describedby="add-child-hint">
          <legend className="legend legend--s">Add another child by reference</legend>
          <p id="add-child-hint" className="hint">
            Shown everywhere by the reference. A harmed child may be recorded by the reference alone; a
            sibling, peer or other child also needs a name, which stays in the case record.
          </p>
          {addErrors.message ? <p className="field-error">{addErrors.message}</p> : null}
          {added ? (
            <p className="body hsb-confirm" role="status">
              {added}
            </p>
          ) : null}
          <div className="field-row">
            <SelectField
              form={ADD_FORM}
              path="kind"
              label={ADD_LABELS.kind}
              value={kind}
              onChange={(v) => setKind(v as ChildKind | '')}
              options={CHILD_KINDS.map((k) => ({ value: k, label: PERSON_KIND_LABELS[k] }))}
              placeholder="Choose"
              errors={addErrors}
            />
            <TextField
              form={ADD_FORM}
              path="anonymisedLabel"
              label={ADD_LABELS.anonymisedLabel}
              hint="For example, Child A."
              value={label}
              onChange={setLabel}
              width="short"
              errors={addErrors}
            />
            <TextField
              form={ADD_FORM}
              path="name"
              label={ADD_LABELS.name}
              value={name}
              onChange={setName}
              width="medium"
              errors={addErrors}
            />
          </div>
          <button type="button" className="button button--secondary" onClick={() => void add()}>
            Add child to the case
          </button>
        </fieldset>
      </div>
    </div>
  );
}

function ConcernList({ summary }: { summary: PathwaySummary }) {
  return (
    <section aria-labelledby="concerns-title" className="section section--divided">
      <h2 id="concerns-title" className="heading-m">
        Concerns on this case
      </h2>
      {summary.referrals.length === 0 ? (
        <p className="body hint">No concern has been recorded on this case yet.</p>
      ) : (
        <div className="table-wrapper">
          <table className="table table--small">
            <caption className="visually-hidden">Concerns on this case, oldest first</caption>
            <thead>
              <tr>
                <th scope="col">Received</th>
                <th scope="col">From</th>
                <th scope="col">What was reported</th>
                <th scope="col">Other children</th>
                <th scope="col">Eligibility</th>
                <th scope="col">Recorded by</th>
              </tr>
            </thead>
            <tbody>
              {summary.referrals.map((r) => (
                <tr key={r.id}>
                  <td className="nowrap">
                    <When at={r.receivedAt} />
                    <span className="cell-note">{r.newReferral ? 'New referral' : 'On the open case'}</span>
                  </td>
                  <td>{r.source}</td>
                  <td className="prewrap">
                    {r.reported}
                    {r.exploitationAdvice ? <span className="cell-note">{r.exploitationAdvice}</span> : null}
                  </td>
                  <td>
                    {r.children.length === 0
                      ? 'None'
                      : r.children
                          .map(
                            (c) =>
                              `${c.label} (${PERSON_KIND_LABELS[c.role as ChildKind]?.toLowerCase() ?? c.role})`,
                          )
                          .join(', ')}
                  </td>
                  <td>
                    {r.eligibility.outcomeLabel}
                    {r.proceedReason ? (
                      <span className="cell-note">Proceeding because: {r.proceedReason}</span>
                    ) : null}
                  </td>
                  <td>{r.recordedByName}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
