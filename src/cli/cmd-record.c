/* cmd-record.c: gongkai record … — records (公开信息) on the command line:
 * import a table of records under a catalog item, export them, list and
 * show them, attach files, publish and withdraw.  Each subcommand is one
 * function in the table below; the rules live in domain/record*.c.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "args.h"
#include "cli.h"
#include "../api/json-model.h"
#include "../api/json-record.h"
#include "../domain/catalog-diff.h"
#include "../domain/catalog.h"
#include "../domain/record-import.h"
#include "../domain/record.h"
#include "../util/readfile.h"
#include "../util/buf.h"
#include "../util/utf8.h"
#include "../util/xalloc.h"

#define PER_PAGE_DEFAULT 20
#define PER_PAGE_MAX 1000

static const char record_usage[] =
"用法：gongkai record 子命令 [参数…]\n"
"\n"
"公开信息：按目录事项导入、导出、查看，附件，发布与撤回。\n"
"\n"
"  import 文件 --item 事项编号 [--unit 单位编号] [--sheet 工作表]\n"
"        把 .xlsx 或 .csv（UTF-8 或 GBK）中的信息导入到已发布目录的一个末级事项下。\n"
"        第一行为列名：标题、索引号、文号、发布机构、成文日期、发布日期、有效性、\n"
"        主题分类、公开属性、不公开依据、正文（Markdown）、状态，以及该事项的每个\n"
"        公开内容要素（列名为要素名称）。索引号留空时按规则自动编号；发布机构默认为\n"
"        单位名称，有效性默认「有效」，公开属性默认「主动公开」，状态默认「已发布」。\n"
"        日期可写作 2021-06-30、2021/6/30、2021.6.30 或 2021年6月30日。\n"
"        单位默认为目录所属区划的人民政府（街道办事处、乡镇人民政府）。\n"
"        文件有任何问题时逐条列出（文件:工作表:第N行:「列名」: 原因），不写入任何数据。\n"
"  export --item 事项编号 | --region 区划代码 [--domain 领域] [-o 文件.csv|文件.xlsx]\n"
"        导出信息，列与导入相同（按事项导出的文件可原样导入）；不给 -o 时以 CSV\n"
"        输出到标准输出。按区划导出时另有「公开事项」列。\n"
"  list [--item 事项编号] [--region 区划代码] [--domain 领域] [--status 状态]\n"
"       [--page 页码] [--per-page 每页条数] [--json]\n"
"        分页列出信息（按发布日期从新到旧），显示总数；每页默认 20 条，最多 1000 条。\n"
"  show 编号 [--json]                        显示一条信息的全部内容和附件\n"
"  attach 编号 文件 [--name 名称]            添加附件（PDF、Word、Excel、PowerPoint、\n"
"        OFD、PNG、JPEG、GIF、UTF-8 文本；不超过 50 MB），按内容识别文件类型\n"
"  publish 编号 | withdraw 编号               发布，或撤回已发布的信息\n"
"\n"
"领域可以用代码（如 shjz）或名称（如 社会救助）；状态可以用 draft、published、\n"
"withdrawn 或 草稿、已发布、已撤回。\n";

const struct cli_command cmd_record;

struct sub {
	const char *name;
	int (*run)(struct cli *cli, struct store *s, int argc, char **argv);
};

/* Parse options for a subcommand ("-o" taken as "--o"); on error prints
 * usage and returns -1. */
static int parse(int argc, char **argv, struct arg_opt *o, size_t n,
		 struct args *a)
{
	char why[200];

	for (int i = 1; i < argc; i++)
		if (!strcmp(argv[i], "-o"))
			argv[i] = "--o";
	/* argv[0] is the subcommand's own name */
	if (args_parse(argc - 1, argv + 1, o, n, a, why, sizeof(why))) {
		args_release(o, n, a);
		cli_usage(&cmd_record, "%s", why);
		return -1;
	}
	return 0;
}

static int64_t need_id(const char *s, const char *what)
{
	int64_t id = args_id(s);

	if (!id)
		cli_usage(&cmd_record, "%s应为正整数编号，而不是「%s」", what,
			  s ? s : "");
	return id;
}

/* --- import / export --- */

