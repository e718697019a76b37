/* xlsx-read.c: an Excel workbook (.xlsx) read into a grid; see xlsx-read.h.
 *
 * An .xlsx file is a zip of XML parts.  _rels/.rels names the workbook part
 * (normally xl/workbook.xml); the workbook lists its sheets in order, each
 * by a relationship id that the workbook's own .rels part maps to a part
 * name and a type (worksheet, chartsheet...).  Cell text is either in the
 * sheet or an index into the shared string table (xl/sharedStrings.xml),
 * which is read first and kept in the grid's arena so that cells point
 * into it.
 *
 * Every part is parsed as a stream by libxml2's SAX2 push parser, fed by
 * part_run(): feed() inflates the zip entry a buffer at a time, the parser
 * calls back with element starts and ends and text, and each kind of part
 * has its handlers (struct part_ops).  No tree is built.  (xmlTextReader
 * was tried first: it keeps every comment and blank text node it has
 * passed, so 200 MB of "<!---->" took 4.7 GB; the SAX parser stays at a
 * few MB on any input and is twice as fast.)  Names are compared as
 * pointers into the parser's dictionary, by local name, so Strict
 * namespaces work too.  A sheet's rows gather in a malloc'd vector, each
 * row's cells in the arena; merged ranges are applied when the sheet ends.
 *
 * Hostile input:
 *  - feed() counts the bytes it inflates against lim->max_unpacked_bytes
 *    (declared sizes only serve to refuse early): zip bombs stop at the cap;
 *  - feed() refuses any "<!" before the root element other than a comment,
 *    so a DOCTYPE never reaches libxml2 (XML bombs, external entities);
 *    entities are never substituted, nothing is loaded, the network is off;
 *  - feed() replaces each byte that is not UTF-8 by the noncharacter
 *    U+FDD0 before libxml2 sees it, so that the cell holding it can be
 *    named in the message (libxml2 would just stop); the declared encoding
 *    is ignored (Excel only writes UTF-8), UTF-16 is passed through;
 *  - every count the input drives is capped (the constants below and
 *    struct grid_limits); libxml2 reports to a handler that records the
 *    first fatal error and prints nothing (the thread-local default
 *    handlers are also swapped for the duration of a call and put back).
 */
#include "xlsx-read.h"

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <libxml/parser.h>
#include <libxml/xmlerror.h>
#include <zip.h>

#include "../util/buf.h"
#include "../util/xalloc.h"

#define RAW_SIZE (64 * 1024)	/* inflated bytes buffered per part */
#define CHUNK (64 * 1024)	/* bytes handed to the parser at a time */
#define POOL_BLOCK (256 * 1024)	/* cell text is packed into blocks this big */
#define EXCEL_ROWS 1048576u	/* Excel's own sheet size */
#define EXCEL_COLS 16384u
#define MAX_ENTRIES 100000	/* files in the zip */
#define MAX_SHEETS 1000
#define MAX_RELS 100000		/* relationships kept from one .rels part */
#define MAX_NAME_BYTES 255	/* a sheet name (Excel allows 31 characters) */
#define MAX_SHARED 16777216u	/* entries in the shared string table */
#define MAX_MERGES 1000000	/* merged ranges in one sheet */
#define MAX_CELLS 25000000u	/* cell slots in the grid, and cells set by
				   merges, per file: 200 MB of pointers */

#define XML_OPTIONS (XML_PARSE_NONET | XML_PARSE_NOCDATA | XML_PARSE_IGNORE_ENC)

/* What stands in the XML for a byte that is not UTF-8: U+FDD0. */
static const char bad_mark[] = "\xef\xb7\x90";

/* Shared strings that cannot be used; a cell that refers to one is
 * reported where it stands. */
static const char sst_bad_utf8[] = "";
static const char sst_too_long[] = "";

static const char msg_resave[] =
	"请用 Excel 或 WPS 打开后另存为 .xlsx 再试";

/* Names compared by pointer: interned in each parser's dictionary. */
enum nm {
	NM_C, NM_V, NM_IS, NM_T, NM_R, NM_RPH, NM_ROW, NM_SHEETDATA, NM_SI,
	NM_SHEET, NM_MERGECELL, NM_RELATIONSHIP, NM_REF, NM_NAME, NM_ID,
	NM_ID_UPPER, NM_TYPE, NM_TARGET, NM_TARGETMODE,
	NM__MAX
};

static const char *const nm_text[NM__MAX] = {
	"c", "v", "is", "t", "r", "rPh", "row", "sheetData", "si",
	"sheet", "mergeCell", "Relationship", "ref", "name", "id",
	"Id", "Type", "Target", "TargetMode",
};

/* Cell text packed end to end, NUL after each, in blocks from the arena. */
struct pool {
	char *p;
	size_t left;
};

/* One workbook being read. */
struct xlsx {
	zip_t *zip;
	const char *display;
	const struct grid_limits *lim;
	struct grid *out;
	struct errors *err;
	bool fatal;		/* a file-wide fault was reported: stop */
	bool failed;		/* some fault was reported */
	size_t unpacked;	/* XML bytes inflated so far */
	size_t cells;		/* cell slots allocated so far */
	size_t merged;		/* cells set by merged ranges so far */
	struct pool pool;
	struct buf text;	/* the string being gathered */
	const char **sst;	/* shared strings (malloc'd vector) */
	size_t nsst, sst_alloc;
	const char **rowcells;	/* the row being read, indexed by column */
	size_t rowcells_alloc;
};

enum feed_fail { FEED_OK, FEED_ZIP, FEED_BOMB, FEED_DTD };

/* Where the scan for a DOCTYPE is in the prolog (see prolog_scan()). */
enum prolog { PRO_TEXT, PRO_LT, PRO_PI, PRO_BANG, PRO_BANG_DASH, PRO_COMMENT,
	      PRO_DONE };

struct part;

/* What the reader of one kind of part does with the parser's events.
 * 'attrs' holds 'nattr' SAX2 attributes (see struct attr). */
struct part_ops {
	void (*start)(struct part *p, const xmlChar *name, int nattr,
		      const xmlChar **attrs);
	void (*end)(struct part *p, const xmlChar *name);
	void (*text)(struct part *p, const char *s, size_t n);
};

/* One XML part being read. */
struct part {
	struct xlsx *x;
	const char *name;	/* zip entry name, for messages */
	const char *sheet;	/* the worksheet it belongs to, or NULL */
	const struct part_ops *ops;
	void *st;		/* the state of ops */
	zip_file_t *zf;
	xmlParserCtxtPtr ctxt;
	const xmlChar *nm[NM__MAX];
	unsigned char *raw;	/* inflated bytes, raw[pos..len) not yet fed */
	size_t pos, len;
	bool eof, started, utf8;
	size_t nbad;		/* bytes replaced by bad_mark */
	enum prolog prolog;
	unsigned char last[2];	/* the prolog's last two bytes, last first */
	enum feed_fail fail;
	int zip_code;		/* ZIP_ER_* when fail == FEED_ZIP */
	bool stopped;		/* a handler stopped the parse */
	int depth;		/* elements open */
	bool root_closed;	/* the document ended properly */
	bool xml_failed;	/* the first fatal libxml2 error: */
	int xml_code, xml_line, xml_col;
	uint32_t row;		/* the sheet row being read, 0 if none */
};

/* One SAX2 attribute. */
struct attr {
	const xmlChar *name;	/* local name, interned */
	const xmlChar *uri;	/* namespace, NULL for a plain attribute */
	const char *v;		/* value, v[0..n), not NUL-terminated */
	size_t n;
};

static struct attr attr_at(const xmlChar **attrs, int i)
{
	const xmlChar **a = attrs + 5 * i;
	struct attr r = { a[0], a[2], (const char *)a[3],
			  (size_t)(a[4] - a[3]) };

	return r;
}

/* A cap in bytes as a person reads it, to go before "上限": "50 MB ",
 * "64 KB " or "100 字节". */
static const char *size_label(size_t n, char out[32])
{
	const size_t mb = 1024 * 1024;

	if (n >= mb && n % mb == 0)
		snprintf(out, 32, "%zu MB ", n / mb);
	else if (n >= 1024 && n % 1024 == 0)
		snprintf(out, 32, "%zu KB ", n / 1024);
	else
		snprintf(out, 32, "%zu 字节", n);
	return out;
}

/* Copy s[0..n) with a NUL into the pool; big strings get their own block. */
static const char *pool_strndup(struct xlsx *x, const char *s, size_t n)
{
	struct pool *pl = &x->pool;
	char *d;

	if (n + 1 > pl->left) {
		if (n + 1 > POOL_BLOCK / 4)
			return arena_strndup(&x->out->arena, s, n);
		pl->p = arena_alloc(&x->out->arena, POOL_BLOCK);
		pl->left = POOL_BLOCK;
	}
	d = pl->p;
	memcpy(d, s, n);
	d[n] = '\0';
	pl->p += n + 1;
	pl->left -= n + 1;
	return d;
}

/* Printable form of input text for a message: at most 24 bytes, cut at a
 * character boundary, control characters as '?'. */
