/* test-supervision.c: supervision tasks and ledgers (domain/supervision.c,
 * domain/ledger.c) on a real database file — 完成时限 as the notices write
 * it (month ends, year ends, dates, working days across 国庆节 with its
 * 调休), the state of each unit on a day (done, done late, overdue,
 * progress, pending, due soon, sent back, a closed task judged on its
 * closing day, late counted in working days when the deadline is), the
 * order of the board, who may set, report, send back and see (authz and
 * the domain refusing with nothing written), the record assessment reads,
 * the ledger entry checks, ledger_kept()'s figure, and an inspection
 * needing every checklist line. */
#include "t.h"

#include "domain/authz.h"
#include "domain/ledger.h"
#include "domain/supervision.h"
#include "store/store.h"
#include "ui/admin-tasks.h"

static struct store *fresh(const char *name)
{
	char path[300];
	struct errors err = ERRORS_INIT;
	struct store *s = store_open(t_tmp(name, path, sizeof(path)),
				     STORE_OPEN_CREATE, &err);

	if (s && store_migrate(s, &err) != STORE_OK) {
		store_close(s);
		s = NULL;
	}
	errors_print(&err, stderr);
	errors_release(&err);
	return s;
}

/* 湖南 > 长沙 > 岳麓区 > 望月湖街道, 岳麓街道; 芙蓉区.  Units: 1 岳麓区政务
 * 公开办, 2 岳麓区民政局, 3 望月湖街道办事处, 4 岳麓街道办事处, 5 芙蓉区民政局. */
static struct store *seeded(const char *name)
{
	struct store *s = fresh(name);
	struct region rs[] = {
		{ "430000", "湖南省", "省", NULL, NULL },
		{ "430100", "长沙市", "市", "430000", NULL },
		{ "430104", "岳麓区", "县", "430100", NULL },
		{ "430104001", "望月湖街道", "乡", "430104", NULL },
		{ "430104002", "岳麓街道", "乡", "430104", NULL },
		{ "430102", "芙蓉区", "县", "430100", NULL },
	};
	struct unit us[] = {
		{ 0, "岳麓区政务公开办", "政府部门", "430104", NULL },
		{ 0, "岳麓区民政局", "政府部门", "430104", NULL },
		{ 0, "望月湖街道办事处", "街道办事处", "430104001", NULL },
		{ 0, "岳麓街道办事处", "街道办事处", "430104002", NULL },
		{ 0, "芙蓉区民政局", "政府部门", "430102", NULL },
	};
	struct errors err = ERRORS_INIT;

	if (!s)
		return NULL;
	for (size_t i = 0; i < sizeof(rs) / sizeof(rs[0]); i++)
		store_region_put(s, &rs[i], &err);
	for (size_t i = 0; i < sizeof(us) / sizeof(us[0]); i++)
		store_unit_add(s, &us[i], &err);
	/* 2026 国庆节: 10-01 … 10-07 off, Saturday 10-10 worked */
	calendar_put_day(s, "2026-10-01", CALENDAR_OFF, "国庆节", NULL, &err);
	calendar_put_day(s, "2026-10-02", CALENDAR_OFF, "国庆节", NULL, &err);
	calendar_put_day(s, "2026-10-05", CALENDAR_OFF, "国庆节", NULL, &err);
	calendar_put_day(s, "2026-10-06", CALENDAR_OFF, "国庆节", NULL, &err);
	calendar_put_day(s, "2026-10-07", CALENDAR_OFF, "国庆节", NULL, &err);
	calendar_put_day(s, "2026-10-10", CALENDAR_WORK, "国庆节", NULL, &err);
	errors_print(&err, stderr);
	errors_release(&err);
	return s;
}

static const struct actor cli_actor = {
	0, "测试员", ACTOR_SYSTEM, 0, NULL, "命令行",
};
static const struct actor office = {
	10, "yl_office", ROLE_OFFICE, 1, "430104", "127.0.0.1",
};
static const struct actor fr_office = {
	11, "fr_office", ROLE_OFFICE, 0, "430102", "127.0.0.1",
};
static const struct actor wyh = {		/* 望月湖街道 信息员 */
	12, "wyh_editor", ROLE_EDITOR, 3, "430104001", "127.0.0.1",
};
static const struct actor ylmz = {	/* 岳麓区民政局 信息员 */
	13, "ylmz_editor", ROLE_EDITOR, 2, "430104", "127.0.0.1",
};
static const struct actor yl_street = {	/* 岳麓街道 审核人 */
	14, "yl_reviewer", ROLE_REVIEWER, 4, "430104002", "127.0.0.1",
};
static const struct actor auditor = {
	15, "auditor", ROLE_AUDITOR, 0, NULL, "127.0.0.1",
};

