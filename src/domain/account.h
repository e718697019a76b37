/* account.h: users, passwords, sign-in and sessions (等保 2.0 rules)
 *
 * Passwords: at least 10 characters of three kinds (upper case, lower case,
 * digits, other), hashed with Argon2id (libsodium crypto_pwhash_str); a
 * password set by someone else must be changed at the next sign-in.
 * Sign-in: after 5 consecutive failures an account — and, separately, a
 * client address — is locked for 15 minutes.  Sessions: a random token in
 * an HttpOnly cookie (only its SHA-256 is stored), a CSRF token every
 * write must echo, and 30 minutes of idleness ends them.  Every change
 * and every sign-in attempt is written to the audit trail.
 */
#ifndef GK_ACCOUNT_H
#define GK_ACCOUNT_H

#include "actor.h"
#include "../store/store.h"

#define PASSWORD_MIN_CHARS 10
#define LOCK_AFTER_FAILURES 5
#define LOCK_SECONDS (15 * 60)
#define SESSION_IDLE_SECONDS (30 * 60)
#define TOKEN_CHARS 43		/* 32 random bytes, base64url */

struct buf;

/* 系统管理员 … for a single role bit. */
const char *role_label(unsigned role);
/* Labels of all roles in 'roles', joined with "、" into 'b'. */
void roles_format(struct buf *b, unsigned roles);
/* "信息员,审核人" or "editor,reviewer"; -1 with a message if unknown. */
int roles_parse(const char *text, unsigned *roles, struct errors *err);
/* The three administrators hold no other role and belong to no unit;
 * every other role needs a unit. */
int roles_check(unsigned roles, int64_t unit_id, struct errors *err);

int password_check(const char *password, const char *username,
		   struct errors *err);

/* Create a user (id returned, 0 on failure). */
int64_t account_add(struct store *s, const struct actor *who,
		    const char *username, const char *display_name,
		    int64_t unit_id, unsigned roles, const char *password,
		    struct errors *err);
/* Set a user's password as an administrator (must change at next
 * sign-in) or, with old_password, as the user (no forced change). */
int account_set_password(struct store *s, const struct actor *who,
			 int64_t user_id, const char *old_password,
			 const char *new_password, struct errors *err);
int account_set_disabled(struct store *s, const struct actor *who,
			 int64_t user_id, bool disabled, struct errors *err);
/* Lift a lock on "user:NAME" or "addr:IP" (安全管理员). */
int account_unlock(struct store *s, const struct actor *who, const char *key,
		   struct errors *err);

enum login_result { LOGIN_OK, LOGIN_FAILED, LOGIN_LOCKED };

struct login {
	struct user user;
	char token[TOKEN_CHARS + 1];	/* the cookie value */
	char csrf[TOKEN_CHARS + 1];
};

/* Check a password and open a session.  LOGIN_FAILED and LOGIN_LOCKED
 * carry a Chinese message in 'err' that does not tell which of name or
 * password was wrong. */
enum login_result account_login(struct store *s, const char *username,
				const char *password, const char *client,
				struct arena *a, struct login *out,
				struct errors *err);
/* The signed-in user of a cookie token, if its session is live; touches
 * the session (at most once a minute).  Expired sessions are removed. */
int account_session(struct store *s, const char *token, struct arena *a,
		    struct user *user, struct session *se);
void account_logout(struct store *s, const char *token);

void actor_from_user(const struct user *u, const char *client,
		     struct actor *out);
/* The command line's actor, named by --as. */
void actor_cli(const char *name, struct actor *out);

#endif
