/* cmd-assess.c: gongkai assess … — assessment (考核) on the command line:
 * import an indicator table (考核指标) and export it again, list and show
 * tables, create a round over target units, score its automatic lines
 * from the platform's data, score a line by hand, add evidence, record a
 * unit's response, finalise, show a round with the figure behind every
 * score, and export the ranking (.xlsx or .csv)
 *
 * Each subcommand is one function in the table at the end; the rules are
 * domain/assessment*.c's.  Input the rules refuse exits with status 1 and
 * writes nothing; bad usage exits 2.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "args.h"
#include "cli.h"
#include "../api/json-model.h"
#include "../domain/account.h"
#include "../domain/assessment.h"
#include "../domain/calendar.h"
#include "../util/buf.h"
#include "../util/utf8.h"

extern const struct cli_command cmd_assess;

#define EVIDENCE_FILE_MAX (50u << 20)

static const char assess_usage[] =
"用法：gongkai assess 子命令 [参数…]\n"
"\n"
"考核：按考核指标（如岳麓区基层政务公开标准化规范化工作考核指标）对单位评分。\n"
"\n"
"  import 文件 [--region 区划代码]\n"
"        导入考核指标（.xlsx 或 .csv）：表头 一级指标、二级指标、三级指标、\n"
"        考核对象及分值、考核方式、备注，可加 证据类型、平台数据 两列；末行\n"
"        「说明：…基准分100分，加分项最多5分。」。导入时核对各类考核对象的\n"
"        分值合计；文件有任何问题都逐条列出（文件:工作表:第N行:「列名」: 原因），\n"
"        不写入。--region 为所属政务公开办的地区。\n"
"  export 指标编号 [--format xlsx|csv] [--out 文件]\n"
"        导出考核指标（导出的文件可再导入）；csv 默认输出到标准输出。\n"
"  tables [--json]                 列出考核指标及其分值合计\n"
"  table 指标编号 [--json]         显示一张考核指标的全部指标\n"
"  create --table 指标编号 --name 名称 --region 区划代码 --from 日期 --to 日期\n"
"         (--unit 单位编号[:类型] … | --units-of 区划代码)\n"
"        新建一轮考核。--unit 可重复，类型如「街道（镇）」，省略时按单位类别\n"
"        确定（街道办事处、乡镇人民政府为街道（镇），政府部门为区直相关部门）；\n"
"        --units-of 选该地区及下级可按类别确定类型的全部单位（政务公开办除外）。\n"
"  rounds [--json]                 列出考核轮次\n"
"  score 轮次 [--today 日期]        按平台数据为可自动评分的指标评分\n"
"  set 轮次 --unit 单位编号 --line 项号 --score 分数 [--comment 评语]\n"
"        人工评分（低于满分须写评语）。\n"
"  evidence 轮次 --unit 单位编号 --line 项号 --kind 材料类型 文件…\n"
"        上传证明材料（材料、网页截图、照片、签到表）。\n"
"  respond 轮次 --unit 单位编号 --text 意见    单位对评分提出意见（只能一次）\n"
"  finalise 轮次                   定稿（全部指标评分后）\n"
"  show 轮次 [--unit 单位编号] [--json]\n"
"        显示各单位的得分、名次，以及每项得分的依据。\n"
"  ranking 轮次 [--format xlsx|csv] [--out 文件]\n"
"        导出排名（xlsx 必须指定 --out）。\n";

struct sub {
	const char *name;
	int (*run)(struct cli *cli, struct store *s, int argc, char **argv);
};

static long long pos_id(const char *s)
{
	return s ? args_id(s) : 0;
}

static json_t *jpts(int64_t v)
{
	return json_real((double)v / 100.0);
}

static int write_out(const char *path, const char *data, size_t len,
		     struct errors *err)
{
	FILE *fp = path ? fopen(path, "wb") : stdout;
	int rc = 0;

	if (!fp) {
		errors_addf(err, "无法写入文件 %s（目录不存在或没有写权限？）", path);
		return -1;
	}
	if (fwrite(data, 1, len, fp) != len)
		rc = -1;
	if (path ? fclose(fp) != 0 : fflush(fp) != 0)
		rc = -1;
	if (rc)
		errors_addf(err, "写入 %s 失败", path ? path : "标准输出");
	return rc;
}

/* Parse argv with 'o' and expect 'npos' positional arguments; on a
 * problem print usage and return EXIT_USAGE, else 0. */
static int parse(int argc, char **argv, struct arg_opt *o, size_t no,
		 struct args *a, size_t npos, const char *what)
{
	char why[200];

