/* search.c: see search.h */
#include "search.h"

#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "../search/synonyms.h"

extern const char data_synonyms_csv[];
extern const size_t data_synonyms_csv_len;

static struct synonyms synonyms = SYNONYMS_INIT;
static pthread_once_t synonyms_once = PTHREAD_ONCE_INIT;

/* Loaded once per process, read-only afterwards (threads share it). */
static void load_synonyms(void)
{
	struct errors err = ERRORS_INIT;

	if (synonyms_load(&synonyms, data_synonyms_csv, data_synonyms_csv_len,
			  "synonyms.csv", &err) < 0)
		errors_print(&err, stderr);	/* a build error, not a user's */
	errors_release(&err);
}

/* The parser's notes, copied out of 'q' (which lives on the stack). */
static void keep_notes(const struct search_query *q, struct arena *a,
		       struct search_result *out)
{
	const char **v = arena_alloc(a, (q->nnotes + 1) * sizeof(*v));

	for (size_t i = 0; i < q->nnotes; i++)
		v[i] = q->notes[i];
	out->notes = v;
	out->nnotes = q->nnotes;
}

int search_run(struct store *s, struct search_request *req, struct arena *a,
	       struct search_result *out, struct errors *err)
{
	struct search_query q;
	const char *match;

	memset(out, 0, sizeof(*out));
	pthread_once(&synonyms_once, load_synonyms);
	memset(&q, 0, sizeof(q));
	if (search_query_parse(req->q ? req->q : "", req->q ? req->qlen : 0, a, &q,
			       err)) {
		/* what was dropped explains the refusal too */
		keep_notes(&q, a, out);
		return -1;
	}
	synonyms_expand(&synonyms, &q, a);
	keep_notes(&q, a, out);
	out->terms = search_query_terms(&q, a, &out->nterms);
	out->expanded = arena_alloc(a, (out->nterms + 1) * sizeof(char *));
	for (size_t i = 0; i < out->nterms; i++)
		if (out->terms[i]->synonym_of)
			out->expanded[out->nexpanded++] = arena_printf(a,
				"%s（%s的同义词）", out->terms[i]->text,
				out->terms[i]->synonym_of);
	match = search_query_fts(&q, a);
	if (!match) {
		errors_addf(err, "请输入要查找的词语");
		return -1;
	}
	req->p.match = match;
	if (store_search(s, &req->p, a, &out->hits, &out->n, &out->total,
			 &out->facets, err) != STORE_OK)
		return -1;
	return 0;
}
