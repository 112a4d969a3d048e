import {
  BorderStyle,
  Document,
  HeadingLevel,
  Packer,
  PageOrientation,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  WidthType,
} from 'docx';
import type { MapItem, PatternMap } from '../contract/pattern-map-schemas.ts';
import { AGENCY_LABELS } from '../contract/vocabulary.ts';
import { formatDay } from '../domain/dates.ts';
import { chronologicalOrder } from '../domain/event-order.ts';
import { anonymiseText, initialsOf } from '../domain/pattern-map/anonymise.ts';
import { literal, markedFooter, markedHeader } from './marking.ts';

export interface ChronologyOptions {
  view: 'named' | 'anonymised';
  exportedOn: string;
  exportedBy: string;
  audience: string;
}

// Landscape A4 less margins is about 13,950 twips: most of it goes to what happened.
const COLUMN_WIDTHS = [1700, 1300, 4150, 1900, 1600, 1700, 1600];

const cell = (text: string, bold = false) =>
  new TableCell({ children: [new Paragraph({ children: [literal(text, { bold, size: 18 })] })] });

/** What a person on the map is called in the chosen view. */
export function viewOfMap(map: PatternMap, view: 'named' | 'anonymised') {
  const text = (s: string) => (view === 'anonymised' ? anonymiseText(s, map.knownNames) : s);
  const person = (id: string) => {
    const p = map.people.find((x) => x.id === id);
    if (!p) return '';
    // A harmed person is always shown by their reference, in either view.
    if (view === 'anonymised' || p.kind.startsWith('harmed-') || !p.name) return p.anonymisedLabel;
    return `${p.name} (${p.anonymisedLabel})`;
  };
  return { childLabel: view === 'anonymised' ? initialsOf(map.childName) : map.childName, text, person };
}

function itemRow(map: PatternMap, item: MapItem, v: ReturnType<typeof viewOfMap>): TableRow {
  const lane =
    item.kind === 'incident'
      ? 'Incident'
      : (map.lifeEventTypes.find((t) => t.id === item.lane)?.label ?? item.lane);
  const category = map.categories.find((c) => c.id === item.hackettCategory)?.label ?? '';
  const colour = map.brookColours.find((c) => c.id === item.brookColour)?.label ?? '';
  const who = [
    ...item.people.map(v.person),
    item.harmedPersonId ? `Harmed: ${v.person(item.harmedPersonId)}` : '',
  ]
    .filter(Boolean)
    .join('; ');
  const details =
    item.kind === 'incident'
      ? [category, colour, item.childAgeThen !== null ? `age ${item.childAgeThen}` : '']
          .filter(Boolean)
          .join(', ')
      : '';
  return new TableRow({
    children: [
      cell(`${item.span.label}${item.span.approximate ? ' (approx.)' : ''}`),
      cell(lane),
      cell(v.text(item.what)),
      cell(v.text(who)),
      cell(v.text(item.place)),
      cell([AGENCY_LABELS[item.sourceAgency], v.text(item.sourceDetail)].filter(Boolean).join(' — ')),
      cell(details),
    ],
  });
}

/** The map's chronology as a Word document, marked OFFICIAL-SENSITIVE, in the chosen view. */
export async function chronologyDocx(map: PatternMap, options: ChronologyOptions): Promise<Buffer> {
  const v = viewOfMap(map, options.view);
  // The anonymised view names no professional either, the one exporting included (the trail records who).
  const by = v.text(options.exportedBy);
  const items = chronologicalOrder(map.items);
  const byId = new Map(map.items.map((i) => [i.id, i]));
  const header = new TableRow({
    tableHeader: true,
    children: ['Date', 'Lane', 'What happened', 'Who', 'Where', 'Source', 'Category / Brook / age'].map((h) =>
      cell(h, true),
    ),
  });
  const subtitle = `Pattern map chronology — ${v.childLabel} — case ${map.caseReference} — ${options.view === 'anonymised' ? 'anonymised view' : 'named view'}`;
  const doc = new Document({
    creator: 'HSB Workbench',
    title: `Pattern map chronology ${map.caseReference}`,
    sections: [
      {
        properties: { page: { size: { orientation: PageOrientation.LANDSCAPE } } },
        headers: { default: markedHeader(subtitle) },
        footers: {
          default: markedFooter(`Exported ${formatDay(options.exportedOn)} by ${by}`),
        },
        children: [
          new Paragraph({
            heading: HeadingLevel.HEADING_1,
            children: [literal(`Pattern map chronology: ${v.childLabel}`)],
          }),
          new Paragraph({
            children: [
              literal(
                `Case ${map.caseReference}. ${options.view === 'anonymised' ? 'Anonymised view: people, professionals, schools and places are shown by role, initials or kind.' : 'Named view.'} Exported on ${formatDay(options.exportedOn)} by ${by} for ${v.text(options.audience)}.`,
              ),
            ],
          }),
          new Paragraph({ children: [literal(map.orderExplanation, { italics: true, size: 18 })] }),
          new Paragraph({ heading: HeadingLevel.HEADING_2, children: [literal('Chronology')] }),
          new Table({
            width: { size: 100, type: WidthType.PERCENTAGE },
            columnWidths: COLUMN_WIDTHS,
            borders: { insideHorizontal: { style: BorderStyle.SINGLE, size: 2, color: '999999' } },
            rows: [header, ...items.map((item) => itemRow(map, item, v))],
          }),
          new Paragraph({ heading: HeadingLevel.HEADING_2, children: [literal('Links between items')] }),
          ...(map.links.length
            ? map.links.map(
                (l) =>
                  new Paragraph({
                    bullet: { level: 0 },
                    children: [
                      literal(
                        v.text(
                          `${byId.get(l.fromId)?.what ?? '?'} → ${byId.get(l.toId)?.what ?? '?'}: ${l.label || l.kind.replace(/-/g, ' ')}`,
                        ),
                      ),
                    ],
                  }),
              )
            : [new Paragraph({ children: [literal('No links recorded.')] })]),
          new Paragraph({ heading: HeadingLevel.HEADING_2, children: [literal('Themes and hypotheses')] }),
          ...(map.themes.length
            ? map.themes.map(
                (t) =>
                  new Paragraph({
                    bullet: { level: 0 },
                    children: [
                      literal(`${formatDay(t.fromDay)} to ${formatDay(t.toDay)}: ${v.text(t.text)}`),
                    ],
                  }),
              )
            : [new Paragraph({ children: [literal('No themes recorded.')] })]),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}
