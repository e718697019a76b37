/* cmd-search.c: gongkai search — Chinese full-text search of records and
 * catalog items from the command line, and rebuilding the index */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "args.h"
#include "cli.h"
#include "../domain/search.h"
#include "../util/progress.h"

static const char search_usage[] =
"用法：gongkai search 查询词 [选项]\n"
"       gongkai search reindex          重建全文索引（显示进度）\n"
"\n"
"  查询：空格分隔的词都要出现；\"…\" 为短语；-词 排除；词 OR 词 任一即可\n"
"  --region 代码        该地区及下级\n"
"  --domain 代码        领域（如 shjz）\n"
"  --year-from 年 --year-to 年\n"
"  --type record|item  只查信息或只查目录事项\n"
"  --by-date           按日期排序（默认按相关度）\n"
"  --all               包括未公开的信息（后台用）\n"
"  --page N --per-page N（默认 20，最多 100）  --json\n";

/* Chinese marks around matches for a terminal: 【…】 */
static void print_marked(const char *s)
{
	for (; s && *s; s++) {
		if (*s == '\002')
			fputs("【", stdout);
		else if (*s == '\003')
			fputs("】", stdout);
		else if (*s == '\n')
			putchar(' ');
		else
			putchar(*s);
	}
}

static void show_progress(void *arg, int64_t done, int64_t total)
{
	struct progress *p = arg;

	p->total = (size_t)total;
	progress_update(p, (size_t)done);
}

static int search_run_cmd(struct cli *cli, struct store *s, int argc,
			  char **argv)
{
	struct arg_opt o[] = { { "region", 1 }, { "domain", 1 },
			       { "year-from", 1 }, { "year-to", 1 }, { "type", 1 },
			       { "by-date", 0 }, { "all", 0 }, { "page", 1 },
			       { "per-page", 1 }, { "json", 0 } };
	enum { N = sizeof(o) / sizeof(o[0]) };
	struct errors err = ERRORS_INIT;
	struct arena ar = ARENA_INIT;
	struct search_request req = { 0 };
	struct search_result res;
	struct args a;
	char why[200];
	long page = 1, per = 20;
	int rc = EXIT_OK;

	(void)cli;
	if (args_parse(argc - 1, argv + 1, o, N, &a, why, sizeof(why)))
		return cli_usage(&cmd_search, "%s", why);
	if (a.npos == 1 && !strcmp(a.pos[0], "reindex")) {
		struct progress pr;
		int64_t rows, bytes;

		progress_start(&pr, "重建全文索引", 0);
		if (store_search_reindex(s, show_progress, &pr, &err) != STORE_OK) {
			rc = cli_fail(&err);
			goto out;
		}
		progress_finish(&pr);
		store_search_size(s, &rows, &bytes);
		printf("全文索引已重建：%lld 条（信息和目录事项），约 %.1f MB\n",
		       (long long)rows, bytes / 1048576.0);
		goto out;
	}
	if (a.npos != 1) {
		rc = cli_usage(&cmd_search, "需要一个查询（含空格时加引号）");
		goto out;
	}
	req.q = a.pos[0];
	req.qlen = strlen(a.pos[0]);
	req.p.public_only = !o[6].value;
	req.p.region = o[0].value;
	req.p.validity = -1;
	if (o[1].value) {
		struct domain d;

		if (store_domain_find(s, o[1].value, &ar, &d) != STORE_OK) {
			rc = cli_usage(&cmd_search, "没有领域「%s」", o[1].value);
			goto out;
		}
		req.p.domain_id = d.id;
	}
	req.p.year_from = o[2].value ? atoi(o[2].value) : 0;
	req.p.year_to = o[3].value ? atoi(o[3].value) : 0;
	if (o[4].value) {
		if (!strcmp(o[4].value, "record"))
			req.p.kind = SEARCH_RECORDS;
		else if (!strcmp(o[4].value, "item"))
			req.p.kind = SEARCH_ITEMS;
		else {
			rc = cli_usage(&cmd_search, "--type 只能是 record 或 item");
			goto out;
		}
	}
	req.p.order = o[5].value ? SEARCH_BY_DATE : SEARCH_BY_RELEVANCE;
	if (o[7].value)
		page = atol(o[7].value);
	if (o[8].value)
		per = atol(o[8].value);
	if (page < 1 || per < 1 || per > 100) {
		rc = cli_usage(&cmd_search, "--page 须为正整数，--per-page 为 1 到 100");
		goto out;
	}
	req.p.limit = per;
	req.p.offset = (page - 1) * per;
	req.p.recent_since = "2021-01-01";
	if (search_run(s, &req, &ar, &res, &err)) {
		rc = cli_fail(&err);
		goto out;
	}
	for (size_t i = 0; i < res.nnotes; i++)
		fprintf(stderr, "提示：%s\n", res.notes[i]);
	for (size_t i = 0; i < res.nexpanded; i++)
		fprintf(stderr, "同时查找：%s\n", res.expanded[i]);
	if (o[9].value) {
		printf("{\"total\":%lld,\"hits\":[", (long long)res.total);
		for (size_t i = 0; i < res.n; i++)
			printf("%s{\"type\":\"%s\",\"id\":%lld,\"score\":%.4f}",
			       i ? "," : "", res.hits[i].kind == SEARCH_RECORDS ?
			       "record" : "item", (long long)res.hits[i].ref_id,
			       res.hits[i].score);
		printf("]}\n");
		goto out;
	}
	for (size_t i = 0; i < res.n; i++) {
		printf("%s %-6lld ", res.hits[i].kind == SEARCH_RECORDS ? "信息" :
		       "事项", (long long)res.hits[i].ref_id);
		print_marked(res.hits[i].title_marked);
		printf("  %s %s\n    ", res.hits[i].region_code, res.hits[i].day);
		print_marked(res.hits[i].snippet);
		putchar('\n');
	}
	printf("共 %lld 条\n", (long long)res.total);
out:
	errors_release(&err);
	arena_release(&ar);
	args_release(o, N, &a);
	return rc;
}

const struct cli_command cmd_search = {
	"search", search_run_cmd, CLI_STORE_RW, "中文全文检索；重建索引",
	search_usage,
};