	if (args_parse(argc - 1, argv + 1, o, no, a, why, sizeof(why)))
		return cli_usage(&cmd_assess, "%s", why);
	if (a->npos != npos && npos != (size_t)-1)
		return cli_usage(&cmd_assess, a->npos < npos ? "缺少%s" :
				 "多余的参数「%s」", a->npos < npos ? what :
				 a->pos[npos]);
	return 0;
}

/* --- tables --- */

static void print_totals(const struct assess_table *t, struct arena *a)
{
	size_t nscored = 0, nbonus = 0;

	for (size_t i = 0; i < t->nlines; i++) {
		nscored += t->lines[i].scored && !t->lines[i].bonus;
		nbonus += t->lines[i].scored && t->lines[i].bonus;
	}
	printf("考核指标 %lld：%s\n", (long long)t->id, t->name);
	printf("指标 %zu 项，加分项 %zu 项；分值合计：%s\n", nscored, nbonus,
	       assess_totals_text(t, a));
	if (t->base_total) {
		char n1[32];

		printf("说明中的基准分 %s 分，各类考核对象的合计与之相符\n",
		       assess_points_str(t->base_total, n1));
	}
}

static int sub_import(struct cli *cli, struct store *s, int argc, char **argv)
{
	struct arg_opt o[] = { { "region", 1 } };
	struct args a = { 0 };
	struct arena ar = ARENA_INIT;
	struct errors err = ERRORS_INIT;
	struct assess_table t;
	struct actor who;
	int rc;

	if ((rc = parse(argc, argv, o, 1, &a, 1, "要导入的文件")))
		goto out;
	actor_cli(cli->actor, &who);
	if (!assess_table_import_file(s, &who, a.pos[0], o[0].value, &ar, &t,
				      &err)) {
		rc = cli_fail(&err);
		goto out;
	}
	print_totals(&t, &ar);
out:
	args_release(o, 1, &a);
	errors_release(&err);
	arena_release(&ar);
	return rc;
}

static int load_table(struct store *s, const char *id_text, struct arena *ar,
		      struct assess_table *t)
{
	long long id = pos_id(id_text);

	if (!id)
		return cli_usage(&cmd_assess, "指标编号应为正整数，而不是「%s」",
				 id_text);
	if (store_assess_table_load(s, id, ar, t) != STORE_OK)
		return cli_usage(&cmd_assess, "没有编号为 %lld 的考核指标", id);
	return 0;
}

static int sub_export(struct cli *cli, struct store *s, int argc, char **argv)
{
	struct arg_opt o[] = { { "format", 1 }, { "out", 1 } };
	struct args a = { 0 };
	struct arena ar = ARENA_INIT;
	struct errors err = ERRORS_INIT;
	struct assess_table t;
	const char *fmt;
	int rc;

	(void)cli;
	if ((rc = parse(argc, argv, o, 2, &a, 1, "指标编号")) ||
	    (rc = load_table(s, a.pos[0], &ar, &t)))
		goto out;
	fmt = o[0].value ? o[0].value : "csv";
	if (strcmp(fmt, "csv") && strcmp(fmt, "xlsx")) {
		rc = cli_usage(&cmd_assess, "--format 只能是 xlsx 或 csv，而不是"
			       "「%s」", fmt);
		goto out;
	}
	if (!strcmp(fmt, "xlsx")) {
		if (!o[1].value) {
			rc = cli_usage(&cmd_assess, "xlsx 不能输出到标准输出，请用 "
				       "--out 指定文件");
			goto out;
		}
		if (assess_table_write_xlsx(&t, o[1].value, &err))
			rc = cli_fail(&err);
	} else {
		struct buf b = BUF_INIT;

		assess_table_write_csv(&t, &b);
		if (write_out(o[1].value, b.buf, b.len, &err))
			rc = cli_fail(&err);
		buf_release(&b);
	}
	if (!rc && o[1].value)
		fprintf(stderr, "已导出 %s\n", o[1].value);
out:
	args_release(o, 2, &a);
	errors_release(&err);
	arena_release(&ar);
	return rc;
}

