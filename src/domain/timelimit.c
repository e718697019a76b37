/* timelimit.c: parsing 公开时限 phrases into rules; see timelimit.h. */
#include "timelimit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../util/buf.h"
#include "../util/utf8.h"

/* What starts the clock, in the order they are tested: the first phrase
 * found before the number wins. */
static const struct {
	const char *phrase;
	const char *anchor;
} anchors[] = {
	{ "形成或者变更", "形成或变更" },
	{ "形成或变更", "形成或变更" },
	{ "制定或获取", "制定或获取" },
	{ "获取(形成变更)", "形成或变更" },
	{ "作出行政决定", "作出决定" },
	{ "批准", "批准" },
	{ "批复", "批复" },
	{ "形成", "形成" },
	{ "变更", "形成或变更" },
	{ "获取", "制定或获取" },
	{ "制定", "制定或获取" },
};

/* Read the first number followed by 个工作日 / 工作日 / 日 / 天 in s.
 * Returns the pointer after the unit, or NULL. */
static const char *find_days(const char *s, int *days, int *workdays)
{
	for (const char *p = s; *p; p++) {
		const char *q;
		long v;

		if (*p < '0' || *p > '9')
			continue;
		v = strtol(p, (char **)&q, 10);
		if (v <= 0 || v > 3650) {
			p = q - 1;
			continue;
		}
		if (!strncmp(q, "个工作日", strlen("个工作日"))) {
			*days = (int)v; *workdays = 1;
			return q + strlen("个工作日");
		}
		if (!strncmp(q, "工作日", strlen("工作日"))) {
			*days = (int)v; *workdays = 1;
			return q + strlen("工作日");
		}
		if (!strncmp(q, "日", strlen("日")) || !strncmp(q, "天", strlen("天")) ||
		    !strncmp(q, "个自然日", strlen("个自然日"))) {
			*days = (int)v; *workdays = 0;
			return q + strlen("日");
		}
		p = q - 1;
	}
	return NULL;
}

int timelimit_parse(const char *text, struct timelimit *out)
{
	struct buf f = BUF_INIT;
	const char *after, *notice;
	int days = 0, work = 0, nd = 0, nw = 0;
	size_t first_len;

	memset(out, 0, sizeof(*out));
	out->kind = "";
	out->anchor = "";
	if (!text || !*text)
		return 0;
	utf8_fold(&f, text);	/* half-width digits and brackets */

	after = find_days(f.buf, &days, &work);
	if (after) {
		/* the anchor phrase must come before the number */
		first_len = (size_t)(after - f.buf);
		out->kind = "deadline";
		out->days = days;
		out->workdays = work;
		for (size_t i = 0; i < sizeof(anchors) / sizeof(anchors[0]); i++) {
			const char *at = strstr(f.buf, anchors[i].phrase);
			if (at && (size_t)(at - f.buf) < first_len) {
				out->anchor = anchors[i].anchor;
				break;
			}
		}
		/* "…，公示7个工作日" / "公告期限为5个工作日" */
		notice = strstr(after, "公示");
		if (!notice)
			notice = strstr(after, "公告期限");
		if (notice && find_days(notice, &nd, &nw))
			out->notice_days = nd;
	} else if (strstr(f.buf, "实时")) {
		out->kind = "realtime";
	} else if (strstr(f.buf, "永久") || strstr(f.buf, "长期")) {
		out->kind = "permanent";
	} else if (strstr(f.buf, "及时")) {
		out->kind = "timely";
	}
	/* "及时公开，公告期限为5个工作日": timely, with a notice period */
	if (!strcmp(out->kind, "deadline") && !strncmp(f.buf, "及时公开",
						       strlen("及时公开"))) {
		out->kind = "timely";
		out->notice_days = out->days;
		out->days = 0;
		out->workdays = 0;
	}
	buf_release(&f);
	return *out->kind != '\0';
}

void timelimit_describe(const struct timelimit *tl, char *out, size_t n)
{
	if (!tl->kind || !*tl->kind) {
		snprintf(out, n, "%s", "");
	} else if (!strcmp(tl->kind, "realtime")) {
		snprintf(out, n, "实时公开");
	} else if (!strcmp(tl->kind, "permanent")) {
		snprintf(out, n, "永久公开");
	} else if (!strcmp(tl->kind, "timely")) {
		if (tl->notice_days)
			snprintf(out, n, "及时公开，公告 %d 个工作日",
				 tl->notice_days);
		else
			snprintf(out, n, "及时公开");
	} else {
		int k = snprintf(out, n, "%s后 %d 个%s",
				 tl->anchor && *tl->anchor ? tl->anchor : "信息形成",
				 tl->days, tl->workdays ? "工作日" : "自然日");
		if (tl->notice_days && k > 0 && (size_t)k < n)
			snprintf(out + k, n - (size_t)k, "，公示 %d 个工作日",
				 tl->notice_days);
	}
}
