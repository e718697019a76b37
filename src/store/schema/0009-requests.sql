-- 0009-requests: disclosure on request (依申请公开), its statutory clock,
-- fees, review and litigation cases, and the annual report's own texts.
--
-- An application is answered by one unit (the agency it was addressed
-- to).  Its life is 登记 → 审核 → (补正) → 办理 → 答复 → 归档; every step is
-- a row of request_events with its date, and the clock
-- (domain/request-clock.c) is computed from the receipt date, those
-- events and the working-day calendar, never stored.  The outcome is one
-- of the categories of table 三 of the annual report (国办公开办函〔2021〕
-- 30号), written as its row code: '1' 予以公开, '2' 部分公开, '3.1'–'3.8'
-- 不予公开, '4.1'–'4.3' 无法提供, '5.1'–'5.5' 不予处理, '6.1'–'6.3' 其他处理.

CREATE TABLE requests (
	id              INTEGER PRIMARY KEY,
	unit_id         INTEGER NOT NULL REFERENCES units(id),
	year            INTEGER NOT NULL,       -- of received_on: 编号's year
	serial          INTEGER NOT NULL,       -- 编号 within unit and year
	code            TEXT NOT NULL UNIQUE,   -- 查询码 given to the applicant
	-- the applicant: table 三's columns
	applicant_kind  TEXT NOT NULL CHECK (applicant_kind IN ('person',
		'commercial', 'research', 'nonprofit', 'legal', 'other')),
	name            TEXT NOT NULL,          -- 姓名 or 名称
	id_type         TEXT NOT NULL DEFAULT '',   -- person: 证件类型
	id_number       TEXT NOT NULL DEFAULT '',   -- person: 证件号码
	credit_code     TEXT NOT NULL DEFAULT '',   -- org: 统一社会信用代码
	legal_rep       TEXT NOT NULL DEFAULT '',   -- org: 法定代表人
	contact_person  TEXT NOT NULL DEFAULT '',   -- org: 联系人
	phone           TEXT NOT NULL DEFAULT '',
	email           TEXT NOT NULL DEFAULT '',
	address         TEXT NOT NULL DEFAULT '',
	postcode        TEXT NOT NULL DEFAULT '',
	-- what is asked for (第二十九条)
	info_name       TEXT NOT NULL,          -- 信息名称
	info_doc_no     TEXT NOT NULL DEFAULT '',   -- 文号
	info_desc       TEXT NOT NULL DEFAULT '',   -- 特征性描述
	forms           TEXT NOT NULL,          -- 纸质、电子邮件、光盘、… (、-separated)
	delivery        TEXT NOT NULL,          -- 邮寄、电子邮件、自行领取、…
	fee_waiver      INTEGER NOT NULL DEFAULT 0, -- 申请减免费用
	fee_waiver_reason TEXT NOT NULL DEFAULT '',
	-- how and when it arrived (第三十一条)
	channel         TEXT NOT NULL CHECK (channel IN ('online', 'in_person',
		'mail_signed', 'mail_plain', 'fax', 'email')),
	submitted_on    TEXT NOT NULL,          -- sent, handed in or filed online
	received_on     TEXT NOT NULL,          -- 收到申请之日
	receipt_note    TEXT NOT NULL DEFAULT '',   -- how received_on was set
	ip              TEXT NOT NULL DEFAULT '',   -- online: the sender's address
	-- handling
	-- reviewing: examined again after the corrected application came
	status          TEXT NOT NULL DEFAULT 'registered' CHECK (status IN (
		'registered', 'reviewing', 'correcting', 'handling', 'replied',
		'archived')),
	outcome         TEXT,                   -- table 三 row code, at 答复
	outcome_article TEXT NOT NULL DEFAULT '',   -- 条例 article behind it
	reply_letter    TEXT NOT NULL DEFAULT '',   -- the letter as sent
	replied_on      TEXT,
	delivered_how   TEXT NOT NULL DEFAULT '',
	delivered_on    TEXT,
	archived_on     TEXT,
	-- fees (国办函〔2020〕109号): one method per application
	fee_method      TEXT CHECK (fee_method IN ('per_item', 'by_pages')),
	fee_units       INTEGER,                -- the item's rank in the month, or pages
	fee_fen         INTEGER,                -- the amount, in fen
	fee_state       TEXT CHECK (fee_state IN ('noticed', 'paid', 'expired',
		'waived')),
	created_by      TEXT NOT NULL,
	created_at      TEXT NOT NULL,
	updated_at      TEXT NOT NULL,
	UNIQUE (unit_id, year, serial)
);
CREATE INDEX requests_unit ON requests(unit_id, status);
CREATE INDEX requests_received ON requests(received_on);
CREATE INDEX requests_applicant ON requests(name, id_number, credit_code);

