import { parseArgs } from 'node:util';
import { createClassifier, DEFAULT_REVIEW_THRESHOLD, loadModel } from '../../classify/index.ts';
import { EvalFileError, evaluate, readEvalFile } from '../../classify/eval-file.ts';
import { formatMetrics } from '../../classify/evaluate.ts';
import { classifyStream } from '../../classify/stream.ts';
import { runTraining } from '../../classify/training-run.ts';
import { isLocale, type Locale, t } from '../../i18n/index.ts';

/**
 * `congboc classify`            stdin JSON lines {"id","text"} → stdout JSON lines
 *                               {"id","label","labels","confidence","targets_leader"}
 * `congboc classify eval FILE`  accuracy, macro-F1, per-label figures, confusion matrix
 * `congboc classify train`      retrain data/classify/model.bin (optionally with corrections)
 */

export const summary = t('en', 'labels.cli.summary');

export async function run(args: string[]): Promise<number> {
  const [action, ...rest] = args;
  if (action === 'train') return runTraining(rest);
  if (action === 'eval') return runEval(rest);
  if (action === '--help' || action === '-h' || action === 'help') {
    process.stdout.write(`${t('en', 'labels.cli.usage')}\n`);
    return 0;
  }
  return runStream(args);
}

async function runStream(args: string[]): Promise<number> {
  let values: { 'review-threshold'?: string; lang?: string };
  try {
    ({ values } = parseArgs({ args, options: { 'review-threshold': { type: 'string' }, lang: { type: 'string' } } }));
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n${t('en', 'labels.cli.usage')}\n`);
    return 2;
  }
  const locale: Locale = isLocale(values.lang) ? values.lang : 'en';
  const threshold = values['review-threshold'] === undefined ? DEFAULT_REVIEW_THRESHOLD : Number(values['review-threshold']);
  if (!(threshold >= 0 && threshold <= 1)) {
    process.stderr.write(`${t(locale, 'labels.cli.usage')}\n`);
    return 2;
  }
  const classifier = createClassifier(loadModel());
  const report = await classifyStream(
    classifier,
    process.stdin,
    process.stdout,
    (m) => process.stderr.write(`${t(locale, 'labels.cli.malformed', { line: m.line, reason: m.reason })}\n`),
    { reviewThreshold: threshold },
  );
  return report.skipped > 0 && report.classified === 0 ? 1 : 0;
}

async function runEval(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { json: { type: 'boolean', default: false }, lang: { type: 'string' } },
  });
  const locale: Locale = isLocale(values.lang) ? values.lang : 'en';
  const file = positionals[0];
  if (!file) {
    process.stderr.write(`${t(locale, 'labels.cli.usage')}\n`);
    return 2;
  }
  let items: ReturnType<typeof readEvalFile>;
  try {
    items = readEvalFile(file);
  } catch (err) {
    const message = err instanceof EvalFileError ? err.message : t(locale, 'labels.cli.eval_missing', { file });
    process.stderr.write(`${message}\n`);
    return 1;
  }
  const report = evaluate(createClassifier(loadModel()), items);
  if (values.json) {
    process.stdout.write(`${JSON.stringify(report)}\n`);
  } else {
    process.stdout.write(
      `${formatMetrics(t(locale, 'labels.cli.eval_all'), report.all)}\n\n${formatMetrics(t(locale, 'labels.cli.eval_no_diacritics'), report.noDiacritics)}\n`,
    );
  }
  return 0;
}