static json_t *json_table_head(const struct assess_table *t, struct arena *ar)
{
	int64_t base[ASSESS_MAX_TYPES], bonus[ASSESS_MAX_TYPES];
	json_t *o = json_object(), *types = json_array();
	size_t nlines = 0;

	assess_table_totals(t, base, bonus);
	for (size_t k = 0; k < t->ntypes; k++)
		json_array_append_new(types, json_pack("{s:s, s:o, s:o}", "name",
			t->types[k], "total", jpts(base[k]), "bonus_max",
			jpts(bonus[k])));
	for (size_t i = 0; i < t->nlines; i++)
		nlines += t->lines[i].scored;
	json_object_set_new(o, "id", json_integer(t->id));
	json_object_set_new(o, "name", json_string(t->name));
	json_object_set_new(o, "source", json_string(t->source));
	json_object_set_new(o, "region", t->region_code ?
			    json_string(t->region_code) : json_null());
	json_object_set_new(o, "note", json_string(t->note));
	json_object_set_new(o, "base_total", jpts(t->base_total));
	json_object_set_new(o, "bonus_cap", jpts(t->bonus_cap));
	json_object_set_new(o, "types", types);
	json_object_set_new(o, "totals", json_string(assess_totals_text(t, ar)));
	if (t->lines)
		json_object_set_new(o, "lines", json_integer((json_int_t)nlines));
	return o;
}

static int sub_tables(struct cli *cli, struct store *s, int argc, char **argv)
{
	struct arg_opt o[] = { { "json", 0 } };
	struct args a = { 0 };
	struct arena ar = ARENA_INIT;
	struct assess_table *v;
	size_t n;
	int rc;

	(void)cli;
	if ((rc = parse(argc, argv, o, 1, &a, 0, "")))
		goto out;
	if (store_assess_table_list(s, &ar, &v, &n) != STORE_OK) {
		fprintf(stderr, "gongkai: 无法读取考核指标\n");
		rc = EXIT_FAIL;
		goto out;
	}
	if (o[0].value) {
		json_t *arr = json_array();

		for (size_t i = 0; i < n; i++) {
			struct assess_table t;

			if (store_assess_table_load(s, v[i].id, &ar, &t) == STORE_OK)
				json_array_append_new(arr, json_table_head(&t, &ar));
		}
		json_print(arr);
		goto out;
	}
	for (size_t i = 0; i < n; i++) {
		struct assess_table t;

		if (store_assess_table_load(s, v[i].id, &ar, &t) == STORE_OK)
			printf("%lld\t%s\t%s\n", (long long)t.id, t.name,
			       assess_totals_text(&t, &ar));
	}
out:
	args_release(o, 1, &a);
	arena_release(&ar);
	return rc;
}

static int sub_table(struct cli *cli, struct store *s, int argc, char **argv)
{
	struct arg_opt o[] = { { "json", 0 } };
	struct args a = { 0 };
	struct arena ar = ARENA_INIT;
	struct assess_table t;
	struct buf ev = BUF_INIT;
	int rc;

	(void)cli;
	if ((rc = parse(argc, argv, o, 1, &a, 1, "指标编号")) ||
	    (rc = load_table(s, a.pos[0], &ar, &t)))
		goto out;
	if (o[0].value) {
		json_t *j = json_table_head(&t, &ar), *lines = json_array();

		for (size_t i = 0; i < t.nlines; i++) {
			const struct assess_line *l = &t.lines[i];
			json_t *lj = json_pack("{s:i, s:i, s:s}", "level", l->level,
					       "parent", l->parent, "name", l->name);

			if (l->scored) {
				json_t *pts = json_object();

				for (size_t k = 0; k < t.ntypes; k++)
					if (l->points[k] != ASSESS_NOT_ASSESSED)
						json_object_set_new(pts, t.types[k],
							l->points[k] == ASSESS_UP_TO_CAP ?
							json_string("up_to_cap") :
							jpts(l->points[k]));
				buf_reset(&ev);
				assess_evidence_text(&ev, l->evidence);
				json_object_set_new(lj, "number", json_integer(
					assess_line_number(&t, i)));
				json_object_set_new(lj, "bonus", json_boolean(l->bonus));
				json_object_set_new(lj, "points", pts);
				json_object_set_new(lj, "points_text",
						    json_string(l->points_text));
				json_object_set_new(lj, "method", json_string(l->method));
				json_object_set_new(lj, "evidence",
						    json_string(ev.buf ? ev.buf : ""));
				json_object_set_new(lj, "measure",
						    json_string(l->measure));
				json_object_set_new(lj, "note", json_string(l->note));
			}
			json_array_append_new(lines, lj);
		}
		json_object_set_new(j, "tree", lines);
		json_print(j);
		goto out;
	}
	print_totals(&t, &ar);
	for (size_t i = 0; i < t.nlines; i++) {
		const struct assess_line *l = &t.lines[i];

		if (!l->scored) {
			printf("%s%s\n", l->level == 1 ? "" : "  ", l->name);
			continue;
		}
		buf_reset(&ev);
		assess_evidence_text(&ev, l->evidence);
		printf("%s%d. %s\n%s   %s｜%s｜证据：%s%s%s\n",
		       l->level == 3 ? "    " : "  ", assess_line_number(&t, i),
		       l->name, l->level == 3 ? "    " : "  ", l->points_text,
		       l->method, ev.buf ? ev.buf : "", *l->measure ? "｜平台数据：" :
		       "", *l->measure ? assess_measure_label((enum assess_measure)
				       assess_measure_parse(l->measure)) : "");
	}
	if (*t.note)
		printf("%s\n", t.note);
out:
	buf_release(&ev);
	args_release(o, 1, &a);
	arena_release(&ar);
	return rc;
}

