/* test-search-query.c: the search box's grammar (search/query.c) and the
 * synonym list (search/synonyms.c).
 *
 * Each case checks the exact FTS5 MATCH string a typed query becomes, and
 * CHECK_MATCH also runs that string against a real FTS5 table (unicode61
 * tokenizer, :memory:) so that no input can ever give an SQL error.  The
 * hostile inputs of the issue (quotes only, lone -, OR OR, 10,000
 * characters, invalid UTF-8, NUL, full-width forms) all go through it, and
 * a table of odd inputs is checked the same way at the end.  The synonym
 * tests load the shipped data/search/synonyms.csv (run from the top of the
 * tree, as tests/run does).
 */
#include "t.h"

#include <sqlite3.h>

#include "search/query.h"
#include "search/synonyms.h"
#include "search/tokenizer.h"
#include "util/arena.h"
#include "util/buf.h"
#include "util/errors.h"
#include "util/utf8.h"

static struct arena A = ARENA_INIT;
static struct search_query Q;
static struct errors E = ERRORS_INIT;
static sqlite3 *db;		/* t(x) with unicode61, a few rows */

static struct synonyms SYN = SYNONYMS_INIT;

static void cleanup(void)
{
	arena_release(&A);
	errors_release(&E);
	synonyms_release(&SYN);
	if (db)
		sqlite3_close(db);
	db = NULL;
}

static void reset(void)
{
	static int registered;

	if (!registered++)
		atexit(cleanup);
	arena_release(&A);
	errors_release(&E);
	errors_init(&E);
}

static int parse_n(const char *s, size_t n)
{
	reset();
	return search_query_parse(s, n, &A, &Q, &E);
}

static int parse(const char *s)
{
	return parse_n(s, strlen(s));
}

static sqlite3 *open_db(int cjk)
{
	static const char *const rows[] = {
		"apple banana", "apple cherry", "banana cherry date",
		"and or not near", "最低生活保障 申请", NULL,
	};
	sqlite3 *d;
	sqlite3_stmt *st;

	if (sqlite3_open(":memory:", &d) != SQLITE_OK)
		return NULL;
	if (cjk && search_tokenizer_register(d))
		return NULL;
	if (sqlite3_exec(d, cjk ?
			 "CREATE VIRTUAL TABLE t USING fts5(x, tokenize='gk_cjk')" :
			 "CREATE VIRTUAL TABLE t USING fts5(x)",
			 NULL, NULL, NULL) != SQLITE_OK)
		return NULL;
	if (sqlite3_prepare_v2(d, "INSERT INTO t(x) VALUES (?)", -1, &st,
			       NULL) != SQLITE_OK)
		return NULL;
	for (int i = 0; rows[i]; i++) {
		sqlite3_bind_text(st, 1, rows[i], -1, SQLITE_STATIC);
		if (sqlite3_step(st) != SQLITE_DONE)
			return NULL;
		sqlite3_reset(st);
	}
	sqlite3_finalize(st);
	return d;
}

/* Run 'match' on table t of 'd': NULL when FTS5 accepts it (the rowids
 * found, comma-separated, in *rows when rows is not NULL), else SQLite's
 * message. */
static const char *run_match(sqlite3 *d, const char *match, const char **rows)
{
	static char found[256], msg[512];
	sqlite3_stmt *st;
	int rc;

	found[0] = 0;
	if (!d)
		d = db ? db : (db = open_db(0));
	if (!d)
		return "could not open the test database";
	if (sqlite3_prepare_v2(d, "SELECT rowid FROM t WHERE t MATCH ? "
			       "ORDER BY rowid", -1, &st, NULL) != SQLITE_OK) {
		snprintf(msg, sizeof(msg), "%s", sqlite3_errmsg(d));
		return msg;
	}
	sqlite3_bind_text(st, 1, match, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		size_t n = strlen(found);
		snprintf(found + n, sizeof(found) - n, "%s%lld", n ? "," : "",
			 (long long)sqlite3_column_int64(st, 0));
	}
	if (rc != SQLITE_DONE) {
		snprintf(msg, sizeof(msg), "%s", sqlite3_errmsg(d));
		sqlite3_finalize(st);
		return msg;
	}
	sqlite3_finalize(st);
	if (rows)
		*rows = found;
	return NULL;
}

static const char *has_note(const char *part)
{
	for (size_t i = 0; i < Q.nnotes; i++)
		if (strstr(Q.notes[i], part))
			return Q.notes[i];
	return NULL;
}

static const char *first_error(void)
{
	return E.n ? E.msg[0] : NULL;
}

/* Parse 'in', expect success and exactly the MATCH string 'want', which a
 * real FTS5 table must accept. */
#define CHECK_MATCH(in, want) do { \
	const char *m_, *e_; \
	if (parse(in) != 0) \
		T_FAIL("parse(\"%s\") failed: %s", in, first_error()); \
	m_ = search_query_fts(&Q, &A); \
	CHECK_STR(m_, want); \
	if ((e_ = run_match(NULL, m_, NULL))) \
		T_FAIL("FTS5 refused %s: %s", m_, e_); \
} while (0)

/* Parse 'in', expect failure with a message containing 'why'. */
#define CHECK_REFUSED(in, n, why) do { \
	CHECK_INT(parse_n(in, n), -1); \
	CHECK_INT(Q.ngroups, 0); \
	CHECK(search_query_fts(&Q, &A) == NULL); \
	CHECK_CONTAINS(first_error(), why); \
} while (0)

#define CHECK_NOTE(part) do { \
	if (!has_note(part)) \
		T_FAIL("no note containing \"%s\" (%zu notes%s%s)", part, \
		       Q.nnotes, Q.nnotes ? ", first: " : "", \
		       Q.nnotes ? Q.notes[0] : ""); \
} while (0)

/* ---- words, phrases ---------------------------------------------------- */

TEST(test_query__one_word)
{
	CHECK_MATCH("低保", "\"低保\"");
	CHECK_INT(Q.ngroups, 1);
	CHECK_INT(Q.groups[0].n, 1);
	CHECK(!Q.groups[0].alt[0].phrase);
	CHECK(Q.groups[0].alt[0].synonym_of == NULL);
	CHECK_INT(Q.nnotes, 0);
	CHECK_INT(errors_count(&E), 0);
}