static int sub_import(struct cli *cli, struct store *s, int argc, char **argv)
{
	struct arg_opt o[] = { { "item", 1 }, { "unit", 1 }, { "sheet", 1 } };
	struct errors err = ERRORS_INIT;
	struct record_import_opts io = { 0 };
	struct args a;
	int64_t n;
	int rc;

	(void)cli;
	if (parse(argc, argv, o, 3, &a))
		return EXIT_USAGE;
	if (a.npos != 1 || !o[0].value) {
		rc = cli_usage(&cmd_record, "import 需要一个文件和 --item 事项编号");
		goto out;
	}
	if (!(io.item_id = need_id(o[0].value, "--item ")) ||
	    (o[1].value && !(io.unit_id = need_id(o[1].value, "--unit ")))) {
		rc = EXIT_USAGE;
		goto out;
	}
	io.path = a.pos[0];
	io.sheet = o[2].value;
	n = record_import(s, &io, &err);
	if (n < 0) {
		fprintf(stderr, "导入失败，共 %zu 个问题，数据库未作任何修改：\n",
			errors_count(&err));
		rc = cli_fail(&err);
	} else {
		printf("已导入 %lld 条信息\n", (long long)n);
		rc = EXIT_OK;
	}
out:
	errors_release(&err);
	args_release(o, 3, &a);
	return rc;
}

static int find_domain(struct store *s, const char *name, struct arena *ar,
		       int64_t *id)
{
	struct domain d;

	if (store_domain_find(s, name, ar, &d) != STORE_OK) {
		fprintf(stderr, "领域「%s」不存在；可用 gongkai domain list 查看\n",
			name);
		return -1;
	}
	*id = d.id;
	return 0;
}

static int sub_export(struct cli *cli, struct store *s, int argc, char **argv)
{
	struct arg_opt o[] = { { "item", 1 }, { "region", 1 }, { "domain", 1 },
			       { "o", 1 }, { "output", 1 }, { "format", 1 } };
	struct errors err = ERRORS_INIT;
	struct arena ar = ARENA_INIT;
	struct record_export_opts eo = { 0 };
	enum record_format fmt = RECORD_CSV;
	const char *out;
	struct args a;
	size_t n = 0;
	int rc = EXIT_OK;

	(void)cli;
	if (parse(argc, argv, o, 6, &a))
		return EXIT_USAGE;
	if (a.npos) {
		rc = cli_usage(&cmd_record, "export 不接受参数「%s」", a.pos[0]);
		goto out;
	}
	if (!o[0].value == !o[1].value) {
		rc = cli_usage(&cmd_record, "export 需要 --item 事项编号 或 --region 区划代码（二选一）");
		goto out;
	}
	if (o[0].value && o[2].value) {
		rc = cli_usage(&cmd_record, "--domain 只能与 --region 一起使用");
		goto out;
	}
	if (o[0].value && !(eo.item_id = need_id(o[0].value, "--item "))) {
		rc = EXIT_USAGE;
		goto out;
	}
	eo.region = o[1].value;
	if (o[2].value && find_domain(s, o[2].value, &ar, &eo.domain_id)) {
		rc = EXIT_FAIL;
		goto out;
	}
	out = o[3].value ? o[3].value : o[4].value;
	if (o[5].value) {
		if (strcmp(o[5].value, "csv") && strcmp(o[5].value, "xlsx")) {
			rc = cli_usage(&cmd_record, "--format 只能是 csv 或 xlsx");
			goto out;
		}
		fmt = !strcmp(o[5].value, "xlsx") ? RECORD_XLSX : RECORD_CSV;
	} else if (out) {
		size_t l = strlen(out);
		if (l > 5 && !strcasecmp(out + l - 5, ".xlsx"))
			fmt = RECORD_XLSX;
	}
	if (fmt == RECORD_XLSX && (!out || !strcmp(out, "-"))) {
		rc = cli_usage(&cmd_record, "xlsx 不能输出到标准输出，请用 -o 指定文件");
		goto out;
	}
	if (record_export(s, &eo, fmt, out, &n, &err)) {
		rc = cli_fail(&err);
		goto out;
	}
	if (out && strcmp(out, "-"))
		fprintf(stderr, "已导出 %zu 条信息到 %s\n", n, out);
out:
	arena_release(&ar);
	errors_release(&err);
	args_release(o, 6, &a);
	return rc;
}

/* --- list / show --- */

