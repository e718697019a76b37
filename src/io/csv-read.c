/* csv-read.c: CSV as Excel, WPS and hand-made exports write it, into a grid;
 * see csv-read.h.
 *
 * Three steps.  decode() turns the bytes into UTF-8 text: a UTF-16 byte
 * order mark means UTF-16; otherwise bytes that are valid UTF-8 are used in
 * place (no copy) and anything else is converted with glibc's iconv from
 * GB18030 (a superset of GBK) or, failing that, from Windows code page 936
 * (GBK with the euro sign at 0x80).  detect_delim() looks at the first
 * non-empty record for a comma or a TAB.  parse() then walks the text once:
 * an unquoted field is copied straight into a string pool carved from the
 * grid's arena, a quoted one is unescaped through a scratch buffer first;
 * rows gather in a malloc'd vector and move into the arena at the end.
 *
 * Quoting follows Excel: a quote opens a quoted field only as the field's
 * first character; text after the closing quote is kept literally up to the
 * next delimiter; a quote anywhere else is an ordinary character.
 */
#include "csv-read.h"

#include <errno.h>
#include <fcntl.h>
#include <iconv.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../util/buf.h"
#include "../util/utf8.h"
#include "../util/xalloc.h"

#define POOL_BLOCK (256 * 1024)	/* cell text is packed into blocks this big */
#define READ_STEP (64 * 1024)

static const char msg_encoding[] =
	"无法识别文件的文字编码：请在 Excel 或 WPS 中另存为"
	"「CSV UTF-8（逗号分隔）」后重试";
static const char msg_binary[] =
	"文件中有空字节（NUL），不是文本文件：请确认选的是 CSV 文件，"
	"或在 Excel 或 WPS 中另存为「CSV UTF-8（逗号分隔）」后重试";
static const char msg_workbook[] =
	"这是 Excel 或 WPS 的工作簿文件，不是 CSV 文件：请按工作簿导入，"
	"或另存为「CSV UTF-8（逗号分隔）」后重试";

/* Cell text packed end to end, NUL after each, in blocks from the arena. */
struct pool {
	char *p;
	size_t left;
};

struct parser {
	const char *p, *end;		/* the UTF-8 text still to read */
	char delim;
	const char *display, *sheet;
	const struct grid_limits *lim;
	struct errors *err;
	struct arena *arena;		/* the grid's */
	struct pool pool;
	struct buf scratch;		/* a quoted field, unescaped */
	const char **cells;		/* the record being read */
	size_t cells_alloc;
	struct grid_row *rows;		/* kept rows so far (malloc'd) */
	size_t nrows, rows_alloc;
};

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

static void too_big(const char *display, size_t cap, struct errors *err)
{
	char sz[32];

	errors_addf(err, "%s: 文件超过 %s上限：请把文件拆成几个较小的文件"
		    "分别导入", display, size_label(cap, sz));
}

/* Copy s[0..n) with a NUL into the pool; big strings get their own block. */
static const char *pool_strndup(struct arena *a, struct pool *pl,
				const char *s, size_t n)
{
	char *d;

	if (n + 1 > pl->left) {
		if (n + 1 > POOL_BLOCK / 4)
			return arena_strndup(a, s, n);
		pl->p = arena_alloc(a, POOL_BLOCK);
		pl->left = POOL_BLOCK;
	}
	d = pl->p;
	memcpy(d, s, n);
	d[n] = '\0';
	pl->p += n + 1;
	pl->left -= n + 1;
	return d;
}

/* Convert 'n' bytes at 'in' from encoding 'from' to UTF-8, appended to
 * 'out'.  Returns 0; -1 when the bytes are not valid 'from' (a truncated
 * last character included); -2 when iconv does not know 'from' (glibc's
 * gconv modules are missing). */
static int convert(const char *from, const void *in, size_t n, struct buf *out)
{
	iconv_t cd = iconv_open("UTF-8", from);
	char *ip = (char *)in;	/* iconv's prototype lacks the const */
	size_t ileft = n;
	int rc = 0;

	if (cd == (iconv_t)-1)
		return -2;
	buf_grow(out, n + n / 2 + 16);
	for (;;) {
		char *op = out->buf + out->len;
		size_t oleft = out->alloc - out->len - 1, before = oleft;
		size_t r = iconv(cd, &ip, &ileft, &op, &oleft);

		out->len += before - oleft;
		if (r != (size_t)-1)
			break;
		if (errno != E2BIG) {
			rc = -1;
			break;
		}
		buf_grow(out, ileft * 2 + 16);
	}
	buf_setlen(out, out->len);
	iconv_close(cd);
	return rc;
}

