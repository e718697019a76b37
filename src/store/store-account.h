/* store-account.h: users, sign-in failures, sessions and unit settings
 * (part of store.h; implemented in sqlite-account.c) */
#ifndef GK_STORE_ACCOUNT_H
#define GK_STORE_ACCOUNT_H

struct user {
	int64_t id;
	const char *username;
	const char *display_name;
	int64_t unit_id;	/* 0 for the three administrators */
	const char *unit_name;	/* filled when loaded; "" if none */
	const char *region_code;	/* the unit's region, or NULL */
	unsigned roles;		/* enum role bits (domain/actor.h) */
	const char *password_hash;
	bool must_change;
	bool disabled;
	const char *created_at, *password_at;
};

/* Insert a user (id set).  STORE_CONFLICT when the name is taken. */
enum store_rc store_user_add(struct store *s, struct user *u,
			     struct errors *err);
enum store_rc store_user_get(struct store *s, int64_t id, struct arena *a,
			     struct user *out);
enum store_rc store_user_by_name(struct store *s, const char *username,
				 struct arena *a, struct user *out);
/* Users of a unit (0: all), by name. */
enum store_rc store_user_list(struct store *s, int64_t unit_id,
			      struct arena *a, struct user **out, size_t *n);
enum store_rc store_user_set_password(struct store *s, int64_t id,
				      const char *hash, bool must_change,
				      struct errors *err);
enum store_rc store_user_set_disabled(struct store *s, int64_t id,
				      bool disabled, struct errors *err);
enum store_rc store_user_set_roles(struct store *s, int64_t id,
				   unsigned roles, struct errors *err);

/* Sign-in failures under a key ("user:NAME", "addr:IP"). */
struct login_failure {
	int failures;
	const char *last_at;
	const char *locked_until;	/* NULL when not locked */
};
enum store_rc store_failure_get(struct store *s, const char *key,
				struct arena *a, struct login_failure *out);
enum store_rc store_failure_put(struct store *s, const char *key,
				int failures, const char *locked_until,
				struct errors *err);
enum store_rc store_failure_clear(struct store *s, const char *key,
				  struct errors *err);
/* Keys locked at 'now' (for the security administrator). */
enum store_rc store_failure_locked(struct store *s, const char *now,
				   struct arena *a, const char ***keys,
				   size_t *n);

struct session {
	const char *token_hash;
	int64_t user_id;
	const char *csrf;
	const char *created_at, *last_seen, *client;
};
enum store_rc store_session_add(struct store *s, const struct session *se,
				struct errors *err);
enum store_rc store_session_get(struct store *s, const char *token_hash,
				struct arena *a, struct session *out);
enum store_rc store_session_touch(struct store *s, const char *token_hash,
				  const char *now);
enum store_rc store_session_delete(struct store *s, const char *token_hash);
/* Sign a user out everywhere (password change, disabling). */
enum store_rc store_session_delete_user(struct store *s, int64_t user_id);

/* A unit by id, with its workflow steps and 索引号 rule. */
struct unit_settings {
	const char *workflow;	/* "review,sign,approve" or a subset */
	const char *index_rule;
};
enum store_rc store_unit_get(struct store *s, int64_t id, struct arena *a,
			     struct unit *out, struct unit_settings *set);
enum store_rc store_unit_set_workflow(struct store *s, int64_t id,
				      const char *workflow,
				      const char *index_rule,
				      struct errors *err);

#endif
