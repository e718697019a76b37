/* cmd-check.c: gongkai check — the self-check (自查) of the units' columns
 * from the command line: blank and stale items, records past their 公开时限
 * or missing 索引号 / 发布机构, broken links (checked over HTTP), catalogs
 * behind upstream and the 19号 single-veto thresholds (domain/check.h).
 *
 * The run is kept (so the back office and charts see it) and printed as a
 * Chinese report grouped by unit and kind, or as JSON (api/json-check.h).
 * Links are only checked here: it takes time, shown on a terminal while it
 * runs.  Exit status 0 when nothing was found, 1 when something was (or
 * the check failed), 2 on bad usage.
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "args.h"
#include "cli.h"
#include "../api/json-check.h"
#include "../domain/account.h"
#include "../domain/check.h"
#include "../util/progress.h"

static const char check_usage[] =
"用法：gongkai check [--region 区划代码] [--unit 单位编号] [--json] [--no-links]\n"
"                    [--timeout 秒] [--connect-timeout 秒] [--concurrency N]\n"
"                    [--today 日期]\n"
"\n"
"自查：逐个单位找出巡查时会被指出的问题，每项写明数字和去哪里处理：\n"
"  空白事项      本地区最新已发布目录的二级事项没有现行有效的公开信息\n"
"  未按时更新    最近一条信息超过事项的更新周期：动态要闻类 2 周，通知公告、\n"
"                政策文件类 6 个月，按月、按季度、按年度公开的按其周期，其余\n"
"                随信息形成公开的 12 个月，均另加公开时限；指南、名录等长期\n"
"                有效的内容不查\n"
"  超过公开时限  按事项的公开时限和工作日历，发布晚于到期日或到期仍未发布\n"
"  要素不全      已发布信息缺少索引号、发布机构或必填的公开内容要素\n"
"  链接失效      事项的「我要办」地址和信息正文中的链接，逐个 HTTP 访问\n"
"  目录未跟进上级  上级目录已发布新版本而本目录未变基\n"
"  单项否决预警  按国办秘函〔2019〕19号：空白栏目 ≥ 5 个、栏目不更新、\n"
"                首页 2 周无更新、未提供办事服务\n"
"\n"
"  --region 代码        该地区及下级的单位（默认全部单位）\n"
"  --unit 编号          只查一个单位\n"
"  --json               以 JSON 输出\n"
"  --no-links           不检查链接（沿用最近一次检查链接的结果）\n"
"  --timeout 秒         每个链接的总超时（默认 10，1–300）\n"
"  --connect-timeout 秒 连接超时（默认 5，不超过总超时）\n"
"  --concurrency N      同时检查的链接数（默认 8，1–64）\n"
"  --today 日期         按这一天检查（默认今天）\n"
"\n"
"结果保存为一次自查，后台 /admin/check 显示各单位最近一次的结果。\n"
"退出码：0 未发现问题，1 发现问题（或检查失败），2 用法错误。\n";

struct stage {
	struct progress p;
	const char *name;
};

static void on_progress(void *arg, const char *stage, size_t done,
			size_t total)
{
	struct stage *st = arg;

	if (!st->name || strcmp(st->name, stage)) {
		if (st->name)
			progress_finish(&st->p);
		st->name = stage;
		progress_start(&st->p, !strcmp(stage, "链接") ? "检查链接" :
			       "检查各地区", total);
	}
	progress_update(&st->p, done);
}

/* Read a whole number of seconds in [lo, hi]; -1 if not one. */
static long seconds_arg(const char *v, long lo, long hi)
{
	char *end;
	long n;

	if (!v || !*v)
		return -1;
	n = strtol(v, &end, 10);
	return *end || n < lo || n > hi ? -1 : n;
}

static void print_report(const struct check_report *r)
{
	size_t f = 0;

	printf("自查日期：%s　检查链接：%s", r->today, r->links ? "是" : "否");
	if (r->links)
		printf("（共 %zu 个地址）", r->links_checked);
	printf("　单位：%zu 个\n\n", r->nunits);
	for (size_t i = 0; i < r->nunits; i++) {
		const struct check_unit_result *u = &r->units[i];

		printf("%s（%s %s，单位编号 %lld）", u->unit.name, u->region_name,
		       u->unit.region_code, (long long)u->unit.id);
		if (u->total)
			printf("：负责二级事项 %d 个，有现行信息 %d 个（%d%%）",
			       u->total, u->covered, u->covered * 100 / u->total);
		if (!u->nfindings) {
			printf("；未发现问题\n");
			continue;
		}
		printf("；发现 %lld 项\n", (long long)u->nfindings);
		for (int k = 0; k < CHECK__MAX; k++) {
			if (!u->counts[k])
				continue;
			printf("  【%s】%lld 项\n", check_kind_label(k),
			       (long long)u->counts[k]);
			for (; f < r->nfindings &&
			     r->findings[f].unit_id == u->unit.id &&
			     check_kind_parse(r->findings[f].kind) == k; f++) {
				const struct check_finding *x = &r->findings[f];

				if (x->record_id)
					printf("    · 信息「%s」（编号 %lld）：%s\n",
					       x->subject, (long long)x->record_id,
					       x->text);
				else
					printf("    · %s：%s\n", x->subject, x->text);
				if (x->fix && *x->fix)
					printf("      处理：%s\n", x->fix);
			}
		}
	}
	printf("\n合计：发现 %zu 项", r->nfindings);
	for (int k = 0; k < CHECK__MAX; k++)
		if (r->counts[k])
			printf("，%s %lld", check_kind_label(k),
			       (long long)r->counts[k]);
	printf("\n");
	for (size_t i = 0; i < r->nnotes; i++)
		printf("说明：%s\n", r->notes[i]);
	if (r->run_id)
		printf("已保存为第 %lld 次自查。\n", (long long)r->run_id);
}