/* Convert to UTF-8 in 'conv' from the first of the encodings 'from' (a
 * NULL-terminated list) that takes the bytes, and check the result.
 * Returns 0 or -1 with a message. */
static int decode_from(const char *const *from, const unsigned char *d,
		       size_t n, const char *display, struct buf *conv,
		       struct errors *err)
{
	int rc = -1;

	for (; *from; from++) {
		buf_reset(conv);
		rc = convert(*from, d, n, conv);
		if (rc != -1)
			break;
	}
	if (rc == -2) {
		errors_addf(err, "%s: 服务器缺少 %s 文字编码的转换支持（glibc "
			    "gconv）：请另存为「CSV UTF-8（逗号分隔）」后重试，"
			    "并告知系统管理员", display, *from);
		return -1;
	}
	if (rc < 0 || !utf8_valid(conv->buf, conv->len)) {
		errors_addf(err, "%s: %s", display, msg_encoding);
		return -1;
	}
	if (memchr(conv->buf, '\0', conv->len)) {
		errors_addf(err, "%s: %s", display, msg_binary);
		return -1;
	}
	return 0;
}

/* Turn the file's 'n' bytes at 'd' into UTF-8 text: *text points into 'd'
 * or into 'conv' (which the caller releases), *tlen is its length.  Returns 0, or
 * -1 with a message. */
static int decode(const unsigned char *d, size_t n, const char *display,
		  struct buf *conv, const char **text, size_t *tlen,
		  struct errors *err)
{
	static const char *const utf16le[] = { "UTF-16LE", NULL };
	static const char *const utf16be[] = { "UTF-16BE", NULL };
	/* GB18030 covers GBK but for the single byte 0x80, which Windows'
	 * code page 936 (what Excel writes) uses for the euro sign */
	static const char *const gbk[] = { "GB18030", "CP936", NULL };

	if (n >= 2 && ((d[0] == 0xff && d[1] == 0xfe) ||
		       (d[0] == 0xfe && d[1] == 0xff))) {
		/* Excel's "Unicode 文本" is UTF-16LE with this mark */
		if (decode_from(d[0] == 0xff ? utf16le : utf16be, d + 2, n - 2,
				display, conv, err) < 0)
			return -1;
		goto converted;
	}
	if ((n >= 4 && !memcmp(d, "PK\3\4", 4)) ||
	    (n >= 8 && !memcmp(d, "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", 8))) {
		/* .xlsx (a zip) or .xls/.et (OLE2), renamed or mis-chosen */
		errors_addf(err, "%s: %s", display, msg_workbook);
		return -1;
	}
	if (memchr(d, '\0', n)) {
		errors_addf(err, "%s: %s", display, msg_binary);
		return -1;
	}
	if (n >= 3 && !memcmp(d, "\xef\xbb\xbf", 3)) {
		/* the mark says UTF-8: do not second-guess it as GBK */
		if (!utf8_valid((const char *)d + 3, n - 3)) {
			errors_addf(err, "%s: %s", display, msg_encoding);
			return -1;
		}
		*text = (const char *)d + 3;
		*tlen = n - 3;
		return 0;
	}
	if (utf8_valid((const char *)d, n)) {
		*text = (const char *)d;
		*tlen = n;
		return 0;
	}
	if (decode_from(gbk, d, n, display, conv, err) < 0)
		return -1;
converted:
	*text = conv->buf;
	*tlen = conv->len;
	return 0;
}

/* End of an unquoted stretch: the next delimiter, line end or end. */
static const char *field_end(const char *p, const char *end, char delim)
{
	while (p < end && *p != delim && *p != '\n' && *p != '\r')
		p++;
	return p;
}

/* Past one line end (CRLF, LF or CR) if 'p' is at one. */
static const char *skip_eol(const char *p, const char *end)
{
	if (p < end && *p == '\r') {
		p++;
		if (p < end && *p == '\n')
			p++;
	} else if (p < end && *p == '\n') {
		p++;
	}
	return p;
}

/* Past the closing quote of a quoted stretch whose opening quote is just
 * before 'p', or NULL when the text ends first. */
static const char *skip_quoted(const char *p, const char *end)
{
	const char *q;

	for (;;) {
		q = memchr(p, '"', (size_t)(end - p));
		if (!q)
			return NULL;
		p = q + 1;
		if (p < end && *p == '"')
			p++;
		else
			return p;
	}
}

/* The delimiter: TAB when the first non-empty record has no comma outside
 * quotes but has a TAB there; otherwise a comma. */
