// The guided conversation: flows/*.yaml run one step per inbound event, state in the database.

// Commonly used
export { createEngine, type Engine } from './engine.ts';
export { FlowError, type FlowProblem, loadFlows } from './load-flows.ts';
export type {
  ClassificationLike,
  ConversationContext,
  EngineDeps,
  PlaceCandidateLike,
  PlaceMatchLike,
  TurnResult,
} from './turn.ts';

// The seam the deadlines issue replaces
export { placeholderDueDate } from './due-date.ts';

// Advanced: flow and state shapes, for tools that inspect conversations
export type { Flow, FlowStep, Flows } from './flow-schema.ts';
export { parseState, type State, TIMER_NAMES, type TimerName } from './state.ts';
export { detectLocale, fold } from './text.ts';
