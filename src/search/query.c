/* query.c: the search box's grammar, turned into an FTS5 MATCH expression;
 * see query.h for the grammar.
 *
 * Three steps over at most SEARCH_QUERY_MAX_BYTES of input:
 *   clean()  cut at a character boundary, drop what is not text (invalid
 *            UTF-8, controls, invisible format characters), fold full-width
 *            ASCII, make every run of white space one ASCII space;
 *   lex()    split the clean text into words, phrases and ORs;
 *   take_*() drop what cannot be searched for (with a note), place the ORs
 *            and collect terms into OR-groups and exclusions; pack() lays
 *            them out in the struct search_query.
 * Nothing the user types reaches FTS5 except inside a quoted string, so no
 * input can be an FTS5 operator or a syntax error.
 */
#include "query.h"

#include <limits.h>
#include <string.h>

#include "tokenizer.h"
#include "../util/buf.h"
#include "../util/utf8.h"

const char search_query_help[] =
	"多个词用空格隔开，找到的信息同时包含这些词，如：低保 申请\n"
	"词组用引号括起来，按原样查找，如：\"临时救助\"、“困难群众 基本生活”"
	"或「特困人员」\n"
	"在词或词组前加减号表示排除，如：补贴 -农机\n"
	"两个词之间写 OR 或「或」，表示任一个都可以，如：低保 OR 特困\n"
	"其他符号都当作普通文字查找。";

#define STR_(x) #x
#define STR(x) STR_(x)
#define SEARCH_QUERY_HAN_CHARS 333	/* SEARCH_QUERY_MAX_BYTES / 3 */

enum note {
	NOTE_LONG,
	NOTE_BADUTF8,
	NOTE_CONTROL,
	NOTE_UNBALANCED,
	NOTE_EMPTY_QUOTES,
	NOTE_LONE_DASH,
	NOTE_TOO_MANY,
	NOTE__MAX
};

static const char *const note_text[NOTE__MAX] = {
	/* NOTE_LONG */
	"输入的内容太长，只按前 " STR(SEARCH_QUERY_MAX_BYTES) " 个字节（约 "
	STR(SEARCH_QUERY_HAN_CHARS) " 个汉字）查找",
	/* NOTE_BADUTF8 */
	"输入中有无法识别的字符（不是 UTF-8 编码），已去掉",
	/* NOTE_CONTROL */
	"输入中有控制字符或不可见的格式字符，已去掉",
	/* NOTE_UNBALANCED */
	"引号没有成对，已把引号后直到末尾的内容当作一个词组",
	/* NOTE_EMPTY_QUOTES */
	"空的引号已忽略",
	/* NOTE_LONE_DASH */
	"单独的减号「-」已忽略；要排除某个词，请把减号紧贴在词前，如：-收费",
	/* NOTE_TOO_MANY */
	"词语太多，只用了前 " STR(SEARCH_QUERY_MAX_TERMS) " 个",
};

#define NOTE_EXCERPT_CHARS 16	/* of a term quoted in a note */

enum last { LAST_NONE, LAST_POS, LAST_NEG };

struct kept {
	struct search_term t;
	size_t group;		/* positive terms: index of their OR-group */
	bool neg;
};

struct parser {
	struct arena *a;
	struct search_query *q;
	struct kept kept[SEARCH_QUERY_MAX_TERMS];
	size_t nkept;
	size_t ngroups;
	enum last last;		/* the last term kept */
	const char *or_text;	/* an OR waiting for its right-hand term */
	bool full;		/* SEARCH_QUERY_MAX_TERMS reached */
};

static void add_note(struct search_query *q, const char *s)
{
	for (size_t i = 0; i < q->nnotes; i++)
		if (!strcmp(q->notes[i], s))
			return;
	if (q->nnotes < SEARCH_QUERY_MAX_NOTES)
		q->notes[q->nnotes++] = s;
}

/* The first few characters of 's[0..len)' (clean UTF-8), "…" if cut. */
static const char *excerpt(struct arena *a, const char *s, size_t len)
{
	const char *p = s, *end = s + len;
	size_t n = 0;

	while (p < end && n < NOTE_EXCERPT_CHARS) {
		utf8_next(&p);
		n++;
	}
	if (p >= end)
		return arena_strndup(a, s, len);
	return arena_printf(a, "%.*s…", (int)(p - s), s);
}

/* ---- clean ------------------------------------------------------------ */

