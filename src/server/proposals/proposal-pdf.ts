/**
 * The proposal as a PDF: A4, the whole document in Chinese and then in English (the same rows as the page,
 * describe-proposal.ts), with the floor plans (the proposal's units filled and numbered), the payment schedule,
 * the net effective rent with its rule, and the document's SHA-256 on every page. Drawn with PDFKit; the text is
 * set in Noto Sans SC (SIL Open Font License), read from the `@expo-google-fonts/noto-sans-sc` package and
 * embedded as a subset of the glyphs used, so Chinese renders in any reader and the file stays small.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import PDFDocument from 'pdfkit';
import { formatMessage } from '../../i18n/format-message.ts';
import type { Lang } from '../../i18n/lang.ts';
import { messages } from '../../i18n/messages.ts';
import { formatDateTime } from '../../lib/format.ts';
import { scheduleRows, termRows } from './describe-proposal.ts';
import type { ProposalDocument } from './proposal-document.ts';
import type { ProposalPlan } from './proposal-plans.ts';

const require = createRequire(import.meta.url);
let fonts: { regular: Buffer; bold: Buffer } | undefined;

/** The two weights, read once per process (10 MB each; only the glyphs a document uses are embedded). */
function loadFonts(): { regular: Buffer; bold: Buffer } {
  if (!fonts) {
    const root = dirname(require.resolve('@expo-google-fonts/noto-sans-sc/package.json'));
    fonts = {
      regular: readFileSync(join(root, '400Regular', 'NotoSansSC_400Regular.ttf')),
      bold: readFileSync(join(root, '700Bold', 'NotoSansSC_700Bold.ttf')),
    };
  }
  return fonts;
}

const A4: [number, number] = [595.28, 841.89];
const MARGIN = 48;
const WIDTH = A4[0] - MARGIN * 2;
/** The width of the summary's labels. */
const LABEL = 150;
const INK = '#13233d';
const MUTED = '#5b6b82';
const ACCENT = '#1f6feb';

interface Input {
  document: ProposalDocument;
  sha256: string;
  plans: ProposalPlan[];
  status: string;
  acceptance?: Record<string, string> | null | undefined;
  acceptedAt?: Date | null | undefined;
}

type Doc = InstanceType<typeof PDFDocument>;

function points(text: string): Array<[number, number]> {
  return text.split(' ').map((pair) => pair.split(',').map(Number) as [number, number]);
}

/** Keeps `height` points free below the cursor, starting a new page when they are not. */
function room(doc: Doc, height: number): void {
  if (doc.y + height > A4[1] - MARGIN - 20) doc.addPage();
}

function heading(doc: Doc, text: string): void {
  room(doc, 40);
  doc.moveDown(0.6).font('bold').fontSize(12).fillColor(INK).text(text, MARGIN, doc.y, { width: WIDTH });
  doc.moveDown(0.3);
}

