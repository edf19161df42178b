-- Deadline notices to staff: the reminder before a due date, the escalation to leaders on it,
-- the overdue state after it. One row per recipient; the inbox shows them, e-mail is optional.

-- Optional: without an address a user is told in the inbox only.
ALTER TABLE users ADD COLUMN email text
  CHECK (email IS NULL OR (length(email) <= 254 AND email ~ '^[^@\s]+@[^@\s]+\.[^@\s]+$'));

-- Holds no personal data of the reporter: who is told, about which case, what and when.
-- The unique key is what stops a retried or redelivered deadline job from telling anyone twice;
-- `deadline_version` is the case's schedule version the job belonged to, so the reminder of a
-- new due date (after an extension) is a new notice.
CREATE TABLE staff_notifications (
  id bigserial PRIMARY KEY,
  user_id bigint NOT NULL REFERENCES users (id),
  case_id bigint NOT NULL REFERENCES cases (id),
  kind text NOT NULL CHECK (kind IN ('reminder', 'escalation', 'overdue')),
  deadline_version integer NOT NULL,
  due_date date NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  read_at timestamptz,
  -- When the e-mail copy was accepted by the SMTP server; NULL when none was sent.
  emailed_at timestamptz,
  UNIQUE (user_id, case_id, kind, deadline_version)
);

CREATE INDEX staff_notifications_by_user ON staff_notifications (user_id, id DESC);
CREATE INDEX staff_notifications_unread ON staff_notifications (user_id) WHERE read_at IS NULL;
