-- A report about officials the commune does not manage (commune police belong to the province
-- police; staff of provincial bodies: land registry branch, tax, social insurance) must be
-- forwarded to their body within 05 working days (NĐ 20/2008 Điều 9; Luật Tố cáo Điều 24.2).
-- The body and the forwarding due date are kept on the case; the case's own due date is the
-- earlier of the two, so the deadline jobs remind on the forwarding duty.
ALTER TABLE cases ADD COLUMN forward_to text;
ALTER TABLE cases ADD COLUMN forward_due_date date;
ALTER TABLE cases ADD CONSTRAINT cases_forward_check CHECK ((forward_to IS NULL) = (forward_due_date IS NULL));

ALTER TABLE case_events DROP CONSTRAINT case_events_kind_check;
ALTER TABLE case_events ADD CONSTRAINT case_events_kind_check CHECK (kind IN (
  'created', 'status_changed', 'message_appended', 'attachment_added', 'answered',
  'transferred', 'deadline_extended', 'deadline_reminder', 'deadline_escalated', 'overdue',
  'letter_drafted', 'letter_signed', 'citizen_notified', 'call_citizen', 'rating_requested', 'rated',
  'letter_withdrawn', 'personal_data_erased', 'kind_changed', 'forward_required'
));
