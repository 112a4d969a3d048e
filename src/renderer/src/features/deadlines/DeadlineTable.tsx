import type { DeadlineView } from '#contract/timescale-schemas.ts';
import { RouteLink } from '../../app/router.tsx';
import { dueMoved, dueText } from './due.ts';
import { StatusBadge } from './StatusBadge.tsx';

/** The rule that set a deadline, with the section of the source document it comes from. */
export function RuleText({ deadline }: { deadline: Pick<DeadlineView, 'ruleText' | 'citation'> }) {
  return (
    <>
      <span className="rule__text">{deadline.ruleText}</span>
      <span className="citation">
        {deadline.citation.source}, {deadline.citation.section}
      </span>
    </>
  );
}

/** The current due date, and the original one when it has moved (an extension or a pause). */
export function DueText({ deadline }: { deadline: Pick<DeadlineView, 'originalDue' | 'currentDue'> }) {
  return (
    <>
      <time dateTime={deadline.currentDue.dueDay} className="due__current">
        {dueText(deadline.currentDue)}
      </time>
      {dueMoved(deadline) ? (
        <span className="due__original">
          originally <time dateTime={deadline.originalDue.dueDay}>{dueText(deadline.originalDue)}</time>
        </span>
      ) : null}
    </>
  );
}

/** Deadlines across cases: the case, the step, the rule that produced it, when it is due and its status. */
export function DeadlineTable({ deadlines, caption }: { deadlines: DeadlineView[]; caption: string }) {
  return (
    <div className="table-wrapper">
      <table className="table deadline-table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col" className="deadline-table__case">
              Case
            </th>
            <th scope="col" className="deadline-table__step">
              Step
            </th>
            <th scope="col">Rule</th>
            <th scope="col" className="deadline-table__due">
              Due
            </th>
            <th scope="col" className="deadline-table__status">
              Status
            </th>
          </tr>
        </thead>
        <tbody>
          {deadlines.map((d) => (
            <tr key={d.id} className={d.state === 'superseded' ? 'row--superseded' : undefined}>
              <td>
                <RouteLink to={{ name: 'case', caseId: d.caseId }}>
                  <span className="nowrap">{d.caseReference}</span> {d.childName}
                </RouteLink>
              </td>
              <td>{d.step}</td>
              <td>
                <RuleText deadline={d} />
              </td>
              <td>
                <DueText deadline={d} />
              </td>
              <td>
                <StatusBadge deadline={d} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
