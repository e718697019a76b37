/* query.h: what a citizen types into the search box, made into a safe FTS5
 * MATCH expression
 *
 * The grammar (the help text below says the same in Chinese):
 *
 *   - Words are separated by white space (ASCII or the ideographic space
 *     U+3000); every word must be found (AND).
 *   - "…", “…” or 「…」 (also 『…』; " “ ” are interchangeable) is a phrase:
 *     found as typed, its spaces and punctuation only breaks between pieces
 *     that must follow each other.  An opening quote also ends the word
 *     before it; an unbalanced quote closes at the end of the input.
 *   - A leading - (or －) on a word or a phrase excludes it (NOT).
 *   - The bare word OR (any case, also 或) between two terms makes them
 *     alternatives: 低保 OR 特困 救助 = (低保 OR 特困) AND 救助.  An OR
 *     next to an excluded term is dropped: exclusions are never alternatives.
 *   - Everything else is literal text.  FTS5 syntax typed by a user (AND,
 *     NOT, NEAR, *, ^, :, (, ), +, {, }, column filters) is searched for as
 *     text, never obeyed: every term reaches FTS5 as a quoted string.
 *
 * Before parsing, the input is cut to SEARCH_QUERY_MAX_BYTES at a character
 * boundary, invalid UTF-8, NUL, control and invisible format characters
 * (bidi marks, zero-width spaces) are dropped, full-width ASCII is folded to
 * half-width (ｏｒ → or, ＂ → ", － → -) and runs of white space become one
 * space.  Malformed input never fails hard: a lone -, misplaced ORs, empty
 * quotes, terms without any letter, digit or Han character (nothing the
 * tokenizer would look for) and terms past SEARCH_QUERY_MAX_TERMS are
 * dropped with a note for the person (Chinese).  Only an input without any
 * term to look for fails.
 *
 * 查询语法（帮助文字，见 search_query_help）：
 *   多个词用空格隔开，结果须同时包含这些词；
 *   用引号 "…"、“…” 或「…」括起的词组按原样查找；
 *   词或词组前加减号（-）表示排除；
 *   两个词之间的 OR 或「或」表示任一个都可以；
 *   其他符号都当作普通文字。
 */
#ifndef GK_SEARCH_QUERY_H
#define GK_SEARCH_QUERY_H

#include <stdbool.h>
#include <stddef.h>

#include "../util/arena.h"
#include "../util/errors.h"

#define SEARCH_QUERY_MAX_BYTES	1000	/* of the input; the rest is cut */
#define SEARCH_QUERY_MAX_TERMS	32	/* positive and excluded, as typed */
#define SEARCH_QUERY_MAX_NOTES	8	/* distinct notes kept */

/* One term: a word or phrase to look for.  'text' is NUL-terminated, valid
 * UTF-8 without control characters, not empty, searchable (see
 * search_query_is_searchable()); it may contain any other character, "
 * included. */
struct search_term {
	const char *text;
	/* NULL for what the user typed; for a form added by synonym expansion
	 * the user's term it stands for ("最低生活保障" has "低保"). */
	const char *synonym_of;
	bool phrase;		/* given in quotes (never expanded) */
};

/* Alternatives: a document matches the group when it has any one of them. */
struct search_group {
	struct search_term *alt;
	size_t n;		/* at least 1 */
};

/* A parsed query: every group must match, no excluded term may.  Everything
 * lives in the arena given to search_query_parse(). */
struct search_query {
	struct search_group *groups;
	size_t ngroups;
	struct search_term *excluded;
	size_t nexcluded;
	/* What was dropped or changed, for the person (Chinese, distinct). */
	const char *notes[SEARCH_QUERY_MAX_NOTES];
	size_t nnotes;
};

/* The grammar in Chinese, for the search page's help. */
extern const char search_query_help[];

/* Parse the 'len' bytes at 'input' (any bytes; need not be NUL-terminated)
 * into 'out', with strings from 'a'.  Returns 0, or -1 when nothing is left
 * to look for, with one Chinese message in 'err' ("请输入要查找的词语",
 * "只有排除词，无法查找…"); 'out' is filled either way, notes included. */
int search_query_parse(const char *input, size_t len, struct arena *a,
		       struct search_query *out, struct errors *err);

/* The FTS5 MATCH expression of 'q' (from 'a'), or NULL when q has no group.
 * Every term is an FTS5 string "…" with inner " doubled; groups of several
 * alternatives are parenthesised and joined by AND; exclusions give
 * (positives) NOT (neg1 OR neg2 …), FTS5's NOT being binary.  E.g.
 *   低保 OR 特困 申请 -城市  →  (("低保" OR "特困") AND "申请") NOT ("城市") */
const char *search_query_fts(const struct search_query *q, struct arena *a);

/* The distinct positive terms of 'q' (every alternative of every group,
 * expanded synonyms included), for highlighting: a NULL-terminated array
 * from 'a'; their number in *n when n is not NULL. */
const struct search_term **search_query_terms(const struct search_query *q,
					      struct arena *a, size_t *n);

/* True when the search tokenizer (tokenizer.h) finds something to look
 * for in text[0..len): at least one letter, digit or Han character.  A
 * term without any would find nothing, so the parser leaves it out. */
bool search_query_is_searchable(const char *text, size_t len);

#endif
