/* cmd-report.c: gongkai report annual — the annual report on government
 * information disclosure (年报, 国办公开办函〔2021〕30号) of a unit or of a
 * region's government, as JSON, .xlsx or HTML
 *
 * The figures are computed from the database when the command runs
 * (domain/annual-report.h); the texts are those the office saved in the
 * back office.  Nothing is written to the database.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "args.h"
#include "cli.h"
#include "../api/json-annual-report.h"
#include "../domain/annual-report.h"
#include "../ui/report-html.h"

/* registered in cli.c's table */
extern const struct cli_command cmd_report;

static const char report_usage[] =
"用法：gongkai report annual --unit 单位编号 --year 年份 [--format 格式] [--out 文件]\n"
"       gongkai report annual --region 区划代码 --year 年份 [--format 格式] [--out 文件]\n"
"\n"
"生成政府信息公开工作年度报告（国办公开办函〔2021〕30号格式）：一、总体情况，\n"
"二、主动公开政府信息情况（表二），三、收到和处理政府信息公开申请情况（表三，\n"
"含勾稽关系检查），四、行政复议和行政诉讼情况（表四），五、存在的主要问题及\n"
"改进情况，六、其他需要报告的事项（含信息处理费）。\n"
"\n"
"  --unit 单位编号     该单位的年报；人民政府、乡镇人民政府、街道办事处的年报\n"
"                      统计其所在地区本级的全部单位（不含下级地区）\n"
"  --region 区划代码   该地区人民政府的年报（同上，只含本级单位）\n"
"  --year 年份         报告年度，如 2025\n"
"  --format 格式       json（默认）、xlsx 或 html\n"
"  --out 文件          写入文件（xlsx 必须指定；其余默认输出到标准输出）\n"
"\n"
"表三不平衡等数据问题在标准错误输出中提示，报告照常生成。\n";

static int write_text_out(const char *path, const char *text, size_t len,
			  struct errors *err)
{
	FILE *fp = path ? fopen(path, "wb") : stdout;
	int rc = 0;

	if (!fp) {
		errors_addf(err, "无法写入文件 %s（目录不存在或没有写权限？）", path);
		return -1;
	}
	if (fwrite(text, 1, len, fp) != len)
		rc = -1;
	if (path ? fclose(fp) != 0 : fflush(fp) != 0)
		rc = -1;
	if (rc)
		errors_addf(err, "写入 %s 失败", path ? path : "标准输出");
	return rc;
}

/* A year: four digits. */
static int parse_year(const char *s)
{
	if (!s || strlen(s) != 4 || strspn(s, "0123456789") != 4)
		return 0;
	return atoi(s);
}

