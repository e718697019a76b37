-- 0007-search: the full-text index of records and catalog items.
--
-- search_fts is an FTS5 table tokenized by gk_cjk (src/search/tokenizer.c:
-- every character a unigram, with the bigram of it and the next character
-- at the same position, so any substring is found exactly).  Its rowid is
-- 2 × record id for a record and 2 × item id + 1 for a catalog item.
-- search_docs carries, per row, what searches filter and facet on.  The
-- store keeps both in step with every write (sqlite-search.c).  FTS5 is
-- SQLite's; PostgreSQL will use its own text search with the same rules.

CREATE VIRTUAL TABLE search_fts USING fts5(
	title, body, meta,
	tokenize = 'gk_cjk'
);

CREATE TABLE search_docs (
	fts_rowid   INTEGER PRIMARY KEY,    -- search_fts.rowid
	kind        TEXT NOT NULL CHECK (kind IN ('record', 'item')),
	ref_id      INTEGER NOT NULL,       -- records.id or items.id
	region_code TEXT NOT NULL,
	domain_id   INTEGER,
	unit_id     INTEGER,                -- records only
	lineage     TEXT,                   -- the item's lineage
	year        INTEGER,                -- 发布日期's year (records)
	validity    TEXT,                   -- records: valid, expired, repealed
	public      INTEGER NOT NULL,       -- what the public column may show
	day         TEXT NOT NULL DEFAULT '',  -- 发布日期, for sorting by date
	title       TEXT NOT NULL
);
CREATE INDEX search_docs_public ON search_docs(public, region_code);
CREATE INDEX search_docs_unit ON search_docs(unit_id);
