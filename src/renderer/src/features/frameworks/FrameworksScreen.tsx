import '../../styles/assessment.css';
import { useState } from 'react';
import type { z } from 'zod';
import type { frameworkListItem } from '#contract/assessment-schemas.ts';
import { call } from '../../app/api.ts';
import { Fact } from '../../ui/Fact.tsx';
import { ImportProblems, JsonFileField, useFileImport } from '../../ui/form/FileImport.tsx';
import { Pending } from '../../ui/LoadFailed.tsx';
import { SuccessNotice } from '../../ui/Notice.tsx';
import { PageHeading } from '../../ui/PageHeading.tsx';
import { useLoad } from '../../ui/useLoad.ts';

type Framework = z.infer<typeof frameworkListItem>;

/**
 * The assessment frameworks (templates holding only the public structure) and, for administrators, the
 * import of the organisation's own licensed item set into each (`frameworks.importItemSet`).
 */
export function FrameworksScreen() {
  const [loaded, reload] = useLoad(() => call('frameworks.list', {}));
  return (
    <>
      <PageHeading>Assessment frameworks</PageHeading>
      <p className="body measure">
        Each framework is a template: its domains, a neutral rating scale and the headings of the analysis and
        plan. The workbench ships no AIM or Brook item wording. If your organisation holds a licence, import
        its item set here; assessors can then add the licensed items to an assessment.
      </p>
      <Pending loaded={loaded} what="the frameworks" onRetry={reload} />
      {loaded.state === 'ready' ? loaded.data.map((f) => <FrameworkSection key={f.id} initial={f} />) : null}
    </>
  );
}

function FrameworkSection({ initial }: { initial: Framework }) {
  const [framework, setFramework] = useState(initial);
  const titleId = `framework-${framework.id}-title`;
  return (
    <section aria-labelledby={titleId} className="section section--divided framework">
      <h2 id={titleId} className="heading-m">
        {framework.name}
      </h2>
      <p className="body">{framework.description}</p>
      <div className="columns">
        <div>
          <h3 className="heading-s heading--flush">Domains</h3>
          <ul className="bullets">
            {framework.domains.map((d) => (
              <li key={d.id}>{d.name}</li>
            ))}
          </ul>
        </div>
        <div>
          <h3 className="heading-s heading--flush">Licensed item set</h3>
          {framework.itemSet ? (
            <dl className="facts framework__item-set">
              <Fact term="Name">{framework.itemSet.name}</Fact>
              <Fact term="Licence">{framework.itemSet.licence}</Fact>
              <Fact term="Items">{framework.itemSet.itemCount}</Fact>
            </dl>
          ) : (
            <p className="body">No licensed item set is loaded.</p>
          )}
        </div>
      </div>
      <ImportItemSet framework={framework} onImported={setFramework} />
    </section>
  );
}

function ImportItemSet({
  framework,
  onImported,
}: {
  framework: Framework;
  onImported: (framework: Framework) => void;
}) {
  const inputId = `item-set-${framework.id}`;
  const titleId = `${inputId}-title`;
  const { file, error, imported, busy, input, choose, submit } = useFileImport({
    noFile: 'Choose an item set file to import.',
    send: (text) => call('frameworks.importItemSet', { frameworkId: framework.id, text }),
    onImported: (data) => {
      onImported(data);
      const set = data.itemSet;
      return set
        ? `${set.name} (${set.itemCount} ${set.itemCount === 1 ? 'item' : 'items'}) has been imported into ${data.name}.`
        : `The item set has been imported into ${data.name}.`;
    },
  });

  return (
    <form onSubmit={(e) => void submit(e)} noValidate className="form action-panel" aria-labelledby={titleId}>
      <h3 id={titleId} className="heading-s heading--flush">
        Import a licensed item set into {framework.name}
      </h3>
      <p className="body hint">
        A JSON file naming the framework (“{framework.id}”), the item set, whose licence covers it, and its
        items (each with an id, a domain id, concern or strength, and the wording). It is checked in full: if
        anything is wrong, nothing is imported and every problem is listed with its place in the file.
        {framework.itemSet
          ? ' Importing replaces the item set loaded now; assessments already started keep theirs.'
          : ''}
      </p>
      {imported ? <SuccessNotice title={imported} /> : null}
      {error ? (
        <ImportProblems error={error} fileName={file?.name} id={`${inputId}-problems`} as="h4" />
      ) : null}
      <JsonFileField
        id={inputId}
        label={`Item set file for ${framework.name}`}
        invalid={Boolean(error)}
        input={input}
        onChange={choose}
      />
      <button type="submit" className="button" aria-disabled={busy || undefined}>
        Import item set into {framework.name}
      </button>
    </form>
  );
}