static int parse_count(const char *s, const char *what, int64_t max,
		       int64_t *out)
{
	int64_t v = args_id(s);

	if (!v || v > max) {
		cli_usage(&cmd_record, "%s应为 1 到 %lld 之间的整数，而不是「%s」",
			  what, (long long)max, s);
		return -1;
	}
	*out = v;
	return 0;
}

static int sub_list(struct cli *cli, struct store *s, int argc, char **argv)
{
	struct arg_opt o[] = { { "item", 1 }, { "region", 1 }, { "domain", 1 },
			       { "status", 1 }, { "page", 1 },
			       { "per-page", 1 }, { "json", 0 } };
	struct errors err = ERRORS_INIT;
	struct arena ar = ARENA_INIT;
	struct record_filter f = { 0 };
	struct record *v;
	struct args a;
	int64_t page = 1, per = PER_PAGE_DEFAULT, total, pages;
	size_t n;
	int rc = EXIT_OK;

	(void)cli;
	f.status = -1;
	if (parse(argc, argv, o, 7, &a))
		return EXIT_USAGE;
	if (a.npos) {
		rc = cli_usage(&cmd_record, "list 不接受参数「%s」", a.pos[0]);
		goto out;
	}
	if ((o[4].value && parse_count(o[4].value, "--page ", 1000000000, &page)) ||
	    (o[5].value && parse_count(o[5].value, "--per-page ", PER_PAGE_MAX,
				       &per))) {
		rc = EXIT_USAGE;
		goto out;
	}
	if (o[3].value && (f.status = record_status_parse(o[3].value)) < 0) {
		rc = cli_usage(&cmd_record, "未知状态「%s」（可用 草稿、已发布、已撤回）",
			       o[3].value);
		goto out;
	}
	f.region = o[1].value;
	if (o[0].value) {
		struct catalog c;
		int64_t item = need_id(o[0].value, "--item ");
		int idx;
		if (!item) {
			rc = EXIT_USAGE;
			goto out;
		}
		if ((idx = record_find_item(s, item, &ar, &c, &err)) < 0) {
			rc = cli_fail(&err);
			goto out;
		}
		if (f.region && strcmp(f.region, c.region_code)) {
			rc = cli_usage(&cmd_record, "事项 %lld 属于区划 %s，与 --region %s 不符",
				       (long long)item, c.region_code, f.region);
			goto out;
		}
		f.region = c.region_code;
		f.lineage = c.items[idx].lineage;
	}
	if (o[2].value && find_domain(s, o[2].value, &ar, &f.domain_id)) {
		rc = EXIT_FAIL;
		goto out;
	}
	f.limit = per;
	f.offset = (page - 1) * per;
	if (store_record_list(s, &f, &ar, &v, &n, &total) != STORE_OK) {
		fprintf(stderr, "读取信息列表失败\n");
		rc = EXIT_FAIL;
		goto out;
	}
	pages = (total + per - 1) / per;
	if (o[6].value) {
		json_t *arr = json_array();
		for (size_t i = 0; i < n; i++)
			json_array_append_new(arr, json_record(&v[i]));
		json_print(json_pack("{s:o, s:I, s:I, s:I, s:I}", "records", arr,
				     "total", (json_int_t)total, "page",
				     (json_int_t)page, "per_page", (json_int_t)per,
				     "pages", (json_int_t)pages));
		goto out;
	}
	if (!total) {
		printf("没有符合条件的信息\n");
		goto out;
	}
	{
		/* columns aligned for Chinese text on a terminal */
		static const size_t w[] = { 8, 12, 8, 12, 28 };
		static const char *const head[] = { "编号", "发布日期", "状态",
						     "公开属性", "索引号", "标题" };
		struct buf line = BUF_INIT;
		for (int k = 0; k < 5; k++)
			utf8_pad(&line, head[k], w[k]);
		printf("%s%s\n", line.buf, head[5]);
		for (size_t i = 0; i < n; i++) {
			char id[24];
			buf_reset(&line);
			snprintf(id, sizeof(id), "%lld", (long long)v[i].id);
			utf8_pad(&line, id, w[0]);
			utf8_pad(&line, *v[i].published_on ? v[i].published_on
							    : "—", w[1]);
			utf8_pad(&line, record_status_label(v[i].status), w[2]);
			utf8_pad(&line, record_disclosure_label(v[i].disclosure),
				 w[3]);
			utf8_pad(&line, v[i].index_no, w[4]);
			printf("%s%s\n", line.buf, v[i].title);
		}
		buf_release(&line);
	}
	if (n)
		printf("共 %lld 条，第 %lld / %lld 页（每页 %lld 条）\n",
		       (long long)total, (long long)page, (long long)pages,
		       (long long)per);
	else
		printf("共 %lld 条，第 %lld 页没有信息（共 %lld 页）\n",
		       (long long)total, (long long)page, (long long)pages);
out:
	errors_release(&err);
	arena_release(&ar);
	args_release(o, 7, &a);
	return rc;
}

