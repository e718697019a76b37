/* cmd-catalog.c: gongkai catalog … — the standard catalogs on the command
 * line: import, export, list, show, derive, item edits, diff, review states,
 * versions, drift and rebase.  Each subcommand is one function in the table
 * below; the rules live in domain/catalog*.c.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "args.h"
#include "cli.h"
#include "../api/json-model.h"
#include "../domain/catalog-diff.h"
#include "../domain/catalog.h"
#include "../domain/channels.h"
#include "../util/buf.h"
#include "../util/utf8.h"
#include "../util/xalloc.h"

static const char catalog_usage[] =
"用法：gongkai catalog 子命令 [参数…]\n"
"\n"
"公开事项标准目录：导入、导出、派生（做减法）、版本、审核与发布。\n"
"\n"
"  import 文件 --region 区划代码 --domain 领域 [--version 版本] [--sheet 工作表]\n"
"        导入 .xlsx 或 .csv（UTF-8 或 GBK）标准目录，成为草稿；输出新目录编号。\n"
"        文件有任何问题时逐条列出（文件:工作表:第N行:「列名」: 原因），不写入任何数据。\n"
"  export 编号 --format xlsx|csv [-o 文件]      按标准格式导出（-o - 输出到标准输出，仅 csv）\n"
"  list [--region 代码] [--domain 领域] [--status 状态] [--json]\n"
"  show 编号 [--json]                           显示目录及全部事项\n"
"  derive 上级目录编号 --region 代码 [--drop 事项编号,…] [--version 版本]\n"
"        从已发布目录派生本级草稿目录，--drop 列出不适用的事项（做减法）\n"
"  add-item 编号 --name 名称 --reason 理由 [--parent 事项编号] [列选项…]\n"
"        本级新增事项（必须说明理由）\n"
"  drop-item 编号 --item 事项编号               删减事项（连同下级）\n"
"  edit-item 编号 --item 事项编号 [列选项…]      修改事项\n"
"  diff 编号A 编号B [--json]                    比较两个目录：新增、删除、修改（列出修改的列）\n"
"  submit 编号 | approve 编号 | reject 编号 --reason 理由 | publish 编号\n"
"        审核流程：草稿 → 已提交 → 已审核 → 已发布；已发布目录不可再改\n"
"  new-version 编号 --version 版本               以该目录为底稿开始新版本（草稿）\n"
"  drift 编号 [--json]                          上级目录发布新版本后，列出本级尚未采纳的变化\n"
"  rebase 编号 --onto 新上级目录编号 [--version 版本] [--json]\n"
"        生成本级目录的新草稿：采纳上级变化，保留本级删减、新增和修改，并列出冲突\n"
"  history 编号 [--json]                        审核与修改记录\n"
"\n"
"列选项（add-item、edit-item）：--name --type --service --elements --basis\n"
"  --time-limit --subject --channels --audience --mode --levels --note\n"
"  例：--elements \"●办理条件 ●申请材料 〇咨询电话\" --channels \"■政府网站 □政务服务中心\"\n"
"      --mode 主动 --audience 全社会 --levels 县级,乡级\n"
"\n"
"领域可以用代码（如 shjz）或名称（如 社会救助）；状态可以用 draft、submitted、\n"
"approved、published 或 草稿、已提交、已审核、已发布。\n";

const struct cli_command cmd_catalog;

struct sub {
	const char *name;
	int (*run)(struct cli *cli, struct store *s, int argc, char **argv);
};

/* Parse options for a subcommand; on error prints usage and returns -1. */
static int parse(int argc, char **argv, struct arg_opt *o, size_t n,
		 struct args *a)
{
	char why[200];

	/* argv[0] is the subcommand's own name */
	if (args_parse(argc - 1, argv + 1, o, n, a, why, sizeof(why))) {
		cli_usage(&cmd_catalog, "%s", why);
		return -1;
	}
	return 0;
}

static int64_t need_id(const char *s, const char *what)
{
	int64_t id = args_id(s);

	if (!id)
		cli_usage(&cmd_catalog, "%s应为正整数编号，而不是「%s」", what,
			  s ? s : "");
	return id;
}

/* The column options shared by add-item and edit-item. */
static const struct {
	const char *opt;
	enum layout_col col;
} col_opts[] = {
	{ "type", COL_TYPE }, { "service", COL_SERVICE },
	{ "elements", COL_ELEMENTS }, { "basis", COL_BASIS },
	{ "time-limit", COL_TIMELIMIT }, { "subject", COL_SUBJECT },
	{ "channels", COL_CHANNELS }, { "audience", COL_AUDIENCE_TEXT },
	{ "mode", COL_MODE_TEXT }, { "levels", COL_LEVELS_TEXT },
	{ "note", COL_NOTE },
};
#define NCOL_OPTS (sizeof(col_opts) / sizeof(col_opts[0]))