TEST(test_query__words_are_anded)
{
	CHECK_MATCH("低保 申请 条件", "\"低保\" AND \"申请\" AND \"条件\"");
	CHECK_INT(Q.ngroups, 3);
	CHECK_INT(Q.nnotes, 0);
}

TEST(test_query__ideographic_space_tabs_newlines_separate)
{
	CHECK_MATCH("低保\xe3\x80\x80申请", "\"低保\" AND \"申请\"");
	CHECK_MATCH("  低保\t\t申请\r\n条件  ",
		    "\"低保\" AND \"申请\" AND \"条件\"");
	CHECK_MATCH("\xc2\xa0低保\xe2\x80\x83申请", "\"低保\" AND \"申请\"");
	CHECK_INT(Q.nnotes, 0);
}

TEST(test_query__ascii_quotes_make_a_phrase)
{
	CHECK_MATCH("\"困难 群众\" 补贴", "\"困难 群众\" AND \"补贴\"");
	CHECK(Q.groups[0].alt[0].phrase);
	CHECK(!Q.groups[1].alt[0].phrase);
	CHECK_STR(Q.groups[0].alt[0].text, "困难 群众");
}

TEST(test_query__chinese_quotes_make_a_phrase)
{
	CHECK_MATCH("“困难群众 基本生活”", "\"困难群众 基本生活\"");
	CHECK(Q.groups[0].alt[0].phrase);
	CHECK_MATCH("「临时救助」 标准", "\"临时救助\" AND \"标准\"");
	CHECK_MATCH("『特困人员』", "\"特困人员\"");
	/* input methods mix up “ and ”, and " with either */
	CHECK_MATCH("”低保 申请“", "\"低保 申请\"");
	CHECK_MATCH("\"低保 申请”", "\"低保 申请\"");
	CHECK_INT(Q.nnotes, 0);
}

TEST(test_query__phrase_spaces_trimmed_and_collapsed)
{
	CHECK_MATCH("\"  低保    申请  \"", "\"低保 申请\"");
	CHECK_MATCH("「　低保　」", "\"低保\"");
}

TEST(test_query__quote_inside_corner_brackets_is_doubled)
{
	CHECK_MATCH("「say \"hi\"」", "\"say \"\"hi\"\"\"");
	CHECK_STR(Q.groups[0].alt[0].text, "say \"hi\"");
	CHECK_MATCH("『a“b』", "\"a“b\"");
}

TEST(test_query__quote_in_a_word_starts_a_phrase)
{
	CHECK_MATCH("低保\"申请 条件\"", "\"低保\" AND \"申请 条件\"");
	CHECK_MATCH("\"低保\"申请", "\"低保\" AND \"申请\"");
	CHECK_MATCH("\"a\"\"b\"", "\"a\" AND \"b\"");
}

TEST(test_query__unbalanced_quote_closes_at_end)
{
	CHECK_MATCH("补贴 \"农机 购置", "\"补贴\" AND \"农机 购置\"");
	CHECK(Q.groups[1].alt[0].phrase);
	CHECK_NOTE("引号没有成对");
	CHECK_MATCH("「临时救助", "\"临时救助\"");
	CHECK_NOTE("引号没有成对");
	CHECK_MATCH("低保\"", "\"低保\"");
	CHECK_NOTE("引号没有成对");
	CHECK_NOTE("空的引号");
}

TEST(test_query__stray_closing_bracket_is_text)
{
	/* 」 opens nothing: it is punctuation inside the word */
	CHECK_MATCH("低保」", "\"低保」\"");
	CHECK_MATCH("」 低保", "\"低保\"");
	CHECK_NOTE("没有文字或数字");
}

/* ---- exclusion ---------------------------------------------------------- */

TEST(test_query__minus_excludes)
{
	CHECK_MATCH("补贴 -农机", "(\"补贴\") NOT (\"农机\")");
	CHECK_INT(Q.ngroups, 1);
	CHECK_INT(Q.nexcluded, 1);
	CHECK_STR(Q.excluded[0].text, "农机");
	CHECK_MATCH("-农机 补贴", "(\"补贴\") NOT (\"农机\")");
}

TEST(test_query__several_exclusions_are_ored)
{
	CHECK_MATCH("a b -c -d", "(\"a\" AND \"b\") NOT (\"c\" OR \"d\")");
	CHECK_MATCH("a OR b -c -d",
		    "((\"a\" OR \"b\")) NOT (\"c\" OR \"d\")");
}

TEST(test_query__full_width_minus_and_quoted_exclusion)
{
	CHECK_MATCH("补贴 －农机", "(\"补贴\") NOT (\"农机\")");
	CHECK_MATCH("补贴 -“农机 购置”", "(\"补贴\") NOT (\"农机 购置\")");
	CHECK(Q.excluded[0].phrase);
	CHECK_MATCH("补贴 -「农机」", "(\"补贴\") NOT (\"农机\")");
	CHECK_MATCH("补贴 -\"农机\"", "(\"补贴\") NOT (\"农机\")");
}

TEST(test_query__minus_inside_a_word_is_text)
{
	CHECK_MATCH("COVID-19", "\"COVID-19\"");
	CHECK_MATCH("2023-2024 年度", "\"2023-2024\" AND \"年度\"");
	CHECK_MATCH("\"-低保\"", "\"-低保\"");
	CHECK_INT(Q.nexcluded, 0);
	/* only the first - excludes; the rest is the term's text */
	CHECK_MATCH("a --b", "(\"a\") NOT (\"-b\")");
}

TEST(test_query__lone_minus_is_dropped)
{
	CHECK_MATCH("补贴 - 农机", "\"补贴\" AND \"农机\"");
	CHECK_NOTE("单独的减号");
	CHECK_MATCH("补贴 -", "\"补贴\"");
	CHECK_NOTE("单独的减号");
	CHECK_REFUSED("-", 1, "请输入要查找的词语");
	CHECK_NOTE("单独的减号");
	CHECK_REFUSED("- - －", strlen("- - －"), "请输入要查找的词语");
}

TEST(test_query__only_exclusions_refused)
{
	CHECK_REFUSED("-低保", strlen("-低保"), "只有排除词");
	CHECK_INT(Q.nexcluded, 1);
	CHECK_REFUSED("-低保 -“特困”", strlen("-低保 -“特困”"), "只有排除词");
	CHECK_INT(Q.nexcluded, 2);
}

