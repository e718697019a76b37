/* actor.h: who is acting — the signed-in user as the domain layer sees it
 *
 * Every function that changes data takes a struct actor: authorisation
 * (authz.c) decides from its roles, unit and region, and the audit trail
 * (audit.c) records its name and client address.  The command line acts
 * as a system actor (ACTOR_SYSTEM) named by --as.
 */
#ifndef GK_ACTOR_H
#define GK_ACTOR_H

#include <stdbool.h>
#include <stdint.h>

/* Roles, as bits (a unit's 信息员 may also be its 审核人).  The three
 * administrators (三员) are exclusive: a user holding one holds no other. */
enum role {
	ROLE_SYSADMIN = 1 << 0,		/* 系统管理员: accounts, units */
	ROLE_SECADMIN = 1 << 1,		/* 安全管理员: unlocks, security policy */
	ROLE_AUDITOR = 1 << 2,		/* 审计员: reads the audit trail */
	ROLE_OFFICE = 1 << 3,		/* 政务公开办管理员: a region's subtree */
	ROLE_EDITOR = 1 << 4,		/* 信息员: own unit's catalogs, records */
	ROLE_REVIEWER = 1 << 5,		/* 审核人 */
	ROLE_SIGNER = 1 << 6,		/* 签发人 */
	ROLE__ALL = (1 << 7) - 1,
	ROLE_ADMINS = ROLE_SYSADMIN | ROLE_SECADMIN | ROLE_AUDITOR,
};

struct actor {
	int64_t user_id;	/* 0 for the command line */
	const char *username;	/* shown in the audit trail */
	unsigned roles;		/* enum role bits; ACTOR_SYSTEM for the CLI */
	int64_t unit_id;	/* the user's unit, 0 for none */
	const char *region_code;	/* the unit's region */
	const char *client;	/* client address, or "命令行" */
};

/* The command line may do everything: it is the machine's operator. */
#define ACTOR_SYSTEM (1u << 31)

#endif