/* --- rounds --- */

static int sub_create(struct cli *cli, struct store *s, int argc, char **argv)
{
	struct arg_opt o[] = { { "table", 1 }, { "name", 1 }, { "region", 1 },
			       { "from", 1 }, { "to", 1 }, { "unit", 1 },
			       { "units-of", 1 } };
	enum { N = sizeof(o) / sizeof(o[0]) };
	struct args a = { 0 };
	struct arena ar = ARENA_INIT;
	struct errors err = ERRORS_INIT;
	struct assess_round_in in = { 0 };
	struct actor who;
	int64_t *units, id;
	const char **types;
	size_t n = 0;
	int rc;

	if ((rc = parse(argc, argv, o, N, &a, 0, "")))
		goto out;
	if (!(in.table_id = pos_id(o[0].value))) {
		rc = cli_usage(&cmd_assess, "请用 --table 指定考核指标编号");
		goto out;
	}
	if (!o[1].value || !o[2].value || !o[3].value || !o[4].value) {
		rc = cli_usage(&cmd_assess, "请指定 --name 名称、--region 区划代码、"
			       "--from 开始日期 和 --to 结束日期");
		goto out;
	}
	if (!o[5].nall == !o[6].value) {
		rc = cli_usage(&cmd_assess, "请用 --unit 单位编号[:类型]（可重复）或 "
			       "--units-of 区划代码 指定考核对象（二者选一）");
		goto out;
	}
	if (o[6].value) {
		struct assess_table t;
		struct unit *v;
		size_t nv;

		if (store_assess_table_load(s, in.table_id, &ar, &t) != STORE_OK) {
			rc = cli_usage(&cmd_assess, "没有编号为 %lld 的考核指标",
				       (long long)in.table_id);
			goto out;
		}
		assess_default_targets(s, &t, o[6].value, &ar, &v, &nv);
		units = arena_alloc(&ar, (nv + 1) * sizeof(*units));
		types = arena_alloc(&ar, (nv + 1) * sizeof(*types));
		for (size_t i = 0; i < nv; i++)
			units[n++] = v[i].id;
	} else {
		units = arena_alloc(&ar, (o[5].nall + 1) * sizeof(*units));
		types = arena_alloc(&ar, (o[5].nall + 1) * sizeof(*types));
		for (size_t i = 0; i < o[5].nall; i++) {
			const char *v = o[5].all[i], *colon = strchr(v, ':');
			char idtext[32];

			if (colon && (size_t)(colon - v) < sizeof(idtext)) {
				memcpy(idtext, v, (size_t)(colon - v));
				idtext[colon - v] = '\0';
				types[n] = arena_strdup(&ar, colon + 1);
			} else {
				snprintf(idtext, sizeof(idtext), "%.31s", v);
			}
			if (!(units[n] = args_id(idtext))) {
				rc = cli_usage(&cmd_assess, "--unit 应为 单位编号 或 "
					       "单位编号:类型，而不是「%s」", v);
				goto out;
			}
			n++;
		}
	}
	in.name = o[1].value;
	in.region = o[2].value;
	in.from = o[3].value;
	in.to = o[4].value;
	in.units = units;
	in.types = types;
	in.n = n;
	actor_cli(cli->actor, &who);
	id = assess_round_create(s, &who, &in, &err);
	if (!id) {
		rc = cli_fail(&err);
		goto out;
	}
	printf("%lld\n", (long long)id);
	fprintf(stderr, "已新建考核 %lld，考核对象 %zu 个\n", (long long)id, n);
out:
	args_release(o, N, &a);
	errors_release(&err);
	arena_release(&ar);
	return rc;
}

static json_t *json_round(const struct assess_round *r)
{
	json_t *o = json_object();

	json_object_set_new(o, "id", json_integer(r->id));
	json_object_set_new(o, "name", json_string(r->name));
	json_object_set_new(o, "table", json_pack("{s:I, s:s}", "id",
		(json_int_t)r->table_id, "name", r->table_name));
	json_object_set_new(o, "region", json_string(r->region_code));
	json_object_set_new(o, "from", json_string(r->period_from));
	json_object_set_new(o, "to", json_string(r->period_to));
	json_object_set_new(o, "status", json_string(r->status));
	json_object_set_new(o, "targets", json_integer(r->ntargets));
	json_object_set_new(o, "scored_at", r->scored_at ?
			    json_string(r->scored_at) : json_null());
	json_object_set_new(o, "final_at", r->final_at ?
			    json_string(r->final_at) : json_null());
	return o;
}

