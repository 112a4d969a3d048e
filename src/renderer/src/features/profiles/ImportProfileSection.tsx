import { call } from '../../app/api.ts';
import { ImportProblems, JsonFileField, useFileImport } from '../../ui/form/FileImport.tsx';
import { SuccessNotice } from '../../ui/Notice.tsx';
import { Section } from '../../ui/Section.tsx';

const INPUT_ID = 'import-profile-file';

/**
 * Import a profile file (`profiles.import`). The file is checked in full before anything is saved; when
 * it is refused, every fault is listed with its place in the file, so the author can see exactly what
 * is wrong. Administrators only.
 */
export function ImportProfileSection({ onImported }: { onImported: () => void }) {
  const { file, error, imported, busy, input, choose, submit } = useFileImport({
    noFile: 'Choose a profile file to import.',
    send: (text) => call('profiles.import', { text }),
    onImported: (profile) => {
      onImported();
      return `${profile.name}, version ${profile.version}, has been imported.`;
    },
  });

  return (
    <Section id="import-title" title="Import a profile file" className="section section--divided">
      <p className="body measure">
        A profile file is a JSON document like the ones <strong>Export</strong> saves. It is checked in full
        before anything is saved: if anything is wrong, nothing is imported and every problem is listed with
        its place in the file. A new version of an existing profile needs a higher version number.
      </p>
      {imported ? <SuccessNotice title={imported} /> : null}
      <form onSubmit={(e) => void submit(e)} noValidate aria-labelledby="import-title" className="form">
        {error ? <ImportProblems error={error} fileName={file?.name} id="import-problems" /> : null}
        <JsonFileField
          id={INPUT_ID}
          label="Profile file"
          hint="A .json file."
          invalid={Boolean(error)}
          input={input}
          onChange={choose}
        />
        <button type="submit" className="button" aria-disabled={busy || undefined}>
          Import profile
        </button>
      </form>
    </Section>
  );
}
