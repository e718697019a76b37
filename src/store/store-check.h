/* store-check.h: runs of the self-check (自查) and their findings (part of
 * store.h; implemented in sqlite-check.c; the tables are
 * schema/0012-checks.sql)
 *
 * The store keeps what a run found; what to look for and how it is
 * described are domain/check.c's.  Kinds are kept as the text codes of
 * the schema ('blank', 'stale', …) so that exports and another store read
 * the same.
 */
#ifndef GK_STORE_CHECK_H
#define GK_STORE_CHECK_H

/* One run.  Strings are never NULL once read. */
struct check_run_row {
	int64_t id;
	const char *started_at, *finished_at;	/* UTC text */
	const char *today;		/* the date checked against */
	const char *scope_region;	/* "" when not limited to a region */
	int64_t scope_unit;		/* 0 when not limited to one unit */
	bool links;			/* links were checked over HTTP */
	const char *via;		/* "cli" or "web" */
	const char *actor;
	int64_t findings;
};

/* One finding.  Ids are 0 where the finding names no such thing. */
struct check_finding {
	const char *kind;		/* code of enum check_kind */
	const char *code;		/* finer kind ("late", "publisher"…), "" */
	int64_t unit_id;
	const char *unit_name;		/* filled when read */
	const char *region_code;
	int64_t catalog_id, item_id, record_id;
	const char *subject;		/* item path or record title */
	const char *url;		/* a link checked, "" */
	int http_status;		/* its last HTTP status, 0 if none */
	double seconds;			/* how long it took */
	const char *text;		/* Chinese, with the figure behind it */
	const char *fix;		/* back-office path that fixes it, "" */
	int64_t run_id;			/* when read */
	int64_t links_run;		/* carried over from this run, 0 */
};

/* A unit as a run saw it. */
struct check_run_unit {
	int64_t run_id;
	int64_t unit_id;
	const char *unit_name, *region_code;	/* filled when read */
	int covered, total;		/* 二级事项 with a current record / all */
	const char *at;			/* the run's finished_at, when read */
	const char *today;		/* the run's date, when read */
	bool links;			/* the run checked links */
};

/* Findings of one kind counted for one run. */
struct check_kind_count {
	int64_t run_id;
	const char *kind;
	int64_t count;
};

/* The Markdown body of a record that may hold links. */
struct check_body {
	int64_t record_id;
	const char *body_md;
};
/* Bodies of the published records of region 'region' (that region only,
 * not in the recycle bin) that contain "http", by record id. */
enum store_rc store_check_record_bodies(struct store *s, const char *region,
					struct arena *a,
					struct check_body **out, size_t *n);

/* Write a run (r->id set) with its units and findings in one
 * transaction.  STORE_ERROR with a message in 'err'. */
enum store_rc store_check_save(struct store *s, struct check_run_row *r,
			       const struct check_run_unit *units,
			       size_t nunits, const struct check_finding *f,
			       size_t nf, struct errors *err);
enum store_rc store_check_run_get(struct store *s, int64_t id,
				  struct arena *a, struct check_run_row *out);
/* The newest run that covered 'unit_id' and checked links: 0 if none. */
int64_t store_check_last_links_run(struct store *s, int64_t unit_id);
/* Findings of run 'run_id' for unit 'unit_id' (0: every unit), of kind
 * 'kind' (NULL: every kind), in the order they were found. */
enum store_rc store_check_findings(struct store *s, int64_t run_id,
				   int64_t unit_id, const char *kind,
				   struct arena *a, struct check_finding **out,
				   size_t *n);
/* For every unit of region 'region' and its subtree (NULL: every unit),
 * or only unit 'unit_id' (non-zero), that a run has covered: the newest
 * such run (by id), by region then unit name. */
enum store_rc store_check_latest_units(struct store *s, const char *region,
				       int64_t unit_id, struct arena *a,
				       struct check_run_unit **out, size_t *n);
/* The findings of those newest runs, by region, unit, then as found. */
enum store_rc store_check_latest_findings(struct store *s,
					  const char *region, int64_t unit_id,
					  struct arena *a,
					  struct check_finding **out,
					  size_t *n);
/* Every run that covered a unit of 'region' (subtree; NULL: any) or
 * unit 'unit_id' (non-zero), oldest first, in *runs; and their findings
 * among those units counted by kind, one row per run and kind found (a
 * run that found nothing there has no row), in *out. */
enum store_rc store_check_counts(struct store *s, const char *region,
				 int64_t unit_id, struct arena *a,
				 struct check_run_row **runs, size_t *nruns,
				 struct check_kind_count **out, size_t *n);

#endif