static char detect_delim(const char *p, const char *end)
{
	while (p < end) {
		const char *start = p;
		bool comma = false, tab = false;

		for (;;) {
			if (p < end && *p == '"') {
				p = skip_quoted(p + 1, end);
				if (!p)
					return ',';
			}
			while (p < end && *p != ',' && *p != '\n' &&
			       *p != '\r') {
				if (*p == '\t')
					tab = true;
				p++;
			}
			if (p < end && *p == ',') {
				comma = true;
				p++;
				continue;
			}
			break;
		}
		if (comma || p > start)
			return comma || !tab ? ',' : '\t';
		p = skip_eol(p, end);
	}
	return ',';
}

/* Read the field at ps->p up to its delimiter, line end or the end of the
 * text, leaving ps->p there.  *text (not NUL-terminated; in the input or in
 * ps->scratch) and *n are its unescaped content.  Returns -1 when a quoted
 * field is not closed before the end of the text. */
static int read_field(struct parser *ps, const char **text, size_t *n)
{
	const char *p = ps->p, *end = ps->end, *t, *q;

	if (p >= end || *p != '"') {
		t = p;
		p = field_end(p, end, ps->delim);
		*text = t;
		*n = (size_t)(p - t);
		ps->p = p;
		return 0;
	}
	buf_reset(&ps->scratch);
	p++;
	for (;;) {
		q = memchr(p, '"', (size_t)(end - p));
		if (!q)
			return -1;
		buf_add(&ps->scratch, p, (size_t)(q - p) + 1);
		p = q + 1;
		if (p < end && *p == '"') {	/* "" stands for " */
			p++;
			continue;
		}
		buf_setlen(&ps->scratch, ps->scratch.len - 1);
		break;
	}
	/* Excel keeps whatever follows the closing quote: "ab"c is abc */
	t = p;
	p = field_end(p, end, ps->delim);
	buf_add(&ps->scratch, t, (size_t)(p - t));
	*text = ps->scratch.buf;
	*n = ps->scratch.len;
	ps->p = p;
	return 0;
}

static void add_row(struct parser *ps, size_t recno, size_t ncells)
{
	struct grid_row *r;
	const char **cells = arena_alloc(ps->arena, ncells * sizeof(*cells));

	memcpy(cells, ps->cells, ncells * sizeof(*cells));
	ps->rows = xgrow(ps->rows, sizeof(*ps->rows), ps->nrows + 1,
			 &ps->rows_alloc);
	r = &ps->rows[ps->nrows++];
	r->rownum = (uint32_t)recno;
	r->ncells = (uint32_t)ncells;
	r->cells = cells;
}

/* Keep the non-empty field 'text' (n bytes) as cell 'col' of record
 * 'recno' in ps->cells, NULLs filling the gap since the last kept cell
 * (*used of them so far).  Returns 0, or -1 with a message when a cap is
 * passed. */
static int keep_cell(struct parser *ps, size_t recno, size_t col,
		     size_t *used, const char *text, size_t n)
{
	size_t max_cols = ps->lim->max_cols;
	char colname[8];

	if (max_cols > UINT32_MAX)
		max_cols = UINT32_MAX;
	if (n > ps->lim->max_cell_bytes) {
		grid_colname(col, colname);
		errors_addf(ps->err, "%s: 第 %zu 行第 %zu 列（%s 列）的内容"
			    "超过 %zu 字节上限：请缩短这个单元格", ps->display,
			    recno, col + 1, colname, ps->lim->max_cell_bytes);
		return -1;
	}
	if (col >= max_cols) {
		errors_addf(ps->err, "%s: 第 %zu 行的列数超过 %zu 列上限："
			    "请删去多余的列后重试", ps->display, recno,
			    max_cols);
		return -1;
	}
	if (col >= ps->cells_alloc)
		ps->cells = xgrow(ps->cells, sizeof(*ps->cells), col + 1,
				  &ps->cells_alloc);
	while (*used < col)
		ps->cells[(*used)++] = NULL;
	ps->cells[(*used)++] = pool_strndup(ps->arena, &ps->pool, text, n);
	return 0;
}

/* Read record 'recno' at ps->p, and its line end, into ps->cells; *used is
 * the number of cells up to the last non-empty one (0: a blank record).
 * Returns 0 or -1 with a message. */
static int read_record(struct parser *ps, size_t recno, size_t *used)
{
	const char *text;
	size_t n;

	*used = 0;
	for (size_t col = 0;; col++) {
		if (read_field(ps, &text, &n) < 0) {
			errors_addf(ps->err, "%s:%s:第%zu行: 这一行有一个以英文"
				    "双引号（\"）开头的单元格，直到文件末尾都"
				    "没有结束它的双引号：请检查是否漏了一个"
				    "双引号", ps->display, ps->sheet, recno);
			return -1;
		}
		if (n && keep_cell(ps, recno, col, used, text, n) < 0)
			return -1;
		if (ps->p >= ps->end || *ps->p != ps->delim)
			break;
		ps->p++;
	}
	ps->p = skip_eol(ps->p, ps->end);
	return 0;
}

