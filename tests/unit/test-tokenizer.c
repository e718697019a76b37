/* test-tokenizer.c: the gk_cjk tokenizer, directly and through FTS5
 *
 * The cases pin the token stream and the questions people ask of a search
 * box (低保 must not find 最低生活保障, 保五 must not find 低保，五保,
 * full-width digits, GB/T numbers, 𠀀, highlight offsets, bad UTF-8).
 * test_property__substrings is the acceptance test of issue 5: a seeded
 * corpus of a few thousand texts (words cut from the source documents in
 * ../shared/seeds when they are there, else a built-in word list, mixed
 * with Latin, digits, full-width forms and punctuation) is indexed, and
 * thousands of substrings, spans across punctuation and strings that occur
 * nowhere are searched as quoted phrases; each result set must equal a
 * plain substring scan of the same fields, made by a reference folding
 * written here independently of the tokenizer.  It prints the index size
 * per byte of text ("# " lines).
 */
#include "t.h"

#include <dirent.h>
#include <sqlite3.h>
#include <stdint.h>
#include <time.h>

#include "search/tokenizer.h"
#include "util/buf.h"
#include "util/utf8.h"

/* ---- helpers ---------------------------------------------------------- */

static sqlite3 *db_new(void)
{
	sqlite3 *db = NULL;

	if (sqlite3_open(":memory:", &db) != SQLITE_OK ||
	    search_tokenizer_register(db) != 0 ||
	    sqlite3_exec(db, "CREATE VIRTUAL TABLE t USING fts5(title, body, "
			 "tokenize = 'gk_cjk')", NULL, NULL, NULL) !=
	    SQLITE_OK) {
		fprintf(stderr, "db_new: %s\n", db ? sqlite3_errmsg(db) : "?");
		exit(1);
	}
	return db;
}

/* Insert a row; 'body' is body[0..nbody) (nbody < 0: up to its NUL). */
static void add(sqlite3 *db, sqlite3_int64 rowid, const char *title,
		const char *body, int nbody)
{
	sqlite3_stmt *st;

	if (sqlite3_prepare_v2(db, "INSERT INTO t (rowid, title, body) "
			       "VALUES (?, ?, ?)", -1, &st, NULL) != SQLITE_OK)
		exit(1);
	sqlite3_bind_int64(st, 1, rowid);
	sqlite3_bind_text(st, 2, title, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 3, body, nbody, SQLITE_TRANSIENT);
	if (sqlite3_step(st) != SQLITE_DONE) {
		fprintf(stderr, "add: %s\n", sqlite3_errmsg(db));
		exit(1);
	}
	sqlite3_finalize(st);
}

/* The rowids matching the quoted term, as "1,3", or "" for none, or
 * "error: …".  The string lives until the next call. */
static const char *find(sqlite3 *db, const char *term)
{
	static struct buf out = BUF_INIT;
	struct buf q = BUF_INIT;
	sqlite3_stmt *st;
	int rc;

	buf_reset(&out);
	search_tokenizer_quote(&q, term);
	if (sqlite3_prepare_v2(db, "SELECT rowid FROM t WHERE t MATCH ? "
			       "ORDER BY rowid", -1, &st, NULL) != SQLITE_OK)
		exit(1);
	sqlite3_bind_text(st, 1, q.buf, (int)q.len, SQLITE_TRANSIENT);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		buf_addf(&out, "%s%lld", out.len ? "," : "",
			 (long long)sqlite3_column_int64(st, 0));
	if (rc != SQLITE_DONE) {
		buf_reset(&out);
		buf_addf(&out, "error: %s", sqlite3_errmsg(db));
	}
	sqlite3_finalize(st);
	buf_release(&q);
	return out.buf;
}

/* highlight() of column 'col' of row 'rowid' for the quoted term, with
 * [ and ] as marks; "" when the row does not match. */
