-- The kind of matter a case is in law (data/deadlines/case-kinds.json): phản ánh/kiến nghị,
-- khiếu nại, tố cáo, hỏi đáp, khen. Until now every chat case was tracked as a phản ánh.
-- Existing cases: a question is hỏi đáp, a case labelled khen is a compliment, the rest keep
-- the phản ánh they were planned as.
ALTER TABLE cases ADD COLUMN legal_kind text;
UPDATE cases SET legal_kind = CASE
  WHEN kind = 'question' THEN 'hoi_dap'
  WHEN label = 'khen' THEN 'khen'
  ELSE 'phan_anh_kien_nghi'
END;
ALTER TABLE cases ALTER COLUMN legal_kind SET NOT NULL;
ALTER TABLE cases ADD CONSTRAINT cases_legal_kind_check
  CHECK (legal_kind IN ('phan_anh_kien_nghi', 'khieu_nai', 'to_cao', 'hoi_dap', 'khen'));

-- A compliment has no deadline (new ones are stored without a due date); every other kind has one.
ALTER TABLE cases ALTER COLUMN due_date DROP NOT NULL;
ALTER TABLE cases ADD CONSTRAINT cases_due_date_by_kind_check CHECK (legal_kind = 'khen' OR due_date IS NOT NULL);

-- Staff change a case's kind with a reason (and the deadlines are planned again).
ALTER TABLE case_events DROP CONSTRAINT case_events_kind_check;
ALTER TABLE case_events ADD CONSTRAINT case_events_kind_check CHECK (kind IN (
  'created', 'status_changed', 'message_appended', 'attachment_added', 'answered',
  'transferred', 'deadline_extended', 'deadline_reminder', 'deadline_escalated', 'overdue',
  'letter_drafted', 'letter_signed', 'citizen_notified', 'call_citizen', 'rating_requested', 'rated',
  'letter_withdrawn', 'personal_data_erased', 'kind_changed'
));
