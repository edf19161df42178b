-- Foundation: channel accounts, conversations, messages (in and out), consent records.

CREATE TABLE channel_accounts (
  id bigserial PRIMARY KEY,
  platform text NOT NULL CHECK (platform IN ('zalo', 'messenger', 'local')),
  external_id text NOT NULL,
  scope_kind text NOT NULL CHECK (scope_kind IN ('commune', 'province')),
  scope_code text NOT NULL,
  name text,
  access_token text,
  refresh_token text,
  token_expires_at timestamptz,
  active boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (platform, external_id)
);

CREATE TABLE conversations (
  id bigserial PRIMARY KEY,
  channel_account_id bigint NOT NULL REFERENCES channel_accounts (id),
  user_ref text NOT NULL,
  locale text NOT NULL DEFAULT 'vi',
  state jsonb NOT NULL DEFAULT '{}'::jsonb,
  last_inbound_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (channel_account_id, user_ref)
);

CREATE TABLE messages (
  id bigserial PRIMARY KEY,
  conversation_id bigint NOT NULL REFERENCES conversations (id),
  direction text NOT NULL CHECK (direction IN ('in', 'out')),
  dedupe_key text NOT NULL UNIQUE,
  platform_message_id text,
  content jsonb NOT NULL,
  status text NOT NULL CHECK (status IN ('received', 'processed', 'pending', 'sending', 'sent', 'failed', 'uncertain')),
  error text,
  attempts integer NOT NULL DEFAULT 0,
  occurred_at timestamptz NOT NULL DEFAULT now(),
  created_at timestamptz NOT NULL DEFAULT now(),
  sent_at timestamptz
);

CREATE INDEX messages_unprocessed ON messages (conversation_id, occurred_at, id)
  WHERE direction = 'in' AND status = 'received';
CREATE INDEX messages_by_conversation ON messages (conversation_id, id);

CREATE TABLE consents (
  id bigserial PRIMARY KEY,
  conversation_id bigint NOT NULL REFERENCES conversations (id),
  purpose text NOT NULL,
  granted boolean NOT NULL,
  wording text NOT NULL,
  locale text NOT NULL,
  recorded_at timestamptz NOT NULL DEFAULT now()
);
