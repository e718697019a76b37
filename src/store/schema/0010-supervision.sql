-- 0010-supervision: supervision tasks (督办任务) and the ledgers a unit
-- keeps of its offline disclosure: the bulletin-board ledger (公示栏台账)
-- and inspections of the 政务公开专区 against its checklist.
--
-- A task comes from a notice of a disclosure office (seeds 000 and 002: a
-- numbered item of 岳政务公开办发〔2021〕1号, 芙政办发〔2021〕15号) and is
-- assigned to lead (牵头) and member (责任/参与) units; each unit reports
-- progress with evidence, and the office may send a completion back.
-- Whether a unit is overdue is computed from the reports, the deadline
-- and today (domain/supervision.c), never stored.
--
-- Files (evidence, photos) are stored once by SHA-256 in blobs, as
-- records' attachments are.

CREATE TABLE tasks (
	id           INTEGER PRIMARY KEY,
	region_code  TEXT NOT NULL REFERENCES regions(code), -- the office's
	source       TEXT NOT NULL,         -- 岳政务公开办发〔2021〕1号 第（二）项
	title        TEXT NOT NULL DEFAULT '',  -- the item's heading, if any
	body         TEXT NOT NULL,         -- the task as the notice words it
	units_text   TEXT NOT NULL DEFAULT '',  -- 责任单位 as the notice writes it
	issued_on    TEXT NOT NULL,         -- YYYY-MM-DD the notice was issued
	due_on       TEXT,                  -- YYYY-MM-DD, NULL: no deadline given
	due_rule     TEXT NOT NULL DEFAULT '',  -- 完成时限 as written
	due_workdays INTEGER NOT NULL DEFAULT 0, -- > 0: due_on is that many
	                                         -- working days after issued_on
	closed_on    TEXT,                  -- 办结 by the office, or NULL
	created_by   TEXT NOT NULL,
	created_at   TEXT NOT NULL,
	updated_at   TEXT NOT NULL
);
CREATE INDEX tasks_region ON tasks(region_code, due_on);

CREATE TABLE task_units (
	task_id  INTEGER NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
	unit_id  INTEGER NOT NULL REFERENCES units(id),
	role     TEXT NOT NULL CHECK (role IN ('lead', 'member')),
	seq      INTEGER NOT NULL,          -- the order the notice names them
	PRIMARY KEY (task_id, unit_id)
);
CREATE INDEX task_units_unit ON task_units(unit_id);

-- What a unit reported (progress, done) or the office said back
-- (returned: a completion not accepted, with the reason).
CREATE TABLE task_reports (
	id         INTEGER PRIMARY KEY,
	task_id    INTEGER NOT NULL,
	unit_id    INTEGER NOT NULL,
	kind       TEXT NOT NULL CHECK (kind IN ('progress', 'done',
		'returned')),
	day        TEXT NOT NULL,           -- YYYY-MM-DD of the report
	text       TEXT NOT NULL,
	actor      TEXT NOT NULL,
	created_at TEXT NOT NULL,
	FOREIGN KEY (task_id, unit_id) REFERENCES task_units(task_id, unit_id)
		ON DELETE CASCADE
);
CREATE INDEX task_reports_task ON task_reports(task_id, unit_id, day);

-- The bulletin-board ledger: what was posted, where, from and to which
-- date, by whom (photos in supervision_files).  A notice printed from a
-- record keeps the record's id.
CREATE TABLE board_ledger (
	id          INTEGER PRIMARY KEY,
	unit_id     INTEGER NOT NULL REFERENCES units(id),
	record_id   INTEGER REFERENCES records(id) ON DELETE SET NULL,
	title       TEXT NOT NULL,          -- what was posted
	place       TEXT NOT NULL,          -- where
	posted_from TEXT NOT NULL,          -- YYYY-MM-DD
	posted_to   TEXT NOT NULL,          -- YYYY-MM-DD, not before posted_from
	posted_by   TEXT NOT NULL,          -- who put it up
	note        TEXT NOT NULL DEFAULT '',
	printed     INTEGER NOT NULL DEFAULT 0, -- from 打印并登记
	actor       TEXT NOT NULL,
	created_at  TEXT NOT NULL,
	CHECK (posted_to >= posted_from)
);
CREATE INDEX board_ledger_unit ON board_ledger(unit_id, posted_from);