static const char *shown(const char *v, size_t n, char out[32])
{
	size_t i = 0;

	for (; i < n && i < 24; i++)
		out[i] = (unsigned char)v[i] < 0x20 ? '?' : v[i];
	while (i && i < n && ((unsigned char)v[i] & 0xc0) == 0x80)
		i--;	/* don't split a character */
	out[i] = '\0';
	if (i < n)
		strcat(out, "…");
	return out;
}

/* ---- messages ------------------------------------------------------------ */

/* Add a message about the whole file; reading stops. */
#define FILE_ERR(x, ...) do { \
	errors_addf((x)->err, __VA_ARGS__); \
	(x)->fatal = (x)->failed = true; \
} while (0)

static void bomb(struct xlsx *x)
{
	char sz[32];
	size_t n;

	size_label(x->lim->max_unpacked_bytes, sz);
	n = strlen(sz);
	if (n && sz[n - 1] == ' ')
		sz[n - 1] = '\0';	/* "1024 MB " → "1024 MB" */
	FILE_ERR(x, "%s: 解压后的内容超过上限，文件可能是恶意构造的压缩包："
		 "请确认文件来源；如果是正常的表格，请拆成几个较小的文件分别"
		 "导入（解压后的 XML 上限为 %s）", x->display, sz);
}

static void zip_fault(struct xlsx *x, int code)
{
	switch (code) {
	case ZIP_ER_NOPASSWD:
	case ZIP_ER_WRONGPASSWD:
	case ZIP_ER_ENCRNOTSUPP:
		FILE_ERR(x, "%s: 文件内容经过加密，无法读取：请在 Excel 或 WPS "
			 "中取消密码保护，另存为 .xlsx 后重试", x->display);
		break;
	case ZIP_ER_COMPNOTSUPP:
		FILE_ERR(x, "%s: 文件使用了不支持的压缩方式，无法读取：%s",
			 x->display, msg_resave);
		break;
	default:
		FILE_ERR(x, "%s: 文件已损坏或不完整（zip 数据无法读取）："
			 "请重新下载或重新保存文件后再试", x->display);
		break;
	}
}

static void dtd_refused(struct xlsx *x, const char *part)
{
	FILE_ERR(x, "%s: 文件含有不允许的 XML 文档类型声明（DTD）（位于 %s），"
		 "可能是恶意构造的文件：请确认文件来源，或用 Excel 或 WPS 打开"
		 "后另存为 .xlsx 再试", x->display, part);
}

/* Report why part 'p' could not be read to the end. */
static void part_fault(struct part *p)
{
	struct xlsx *x = p->x;
	struct buf b = BUF_INIT;
	const char *what = p->sheet ? "工作表" : "文件";
	char where[64] = "";

	switch (p->fail) {
	case FEED_BOMB:
		bomb(x);
		return;
	case FEED_ZIP:
		zip_fault(x, p->zip_code);
		return;
	case FEED_DTD:
		dtd_refused(x, p->name);
		return;
	case FEED_OK:
		break;
	}
	if (p->sheet)
		buf_addf(&b, "%s:%s: ", x->display, p->sheet);
	else
		buf_addf(&b, "%s: ", x->display);
	if (p->row)
		snprintf(where, sizeof(where), "第 %u 行附近，", p->row);
	if (p->nbad) {
		/* a bad byte where no cell can be named: in a tag, say */
		buf_addf(&b, "%s含有无效的 UTF-8 文字编码（%s%s）：请在 Excel "
			 "或 WPS 中改正乱码的文字，另存为 .xlsx 后重试", what,
			 where, p->name);
	} else if (p->xml_code == XML_ERR_INVALID_CHAR ||
		   p->xml_code == XML_ERR_INVALID_ENCODING ||
		   p->xml_code == XML_ERR_UNKNOWN_ENCODING ||
		   p->xml_code == XML_ERR_UNSUPPORTED_ENCODING) {
		buf_addf(&b, "%s含有无效的文字编码或不允许的控制字符（%s%s "
			 "%d:%d 处）：%s", what, where, p->name, p->xml_line,
			 p->xml_col, msg_resave);
	} else {
		buf_addf(&b, "%s已损坏（%s%s %d:%d 处 XML 格式错误）：%s",
			 p->sheet ? "工作表内容" : "文件", where, p->name,
			 p->xml_line, p->xml_col, msg_resave);
	}
	errors_addf(x->err, "%s", b.buf);
	buf_release(&b);
	x->failed = true;
	if (!p->sheet)
		x->fatal = true;
}

/* ---- zip entries as a byte stream ---------------------------------------- */

/* Length of the well-formed UTF-8 sequence at s[0..avail): 1 to 4; 0 when
 * s[0] cannot start one; -1 when more bytes are needed to tell. */
static int utf8_seq(const unsigned char *s, size_t avail)
{
	unsigned c = s[0], lo = 0x80, hi = 0xbf;
	size_t k;

	if (c < 0x80)
		return 1;
	if (c >= 0xc2 && c <= 0xdf)
		k = 2;
	else if (c >= 0xe0 && c <= 0xef)
		k = 3;
	else if (c >= 0xf0 && c <= 0xf4)
		k = 4;
	else
		return 0;
	if (c == 0xe0)
		lo = 0xa0;		/* overlong */
	else if (c == 0xed)
		hi = 0x9f;		/* surrogates */
	else if (c == 0xf0)
		lo = 0x90;		/* overlong */
	else if (c == 0xf4)
		hi = 0x8f;		/* past U+10FFFF */
	for (size_t i = 1; i < k; i++) {
		if (i >= avail)
			return -1;
		if (s[i] < (i == 1 ? lo : 0x80) || s[i] > (i == 1 ? hi : 0xbf))
			return 0;
	}
	return (int)k;
}

/* Look through the prolog (what comes before the root element) in
 * s[0..n) for a document type declaration: any "<!" that does not open a
 * comment.  Zero bytes are skipped, so UTF-16 reads as ASCII here.
 * Returns -1 when there is one: libxml2 never sees it, so neither entity
 * expansion (XML bombs) nor external entities can start. */
static int prolog_scan(struct part *p, const unsigned char *s, size_t n)
{
	for (size_t i = 0; i < n && p->prolog != PRO_DONE; i++) {
		unsigned char c = s[i];

		if (!c)
			continue;
		switch (p->prolog) {
		case PRO_TEXT:
			if (c == '<')
				p->prolog = PRO_LT;
			break;
		case PRO_LT:
			p->prolog = c == '?' ? PRO_PI :
				    c == '!' ? PRO_BANG : PRO_DONE;
			break;
		case PRO_PI:
			if (c == '>' && p->last[0] == '?')
				p->prolog = PRO_TEXT;
			break;
		case PRO_BANG:
			if (c != '-')
				return -1;
			p->prolog = PRO_BANG_DASH;
			break;
		case PRO_BANG_DASH:
			if (c != '-')
				return -1;
			p->prolog = PRO_COMMENT;
			c = 0;		/* the dashes that open do not close */
			p->last[0] = 0;
			break;
		case PRO_COMMENT:
			if (c == '>' && p->last[0] == '-' && p->last[1] == '-')
				p->prolog = PRO_TEXT;
			break;
		case PRO_DONE:
			break;
		}
		p->last[1] = p->last[0];
		p->last[0] = c;
	}
	return 0;
}

/* Inflate more of p's entry into p->raw after the bytes not yet fed.
 * Returns 0 (p->eof at the end of the entry) or -1 with p->fail set. */
static int refill(struct part *p)
{
	struct xlsx *x = p->x;
	size_t keep = p->len - p->pos;
	zip_int64_t got;

	memmove(p->raw, p->raw + p->pos, keep);
	p->pos = 0;
	p->len = keep;
	got = zip_fread(p->zf, p->raw + keep, RAW_SIZE - keep);
	if (got < 0) {
		p->fail = FEED_ZIP;
		p->zip_code = zip_error_code_zip(zip_file_get_error(p->zf));
		return -1;
	}
	if (got == 0) {
		p->eof = true;
		return 0;
	}
	x->unpacked += (size_t)got;
	if (x->unpacked > x->lim->max_unpacked_bytes) {
		p->fail = FEED_BOMB;
		return -1;
	}
	if (p->prolog != PRO_DONE &&
	    prolog_scan(p, p->raw + keep, (size_t)got) < 0) {
		p->fail = FEED_DTD;
		return -1;
	}
	p->len += (size_t)got;
	if (!p->started) {
		/* UTF-16 (with or without a byte order mark) goes to libxml2
		 * as it is; everything else is taken as UTF-8 */
		const unsigned char *r = p->raw;
		p->started = true;
		p->utf8 = !(p->len >= 2 &&
			    ((r[0] == 0xfe && r[1] == 0xff) ||
			     (r[0] == 0xff && r[1] == 0xfe) ||
			     (r[0] == 0 && r[1] == '<') ||
			     (r[0] == '<' && r[1] == 0)));
	}
	return 0;
}

/* Up to 'cap' (at least 4) bytes of XML for the parser into 'out', each
 * byte that is not UTF-8 replaced by bad_mark.  Returns the count, 0 at
 * the end, -1 on failure (p->fail says why). */
