import { type FormEvent, useState } from 'react';
import { calls } from '../../../../contract/calls.ts';
import type { Settings } from '../../../../contract/schemas.ts';
import { call } from '../../app/api.ts';
import { useSession } from '../../app/session.tsx';
import { ErrorSummary } from '../../ui/ErrorSummary.tsx';
import { TextField } from '../../ui/Field.tsx';
import { LoadFailed, Loading } from '../../ui/LoadFailed.tsx';
import { SuccessNotice } from '../../ui/Notice.tsx';
import { checkRequest, errorsFromResult, type FormErrors, NO_ERRORS } from '../../ui/problems.ts';
import { useLoad } from '../../ui/useLoad.ts';

const FORM = 'auto-lock';
const LABELS = { autoLockMinutes: 'Minutes before the workbench locks' };

/** How long the workbench may sit unused before it locks itself (`settings.get` / `settings.update`). */
export function AutoLockSection() {
  const [loaded, reload] = useLoad(() => call('settings.get', {}));
  return (
    <section aria-labelledby="auto-lock-title" className="section">
      <h2 id="auto-lock-title" className="heading-m">
        Automatic lock
      </h2>
      {loaded.state === 'loading' ? <Loading what="settings" /> : null}
      {loaded.state === 'failed' ? <LoadFailed error={loaded.error} onRetry={() => void reload()} /> : null}
      {loaded.state === 'ready' ? <AutoLockForm settings={loaded.data} /> : null}
    </section>
  );
}

function AutoLockForm({ settings }: { settings: Settings }) {
  const { refresh } = useSession();
  const [minutes, setMinutes] = useState(String(settings.autoLockMinutes));
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState<number | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    setSaved(null);
    const autoLockMinutes = Number(minutes.trim());
    if (
      !/^\d+$/.test(minutes.trim()) ||
      checkRequest(calls['settings.update'].request, { autoLockMinutes }).length
    ) {
      setErrors({
        problems: [{ path: 'autoLockMinutes', message: 'Enter a whole number of minutes from 1 to 240' }],
      });
      return;
    }
    setBusy(true);
    const result = await call('settings.update', { autoLockMinutes });
    setBusy(false);
    if (result.ok) {
      setErrors(NO_ERRORS);
      setMinutes(String(result.data.autoLockMinutes));
      setSaved(result.data.autoLockMinutes);
      // The idle timer reads the setting from the session status.
      void refresh();
    } else {
      setErrors(errorsFromResult(result.error));
    }
  }

  return (
    <form onSubmit={submit} noValidate className="form">
      {saved !== null ? (
        <SuccessNotice
          title={`The workbench now locks after ${saved} ${saved === 1 ? 'minute' : 'minutes'} without use.`}
        />
      ) : null}
      <ErrorSummary form={FORM} errors={errors} labels={LABELS} />
      <TextField
        form={FORM}
        path="autoLockMinutes"
        label={LABELS.autoLockMinutes}
        hint="From 1 to 240. When nobody has used the workbench for this long, it locks and needs a password again."
        inputMode="numeric"
        value={minutes}
        onChange={setMinutes}
        width="short"
        errors={errors}
      />
      <button type="submit" className="button" aria-disabled={busy || undefined}>
        Save auto-lock setting
      </button>
    </form>
  );
}
