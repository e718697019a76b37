-- 0006-workflow: the editorial workflow of records (草稿 → 待审 → 待签 →
-- 待批 → 发布, scheduled publishing, withdrawal, recycle bin) and their
-- revision history.  Portable SQL.
--
-- records.status now takes: draft, review, sign, approve, scheduled,
-- published, withdrawn.

ALTER TABLE records ADD COLUMN publish_at TEXT;      -- scheduled: UTC text
ALTER TABLE records ADD COLUMN return_reason TEXT NOT NULL DEFAULT '';
ALTER TABLE records ADD COLUMN withdraw_reason TEXT NOT NULL DEFAULT '';
ALTER TABLE records ADD COLUMN deleted_at TEXT;      -- in the recycle bin
ALTER TABLE records ADD COLUMN created_by INTEGER REFERENCES users(id);
ALTER TABLE records ADD COLUMN due_on TEXT NOT NULL DEFAULT '';  -- 公开时限
ALTER TABLE records ADD COLUMN rev INTEGER NOT NULL DEFAULT 1;

CREATE INDEX records_queue ON records(unit_id, status, updated_at);
CREATE INDEX records_scheduled ON records(status, publish_at);

-- Every saved state of a record, as the JSON of the whole record, with
-- who did what; any two can be compared, any one restored.
CREATE TABLE record_revisions (
	id        INTEGER PRIMARY KEY,
	record_id INTEGER NOT NULL REFERENCES records(id) ON DELETE CASCADE,
	rev       INTEGER NOT NULL,
	at        TEXT NOT NULL,
	actor     TEXT NOT NULL,
	action    TEXT NOT NULL,                 -- create, edit, submit, ...
	note      TEXT NOT NULL DEFAULT '',      -- a reason, when there is one
	snapshot  TEXT NOT NULL,
	UNIQUE (record_id, rev)
);
