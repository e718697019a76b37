/* cmd-demo.c: gongkai demo — a demonstration database for Changsha
 *
 * Builds what the seed documents describe, from the files in data/: the
 * regions of Changsha (city, its nine districts and counties, streets and
 * towns, communities and villages) with a government unit each, the city's
 * reference catalogs imported by the real importer and published, district
 * catalogs derived from them, township and village catalogs derived by
 * subtraction (dropping items not marked for their level), statuses spread
 * over draft/submitted/approved/published, and a 2021 version of one city
 * catalog so that drift and rebase have something to show.  Everything is
 * deterministic.
 */
#include <dirent.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "args.h"
#include "cli.h"
#include "demo.h"
#include "../domain/catalog.h"
#include "../domain/refdata.h"
#include "../util/buf.h"
#include "../util/progress.h"
#include "../util/xalloc.h"

#define CITY "430100"
#define OFFICE "长沙市政务公开办"

static const char demo_usage[] =
"用法：gongkai [--db 文件] demo [--data 目录] [--records N]\n"
"\n"
"在一个新的数据库中生成长沙市演示数据：行政区划和单位、市级参考目录（从\n"
"data/catalogs/ 导入并发布）、区县派生目录、乡镇（街道）和村（社区）做减法\n"
"得到的目录，各种审核状态都有，另有市级社会救助目录的 2021版 用于演示上级\n"
"变化（drift）和变基（rebase）。--data 默认为程序所在目录下的 data/，\n"
"没有时为当前目录下的 data/。\n"
"--records N 在演示数据之后再生成 N 条信息（确定的检索测试语料，分布在各地区\n"
"已发布目录的全部事项下），最后一次性重建全文索引。\n";

/* data/ beside the executable, else ./data */
static void default_data_dir(char *out, size_t n)
{
	char exe[PATH_MAX];
	ssize_t k = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	char *slash;

	if (k > 0) {
		exe[k] = '\0';
		slash = strrchr(exe, '/');
		if (slash) {
			*slash = '\0';
			snprintf(out, n, "%s/data", exe);
			if (access(out, R_OK) == 0)
				return;
		}
	}
	snprintf(out, n, "data");
}

static int publish(struct store *s, int64_t id, int upto, struct errors *err)
{
	static const enum catalog_action steps[] = { ACT_SUBMIT, ACT_APPROVE,
						     ACT_PUBLISH };
	for (int i = 0; i < upto; i++)
		if (catalog_transition(s, id, steps[i], OFFICE, NULL, err))
			return -1;
	return 0;
}

/* How far a demo catalog goes: 0 draft … 3 published; mostly published. */
static int status_for(size_t a, size_t b)
{
	static const int pattern[10] = { 3, 3, 0, 3, 1, 3, 3, 2, 3, 3 };
	return pattern[(a * 7 + b * 3) % 10];
}

