import {
  AlignmentType,
  Document,
  Footer,
  Header,
  HeadingLevel,
  ImageRun,
  LineRuleType,
  Packer,
  PageBreak,
  PageNumber,
  PageOrientation,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableOfContents,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import { estimatePageNumbersWith } from 'docx/layout';
import { TextWatermark } from 'docx/watermarks';
import { ageOn, formatDay, londonDay, londonTime } from '../domain/dates.ts';
import { inOneModel, type Meeting } from '../domain/meeting.ts';
import { PAGE_PIXELS, RENDER_DPI } from '../domain/pattern-map/print-page.ts';
import type { ReportPart, ReportTemplate } from '../domain/sign-off/report-template.ts';
import type { ReportPathway } from '../services/report/pathway-content.ts';
import type { ReportContent } from '../services/report/report-content.ts';
import { A4_TEXT_WIDTH, fitColumns } from './column-widths.ts';
import { PROTECTIVE_MARKING } from './marking.ts';
import { columnTwips, meetingBlocks, TABLE_TEXT } from './meeting-docx.ts';
import { splitPngPages } from './png-pages.ts';
import { NUMBERING_CONFIG, RichTextWriter } from './rich-text-docx.ts';

export interface ReportExportOptions {
  template: ReportTemplate;
  stateLabel: string;
  /** Shown on every page when the report is not final and verified. */
  watermark: string | null;
  verificationMessage: string;
  contentHash: string | null;
  qualityAssurance: { action: string; byName: string; at: string; comments: string }[];
  signatures: {
    signerName: string;
    role: string;
    signedAt: string;
    verified: boolean;
    publicKeyFingerprint: string;
  }[];
  /** The manager's approval (the latest), named beside the co-assessors' signatures. */
  approval?: { byName: string; at: string } | null;
  exportedOn: string;
  exportedBy: string;
  mapPng: Buffer | null;
}

const H1: Level = HeadingLevel.HEADING_1;
const H2: Level = HeadingLevel.HEADING_2;
const H3: Level = HeadingLevel.HEADING_3;
const day = (iso: string) => formatDay(iso.length > 10 ? londonDay(iso) : iso);
const dayTime = (iso: string) => `${formatDay(londonDay(iso))} ${londonTime(iso)}`;
const text = (
  t: string,
  o: { bold?: boolean; italics?: boolean; color?: string; size?: number; font?: string } = {},
) => new TextRun({ text: t, ...o });
const para = (t: string, o: { bold?: boolean; italics?: boolean } = {}) =>
  new Paragraph({ children: [text(t, o)] });
type Level = (typeof HeadingLevel)[keyof typeof HeadingLevel];
const heading = (t: string, level: Level = H1) => new Paragraph({ heading: level, children: [text(t)] });

// Paragraph styles of the report besides Normal and the headings.
const COVER_MARKING = 'CoverMarking';
const REPORT_TITLE = 'ReportTitle';
const CONTENTS_TITLE = 'ContentsTitle';

/** Room between the text and the cell borders (twips). */
const CELL_MARGINS = { top: 60, bottom: 60, left: 100, right: 100 };

/** A table cell's paragraph: its spacing comes from the table text style. */
const cellPara = (t: string, bold: boolean, size: number) =>
  new Paragraph({ style: TABLE_TEXT, children: [text(t, { bold, size })] });

function table(header: string[], rows: string[][], widths?: number[]): Table {
  // Every column at least as wide as its longest word, so no word breaks between its letters.
  // The grid fills the text width exactly (the last column takes what the rounding left).
  const fitted = columnTwips(fitColumns(header, rows, { ...(widths ? { widths } : {}), halfPoints: 18 }));
  const cell = (t: string, i: number, bold = false) =>
    new TableCell({
      width: { size: fitted[i] ?? 0, type: WidthType.DXA },
      children: [cellPara(t, bold, 18)],
    });
  return new Table({
    width: { size: A4_TEXT_WIDTH, type: WidthType.DXA },
    // Fixed: Word and LibreOffice both draw the fitted widths instead of fitting the columns their own way.
    layout: TableLayoutType.FIXED,
    margins: CELL_MARGINS,
    columnWidths: fitted,
    rows: [
      new TableRow({ tableHeader: true, children: header.map((h, i) => cell(h, i, true)) }),
      // A row stays on one page, so a rating's evidence is never split from its assessor.
      ...rows.map((r) => new TableRow({ cantSplit: true, children: r.map((c, i) => cell(c, i)) })),
    ],
  });
}

/** Label and value rows under a title row that spans both columns (and repeats on each page). */
function keyValues(title: string, rows: [string, string][]): Table {
  const widths = columnTwips([1, 2]);
  const cell = (t: string, bold = false) =>
    new TableCell({
      width: { size: (bold ? widths[0] : widths[1]) ?? 0, type: WidthType.DXA },
      children: [cellPara(t, bold, 20)],
    });
  return new Table({
    width: { size: A4_TEXT_WIDTH, type: WidthType.DXA },
    layout: TableLayoutType.FIXED,
    margins: CELL_MARGINS,
    columnWidths: widths,
    rows: [
      new TableRow({
        tableHeader: true,
        children: [
          new TableCell({
            columnSpan: 2,
            width: { size: A4_TEXT_WIDTH, type: WidthType.DXA },
            children: [cellPara(title, true, 20)],
          }),
        ],
      }),
      ...rows.map(([k, v]) => new TableRow({ children: [cell(k, true), cell(v)] })),
    ],
  });
}

/**
 * Room for a map page under the part's heading on a landscape page, in points: LibreOffice lays a draft's
 * body (three header and two footer lines) from 83 pt to 545 pt, the heading takes 45 pt, and 10 pt is
 * left for Word's own line heights. A page of the map (6 inches, 432 pt) is scaled to it, every page alike,
 * so the heading never sits alone on a page; the map's 10 pt text stays above 9 pt.
 */
const MAP_ROOM_PT = 545 - 83 - 45 - 10;
const MAP_SCALE = Math.min(1, MAP_ROOM_PT / ((PAGE_PIXELS.height / RENDER_DPI) * 72));

function pngSize(png: Buffer): { width: number; height: number } {
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

function headerFor(title: string, o: ReportExportOptions): Header {
  return new Header({
    children: [
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [text(PROTECTIVE_MARKING, { bold: true, size: 22 })],
      }),
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [text(title, { size: 16, color: '444444' })],
      }),
      ...(o.watermark
        ? [
            new Paragraph({
              alignment: AlignmentType.CENTER,
              children: [
                text(o.watermark, { bold: true, size: 32, color: 'B10E1E' }),
                // Word's own kind of watermark: a diagonal shape anchored in the header, so on every page.
                new TextWatermark({ text: o.watermark, color: 'B10E1E', opacity: 0.25, bold: true }),
              ],
            }),
          ]
        : []),
    ],
  });
}

