/* cmd-site.c: gongkai site — a region's public column: its settings (title,
 * banner, footer lines, service hall) and its four 专栏 pages */
#include <stdio.h>
#include <string.h>

#include "args.h"
#include "cli.h"
#include "../domain/site.h"
#include "../util/buf.h"
#include "../util/utf8.h"

static const char site_usage[] =
"用法：gongkai site 子命令 --region 代码\n"
"\n"
"  show --region 代码                    显示专栏设置（含从上级继承的）\n"
"  set --region 代码 键 值               设置一项；值为空字符串时删除\n"
"  page --region 代码 栏目 文件.md [--title 标题]\n"
"                                        发布专栏页面（Markdown）\n"
"\n"
"键：title 专栏标题，banner 横幅说明，site_name 网站名称，site_domain 网站域名，\n"
"    site_code 网站标识码，host 主办单位，contact 联系方式，icp ICP备案号，\n"
"    police 公安机关备案号，service_hall 网上办事大厅地址（我要办）\n"
"栏目：guide 政府信息公开指南，rules 政府信息公开制度，\n"
"      statutory 法定主动公开内容，reports 政府信息公开年报\n";

static int read_text_file(const char *path, struct buf *b, struct errors *err)
{
	FILE *fp = fopen(path, "rb");
	char chunk[8192];
	size_t k;

	if (!fp) {
		errors_addf(err, "无法打开文件 %s", path);
		return -1;
	}
	while ((k = fread(chunk, 1, sizeof(chunk), fp)) > 0 &&
	       b->len <= (4u << 20))
		buf_add(b, chunk, k);
	fclose(fp);
	if (b->len > (4u << 20)) {
		errors_addf(err, "%s 超过 4 MB", path);
		return -1;
	}
	if (b->len >= 3 && !memcmp(b->buf, "\xEF\xBB\xBF", 3)) {
		memmove(b->buf, b->buf + 3, b->len - 3);
		buf_setlen(b, b->len - 3);
	}
	if (!utf8_valid(b->buf, b->len) || memchr(b->buf, 0, b->len)) {
		errors_addf(err, "%s 不是 UTF-8 文本文件", path);
		return -1;
	}
	return 0;
}

static int site_run(struct cli *cli, struct store *s, int argc, char **argv)
{
	struct arg_opt o[] = { { "region", 1 }, { "title", 1 } };
	struct errors err = ERRORS_INIT;
	struct arena ar = ARENA_INIT;
	struct site_info si;
	struct region r;
	struct args a;
	char why[200];
	int rc = EXIT_OK;

	(void)cli;
	if (argc < 2)
		return cli_usage(&cmd_site, "缺少子命令");
	if (args_parse(argc - 2, argv + 2, o, 2, &a, why, sizeof(why)))
		return cli_usage(&cmd_site, "%s", why);
	if (!o[0].value) {
		rc = cli_usage(&cmd_site, "需要 --region 行政区划代码");
		goto out;
	}
	if (store_region_get(s, o[0].value, &ar, &r) != STORE_OK) {
		errors_addf(&err, "行政区划 %s 不存在", o[0].value);
		rc = cli_fail(&err);
		goto out;
	}
	if (!strcmp(argv[1], "show")) {
		site_load(s, r.code, &ar, &si);
		printf("专栏标题        %s\n横幅说明        %s\n网站名称        %s\n"
		       "网站域名        %s\n网站标识码      %s\n主办单位        %s\n"
		       "联系方式        %s\nICP备案号       %s\n公安机关备案号  %s\n"
		       "网上办事大厅    %s\n", si.title, si.banner, si.site_name,
		       si.site_domain, si.site_code, si.host, si.contact, si.icp,
		       si.police, si.service_hall);
	} else if (!strcmp(argv[1], "set")) {
		const char *label;

		if (a.npos != 2) {
			rc = cli_usage(&cmd_site, "set 需要键和值");
			goto out;
		}
		label = site_key_label(a.pos[0]);
		if (!label) {
			rc = cli_usage(&cmd_site, "没有设置项「%s」", a.pos[0]);
			goto out;
		}
		if (!utf8_valid(a.pos[1], strlen(a.pos[1])) ||
		    utf8_len(a.pos[1]) > 500) {
			errors_addf(&err, "「%s」的值须为不超过 500 字的文本", label);
			rc = cli_fail(&err);
			goto out;
		}
		if (!strcmp(a.pos[0], "service_hall") && *a.pos[1] &&
		    strncmp(a.pos[1], "https://", 8) &&
		    strncmp(a.pos[1], "http://", 7)) {
			errors_addf(&err, "网上办事大厅地址须以 https:// 或 http:// 开头");
			rc = cli_fail(&err);
			goto out;
		}
		if (store_setting_set(s, r.code, a.pos[0],
				      *a.pos[1] ? a.pos[1] : NULL, &err) !=
		    STORE_OK) {
			rc = cli_fail(&err);
			goto out;
		}
		printf(*a.pos[1] ? "已设置 %s 的「%s」\n" : "已删除 %s 的「%s」\n",
		       r.name, label);
	} else if (!strcmp(argv[1], "page")) {
		const struct column_page_kind *kind;
		struct column_page p;
		struct buf body = BUF_INIT;

		if (a.npos != 2) {
			rc = cli_usage(&cmd_site, "page 需要栏目和 Markdown 文件");
			goto out;
		}
		kind = column_page_kind(a.pos[0]);
		if (!kind) {
			rc = cli_usage(&cmd_site, "没有栏目「%s」", a.pos[0]);
			goto out;
		}
		if (read_text_file(a.pos[1], &body, &err)) {
			buf_release(&body);
			rc = cli_fail(&err);
			goto out;
		}
		p.region_code = r.code;
		p.slug = kind->slug;
		p.title = o[1].value ? o[1].value : kind->title;
		p.body_md = body.buf;
		if (store_page_put(s, &p, &err) != STORE_OK)
			rc = cli_fail(&err);
		else
			printf("已发布 %s 的「%s」\n", r.name, kind->title);
		buf_release(&body);
	} else {
		rc = cli_usage(&cmd_site, "没有子命令「%s」", argv[1]);
	}
out:
	errors_release(&err);
	arena_release(&ar);
	args_release(o, 2, &a);
	return rc;
}

const struct cli_command cmd_site = {
	"site", site_run, CLI_STORE_RW, "地区专栏：设置与专栏页面", site_usage,
};