TEST(test_query__exclusion_semantics)
{
	const char *rows, *e;

	/* rows: 1 apple banana, 2 apple cherry, 3 banana cherry date */
	CHECK_INT(parse("apple -banana"), 0);
	CHECK((e = run_match(NULL, search_query_fts(&Q, &A), &rows)) == NULL);
	CHECK_STR(rows, "2");
	CHECK_INT(parse("cherry OR banana -apple -zebra"), 0);
	CHECK((e = run_match(NULL, search_query_fts(&Q, &A), &rows)) == NULL);
	CHECK_STR(rows, "3");
	CHECK_INT(parse("apple OR date cherry -banana"), 0);
	CHECK((e = run_match(NULL, search_query_fts(&Q, &A), &rows)) == NULL);
	CHECK_STR(rows, "2");
	CHECK_INT(parse("apple OR date banana OR cherry"), 0);
	CHECK((e = run_match(NULL, search_query_fts(&Q, &A), &rows)) == NULL);
	CHECK_STR(rows, "1,2,3");
}

/* ---- OR ------------------------------------------------------------------ */

TEST(test_query__or_makes_alternatives)
{
	CHECK_MATCH("低保 OR 特困", "(\"低保\" OR \"特困\")");
	CHECK_INT(Q.ngroups, 1);
	CHECK_INT(Q.groups[0].n, 2);
	CHECK_MATCH("低保 OR 特困 申请", "(\"低保\" OR \"特困\") AND \"申请\"");
	CHECK_MATCH("申请 低保 OR 特困", "\"申请\" AND (\"低保\" OR \"特困\")");
	CHECK_MATCH("a OR b OR c", "(\"a\" OR \"b\" OR \"c\")");
	CHECK_MATCH("a OR b c OR d", "(\"a\" OR \"b\") AND (\"c\" OR \"d\")");
	CHECK_INT(Q.nnotes, 0);
}

TEST(test_query__or_any_case_full_width_and_chinese)
{
	CHECK_MATCH("a or b", "(\"a\" OR \"b\")");
	CHECK_MATCH("a Or b", "(\"a\" OR \"b\")");
	CHECK_MATCH("a oR b", "(\"a\" OR \"b\")");
	CHECK_MATCH("低保 或 特困", "(\"低保\" OR \"特困\")");
	CHECK_MATCH("低保 ＯＲ 特困", "(\"低保\" OR \"特困\")");
	CHECK_MATCH("低保　ｏｒ　特困", "(\"低保\" OR \"特困\")");
	CHECK_INT(Q.nnotes, 0);
}

TEST(test_query__or_between_phrases)
{
	CHECK_MATCH("“最低 生活”OR「特困」", "(\"最低 生活\" OR \"特困\")");
	CHECK_MATCH("“最低 生活” OR 「特困」",
		    "(\"最低 生活\" OR \"特困\")");
}

TEST(test_query__or_only_as_a_bare_word)
{
	CHECK_MATCH("\"OR\"", "\"OR\"");
	CHECK_MATCH("a \"or\" b", "\"a\" AND \"or\" AND \"b\"");
	CHECK_MATCH("ORDER", "\"ORDER\"");
	CHECK_MATCH("或者", "\"或者\"");
	CHECK_MATCH("a OR's", "\"a\" AND \"OR's\"");
	CHECK_MATCH("a -OR", "(\"a\") NOT (\"OR\")");
}

TEST(test_query__leading_or_dropped)
{
	CHECK_MATCH("OR 低保", "\"低保\"");
	CHECK_NOTE("要写在两个要查找的词中间");
	CHECK_MATCH("或 低保", "\"低保\"");
	CHECK_NOTE("「或」");
}

TEST(test_query__trailing_or_dropped)
{
	CHECK_MATCH("低保 OR", "\"低保\"");
	CHECK_NOTE("多余的「OR」已忽略");
	CHECK_MATCH("低保 申请 or", "\"低保\" AND \"申请\"");
	CHECK_NOTE("多余的「or」已忽略");
}

TEST(test_query__double_or_counts_once)
{
	CHECK_MATCH("低保 OR OR 特困", "(\"低保\" OR \"特困\")");
	CHECK_NOTE("多余的「OR」已忽略");
	CHECK_MATCH("a OR OR OR b OR", "(\"a\" OR \"b\")");
	CHECK_INT(Q.nnotes, 1);	/* notes are distinct */
}

TEST(test_query__or_alone_refused)
{
	CHECK_REFUSED("OR", 2, "请输入要查找的词语");
	CHECK_NOTE("OR");
	CHECK_REFUSED("OR OR", 5, "请输入要查找的词语");
	CHECK_REFUSED("或 或 OR", strlen("或 或 OR"), "请输入要查找的词语");
}

TEST(test_query__or_next_to_exclusion_dropped)
{
	CHECK_MATCH("a OR -b", "(\"a\") NOT (\"b\")");
	CHECK_NOTE("排除的词不能用「OR」连接");
	CHECK_MATCH("-a OR b", "(\"b\") NOT (\"a\")");
	CHECK_NOTE("排除的词不能用「OR」连接");
	CHECK_MATCH("x -a OR b", "(\"x\" AND \"b\") NOT (\"a\")");
}

TEST(test_query__same_alternative_once)
{
	CHECK_MATCH("低保 OR 低保", "\"低保\"");
	CHECK_MATCH("a OR b OR a", "(\"a\" OR \"b\")");
}

TEST(test_query__dropped_term_between_ors)
{
	CHECK_MATCH("a OR !!! OR b", "(\"a\" OR \"b\")");
	CHECK_NOTE("没有文字或数字");
}

/* ---- FTS5 syntax typed by users: text, never operators -------------------- */

TEST(test_query__fts5_operators_are_text)
{
	CHECK_MATCH("a AND b", "\"a\" AND \"AND\" AND \"b\"");
	CHECK_MATCH("NOT a", "\"NOT\" AND \"a\"");
	CHECK_MATCH("a NOT b", "\"a\" AND \"NOT\" AND \"b\"");
	CHECK_MATCH("NEAR(a b)", "\"NEAR(a\" AND \"b)\"");
	CHECK_MATCH("NEAR(a b, 3)", "\"NEAR(a\" AND \"b,\" AND \"3)\"");
	CHECK_MATCH("NEAR", "\"NEAR\"");
	CHECK_MATCH("AND", "\"AND\"");
}

