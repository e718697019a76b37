/* cmd-calendar.c: gongkai calendar … — the working-day calendar on the
 * command line: enter and remove holidays (放假) and 调休 weekend days
 * worked, list and import them, count working days and ask whether a day
 * is one.  The rules live in domain/calendar.c.
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "args.h"
#include "cli.h"
#include "../api/json-model.h"
#include "../domain/calendar.h"
#include "../util/buf.h"
#include "../util/utf8.h"

#define MAX_DAYS 100000		/* --days: about 270 years either way */

static const char calendar_usage[] =
"用法：gongkai calendar 子命令 [参数…]\n"
"\n"
"工作日历：国务院办公厅每年公布的节假日放假和调休上班安排，用于按工作日\n"
"计算公开时限（如“信息形成或者变更之日起20个工作日内”）。周一至周五为\n"
"工作日、周六周日休息，只有录入的日期例外。\n"
"\n"
"  add-date 日期 off|work [--note 说明] [--source 来源]\n"
"                           录入一天：off 为放假的周一至周五，work 为调休\n"
"                           上班的周六、周日；已录入的同一天将被覆盖\n"
"  remove-date 日期         删除一天的安排\n"
"  list [--year 年份] [--json]\n"
"                           列出录入的日期（默认全部）\n"
"  import 文件.csv          导入 CSV 文件，表头为 day,kind,note[,source]\n"
"                           （也可写 日期,类型,说明,来源）；文件有任何问题\n"
"                           则全部不导入，并列出所有问题\n"
"  workdays --from 日期 --days N [--natural] [--explain]\n"
"                           起算日之后第 N 个工作日（起算日当天不计入；\n"
"                           N 为负数时往前数）；--natural 按自然日计算；\n"
"                           --explain 逐步说明计算过程\n"
"  is-workday 日期          是否工作日\n"
"\n"
"日期写作 2026-10-01 或 2026/10/1。某年没有任何录入时按周六、周日休息计算，\n"
"并提示“未录入该年节假日安排”；国务院办公厅公布新一年的安排后（通常在\n"
"前一年 10–11 月），用 add-date 或 import 录入。\n"
"\n"
"示例：\n"
"  gongkai calendar workdays --from 2026-09-30 --days 20 --explain\n"
"  gongkai calendar add-date 2027-02-08 off --note 春节\n";

struct sub {
	const char *name;
	int (*run)(struct cli *cli, struct store *s, int argc, char **argv);
};

/* Parse a subcommand's options (argv[0] is its name); on error print the
 * usage and return -1. */
static int parse(int argc, char **argv, struct arg_opt *o, size_t n,
		 struct args *a)
{
	char why[200];

	if (args_parse(argc - 1, argv + 1, o, n, a, why, sizeof(why))) {
		args_release(o, n, a);
		cli_usage(&cmd_calendar, "%s", why);
		return -1;
	}
	return 0;
}

/* A date argument as YYYY-MM-DD; on error prints the usage, returns -1. */
static int need_date(const char *text, const char *what,
		     char out[CALENDAR_DATE_LEN])
{
	if (calendar_normalize_date(text, out) == 0)
		return 0;
	cli_usage(&cmd_calendar, "%s「%s」不是有效日期：应为 2026-10-01 或 "
		  "2026/10/1 这样真实存在的日期（1900–9999年）", what, text);
	return -1;
}

/* Warn on stderr when a year between the dates has no entries. */
static void warn_missing(const struct calendar *cal, const char *from,
			 const char *to)
{
	int y = calendar_missing_year(cal, from, to);
	char msg[160];

	if (!y)
		return;
	calendar_missing_text(y, msg, sizeof(msg));
	fprintf(stderr, "注意：%s\n", msg);
}

/* "2026-10-01（周四）" */
static const char *day_with_weekday(const char *day, struct arena *a)
{
	int32_t z;

	if (calendar_parse_date(day, &z))
		return day;
	return arena_printf(a, "%s（%s）", day, calendar_weekday_name(z));
}

