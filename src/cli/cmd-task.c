/* cmd-task.c: gongkai task … — supervision tasks (督办任务) on the command
 * line: list the board (every unit's state, overdue first), add a task
 * from a notice (source, text, units, 完成时限 as written), report a
 * unit's progress or completion with evidence files, show one task with
 * every report, and close or reopen it.  Each subcommand is one function
 * in the table at the end; the rules are domain/supervision.c's.  The
 * command line acts as the system (ACTOR_SYSTEM, named by --as).
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "args.h"
#include "cli.h"
#include "../api/json-model.h"
#include "../domain/account.h"
#include "../domain/supervision.h"
#include "../util/readfile.h"
#include "../util/xalloc.h"

static const char task_usage[] =
"用法：gongkai task 子命令 [参数…]\n"
"\n"
"督办任务：政务公开办按通知下达任务，各责任单位报送进展和完成情况，\n"
"逾期的自动标出。\n"
"\n"
"  list [--region 区划代码] [--unit 单位编号] [--state 状态] [--today 日期]\n"
"       [--json]\n"
"        列出督办任务及各单位状态，有单位逾期的任务在前。--region 只看该地区\n"
"        （及下级）下达的任务，--unit 只看某单位的任务。状态：overdue 已逾期、\n"
"        soon 3个工作日内到期、pending 未报送、progress 进行中、late 逾期完成、\n"
"        done 已完成。--today 按某一天判断（默认今天）。\n"
"  add --region 区划代码 --source 来源 (--text 内容 | --text-file 文件)\n"
"      [--title 名称] [--units-text 责任单位原文] [--issued 下达日期]\n"
"      [--due 完成时限] [--lead 单位编号]… [--unit 单位编号]… [--json]\n"
"        下达任务：--lead 牵头单位、--unit 责任单位，可重复，至少一个，须在该\n"
"        地区内。完成时限照通知原文写：2021年5月底前、2021-06-30、2021年底前，\n"
"        或「10个工作日内」（从下达日期起按工作日历计算）；不写则无时限。\n"
"  report 任务编号 --unit 单位编号 (--text 内容 | --text-file 文件)\n"
"         [--kind progress|done|returned] [--day 日期] [--file 文件]…\n"
"        报送进展（progress，默认）或完成（done），可附佐证材料（PDF、Office、\n"
"        图片等，每个不超过 20 MB，最多 10 个）；returned 为政务公开办退回\n"
"        已报送的完成情况（--text 写退回理由）。\n"
"  show 任务编号 [--today 日期] [--json]\n"
"        任务内容、各单位状态和全部报送记录。\n"
"  close 任务编号 [--day 日期] [--reopen]\n"
"        办结任务（各单位状态按办结之日计），或重新打开。\n";

static int parse(int argc, char **argv, struct arg_opt *o, size_t n,
		 struct args *a)
{
	char why[200];

	if (args_parse(argc - 1, argv + 1, o, n, a, why, sizeof(why))) {
		args_release(o, n, a);
		cli_usage(&cmd_task, "%s", why);
		return -1;
	}
	return 0;
}

/* --text or the contents of --text-file. */
static const char *text_of(const struct arg_opt *text,
			   const struct arg_opt *file, struct arena *a,
			   struct errors *err)
{
	const char *data;
	size_t len;

	if (file->value) {
		if (read_whole_file(file->value, 1u << 20, a, &data, &len, err))
			return NULL;
		if (strlen(data) != len) {
			errors_addf(err, "%s：不是文本文件", file->value);
			return NULL;
		}
		return data;
	}
	return text->value;
}

/* The units given to an option: positive ids, or -1. */
static int ids_of(const struct arg_opt *o, struct arena *a, int64_t **out,
		  size_t *n)
{
	*n = o->nall;
	*out = arena_alloc(a, (o->nall + 1) * sizeof(**out));
	for (size_t i = 0; i < o->nall; i++)
		if (((*out)[i] = args_id(o->all[i])) <= 0)
			return -1;
	return 0;
}

/* --- printing --- */

static json_t *status_json(const struct task_status *u)
{
	return json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:s?, s:s?, s:i, s:b, "
			 "s:I}", "unit_id", (json_int_t)u->unit_id,
			 "unit_name", u->unit_name, "role", u->role,
			 "state", task_state_code(u->state),
			 "state_label", task_state_label(u->state),
			 "summary", u->summary, "done_on", u->done_on,
			 "last_report_on", u->last_day, "late", u->late,
			 "due_soon", u->due_soon,
			 "reports", (json_int_t)u->nreports);
}

