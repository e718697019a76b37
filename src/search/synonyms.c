/* synonyms.c: loading the synonym list and expanding queries with it; see
 * synonyms.h.
 *
 * The CSV goes through the project's one CSV reader (io/csv-read.h), so BOM,
 * CRLF and quoting behave as everywhere else.  Forms are indexed in a hash
 * map under their ASCII-lower-cased text; terms are looked up the same way.
 */
#include "synonyms.h"

#include <stdint.h>
#include <string.h>

#include "../io/csv-read.h"
#include "../util/buf.h"
#include "../util/utf8.h"

/* Grid limits for a synonym list: a few hundred lines in practice. */
static const struct grid_limits synonyms_limits = {
	.max_file_bytes = 1 << 20,
	.max_rows = 10000,
	.max_cols = 64,
	.max_cell_bytes = 1024,
	.max_unpacked_bytes = 1 << 20,
};

void synonyms_init(struct synonyms *s)
{
	arena_init(&s->arena);
	hmap_init(&s->index);
	s->groups = NULL;
	s->ngroups = 0;
}

void synonyms_release(struct synonyms *s)
{
	arena_release(&s->arena);
	hmap_release(&s->index);
	synonyms_init(s);
}

/* The lookup key of 's': ASCII letters lower-cased, the rest as is. */
static void key_of(struct buf *b, const char *s)
{
	buf_reset(b);
	for (; *s; s++)
		buf_addch(b, *s >= 'A' && *s <= 'Z' ? *s - 'A' + 'a' : *s);
}

static bool same_form(const char *x, const char *y)
{
	for (; *x && *y; x++, y++) {
		char cx = *x >= 'A' && *x <= 'Z' ? *x - 'A' + 'a' : *x;
		char cy = *y >= 'A' && *y <= 'Z' ? *y - 'A' + 'a' : *y;
		if (cx != cy)
			return false;
	}
	return *x == *y;
}

/* Why 'form' cannot be a synonym (it must be one search word as the query
 * parser leaves it), or NULL when it can. */
static const char *form_problem(const char *form)
{
	const char *p = form;

	if (strlen(form) > SYNONYMS_MAX_FORM_BYTES)
		return "太长（最多 20 个汉字）";
	if (form[0] == '-')
		return "不能以减号开头";
	if (!strcmp(form, "或") || same_form(form, "or"))
		return "是查询里的「或」，不能作同义词";
	while (*p) {
		uint32_t cp = utf8_next(&p);

		if (utf8_is_space(cp) || cp < 0x20 ||
		    (cp >= 0x7f && cp <= 0x9f))
			return "含有空格或控制字符";
		if (cp == '"' || cp == 0x201c || cp == 0x201d || cp == 0x300c ||
		    cp == 0x300d || cp == 0x300e || cp == 0x300f)
			return "含有引号";
		if (cp >= 0xff01 && cp <= 0xff5e)
			return "含有全角字母、数字或符号，请改用半角";
	}
	return search_query_is_searchable(form, strlen(form)) ? NULL :
	       "没有文字或数字";
}

static const char *cell(const struct grid_row *r, size_t j, struct arena *a)
{
	const char *t = grid_cell(r, j);
	struct buf b = BUF_INIT;
	const char *out;

	if (!t)
		return NULL;
	utf8_trim(&b, t);
	out = b.len ? arena_strndup(a, b.buf, b.len) : NULL;
	buf_release(&b);
	return out;
}

