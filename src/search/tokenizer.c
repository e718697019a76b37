/* tokenizer.c: the "gk_cjk" FTS5 tokenizer (unigrams, colocated bigrams)
 *
 * See tokenizer.h for the token scheme and what a query finds.  The text
 * is read once, a character at a time: decode (a byte that does not start
 * well-formed UTF-8 is one separator), fold, classify as word character,
 * separator or skipped mark.  A position is written when the character
 * after it is known, since its bigram needs that character.
 *
 * This file belongs to the store's implementation in spirit (it includes
 * sqlite3.h): the store calls search_tokenizer_register() from store_open()
 * for every connection, and nothing else needs to know about FTS5.
 *
 * The character classes are Unicode's letters and numbers, taken block by
 * block (ranges[] below lists what is not a word character); they are not
 * meant to be exact outside Chinese text, only stable.  Whatever class a
 * character has, a query containing it is tokenized the same way as a
 * document, so a wrong class never loses a match; it only makes queries
 * with that character less precise.
 */
#include "tokenizer.h"

#include <pthread.h>
#include <sqlite3.h>
#include <stddef.h>
#include <stdint.h>

#include "../util/buf.h"

_Static_assert(SEARCH_TOKEN_COLOCATED == FTS5_TOKEN_COLOCATED,
	       "SEARCH_TOKEN_COLOCATED is FTS5's flag");

enum cls {
	CLS_WORD,	/* part of a run */
	CLS_BREAK,	/* ends a run */
	CLS_SKIP,	/* ignored: neither ends a run nor takes a position */
};

/* Code points from U+0080 on that are not word characters, in order.
 * Everything not listed is a word character. */
