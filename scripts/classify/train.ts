/**
 * Trains data/classify/model.bin from data/classify/train.jsonl (see README there).
 * Usage: node scripts/classify/train.ts [--with-corrections] [--database-url URL] [--pglite-dir DIR]
 * Same as `congboc classify train`.
 */
import { runTraining } from '../../src/classify/training-run.ts';

process.exitCode = await runTraining(process.argv.slice(2));