TEST(test_query__fts5_syntax_characters_are_text)
{
	CHECK_MATCH("a*", "\"a*\"");
	CHECK_MATCH("^a", "\"^a\"");
	CHECK_MATCH("x:a", "\"x:a\"");
	CHECK_MATCH("(a)", "\"(a)\"");
	CHECK_MATCH("(a OR b)", "(\"(a\" OR \"b)\")");
	CHECK_MATCH("a+b", "\"a+b\"");
	CHECK_MATCH("{x y}:a", "\"{x\" AND \"y}:a\"");
	CHECK_MATCH("-{x}: a", "(\"a\") NOT (\"{x}:\")");
	CHECK_MATCH("x : a", "\"x\" AND \"a\"");
	CHECK_NOTE("「:」里没有文字或数字");
	CHECK_MATCH("a + b", "\"a\" AND \"b\"");
	CHECK_MATCH("t MATCH 'a'", "\"t\" AND \"MATCH\" AND \"'a'\"");
	CHECK_MATCH("a'; DROP TABLE t; --",
		    "\"a';\" AND \"DROP\" AND \"TABLE\" AND \"t;\"");
}

TEST(test_query__fts5_syntax_alone_refused)
{
	static const char *const only[] = {
		"*", "^", ":", "(", ")", "+", "{", "}", "( )", "()", "*^:",
		"\"", "\"\"", "\"\"\"", "\"\"\"\"\"\"", "“”", "「」", "\" \"",
		"！！", "。。。", "——", "、", "※ ● ★", NULL,
	};

	for (int i = 0; only[i]; i++) {
		if (parse(only[i]) != -1)
			T_FAIL("\"%s\" was accepted: %s", only[i],
			       search_query_fts(&Q, &A));
		CHECK_CONTAINS(first_error(), "请输入要查找的词语");
	}
}

TEST(test_query__punctuation_terms_dropped_with_note)
{
	CHECK_MATCH("低保 ！！ 申请", "\"低保\" AND \"申请\"");
	CHECK_NOTE("「!!」里没有文字或数字");
	CHECK_MATCH("低保 \"\" 申请", "\"低保\" AND \"申请\"");
	CHECK_NOTE("空的引号");
	CHECK_MATCH("低保 -。。", "\"低保\"");
	CHECK_NOTE("没有文字或数字");
	CHECK_MATCH("低保 😀", "\"低保\"");
	CHECK_NOTE("没有文字或数字");
}

TEST(test_query__punctuation_inside_a_word_kept)
{
	CHECK_MATCH("低保、申请", "\"低保、申请\"");
	CHECK_MATCH("低保，申请", "\"低保,申请\"");	/* ， is full-width */
	CHECK_MATCH("《社会救助暂行办法》", "\"《社会救助暂行办法》\"");
	CHECK_MATCH("①", "\"①\"");
	CHECK_MATCH("Ⅱ级", "\"Ⅱ级\"");
	CHECK_MATCH("二〇二三年", "\"二〇二三年\"");
	CHECK_MATCH("𠀀", "\"𠀀\"");
}

/* ---- the hostile inputs of the issue --------------------------------------- */

TEST(test_query__empty_input_refused)
{
	CHECK_REFUSED("", 0, "请输入要查找的词语");
	CHECK_INT(Q.nnotes, 0);
	CHECK_REFUSED("   \t\r\n　", strlen("   \t\r\n　"), "请输入要查找的词语");
	reset();
	CHECK_INT(search_query_parse(NULL, 5, &A, &Q, &E), -1);
	CHECK_CONTAINS(first_error(), "请输入要查找的词语");
}

TEST(test_query__long_input_cut_at_1000_bytes)
{
	char *s = malloc(10001);

	memset(s, 'a', 10000);
	s[10000] = 0;
	CHECK_INT(parse(s), 0);
	CHECK_INT(strlen(Q.groups[0].alt[0].text), 1000);
	CHECK_NOTE("太长");
	CHECK(run_match(NULL, search_query_fts(&Q, &A), NULL) == NULL);
	/* 10,000 words: cut, then at most 32 terms */
	for (int i = 0; i < 10000; i += 2) {
		s[i] = 'a' + (i / 2) % 26;
		s[i + 1] = ' ';
	}
	CHECK_INT(parse(s), 0);
	CHECK_INT(Q.ngroups, SEARCH_QUERY_MAX_TERMS);
	CHECK_NOTE("太长");
	CHECK_NOTE("词语太多");
	CHECK(run_match(NULL, search_query_fts(&Q, &A), NULL) == NULL);
	free(s);
}

TEST(test_query__long_han_input_cut_at_a_character)
{
	struct buf b = BUF_INIT;

	for (int i = 0; i < 10000; i++)
		buf_adds(&b, "保");
	CHECK_INT(parse_n(b.buf, b.len), 0);
	CHECK_INT(strlen(Q.groups[0].alt[0].text), 999);	/* 333 × 3 */
	CHECK(utf8_valid(Q.groups[0].alt[0].text, 999));
	/* 999 ASCII bytes, then a 3-byte character across the limit */
	buf_reset(&b);
	for (int i = 0; i < 999; i++)
		buf_addch(&b, 'x');
	buf_adds(&b, "保保");
	CHECK_INT(parse_n(b.buf, b.len), 0);
	CHECK_INT(strlen(Q.groups[0].alt[0].text), 999);
	CHECK_NOTE("太长");
	/* exactly 1000 bytes: nothing cut, no note */
	buf_reset(&b);
	for (int i = 0; i < 997; i++)
		buf_addch(&b, 'x');
	buf_adds(&b, "保");
	CHECK_INT(parse_n(b.buf, b.len), 0);
	CHECK_INT(strlen(Q.groups[0].alt[0].text), 1000);
	CHECK_INT(Q.nnotes, 0);
	buf_release(&b);
}