static const struct range {
	uint32_t lo, hi;
	unsigned char cls;
} ranges[] = {
	{ 0x0080, 0x00ac, CLS_BREAK },	/* C1 controls, NBSP, ¥ § ° · … */
	{ 0x00ad, 0x00ad, CLS_SKIP },	/* soft hyphen */
	{ 0x00ae, 0x00bf, CLS_BREAK },
	{ 0x00d7, 0x00d7, CLS_BREAK },	/* × */
	{ 0x00f7, 0x00f7, CLS_BREAK },	/* ÷ */
	{ 0x02b0, 0x02ff, CLS_BREAK },	/* modifier letters, tone marks ˊˇˋ */
	{ 0x0300, 0x036f, CLS_SKIP },	/* combining accents */
	{ 0x037e, 0x037e, CLS_BREAK },	/* Greek question mark */
	{ 0x0387, 0x0387, CLS_BREAK },	/* Greek ano teleia */
	{ 0x0483, 0x0489, CLS_SKIP },	/* Cyrillic combining marks */
	{ 0x0589, 0x0589, CLS_BREAK },	/* Armenian full stop */
	{ 0x060c, 0x060c, CLS_BREAK },	/* Arabic comma */
	{ 0x061b, 0x061b, CLS_BREAK },	/* Arabic semicolon */
	{ 0x061f, 0x061f, CLS_BREAK },	/* Arabic question mark */
	{ 0x06d4, 0x06d4, CLS_BREAK },	/* Arabic full stop */
	{ 0x0964, 0x0965, CLS_BREAK },	/* dandas */
	{ 0x1680, 0x1680, CLS_BREAK },	/* Ogham space mark */
	{ 0x1ab0, 0x1aff, CLS_SKIP },	/* combining accents, extended */
	{ 0x1dc0, 0x1dff, CLS_SKIP },	/* combining accents, supplement */
	{ 0x2000, 0x200b, CLS_BREAK },	/* spaces, zero-width space */
	{ 0x200c, 0x200f, CLS_SKIP },	/* ZWNJ, ZWJ, LRM, RLM */
	{ 0x2010, 0x2029, CLS_BREAK },	/* dashes, quotes ‘’“”, …, breaks */
	{ 0x202a, 0x202e, CLS_SKIP },	/* bidi embeddings and overrides */
	{ 0x202f, 0x205f, CLS_BREAK },	/* ‰ ※ and the like */
	{ 0x2060, 0x206f, CLS_SKIP },	/* word joiner, bidi isolates */
	{ 0x2070, 0x20cf, CLS_BREAK },	/* super- and subscripts, currency */
	{ 0x20d0, 0x20ff, CLS_SKIP },	/* combining marks for symbols */
	{ 0x2100, 0x214f, CLS_BREAK },	/* ℃ № ℡ */
	/* 2150-218f number forms: Ⅱ ⅲ ⅓ are words */
	{ 0x2190, 0x245f, CLS_BREAK },	/* arrows, mathematics, technical */
	/* 2460-24ff enclosed alphanumerics: ① ⑴ ⒈ Ⓐ are words */
	{ 0x2500, 0x2775, CLS_BREAK },	/* box drawing, shapes ■ ● ○, ★ ☆ */
	/* 2776-2793 dingbat numbers ❶ are words */
	{ 0x2794, 0x2bff, CLS_BREAK },	/* more arrows, symbols */
	{ 0x2cf9, 0x2cff, CLS_BREAK },	/* Coptic punctuation */
	{ 0x2de0, 0x2dff, CLS_SKIP },	/* Cyrillic combining marks */
	{ 0x2e00, 0x2e7f, CLS_BREAK },	/* supplemental punctuation */
	/* 2e80-2fdf radicals are words (Kangxi radicals are folded) */
	{ 0x2ff0, 0x3004, CLS_BREAK },	/* ⿰, U+3000, 、 。 〃 〄 */
	/* 3005-3007 々 〆 〇 */
	{ 0x3008, 0x3020, CLS_BREAK },	/* 《》「」『』【】〔〕〖〗〜〝〞 */
	/* 3021-3029 Hangzhou numerals 〡-〩 */
	{ 0x302a, 0x302f, CLS_SKIP },	/* ideographic tone marks */
	{ 0x3030, 0x3030, CLS_BREAK },	/* 〰 */
	/* 3031-3035 kana repetition marks */
	{ 0x3036, 0x3037, CLS_BREAK },
	/* 3038-303c 〸 〹 〺 〻 〼 */
	{ 0x303d, 0x303f, CLS_BREAK },
	/* 3040-30ff kana */
	{ 0x3099, 0x309a, CLS_SKIP },	/* combining voicing marks */
	{ 0x30a0, 0x30a0, CLS_BREAK },	/* ゠ */
	{ 0x30fb, 0x30fb, CLS_BREAK },	/* ・ */
	/* 3100-31ff bopomofo, Hangul jamo, strokes, kana */
	{ 0x3200, 0x33ff, CLS_BREAK },	/* enclosed ㈠ ㊣, compatibility ㎡ */
	/* 3400-4dbf extension A */
	{ 0x4dc0, 0x4dff, CLS_BREAK },	/* hexagrams */
	/* 4e00-9fff unified ideographs, a000-abff Yi and others */
	{ 0xa700, 0xa721, CLS_BREAK },	/* modifier tone letters */
	/* ac00-d7ff Hangul, e000-f8ff private use, f900-faff compatibility
	 * ideographs, fb00-fdff presentation forms */
	{ 0xd800, 0xdfff, CLS_BREAK },	/* surrogates (never decoded) */
	{ 0xfd3e, 0xfd3f, CLS_BREAK },	/* ornate parentheses */
	{ 0xfe00, 0xfe0f, CLS_SKIP },	/* variation selectors */
	{ 0xfe10, 0xfe1f, CLS_BREAK },	/* vertical punctuation */
	{ 0xfe20, 0xfe2f, CLS_SKIP },	/* combining half marks */
	{ 0xfe30, 0xfe6f, CLS_BREAK },	/* ︵ ﹏ ﹐ small forms */
	{ 0xfeff, 0xff65, CLS_BREAK },	/* BOM, full-width punctuation ｡｢｣､･ */
	/* ff66-ffdc half-width kana and Hangul */
	{ 0xffdd, 0xffff, CLS_BREAK },	/* ￥ ￡, U+FFFD */
	{ 0x1d000, 0x1d24f, CLS_BREAK },	/* musical symbols */
	{ 0x1d300, 0x1d35f, CLS_BREAK },	/* Tai Xuan Jing symbols */
	{ 0x1f000, 0x1faff, CLS_BREAK },	/* mahjong … emoji */
	/* 20000-3ffff ideographs of planes 2 and 3 (𠀀) */
	{ 0xe0000, 0xe0fff, CLS_SKIP },	/* tags, variation selectors */
	/* f0000-10ffff private use */
};

