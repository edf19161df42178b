import { readFile, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { isLocale, type Locale, t } from '../../i18n/index.ts';
import { convertToPdf, LetterFieldsError, letterText, renderApologyDocx } from '../../letters/index.ts';

/**
 * `congboc letters docx <fields.json> <out.docx> [--pdf <out.pdf>]` and
 * `congboc letters text <fields.json>`: the apology letter from a JSON file of its fields.
 * The result of `docx` is one JSON line (paths written, PDF outcome) for scripts.
 */

export const summary = t('en', 'letters.cli.summary');

export async function run(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { pdf: { type: 'string' }, lang: { type: 'string', default: 'vi' } },
  });
  const locale: Locale = isLocale(values.lang) ? values.lang : 'vi';
  const [action, input, output] = positionals;
  if (!input || (action === 'docx' && !output) || (action !== 'docx' && action !== 'text')) {
    process.stderr.write(`${t(locale, 'letters.cli.usage')}\n`);
    return 2;
  }
  try {
    const fields = JSON.parse(await readFile(input, 'utf8')) as unknown as Parameters<typeof letterText>[0];
    if (action === 'text') {
      process.stdout.write(`${letterText(fields, locale)}\n`);
      return 0;
    }
    const docx = await renderApologyDocx(fields);
    await writeFile(output as string, docx);
    const result: Record<string, unknown> = { docx: output };
    if (values.pdf) {
      const pdf = await convertToPdf(docx);
      if (pdf.ok) {
        await writeFile(values.pdf, pdf.pdf);
        result.pdf = values.pdf;
      } else {
        result.pdf = null;
        result.pdfUnavailable = { reason: pdf.reason, message: t(locale, `letters.pdf_unavailable.${pdf.reason}`), detail: pdf.detail };
      }
    }
    process.stdout.write(`${JSON.stringify(result)}\n`);
    return values.pdf && result.pdf === null ? 1 : 0;
  } catch (err) {
    if (!(err instanceof LetterFieldsError)) throw err;
    const lines = err.issues.map((i) => `  ${i.path}: ${i.message}`);
    process.stderr.write(`${t(locale, 'letters.cli.invalid')}\n${lines.join('\n')}\n`);
    return 2;
  }
}