static int sub_add(struct cli *cli, struct store *s, int argc, char **argv)
{
	struct arg_opt o[] = { { "note", 1 }, { "source", 1 } };
	struct errors err = ERRORS_INIT;
	struct arena ar = ARENA_INIT;
	struct calendar_day *old;
	enum calendar_kind kind;
	char day[CALENDAR_DATE_LEN];
	struct args a;
	size_t nold = 0;
	int rc = EXIT_USAGE;

	(void)cli;
	if (parse(argc, argv, o, 2, &a))
		return EXIT_USAGE;
	if (a.npos != 2) {
		cli_usage(&cmd_calendar, "add-date 需要日期和类型（off 或 work）");
		goto out;
	}
	if (need_date(a.pos[0], "日期", day))
		goto out;
	if (calendar_kind_parse(a.pos[1], &kind)) {
		cli_usage(&cmd_calendar, "类型「%s」应为 off（放假）或 work（调休上班）",
			  a.pos[1]);
		goto out;
	}
	store_calendar_list(s, day, day, &ar, &old, &nold);
	if (calendar_put_day(s, day, kind, o[0].value, o[1].value, &err)) {
		rc = cli_fail(&err);
		goto out;
	}
	printf("已%s %s：%s%s%s%s\n", nold ? "更新" : "录入",
	       day_with_weekday(day, &ar), calendar_kind_label(kind),
	       o[0].value && *o[0].value ? "（" : "",
	       o[0].value ? o[0].value : "",
	       o[0].value && *o[0].value ? "）" : "");
	rc = EXIT_OK;
out:
	errors_release(&err);
	arena_release(&ar);
	args_release(o, 2, &a);
	return rc;
}

static int sub_remove(struct cli *cli, struct store *s, int argc, char **argv)
{
	struct errors err = ERRORS_INIT;
	struct arena ar = ARENA_INIT;
	struct calendar_day *old;
	char day[CALENDAR_DATE_LEN];
	struct args a;
	size_t nold = 0;
	int rc = EXIT_USAGE;

	(void)cli;
	if (parse(argc, argv, NULL, 0, &a))
		return EXIT_USAGE;
	if (a.npos != 1) {
		cli_usage(&cmd_calendar, "remove-date 需要一个日期");
		goto out;
	}
	if (need_date(a.pos[0], "日期", day))
		goto out;
	store_calendar_list(s, day, day, &ar, &old, &nold);
	if (calendar_remove_day(s, day, &err)) {
		rc = cli_fail(&err);
		goto out;
	}
	printf("已删除 %s的安排（%s%s%s），该日恢复为%s\n",
	       day_with_weekday(day, &ar),
	       nold ? calendar_kind_label(old[0].kind) : "",
	       nold && *old[0].note ? "，" : "", nold ? old[0].note : "",
	       nold && old[0].kind == CALENDAR_OFF ? "工作日" : "休息日");
	rc = EXIT_OK;
out:
	errors_release(&err);
	arena_release(&ar);
	args_release(NULL, 0, &a);
	return rc;
}

/* A year given as four digits, 1900..9999; 0 when not one. */
static int parse_year(const char *s)
{
	int y = 0;

	if (!s || strlen(s) != 4)
		return 0;
	for (const char *p = s; *p; p++) {
		if (*p < '0' || *p > '9')
			return 0;
		y = y * 10 + (*p - '0');
	}
	return y >= 1900 ? y : 0;
}

static void print_years(struct calendar_day *v, size_t n)
{
	int last = 0;

	printf("已录入年份：");
	for (size_t i = 0; i < n; i++) {
		int y = atoi(v[i].day);

		if (y != last)
			printf("%s%d", last ? "、" : "", y);
		last = y;
	}
	printf("%s\n", n ? "" : "（无）");
}

