import type { CallResponse } from '#contract/calls.ts';
import type { DeadlineView } from '#contract/timescale-schemas.ts';
import { call } from '../../app/api.ts';
import { hasRole, useSession } from '../../app/session.tsx';
import { DataTable } from '../../ui/DataTable.tsx';
import { LoadFailed, Loading, Pending } from '../../ui/LoadFailed.tsx';
import { OnThisPage } from '../../ui/OnThisPage.tsx';
import { PageHeading } from '../../ui/PageHeading.tsx';
import { LoadedListSection } from '../../ui/Section.tsx';
import { useLoad } from '../../ui/useLoad.ts';
import { CaseLink, DeadlineTable } from './DeadlineTable.tsx';
import { GROUPS, groupOf } from './due.ts';
import { TeamOverview } from './TeamOverview.tsx';
import { WaitingForYou } from './WaitingForYou.tsx';

/** Every running deadline on the signed-in person's cases, soonest first; for managers, the team's too. */
export function MyWorkScreen() {
  const { user } = useSession();
  const manager = hasRole(user, 'manager');
  return (
    <>
      <PageHeading>My work</PageHeading>
      {manager ? (
        <OnThisPage
          links={[
            ['waiting-title', 'Waiting for you'],
            ['my-deadlines', 'Your deadlines'],
            ['my-actions-title', 'Actions to record'],
            ['team-overview-title', 'Your team’s cases'],
            ['team-deadlines-title', 'Team deadlines'],
          ]}
        />
      ) : null}
      <WaitingForYou />
      <MyDeadlines />
      <MyActions />
      {manager ? <TeamOverview /> : null}
      {manager ? <TeamDeadlines /> : null}
    </>
  );
}

function MyDeadlines() {
  const [loaded, reload] = useLoad(() => call('deadlines.mine', {}));
  if (loaded.state === 'loading') return <Loading what="your deadlines" />;
  if (loaded.state === 'failed') return <LoadFailed error={loaded.error} onRetry={() => void reload()} />;
  const deadlines = loaded.data;
  if (deadlines.length === 0) {
    return (
      <div className="section">
        <h2 id="my-deadlines" className="heading-l">
          Your deadlines
        </h2>
        <p className="body">You have no running deadlines.</p>
        <p className="body hint">
          Deadlines appear here when a step that starts a clock, such as an agreed risk category, is recorded
          on a case you are allocated to.
        </p>
      </div>
    );
  }
  return (
    <div className="section">
      <h2 id="my-deadlines" className="heading-l">
        Your deadlines
      </h2>
      <p className="body">
        Every running deadline on the cases you are allocated to, soonest first. Working days leave out
        weekends, bank holidays and the workbench’s closure days.
      </p>
      {GROUPS.map((group) => {
        const inGroup = deadlines.filter((d) => groupOf(d) === group.id);
        const titleId = `group-${group.id}-title`;
        return (
          <section key={group.id} aria-labelledby={titleId} className="section deadline-group">
            <h3 id={titleId} className="heading-m">
              {group.title}
              <span className="heading-count"> ({inGroup.length})</span>
            </h3>
            {inGroup.length === 0 ? (
              <p className="body hint">{group.none}</p>
            ) : (
              <DeadlineTable deadlines={inGroup} caption={`Your deadlines: ${group.title.toLowerCase()}`} />
            )}
          </section>
        );
      })}
    </div>
  );
}

/** The actions the procedures ask for on the person's cases, due until their step is recorded (issue 12). */
function MyActions() {
  return (
    <LoadedListSection
      id="my-actions-title"
      title="Actions to record"
      what="the actions to record"
      load={() => call('deadlines.myActions', {})}
      none="No action the procedures ask for is waiting on your cases. An action, such as recording the intervention plan once an assessment is signed, stays here until it is recorded on the case."
    >
      {(actions) => (
        <DataTable
          caption="Actions to record on your cases"
          columns={['Case', 'Action', 'Where the procedure says so']}
        >
          {actions.map((a) => (
            <tr key={`${a.caseId}-${a.id}`}>
              <td>
                <CaseLink caseId={a.caseId} reference={a.caseReference} childName={a.childName} />
              </td>
              <td>{a.label}</td>
              <td>{a.citation}</td>
            </tr>
          ))}
        </DataTable>
      )}
    </LoadedListSection>
  );
}

function TeamDeadlines() {
  const [loaded, reload] = useLoad(() => call('deadlines.team', {}));
  return (
    <section aria-labelledby="team-deadlines-title" className="section section--divided">
      <h2 id="team-deadlines-title" className="heading-m" tabIndex={-1}>
        Team deadlines
      </h2>
      <p className="body">Deadlines on the cases you manage, including those already done.</p>
      <Pending loaded={loaded} what="the team’s deadlines" onRetry={reload} />
      {loaded.state === 'ready' ? <TeamView team={loaded.data} /> : null}
    </section>
  );
}

function TeamView({ team }: { team: CallResponse<'deadlines.team'> }) {
  const { summary, deadlines } = team;
  const stats: [string, number][] = [
    ['met', summary.met],
    ['on time', summary.metOnTime],
    ['late', summary.metLate],
    ['running', summary.open],
    ['overdue', summary.overdue],
  ];
  return (
    <>
      <p className="team-summary">
        {stats.map(([label, n], i) => (
          <span key={label}>
            <strong className="team-summary__number">{n}</strong> {label}
            {i < stats.length - 1 ? ', ' : ''}
          </span>
        ))}
      </p>
      {deadlines.length === 0 ? (
        <p className="body">No deadlines have started on the cases you manage.</p>
      ) : (
        <DeadlineTable deadlines={sortForTeam(deadlines)} caption="Team deadlines" />
      )}
    </>
  );
}

/** Running deadlines first (soonest first), then those done or replaced. */
function sortForTeam(deadlines: DeadlineView[]): DeadlineView[] {
  const rank = (d: DeadlineView) => (d.state === 'open' ? 0 : d.state === 'met' ? 1 : 2);
  return [...deadlines].sort((a, b) => rank(a) - rank(b));
}
