/**
 * PDF documents made on the server (where no browser prints them): text in any of the scripts the
 * people we help write their names in. pdfkit lays out the text; the glyphs come from the Noto Sans
 * fonts installed with the app (@fontsource/noto-sans for Latin, Cyrillic, Greek, Vietnamese and
 * Devanagari; @fontsource/noto-sans-sc for Chinese, in simplified and traditional characters).
 * Those come as subsets, one file per range of characters, so each run of text is set in the
 * first subset that has its characters; the rare-character subsets are read only when a text
 * needs one.
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import type * as Fontkit from 'fontkit';
import type PDFKit from 'pdfkit';
import { installRoot } from '../install-root.ts';

/**
 * pdfkit and fontkit, read when the first PDF is made rather than at start: together ≈ 16 MB of
 * resident memory that an instance making no PDF never needs.
 */
let libraries: { fontkit: typeof Fontkit; PDFDocument: typeof PDFKit } | null = null;

export async function loadPdfLibraries(): Promise<void> {
  if (libraries) return;
  const [fontkit, pdfkit] = await Promise.all([import('fontkit'), import('pdfkit')]);
  libraries = { fontkit, PDFDocument: pdfkit.default };
}

function loaded(): NonNullable<typeof libraries> {
  if (!libraries) throw new Error('Call loadPdfLibraries() first');
  return libraries;
}

export type Weight = 400 | 700;

interface Subset {
  /** The name pdfkit knows the font by. */
  name: string;
  /** The font as a plain OpenType file (see `sfntFromWoff`). */
  data: Buffer;
  font: Fontkit.Font;
}

/**
 * The plain OpenType font inside a WOFF file: its tables inflated once, here, with Node's zlib.
 * fontkit reads WOFF itself, but inflates a table in JavaScript each time it is read – seconds
 * for a Chinese font – where the plain font costs milliseconds (WOFF 1.0, W3C, §4–5).
 */
export function sfntFromWoff(woff: Buffer): Buffer {
  if (woff.toString('latin1', 0, 4) !== 'wOFF') throw new Error('Not a WOFF font');
  const flavor = woff.readUInt32BE(4);
  const numTables = woff.readUInt16BE(12);
  const tables = Array.from({ length: numTables }, (_, i) => {
    const at = 44 + i * 20;
    const offset = woff.readUInt32BE(at + 4);
    const compressedLength = woff.readUInt32BE(at + 8);
    const length = woff.readUInt32BE(at + 12);
    const stored = woff.subarray(offset, offset + compressedLength);
    return {
      tag: woff.readUInt32BE(at),
      checksum: woff.readUInt32BE(at + 16),
      data: compressedLength < length ? zlib.inflateSync(stored) : stored,
    };
  });
  const power = 2 ** Math.floor(Math.log2(numTables));
  const header = Buffer.alloc(12 + numTables * 16);
  header.writeUInt32BE(flavor, 0);
  header.writeUInt16BE(numTables, 4);
  header.writeUInt16BE(power * 16, 6);
  header.writeUInt16BE(Math.log2(power), 8);
  header.writeUInt16BE(numTables * 16 - power * 16, 10);
  let offset = header.length;
  const bodies = tables.map((table, i) => {
    const record = 12 + i * 16;
    header.writeUInt32BE(table.tag, record);
    header.writeUInt32BE(table.checksum, record + 4);
    header.writeUInt32BE(offset, record + 8);
    header.writeUInt32BE(table.data.length, record + 12);
    const padded = Buffer.alloc((table.data.length + 3) & ~3);
    table.data.copy(padded);
    offset += padded.length;
    return padded;
  });
  return Buffer.concat([header, ...bodies]);
}

