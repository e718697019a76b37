-- 0008-search-fast: what searches need to be fast at a million records.
--
-- search_fts gains a fourth column, tags: what searches filter on (region
-- and its parents, domain, year, unit), one token each (tokenizer.h,
-- "Tags"), so that a filtered search intersects posting lists instead of
-- walking every match of its words.  The table is created anew and the
-- store rebuilds the index after this migration (sqlite.c).
--
-- Searches keep a copy of search_docs in memory per connection
-- (sqlite-search-docs.c) and catch up before each search: search_seq.n is
-- raised by every change of the index, each search_docs row carries the n
-- of its last change, search_gone the n at which a row left, and
-- search_seq.epoch is raised by a rebuild (the copy is then read anew).

DROP TABLE search_fts;
CREATE VIRTUAL TABLE search_fts USING fts5(
	title, body, meta, tags,
	tokenize = 'gk_cjk'
);
DELETE FROM search_docs;

ALTER TABLE search_docs ADD COLUMN seq INTEGER NOT NULL DEFAULT 0;
CREATE INDEX search_docs_seq ON search_docs(seq);

CREATE TABLE search_gone (
	fts_rowid INTEGER PRIMARY KEY,
	seq       INTEGER NOT NULL
);
CREATE INDEX search_gone_seq ON search_gone(seq);

CREATE TABLE search_seq (
	id    INTEGER PRIMARY KEY CHECK (id = 1),
	n     INTEGER NOT NULL,
	epoch INTEGER NOT NULL
);
INSERT INTO search_seq (id, n, epoch) VALUES (1, 0, 0);
