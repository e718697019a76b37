/* tokenizer.h: "gk_cjk", the FTS5 tokenizer that finds every substring
 *
 * Chinese has no spaces between words, and a word list would always miss
 * something, so the index keeps every character instead:
 *
 * Documents.  After folding (full-width ASCII ！-～ to ASCII, U+3000 to a
 * space, Latin, Greek, Cyrillic and Roman numerals to lower case, the 214
 * Kangxi radicals ⼀-⿕ to the ideographs they stand for), the text is cut
 * into runs of word characters: Han ideographs of every block (一-鿿, 㐀-䶿,
 * planes 2 and 3 such as 𠀀, the compatibility block), 々 〆 〇, kana,
 * Hangul, Latin letters, digits, other letters and numbers (Ⅱ, ①).  White
 * space, punctuation (ASCII, CJK, full-width), symbols (℃ ● ★ emoji),
 * controls and bytes that are not UTF-8 end a run.  Marks that only modify
 * the character before them (combining accents, variation selectors,
 * zero-width joiners, bidi marks such as U+200F) are skipped: they neither
 * end a run nor take a position.
 *
 * Every character of a run is a token at its own position (the unigram),
 * and the bigram of it and the next character of the run is a second token
 * at the same position (FTS5_TOKEN_COLOCATED).  Where runs meet, one token
 * SEARCH_TOKEN_BREAK takes a position of its own, however many characters
 * separate them; there is none before the first run or after the last.
 * "最低 保障。" gives: 最+最低, 低, BREAK, 保+保障, 障.
 *
 * Queries (FTS5_TOKENIZE_QUERY) give one token per position: the bigram
 * that starts there, or at the last character of a run its unigram, and
 * BREAK between runs.  "保障" gives 保障, 障; "低" gives 低; "低保，五保"
 * gives 低保, 保, BREAK, 五保, 保.  So a quoted FTS5 string finds exactly
 * the documents that contain it as a substring after folding, where any
 * stretch of separators in the query matches any stretch of separators in
 * the document (低保，五保 finds 低保、五保 but not 低保五保), and
 * separators at either end of the query are ignored.  The trailing unigram
 * adds nothing to what matches (the document has it wherever it has the
 * bigram before it); it is there so that highlight() and snippet(), which
 * mark from the first token's start to the last token's end, mark exactly
 * the matched text, and so that runs can be chained across a BREAK.
 * A phrase never spans two columns, so the end of a title and the start of
 * a body are not found together.
 *
 * Prefix queries ("保障"*) are not treated specially: FTS5 then looks for
 * tokens beginning with the last token, which finds the same documents,
 * since every substring is already found.  Traditional characters are
 * folded to simplified ones, character by character, with OpenCC's table
 * (data/search/t2s.txt, 3,751 characters, made by scripts/gen-t2s): 發展
 * finds 发展 and the other way round; where OpenCC maps a character that
 * simplified text also uses (乾 → 干), a search finds both.
 *
 * Offsets given to FTS5 are byte offsets in the original text, so
 * highlight() and snippet() cut the text as it was stored.  Input that is
 * not UTF-8 is tokenized too (each bad byte ends a run), never refused.
 *
 * Building MATCH expressions: each user term must reach FTS5 as a string,
 * "…" with every " inside doubled (search_tokenizer_quote() does it); FTS5
 * hands the string to this tokenizer in query mode, which gives the
 * substring semantics above.  A term that is only separators gives no
 * token, and FTS5 then finds nothing for it: leave such terms out.
 * Tags.  Text that begins with SEARCH_TAGS_MARK (a control character, which
 * ends a run anywhere else) is a list of words separated by spaces, each
 * one token as it is, in both modes: the store indexes what searches
 * filter on that way (r430104, d12, y2021) in a column of its own, which
 * users' terms are kept out of.
 *
 * Changing anything here changes the index: reindex after an upgrade.
 */
#ifndef GK_SEARCH_TOKENIZER_H
#define GK_SEARCH_TOKENIZER_H

struct buf;
struct sqlite3;

/* The tokenizer's name, as in  tokenize = 'gk_cjk'. */
#define SEARCH_TOKENIZER_NAME "gk_cjk"
/* The first byte of a list of tags (see above). */
#define SEARCH_TAGS_MARK '\x01'
/* The token between two runs (never the text of any other token). */
#define SEARCH_TOKEN_BREAK ","
/* tflags bit of a token at the same position as the one before it (the
 * value of FTS5_TOKEN_COLOCATED). */
#define SEARCH_TOKEN_COLOCATED 1

/* Register "gk_cjk" on the connection 'db' (through fts5_api, fetched with
 * SELECT fts5(?1)).  The store calls it from store_open() for every
 * connection it opens, before any statement touches an FTS5 table.
 * Returns 0, or -1 when SQLite has no FTS5 or refuses (the reason, when
 * SQLite gave one, is in sqlite3_errmsg(db)). */
int search_tokenizer_register(struct sqlite3 *db);
/* FTS5's API on 'db' (version 2 or later), or NULL without FTS5: what
 * registering a tokenizer or an FTS5 function needs. */
struct fts5_api *search_fts5_api(struct sqlite3 *db);

enum search_tokenize_mode {
	SEARCH_TOKENIZE_DOCUMENT,	/* also FTS5's AUX mode */
	SEARCH_TOKENIZE_QUERY,
};

/* Called once per token: 'flags' is 0 or SEARCH_TOKEN_COLOCATED, the token
 * is tok[0..ntok) (not NUL-terminated, 1 to 8 bytes), taken from
 * text[start..end).  A non-zero return stops the tokenizing. */
typedef int search_token_fn(void *ctx, int flags, const char *tok, int ntok,
			    int start, int end);

/* Tokenize text[0..n) as FTS5 would see it through "gk_cjk", calling 'fn'
 * for each token in order.  Returns 0, or the first non-zero value 'fn'
 * returned. */
int search_tokenize(const char *text, int n, enum search_tokenize_mode mode,
		    search_token_fn *fn, void *ctx);

/* Append 'term' to 'b' as an FTS5 string: in double quotes, each " in it
 * doubled.  Every byte of 'term' then reaches the tokenizer unchanged. */
void search_tokenizer_quote(struct buf *b, const char *term);

#endif
