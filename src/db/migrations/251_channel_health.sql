-- Whether each OA / Page can still be used, as the platforms last told us: 'ok', 'token_expiring'
-- (a scheduled refresh failed and the access token runs out within the hour), 'needs_regrant'
-- (Zalo refused the refresh token, or Meta the Page token: code 190; only an admin granting
-- access again helps, so nothing retries the refresh), 'restricted' (the platform restricts the
-- account for now: Zalo -244, Meta 10/1893063).
ALTER TABLE channel_accounts
  ADD COLUMN health text NOT NULL DEFAULT 'ok' CHECK (health IN ('ok', 'token_expiring', 'needs_regrant', 'restricted')),
  ADD COLUMN health_reason text,
  ADD COLUMN health_changed_at timestamptz;
