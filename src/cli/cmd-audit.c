/* cmd-audit.c: gongkai audit — the audit trail (等保 2.0 安全审计) on the
 * command line: verify the hash chain, list entries with filters
 *
 * Both subcommands only read (the store is opened read-only); the rules
 * live in domain/audit.c and the JSON shape in api/json-audit.c.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "args.h"
#include "cli.h"
#include "../api/json-audit.h"
#include "../api/json-model.h"
#include "../domain/audit.h"
#include "../util/buf.h"
#include "../util/timeutil.h"
#include "../util/utf8.h"

#define PER_PAGE_DEFAULT 20
#define PER_PAGE_MAX 1000

static const char audit_usage[] =
"用法：gongkai audit 子命令 [参数…]\n"
"\n"
"审计记录（等保 2.0 安全审计）：每一次写操作的操作人、时间、来源、对象及修改前后\n"
"的内容。记录只能追加，逐条以哈希相连，任何修改、删除、插入都能被发现。\n"
"\n"
"  verify [--anchor 编号:哈希] [--json]\n"
"        重新计算每一条记录的哈希并核对整条链和链头；完整时输出条数和链尾哈希，\n"
"        退出码 0；不完整时逐条列出问题（第几条记录、什么问题），退出码 1。\n"
"        --anchor 核对以前记下的某条记录的哈希（可发现整条链被重新计算过）。\n"
"  list [--actor 用户名] [--action 操作] [--from 日期] [--to 日期]\n"
"       [--region 区划代码] [--object 类型[:编号]] [--page 页码]\n"
"       [--per-page 每页条数] [--json]\n"
"        分页列出记录（从新到旧），显示总数；每页默认 20 条，最多 1000 条。\n"
"        --action 按前缀筛选（record. 为全部信息操作，record.publish 为发布）；\n"
"        --region 含下级区划；日期写作 2026-03-02 或 2026-03-02T09:00:00Z\n"
"        （协调世界时），--from 和 --to 都包含当天。\n";

const struct cli_command cmd_audit;

/* "2026-03-02" or "2026-03-02T09:00:00Z" into a time; -1 if neither or
 * not a real date.  *date_only tells which. */
