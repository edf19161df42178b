-- Access control and reporter protection (issue 11).
--
-- A system administrator runs the installation (the queue dashboard, accounts of every unit);
-- a unit's administrator ('admin') acts only inside their unit. The stored scope of a system
-- administrator is the unit they belong to; their rights do not depend on it.
ALTER TABLE users DROP CONSTRAINT users_role_check;
ALTER TABLE users ADD CONSTRAINT users_role_check
  CHECK (role IN ('commune_staff', 'commune_leader', 'province_officer', 'admin', 'system_admin'));

-- A password someone else chose (`congboc users add`, an administrator's reset) must be
-- replaced by its owner at the first sign-in.
ALTER TABLE users ADD COLUMN must_change_password boolean NOT NULL DEFAULT false;

-- The trails stay append-only, except for one thing: an erasure (the citizen's request or the
-- retention period) may take a citizen's name and phone out of what was written. Such a
-- transaction says so with SET LOCAL congboc.erasure = 'on'; nothing else may change a row,
-- and no row may ever be deleted.
CREATE OR REPLACE FUNCTION case_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND current_setting('congboc.erasure', true) = 'on' THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'case_events is append-only';
END;
$$;

CREATE OR REPLACE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND current_setting('congboc.erasure', true) = 'on' THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'audit_log is append-only';
END;
$$;
