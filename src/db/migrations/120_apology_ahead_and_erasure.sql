-- An apology drafted ahead of its due date (the case was still unanswered at its reminder) is
-- withdrawn when the case is answered in time. Nothing is deleted: the letter keeps its row
-- with status 'withdrawn', and the history says so. A citizen may also have their contact
-- details erased from their cases ('personal_data_erased').
ALTER TABLE case_events DROP CONSTRAINT case_events_kind_check;
ALTER TABLE case_events ADD CONSTRAINT case_events_kind_check CHECK (kind IN (
  'created', 'status_changed', 'message_appended', 'attachment_added', 'answered',
  'transferred', 'deadline_extended', 'deadline_reminder', 'deadline_escalated', 'overdue',
  'letter_drafted', 'letter_signed', 'citizen_notified', 'call_citizen', 'rating_requested', 'rated',
  'letter_withdrawn', 'personal_data_erased'
));

-- A withdrawn letter was never signed or numbered, like a draft. (Postgres's default names
-- for the unnamed CHECKs of migration 040, in their order there.)
ALTER TABLE letters ADD COLUMN withdrawn_at timestamptz;
ALTER TABLE letters DROP CONSTRAINT letters_status_check;
ALTER TABLE letters DROP CONSTRAINT letters_check;
ALTER TABLE letters DROP CONSTRAINT letters_check1;
ALTER TABLE letters DROP CONSTRAINT letters_check3;
ALTER TABLE letters ADD CONSTRAINT letters_status_check CHECK (status IN ('draft', 'signed', 'sent', 'withdrawn'));
ALTER TABLE letters ADD CONSTRAINT letters_unsigned_check CHECK ((status IN ('draft', 'withdrawn')) = (signed_at IS NULL));
ALTER TABLE letters ADD CONSTRAINT letters_signer_check CHECK ((status IN ('draft', 'withdrawn')) = (signed_by IS NULL));
ALTER TABLE letters ADD CONSTRAINT letters_number_check CHECK (status IN ('draft', 'withdrawn') OR number IS NOT NULL);
ALTER TABLE letters ADD CONSTRAINT letters_withdrawn_check CHECK ((status = 'withdrawn') = (withdrawn_at IS NOT NULL));