static json_t *task_json(const struct task_view *v)
{
	json_t *o = json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:s, s:s?, s:s, "
			      "s:i, s:s?, s:s, s:s}", "id", (json_int_t)v->t.id,
			      "region", v->t.region_code, "source", v->t.source,
			      "title", v->t.title, "body", v->t.body,
			      "units_text", v->t.units_text, "issued_on",
			      v->t.issued_on, "due_on", v->t.due_on,
			      "due_rule", v->t.due_rule, "due_workdays",
			      v->t.due_workdays, "closed_on", v->t.closed_on,
			      "due_text", v->due_text, "as_of", v->as_of);
	json_t *units = json_array();

	for (size_t i = 0; i < v->nunits; i++)
		json_array_append_new(units, status_json(&v->units[i]));
	json_object_set_new(o, "units", units);
	return o;
}

static void print_task_line(const struct task_view *v)
{
	printf("[%lld] %s%s%s\n", (long long)v->t.id, v->t.source,
	       *v->t.title ? " " : "", v->t.title);
	printf("     完成时限：%s%s%s\n", v->due_text,
	       v->t.closed_on ? "；已办结 " : "",
	       v->t.closed_on ? v->t.closed_on : "");
	for (size_t i = 0; i < v->nunits; i++)
		printf("     %-6s %s%s：%s\n", task_state_label(v->units[i].state),
		       v->units[i].unit_name,
		       !strcmp(v->units[i].role, "lead") ? "（牵头）" : "",
		       v->units[i].summary);
}

/* --- subcommands --- */

static int sub_list(struct cli *cli, struct store *s, int argc, char **argv)
{
	struct arg_opt o[] = { { "region", 1 }, { "unit", 1 }, { "state", 1 },
			       { "today", 1 }, { "json", 0 } };
	enum { N = sizeof(o) / sizeof(o[0]) };
	struct errors err = ERRORS_INIT;
	struct arena ar = ARENA_INIT;
	struct task_board board;
	struct actor who;
	struct args a;
	const char *today = NULL;
	int filter = -1, rc = EXIT_OK;
	int64_t unit = 0;

	if (parse(argc, argv, o, N, &a))
		return EXIT_USAGE;
	if (a.npos) {
		rc = cli_usage(&cmd_task, "list 不接受参数「%s」", a.pos[0]);
		goto out;
	}
	if (o[2].value) {
		filter = !strcmp(o[2].value, "soon") ? TS__MAX :
			task_state_parse(o[2].value);
		if (filter < 0) {
			rc = cli_usage(&cmd_task, "--state 只能是 overdue、soon、"
				       "pending、progress、late、done");
			goto out;
		}
	}
	if (o[1].value && (unit = args_id(o[1].value)) <= 0) {
		rc = cli_usage(&cmd_task, "--unit 应为单位编号");
		goto out;
	}
	if (o[3].value) {
		today = supervision_date(&ar, o[3].value, "--today", true, &err);
		if (err.n) {
			rc = cli_fail(&err);
			goto out;
		}
	}
	actor_cli(cli->actor, &who);
	if (unit) {
		/* one unit's tasks: the unit's staff see the same */
		who.roles = ROLE_EDITOR;
		who.unit_id = unit;
		if (o[0].value) {
			rc = cli_usage(&cmd_task, "--region 和 --unit 只能用一个");
			goto out;
		}
	}
	if (supervision_board(s, &who, o[0].value, today, filter, &ar, &board,
			      &err)) {
		rc = cli_fail(&err);
		goto out;
	}
	if (o[4].value) {
		json_t *arr = json_array();

		for (size_t i = 0; i < board.ntasks; i++)
			json_array_append_new(arr, task_json(&board.tasks[i]));
		json_print(json_pack("{s:o, s:I, s:I, s:I, s:I, s:I, s:I}",
			"tasks", arr, "overdue",
			(json_int_t)board.count[TS_OVERDUE], "pending",
			(json_int_t)board.count[TS_PENDING], "progress",
			(json_int_t)board.count[TS_PROGRESS], "late",
			(json_int_t)board.count[TS_DONE_LATE], "done",
			(json_int_t)board.count[TS_DONE], "due_soon",
			(json_int_t)board.ndue_soon));
		goto out;
	}
	if (!board.ntasks) {
		printf("没有督办任务\n");
		goto out;
	}
	printf("督办任务 %zu 项；单位状态：已逾期 %zu，未报送 %zu，进行中 %zu，"
	       "逾期完成 %zu，已完成 %zu；3个工作日内到期 %zu\n\n", board.ntasks,
	       board.count[TS_OVERDUE], board.count[TS_PENDING],
	       board.count[TS_PROGRESS], board.count[TS_DONE_LATE],
	       board.count[TS_DONE], board.ndue_soon);
	for (size_t i = 0; i < board.ntasks; i++)
		print_task_line(&board.tasks[i]);
out:
	errors_release(&err);
	arena_release(&ar);
	args_release(o, N, &a);
	return rc;
}