/* --- import / export --- */

static int sub_import(struct cli *cli, struct store *s, int argc, char **argv)
{
	struct arg_opt o[] = { { "region", 1 }, { "domain", 1 },
			       { "version", 1 }, { "sheet", 1 } };
	struct errors err = ERRORS_INIT, notes = ERRORS_INIT;
	struct catalog_import_opts io = { 0 };
	struct args a;
	int64_t id;
	int rc;

	if (parse(argc, argv, o, 4, &a))
		return EXIT_USAGE;
	if (a.npos != 1 || !o[0].value || !o[1].value) {
		args_release(o, 4, &a);
		return cli_usage(&cmd_catalog, "import 需要一个文件以及 --region 和 --domain");
	}
	io.path = a.pos[0];
	io.region = o[0].value;
	io.domain = o[1].value;
	io.version = o[2].value;
	io.sheet = o[3].value;
	io.author = cli->actor;
	id = catalog_import(s, &io, &err, &notes);
	errors_print(&notes, stderr);
	if (!id) {
		fprintf(stderr, "导入失败，共 %zu 个问题，数据库未作任何修改：\n",
			errors_count(&err));
		rc = cli_fail(&err);
	} else {
		printf("%lld\n", (long long)id);
		rc = EXIT_OK;
	}
	errors_release(&err);
	errors_release(&notes);
	args_release(o, 4, &a);
	return rc;
}

static int sub_export(struct cli *cli, struct store *s, int argc, char **argv)
{
	struct arg_opt o[] = { { "format", 1 }, { "o", 1 }, { "output", 1 } };
	struct errors err = ERRORS_INIT;
	struct arena ar = ARENA_INIT;
	struct catalog c;
	struct args a;
	enum catalog_format fmt;
	const char *out;
	int64_t id;
	int rc = EXIT_FAIL;
	char defname[64];

	(void)cli;
	/* accept the short "-o FILE" as well */
	for (int i = 0; i < argc; i++)
		if (!strcmp(argv[i], "-o"))
			argv[i] = "--o";
	if (parse(argc, argv, o, 3, &a))
		return EXIT_USAGE;
	if (a.npos != 1 || !(id = need_id(a.pos[0], "目录编号"))) {
		args_release(o, 3, &a);
		return a.npos != 1 ? cli_usage(&cmd_catalog, "export 需要一个目录编号")
				   : EXIT_USAGE;
	}
	if (!o[0].value || (strcmp(o[0].value, "xlsx") && strcmp(o[0].value, "csv"))) {
		args_release(o, 3, &a);
		return cli_usage(&cmd_catalog, "--format 只能是 xlsx 或 csv");
	}
	fmt = !strcmp(o[0].value, "xlsx") ? CATALOG_XLSX : CATALOG_CSV;
	out = o[1].value ? o[1].value : o[2].value;
	if (!out) {
		snprintf(defname, sizeof(defname), "catalog-%lld.%s",
			 (long long)id, o[0].value);
		out = defname;
	}
	if (fmt == CATALOG_XLSX && !strcmp(out, "-")) {
		args_release(o, 3, &a);
		return cli_usage(&cmd_catalog, "xlsx 不能输出到标准输出，请用 -o 指定文件");
	}
	if (store_catalog_load(s, id, &ar, &c) != STORE_OK) {
		errors_addf(&err, "目录 %lld 不存在", (long long)id);
		rc = cli_fail(&err);
	} else if (catalog_write_file(&c, fmt, out, &err)) {
		rc = cli_fail(&err);
	} else {
		if (strcmp(out, "-"))
			fprintf(stderr, "已导出到 %s\n", out);
		rc = EXIT_OK;
	}
	arena_release(&ar);
	errors_release(&err);
	args_release(o, 3, &a);
	return rc;
}

/* --- list / show --- */