/* Length of the well-formed UTF-8 sequence at s, 0 when it is not one. */
static size_t seq_len(const unsigned char *s, const unsigned char *end)
{
	size_t k;

	if (*s < 0x80)
		return 1;
	if ((*s & 0xe0) == 0xc0)
		k = 2;
	else if ((*s & 0xf0) == 0xe0)
		k = 3;
	else if ((*s & 0xf8) == 0xf0)
		k = 4;
	else
		return 0;
	if ((size_t)(end - s) < k || !utf8_valid((const char *)s, k))
		return 0;
	return k;
}

/* Invisible characters that would only split or disguise a word: soft
 * hyphen, zero-width spaces and joiners, bidi marks and overrides, the BOM,
 * interlinear annotation, tags and noncharacters. */
static bool is_format(uint32_t cp)
{
	return cp == 0xad || cp == 0x61c || cp == 0x180e ||
	       (cp >= 0x200b && cp <= 0x200f) ||
	       (cp >= 0x202a && cp <= 0x202e) ||
	       (cp >= 0x2060 && cp <= 0x206f) || cp == 0xfeff ||
	       (cp >= 0xfff9 && cp <= 0xfffb) ||
	       (cp >= 0xfdd0 && cp <= 0xfdef) ||
	       (cp & 0xfffe) == 0xfffe || (cp >= 0xe0000 && cp <= 0xe007f);
}

static bool is_blank(uint32_t cp)
{
	return utf8_is_space(cp) || cp == 0x85 || cp == 0x1680 ||
	       (cp >= 0x2000 && cp <= 0x200a) || cp == 0x2028 || cp == 0x2029 ||
	       cp == 0x202f || cp == 0x205f;
}

static bool is_control(uint32_t cp)
{
	return cp < 0x20 || (cp >= 0x7f && cp <= 0x9f);
}

static void clean(const char *in, size_t len, struct buf *out,
		  struct search_query *q)
{
	const unsigned char *s = (const unsigned char *)in, *end;
	bool bad = false, ctl = false, blank = false;

	if (len > SEARCH_QUERY_MAX_BYTES) {
		size_t cut = SEARCH_QUERY_MAX_BYTES;

		/* in[cut] is the first byte left out: never a continuation */
		while (cut > SEARCH_QUERY_MAX_BYTES - 3 &&
		       (s[cut] & 0xc0) == 0x80)
			cut--;
		len = cut;
		add_note(q, note_text[NOTE_LONG]);
	}
	end = s + len;
	while (s < end) {
		size_t k = seq_len(s, end);
		const char *p = (const char *)s;
		uint32_t cp;

		if (!k) {
			bad = true;
			s++;
			continue;
		}
		cp = utf8_next(&p);
		s += k;
		if (is_format(cp)) {
			ctl = true;
			continue;
		}
		if (is_blank(cp)) {
			blank = true;
			continue;
		}
		if (is_control(cp)) {
			ctl = true;
			continue;
		}
		if (cp >= 0xff01 && cp <= 0xff5e)
			cp -= 0xfee0;	/* full-width ASCII → ASCII */
		if (blank && out->len)
			buf_addch(out, ' ');
		blank = false;
		utf8_put(out, cp);
	}
	if (bad)
		add_note(q, note_text[NOTE_BADUTF8]);
	if (ctl)
		add_note(q, note_text[NOTE_CONTROL]);
}

/* ---- take: terms and ORs into groups ---------------------------------- */

static int found_token(void *ctx, int flags, const char *tok, int ntok,
		       int start, int end)
{
	(void)ctx; (void)flags; (void)start; (void)end;
	return !(ntok == 1 && tok[0] == SEARCH_TOKEN_BREAK[0]);
}

bool search_query_is_searchable(const char *text, size_t len)
{
	if (len > INT_MAX)
		len = INT_MAX;
	return search_tokenize(text, (int)len, SEARCH_TOKENIZE_QUERY,
			       found_token, NULL) != 0;
}

/* An OR ('text' as typed) without a term to look for on either side. */
static void note_stray_or(struct parser *ps, const char *text)
{
	add_note(ps->q, arena_printf(ps->a, "「%s」要写在两个要查找的词中间，"
				     "如：低保 %s 特困；多余的「%s」已忽略",
				     text, text, text));
}

/* An OR next to an excluded term. */
static void note_excluded_or(struct parser *ps, const char *text)
{
	add_note(ps->q, arena_printf(ps->a, "排除的词不能用「%s」连接，这个"
				     "「%s」已忽略", text, text));
}

