-- Staff inbox: staff accounts, who handles a case, internal notes and canned answers.
-- Views of a citizen's personal data go to audit_log (migration 040), action 'personal_data.viewed'.

CREATE TABLE users (
  id bigserial PRIMARY KEY,
  username text NOT NULL UNIQUE CHECK (username ~ '^[a-z0-9._-]{3,64}$'),
  display_name text NOT NULL,
  role text NOT NULL CHECK (role IN ('commune_staff', 'commune_leader', 'province_officer', 'admin')),
  scope_kind text NOT NULL CHECK (scope_kind IN ('commune', 'province')),
  scope_code text NOT NULL,
  password_hash text NOT NULL,
  locale text NOT NULL DEFAULT 'vi' CHECK (locale IN ('vi', 'en')),
  active boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  -- A province officer works for a province; commune staff and leaders for a commune.
  CHECK (role NOT IN ('commune_staff', 'commune_leader') OR scope_kind = 'commune'),
  CHECK (role <> 'province_officer' OR scope_kind = 'province')
);

-- One current handler per case; the history of assignments is in inbox_case_activity.
-- case_id carries a foreign key: an assignment means nothing without its case.
CREATE TABLE case_assignments (
  case_id bigint PRIMARY KEY REFERENCES cases (id),
  user_id bigint NOT NULL REFERENCES users (id),
  assigned_by bigint NOT NULL REFERENCES users (id),
  assigned_at timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX case_assignments_by_user ON case_assignments (user_id);

-- Staff-only notes and actions of the inbox (assignment, label correction, staff reply):
-- visible to staff, never sent to the citizen. Append-only like case_events.
CREATE TABLE inbox_case_activity (
  id bigserial PRIMARY KEY,
  case_id bigint NOT NULL REFERENCES cases (id),
  user_id bigint NOT NULL REFERENCES users (id),
  kind text NOT NULL CHECK (kind IN ('note', 'assigned', 'unassigned', 'label_corrected', 'reply_sent')),
  body text,
  details jsonb NOT NULL DEFAULT '{}'::jsonb,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX inbox_case_activity_by_case ON inbox_case_activity (case_id, id);

CREATE TRIGGER inbox_case_activity_no_update_or_delete
  BEFORE UPDATE OR DELETE ON inbox_case_activity
  FOR EACH ROW EXECUTE FUNCTION case_events_append_only();

-- Ready-made answers a commune (or province) keeps for frequent questions.
CREATE TABLE canned_answers (
  id bigserial PRIMARY KEY,
  scope_kind text NOT NULL CHECK (scope_kind IN ('commune', 'province')),
  scope_code text NOT NULL,
  title text NOT NULL CHECK (length(title) BETWEEN 1 AND 120),
  body text NOT NULL CHECK (length(body) BETWEEN 1 AND 4000),
  created_by bigint NOT NULL REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  active boolean NOT NULL DEFAULT true
);

CREATE INDEX canned_answers_by_scope ON canned_answers (scope_kind, scope_code) WHERE active;
