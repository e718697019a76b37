/* fuzz-search-query.c: libFuzzer target for the search box's grammar
 * (search/query.c) and synonym expansion (search/synonyms.c).
 *
 * The input is what a citizen typed, any bytes.  Parsing either refuses
 * with a message and no group, or yields at most SEARCH_QUERY_MAX_TERMS
 * terms that are non-empty, valid UTF-8 without control characters, and a
 * MATCH string that FTS5 prepares and runs without error on two in-memory
 * tables: one with the default unicode61 tokenizer, one with gk_cjk, the
 * tokenizer the site uses.  The same holds after synonym expansion (a
 * small list built in), which adds at most SYNONYMS_EXPAND_MAX forms.
 */
#include <sqlite3.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "search/query.h"
#include "search/synonyms.h"
#include "search/tokenizer.h"
#include "util/arena.h"
#include "util/errors.h"
#include "util/utf8.h"

#define FAIL(...) do { \
	fprintf(stderr, "fuzz-search-query: " __VA_ARGS__); \
	fprintf(stderr, "\n"); \
	abort(); \
} while (0)

static const char synonyms_csv[] =
	"词,同义词\n"
	"低保,最低生活保障\n"
	"五保,五保供养,特困人员救助供养,特困供养\n"
	"医保,医疗保险\n"
	"a,b,c,d,e,f,g,h\n"
	"OR1,x:y,(z)*,NEAR(a\n";

static sqlite3 *db[2];
static struct synonyms syn = SYNONYMS_INIT;

static sqlite3 *open_db(int cjk)
{
	static const char *const rows[] = {
		"最低生活保障 申请 a b c", "低保，五保 \"x\"y (z) x:y",
		"and or not near", NULL,
	};
	sqlite3 *d;
	sqlite3_stmt *st;

	if (sqlite3_open(":memory:", &d) != SQLITE_OK)
		FAIL("cannot open :memory:");
	if (cjk && search_tokenizer_register(d))
		FAIL("cannot register gk_cjk: %s", sqlite3_errmsg(d));
	if (sqlite3_exec(d, cjk ?
			 "CREATE VIRTUAL TABLE t USING fts5(x, tokenize='gk_cjk')" :
			 "CREATE VIRTUAL TABLE t USING fts5(x)",
			 NULL, NULL, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(d, "INSERT INTO t(x) VALUES (?)", -1, &st,
			       NULL) != SQLITE_OK)
		FAIL("cannot create table: %s", sqlite3_errmsg(d));
	for (int i = 0; rows[i]; i++) {
		sqlite3_bind_text(st, 1, rows[i], -1, SQLITE_STATIC);
		if (sqlite3_step(st) != SQLITE_DONE)
			FAIL("cannot insert: %s", sqlite3_errmsg(d));
		sqlite3_reset(st);
	}
	sqlite3_finalize(st);
	return d;
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	struct errors err = ERRORS_INIT;

	(void)argc;
	(void)argv;
	db[0] = open_db(0);
	db[1] = open_db(1);
	if (synonyms_load(&syn, synonyms_csv, sizeof(synonyms_csv) - 1,
			  "fuzz", &err) < 0)
		FAIL("built-in synonyms refused: %s", err.n ? err.msg[0] : "");
	errors_release(&err);
	return 0;
}

static void check_text(const char *what, const char *s)
{
	const char *p = s;

	if (!s || !*s)
		FAIL("empty %s", what);
	if (!utf8_valid(s, strlen(s)))
		FAIL("%s is not UTF-8", what);
	while (*p) {
		uint32_t cp = utf8_next(&p);
		if (cp < 0x20 || (cp >= 0x7f && cp <= 0x9f))
			FAIL("control character U+%04X in %s", (unsigned)cp,
			     what);
	}
}

static void check_match(const char *match)
{
	for (int i = 0; i < 2; i++) {
		sqlite3_stmt *st;
		int rc;

		if (sqlite3_prepare_v2(db[i], "SELECT rowid, highlight(t, 0, "
				       "'[', ']') FROM t WHERE t MATCH ?", -1,
				       &st, NULL) != SQLITE_OK)
			FAIL("prepare: %s", sqlite3_errmsg(db[i]));
		sqlite3_bind_text(st, 1, match, -1, SQLITE_STATIC);
		while ((rc = sqlite3_step(st)) == SQLITE_ROW)
			;
		if (rc != SQLITE_DONE)
			FAIL("%s refused %s: %s", i ? "gk_cjk" : "unicode61",
			     match, sqlite3_errmsg(db[i]));
		sqlite3_finalize(st);
	}
}

static void check_query(const struct search_query *q, struct arena *a,
			size_t max_terms)
{
	const struct search_term **terms;
	size_t n = q->nexcluded, nt;

	if (!q->ngroups)
		FAIL("no group");
	for (size_t g = 0; g < q->ngroups; g++) {
		if (!q->groups[g].n)
			FAIL("empty group");
		for (size_t i = 0; i < q->groups[g].n; i++) {
			const struct search_term *t = &q->groups[g].alt[i];
			check_text("term", t->text);
			if (!search_query_is_searchable(t->text,
							strlen(t->text)))
				FAIL("unsearchable term \"%s\"", t->text);
			if (t->synonym_of)
				check_text("synonym_of", t->synonym_of);
			n++;
		}
	}
	for (size_t i = 0; i < q->nexcluded; i++) {
		const char *t = q->excluded[i].text;
		check_text("excluded term", t);
		if (!search_query_is_searchable(t, strlen(t)))
			FAIL("unsearchable excluded term \"%s\"", t);
	}
	if (n > max_terms)
		FAIL("%zu terms, at most %zu allowed", n, max_terms);
	if (q->nnotes > SEARCH_QUERY_MAX_NOTES)
		FAIL("too many notes");
	for (size_t i = 0; i < q->nnotes; i++)
		check_text("note", q->notes[i]);
	terms = search_query_terms(q, a, &nt);
	if (!terms || terms[nt] || !nt)
		FAIL("search_query_terms");
	check_match(search_query_fts(q, a));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena a = ARENA_INIT;
	struct errors err = ERRORS_INIT;
	struct search_query q;
	size_t added;

	if (search_query_parse((const char *)data, size, &a, &q, &err) == 0) {
		if (errors_count(&err))
			FAIL("accepted with an error");
		check_query(&q, &a, SEARCH_QUERY_MAX_TERMS);
		added = synonyms_expand(&syn, &q, &a);
		if (added > SYNONYMS_EXPAND_MAX)
			FAIL("%zu synonyms added", added);
		check_query(&q, &a, SEARCH_QUERY_MAX_TERMS + SYNONYMS_EXPAND_MAX);
		if (synonyms_expand(&syn, &q, &a))
			FAIL("second expansion added forms");
	} else {
		if (errors_count(&err) != 1 || !err.msg[0][0])
			FAIL("refused without one message");
		check_text("message", err.msg[0]);
		if (q.ngroups || search_query_fts(&q, &a))
			FAIL("refused with groups");
	}
	errors_release(&err);
	arena_release(&a);
	return 0;
}
