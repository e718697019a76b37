/* demo-accounts.c: the demo's back-office accounts (see demo.h) — the
 * three administrators, the disclosure offices of 长沙市 and 岳麓区, and
 * the 信息员 / 审核人 / 签发人 of 望月湖街道办事处 and of 岳麓区民政局, all
 * with one demo password that must be changed at first sign-in */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "demo.h"
#include "../domain/account.h"

#define DEMO_PASSWORD "Demo-Pass-2026"

/* The unit named 'name' in 'region' (0 if none). */
static int64_t unit_named(struct store *s, const char *region,
			  const char *name, struct arena *a)
{
	struct unit *v;
	size_t n;

	if (store_unit_list(s, region, a, &v, &n) != STORE_OK)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (!strcmp(v[i].name, name))
			return v[i].id;
	return 0;
}

const char *demo_password(void)
{
	const char *p = getenv("GONGKAI_DEMO_PASSWORD");
	return p && *p ? p : DEMO_PASSWORD;
}

int demo_accounts(struct store *s, struct errors *err)
{
	struct arena a = ARENA_INIT;
	struct unit office[2] = {
		{ 0, "长沙市政务公开办", "政府部门", "430100", NULL },
		{ 0, "岳麓区政务公开办", "政府部门", "430104", NULL },
	};
	struct {
		const char *username, *name;
		unsigned roles;
		const char *region, *unit;
	} users[] = {
		{ "sysadmin", "系统管理员", ROLE_SYSADMIN, NULL, NULL },
		{ "secadmin", "安全管理员", ROLE_SECADMIN, NULL, NULL },
		{ "auditor", "审计员", ROLE_AUDITOR, NULL, NULL },
		{ "cs_office", "长沙市政务公开办", ROLE_OFFICE, "430100",
		  "长沙市政务公开办" },
		{ "yl_office", "岳麓区政务公开办", ROLE_OFFICE, "430104",
		  "岳麓区政务公开办" },
		{ "wyh_editor", "望月湖街道信息员", ROLE_EDITOR, "430104001",
		  "望月湖街道办事处" },
		{ "wyh_reviewer", "望月湖街道审核人", ROLE_REVIEWER, "430104001",
		  "望月湖街道办事处" },
		{ "wyh_signer", "望月湖街道签发人", ROLE_SIGNER, "430104001",
		  "望月湖街道办事处" },
		{ "ylmz_editor", "岳麓区民政局信息员", ROLE_EDITOR | ROLE_REVIEWER,
		  "430104", "岳麓区民政局" },
	};
	struct actor who;
	int rc = -1;

	actor_cli("演示数据", &who);
	for (size_t i = 0; i < 2; i++)
		if (store_unit_add(s, &office[i], err) != STORE_OK)
			goto out;
	for (size_t i = 0; i < sizeof(users) / sizeof(users[0]); i++) {
		int64_t unit = users[i].unit ?
			unit_named(s, users[i].region, users[i].unit, &a) : 0;

		if (users[i].unit && !unit) {
			errors_addf(err, "演示数据中没有单位 %s", users[i].unit);
			goto out;
		}
		if (!account_add(s, &who, users[i].username, users[i].name, unit,
				 users[i].roles, demo_password(), err))
			goto out;
	}
	rc = 0;
out:
	arena_release(&a);
	return rc;
}
