-- Issue 16: the conversation records praise (compliment) and reports the citizen calls a
-- khiếu nại or tố cáo (denunciation) as cases of their own kind, beside feedback and questions.
ALTER TABLE cases DROP CONSTRAINT cases_kind_check;
ALTER TABLE cases ADD CONSTRAINT cases_kind_check CHECK (kind IN ('feedback', 'question', 'compliment', 'denunciation'));
