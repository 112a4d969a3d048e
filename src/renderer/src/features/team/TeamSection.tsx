import { useState } from 'react';
import type { CallResponse } from '#contract/calls.ts';
import type { AppError, Result } from '#contract/errors.ts';
import { call } from '../../app/api.ts';
import { ActionButton } from '../../ui/ActionButton.tsx';
import { useSubmission } from '../../ui/form/useSubmission.ts';
import { LoadFailed, Loading } from '../../ui/LoadFailed.tsx';
import { SuccessNotice } from '../../ui/Notice.tsx';
import { useLoad } from '../../ui/useLoad.ts';
import { TeamDetails } from './TeamDetails.tsx';

type TeamView = CallResponse<'sync.team'>;
type Outcome = { kind: 'done'; title: string } | { kind: 'failed'; error: AppError };

const NO_FILE = 'Nothing was changed: no file was chosen.';

/**
 * Administration → Team: set up a team from this computer, or join one by swapping files with its
 * administrator (a request to join one way, the signed team roster the other).
 */
export function TeamSection() {
  const [loaded, reload] = useLoad(() => call('sync.team', {}));
  const { busy, send, submitting } = useSubmission();
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [view, setView] = useState<TeamView | null>(null);
  const team = view ?? (loaded.state === 'ready' ? loaded.data : null);

  /** Runs one call; `describe` turns its answer into the notice shown, or null for none. */
  const run = <T,>(request: () => Promise<Result<T>>, describe: (data: T) => string) =>
    submitting(async () => {
      setOutcome(null);
      const result = await send(request());
      if (!result.ok) setOutcome({ kind: 'failed', error: result.error });
      else setOutcome({ kind: 'done', title: describe(result.data) });
    });

  const changedTeam = (before: TeamView | null, done: (after: TeamView) => string) => (after: TeamView) => {
    setView(after);
    return after.rosterVersion === before?.rosterVersion ? NO_FILE : done(after);
  };

  const setUp = run(
    () => call('sync.createTeam', {}),
    (after: TeamView) => {
      setView(after);
      return `The team has been set up from this computer: team roster version ${after.rosterVersion}, with ${after.members.length} ${after.members.length === 1 ? 'person' : 'people'}.`;
    },
  );
  const saveRequest = run(
    () => call('sync.exportJoinRequest', {}),
    ({ savedTo }) =>
      savedTo
        ? `Saved to ${savedTo}. Send it to the team’s administrator, who adds your people and sends back the team roster.`
        : 'Nothing was saved: no file was chosen.',
  );
  const addPeople = run(
    () => call('sync.importJoinRequest', {}),
    changedTeam(
      team,
      (after) =>
        `People added: the team roster is now version ${after.rosterVersion}. Save the team roster and send it to the administrator of every computer in the team.`,
    ),
  );
  const saveRoster = run(
    () => call('sync.exportRoster', {}),
    ({ savedTo }) =>
      savedTo
        ? `Saved to ${savedTo}. Send it to the administrator of each computer in the team to take.`
        : 'Nothing was saved: no file was chosen.',
  );
  const takeRoster = run(
    () => call('sync.importRoster', {}),
    changedTeam(team, (after) => `Took the team roster, version ${after.rosterVersion}.`),
  );

  const button = (label: string, action: () => Promise<void>, primary = false) => (
    <ActionButton
      className={primary ? 'button' : 'button button--secondary'}
      onClick={() => void action()}
      busy={busy}
    >
      {label}
    </ActionButton>
  );

  return (
    <section aria-labelledby="team-title" className="section section--divided">
      <h2 id="team-title" className="heading-m">
        Team
      </h2>
      <p className="body">
        People on different computers work on the same cases as one team. A team administrator signs the team
        roster, which says who is in the team and which keys are theirs; cases travel between computers in
        encrypted case bundles.
      </p>
      {outcome?.kind === 'done' ? <SuccessNotice title={outcome.title} /> : null}
      {outcome?.kind === 'failed' ? <LoadFailed error={outcome.error} /> : null}
      {loaded.state === 'loading' && !team ? <Loading what="the team" /> : null}
      {loaded.state === 'failed' && !team ? (
        <LoadFailed error={loaded.error} onRetry={() => void reload()} />
      ) : null}
      {team && !team.joined ? (
        <>
          <p className="body">This computer is not in a team yet.</p>
          <p className="body">
            To start a team, set it up here: you become its administrator. To join a team set up on another
            computer, save a request to join and send it to that team’s administrator, then take the team
            roster they send back.
          </p>
          <div className="button-group">
            {button('Set up a team from this computer', setUp, true)}
            {button('Save a request to join the team', saveRequest)}
            {button('Take a team roster', takeRoster)}
          </div>
        </>
      ) : null}
      {team?.joined ? (
        <>
          <TeamDetails team={team} />
          <div className="button-group">
            {button('Save a request to join the team', saveRequest)}
            {button('Add people from a join request', addPeople)}
            {button('Save the team roster', saveRoster)}
            {button('Take a team roster', takeRoster)}
          </div>
        </>
      ) : null}
    </section>
  );
}