static int64_t count(struct store *s, const char *what)
{
	struct arena a = ARENA_INIT;
	struct task *v;
	struct task_report *r;
	size_t n = 0;
	int64_t total = 0;

	if (!strcmp(what, "tasks")) {
		store_task_list(s, NULL, 0, &a, &v, &n);
		total = (int64_t)n;
	} else {
		store_task_list(s, NULL, 0, &a, &v, &n);
		for (size_t i = 0; i < n; i++) {
			size_t k;

			store_task_reports(s, v[i].id, 0, &a, &r, &k);
			total += (int64_t)k;
		}
	}
	arena_release(&a);
	return total;
}

/* A task of 岳麓区 for units 3 (lead) and 2, 4, due as 'due'. */
static int64_t a_task(struct store *s, const char *due, const char *issued)
{
	int64_t leads[] = { 3 }, members[] = { 2, 4 };
	struct task_input in = { 0 };
	struct errors err = ERRORS_INIT;
	int64_t id;

	in.region = "430104";
	in.source = "岳政务公开办发〔2021〕1号 第（一）项";
	in.body = "更新发布2021版基层政务公开事项目录。";
	in.units_text = "各街道（镇）、区直相关部门";
	in.issued_on = issued;
	in.due = due;
	in.leads = leads;
	in.nleads = 1;
	in.members = members;
	in.nmembers = 2;
	id = task_add(s, &office, &in, &err);
	errors_print(&err, stderr);
	errors_release(&err);
	return id;
}

static int64_t report(struct store *s, const struct actor *who, int64_t task,
		      int64_t unit, const char *kind, const char *day)
{
	struct errors err = ERRORS_INIT;
	int64_t id = task_report(s, who, task, unit, kind, day, "报送内容",
				 NULL, 0, &err);

	errors_release(&err);
	return id;
}

static const struct task_status *unit_in(const struct task_view *v,
					 int64_t unit)
{
	for (size_t i = 0; i < v->nunits; i++)
		if (v->units[i].unit_id == unit)
			return &v->units[i];
	return NULL;
}

/* --- 完成时限 --- */

TEST(test_supervision__due_dates_as_notices_write_them)
{
	struct store *s = seeded("due.db");
	struct arena a = ARENA_INIT;
	struct calendar cal;
	char out[CALENDAR_DATE_LEN];
	const char *why;
	int wd;

	CHECK(s);
	calendar_load(s, &a, &cal);
	CHECK_INT(task_parse_due(&cal, "2021年5月底前", NULL, out, &wd, &why), 1);
	CHECK_STR(out, "2021-05-31");
	CHECK_INT(wd, 0);
	CHECK_INT(task_parse_due(&cal, "2024年2月底", NULL, out, &wd, &why), 1);
	CHECK_STR(out, "2024-02-29");
	CHECK_INT(task_parse_due(&cal, "2021 年 6 月底前", NULL, out, &wd, &why),
		  1);
	CHECK_STR(out, "2021-06-30");
	CHECK_INT(task_parse_due(&cal, "２０２１年底前", NULL, out, &wd, &why), 1);
	CHECK_STR(out, "2021-12-31");
	CHECK_INT(task_parse_due(&cal, "2021年6月5日前", NULL, out, &wd, &why),
		  1);
	CHECK_STR(out, "2021-06-05");
	CHECK_INT(task_parse_due(&cal, "2021/6/3", NULL, out, &wd, &why), 1);
	CHECK_STR(out, "2021-06-03");
	CHECK_INT(task_parse_due(&cal, "", NULL, out, &wd, &why), 0);
	CHECK_INT(task_parse_due(&cal, "长期", NULL, out, &wd, &why), 0);
	CHECK_INT(task_parse_due(&cal, "2021年6月", NULL, out, &wd, &why), -1);
	CHECK_CONTAINS(why, "只写了月份");
	CHECK_INT(task_parse_due(&cal, "2021年2月30日", NULL, out, &wd, &why),
		  -1);
	CHECK_INT(task_parse_due(&cal, "2021年13月底", NULL, out, &wd, &why), -1);
	CHECK_INT(task_parse_due(&cal, "尽快", NULL, out, &wd, &why), -1);
	CHECK(why && strstr(why, "工作日内"));
	CHECK_INT(task_parse_due(&cal, "10个工作日内", NULL, out, &wd, &why), -1);
	/* 国庆节 off, Saturday 10-10 worked: 8 9 10 12 13 14 15 16 19 20 */
	CHECK_INT(task_parse_due(&cal, "10个工作日内", "2026-09-30", out, &wd,
				 &why), 1);
	CHECK_STR(out, "2026-10-20");
	CHECK_INT(wd, 10);
	CHECK_INT(task_parse_due(&cal, "30天内", "2026-09-30", out, &wd, &why),
		  1);
	CHECK_STR(out, "2026-10-30");
	CHECK_INT(wd, 0);
	arena_release(&a);
	store_close(s);
}

