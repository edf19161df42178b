-- The field (lĩnh vực, TAXONOMY.md) the classifier gives every message: leaders see where
-- problems gather; staff filter by it. Null for cases made before the field output existed.
ALTER TABLE cases ADD COLUMN topic text;
CREATE INDEX cases_topic ON cases (topic);
