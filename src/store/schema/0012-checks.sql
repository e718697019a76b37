-- 0012-checks: runs of the self-check (自查, domain/check.c) and what
-- each found, kept so that findings can be followed over time.
--
-- A run checks a scope (every unit, a region's subtree or one unit) on a
-- date; check_run_units lists every unit it covered, with that unit's
-- coverage of 二级事项 on the day, so that a unit with nothing found still
-- has its point in a chart.  A finding belongs to one unit of its run.
-- A run made without checking links (the back office's button) carries
-- over the broken-link findings of the unit's last run that did check
-- them; links_run names that run.  Kinds are the codes of enum
-- check_kind.  Depends only on 0001 (regions, units).

CREATE TABLE check_runs (
	id              INTEGER PRIMARY KEY,
	started_at      TEXT NOT NULL,          -- UTC, ISO-8601
	finished_at     TEXT NOT NULL,
	today           TEXT NOT NULL,          -- the Beijing date checked against
	scope_region    TEXT,                   -- NULL: not limited to a region
	scope_unit      INTEGER,                -- NULL: not limited to one unit
	links           INTEGER NOT NULL DEFAULT 0,     -- links checked over HTTP
	via             TEXT NOT NULL CHECK (via IN ('cli', 'web')),
	actor           TEXT NOT NULL,
	findings        INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE check_run_units (
	run_id          INTEGER NOT NULL REFERENCES check_runs(id) ON DELETE CASCADE,
	unit_id         INTEGER NOT NULL REFERENCES units(id),
	covered         INTEGER NOT NULL DEFAULT 0,     -- 二级事项 with a current record
	total           INTEGER NOT NULL DEFAULT 0,     -- 二级事项 the unit answers for
	PRIMARY KEY (run_id, unit_id)
);
CREATE INDEX check_run_units_unit ON check_run_units (unit_id, run_id);

CREATE TABLE check_findings (
	id              INTEGER PRIMARY KEY,
	run_id          INTEGER NOT NULL REFERENCES check_runs(id) ON DELETE CASCADE,
	unit_id         INTEGER NOT NULL REFERENCES units(id),
	kind            TEXT NOT NULL CHECK (kind IN ('blank', 'stale', 'overdue',
		'incomplete', 'broken_link', 'drift', 'veto')),
	code            TEXT NOT NULL DEFAULT '',       -- finer kind, e.g. 'late'
	region_code     TEXT NOT NULL DEFAULT '',
	catalog_id      INTEGER,                -- the thing found, where one is
	item_id         INTEGER,
	record_id       INTEGER,
	subject         TEXT NOT NULL DEFAULT '',       -- item path or record title
	url             TEXT NOT NULL DEFAULT '',       -- a link checked
	http_status     INTEGER NOT NULL DEFAULT 0,
	seconds         REAL NOT NULL DEFAULT 0,        -- how long the link took
	text            TEXT NOT NULL,          -- Chinese, with the figure
	fix             TEXT NOT NULL DEFAULT '',       -- back-office path
	links_run       INTEGER                 -- carried over from this run
);
CREATE INDEX check_findings_run ON check_findings (run_id, unit_id);