static int feed(struct part *p, char *out, size_t cap)
{
	size_t n = 0;

	if (p->fail)
		return -1;
	while (n < cap) {
		const unsigned char *s;
		size_t avail, m, room;
		int k;

		if (p->pos == p->len) {
			if (p->eof)
				break;
			if (refill(p) < 0)
				return -1;
			continue;
		}
		s = p->raw + p->pos;
		avail = p->len - p->pos;
		room = cap - n;
		if (!p->utf8) {
			m = avail < room ? avail : room;
			memcpy(out + n, s, m);
			n += m;
			p->pos += m;
			continue;
		}
		for (m = 0; m < avail && m < room && s[m] < 0x80; m++)
			;
		if (m) {
			memcpy(out + n, s, m);
			n += m;
			p->pos += m;
			continue;
		}
		k = utf8_seq(s, avail);
		if (k < 0) {
			if (!p->eof) {
				if (refill(p) < 0)
					return -1;
				continue;
			}
			k = 0;		/* cut short by the end of the entry */
		}
		if (k == 0) {
			if (room < sizeof(bad_mark) - 1)
				break;
			memcpy(out + n, bad_mark, sizeof(bad_mark) - 1);
			n += sizeof(bad_mark) - 1;
			p->pos++;
			p->nbad++;
			continue;
		}
		if (room < (size_t)k)
			break;
		memcpy(out + n, s, (size_t)k);
		n += (size_t)k;
		p->pos += (size_t)k;
	}
	return (int)n;
}

/* ---- XML parts ----------------------------------------------------------- */

/* Stop parsing 'p' (from a handler, after adding a message). */
static void part_stop(struct part *p)
{
	p->stopped = true;
	xmlStopParser(p->ctxt);
}

static void sax_start(void *ctx, const xmlChar *name, const xmlChar *prefix,
		      const xmlChar *uri, int nns, const xmlChar **ns,
		      int nattr, int ndefaulted, const xmlChar **attrs)
{
	struct part *p = ctx;

	(void)prefix;
	(void)uri;
	(void)nns;
	(void)ns;
	(void)ndefaulted;
	p->depth++;
	if (!p->stopped)
		p->ops->start(p, name, nattr, attrs);
}

static void sax_end(void *ctx, const xmlChar *name, const xmlChar *prefix,
		    const xmlChar *uri)
{
	struct part *p = ctx;

	(void)prefix;
	(void)uri;
	if (--p->depth == 0)
		p->root_closed = true;
	if (!p->stopped)
		p->ops->end(p, name);
}

static void sax_text(void *ctx, const xmlChar *s, int n)
{
	struct part *p = ctx;

	if (!p->stopped && p->ops->text && n > 0)
		p->ops->text(p, (const char *)s, (size_t)n);
}

/* A DOCTYPE that got past prolog_scan(): refuse it all the same. */
static void sax_dtd(void *ctx, const xmlChar *name, const xmlChar *ext,
		    const xmlChar *sys)
{
	struct part *p = ctx;

	(void)name;
	(void)ext;
	(void)sys;
	p->fail = FEED_DTD;
	part_stop(p);
}

/* Record the first fatal error of a part; print nothing. */
static void sax_error(void *ctx, xmlErrorPtr e)
{
	struct part *p = ctx;

	if (!e || e->level != XML_ERR_FATAL || p->xml_failed)
		return;
	p->xml_failed = true;
	p->xml_code = e->code;
	p->xml_line = e->line;
	p->xml_col = e->int2;
}

static void silent_structured(void *ctx, xmlErrorPtr e)
{
	(void)ctx;
	(void)e;
}

static void silent_generic(void *ctx, const char *msg, ...)
{
	(void)ctx;
	(void)msg;
}

/* Index of zip entry 'name' (OPC part names ignore case), or -1. */
static zip_int64_t locate(struct xlsx *x, const char *name)
{
	zip_int64_t i = zip_name_locate(x->zip, name, 0);

	if (i < 0)
		i = zip_name_locate(x->zip, name, ZIP_FL_NOCASE);
	return i;
}

/* Parse zip entry 'name' of 'x', giving the events to 'ops' with state
 * 'st'; 'sheet' names the worksheet it holds, for messages, or is NULL for
 * a part of the whole file.  Returns 0, 1 when there is no such entry, or
 * -1 after adding a message (ops may have added it). */
static int part_run(struct xlsx *x, const char *name, const char *sheet,
		    const struct part_ops *ops, void *st)
{
	xmlSAXHandler sax;
	struct part p = { 0 };
	char *chunk = NULL;
	zip_int64_t idx;
	zip_stat_t zst;
	int n, first, rc = -1;

	p.x = x;
	p.name = name;
	p.sheet = sheet;
	p.ops = ops;
	p.st = st;
	idx = locate(x, name);
	if (idx < 0)
		return 1;
	zip_stat_init(&zst);
	if (zip_stat_index(x->zip, (zip_uint64_t)idx, 0, &zst) == 0 &&
	    (zst.valid & ZIP_STAT_SIZE) &&
	    zst.size > x->lim->max_unpacked_bytes - x->unpacked) {
		bomb(x);
		return -1;
	}
	p.zf = zip_fopen_index(x->zip, (zip_uint64_t)idx, 0);
	if (!p.zf) {
		zip_fault(x, zip_error_code_zip(zip_get_error(x->zip)));
		return -1;
	}
	p.raw = xmalloc(RAW_SIZE);
	chunk = xmalloc(CHUNK);

	memset(&sax, 0, sizeof(sax));
	sax.initialized = XML_SAX2_MAGIC;
	sax.startElementNs = sax_start;
	sax.endElementNs = sax_end;
	sax.characters = sax_text;
	sax.ignorableWhitespace = sax_text;
	sax.cdataBlock = sax_text;
	sax.internalSubset = sax_dtd;
	sax.externalSubset = sax_dtd;
	sax.serror = sax_error;

	/* the first bytes go in with the context: they tell the encoding */
	n = feed(&p, chunk, CHUNK);
	if (n < 0)
		goto fault;
	first = n < 4 ? n : 4;
	p.ctxt = xmlCreatePushParserCtxt(&sax, &p, chunk, first, name);
	if (!p.ctxt)
		goto fault;
	xmlCtxtUseOptions(p.ctxt, XML_OPTIONS);
	for (int i = 0; i < NM__MAX; i++)
		p.nm[i] = xmlDictLookup(p.ctxt->dict, BAD_CAST nm_text[i], -1);
	while (n > first) {
		xmlParseChunk(p.ctxt, chunk + first, n - first, 0);
		if (p.stopped || p.ctxt->disableSAX || x->fatal)
			break;
		first = 0;
		n = feed(&p, chunk, CHUNK);
	}
	if (n == 0 || (n == first && !p.stopped && !p.ctxt->disableSAX))
		xmlParseChunk(p.ctxt, NULL, 0, 1);
	if (!p.fail && !p.xml_failed && !p.stopped && !p.root_closed) {
		/* libxml2 can halt without a word (input it cannot convert):
		 * whatever the reason, a part cut short is not accepted */
		p.xml_failed = true;
		p.xml_code = p.utf8 ? XML_ERR_DOCUMENT_END :
				      XML_ERR_INVALID_ENCODING;
		p.xml_line = p.ctxt->input ? p.ctxt->input->line : 0;
		p.xml_col = p.ctxt->input ? p.ctxt->input->col : 0;
	}
	if (p.fail || p.xml_failed || (!p.stopped && !p.ctxt->wellFormed))
		goto fault;
	rc = p.stopped || x->fatal ? -1 : 0;
	goto out;
fault:
	part_fault(&p);
out:
	if (p.ctxt)
		xmlFreeParserCtxt(p.ctxt);
	zip_fclose(p.zf);
	free(p.raw);
	free(chunk);
	return rc;
}

/* Append s[0..n) to x->text unless that passes 'cap' bytes; then set
 * *too_long instead. */
static void gather(struct xlsx *x, const char *s, size_t n, size_t cap,
		   bool *too_long)
{
	if (*too_long)
		return;
	if (n > cap - x->text.len) {
		*too_long = true;
		return;
	}
	buf_add(&x->text, s, n);
}

/* Most bytes of raw text gathered for one string before it is known to be
 * over the cap: escapes shrink at most sevenfold. */
static size_t gather_cap(const struct grid_limits *lim)
{
	if (lim->max_cell_bytes > (SIZE_MAX - 64) / 8)
		return SIZE_MAX;
	return lim->max_cell_bytes * 8 + 64;
}

/* Does s[0..n), read from part 'p', hold a byte that was not UTF-8? */
static bool has_bad_mark(const struct part *p, const char *s, size_t n)
{
	return p->nbad && memmem(s, n, bad_mark, sizeof(bad_mark) - 1);
}

/* ---- text ---------------------------------------------------------------- */

static int hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* The UTF-16 code unit of an escape _xHHHH_ at s (n bytes left), or -1. */
static long escape_at(const char *s, size_t n)
{
	long v = 0;

	if (n < 7 || s[0] != '_' || (s[1] != 'x' && s[1] != 'X') ||
	    s[6] != '_')
		return -1;
	for (int i = 2; i < 6; i++) {
		int h = hexval((unsigned char)s[i]);
		if (h < 0)
			return -1;
		v = v * 16 + h;
	}
	return v;
}