function footerFor(versionNo: number, o: ReportExportOptions): Footer {
  return new Footer({
    children: [
      ...(o.watermark
        ? [
            new Paragraph({
              alignment: AlignmentType.CENTER,
              children: [text(o.watermark, { bold: true, size: 20, color: 'B10E1E' })],
            }),
          ]
        : []),
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [
          text(`${PROTECTIVE_MARKING} — version ${versionNo}, ${o.stateLabel} — Page `, { size: 16 }),
          new TextRun({ children: [PageNumber.CURRENT], size: 16 }),
          text(' of ', { size: 16 }),
          new TextRun({ children: [PageNumber.TOTAL_PAGES], size: 16 }),
        ],
      }),
    ],
  });
}

/** The AIM planning or end meeting: the one meeting rendering, with what AIM records at it. */
function meetingParagraphs(
  stored: NonNullable<ReportContent['owned']['planning']>,
  h: string,
  writer: RichTextWriter,
  end: boolean,
): (Paragraph | Table)[] {
  const m = inOneModel(stored);
  return meetingBlocks(m, {
    heading: h,
    level: H1,
    after: (sub) => [
      heading('Information shared', sub),
      ...writer.paragraphs(m.informationShared),
      ...(m.timescales ? [heading('Timescales', sub), para(m.timescales)] : []),
      ...(m.roles ? [heading('Roles', sub), para(m.roles)] : []),
      ...(end ? [heading('Level of concern now', sub), para(m.levelOfConcern || 'Not recorded.')] : []),
    ],
  });
}

