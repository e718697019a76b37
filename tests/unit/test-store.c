/* test-store.c: the SQLite store — migrations, regions, domains, catalogs
 * with their item trees, nested transactions, and stable item ids across
 * edits. */
#include "t.h"

#include "store/store.h"

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

static void seed(struct store *s)
{
	struct region top = { "430000", "湖南省", "省", NULL };
	struct region city = { "430100", "长沙市", "市", "430000" };
	struct domain d = { 0, "shjz", "社会救助", 18, "民政部" };
	struct errors err = ERRORS_INIT;

	store_region_put(s, &top, &err);
	store_region_put(s, &city, &err);
	store_domain_put(s, &d, &err);
	errors_release(&err);
}

/* A catalog with 一级 A, 二级 A/x (two elements, one channel), A/y. */
static void small_catalog(struct catalog *c, struct element *el,
			  struct channel *ch, struct item *items)
{
	memset(c, 0, sizeof(*c));
	memset(items, 0, 3 * sizeof(*items));
	c->region_code = "430100";
	c->domain_id = 1;
	c->version = "2020版";
	c->status = CATALOG_DRAFT;
	c->author = "t";
	el[0] = (struct element){ "名称", true };
	el[1] = (struct element){ "地址", false };
	ch[0] = (struct channel){ 1, "政府网站", true };
	items[0] = (struct item){ .parent = -1, .level = 1, .lineage = "l1", .name = "A" };
	items[1] = (struct item){ .parent = 0, .level = 2, .lineage = "l2", .name = "x",
		.elements = el, .nelements = 2, .channels = ch, .nchannels = 1,
		.mode = MODE_ACTIVE, .audience = AUDIENCE_ALL, .levels = LEVEL_COUNTY,
		.time_limit = "20个工作日", .tl = { "deadline", 20, true, "形成", 0 } };
	items[2] = (struct item){ .parent = 0, .level = 2, .lineage = "l3", .name = "y",
		.mode = MODE_ON_REQUEST };
	c->items = items;
	c->nitems = c->alloc = 3;
}

TEST(test_store__migrate_records_version)
{
	struct store *s = fresh("a.db");

	CHECK(s);
	CHECK_INT(store_schema_version(s), store_schema_known());
	CHECK(store_schema_known() >= 1);
	CHECK_INT(store_migrate(s, NULL), STORE_OK); /* again: nothing to do */
	store_close(s);
}

TEST(test_store__existing_mode_refuses_missing_file)
{
	char path[300];
	struct errors err = ERRORS_INIT;
	struct store *s = store_open(t_tmp("missing.db", path, sizeof(path)),
				     STORE_OPEN_EXISTING, &err);

	CHECK(!s);
	CHECK(errors_count(&err) == 1);
	CHECK_CONTAINS(err.msg[0], "gongkai init");
	errors_release(&err);
}

TEST(test_store__catalog_round_trip)
{
	struct store *s = fresh("b.db");
	struct arena a = ARENA_INIT;
	struct errors err = ERRORS_INIT;
	struct catalog c, back;
	struct element el[2];
	struct channel ch[1];
	struct item items[3];

	CHECK(s);
	seed(s);
	small_catalog(&c, el, ch, items);
	CHECK_INT(store_catalog_insert(s, &c, &err), STORE_OK);
	CHECK(c.id > 0);
	CHECK_INT(store_catalog_load(s, c.id, &a, &back), STORE_OK);
	CHECK_INT(back.nitems, 3);
	CHECK_STR(back.region_name, "长沙市");
	CHECK_STR(back.domain_code, "shjz");
	CHECK_INT(back.items[1].parent, 0);
	CHECK_INT(back.items[1].nelements, 2);
	CHECK_STR(back.items[1].elements[1].text, "地址");
	CHECK_INT(back.items[1].elements[1].required, 0);
	CHECK_STR(back.items[1].channels[0].name, "政府网站");
	CHECK_INT(back.items[1].tl.days, 20);
	CHECK_INT(back.items[2].mode, MODE_ON_REQUEST);
	/* the same version again is a conflict with a message */
	small_catalog(&c, el, ch, items);
	CHECK_INT(store_catalog_insert(s, &c, &err), STORE_CONFLICT);
	CHECK_CONTAINS(err.msg[0], "2020版");
	arena_release(&a);
	errors_release(&err);
	store_close(s);
}

TEST(test_store__replace_items_keeps_ids)
{
	struct store *s = fresh("c.db");
	struct arena a = ARENA_INIT;
	struct errors err = ERRORS_INIT;
	struct catalog c, back, again;
	struct element el[2];
	struct channel ch[1];
	struct item items[3];
	int64_t xid;

	CHECK(s);
	seed(s);
	small_catalog(&c, el, ch, items);
	CHECK_INT(store_catalog_insert(s, &c, &err), STORE_OK);
	CHECK_INT(store_catalog_load(s, c.id, &a, &back), STORE_OK);
	xid = back.items[1].id;
	back.items[1].subject = "新主体";
	back.nitems = 2;		/* drop y */
	CHECK_INT(store_catalog_replace_items(s, &back, &err), STORE_OK);
	CHECK_INT(store_catalog_load(s, c.id, &a, &again), STORE_OK);
	CHECK_INT(again.nitems, 2);
	CHECK_INT(again.items[1].id, xid);
	CHECK_STR(again.items[1].subject, "新主体");
	CHECK_INT(again.items[1].nelements, 2);
	arena_release(&a);
	errors_release(&err);
	store_close(s);
}

TEST(test_store__nested_rollback_undoes_everything)
{
	struct store *s = fresh("d.db");
	struct arena a = ARENA_INIT;
	struct errors err = ERRORS_INIT;
	struct region r = { "430104", "岳麓区", "县", "430100" };
	struct region out;

	CHECK(s);
	seed(s);
	CHECK_INT(store_begin(s, &err), STORE_OK);
	CHECK_INT(store_region_put(s, &r, &err), STORE_OK);
	CHECK_INT(store_begin(s, &err), STORE_OK);
	store_rollback(s);		/* inner failure */
	CHECK(store_commit(s, &err) != STORE_OK);
	CHECK_INT(store_region_get(s, "430104", &a, &out), STORE_NOTFOUND);
	arena_release(&a);
	errors_release(&err);
	store_close(s);
}

TEST(test_store__region_below)
{
	struct store *s = fresh("e.db");
	struct errors err = ERRORS_INIT;
	struct region r = { "430104", "岳麓区", "县", "430100" };
	struct region t = { "430104001", "岳麓街道", "乡", "430104" };

	CHECK(s);
	seed(s);
	store_region_put(s, &r, &err);
	store_region_put(s, &t, &err);
	CHECK(store_region_is_below(s, "430104001", "430100"));
	CHECK(store_region_is_below(s, "430104001", "430000"));
	CHECK(!store_region_is_below(s, "430100", "430104"));
	CHECK(!store_region_is_below(s, "430100", "430100"));
	errors_release(&err);
	store_close(s);
}

T_MAIN(T(test_store__migrate_records_version),
       T(test_store__existing_mode_refuses_missing_file),
       T(test_store__catalog_round_trip),
       T(test_store__replace_items_keeps_ids),
       T(test_store__nested_rollback_undoes_everything),
       T(test_store__region_below))
