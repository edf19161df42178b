-- A conversation's inactivity timer: each turn writes a new token; a timer job whose token is
-- no longer the conversation's is stale and does nothing. No job ever has to be cancelled.
ALTER TABLE conversations ADD COLUMN timer_token text;