static int sub_list(struct cli *cli, struct store *s, int argc, char **argv)
{
	struct arg_opt o[] = { { "region", 1 }, { "domain", 1 },
			       { "status", 1 }, { "json", 0 } };
	struct arena ar = ARENA_INIT;
	struct catalog_filter f = { NULL, 0, -1, 0 };
	struct catalog *v;
	struct domain d;
	struct args a;
	size_t n;
	int rc = EXIT_OK;

	(void)cli;
	if (parse(argc, argv, o, 4, &a))
		return EXIT_USAGE;
	if (a.npos) {
		rc = cli_usage(&cmd_catalog, "list 不接受参数「%s」", a.pos[0]);
		goto out;
	}
	f.region = o[0].value;
	if (o[1].value) {
		if (store_domain_find(s, o[1].value, &ar, &d) != STORE_OK) {
			fprintf(stderr, "领域「%s」不存在；可用 gongkai domain list 查看\n",
				o[1].value);
			rc = EXIT_FAIL;
			goto out;
		}
		f.domain_id = d.id;
	}
	if (o[2].value && (f.status = catalog_status_parse(o[2].value)) < 0) {
		rc = cli_usage(&cmd_catalog, "未知状态「%s」", o[2].value);
		goto out;
	}
	if (store_catalog_list(s, &f, &ar, &v, &n) != STORE_OK) {
		fprintf(stderr, "读取目录列表失败\n");
		rc = EXIT_FAIL;
		goto out;
	}
	if (o[3].value) {
		json_t *arr = json_array();
		for (size_t i = 0; i < n; i++)
			json_array_append_new(arr, json_catalog(&v[i], 0));
		json_print(json_pack("{s:o, s:I}", "catalogs", arr, "total",
				     (json_int_t)n));
		goto out;
	}
	if (!n) {
		printf("没有符合条件的目录\n");
		goto out;
	}
	{
		/* columns aligned for Chinese text on a terminal */
		static const size_t w[] = { 6, 12, 14, 14, 10, 8 };
		struct buf line = BUF_INIT;
		const char *head[] = { "编号", "区划代码", "区划", "领域", "版本",
				       "状态", "上级目录" };
		for (int k = 0; k < 6; k++)
			utf8_pad(&line, head[k], w[k]);
		printf("%s%s\n", line.buf, head[6]);
		for (size_t i = 0; i < n; i++) {
			char id[24], parent[24] = "-";
			buf_reset(&line);
			snprintf(id, sizeof(id), "%lld", (long long)v[i].id);
			if (v[i].parent_id)
				snprintf(parent, sizeof(parent), "%lld",
					 (long long)v[i].parent_id);
			utf8_pad(&line, id, w[0]);
			utf8_pad(&line, v[i].region_code, w[1]);
			utf8_pad(&line, v[i].region_name, w[2]);
			utf8_pad(&line, v[i].domain_name, w[3]);
			utf8_pad(&line, v[i].version, w[4]);
			utf8_pad(&line, catalog_status_label(v[i].status), w[5]);
			printf("%s%s\n", line.buf, parent);
		}
		buf_release(&line);
	}
	printf("共 %zu 个目录\n", n);
out:
	arena_release(&ar);
	args_release(o, 4, &a);
	return rc;
}

static void print_bits(struct buf *b, unsigned bits, const char *const *names,
		       int n)
{
	int first = 1;

	for (int i = 0; i < n; i++)
		if (bits & (1u << i)) {
			if (!first)
				buf_adds(b, "、");
			buf_adds(b, names[i]);
			first = 0;
		}
	if (first)
		buf_adds(b, "—");
}

static void print_item(const struct catalog *c, size_t i)
{
	static const char *const aud[] = { "全社会", "特定群体" };
	static const char *const mode[] = { "主动", "依申请" };
	static const char *const lv[] = { "市级", "县级", "乡级", "村级" };
	const struct item *it = &c->items[i];
	struct buf b = BUF_INIT;
	int indent = (it->level - 1) * 2;

	printf("%*s[%lld] %s%s%s\n", indent, "", (long long)it->id,
	       it->level == 1 ? "一级：" : it->level == 2 ? "二级：" : "三级：",
	       it->name, it->local_reason ? "（本级新增）" : "");
	if (it->level == 1 || catalog_item_has_children(c, i))
		return;
	indent += 4;
	if (it->local_reason)
		printf("%*s新增理由：%s\n", indent, "", it->local_reason);
	if (*it->item_type)
		printf("%*s事项类型：%s%s%s\n", indent, "", it->item_type,
		       *it->service_name ? "；对应政务服务事项：" : "",
		       it->service_name);
	elements_format(&b, it->elements, it->nelements);
	printf("%*s公开内容：%s\n", indent, "", b.buf);
	printf("%*s公开依据：%s\n", indent, "", *it->basis ? it->basis : "—");
	printf("%*s公开时限：%s\n", indent, "",
	       *it->time_limit ? it->time_limit : "—");
	printf("%*s公开主体：%s\n", indent, "", *it->subject ? it->subject : "—");
	buf_reset(&b);
	channels_format(&b, it->channels, it->nchannels);
	printf("%*s公开渠道：%s\n", indent, "", b.len ? b.buf : "—");
	buf_reset(&b);
	buf_adds(&b, "公开对象：");
	print_bits(&b, it->audience, aud, 2);
	buf_adds(&b, "；公开方式：");
	print_bits(&b, it->mode, mode, 2);
	buf_adds(&b, "；公开层级：");
	print_bits(&b, it->levels, lv, 4);
	printf("%*s%s\n", indent, "", b.buf);
	if (*it->note)
		printf("%*s备注：%s\n", indent, "", it->note);
	buf_release(&b);
}