static const char *mark(sqlite3 *db, const char *term, int col,
			sqlite3_int64 rowid)
{
	static struct buf out = BUF_INIT;
	struct buf q = BUF_INIT;
	sqlite3_stmt *st;

	buf_reset(&out);
	search_tokenizer_quote(&q, term);
	if (sqlite3_prepare_v2(db, "SELECT highlight(t, ?, '[', ']') FROM t "
			       "WHERE t MATCH ? AND rowid = ?", -1, &st,
			       NULL) != SQLITE_OK)
		exit(1);
	sqlite3_bind_int(st, 1, col);
	sqlite3_bind_text(st, 2, q.buf, (int)q.len, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 3, rowid);
	if (sqlite3_step(st) == SQLITE_ROW)
		buf_adds(&out, (const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	buf_release(&q);
	return out.buf;
}

static int dump_token(void *ctx, int flags, const char *tok, int ntok,
		      int start, int end)
{
	struct buf *b = ctx;

	buf_addf(b, "%s%s%.*s@%d-%d", b->len ? " " : "",
		 flags & SEARCH_TOKEN_COLOCATED ? "+" : "", ntok, tok, start,
		 end);
	return 0;
}

/* The token stream of text[0..n) (n < 0: up to its NUL) as
 * "tok@start-end", colocated tokens with a leading +. */
static const char *tokens(const char *text, int n,
			  enum search_tokenize_mode mode)
{
	static struct buf out = BUF_INIT;

	buf_reset(&out);
	search_tokenize(text, n < 0 ? (int)strlen(text) : n, mode, dump_token,
			&out);
	return out.buf;
}

/* ---- the token stream ------------------------------------------------- */

TEST(test_tokens__document_unigrams_and_colocated_bigrams)
{
	CHECK_STR(tokens("最低 保障。", -1, SEARCH_TOKENIZE_DOCUMENT),
		  "最@0-3 +最低@0-6 低@3-6 ,@6-7 保@7-10 +保障@7-13 障@10-13");
	CHECK_STR(tokens("（一）Ab", -1, SEARCH_TOKENIZE_DOCUMENT),
		  "一@3-6 ,@6-9 a@9-10 +ab@9-11 b@10-11");
	CHECK_STR(tokens("", -1, SEARCH_TOKENIZE_DOCUMENT), "");
	CHECK_STR(tokens("，。 ", -1, SEARCH_TOKENIZE_DOCUMENT), "");
}

TEST(test_tokens__query_one_token_per_position)
{
	CHECK_STR(tokens("最低 保障。", -1, SEARCH_TOKENIZE_QUERY),
		  "最低@0-6 低@3-6 ,@6-7 保障@7-13 障@10-13");
	CHECK_STR(tokens("低", -1, SEARCH_TOKENIZE_QUERY), "低@0-3");
	CHECK_STR(tokens("，低保，", -1, SEARCH_TOKENIZE_QUERY),
		  "低保@3-9 保@6-9");
}

TEST(test_tokens__folding_keeps_original_offsets)
{
	/* full-width digits and letters, U+3000, upper case */
	CHECK_STR(tokens("２０Ｇ\u3000B", -1, SEARCH_TOKENIZE_QUERY),
		  "20@0-6 0g@3-9 g@6-9 ,@9-12 b@12-13");
	/* Kangxi radical ⼯ (U+2F2F) is 工; an RLM inside a run is skipped */
	CHECK_STR(tokens("⼯\u200f作", -1, SEARCH_TOKENIZE_QUERY),
		  "工作@0-9 作@6-9");
	/* Ⅱ is a word character (folded to ⅱ), ℃ and ● are separators */
	CHECK_STR(tokens("Ⅱ类●5℃", -1, SEARCH_TOKENIZE_QUERY),
		  "ⅱ类@0-6 类@3-6 ,@6-9 5@9-10");
}

TEST(test_tokens__invalid_utf8_breaks_runs)
{
	/* a stray continuation byte, an overlong /, a surrogate, a cut-off
	 * sequence at the end */
	static const char bad[] = "保\x80障\xc0\xaf" "公\xed\xa0\x80开\xe4\xb8";

	CHECK_STR(tokens(bad, (int)sizeof(bad) - 1, SEARCH_TOKENIZE_DOCUMENT),
		  "保@0-3 ,@3-4 障@4-7 ,@7-9 公@9-12 ,@12-15 开@15-18");
	CHECK_STR(tokens("\xff\xfe", 2, SEARCH_TOKENIZE_QUERY), "");
	CHECK_STR(tokens("a\0b", 3, SEARCH_TOKENIZE_QUERY),
		  "a@0-1 ,@1-2 b@2-3");
}

/* ---- searching through FTS5 ------------------------------------------- */

TEST(test_match__dibao_does_not_find_zuidi_shenghuo_baozhang)
{
	sqlite3 *db = db_new();

	add(db, 1, "", "最低生活保障", -1);
	add(db, 2, "", "城乡低保对象", -1);
	CHECK_STR(find(db, "低保"), "2");
	CHECK_STR(find(db, "保障"), "1");
	CHECK_STR(find(db, "生活保障"), "1");
	CHECK_STR(find(db, "最低生活保障"), "1");
	CHECK_STR(find(db, "低生活保"), "1");
	CHECK_STR(find(db, "最低保障"), "");
	sqlite3_close(db);
}

TEST(test_match__one_character)
{
	sqlite3 *db = db_new();

	add(db, 1, "", "最低生活保障", -1);
	add(db, 2, "", "城乡低保对象", -1);
	CHECK_STR(find(db, "低"), "1,2");
	CHECK_STR(find(db, "最"), "1");	/* first of a run */
	CHECK_STR(find(db, "障"), "1");	/* last of a run */
	CHECK_STR(find(db, "象"), "2");
	CHECK_STR(find(db, "民"), "");
	sqlite3_close(db);
}

TEST(test_match__long_queries)
{
	sqlite3 *db = db_new();

	add(db, 1, "", "关于进一步加强基层政务公开标准化规范化工作的通知", -1);
	add(db, 2, "", "基层政务服务标准化", -1);
	CHECK_STR(find(db, "基层政务公开"), "1");
	CHECK_STR(find(db, "标准化规范化工作"), "1");
	CHECK_STR(find(db, "基层政务"), "1,2");
	CHECK_STR(find(db, "政务公开标准化规范化工作的通知"), "1");
	CHECK_STR(find(db, "基层政务标准化"), "");
	sqlite3_close(db);
}

TEST(test_match__no_token_spans_punctuation)
{
	sqlite3 *db = db_new();

	add(db, 1, "", "低保，五保", -1);
	add(db, 2, "", "低保五保供养", -1);
	add(db, 3, "", "低保、五保", -1);
	CHECK_STR(find(db, "保五"), "2");
	CHECK_STR(find(db, "低保五保"), "2");
	/* separators in a query match any separators, and only those */
	CHECK_STR(find(db, "低保，五保"), "1,3");
	CHECK_STR(find(db, "低保 五保"), "1,3");
	CHECK_STR(find(db, "，五保"), "1,2,3");
	sqlite3_close(db);
}

TEST(test_match__not_across_fields)
{
	sqlite3 *db = db_new();

	add(db, 1, "城乡低保", "五保供养", -1);
	CHECK_STR(find(db, "保五"), "");
	CHECK_STR(find(db, "低保五保"), "");
	CHECK_STR(find(db, "低保，五保"), "");
	CHECK_STR(find(db, "低保"), "1");
	CHECK_STR(find(db, "五保"), "1");
	sqlite3_close(db);
}

TEST(test_match__full_width_folded)
{
	sqlite3 *db = db_new();

	add(db, 1, "", "２０２１年ＧＢ／Ｔ\u3000１２３４５", -1);
	add(db, 2, "", "2021年gb/t 12345", -1);
	CHECK_STR(find(db, "2021"), "1,2");
	CHECK_STR(find(db, "２０２１"), "1,2");
	CHECK_STR(find(db, "GB"), "1,2");
	CHECK_STR(find(db, "ｇｂ"), "1,2");
	CHECK_STR(find(db, "gb/t 12345"), "1,2");
	CHECK_STR(find(db, "Ｔ　１２"), "1,2");
	CHECK_STR(find(db, "021年"), "1,2");
	sqlite3_close(db);
}

TEST(test_match__traditional_folded)
{
	sqlite3 *db = db_new();

	add(db, 1, "發展和改革委員會", "", -1);
	add(db, 2, "发展和改革委员会", "", -1);
	add(db, 3, "头发", "理髮", -1);
	CHECK_STR(find(db, "发展"), "1,2");
	CHECK_STR(find(db, "發展"), "1,2");
	CHECK_STR(find(db, "改革委員會"), "1,2");
	CHECK_STR(find(db, "髮"), "1,2,3");	/* 髮, 發 and 发 are all 发 */
	CHECK_STR(find(db, "理发"), "3");
	sqlite3_close(db);
}

TEST(test_match__latin_and_digits)
{
	sqlite3 *db = db_new();

	add(db, 1, "GB/T 12345-2021", "2021年5月 PM2.5", -1);
	add(db, 2, "GBT", "20215", -1);
	add(db, 3, "12345", "", -1);
	CHECK_STR(find(db, "GB/T"), "1");
	CHECK_STR(find(db, "gb"), "1,2");
	CHECK_STR(find(db, "gbt"), "2");
	CHECK_STR(find(db, "12345"), "1,3");
	CHECK_STR(find(db, "234"), "1,3");
	CHECK_STR(find(db, "2021年"), "1");
	CHECK_STR(find(db, "1年5"), "1");
	CHECK_STR(find(db, "20215"), "2");
	CHECK_STR(find(db, "pm2"), "1");
	CHECK_STR(find(db, "PM2.5"), "1");
	CHECK_STR(find(db, "2.5"), "1");
	sqlite3_close(db);
}

TEST(test_match__beyond_the_basic_block)
{
	sqlite3 *db = db_new();

	add(db, 1, "", "𠀀字测试", -1);
	add(db, 2, "", "𠀁字", -1);
	add(db, 3, "", "㐀与々和〇", -1);
	add(db, 4, "", "二〇二一年", -1);
	CHECK_STR(find(db, "𠀀"), "1");
	CHECK_STR(find(db, "𠀀字"), "1");
	CHECK_STR(find(db, "字"), "1,2");
	CHECK_STR(find(db, "㐀与"), "3");
	CHECK_STR(find(db, "与々和"), "3");
	CHECK_STR(find(db, "〇"), "3,4");
	CHECK_STR(find(db, "〇二一"), "4");
	CHECK_STR(mark(db, "𠀀字", 1, 1), "[𠀀字]测试");
	sqlite3_close(db);
}

TEST(test_match__kangxi_radicals_and_invisible_marks)
{
	sqlite3 *db = db_new();

	add(db, 1, "", "⼯作⽅案", -1);	/* U+2F2F U+2F45: from a PDF */
	add(db, 2, "", "政\u200f务\u200d公\ufe00开", -1);
	CHECK_STR(find(db, "工作方案"), "1");
	CHECK_STR(find(db, "⼯作"), "1");
	CHECK_STR(find(db, "政务公开"), "2");
	CHECK_STR(mark(db, "作方", 1, 1), "⼯[作⽅]案");
	sqlite3_close(db);
}

TEST(test_highlight__original_offsets)
{
	sqlite3 *db = db_new();

	add(db, 1, "城乡低保", "最低生活保障，低保、五保 ２０２１年 GB/T 12345",
	    -1);
	CHECK_STR(mark(db, "保障", 1, 1),
		  "最低生活[保障]，低保、五保 ２０２１年 GB/T 12345");
	CHECK_STR(mark(db, "低", 1, 1),
		  "最[低]生活保障，[低]保、五保 ２０２１年 GB/T 12345");
	CHECK_STR(mark(db, "2021", 1, 1),
		  "最低生活保障，低保、五保 [２０２１]年 GB/T 12345");
	CHECK_STR(mark(db, "低保，五保", 1, 1),
		  "最低生活保障，[低保、五保] ２０２１年 GB/T 12345");
	CHECK_STR(mark(db, "gb/t 1234", 1, 1),
		  "最低生活保障，低保、五保 ２０２１年 [GB/T 1234]5");
	CHECK_STR(mark(db, "乡低保", 0, 1), "城[乡低保]");
	sqlite3_close(db);
}

TEST(test_match__invalid_utf8)
{
	static const char bad[] = "\xff保\xc0\x80障\xed\xa0\x80公开\xe4\xb8";
	sqlite3 *db = db_new();

	add(db, 1, "", bad, (int)sizeof(bad) - 1);
	CHECK_STR(find(db, "保"), "1");
	CHECK_STR(find(db, "公开"), "1");
	CHECK_STR(find(db, "保障"), "");
	CHECK_STR(find(db, "保 障"), "1");
	CHECK_STR(find(db, "\xff\xfe"), "");
	CHECK_STR(find(db, "公\xe4\xb8"), "1");
	CHECK_STR(mark(db, "公开", 1, 1),
		  "\xff保\xc0\x80障\xed\xa0\x80[公开]\xe4\xb8");
	sqlite3_close(db);
}

TEST(test_query__quotes_and_separators_only)
{
	struct buf b = BUF_INIT;
	sqlite3 *db = db_new();

	search_tokenizer_quote(&b, "say \"公开\"");
	CHECK_STR(b.buf, "\"say \"\"公开\"\"\"");
	add(db, 1, "", "他说\"公开\"", -1);
	CHECK_STR(find(db, "说\"公开"), "1");
	CHECK_STR(find(db, "AND"), "");	/* a string, not an operator */
	CHECK_STR(find(db, "，。"), "");	/* no token: nothing, no error */
	CHECK_STR(find(db, ""), "");
	buf_release(&b);
	sqlite3_close(db);
}

TEST(test_register__refuses_arguments)
{
	sqlite3 *db = db_new();

	CHECK_INT(search_tokenizer_register(db), 0);	/* twice is fine */
	CHECK(sqlite3_exec(db, "CREATE VIRTUAL TABLE u USING fts5(x, "
			   "tokenize = 'gk_cjk extra')", NULL, NULL, NULL) !=
	      SQLITE_OK);
	sqlite3_close(db);
}

/* ---- the property test ------------------------------------------------ */

static uint64_t rng = 0x6b6f6e676b6169ULL;

static uint64_t rnd(void)
{
	uint64_t z = (rng += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static size_t below(size_t n)
{
	return (size_t)(rnd() % n);
}

/* Traditional → simplified as data/search/t2s.txt says, read here from the
 * file (the tokenizer has its embedded copy). */
static uint32_t *ref_t2s;	/* by code point below 0x110000, 0: none */

static void ref_t2s_load(void)
{
	FILE *fp = fopen("data/search/t2s.txt", "rb");
	char line[64];

	ref_t2s = calloc(0x110000, sizeof(*ref_t2s));
	if (!fp) {
		T_FAIL("cannot read data/search/t2s.txt");
		return;
	}
	while (fgets(line, sizeof(line), fp)) {
		const char *p = line;
		uint32_t from, to;

		if (line[0] == '#')
			continue;
		from = utf8_next(&p);
		if (*p++ != ' ')
			continue;
		to = utf8_next(&p);
		if (from < 0x110000)
			ref_t2s[from] = to;
	}
	fclose(fp);
}

/* The reference folding, kept apart from the tokenizer on purpose: it only
 * knows the characters the generated corpus uses (checked below). */
static uint32_t ref_fold(uint32_t c)
{
	if (c >= 0xff01 && c <= 0xff5e)
		c -= 0xfee0;
	if (c == 0x3000)
		c = ' ';
	if (c >= 'A' && c <= 'Z')
		c += 'a' - 'A';
	if (ref_t2s && c < 0x110000 && ref_t2s[c])
		c = ref_t2s[c];
	return c;
}

static int ref_is_word(uint32_t c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
	       (c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf) ||
	       (c >= 0x20000 && c <= 0x2ffff) || c == 0x3005 || c == 0x3007;
}

/* Append the searchable form of s[0..n): folded word characters, every
 * stretch of other characters as one \x01 (none at the ends if 'trim'). */
static void ref_norm(struct buf *b, const char *s, size_t n, int trim)
{
	const char *p = s, *end = s + n;
	size_t start = b->len;
	int gap = 0;

	while (p < end) {
		uint32_t c = ref_fold(utf8_next(&p));

		if (!ref_is_word(c)) {
			gap = 1;
			continue;
		}
		if (gap && (!trim || b->len > start))
			buf_addch(b, 1);
		gap = 0;
		utf8_put(b, c);
	}
	if (gap && !trim)
		buf_addch(b, 1);
}

struct field {
	char *s;		/* the text as indexed */
	uint32_t *at;		/* byte offset of each character, and the end */
	uint32_t *cp;		/* each character */
	size_t nc;
};

struct corpus {
	struct field *f;	/* 2 per document: title, body */
	size_t ndoc;
	char **words;		/* Chinese words to build texts from */
	size_t nwords;
};

static void words_add(struct corpus *c, const char *s, size_t n)
{
	c->words = realloc(c->words, (c->nwords + 1) * sizeof(*c->words));
	c->words[c->nwords++] = strndup(s, n);
}

/* Cut the runs of ideographs of text 's' into words of 2 to 4 characters. */
static void words_from_text(struct corpus *c, const char *s)
{
	const char *p = s, *run = NULL;
	size_t nrun = 0;

	while (1) {
		const char *at = p;
		uint32_t cp = *p ? utf8_next(&p) : 0;

		if (cp >= 0x4e00 && cp <= 0x9fff) {
			if (!run)
				run = at;
			nrun++;
			if (nrun == 2 + below(3)) {
				words_add(c, run, (size_t)(p - run));
				run = NULL;
				nrun = 0;
			}
			continue;
		}
		run = NULL;
		nrun = 0;
		if (!cp)
			break;
	}
}

static int is_txt(const struct dirent *d)
{
	size_t n = strlen(d->d_name);

	return n > 4 && !strcmp(d->d_name + n - 4, ".txt");
}

/* Words from the source documents, if this runs from the repository root
 * next to ../shared/seeds; else from a list of their common terms. */
static const char *words_load(struct corpus *c)
{
	static const char *const builtin[] = {
		"政务公开", "基层", "标准化", "规范化", "最低生活保障", "低保",
		"五保", "城乡", "医疗救助", "公开目录", "事项", "街道", "乡镇",
		"社区", "村务", "财政预算", "决算", "行政许可", "行政处罚",
		"依申请公开", "主动公开", "信息公开", "年度报告", "人民政府",
		"办公室", "通知", "实施方案", "重大建设项目", "公共资源配置",
		"义务教育", "户籍管理", "社会救助", "养老服务", "就业创业",
		"环境保护", "安全生产", "食品药品", "城乡规划", "征地补偿",
		"国有土地", "房屋征收", "扶贫", "救灾", "公共文化",
		"公共法律服务", "市场监管", "税收管理", "统计", "公共卫生",
		"农业农村", "交通运输", "住房保障", "岳麓区", "长沙市",
		"湖南省", "责任单位", "考核指标", "政务服务", "网上专栏",
		"线下专区", "二级事项", "公开时限", "公开渠道", "公开对象",
		"保障", "生活", "最低", "供养", "对象", "审核", "办理",
		"答复", "归档", "登记", "工作", "要求", "推进", "落实",
	};
	struct dirent **ent = NULL;
	int n = scandir("../shared/seeds", &ent, is_txt, alphasort);
	const char *from = "built-in word list";

	for (int i = 0; i < n; i++) {
		char path[512];
		FILE *fp;
		struct buf b = BUF_INIT;
		char chunk[4096];
		size_t got;

		snprintf(path, sizeof(path), "../shared/seeds/%s",
			 ent[i]->d_name);
		if ((fp = fopen(path, "rb"))) {
			while ((got = fread(chunk, 1, sizeof(chunk), fp)))
				buf_add(&b, chunk, got);
			fclose(fp);
			if (utf8_valid(b.buf, b.len) && !memchr(b.buf, 0,
								b.len)) {
				words_from_text(c, b.buf);
				from = "../shared/seeds";
			}
		}
		buf_release(&b);
		free(ent[i]);
	}
	free(ent);
	if (c->nwords < 200) {
		for (size_t i = 0; i < sizeof(builtin) / sizeof(builtin[0]);
		     i++)
			words_add(c, builtin[i], strlen(builtin[i]));
		from = "built-in word list";
	}
	return from;
}

/* Append one piece of generated text. */
static void piece(const struct corpus *c, struct buf *b)
{
	static const char *const latin[] = {
		"2021", "2020", "GB/T", "12345", "PM2.5", "APP", "ISO9001",
		"5G", "No.1", "E-mail", "www.gov.cn", "Excel", "PDF", "ID",
		"GDP", "110", "0731", "2021-03-15", "v2.0", "Q&A", "12345热线",
		"\"OK\"",
	};
	static const char *const wide[] = {
		"２０２１", "ＧＢ／Ｔ", "ＡＢＣ", "１２３４５", "Ｎｏ．１",
		"ｇｏｖ", "（１）", "Ｅｘｃｅｌ",
	};
	static const char *const rare[] = {
		"𠀀", "𠀁", "𪚥", "㐀", "㐁", "々", "〇", "二〇二一",
	};
	static const char *const punct[] = {
		"，", "。", "、", "；", "：", "（", "）", "《", "》", "“", "”",
		"！", "？", ",", ".", ";", ":", "(", ")", "-", "/", " ", " ",
		"\u3000", "\"", "【", "】", "·", "——", "\n", "〔", "〕",
	};
	size_t r = below(100);

	if (r < 58) {
		buf_adds(b, c->words[below(c->nwords)]);
	} else if (r < 65) {
		buf_adds(b, latin[below(sizeof(latin) / sizeof(*latin))]);
	} else if (r < 69) {
		for (size_t i = 0, n = 1 + below(6); i < n; i++)
			buf_addch(b, '0' + (int)below(10));
	} else if (r < 73) {
		for (size_t i = 0, n = 1 + below(5); i < n; i++)
			buf_addch(b, (below(2) ? 'a' : 'A') + (int)below(26));
	} else if (r < 76) {
		buf_adds(b, wide[below(sizeof(wide) / sizeof(*wide))]);
	} else if (r < 78) {
		buf_adds(b, rare[below(sizeof(rare) / sizeof(*rare))]);
	} else {
		buf_adds(b, punct[below(sizeof(punct) / sizeof(*punct))]);
	}
}

static void field_make(const struct corpus *c, struct field *f, size_t min,
		       size_t max)
{
	struct buf b = BUF_INIT;
	size_t want = min + below(max - min);
	const char *p;

	while (b.len < want)
		piece(c, &b);
	f->s = buf_detach(&b, NULL);
	f->at = malloc((strlen(f->s) + 1) * sizeof(*f->at));
	f->cp = malloc((strlen(f->s) + 1) * sizeof(*f->cp));
	f->nc = 0;
	for (p = f->s; *p;) {
		f->at[f->nc] = (uint32_t)(p - f->s);
		f->cp[f->nc++] = utf8_next(&p);
	}
	f->at[f->nc] = (uint32_t)(p - f->s);
}

static void corpus_release(struct corpus *c)
{
	for (size_t i = 0; i < 2 * c->ndoc; i++) {
		free(c->f[i].s);
		free(c->f[i].at);
		free(c->f[i].cp);
	}
	free(c->f);
	for (size_t i = 0; i < c->nwords; i++)
		free(c->words[i]);
	free(c->words);
}

/* The plain scan: every field's searchable form, one after the other,
 * each behind a \x02 that no query contains. */
struct scan {
	struct buf all;
	size_t *start;		/* where field i begins in 'all' */
	size_t nfield;
};

static void scan_build(struct scan *sc, const struct corpus *c)
{
	sc->nfield = 2 * c->ndoc;
	sc->start = malloc(sc->nfield * sizeof(*sc->start));
	buf_init(&sc->all);
	for (size_t i = 0; i < sc->nfield; i++) {
		sc->start[i] = sc->all.len;
		buf_addch(&sc->all, 2);
		ref_norm(&sc->all, c->f[i].s, strlen(c->f[i].s), 0);
	}
}

/* The rowids (document index + 1) of the documents where 'needle' occurs;
 * returns their number. */
static size_t scan_find(const struct scan *sc, const char *needle,
			int64_t *out)
{
	size_t n = 0, pos = 0, nl = strlen(needle);

	while (pos < sc->all.len) {
		/* in windows of 64 KiB: AddressSanitizer checks the whole
		 * haystack of every call */
		size_t win = sc->all.len - pos < 65536 + nl ?
			     sc->all.len - pos : 65536 + nl;
		const char *hit = memmem(sc->all.buf + pos, win, needle, nl);
		size_t lo = 0, hi = sc->nfield, doc;

		if (win < nl)
			break;
		if (!hit) {
			pos += win - nl + 1;
			continue;
		}
		pos = (size_t)(hit - sc->all.buf);
		while (hi - lo > 1) {	/* the last field starting <= pos */
			size_t mid = (lo + hi) / 2;

			if (sc->start[mid] <= pos)
				lo = mid;
			else
				hi = mid;
		}
		doc = lo / 2;
		out[n++] = (int64_t)doc + 1;
		if (2 * (doc + 1) >= sc->nfield)
			break;
		pos = sc->start[2 * (doc + 1)];
	}
	return n;
}

static size_t fts_find(sqlite3_stmt *st, const char *query, int64_t *out)
{
	struct buf q = BUF_INIT;
	size_t n = 0;

	search_tokenizer_quote(&q, query);
	sqlite3_reset(st);
	sqlite3_bind_text(st, 1, q.buf, (int)q.len, SQLITE_TRANSIENT);
	while (sqlite3_step(st) == SQLITE_ROW)
		out[n++] = sqlite3_column_int64(st, 0);
	buf_release(&q);
	return n;
}

static int count_token(void *ctx, int flags, const char *tok, int ntok,
		       int start, int end)
{
	(void)flags;
	(void)tok;
	(void)ntok;
	(void)start;
	(void)end;
	++*(int *)ctx;
	return 0;
}

static int64_t db_int(sqlite3 *db, const char *sql)
{
	sqlite3_stmt *st;
	int64_t v = -1;

	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

/* Print the index size for 'text' bytes of text. */
static void report_size(sqlite3 *db, const char *what, int64_t text)
{
	int64_t index = db_int(db, "SELECT SUM(pgsize) FROM dbstat WHERE "
			       "name IN ('t_data', 't_idx')");
	int64_t all = db_int(db, "SELECT SUM(pgsize) FROM dbstat WHERE "
			     "name LIKE 't%'");

	printf("# %s: %lld bytes of text; index (t_data, t_idx) %lld bytes "
	       "= %.2f x, all of t* with the text %lld bytes = %.2f x\n", what,
	       (long long)text, (long long)index, (double)index / (double)text,
	       (long long)all, (double)all / (double)text);
}

#define NDOC 3000
#define NRUN 5000	/* substrings of runs of word characters */
#define NSPAN 1500	/* substrings of anything, across separators */
#define NRANDOM 1500	/* random strings of the corpus' characters */

TEST(test_property__substrings)
{
	struct corpus c = { 0 };
	struct scan sc;
	sqlite3 *db = db_new();
	sqlite3_stmt *ins, *sel, *hl;
	struct buf q = BUF_INIT, norm = BUF_INIT;
	int64_t *want = malloc(NDOC * sizeof(*want));
	int64_t *got = malloc(NDOC * sizeof(*got));
	int64_t text_bytes = 0;
	size_t latin = 0, absent = 0, many = 0, marked = 0;
	unsigned char *seen = calloc(0x110000 / 8, 1);
	struct timespec t0, t1;
	const char *from;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	ref_t2s_load();
	from = words_load(&c);
	c.ndoc = NDOC;
	c.f = calloc(2 * NDOC, sizeof(*c.f));
	for (size_t i = 0; i < NDOC; i++) {
		field_make(&c, &c.f[2 * i], 12, 60);
		field_make(&c, &c.f[2 * i + 1], 60, 700);
	}

	/* the reference knows every character the corpus has */
	for (size_t i = 0; i < 2 * NDOC; i++)
		for (size_t j = 0; j < c.f[i].nc; j++)
			seen[c.f[i].cp[j] / 8] |= 1 << (c.f[i].cp[j] % 8);
	for (uint32_t cp = 0; cp < 0x110000; cp++) {
		int ntok = 0;

		if (!(seen[cp / 8] & (1 << (cp % 8))))
			continue;
		buf_reset(&q);
		utf8_put(&q, cp);
		search_tokenize(q.buf, (int)q.len, SEARCH_TOKENIZE_DOCUMENT,
				count_token, &ntok);
		if (ntok != ref_is_word(ref_fold(cp)))
			T_FAIL("U+%04X: %d tokens, the reference disagrees",
			       cp, ntok);
	}

	CHECK(sqlite3_prepare_v2(db, "INSERT INTO t (rowid, title, body) "
				 "VALUES (?, ?, ?)", -1, &ins, NULL) ==
	      SQLITE_OK);
	sqlite3_exec(db, "BEGIN", NULL, NULL, NULL);
	for (size_t i = 0; i < NDOC; i++) {
		sqlite3_reset(ins);
		sqlite3_bind_int64(ins, 1, (sqlite3_int64)i + 1);
		sqlite3_bind_text(ins, 2, c.f[2 * i].s, -1, SQLITE_STATIC);
		sqlite3_bind_text(ins, 3, c.f[2 * i + 1].s, -1, SQLITE_STATIC);
		CHECK(sqlite3_step(ins) == SQLITE_DONE);
		text_bytes += (int64_t)(strlen(c.f[2 * i].s) +
					strlen(c.f[2 * i + 1].s));
	}
	sqlite3_finalize(ins);
	sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
	sqlite3_exec(db, "INSERT INTO t (t) VALUES ('optimize')", NULL, NULL,
		     NULL);
	scan_build(&sc, &c);
	CHECK(sqlite3_prepare_v2(db, "SELECT rowid FROM t WHERE t MATCH ? "
				 "ORDER BY rowid", -1, &sel, NULL) ==
	      SQLITE_OK);
	CHECK(sqlite3_prepare_v2(db, "SELECT highlight(t, ?2, char(2), "
				 "char(3)) FROM t WHERE t MATCH ?1 AND "
				 "rowid = ?3", -1, &hl, NULL) == SQLITE_OK);

	for (size_t k = 0; k < NRUN + NSPAN + NRANDOM; k++) {
		size_t fi = below(2 * NDOC), nw, ng;
		const struct field *f = &c.f[fi];
		size_t i = below(f->nc), len;

		buf_reset(&q);
		if (k < NRUN) {
			/* a substring of a run: start on a word character,
			 * stay in its run */
			size_t tries = 0;

			while (!ref_is_word(ref_fold(f->cp[i])) && ++tries < 50)
				i = below(f->nc);
			if (tries == 50)
				continue;
			size_t most = 1 + below(8);

			for (len = 1; len < most && i + len < f->nc &&
			     ref_is_word(ref_fold(f->cp[i + len])); len++)
				;
			buf_add(&q, f->s + f->at[i], f->at[i + len] - f->at[i]);
			if (f->cp[i] < 0x80 || f->cp[i + len - 1] < 0x80)
				latin++;
		} else if (k < NRUN + NSPAN) {
			len = 1 + below(12);
			if (i + len > f->nc)
				len = f->nc - i;
			buf_add(&q, f->s + f->at[i], f->at[i + len] - f->at[i]);
		} else {
			/* characters of the corpus in an order it may not
			 * have */
			for (len = 1 + below(4); len; len--) {
				const struct field *g = &c.f[below(2 * NDOC)];
				size_t j = below(g->nc);

				if (ref_is_word(ref_fold(g->cp[j])))
					buf_add(&q, g->s + g->at[j],
						g->at[j + 1] - g->at[j]);
			}
		}
		buf_reset(&norm);
		ref_norm(&norm, q.buf, q.len, 1);
		if (!norm.len)
			continue;	/* separators only: no token */
		nw = scan_find(&sc, norm.buf, want);
		ng = fts_find(sel, q.buf, got);
		if (nw != ng || memcmp(want, got, nw * sizeof(*want))) {
			size_t j = 0;

			while (j < nw && j < ng && want[j] == got[j])
				j++;
			T_FAIL("query \"%s\": the scan finds %zu documents, "
			       "FTS5 %zu; first difference: scan %lld, "
			       "FTS5 %lld", q.buf, nw, ng,
			       j < nw ? (long long)want[j] : -1LL,
			       j < ng ? (long long)got[j] : -1LL);
		}
		absent += !nw;
		many += nw > 1;

		/* every 20th run substring: highlight() marks text whose
		 * searchable form holds the query */
		if (k < NRUN && k % 20 == 0) {
			struct buf q2 = BUF_INIT, span = BUF_INIT;
			const char *h, *open, *close;

			search_tokenizer_quote(&q2, q.buf);
			sqlite3_reset(hl);
			sqlite3_bind_text(hl, 1, q2.buf, (int)q2.len,
					  SQLITE_TRANSIENT);
			sqlite3_bind_int(hl, 2, (int)(fi % 2));
			sqlite3_bind_int64(hl, 3, (sqlite3_int64)(fi / 2) + 1);
			CHECK(sqlite3_step(hl) == SQLITE_ROW);
			h = (const char *)sqlite3_column_text(hl, 0);
			CHECK((open = strchr(h, 2)) != NULL);
			for (; open; open = strchr(close, 2)) {
				CHECK((close = strchr(open, 3)) != NULL);
				buf_reset(&span);
				ref_norm(&span, open + 1,
					 (size_t)(close - open - 1), 1);
				if (!strstr(span.buf, norm.buf))
					T_FAIL("query \"%s\": marked \"%.*s\"",
					       q.buf, (int)(close - open - 1),
					       open + 1);
				marked++;
			}
			buf_release(&q2);
			buf_release(&span);
		}
	}
	CHECK(absent >= 500);
	CHECK(latin >= 250);
	CHECK(many >= 2000);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	printf("# property: %d documents (words from %s), %d run substrings "
	       "(%zu with Latin or digits), %d spans, %d random strings; "
	       "%zu queries found nothing, %zu more than one; %zu marks "
	       "checked; %.1f s\n", NDOC, from, NRUN, latin, NSPAN, NRANDOM,
	       absent, many, marked,
	       (double)(t1.tv_sec - t0.tv_sec) +
	       (double)(t1.tv_nsec - t0.tv_nsec) / 1e9);
	report_size(db, "generated corpus", text_bytes);

	sqlite3_finalize(sel);
	sqlite3_finalize(hl);
	sqlite3_close(db);
	buf_release(&sc.all);
	free(sc.start);
	buf_release(&q);
	buf_release(&norm);
	free(want);
	free(got);
	free(seen);
	free(ref_t2s);
	ref_t2s = NULL;
	corpus_release(&c);
}

T_MAIN(T(test_tokens__document_unigrams_and_colocated_bigrams),
       T(test_tokens__query_one_token_per_position),
       T(test_tokens__folding_keeps_original_offsets),
       T(test_tokens__invalid_utf8_breaks_runs),
       T(test_match__dibao_does_not_find_zuidi_shenghuo_baozhang),
       T(test_match__one_character),
       T(test_match__long_queries),
       T(test_match__no_token_spans_punctuation),
       T(test_match__not_across_fields),
       T(test_match__full_width_folded),
       T(test_match__traditional_folded),
       T(test_match__latin_and_digits),
       T(test_match__beyond_the_basic_block),
       T(test_match__kangxi_radicals_and_invisible_marks),
       T(test_highlight__original_offsets),
       T(test_match__invalid_utf8),
       T(test_query__quotes_and_separators_only),
       T(test_register__refuses_arguments),
       T(test_property__substrings))