/* Decode Excel's _xHHHH_ escapes (ST_Xstring) in b, in place: "_x000D_"
 * is a CR, "_x005F_" an underscore, a pair of surrogate escapes one
 * character; NUL is dropped, a lone surrogate kept as written. */
static void unescape(struct buf *b)
{
	char *s = b->buf, *d = b->buf, *end = b->buf + b->len;

	if (!b->len || !memchr(s, '_', b->len))
		return;
	while (s < end) {
		long u = *s == '_' ? escape_at(s, (size_t)(end - s)) : -1;
		uint32_t cp;
		size_t used = 7;

		if (u < 0 || (u >= 0xdc00 && u <= 0xdfff)) {
			*d++ = *s++;
			continue;
		}
		cp = (uint32_t)u;
		if (u >= 0xd800 && u <= 0xdbff) {
			long lo = escape_at(s + 7, (size_t)(end - s - 7));
			if (lo < 0xdc00 || lo > 0xdfff) {
				*d++ = *s++;
				continue;
			}
			cp = 0x10000 + (((uint32_t)u - 0xd800) << 10) +
			     ((uint32_t)lo - 0xdc00);
			used = 14;
		}
		s += used;
		/* the UTF-8 form is never longer than the escape */
		if (cp == 0) {
			continue;
		} else if (cp < 0x80) {
			*d++ = (char)cp;
		} else if (cp < 0x800) {
			*d++ = (char)(0xc0 | (cp >> 6));
			*d++ = (char)(0x80 | (cp & 0x3f));
		} else if (cp < 0x10000) {
			*d++ = (char)(0xe0 | (cp >> 12));
			*d++ = (char)(0x80 | ((cp >> 6) & 0x3f));
			*d++ = (char)(0x80 | (cp & 0x3f));
		} else {
			*d++ = (char)(0xf0 | (cp >> 18));
			*d++ = (char)(0x80 | ((cp >> 12) & 0x3f));
			*d++ = (char)(0x80 | ((cp >> 6) & 0x3f));
			*d++ = (char)(0x80 | (cp & 0x3f));
		}
	}
	buf_setlen(b, (size_t)(d - b->buf));
}

/* ---- cell references ----------------------------------------------------- */

/* Parse a cell reference "B12" (an optional '$' before either part) at
 * v[0..n) into a 0-based column and a 1-based row; *used is how many
 * bytes it took.  Returns 0 or -1 when malformed or outside Excel's
 * sheet. */
static int parse_ref(const char *v, size_t n, uint32_t *col, uint32_t *row,
		     size_t *used)
{
	uint32_t c = 0, r = 0;
	size_t i = 0;
	int nl = 0, nd = 0;

	if (i < n && v[i] == '$')
		i++;
	for (; i < n && ((v[i] >= 'A' && v[i] <= 'Z') ||
			 (v[i] >= 'a' && v[i] <= 'z')); i++) {
		if (++nl > 3)
			return -1;
		c = c * 26 + (uint32_t)((v[i] | 0x20) - 'a' + 1);
	}
	if (!nl || c > EXCEL_COLS)
		return -1;
	if (i < n && v[i] == '$')
		i++;
	for (; i < n && v[i] >= '0' && v[i] <= '9'; i++) {
		if (++nd > 7)
			return -1;
		r = r * 10 + (uint32_t)(v[i] - '0');
	}
	if (!nd || r < 1 || r > EXCEL_ROWS)
		return -1;
	*col = c - 1;
	*row = r;
	*used = i;
	return 0;
}

/* Parse a row number "12" at v[0..n).  Returns 0 or -1 (malformed, 0,
 * past Excel's last row). */
static int parse_rownum(const char *v, size_t n, uint32_t *row)
{
	uint32_t r = 0;

	if (!n || n > 7)
		return -1;
	for (size_t i = 0; i < n; i++) {
		if (v[i] < '0' || v[i] > '9')
			return -1;
		r = r * 10 + (uint32_t)(v[i] - '0');
	}
	if (r < 1 || r > EXCEL_ROWS)
		return -1;
	*row = r;
	return 0;
}

/* ---- relationships ------------------------------------------------------- */

enum rel_kind { REL_OTHER, REL_WORKSHEET, REL_OTHER_SHEET, REL_SHARED,
		REL_OFFICE };

struct rel {
	char *id;
	char *target;		/* a zip entry name; NULL when unusable */
	enum rel_kind kind;
};

/* The relationships of one .rels part. */
struct rels {
	const char *dir;	/* what targets are relative to: "xl/" */
	struct rel *v;
	size_t n, alloc;
};

static void rels_release(struct rels *r)
{
	for (size_t i = 0; i < r->n; i++) {
		free(r->v[i].id);
		free(r->v[i].target);
	}
	free(r->v);
	memset(r, 0, sizeof(*r));
}

static bool ends_with(const char *s, size_t n, const char *tail)
{
	size_t m = strlen(tail);

	return n >= m && !memcmp(s + n - m, tail, m);
}

static enum rel_kind rel_kind_of(const char *type, size_t n)
{
	/* transitional ".../officeDocument/2006/relationships/worksheet",
	 * Strict "http://purl.oclc.org/ooxml/officeDocument/relationships/
	 * worksheet" */
	if (ends_with(type, n, "/worksheet"))
		return REL_WORKSHEET;
	if (ends_with(type, n, "/chartsheet") ||
	    ends_with(type, n, "/dialogsheet") ||
	    ends_with(type, n, "/xlMacrosheet") ||
	    ends_with(type, n, "/xlIntlMacrosheet"))
		return REL_OTHER_SHEET;
	if (ends_with(type, n, "/sharedStrings"))
		return REL_SHARED;
	if (ends_with(type, n, "/officeDocument"))
		return REL_OFFICE;
	return REL_OTHER;
}

/* The zip entry a relationship target t[0..n) names, resolved against the
 * directory 'base' ("xl/", or "" for the package root), or NULL when it
 * cannot be one (external, empty).  Percent escapes are decoded, "." and
 * ".." segments resolved, a leading '/' means the package root.  The
 * result is malloc'd. */
static char *resolve_target(const char *base, const char *t, size_t n)
{
	struct buf path = BUF_INIT, out = BUF_INIT;
	const char *seg;

	if (!n || memmem(t, n, "://", 3))
		return NULL;
	if (*t != '/')
		buf_adds(&path, base);
	for (size_t i = 0; i < n && t[i] != '#'; i++) {
		int h1, h2;
		if (t[i] == '%' && i + 2 < n &&
		    (h1 = hexval((unsigned char)t[i + 1])) >= 0 &&
		    (h2 = hexval((unsigned char)t[i + 2])) >= 0) {
			buf_addch(&path, h1 * 16 + h2);
			i += 2;
		} else {
			buf_addch(&path, t[i] == '\\' ? '/' : t[i]);
		}
	}
	if (memchr(path.buf, '\0', path.len)) {
		buf_release(&path);
		return NULL;
	}
	for (seg = path.buf; *seg; ) {
		const char *e = strchr(seg, '/');
		size_t len = e ? (size_t)(e - seg) : strlen(seg);

		if (len == 2 && !memcmp(seg, "..", 2)) {
			char *slash;
			buf_setlen(&out, out.len ? out.len - 1 : 0);
			slash = strrchr(out.buf, '/');
			buf_setlen(&out, slash ? (size_t)(slash - out.buf) + 1
					       : 0);
		} else if (len && !(len == 1 && *seg == '.')) {
			buf_add(&out, seg, len);
			if (e)
				buf_addch(&out, '/');
		}
		seg += len + (e ? 1 : 0);
	}
	buf_release(&path);
	if (!out.len || out.buf[out.len - 1] == '/') {
		buf_release(&out);
		return NULL;
	}
	return buf_detach(&out, NULL);
}

/* The .rels part of 'part' ("xl/workbook.xml" → "xl/_rels/workbook.xml.
 * rels") and the directory its targets are relative to ("xl/"); both
 * malloc'd. */
static void rels_name(const char *part, char **rels, char **dir)
{
	const char *slash = strrchr(part, '/');
	size_t n = slash ? (size_t)(slash - part) + 1 : 0;
	struct buf b = BUF_INIT;

	buf_add(&b, part, n);
	*dir = xstrdup(b.len ? b.buf : "");
	buf_adds(&b, "_rels/");
	buf_adds(&b, part + n);
	buf_adds(&b, ".rels");
	*rels = buf_detach(&b, NULL);
}

