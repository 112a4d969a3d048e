import type { ReactNode } from 'react';
import type { Profile } from '#domain/profiles/schema.ts';
import { DataTable } from '../../ui/DataTable.tsx';
import {
  colourLabel,
  describeAppliesTo,
  describeRule,
  describeStart,
  hackettTerm,
  NATION_LABELS,
} from './describe.ts';
import { CitationText, Part, SourceNote } from './parts.tsx';

// The profile's tables: timescales, the risk matrix and the Brook colours and age bands.

/** Each timescale: the step, what starts its clock, the rule and its source. */
export function TimescalesPart({ profile }: { profile: Profile }) {
  return (
    <Part id="timescales" title="Timescales">
      <p className="body hint">
        The trigger day is day 0 and the first working day after it is day 1. Working days leave out weekends,{' '}
        {NATION_LABELS[profile.nation]} bank holidays and the workbench’s closure days.
      </p>
      <DataTable
        caption={<>Timescales of {profile.name}</>}
        className="table table--small"
        columns={['Step', 'Starts on', 'Rule', 'Source']}
      >
        {profile.timescales.map((t) => {
          const applies = describeAppliesTo(profile, t);
          return (
            <tr key={t.id}>
              <td>
                {t.label}
                {t.note ? <span className="cell-note">{t.note}</span> : null}
              </td>
              <td>
                {describeStart(profile, t)}
                {applies ? <span className="cell-note">Applies to: {applies}</span> : null}
              </td>
              <td className="rule-cell">{describeRule(t.rule)}</td>
              <td>
                <CitationText citation={t.citation} />
              </td>
            </tr>
          );
        })}
      </DataTable>
    </Part>
  );
}

/** Hackett category → Brook colour → child-protection tier → service response. */
export function RiskMatrixPart({ profile }: { profile: Profile }) {
  return (
    <Part id="risk-matrix" title="Risk matrix">
      <DataTable
        caption={<>Risk matrix of {profile.name}</>}
        className="table table--small"
        columns={['Category', 'Hackett term', 'Brook colour', 'Child-protection tier', 'Service response']}
      >
        {profile.riskMatrix.rows.map((r) => (
          <tr key={r.category}>
            <td>{r.label}</td>
            <td>{hackettTerm(r.hackett)}</td>
            <td>{colourLabel(profile, r.brookColour) || <span className="hint">None</span>}</td>
            <td>{r.childProtectionTier ?? <span className="hint">Not stated</span>}</td>
            <td>{r.serviceResponse ?? <span className="hint">Not stated</span>}</td>
          </tr>
        ))}
      </DataTable>
      <SourceNote citation={profile.riskMatrix.citation} />
    </Part>
  );
}

/** Brook colour names and age bands (never Brook’s behaviour lists). */
export function BrookPart({ profile }: { profile: Profile }) {
  return (
    <Part id="brook" title="Brook Traffic Light Tool">
      <p className="body hint">
        Colour names and age bands only: Brook’s behaviour lists are Brook’s content and are not part of the
        workbench.
      </p>
      <div className="columns">
        <BrookTable caption="Colours" columns={['Colour', 'Response']}>
          {profile.brook.colours.map((c) => (
            <tr key={c.id}>
              <td>{c.label}</td>
              <td>{c.response ?? <span className="hint">Not stated</span>}</td>
            </tr>
          ))}
        </BrookTable>
        <BrookTable caption="Age bands" columns={['Band', 'Ages']}>
          {profile.brook.ageBands.map((b) => (
            <tr key={b.id}>
              <td>{b.label}</td>
              <td>
                {b.minAge} to {b.maxAge}
              </td>
            </tr>
          ))}
        </BrookTable>
      </div>
      <SourceNote citation={profile.brook.citation} />
    </Part>
  );
}

/** A small table of the Brook tool's words, its caption shown above it. */
function BrookTable({
  caption,
  columns,
  children,
}: {
  caption: string;
  columns: string[];
  children: ReactNode;
}) {
  return (
    <DataTable
      caption={caption}
      captionClassName="table-caption"
      className="table table--small"
      columns={columns}
    >
      {children}
    </DataTable>
  );
}