function drawPlans(doc: Doc, plans: ProposalPlan[], lang: Lang): void {
  const box = (WIDTH - 16) / 2;
  for (let i = 0; i < plans.length; i += 2) {
    const row = plans.slice(i, i + 2);
    const heights = row.map((plan) => (box / plan.width) * plan.height);
    const tallest = Math.min(Math.max(...heights), 260);
    room(doc, tallest + 24);
    const top = doc.y;
    row.forEach((plan, j) => {
      const scale = Math.min(box / plan.width, 260 / plan.height);
      const [minX, minY] = plan.viewBox.split(' ').map(Number) as [number, number];
      doc.save();
      doc.translate(MARGIN + j * (box + 16) - minX * scale, top - minY * scale);
      doc.scale(scale);
      doc
        .polygon(...points(plan.floor))
        .lineWidth(0.4)
        .fillAndStroke('#f5f7fa', '#8194ad');
      for (const other of plan.others)
        doc
          .polygon(...points(other))
          .lineWidth(0.25)
          .stroke('#c3ccd8');
      for (const feature of plan.features) doc.polygon(...points(feature)).fill('#d8dfe8');
      for (const chosen of plan.chosen)
        doc
          .polygon(...points(chosen.points))
          .lineWidth(0.5)
          .fillAndStroke(ACCENT, '#123c7a');
      doc.restore();
      for (const chosen of plan.chosen) {
        const size = 8;
        doc
          .font('bold')
          .fontSize(size)
          .fillColor('#ffffff')
          .text(
            chosen.label,
            MARGIN + j * (box + 16) + (chosen.centre[0] - minX) * scale - 30,
            top + (chosen.centre[1] - minY) * scale - size / 2,
            {
              width: 60,
              align: 'center',
              lineBreak: false,
            },
          );
      }
      doc
        .font('regular')
        .fontSize(9)
        .fillColor(MUTED)
        .text(plan.name[lang], MARGIN + j * (box + 16), top + tallest + 4, { width: box, lineBreak: false });
    });
    doc.x = MARGIN;
    doc.y = top + tallest + 22;
  }
}

function drawSchedule(doc: Doc, document: ProposalDocument, lang: Lang): void {
  const t = messages(lang).proposalPage;
  const { rows, total } = scheduleRows(document, lang);
  const columns = [
    { title: t.colNumber, width: 30, align: 'left' as const },
    { title: t.colPeriod, width: 140, align: 'left' as const },
    { title: t.colRent, width: 85, align: 'right' as const },
    { title: t.colFee, width: 75, align: 'right' as const },
    { title: t.colCredit, width: 80, align: 'right' as const },
    { title: t.colDue, width: WIDTH - 410, align: 'right' as const },
  ];
  const line = (cells: string[], bold: boolean) => {
    room(doc, 14);
    const y = doc.y;
    let x = MARGIN;
    doc
      .font(bold ? 'bold' : 'regular')
      .fontSize(8.5)
      .fillColor(INK);
    cells.forEach((cell, i) => {
      doc.text(cell, x, y, { width: columns[i]!.width - 4, align: columns[i]!.align, lineBreak: false });
      x += columns[i]!.width;
    });
    doc.y = y + 13;
    doc
      .moveTo(MARGIN, doc.y - 2)
      .lineTo(MARGIN + WIDTH, doc.y - 2)
      .lineWidth(0.3)
      .stroke('#d8dfe8');
  };
  line(
    columns.map((c) => c.title),
    true,
  );
  for (const row of rows) line([String(row.number), row.period, row.rent, row.fee, row.credit, row.due], false);
  line(['', total.period, total.rent, total.fee, total.credit, total.due], true);
  doc.x = MARGIN;
}

/**
 * The typographic quotes of the English text as straight ones: the font's ’ and “ ” are the full-width CJK forms,
 * which look like gaps in Latin text.
 */
function latinQuotes<T>(value: T): T {
  if (typeof value === 'string') return value.replace(/[‘’]/g, "'").replace(/[“”]/g, '"') as T;
  if (Array.isArray(value)) return value.map(latinQuotes) as T;
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, latinQuotes(v)])) as T;
  return value;
}