TEST(test_query__more_than_32_terms)
{
	struct buf b = BUF_INIT;

	for (int i = 0; i < 40; i++)
		buf_addf(&b, "w%d ", i);
	CHECK_INT(parse_n(b.buf, b.len), 0);
	CHECK_INT(Q.ngroups, 32);
	CHECK_STR(Q.groups[31].alt[0].text, "w31");
	CHECK_NOTE("只用了前 32 个");
	/* exclusions count too; an OR after the cap is not a stray OR */
	buf_reset(&b);
	for (int i = 0; i < 31; i++)
		buf_addf(&b, "-n%d ", i);
	buf_adds(&b, "p OR q OR r");
	CHECK_INT(parse_n(b.buf, b.len), 0);
	CHECK_INT(Q.nexcluded, 31);
	CHECK_INT(Q.ngroups, 1);
	CHECK_INT(Q.groups[0].n, 1);
	CHECK_INT(Q.nnotes, 1);
	CHECK(run_match(NULL, search_query_fts(&Q, &A), NULL) == NULL);
	buf_release(&b);
}

TEST(test_query__invalid_utf8_dropped)
{
	CHECK_MATCH("\xff\xfe低保\xc0\xaf 申请\x80", "\"低保\" AND \"申请\"");
	CHECK_NOTE("UTF-8");
	/* a surrogate, an overlong NUL, beyond U+10FFFF, cut short */
	CHECK_MATCH("\xed\xa0\x80低\xc0\x80保\xf4\x90\x80\x80 \xe4\xbd",
		    "\"低保\"");
	CHECK_NOTE("UTF-8");
	/* GBK bytes of 中文 are not UTF-8 */
	CHECK_REFUSED("\xd6\xd0\xce\xc4", 4, "请输入要查找的词语");
	CHECK_NOTE("UTF-8");
}

TEST(test_query__nul_and_controls_dropped)
{
	/* what %00 decodes to: the NUL is dropped, not an end */
	CHECK_INT(parse_n("低\0保 申请", strlen("低") + 1 + strlen("保 申请")), 0);
	CHECK_STR(search_query_fts(&Q, &A), "\"低保\" AND \"申请\"");
	CHECK_NOTE("控制字符");
	CHECK_REFUSED("\0\0\0", 3, "请输入要查找的词语");
	CHECK_MATCH("a\x01\x1b[31mb\x7f", "\"a[31mb\"");
	CHECK_NOTE("控制字符");
	CHECK_MATCH("\xc2\x80\xc2\x9f低保", "\"低保\"");
	CHECK_NOTE("控制字符");
}

TEST(test_query__invisible_format_characters_dropped)
{
	/* RLO, LRM, zero-width space and joiner, BOM, soft hyphen */
	CHECK_MATCH("\xe2\x80\xae低\xe2\x80\x8e保\xe2\x80\x8b \xef\xbb\xbf申"
		    "\xe2\x80\x8d请\xc2\xad", "\"低保\" AND \"申请\"");
	CHECK_NOTE("不可见");
}

TEST(test_query__full_width_folded)
{
	CHECK_MATCH("ＡＢＣ１２３", "\"ABC123\"");
	CHECK_MATCH("＂低保　申请＂", "\"低保 申请\"");
	CHECK(Q.groups[0].alt[0].phrase);
	CHECK_MATCH("（低保）", "\"(低保)\"");
	CHECK_MATCH("ＮＥＡＲ（ａ）", "\"NEAR(a)\"");
	CHECK_MATCH("低保＊", "\"低保*\"");
}

TEST(test_query__notes_are_capped_and_distinct)
{
	CHECK_MATCH("! @ # $ % & = ? ~ | ; , . / < > [ ] 低保",
		    "\"低保\"");
	CHECK_INT(Q.nnotes, SEARCH_QUERY_MAX_NOTES);
	for (size_t i = 0; i < Q.nnotes; i++)
		for (size_t j = 0; j < i; j++)
			CHECK(strcmp(Q.notes[i], Q.notes[j]));
}

TEST(test_query__long_punctuation_excerpt_cut)
{
	CHECK_MATCH("低保 ！！！！！！！！！！！！！！！！！！！！！！！！", "\"低保\"");
	CHECK_NOTE("「!!!!!!!!!!!!!!!!…」");
}

/* ---- terms ---------------------------------------------------------------- */

TEST(test_query__terms_are_the_distinct_positives)
{
	const struct search_term **t;
	size_t n;

	CHECK_INT(parse("低保 OR 特困 申请 -城市 低保 “困难 群众”"), 0);
	t = search_query_terms(&Q, &A, &n);
	CHECK_INT(n, 4);
	CHECK_STR(t[0]->text, "低保");
	CHECK_STR(t[1]->text, "特困");
	CHECK_STR(t[2]->text, "申请");
	CHECK_STR(t[3]->text, "困难 群众");
	CHECK(t[3]->phrase);
	CHECK(t[4] == NULL);
	CHECK(search_query_terms(&Q, &A, NULL)[4] == NULL);
}

TEST(test_query__searchable)
{
	CHECK(search_query_is_searchable("低保", strlen("低保")));
	CHECK(search_query_is_searchable("a", 1));
	CHECK(search_query_is_searchable("，7。", strlen("，7。")));
	CHECK(!search_query_is_searchable("，。", strlen("，。")));
	CHECK(!search_query_is_searchable("", 0));
	CHECK(!search_query_is_searchable("\"*^:()", 6));
}

TEST(test_query__help_text)
{
	CHECK_CONTAINS(search_query_help, "OR");
	CHECK_CONTAINS(search_query_help, "排除");
	CHECK_CONTAINS(search_query_help, "「");
	CHECK(utf8_valid(search_query_help, strlen(search_query_help)));
}

/* Every input here parses or is refused with a message; what parses gives
 * a MATCH string FTS5 accepts, and terms that are clean UTF-8. */