/* The Kangxi radicals ⼀ (U+2F00) … ⿕ (U+2FD5) as the ideographs they
 * stand for (their NFKC forms).  Text copied out of PDF files often has
 * them in place of the ideographs. */
static const uint16_t kangxi[214] = {
	0x4e00, 0x4e28, 0x4e36, 0x4e3f, 0x4e59, 0x4e85, 0x4e8c, 0x4ea0,
	0x4eba, 0x513f, 0x5165, 0x516b, 0x5182, 0x5196, 0x51ab, 0x51e0,
	0x51f5, 0x5200, 0x529b, 0x52f9, 0x5315, 0x531a, 0x5338, 0x5341,
	0x535c, 0x5369, 0x5382, 0x53b6, 0x53c8, 0x53e3, 0x56d7, 0x571f,
	0x58eb, 0x5902, 0x590a, 0x5915, 0x5927, 0x5973, 0x5b50, 0x5b80,
	0x5bf8, 0x5c0f, 0x5c22, 0x5c38, 0x5c6e, 0x5c71, 0x5ddb, 0x5de5,
	0x5df1, 0x5dfe, 0x5e72, 0x5e7a, 0x5e7f, 0x5ef4, 0x5efe, 0x5f0b,
	0x5f13, 0x5f50, 0x5f61, 0x5f73, 0x5fc3, 0x6208, 0x6236, 0x624b,
	0x652f, 0x6534, 0x6587, 0x6597, 0x65a4, 0x65b9, 0x65e0, 0x65e5,
	0x66f0, 0x6708, 0x6728, 0x6b20, 0x6b62, 0x6b79, 0x6bb3, 0x6bcb,
	0x6bd4, 0x6bdb, 0x6c0f, 0x6c14, 0x6c34, 0x706b, 0x722a, 0x7236,
	0x723b, 0x723f, 0x7247, 0x7259, 0x725b, 0x72ac, 0x7384, 0x7389,
	0x74dc, 0x74e6, 0x7518, 0x751f, 0x7528, 0x7530, 0x758b, 0x7592,
	0x7676, 0x767d, 0x76ae, 0x76bf, 0x76ee, 0x77db, 0x77e2, 0x77f3,
	0x793a, 0x79b8, 0x79be, 0x7a74, 0x7acb, 0x7af9, 0x7c73, 0x7cf8,
	0x7f36, 0x7f51, 0x7f8a, 0x7fbd, 0x8001, 0x800c, 0x8012, 0x8033,
	0x807f, 0x8089, 0x81e3, 0x81ea, 0x81f3, 0x81fc, 0x820c, 0x821b,
	0x821f, 0x826e, 0x8272, 0x8278, 0x864d, 0x866b, 0x8840, 0x884c,
	0x8863, 0x897e, 0x898b, 0x89d2, 0x8a00, 0x8c37, 0x8c46, 0x8c55,
	0x8c78, 0x8c9d, 0x8d64, 0x8d70, 0x8db3, 0x8eab, 0x8eca, 0x8f9b,
	0x8fb0, 0x8fb5, 0x9091, 0x9149, 0x91c6, 0x91cc, 0x91d1, 0x9577,
	0x9580, 0x961c, 0x96b6, 0x96b9, 0x96e8, 0x9751, 0x975e, 0x9762,
	0x9769, 0x97cb, 0x97ed, 0x97f3, 0x9801, 0x98a8, 0x98db, 0x98df,
	0x9996, 0x9999, 0x99ac, 0x9aa8, 0x9ad8, 0x9adf, 0x9b25, 0x9b2f,
	0x9b32, 0x9b3c, 0x9b5a, 0x9ce5, 0x9e75, 0x9e7f, 0x9ea5, 0x9ebb,
	0x9ec3, 0x9ecd, 0x9ed1, 0x9ef9, 0x9efd, 0x9f0e, 0x9f13, 0x9f20,
	0x9f3b, 0x9f4a, 0x9f52, 0x9f8d, 0x9f9c, 0x9fa0,
};

