import type { AppError } from '#contract/errors.ts';
import type { Loaded } from './useLoad.ts';

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

/** Whatever a screen part shows until its data is ready: 'Loading …', or the refusal with Try again. */
export function Pending<T>({
  loaded,
  what,
  onRetry,
}: {
  loaded: Loaded<T>;
  what: string;
  onRetry: () => unknown;
}) {
  if (loaded.state === 'loading') return <Loading what={what} />;
  if (loaded.state === 'failed') return <LoadFailed error={loaded.error} onRetry={() => void onRetry()} />;
  return null;
}
