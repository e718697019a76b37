/* channels.c: parsing and printing 公开渠道和载体 cells; see channels.h. */
#include "channels.h"

#include <pthread.h>
#include <string.h>

#include "../util/buf.h"
#include "../util/utf8.h"
#include "../util/xalloc.h"

static const char *const std_names[CHANNEL_STD_COUNT + 1] = {
	NULL,
	"政府网站",
	"政府公报",
	"两微一端",
	"发布会/听证会",
	"广播电视",
	"纸质媒体",
	"公开查阅点",
	"政务服务中心",
	"便民服务站",
	"入户/现场",
	"社区/企事业单位/村公示栏（电子屏）",
	"精准推送",
	"其他",
};

/* Spellings seen on real sites, mapped to standard channels (compared after
 * utf8_fold, so full-width and half-width brackets are the same). */
static const struct {
	const char *text;
	int std;
} variants[] = {
	{ "发布会听证会", 4 },
	{ "新闻发布会/听证会", 4 },
	{ "政府服务中心", 8 },
	{ "行政服务中心", 8 },
	{ "政务大厅", 8 },
	{ "社区/企事业单位/村公示栏", 11 },
	{ "社区/企事业单位、村公示栏(电子屏)", 11 },
	{ "社区/企事业单位、村公示栏", 11 },
	{ "村居/企事业单位公示栏(电子屏)", 11 },
	{ "社区/企事业单位/村公示栏(电子屏)", 11 },
	{ "入户现场", 10 },
	{ "两微一端(微博、微信、客户端)", 3 },
};

const char *channel_std_name(int std)
{
	return std >= 1 && std <= CHANNEL_STD_COUNT ? std_names[std] : NULL;
}

/* The standard names and variants in folded form (utf8_fold), made once. */
static struct {
	char *text;
	int std;
} folded[CHANNEL_STD_COUNT + sizeof(variants) / sizeof(variants[0])];
static size_t nfolded;
static pthread_once_t folded_once = PTHREAD_ONCE_INIT;

static void fold_names(void)
{
	struct buf b = BUF_INIT;

	for (int i = 1; i <= CHANNEL_STD_COUNT; i++) {
		buf_reset(&b);
		utf8_fold(&b, std_names[i]);
		folded[nfolded].text = xstrdup(b.buf);
		folded[nfolded++].std = i;
	}
	for (size_t i = 0; i < sizeof(variants) / sizeof(variants[0]); i++) {
		buf_reset(&b);
		utf8_fold(&b, variants[i].text);
		folded[nfolded].text = xstrdup(b.buf);
		folded[nfolded++].std = variants[i].std;
	}
	buf_release(&b);
}

int channel_std_find(const char *name)
{
	struct buf f = BUF_INIT;
	int std = 0;

	pthread_once(&folded_once, fold_names);
	utf8_fold(&f, name);
	for (size_t i = 0; i < nfolded && !std; i++)
		if (!strcmp(f.buf, folded[i].text))
			std = folded[i].std;
	buf_release(&f);
	return std;
}

static int is_marker(uint32_t cp, int *required)
{
	switch (cp) {
	case 0x25a0: case 0x25aa: case 0x2611: case 0x2714: case 0x221a:
		*required = 1;	/* ■ ▪ ☑ ✔ √ */
		return 1;
	case 0x25a1: case 0x2610: case 0x25ab:
		*required = 0;	/* □ ☐ ▫ */
		return 1;
	}
	return 0;
}

static int is_separator(uint32_t cp)
{
	return utf8_is_space(cp) || cp == 0x3001 /* 、 */ || cp == ',' ||
	       cp == 0xff0c || cp == ';' || cp == 0xff1b || cp == 0x3002;
}

/* Add one channel named s[0..n) (trimmed) to the list. */
static void add_channel(struct arena *a, struct channel **v, size_t *n,
			size_t *alloc, const char *s, size_t len, int required)
{
	struct buf t = BUF_INIT;
	char *raw = xstrndup(s, len);
	int std;

	utf8_trim(&t, raw);
	free(raw);
	if (t.len) {
		*v = xgrow(*v, sizeof(**v), *n + 1, alloc);
		std = channel_std_find(t.buf);
		(*v)[*n].std = std;
		(*v)[*n].name = std ? std_names[std] : arena_strdup(a, t.buf);
		(*v)[*n].required = required;
		(*n)++;
	}
	buf_release(&t);
}

size_t channels_parse(const char *cell, struct arena *a, struct channel **out)
{
	struct channel *v = NULL;
	size_t n = 0, alloc = 0;
	const char *p = cell;
	int marked = 0, req;

	*out = NULL;
	if (!cell)
		return 0;
	/* With ■/□ markers every channel starts at a marker, and its name may
	 * hold separators (社区/企事业单位、村公示栏); without markers the
	 * names are separated by spaces, 、 or commas. */
	for (const char *q = cell; *q;) {
		if (is_marker(utf8_next(&q), &req)) {
			marked = 1;
			break;
		}
	}
	if (marked) {
		const char *start = NULL;
		int cur_req = 1;
		while (*p) {
			const char *at = p;
			uint32_t cp = utf8_next(&p);
			if (is_marker(cp, &req)) {
				if (start)
					add_channel(a, &v, &n, &alloc, start,
						    (size_t)(at - start), cur_req);
				start = p;
				cur_req = req;
			} else if (!start && !is_separator(cp)) {
				start = at;	/* text before the first marker */
				cur_req = 1;
			}
		}
		if (start)
			add_channel(a, &v, &n, &alloc, start,
				    strlen(start), cur_req);
	} else {
		const char *start = NULL;
		while (*p) {
			const char *at = p;
			uint32_t cp = utf8_next(&p);
			/* a known multi-part name is taken whole */
			if (!start) {
				int taken = 0;
				for (size_t i = 0; i < sizeof(variants) / sizeof(variants[0]) && !taken; i++) {
					size_t l = strlen(variants[i].text);
					if (!strncmp(at, variants[i].text, l)) {
						add_channel(a, &v, &n, &alloc, at, l, 1);
						p = at + l;
						taken = 1;
					}
				}
				if (!taken && !strncmp(at, std_names[11], strlen(std_names[11]))) {
					add_channel(a, &v, &n, &alloc, at, strlen(std_names[11]), 1);
					p = at + strlen(std_names[11]);
					taken = 1;
				}
				if (taken)
					continue;
			}
			if (is_separator(cp)) {
				if (start)
					add_channel(a, &v, &n, &alloc, start,
						    (size_t)(at - start), 1);
				start = NULL;
			} else if (!start) {
				start = at;
			}
		}
		if (start)
			add_channel(a, &v, &n, &alloc, start, strlen(start), 1);
	}
	if (n) {
		*out = arena_alloc(a, n * sizeof(**out));
		memcpy(*out, v, n * sizeof(*v));
	}
	free(v);
	return n;
}

void channels_format(struct buf *b, const struct channel *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (i)
			buf_addch(b, ' ');
		buf_adds(b, v[i].required ? "■" : "□");
		buf_adds(b, v[i].name);
	}
}