static time_t parse_when(const char *s, int *date_only)
{
	struct tm tm;
	char back[TIME_TEXT_LEN];
	const char *fmt;
	time_t t;
	size_t n = strlen(s);

	memset(&tm, 0, sizeof(tm));
	if (n == 10) {
		fmt = "%Y-%m-%d";
		*date_only = 1;
	} else if (n == TIME_TEXT_LEN - 1) {
		fmt = "%Y-%m-%dT%H:%M:%SZ";
		*date_only = 0;
	} else {
		return -1;
	}
	for (size_t i = 0; i < n; i++)
		if (!strchr("0123456789-:TZ", s[i]))
			return -1;
	if (sscanf(s, "%4d-%2d-%2d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday) != 3)
		return -1;
	if (!*date_only && sscanf(s + 11, "%2d:%2d:%2d", &tm.tm_hour,
				  &tm.tm_min, &tm.tm_sec) != 3)
		return -1;
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	t = timegm(&tm);
	/* round trip: refuses 2026-02-30 and 25:00:00 */
	gmtime_r(&t, &tm);
	strftime(back, sizeof(back), fmt, &tm);
	return strcmp(back, s) ? -1 : t;
}

static void time_text(time_t t, char out[TIME_TEXT_LEN])
{
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(out, TIME_TEXT_LEN, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

static int parse_count(const char *s, const char *what, int64_t max,
		       int64_t *out)
{
	int64_t v = args_id(s);

	if (!v || v > max) {
		cli_usage(&cmd_audit, "%s应为 1 到 %lld 之间的整数，而不是「%s」",
			  what, (long long)max, s);
		return -1;
	}
	*out = v;
	return 0;
}

/* --- verify --- */

static int sub_verify(struct store *s, struct args *a, struct arg_opt *o)
{
	struct errors err = ERRORS_INIT;
	struct arena ar = ARENA_INIT;
	struct audit_problem *p;
	struct audit_summary sum;
	size_t n;
	int64_t anchor_id = 0;
	const char *anchor_hash = NULL;
	int anchor_bad = 0, rc = EXIT_OK;

	if (a->npos) {
		rc = cli_usage(&cmd_audit, "verify 不接受参数「%s」", a->pos[0]);
		goto out;
	}
	if (o[0].value) {
		const char *colon = strchr(o[0].value, ':');
		char idtext[24];
		size_t k = colon ? (size_t)(colon - o[0].value) : 0;

		if (colon && k < sizeof(idtext)) {
			memcpy(idtext, o[0].value, k);
			idtext[k] = '\0';
			anchor_id = args_id(idtext);
			anchor_hash = colon + 1;
		}
		if (!anchor_id || strlen(anchor_hash) != 64) {
			rc = cli_usage(&cmd_audit, "--anchor 应写作 编号:64位哈希，"
				       "而不是「%s」", o[0].value);
			goto out;
		}
	}
	if (audit_verify(s, &p, &n, &ar, &sum, &err)) {
		rc = cli_fail(&err);
		goto out;
	}
	if (anchor_id && audit_check_anchor(s, anchor_id, anchor_hash, &err))
		anchor_bad = 1;
	if (o[1].value) {
		json_t *j = json_audit_verify(p, n, &sum);
		if (anchor_bad) {
			json_t *probs = json_object_get(j, "problems");
			json_array_append_new(probs, json_pack("{s:I, s:s}", "id",
				(json_int_t)anchor_id, "message", err.msg[err.n - 1]));
			json_object_set_new(j, "intact", json_false());
		}
		json_print(j);
		rc = n || sum.unlisted || anchor_bad ? EXIT_FAIL : EXIT_OK;
		goto out;
	}
	if (!n && !sum.unlisted && !anchor_bad) {
		printf("审计记录完整：共 %lld 条，链尾哈希 %s\n",
		       (long long)sum.count, sum.last_hash);
		if (sum.last_id)
			printf("可记下锚点 %lld:%s，日后用 gongkai audit verify "
			       "--anchor 核对\n", (long long)sum.last_id,
			       sum.last_hash);
		goto out;
	}
	fprintf(stderr, "审计记录不完整：共读到 %lld 条，发现 %zu 处问题\n",
		(long long)sum.count, n + sum.unlisted + (size_t)anchor_bad);
	for (size_t i = 0; i < n; i++)
		fprintf(stderr, "  %s\n", p[i].msg);
	if (sum.unlisted)
		fprintf(stderr, "  另有 %zu 处问题未列出\n", sum.unlisted);
	if (anchor_bad)
		fprintf(stderr, "  %s\n", err.msg[err.n - 1]);
	fprintf(stderr, "请立即保全数据库文件（连同 -wal、-shm 文件）的副本，"
		"并报告安全管理员和审计员。\n");
	rc = EXIT_FAIL;
out:
	errors_release(&err);
	arena_release(&ar);
	return rc;
}

/* --- list --- */

static void print_entries(const struct audit_entry *v, size_t n)
{
	/* columns aligned for Chinese text on a terminal */
	static const size_t w[] = { 8, 22, 14, 16, 24, 20 };
	static const char *const head[] = { "编号", "时间（UTC）", "操作人",
					     "来源", "操作", "对象", "说明" };
	struct buf line = BUF_INIT, obj = BUF_INIT;
	char id[24];

	for (int k = 0; k < 6; k++)
		utf8_pad(&line, head[k], w[k]);
	printf("%s%s\n", line.buf, head[6]);
	for (size_t i = 0; i < n; i++) {
		buf_reset(&line);
		buf_reset(&obj);
		snprintf(id, sizeof(id), "%lld", (long long)v[i].id);
		buf_addf(&obj, "%s:%s", v[i].object_type ? v[i].object_type : "",
			 v[i].object_id ? v[i].object_id : "");
		utf8_pad(&line, id, w[0]);
		utf8_pad(&line, v[i].at ? v[i].at : "", w[1]);
		utf8_pad(&line, v[i].actor ? v[i].actor : "", w[2]);
		utf8_pad(&line, v[i].client ? v[i].client : "", w[3]);
		utf8_pad(&line, v[i].action ? v[i].action : "", w[4]);
		utf8_pad(&line, obj.buf, w[5]);
		printf("%s%s\n", line.buf, v[i].detail ? v[i].detail : "");
	}
	buf_release(&line);
	buf_release(&obj);
}

static int sub_list(struct store *s, struct args *a, struct arg_opt *o)
{
	struct arena ar = ARENA_INIT;
	struct audit_filter f;
	struct audit_entry *v;
	char from[TIME_TEXT_LEN], to[TIME_TEXT_LEN], prefix[16];
	int64_t page = 1, per = PER_PAGE_DEFAULT, total, pages;
	size_t n;
	int rc = EXIT_OK, date_only;
	time_t t;

	memset(&f, 0, sizeof(f));
	if (a->npos) {
		rc = cli_usage(&cmd_audit, "list 不接受参数「%s」", a->pos[0]);
		goto out;
	}
	if ((o[6].value && parse_count(o[6].value, "--page ", 1000000000,
				       &page)) ||
	    (o[7].value && parse_count(o[7].value, "--per-page ", PER_PAGE_MAX,
				       &per))) {
		rc = EXIT_USAGE;
		goto out;
	}
	f.actor = o[0].value;
	f.action = o[1].value;
	if (o[2].value) {
		if ((t = parse_when(o[2].value, &date_only)) == -1) {
			rc = cli_usage(&cmd_audit, "--from 应为日期（如 2026-03-02）"
				       "或时间（如 2026-03-02T09:00:00Z），"
				       "而不是「%s」", o[2].value);
			goto out;
		}
		time_text(t, from);
		f.from = from;
	}
	if (o[3].value) {
		if ((t = parse_when(o[3].value, &date_only)) == -1) {
			rc = cli_usage(&cmd_audit, "--to 应为日期（如 2026-03-02）"
				       "或时间（如 2026-03-02T09:00:00Z），"
				       "而不是「%s」", o[3].value);
			goto out;
		}
		/* inclusive: up to the end of that day, or that second */
		time_text(t + (date_only ? 86400 : 1), to);
		f.to = to;
	}
	if (o[4].value) {
		size_t k = strlen(o[4].value);
		if ((k != 6 && k != 9 && k != 12) ||
		    strspn(o[4].value, "0123456789") != k) {
			rc = cli_usage(&cmd_audit, "--region 应为 6、9 或 12 位"
				       "行政区划代码，而不是「%s」", o[4].value);
			goto out;
		}
		f.region = audit_region_prefix(o[4].value, prefix);
	}
	if (o[5].value) {
		const char *colon = strchr(o[5].value, ':');
		if (colon) {
			f.object_type = arena_strndup(&ar, o[5].value,
					(size_t)(colon - o[5].value));
			f.object_id = colon + 1;
		} else {
			f.object_type = o[5].value;
		}
		if (!*f.object_type) {
			rc = cli_usage(&cmd_audit, "--object 应写作 类型 或 类型:编号");
			goto out;
		}
	}
	f.limit = per;
	f.offset = (page - 1) * per;
	if (store_audit_list(s, &f, &ar, &v, &n, &total) != STORE_OK) {
		fprintf(stderr, "读取审计记录失败\n");
		rc = EXIT_FAIL;
		goto out;
	}
	pages = (total + per - 1) / per;
	if (o[8].value) {
		json_t *arr = json_array();
		for (size_t i = 0; i < n; i++)
			json_array_append_new(arr, json_audit_entry(&v[i]));
		json_print(json_pack("{s:o, s:I, s:I, s:I, s:I}", "entries", arr,
				     "total", (json_int_t)total, "page",
				     (json_int_t)page, "per_page", (json_int_t)per,
				     "pages", (json_int_t)pages));
		goto out;
	}
	if (!total) {
		printf("没有符合条件的审计记录\n");
		goto out;
	}
	print_entries(v, n);
	if (n)
		printf("共 %lld 条，第 %lld / %lld 页（每页 %lld 条）\n",
		       (long long)total, (long long)page, (long long)pages,
		       (long long)per);
	else
		printf("共 %lld 条，第 %lld 页没有记录（共 %lld 页）\n",
		       (long long)total, (long long)page, (long long)pages);
out:
	arena_release(&ar);
	return rc;
}

static int audit_run(struct cli *cli, struct store *s, int argc, char **argv)
{
	struct arg_opt vo[] = { { "anchor", 1 }, { "json", 0 } };
	struct arg_opt lo[] = { { "actor", 1 }, { "action", 1 }, { "from", 1 },
				{ "to", 1 }, { "region", 1 }, { "object", 1 },
				{ "page", 1 }, { "per-page", 1 }, { "json", 0 } };
	struct arg_opt *o;
	size_t no;
	struct args a;
	char why[200];
	int rc;

	(void)cli;
	if (argc < 2)
		return cli_usage(&cmd_audit, "缺少子命令");
	if (!strcmp(argv[1], "verify")) {
		o = vo;
		no = sizeof(vo) / sizeof(vo[0]);
	} else if (!strcmp(argv[1], "list")) {
		o = lo;
		no = sizeof(lo) / sizeof(lo[0]);
	} else {
		return cli_usage(&cmd_audit, "没有子命令「%s」", argv[1]);
	}
	if (args_parse(argc - 2, argv + 2, o, no, &a, why, sizeof(why))) {
		args_release(o, no, &a);
		return cli_usage(&cmd_audit, "%s", why);
	}
	rc = o == vo ? sub_verify(s, &a, o) : sub_list(s, &a, o);
	args_release(o, no, &a);
	return rc;
}

const struct cli_command cmd_audit = {
	"audit", audit_run, CLI_STORE_RO, "审计记录：校验哈希链、查询", audit_usage,
};
