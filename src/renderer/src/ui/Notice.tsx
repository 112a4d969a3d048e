import type { ReactNode } from 'react';

/** A confirmation or piece of news, announced politely. Not for errors: those go in an ErrorSummary. */
export function SuccessNotice({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="notice notice--success" role="status">
      <p className="notice__title">{title}</p>
      {children}
    </div>
  );
}

/** Something the person must not miss, shown with an icon and the word "Warning" (not colour alone). */
export function WarningText({ children }: { children: ReactNode }) {
  return (
    <div className="warning-text">
      <span className="warning-text__icon" aria-hidden="true">
        !
      </span>
      <p className="warning-text__text">
        <span className="visually-hidden">Warning: </span>
        {children}
      </p>
    </div>
  );
}

/** What an action did, in a title and an optional sentence of detail ('Saved to …'). */
export interface Done {
  title: string;
  detail?: string;
}

/** The notice of an action that was done, if one was. */
export function DoneNotice({ done }: { done: Done | null }) {
  if (!done) return null;
  return (
    <SuccessNotice title={done.title}>
      {done.detail ? <p className="body">{done.detail}</p> : null}
    </SuccessNotice>
  );
}
