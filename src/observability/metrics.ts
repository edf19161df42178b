import { Counter, Gauge, Histogram, Registry } from 'prom-client';

/** The figures an operator watches; one registry per process, served at GET /metrics. */
export class Metrics {
  readonly registry = new Registry();
  readonly webhookRequests = new Counter({
    name: 'congboc_webhook_requests_total',
    help: 'Webhook deliveries by channel and result',
    labelNames: ['channel', 'result'] as const,
    registers: [this.registry],
  });
  readonly queueDepth = new Gauge({
    name: 'congboc_queue_jobs',
    help: 'Jobs in each queue by state',
    labelNames: ['queue', 'state'] as const,
    registers: [this.registry],
  });
  readonly jobLatency = new Histogram({
    name: 'congboc_job_duration_seconds',
    help: 'Time from a job being queued to finishing, by queue',
    labelNames: ['queue', 'outcome'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [this.registry],
  });
  readonly sends = new Counter({
    name: 'congboc_outbound_sends_total',
    help: 'Outbound messages by channel and outcome',
    labelNames: ['channel', 'outcome'] as const,
    registers: [this.registry],
  });
  readonly deadLetters = new Counter({
    name: 'congboc_dead_letters_total',
    help: 'Work given up on and recorded as a dead letter, by source',
    labelNames: ['source'] as const,
    registers: [this.registry],
  });
  readonly dependencyWaits = new Counter({
    name: 'congboc_dependency_waits_total',
    help: 'Jobs put back to wait because PostgreSQL or Redis was unreachable, by queue',
    labelNames: ['queue'] as const,
    registers: [this.registry],
  });
}