/* --- states --- */

TEST(test_supervision__states_on_a_day)
{
	struct store *s = seeded("states.db");
	struct arena a = ARENA_INIT;
	struct errors err = ERRORS_INIT;
	struct task_view v;
	const struct task_status *u;
	int64_t t;

	CHECK(s);
	t = a_task(s, "2021年5月底前", "2021-05-10");
	CHECK(t > 0);
	CHECK(report(s, &wyh, t, 3, "done", "2021-05-27"));
	CHECK(report(s, &ylmz, t, 2, "progress", "2021-05-24"));
	CHECK(report(s, &ylmz, t, 2, "done", "2021-06-08"));
	/* on the deadline: 岳麓街道 has reported nothing, due today */
	CHECK_INT(task_view(s, &office, t, "2021-05-31", &a, &v, &err), 0);
	CHECK_INT(v.nunits, 3);
	u = unit_in(&v, 4);
	CHECK(u && u->state == TS_PENDING && u->due_soon);
	CHECK_CONTAINS(u->summary, "今天到期");
	u = unit_in(&v, 3);
	CHECK(u && u->state == TS_DONE);
	CHECK_STR(u->done_on, "2021-05-27");
	u = unit_in(&v, 2);
	CHECK(u && u->state == TS_PROGRESS);	/* its completion is later */
	/* a day after: the overdue first (in the notice's order), 1 day
	 * late; 民政局 had only reported progress by then */
	CHECK_INT(task_view(s, &office, t, "2021-06-01", &a, &v, &err), 0);
	CHECK_INT(v.units[0].unit_id, 2);
	CHECK_INT(v.units[1].unit_id, 4);
	CHECK_INT(v.units[1].state, TS_OVERDUE);
	CHECK_INT(v.units[1].late, 1);
	CHECK_STR(v.units[1].summary, "逾期 1 天未完成，未报送");
	CHECK_STR(v.units[0].summary, "逾期 1 天未完成（最近报送 2021-05-24）");
	CHECK_INT(v.units[2].state, TS_DONE);
	CHECK_INT(v.count[TS_OVERDUE], 2);
	/* later: 民政局 completed 8 days late */
	CHECK_INT(task_view(s, &office, t, "2021-07-01", &a, &v, &err), 0);
	u = unit_in(&v, 2);
	CHECK(u && u->state == TS_DONE_LATE && u->late == 8);
	CHECK_STR(u->summary, "2021-06-08 完成，逾期 8 天");
	CHECK_INT(unit_in(&v, 4)->late, 31);
	/* 3 working days before: due soon; 7 before: not yet */
	CHECK_INT(task_view(s, &office, t, "2021-05-26", &a, &v, &err), 0);
	CHECK(unit_in(&v, 4)->due_soon);
	CHECK_INT(task_view(s, &office, t, "2021-05-20", &a, &v, &err), 0);
	CHECK(!unit_in(&v, 4)->due_soon);
	errors_release(&err);
	arena_release(&a);
	store_close(s);
}

TEST(test_supervision__sent_back_is_not_done)
{
	struct store *s = seeded("returned.db");
	struct arena a = ARENA_INIT;
	struct errors err = ERRORS_INIT;
	struct task_view v;
	int64_t t;

	CHECK(s);
	t = a_task(s, "2021年6月底前", "2021-05-10");
	CHECK(report(s, &wyh, t, 3, "done", "2021-06-20"));
	/* a second completion, and a unit sending back, are refused */
	CHECK(!report(s, &wyh, t, 3, "done", "2021-06-21"));
	CHECK(!report(s, &wyh, t, 3, "returned", "2021-06-21"));
	/* nothing to send back for 岳麓街道 */
	CHECK(!report(s, &office, t, 4, "returned", "2021-06-21"));
	CHECK(report(s, &office, t, 3, "returned", "2021-06-22"));
	CHECK_INT(task_view(s, &office, t, "2021-07-02", &a, &v, &err), 0);
	CHECK_INT(unit_in(&v, 3)->state, TS_OVERDUE);
	CHECK_CONTAINS(unit_in(&v, 3)->summary, "最近报送 2021-06-22");
	/* done again, late */
	CHECK(report(s, &wyh, t, 3, "done", "2021-07-05"));
	CHECK_INT(task_view(s, &office, t, "2021-07-06", &a, &v, &err), 0);
	CHECK_INT(unit_in(&v, 3)->state, TS_DONE_LATE);
	CHECK_INT(unit_in(&v, 3)->late, 5);
	errors_release(&err);
	arena_release(&a);
	store_close(s);
}

