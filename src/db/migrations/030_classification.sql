-- Staff corrections of the classifier's label. They feed retraining
-- (`congboc classify train --with-corrections`). case_id has no foreign key: the cases
-- table belongs to another area and a correction must survive a case being removed.

CREATE TABLE classification_corrections (
  id bigserial PRIMARY KEY,
  case_id text,
  text text NOT NULL,
  predicted_label text NOT NULL CHECK (predicted_label IN ('cua_quyen', 'quan_lieu', 'tham_nhung', 'gian_doi', 'loi_dung', 'ung_xu', 'tre_han', 'khen', 'gop_y', 'khac')),
  corrected_label text NOT NULL CHECK (corrected_label IN ('cua_quyen', 'quan_lieu', 'tham_nhung', 'gian_doi', 'loi_dung', 'ung_xu', 'tre_han', 'khen', 'gop_y', 'khac')),
  targets_leader boolean,
  corrected_by text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX classification_corrections_case_idx ON classification_corrections (case_id);
