/* cmd-ledger.c: gongkai ledger … — the ledgers of offline disclosure on the
 * command line: the bulletin-board ledger (公示栏台账: list, add, export as
 * CSV, and how well it was kept in a period — the figure assessment
 * scores), registering the posting of a record printed as a notice, and
 * the 政务公开专区 checklist of a level.  The rules are domain/ledger.c's;
 * the command line acts as the system (ACTOR_SYSTEM, named by --as).
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "args.h"
#include "../util/readfile.h"
#include "cli.h"
#include "../api/json-model.h"
#include "../domain/account.h"
#include "../domain/ledger.h"

static const char ledger_usage[] =
"用法：gongkai ledger 子命令 [参数…]\n"
"\n"
"公示栏台账与政务公开专区检查清单。\n"
"\n"
"  list [--unit 单位编号 | --region 区划代码] [--from 日期] [--to 日期] [--json]\n"
"        列出台账（张贴期间与 --from、--to 有交集的），按张贴日期从新到旧。\n"
"  add --unit 单位编号 --title 公示内容 --place 张贴位置 --from 开始日期\n"
"      --to 结束日期 --by 张贴人 [--note 备注] [--photo 照片文件]…\n"
"        登记一次张贴（照片为 JPEG、PNG 或 GIF，每张不超过 20 MB）。\n"
"  print 信息编号 --place 张贴位置 --from 开始日期 --to 结束日期 --by 张贴人\n"
"        [--note 备注]\n"
"        已发布的信息打印成公告张贴后登记台账，并给出 A4 公告页的地址\n"
"        （/record/编号/print）。\n"
"  export [--unit 单位编号 | --region 区划代码] [--from 日期] [--to 日期]\n"
"         [-o 文件]\n"
"        导出 CSV（UTF-8，带 BOM，Excel 可直接打开）；不给 -o 时写到标准输出。\n"
"  kept --unit 单位编号 --from 日期 --to 日期 [--json]\n"
"        期间内台账是否建立、记得如何：条数、有照片的条数、有登记的月份，\n"
"        得分率及其算法（考核「线下公示栏的信息发布建立台账」用）。\n"
"  zone [--level county|township] [--json]\n"
"        政务公开专区公开载体配置清单（区县（市）级、乡镇（街道）级）。\n";

static int parse(int argc, char **argv, struct arg_opt *o, size_t n,
		 struct args *a)
{
	char why[200];

	for (int i = 1; i < argc; i++)	/* "-o" is "--o" */
		if (!strcmp(argv[i], "-o"))
			argv[i] = "--o";
	if (args_parse(argc - 1, argv + 1, o, n, a, why, sizeof(why))) {
		args_release(o, n, a);
		cli_usage(&cmd_ledger, "%s", why);
		return -1;
	}
	return 0;
}

/* --unit and --region of list and export: 0, or EXIT_USAGE. */
static int scope(const struct arg_opt *unit, const struct arg_opt *region,
		 int64_t *u)
{
	*u = 0;
	if (unit->value && region->value)
		return cli_usage(&cmd_ledger, "--unit 和 --region 只能用一个");
	if (unit->value && (*u = args_id(unit->value)) <= 0)
		return cli_usage(&cmd_ledger, "--unit 应为单位编号");
	return 0;
}

static json_t *entry_json(const struct board_entry *e)
{
	return json_pack("{s:I, s:I, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:b, "
			 "s:o?, s:s, s:i, s:s, s:s}", "id", (json_int_t)e->id,
			 "unit_id", (json_int_t)e->unit_id, "unit_name",
			 e->unit_name, "title", e->title, "place", e->place,
			 "posted_from", e->posted_from, "posted_to",
			 e->posted_to, "posted_by", e->posted_by, "note",
			 e->note, "printed", e->printed, "record_id",
			 e->record_id ? json_integer(e->record_id) : NULL,
			 "record_index_no", e->record_index_no, "photos",
			 e->nphotos, "actor", e->actor, "created_at",
			 e->created_at);
}

