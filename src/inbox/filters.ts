import { z } from 'zod';
import { LABELS, TOPICS } from '../classify/index.ts';
import { InboxError } from './errors.ts';
import { QUEUE_STATUS_FILTERS, type QueueFilter } from './types.ts';

const empty = (v: unknown) => (v === '' ? undefined : v);

const schema = z.object({
  status: z.preprocess(empty, z.enum(QUEUE_STATUS_FILTERS).default('open')),
  label: z.preprocess(empty, z.enum([...LABELS, 'unknown']).optional()),
  topic: z.preprocess(empty, z.enum(TOPICS).optional()),
  dueBefore: z.preprocess(empty, z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional()),
  overdue: z.preprocess(empty, z.enum(['1', 'true', '0', 'false']).optional()),
  channel: z.preprocess(empty, z.enum(['zalo', 'messenger', 'local']).optional()),
  assigned: z.preprocess(empty, z.string().regex(/^(me|none|\d{1,18})$/).optional()),
  limit: z.preprocess(empty, z.coerce.number().int().min(1).max(500).default(200)),
});

/** Parses queue filters from a query string; a bad value is a 400, never ignored silently. */
export function parseQueueFilter(query: Record<string, unknown>): QueueFilter {
  const flat = Object.fromEntries(Object.entries(query).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
  const r = schema.safeParse(flat);
  if (!r.success) {
    throw new InboxError('CB_ERR_INVALID_INPUT', r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
  }
  const f = r.data;
  return {
    status: f.status,
    label: f.label ?? null,
    topic: f.topic ?? null,
    dueBefore: f.dueBefore ?? null,
    overdueOnly: f.overdue === '1' || f.overdue === 'true',
    channel: f.channel ?? null,
    assigned: f.assigned ?? null,
    limit: f.limit,
  };
}