static int check_cmd(struct cli *cli, struct store *s, int argc, char **argv)
{
	struct arg_opt o[] = { { "region", 1 }, { "unit", 1 }, { "json", 0 },
			       { "no-links", 0 }, { "timeout", 1 },
			       { "connect-timeout", 1 }, { "concurrency", 1 },
			       { "today", 1 } };
	enum { N = sizeof(o) / sizeof(o[0]) };
	struct errors err = ERRORS_INIT;
	struct arena ar = ARENA_INIT;
	struct check_options opts = { 0 };
	struct check_report rep;
	struct stage st = { 0 };
	struct actor who;
	struct args a;
	char why[200];
	long timeout = 10, connect = 5, conc = 8;
	int rc = EXIT_OK;

	if (args_parse(argc - 1, argv + 1, o, N, &a, why, sizeof(why)))
		return cli_usage(&cmd_check, "%s", why);
	if (a.npos) {
		rc = cli_usage(&cmd_check, "多余的参数「%s」", a.pos[0]);
		goto out;
	}
	if (o[0].value) {
		struct region reg;

		if (store_region_get(s, o[0].value, &ar, &reg) != STORE_OK) {
			rc = cli_usage(&cmd_check, "没有行政区划「%s」", o[0].value);
			goto out;
		}
		opts.region = o[0].value;
	}
	if (o[1].value) {
		struct unit u;
		struct unit_settings set;

		opts.unit_id = args_id(o[1].value);
		if (!opts.unit_id || store_unit_get(s, opts.unit_id, &ar, &u,
						    &set) != STORE_OK) {
			rc = cli_usage(&cmd_check, "没有单位「%s」（用 gongkai unit list "
				       "查看单位编号）", o[1].value);
			goto out;
		}
		if (opts.region && strcmp(u.region_code, opts.region) &&
		    !store_region_is_below(s, u.region_code, opts.region)) {
			rc = cli_usage(&cmd_check, "单位 %s（%s）不在地区 %s 内",
				       o[1].value, u.name, opts.region);
			goto out;
		}
	}
	if (o[4].value && (timeout = seconds_arg(o[4].value, 1, 300)) < 0) {
		rc = cli_usage(&cmd_check, "--timeout 须为 1 到 300 的整数秒");
		goto out;
	}
	if (o[5].value && (connect = seconds_arg(o[5].value, 1, 300)) < 0) {
		rc = cli_usage(&cmd_check, "--connect-timeout 须为 1 到 300 的整数秒");
		goto out;
	}
	if (connect > timeout)
		connect = timeout;
	if (o[6].value && (conc = seconds_arg(o[6].value, 1, 64)) < 0) {
		rc = cli_usage(&cmd_check, "--concurrency 须为 1 到 64 的整数");
		goto out;
	}
	if (o[7].value) {
		char day[CALENDAR_DATE_LEN];

		if (calendar_normalize_date(o[7].value, day)) {
			rc = cli_usage(&cmd_check, "--today「%s」不是有效日期（应为 "
				       "2026-06-30 这样的格式）", o[7].value);
			goto out;
		}
		opts.today = o[7].value;
	}
	opts.links = !o[3].value;
	opts.link.concurrency = (int)conc;
	opts.link.timeout_ms = timeout * 1000;
	opts.link.connect_timeout_ms = connect * 1000;
	opts.link.max_redirects = 3;
	opts.progress = on_progress;
	opts.arg = &st;
	if (check_run(s, &opts, &ar, &rep, &err)) {
		rc = cli_fail(&err);
		goto out;
	}
	if (st.name)
		progress_finish(&st.p);
	actor_cli(cli->actor, &who);
	if (!check_save(s, &rep, &who, "cli", &ar, &err)) {
		rc = cli_fail(&err);
		goto out;
	}
	if (o[2].value) {
		json_t *j = json_check_report(&rep);
		char *text = json_dumps(j, JSON_INDENT(2));

		puts(text);
		free(text);
		json_decref(j);
	} else {
		print_report(&rep);
	}
	rc = rep.nfindings ? EXIT_FAIL : EXIT_OK;
out:
	errors_release(&err);
	arena_release(&ar);
	args_release(o, N, &a);
	return rc;
}

const struct cli_command cmd_check = {
	"check", check_cmd, CLI_STORE_RW,
	"自查：空白、未更新、超时限、要素不全、链接失效、目录落后、单项否决预警",
	check_usage,
};
