/* cmd-region.c: gongkai region — administrative regions (行政区划). */
#include <stdio.h>
#include <string.h>

#include "args.h"
#include "cli.h"
#include "../api/json-model.h"
#include "../domain/refdata.h"

static const char region_usage[] =
"用法：gongkai region 子命令\n"
"\n"
"  add 代码 名称 --level 省|市|县|乡|村 [--parent 上级代码]\n"
"  import 文件.csv       表头 code,name,level,parent_code；全部正确才写入\n"
"  list [--parent 代码] [--json]   列出某区划的下级（默认列出最上级）\n"
"  import-geojson 文件.geojson --parent 代码\n"
"                        导入下级区划的边界（GeoJSON，按 adcode 或名称对应），\n"
"                        用于首页地图；全部正确才写入\n";

static int region_run(struct cli *cli, struct store *s, int argc, char **argv)
{
	struct arg_opt o[] = { { "level", 1 }, { "parent", 1 }, { "json", 0 } };
	struct errors err = ERRORS_INIT;
	struct arena ar = ARENA_INIT;
	struct args a;
	char why[200];
	int rc = EXIT_OK;

	(void)cli;
	if (argc < 2)
		return cli_usage(&cmd_region, "缺少子命令");
	if (args_parse(argc - 2, argv + 2, o, 3, &a, why, sizeof(why)))
		return cli_usage(&cmd_region, "%s", why);
	if (!strcmp(argv[1], "add")) {
		struct region r;
		if (a.npos != 2 || !o[0].value) {
			rc = cli_usage(&cmd_region, "add 需要代码、名称和 --level");
			goto out;
		}
		r.code = a.pos[0];
		r.name = a.pos[1];
		r.level = o[0].value;
		r.parent_code = o[1].value;
		if (refdata_region_valid(r.code, r.level, &err, "region add") ||
		    store_region_put(s, &r, &err) != STORE_OK)
			rc = cli_fail(&err);
		else
			printf("已添加 %s %s\n", r.code, r.name);
	} else if (!strcmp(argv[1], "import")) {
		int n;
		if (a.npos != 1) {
			rc = cli_usage(&cmd_region, "import 需要一个 CSV 文件");
			goto out;
		}
		n = refdata_import_regions(s, a.pos[0], &err);
		if (n < 0)
			rc = cli_fail(&err);
		else
			printf("已导入 %d 个行政区划\n", n);
	} else if (!strcmp(argv[1], "import-geojson")) {
		int n;
		if (a.npos != 1 || !o[1].value) {
			rc = cli_usage(&cmd_region, "import-geojson 需要一个文件和 --parent");
			goto out;
		}
		n = refdata_import_outlines(s, a.pos[0], o[1].value, &err);
		if (n < 0)
			rc = cli_fail(&err);
		else
			printf("已导入 %d 个区划的边界\n", n);
	} else if (!strcmp(argv[1], "list")) {
		struct region *v;
		size_t n;
		if (store_region_children(s, o[1].value, &ar, &v, &n) != STORE_OK) {
			fprintf(stderr, "读取行政区划失败\n");
			rc = EXIT_FAIL;
			goto out;
		}
		if (o[2].value) {
			json_t *arr = json_array();
			for (size_t i = 0; i < n; i++)
				json_array_append_new(arr, json_region(&v[i]));
			json_print(json_pack("{s:o, s:I}", "regions", arr, "total",
					     (json_int_t)n));
		} else {
			for (size_t i = 0; i < n; i++)
				printf("%-12s %-4s %s\n", v[i].code, v[i].level,
				       v[i].name);
			printf("共 %zu 个\n", n);
		}
	} else {
		rc = cli_usage(&cmd_region, "没有子命令「%s」", argv[1]);
	}
out:
	errors_release(&err);
	arena_release(&ar);
	args_release(o, 3, &a);
	return rc;
}

const struct cli_command cmd_region = {
	"region", region_run, CLI_STORE_RW, "行政区划：添加、导入、列出",
	region_usage,
};
