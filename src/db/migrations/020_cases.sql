-- Case intake: cases, their attachments, an append-only event history, and per-year code counters.

-- One row per calendar year; the row lock taken by the upsert serialises concurrent code
-- allocation, so two cases never share a number even across processes.
CREATE TABLE case_code_counters (
  year integer PRIMARY KEY,
  last_value integer NOT NULL
);

CREATE TABLE cases (
  id bigserial PRIMARY KEY,
  code text NOT NULL UNIQUE,
  kind text NOT NULL CHECK (kind IN ('feedback', 'question')),
  conversation_id bigint NOT NULL REFERENCES conversations (id),
  commune_code text,
  province_code text,
  routed_to_kind text NOT NULL CHECK (routed_to_kind IN ('commune', 'province')),
  routed_to_code text NOT NULL,
  label text NOT NULL DEFAULT 'unknown',
  secondary_labels text[] NOT NULL DEFAULT '{}',
  confidence real,
  targets_leader boolean NOT NULL DEFAULT false,
  needs_review boolean NOT NULL DEFAULT true,
  status text NOT NULL DEFAULT 'new'
    CHECK (status IN ('new', 'in_progress', 'answered', 'closed', 'reopened')),
  description text NOT NULL,
  place_text text,
  occurred_text text,
  official_text text,
  anonymous boolean NOT NULL,
  reporter_name text,
  reporter_phone text,
  consent_id bigint REFERENCES consents (id),
  identity_protected boolean NOT NULL DEFAULT false,
  locale text NOT NULL,
  answer text,
  answered_at timestamptz,
  received_at timestamptz NOT NULL,
  due_date date NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  -- Personal data only ever sits next to the consent that allowed it.
  CHECK (anonymous OR consent_id IS NOT NULL),
  CHECK (NOT anonymous OR (reporter_name IS NULL AND reporter_phone IS NULL))
);

CREATE INDEX cases_by_conversation ON cases (conversation_id, id);
CREATE INDEX cases_by_route ON cases (routed_to_kind, routed_to_code, status);

CREATE TABLE case_attachments (
  id bigserial PRIMARY KEY,
  case_id bigint NOT NULL REFERENCES cases (id),
  kind text NOT NULL CHECK (kind IN ('image', 'file', 'location')),
  url text,
  caption text,
  name text,
  latitude double precision,
  longitude double precision,
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((kind = 'location') = (latitude IS NOT NULL AND longitude IS NOT NULL)),
  CHECK ((kind = 'location') OR url IS NOT NULL)
);

CREATE INDEX case_attachments_by_case ON case_attachments (case_id, id);

CREATE TABLE case_events (
  id bigserial PRIMARY KEY,
  case_id bigint NOT NULL REFERENCES cases (id),
  kind text NOT NULL
    CHECK (kind IN ('created', 'status_changed', 'message_appended', 'attachment_added', 'answered')),
  actor text NOT NULL,
  from_status text,
  to_status text,
  details jsonb NOT NULL DEFAULT '{}'::jsonb,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX case_events_by_case ON case_events (case_id, id);

-- The history is evidence (who did what, when): it may grow, never change.
CREATE FUNCTION case_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'case_events is append-only';
END;
$$;

CREATE TRIGGER case_events_no_update_or_delete
  BEFORE UPDATE OR DELETE ON case_events
  FOR EACH ROW EXECUTE FUNCTION case_events_append_only();