static int sub_add(struct cli *cli, struct store *s, int argc, char **argv)
{
	struct arg_opt o[] = { { "region", 1 }, { "source", 1 }, { "text", 1 },
			       { "text-file", 1 }, { "title", 1 },
			       { "units-text", 1 }, { "issued", 1 }, { "due", 1 },
			       { "lead", 1 }, { "unit", 1 }, { "json", 0 } };
	enum { N = sizeof(o) / sizeof(o[0]) };
	struct errors err = ERRORS_INIT;
	struct arena ar = ARENA_INIT;
	struct task_input in = { 0 };
	struct actor who;
	struct args a;
	int64_t *leads, *members, id;
	int rc = EXIT_OK;

	if (parse(argc, argv, o, N, &a))
		return EXIT_USAGE;
	if (a.npos) {
		rc = cli_usage(&cmd_task, "add 不接受参数「%s」（内容用 --text）",
			       a.pos[0]);
		goto out;
	}
	if (!o[0].value || !o[1].value || (!o[2].value && !o[3].value)) {
		rc = cli_usage(&cmd_task, "add 需要 --region、--source 和 --text"
			       "（或 --text-file）");
		goto out;
	}
	if (ids_of(&o[8], &ar, &leads, &in.nleads) ||
	    ids_of(&o[9], &ar, &members, &in.nmembers)) {
		rc = cli_usage(&cmd_task, "--lead 和 --unit 应为单位编号");
		goto out;
	}
	in.region = o[0].value;
	in.source = o[1].value;
	in.body = text_of(&o[2], &o[3], &ar, &err);
	in.title = o[4].value;
	in.units_text = o[5].value;
	in.issued_on = o[6].value;
	in.due = o[7].value;
	in.leads = leads;
	in.members = members;
	if (err.n) {
		rc = cli_fail(&err);
		goto out;
	}
	actor_cli(cli->actor, &who);
	id = task_add(s, &who, &in, &err);
	if (!id) {
		rc = cli_fail(&err);
		goto out;
	}
	if (o[10].value)
		json_print(json_pack("{s:I}", "id", (json_int_t)id));
	else
		printf("已下达督办任务 %lld\n", (long long)id);
out:
	errors_release(&err);
	arena_release(&ar);
	args_release(o, N, &a);
	return rc;
}

static int sub_report(struct cli *cli, struct store *s, int argc, char **argv)
{
	struct arg_opt o[] = { { "unit", 1 }, { "text", 1 }, { "text-file", 1 },
			       { "kind", 1 }, { "day", 1 }, { "file", 1 } };
	enum { N = sizeof(o) / sizeof(o[0]) };
	struct errors err = ERRORS_INIT;
	struct arena ar = ARENA_INIT;
	struct sv_upload *files;
	struct actor who;
	struct args a;
	const char *text;
	int64_t task, unit, id;
	int rc = EXIT_OK;

	if (parse(argc, argv, o, N, &a))
		return EXIT_USAGE;
	if (a.npos != 1 || (task = args_id(a.pos[0])) <= 0) {
		rc = cli_usage(&cmd_task, "report 需要一个任务编号");
		goto out;
	}
	if (!o[0].value || (unit = args_id(o[0].value)) <= 0) {
		rc = cli_usage(&cmd_task, "report 需要 --unit 单位编号");
		goto out;
	}
	if (!o[1].value && !o[2].value) {
		rc = cli_usage(&cmd_task, "report 需要 --text（或 --text-file）");
		goto out;
	}
	text = text_of(&o[1], &o[2], &ar, &err);
	files = arena_alloc(&ar, (o[5].nall + 1) * sizeof(*files));
	for (size_t i = 0; i < o[5].nall && !err.n; i++) {
		const char *slash = strrchr(o[5].all[i], '/');

		const char *data = NULL;

		files[i].name = slash ? slash + 1 : o[5].all[i];
		read_whole_file(o[5].all[i], SV_FILE_MAX_BYTES, &ar, &data,
			  &files[i].len, &err);
		files[i].data = data;
	}
	if (err.n) {
		rc = cli_fail(&err);
		goto out;
	}
	actor_cli(cli->actor, &who);
	id = task_report(s, &who, task, unit, o[3].value ? o[3].value :
			 "progress", o[4].value, text, files, o[5].nall, &err);
	if (!id) {
		rc = cli_fail(&err);
		goto out;
	}
	printf("已报送（报送记录 %lld）\n", (long long)id);
out:
	errors_release(&err);
	arena_release(&ar);
	args_release(o, N, &a);
	return rc;
}

