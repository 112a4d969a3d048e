import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';

/** Converts a .docx to PDF with LibreOffice (headless, its own profile) and returns the PDF path. */
export function docxToPdf(docx: string): string {
  const profile = mkdtempSync(join(tmpdir(), 'lo-profile-'));
  try {
    execFileSync(
      'libreoffice',
      [
        `-env:UserInstallation=file://${profile}`,
        '--headless',
        '--convert-to',
        'pdf',
        '--outdir',
        dirname(docx),
        docx,
      ],
      { stdio: 'pipe', timeout: 120_000 },
    );
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
  return join(dirname(docx), basename(docx).replace(/\.docx$/, '.pdf'));
}

/** The PDF's text in reading order with all white space folded to single spaces (table cells wrap). */
export function pdfText(pdf: string): string {
  return execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
}

export function pdfPageCount(pdf: string): number {
  const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
  return Number(/Pages:\s+(\d+)/.exec(info)?.[1] ?? 0);
}

/** Renders each page to PNG (for looking at) and returns their paths. */
export function pdfToPngs(pdf: string, prefix: string): string[] {
  execFileSync('pdftoppm', ['-png', '-r', '60', pdf, prefix]);
  return readdirSync(dirname(prefix))
    .filter((f) => f.startsWith(basename(prefix)) && f.endsWith('.png'))
    .map((f) => join(dirname(prefix), f));
}

/** The PDF's text line by line, as laid out on the pages (a form feed starts each page). */
export function pdfLines(pdf: string): string[] {
  return execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' }).split('\n');
}