TEST(test_supervision__working_day_deadline_counts_late_in_working_days)
{
	struct store *s = seeded("workdays.db");
	struct arena a = ARENA_INIT;
	struct errors err = ERRORS_INIT;
	struct task_view v;
	struct task t;
	int64_t id;

	CHECK(s);
	id = a_task(s, "10个工作日内", "2026-09-30");
	CHECK(id > 0);
	CHECK_INT(store_task_get(s, id, &a, &t), STORE_OK);
	CHECK_STR(t.due_on, "2026-10-20");
	CHECK_INT(t.due_workdays, 10);
	/* 10-21 … 10-26: Wed Thu Fri, Mon — 4 working days late */
	CHECK_INT(task_view(s, &office, id, "2026-10-26", &a, &v, &err), 0);
	CHECK_INT(unit_in(&v, 4)->state, TS_OVERDUE);
	CHECK_INT(unit_in(&v, 4)->late, 4);
	CHECK_STR(unit_in(&v, 4)->summary, "逾期 4 个工作日未完成，未报送");
	CHECK_CONTAINS(v.due_text, "2026-10-20");
	errors_release(&err);
	arena_release(&a);
	store_close(s);
}

TEST(test_supervision__closed_task_judged_on_its_closing_day)
{
	struct store *s = seeded("closed.db");
	struct arena a = ARENA_INIT;
	struct errors err = ERRORS_INIT;
	struct task_view v;
	int64_t t;

	CHECK(s);
	setenv("GONGKAI_NOW", "2021-07-10T02:00:00Z", 1);
	t = a_task(s, "2021年5月底前", "2021-05-10");
	CHECK_INT(task_close(s, &wyh, t, "2021-06-03", false, &err), -1);
	CHECK_CONTAINS(err.msg[0], "没有权限");
	errors_release(&err);
	CHECK_INT(task_close(s, &office, t, "2021-06-03", false, &err), 0);
	CHECK(!report(s, &wyh, t, 3, "progress", "2021-06-04"));
	CHECK_INT(task_view(s, &office, t, "2026-01-01", &a, &v, &err), 0);
	CHECK_STR(v.as_of, "2021-06-03");
	CHECK_INT(unit_in(&v, 4)->late, 3);
	CHECK_INT(task_close(s, &office, t, NULL, true, &err), 0);
	CHECK(report(s, &wyh, t, 3, "progress", "2021-07-01"));
	unsetenv("GONGKAI_NOW");
	errors_release(&err);
	arena_release(&a);
	store_close(s);
}

TEST(test_supervision__report_dates_checked)
{
	struct store *s = seeded("dates.db");
	struct errors err = ERRORS_INIT;
	int64_t t;

	CHECK(s);
	setenv("GONGKAI_NOW", "2021-06-01T02:00:00Z", 1);
	t = a_task(s, "2021年5月底前", "2021-05-10");
	CHECK(!task_report(s, &wyh, t, 3, "progress", "2021-06-02", "x", NULL,
			   0, &err));
	CHECK_CONTAINS(err.msg[0], "还没到");
	errors_release(&err);
	CHECK(!task_report(s, &wyh, t, 3, "progress", "2021-05-09", "x", NULL,
			   0, &err));
	CHECK_CONTAINS(err.msg[0], "早于任务下达日期");
	errors_release(&err);
	CHECK(!task_report(s, &wyh, t, 3, "nonsense", NULL, "x", NULL, 0,
			   &err));
	CHECK_CONTAINS(err.msg[0], "报送类型");
	errors_release(&err);
	CHECK(!task_report(s, &wyh, t, 3, "progress", NULL, "  ", NULL, 0,
			   &err));
	CHECK_CONTAINS(err.msg[0], "「报送内容」：必须填写");
	errors_release(&err);
	CHECK(task_report(s, &wyh, t, 3, "进展", NULL, "已启动", NULL, 0,
			  &err) > 0);
	unsetenv("GONGKAI_NOW");
	errors_release(&err);
	store_close(s);
}

/* --- who may do what --- */

