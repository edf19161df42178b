-- When an outbound message's delivery state last changed (sent, failed, retrying, uncertain):
-- the inbox watcher uses it to refresh open pages when the worker settles a send.
ALTER TABLE messages ADD COLUMN status_changed_at timestamptz;

CREATE INDEX messages_status_changed ON messages (status_changed_at) WHERE status_changed_at IS NOT NULL;
