-- Work that can never succeed: an event the database refuses to store (a NUL byte, a lone
-- surrogate, a time that is no time), a batch item no channel can read, a job that used all
-- its attempts. Kept so admins see what was lost and why, instead of a job retrying for months.
-- No message text is kept: only where it came from and what went wrong.
CREATE TABLE dead_letters (
  id bigserial PRIMARY KEY,
  -- 'inbound', 'outbound', 'timers', 'maintenance', or 'webhook' for a batch item never queued.
  source text NOT NULL,
  -- The job id, or for a webhook item its platform's message id or position in the batch.
  reference text NOT NULL,
  platform text,
  account_ref text,
  reason text NOT NULL,
  attempts integer NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now(),
  -- A redelivery of the same dead event is the same dead letter.
  UNIQUE (source, reference)
);

CREATE INDEX dead_letters_recent ON dead_letters (created_at DESC);