static const char *or_dash(const char *s)
{
	return s && *s ? s : "—";
}

static void print_record(struct store *s, const struct record *r,
			 struct arena *ar)
{
	struct errors ignore = ERRORS_INIT;
	struct catalog c;
	int idx = r->item_id ? record_find_item(s, r->item_id, ar, &c, &ignore)
			     : -1;

	errors_release(&ignore);
	printf("信息 %lld：%s\n", (long long)r->id, r->title);
	printf("索引号：%s\n", r->index_no);
	printf("文号：%s\n", or_dash(r->doc_no));
	printf("发布机构：%s\n", or_dash(r->publisher));
	printf("成文日期：%s\n", or_dash(r->written_on));
	printf("发布日期：%s\n", or_dash(r->published_on));
	printf("有效性：%s\n", record_validity_label(r->validity));
	printf("主题分类：%s\n", or_dash(r->topic));
	printf("公开属性：%s\n", record_disclosure_label(r->disclosure));
	if (r->disclosure != DISCLOSE_ACTIVE || *r->legal_ground)
		printf("不公开依据：%s\n", or_dash(r->legal_ground));
	printf("状态：%s\n", record_status_label(r->status));
	if (idx >= 0)
		printf("所属事项：[%lld] %s（目录 %lld，%s%s %s）\n",
		       (long long)r->item_id, catalog_item_path(&c, (size_t)idx, ar),
		       (long long)c.id, c.region_name ? c.region_name : "",
		       c.domain_name ? c.domain_name : "", c.version);
	else
		printf("所属事项：%s（区划 %s）\n", r->lineage, r->region_code);
	printf("单位：%s（编号 %lld）\n", or_dash(r->unit_name),
	       (long long)r->unit_id);
	if (r->nvalues) {
		printf("公开内容要素：\n");
		for (size_t i = 0; i < r->nvalues; i++)
			printf("  %s：%s\n", r->values[i].element,
			       r->values[i].value);
	}
	if (r->nattachments) {
		printf("附件：\n");
		for (size_t i = 0; i < r->nattachments; i++) {
			const struct attachment *a = &r->attachments[i];
			printf("  [%lld] %s（%s，%lld 字节，SHA-256 %s）\n",
			       (long long)a->id, a->name, a->mime,
			       (long long)a->size, a->sha256);
		}
	}
	printf("创建时间：%s　修改时间：%s\n", r->created_at, r->updated_at);
	if (*r->body_md)
		printf("正文：\n%s\n", r->body_md);
}

static int sub_show(struct cli *cli, struct store *s, int argc, char **argv)
{
	struct arg_opt o[] = { { "json", 0 } };
	struct arena ar = ARENA_INIT;
	struct record r;
	struct args a;
	int64_t id;
	int rc = EXIT_OK;

	(void)cli;
	if (parse(argc, argv, o, 1, &a))
		return EXIT_USAGE;
	if (a.npos != 1) {
		rc = cli_usage(&cmd_record, "show 需要一个信息编号");
		goto out;
	}
	if (!(id = need_id(a.pos[0], "信息编号"))) {
		rc = EXIT_USAGE;
		goto out;
	}
	if (store_record_get(s, id, &ar, &r) != STORE_OK) {
		fprintf(stderr, "信息 %lld 不存在\n", (long long)id);
		rc = EXIT_FAIL;
		goto out;
	}
	if (o[0].value)
		json_print(json_record(&r));
	else
		print_record(s, &r, &ar);
out:
	arena_release(&ar);
	args_release(o, 1, &a);
	return rc;
}

/* --- attachments --- */