static void print_head(const struct catalog *c)
{
	printf("目录 %lld：%s（%s）%s领域 %s ［%s］\n", (long long)c->id,
	       c->region_name, c->region_code, c->domain_name, c->version,
	       catalog_status_label(c->status));
	if (c->parent_id)
		printf("派生自目录 %lld\n", (long long)c->parent_id);
	if (c->previous_id)
		printf("上一版本：目录 %lld\n", (long long)c->previous_id);
	if (c->source && *c->source)
		printf("来源：%s\n", c->source);
	if (c->review_note && *c->review_note)
		printf("退回理由：%s\n", c->review_note);
}

static int sub_show(struct cli *cli, struct store *s, int argc, char **argv)
{
	struct arg_opt o[] = { { "json", 0 } };
	struct arena ar = ARENA_INIT;
	struct catalog c;
	struct args a;
	int64_t id;
	int rc = EXIT_OK;
	size_t leaves = 0;

	(void)cli;
	if (parse(argc, argv, o, 1, &a))
		return EXIT_USAGE;
	if (a.npos != 1) {
		rc = cli_usage(&cmd_catalog, "show 需要一个目录编号");
		goto out;
	}
	if (!(id = need_id(a.pos[0], "目录编号"))) {
		rc = EXIT_USAGE;
		goto out;
	}
	if (store_catalog_load(s, id, &ar, &c) != STORE_OK) {
		fprintf(stderr, "目录 %lld 不存在\n", (long long)id);
		rc = EXIT_FAIL;
		goto out;
	}
	if (o[0].value) {
		json_print(json_catalog(&c, 1));
		goto out;
	}
	print_head(&c);
	putchar('\n');
	for (size_t i = 0; i < c.nitems; i++) {
		print_item(&c, i);
		if (c.items[i].level > 1 && !catalog_item_has_children(&c, i))
			leaves++;
	}
	printf("\n共 %zu 个事项（其中末级事项 %zu 个）\n", c.nitems, leaves);
out:
	arena_release(&ar);
	args_release(o, 1, &a);
	return rc;
}

/* --- derive, versions, review --- */

static int sub_derive(struct cli *cli, struct store *s, int argc, char **argv)
{
	struct arg_opt o[] = { { "region", 1 }, { "drop", 1 }, { "version", 1 } };
	struct errors err = ERRORS_INIT;
	int64_t *drop = NULL, parent, id;
	size_t ndrop = 0, alloc = 0;
	struct args a;
	int rc = EXIT_OK;

	if (parse(argc, argv, o, 3, &a))
		return EXIT_USAGE;
	if (a.npos != 1 || !o[0].value) {
		rc = cli_usage(&cmd_catalog, "derive 需要上级目录编号和 --region");
		goto out;
	}
	if (!(parent = need_id(a.pos[0], "上级目录编号"))) {
		rc = EXIT_USAGE;
		goto out;
	}
	for (size_t k = 0; k < o[1].nall; k++) {
		char *list = xstrdup(o[1].all[k]), *tok, *save = NULL;
		for (tok = strtok_r(list, ",，、 ", &save); tok;
		     tok = strtok_r(NULL, ",，、 ", &save)) {
			int64_t v = args_id(tok);
			if (!v) {
				rc = cli_usage(&cmd_catalog, "--drop 中「%s」不是事项编号", tok);
				free(list);
				goto out;
			}
			drop = xgrow(drop, sizeof(*drop), ndrop + 1, &alloc);
			drop[ndrop++] = v;
		}
		free(list);
	}
	id = catalog_derive(s, parent, o[0].value, drop, ndrop, o[2].value,
			    cli->actor, &err);
	if (!id)
		rc = cli_fail(&err);
	else
		printf("%lld\n", (long long)id);
out:
	free(drop);
	errors_release(&err);
	args_release(o, 3, &a);
	return rc;
}

static int sub_new_version(struct cli *cli, struct store *s, int argc,
			   char **argv)
{
	struct arg_opt o[] = { { "version", 1 } };
	struct errors err = ERRORS_INIT;
	struct args a;
	int64_t id, nid;
	int rc = EXIT_OK;

	if (parse(argc, argv, o, 1, &a))
		return EXIT_USAGE;
	if (a.npos != 1 || !o[0].value) {
		rc = cli_usage(&cmd_catalog, "new-version 需要目录编号和 --version");
		goto out;
	}
	if (!(id = need_id(a.pos[0], "目录编号"))) {
		rc = EXIT_USAGE;
		goto out;
	}
	nid = catalog_new_version(s, id, o[0].value, cli->actor, &err);
	if (!nid)
		rc = cli_fail(&err);
	else
		printf("%lld\n", (long long)nid);
out:
	errors_release(&err);
	args_release(o, 1, &a);
	return rc;
}

