-- 0004-audit: the audit trail required by 等保 2.0 (安全审计): every write
-- says who did it, when, from where, to what, with the object before and
-- after.  The log is append-only and hash-chained: each row's hash covers
-- the previous row's hash and every column of its own (see domain/audit.c
-- for the exact serialisation), so editing, deleting, inserting or
-- reordering history breaks the chain, and audit_head (the count and the
-- last hash, updated in the same transaction as each append) shows a
-- truncated tail.
--
-- Portable SQL except the triggers, which are SQLite syntax; the PostgreSQL
-- store will refuse UPDATE and DELETE with a rule or trigger of its own
-- (and may also REVOKE those privileges from the application's role).
-- No foreign keys on purpose: an audit row outlives the user, unit or
-- region it mentions.

CREATE TABLE audit_log (
	id          INTEGER PRIMARY KEY CHECK (id > 0),  -- 1, 2, 3 … no gaps
	at          TEXT NOT NULL,          -- ISO-8601 UTC (util/timeutil.h)
	actor       TEXT NOT NULL,          -- username, or 命令行
	actor_id    INTEGER CHECK (actor_id IS NULL OR actor_id > 0),
	                                    -- users.id; NULL for the command line
	client      TEXT NOT NULL,          -- client address, or 命令行
	action      TEXT NOT NULL,          -- 'record.submit', 'user.add', …
	object_type TEXT NOT NULL,          -- 'record', 'catalog', 'user', …
	object_id   TEXT NOT NULL,
	region_code TEXT,                   -- where the object belongs, for
	unit_id     INTEGER CHECK (unit_id IS NULL OR unit_id > 0),
	                                    -- a region's office and the auditor
	before      TEXT,                   -- JSON, NULL when created
	after       TEXT,                   -- JSON, NULL when deleted
	detail      TEXT NOT NULL DEFAULT '',           -- a Chinese summary
	prev_hash   TEXT NOT NULL,          -- the previous row's hash (64 zeros
	                                    -- for the first row)
	hash        TEXT NOT NULL UNIQUE    -- SHA-256, 64 lower-case hex digits
);
CREATE INDEX audit_log_at ON audit_log(at);
CREATE INDEX audit_log_actor ON audit_log(actor, at);
CREATE INDEX audit_log_object ON audit_log(object_type, object_id);
CREATE INDEX audit_log_region ON audit_log(region_code);

-- The chain's head: one row, advanced with every append.  A deleted tail
-- leaves the log shorter than the head says.
CREATE TABLE audit_head (
	id        INTEGER PRIMARY KEY CHECK (id = 1),
	count     INTEGER NOT NULL,         -- rows appended
	last_id   INTEGER NOT NULL,         -- id of the newest row, 0 if none
	last_hash TEXT NOT NULL             -- its hash, 64 zeros if none
);
INSERT INTO audit_head (id, count, last_id, last_hash) VALUES (1, 0, 0,
	'0000000000000000000000000000000000000000000000000000000000000000');

-- SQLite: history cannot be changed through SQL while these exist (an
-- attacker with the file can drop them; the hash chain is what tells).
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
	SELECT RAISE(ABORT, '审计记录不可修改或删除');
END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
	SELECT RAISE(ABORT, '审计记录不可修改或删除');
END;
-- A new row must continue the chain: the next id after the head's, and
-- the head's hash as its prev_hash.
CREATE TRIGGER audit_log_append_only BEFORE INSERT ON audit_log
WHEN NEW.id IS NOT (SELECT last_id + 1 FROM audit_head WHERE id = 1)
  OR NEW.prev_hash IS NOT (SELECT last_hash FROM audit_head WHERE id = 1)
BEGIN
	SELECT RAISE(ABORT, '审计记录只能按顺序追加到链尾');
END;
CREATE TRIGGER audit_head_no_delete BEFORE DELETE ON audit_head
BEGIN
	SELECT RAISE(ABORT, '审计记录不可修改或删除');
END;
CREATE TRIGGER audit_head_forward_only BEFORE UPDATE ON audit_head
WHEN NEW.id IS NOT OLD.id OR NEW.count < OLD.count
  OR NEW.last_id < OLD.last_id
BEGIN
	SELECT RAISE(ABORT, '审计记录不可修改或删除');
END;