/* Decode the character at s[i] (i < n) into *cp and return its length, or
 * return 0 when the bytes there are not well-formed UTF-8 (overlong forms,
 * surrogates, beyond U+10FFFF, cut short). */
static int decode(const unsigned char *s, int n, int i, uint32_t *cp)
{
	unsigned c = s[i];
	uint32_t v, min;
	int k;

	if (c < 0x80) {
		*cp = c;
		return 1;
	} else if (c >= 0xc2 && c <= 0xdf) {
		k = 1; v = c & 0x1f; min = 0x80;
	} else if ((c & 0xf0) == 0xe0) {
		k = 2; v = c & 0x0f; min = 0x800;
	} else if (c >= 0xf0 && c <= 0xf4) {
		k = 3; v = c & 0x07; min = 0x10000;
	} else {
		return 0;
	}
	if (n - i <= k)
		return 0;
	for (int j = 1; j <= k; j++) {
		if ((s[i + j] & 0xc0) != 0x80)
			return 0;
		v = (v << 6) | (s[i + j] & 0x3f);
	}
	if (v < min || v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff))
		return 0;
	*cp = v;
	return k + 1;
}

/* Traditional → simplified, for U+3400 to U+FAFF (0: unchanged), from
 * data/search/t2s.txt (OpenCC's character table, see scripts/gen-t2s),
 * embedded in the program and read once. */
extern const char data_t2s_txt[];
extern const size_t data_t2s_txt_len;
#define T2S_FIRST 0x3400
#define T2S_END 0xfb00
static uint32_t t2s[T2S_END - T2S_FIRST];
static pthread_once_t t2s_once = PTHREAD_ONCE_INIT;

static int decode(const unsigned char *s, int n, int i, uint32_t *cp);

static void t2s_load(void)
{
	const unsigned char *p = (const unsigned char *)data_t2s_txt;
	int n = (int)data_t2s_txt_len, i = 0;

	while (i < n) {
		int eol = i, len;
		uint32_t from = 0, to = 0;

		while (eol < n && p[eol] != '\n')
			eol++;
		if (p[i] != '#' && (len = decode(p, eol, i, &from)) > 0 &&
		    i + len < eol && p[i + len] == ' ' &&
		    decode(p, eol, i + len + 1, &to) > 0 &&
		    from >= T2S_FIRST && from < T2S_END)
			t2s[from - T2S_FIRST] = to;
		i = eol + 1;
	}
}

static uint32_t simplified(uint32_t c)
{
	if (c >= T2S_FIRST && c < T2S_END && t2s[c - T2S_FIRST])
		return t2s[c - T2S_FIRST];
	return c;
}

/* The form a character is indexed and searched in. */
static uint32_t fold(uint32_t c)
{
	if (c >= 0xff01 && c <= 0xff5e)		/* full-width ASCII */
		c -= 0xfee0;
	if (c < 0x80)
		return c >= 'A' && c <= 'Z' ? c + 0x20 : c;
	if (c >= 0x4e00 && c <= 0x9fff)		/* the common case */
		return simplified(c);
	if (c == 0x3000)			/* ideographic space */
		return ' ';
	if ((c >= 0xc0 && c <= 0xde && c != 0xd7) ||	/* Latin-1 */
	    (c >= 0x391 && c <= 0x3ab && c != 0x3a2) ||	/* Greek */
	    (c >= 0x410 && c <= 0x42f))			/* Cyrillic */
		return c + 0x20;
	if (c >= 0x400 && c <= 0x40f)			/* Cyrillic Ѐ-Џ */
		return c + 0x50;
	/* Latin Extended-A pairs, and the pinyin vowels Ǎ-Ǜ */
	if (((c >= 0x100 && c <= 0x137) || (c >= 0x14a && c <= 0x177)) &&
	    !(c & 1))
		return c + 1;
	if (((c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17e) ||
	     (c >= 0x1cd && c <= 0x1dc)) && (c & 1))
		return c + 1;
	if (c >= 0x2160 && c <= 0x216f)		/* Roman numerals Ⅰ-Ⅿ */
		return c + 0x10;
	if (c >= 0x24b6 && c <= 0x24cf)		/* Ⓐ-Ⓩ */
		return c + 0x1a;
	if (c >= 0x2f00 && c <= 0x2fd5)		/* Kangxi radicals */
		return simplified(kangxi[c - 0x2f00]);
	if (c == 0x2e9f)			/* ⺟ */
		return 0x6bcd;
	if (c == 0x2ef3)			/* ⻳ */
		return simplified(0x9f9f);
	return simplified(c);
}