static int transition(struct cli *cli, struct store *s, int argc, char **argv,
		      enum catalog_action act)
{
	struct arg_opt o[] = { { "reason", 1 } };
	struct errors err = ERRORS_INIT;
	struct args a;
	int64_t id;
	int rc = EXIT_OK;
	static const char *const done[ACT__MAX] = {
		"已提交审核", "已审核通过", "已退回为草稿", "已发布",
	};

	if (parse(argc, argv, o, 1, &a))
		return EXIT_USAGE;
	if (a.npos != 1) {
		rc = cli_usage(&cmd_catalog, "%s 需要一个目录编号", argv[0]);
		goto out;
	}
	if (!(id = need_id(a.pos[0], "目录编号"))) {
		rc = EXIT_USAGE;
		goto out;
	}
	if (act != ACT_REJECT && o[0].value) {
		rc = cli_usage(&cmd_catalog, "只有 reject 需要 --reason");
		goto out;
	}
	if (catalog_transition(s, id, act, cli->actor, o[0].value, &err))
		rc = cli_fail(&err);
	else
		printf("目录 %lld %s\n", (long long)id, done[act]);
out:
	errors_release(&err);
	args_release(o, 1, &a);
	return rc;
}

static int sub_submit(struct cli *c, struct store *s, int n, char **v)
{
	return transition(c, s, n, v, ACT_SUBMIT);
}
static int sub_approve(struct cli *c, struct store *s, int n, char **v)
{
	return transition(c, s, n, v, ACT_APPROVE);
}
static int sub_reject(struct cli *c, struct store *s, int n, char **v)
{
	return transition(c, s, n, v, ACT_REJECT);
}
static int sub_publish(struct cli *c, struct store *s, int n, char **v)
{
	return transition(c, s, n, v, ACT_PUBLISH);
}

/* --- item edits --- */

/* Collect the column options that were given. */
static size_t gather_cells(struct arg_opt *o, struct item_cell *cells)
{
	size_t n = 0;

	for (size_t k = 0; k < NCOL_OPTS; k++)
		if (o[k].value) {
			cells[n].col = col_opts[k].col;
			cells[n].text = o[k].value;
			n++;
		}
	return n;
}

static int item_edit(struct cli *cli, struct store *s, int argc, char **argv,
		     int adding)
{
	/* the column options first, then the subcommand's own */
	struct arg_opt o[NCOL_OPTS + 5];
	struct item_cell cells[NCOL_OPTS + 1];
	struct errors err = ERRORS_INIT;
	struct args a;
	size_t n = NCOL_OPTS, ncells;
	int64_t id, item = 0, nid;
	int rc = EXIT_OK;

	memset(o, 0, sizeof(o));
	for (size_t k = 0; k < NCOL_OPTS; k++) {
		o[k].name = col_opts[k].opt;
		o[k].takes_value = 1;
	}
	o[n++] = (struct arg_opt){ .name = "name", .takes_value = 1 };
	o[n++] = (struct arg_opt){ .name = "item", .takes_value = 1 };
	o[n++] = (struct arg_opt){ .name = "parent", .takes_value = 1 };
	o[n++] = (struct arg_opt){ .name = "reason", .takes_value = 1 };
	if (parse(argc, argv, o, n, &a))
		return EXIT_USAGE;
	if (a.npos != 1) {
		rc = cli_usage(&cmd_catalog, "%s 需要一个目录编号", argv[0]);
		goto out;
	}
	if (!(id = need_id(a.pos[0], "目录编号"))) {
		rc = EXIT_USAGE;
		goto out;
	}
	ncells = gather_cells(o, cells);
	if (adding) {
		int64_t parent = 0;
		if (o[NCOL_OPTS + 2].value &&
		    !(parent = need_id(o[NCOL_OPTS + 2].value, "--parent "))) {
			rc = EXIT_USAGE;
			goto out;
		}
		nid = catalog_add_local_item(s, id, parent, o[NCOL_OPTS].value,
					     cells, ncells, o[NCOL_OPTS + 3].value,
					     cli->actor, &err);
		if (!nid)
			rc = cli_fail(&err);
		else
			printf("%lld\n", (long long)nid);
		goto out;
	}
	if (!o[NCOL_OPTS + 1].value ||
	    !(item = need_id(o[NCOL_OPTS + 1].value, "--item "))) {
		rc = o[NCOL_OPTS + 1].value ? EXIT_USAGE
			: cli_usage(&cmd_catalog, "%s 需要 --item 事项编号", argv[0]);
		goto out;
	}
	if (o[NCOL_OPTS].value) {
		/* renaming: the name column for whatever level it is */
		cells[ncells].col = COL_L2;
		cells[ncells].text = o[NCOL_OPTS].value;
		ncells++;
	}
	if (catalog_edit_item(s, id, item, cells, ncells, cli->actor, &err))
		rc = cli_fail(&err);
	else
		printf("事项 %lld 已修改\n", (long long)item);
out:
	errors_release(&err);
	args_release(o, n, &a);
	return rc;
}

