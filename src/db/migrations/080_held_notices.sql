-- Notices no platform window allowed (CHANNELS.md Part C): kept here, rendered in the
-- citizen's language, until the citizen next writes on the conversation; the turn that
-- handles that message moves them to the outbox in the same transaction, so a redelivered or
-- replayed message cannot release them twice.
CREATE TABLE held_notices (
  id bigserial PRIMARY KEY,
  conversation_id bigint NOT NULL REFERENCES conversations (id),
  case_id bigint NOT NULL REFERENCES cases (id),
  -- The notice's own key: a replayed notice is held once, and the outbox rows of its
  -- release derive their dedupe keys from it.
  cause_key text NOT NULL UNIQUE,
  topic text NOT NULL,
  messages jsonb NOT NULL,
  locale text NOT NULL,
  held_at timestamptz NOT NULL,
  released_at timestamptz,
  -- The inbound message whose turn released it.
  released_by bigint REFERENCES messages (id),
  CHECK ((released_at IS NULL) = (released_by IS NULL))
);

CREATE INDEX held_notices_waiting ON held_notices (conversation_id, id) WHERE released_at IS NULL;
CREATE INDEX held_notices_by_case ON held_notices (case_id, id);