const fontFiles = (pkg: string) => path.join(installRoot, 'node_modules', '@fontsource', pkg, 'files');
/** Read first, in this order: together they hold every character of the languages Tillit speaks. */
const COMMON_SUBSETS = [
  ['noto-sans', 'latin'],
  ['noto-sans', 'latin-ext'],
  ['noto-sans', 'cyrillic'],
  ['noto-sans', 'cyrillic-ext'],
  ['noto-sans', 'greek'],
  ['noto-sans', 'greek-ext'],
  ['noto-sans', 'vietnamese'],
  ['noto-sans', 'devanagari'],
  ['noto-sans-sc', 'chinese-simplified'],
] as const;

function openSubset(file: string): Subset | null {
  try {
    const data = sfntFromWoff(fs.readFileSync(file));
    const font = loaded().fontkit.create(data) as Fontkit.Font;
    // A file whose character map fontkit cannot read is no use for finding characters.
    font.hasGlyphForCodePoint(0x41);
    return { name: path.basename(file, '.woff'), data, font };
  } catch {
    return null;
  }
}

class FontFamily {
  private common: Subset[] | null = null;
  private rare: Subset[] | null = null;
  private readonly chosen = new Map<number, Subset>();

  constructor(private readonly weight: Weight) {}

  /** The first subset with a glyph for the character; the first subset of all when none has one. */
  subsetFor(codePoint: number): Subset {
    const known = this.chosen.get(codePoint);
    if (known) return known;
    this.common ??= COMMON_SUBSETS.map(([pkg, subset]) =>
      openSubset(path.join(fontFiles(pkg), `${pkg}-${subset}-${this.weight}-normal.woff`)),
    ).filter((s): s is Subset => s !== null);
    let found = this.common.find((s) => s.font.hasGlyphForCodePoint(codePoint));
    if (!found) {
      this.rare ??= fs
        .readdirSync(fontFiles('noto-sans-sc'))
        .filter((f) => new RegExp(`^noto-sans-sc-\\d+-${this.weight}-normal\\.woff$`).test(f))
        .map((f) => openSubset(path.join(fontFiles('noto-sans-sc'), f)))
        .filter((s): s is Subset => s !== null);
      found = this.rare.find((s) => s.font.hasGlyphForCodePoint(codePoint));
    }
    const subset = found ?? this.common[0]!;
    this.chosen.set(codePoint, subset);
    return subset;
  }
}

const families: Record<Weight, FontFamily> = { 400: new FontFamily(400), 700: new FontFamily(700) };

/** The text cut into runs, each set in one subset; spaces and line breaks go with the run they are in (after `loadPdfLibraries`). */
export function fontRuns(text: string, weight: Weight): { subset: string; data: Buffer; text: string }[] {
  const runs: { subset: string; data: Buffer; text: string }[] = [];
  for (const char of text) {
    const last = runs.at(-1);
    if (last && /\s/.test(char)) {
      last.text += char;
      continue;
    }
    const subset = families[weight].subsetFor(char.codePointAt(0)!);
    if (last && last.subset === subset.name) last.text += char;
    else runs.push({ subset: subset.name, data: subset.data, text: char });
  }
  return runs;
}

const PAGE_MARGIN = 56;
const SIZES = { title: 18, heading: 14, subheading: 11.5, body: 10, small: 8.5 } as const;

/** A document written top to bottom: a title, headings, labelled fields and paragraphs. */
export async function createPdfWriter(meta: { title: string; language: string; author: string }): Promise<PdfWriter> {
  await loadPdfLibraries();
  return new PdfWriter(meta);
}

export class PdfWriter {
  private readonly doc: PDFKit.PDFDocument;
  private readonly chunks: Buffer[] = [];
  private readonly done: Promise<void>;
  private readonly registered = new Set<string>();

  constructor(meta: { title: string; language: string; author: string }) {
    this.doc = new (loaded().PDFDocument)({
      size: 'A4',
      margin: PAGE_MARGIN,
      lang: meta.language,
      displayTitle: true,
      info: { Title: meta.title, Author: meta.author, Creator: 'Tillit' },
      bufferPages: true,
    });
    this.doc.on('data', (chunk: Buffer) => this.chunks.push(chunk));
    this.done = new Promise((resolve, reject) => {
      this.doc.on('end', () => resolve());
      this.doc.on('error', reject);
    });
  }

