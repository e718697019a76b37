-- 0011-assessment: assessment (考核) of units against an indicator table.
--
-- An indicator table (考核指标, seed 004) is a tree of 一级/二级/三级指标;
-- its scoring lines carry points per target type (街道（镇）, 区直相关部门,
-- …), how they are assessed (考核方式) and what evidence counts (材料, 网页
-- 截图, 照片, 签到表, 实地察看 …); bonus lines (加分项) are capped together.
-- A round (一轮考核) picks a table, a period and target units, each with
-- its target type; units upload evidence per line; lines the platform can
-- measure are scored from its own data with the figure behind the score
-- kept beside it; assessors score the rest with comments; each unit may
-- respond once; the office finalises.  Points and scores are integers in
-- hundredths of a point (9.25 分 = 925), so sums are exact.  The rules are
-- domain/assessment*.c's; this file only keeps rows.

CREATE TABLE assess_tables (
	id          INTEGER PRIMARY KEY,
	name        TEXT NOT NULL,          -- the title row, or the file's name
	region_code TEXT REFERENCES regions(code),  -- the office that owns it
	source      TEXT NOT NULL DEFAULT '',   -- file imported from
	note        TEXT NOT NULL DEFAULT '',   -- 说明 as written
	base_total  INTEGER NOT NULL DEFAULT 0, -- 基准分 stated in 说明, 0 if none
	bonus_cap   INTEGER NOT NULL DEFAULT 0, -- 加分项最多 … 分
	created_by  TEXT NOT NULL,
	created_at  TEXT NOT NULL
);

-- The target types of a table, in the order they first appear.
CREATE TABLE assess_types (
	table_id    INTEGER NOT NULL REFERENCES assess_tables(id) ON DELETE CASCADE,
	seq         INTEGER NOT NULL,
	name        TEXT NOT NULL,          -- 街道（镇）
	PRIMARY KEY (table_id, seq),
	UNIQUE (table_id, name)
);

-- The nodes of a table in pre-order: a parent before its children.
-- A node with points (points_text <> '') is a scoring line and a leaf.
CREATE TABLE assess_lines (
	id          INTEGER PRIMARY KEY,
	table_id    INTEGER NOT NULL REFERENCES assess_tables(id) ON DELETE CASCADE,
	seq         INTEGER NOT NULL,       -- pre-order position
	parent_seq  INTEGER,                -- the parent's seq, NULL for 一级
	level       INTEGER NOT NULL CHECK (level BETWEEN 1 AND 3),
	name        TEXT NOT NULL,          -- 一级/二级 name, or the 三级 text
	scored      INTEGER NOT NULL DEFAULT 0,
	bonus       INTEGER NOT NULL DEFAULT 0, -- a 加分项 line
	points_text TEXT NOT NULL DEFAULT '',   -- 考核对象及分值 as written
	method      TEXT NOT NULL DEFAULT '',   -- 考核方式
	evidence    INTEGER NOT NULL DEFAULT 0, -- bits, domain/assessment.h
	measure     TEXT NOT NULL DEFAULT '',   -- platform measure code, or ''
	note        TEXT NOT NULL DEFAULT '',   -- 备注
	rownum      INTEGER NOT NULL DEFAULT 0, -- row in the imported file
	UNIQUE (table_id, seq)
);

-- Points of a scoring line for one target type: hundredths of a point;
-- -1 on a bonus line that names the type without points (up to the cap).
-- A type without a row is not assessed on that line.
CREATE TABLE assess_points (
	line_id     INTEGER NOT NULL REFERENCES assess_lines(id) ON DELETE CASCADE,
	type_name   TEXT NOT NULL,
	points      INTEGER NOT NULL,
	PRIMARY KEY (line_id, type_name)
);

CREATE TABLE assess_rounds (
	id          INTEGER PRIMARY KEY,
	table_id    INTEGER NOT NULL REFERENCES assess_tables(id),
	name        TEXT NOT NULL,          -- 2021年度基层政务公开考核
	region_code TEXT NOT NULL REFERENCES regions(code), -- the office's
	period_from TEXT NOT NULL,          -- YYYY-MM-DD
	period_to   TEXT NOT NULL,
	status      TEXT NOT NULL DEFAULT 'open'
	            CHECK (status IN ('open', 'final')),
	created_by  TEXT NOT NULL,
	created_at  TEXT NOT NULL,
	scored_at   TEXT,                   -- automatic lines last computed
	final_by    TEXT,
	final_at    TEXT
);

CREATE TABLE assess_targets (
	round_id    INTEGER NOT NULL REFERENCES assess_rounds(id) ON DELETE CASCADE,
	unit_id     INTEGER NOT NULL REFERENCES units(id),
	type_name   TEXT NOT NULL,          -- one of the table's types
	response    TEXT,                   -- the unit's one response, or NULL
	response_by TEXT,
	response_at TEXT,
	PRIMARY KEY (round_id, unit_id)
);

-- The score of one line for one target.  source 'auto': computed from the
-- platform's data, 'figure' says how (num/den the ratio behind it);
-- 'manual': given by an assessor, 'comment' says why.
CREATE TABLE assess_scores (
	round_id    INTEGER NOT NULL,
	unit_id     INTEGER NOT NULL,
	line_id     INTEGER NOT NULL REFERENCES assess_lines(id),
	score       INTEGER NOT NULL,       -- hundredths of a point
	source      TEXT NOT NULL CHECK (source IN ('auto', 'manual')),
	figure      TEXT NOT NULL DEFAULT '',
	num         INTEGER,
	den         INTEGER,
	comment     TEXT NOT NULL DEFAULT '',
	scored_by   TEXT NOT NULL,
	scored_at   TEXT NOT NULL,
	PRIMARY KEY (round_id, unit_id, line_id),
	FOREIGN KEY (round_id, unit_id) REFERENCES assess_targets(round_id, unit_id)
		ON DELETE CASCADE
);

-- Evidence a unit uploads for a line: the bytes in blobs (by SHA-256).
CREATE TABLE assess_evidence (
	id          INTEGER PRIMARY KEY,
	round_id    INTEGER NOT NULL,
	unit_id     INTEGER NOT NULL,
	line_id     INTEGER NOT NULL REFERENCES assess_lines(id),
	kind        INTEGER NOT NULL,       -- one evidence bit
	name        TEXT NOT NULL,
	mime        TEXT NOT NULL,
	sha256      TEXT NOT NULL REFERENCES blobs(sha256),
	size        INTEGER NOT NULL,
	uploaded_by TEXT NOT NULL,
	uploaded_at TEXT NOT NULL,
	FOREIGN KEY (round_id, unit_id) REFERENCES assess_targets(round_id, unit_id)
		ON DELETE CASCADE
);
CREATE INDEX assess_evidence_line ON assess_evidence(round_id, unit_id, line_id);