static void take_or(struct parser *ps, const char *text)
{
	if (ps->full)
		return;
	if (ps->last == LAST_NEG)
		note_excluded_or(ps, text);
	else if (ps->last == LAST_NONE || ps->or_text)
		note_stray_or(ps, text);
	else
		ps->or_text = text;
}

static void take_term(struct parser *ps, const char *s, size_t len,
		      bool phrase, bool neg)
{
	struct kept *k;

	if (ps->full)
		return;
	if (!len) {
		add_note(ps->q, note_text[NOTE_EMPTY_QUOTES]);
		return;
	}
	if (!search_query_is_searchable(s, len)) {
		add_note(ps->q, arena_printf(ps->a, "「%s」里没有文字或数字，"
					     "已忽略", excerpt(ps->a, s, len)));
		return;
	}
	if (ps->nkept == SEARCH_QUERY_MAX_TERMS) {
		add_note(ps->q, note_text[NOTE_TOO_MANY]);
		ps->full = true;
		ps->or_text = NULL;
		return;
	}
	if (neg && ps->or_text) {
		note_excluded_or(ps, ps->or_text);
		ps->or_text = NULL;
	}
	if (ps->or_text) {	/* joins the group of the previous term */
		size_t g = ps->ngroups - 1;

		ps->or_text = NULL;
		for (size_t i = 0; i < ps->nkept; i++)
			if (!ps->kept[i].neg && ps->kept[i].group == g &&
			    strlen(ps->kept[i].t.text) == len &&
			    !memcmp(ps->kept[i].t.text, s, len))
				return;	/* A OR A */
	} else if (!neg) {
		ps->ngroups++;
	}
	k = &ps->kept[ps->nkept++];
	k->t.text = arena_strndup(ps->a, s, len);
	k->t.synonym_of = NULL;
	k->t.phrase = phrase;
	k->neg = neg;
	k->group = neg ? 0 : ps->ngroups - 1;
	ps->last = neg ? LAST_NEG : LAST_POS;
}

/* ---- lex -------------------------------------------------------------- */

enum quote { Q_NONE, Q_DOUBLE, Q_CORNER, Q_WHITE_CORNER };

/* " “ ” all open and close a phrase: input methods mix them up. */
static enum quote opener(uint32_t cp)
{
	switch (cp) {
	case '"': case 0x201c: case 0x201d:
		return Q_DOUBLE;
	case 0x300c:		/* 「 */
		return Q_CORNER;
	case 0x300e:		/* 『 */
		return Q_WHITE_CORNER;
	}
	return Q_NONE;
}

static bool closes(enum quote qk, uint32_t cp)
{
	switch (qk) {
	case Q_DOUBLE:
		return cp == '"' || cp == 0x201c || cp == 0x201d;
	case Q_CORNER:
		return cp == 0x300d;
	case Q_WHITE_CORNER:
		return cp == 0x300f;
	default:
		return false;
	}
}

static bool is_or(const char *s, size_t len)
{
	return (len == 2 && (s[0] == 'O' || s[0] == 'o') &&
		(s[1] == 'R' || s[1] == 'r')) ||
	       (len == 3 && !memcmp(s, "或", 3));
}

/* The phrase from 'p' (just after its opening quote of kind 'qk') to its
 * closing quote or the end; returns where lexing goes on. */
static const char *take_phrase(struct parser *ps, const char *p,
			       enum quote qk, bool neg)
{
	const char *start = p, *end;

	for (;;) {
		end = p;
		if (!*p) {
			add_note(ps->q, note_text[NOTE_UNBALANCED]);
			break;
		}
		if (closes(qk, utf8_next(&p)))
			break;
	}
	if (start < end && *start == ' ')	/* single spaces: see clean() */
		start++;
	if (end > start && end[-1] == ' ')
		end--;
	take_term(ps, start, (size_t)(end - start), true, neg);
	return p;
}

/* 't' is clean: valid UTF-8, single spaces, no control characters. */
static void lex(struct parser *ps, const char *t)
{
	const char *p = t;

	while (*p) {
		const char *at;
		bool neg = false;
		enum quote qk;

		if (*p == ' ') {
			p++;
			continue;
		}
		if (*p == '-') {
			if (!p[1] || p[1] == ' ') {
				add_note(ps->q, note_text[NOTE_LONE_DASH]);
				p++;
				continue;
			}
			neg = true;
			p++;
		}
		at = p;
		qk = opener(utf8_next(&p));
		if (qk != Q_NONE) {
			p = take_phrase(ps, p, qk, neg);
			continue;
		}
		p = at;
		while (*p && *p != ' ') {
			const char *c = p;

			if (opener(utf8_next(&p)) != Q_NONE) {
				p = c;
				break;
			}
		}
		if (!neg && is_or(at, (size_t)(p - at)))
			take_or(ps, arena_strndup(ps->a, at, (size_t)(p - at)));
		else
			take_term(ps, at, (size_t)(p - at), false, neg);
	}
	if (ps->or_text)
		note_stray_or(ps, ps->or_text);
}

