/**
 * Suggests an HSB risk category from the descriptors an assessor has ticked. The product only
 * suggests: the professional decides, and the decision needs a rationale (Islington §8: "risk
 * assessment and outcome rationale").
 */
import type { CategoryId, Profile, RiskMatrixRow } from './schema.ts';
import { CATEGORY_IDS } from './schema.ts';

export interface CategorySuggestion {
  /** Undefined when nothing can be suggested (nothing ticked and no "normal" point in the profile). */
  category?: CategoryId;
  label?: string;
  /** The ticked descriptors that decided the suggestion. */
  decidingDescriptorIds: string[];
  /** Ticked ids that are not in this profile's matrix (ignored). */
  unknownDescriptorIds: string[];
  /** One or two plain-English sentences. */
  explanation: string;
}

const RANK = new Map<CategoryId, number>(CATEGORY_IDS.map((id, i) => [id, i]));
const CLOSING = 'This is a suggestion: the practitioner decides the category and records the rationale.';

/** Highest category with a ticked descriptor; 'normal' when nothing is ticked and the profile has it. */
export function suggestCategory(
  profile: Profile,
  tickedDescriptorIds: readonly string[],
): CategorySuggestion {
  const ticked = new Set(tickedDescriptorIds);
  const rowOf = new Map<string, RiskMatrixRow>();
  for (const row of profile.riskMatrix.rows) for (const d of row.descriptors) rowOf.set(d.id, row);
  const unknownDescriptorIds = [...ticked].filter((id) => !rowOf.has(id));

  let best: RiskMatrixRow | undefined;
  for (const id of ticked) {
    const row = rowOf.get(id);
    if (row && (best === undefined || (RANK.get(row.category) ?? 0) > (RANK.get(best.category) ?? 0)))
      best = row;
  }

  if (best === undefined) {
    const normal = profile.riskMatrix.rows.find((r) => r.category === 'normal');
    if (normal) {
      return {
        category: 'normal',
        label: normal.label,
        decidingDescriptorIds: [],
        unknownDescriptorIds,
        explanation: `${normal.label} suggested: no descriptor of concern is ticked. ${CLOSING}`,
      };
    }
    return {
      decidingDescriptorIds: [],
      unknownDescriptorIds,
      explanation: 'No category suggested: no descriptor is ticked, and this profile has no "normal" point.',
    };
  }

  const deciding = best.descriptors.filter((d) => ticked.has(d.id));
  const quoted = deciding.map((d) => `“${d.text}”`).join('; ');
  const many = deciding.length === 1 ? 'descriptor is' : 'descriptors are';
  return {
    category: best.category,
    label: best.label,
    decidingDescriptorIds: deciding.map((d) => d.id),
    unknownDescriptorIds,
    explanation: `${best.label} suggested: it is the highest category with a ticked descriptor (${deciding.length} ${many} ticked: ${quoted}). ${CLOSING}`,
  };
}