static int sub_add_item(struct cli *c, struct store *s, int n, char **v)
{
	return item_edit(c, s, n, v, 1);
}

static int sub_edit_item(struct cli *c, struct store *s, int n, char **v)
{
	return item_edit(c, s, n, v, 0);
}

static int sub_drop_item(struct cli *cli, struct store *s, int argc,
			 char **argv)
{
	struct arg_opt o[] = { { "item", 1 } };
	struct errors err = ERRORS_INIT;
	struct args a;
	int64_t id, item;
	int rc = EXIT_OK;

	if (parse(argc, argv, o, 1, &a))
		return EXIT_USAGE;
	if (a.npos != 1 || !o[0].value) {
		rc = cli_usage(&cmd_catalog, "drop-item 需要目录编号和 --item 事项编号");
		goto out;
	}
	if (!(id = need_id(a.pos[0], "目录编号")) ||
	    !(item = need_id(o[0].value, "--item "))) {
		rc = EXIT_USAGE;
		goto out;
	}
	if (catalog_drop_item(s, id, item, cli->actor, &err))
		rc = cli_fail(&err);
	else
		printf("事项 %lld 已删减\n", (long long)item);
out:
	errors_release(&err);
	args_release(o, 1, &a);
	return rc;
}

/* --- diff, drift, rebase --- */

static json_t *diff_json(const struct catalog *a, const struct catalog *b,
			 const struct catalog_diff *d, const int *child_has)
{
	static const char *const kinds[] = { "added", "removed", "changed" };
	json_t *arr = json_array();
	struct arena ar = ARENA_INIT;

	for (size_t i = 0; i < d->n; i++) {
		const struct diff_entry *e = &d->v[i];
		const struct catalog *c = e->b >= 0 ? b : a;
		int idx = e->b >= 0 ? e->b : e->a;
		json_t *o = json_pack("{s:s, s:s}", "change", kinds[e->kind],
				      "path", catalog_item_path(c, (size_t)idx, &ar));
		json_object_set_new(o, "a_item", e->a >= 0
			? json_integer(a->items[e->a].id) : json_null());
		json_object_set_new(o, "b_item", e->b >= 0
			? json_integer(b->items[e->b].id) : json_null());
		if (e->kind == DIFF_CHANGED) {
			json_t *cols = json_array();
			for (int f = 0; f < F__MAX; f++)
				if (e->fields & (1u << f))
					json_array_append_new(cols, json_pack(
						"{s:s, s:s}", "column",
						item_field_code((enum item_field)f),
						"label",
						item_field_label((enum item_field)f)));
			json_object_set_new(o, "columns", cols);
		}
		if (child_has)
			json_object_set_new(o, "child_has_item",
				child_has[i] < 0 ? json_null()
						 : json_boolean(child_has[i]));
		json_array_append_new(arr, o);
	}
	arena_release(&ar);
	return json_pack("{s:I, s:I, s:I, s:I, s:I, s:o}", "a", (json_int_t)a->id,
			 "b", (json_int_t)b->id, "added", (json_int_t)d->added,
			 "removed", (json_int_t)d->removed, "changed",
			 (json_int_t)d->changed, "changes", arr);
}

static void diff_print(const struct catalog *a, const struct catalog *b,
		       const struct catalog_diff *d, const int *child_has)
{
	struct arena ar = ARENA_INIT;

	for (size_t i = 0; i < d->n; i++) {
		const struct diff_entry *e = &d->v[i];
		const char *note = "";
		if (child_has && child_has[i] == 0)
			note = "（本级已删减此事项）";
		if (e->kind == DIFF_ADDED) {
			printf("+ 新增 [%lld] %s\n", (long long)b->items[e->b].id,
			       catalog_item_path(b, (size_t)e->b, &ar));
		} else if (e->kind == DIFF_REMOVED) {
			printf("- 删除 [%lld] %s%s\n", (long long)a->items[e->a].id,
			       catalog_item_path(a, (size_t)e->a, &ar), note);
		} else {
			printf("~ 修改 [%lld→%lld] %s%s：", (long long)a->items[e->a].id,
			       (long long)b->items[e->b].id,
			       catalog_item_path(b, (size_t)e->b, &ar), note);
			int first = 1;
			for (int f = 0; f < F__MAX; f++)
				if (e->fields & (1u << f)) {
					printf("%s「%s」", first ? "" : "、",
					       item_field_label((enum item_field)f));
					first = 0;
				}
			putchar('\n');
		}
	}
	printf("共新增 %zu 项、删除 %zu 项、修改 %zu 项\n", d->added, d->removed,
	       d->changed);
	arena_release(&ar);
}

