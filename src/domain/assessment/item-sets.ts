import { z } from 'zod';
import type { Framework } from './frameworks.ts';

/**
 * An organisation's licensed item set for a framework: its own copy of the item wording, imported into
 * the encrypted store. The workbench ships none. Validated against the framework's domains.
 */

const slug = z
  .string()
  .regex(/^[A-Za-z0-9]+(?:[-._][A-Za-z0-9]+)*$/, 'must be letters, digits, dots, dashes or underscores');

export const ItemSetSchema = z.strictObject({
  frameworkId: z.string().min(1, 'must name the framework'),
  name: z.string().trim().min(1, 'must not be empty').max(200),
  licence: z.string().trim().min(1, 'must say whose licence covers this item set').max(500),
  items: z
    .array(
      z.strictObject({
        id: slug,
        domainId: z.string().min(1),
        kind: z.enum(['concern', 'strength']),
        text: z.string().trim().min(1, 'must not be empty').max(2000),
      }),
    )
    .min(1, 'must contain at least one item')
    .max(2000),
});
export type ItemSet = z.infer<typeof ItemSetSchema>;

export interface ItemSetProblem {
  path: string;
  message: string;
}

const pathOf = (segments: readonly PropertyKey[]) =>
  segments.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`)).join('');

/** Parses an item-set file for a framework: every fault with its path, or the item set. */
export function parseItemSet(
  json: unknown,
  framework: Framework,
): { ok: true; itemSet: ItemSet } | { ok: false; errors: ItemSetProblem[] } {
  const parsed = ItemSetSchema.safeParse(json);
  if (!parsed.success) {
    return {
      ok: false,
      errors: parsed.error.issues.map((i) => ({ path: pathOf(i.path) || '(file)', message: i.message })),
    };
  }
  const errors: ItemSetProblem[] = [];
  if (parsed.data.frameworkId !== framework.id) {
    errors.push({
      path: 'frameworkId',
      message: `is “${parsed.data.frameworkId}”, but this is the ${framework.name} template (“${framework.id}”)`,
    });
  }
  const domains = new Set(framework.domains.map((d) => d.id));
  const seen = new Set<string>();
  parsed.data.items.forEach((item, i) => {
    if (!domains.has(item.domainId))
      errors.push({ path: `items[${i}].domainId`, message: `is not a domain of ${framework.name}` });
    if (seen.has(item.id)) errors.push({ path: `items[${i}].id`, message: `repeats the id “${item.id}”` });
    seen.add(item.id);
  });
  return errors.length ? { ok: false, errors } : { ok: true, itemSet: parsed.data };
}