TEST(test_query__odd_inputs_never_an_sql_error)
{
	static const char *const odd[] = {
		"\"", "\"\"", "\"\"\"", "a\"", "\"a", "a\"b\"c", "\"a\"\"b\"",
		"'", "''", "a'b", "\\", "a\\\"b", "\\\"", "\"\\\"",
		"-", "--", "---a", "- -a", "-\"", "-\"\"", "-“”", "-「」",
		"OR", "OR OR", "a OR", "OR a", "a OR OR b", "-a OR -b",
		"a OR -", "a - OR b", "或或", "或 或", "a 或", "ＯＲ ＯＲ",
		"AND", "NOT", "NEAR", "a AND", "NOT a", "a NOT", "NEAR(",
		"NEAR()", "NEAR(a", "NEAR(a b, 10)", "NEAR/3", "a NEAR b",
		"*", "a*", "*a", "\"a\"*", "^", "^a", "a^", "^\"a\"",
		":", "a:", ":a", "x:a", "{a b}:c", "- {a}:b", "-x:a",
		"(", ")", "(a", "a)", "((a))", "(a OR b) AND (c)", ")(",
		"+", "a + b", "a+", "{", "}", "{}", "[a]", "a;b", "a,b",
		"\"a OR b\"", "\"a AND NOT b\"", "\"NEAR(a b)\"", "\"a\" OR \"b\"",
		"“a”“b”", "「a」「b」", "『a』", "「a\"b」", "“a「b」c”",
		"\xe2\x80\x9c", "\xe3\x80\x8c", "\xe3\x80\x8d", "\xe3\x80\x8e",
		"\xef\xbc\x82\xef\xbc\x8d", "\xef\xbc\x8d\xef\xbc\x8d",
		"\xf0\x9f\x98\x80", "a\xf0\x9f\x98\x80", "\xf0\x9f",
		"\xe2\x80\xae\"a\"", "\xcc\x81", "a\xcc\x81", "\xef\xbf\xbd",
		"\xef\xbf\xbe", "\xf3\xa0\x80\x81", "\xe2\x81\xa6" "a\xe2\x81\xa9",
		"%00", "%22", "&quot;", "<script>\"'&</script>",
		"SELECT * FROM t", "x\" OR 1=1 --", "\"\"a\"\"", "\"\"\"a\"\"\"",
		NULL,
	};
	char msg[600];

	for (int i = 0; odd[i]; i++) {
		const char *m, *e;

		if (parse(odd[i])) {
			if (!first_error())
				T_FAIL("\"%s\" refused without a message", odd[i]);
			continue;
		}
		m = search_query_fts(&Q, &A);
		if (!m)
			T_FAIL("\"%s\": no MATCH string", odd[i]);
		if ((e = run_match(NULL, m, NULL))) {
			snprintf(msg, sizeof(msg), "%s", e);
			T_FAIL("\"%s\" → %s: %s", odd[i], m, msg);
		}
		for (size_t g = 0; g < Q.ngroups; g++)
			for (size_t j = 0; j < Q.groups[g].n; j++) {
				const char *t = Q.groups[g].alt[j].text;
				CHECK(*t && utf8_valid(t, strlen(t)));
			}
	}
}

/* ---- synonyms --------------------------------------------------------------- */

/* The shipped list, read from data/search/synonyms.csv. */
static int load_shipped(struct synonyms *s, struct errors *err)
{
	FILE *fp = fopen("data/search/synonyms.csv", "rb");
	struct buf b = BUF_INIT;
	char chunk[4096];
	size_t n;
	int rc;

	if (!fp)
		return -2;
	while ((n = fread(chunk, 1, sizeof(chunk), fp)) > 0)
		buf_add(&b, chunk, n);
	fclose(fp);
	synonyms_init(s);
	rc = synonyms_load(s, b.buf, b.len, "synonyms.csv", err);
	buf_release(&b);
	return rc;
}

static int load_text(struct synonyms *s, const char *csv)
{
	reset();
	synonyms_release(s);
	return synonyms_load(s, csv, strlen(csv), "test.csv", &E);
}

TEST(test_synonyms__shipped_list_loads)
{
	struct errors err = ERRORS_INIT;
	int n;

	synonyms_release(&SYN);
	n = load_shipped(&SYN, &err);
	if (n < 0) {
		T_FAIL("data/search/synonyms.csv: %s", n == -2 ? "cannot open "
		       "(run from the top of the tree)" :
		       err.n ? err.msg[0] : "refused");
	}
	CHECK(n >= 20 && n <= 40);
	errors_release(&err);
	for (size_t g = 0; g < SYN.ngroups; g++) {
		CHECK(SYN.groups[g].n >= 2);
		for (size_t i = 0; i < SYN.groups[g].n; i++) {
			const char *f = SYN.groups[g].forms[i];
			CHECK(synonyms_lookup(&SYN, f) == &SYN.groups[g]);
			/* each form is one term for the query parser */
			CHECK_INT(parse(f), 0);
			CHECK_INT(Q.ngroups, 1);
			CHECK_STR(Q.groups[0].alt[0].text, f);
		}
	}
}

TEST(test_synonyms__lookup)
{
	const struct synonym_group *g;

	if (!SYN.ngroups)
		T_FAIL("shipped list not loaded");
	g = synonyms_lookup(&SYN, "低保");
	CHECK(g != NULL);
	CHECK_INT(g->n, 2);
	CHECK_STR(g->forms[0], "低保");
	CHECK_STR(g->forms[1], "最低生活保障");
	CHECK(synonyms_lookup(&SYN, "最低生活保障") == g);
	CHECK(synonyms_lookup(&SYN, "五保") ==
	      synonyms_lookup(&SYN, "特困人员救助供养"));
	CHECK(synonyms_lookup(&SYN, "低保户") == NULL);
	CHECK(synonyms_lookup(&SYN, "") == NULL);
}

TEST(test_synonyms__expand_term)
{
	const struct search_term **t;
	size_t n;

	CHECK_INT(parse("低保 申请"), 0);
	CHECK_INT(synonyms_expand(&SYN, &Q, &A), 1);
	CHECK_STR(search_query_fts(&Q, &A),
		  "(\"低保\" OR \"最低生活保障\") AND \"申请\"");
	CHECK_INT(Q.groups[0].n, 2);
	CHECK(Q.groups[0].alt[0].synonym_of == NULL);
	CHECK_STR(Q.groups[0].alt[1].text, "最低生活保障");
	CHECK_STR(Q.groups[0].alt[1].synonym_of, "低保");
	CHECK_STR(arena_printf(&A, "匹配：%s（%s的同义词）",
			       Q.groups[0].alt[1].text,
			       Q.groups[0].alt[1].synonym_of),
		  "匹配：最低生活保障（低保的同义词）");
	t = search_query_terms(&Q, &A, &n);
	CHECK_INT(n, 3);
	CHECK_STR(t[1]->synonym_of, "低保");
	CHECK(run_match(NULL, search_query_fts(&Q, &A), NULL) == NULL);
}

