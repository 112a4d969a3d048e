import { Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from 'recharts';
import type { CallResponse } from '#contract/calls.ts';
import { call } from '../../app/api.ts';
import { RouteLink } from '../../app/router.tsx';
import { DataTable } from '../../ui/DataTable.tsx';
import { ExportButton } from '../../ui/ExportButton.tsx';
import { Pending } from '../../ui/LoadFailed.tsx';
import { useLoad } from '../../ui/useLoad.ts';

type Overview = CallResponse<'work.team'>;

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
/** "2026-11" as "Nov 2026". */
const monthLabel = (month: string) =>
  `${MONTHS[Number(month.slice(5, 7)) - 1] ?? month} ${month.slice(0, 4)}`;

/** A manager's team: every case they manage, and the timeliness of AIM assessments by month. */
export function TeamOverview() {
  const [loaded, reload] = useLoad(() => call('work.team', {}));
  return (
    <section aria-labelledby="team-overview-title" className="section section--divided">
      <h2 id="team-overview-title" className="heading-m">
        Your team’s cases
      </h2>
      <Pending loaded={loaded} what="your team’s cases" onRetry={reload} />
      {loaded.state === 'ready' ? <Overview overview={loaded.data} /> : null}
    </section>
  );
}

function Overview({ overview }: { overview: Overview }) {
  return (
    <>
      <DataTable
        caption="The open cases you manage"
        columns={['Case', 'Stage', 'Held by', 'Overdue']}
        empty={<p className="body">You manage no open cases.</p>}
      >
        {overview.cases.map((c) => (
          <tr key={c.caseId}>
            <td>
              <RouteLink to={{ name: 'case', caseId: c.caseId }}>
                <span className="nowrap">{c.caseReference}</span> {c.childName}
              </RouteLink>
            </td>
            <td>{c.stage}</td>
            <td>{c.heldBy}</td>
            <td>{c.overdue.length === 0 ? 'Nothing' : c.overdue.join('; ')}</td>
          </tr>
        ))}
      </DataTable>
      <Timeliness months={overview.timeliness} />
      <ExportButton name="work.exportTeamCsv" request={{}} label="Save these figures as CSV" />
    </>
  );
}

/** The chart, with the same figures in a table beside it for screen readers and for reading exactly. */
function Timeliness({ months }: { months: Overview['timeliness'] }) {
  if (months.length === 0) {
    return (
      <p className="body hint">
        No AIM assessment on your cases has been completed yet: the timeliness chart starts with the first.
      </p>
    );
  }
  const data = months.map((m) => ({ ...m, label: monthLabel(m.month) }));
  return (
    <figure className="timeliness" aria-labelledby="timeliness-caption">
      <figcaption id="timeliness-caption" className="heading-s">
        AIM assessments completed within their window, by month
      </figcaption>
      <div aria-hidden="true">
        <BarChart
          width={640}
          height={260}
          data={data}
          margin={{ top: 8, right: 16, bottom: 8, left: 0 }}
          accessibilityLayer={false}
        >
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="label" />
          <YAxis allowDecimals={false} />
          <Tooltip />
          <Legend />
          <Bar
            dataKey="within"
            name="Within the window"
            stackId="a"
            fill="#00703c"
            isAnimationActive={false}
          />
          <Bar dataKey="late" name="Late" stackId="a" fill="#d4351c" isAnimationActive={false} />
        </BarChart>
      </div>
      <table className="table">
        <caption className="visually-hidden">Timeliness of AIM assessments by month</caption>
        <thead>
          <tr>
            <th scope="col">Month</th>
            <th scope="col">Within the window</th>
            <th scope="col">Late</th>
            <th scope="col">Share within</th>
          </tr>
        </thead>
        <tbody>
          {data.map((m) => (
            <tr key={m.month}>
              <td>{m.label}</td>
              <td>{m.within}</td>
              <td>{m.late}</td>
              <td>{m.percentWithin}%</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
