import type { AppError } from '#contract/errors.ts';

/** Shown in place of a screen's content when its data could not be loaded. */
export function LoadFailed({ error, onRetry }: { error: AppError; onRetry?: () => void }) {
  return (
    <div className="error-summary" role="alert">
      <h2 className="error-summary__title">This could not be loaded</h2>
      <p className="error-summary__message">{error.message}</p>
      {onRetry ? (
        <button type="button" className="button button--secondary" onClick={onRetry}>
          Try again
        </button>
      ) : null}
    </div>
  );
}

export function Loading({ what }: { what: string }) {
  return (
    <p className="body hint" role="status">
      Loading {what}…
    </p>
  );
}