static int sub_diff(struct cli *cli, struct store *s, int argc, char **argv)
{
	struct arg_opt o[] = { { "json", 0 } };
	struct arena ar = ARENA_INIT;
	struct catalog ca, cb;
	struct catalog_diff d;
	struct args a;
	int64_t ia, ib;
	int rc = EXIT_OK;

	(void)cli;
	if (parse(argc, argv, o, 1, &a))
		return EXIT_USAGE;
	if (a.npos != 2) {
		rc = cli_usage(&cmd_catalog, "diff 需要两个目录编号");
		goto out;
	}
	if (!(ia = need_id(a.pos[0], "目录编号")) ||
	    !(ib = need_id(a.pos[1], "目录编号"))) {
		rc = EXIT_USAGE;
		goto out;
	}
	if (store_catalog_load(s, ia, &ar, &ca) != STORE_OK ||
	    store_catalog_load(s, ib, &ar, &cb) != STORE_OK) {
		fprintf(stderr, "目录 %lld 不存在\n",
			(long long)(store_catalog_head(s, ia, &ar, &ca) == STORE_OK
				    ? ib : ia));
		rc = EXIT_FAIL;
		goto out;
	}
	catalog_diff(&ca, &cb, &d);
	if (o[0].value) {
		json_print(diff_json(&ca, &cb, &d, NULL));
	} else {
		printf("比较目录 %lld（%s %s）→ 目录 %lld（%s %s）\n",
		       (long long)ca.id, ca.region_name, ca.version,
		       (long long)cb.id, cb.region_name, cb.version);
		diff_print(&ca, &cb, &d, NULL);
	}
	catalog_diff_release(&d);
out:
	arena_release(&ar);
	args_release(o, 1, &a);
	return rc;
}

static int sub_drift(struct cli *cli, struct store *s, int argc, char **argv)
{
	struct arg_opt o[] = { { "json", 0 } };
	struct errors err = ERRORS_INIT;
	struct arena ar = ARENA_INIT;
	struct catalog_drift dr;
	struct args a;
	int64_t id;
	int rc = EXIT_OK;

	(void)cli;
	if (parse(argc, argv, o, 1, &a))
		return EXIT_USAGE;
	if (a.npos != 1) {
		rc = cli_usage(&cmd_catalog, "drift 需要一个目录编号");
		goto out;
	}
	if (!(id = need_id(a.pos[0], "目录编号"))) {
		rc = EXIT_USAGE;
		goto out;
	}
	if (catalog_drift(s, id, &ar, &dr, &err)) {
		rc = cli_fail(&err);
		goto out;
	}
	if (o[0].value) {
		json_t *j = json_pack("{s:I, s:b, s:b}", "catalog", (json_int_t)id,
				      "derived", dr.has_parent, "drift",
				      dr.has_newer);
		if (dr.has_parent)
			json_object_set_new(j, "parent", json_integer(dr.parent.id));
		if (dr.has_newer) {
			json_object_set_new(j, "latest", json_integer(dr.latest.id));
			json_object_set_new(j, "changes",
					    diff_json(&dr.parent, &dr.latest,
						      &dr.diff, dr.child_has));
		}
		json_print(j);
	} else if (!dr.has_parent) {
		printf("目录 %lld 不是派生目录，没有上级变化\n", (long long)id);
	} else if (!dr.has_newer) {
		printf("目录 %lld 所依据的上级目录 %lld（%s）已是最新发布版本，没有未采纳的变化\n",
		       (long long)id, (long long)dr.parent.id, dr.parent.version);
	} else {
		printf("上级目录已发布新版本：目录 %lld（%s）→ 目录 %lld（%s）\n",
		       (long long)dr.parent.id, dr.parent.version,
		       (long long)dr.latest.id, dr.latest.version);
		diff_print(&dr.parent, &dr.latest, &dr.diff, dr.child_has);
		printf("可用 gongkai catalog rebase %lld --onto %lld 生成采纳这些变化的新草稿\n",
		       (long long)id, (long long)dr.latest.id);
	}
	catalog_drift_release(&dr);
out:
	errors_release(&err);
	arena_release(&ar);
	args_release(o, 1, &a);
	return rc;
}