TEST(test_synonyms__expand_official_name_to_short)
{
	CHECK_INT(parse("特困人员救助供养"), 0);
	CHECK_INT(synonyms_expand(&SYN, &Q, &A), 3);
	CHECK_STR(search_query_fts(&Q, &A),
		  "(\"特困人员救助供养\" OR \"五保\" OR \"五保供养\" OR "
		  "\"特困供养\")");
	for (size_t i = 1; i < 4; i++)
		CHECK_STR(Q.groups[0].alt[i].synonym_of, "特困人员救助供养");
}

TEST(test_synonyms__expand_is_idempotent)
{
	const char *once;

	CHECK_INT(parse("低保 OR 医保 公积金"), 0);
	CHECK_INT(synonyms_expand(&SYN, &Q, &A), 3);
	once = search_query_fts(&Q, &A);
	CHECK_STR(once, "(\"低保\" OR \"医保\" OR \"最低生活保障\" OR "
		  "\"医疗保险\") AND (\"公积金\" OR \"住房公积金\")");
	CHECK_INT(synonyms_expand(&SYN, &Q, &A), 0);
	CHECK_STR(search_query_fts(&Q, &A), once);
}

TEST(test_synonyms__no_duplicates)
{
	CHECK_INT(parse("低保 OR 最低生活保障"), 0);
	CHECK_INT(synonyms_expand(&SYN, &Q, &A), 0);
	CHECK_STR(search_query_fts(&Q, &A), "(\"低保\" OR \"最低生活保障\")");
	CHECK_INT(parse("户口本 OR 户口簿"), 0);
	CHECK_INT(synonyms_expand(&SYN, &Q, &A), 1);
	CHECK_STR(search_query_fts(&Q, &A),
		  "(\"户口本\" OR \"户口簿\" OR \"居民户口簿\")");
	CHECK_STR(Q.groups[0].alt[2].synonym_of, "户口本");
}

TEST(test_synonyms__phrases_and_exclusions_not_expanded)
{
	CHECK_INT(parse("\"低保\" -医保 社保"), 0);
	CHECK_INT(synonyms_expand(&SYN, &Q, &A), 1);
	CHECK_STR(search_query_fts(&Q, &A),
		  "(\"低保\" AND (\"社保\" OR \"社会保险\")) NOT (\"医保\")");
	CHECK(run_match(NULL, search_query_fts(&Q, &A), NULL) == NULL);
}

TEST(test_synonyms__ascii_case_folded)
{
	CHECK_INT(load_text(&SYN, "词,同义词\nETC,电子不停车收费\n"), 1);
	CHECK_INT(parse("etc 办理"), 0);
	CHECK_INT(synonyms_expand(&SYN, &Q, &A), 1);
	CHECK_STR(search_query_fts(&Q, &A),
		  "(\"etc\" OR \"电子不停车收费\") AND \"办理\"");
	CHECK_INT(parse("电子不停车收费"), 0);
	CHECK_INT(synonyms_expand(&SYN, &Q, &A), 1);
	CHECK_STR(Q.groups[0].alt[1].text, "ETC");
	CHECK_INT(parse("Etc OR eTC"), 0);
	CHECK_STR(search_query_fts(&Q, &A), "(\"Etc\" OR \"eTC\")");
	CHECK_INT(synonyms_expand(&SYN, &Q, &A), 1);
	CHECK_STR(search_query_fts(&Q, &A),
		  "(\"Etc\" OR \"eTC\" OR \"电子不停车收费\")");
}

TEST(test_synonyms__expansions_capped)
{
	struct buf csv = BUF_INIT, in = BUF_INIT;

	buf_adds(&csv, "词,同义词\n");
	for (int g = 0; g < 32; g++) {
		for (int f = 0; f < SYNONYMS_MAX_FORMS; f++)
			buf_addf(&csv, "%s词%d甲%d", f ? "," : "", g, f);
		buf_addch(&csv, '\n');
		buf_addf(&in, "词%d甲0 ", g);
	}
	CHECK_INT(load_text(&SYN, csv.buf), 32);
	CHECK_INT(parse_n(in.buf, in.len), 0);
	CHECK_INT(Q.ngroups, 32);
	CHECK_INT(synonyms_expand(&SYN, &Q, &A), SYNONYMS_EXPAND_MAX);
	CHECK_INT(synonyms_expand(&SYN, &Q, &A), 0);
	CHECK(run_match(NULL, search_query_fts(&Q, &A), NULL) == NULL);
	buf_release(&csv);
	buf_release(&in);
}

TEST(test_synonyms__load_refuses_bad_lists)
{
	static const struct {
		const char *csv, *why;
	} bad[] = {
		{ "", "表头" },
		{ "word,synonym\n低保,最低生活保障\n", "表头" },
		{ "词,同义词\n低保\n", "第2行: 一行至少要有两个词" },
		{ "词,同义词\n低保,最低生活保障\n特困,低保\n",
		  "第3行: 「低保」在第2行已出现过" },
		{ "词,同义词\n低保,低保\n", "第2行: 「低保」在第2行已出现过" },
		{ "词,同义词\n低保,ＤＢ\n", "全角" },
		{ "词,同义词\n低保,最低 生活保障\n", "空格" },
		{ "词,同义词\n低保,\"最低\"\"生活\"\n", "引号" },
		{ "词,同义词\n低保,「最低」\n", "引号" },
		{ "词,同义词\n低保,-最低\n", "减号" },
		{ "词,同义词\n低保,OR\n", "「或」" },
		{ "词,同义词\n低保,或\n", "「或」" },
		{ "词,同义词\n低保,。。\n", "没有文字或数字" },
		{ "词,同义词\n低保,一二三四五六七八九十一二三四五六七八九十一\n",
		  "太长" },
		{ "词,同义词\na,b,c,d,e,f,g,h,i\n", "一行最多 8 个词" },
		{ NULL, NULL },
	};

	for (int i = 0; bad[i].csv; i++) {
		if (load_text(&SYN, bad[i].csv) != -1)
			T_FAIL("accepted: %s", bad[i].csv);
		CHECK_CONTAINS(first_error(), bad[i].why);
		CHECK_INT(SYN.ngroups, 0);
		CHECK(synonyms_lookup(&SYN, "低保") == NULL);
	}
}