static int report_run(struct cli *cli, struct store *s, int argc, char **argv)
{
	struct arg_opt o[] = { { "unit", 1 }, { "region", 1 }, { "year", 1 },
			       { "format", 1 }, { "out", 1 } };
	enum { N = sizeof(o) / sizeof(o[0]) };
	struct errors err = ERRORS_INIT;
	struct arena ar = ARENA_INIT;
	struct annual_report rep;
	struct args a = { 0 };
	const char *fmt;
	char why[200];
	long long unit = 0;
	int year, rc = EXIT_OK;

	(void)cli;
	if (args_parse(argc - 1, argv + 1, o, N, &a, why, sizeof(why))) {
		rc = cli_usage(&cmd_report, "%s", why);
		goto out;
	}
	for (size_t i = 0; i < N; i++)
		if (o[i].value && o[i].value[0] == '-' && o[i].value[1] == '-') {
			rc = cli_usage(&cmd_report, "选项 --%s 缺少值（其后是 %s）",
				       o[i].name, o[i].value);
			goto out;
		}
	if (a.npos > 1 && !strcmp(a.pos[0], "annual")) {
		rc = cli_usage(&cmd_report, "多余的参数「%s」", a.pos[1]);
		goto out;
	}
	if (a.npos != 1 || strcmp(a.pos[0], "annual")) {
		rc = cli_usage(&cmd_report, a.npos ? "没有报告「%s」，目前只有 annual"
			       "（政府信息公开工作年度报告）" : "缺少报告类型：annual",
			       a.npos ? a.pos[0] : "");
		goto out;
	}
	if (!o[0].value == !o[1].value) {
		rc = cli_usage(&cmd_report, "请指定 --unit 单位编号 或 --region 区划代码"
			       "（二者选一）");
		goto out;
	}
	if (o[0].value && !(unit = args_id(o[0].value))) {
		rc = cli_usage(&cmd_report, "--unit 应为单位编号（正整数），而不是「%s」",
			       o[0].value);
		goto out;
	}
	if (o[1].value && (strlen(o[1].value) < 6 || strlen(o[1].value) > 12 ||
			   strspn(o[1].value, "0123456789") !=
			   strlen(o[1].value))) {
		rc = cli_usage(&cmd_report, "--region 应为 6 到 12 位数字的区划代码，"
			       "而不是「%s」", o[1].value);
		goto out;
	}
	if (!o[2].value) {
		rc = cli_usage(&cmd_report, "缺少 --year 年份");
		goto out;
	}
	year = parse_year(o[2].value);
	if (year < ANNUAL_YEAR_MIN || year > ANNUAL_YEAR_MAX) {
		rc = cli_usage(&cmd_report, "--year 应为 %d 到 %d 之间的四位年份，"
			       "而不是「%s」", ANNUAL_YEAR_MIN, ANNUAL_YEAR_MAX,
			       o[2].value);
		goto out;
	}
	fmt = o[3].value ? o[3].value : "json";
	if (strcmp(fmt, "json") && strcmp(fmt, "xlsx") && strcmp(fmt, "html")) {
		rc = cli_usage(&cmd_report, "--format 只能是 json、xlsx 或 html，"
			       "而不是「%s」", fmt);
		goto out;
	}
	if (!strcmp(fmt, "xlsx") && !o[4].value) {
		rc = cli_usage(&cmd_report, "xlsx 不能输出到标准输出，请用 --out "
			       "指定文件");
		goto out;
	}
	if (o[4].value && !*o[4].value) {
		rc = cli_usage(&cmd_report, "--out 需要文件名");
		goto out;
	}
	if (unit ? annual_report_for_unit(s, unit, year, &ar, &rep, &err) :
	    annual_report_for_region(s, o[1].value, year, &ar, &rep, &err)) {
		/* an id or code that names nothing is bad input */
		rc = err.n && strstr(err.msg[0], "没有") ?
			cli_usage(&cmd_report, "%s", err.msg[0]) : cli_fail(&err);
		goto out;
	}
	for (size_t i = 0; i < rep.nproblems; i++)
		fprintf(stderr, "提示：%s\n", rep.problems_found[i]);
	if (!strcmp(fmt, "xlsx")) {
		if (annual_report_write_xlsx(&rep, o[4].value, &err))
			rc = cli_fail(&err);
	} else if (!strcmp(fmt, "json")) {
		json_t *j = json_annual_report(&rep);
		char *text = json_dumps(j, JSON_INDENT(2));
		struct buf b = BUF_INIT;

		json_decref(j);
		buf_adds(&b, text ? text : "null");
		buf_addch(&b, '\n');
		free(text);
		if (write_text_out(o[4].value, b.buf, b.len, &err))
			rc = cli_fail(&err);
		buf_release(&b);
	} else {
		struct buf b = BUF_INIT;

		report_html_document(&b, &rep);
		if (write_text_out(o[4].value, b.buf, b.len, &err))
			rc = cli_fail(&err);
		buf_release(&b);
	}
	if (rc == EXIT_OK && o[4].value)
		fprintf(stderr, "已生成 %s\n", o[4].value);
out:
	args_release(o, N, &a);
	arena_release(&ar);
	errors_release(&err);
	return rc;
}

const struct cli_command cmd_report = {
	"report", report_run, CLI_STORE_RO, "生成政府信息公开工作年度报告（年报）",
	report_usage,
};