static int add_units(struct store *s, struct errors *err)
{
	struct arena a = ARENA_INIT;
	struct region *top, *v;
	size_t ntop, n;
	const char *queue[512];
	size_t qn = 0;
	int ret = 0;

	/* walk the tree breadth-first from the top */
	if (store_region_children(s, NULL, &a, &top, &ntop) != STORE_OK)
		return -1;
	for (size_t i = 0; i < ntop && qn < 512; i++)
		queue[qn++] = top[i].code;
	for (size_t qi = 0; qi < qn; qi++) {
		struct region r;
		struct unit u = { 0 };
		const char *nm = NULL, *kind = NULL;

		if (store_region_get(s, queue[qi], &a, &r) != STORE_OK)
			continue;
		if (!strcmp(r.level, "省") || !strcmp(r.level, "市") ||
		    !strcmp(r.level, "县")) {
			nm = arena_printf(&a, "%s人民政府", r.name);
			kind = "人民政府";
		} else if (!strcmp(r.level, "乡")) {
			size_t l = strlen(r.name);
			int street = l >= 6 && !strcmp(r.name + l - 6, "街道");
			nm = arena_printf(&a, street ? "%s办事处" : "%s人民政府", r.name);
			kind = street ? "街道办事处" : "乡镇人民政府";
		} else {
			size_t l = strlen(r.name);
			int village = l >= 3 && !strcmp(r.name + l - 3, "村");
			nm = arena_printf(&a, village ? "%s村民委员会" : "%s居民委员会",
					  r.name);
			kind = village ? "村委会" : "居委会";
		}
		u.name = nm;
		u.kind = kind;
		u.region_code = r.code;
		if (store_unit_add(s, &u, err) != STORE_OK) {
			ret = -1;
			break;
		}
		if (!strcmp(r.level, "市") || !strcmp(r.level, "县")) {
			static const char *const depts[] = { "民政局", "教育局",
				"财政局", "发展和改革局", "自然资源和规划局" };
			for (size_t k = 0; k < 5; k++) {
				struct unit d = { 0 };
				d.name = arena_printf(&a, "%s%s", r.name, depts[k]);
				d.kind = "政府部门";
				d.region_code = r.code;
				if (store_unit_add(s, &d, err) != STORE_OK) {
					ret = -1;
					goto out;
				}
			}
		}
		if (store_region_children(s, r.code, &a, &v, &n) != STORE_OK)
			continue;
		for (size_t k = 0; k < n && qn < 512; k++)
			queue[qn++] = v[k].code;
	}
out:
	arena_release(&a);
	return ret;
}

/* Derive 'parent' for 'region' dropping leaves not marked for 'level'
 * (0: drop every eighth leaf instead, as a county adapting the list).
 * Returns the id, 0 when nothing would be left, -1 on error. */
static int64_t derive_for(struct store *s, int64_t parent, const char *region,
			  unsigned level, size_t salt, struct errors *err)
{
	struct arena a = ARENA_INIT;
	struct catalog c;
	int64_t *drop, id = -1;
	size_t nd = 0, kept = 0, leaf = 0;

	if (store_catalog_load(s, parent, &a, &c) != STORE_OK)
		goto out;
	drop = arena_alloc(&a, (c.nitems + 1) * sizeof(*drop));
	for (size_t i = 0; i < c.nitems; i++) {
		const struct item *it = &c.items[i];
		int dropit;
		if (it->level == 1 || catalog_item_has_children(&c, i))
			continue;
		leaf++;
		dropit = level ? !(it->levels & level) : (leaf + salt) % 8 == 0;
		if (dropit)
			drop[nd++] = it->id;
		else
			kept++;
	}
	if (!kept) {
		id = 0;
		goto out;
	}
	id = catalog_derive(s, parent, region, drop, nd, NULL, OFFICE, err);
	if (!id)
		id = -1;
out:
	arena_release(&a);
	return id;
}

