-- Routing moves, deadline jobs, apology letters, satisfaction ratings and an audit trail.

-- New kinds of case history. The old constraint is Postgres's default name for the inline CHECK.
ALTER TABLE case_events DROP CONSTRAINT case_events_kind_check;
ALTER TABLE case_events ADD CONSTRAINT case_events_kind_check CHECK (kind IN (
  'created', 'status_changed', 'message_appended', 'attachment_added', 'answered',
  'transferred', 'deadline_extended', 'deadline_reminder', 'deadline_escalated', 'overdue',
  'letter_drafted', 'letter_signed', 'citizen_notified', 'call_citizen', 'rating_requested', 'rated'
));

-- Which rule routed the case (routing data can change; the case keeps the reason it got).
ALTER TABLE cases ADD COLUMN routing_rule text;
-- Overdue is a fact about time, not a step of the case's life: a flag beside the status, so
-- an overdue case can still be in progress, answered late, or extended (which clears it).
ALTER TABLE cases ADD COLUMN overdue_at timestamptz;
-- Every (re)scheduling bumps this; a deadline job of an older version does nothing.
ALTER TABLE cases ADD COLUMN deadline_version integer NOT NULL DEFAULT 0;

CREATE INDEX cases_overdue ON cases (overdue_at) WHERE overdue_at IS NOT NULL;

-- One row per deadline effect actually carried out, keyed by the due date and the unit it
-- was for: two workers, a retried job or a re-added job after a restart cannot carry it out
-- twice, while a transferred case still reminds its new unit.
CREATE TABLE deadline_runs (
  case_id bigint NOT NULL REFERENCES cases (id),
  kind text NOT NULL CHECK (kind IN ('reminder', 'escalation', 'overdue')),
  due_date date NOT NULL,
  target text NOT NULL,
  ran_at timestamptz NOT NULL,
  PRIMARY KEY (case_id, kind, due_date, target)
);

-- Who changed what, for every change staff or the system make. Append-only like case_events.
CREATE TABLE audit_log (
  id bigserial PRIMARY KEY,
  actor text NOT NULL,
  action text NOT NULL,
  entity text NOT NULL,
  entity_id text NOT NULL,
  details jsonb NOT NULL DEFAULT '{}'::jsonb,
  at timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX audit_log_by_entity ON audit_log (entity, entity_id, id);

CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only';
END;
$$;

CREATE TRIGGER audit_log_no_update_or_delete
  BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();

-- Apology letters. `subject` says what was late: the citizen's administrative dossier (a
-- tre_han complaint) or our own answer to the case (overdue). A draft holds what is known
-- so far; the complete, validated fields are required only to sign.
CREATE TABLE letters (
  id bigserial PRIMARY KEY,
  case_id bigint NOT NULL REFERENCES cases (id),
  subject text NOT NULL CHECK (subject IN ('late_result', 'late_answer')),
  status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'signed', 'sent')),
  fields jsonb NOT NULL,
  number text,
  issuer_kind text NOT NULL CHECK (issuer_kind IN ('commune', 'province')),
  issuer_code text NOT NULL,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  signed_by text,
  signed_at timestamptz,
  sent_at timestamptz,
  CHECK ((status = 'draft') = (signed_at IS NULL)),
  CHECK ((status = 'draft') = (signed_by IS NULL)),
  CHECK ((status = 'sent') = (sent_at IS NOT NULL)),
  CHECK (status = 'draft' OR number IS NOT NULL)
);

-- At most one open draft per case and subject: drafting again returns the same letter.
CREATE UNIQUE INDEX letters_one_draft ON letters (case_id, subject) WHERE status = 'draft';
CREATE INDEX letters_by_case ON letters (case_id, id);

-- Letter numbers ("12/PXL") run per issuing unit and year.
CREATE TABLE letter_number_counters (
  issuer_kind text NOT NULL,
  issuer_code text NOT NULL,
  year integer NOT NULL,
  last_value integer NOT NULL,
  PRIMARY KEY (issuer_kind, issuer_code, year)
);

-- One score per case and dimension; tapping again changes the score (the tap is in case_events).
CREATE TABLE satisfaction_ratings (
  case_id bigint NOT NULL REFERENCES cases (id),
  dimension text NOT NULL CHECK (dimension IN ('attitude', 'timeliness', 'outcome')),
  score smallint NOT NULL CHECK (score BETWEEN 1 AND 5),
  rated_at timestamptz NOT NULL,
  PRIMARY KEY (case_id, dimension)
);
