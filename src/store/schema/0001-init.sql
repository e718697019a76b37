-- 0001-init: regions, units, domains, standard catalogs and their items.
-- Portable SQL (SQLite now, PostgreSQL later): no engine-specific types or
-- functions; booleans are 0/1 integers; times are ISO-8601 UTC text.

CREATE TABLE regions (
	code        TEXT PRIMARY KEY,       -- 行政区划代码 (6, 9 or 12 digits)
	name        TEXT NOT NULL,
	level       TEXT NOT NULL CHECK (level IN ('省','市','县','乡','村')),
	parent_code TEXT REFERENCES regions(code)
);
CREATE INDEX regions_parent ON regions(parent_code);

CREATE TABLE units (
	id          INTEGER PRIMARY KEY,
	name        TEXT NOT NULL,
	kind        TEXT NOT NULL,          -- 人民政府, 政府部门, 街道办事处, ...
	region_code TEXT NOT NULL REFERENCES regions(code),
	credit_code TEXT UNIQUE,            -- 统一社会信用代码, optional
	UNIQUE (region_code, name)
);

CREATE TABLE domains (
	id          INTEGER PRIMARY KEY,
	code        TEXT NOT NULL UNIQUE,   -- stable: 'shjz' for 社会救助
	name        TEXT NOT NULL UNIQUE,
	sort        INTEGER NOT NULL,
	department  TEXT NOT NULL DEFAULT ''
);

CREATE TABLE catalogs (
	id            INTEGER PRIMARY KEY,
	region_code   TEXT NOT NULL REFERENCES regions(code),
	domain_id     INTEGER NOT NULL REFERENCES domains(id),
	version_label TEXT NOT NULL,        -- 2020版, 2021版
	status        TEXT NOT NULL CHECK (status IN
	                ('draft','submitted','approved','published')),
	parent_id     INTEGER REFERENCES catalogs(id),   -- derived from
	previous_id   INTEGER REFERENCES catalogs(id),   -- earlier version
	author        TEXT NOT NULL,
	source        TEXT NOT NULL DEFAULT '',          -- file it came from
	review_note   TEXT NOT NULL DEFAULT '',          -- last rejection reason
	created_at    TEXT NOT NULL,
	updated_at    TEXT NOT NULL,
	submitted_at  TEXT,
	approved_at   TEXT,
	published_at  TEXT,
	UNIQUE (region_code, domain_id, version_label)
);
CREATE INDEX catalogs_parent ON catalogs(parent_id);

-- One row per node of the item tree: 一级 (level 1), 二级, 三级.  Group
-- nodes carry only a name; leaves carry the standard columns.  Elements and
-- channels are small ordered lists always read with their item, so they are
-- kept in the row as JSON text (portable; jsonb on PostgreSQL).
CREATE TABLE items (
	id            INTEGER PRIMARY KEY,
	catalog_id    INTEGER NOT NULL REFERENCES catalogs(id) ON DELETE CASCADE,
	parent_item   INTEGER REFERENCES items(id) ON DELETE CASCADE,
	level         INTEGER NOT NULL CHECK (level BETWEEN 1 AND 3),
	seq           INTEGER NOT NULL,     -- order within the catalog
	lineage       TEXT NOT NULL,        -- same across derivations and versions
	origin_item   INTEGER REFERENCES items(id),      -- parent catalog's item
	local_reason  TEXT,                 -- set for a local addition
	name          TEXT NOT NULL,
	item_type     TEXT NOT NULL DEFAULT '',          -- 政务服务事项 / 非政务服务事项
	service_name  TEXT NOT NULL DEFAULT '',          -- 对应本级政务服务事项名称
	basis         TEXT NOT NULL DEFAULT '',          -- 公开依据
	time_limit    TEXT NOT NULL DEFAULT '',          -- 公开时限 as written
	tl_kind       TEXT NOT NULL DEFAULT '',          -- parsed rule, see timelimit.h
	tl_days       INTEGER NOT NULL DEFAULT 0,
	tl_workdays   INTEGER NOT NULL DEFAULT 0,
	tl_anchor     TEXT NOT NULL DEFAULT '',
	tl_notice     INTEGER NOT NULL DEFAULT 0,
	subject       TEXT NOT NULL DEFAULT '',          -- 公开主体
	audience      INTEGER NOT NULL DEFAULT 0,        -- bits: 1 全社会, 2 特定群体
	mode          INTEGER NOT NULL DEFAULT 0,        -- bits: 1 主动, 2 依申请
	levels        INTEGER NOT NULL DEFAULT 0,        -- bits: 1 市 2 县 4 乡 8 村
	note          TEXT NOT NULL DEFAULT '',          -- 备注
	service_url   TEXT NOT NULL DEFAULT '',          -- 我要办 link, if any
	-- 公开内容（要素）, a JSON array of {"t": text, "r": required (● / 〇)}
	elements      TEXT NOT NULL DEFAULT '[]',
	-- 公开渠道和载体, a JSON array of {"s": standard channel 1..13 or 0,
	-- "n": name, "r": required (■ / □)}
	channels      TEXT NOT NULL DEFAULT '[]'
);
CREATE INDEX items_catalog ON items(catalog_id, seq);
CREATE INDEX items_origin ON items(origin_item);

-- Review history of catalogs: every state change with who and why.
CREATE TABLE catalog_events (
	id         INTEGER PRIMARY KEY,
	catalog_id INTEGER NOT NULL REFERENCES catalogs(id) ON DELETE CASCADE,
	at         TEXT NOT NULL,
	actor      TEXT NOT NULL,
	action     TEXT NOT NULL,
	detail     TEXT NOT NULL DEFAULT ''
);
CREATE INDEX catalog_events_catalog ON catalog_events(catalog_id);
