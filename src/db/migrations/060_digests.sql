-- Weekly digests for leaders: who receives them, and each digest actually sent.

-- Staff accounts carry no e-mail address, and a digest may go to people without an inbox
-- account (a chairman, a province department's mailbox), so recipients are their own list.
CREATE TABLE digest_recipients (
  id bigserial PRIMARY KEY,
  scope_kind text NOT NULL CHECK (scope_kind IN ('commune', 'province')),
  scope_code text NOT NULL,
  email text NOT NULL CHECK (email ~ '^[^@\s]+@[^@\s]+$'),
  name text NOT NULL DEFAULT '',
  locale text NOT NULL DEFAULT 'vi' CHECK (locale IN ('vi', 'en')),
  active boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- One address once per unit, whatever its case.
CREATE UNIQUE INDEX digest_recipients_one_address ON digest_recipients (scope_kind, scope_code, lower(email));

-- One digest per unit and week: the unique key is what stops a retried job, a second worker
-- or an operator's "send now" from mailing the same week twice. `content` keeps the numbers
-- as first computed, so a retry hours later sends exactly what was recorded.
CREATE TABLE digests (
  id bigserial PRIMARY KEY,
  scope_kind text NOT NULL CHECK (scope_kind IN ('commune', 'province')),
  scope_code text NOT NULL,
  week_start date NOT NULL,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sending', 'sent', 'failed')),
  content jsonb NOT NULL,
  attempts integer NOT NULL DEFAULT 0,
  -- A sender holds the digest until then; a crashed sender's hold runs out and another takes over.
  claimed_until timestamptz,
  claimed_by text,
  error text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  sent_at timestamptz,
  UNIQUE (scope_kind, scope_code, week_start),
  CHECK ((status = 'sent') = (sent_at IS NOT NULL)),
  CHECK (status <> 'failed' OR error IS NOT NULL)
);

CREATE INDEX digests_by_status ON digests (status) WHERE status <> 'sent';

-- One row per recipient of a digest (the list as it was when the digest was first claimed):
-- a retry after a partial failure mails only those not yet reached.
CREATE TABLE digest_deliveries (
  digest_id bigint NOT NULL REFERENCES digests (id),
  email text NOT NULL,
  name text NOT NULL,
  locale text NOT NULL CHECK (locale IN ('vi', 'en')),
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed')),
  message_id text,
  error text,
  sent_at timestamptz,
  PRIMARY KEY (digest_id, email),
  CHECK ((status = 'sent') = (sent_at IS NOT NULL))
);