static int sub_list(struct cli *cli, struct store *s, int argc, char **argv)
{
	struct arg_opt o[] = { { "year", 1 }, { "json", 0 } };
	struct arena ar = ARENA_INIT;
	struct calendar_day *v = NULL;
	struct args a;
	size_t n = 0, noff = 0;
	int year = 0, rc = EXIT_USAGE;
	char msg[160];

	(void)cli;
	if (parse(argc, argv, o, 2, &a))
		return EXIT_USAGE;
	if (a.npos) {
		cli_usage(&cmd_calendar, "list 不带其他参数（用 --year 指定年份）");
		goto out;
	}
	if (o[0].value && !(year = parse_year(o[0].value))) {
		cli_usage(&cmd_calendar, "--year 应为四位年份，如 2026，而不是「%s」",
			  o[0].value);
		goto out;
	}
	if ((year ? store_calendar_year(s, year, &ar, &v, &n)
		  : store_calendar_all(s, &ar, &v, &n)) != STORE_OK) {
		fprintf(stderr, "gongkai: 无法读取工作日历\n");
		rc = EXIT_FAIL;
		goto out;
	}
	if (year && !n) {
		calendar_missing_text(year, msg, sizeof(msg));
		fprintf(stderr, "注意：%s\n", msg);
	}
	for (size_t i = 0; i < n; i++)
		noff += v[i].kind == CALENDAR_OFF;
	if (o[1].value) {
		json_t *days = json_array();

		for (size_t i = 0; i < n; i++) {
			int32_t z = 0;

			calendar_parse_date(v[i].day, &z);
			json_array_append_new(days, json_pack(
				"{s:s, s:s, s:s, s:s, s:s, s:s}",
				"day", v[i].day,
				"weekday", calendar_weekday_name(z),
				"kind", v[i].kind == CALENDAR_WORK ? "work" : "off",
				"kind_label", calendar_kind_label(v[i].kind),
				"note", v[i].note, "source", v[i].source));
		}
		json_t *years = json_array();
		int last = 0;

		for (size_t i = 0; i < n; i++) {
			int y = atoi(v[i].day);

			if (y != last)
				json_array_append_new(years, json_integer(y));
			last = y;
		}
		json_print(json_pack("{s:o, s:b, s:o, s:I, s:I, s:I, s:o}",
				     "year", year ? json_integer(year) : json_null(),
				     "covered", (int)(year ? n > 0 : 1),
				     "years", years,
				     "total", (json_int_t)n,
				     "off", (json_int_t)noff,
				     "work", (json_int_t)(n - noff),
				     "days", days));
	} else {
		struct buf b = BUF_INIT;

		if (n) {
			utf8_pad(&b, "日期", 12);
			utf8_pad(&b, "星期", 6);
			utf8_pad(&b, "安排", 10);
			buf_adds(&b, "说明\n");
		}
		for (size_t i = 0; i < n; i++) {
			int32_t z = 0;

			calendar_parse_date(v[i].day, &z);
			utf8_pad(&b, v[i].day, 12);
			utf8_pad(&b, calendar_weekday_name(z), 6);
			utf8_pad(&b, calendar_kind_label(v[i].kind), 10);
			buf_addf(&b, "%s\n", v[i].note);
		}
		fputs(b.buf, stdout);
		buf_release(&b);
		printf("共 %zu 天：放假 %zu 天，调休上班 %zu 天\n", n, noff,
		       n - noff);
		if (!year)
			print_years(v, n);
	}
	rc = EXIT_OK;
out:
	arena_release(&ar);
	args_release(o, 2, &a);
	return rc;
}

static int sub_import(struct cli *cli, struct store *s, int argc, char **argv)
{
	struct errors err = ERRORS_INIT;
	struct args a;
	int64_t n;
	int rc;

	(void)cli;
	if (parse(argc, argv, NULL, 0, &a))
		return EXIT_USAGE;
	if (a.npos != 1) {
		rc = cli_usage(&cmd_calendar, "import 需要一个 CSV 文件");
		goto out;
	}
	n = calendar_import_file(s, a.pos[0], &err);
	if (n < 0) {
		fprintf(stderr, "导入失败，共 %zu 个问题，数据库未作任何修改：\n",
			errors_count(&err));
		rc = cli_fail(&err);
	} else {
		printf("已导入 %lld 天的安排\n", (long long)n);
		rc = EXIT_OK;
	}
out:
	errors_release(&err);
	args_release(NULL, 0, &a);
	return rc;
}

/* A whole number in [-MAX_DAYS, MAX_DAYS]; -1 when not one. */
static int parse_days(const char *s, int *out)
{
	char *end;
	long v;

	if (!s || !*s || (*s != '-' && (*s < '0' || *s > '9')))
		return -1;
	v = strtol(s, &end, 10);
	if (*end || v < -MAX_DAYS || v > MAX_DAYS)
		return -1;
	*out = (int)v;
	return 0;
}