static int sub_list(struct cli *cli, struct store *s, int argc, char **argv)
{
	struct arg_opt o[] = { { "unit", 1 }, { "region", 1 }, { "from", 1 },
			       { "to", 1 }, { "json", 0 } };
	enum { N = sizeof(o) / sizeof(o[0]) };
	struct errors err = ERRORS_INIT;
	struct arena ar = ARENA_INIT;
	struct board_entry *v;
	struct actor who;
	struct args a;
	const char *from, *to;
	size_t n;
	int64_t unit;
	int rc = EXIT_OK;

	if (parse(argc, argv, o, N, &a))
		return EXIT_USAGE;
	if (a.npos) {
		rc = cli_usage(&cmd_ledger, "list 不接受参数「%s」", a.pos[0]);
		goto out;
	}
	if ((rc = scope(&o[0], &o[1], &unit)))
		goto out;
	from = supervision_date(&ar, o[2].value, "--from", false, &err);
	to = supervision_date(&ar, o[3].value, "--to", false, &err);
	actor_cli(cli->actor, &who);
	if (err.n || ledger_list(s, &who, unit, o[1].value, from, to, &ar, &v,
				 &n, &err)) {
		rc = cli_fail(&err);
		goto out;
	}
	if (o[4].value) {
		json_t *arr = json_array();

		for (size_t i = 0; i < n; i++)
			json_array_append_new(arr, entry_json(&v[i]));
		json_print(json_pack("{s:o}", "entries", arr));
		goto out;
	}
	if (!n)
		printf("没有台账记录\n");
	for (size_t i = 0; i < n; i++)
		printf("[%lld] %s 至 %s  %s  %s（%s，张贴人 %s，照片 %d 张%s%s）\n",
		       (long long)v[i].id, v[i].posted_from, v[i].posted_to,
		       v[i].unit_name, v[i].title, v[i].place, v[i].posted_by,
		       v[i].nphotos, v[i].record_id ? "，索引号 " : "",
		       v[i].record_index_no);
out:
	errors_release(&err);
	arena_release(&ar);
	args_release(o, N, &a);
	return rc;
}

static int sub_add(struct cli *cli, struct store *s, int argc, char **argv)
{
	struct arg_opt o[] = { { "unit", 1 }, { "title", 1 }, { "place", 1 },
			       { "from", 1 }, { "to", 1 }, { "by", 1 },
			       { "note", 1 }, { "photo", 1 } };
	enum { N = sizeof(o) / sizeof(o[0]) };
	struct errors err = ERRORS_INIT;
	struct arena ar = ARENA_INIT;
	struct board_input in = { 0 };
	struct sv_upload *photos;
	struct actor who;
	struct args a;
	int64_t id;
	int rc = EXIT_OK;

	if (parse(argc, argv, o, N, &a))
		return EXIT_USAGE;
	if (a.npos || !o[0].value || (in.unit_id = args_id(o[0].value)) <= 0) {
		rc = cli_usage(&cmd_ledger, "add 需要 --unit 单位编号（其余用选项）");
		goto out;
	}
	in.title = o[1].value;
	in.place = o[2].value;
	in.posted_from = o[3].value;
	in.posted_to = o[4].value;
	in.posted_by = o[5].value;
	in.note = o[6].value;
	photos = arena_alloc(&ar, (o[7].nall + 1) * sizeof(*photos));
	for (size_t i = 0; i < o[7].nall && !err.n; i++) {
		const char *slash = strrchr(o[7].all[i], '/');
		const char *data = NULL;

		photos[i].name = slash ? slash + 1 : o[7].all[i];
		read_whole_file(o[7].all[i], SV_FILE_MAX_BYTES, &ar, &data,
			  &photos[i].len, &err);
		photos[i].data = data;
	}
	actor_cli(cli->actor, &who);
	if (err.n || !(id = ledger_add(s, &who, &in, photos, o[7].nall,
				       &err))) {
		rc = cli_fail(&err);
		goto out;
	}
	printf("已登记公示栏台账 %lld\n", (long long)id);
out:
	errors_release(&err);
	arena_release(&ar);
	args_release(o, N, &a);
	return rc;
}