static int sub_show(struct cli *cli, struct store *s, int argc, char **argv)
{
	struct arg_opt o[] = { { "today", 1 }, { "json", 0 } };
	enum { N = sizeof(o) / sizeof(o[0]) };
	struct errors err = ERRORS_INIT;
	struct arena ar = ARENA_INIT;
	struct task_view v;
	struct actor who;
	struct args a;
	const char *today = NULL;
	int64_t task;
	int rc = EXIT_OK;

	if (parse(argc, argv, o, N, &a))
		return EXIT_USAGE;
	if (a.npos != 1 || (task = args_id(a.pos[0])) <= 0) {
		rc = cli_usage(&cmd_task, "show 需要一个任务编号");
		goto out;
	}
	if (o[0].value) {
		today = supervision_date(&ar, o[0].value, "--today", true, &err);
		if (err.n) {
			rc = cli_fail(&err);
			goto out;
		}
	}
	actor_cli(cli->actor, &who);
	if (task_view(s, &who, task, today, &ar, &v, &err)) {
		rc = cli_fail(&err);
		goto out;
	}
	if (o[1].value) {
		json_t *j = task_json(&v), *reps = json_array();

		for (size_t i = 0; i < v.nreports; i++) {
			const struct task_report *r = &v.reports[i];
			json_t *files = json_array();
			struct sv_file *f;
			size_t nf;

			if (store_sv_files(s, SV_REPORT, r->id, &ar, &f, &nf) ==
			    STORE_OK)
				for (size_t k = 0; k < nf; k++)
					json_array_append_new(files, json_pack(
						"{s:I, s:s, s:s, s:I, s:s}", "id",
						(json_int_t)f[k].id, "name",
						f[k].name, "mime", f[k].mime,
						"size", (json_int_t)f[k].size,
						"sha256", f[k].sha256));
			json_array_append_new(reps, json_pack("{s:I, s:I, s:s, "
				"s:s, s:s, s:s, s:s, s:o}", "id", (json_int_t)r->id,
				"unit_id", (json_int_t)r->unit_id, "unit_name",
				r->unit_name, "kind", r->kind, "day", r->day,
				"text", r->text, "actor", r->actor, "files",
				files));
		}
		json_object_set_new(j, "reports", reps);
		json_print(j);
		goto out;
	}
	print_task_line(&v);
	printf("\n来源：%s\n下达：%s，%s\n", v.t.source, v.t.region_name,
	       v.t.issued_on);
	if (*v.t.units_text)
		printf("责任单位（原文）：%s\n", v.t.units_text);
	printf("\n%s\n", v.t.body);
	printf("\n报送记录 %zu 条%s\n", v.nreports, v.nreports ? "：" : "");
	for (size_t i = 0; i < v.nreports; i++)
		printf("  %s %s %s（%s）：%s\n", v.reports[i].day,
		       v.reports[i].unit_name,
		       task_report_kind_label(v.reports[i].kind),
		       v.reports[i].actor, v.reports[i].text);
out:
	errors_release(&err);
	arena_release(&ar);
	args_release(o, N, &a);
	return rc;
}

static int sub_close(struct cli *cli, struct store *s, int argc, char **argv)
{
	struct arg_opt o[] = { { "day", 1 }, { "reopen", 0 } };
	enum { N = sizeof(o) / sizeof(o[0]) };
	struct errors err = ERRORS_INIT;
	struct actor who;
	struct args a;
	int64_t task;
	int rc = EXIT_OK;

	if (parse(argc, argv, o, N, &a))
		return EXIT_USAGE;
	if (a.npos != 1 || (task = args_id(a.pos[0])) <= 0) {
		rc = cli_usage(&cmd_task, "close 需要一个任务编号");
		goto out;
	}
	actor_cli(cli->actor, &who);
	if (task_close(s, &who, task, o[0].value, o[1].value != NULL, &err)) {
		rc = cli_fail(&err);
		goto out;
	}
	printf("%s督办任务 %lld\n", o[1].value ? "已重新打开" : "已办结",
	       (long long)task);
out:
	errors_release(&err);
	args_release(o, N, &a);
	return rc;
}

struct sub {
	const char *name;
	int (*run)(struct cli *, struct store *, int, char **);
};

static const struct sub subs[] = {
	{ "list", sub_list },
	{ "add", sub_add },
	{ "report", sub_report },
	{ "show", sub_show },
	{ "close", sub_close },
};

static int task_run(struct cli *cli, struct store *s, int argc, char **argv)
{
	if (argc < 2)
		return cli_usage(&cmd_task, "缺少子命令");
	for (size_t i = 0; i < sizeof(subs) / sizeof(subs[0]); i++)
		if (!strcmp(argv[1], subs[i].name))
			return subs[i].run(cli, s, argc - 1, argv + 1);
	return cli_usage(&cmd_task, "没有子命令「%s」", argv[1]);
}

const struct cli_command cmd_task = {
	"task", task_run, CLI_STORE_RW, "督办任务：下达、报送进展、逾期提醒",
	task_usage,
};