static int sub_workdays(struct cli *cli, struct store *s, int argc,
			char **argv)
{
	struct arg_opt o[] = { { "from", 1 }, { "days", 1 }, { "explain", 0 },
			       { "natural", 0 } };
	struct arena ar = ARENA_INIT;
	struct calendar_steps steps;
	struct calendar cal;
	char from[CALENDAR_DATE_LEN];
	struct args a;
	int days, rc = EXIT_USAGE;
	bool natural;

	(void)cli;
	if (parse(argc, argv, o, 4, &a))
		return EXIT_USAGE;
	natural = o[3].value != NULL;
	if (a.npos || !o[0].value || !o[1].value) {
		cli_usage(&cmd_calendar, "workdays 需要 --from 起算日期 和 --days 天数");
		goto out;
	}
	if (need_date(o[0].value, "--from", from))
		goto out;
	if (parse_days(o[1].value, &days)) {
		cli_usage(&cmd_calendar, "--days 应为 -%d 到 %d 之间的整数，而不是「%s」",
			  MAX_DAYS, MAX_DAYS, o[1].value);
		goto out;
	}
	if (calendar_load(s, &ar, &cal)) {
		fprintf(stderr, "gongkai: 无法读取工作日历\n");
		rc = EXIT_FAIL;
		goto out;
	}
	if (calendar_explain(&cal, from, days, !natural, &ar, &steps)) {
		fprintf(stderr, "gongkai: 结果超出可计算的范围（1900–9999年）\n");
		rc = EXIT_FAIL;
		goto out;
	}
	printf("%s\n", steps.result);
	if (o[2].value)
		for (size_t i = 0; i < steps.n; i++)
			printf("%s\n", steps.lines[i]);
	else if (!natural && days)
		warn_missing(&cal, steps.result, from);
	rc = EXIT_OK;
out:
	arena_release(&ar);
	args_release(o, 4, &a);
	return rc;
}

static int sub_is_workday(struct cli *cli, struct store *s, int argc,
			  char **argv)
{
	struct arena ar = ARENA_INIT;
	struct calendar cal;
	char day[CALENDAR_DATE_LEN];
	struct args a;
	int32_t z;
	int rc = EXIT_USAGE;

	(void)cli;
	if (parse(argc, argv, NULL, 0, &a))
		return EXIT_USAGE;
	if (a.npos != 1) {
		cli_usage(&cmd_calendar, "is-workday 需要一个日期");
		goto out;
	}
	if (need_date(a.pos[0], "日期", day))
		goto out;
	if (calendar_load(s, &ar, &cal)) {
		fprintf(stderr, "gongkai: 无法读取工作日历\n");
		rc = EXIT_FAIL;
		goto out;
	}
	calendar_parse_date(day, &z);
	printf("%s %s\n", day_with_weekday(day, &ar),
	       calendar_describe_day(&cal, z, &ar));
	warn_missing(&cal, day, day);
	rc = EXIT_OK;
out:
	arena_release(&ar);
	args_release(NULL, 0, &a);
	return rc;
}

static const struct sub subs[] = {
	{ "add-date", sub_add },
	{ "remove-date", sub_remove },
	{ "list", sub_list },
	{ "import", sub_import },
	{ "workdays", sub_workdays },
	{ "is-workday", sub_is_workday },
};

static int calendar_run(struct cli *cli, struct store *s, int argc,
			char **argv)
{
	if (argc < 2)
		return cli_usage(&cmd_calendar, "缺少子命令");
	for (size_t i = 0; i < sizeof(subs) / sizeof(subs[0]); i++)
		if (!strcmp(argv[1], subs[i].name))
			return subs[i].run(cli, s, argc - 1, argv + 1);
	return cli_usage(&cmd_calendar, "没有子命令「%s」", argv[1]);
}

const struct cli_command cmd_calendar = {
	"calendar", calendar_run, CLI_STORE_RW,
	"工作日历：节假日与调休安排，按工作日计算期限", calendar_usage,
};
