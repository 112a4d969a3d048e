import { Children, type ReactNode } from 'react';

interface Column {
  heading: ReactNode;
  className: string;
}
const isColumn = (c: ReactNode | Column): c is Column =>
  typeof c === 'object' && c !== null && 'heading' in c && 'className' in c;

interface Props {
  /** What the table holds; read out by screen readers, hidden on screen unless given a class. */
  caption: ReactNode;
  captionClassName?: string;
  /** The column headings, in order; a heading with a class (a column's width) as `{ heading, className }`. */
  columns: readonly (ReactNode | Column)[];
  className?: string;
  wrapperClassName?: string;
  /** The rows. */
  children: ReactNode;
  /** Shown instead of the table when there are no rows ('No sources have been recorded yet.'). */
  empty?: ReactNode;
}

/**
 * A table of records in its scrolling wrapper: a caption, one row of column headings, then the rows; or,
 * when there are none, what `empty` says instead.
 */
export function DataTable({
  caption,
  captionClassName = 'visually-hidden',
  columns,
  className = 'table',
  wrapperClassName = 'table-wrapper',
  children,
  empty,
}: Props) {
  if (empty !== undefined && Children.count(children) === 0) return <>{empty}</>;
  return (
    <div className={wrapperClassName}>
      <table className={className}>
        <caption className={captionClassName}>{caption}</caption>
        <thead>
          <tr>
            {columns.map((column, i) => (
              // The headings are fixed for the table's life: their place is their identity.
              // biome-ignore lint/suspicious/noArrayIndexKey: see above
              <th scope="col" key={i} className={isColumn(column) ? column.className : undefined}>
                {isColumn(column) ? column.heading : column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}

/** A heading for a column of buttons, for screen readers only. */
export const ACTIONS_COLUMN = <span className="visually-hidden">Actions</span>;