static int load_rows(struct synonyms *s, const struct grid_sheet *sh,
		     const char *where, struct errors *err)
{
	struct buf key = BUF_INIT;
	size_t before = errors_count(err);
	const char *h0, *h1;
	uint32_t *rownum;	/* of each group, for messages */

	h0 = sh->nrows ? cell(&sh->rows[0], 0, &s->arena) : NULL;
	h1 = sh->nrows ? cell(&sh->rows[0], 1, &s->arena) : NULL;
	if (!h0 || !h1 || strcmp(h0, "词") || strcmp(h1, "同义词")) {
		errors_addf(err, "%s: 第1行应为表头「词,同义词」", where);
		return -1;
	}
	s->groups = arena_alloc(&s->arena, sh->nrows * sizeof(*s->groups));
	rownum = arena_alloc(&s->arena, sh->nrows * sizeof(*rownum));
	for (size_t i = 1; i < sh->nrows; i++) {
		const struct grid_row *r = &sh->rows[i];
		struct synonym_group *g = &s->groups[s->ngroups];
		size_t nforms = 0;

		for (size_t j = 0; j < r->ncells; j++)
			if (grid_cell(r, j))
				nforms++;
		if (nforms > SYNONYMS_MAX_FORMS) {
			errors_addf(err, "%s:第%u行: 一行最多 %d 个词，这一行"
				    "有 %zu 个", where, r->rownum,
				    SYNONYMS_MAX_FORMS, nforms);
			continue;
		}
		g->forms = arena_alloc(&s->arena, (nforms + 1) *
				       sizeof(*g->forms));
		g->n = 0;
		rownum[s->ngroups] = r->rownum;
		for (size_t j = 0; j < r->ncells; j++) {
			const char *f = cell(r, j, &s->arena), *why;
			int64_t other;

			if (!f)
				continue;
			if ((why = form_problem(f))) {
				errors_addf(err, "%s:第%u行: 「%s」%s", where,
					    r->rownum, f, why);
				continue;
			}
			key_of(&key, f);
			if (hmap_get(&s->index, key.buf, key.len, &other)) {
				errors_addf(err, "%s:第%u行: 「%s」在第%u行已"
					    "出现过，一个词只能属于一组", where,
					    r->rownum, f, rownum[other]);
				continue;
			}
			hmap_put(&s->index, key.buf, key.len,
				 (int64_t)s->ngroups);
			g->forms[g->n++] = f;
		}
		if (nforms < 2)
			errors_addf(err, "%s:第%u行: 一行至少要有两个词（词和"
				    "它的同义词）", where, r->rownum);
		s->ngroups++;
	}
	buf_release(&key);
	return errors_count(err) > before ? -1 : 0;
}

int synonyms_load(struct synonyms *s, const char *text, size_t len,
		  const char *where, struct errors *err)
{
	struct grid g;
	int rc;

	grid_init(&g);
	rc = csv_read_mem(text, len, where, "synonyms", &synonyms_limits, &g,
			  err);
	if (!rc && g.nsheets != 1) {
		errors_addf(err, "%s: 文件是空的", where);
		rc = -1;
	}
	if (!rc)
		rc = load_rows(s, &g.sheets[0], where, err);
	grid_release(&g);
	if (rc) {
		synonyms_release(s);
		return -1;
	}
	return (int)s->ngroups;
}

const struct synonym_group *synonyms_lookup(const struct synonyms *s,
					    const char *word)
{
	struct buf key = BUF_INIT;
	int64_t g;
	int found;

	key_of(&key, word);
	found = hmap_get(&s->index, key.buf, key.len, &g);
	buf_release(&key);
	return found ? &s->groups[g] : NULL;
}

static bool in_group(const struct search_term *alt, size_t n, const char *f)
{
	for (size_t i = 0; i < n; i++)
		if (same_form(alt[i].text, f))
			return true;
	return false;
}

size_t synonyms_expand(const struct synonyms *s, struct search_query *q,
		       struct arena *a)
{
	size_t had = 0, added = 0;

	/* forms added by earlier calls count against the cap */
	for (size_t gi = 0; gi < q->ngroups; gi++)
		for (size_t i = 0; i < q->groups[gi].n; i++)
			if (q->groups[gi].alt[i].synonym_of)
				had++;
	for (size_t gi = 0; gi < q->ngroups; gi++) {
		struct search_group *g = &q->groups[gi];
		size_t n0 = g->n, cap = g->n;
		struct search_term *alt;

		for (size_t i = 0; i < n0; i++) {
			const struct synonym_group *sg;

			if (g->alt[i].phrase || g->alt[i].synonym_of)
				continue;
			if ((sg = synonyms_lookup(s, g->alt[i].text)))
				cap += sg->n;
		}
		if (cap == n0)
			continue;
		alt = arena_alloc(a, cap * sizeof(*alt));
		memcpy(alt, g->alt, n0 * sizeof(*alt));
		g->alt = alt;
		for (size_t i = 0; i < n0; i++) {
			const struct synonym_group *sg;

			if (alt[i].phrase || alt[i].synonym_of ||
			    !(sg = synonyms_lookup(s, alt[i].text)))
				continue;
			for (size_t j = 0; j < sg->n; j++) {
				if (had + added >= SYNONYMS_EXPAND_MAX)
					return added;
				if (in_group(alt, g->n, sg->forms[j]))
					continue;
				alt[g->n].text = arena_strdup(a, sg->forms[j]);
				alt[g->n].synonym_of = alt[i].text;
				alt[g->n].phrase = false;
				g->n++;
				added++;
			}
		}
	}
	return added;
}
