-- An apology drafted ahead of its due date (the case was still unanswered at its reminder) is
-- withdrawn when the case is answered in time; the history keeps both facts.
ALTER TABLE case_events DROP CONSTRAINT case_events_kind_check;
ALTER TABLE case_events ADD CONSTRAINT case_events_kind_check CHECK (kind IN (
  'created', 'status_changed', 'message_appended', 'attachment_added', 'answered',
  'transferred', 'deadline_extended', 'deadline_reminder', 'deadline_escalated', 'overdue',
  'letter_drafted', 'letter_signed', 'citizen_notified', 'call_citizen', 'rating_requested', 'rated',
  'letter_withdrawn'
));