-- The steps of an application, with their dates (the clock reads them).
CREATE TABLE request_events (
	id          INTEGER PRIMARY KEY,
	request_id  INTEGER NOT NULL REFERENCES requests(id) ON DELETE CASCADE,
	kind        TEXT NOT NULL CHECK (kind IN (
		'registered',           -- 登记
		'review',               -- 审核: accepted as complete
		'correction_notice',    -- 补正告知 sent (due: 'until')
		'correction_received',  -- the corrected application arrived
		'correction_lapsed',    -- no correction in time: （六）1
		'third_party_sent',     -- 征求第三方意见 (15 working days)
		'third_party_answered',
		'agency_sent',          -- 征求其他机关意见
		'agency_answered',
		'extension',            -- 延期答复, approved by 'approver'
		'fee_notice',           -- 收费通知 (due: 'until')
		'fee_paid', 'fee_expired', 'fee_waived',
		'reply',                -- 答复 (outcome on the request)
		'delivered',            -- 送达
		'archived',             -- 归档
		'note')),
	day         TEXT NOT NULL,          -- YYYY-MM-DD the step happened
	until       TEXT,                   -- a deadline the step sets
	days        INTEGER NOT NULL DEFAULT 0, -- extension: working days added
	approver    TEXT NOT NULL DEFAULT '',   -- extension: who approved
	note        TEXT NOT NULL DEFAULT '',
	actor       TEXT NOT NULL,
	created_at  TEXT NOT NULL
);
CREATE INDEX request_events_request ON request_events(request_id, day);

CREATE TABLE request_files (
	id          INTEGER PRIMARY KEY,
	request_id  INTEGER NOT NULL REFERENCES requests(id) ON DELETE CASCADE,
	seq         INTEGER NOT NULL,
	role        TEXT NOT NULL CHECK (role IN ('application', 'reply',
		'other')),
	name        TEXT NOT NULL,
	mime        TEXT NOT NULL,
	sha256      TEXT NOT NULL REFERENCES blobs(sha256),
	size        INTEGER NOT NULL
);
CREATE INDEX request_files_request ON request_files(request_id, seq);

-- Administrative review (行政复议) and litigation (行政诉讼) about an
-- application: table 四.
CREATE TABLE request_cases (
	id          INTEGER PRIMARY KEY,
	request_id  INTEGER REFERENCES requests(id) ON DELETE SET NULL,
	unit_id     INTEGER NOT NULL REFERENCES units(id),
	kind        TEXT NOT NULL CHECK (kind IN ('review', 'suit_direct',
		'suit_after_review')),
	result      TEXT NOT NULL CHECK (result IN ('upheld', 'corrected',
		'other', 'pending')),
	filed_on    TEXT NOT NULL,
	decided_on  TEXT,
	note        TEXT NOT NULL DEFAULT '',
	created_at  TEXT NOT NULL
);
CREATE INDEX request_cases_unit ON request_cases(unit_id, filed_on);

-- The annual report's parts an office writes: sections 一, 五, 六 and the
-- figures of table 二 the platform does not hold, per unit and year; a
-- report is published once its office says so.
CREATE TABLE annual_reports (
	id           INTEGER PRIMARY KEY,
	unit_id      INTEGER NOT NULL REFERENCES units(id),
	year         INTEGER NOT NULL,
	overview     TEXT NOT NULL DEFAULT '',  -- 一、总体情况
	problems     TEXT NOT NULL DEFAULT '',  -- 五、存在的主要问题及改进情况
	other        TEXT NOT NULL DEFAULT '',  -- 六、其他需要报告的事项
	table2       TEXT NOT NULL DEFAULT '{}',    -- JSON: entered figures
	published_at TEXT,
	updated_at   TEXT NOT NULL,
	UNIQUE (unit_id, year)
);

-- Abuse control of the public form: recent submissions per address.
CREATE TABLE request_intake_log (
	ip          TEXT NOT NULL,
	at          TEXT NOT NULL
);
CREATE INDEX request_intake_log_ip ON request_intake_log(ip, at);