  title(text: string): this {
    return this.write(text, { size: SIZES.title, weight: 700, gapAfter: 0.6 });
  }

  heading(text: string): this {
    this.keepWithNext(3);
    return this.write(text, { size: SIZES.heading, weight: 700, gapBefore: 0.8, gapAfter: 0.3 });
  }

  subheading(text: string): this {
    this.keepWithNext(2);
    return this.write(text, { size: SIZES.subheading, weight: 700, gapBefore: 0.5, gapAfter: 0.1 });
  }

  /** "Label: value", the label in bold. */
  field(label: string, value: string, indent = 0): this {
    return this.runs(
      [
        { text: `${label}: `, weight: 700 },
        { text: value, weight: 400 },
      ],
      { size: SIZES.body, indent },
    );
  }

  paragraph(text: string, options: { indent?: number; small?: boolean } = {}): this {
    return this.write(text, { size: options.small ? SIZES.small : SIZES.body, weight: 400, indent: options.indent ?? 0, gapAfter: 0.2 });
  }

  gap(lines = 0.5): this {
    this.doc.moveDown(lines);
    return this;
  }

  /** The document's bytes, with page numbers in the footer ("3 / 12"). */
  async finish(pageLabel: (page: number, pages: number) => string): Promise<Buffer> {
    const range = this.doc.bufferedPageRange();
    for (let i = range.start; i < range.start + range.count; i++) {
      this.doc.switchToPage(i);
      const label = pageLabel(i + 1, range.count);
      const bottom = this.doc.page.height - PAGE_MARGIN / 2 - SIZES.small;
      // Written below the bottom margin, where pdfkit would otherwise begin a new page.
      const margins = this.doc.page.margins;
      this.doc.page.margins = { ...margins, bottom: 0 };
      this.setFont(fontRuns(label, 400)[0]!, SIZES.small);
      this.doc.fillColor('#555').text(label, PAGE_MARGIN, bottom, { width: this.doc.page.width - 2 * PAGE_MARGIN, align: 'center' });
      this.doc.page.margins = margins;
    }
    this.doc.end();
    await this.done;
    return Buffer.concat(this.chunks);
  }

  private write(text: string, options: { size: number; weight: Weight; indent?: number; gapBefore?: number; gapAfter?: number }): this {
    if (options.gapBefore) this.doc.moveDown(options.gapBefore);
    this.runs([{ text, weight: options.weight }], { size: options.size, indent: options.indent ?? 0 });
    if (options.gapAfter) this.doc.moveDown(options.gapAfter);
    return this;
  }

  private runs(parts: { text: string; weight: Weight }[], options: { size: number; indent: number }): this {
    const runs = parts.flatMap((part) => fontRuns(part.text.length > 0 ? part.text : ' ', part.weight));
    const x = PAGE_MARGIN + options.indent;
    const width = this.doc.page.width - PAGE_MARGIN - x;
    this.doc.fillColor('#111');
    runs.forEach((run, i) => {
      this.setFont(run, options.size);
      const last = i === runs.length - 1;
      if (i === 0) this.doc.text(run.text, x, this.doc.y, { width, continued: !last, lineGap: 2 });
      else this.doc.text(run.text, { continued: !last, lineGap: 2 });
    });
    return this;
  }

  private setFont(run: { subset: string; data: Buffer }, size: number): void {
    if (!this.registered.has(run.subset)) {
      this.doc.registerFont(run.subset, run.data);
      this.registered.add(run.subset);
    }
    this.doc.font(run.subset).fontSize(size);
  }

  /** Starts a new page when fewer than `lines` lines are left, so a heading does not end a page. */
  private keepWithNext(lines: number): void {
    const room = this.doc.page.height - this.doc.page.margins.bottom - this.doc.y;
    if (room < lines * SIZES.body * 2.2) this.doc.addPage();
  }
}