static int sub_attach(struct cli *cli, struct store *s, int argc, char **argv)
{
	struct arg_opt o[] = { { "name", 1 } };
	struct errors err = ERRORS_INIT;
	struct arena ar = ARENA_INIT;
	struct attachment att;
	struct args a;
	const char *data = NULL;
	const char *name;
	size_t len;
	int64_t id;
	int rc = EXIT_OK;

	(void)cli;
	if (parse(argc, argv, o, 1, &a))
		return EXIT_USAGE;
	if (a.npos != 2) {
		rc = cli_usage(&cmd_record, "attach 需要信息编号和一个文件");
		goto out;
	}
	if (!(id = need_id(a.pos[0], "信息编号"))) {
		rc = EXIT_USAGE;
		goto out;
	}
	name = o[0].value;
	if (!name)
		name = strrchr(a.pos[1], '/') ? strrchr(a.pos[1], '/') + 1
					      : a.pos[1];
	if (read_whole_file(a.pos[1], ATTACHMENT_MAX_BYTES, &ar, &data, &len,
			    &err) ||
	    record_attach(s, id, name, data, len, &att, &ar, &err)) {
		rc = cli_fail(&err);
		goto out;
	}
	printf("已添加附件 %lld：%s（%s，%lld 字节）\n", (long long)att.id,
	       att.name, att.mime, (long long)att.size);
out:
	errors_release(&err);
	arena_release(&ar);
	args_release(o, 1, &a);
	return rc;
}

/* --- publish / withdraw --- */

static int set_status(struct store *s, int argc, char **argv,
		      enum record_status to)
{
	struct errors err = ERRORS_INIT;
	struct arena ar = ARENA_INIT;
	struct record r;
	struct args a;
	int64_t id;
	int rc = EXIT_OK;

	if (parse(argc, argv, NULL, 0, &a))
		return EXIT_USAGE;
	if (a.npos != 1) {
		rc = cli_usage(&cmd_record, "%s 需要一个信息编号", argv[0]);
		goto out;
	}
	if (!(id = need_id(a.pos[0], "信息编号"))) {
		rc = EXIT_USAGE;
		goto out;
	}
	if (store_record_get(s, id, &ar, &r) != STORE_OK) {
		fprintf(stderr, "信息 %lld 不存在\n", (long long)id);
		rc = EXIT_FAIL;
		goto out;
	}
	if (r.status == to) {
		printf("信息 %lld 已是「%s」状态，未作修改\n", (long long)id,
		       record_status_label(to));
		goto out;
	}
	if (to == RECORD_WITHDRAWN && r.status != RECORD_PUBLISHED) {
		fprintf(stderr, "信息 %lld 是「%s」，只有已发布的信息才能撤回\n",
			(long long)id, record_status_label(r.status));
		rc = EXIT_FAIL;
		goto out;
	}
	if (store_record_set_status(s, id, to, &err) != STORE_OK) {
		rc = cli_fail(&err);
		goto out;
	}
	printf("信息 %lld %s\n", (long long)id,
	       to == RECORD_PUBLISHED ? "已发布" : "已撤回");
out:
	errors_release(&err);
	arena_release(&ar);
	args_release(NULL, 0, &a);
	return rc;
}

static int sub_publish(struct cli *c, struct store *s, int n, char **v)
{
	(void)c;
	return set_status(s, n, v, RECORD_PUBLISHED);
}

static int sub_withdraw(struct cli *c, struct store *s, int n, char **v)
{
	(void)c;
	return set_status(s, n, v, RECORD_WITHDRAWN);
}

static const struct sub subs[] = {
	{ "import", sub_import },
	{ "export", sub_export },
	{ "list", sub_list },
	{ "show", sub_show },
	{ "attach", sub_attach },
	{ "publish", sub_publish },
	{ "withdraw", sub_withdraw },
};

static int record_run(struct cli *cli, struct store *s, int argc, char **argv)
{
	if (argc < 2)
		return cli_usage(&cmd_record, "缺少子命令");
	for (size_t i = 0; i < sizeof(subs) / sizeof(subs[0]); i++)
		if (!strcmp(argv[1], subs[i].name))
			return subs[i].run(cli, s, argc - 1, argv + 1);
	return cli_usage(&cmd_record, "没有子命令「%s」", argv[1]);
}

const struct cli_command cmd_record = {
	"record", record_run, CLI_STORE_RW,
	"公开信息：按事项导入、导出、查看、附件、发布与撤回", record_usage,
};