static void rels_start(struct part *p, const xmlChar *name, int nattr,
		       const xmlChar **attrs)
{
	struct rels *r = p->st;
	struct attr id = { 0 }, target = { 0 };
	enum rel_kind kind = REL_OTHER;
	bool external = false;
	struct rel *e;

	if (name != p->nm[NM_RELATIONSHIP])
		return;
	for (int i = 0; i < nattr; i++) {
		struct attr a = attr_at(attrs, i);
		if (a.uri)
			continue;
		if (a.name == p->nm[NM_ID_UPPER])
			id = a;
		else if (a.name == p->nm[NM_TYPE])
			kind = rel_kind_of(a.v, a.n);
		else if (a.name == p->nm[NM_TARGET])
			target = a;
		else if (a.name == p->nm[NM_TARGETMODE])
			external = a.n == 8 && !memcmp(a.v, "External", 8);
	}
	if (!id.v || !target.v || external || r->n >= MAX_RELS)
		return;
	r->v = xgrow(r->v, sizeof(*r->v), r->n + 1, &r->alloc);
	e = &r->v[r->n++];
	e->id = xstrndup(id.v, id.n);
	e->kind = kind;
	e->target = resolve_target(r->dir, target.v, target.n);
}

static void ignore_end(struct part *p, const xmlChar *name)
{
	(void)p;
	(void)name;
}

static const struct part_ops rels_ops = { rels_start, ignore_end, NULL };

/* Read the relationships of .rels part 'name' (targets relative to
 * out->dir) into 'out'.  Returns 0, 1 when there is no such part, or -1
 * after adding a message. */
static int read_rels(struct xlsx *x, const char *name, struct rels *out)
{
	return part_run(x, name, NULL, &rels_ops, out);
}

static const struct rel *rel_find(const struct rels *r, const char *id)
{
	for (size_t i = 0; i < r->n; i++)
		if (!strcmp(r->v[i].id, id))
			return &r->v[i];
	return NULL;
}

/* ---- workbook ------------------------------------------------------------ */

struct wb_sheet {
	char *name;
	char *rid;		/* NULL when the workbook gives none */
};

struct workbook {
	char *part;		/* "xl/workbook.xml" */
	struct wb_sheet *v;
	size_t n, alloc;
};

static void workbook_release(struct workbook *wb)
{
	for (size_t i = 0; i < wb->n; i++) {
		free(wb->v[i].name);
		free(wb->v[i].rid);
	}
	free(wb->v);
	free(wb->part);
	memset(wb, 0, sizeof(*wb));
}

/* Why a zip without a workbook is not a workbook: another Office file? */
static void no_workbook(struct xlsx *x)
{
	static const struct {
		const char *entry, *what;
	} others[] = {
		{ "word/document.xml", "这是 Word 文档，不是 Excel 工作簿" },
		{ "ppt/presentation.xml",
		  "这是 PowerPoint 演示文稿，不是 Excel 工作簿" },
		{ "xl/workbook.bin", "这是 Excel 二进制工作簿（.xlsb），无法"
		  "直接读取" },
		{ "content.xml", "这是 OpenDocument 文件（如 .ods），无法直接"
		  "读取" },
	};

	for (size_t i = 0; i < sizeof(others) / sizeof(others[0]); i++) {
		if (locate(x, others[i].entry) >= 0) {
			FILE_ERR(x, "%s: 不是有效的 Excel 文件（.xlsx）：%s，"
				 "请用 Excel 或 WPS 另存为 .xlsx 后重试",
				 x->display, others[i].what);
			return;
		}
	}
	FILE_ERR(x, "%s: 不是有效的 Excel 文件（.xlsx）：压缩包里没有工作簿"
		 "（xl/workbook.xml），请用 Excel 或 WPS 另存为 .xlsx 后重试",
		 x->display);
}

/* Find the workbook part: the officeDocument of _rels/.rels when it exists,
 * else xl/workbook.xml.  Returns 0 with wb->part set, or -1 after adding a
 * message. */
static int find_workbook(struct xlsx *x, struct workbook *wb)
{
	struct rels root = { .dir = "" };
	int rc = read_rels(x, "_rels/.rels", &root);

	if (rc < 0)
		goto out;
	for (size_t i = 0; i < root.n; i++) {
		const char *t = root.v[i].target;
		if (root.v[i].kind == REL_OFFICE && t && locate(x, t) >= 0) {
			wb->part = xstrdup(t);
			break;
		}
	}
	if (!wb->part && locate(x, "xl/workbook.xml") >= 0)
		wb->part = xstrdup("xl/workbook.xml");
	rc = 0;
	if (!wb->part) {
		no_workbook(x);
		rc = -1;
	}
out:
	rels_release(&root);
	return rc;
}

static void workbook_start(struct part *p, const xmlChar *name, int nattr,
			   const xmlChar **attrs)
{
	struct workbook *wb = p->st;
	struct xlsx *x = p->x;
	struct wb_sheet *s;

	if (name != p->nm[NM_SHEET])
		return;
	if (wb->n >= MAX_SHEETS) {
		FILE_ERR(x, "%s: 工作表超过 %d 个上限：请把工作表分到几个文件中"
			 "分别导入", x->display, MAX_SHEETS);
		part_stop(p);
		return;
	}
	wb->v = xgrow(wb->v, sizeof(*wb->v), wb->n + 1, &wb->alloc);
	s = &wb->v[wb->n++];
	s->name = NULL;
	s->rid = NULL;
	for (int i = 0; i < nattr; i++) {
		struct attr a = attr_at(attrs, i);
		if (a.name == p->nm[NM_NAME] && !a.uri && !s->name) {
			if (a.n > MAX_NAME_BYTES ||
			    has_bad_mark(p, a.v, a.n)) {
				FILE_ERR(x, "%s: 第 %zu 个工作表的名称%s：%s",
					 x->display, wb->n,
					 a.n > MAX_NAME_BYTES ? "过长" :
					 "含有无效的 UTF-8 文字编码",
					 msg_resave);
				part_stop(p);
				return;
			}
			if (a.n)
				s->name = xstrndup(a.v, a.n);
		} else if (a.name == p->nm[NM_ID] && a.uri && !s->rid) {
			/* r:id, in either namespace */
			s->rid = xstrndup(a.v, a.n);
		}
	}
	if (!s->name) {
		struct buf b = BUF_INIT;

		buf_addf(&b, "Sheet%zu", wb->n);
		s->name = buf_detach(&b, NULL);
	}
}

static const struct part_ops workbook_ops = { workbook_start, ignore_end,
					      NULL };

/* Read the sheet list of wb->part into wb.  Returns 0 or -1 after adding a
 * message. */
static int read_workbook(struct xlsx *x, struct workbook *wb)
{
	int rc = part_run(x, wb->part, NULL, &workbook_ops, wb);

	if (rc > 0)
		no_workbook(x);
	return rc ? -1 : 0;
}

/* ---- shared strings ------------------------------------------------------ */

struct shared {
	bool in_si, in_t, too_long;
	int rph;		/* depth inside a phonetic guide <rPh> */
};

/* Add the string gathered in x->text to the shared string table. */
static void shared_add(struct part *p, bool too_long)
{
	struct xlsx *x = p->x;
	const char *s;

	if (x->nsst >= MAX_SHARED) {
		FILE_ERR(x, "%s: 文件里的文字条目超过 %u 个上限，可能是恶意构造"
			 "的文件：请确认文件来源", x->display, MAX_SHARED);
		part_stop(p);
		return;
	}
	if (has_bad_mark(p, x->text.buf, x->text.len)) {
		s = sst_bad_utf8;
	} else {
		if (!too_long)
			unescape(&x->text);
		if (too_long || x->text.len > x->lim->max_cell_bytes)
			s = sst_too_long;
		else if (!x->text.len)
			s = NULL;
		else
			s = pool_strndup(x, x->text.buf, x->text.len);
	}
	x->sst = xgrow(x->sst, sizeof(*x->sst), x->nsst + 1, &x->sst_alloc);
	x->sst[x->nsst++] = s;
}

static void shared_start(struct part *p, const xmlChar *name, int nattr,
			 const xmlChar **attrs)
{
	struct shared *st = p->st;

	(void)nattr;
	(void)attrs;
	if (name == p->nm[NM_SI]) {
		buf_reset(&p->x->text);
		st->in_si = true;
		st->in_t = st->too_long = false;
		st->rph = 0;
	} else if (name == p->nm[NM_RPH] && st->in_si) {
		st->rph++;
	} else if (name == p->nm[NM_T] && st->in_si && !st->rph) {
		st->in_t = true;
	}
}

static void shared_end(struct part *p, const xmlChar *name)
{
	struct shared *st = p->st;

	if (name == p->nm[NM_SI] && st->in_si) {
		st->in_si = st->in_t = false;
		shared_add(p, st->too_long);
	} else if (name == p->nm[NM_RPH] && st->rph) {
		st->rph--;
	} else if (name == p->nm[NM_T]) {
		st->in_t = false;
	}
}

static void shared_text(struct part *p, const char *s, size_t n)
{
	struct shared *st = p->st;

	if (st->in_t)
		gather(p->x, s, n, gather_cap(p->x->lim), &st->too_long);
}

static const struct part_ops shared_ops = { shared_start, shared_end,
					    shared_text };

/* Read the shared string table 'name' (there may be none).  Returns 0 or
 * -1 after adding a message. */
static int read_shared(struct xlsx *x, const char *name)
{
	struct shared st = { 0 };

	return part_run(x, name, NULL, &shared_ops, &st) < 0 ? -1 : 0;
}

/* ---- worksheets ---------------------------------------------------------- */

