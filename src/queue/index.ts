export { type InboundJob, jobId, type OutboundJob, QUEUE, type QueueName, type TimerJob } from './jobs.ts';
export { JOB_DEFAULTS, Queues, type QueuesOptions } from './queues.ts';
export type { Responder, TurnContext, TurnOutcome } from './responder.ts';
export { type RunningWorkers, type SendingClient, startWorkers, type WorkerDeps } from './workers.ts';
export { type DeadLetter, listDeadLetters, recordDeadLetter } from './dead-letters.ts';
export type { ChannelAlert } from './channel-health.ts';