/* The class of a folded character. */
static enum cls classify(uint32_t c)
{
	size_t lo = 0, hi = sizeof(ranges) / sizeof(ranges[0]);

	if (c < 0x80)
		return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
		       (c >= 'A' && c <= 'Z') ? CLS_WORD : CLS_BREAK;
	if (c >= 0x4e00 && c <= 0x9fff)
		return CLS_WORD;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (c < ranges[mid].lo)
			hi = mid;
		else if (c > ranges[mid].hi)
			lo = mid + 1;
		else
			return (enum cls)ranges[mid].cls;
	}
	return CLS_WORD;
}

/* Write 'c' as UTF-8 to 'out'; return the number of bytes. */
static int put(uint32_t c, char *out)
{
	if (c < 0x80) {
		out[0] = (char)c;
		return 1;
	} else if (c < 0x800) {
		out[0] = (char)(0xc0 | (c >> 6));
		out[1] = (char)(0x80 | (c & 0x3f));
		return 2;
	} else if (c < 0x10000) {
		out[0] = (char)(0xe0 | (c >> 12));
		out[1] = (char)(0x80 | ((c >> 6) & 0x3f));
		out[2] = (char)(0x80 | (c & 0x3f));
		return 3;
	}
	out[0] = (char)(0xf0 | (c >> 18));
	out[1] = (char)(0x80 | ((c >> 12) & 0x3f));
	out[2] = (char)(0x80 | ((c >> 6) & 0x3f));
	out[3] = (char)(0x80 | (c & 0x3f));
	return 4;
}

struct emit {
	search_token_fn *fn;
	void *ctx;
	int query;
};

/* The unigram of 'c', text[start..end). */
static int emit_one(const struct emit *e, int flags, uint32_t c, int start,
		    int end)
{
	char t[4];

	return e->fn(e->ctx, flags, t, put(c, t), start, end);
}

/* The bigram of 'a' and 'b', text[start..end). */
static int emit_two(const struct emit *e, int flags, uint32_t a, uint32_t b,
		    int start, int end)
{
	char t[8];
	int n = put(a, t);

	n += put(b, t + n);
	return e->fn(e->ctx, flags, t, n, start, end);
}

/* Text that starts with SEARCH_TAGS_MARK: each word separated by spaces
 * after it is one token, as it is. */
static int tokenize_tags(const char *text, int n, search_token_fn *fn,
			 void *ctx)
{
	int i = 1, rc;

	while (i < n) {
		int start;

		while (i < n && text[i] == ' ')
			i++;
		start = i;
		while (i < n && text[i] != ' ')
			i++;
		if (i > start && (rc = fn(ctx, 0, text + start, i - start, start,
					  i)))
			return rc;
	}
	return 0;
}