enum cell_type { CT_NUMBER, CT_SHARED, CT_STR, CT_INLINE, CT_BOOL, CT_OTHER };

struct range {
	uint32_t r1, c1, r2, c2;	/* rows 1-based, columns 0-based */
};

/* One worksheet being read. */
struct sheet {
	struct xlsx *x;
	const char *name;
	bool failed;		/* a problem was reported: not kept */
	bool cols_reported;
	bool in_data;		/* inside <sheetData> */
	struct grid_row *rows;	/* kept rows (malloc'd vector) */
	size_t nrows, rows_alloc;
	uint32_t row;		/* the row being read; 0 before the first */
	size_t ncells;		/* x->rowcells[0..ncells) may be non-NULL */
	uint32_t nextcol;	/* column of a cell without r */
	/* the cell being read */
	bool in_cell, in_v, in_is, in_t, too_long, col_ok;
	int rph;
	uint32_t col;
	enum cell_type type;
	struct range *merges;	/* malloc'd vector */
	size_t nmerges, merges_alloc;
};

#define SHEET_ERR(s, ...) do { \
	struct buf sheet_err_b = BUF_INIT; \
	buf_addf(&sheet_err_b, "%s:%s: ", (s)->x->display, (s)->name); \
	buf_addf(&sheet_err_b, __VA_ARGS__); \
	errors_addf((s)->x->err, "%s", sheet_err_b.buf); \
	buf_release(&sheet_err_b); \
	(s)->failed = (s)->x->failed = true; \
} while (0)

/* Take 'n' cell slots from the file's allowance.  Returns 0 or -1 after
 * adding a message. */
static int take_cells(struct sheet *s, size_t n)
{
	struct xlsx *x = s->x;

	if (n > MAX_CELLS - x->cells) {
		FILE_ERR(x, "%s: 单元格总数超过 %u 万个上限：请把文件拆成几个"
			 "较小的文件分别导入", x->display, MAX_CELLS / 10000);
		s->failed = true;
		return -1;
	}
	x->cells += n;
	return 0;
}

/* Start a row, numbered r[0..n) or (r NULL) after the previous one.
 * Returns 0 or -1 after adding a message. */
static int row_begin(struct sheet *s, const char *r, size_t n)
{
	uint32_t num;
	char tmp[32];

	if (r) {
		if (parse_rownum(r, n, &num) < 0) {
			SHEET_ERR(s, "行号「%s」无效，文件可能已损坏：%s",
				  shown(r, n, tmp), msg_resave);
			return -1;
		}
		if (num <= s->row) {
			SHEET_ERR(s, "第 %u 行出现在第 %u 行之后，行的顺序"
				  "有误，文件可能已损坏：%s", num, s->row,
				  msg_resave);
			return -1;
		}
	} else {
		if (s->row >= EXCEL_ROWS) {
			SHEET_ERR(s, "行数超过 Excel 的 %u 行上限，文件可能已"
				  "损坏：%s", EXCEL_ROWS, msg_resave);
			return -1;
		}
		num = s->row + 1;
	}
	s->row = num;
	s->ncells = 0;
	s->nextcol = 0;
	return 0;
}

/* End the current row: keep it when it has a cell.  Returns 0 or -1 after
 * adding a message. */
static int row_end(struct sheet *s)
{
	struct xlsx *x = s->x;
	struct grid_row *r;
	const char **cells;

	if (!s->ncells)
		return 0;
	if (s->row > x->lim->max_rows) {
		SHEET_ERR(s, "行数超过 %zu 行上限：请把表格拆成几个较小的文件"
			  "分别导入", x->lim->max_rows);
		return -1;
	}
	if (take_cells(s, s->ncells) < 0)
		return -1;
	cells = arena_alloc(&x->out->arena, s->ncells * sizeof(*cells));
	memcpy(cells, x->rowcells, s->ncells * sizeof(*cells));
	memset(x->rowcells, 0, s->ncells * sizeof(*cells));
	s->rows = xgrow(s->rows, sizeof(*s->rows), s->nrows + 1,
			&s->rows_alloc);
	r = &s->rows[s->nrows++];
	r->rownum = s->row;
	r->ncells = (uint32_t)s->ncells;
	r->cells = cells;
	s->ncells = 0;
	return 0;
}

/* Start a cell: its position from r (or after the previous cell) and its
 * type from t. */
static void cell_begin(struct sheet *s, struct part *p, int nattr,
		       const xmlChar **attrs)
{
	uint32_t col = s->nextcol, row;
	bool bad = false;
	char tmp[32];
	size_t used;

	s->type = CT_NUMBER;
	for (int i = 0; i < nattr; i++) {
		struct attr a = attr_at(attrs, i);
		if (a.uri)
			continue;
		if (a.name == p->nm[NM_R]) {
			if (parse_ref(a.v, a.n, &col, &row, &used) < 0 ||
			    used != a.n) {
				SHEET_ERR(s, "第 %u 行有一个单元格的位置「%s」"
					  "无效，文件可能已损坏：%s", s->row,
					  shown(a.v, a.n, tmp), msg_resave);
				bad = true;
			}
		} else if (a.name == p->nm[NM_T]) {
			if (a.n == 1 && a.v[0] == 's')
				s->type = CT_SHARED;
			else if (a.n == 3 && !memcmp(a.v, "str", 3))
				s->type = CT_STR;
			else if (a.n == 9 && !memcmp(a.v, "inlineStr", 9))
				s->type = CT_INLINE;
			else if (a.n == 1 && a.v[0] == 'b')
				s->type = CT_BOOL;
			else if (a.n == 1 && a.v[0] == 'n')
				s->type = CT_NUMBER;
			else
				s->type = CT_OTHER;	/* "e", "d" */
		}
	}
	s->col_ok = !bad;
	s->col = col;
	if (!bad)
		s->nextcol = col < EXCEL_COLS ? col + 1 : col;
	s->in_cell = true;
	s->in_v = s->in_is = s->in_t = s->too_long = false;
	s->rph = 0;
	buf_reset(&s->x->text);
}

static void bad_utf8_cell(struct sheet *s, const char *colname)
{
	SHEET_ERR(s, "第 %u 行 %s 列含有无效的 UTF-8 文字编码：请在 Excel 或 "
		  "WPS 中改正这个单元格的文字，另存为 .xlsx 后重试", s->row,
		  colname);
}

static void long_cell(struct sheet *s, const char *colname)
{
	SHEET_ERR(s, "第 %u 行 %s 列的内容超过 %zu 字节上限：请缩短这个单元格",
		  s->row, colname, s->x->lim->max_cell_bytes);
}

/* The text of the cell just read, in *v (NULL when empty).  Returns 0, or
 * -1 after adding a message. */
static int cell_value(struct sheet *s, struct part *p, const char *colname,
		      const char **v)
{
	struct xlsx *x = s->x;
	struct buf *t = &x->text;
	char tmp[32];

	*v = NULL;
	if (has_bad_mark(p, t->buf, t->len)) {
		bad_utf8_cell(s, colname);
		return -1;
	}
	if (s->type == CT_SHARED) {
		uint64_t i = 0;
		size_t k = 0;

		if (!t->len)
			return 0;
		for (; k < t->len && k < 12 && t->buf[k] >= '0' &&
		       t->buf[k] <= '9'; k++)
			i = i * 10 + (uint64_t)(t->buf[k] - '0');
		if (k != t->len || i >= x->nsst) {
			SHEET_ERR(s, "第 %u 行 %s 列引用了不存在的共享文字"
				  "（编号「%s」），文件可能已损坏：%s", s->row,
				  colname, shown(t->buf, t->len, tmp),
				  msg_resave);
			return -1;
		}
		*v = x->sst[i];
		if (*v == sst_bad_utf8) {
			bad_utf8_cell(s, colname);
			return -1;
		}
		if (*v == sst_too_long) {
			long_cell(s, colname);
			return -1;
		}
		return 0;
	}
	if ((s->type == CT_STR || s->type == CT_INLINE) && !s->too_long)
		unescape(t);
	if (s->too_long || t->len > x->lim->max_cell_bytes) {
		long_cell(s, colname);
		return -1;
	}
	if (s->type == CT_BOOL && t->len == 1 && *t->buf == '1')
		*v = "TRUE";
	else if (s->type == CT_BOOL && t->len == 1 && *t->buf == '0')
		*v = "FALSE";
	else if (t->len)
		*v = pool_strndup(x, t->buf, t->len);
	return 0;
}

/* End a cell: store its text in the row. */
static void cell_end(struct sheet *s, struct part *p)
{
	struct xlsx *x = s->x;
	const char *v;
	char colname[8];

	s->in_cell = false;
	if (!s->col_ok)
		return;
	grid_colname(s->col, colname);
	if (cell_value(s, p, colname, &v) < 0)
		return;
	if (s->col >= x->lim->max_cols || s->col >= EXCEL_COLS) {
		if (v && !s->cols_reported) {
			SHEET_ERR(s, "列数超过 %zu 列上限（第 %u 行 %s 列有"
				  "内容）：请删去多余的列后重试", x->lim->max_cols,
				  s->row, colname);
			s->cols_reported = true;
		}
		return;
	}
	if (!v && s->col >= s->ncells)
		return;
	if (s->col >= x->rowcells_alloc) {
		size_t old = x->rowcells_alloc;
		x->rowcells = xgrow(x->rowcells, sizeof(*x->rowcells),
				    s->col + 1, &x->rowcells_alloc);
		memset(x->rowcells + old, 0,
		       (x->rowcells_alloc - old) * sizeof(*x->rowcells));
	}
	x->rowcells[s->col] = v;
	if (s->col >= s->ncells)
		s->ncells = s->col + 1;
}