/* ---- pack ------------------------------------------------------------- */

static void pack(struct parser *ps)
{
	struct search_query *q = ps->q;
	size_t nneg = 0;

	for (size_t i = 0; i < ps->nkept; i++)
		if (ps->kept[i].neg)
			nneg++;
	q->ngroups = ps->ngroups;
	q->groups = arena_alloc(ps->a, (ps->ngroups + 1) * sizeof(*q->groups));
	q->excluded = arena_alloc(ps->a, (nneg + 1) * sizeof(*q->excluded));
	for (size_t i = 0; i < ps->nkept; i++)
		if (!ps->kept[i].neg)
			q->groups[ps->kept[i].group].n++;
	for (size_t g = 0; g < q->ngroups; g++) {
		q->groups[g].alt = arena_alloc(ps->a, q->groups[g].n *
					       sizeof(*q->groups[g].alt));
		q->groups[g].n = 0;
	}
	for (size_t i = 0; i < ps->nkept; i++) {
		const struct kept *k = &ps->kept[i];

		if (k->neg) {
			q->excluded[q->nexcluded++] = k->t;
		} else {
			struct search_group *g = &q->groups[k->group];
			g->alt[g->n++] = k->t;
		}
	}
}

int search_query_parse(const char *input, size_t len, struct arena *a,
		       struct search_query *out, struct errors *err)
{
	struct parser *ps = arena_alloc(a, sizeof(*ps));
	struct buf t = BUF_INIT;

	memset(out, 0, sizeof(*out));
	ps->a = a;
	ps->q = out;
	clean(input ? input : "", input ? len : 0, &t, out);
	lex(ps, t.buf);
	buf_release(&t);
	pack(ps);
	if (out->ngroups)
		return 0;
	if (out->nexcluded)
		errors_addf(err, "只有排除词，无法查找：请至少输入一个要查找的"
			    "词语（排除词前面带减号「-」）");
	else
		errors_addf(err, "请输入要查找的词语");
	return -1;
}

/* ---- output ----------------------------------------------------------- */

static void put_group(struct buf *b, const struct search_group *g)
{
	if (g->n > 1)
		buf_addch(b, '(');
	for (size_t i = 0; i < g->n; i++) {
		if (i)
			buf_adds(b, " OR ");
		search_tokenizer_quote(b, g->alt[i].text);
	}
	if (g->n > 1)
		buf_addch(b, ')');
}

const char *search_query_fts(const struct search_query *q, struct arena *a)
{
	struct buf b = BUF_INIT;
	const char *s;

	if (!q->ngroups)
		return NULL;
	if (q->nexcluded)
		buf_addch(&b, '(');
	for (size_t g = 0; g < q->ngroups; g++) {
		if (g)
			buf_adds(&b, " AND ");
		put_group(&b, &q->groups[g]);
	}
	if (q->nexcluded) {
		buf_adds(&b, ") NOT (");
		for (size_t i = 0; i < q->nexcluded; i++) {
			if (i)
				buf_adds(&b, " OR ");
			search_tokenizer_quote(&b, q->excluded[i].text);
		}
		buf_addch(&b, ')');
	}
	s = arena_strndup(a, b.buf, b.len);
	buf_release(&b);
	return s;
}

const struct search_term **search_query_terms(const struct search_query *q,
					      struct arena *a, size_t *n)
{
	const struct search_term **v;
	size_t total = 0, k = 0;

	for (size_t g = 0; g < q->ngroups; g++)
		total += q->groups[g].n;
	v = arena_alloc(a, (total + 1) * sizeof(*v));
	for (size_t g = 0; g < q->ngroups; g++)
		for (size_t i = 0; i < q->groups[g].n; i++) {
			const struct search_term *t = &q->groups[g].alt[i];
			size_t j;

			for (j = 0; j < k; j++)
				if (!strcmp(v[j]->text, t->text))
					break;
			if (j == k)
				v[k++] = t;
		}
	v[k] = NULL;
	if (n)
		*n = k;
	return v;
}
