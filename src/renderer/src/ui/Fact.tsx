import type { ReactNode } from 'react';

/** One row of a list of facts (`<dl className="facts">`): what it is, and its value. */
export function Fact({
  term,
  className,
  children,
}: {
  term: ReactNode;
  className?: string;
  children: ReactNode;
}) {
  return (
    <div className="facts__row">
      <dt>{term}</dt>
      <dd className={className}>{children}</dd>
    </div>
  );
}

/** One row of a summary list (`<dl className="summary-list">`): its label, and its value. */
export function SummaryRow({ label, children }: { label: ReactNode; children: ReactNode }) {
  return (
    <div className="summary-list__row">
      <dt className="summary-list__key">{label}</dt>
      <dd className="summary-list__value">{children}</dd>
    </div>
  );
}
