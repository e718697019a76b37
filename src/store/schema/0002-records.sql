-- 0002-records: disclosed records (公开信息) under catalog items, their
-- attachments, region map outlines, per-region site settings and the
-- editable column pages (公开指南 …).  Portable SQL, as 0001.

ALTER TABLE regions ADD COLUMN geometry TEXT;  -- GeoJSON geometry, NULL if none

-- A record is published by a unit under a catalog item.  It is attached to
-- the item's lineage inside the unit's region, so it stays under the item
-- when the region's catalog gets a new version; item_id remembers the exact
-- item it was filed under.
CREATE TABLE records (
	id            INTEGER PRIMARY KEY,
	region_code   TEXT NOT NULL REFERENCES regions(code),
	domain_id     INTEGER NOT NULL REFERENCES domains(id),
	lineage       TEXT NOT NULL,        -- the item's lineage
	item_id       INTEGER REFERENCES items(id) ON DELETE SET NULL,
	unit_id       INTEGER NOT NULL REFERENCES units(id),
	title         TEXT NOT NULL,
	index_no      TEXT NOT NULL UNIQUE, -- 索引号
	doc_no        TEXT NOT NULL DEFAULT '',          -- 文号
	publisher     TEXT NOT NULL DEFAULT '',          -- 发布机构
	written_on    TEXT NOT NULL DEFAULT '',          -- 成文日期 YYYY-MM-DD
	published_on  TEXT NOT NULL DEFAULT '',          -- 发布日期 YYYY-MM-DD
	validity      TEXT NOT NULL DEFAULT 'valid'      -- 有效性
	              CHECK (validity IN ('valid','expired','repealed')),
	topic         TEXT NOT NULL DEFAULT '',          -- 主题分类
	disclosure    TEXT NOT NULL DEFAULT 'active'     -- 公开属性
	              CHECK (disclosure IN ('active','on_request','none')),
	legal_ground  TEXT NOT NULL DEFAULT '',          -- when not 主动公开
	-- values of the item's 公开内容要素: a JSON array of {"e": element, "v": value}
	elements      TEXT NOT NULL DEFAULT '[]',
	body_md       TEXT NOT NULL DEFAULT '',          -- Markdown
	status        TEXT NOT NULL DEFAULT 'draft',     -- draft, published, withdrawn
	created_at    TEXT NOT NULL,
	updated_at    TEXT NOT NULL
);
-- lists are filtered by where and what, then by what the public may see,
-- and shown newest first
CREATE INDEX records_item ON records(region_code, lineage, status, disclosure,
                                     published_on);
CREATE INDEX records_region ON records(region_code, status, disclosure,
                                       published_on);
CREATE INDEX records_domain ON records(region_code, domain_id, status,
                                       disclosure, published_on);
CREATE INDEX records_unit ON records(unit_id);
CREATE INDEX records_public ON records(status, disclosure, published_on);

-- File contents, stored once by SHA-256 (hex).
CREATE TABLE blobs (
	sha256 TEXT PRIMARY KEY,
	size   INTEGER NOT NULL,
	data   BLOB NOT NULL
);

CREATE TABLE attachments (
	id        INTEGER PRIMARY KEY,
	record_id INTEGER NOT NULL REFERENCES records(id) ON DELETE CASCADE,
	seq       INTEGER NOT NULL,
	name      TEXT NOT NULL,            -- file name shown and downloaded
	mime      TEXT NOT NULL,
	sha256    TEXT NOT NULL REFERENCES blobs(sha256),
	size      INTEGER NOT NULL
);
CREATE INDEX attachments_record ON attachments(record_id, seq);

-- Site settings of a region's column (title, banner, footer lines, the
-- online service hall); a region without a key inherits its parent's.
CREATE TABLE site_settings (
	region_code TEXT NOT NULL REFERENCES regions(code),
	key         TEXT NOT NULL,
	value       TEXT NOT NULL,
	PRIMARY KEY (region_code, key)
);

-- Pages an office writes: 公开指南, 公开制度, 法定主动公开内容, 公开年报.
CREATE TABLE column_pages (
	region_code TEXT NOT NULL REFERENCES regions(code),
	slug        TEXT NOT NULL,          -- guide, rules, statutory, reports
	title       TEXT NOT NULL,
	body_md     TEXT NOT NULL,
	updated_at  TEXT NOT NULL,
	PRIMARY KEY (region_code, slug)
);