static int sub_rebase(struct cli *cli, struct store *s, int argc, char **argv)
{
	struct arg_opt o[] = { { "onto", 1 }, { "version", 1 }, { "json", 0 } };
	struct errors err = ERRORS_INIT;
	struct arena ar = ARENA_INIT;
	struct rebase_result res;
	struct args a;
	int64_t id, onto;
	int rc = EXIT_OK;

	memset(&res, 0, sizeof(res));
	if (parse(argc, argv, o, 3, &a))
		return EXIT_USAGE;
	if (a.npos != 1 || !o[0].value) {
		rc = cli_usage(&cmd_catalog, "rebase 需要目录编号和 --onto 新上级目录编号");
		goto out;
	}
	if (!(id = need_id(a.pos[0], "目录编号")) ||
	    !(onto = need_id(o[0].value, "--onto "))) {
		rc = EXIT_USAGE;
		goto out;
	}
	if (catalog_rebase(s, id, onto, o[1].value, cli->actor, &ar, &res, &err)) {
		rc = cli_fail(&err);
		goto out;
	}
	if (o[2].value) {
		json_t *arr = json_array();
		for (size_t i = 0; i < res.nnotes; i++)
			json_array_append_new(arr, json_pack("{s:s, s:s, s:s, s:s}",
				"kind", rebase_kind_code(res.notes[i].kind),
				"label", rebase_kind_label(res.notes[i].kind),
				"path", res.notes[i].path,
				"detail", res.notes[i].detail));
		json_print(json_pack("{s:I, s:I, s:o}", "id", (json_int_t)res.id,
				     "conflicts", (json_int_t)res.nconflicts,
				     "notes", arr));
	} else {
		for (size_t i = 0; i < res.nnotes; i++)
			printf("%s：%s%s%s\n", rebase_kind_label(res.notes[i].kind),
			       res.notes[i].path, *res.notes[i].detail ? "——" : "",
			       res.notes[i].detail);
		printf("已生成新草稿目录 %lld（冲突 %zu 处）\n", (long long)res.id,
		       res.nconflicts);
	}
out:
	free(res.notes);
	errors_release(&err);
	arena_release(&ar);
	args_release(o, 3, &a);
	return rc;
}

static int sub_history(struct cli *cli, struct store *s, int argc, char **argv)
{
	struct arg_opt o[] = { { "json", 0 } };
	struct arena ar = ARENA_INIT;
	struct catalog_event *ev;
	struct catalog c;
	struct args a;
	size_t n;
	int64_t id;
	int rc = EXIT_OK;

	(void)cli;
	if (parse(argc, argv, o, 1, &a))
		return EXIT_USAGE;
	if (a.npos != 1) {
		rc = cli_usage(&cmd_catalog, "history 需要一个目录编号");
		goto out;
	}
	if (!(id = need_id(a.pos[0], "目录编号"))) {
		rc = EXIT_USAGE;
		goto out;
	}
	if (store_catalog_head(s, id, &ar, &c) != STORE_OK ||
	    store_catalog_events(s, id, &ar, &ev, &n) != STORE_OK) {
		fprintf(stderr, "目录 %lld 不存在\n", (long long)id);
		rc = EXIT_FAIL;
		goto out;
	}
	if (o[0].value) {
		json_t *arr = json_array();
		for (size_t i = 0; i < n; i++)
			json_array_append_new(arr, json_pack("{s:s, s:s, s:s, s:s}",
				"at", ev[i].at, "actor", ev[i].actor, "action",
				ev[i].action, "detail", ev[i].detail));
		json_print(json_pack("{s:I, s:o}", "catalog", (json_int_t)id,
				     "events", arr));
	} else {
		for (size_t i = 0; i < n; i++)
			printf("%s  %-10s %-12s %s\n", ev[i].at, ev[i].actor,
			       ev[i].action, ev[i].detail);
	}
out:
	arena_release(&ar);
	args_release(o, 1, &a);
	return rc;
}

static const struct sub subs[] = {
	{ "import", sub_import },
	{ "export", sub_export },
	{ "list", sub_list },
	{ "show", sub_show },
	{ "derive", sub_derive },
	{ "add-item", sub_add_item },
	{ "drop-item", sub_drop_item },
	{ "edit-item", sub_edit_item },
	{ "diff", sub_diff },
	{ "submit", sub_submit },
	{ "approve", sub_approve },
	{ "reject", sub_reject },
	{ "publish", sub_publish },
	{ "new-version", sub_new_version },
	{ "drift", sub_drift },
	{ "rebase", sub_rebase },
	{ "history", sub_history },
};

static int catalog_run(struct cli *cli, struct store *s, int argc, char **argv)
{
	if (argc < 2)
		return cli_usage(&cmd_catalog, "缺少子命令");
	for (size_t i = 0; i < sizeof(subs) / sizeof(subs[0]); i++)
		if (!strcmp(argv[1], subs[i].name))
			return subs[i].run(cli, s, argc - 1, argv + 1);
	return cli_usage(&cmd_catalog, "没有子命令「%s」", argv[1]);
}

const struct cli_command cmd_catalog = {
	"catalog", catalog_run, CLI_STORE_RW, "公开事项标准目录：导入、导出、派生、版本、审核",
	catalog_usage,
};