int search_tokenize(const char *text, int n, enum search_tokenize_mode mode,
		    search_token_fn *fn, void *ctx)
{
	const unsigned char *s = (const unsigned char *)text;
	const struct emit e = { fn, ctx, mode == SEARCH_TOKENIZE_QUERY };
	uint32_t prev = 0;	/* the last word character, folded … */
	int prev_start = 0, prev_end = 0;	/* … and where it is */
	int in_run = 0;		/* 'prev' is in the current run */
	int seen_run = 0;	/* a run has been written */
	int gap_start = 0, gap_end = 0;	/* the separators since the last run */
	int i = 0, rc;

	if (n > 0 && text[0] == SEARCH_TAGS_MARK)
		return tokenize_tags(text, n, fn, ctx);
	pthread_once(&t2s_once, t2s_load);
	while (i < n) {
		uint32_t c = 0;
		int len = decode(s, n, i, &c);
		enum cls k = CLS_BREAK;

		if (len) {
			c = fold(c);
			k = classify(c);
		} else {
			len = 1;
		}
		if (k == CLS_SKIP) {
			i += len;
			continue;
		}
		if (k == CLS_BREAK) {
			if (in_run) {
				/* the run's last position: its unigram */
				rc = emit_one(&e, 0, prev, prev_start,
					      prev_end);
				if (rc)
					return rc;
				in_run = 0;
				gap_start = i;
			}
			gap_end = i + len;
			i += len;
			continue;
		}
		if (in_run) {
			/* prev's position: the unigram (documents only) and
			 * the bigram of prev and c */
			int flags = 0;

			if (!e.query) {
				rc = emit_one(&e, 0, prev, prev_start,
					      prev_end);
				if (rc)
					return rc;
				flags = SEARCH_TOKEN_COLOCATED;
			}
			rc = emit_two(&e, flags, prev, c, prev_start, i + len);
			if (rc)
				return rc;
		} else if (seen_run) {
			rc = fn(ctx, 0, SEARCH_TOKEN_BREAK,
				(int)sizeof(SEARCH_TOKEN_BREAK) - 1,
				gap_start, gap_end);
			if (rc)
				return rc;
		}
		prev = c;
		prev_start = i;
		prev_end = i + len;
		in_run = seen_run = 1;
		i += len;
	}
	if (in_run)
		return emit_one(&e, 0, prev, prev_start, prev_end);
	return 0;
}

void search_tokenizer_quote(struct buf *b, const char *term)
{
	buf_addch(b, '"');
	for (const char *p = term; *p; p++) {
		if (*p == '"')
			buf_addch(b, '"');
		buf_addch(b, *p);
	}
	buf_addch(b, '"');
}

/* FTS5's side: the tokenizer takes no arguments and keeps no state, so
 * every instance is the same static object. */
static char tk_instance;

static int tk_create(void *pctx, const char **argv, int argc,
		     Fts5Tokenizer **out)
{
	(void)pctx;
	(void)argv;
	if (argc > 0)
		return SQLITE_ERROR;
	*out = (Fts5Tokenizer *)&tk_instance;
	return SQLITE_OK;
}

static void tk_delete(Fts5Tokenizer *tk)
{
	(void)tk;
}

static int tk_tokenize(Fts5Tokenizer *tk, void *ctx, int flags,
		       const char *text, int n,
		       int (*token)(void *ctx, int tflags, const char *tok,
				    int ntok, int start, int end))
{
	(void)tk;
	if (n <= 0)
		return SQLITE_OK;
	return search_tokenize(text, n, (flags & FTS5_TOKENIZE_QUERY) ?
			       SEARCH_TOKENIZE_QUERY :
			       SEARCH_TOKENIZE_DOCUMENT, token, ctx);
}

fts5_api *search_fts5_api(sqlite3 *db)
{
	fts5_api *api = NULL;
	sqlite3_stmt *st = NULL;

	if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &st, NULL) ==
	    SQLITE_OK) {
		sqlite3_bind_pointer(st, 1, &api, "fts5_api_ptr", NULL);
		sqlite3_step(st);
	}
	sqlite3_finalize(st);
	return api && api->iVersion >= 2 ? api : NULL;
}

int search_tokenizer_register(sqlite3 *db)
{
	fts5_tokenizer tk = { tk_create, tk_delete, tk_tokenize };
	fts5_api *api = search_fts5_api(db);

	return api && api->xCreateTokenizer(api, SEARCH_TOKENIZER_NAME, NULL,
					    &tk, NULL) == SQLITE_OK ? 0 : -1;
}