static int sub_rounds(struct cli *cli, struct store *s, int argc, char **argv)
{
	struct arg_opt o[] = { { "json", 0 } };
	struct args a = { 0 };
	struct arena ar = ARENA_INIT;
	struct assess_round *v;
	size_t n;
	int rc;

	(void)cli;
	if ((rc = parse(argc, argv, o, 1, &a, 0, "")))
		goto out;
	if (store_assess_round_list(s, NULL, &ar, &v, &n) != STORE_OK) {
		fprintf(stderr, "gongkai: 无法读取考核轮次\n");
		rc = EXIT_FAIL;
		goto out;
	}
	if (o[0].value) {
		json_t *arr = json_array();

		for (size_t i = 0; i < n; i++)
			json_array_append_new(arr, json_round(&v[i]));
		json_print(arr);
		goto out;
	}
	for (size_t i = 0; i < n; i++)
		printf("%lld\t%s\t%s 至 %s\t%s\t考核对象 %lld 个\n",
		       (long long)v[i].id, v[i].name, v[i].period_from,
		       v[i].period_to, assess_round_is_final(&v[i]) ? "已定稿" :
		       "进行中", (long long)v[i].ntargets);
out:
	args_release(o, 1, &a);
	arena_release(&ar);
	return rc;
}

/* The round named by the first positional argument. */
static int round_arg(struct store *s, const char *text, int64_t *id)
{
	struct arena ar = ARENA_INIT;
	struct assess_round r;
	enum store_rc rc;

	*id = pos_id(text);
	if (!*id)
		return cli_usage(&cmd_assess, "轮次应为正整数，而不是「%s」",
				 text ? text : "");
	rc = store_assess_round_get(s, *id, &ar, &r);
	arena_release(&ar);
	if (rc != STORE_OK)
		return cli_usage(&cmd_assess, "没有编号为 %lld 的考核",
				 (long long)*id);
	return 0;
}

static int sub_score(struct cli *cli, struct store *s, int argc, char **argv)
{
	struct arg_opt o[] = { { "today", 1 } };
	struct args a = { 0 };
	struct errors err = ERRORS_INIT;
	struct assess_auto_summary sum;
	struct actor who;
	char today[CALENDAR_DATE_LEN];
	int64_t id;
	int rc;

	if ((rc = parse(argc, argv, o, 1, &a, 1, "轮次")) ||
	    (rc = round_arg(s, a.pos[0], &id)))
		goto out;
	if (o[0].value && calendar_normalize_date(o[0].value, today)) {
		rc = cli_usage(&cmd_assess, "--today 应为日期（如 2021-12-31），"
			       "而不是「%s」", o[0].value);
		goto out;
	}
	actor_cli(cli->actor, &who);
	if (assess_score_auto(s, &who, id, o[0].value ? today : NULL, &sum,
			      &err)) {
		rc = cli_fail(&err);
		goto out;
	}
	printf("按平台数据评分：%zu 项得出分数，%zu 项没有数据，留待人工评分\n",
	       sum.scored, sum.unmeasured);
out:
	args_release(o, 1, &a);
	errors_release(&err);
	return rc;
}

/* --unit and --line (项号) of a round: the line's id. */
static int unit_line(struct store *s, int64_t round, const char *unit_text,
		     const char *line_text, int64_t *unit, int64_t *line)
{
	struct arena ar = ARENA_INIT;
	struct assess_round r;
	struct assess_table t;
	long long number = pos_id(line_text);
	int li, rc = 0;

	*unit = pos_id(unit_text);
	if (!*unit || !number)
		return cli_usage(&cmd_assess, "请用 --unit 单位编号 和 --line 项号"
				 "（正整数）指定评分的指标");
	if (store_assess_round_get(s, round, &ar, &r) != STORE_OK ||
	    store_assess_table_load(s, r.table_id, &ar, &t) != STORE_OK ||
	    (li = assess_line_by_number(&t, (int)number)) < 0)
		rc = cli_usage(&cmd_assess, "考核指标中没有第 %lld 项", number);
	else
		*line = t.lines[li].id;
	arena_release(&ar);
	return rc;
}

