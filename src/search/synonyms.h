/* synonyms.h: government terms and their other names, for search
 *
 * A citizen types 低保, the notice says 最低生活保障.  The synonym list
 * (data/search/synonyms.csv, embedded in the binary) holds one group per
 * line: header 词,同义词, then two or more forms of the same thing, e.g.
 *   低保,最低生活保障
 * synonyms_expand() turns each positive, unquoted term of a parsed query
 * that belongs to a group into an OR of every form of its group, each added
 * form remembering the term it stands for (search_term.synonym_of), so a hit
 * can say "匹配：最低生活保障（低保的同义词）".  Quoted phrases and excluded
 * terms are left as typed.  Expansion is one step, never repeated on the
 * forms it adds, skips forms already in the group and is capped.
 *
 * Loaded once at start-up and then only read: threads may share it.
 */
#ifndef GK_SEARCH_SYNONYMS_H
#define GK_SEARCH_SYNONYMS_H

#include <stddef.h>

#include "query.h"
#include "../util/arena.h"
#include "../util/errors.h"
#include "../util/hmap.h"

#define SYNONYMS_MAX_FORMS	8	/* per group (line) */
#define SYNONYMS_MAX_FORM_BYTES	60	/* 20 Han characters */
#define SYNONYMS_EXPAND_MAX	32	/* forms added to one query */

struct synonym_group {
	const char **forms;	/* as in the file; forms[0] is the 词 column */
	size_t n;		/* 2 .. SYNONYMS_MAX_FORMS */
};

struct synonyms {
	struct arena arena;
	struct hmap index;	/* form, ASCII lower-cased → group number */
	struct synonym_group *groups;
	size_t ngroups;
};

#define SYNONYMS_INIT { ARENA_INIT, HMAP_INIT, NULL, 0 }

void synonyms_init(struct synonyms *s);
void synonyms_release(struct synonyms *s);

/* Load the CSV text 'text[0..len)' (UTF-8, header 词,同义词, one group per
 * line, empty cells ignored) into 's' (synonyms_init()ed, empty).  'where'
 * names the file in messages.  Every problem is reported as
 * "<where>:第N行: 原因" in 'err': a form with white space, quotes or without
 * any letter, digit or Han character, longer than SYNONYMS_MAX_FORM_BYTES,
 * a line with fewer than two or more than SYNONYMS_MAX_FORMS forms, a form
 * that appears twice.  Returns the number of groups, or -1 with 's' left
 * empty. */
int synonyms_load(struct synonyms *s, const char *text, size_t len,
		  const char *where, struct errors *err);

/* The group holding 'word' (compared with ASCII letters case-folded), or
 * NULL. */
const struct synonym_group *synonyms_lookup(const struct synonyms *s,
					    const char *word);

/* Expand the positive unquoted terms of 'q' in place (new arrays and
 * strings from 'a', which should be the arena 'q' lives in): each such
 * term's group gets the other forms of its synonym group, with synonym_of
 * set to the term.  A query holds at most SYNONYMS_EXPAND_MAX added forms
 * in all.  Returns the number added now; running it again adds nothing. */
size_t synonyms_expand(const struct synonyms *s, struct search_query *q,
		       struct arena *a);

#endif
