/* cmd-unit.c: gongkai unit — agencies (单位) that own catalogs and records. */
#include <stdio.h>
#include <string.h>

#include "args.h"
#include "cli.h"
#include "../api/json-model.h"

static const char unit_usage[] =
"用法：gongkai unit 子命令\n"
"\n"
"  add 名称 --kind 类型 --region 区划代码 [--credit-code 统一社会信用代码]\n"
"        类型如：人民政府、政府部门、街道办事处、乡镇人民政府、居委会、村委会\n"
"  list [--region 代码] [--json]\n";

static int credit_code_valid(const char *s)
{
	/* 18 characters of digits and upper-case letters (no I O Z S V) */
	if (strlen(s) != 18)
		return 0;
	for (const char *p = s; *p; p++)
		if (!((*p >= '0' && *p <= '9') ||
		      (*p >= 'A' && *p <= 'Z' && !strchr("IOZSV", *p))))
			return 0;
	return 1;
}

static int unit_run(struct cli *cli, struct store *s, int argc, char **argv)
{
	struct arg_opt o[] = { { "kind", 1 }, { "region", 1 },
			       { "credit-code", 1 }, { "json", 0 } };
	struct errors err = ERRORS_INIT;
	struct arena ar = ARENA_INIT;
	struct args a;
	char why[200];
	int rc = EXIT_OK;

	(void)cli;
	if (argc < 2)
		return cli_usage(&cmd_unit, "缺少子命令");
	if (args_parse(argc - 2, argv + 2, o, 4, &a, why, sizeof(why)))
		return cli_usage(&cmd_unit, "%s", why);
	if (!strcmp(argv[1], "add")) {
		struct unit u = { 0 };
		if (a.npos != 1 || !o[0].value || !o[1].value) {
			rc = cli_usage(&cmd_unit, "add 需要名称、--kind 和 --region");
			goto out;
		}
		u.name = a.pos[0];
		u.kind = o[0].value;
		u.region_code = o[1].value;
		u.credit_code = o[2].value;
		if (u.credit_code && !credit_code_valid(u.credit_code)) {
			errors_addf(&err, "统一社会信用代码「%s」应为 18 位数字或大写字母",
				    u.credit_code);
			rc = cli_fail(&err);
		} else if (store_unit_add(s, &u, &err) != STORE_OK) {
			rc = cli_fail(&err);
		} else {
			printf("%lld\n", (long long)u.id);
		}
	} else if (!strcmp(argv[1], "list")) {
		struct unit *v;
		size_t n;
		if (store_unit_list(s, o[1].value, &ar, &v, &n) != STORE_OK) {
			fprintf(stderr, "读取单位失败\n");
			rc = EXIT_FAIL;
		} else if (o[3].value) {
			json_t *arr = json_array();
			for (size_t i = 0; i < n; i++)
				json_array_append_new(arr, json_unit(&v[i]));
			json_print(json_pack("{s:o, s:I}", "units", arr, "total",
					     (json_int_t)n));
		} else {
			for (size_t i = 0; i < n; i++)
				printf("%-6lld %-12s %-10s %s\n", (long long)v[i].id,
				       v[i].region_code, v[i].kind, v[i].name);
			printf("共 %zu 个单位\n", n);
		}
	} else {
		rc = cli_usage(&cmd_unit, "没有子命令「%s」", argv[1]);
	}
out:
	errors_release(&err);
	arena_release(&ar);
	args_release(o, 4, &a);
	return rc;
}

const struct cli_command cmd_unit = {
	"unit", unit_run, CLI_STORE_RW, "单位：添加、列出", unit_usage,
};