static int sub_set(struct cli *cli, struct store *s, int argc, char **argv)
{
	struct arg_opt o[] = { { "unit", 1 }, { "line", 1 }, { "score", 1 },
			       { "comment", 1 } };
	enum { N = sizeof(o) / sizeof(o[0]) };
	struct args a = { 0 };
	struct errors err = ERRORS_INIT;
	struct assess_manual m = { 0 };
	struct actor who;
	int64_t id, unit;
	int rc;

	if ((rc = parse(argc, argv, o, N, &a, 1, "轮次")) ||
	    (rc = round_arg(s, a.pos[0], &id)) ||
	    (rc = unit_line(s, id, o[0].value, o[1].value, &unit, &m.line_id)))
		goto out;
	if (!o[2].value || !*o[2].value) {
		rc = cli_usage(&cmd_assess, "请用 --score 指定得分");
		goto out;
	}
	m.score = o[2].value;
	m.comment = o[3].value;
	actor_cli(cli->actor, &who);
	if (assess_score_manual(s, &who, id, unit, &m, 1, &err) < 0)
		rc = cli_fail(&err);
out:
	args_release(o, N, &a);
	errors_release(&err);
	return rc;
}

static int sub_evidence(struct cli *cli, struct store *s, int argc, char **argv)
{
	struct arg_opt o[] = { { "unit", 1 }, { "line", 1 }, { "kind", 1 } };
	enum { N = sizeof(o) / sizeof(o[0]) };
	struct args a = { 0 };
	struct errors err = ERRORS_INIT;
	struct actor who;
	int64_t id, unit, line;
	unsigned kind;
	int rc;

	if ((rc = parse(argc, argv, o, N, &a, (size_t)-1, "")))
		goto out;
	if (a.npos < 2) {
		rc = cli_usage(&cmd_assess, "请指定轮次和要上传的文件");
		goto out;
	}
	if ((rc = round_arg(s, a.pos[0], &id)) ||
	    (rc = unit_line(s, id, o[0].value, o[1].value, &unit, &line)))
		goto out;
	kind = assess_evidence_parse(o[2].value);
	if (!kind) {
		rc = cli_usage(&cmd_assess, "--kind 应为 材料、网页截图、照片 或 "
			       "签到表");
		goto out;
	}
	actor_cli(cli->actor, &who);
	for (size_t i = 1; i < a.npos && !rc; i++) {
		const char *path = a.pos[i];
		const char *name = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
		struct stat st;
		FILE *fp;
		char *data;
		size_t len;

		if (stat(path, &st) || !S_ISREG(st.st_mode) ||
		    (size_t)st.st_size > EVIDENCE_FILE_MAX ||
		    !(fp = fopen(path, "rb"))) {
			errors_addf(&err, "%s: 找不到文件、不是普通文件或超过 50 MB",
				    path);
			rc = cli_fail(&err);
			break;
		}
		len = (size_t)st.st_size;
		data = malloc(len ? len : 1);
		if (fread(data, 1, len, fp) != len)
			len = 0;
		fclose(fp);
		if (!assess_evidence_add(s, &who, id, unit, line, kind, name, data,
					 len, &err))
			rc = cli_fail(&err);
		else
			fprintf(stderr, "已上传 %s\n", name);
		free(data);
	}
out:
	args_release(o, N, &a);
	errors_release(&err);
	return rc;
}

static int sub_respond(struct cli *cli, struct store *s, int argc, char **argv)
{
	struct arg_opt o[] = { { "unit", 1 }, { "text", 1 } };
	struct args a = { 0 };
	struct errors err = ERRORS_INIT;
	struct actor who;
	int64_t id, unit;
	int rc;

	if ((rc = parse(argc, argv, o, 2, &a, 1, "轮次")) ||
	    (rc = round_arg(s, a.pos[0], &id)))
		goto out;
	if (!(unit = pos_id(o[0].value))) {
		rc = cli_usage(&cmd_assess, "请用 --unit 指定单位编号");
		goto out;
	}
	actor_cli(cli->actor, &who);
	if (assess_respond(s, &who, id, unit, o[1].value, &err))
		rc = cli_fail(&err);
out:
	args_release(o, 2, &a);
	errors_release(&err);
	return rc;
}

static int sub_finalise(struct cli *cli, struct store *s, int argc,
			char **argv)
{
	struct args a = { 0 };
	struct errors err = ERRORS_INIT;
	struct actor who;
	int64_t id;
	int rc;

	if ((rc = parse(argc, argv, NULL, 0, &a, 1, "轮次")) ||
	    (rc = round_arg(s, a.pos[0], &id)))
		goto out;
	actor_cli(cli->actor, &who);
	if (assess_finalise(s, &who, id, &err))
		rc = cli_fail(&err);
	else
		fprintf(stderr, "考核 %lld 已定稿\n", (long long)id);
out:
	args_release(NULL, 0, &a);
	errors_release(&err);
	return rc;
}

