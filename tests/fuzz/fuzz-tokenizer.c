/* fuzz-tokenizer.c: libFuzzer target for the gk_cjk FTS5 tokenizer
 *
 * The input is tokenized as a document and as a query, directly.  Every
 * token must be 1 to 8 bytes of UTF-8 holding one or two characters (or be
 * the break token), taken from inside the input (start < end <= size).  In
 * a document, the tokens of successive positions never overlap and a
 * colocated token is the bigram starting with the unigram before it; a
 * query has one token per position, none colocated, and there must be as
 * many positions as in the document, each query token among the
 * document's tokens at the same position and start: a text always finds
 * itself.  Break tokens are never first, last or doubled.
 *
 * Then the input (up to its first NUL, as SQL text) goes through an
 * in-memory FTS5 table: inserted, searched as a quoted string (it must
 * find its row when its query has tokens), highlighted, and searched
 * unquoted as an FTS5 expression (which may be refused, never crash).
 */
#include <sqlite3.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "search/tokenizer.h"
#include "util/buf.h"
#include "util/utf8.h"

#define FAIL(...) do { \
	fprintf(stderr, "fuzz-tokenizer: " __VA_ARGS__); \
	fprintf(stderr, "\n"); \
	abort(); \
} while (0)

struct token {
	char text[8];
	int n, flags, start, end;
};

struct stream {
	struct token *t;
	size_t n, alloc;
	int size;		/* of the input */
};

static int collect(void *ctx, int flags, const char *tok, int ntok,
		   int start, int end)
{
	struct stream *s = ctx;
	struct token *t;

	if (ntok < 1 || ntok > 8)
		FAIL("token of %d bytes", ntok);
	if (start < 0 || end > s->size || start >= end)
		FAIL("token at %d-%d of %d bytes", start, end, s->size);
	if (flags & ~SEARCH_TOKEN_COLOCATED)
		FAIL("flags %d", flags);
	if (s->n == s->alloc) {
		s->alloc = s->alloc ? 2 * s->alloc : 64;
		s->t = realloc(s->t, s->alloc * sizeof(*s->t));
		if (!s->t)
			abort();
	}
	t = &s->t[s->n++];
	memcpy(t->text, tok, (size_t)ntok);
	t->n = ntok;
	t->flags = flags;
	t->start = start;
	t->end = end;
	return 0;
}

static int is_break(const struct token *t)
{
	return t->n == (int)strlen(SEARCH_TOKEN_BREAK) &&
	       !memcmp(t->text, SEARCH_TOKEN_BREAK, (size_t)t->n);
}

/* Characters in a token's text (which must be UTF-8). */
static size_t chars(const struct token *t)
{
	char s[9];

	if (!utf8_valid(t->text, (size_t)t->n))
		FAIL("token is not UTF-8");
	memcpy(s, t->text, (size_t)t->n);
	s[t->n] = '\0';
	return utf8_len(s);
}

/* Checks common to both modes: text, breaks.  Returns the number of
 * positions. */
static size_t check_common(const struct stream *s)
{
	size_t pos = 0;

	for (size_t i = 0; i < s->n; i++) {
		const struct token *t = &s->t[i];

		if (!(t->flags & SEARCH_TOKEN_COLOCATED))
			pos++;
		if (is_break(t)) {
			if (t->flags || !i || i == s->n - 1 ||
			    is_break(&s->t[i - 1]))
				FAIL("break token %zu of %zu misplaced", i,
				     s->n);
			continue;
		}
		if (chars(t) < 1 || chars(t) > 2)
			FAIL("token %zu has %zu characters", i, chars(t));
	}
	return pos;
}

static void check_document(const struct stream *s)
{
	const struct token *prev = NULL;	/* last non-colocated token */

	for (size_t i = 0; i < s->n; i++) {
		const struct token *t = &s->t[i];

		if (t->flags & SEARCH_TOKEN_COLOCATED) {
			if (!prev || is_break(prev) || chars(prev) != 1 ||
			    chars(t) != 2 || t->start != prev->start ||
			    t->end <= prev->end ||
			    memcmp(t->text, prev->text, (size_t)prev->n))
				FAIL("colocated token %zu", i);
			continue;
		}
		if (!is_break(t) && chars(t) != 1)
			FAIL("document token %zu is not a unigram", i);
		if (prev && t->start < prev->end)
			FAIL("token %zu at %d overlaps %d-%d", i, t->start,
			     prev->start, prev->end);
		prev = t;
	}
}

static void check_query(const struct stream *q, const struct stream *d)
{
	size_t j = 0;		/* the document's token at q's position */

	for (size_t i = 0; i < q->n; i++) {
		const struct token *t = &q->t[i];
		int found = 0;

		if (t->flags)
			FAIL("colocated token %zu in a query", i);
		if (i && t->start <= q->t[i - 1].start)
			FAIL("query token %zu does not advance", i);
		if (j >= d->n || d->t[j].start != t->start)
			FAIL("query token %zu at %d: no document position",
			     i, t->start);
		do {
			if (d->t[j].n == t->n &&
			    !memcmp(d->t[j].text, t->text, (size_t)t->n))
				found = 1;
			j++;
		} while (j < d->n && (d->t[j].flags & SEARCH_TOKEN_COLOCATED));
		if (!found)
			FAIL("query token %zu not in the document", i);
	}
	if (j != d->n)
		FAIL("the document has positions the query lacks");
}