/* Read every record of the text into ps->rows.  Returns 0 or -1 with a
 * message. */
static int parse(struct parser *ps)
{
	size_t max_rows = ps->lim->max_rows, recno = 0, used;

	if (max_rows > UINT32_MAX)
		max_rows = UINT32_MAX;
	while (ps->p < ps->end) {
		if (read_record(ps, ++recno, &used) < 0)
			return -1;
		if (!used)
			continue;
		if (recno > max_rows) {
			errors_addf(ps->err, "%s: 行数超过 %zu 行上限：请把文件"
				    "拆成几个较小的文件分别导入",
				    ps->display, max_rows);
			return -1;
		}
		add_row(ps, recno, used);
	}
	return 0;
}

int csv_read_mem(const void *data, size_t len, const char *display,
		 const char *sheet, const struct grid_limits *lim,
		 struct grid *out, struct errors *err)
{
	struct parser ps = { 0 };
	struct buf conv = BUF_INIT;
	struct grid_sheet *sheets, *sh;
	const char *text = NULL;
	size_t tlen = 0;
	int rc = -1;

	buf_init(&ps.scratch);
	if (!len)
		data = "";	/* (NULL, 0) is an empty file too */
	if (len > lim->max_file_bytes) {
		too_big(display, lim->max_file_bytes, err);
		goto out;
	}
	if (decode(data, len, display, &conv, &text, &tlen, err) < 0)
		goto out;
	ps.p = text;
	ps.end = text + tlen;
	ps.delim = detect_delim(ps.p, ps.end);
	ps.display = display;
	ps.sheet = sheet;
	ps.lim = lim;
	ps.err = err;
	ps.arena = &out->arena;
	if (parse(&ps) < 0)
		goto out;

	sheets = arena_alloc(&out->arena, (out->nsheets + 1) * sizeof(*sheets));
	if (out->nsheets)
		memcpy(sheets, out->sheets, out->nsheets * sizeof(*sheets));
	sh = &sheets[out->nsheets];
	sh->name = arena_strdup(&out->arena, sheet);
	sh->nrows = ps.nrows;
	sh->rows = NULL;
	if (ps.nrows) {
		sh->rows = arena_alloc(&out->arena,
				       ps.nrows * sizeof(*sh->rows));
		memcpy(sh->rows, ps.rows, ps.nrows * sizeof(*sh->rows));
	}
	out->sheets = sheets;
	out->nsheets++;
	rc = 0;
out:
	free(ps.rows);
	free(ps.cells);
	buf_release(&ps.scratch);
	buf_release(&conv);
	return rc;
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
		errors_addf(err, "%s: 这是一个文件夹，不是 CSV 文件", display);
		break;
	default:
		errors_addf(err, "%s: 无法读取文件（%s）", display,
			    strerror(e));
		break;
	}
}

int csv_read_file(const char *path, const char *display, const char *sheet,
		  const struct grid_limits *lim, struct grid *out,
		  struct errors *err)
{
	struct buf data = BUF_INIT;
	struct stat st;
	int fd, rc = -1;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		open_failed(display, errno, err);
		goto out;
	}
	if (fstat(fd, &st) < 0) {
		open_failed(display, errno, err);
		goto out;
	}
	if (S_ISDIR(st.st_mode)) {
		open_failed(display, EISDIR, err);
		goto out;
	}
	if (S_ISREG(st.st_mode)) {
		if ((uintmax_t)st.st_size > lim->max_file_bytes) {
			too_big(display, lim->max_file_bytes, err);
			goto out;
		}
		buf_grow(&data, (size_t)st.st_size);
	}
	/* read to the end even so: the file may grow, or not be a file */
	for (;;) {
		ssize_t r;

		buf_grow(&data, READ_STEP);
		r = read(fd, data.buf + data.len, data.alloc - data.len - 1);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			open_failed(display, errno, err);
			goto out;
		}
		if (r == 0)
			break;
		data.len += (size_t)r;
		if (data.len > lim->max_file_bytes) {
			too_big(display, lim->max_file_bytes, err);
			goto out;
		}
	}
	buf_setlen(&data, data.len);
	rc = csv_read_mem(data.buf, data.len, display, sheet, lim, out, err);
out:
	if (fd >= 0)
		close(fd);
	buf_release(&data);
	return rc;
}