/* --- show and ranking --- */

static json_t *json_sheet(const struct assess_sheet *sh, int64_t only,
			  struct arena *ar)
{
	const struct assess_table *t = &sh->table;
	json_t *o = json_object(), *targets = json_array();

	json_object_set_new(o, "round", json_round(&sh->round));
	json_object_set_new(o, "table", json_table_head(t, ar));
	for (size_t i = 0; i < sh->ntargets; i++) {
		const struct assess_target *g = &sh->targets[i];
		const struct assess_result *res = &sh->results[i];
		json_t *tj, *scores = json_array();

		if (only && g->unit_id != only)
			continue;
		for (size_t k = 0; sh->type_of[i] >= 0 && k < t->nlines; k++) {
			const struct assess_line *l = &t->lines[k];
			int64_t p = assess_line_points(t, l, (size_t)sh->type_of[i]);
			const struct assess_score *sc;
			json_t *lj;

			if (p == ASSESS_NOT_ASSESSED)
				continue;
			sc = assess_sheet_score(sh, g->unit_id, l->id);
			lj = json_pack("{s:i, s:I, s:s, s:o, s:b, s:s}", "number",
				       assess_line_number(t, k), "line",
				       (json_int_t)l->id, "name", l->name,
				       "points", jpts(p), "bonus", l->bonus,
				       "measure", l->measure);
			json_object_set_new(lj, "score", sc ? jpts(sc->score) :
					    json_null());
			json_object_set_new(lj, "source", sc ?
					    json_string(sc->source) : json_null());
			json_object_set_new(lj, "figure", json_string(sc ?
					    sc->figure : ""));
			json_object_set_new(lj, "num", sc && sc->den ?
					    json_integer(sc->num) : json_null());
			json_object_set_new(lj, "den", sc && sc->den ?
					    json_integer(sc->den) : json_null());
			json_object_set_new(lj, "comment", json_string(sc ?
					    sc->comment : ""));
			json_array_append_new(scores, lj);
		}
		tj = json_pack("{s:I, s:s, s:s, s:i, s:o, s:o, s:o, s:o, s:I, s:I}",
			       "unit_id", (json_int_t)g->unit_id, "unit",
			       g->unit_name, "type", g->type_name, "rank",
			       res->rank, "base", jpts(res->base), "bonus",
			       jpts(res->bonus), "total", jpts(res->total),
			       "full", jpts(res->full), "scored",
			       (json_int_t)res->nscored, "lines",
			       (json_int_t)res->nlines);
		json_object_set_new(tj, "response", g->response ?
				    json_string(g->response) : json_null());
		json_object_set_new(tj, "scores", scores);
		json_array_append_new(targets, tj);
	}
	json_object_set_new(o, "targets", targets);
	return o;
}

static int sub_show(struct cli *cli, struct store *s, int argc, char **argv)
{
	struct arg_opt o[] = { { "unit", 1 }, { "json", 0 } };
	struct args a = { 0 };
	struct arena ar = ARENA_INIT;
	struct errors err = ERRORS_INIT;
	struct assess_sheet sh;
	int64_t id, only = 0;
	int rc;

	(void)cli;
	if ((rc = parse(argc, argv, o, 2, &a, 1, "轮次")) ||
	    (rc = round_arg(s, a.pos[0], &id)))
		goto out;
	if (o[0].value && !(only = pos_id(o[0].value))) {
		rc = cli_usage(&cmd_assess, "--unit 应为单位编号");
		goto out;
	}
	if (assess_sheet_load(s, id, &ar, &sh, &err)) {
		rc = cli_fail(&err);
		goto out;
	}
	if (only && !assess_sheet_target(&sh, only, NULL)) {
		rc = cli_usage(&cmd_assess, "单位 %lld 不是本轮考核对象",
			       (long long)only);
		goto out;
	}
	if (o[1].value) {
		json_print(json_sheet(&sh, only, &ar));
		goto out;
	}
	printf("考核 %lld：%s（%s 至 %s，%s）\n考核指标：%s\n",
	       (long long)sh.round.id, sh.round.name, sh.round.period_from,
	       sh.round.period_to, assess_round_is_final(&sh.round) ? "已定稿" :
	       "进行中", sh.table.name);
	for (size_t i = 0; i < sh.ntargets; i++) {
		const struct assess_target *g = &sh.targets[i];
		const struct assess_result *res = &sh.results[i];
		const struct assess_table *t = &sh.table;
		char b1[32], b2[32], b3[32], b4[32];

		if (only && g->unit_id != only)
			continue;
		printf("\n%s（%s）第 %d 名：总分 %s（基础 %s / %s，加分 %s），已评 %zu/%zu 项\n",
		       g->unit_name, g->type_name, res->rank,
		       assess_points_str(res->total, b1),
		       assess_points_str(res->base, b2),
		       assess_points_str(res->full, b3),
		       assess_points_str(res->bonus, b4), res->nscored,
		       res->nlines);
		for (size_t k = 0; sh.type_of[i] >= 0 && k < t->nlines; k++) {
			const struct assess_line *l = &t->lines[k];
			int64_t p = assess_line_points(t, l, (size_t)sh.type_of[i]);
			const struct assess_score *sc;

			if (p == ASSESS_NOT_ASSESSED)
				continue;
			sc = assess_sheet_score(&sh, g->unit_id, l->id);
			printf("  %2d. %s / %s 分", assess_line_number(t, k),
			       sc ? assess_points_str(sc->score, b1) : "未评",
			       assess_points_str(p, b2));
			if (sc && !strcmp(sc->source, "auto"))
				printf("  平台数据：%s", sc->figure);
			else if (sc && *sc->comment)
				printf("  评语：%s", sc->comment);
			printf("\n");
		}
		if (g->response)
			printf("  单位意见（%s）：%s\n", g->response_at ?
			       g->response_at : "", g->response);
	}
out:
	args_release(o, 2, &a);
	errors_release(&err);
	arena_release(&ar);
	return rc;
}