TEST(test_supervision__authz_rules)
{
	static const enum authz_action unit_acts[] = { AZ_TASK_REPORT,
		AZ_LEDGER_KEEP, AZ_ZONE_INSPECT };
	struct store *s = seeded("authz.db");

	CHECK(s);
	/* setting tasks: the office of the region or above */
	CHECK(authz_allows(s, &office, AZ_TASK_MANAGE, 0, "430104"));
	CHECK(authz_allows(s, &office, AZ_TASK_MANAGE, 0, "430104001"));
	CHECK(!authz_allows(s, &office, AZ_TASK_MANAGE, 0, "430100"));
	CHECK(!authz_allows(s, &fr_office, AZ_TASK_MANAGE, 0, "430104"));
	CHECK(!authz_allows(s, &wyh, AZ_TASK_MANAGE, 3, "430104001"));
	CHECK(!authz_allows(s, &auditor, AZ_TASK_MANAGE, 0, "430104"));
	CHECK(authz_allows(s, &cli_actor, AZ_TASK_MANAGE, 0, "430104"));
	/* reporting and ledgers: the unit's staff, the office above */
	for (size_t i = 0; i < 3; i++) {
		enum authz_action act = unit_acts[i];

		CHECK(authz_allows(s, &wyh, act, 3, "430104001"));
		CHECK(!authz_allows(s, &wyh, act, 4, "430104002"));
		CHECK(authz_allows(s, &yl_street, act, 4, "430104002"));
		CHECK(!authz_allows(s, &ylmz, act, 3, "430104001"));
		CHECK(authz_allows(s, &office, act, 3, "430104001"));
		CHECK(!authz_allows(s, &fr_office, act, 3, "430104001"));
		CHECK(!authz_allows(s, &auditor, act, 3, "430104001"));
		CHECK(*authz_action_label(act));
	}
	store_close(s);
}

TEST(test_supervision__refusals_write_nothing)
{
	struct store *s = seeded("refuse.db");
	struct errors err = ERRORS_INIT;
	struct task_input in = { 0 };
	int64_t leads[] = { 3 }, outside[] = { 5 }, t;
	int64_t audit_before, audit_after, tasks_before, reports_before;

	CHECK(s);
	t = a_task(s, "2021年5月底前", "2021-05-10");
	CHECK(t > 0);
	in.region = "430104";
	in.source = "来源";
	in.body = "内容";
	in.leads = leads;
	in.nleads = 1;
	tasks_before = count(s, "tasks");
	reports_before = count(s, "reports");
	store_audit_count(s, &audit_before);
	/* a unit may not set tasks; another district's office neither */
	CHECK(!task_add(s, &wyh, &in, &err));
	CHECK_CONTAINS(err.msg[0], "没有权限");
	errors_release(&err);
	CHECK(!task_add(s, &fr_office, &in, &err));
	CHECK_CONTAINS(err.msg[0], "没有权限");
	errors_release(&err);
	/* a unit outside the region; the same unit twice; no unit */
	in.members = outside;
	in.nmembers = 1;
	CHECK(!task_add(s, &office, &in, &err));
	CHECK_CONTAINS(err.msg[0], "芙蓉区民政局 不在本地区");
	errors_release(&err);
	in.members = leads;
	CHECK(!task_add(s, &office, &in, &err));
	CHECK_CONTAINS(err.msg[0], "重复");
	errors_release(&err);
	in.nleads = in.nmembers = 0;
	in.source = "";
	in.due = "下个月";
	CHECK(!task_add(s, &office, &in, &err));
	CHECK_INT(err.n, 3);	/* source, 完成时限, units: all at once */
	errors_release(&err);
	/* another unit reporting for 望月湖, a unit not on the task */
	CHECK(!task_report(s, &ylmz, t, 3, "progress", NULL, "x", NULL, 0,
			   &err));
	CHECK_CONTAINS(err.msg[0], "没有权限");
	errors_release(&err);
	CHECK(!task_report(s, &cli_actor, t, 5, "progress", NULL, "x", NULL, 0,
			   &err));
	CHECK_CONTAINS(err.msg[0], "不是此任务的责任单位");
	errors_release(&err);
	CHECK_INT(count(s, "tasks"), tasks_before);
	CHECK_INT(count(s, "reports"), reports_before);
	store_audit_count(s, &audit_after);
	CHECK_INT(audit_after, audit_before);
	store_close(s);
}

