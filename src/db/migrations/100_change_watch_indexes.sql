-- The inbox watcher reads, every few seconds, the cases and messages changed in a short
-- window behind its last look; these keep that a range scan as the tables grow.
CREATE INDEX messages_created ON messages (created_at);
CREATE INDEX cases_updated ON cases (updated_at);