static int sub_ranking(struct cli *cli, struct store *s, int argc, char **argv)
{
	struct arg_opt o[] = { { "format", 1 }, { "out", 1 } };
	struct args a = { 0 };
	struct arena ar = ARENA_INIT;
	struct errors err = ERRORS_INIT;
	struct assess_sheet sh;
	const char *fmt;
	int64_t id;
	int rc;

	(void)cli;
	if ((rc = parse(argc, argv, o, 2, &a, 1, "轮次")) ||
	    (rc = round_arg(s, a.pos[0], &id)))
		goto out;
	fmt = o[0].value ? o[0].value : (o[1].value ? "xlsx" : "csv");
	if (strcmp(fmt, "csv") && strcmp(fmt, "xlsx")) {
		rc = cli_usage(&cmd_assess, "--format 只能是 xlsx 或 csv，而不是"
			       "「%s」", fmt);
		goto out;
	}
	if (!strcmp(fmt, "xlsx") && !o[1].value) {
		rc = cli_usage(&cmd_assess, "xlsx 不能输出到标准输出，请用 --out "
			       "指定文件");
		goto out;
	}
	if (assess_sheet_load(s, id, &ar, &sh, &err)) {
		rc = cli_fail(&err);
		goto out;
	}
	if (!strcmp(fmt, "xlsx")) {
		if (assess_ranking_write_xlsx(&sh, o[1].value, &err))
			rc = cli_fail(&err);
	} else {
		struct buf b = BUF_INIT;

		assess_ranking_write_csv(&sh, &b);
		if (write_out(o[1].value, b.buf, b.len, &err))
			rc = cli_fail(&err);
		buf_release(&b);
	}
	if (!rc && o[1].value)
		fprintf(stderr, "已导出 %s%s\n", o[1].value,
			assess_round_is_final(&sh.round) ? "" :
			"（考核尚未定稿，排名为临时结果）");
out:
	args_release(o, 2, &a);
	errors_release(&err);
	arena_release(&ar);
	return rc;
}

static const struct sub subs[] = {
	{ "import", sub_import },
	{ "export", sub_export },
	{ "tables", sub_tables },
	{ "table", sub_table },
	{ "create", sub_create },
	{ "rounds", sub_rounds },
	{ "score", sub_score },
	{ "set", sub_set },
	{ "evidence", sub_evidence },
	{ "respond", sub_respond },
	{ "finalise", sub_finalise },
	{ "show", sub_show },
	{ "ranking", sub_ranking },
};

static int assess_run(struct cli *cli, struct store *s, int argc, char **argv)
{
	if (argc < 2)
		return cli_usage(&cmd_assess, "缺少子命令");
	for (size_t i = 0; i < sizeof(subs) / sizeof(subs[0]); i++)
		if (!strcmp(argv[1], subs[i].name))
			return subs[i].run(cli, s, argc - 1, argv + 1);
	return cli_usage(&cmd_assess, "没有子命令「%s」", argv[1]);
}

const struct cli_command cmd_assess = {
	"assess", assess_run, CLI_STORE_RW,
	"考核：考核指标的导入导出、考核轮次、自动与人工评分、排名", assess_usage,
};