-- The checklist of a 政务公开专区 per level, as data: seed 003's two
-- tables (区县（市）级 and 乡镇（街道）级公开载体配置与应用相关要求) of
-- 长沙市《基层政务公开专区建设标准与管理要求》(2020).  The slide text of
-- those tables lost their merged cells; read with the header 公开渠道和载体 |
-- 公开内容 | 公开信息形式 | 内容要求 | 数量要求 | 备注, each row is a carrier
-- with its form, content requirement and quantity requirement, and the
-- 公开内容 column is one merged cell for the whole table (its four points
-- are printed once, at the table's end).  So every line carries that
-- content, and the values stand as the slide gives them (数量要求 「准确」).
CREATE TABLE zone_lines (
	id          INTEGER PRIMARY KEY,
	level       TEXT NOT NULL CHECK (level IN ('county', 'township')),
	seq         INTEGER NOT NULL,
	carrier     TEXT NOT NULL,          -- 公开渠道和载体
	content     TEXT NOT NULL,          -- 公开内容
	form        TEXT NOT NULL,          -- 公开信息形式
	requirement TEXT NOT NULL,          -- 内容要求
	quantity    TEXT NOT NULL,          -- 数量要求
	note        TEXT NOT NULL DEFAULT '',   -- 备注
	source      TEXT NOT NULL,
	UNIQUE (level, seq)
);

-- An inspection of a unit's zone: per line met or not, a note each.
CREATE TABLE zone_inspections (
	id          INTEGER PRIMARY KEY,
	unit_id     INTEGER NOT NULL REFERENCES units(id),
	level       TEXT NOT NULL CHECK (level IN ('county', 'township')),
	day         TEXT NOT NULL,          -- YYYY-MM-DD
	inspector   TEXT NOT NULL,
	note        TEXT NOT NULL DEFAULT '',
	actor       TEXT NOT NULL,
	created_at  TEXT NOT NULL
);
CREATE INDEX zone_inspections_unit ON zone_inspections(unit_id, day);

CREATE TABLE zone_results (
	inspection_id INTEGER NOT NULL REFERENCES zone_inspections(id)
		ON DELETE CASCADE,
	line_id     INTEGER NOT NULL REFERENCES zone_lines(id),
	met         INTEGER NOT NULL CHECK (met IN (0, 1)),
	note        TEXT NOT NULL DEFAULT '',
	PRIMARY KEY (inspection_id, line_id)
);

-- Evidence of a report, photos of a posting or of an inspection.
CREATE TABLE supervision_files (
	id            INTEGER PRIMARY KEY,
	report_id     INTEGER REFERENCES task_reports(id) ON DELETE CASCADE,
	board_id      INTEGER REFERENCES board_ledger(id) ON DELETE CASCADE,
	inspection_id INTEGER REFERENCES zone_inspections(id) ON DELETE CASCADE,
	seq           INTEGER NOT NULL,
	name          TEXT NOT NULL,
	mime          TEXT NOT NULL,
	sha256        TEXT NOT NULL REFERENCES blobs(sha256),
	size          INTEGER NOT NULL,
	CHECK ((report_id IS NOT NULL) + (board_id IS NOT NULL) +
	       (inspection_id IS NOT NULL) = 1)
);
CREATE INDEX supervision_files_report ON supervision_files(report_id);
CREATE INDEX supervision_files_board ON supervision_files(board_id);
CREATE INDEX supervision_files_inspection
	ON supervision_files(inspection_id);

INSERT INTO zone_lines (level, seq, carrier, content, form, requirement,
	quantity, source) VALUES
	('county', 1, '政策解读文件',
	 '1.重大会议决策；2.政策文件解读；3.“一件事一次办”办事指南、电子手册、流程、时限、示范文本、后台数据统计（实机）；4.窗口工作人员满意度测评及结果公开统计。',
	 '纸质文本', '简明扼要 通俗易懂', '准确',
	 '长沙市《基层政务公开专区建设标准与管理要求》区县（市）级公开载体配置与应用相关要求'),
	('county', 2, '宣传栏',
	 '1.重大会议决策；2.政策文件解读；3.“一件事一次办”办事指南、电子手册、流程、时限、示范文本、后台数据统计（实机）；4.窗口工作人员满意度测评及结果公开统计。',
	 '纸质文本', '简明扼要 通俗易懂', '准确',
	 '长沙市《基层政务公开专区建设标准与管理要求》区县（市）级公开载体配置与应用相关要求'),
	('county', 3, '办事指南',
	 '1.重大会议决策；2.政策文件解读；3.“一件事一次办”办事指南、电子手册、流程、时限、示范文本、后台数据统计（实机）；4.窗口工作人员满意度测评及结果公开统计。',
	 '纸质文本 电子文本', '简明扼要 通俗易懂', '准确',
	 '长沙市《基层政务公开专区建设标准与管理要求》区县（市）级公开载体配置与应用相关要求'),
	('county', 4, '“一件事一次办”办事一本通',
	 '1.重大会议决策；2.政策文件解读；3.“一件事一次办”办事指南、电子手册、流程、时限、示范文本、后台数据统计（实机）；4.窗口工作人员满意度测评及结果公开统计。',
	 '纸质文本', '简明扼要 通俗易懂', '准确',
	 '长沙市《基层政务公开专区建设标准与管理要求》区县（市）级公开载体配置与应用相关要求'),
	('county', 5, '政府公报',
	 '1.重大会议决策；2.政策文件解读；3.“一件事一次办”办事指南、电子手册、流程、时限、示范文本、后台数据统计（实机）；4.窗口工作人员满意度测评及结果公开统计。',
	 '纸质文本', '内容全面 准确规范', '准确',
	 '长沙市《基层政务公开专区建设标准与管理要求》区县（市）级公开载体配置与应用相关要求'),
	('township', 1, '政策解读文件',
	 '1.重大会议决策；2.政策文件解读；3.基层公共服务“一门式”办事年度、流程、示范文本、后台数据统计（实机）；4.窗口工作人员满意度测评及结果公开统计。',
	 '纸质文本', '简明扼要 通俗易懂', '准确',
	 '长沙市《基层政务公开专区建设标准与管理要求》乡镇（街道）级公开载体配置与应用相关要求'),
	('township', 2, '宣传栏',
	 '1.重大会议决策；2.政策文件解读；3.基层公共服务“一门式”办事年度、流程、示范文本、后台数据统计（实机）；4.窗口工作人员满意度测评及结果公开统计。',
	 '纸质文本', '简明扼要 通俗易懂', '准确',
	 '长沙市《基层政务公开专区建设标准与管理要求》乡镇（街道）级公开载体配置与应用相关要求'),
	('township', 3, '办事指南',
	 '1.重大会议决策；2.政策文件解读；3.基层公共服务“一门式”办事年度、流程、示范文本、后台数据统计（实机）；4.窗口工作人员满意度测评及结果公开统计。',
	 '纸质文本 电子文本', '简明扼要 通俗易懂', '准确',
	 '长沙市《基层政务公开专区建设标准与管理要求》乡镇（街道）级公开载体配置与应用相关要求'),
	('township', 4, '基层公共服务（一门式）代办窗口',
	 '1.重大会议决策；2.政策文件解读；3.基层公共服务“一门式”办事年度、流程、示范文本、后台数据统计（实机）；4.窗口工作人员满意度测评及结果公开统计。',
	 '纸质文本', '简明扼要 通俗易懂', '准确',
	 '长沙市《基层政务公开专区建设标准与管理要求》乡镇（街道）级公开载体配置与应用相关要求'),
	('township', 5, '便民卡',
	 '1.重大会议决策；2.政策文件解读；3.基层公共服务“一门式”办事年度、流程、示范文本、后台数据统计（实机）；4.窗口工作人员满意度测评及结果公开统计。',
	 '纸质文本', '简明扼要 通俗易懂', '准确',
	 '长沙市《基层政务公开专区建设标准与管理要求》乡镇（街道）级公开载体配置与应用相关要求');
