import { join } from 'node:path';
import { classify } from '../classify/index.ts';
import { createEngine, loadFlows, parseState } from '../conversation/index.ts';
import { deadlines, isCaseType } from '../deadlines/index.ts';
import { matchPlace } from '../directory/index.ts';
import type { Responder } from '../queue/index.ts';
import { withSatisfaction } from '../satisfaction/index.ts';

const FLOWS_DIR = join(import.meta.dirname, '..', '..', 'flows');

export class UnknownCaseType extends Error {
  override name = 'UnknownCaseType';
}

/**
 * The conversation logic the worker runs: the flow engine over flows/*.yaml, with the real
 * commune directory, the classifier and the working-day calendar. Flows are validated here, at start-up, so
 * a broken YAML file stops the process with its file and line instead of failing a citizen.
 * Ratings and "not solved" replies after an answer are handled in front of the engine.
 */
export function createResponder(opts: { flowsDir?: string; now?: () => Date } = {}): Responder {
  const now = opts.now ?? (() => new Date());
  const engine = createEngine({
    flows: loadFlows(opts.flowsDir ?? FLOWS_DIR),
    directory: { matchPlace },
    classify: (text) => {
      const c = classify(text);
      return { ...c, labels: [...c.labels] };
    },
    dueDate(caseType, receivedAt) {
      if (!isCaseType(caseType)) throw new UnknownCaseType(`flow names an unknown time-limit type "${caseType}"`);
      return { due: deadlines().dueDate(caseType, receivedAt).due };
    },
    now,
  });
  return { ...withSatisfaction(engine, now), withStaff: (state) => parseState(state).mode === 'handoff' };
}
