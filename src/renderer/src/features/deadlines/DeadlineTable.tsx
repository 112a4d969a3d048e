import type { DeadlineView } from '#contract/timescale-schemas.ts';
import { RouteLink } from '../../app/router.tsx';
import { DataTable } from '../../ui/DataTable.tsx';
import { dueMoved, dueText } from './due.ts';
import { StatusBadge } from './StatusBadge.tsx';

/** A link to a case by its reference and the child's name. */
export function CaseLink({
  caseId,
  reference,
  childName,
}: {
  caseId: string;
  reference: string;
  childName: string;
}) {
  return (
    <RouteLink to={{ name: 'case', caseId }}>
      <span className="nowrap">{reference}</span> {childName}
    </RouteLink>
  );
}

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
export function DueText({
  deadline,
}: {
  deadline: Pick<DeadlineView, 'originalDue' | 'currentDue'> & Partial<Pick<DeadlineView, 'progress'>>;
}) {
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
      {deadline.progress ? <span className="due__progress">{deadline.progress}</span> : null}
    </>
  );
}

/** Deadlines across cases: the case, the step, the rule that produced it, when it is due and its status. */
export function DeadlineTable({ deadlines, caption }: { deadlines: DeadlineView[]; caption: string }) {
  return (
    <DataTable
      caption={caption}
      className="table deadline-table"
      columns={[
        { heading: 'Case', className: 'deadline-table__case' },
        { heading: 'Step', className: 'deadline-table__step' },
        'Rule',
        { heading: 'Due', className: 'deadline-table__due' },
        { heading: 'Status', className: 'deadline-table__status' },
      ]}
    >
      {deadlines.map((d) => (
        <tr key={d.id} className={d.state === 'superseded' ? 'row--superseded' : undefined}>
          <td>
            <CaseLink caseId={d.caseId} reference={d.caseReference} childName={d.childName} />
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
    </DataTable>
  );
}