/** Each referral criterion by its name, then what was found (two age criteria no longer read alike). */
const criteriaBullets = (criteria: readonly { label: string; explanation: string }[]) =>
  criteria.map(
    (c) =>
      new Paragraph({
        bullet: { level: 0 },
        children: [text(`${c.label}: `, { bold: true }), text(c.explanation)],
      }),
  );

type PathwayPart =
  | 'referral'
  | 'category'
  | 'consultation'
  | 'strategy-meetings'
  | 'mapping-meeting'
  | 'intervention-plan';

/** A meeting of the pathway under its own level-2 heading; its parts sit below the contents' levels. */
const pathwayMeeting = (title: string, m: Meeting, own: [string, string][]) => [
  heading(title, H2),
  ...meetingBlocks(m, { heading: null, level: H3, own }),
];

/**
 * The pathway around the assessment. A report approved before these parts existed has no pathway in what
 * was signed, and they are left out of it.
 */
function pathwayParts(
  p: ReportPathway | undefined,
): Record<PathwayPart, (h: string) => (Paragraph | Table)[]> {
  const whenNone = (h: string, what: string) => [heading(h), para(`No ${what} recorded.`, { italics: true })];
  const each =
    <T>(list: (q: ReportPathway) => T[], what: string, one: (x: T, i: number) => (Paragraph | Table)[]) =>
    (h: string) => {
      if (!p) return [];
      const items = list(p);
      return items.length ? [heading(h), ...items.flatMap(one)] : whenNone(h, what);
    };
  return {
    referral: each(
      (q) => q.referrals,
      'referral',
      (r) => [
        heading(
          `${r.newReferral ? 'New referral' : 'Concern on the open case'}, received ${dayTime(r.receivedAt)}`,
          H2,
        ),
        keyValues('The referral', [
          ['Received', dayTime(r.receivedAt)],
          ['Referred by', r.source],
          ...(r.referrer ? [['Referrer and contact details', r.referrer] as [string, string]] : []),
          ['What was reported', r.reported],
          // The summary names the outcome itself; each criterion is under the referral criteria.
          ['Eligibility at referral', r.eligibility.summary],
          ...(r.proceedReason ? [['Reason to proceed', r.proceedReason] as [string, string]] : []),
          ['Recorded by', r.recordedBy],
        ]),
      ],
    ),
    category: each(
      (q) => q.categories,
      'risk category',
      (c, i) => [
        heading(`${i ? 'Re-categorised: ' : ''}${c.label} agreed on ${day(c.agreedAt)}`, H2),
        keyValues('The category agreed', [
          [
            'Category',
            `${c.label}${c.brookColour ? `, Brook ${c.brookColour}` : ''}${c.complex ? ' (complex)' : ''}`,
          ],
          ...(c.childProtectionTier
            ? [['Child protection tier', c.childProtectionTier] as [string, string]]
            : []),
          ...(c.serviceResponse ? [['Service response', c.serviceResponse] as [string, string]] : []),
          ['Agreed by', `${c.agreedBy}, ${dayTime(c.agreedAt)}`],
          ...(c.suggested ? [['Suggested by the descriptors', c.suggested] as [string, string]] : []),
          ['Rationale', c.rationale || 'As suggested by the descriptors ticked.'],
        ]),
        para(c.descriptors.length ? 'Descriptors ticked:' : 'No descriptors ticked.', { bold: true }),
        ...c.descriptors.map((d) => new Paragraph({ bullet: { level: 0 }, children: [text(d)] })),
      ],
    ),
    consultation: each(
      (q) => q.consultations,
      'consultation',
      (c) => [
        heading(`Consultation requested ${dayTime(c.requestedAt)}`, H2),
        keyValues('The request', [
          ['Requested by', c.requestedBy],
          ['What it is for', c.request],
          [
            'Screening',
            c.screening
              ? `${c.screening.decision} by ${c.screening.by}, ${dayTime(c.screening.at)}: ${c.screening.rationale}`
              : 'Not screened yet',
          ],
        ]),
        ...(c.meeting
          ? [
              heading('Consultation held', H3),
              ...meetingBlocks(c.meeting, {
                heading: null,
                level: H3,
                own: [
                  ['The behaviour is', c.meeting.outcome],
                  ['Next steps', c.meeting.nextSteps],
                  ['Resources shared', c.meeting.resourcesShared],
                  ['Notes', c.meeting.notes],
                ],
              }),
            ]
          : [para('The consultation has not been held yet.', { italics: true })]),
      ],
    ),
    'strategy-meetings': each(
      (q) => q.strategyMeetings,
      'strategy discussion or meeting',
      (m) =>
        pathwayMeeting(`${m.typeLabel}, ${day(m.meeting.heldAt)}`, m.meeting, [
          ['Why it was held', m.trigger],
          ['Outcomes', m.outcomes.join('; ')],
          ['Rationale', m.rationale],
          ...(m.category ? [['Category agreed', m.category] as [string, string]] : []),
        ]),
    ),
    'mapping-meeting': each(
      (q) => q.mappingMeetings,
      'mapping meeting',
      (m) => pathwayMeeting(`Mapping meeting, ${day(m.heldAt)}`, m, [['Notes', m.notes]]),
    ),
    'intervention-plan': each(
      (q) => q.plans,
      'plan',
      (x) => [
        heading(`${x.kind}: ${x.title}`, H2),
        keyValues('The plan', [
          ['Dated', day(x.dated)],
          ['With whom', x.withWhom],
          ['Details', x.details],
        ]),
      ],
    ),
  };
}