/* Note a merged range "A1:B2" at v[0..n).  Returns 0 or -1 after adding a
 * message that stops the sheet. */
static int merge_add(struct sheet *s, const char *v, size_t n)
{
	struct range m;
	size_t used, used2;
	uint32_t t;
	char tmp[32];

	if (parse_ref(v, n, &m.c1, &m.r1, &used) < 0 ||
	    (used < n && (v[used] != ':' ||
			  parse_ref(v + used + 1, n - used - 1, &m.c2, &m.r2,
				    &used2) < 0 || used + 1 + used2 != n))) {
		SHEET_ERR(s, "合并单元格的范围「%s」无效，文件可能已损坏：%s",
			  shown(v, n, tmp), msg_resave);
		return 0;
	}
	if (used == n)
		return 0;	/* a single cell: nothing to do */
	if (m.r1 > m.r2) {
		t = m.r1;
		m.r1 = m.r2;
		m.r2 = t;
	}
	if (m.c1 > m.c2) {
		t = m.c1;
		m.c1 = m.c2;
		m.c2 = t;
	}
	if (s->nmerges >= MAX_MERGES) {
		SHEET_ERR(s, "合并单元格超过 %d 处上限：请取消不必要的合并后"
			  "重试", MAX_MERGES);
		return -1;
	}
	s->merges = xgrow(s->merges, sizeof(*s->merges), s->nmerges + 1,
			  &s->merges_alloc);
	s->merges[s->nmerges++] = m;
	return 0;
}

static void sheet_start(struct part *p, const xmlChar *name, int nattr,
			const xmlChar **attrs)
{
	struct sheet *s = p->st;

	if (s->in_cell) {
		if (name == p->nm[NM_V] && s->type != CT_INLINE)
			s->in_v = true;
		else if (name == p->nm[NM_IS])
			s->in_is = true;
		else if (name == p->nm[NM_RPH] && s->in_is)
			s->rph++;
		else if (name == p->nm[NM_T] && s->in_is && !s->rph &&
			 s->type == CT_INLINE)
			s->in_t = true;
		return;
	}
	if (name == p->nm[NM_SHEETDATA]) {
		s->in_data = true;
	} else if (name == p->nm[NM_ROW] && s->in_data) {
		const char *r = NULL;
		size_t rn = 0;

		for (int i = 0; i < nattr && !r; i++) {
			struct attr a = attr_at(attrs, i);
			if (a.name == p->nm[NM_R] && !a.uri) {
				r = a.v;
				rn = a.n;
			}
		}
		if (row_begin(s, r, rn) < 0)
			part_stop(p);
		p->row = s->row;
	} else if (name == p->nm[NM_C] && s->in_data && s->row) {
		cell_begin(s, p, nattr, attrs);
	} else if (name == p->nm[NM_MERGECELL]) {
		for (int i = 0; i < nattr; i++) {
			struct attr a = attr_at(attrs, i);
			if (a.name == p->nm[NM_REF] && !a.uri &&
			    merge_add(s, a.v, a.n) < 0) {
				part_stop(p);
				return;
			}
		}
	}
}

static void sheet_end(struct part *p, const xmlChar *name)
{
	struct sheet *s = p->st;

	if (s->in_cell) {
		if (name == p->nm[NM_C])
			cell_end(s, p);
		else if (name == p->nm[NM_V])
			s->in_v = false;
		else if (name == p->nm[NM_IS])
			s->in_is = s->in_t = false;
		else if (name == p->nm[NM_RPH] && s->rph)
			s->rph--;
		else if (name == p->nm[NM_T])
			s->in_t = false;
		return;
	}
	if (name == p->nm[NM_ROW] && s->in_data) {
		if (row_end(s) < 0)
			part_stop(p);
	} else if (name == p->nm[NM_SHEETDATA]) {
		s->in_data = false;
	}
}

static void sheet_text(struct part *p, const char *t, size_t n)
{
	struct sheet *s = p->st;

	if (s->in_v || s->in_t)
		gather(s->x, t, n, gather_cap(s->x->lim), &s->too_long);
}

static const struct part_ops sheet_ops = { sheet_start, sheet_end,
					   sheet_text };

static int row_cmp(const void *a, const void *b)
{
	const struct grid_row *x = a, *y = b;

	return (x->rownum > y->rownum) - (x->rownum < y->rownum);
}

/* Give every cell of each merged range the text of its top-left cell.
 * Ranges are clipped to the rows and columns that hold data (a title
 * merged across a whole row does not widen the table).  Rows are added
 * where a range reaches rows without data.  Returns 0 or -1 after adding
 * a message. */
static int merges_apply(struct sheet *s)
{
	struct xlsx *x = s->x;
	uint32_t maxrow, maxcol = 0, *idx = NULL;
	bool added = false;
	int rc = -1;

	if (!s->nmerges || !s->nrows)
		return 0;
	maxrow = s->rows[s->nrows - 1].rownum;
	for (size_t i = 0; i < s->nrows; i++)
		if (s->rows[i].ncells > maxcol + 1)
			maxcol = s->rows[i].ncells - 1;
	idx = xmalloc(((size_t)maxrow + 1) * sizeof(*idx));
	memset(idx, 0xff, ((size_t)maxrow + 1) * sizeof(*idx));
	for (size_t i = 0; i < s->nrows; i++)
		idx[s->rows[i].rownum] = (uint32_t)i;
	for (size_t k = 0; k < s->nmerges; k++) {
		struct range m = s->merges[k];
		const char *top;
		uint64_t n;

		if (m.r2 > maxrow)
			m.r2 = maxrow;
		if (m.c2 > maxcol)
			m.c2 = maxcol;
		if (m.r1 > m.r2 || m.c1 > m.c2)
			continue;
		top = idx[m.r1] == UINT32_MAX ? NULL :
		      grid_cell(&s->rows[idx[m.r1]], m.c1);
		n = (uint64_t)(m.r2 - m.r1 + 1) * (m.c2 - m.c1 + 1);
		if (n > MAX_CELLS - x->merged) {
			SHEET_ERR(s, "合并单元格覆盖的范围太大（超过 %u 万个"
				  "单元格）：请取消不必要的合并后重试",
				  MAX_CELLS / 10000);
			goto out;
		}
		x->merged += (size_t)n;
		for (uint32_t r = m.r1; r <= m.r2; r++) {
			struct grid_row *row;

			if (idx[r] == UINT32_MAX) {
				if (!top)
					continue;
				if (take_cells(s, (size_t)maxcol + 1) < 0)
					goto out;
				s->rows = xgrow(s->rows, sizeof(*s->rows),
						s->nrows + 1, &s->rows_alloc);
				row = &s->rows[s->nrows];
				row->rownum = r;
				row->ncells = maxcol + 1;
				row->cells = arena_alloc(&x->out->arena,
							 ((size_t)maxcol + 1) *
							 sizeof(*row->cells));
				idx[r] = (uint32_t)s->nrows++;
				added = true;
			}
			row = &s->rows[idx[r]];
			if (row->ncells <= m.c2) {
				const char **cells;
				if (take_cells(s, (size_t)maxcol + 1 -
						  row->ncells) < 0)
					goto out;
				cells = arena_alloc(&x->out->arena,
						    ((size_t)maxcol + 1) *
						    sizeof(*cells));
				memcpy(cells, row->cells,
				       row->ncells * sizeof(*cells));
				row->cells = cells;
				row->ncells = maxcol + 1;
			}
			for (uint32_t c = m.c1; c <= m.c2; c++)
				row->cells[c] = top;
		}
	}
	if (added)
		qsort(s->rows, s->nrows, sizeof(*s->rows), row_cmp);
	rc = 0;
out:
	free(idx);
	return rc;
}

/* Trim trailing empty cells and drop rows left empty. */
static void rows_compact(struct sheet *s)
{
	size_t kept = 0;

	for (size_t i = 0; i < s->nrows; i++) {
		struct grid_row *r = &s->rows[i];
		while (r->ncells && !r->cells[r->ncells - 1])
			r->ncells--;
		if (r->ncells)
			s->rows[kept++] = *r;
	}
	s->nrows = kept;
}

/* Add the finished sheet to the grid. */
static void sheet_keep(struct sheet *s)
{
	struct grid *g = s->x->out;
	struct grid_sheet *sheets, *sh;

	sheets = arena_alloc(&g->arena, (g->nsheets + 1) * sizeof(*sheets));
	if (g->nsheets)
		memcpy(sheets, g->sheets, g->nsheets * sizeof(*sheets));
	sh = &sheets[g->nsheets];
	sh->name = arena_strdup(&g->arena, s->name);
	sh->nrows = s->nrows;
	sh->rows = NULL;
	if (s->nrows) {
		sh->rows = arena_alloc(&g->arena, s->nrows * sizeof(*sh->rows));
		memcpy(sh->rows, s->rows, s->nrows * sizeof(*sh->rows));
	}
	g->sheets = sheets;
	g->nsheets++;
}