/* The city's 社会救助 2021版: one changed item, one dropped, one added. */
static int city_2021(struct store *s, int64_t city2020, struct errors *err)
{
	struct arena a = ARENA_INIT;
	struct catalog c;
	struct item_cell cells[4];
	int64_t id, changed = 0, dropped = 0, group = 0;
	int ret = -1;

	id = catalog_new_version(s, city2020, "2021版", OFFICE, err);
	if (!id || store_catalog_load(s, id, &a, &c) != STORE_OK)
		goto out;
	for (size_t i = 0; i < c.nitems; i++) {
		const struct item *it = &c.items[i];
		if (it->level == 1 && !group)
			group = it->id;
		if (it->level != 2)
			continue;
		if (!changed && strstr(it->name, "办事指南"))
			changed = it->id;
		else if (!dropped && strstr(it->name, "监督检查"))
			dropped = it->id;
	}
	if (changed) {
		cells[0] = (struct item_cell){ COL_TIMELIMIT,
			"信息形成或者变更之日起10个工作日内" };
		cells[1] = (struct item_cell){ COL_CHANNELS,
			"■政府网站 ■两微一端 ■政务服务中心 □便民服务站" };
		if (catalog_edit_item(s, id, changed, cells, 2, OFFICE, err))
			goto out;
	}
	if (dropped && catalog_drop_item(s, id, dropped, OFFICE, err))
		goto out;
	if (group) {
		cells[0] = (struct item_cell){ COL_ELEMENTS,
			"●临时救助政策 ●申请条件 ●救助标准 ●办理流程 〇咨询电话" };
		cells[1] = (struct item_cell){ COL_TIMELIMIT,
			"信息形成或者变更之日起20个工作日内" };
		cells[2] = (struct item_cell){ COL_MODE_TEXT, "主动" };
		cells[3] = (struct item_cell){ COL_LEVELS_TEXT, "县级、乡级" };
		if (!catalog_add_local_item(s, id, group, "临时救助", cells, 4,
					    "2021年市级目录新增临时救助事项",
					    OFFICE, err))
			goto out;
	}
	if (publish(s, id, 3, err))
		goto out;
	ret = 0;
out:
	arena_release(&a);
	return ret;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int demo_run(struct cli *cli, struct store *s, int argc, char **argv)
{
	struct arg_opt o[] = { { "data", 1 }, { "records", 1 } };
	struct errors err = ERRORS_INIT;
	struct arena a = ARENA_INIT;
	struct progress pr;
	struct args args;
	char datadir[PATH_MAX], why[200];
	char *files[64];
	size_t nfiles = 0;
	int64_t city[64], regions_n, units_n, catalogs_n, items_n;
	int64_t city_shjz = 0, extra = 0;
	struct region *districts;
	size_t ndistricts;
	int rc = EXIT_FAIL;
	DIR *d;
	struct dirent *de;

	if (args_parse(argc - 1, argv + 1, o, 2, &args, why, sizeof(why)))
		return cli_usage(&cmd_demo, "%s", why);
	if (args.npos) {
		args_release(o, 2, &args);
		return cli_usage(&cmd_demo, "demo 不接受参数「%s」", args.pos[0]);
	}
	if (o[1].value) {
		char *end;

		extra = strtoll(o[1].value, &end, 10);
		if (*end || end == o[1].value || extra < 0 || extra > 100000000) {
			args_release(o, 2, &args);
			return cli_usage(&cmd_demo, "--records 须为 0 到 100000000 的整数");
		}
	}
	if (o[0].value)
		snprintf(datadir, sizeof(datadir), "%s", o[0].value);
	else
		default_data_dir(datadir, sizeof(datadir));
	if (store_migrate(s, &err) != STORE_OK || refdata_load_domains(s, &err) < 0)
		goto fail;
	store_counts(s, &regions_n, &units_n, &catalogs_n, &items_n);
	if (catalogs_n || units_n) {
		errors_addf(&err, "数据库 %s 已有数据；演示数据需要新的数据库文件"
			    "（换一个 --db，或删除该文件后重试）", cli->db);
		goto fail;
	}
	/* regions and units */
	if (refdata_import_regions(s, arena_printf(&a, "%s/regions/changsha.csv",
						   datadir), &err) < 0 ||
	    add_units(s, &err))
		goto fail;
	/* the city's reference catalogs, published */
	d = opendir(arena_printf(&a, "%s/catalogs", datadir));
	if (!d) {
		errors_addf(&err, "找不到目录 %s/catalogs（用 --data 指定 data 目录）",
			    datadir);
		goto fail;
	}
	while ((de = readdir(d)) && nfiles < 64) {
		size_t l = strlen(de->d_name);
		if (l > 4 && !strcmp(de->d_name + l - 4, ".csv"))
			files[nfiles++] = arena_strdup(&a, de->d_name);
	}
	closedir(d);
	qsort(files, nfiles, sizeof(*files), cmp_str);
	if (store_region_children(s, CITY, &a, &districts, &ndistricts) != STORE_OK)
		goto fail;
	progress_start(&pr, "生成演示数据", nfiles * (1 + ndistricts));
	for (size_t f = 0; f < nfiles; f++) {
		struct catalog_import_opts io = { 0 };
		struct errors notes = ERRORS_INIT;
		io.path = arena_printf(&a, "%s/catalogs/%s", datadir, files[f]);
		io.region = CITY;
		io.domain = arena_strndup(&a, files[f], strlen(files[f]) - 4);
		io.version = "2020版";
		io.author = OFFICE;
		city[f] = catalog_import(s, &io, &err, &notes);
		errors_release(&notes);
		if (!city[f] || publish(s, city[f], 3, &err))
			goto fail;
		if (!strcmp(io.domain, "shjz"))
			city_shjz = city[f];
		progress_update(&pr, f + 1);
	}
	/* districts derive from the city; streets and towns from their
	 * district by subtraction; communities and villages from theirs */
	for (size_t di = 0; di < ndistricts; di++) {
		struct region *towns;
		size_t ntowns;

		if (store_region_children(s, districts[di].code, &a, &towns,
					  &ntowns) != STORE_OK)
			goto fail;
		for (size_t f = 0; f < nfiles; f++) {
			int st = status_for(di, f);
			int64_t dc = derive_for(s, city[f], districts[di].code, 0,
						di + f, &err);
			progress_update(&pr, nfiles * (1 + di) + f);
			if (dc < 0 || (dc && publish(s, dc, st, &err)))
				goto fail;
			if (!dc || st < 3 || f % 2)
				continue;	/* townships: every other domain */
			for (size_t ti = 0; ti < ntowns; ti++) {
				struct region *vils;
				size_t nvils;
				int tst = status_for(ti + di, f + 1);
				int64_t tc = derive_for(s, dc, towns[ti].code,
							LEVEL_TOWNSHIP, 0, &err);
				if (tc < 0 || (tc && publish(s, tc, tst, &err)))
					goto fail;
				if (!tc || tst < 3)
					continue;
				if (store_region_children(s, towns[ti].code, &a,
							  &vils, &nvils) != STORE_OK)
					goto fail;
				for (size_t vi = 0; vi < nvils; vi++) {
					int64_t vc = derive_for(s, tc, vils[vi].code,
								LEVEL_VILLAGE, 0, &err);
					if (vc < 0 || (vc && publish(s, vc,
							status_for(vi, ti + f), &err)))
						goto fail;
				}
			}
		}
	}
	if (city_shjz && city_2021(s, city_shjz, &err))
		goto fail;
	if (demo_records(s, &err))
		goto fail;
	progress_finish(&pr);
	if (demo_site(s, datadir, &err) || demo_accounts(s, &err) ||
	    demo_supervision(s, &err) ||
	    demo_requests(s, &err) ||
	    demo_corpus(s, extra, &err))
		goto fail;
	store_counts(s, &regions_n, &units_n, &catalogs_n, &items_n);
	printf("演示数据库 %s 已生成：行政区划 %lld 个，单位 %lld 个，目录 %lld 个，事项 %lld 个\n",
	       cli->db, (long long)regions_n, (long long)units_n,
	       (long long)catalogs_n, (long long)items_n);
	{
		struct catalog_filter flt = { NULL, 0, -1, 0 };
		struct catalog *v;
		size_t n, by[CATALOG__MAX] = { 0 };
		if (store_catalog_list(s, &flt, &a, &v, &n) == STORE_OK) {
			for (size_t i = 0; i < n; i++)
				by[v[i].status]++;
			printf("按状态：");
			for (int st = 0; st < CATALOG__MAX; st++)
				printf("%s %zu 个%s", catalog_status_label(st),
				       by[st], st + 1 < CATALOG__MAX ? "，" : "\n");
		}
	}
	printf("后台账号（首次登录须修改密码，初始密码 %s）：sysadmin 系统管理员、"
	       "secadmin 安全管理员、auditor 审计员、cs_office 长沙市政务公开办、"
	       "yl_office 岳麓区政务公开办、wyh_editor / wyh_reviewer / wyh_signer "
	       "望月湖街道信息员 / 审核人 / 签发人、ylmz_editor 岳麓区民政局信息员\n",
	       demo_password());
	rc = EXIT_OK;
	goto out;
fail:
	rc = cli_fail(&err);
out:
	errors_release(&err);
	arena_release(&a);
	args_release(o, 2, &args);
	return rc;
}

const struct cli_command cmd_demo = {
	"demo", demo_run, CLI_STORE_CREATE, "生成长沙市演示数据库", demo_usage,
};
