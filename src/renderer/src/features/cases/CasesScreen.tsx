import { useEffect, useRef, useState } from 'react';
import type { AppError } from '#contract/errors.ts';
import type { CaseListItem, CaseSearchResult, RestrictedCaseListItem } from '#contract/schemas.ts';
import { call } from '../../app/api.ts';
import { RouteLink, useRouter } from '../../app/router.tsx';
import { canDoCasework, isAdministrator, useSession } from '../../app/session.tsx';
import { whenUnlocked } from '../../app/unlocked.ts';
import { DataTable } from '../../ui/DataTable.tsx';
import { BirthDateText, InstantText } from '../../ui/DateText.tsx';
import { LoadFailed } from '../../ui/LoadFailed.tsx';
import { PageHeading } from '../../ui/PageHeading.tsx';
import { OpenBundleSection } from '../sync/OpenBundleSection.tsx';
import { RestrictedCases } from './RestrictedCases.tsx';

const DEBOUNCE_MS = 200;

/** Find a child's case by name or identifier; an empty search lists the person's own cases. */
export function CasesScreen() {
  const { user } = useSession();
  const { navigate } = useRouter();
  // A case bundle opened here can bring a new case: search again so that it is listed.
  const [bundlesOpened, setBundlesOpened] = useState(0);
  if (!canDoCasework(user)) {
    return (
      <>
        <PageHeading>Cases</PageHeading>
        <p className="body">
          Cases are for practitioners and managers. Your account does not have either role, so no cases are
          shown.
        </p>
        <p className="body">
          {isAdministrator(user)
            ? 'As an administrator, you can add the practitioner or manager role to your own account under Users.'
            : 'An administrator can change your roles.'}
        </p>
      </>
    );
  }
  return (
    <>
      <PageHeading>Cases</PageHeading>
      <button type="button" className="button" onClick={() => navigate({ name: 'new-child' })}>
        New child and case
      </button>
      <OpenBundleSection onOpened={() => setBundlesOpened((n) => n + 1)} />
      <CaseSearch key={bundlesOpened} />
    </>
  );
}

function CaseSearch() {
  const [query, setQuery] = useState('');
  const [results, setResults] = useState<CaseSearchResult[] | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const latest = useRef(0);
  const searchedOnce = useRef(false);
  // A search refused because the workbench locked is run again once it is unlocked.
  const [retry, setRetry] = useState(0);
  const refusedWhileLocked = useRef(false);
  useEffect(
    () =>
      whenUnlocked(() => {
        if (refusedWhileLocked.current) setRetry((n) => n + 1);
      }),
    [],
  );

  // biome-ignore lint/correctness/useExhaustiveDependencies: a change of retry re-runs the search after an unlock
  useEffect(() => {
    const mine = ++latest.current;
    const timer = window.setTimeout(
      async () => {
        const result = await call('cases.search', { query: query.trim() });
        if (mine !== latest.current) return; // a newer search has started
        refusedWhileLocked.current = !result.ok && result.error.code === 'locked';
        if (result.ok) {
          setResults(result.data);
          setError(null);
        } else {
          setError(result.error);
        }
      },
      // The first search (listing every case) need not wait for typing to pause.
      searchedOnce.current ? DEBOUNCE_MS : 0,
    );
    searchedOnce.current = true;
    return () => window.clearTimeout(timer);
  }, [query, retry]);

  const trimmed = query.trim();
  const own = (results ?? []).filter((c): c is CaseListItem => c.accessible);
  const restricted = (results ?? []).filter((c): c is RestrictedCaseListItem => !c.accessible);
  return (
    <section aria-labelledby="case-search-title" className="section">
      <h2 id="case-search-title" className="visually-hidden">
        Find a case
      </h2>
      <div className="field">
        <label htmlFor="case-search" className="label">
          Search by name or identifier
        </label>
        <p id="case-search-hint" className="hint">
          A child’s name or preferred name, a case reference, a social care number or a youth justice number.
        </p>
        <input
          id="case-search"
          type="search"
          className="input input--long"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          aria-describedby="case-search-hint"
          autoComplete="off"
          spellCheck={false}
        />
      </div>
      {error ? <LoadFailed error={error} /> : null}
      <p className="body" role="status">
        {results === null ? 'Searching…' : describeCount(results.length, trimmed)}
      </p>
      {own.length > 0 ? <CaseTable cases={own} /> : null}
      {restricted.length > 0 ? <RestrictedCases cases={restricted} /> : null}
    </section>
  );
}

function describeCount(count: number, query: string): string {
  if (count === 0) return query ? `No cases match “${query}”.` : 'You are not allocated to any cases yet.';
  const noun = count === 1 ? 'case' : 'cases';
  return query ? `${count} ${noun} match “${query}”.` : `${count} ${noun}.`;
}

function CaseTable({ cases }: { cases: CaseListItem[] }) {
  return (
    <DataTable
      caption="Cases"
      columns={[
        'Case reference',
        'Child’s name',
        'Preferred name',
        'Date of birth',
        'Social care number',
        'Youth justice number',
        'Profile',
        'Opened',
      ]}
    >
      {cases.map((c) => (
        <tr key={c.caseId}>
          <td className="nowrap">
            {c.reference}
            {c.status === 'closed' ? <span className="tag">Closed</span> : null}
          </td>
          <td>
            <RouteLink to={{ name: 'case', caseId: c.caseId }}>{c.childName}</RouteLink>
          </td>
          <td>{c.preferredName}</td>
          <td className="nowrap">
            <BirthDateText value={c.dateOfBirth} />
          </td>
          <td>{c.socialCareNumber}</td>
          <td>{c.youthJusticeNumber}</td>
          <td>{c.profileName}</td>
          <td>
            <InstantText value={c.openedAt} />
          </td>
        </tr>
      ))}
    </DataTable>
  );
}