static int sub_print(struct cli *cli, struct store *s, int argc, char **argv)
{
	struct arg_opt o[] = { { "place", 1 }, { "from", 1 }, { "to", 1 },
			       { "by", 1 }, { "note", 1 } };
	enum { N = sizeof(o) / sizeof(o[0]) };
	struct errors err = ERRORS_INIT;
	struct board_input in = { 0 };
	struct actor who;
	struct args a;
	int64_t record, id;
	int rc = EXIT_OK;

	if (parse(argc, argv, o, N, &a))
		return EXIT_USAGE;
	if (a.npos != 1 || (record = args_id(a.pos[0])) <= 0) {
		rc = cli_usage(&cmd_ledger, "print 需要一个信息编号");
		goto out;
	}
	in.place = o[0].value;
	in.posted_from = o[1].value;
	in.posted_to = o[2].value;
	in.posted_by = o[3].value;
	in.note = o[4].value;
	actor_cli(cli->actor, &who);
	if (!(id = ledger_print(s, &who, record, &in, &err))) {
		rc = cli_fail(&err);
		goto out;
	}
	printf("已登记公示栏台账 %lld；A4 公告页：/record/%lld/print\n",
	       (long long)id, (long long)record);
out:
	errors_release(&err);
	args_release(o, N, &a);
	return rc;
}

static int sub_export(struct cli *cli, struct store *s, int argc, char **argv)
{
	struct arg_opt o[] = { { "unit", 1 }, { "region", 1 }, { "from", 1 },
			       { "to", 1 }, { "o", 1 } };
	enum { N = sizeof(o) / sizeof(o[0]) };
	struct errors err = ERRORS_INIT;
	struct arena ar = ARENA_INIT;
	struct buf b = BUF_INIT;
	struct actor who;
	struct args a;
	const char *from, *to;
	int64_t unit;
	int rc = EXIT_OK;
	FILE *fp;

	if (parse(argc, argv, o, N, &a))
		return EXIT_USAGE;
	if (a.npos) {
		rc = cli_usage(&cmd_ledger, "export 不接受参数「%s」", a.pos[0]);
		goto out;
	}
	if ((rc = scope(&o[0], &o[1], &unit)))
		goto out;
	from = supervision_date(&ar, o[2].value, "--from", false, &err);
	to = supervision_date(&ar, o[3].value, "--to", false, &err);
	actor_cli(cli->actor, &who);
	if (err.n || ledger_csv(s, &who, unit, o[1].value, from, to, &b,
				&err)) {
		rc = cli_fail(&err);
		goto out;
	}
	fp = o[4].value && strcmp(o[4].value, "-") ? fopen(o[4].value, "wb")
						   : stdout;
	if (!fp || fwrite(b.buf, 1, b.len, fp) != b.len) {
		errors_addf(&err, "%s：无法写入", o[4].value ? o[4].value : "-");
		rc = cli_fail(&err);
	}
	if (fp && fp != stdout)
		fclose(fp);
out:
	buf_release(&b);
	errors_release(&err);
	arena_release(&ar);
	args_release(o, N, &a);
	return rc;
}