TEST(test_supervision__views_and_board_per_viewer)
{
	struct store *s = seeded("views.db");
	struct arena a = ARENA_INIT;
	struct errors err = ERRORS_INIT;
	struct task_view v;
	struct task_board b;
	int64_t t1, t2, only[] = { 4 };
	struct task_input in = { 0 };

	CHECK(s);
	t1 = a_task(s, "2021年5月底前", "2021-05-10");
	in.region = "430104";
	in.source = "第（二）项";
	in.body = "指导社区梳理目录。";
	in.issued_on = "2021-05-10";
	in.due = "2021年6月底前";
	in.members = only;
	in.nmembers = 1;
	t2 = task_add(s, &office, &in, &err);
	CHECK(t2 > 0);
	report(s, &wyh, t1, 3, "done", "2021-05-20");
	/* a unit sees its own row; not a task it is not on */
	CHECK_INT(task_view(s, &wyh, t1, "2021-06-10", &a, &v, &err), 0);
	CHECK_INT(v.nunits, 1);
	CHECK_INT(v.units[0].unit_id, 3);
	CHECK(!v.may_manage);
	CHECK_INT(task_view(s, &wyh, t2, "2021-06-10", &a, &v, &err), -1);
	CHECK_CONTAINS(err.msg[0], "没有权限");
	errors_release(&err);
	CHECK_INT(task_view(s, &fr_office, t1, "2021-06-10", &a, &v, &err), -1);
	errors_release(&err);
	/* the office's board: the task with an overdue unit first */
	CHECK_INT(supervision_board(s, &office, NULL, "2021-06-10", -1, &a, &b,
				    &err), 0);
	CHECK_INT(b.ntasks, 2);
	CHECK_INT(b.tasks[0].t.id, t1);	/* overdue since 06-01 */
	CHECK_INT(b.count[TS_OVERDUE], 2);	/* 民政局, 岳麓街道 on t1 */
	CHECK_INT(b.count[TS_DONE], 1);
	CHECK_INT(b.count[TS_PENDING], 1);	/* 岳麓街道 on t2 */
	CHECK_INT(supervision_board(s, &office, NULL, "2021-06-10", TS_DONE,
				    &a, &b, &err), 0);
	CHECK_INT(b.ntasks, 1);
	CHECK_INT(supervision_board(s, &office, NULL, "2021-06-28", TS__MAX,
				    &a, &b, &err), 0);
	CHECK_INT(b.ntasks, 1);		/* t2 due within 3 working days */
	CHECK_INT(b.tasks[0].t.id, t2);
	/* a unit's board; the office may not look at another district */
	CHECK_INT(supervision_board(s, &wyh, NULL, "2021-06-10", -1, &a, &b,
				    &err), 0);
	CHECK_INT(b.ntasks, 1);
	CHECK_INT(b.tasks[0].nunits, 1);
	CHECK_INT(supervision_board(s, &office, "430102", NULL, -1, &a, &b,
				    &err), -1);
	CHECK_CONTAINS(err.msg[0], "没有权限");
	errors_release(&err);
	CHECK_INT(supervision_board(s, &auditor, NULL, NULL, -1, &a, &b, &err),
		  -1);
	errors_release(&err);
	arena_release(&a);
	store_close(s);
}

TEST(test_supervision__unit_record_for_assessment)
{
	struct store *s = seeded("record.db");
	struct arena a = ARENA_INIT;
	struct errors err = ERRORS_INIT;
	struct task_record r;
	int64_t t1, t2, t3;

	CHECK(s);
	t1 = a_task(s, "2021年5月底前", "2021-05-10");
	t2 = a_task(s, "2021年6月底前", "2021-05-10");
	t3 = a_task(s, "2021年12月底前", "2021-05-10");
	CHECK(t1 && t2 && t3);
	report(s, &wyh, t1, 3, "done", "2021-05-20");
	report(s, &wyh, t2, 3, "done", "2021-07-02");
	CHECK_INT(supervision_unit_record(s, 3, "2021-01-01", "2021-12-31",
					  "2021-07-10", &a, &r, &err), 0);
	CHECK_INT(r.ndue, 3);
	CHECK_INT(r.ndone, 1);
	CHECK_INT(r.nlate, 1);
	CHECK_INT(r.noverdue, 0);
	CHECK_INT(r.nopen, 1);
	CHECK(r.rate > 0.49 && r.rate < 0.51);
	CHECK_CONTAINS(r.figure, "按时完成 1 项，逾期完成 1 项");
	CHECK_CONTAINS(r.figure, "按时完成率 50%");
	CHECK_INT(supervision_unit_record(s, 4, "2021-01-01", "2021-06-30",
					  "2021-07-10", &a, &r, &err), 0);
	CHECK_INT(r.ndue, 2);
	CHECK_INT(r.noverdue, 2);
	CHECK(r.rate < 0.01);
	arena_release(&a);
	store_close(s);
}