static sqlite3 *db;	/* one table, emptied for each input */
static sqlite3_stmt *st_del, *st_ins, *st_find, *st_raw;

static void db_open(void)
{
	if (sqlite3_open(":memory:", &db) != SQLITE_OK ||
	    search_tokenizer_register(db) != 0 ||
	    sqlite3_exec(db, "CREATE VIRTUAL TABLE t USING fts5(x, "
			 "tokenize = 'gk_cjk')", NULL, NULL, NULL) !=
	    SQLITE_OK ||
	    sqlite3_prepare_v2(db, "DELETE FROM t", -1, &st_del, NULL) ||
	    sqlite3_prepare_v2(db, "INSERT INTO t (rowid, x) VALUES (1, ?)",
			       -1, &st_ins, NULL) ||
	    sqlite3_prepare_v2(db, "SELECT rowid, highlight(t, 0, '[', ']') "
			       "FROM t WHERE t MATCH ?", -1, &st_find, NULL) ||
	    sqlite3_prepare_v2(db, "SELECT snippet(t, 0, '[', ']', '…', 8) "
			       "FROM t WHERE t MATCH ?", -1, &st_raw, NULL))
		FAIL("setting up: %s", db ? sqlite3_errmsg(db) : "?");
}

static void through_fts5(const char *text, size_t n, size_t qtokens)
{
	struct buf q = BUF_INIT;
	int rc;

	sqlite3_reset(st_del);
	if (sqlite3_step(st_del) != SQLITE_DONE)
		FAIL("delete: %s", sqlite3_errmsg(db));
	sqlite3_reset(st_ins);
	sqlite3_bind_text(st_ins, 1, text, (int)n, SQLITE_STATIC);
	if (sqlite3_step(st_ins) != SQLITE_DONE)
		FAIL("insert: %s", sqlite3_errmsg(db));

	search_tokenizer_quote(&q, text);
	sqlite3_reset(st_find);
	sqlite3_bind_text(st_find, 1, q.buf, (int)q.len, SQLITE_STATIC);
	rc = sqlite3_step(st_find);
	if (qtokens && rc != SQLITE_ROW)
		FAIL("the text does not find itself (%d: %s)", rc,
		     sqlite3_errmsg(db));
	if (rc == SQLITE_ROW && !sqlite3_column_text(st_find, 1))
		FAIL("no highlight");
	while (rc == SQLITE_ROW)
		rc = sqlite3_step(st_find);
	if (rc != SQLITE_DONE)
		FAIL("quoted search: %s", sqlite3_errmsg(db));
	sqlite3_reset(st_find);
	buf_release(&q);

	/* the input as an FTS5 expression: an error is fine */
	sqlite3_reset(st_raw);
	sqlite3_bind_text(st_raw, 1, text, (int)n, SQLITE_STATIC);
	while (sqlite3_step(st_raw) == SQLITE_ROW)
		;
	sqlite3_reset(st_raw);
}

/* Text that starts with SEARCH_TAGS_MARK: its words, as they are, in
 * both modes (tokenizer.h, "Tags"). */
static int collect_tag(void *ctx, int flags, const char *tok, int ntok,
		       int start, int end)
{
	const char *text = ctx;

	if (flags || ntok < 1 || start < 1 || end - start != ntok ||
	    tok != text + start || memchr(tok, ' ', (size_t)ntok))
		FAIL("tag token %d bytes at %d-%d, flags %d", ntok, start, end,
		     flags);
	return 0;
}

static void check_tags(const char *text, size_t size)
{
	if (search_tokenize(text, (int)size, SEARCH_TOKENIZE_DOCUMENT,
			    collect_tag, (void *)text) ||
	    search_tokenize(text, (int)size, SEARCH_TOKENIZE_QUERY,
			    collect_tag, (void *)text))
		FAIL("tokenizing tags failed");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct stream d = { 0 }, q = { 0 };
	const char *text = (const char *)data;
	size_t dpos, qpos, n;

	if (size > 1 << 20)
		return 0;
	if (!db)
		db_open();
	if (size > 0 && text[0] == SEARCH_TAGS_MARK) {
		check_tags(text, size);
		return 0;
	}
	d.size = q.size = (int)size;
	if (search_tokenize(text, (int)size, SEARCH_TOKENIZE_DOCUMENT,
			    collect, &d) ||
	    search_tokenize(text, (int)size, SEARCH_TOKENIZE_QUERY, collect,
			    &q))
		FAIL("tokenizing failed");
	dpos = check_common(&d);
	qpos = check_common(&q);
	if (dpos != qpos || qpos != q.n)
		FAIL("%zu document positions, %zu query positions, %zu "
		     "query tokens", dpos, qpos, q.n);
	check_document(&d);
	check_query(&q, &d);

	/* SQL text ends at the first NUL */
	n = strnlen(text, size);
	if (n < size) {
		q.n = 0;
		q.size = (int)n;
		search_tokenize(text, (int)n, SEARCH_TOKENIZE_QUERY, collect,
				&q);
	}
	{
		char *s = malloc(n + 1);

		if (!s)
			abort();
		memcpy(s, text, n);
		s[n] = '\0';
		through_fts5(s, n, q.n);
		free(s);
	}
	free(d.t);
	free(q.t);
	return 0;
}
