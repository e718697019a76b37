/* search-driver.c: bench/search's in-process timer of gongkai's search
 *
 * Runs search_run() — what /api/v1/search does: parse, synonyms, FTS5
 * MATCH with the filters, the total, the top hits with snippets and the
 * facet counts (region, domain, unit, year) — on a read-only store, as the
 * server's threads open it, for each query of a file, and prints the time
 * of each run in microseconds.  No HTTP, no JSON: the search alone.
 *
 * usage: search-driver DB QUERIES [REPEAT [WARMUP [BUDGET]]]
 *   QUERIES  one query a line, tab-separated:
 *            CLASS <tab> QUERY <tab> REGION <tab> DOMAIN <tab> YEAR
 *            (REGION, DOMAIN, YEAR may be empty: no filter; DOMAIN is a
 *            code such as shjz; YEAR filters 发布日期's year as the API's
 *            year= does)
 *   REPEAT   measured runs of each query (default 20)
 *   WARMUP   runs before them, not measured (default 1)
 *   BUDGET   seconds: a query stops repeating once its measured runs
 *            took that long, after at least 3 (default 0: no limit)
 * Output: one line per measured run,  CLASS <tab> N <tab> MICROSECONDS <tab>
 * TOTAL <tab> HITS, where N is the query's line number; errors go to
 * stderr and the exit status is 1 if any query failed.
 *
 * Built by `make build/rel/bench/search-driver` from the release objects.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "domain/search.h"
#include "store/store.h"
#include "util/arena.h"
#include "util/errors.h"

static double now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e6 + ts.tv_nsec / 1e3;
}

/* Split 'line' at tabs into at most 'max' fields; returns their number. */
static int split(char *line, char **f, int max)
{
	int n = 0;

	f[n++] = line;
	for (char *p = line; *p && n < max; p++)
		if (*p == '\t') {
			*p = '\0';
			f[n++] = p + 1;
		}
	return n;
}

int main(int argc, char **argv)
{
	struct errors err = ERRORS_INIT;
	struct store *s;
	FILE *in;
	char line[4096];
	int repeat = argc > 3 ? atoi(argv[3]) : 20;
	int warmup = argc > 4 ? atoi(argv[4]) : 1;
	double budget = argc > 5 ? atof(argv[5]) * 1e6 : 0;
	int lineno = 0, failed = 0;

	if (argc < 3 || repeat < 1 || warmup < 0) {
		fprintf(stderr, "usage: search-driver DB QUERIES [REPEAT [WARMUP "
			"[BUDGET]]]\n");
		return 2;
	}
	s = store_open(argv[1], STORE_OPEN_READONLY, &err);
	if (!s) {
		errors_print(&err, stderr);
		return 1;
	}
	in = fopen(argv[2], "r");
	if (!in) {
		perror(argv[2]);
		store_close(s);
		return 1;
	}
	while (fgets(line, sizeof(line), in)) {
		char *f[5] = { NULL };
		int nf;
		size_t len = strlen(line);
		struct search_params p = { 0 };
		struct arena da = ARENA_INIT;

		lineno++;
		while (len && (line[len - 1] == '\n' || line[len - 1] == '\r'))
			line[--len] = '\0';
		if (!len || line[0] == '#')
			continue;
		nf = split(line, f, 5);
		if (nf < 2) {
			fprintf(stderr, "line %d: CLASS<tab>QUERY expected\n", lineno);
			failed = 1;
			continue;
		}
		/* the same parameters as /api/v1/search */
		p.public_only = true;
		p.validity = -1;
		p.kind = SEARCH_ANY;
		p.order = SEARCH_BY_RELEVANCE;
		p.limit = 20;
		p.region = nf > 2 && *f[2] ? f[2] : NULL;
		if (nf > 3 && *f[3]) {
			struct domain d;

			if (store_domain_find(s, f[3], &da, &d) != STORE_OK) {
				fprintf(stderr, "line %d: no domain %s\n", lineno, f[3]);
				failed = 1;
				arena_release(&da);
				continue;
			}
			p.domain_id = d.id;
		}
		if (nf > 4 && *f[4])
			p.year_from = p.year_to = atoi(f[4]);
		double spent = 0;

		for (int run = 0; run < warmup + repeat; run++) {
			struct search_request req = { 0 };
			struct search_result res;
			struct arena a = ARENA_INIT;
			double t0, t1;
			int rc;

			req.q = f[1];
			req.qlen = strlen(f[1]);
			req.p = p;
			t0 = now_us();
			rc = search_run(s, &req, &a, &res, &err);
			t1 = now_us();
			if (rc) {
				fprintf(stderr, "line %d (%s): ", lineno, f[1]);
				errors_print(&err, stderr);
				errors_release(&err);
				errors_init(&err);
				failed = 1;
				arena_release(&a);
				break;
			}
			arena_release(&a);
			if (run < warmup)
				continue;
			printf("%s\t%d\t%.1f\t%lld\t%zu\n", f[0], lineno, t1 - t0,
			       (long long)res.total, res.n);
			spent += t1 - t0;
			if (budget > 0 && spent > budget && run - warmup + 1 >= 3)
				break;
		}
		fflush(stdout);
		arena_release(&da);
	}
	fclose(in);
	store_close(s);
	errors_release(&err);
	return failed;
}