/* --- ledgers --- */

static const unsigned char png[] = {
	0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d,
	0x49, 0x48, 0x44, 0x52, 0x00, 0x00, 0x00, 0x02, 0x00, 0x00, 0x00, 0x02,
	0x08, 0x02, 0x00, 0x00, 0x00, 0xfd, 0xd4, 0x9a, 0x73, 0x00, 0x00, 0x00,
	0x13, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0xd8, 0x2c, 0x24, 0xfd,
	0xff, 0xff, 0x7f, 0x06, 0x20, 0x06, 0xb2, 0x00, 0x37, 0x54, 0x07, 0xbb,
	0x64, 0x1e, 0x80, 0x90, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4e, 0x44,
	0xae, 0x42, 0x60, 0x82,
};

static int64_t post(struct store *s, const struct actor *who, int64_t unit,
		    const char *from, const char *to, bool photo,
		    struct errors *err)
{
	struct board_input in = { unit, "城乡低保对象公示", "便民服务中心公示栏",
				  from, to, "张贴人", NULL };
	struct sv_upload p = { "现场.png", png, sizeof(png) };

	return ledger_add(s, who, &in, &p, photo ? 1 : 0, err);
}

TEST(test_supervision__ledger_entries_checked)
{
	struct store *s = seeded("ledger.db");
	struct errors err = ERRORS_INIT;
	struct board_input in = { 3, "", "", "2026-13-01", "", "", NULL };
	struct sv_upload pdf = { "说明.pdf", "%PDF-1.4\n%%EOF\n", 15 };

	CHECK(s);
	CHECK(!ledger_add(s, &wyh, &in, NULL, 0, &err));
	CHECK_INT(err.n, 5);	/* title, place, from, to, by */
	errors_release(&err);
	CHECK(!post(s, &wyh, 3, "2026-05-10", "2026-05-01", true, &err));
	CHECK_CONTAINS(err.msg[0], "早于开始日期");
	errors_release(&err);
	in = (struct board_input){ 3, "公示", "公示栏", "2026-05-01",
				   "2026-05-08", "张贴人", NULL };
	CHECK(!ledger_add(s, &wyh, &in, &pdf, 1, &err));
	CHECK_CONTAINS(err.msg[0], "不是照片");
	errors_release(&err);
	CHECK(!post(s, &ylmz, 3, "2026-05-01", "2026-05-08", true, &err));
	CHECK_CONTAINS(err.msg[0], "没有权限");
	errors_release(&err);
	CHECK(post(s, &wyh, 3, "2026-05-01", "2026-05-08", true, &err) > 0);
	CHECK(post(s, &office, 3, "2026-05-11", "2026-05-18", false, &err) > 0);
	CHECK_INT(err.n, 0);
	store_close(s);
}

TEST(test_supervision__ledger_kept_figure)
{
	struct store *s = seeded("kept.db");
	struct arena a = ARENA_INIT;
	struct errors err = ERRORS_INIT;
	struct ledger_kept k;

	CHECK(s);
	/* January (2, one with a photo), March (1 with), and one posted in
	 * December 2025 still up in January: not counted */
	CHECK(post(s, &wyh, 3, "2026-01-05", "2026-01-12", true, &err));
	CHECK(post(s, &wyh, 3, "2026-01-20", "2026-01-27", false, &err));
	CHECK(post(s, &wyh, 3, "2026-03-02", "2026-03-09", true, &err));
	CHECK(post(s, &wyh, 3, "2025-12-28", "2026-01-04", true, &err));
	CHECK_INT(ledger_kept(s, 3, "2026-01-01", "2026-06-30", &a, &k, &err),
		  0);
	CHECK(k.kept);
	CHECK_INT(k.nentries, 3);
	CHECK_INT(k.nphotos, 2);
	CHECK_INT(k.nmonths, 6);
	CHECK_INT(k.nmonths_kept, 2);
	/* (2/3 + 2/6) / 2 = 0.5 */
	CHECK(k.score > 0.499 && k.score < 0.501);
	CHECK_CONTAINS(k.figure, "公示栏台账 3 条");
	CHECK_CONTAINS(k.figure, "有照片的 2 条（67%）");
	CHECK_CONTAINS(k.figure, "6 个月中 2 个月有登记（33%）");
	CHECK_CONTAINS(k.figure, "得分率 50%");
	/* another unit kept nothing */
	CHECK_INT(ledger_kept(s, 4, "2026-01-01", "2026-06-30", &a, &k, &err),
		  0);
	CHECK(!k.kept);
	CHECK(k.score == 0);
	CHECK_CONTAINS(k.figure, "没有公示栏台账登记");
	/* a bad period */
	CHECK_INT(ledger_kept(s, 3, "2026-06-30", "2026-01-01", &a, &k, &err),
		  -1);
	errors_release(&err);
	arena_release(&a);
	store_close(s);
}