/* Read worksheet 'name' from part 'partname' and add it to the grid when
 * it has no problem.  Returns 0 or -1 after adding messages. */
static int read_sheet(struct xlsx *x, const char *name, const char *partname)
{
	struct sheet s = { 0 };
	int rc;

	s.x = x;
	s.name = name;
	rc = part_run(x, partname, name, &sheet_ops, &s);
	if (rc > 0)
		SHEET_ERR(&s, "找不到这个工作表的内容（%s），文件可能已损坏或"
			  "不完整：%s", partname, msg_resave);
	if (rc)
		s.failed = true;
	if (!s.failed && merges_apply(&s) == 0) {
		rows_compact(&s);
		if (!s.failed)
			sheet_keep(&s);
	}
	if (x->rowcells)
		memset(x->rowcells, 0,
		       x->rowcells_alloc * sizeof(*x->rowcells));
	free(s.rows);
	free(s.merges);
	return s.failed ? -1 : 0;
}

/* ---- the workbook as a whole --------------------------------------------- */

/* Read the opened archive x->zip into x->out. */
static void read_archive(struct xlsx *x)
{
	struct workbook wb = { 0 };
	struct rels rels = { 0 };
	char *relsname = NULL, *dir = NULL;
	const char *shared = NULL;
	size_t nworksheets = 0;

	if (zip_get_num_entries(x->zip, 0) > MAX_ENTRIES) {
		FILE_ERR(x, "%s: 压缩包里的文件超过 %d 个，不像是正常的 Excel "
			 "文件，可能是恶意构造的：请确认文件来源", x->display,
			 MAX_ENTRIES);
		return;
	}
	if (find_workbook(x, &wb) < 0 || read_workbook(x, &wb) < 0)
		goto out;
	rels_name(wb.part, &relsname, &dir);
	rels.dir = dir;
	if (read_rels(x, relsname, &rels) < 0)
		goto out;
	for (size_t i = 0; i < rels.n; i++) {
		if (rels.v[i].kind == REL_SHARED && rels.v[i].target) {
			shared = rels.v[i].target;
			break;
		}
	}
	if (read_shared(x, shared ? shared : "xl/sharedStrings.xml") < 0)
		goto out;
	for (size_t i = 0; i < wb.n && !x->fatal; i++) {
		const struct wb_sheet *ws = &wb.v[i];
		const struct rel *r = ws->rid ? rel_find(&rels, ws->rid) : NULL;

		if (r && r->kind != REL_WORKSHEET)
			continue;	/* a chart or dialog sheet */
		nworksheets++;
		if (!r || !r->target) {
			errors_addf(x->err, "%s:%s: 工作簿里找不到这个工作表的"
				    "位置（%s），文件可能已损坏：%s",
				    x->display, ws->name, relsname,
				    msg_resave);
			x->failed = true;
			continue;
		}
		read_sheet(x, ws->name, r->target);
	}
	if (!nworksheets && !x->failed)
		FILE_ERR(x, "%s: 工作簿里没有工作表（只有图表或对话框），没有"
			 "可以读取的数据：请把数据放在普通工作表中后重试",
			 x->display);
out:
	rels_release(&rels);
	workbook_release(&wb);
	free(relsname);
	free(dir);
}

/* Classify the first bytes: 0 when they may start a zip, else -1 after
 * adding a message. */
static int check_magic(const unsigned char *d, size_t n, const char *display,
		       struct errors *err)
{
	if (n == 0) {
		errors_addf(err, "%s: 文件是空的（0 字节）：请确认选择了正确的"
			    "文件", display);
		return -1;
	}
	if (n >= 8 && !memcmp(d, "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", 8)) {
		errors_addf(err, "%s: 这是旧版 Excel 文件（.xls）或设了打开密码"
			    "的工作簿，无法直接读取：请用 Excel 或 WPS 打开，"
			    "另存为 .xlsx（不设密码）后重试", display);
		return -1;
	}
	if (n < 4 || d[0] != 'P' || d[1] != 'K') {
		errors_addf(err, "%s: 不是有效的 Excel 文件（.xlsx）：文件不是 "
			    "zip 压缩包，请用 Excel 或 WPS 另存为 .xlsx 后重试",
			    display);
		return -1;
	}
	return 0;
}

static void zip_open_fault(const char *display, struct errors *err)
{
	errors_addf(err, "%s: 文件已损坏或不完整（zip 数据无法读取）：请重新"
		    "下载或重新保存文件后再试", display);
}

static void too_big(const char *display, size_t cap, struct errors *err)
{
	char sz[32];

	errors_addf(err, "%s: 文件超过 %s上限：请把文件拆成几个较小的文件"
		    "分别导入", display, size_label(cap, sz));
}

/* Read the opened 'zip' (which this closes) into 'out'. */
static int read_zip(zip_t *zip, const char *display,
		    const struct grid_limits *lim, struct grid *out,
		    struct errors *err)
{
	struct xlsx x = { 0 };
	xmlGenericErrorFunc old_generic = xmlGenericError;
	void *old_generic_ctx = xmlGenericErrorContext;
	xmlStructuredErrorFunc old_structured = xmlStructuredError;
	void *old_structured_ctx = xmlStructuredErrorContext;

	/* per thread: quiet what libxml2 reports without a parser context
	 * (encoding conversion, I/O); put back below */
	xmlSetGenericErrorFunc(NULL, silent_generic);
	xmlSetStructuredErrorFunc(NULL, silent_structured);
	x.zip = zip;
	x.display = display;
	x.lim = lim;
	x.out = out;
	x.err = err;
	buf_init(&x.text);
	read_archive(&x);
	buf_release(&x.text);
	free(x.sst);
	free(x.rowcells);
	zip_discard(zip);
	xmlSetGenericErrorFunc(old_generic_ctx, old_generic);
	xmlSetStructuredErrorFunc(old_structured_ctx, old_structured);
	return x.failed ? -1 : 0;
}

int xlsx_read_mem(const void *data, size_t len, const char *display,
		  const struct grid_limits *lim, struct grid *out,
		  struct errors *err)
{
	zip_source_t *src;
	zip_error_t ze;
	zip_t *zip;

	if (len > lim->max_file_bytes) {
		too_big(display, lim->max_file_bytes, err);
		return -1;
	}
	if (check_magic(data, len, display, err) < 0)
		return -1;
	xmlInitParser();
	zip_error_init(&ze);
	src = zip_source_buffer_create(data, len, 0, &ze);
	if (!src) {
		zip_error_fini(&ze);
		zip_open_fault(display, err);
		return -1;
	}
	zip = zip_open_from_source(src, ZIP_RDONLY, &ze);
	zip_error_fini(&ze);
	if (!zip) {
		zip_source_free(src);
		zip_open_fault(display, err);
		return -1;
	}
	return read_zip(zip, display, lim, out, err);
}

static void open_failed(const char *display, int e, struct errors *err)
{
	switch (e) {
	case ENOENT:
	case ENOTDIR:
		errors_addf(err, "%s: 文件不存在", display);
		break;
	case EACCES:
	case EPERM:
		errors_addf(err, "%s: 没有读取这个文件的权限", display);
		break;
	case EISDIR:
		errors_addf(err, "%s: 这是一个文件夹，不是 Excel 文件",
			    display);
		break;
	default:
		errors_addf(err, "%s: 无法读取文件（%s）", display,
			    strerror(e));
		break;
	}
}

int xlsx_read_file(const char *path, const char *display,
		   const struct grid_limits *lim, struct grid *out,
		   struct errors *err)
{
	unsigned char magic[8];
	struct stat st;
	ssize_t got;
	zip_t *zip;
	int fd, zerr = 0;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		open_failed(display, errno, err);
		return -1;
	}
	if (fstat(fd, &st) < 0) {
		open_failed(display, errno, err);
		goto fail;
	}
	if (S_ISDIR(st.st_mode)) {
		open_failed(display, EISDIR, err);
		goto fail;
	}
	if (!S_ISREG(st.st_mode)) {
		errors_addf(err, "%s: 不是普通文件，无法作为 Excel 文件读取",
			    display);
		goto fail;
	}
	if ((uintmax_t)st.st_size > lim->max_file_bytes) {
		too_big(display, lim->max_file_bytes, err);
		goto fail;
	}
	got = pread(fd, magic, sizeof(magic), 0);
	if (got < 0) {
		open_failed(display, errno, err);
		goto fail;
	}
	if (check_magic(magic, (size_t)got, display, err) < 0)
		goto fail;
	xmlInitParser();
	zip = zip_fdopen(fd, 0, &zerr);
	if (!zip) {
		zip_open_fault(display, err);
		goto fail;
	}
	return read_zip(zip, display, lim, out, err);
fail:
	close(fd);
	return -1;
}