TEST(test_synonyms__load_accepts_bom_crlf_blank_cells)
{
	CHECK_INT(load_text(&SYN, "\xef\xbb\xbf词,同义词\r\n 低保 ,最低生活保障,,"
			    "\r\n\r\n社保,社会保险\r\n"), 2);
	CHECK_STR(synonyms_lookup(&SYN, "最低生活保障")->forms[0], "低保");
	CHECK_INT(synonyms_lookup(&SYN, "低保")->n, 2);
	synonyms_release(&SYN);
}

/* End to end with the real tokenizer: substrings, synonyms, exclusions. */
TEST(test_synonyms__with_gk_cjk_tokenizer)
{
	static const char *const docs[] = {
		"城乡居民最低生活保障申请条件",	/* 1 */
		"低保边缘家庭认定办法",		/* 2 */
		"特困人员救助供养标准",		/* 3 */
		"城市低保标准调整",		/* 4 */
		NULL,
	};
	struct errors err = ERRORS_INIT;
	sqlite3 *d = NULL;
	sqlite3_stmt *st = NULL;
	const char *rows, *e;

	reset();
	synonyms_release(&SYN);
	CHECK(load_shipped(&SYN, &err) > 0);
	errors_release(&err);
	CHECK(sqlite3_open(":memory:", &d) == SQLITE_OK);
	CHECK_INT(search_tokenizer_register(d), 0);
	CHECK(sqlite3_exec(d, "CREATE VIRTUAL TABLE t USING "
			   "fts5(x, tokenize='gk_cjk')", NULL, NULL,
			   NULL) == SQLITE_OK);
	CHECK(sqlite3_prepare_v2(d, "INSERT INTO t(x) VALUES (?)", -1, &st,
				 NULL) == SQLITE_OK);
	for (int i = 0; docs[i]; i++) {
		sqlite3_bind_text(st, 1, docs[i], -1, SQLITE_STATIC);
		CHECK(sqlite3_step(st) == SQLITE_DONE);
		sqlite3_reset(st);
	}
	sqlite3_finalize(st);

	CHECK_INT(parse("低保"), 0);
	CHECK((e = run_match(d, search_query_fts(&Q, &A), &rows)) == NULL);
	CHECK_STR(rows, "2,4");
	synonyms_expand(&SYN, &Q, &A);
	CHECK((e = run_match(d, search_query_fts(&Q, &A), &rows)) == NULL);
	CHECK_STR(rows, "1,2,4");
	CHECK_INT(parse("低保 -城市 -边缘"), 0);
	synonyms_expand(&SYN, &Q, &A);
	CHECK((e = run_match(d, search_query_fts(&Q, &A), &rows)) == NULL);
	CHECK_STR(rows, "1");
	CHECK_INT(parse("五保 OR \"低保 标准\""), 0);
	synonyms_expand(&SYN, &Q, &A);
	CHECK((e = run_match(d, search_query_fts(&Q, &A), &rows)) == NULL);
	CHECK_STR(rows, "3");
	CHECK_INT(parse("标准 -「特困人员」"), 0);
	CHECK((e = run_match(d, search_query_fts(&Q, &A), &rows)) == NULL);
	CHECK_STR(rows, "4");
	sqlite3_close(d);
}

T_MAIN(T(test_query__one_word),
       T(test_query__words_are_anded),
       T(test_query__ideographic_space_tabs_newlines_separate),
       T(test_query__ascii_quotes_make_a_phrase),
       T(test_query__chinese_quotes_make_a_phrase),
       T(test_query__phrase_spaces_trimmed_and_collapsed),
       T(test_query__quote_inside_corner_brackets_is_doubled),
       T(test_query__quote_in_a_word_starts_a_phrase),
       T(test_query__unbalanced_quote_closes_at_end),
       T(test_query__stray_closing_bracket_is_text),
       T(test_query__minus_excludes),
       T(test_query__several_exclusions_are_ored),
       T(test_query__full_width_minus_and_quoted_exclusion),
       T(test_query__minus_inside_a_word_is_text),
       T(test_query__lone_minus_is_dropped),
       T(test_query__only_exclusions_refused),
       T(test_query__exclusion_semantics),
       T(test_query__or_makes_alternatives),
       T(test_query__or_any_case_full_width_and_chinese),
       T(test_query__or_between_phrases),
       T(test_query__or_only_as_a_bare_word),
       T(test_query__leading_or_dropped),
       T(test_query__trailing_or_dropped),
       T(test_query__double_or_counts_once),
       T(test_query__or_alone_refused),
       T(test_query__or_next_to_exclusion_dropped),
       T(test_query__same_alternative_once),
       T(test_query__dropped_term_between_ors),
       T(test_query__fts5_operators_are_text),
       T(test_query__fts5_syntax_characters_are_text),
       T(test_query__fts5_syntax_alone_refused),
       T(test_query__punctuation_terms_dropped_with_note),
       T(test_query__punctuation_inside_a_word_kept),
       T(test_query__empty_input_refused),
       T(test_query__long_input_cut_at_1000_bytes),
       T(test_query__long_han_input_cut_at_a_character),
       T(test_query__more_than_32_terms),
       T(test_query__invalid_utf8_dropped),
       T(test_query__nul_and_controls_dropped),
       T(test_query__invisible_format_characters_dropped),
       T(test_query__full_width_folded),
       T(test_query__notes_are_capped_and_distinct),
       T(test_query__long_punctuation_excerpt_cut),
       T(test_query__terms_are_the_distinct_positives),
       T(test_query__searchable),
       T(test_query__help_text),
       T(test_query__odd_inputs_never_an_sql_error),
       T(test_synonyms__shipped_list_loads),
       T(test_synonyms__lookup),
       T(test_synonyms__expand_term),
       T(test_synonyms__expand_official_name_to_short),
       T(test_synonyms__expand_is_idempotent),
       T(test_synonyms__no_duplicates),
       T(test_synonyms__phrases_and_exclusions_not_expanded),
       T(test_synonyms__ascii_case_folded),
       T(test_synonyms__expansions_capped),
       T(test_synonyms__load_refuses_bad_lists),
       T(test_synonyms__load_accepts_bom_crlf_blank_cells),
       T(test_synonyms__with_gk_cjk_tokenizer))