function drawLanguage(doc: Doc, input: Input, lang: Lang): void {
  const t = lang === 'en' ? latinQuotes(messages(lang).proposalPage) : messages(lang).proposalPage;
  const { document } = input;
  doc.font('regular').fontSize(9).fillColor(MUTED).text(document.park[lang], MARGIN, MARGIN, { width: WIDTH });
  doc
    .font('bold')
    .fontSize(18)
    .fillColor(INK)
    .text(formatMessage(t.heading, { company: document.tenant.company, version: document.version }), { width: WIDTH });
  doc
    .font('regular')
    .fontSize(9)
    .fillColor(MUTED)
    .text(
      `${t.status[input.status as keyof typeof t.status] ?? input.status} · ${document.tenant.reference} · ${formatMessage(
        t.validUntil,
        { time: formatDateTime(new Date(document.expiresAt), lang) },
      )}`,
      { width: WIDTH },
    );
  if (input.acceptance && input.acceptedAt)
    doc
      .moveDown(0.4)
      .font('bold')
      .fillColor('#0f6b45')
      .text(
        formatMessage(t.acceptedBanner, {
          name: input.acceptance.name ?? '',
          title: input.acceptance.title ?? '',
          company: input.acceptance.company ?? '',
          time: formatDateTime(input.acceptedAt, lang),
        }),
        { width: WIDTH },
      );

  heading(doc, t.summary);
  const rows = termRows(document, lang);
  for (const row of lang === 'en' ? latinQuotes(rows) : rows) {
    room(doc, 16);
    const y = doc.y;
    const isKey = row.key === 'ner' || row.key === 'totalRent';
    doc
      .font('regular')
      .fontSize(9.5)
      .fillColor(MUTED)
      .text(row.label, MARGIN, y, { width: LABEL - 6 });
    const labelEnd = doc.y;
    doc
      .font(isKey ? 'bold' : 'regular')
      .fillColor(row.key === 'list' ? MUTED : INK)
      .text(row.value, MARGIN + LABEL, y, { width: WIDTH - LABEL });
    doc.y = Math.max(doc.y, labelEnd, y + 14);
  }
  if (document.terms.otherTerms) {
    const y = doc.y;
    doc
      .font('regular')
      .fontSize(9.5)
      .fillColor(MUTED)
      .text(t.otherTerms, MARGIN, y, { width: LABEL - 6 });
    doc.fillColor(INK).text(document.terms.otherTerms, MARGIN + LABEL, y, { width: WIDTH - LABEL });
  }
  doc.x = MARGIN;

  if (input.plans.length > 0) {
    heading(doc, t.plans);
    drawPlans(doc, input.plans, lang);
  }
  heading(doc, t.schedule);
  doc.font('regular').fontSize(8).fillColor(MUTED).text(t.scheduleCaption, { width: WIDTH });
  doc.moveDown(0.3);
  drawSchedule(doc, document, lang);
  heading(doc, t.rulesTitle);
  doc.font('regular').fontSize(8.5).fillColor(INK);
  for (const rule of t.rules) {
    room(doc, 24);
    doc.text(`• ${rule}`, MARGIN, doc.y, { width: WIDTH });
  }
  heading(doc, t.document);
  doc
    .font('regular')
    .fontSize(8)
    .fillColor(MUTED)
    .text(formatMessage(t.documentNote, { sha: input.sha256 }), { width: WIDTH });
}

/** The PDF's bytes. */
export function proposalPdf(input: Input): Promise<Buffer> {
  const { regular, bold } = loadFonts();
  const doc = new PDFDocument({
    size: A4,
    margins: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN },
    bufferPages: true,
    info: {
      Title: `${input.document.tenant.company} · v${input.document.version}`,
      Author: input.document.park.en,
      Subject: `SHA-256 ${input.sha256}`,
      CreationDate: new Date(input.document.sentAt),
    },
  });
  doc.registerFont('regular', regular);
  doc.registerFont('bold', bold);
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  drawLanguage(doc, input, 'zh');
  doc.addPage();
  drawLanguage(doc, input, 'en');
  // Every page: its number and the document's fingerprint.
  const range = doc.bufferedPageRange();
  for (let i = 0; i < range.count; i++) {
    doc.switchToPage(range.start + i);
    doc.page.margins.bottom = 0; // the footer sits in the bottom margin, which would otherwise start a new page
    doc
      .font('regular')
      .fontSize(7)
      .fillColor(MUTED)
      .text(`${i + 1} / ${range.count} · SHA-256 ${input.sha256}`, MARGIN, A4[1] - MARGIN + 14, {
        width: WIDTH,
        align: 'center',
        lineBreak: false,
      });
  }
  doc.end();
  return done;
}