static int sub_kept(struct cli *cli, struct store *s, int argc, char **argv)
{
	struct arg_opt o[] = { { "unit", 1 }, { "from", 1 }, { "to", 1 },
			       { "json", 0 } };
	enum { N = sizeof(o) / sizeof(o[0]) };
	struct errors err = ERRORS_INIT;
	struct arena ar = ARENA_INIT;
	struct ledger_kept k;
	struct args a;
	int64_t unit;
	int rc = EXIT_OK;

	(void)cli;
	if (parse(argc, argv, o, N, &a))
		return EXIT_USAGE;
	if (a.npos || !o[0].value || (unit = args_id(o[0].value)) <= 0 ||
	    !o[1].value || !o[2].value) {
		rc = cli_usage(&cmd_ledger, "kept 需要 --unit、--from 和 --to");
		goto out;
	}
	if (ledger_kept(s, unit, o[1].value, o[2].value, &ar, &k, &err)) {
		rc = cli_fail(&err);
		goto out;
	}
	if (o[3].value)
		json_print(json_pack("{s:I, s:s, s:s, s:b, s:I, s:I, s:I, s:I, "
			"s:I, s:f, s:s}", "unit_id", (json_int_t)unit, "from",
			k.from, "to", k.to, "kept", k.kept, "entries",
			(json_int_t)k.nentries, "printed", (json_int_t)k.nprinted,
			"with_photos", (json_int_t)k.nphotos, "months",
			(json_int_t)k.nmonths, "months_kept",
			(json_int_t)k.nmonths_kept, "score", k.score, "figure",
			k.figure));
	else
		printf("%s\n", k.figure);
out:
	errors_release(&err);
	arena_release(&ar);
	args_release(o, N, &a);
	return rc;
}

static int sub_zone(struct cli *cli, struct store *s, int argc, char **argv)
{
	struct arg_opt o[] = { { "level", 1 }, { "json", 0 } };
	enum { N = sizeof(o) / sizeof(o[0]) };
	static const char *const levels[] = { "county", "township" };
	struct arena ar = ARENA_INIT;
	struct args a;
	json_t *arr = json_array();
	int rc = EXIT_OK;

	(void)cli;
	if (parse(argc, argv, o, N, &a)) {
		json_decref(arr);
		return EXIT_USAGE;
	}
	if (o[0].value && strcmp(o[0].value, "county") &&
	    strcmp(o[0].value, "township")) {
		rc = cli_usage(&cmd_ledger, "--level 只能是 county（区县（市）级）"
			       "或 township（乡镇（街道）级）");
		goto out;
	}
	for (int k = 0; k < 2; k++) {
		struct zone_line *v;
		size_t n;

		if (o[0].value && strcmp(o[0].value, levels[k]))
			continue;
		if (store_zone_lines(s, levels[k], &ar, &v, &n) != STORE_OK)
			continue;
		if (!o[1].value)
			printf("%s公开载体配置与应用相关要求（%s）\n",
			       zone_level_label(levels[k]), n ? v[0].source : "");
		for (size_t i = 0; i < n; i++) {
			if (o[1].value) {
				json_array_append_new(arr, json_pack("{s:I, s:s, "
					"s:i, s:s, s:s, s:s, s:s, s:s, s:s}", "id",
					(json_int_t)v[i].id, "level", v[i].level,
					"seq", v[i].seq, "carrier", v[i].carrier,
					"content", v[i].content, "form",
					v[i].form, "requirement",
					v[i].requirement, "quantity",
					v[i].quantity, "source", v[i].source));
				continue;
			}
			printf("  %d. %s | %s | %s | 数量要求：%s\n", v[i].seq,
			       v[i].carrier, v[i].form, v[i].requirement,
			       v[i].quantity);
		}
		if (!o[1].value && n)
			printf("  公开内容：%s\n", v[0].content);
	}
	if (o[1].value) {
		json_print(json_pack("{s:O}", "lines", arr));
	}
out:
	json_decref(arr);
	arena_release(&ar);
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
	{ "print", sub_print },
	{ "export", sub_export },
	{ "kept", sub_kept },
	{ "zone", sub_zone },
};

static int ledger_run(struct cli *cli, struct store *s, int argc, char **argv)
{
	if (argc < 2)
		return cli_usage(&cmd_ledger, "缺少子命令");
	for (size_t i = 0; i < sizeof(subs) / sizeof(subs[0]); i++)
		if (!strcmp(argv[1], subs[i].name))
			return subs[i].run(cli, s, argc - 1, argv + 1);
	return cli_usage(&cmd_ledger, "没有子命令「%s」", argv[1]);
}

const struct cli_command cmd_ledger = {
	"ledger", ledger_run, CLI_STORE_RW, "公示栏台账与政务公开专区检查清单",
	ledger_usage,
};