TEST(test_supervision__zone_inspection_needs_every_line)
{
	struct store *s = seeded("zone.db");
	struct arena a = ARENA_INIT;
	struct errors err = ERRORS_INIT;
	struct zone_line *lines;
	struct zone_mark marks[8];
	struct zone_summary z;
	size_t n;
	int64_t id;

	CHECK(s);
	CHECK_INT(store_zone_lines(s, "township", &a, &lines, &n), STORE_OK);
	CHECK_INT(n, 5);
	CHECK_STR(lines[4].carrier, "便民卡");
	CHECK_STR(lines[2].form, "纸质文本 电子文本");
	CHECK_INT(store_zone_lines(s, "county", &a, &lines, &n), STORE_OK);
	CHECK_INT(n, 5);
	CHECK_STR(lines[4].carrier, "政府公报");
	CHECK_STR(lines[4].requirement, "内容全面 准确规范");
	CHECK_STR(zone_level_of_unit(s, 3, &a), "township");
	CHECK(zone_level_of_unit(s, 2, &a) == NULL ||
	      !strcmp(zone_level_of_unit(s, 2, &a), "county"));
	store_zone_lines(s, "township", &a, &lines, &n);
	for (size_t i = 0; i < n; i++)
		marks[i] = (struct zone_mark){ lines[i].id, i != 4, "" };
	CHECK(!zone_inspect(s, &office, 3, "2021-06-25", "检查组", NULL, marks,
			    4, NULL, 0, &err));
	CHECK_CONTAINS(err.msg[0], "便民卡");
	errors_release(&err);
	CHECK(!zone_inspect(s, &ylmz, 3, "2021-06-25", "检查组", NULL, marks, n,
			    NULL, 0, &err));
	CHECK_CONTAINS(err.msg[0], "没有权限");
	errors_release(&err);
	id = zone_inspect(s, &office, 3, "2021-06-25", "检查组", "便民卡缺",
			  marks, n, NULL, 0, &err);
	CHECK(id > 0);
	CHECK_INT(zone_latest(s, 3, "2021-01-01", "2021-12-31", &a, &z, &err),
		  0);
	CHECK(z.found && z.nlines == 5 && z.nmet == 4);
	CHECK_CONTAINS(z.figure, "5 项中 4 项达标");
	CHECK_INT(zone_latest(s, 3, "2022-01-01", NULL, &a, &z, &err), 0);
	CHECK(!z.found);
	errors_release(&err);
	arena_release(&a);
	store_close(s);
}

/* --- the notice's short address --- */

TEST(test_supervision__short_code_round_trip)
{
	char code[14];

	notice_short_code(1989, code);
	CHECK_STR(code, "1y5");
	CHECK_INT(notice_short_id(code), 1989);
	CHECK_INT(notice_short_id("1Y5"), 1989);	/* typed in capitals */
	CHECK_INT(notice_short_id("io"), 32);	/* i → 1, o → 0 */
	notice_short_code(1, code);
	CHECK_STR(code, "1");
	notice_short_code(INT64_MAX, code);
	CHECK_INT(notice_short_id(code), INT64_MAX);
	CHECK_INT(notice_short_id("u"), 0);	/* not in the alphabet */
	CHECK_INT(notice_short_id("0"), 0);
	CHECK_INT(notice_short_id(""), 0);
	CHECK_INT(notice_short_id("zzzzzzzzzzzzz"), 0);	/* past INT64_MAX */
	CHECK_INT(notice_short_id("1234567890abcd"), 0);	/* too long */
}

T_MAIN(T(test_supervision__due_dates_as_notices_write_them),
       T(test_supervision__states_on_a_day),
       T(test_supervision__sent_back_is_not_done),
       T(test_supervision__working_day_deadline_counts_late_in_working_days),
       T(test_supervision__closed_task_judged_on_its_closing_day),
       T(test_supervision__report_dates_checked),
       T(test_supervision__authz_rules),
       T(test_supervision__refusals_write_nothing),
       T(test_supervision__views_and_board_per_viewer),
       T(test_supervision__unit_record_for_assessment),
       T(test_supervision__ledger_entries_checked),
       T(test_supervision__ledger_kept_figure),
       T(test_supervision__zone_inspection_needs_every_line),
       T(test_supervision__short_code_round_trip))
