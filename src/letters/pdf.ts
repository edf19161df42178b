import { type ExecFileException, execFile } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * DOCX → PDF with LibreOffice headless. LibreOffice is an optional system package: without it
 * the result says so (a typed value, not an exception), and the caller keeps the DOCX.
 */

export type PdfResult =
  | { ok: true; pdf: Buffer }
  | { ok: false; reason: 'soffice_missing' | 'conversion_failed'; detail: string };

export interface PdfOptions {
  /** Path of the soffice binary; default: the first `soffice` or `libreoffice` on PATH. */
  soffice?: string;
  timeoutMs?: number;
}

const CANDIDATES = ['soffice', 'libreoffice'];

/** The LibreOffice binary on PATH, or undefined. */
export function findSoffice(path: string = process.env.PATH ?? ''): string | undefined {
  for (const dir of path.split(delimiter).filter(Boolean)) {
    for (const name of CANDIDATES) {
      const full = join(dir, name);
      try {
        accessSync(full, constants.X_OK);
        return full;
      } catch {
        // not in this directory
      }
    }
  }
  return undefined;
}

export async function convertToPdf(docx: Buffer, opts: PdfOptions = {}): Promise<PdfResult> {
  const soffice = opts.soffice ?? findSoffice();
  if (!soffice) {
    return { ok: false, reason: 'soffice_missing', detail: 'neither soffice nor libreoffice is on PATH' };
  }
  const work = await mkdtemp(join(tmpdir(), 'congboc-pdf-'));
  try {
    const input = join(work, 'letter.docx');
    await writeFile(input, docx);
    // A private profile per conversion: LibreOffice refuses to run twice on one profile, and
    // conversions may run in parallel in workers.
    const profile = pathToFileURL(join(work, 'profile')).href;
    const args = ['--headless', '--norestore', `-env:UserInstallation=${profile}`, '--convert-to', 'pdf', '--outdir', work, input];
    const run = await new Promise<{ error: ExecFileException | null; stderr: string }>((resolve) => {
      execFile(soffice, args, { timeout: opts.timeoutMs ?? 120_000 }, (error, _stdout, stderr) =>
        resolve({ error, stderr: String(stderr) }),
      );
    });
    if (run.error?.code === 'ENOENT') {
      return { ok: false, reason: 'soffice_missing', detail: `${soffice}: not found` };
    }
    const pdf = await readFile(join(work, 'letter.pdf')).catch(() => undefined);
    if (run.error || !pdf || pdf.subarray(0, 5).toString('latin1') !== '%PDF-') {
      const why = run.error ? run.error.message : 'no PDF written';
      return { ok: false, reason: 'conversion_failed', detail: `${why}${run.stderr ? `: ${run.stderr.trim()}` : ''}` };
    }
    return { ok: true, pdf };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
