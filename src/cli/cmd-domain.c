/* cmd-domain.c: gongkai domain — the 26 domains and any added later. */
#include <stdio.h>
#include <string.h>

#include "args.h"
#include "cli.h"
#include "../api/json-model.h"
#include "../domain/refdata.h"

static const char domain_usage[] =
"用法：gongkai domain 子命令\n"
"\n"
"  list [--json]          列出领域（代码、名称）\n"
"  import 文件.csv        增加或更新领域，表头 code,name,sort,department\n";

static int domain_run(struct cli *cli, struct store *s, int argc, char **argv)
{
	struct arg_opt o[] = { { "json", 0 } };
	struct errors err = ERRORS_INIT;
	struct arena ar = ARENA_INIT;
	struct args a;
	char why[200];
	int rc = EXIT_OK;

	(void)cli;
	if (argc < 2)
		return cli_usage(&cmd_domain, "缺少子命令");
	if (args_parse(argc - 2, argv + 2, o, 1, &a, why, sizeof(why)))
		return cli_usage(&cmd_domain, "%s", why);
	if (!strcmp(argv[1], "list")) {
		struct domain *v;
		size_t n;
		if (store_domain_list(s, &ar, &v, &n) != STORE_OK) {
			fprintf(stderr, "读取领域失败\n");
			rc = EXIT_FAIL;
		} else if (o[0].value) {
			json_t *arr = json_array();
			for (size_t i = 0; i < n; i++)
				json_array_append_new(arr, json_domain(&v[i]));
			json_print(json_pack("{s:o, s:I}", "domains", arr, "total",
					     (json_int_t)n));
		} else {
			for (size_t i = 0; i < n; i++)
				printf("%-8s %s\n", v[i].code, v[i].name);
			printf("共 %zu 个领域\n", n);
		}
	} else if (!strcmp(argv[1], "import") && a.npos == 1) {
		int n = refdata_import_domains(s, a.pos[0], &err);
		if (n < 0)
			rc = cli_fail(&err);
		else
			printf("已导入 %d 个领域\n", n);
	} else {
		rc = cli_usage(&cmd_domain, "用法不对：%s", argv[1]);
	}
	errors_release(&err);
	arena_release(&ar);
	args_release(o, 1, &a);
	return rc;
}

const struct cli_command cmd_domain = {
	"domain", domain_run, CLI_STORE_RW, "领域（26 个试点领域及以后增加的）",
	domain_usage,
};
