import {
  AlignmentType,
  BorderStyle,
  convertMillimetersToTwip,
  Document,
  type ITableBordersOptions,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  UnderlineType,
  WidthType,
} from 'docx';
import type { LetterContent } from './content.ts';

/**
 * Thể thức of Nghị định 30/2020/NĐ-CP (Phụ lục I): A4 portrait, Times New Roman (Unicode,
 * TCVN 6909:2001), quốc hiệu 12–13pt bold upper-case, tiêu ngữ 13–14pt bold with a full-width
 * line under it, agency name bold upper-case with a short line under it, place-date italic,
 * margins top/bottom 20–25 mm, left 30–35 mm, right 15–20 mm. DOMAIN.md §2 notes that applying
 * this layout to the apology form specifically is unconfirmed; it is the layout every official
 * letter uses.
 */

export const FONT = 'Times New Roman';
export const PAGE_MM = { width: 210, height: 297 } as const;
export const MARGINS_MM = { top: 20, bottom: 20, left: 30, right: 15 } as const;

const pt = (points: number) => points * 2; // docx sizes are half-points
const mm = convertMillimetersToTwip;
const CONTENT_WIDTH = mm(PAGE_MM.width - MARGINS_MM.left - MARGINS_MM.right);
const LEFT_COL = Math.round(CONTENT_WIDTH * 0.38);
const RIGHT_COL = CONTENT_WIDTH - LEFT_COL;

const NONE = { style: BorderStyle.NONE, size: 0, color: 'auto' } as const;
const NO_BORDERS: ITableBordersOptions = {
  top: NONE,
  bottom: NONE,
  left: NONE,
  right: NONE,
  insideHorizontal: NONE,
  insideVertical: NONE,
};

interface RunStyle {
  size: number;
  bold?: boolean;
  italics?: boolean;
  underline?: boolean;
}

function run(text: string, s: RunStyle): TextRun {
  return new TextRun({
    text,
    font: FONT,
    size: pt(s.size),
    bold: s.bold ?? false,
    italics: s.italics ?? false,
    ...(s.underline ? { underline: { type: UnderlineType.SINGLE } } : {}),
  });
}

function line(
  text: string,
  s: RunStyle,
  opts: { align?: (typeof AlignmentType)[keyof typeof AlignmentType]; after?: number; before?: number; firstLine?: number } = {},
): Paragraph {
  return new Paragraph({
    alignment: opts.align ?? AlignmentType.CENTER,
    spacing: { before: opts.before ?? 0, after: opts.after ?? 0 },
    ...(opts.firstLine ? { indent: { firstLine: opts.firstLine } } : {}),
    children: text ? [run(text, s)] : [],
  });
}

/** A short centred rule: a paragraph's bottom border narrowed by equal indents. */
function shortRule(cellWidth: number, fraction: number): Paragraph {
  const indent = Math.round((cellWidth * (1 - fraction)) / 2);
  return new Paragraph({
    indent: { left: indent, right: indent },
    spacing: { before: 0, after: 120 },
    border: { bottom: { style: BorderStyle.SINGLE, size: 6, color: '000000', space: 1 } },
    children: [],
  });
}

function twoColumns(left: Paragraph[], right: Paragraph[]): Table {
  const cell = (children: Paragraph[], width: number) =>
    new TableCell({ width: { size: width, type: WidthType.DXA }, borders: NO_BORDERS, children });
  return new Table({
    layout: TableLayoutType.FIXED,
    width: { size: CONTENT_WIDTH, type: WidthType.DXA },
    columnWidths: [LEFT_COL, RIGHT_COL],
    borders: NO_BORDERS,
    rows: [new TableRow({ children: [cell(left, LEFT_COL), cell(right, RIGHT_COL)] })],
  });
}

export function buildDocument(c: LetterContent): Document {
  const header = twoColumns(
    [
      ...(c.parentAgency ? [line(c.parentAgency, { size: 13 })] : []),
      ...c.agencyHeader.map((l) => line(l, { size: 13, bold: true })),
      shortRule(LEFT_COL, 0.4),
      line(c.number, { size: 13 }),
    ],
    [
      line(c.nationalTitle, { size: 12, bold: true }),
      line(c.motto, { size: 14, bold: true, underline: true }, { after: 240 }),
      line(c.placeDate, { size: 14, italics: true }),
    ],
  );

  const body = [
    line(c.title, { size: 14, bold: true }, { before: 480, after: 240 }),
    line(c.to, { size: 14 }, { after: 120 }),
    ...c.contactLines.map((l) => line(l, { size: 14 }, { align: AlignmentType.LEFT, firstLine: mm(10) })),
    ...c.body.map((p, i) =>
      line(p, { size: 14 }, { align: AlignmentType.JUSTIFIED, firstLine: mm(10), before: i === 0 ? 240 : 0, after: 120 }),
    ),
    line(c.closing, { size: 14 }, { align: AlignmentType.JUSTIFIED, firstLine: mm(10), after: 240 }),
  ];

  const signerLines = [c.signer.authority, c.signer.capacity, c.signer.title].filter((s): s is string => !!s);
  const footer = twoColumns(
    [
      line(c.copyToTitle, { size: 12, bold: true, italics: true }, { align: AlignmentType.LEFT }),
      ...c.copyTo.map((l) => line(l, { size: 11 }, { align: AlignmentType.LEFT })),
    ],
    [
      ...signerLines.map((l) => line(l, { size: 14, bold: true })),
      // Room for the signature and the seal.
      ...[0, 1, 2, 3].map(() => line('', { size: 14 })),
      line(c.signer.name, { size: 14, bold: true }),
    ],
  );

  return new Document({
    title: c.title,
    creator: c.agencyHeader.join(' '),
    styles: { default: { document: { run: { font: FONT, size: pt(14) } } } },
    sections: [
      {
        properties: {
          page: {
            size: { width: mm(PAGE_MM.width), height: mm(PAGE_MM.height) },
            margin: {
              top: mm(MARGINS_MM.top),
              bottom: mm(MARGINS_MM.bottom),
              left: mm(MARGINS_MM.left),
              right: mm(MARGINS_MM.right),
            },
          },
        },
        children: [header, ...body, footer],
      },
    ],
  });
}

export async function packDocx(c: LetterContent): Promise<Buffer> {
  return Packer.toBuffer(buildDocument(c));
}