/** The AIM report as a Word document, in the organisation's report format, marked on every page. */
export async function reportDocx(content: ReportContent, o: ReportExportOptions): Promise<Buffer> {
  const { owned, context } = content;
  const writer = new RichTextWriter();
  const n = (id: string) => context.names[id] ?? id;
  const a = owned.assessment;
  const title = `AIM assessment report — ${context.child.name} — case ${context.case.reference} — version ${a.versionNo}`;

  const parts: Record<ReportPart, (h: string) => (Paragraph | Table)[]> = {
    ...pathwayParts(context.pathway),
    'reason-and-route': (h) => [
      heading(h),
      para(a.routeLabel),
      heading('Reasons for the decision to assess', H2),
      para(a.reasons),
      para(`Decision made ${dayTime(a.decisionAt)}.`),
      ...(a.qualityReviewNotified
        ? [para(`Quality-review service notified: ${a.qualityReviewNotified}`)]
        : []),
    ],
    eligibility: (h) => [
      heading(h),
      para(a.eligibility.summary),
      ...criteriaBullets(a.eligibility.criteria),
      ...(a.proceedReason ? [para(`Reason to proceed: ${a.proceedReason}`, { bold: true })] : []),
    ],
    planning: (h) =>
      owned.planning
        ? meetingParagraphs(owned.planning, h, writer, false)
        : [heading(h), para('No planning meeting recorded.', { italics: true })],
    sources: (h) => [
      heading(h),
      owned.sources.length
        ? table(
            ['Source', 'Agency', 'Consulted', 'By', 'ABE interview accessed', 'Notes'],
            owned.sources.map((s) => [
              s.source,
              s.agency,
              day(s.consultedOn),
              n(s.consultedById),
              s.abeInterviewAccessed ? 'Yes' : 'No',
              s.notes,
            ]),
            [2100, 1200, 1150, 1300, 1000, 2250],
          )
        : para('No sources recorded.', { italics: true }),
    ],
    sessions: (h) => [
      heading(h),
      ...(owned.sessions.length
        ? owned.sessions.flatMap((s) => [
            heading(`${day(s.heldOn)}: ${s.with.join(', ')}`, H2),
            para(`Assessors: ${s.assessorIds.map(n).join(' and ')}${s.place ? `. Where: ${s.place}` : ''}.`),
            ...writer.paragraphs(s.notes),
          ])
        : [para('No sessions recorded.', { italics: true })]),
    ],
    domains: (h) => [
      heading(h),
      ...owned.domains.flatMap((d) => [
        heading(d.name, H2),
        ...(d.items.length
          ? d.items.flatMap((item) => [
              new Paragraph({
                children: [
                  text(`${item.kind === 'concern' ? 'Concern' : 'Strength'}: `, { bold: true }),
                  text(item.label),
                ],
              }),
              ...(item.ratings.length
                ? [
                    table(
                      ['Assessor', 'Rating', 'Evidence', 'Source'],
                      item.ratings.map((r) => [n(r.assessorId), r.rating, r.evidence, r.source]),
                      [1800, 1500, 4200, 1500],
                    ),
                  ]
                : []),
              item.agreed
                ? new Paragraph({
                    children: [
                      text('Agreed position: ', { bold: true }),
                      text(
                        `${item.agreed.rating}. ${item.agreed.rationale} (agreed by ${item.agreed.agreedByIds.map(n).join(' and ')})`,
                      ),
                    ],
                  })
                : para('No agreed position recorded.', { italics: true }),
            ])
          : [para('No concerns or strengths recorded.', { italics: true })]),
      ]),
    ],
    analysis: (h) => [
      heading(h),
      ...owned.sections.flatMap((s) => [heading(s.heading, H2), ...writer.paragraphs(s.content)]),
    ],
    outcome: (h) => (a.outcomeLabel ? [heading(h), para(a.outcomeLabel)] : []),
    'pattern-map': (h) =>
      context.chronology.length || o.mapPng
        ? [
            // The picture itself is on landscape pages of its own, just before (mapSection below).
            ...(o.mapPng ? [] : [heading(h)]),
            heading('Chronology', H2),
            table(
              ['Date', 'Lane', 'What happened', 'Where', 'Source', 'Harmed', 'Category'],
              context.chronology.map((c) => [
                `${c.date}${c.approximate ? ' (approx.)' : ''}`,
                c.lane,
                c.what,
                c.where,
                c.source,
                c.harmed,
                c.category,
              ]),
              [1400, 1100, 3200, 1100, 1200, 1000, 1000],
            ),
          ]
        : [],
    'end-meeting': (h) => (owned.endMeeting ? meetingParagraphs(owned.endMeeting, h, writer, true) : []),
    'quality-assurance': (h) => [
      heading(h),
      o.qualityAssurance.length
        ? table(
            ['Step', 'By', 'When', 'Comments'],
            o.qualityAssurance.map((q) => [q.action, q.byName, dayTime(q.at), q.comments]),
          )
        : para('Not yet submitted for quality assurance.', { italics: true }),
    ],
    signatures: (h) => [
      heading(h),
      para(o.verificationMessage, { bold: true }),
      ...(o.signatures.length
        ? [
            table(
              ['Signed by', 'Role', 'Signed at', 'Verified', 'Public key (SHA-256, first 16)'],
              o.signatures.map((s) => [
                s.signerName,
                s.role,
                dayTime(s.signedAt),
                s.verified ? 'Yes' : 'NO',
                s.publicKeyFingerprint,
              ]),
            ),
          ]
        : [para('Not signed.', { italics: true })]),
      o.approval
        ? para(
            `Approved by ${o.approval.byName} (manager, quality assurance) on ${dayTime(o.approval.at)}.`,
            {
              bold: true,
            },
          )
        : para('Not yet approved by a manager.', { italics: true }),
      para('Content hash (SHA-256 of the canonical JSON of the approved report), in groups of eight:'),
      new Paragraph({
        children: [
          text(
            o.contentHash
              ? (o.contentHash.match(/.{1,8}/g) ?? []).join(' ')
              : 'none — the report has not been approved',
            {
              size: 20,
              font: 'Courier New',
            },
          ),
        ],
      }),
      heading('How to verify', H2),
      para(
        'Open the case in the HSB Workbench and go to the assessment’s sign-off. The workbench rebuilds the canonical JSON (RFC 8785) of the approved report, recomputes its SHA-256, checks it against the hash above and the assessment’s own records, and checks each signer’s Ed25519 signature with their registered public key. It then says “Signed by … unchanged since” or “Changed after sign-off”. A printed or exported copy cannot be verified on its own: compare its hash with the one the workbench shows.',
      ),
    ],
  };

  const age = ageOn(context.child.dateOfBirth, o.exportedOn);
  const cover = [
    new Paragraph({ style: COVER_MARKING, children: [text(PROTECTIVE_MARKING)] }),
    new Paragraph({ style: REPORT_TITLE, children: [text('AIM assessment report')] }),
    ...(o.watermark
      ? [
          new Paragraph({
            alignment: AlignmentType.CENTER,
            children: [text(o.watermark, { bold: true, size: 36, color: 'B10E1E' })],
          }),
        ]
      : []),
    keyValues('The child and the assessment', [
      [
        'Child',
        `${context.child.name}${context.child.preferredName ? ` (known as ${context.child.preferredName})` : ''}`,
      ],
      ['Date of birth', `${day(context.child.dateOfBirth)} (age ${age})`],
      ['Gender', context.child.gender],
      ['Social care number', context.child.socialCareNumber || '—'],
      ['Youth justice number', context.child.youthJusticeNumber || '—'],
      [
        'Case',
        `${context.case.reference} (${context.case.profile.name} profile, version ${context.case.profile.version})`,
      ],
      [
        'Framework',
        `${a.framework.name}${a.framework.itemSetName ? ` with ${a.framework.itemSetName}` : ''}`,
      ],
      ...context.assessors.map((x): [string, string] => [
        x.role,
        `${x.name}, ${x.agency}${x.aimTrained ? ', AIM-trained' : ''}`,
      ]),
      ['Route', a.routeLabel],
      ['Decision to assess', dayTime(a.decisionAt)],
      [
        'Assessment window',
        context.window
          ? `${context.window.rule}: due ${day(context.window.currentDue)}${context.window.currentDue !== context.window.originalDue ? ` (originally ${day(context.window.originalDue)})` : ''}`
          : 'Not started',
      ],
      ['Version', String(a.versionNo)],
      ['Status', o.stateLabel],
      ['Exported', `${day(o.exportedOn)} by ${o.exportedBy}`],
    ]),
    new Paragraph({ children: [new PageBreak()] }),
    new Paragraph({ style: CONTENTS_TITLE, children: [text('Contents')] }),
    // Three levels, so the sub-headings written in the formulation and analysis are listed too.
    new TableOfContents('Contents', { hyperlink: true, headingStyleRange: '1-3' }),
    new Paragraph({ children: [new PageBreak()] }),
  ];

  // The map picture goes on landscape pages of its own, at (nearly) its true size (print-page.ts), the
  // part's heading on the first of them with the first page of the map (issue 13).
  const mapAt = o.mapPng ? o.template.parts.findIndex((p) => p.part === 'pattern-map') : -1;
  const bodyOf = (list: typeof o.template.parts) => list.flatMap(({ part, heading: h }) => parts[part](h));
  const before = bodyOf(mapAt >= 0 ? o.template.parts.slice(0, mapAt) : o.template.parts);
  const after = mapAt >= 0 ? bodyOf(o.template.parts.slice(mapAt)) : [];
  const mapPages = o.mapPng && mapAt >= 0 ? splitPngPages(o.mapPng, PAGE_PIXELS.height) : [];
  const mapSection = mapPages.length
    ? [
        {
          properties: {
            page: {
              size: { orientation: PageOrientation.LANDSCAPE },
              margin: { top: 864, bottom: 720, left: 720, right: 720, header: 288, footer: 288 },
            },
          },
          headers: { default: headerFor(title, o) },
          footers: { default: footerFor(a.versionNo, o) },
          children: [
            heading(o.template.parts[mapAt]?.heading ?? 'Pattern map'),
            ...mapPages.map(
              (page, i) =>
                new Paragraph({
                  // No space around the picture and single line spacing: the body's 1.15 lines would make
                  // the picture's line 15% taller than the picture, pushing it off the heading's page.
                  style: TABLE_TEXT,
                  children: [
                    ...(i > 0 ? [new PageBreak()] : []),
                    new ImageRun({
                      type: 'png',
                      data: page,
                      transformation: {
                        width: Math.round((pngSize(page).width / RENDER_DPI) * 96 * MAP_SCALE),
                        height: Math.round((pngSize(page).height / RENDER_DPI) * 96 * MAP_SCALE),
                      },
                    }),
                  ],
                }),
            ),
          ],
        },
      ]
    : [];
  const doc = new Document({
    creator: 'HSB Workbench',
    title,
    // Word updates the fields on opening; the contents carry estimated page numbers until it does (and in
    // applications that do not update fields).
    features: { updateFields: true },
    pageNumbers: estimatePageNumbersWith({ guess: true }),
    numbering: { config: NUMBERING_CONFIG },
    styles: {
      // One paragraph style gives the body text its spacing; no paragraph sets its own.
      default: {
        document: {
          run: { font: 'Calibri', size: 22 },
          // lineRule "auto" written out: LibreOffice takes a bare w:line as exact and clips the map's pictures.
          paragraph: { spacing: { before: 100, after: 100, line: 276, lineRule: LineRuleType.AUTO } },
        },
      },
      paragraphStyles: [
        {
          id: TABLE_TEXT,
          name: 'Table text',
          basedOn: 'Normal',
          quickFormat: true,
          paragraph: { spacing: { before: 0, after: 0, line: 240, lineRule: LineRuleType.AUTO } },
        },
        {
          id: COVER_MARKING,
          name: 'Cover marking',
          basedOn: 'Normal',
          run: { size: 28, bold: true },
          paragraph: { alignment: AlignmentType.CENTER, spacing: { before: 1200, after: 140 } },
        },
        {
          id: REPORT_TITLE,
          name: 'Report title',
          basedOn: 'Normal',
          run: { size: 48, bold: true },
          paragraph: { alignment: AlignmentType.CENTER, spacing: { before: 600, after: 400 } },
        },
        {
          id: CONTENTS_TITLE,
          name: 'Contents title',
          basedOn: 'Normal',
          run: { size: 32, bold: true },
          paragraph: { spacing: { before: 0, after: 200 } },
        },
        {
          id: 'Heading1',
          name: 'Heading 1',
          basedOn: 'Normal',
          next: 'Normal',
          quickFormat: true,
          run: { size: 32, bold: true, color: '1D3557' },
          paragraph: { spacing: { before: 360, after: 120 }, keepNext: true },
        },
        {
          id: 'Heading2',
          name: 'Heading 2',
          basedOn: 'Normal',
          next: 'Normal',
          quickFormat: true,
          run: { size: 26, bold: true, color: '2B4F81' },
          paragraph: { spacing: { before: 240, after: 80 }, keepNext: true },
        },
        {
          id: 'Heading3',
          name: 'Heading 3',
          basedOn: 'Normal',
          next: 'Normal',
          quickFormat: true,
          run: { size: 23, bold: true },
          paragraph: { spacing: { before: 160, after: 60 }, keepNext: true },
        },
        {
          // The parts of a meeting inside a pathway part (attendees, agenda, decisions, actions).
          id: 'Heading4',
          name: 'Heading 4',
          basedOn: 'Normal',
          next: 'Normal',
          quickFormat: true,
          run: { size: 22, bold: true, color: '2B4F81' },
          paragraph: { spacing: { before: 160, after: 60 }, keepNext: true },
        },
      ],
    },
    sections: [
      {
        headers: { default: headerFor(title, o) },
        footers: { default: footerFor(a.versionNo, o) },
        children: [...cover, ...before],
      },
      ...mapSection,
      ...(after.length
        ? [
            {
              headers: { default: headerFor(title, o) },
              footers: { default: footerFor(a.versionNo, o) },
              children: after,
            },
          ]
        : []),
    ],
  });
  return Packer.toBuffer(doc);
}
