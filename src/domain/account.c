/* account.c: see account.h */
#include "account.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "audit.h"
#include "../util/buf.h"
#include "../util/timeutil.h"
#include "../util/utf8.h"

static const struct { unsigned bit; const char *label, *code; } roles[] = {
	{ ROLE_SYSADMIN, "系统管理员", "sysadmin" },
	{ ROLE_SECADMIN, "安全管理员", "secadmin" },
	{ ROLE_AUDITOR, "审计员", "auditor" },
	{ ROLE_OFFICE, "政务公开办管理员", "office" },
	{ ROLE_EDITOR, "信息员", "editor" },
	{ ROLE_REVIEWER, "审核人", "reviewer" },
	{ ROLE_SIGNER, "签发人", "signer" },
};
#define NROLES (sizeof(roles) / sizeof(roles[0]))

const char *role_label(unsigned role)
{
	for (size_t i = 0; i < NROLES; i++)
		if (roles[i].bit == role)
			return roles[i].label;
	return "";
}

void roles_format(struct buf *b, unsigned bits)
{
	int first = 1;

	for (size_t i = 0; i < NROLES; i++)
		if (bits & roles[i].bit) {
			if (!first)
				buf_adds(b, "、");
			buf_adds(b, roles[i].label);
			first = 0;
		}
}

/* Length of the next name in 'p' and of the separator after it (",", " ",
 * "，" or "、"; multi-byte separators are matched whole, not by byte). */
static size_t next_name(const char *p, size_t *seplen)
{
	static const char *const seps[] = { ",", " ", "，", "、" };
	size_t n = 0;

	for (; p[n]; n++)
		for (size_t k = 0; k < 4; k++)
			if (!strncmp(p + n, seps[k], strlen(seps[k]))) {
				*seplen = strlen(seps[k]);
				return n;
			}
	*seplen = 0;
	return n;
}

int roles_parse(const char *text, unsigned *out, struct errors *err)
{
	const char *p = text;

	*out = 0;
	while (p && *p) {
		size_t seplen, n = next_name(p, &seplen);
		size_t i;

		for (i = 0; n && i < NROLES; i++)
			if ((strlen(roles[i].label) == n &&
			     !memcmp(roles[i].label, p, n)) ||
			    (strlen(roles[i].code) == n && !memcmp(roles[i].code, p, n)))
				break;
		if (n && i == NROLES) {
			errors_addf(err, "没有角色「%.*s」（可用：系统管理员、安全管理员、"
				    "审计员、政务公开办管理员、信息员、审核人、签发人）",
				    (int)n, p);
			return -1;
		}
		if (n)
			*out |= roles[i].bit;
		p += n + seplen;
	}
	if (!*out) {
		errors_addf(err, "至少要有一个角色");
		return -1;
	}
	return 0;
}

int roles_check(unsigned bits, int64_t unit_id, struct errors *err)
{
	unsigned admins = bits & ROLE_ADMINS;

	if (admins && (admins & (admins - 1))) {
		errors_addf(err, "系统管理员、安全管理员、审计员三员分立，"
			    "一个账号只能担任其中之一");
		return -1;
	}
	if (admins && (bits & ~ROLE_ADMINS)) {
		errors_addf(err, "系统管理员、安全管理员、审计员不能兼任其他角色");
		return -1;
	}
	if (admins && unit_id) {
		errors_addf(err, "三员账号不属于任何单位");
		return -1;
	}
	if (!admins && !unit_id) {
		errors_addf(err, "政务公开办管理员、信息员、审核人、签发人须属于一个单位");
		return -1;
	}
	return 0;
}

int password_check(const char *pw, const char *username, struct errors *err)
{
	int upper = 0, lower = 0, digit = 0, other = 0;
	size_t chars;

	if (!utf8_valid(pw, strlen(pw))) {
		errors_addf(err, "密码不是有效的文本");
		return -1;
	}
	chars = utf8_len(pw);
	for (const unsigned char *p = (const unsigned char *)pw; *p; p++) {
		if (*p >= 'A' && *p <= 'Z')
			upper = 1;
		else if (*p >= 'a' && *p <= 'z')
			lower = 1;
		else if (*p >= '0' && *p <= '9')
			digit = 1;
		else if ((*p & 0xC0) != 0x80)
			other = 1;
	}
	if (chars < PASSWORD_MIN_CHARS || upper + lower + digit + other < 3) {
		errors_addf(err, "密码至少 %d 位，且须包含大写字母、小写字母、数字、"
			    "其他字符中的至少三类", PASSWORD_MIN_CHARS);
		return -1;
	}
	if (chars > 128) {
		errors_addf(err, "密码不能超过 128 个字符");
		return -1;
	}
	if (username && *username && strstr(pw, username)) {
		errors_addf(err, "密码不能包含用户名");
		return -1;
	}
	return 0;
}

static int hash_password(const char *pw, char out[crypto_pwhash_STRBYTES],
			 struct errors *err)
{
	if (crypto_pwhash_str_alg(out, pw, strlen(pw),
				  crypto_pwhash_OPSLIMIT_INTERACTIVE,
				  crypto_pwhash_MEMLIMIT_INTERACTIVE,
				  crypto_pwhash_ALG_ARGON2ID13) != 0) {
		errors_addf(err, "内存不足，无法计算密码哈希");
		return -1;
	}
	return 0;
}

static bool may_manage_accounts(const struct actor *who)
{
	return !who || (who->roles & (ACTOR_SYSTEM | ROLE_SYSADMIN));
}

static const char *user_json(struct arena *a, const struct user *u)
{
	struct buf b = BUF_INIT;
	const char *out;

	roles_format(&b, u->roles);
	out = arena_printf(a, "{\"id\":%lld,\"username\":\"%s\",\"unit_id\":%lld,"
			   "\"roles\":\"%s\",\"disabled\":%s}", (long long)u->id,
			   u->username, (long long)u->unit_id, b.buf,
			   u->disabled ? "true" : "false");
	buf_release(&b);
	return out;
}

static bool username_ok(const char *name)
{
	size_t n = strlen(name);

	if (n < 2 || n > 64)
		return false;
	for (const char *p = name; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		      (*p >= '0' && *p <= '9') || *p == '_' || *p == '-' ||
		      *p == '.'))
			return false;
	return true;
}

int64_t account_add(struct store *s, const struct actor *who,
		    const char *username, const char *display_name,
		    int64_t unit_id, unsigned bits, const char *password,
		    struct errors *err)
{
	char hash[crypto_pwhash_STRBYTES];
	struct user u = { 0 };
	struct unit unit;
	struct arena a = ARENA_INIT;
	int64_t id = 0;

	if (!may_manage_accounts(who)) {
		errors_addf(err, "只有系统管理员可以管理账号");
		return 0;
	}
	if (!username_ok(username)) {
		errors_addf(err, "用户名须为 2 到 64 个英文字母、数字、下划线、"
			    "连字符或点");
		return 0;
	}
	if (!display_name || !*display_name || utf8_len(display_name) > 50) {
		errors_addf(err, "姓名不能为空，且不超过 50 个字");
		return 0;
	}
	if (roles_check(bits, unit_id, err) ||
	    password_check(password, username, err))
		return 0;
	if (unit_id && store_unit_get(s, unit_id, &a, &unit, NULL) != STORE_OK) {
		errors_addf(err, "单位 %lld 不存在", (long long)unit_id);
		goto out;
	}
	if (hash_password(password, hash, err))
		goto out;
	u.username = username;
	u.display_name = display_name;
	u.unit_id = unit_id;
	u.roles = bits;
	u.password_hash = hash;
	u.must_change = true;
	if (store_begin(s, err) != STORE_OK)
		goto out;
	if (store_user_add(s, &u, err) != STORE_OK ||
	    audit_append(s, who, "user.add", "user",
			 arena_printf(&a, "%lld", (long long)u.id),
			 unit_id ? unit.region_code : NULL, unit_id, NULL,
			 user_json(&a, &u), arena_printf(&a, "新建账号 %s", username),
			 err)) {
		store_rollback(s);
		goto out;
	}
	if (store_commit(s, err) == STORE_OK)
		id = u.id;
out:
	sodium_memzero(hash, sizeof(hash));
	arena_release(&a);
	return id;
}

int account_set_password(struct store *s, const struct actor *who,
			 int64_t user_id, const char *old_password,
			 const char *new_password, struct errors *err)
{
	char hash[crypto_pwhash_STRBYTES];
	struct arena a = ARENA_INIT;
	struct user u;
	bool self = who && who->user_id == user_id && old_password;
	int rc = -1;

	if (store_user_get(s, user_id, &a, &u) != STORE_OK) {
		errors_addf(err, "用户不存在");
		goto out;
	}
	if (self) {
		if (crypto_pwhash_str_verify(u.password_hash, old_password,
					     strlen(old_password)) != 0) {
			errors_addf(err, "原密码不正确");
			goto out;
		}
		if (!strcmp(old_password, new_password)) {
			errors_addf(err, "新密码不能与原密码相同");
			goto out;
		}
	} else if (!may_manage_accounts(who)) {
		errors_addf(err, "只有系统管理员可以重置他人的密码");
		goto out;
	}
	if (password_check(new_password, u.username, err) ||
	    hash_password(new_password, hash, err))
		goto out;
	if (store_begin(s, err) != STORE_OK)
		goto out;
	if (store_user_set_password(s, user_id, hash, !self, err) != STORE_OK ||
	    store_session_delete_user(s, user_id) != STORE_OK ||
	    audit_append(s, who, self ? "user.password" : "user.password_reset",
			 "user", arena_printf(&a, "%lld", (long long)user_id),
			 u.region_code, u.unit_id, NULL, NULL,
			 arena_printf(&a, self ? "%s 修改了自己的密码" :
				      "重置 %s 的密码（下次登录须修改）",
				      u.username), err)) {
		store_rollback(s);
		goto out;
	}
	rc = store_commit(s, err) == STORE_OK ? 0 : -1;
out:
	sodium_memzero(hash, sizeof(hash));
	arena_release(&a);
	return rc;
}

int account_set_disabled(struct store *s, const struct actor *who,
			 int64_t user_id, bool disabled, struct errors *err)
{
	struct arena a = ARENA_INIT;
	struct user u;
	int rc = -1;

	if (!may_manage_accounts(who)) {
		errors_addf(err, "只有系统管理员可以停用或启用账号");
		return -1;
	}
	if (store_user_get(s, user_id, &a, &u) != STORE_OK) {
		errors_addf(err, "用户不存在");
		goto out;
	}
	if (who && who->user_id == user_id) {
		errors_addf(err, "不能停用自己的账号");
		goto out;
	}
	if (store_begin(s, err) != STORE_OK)
		goto out;
	if (store_user_set_disabled(s, user_id, disabled, err) != STORE_OK ||
	    (disabled && store_session_delete_user(s, user_id) != STORE_OK) ||
	    audit_append(s, who, disabled ? "user.disable" : "user.enable",
			 "user", arena_printf(&a, "%lld", (long long)user_id),
			 u.region_code, u.unit_id, NULL, NULL,
			 arena_printf(&a, "%s账号 %s", disabled ? "停用" : "启用",
				      u.username), err)) {
		store_rollback(s);
		goto out;
	}
	rc = store_commit(s, err) == STORE_OK ? 0 : -1;
out:
	arena_release(&a);
	return rc;
}

int account_unlock(struct store *s, const struct actor *who, const char *key,
		   struct errors *err)
{
	if (who && !(who->roles & (ACTOR_SYSTEM | ROLE_SECADMIN))) {
		errors_addf(err, "只有安全管理员可以解除锁定");
		return -1;
	}
	if (strncmp(key, "user:", 5) && strncmp(key, "addr:", 5)) {
		errors_addf(err, "锁定对象应写作 user:用户名 或 addr:地址");
		return -1;
	}
	if (store_begin(s, err) != STORE_OK)
		return -1;
	if (store_failure_clear(s, key, err) != STORE_OK ||
	    audit_append(s, who, "security.unlock", "lock", key, NULL, 0, NULL,
			 NULL, "解除登录锁定", err)) {
		store_rollback(s);
		return -1;
	}
	return store_commit(s, err) == STORE_OK ? 0 : -1;
}

/* --- sign-in --- */

static bool locked(struct store *s, const char *key, const char *now,
		   struct arena *a, const char **until)
{
	struct login_failure f;

	if (store_failure_get(s, key, a, &f) != STORE_OK || !f.locked_until)
		return false;
	*until = f.locked_until;
	return strcmp(f.locked_until, now) > 0;
}

static void count_failure(struct store *s, const char *key, const char *now,
			  struct arena *a)
{
	struct login_failure f;
	int n = 1;
	char until[TIME_TEXT_LEN];

	if (store_failure_get(s, key, a, &f) == STORE_OK &&
	    !(f.locked_until && strcmp(f.locked_until, now) <= 0))
		n = f.failures + 1;	/* an expired lock starts afresh */
	if (n >= LOCK_AFTER_FAILURES) {
		time_text_add(now, LOCK_SECONDS, until);
		store_failure_put(s, key, n, until, NULL);
	} else {
		store_failure_put(s, key, n, NULL, NULL);
	}
}

static void random_token(char out[TOKEN_CHARS + 1])
{
	unsigned char raw[32];

	randombytes_buf(raw, sizeof(raw));
	sodium_bin2base64(out, TOKEN_CHARS + 1, raw, sizeof(raw),
			  sodium_base64_VARIANT_URLSAFE_NO_PADDING);
}

static void token_hash(const char *token, char out[65])
{
	unsigned char d[crypto_hash_sha256_BYTES];

	crypto_hash_sha256(d, (const unsigned char *)token, strlen(token));
	sodium_bin2hex(out, 65, d, sizeof(d));
}

/* A Beijing time "HH:MM" of a stored UTC text, for messages. */
static const char *clock_cn(struct arena *a, const char *t)
{
	char shifted[TIME_TEXT_LEN];

	if (time_text_add(t, 8 * 3600, shifted))
		return t;
	return arena_strndup(a, shifted + 11, 5);
}

enum login_result account_login(struct store *s, const char *username,
				const char *password, const char *client,
				struct arena *a, struct login *out,
				struct errors *err)
{
	char now[TIME_TEXT_LEN], hash[65];
	const char *ukey = arena_printf(a, "user:%s", username);
	const char *akey = arena_printf(a, "addr:%s", client);
	const char *until = NULL;
	struct actor who = { 0, username, 0, 0, NULL, client };
	struct session se;
	bool ok;

	time_now_text(now);
	if (locked(s, ukey, now, a, &until) || locked(s, akey, now, a, &until)) {
		errors_addf(err, "连续 %d 次登录失败，已锁定 %d 分钟，请于 %s 后再试"
			    "（或联系安全管理员解除）", LOCK_AFTER_FAILURES,
			    LOCK_SECONDS / 60, clock_cn(a, until));
		audit_append(s, &who, "session.locked", "user", username, NULL, 0,
			     NULL, NULL, "账号或地址已锁定，拒绝登录", NULL);
		return LOGIN_LOCKED;
	}
	ok = store_user_by_name(s, username, a, &out->user) == STORE_OK &&
		!out->user.disabled;
	if (ok)
		ok = crypto_pwhash_str_verify(out->user.password_hash, password,
					      strlen(password)) == 0;
	else {	/* the same work for a name that does not exist */
		char dummy[crypto_pwhash_STRBYTES];

		hash_password(password, dummy, NULL);
	}
	if (!ok) {
		store_begin(s, NULL);
		count_failure(s, ukey, now, a);
		count_failure(s, akey, now, a);
		audit_append(s, &who, "session.login_failed", "user", username,
			     NULL, 0, NULL, NULL, "用户名或密码错误", NULL);
		store_commit(s, NULL);
		errors_addf(err, "用户名或密码错误，或账号已停用（连续 %d 次错误将锁定 "
			    "%d 分钟）", LOCK_AFTER_FAILURES, LOCK_SECONDS / 60);
		return LOGIN_FAILED;
	}
	random_token(out->token);
	random_token(out->csrf);
	token_hash(out->token, hash);
	se.token_hash = hash;
	se.user_id = out->user.id;
	se.csrf = out->csrf;
	se.created_at = now;
	se.last_seen = now;
	se.client = client;
	actor_from_user(&out->user, client, &who);
	if (store_begin(s, err) != STORE_OK)
		return LOGIN_FAILED;
	if (store_failure_clear(s, ukey, err) != STORE_OK ||
	    store_failure_clear(s, akey, err) != STORE_OK ||
	    store_session_add(s, &se, err) != STORE_OK ||
	    audit_append(s, &who, "session.login", "user",
			 arena_printf(a, "%lld", (long long)out->user.id),
			 out->user.region_code, out->user.unit_id, NULL, NULL,
			 "登录", err)) {
		store_rollback(s);
		return LOGIN_FAILED;
	}
	if (store_commit(s, err) != STORE_OK)
		return LOGIN_FAILED;
	return LOGIN_OK;
}

int account_session(struct store *s, const char *token, struct arena *a,
		    struct user *user, struct session *se)
{
	char hash[65], now[TIME_TEXT_LEN], idle_limit[TIME_TEXT_LEN];
	char touch_after[TIME_TEXT_LEN];

	if (!token || strlen(token) != TOKEN_CHARS)
		return -1;
	token_hash(token, hash);
	if (store_session_get(s, hash, a, se) != STORE_OK)
		return -1;
	time_now_text(now);
	time_text_add(now, -SESSION_IDLE_SECONDS, idle_limit);
	if (strcmp(se->last_seen, idle_limit) < 0) {
		store_session_delete(s, hash);
		return -1;
	}
	if (store_user_get(s, se->user_id, a, user) != STORE_OK ||
	    user->disabled) {
		store_session_delete(s, hash);
		return -1;
	}
	time_text_add(se->last_seen, 60, touch_after);
	if (strcmp(now, touch_after) > 0)
		store_session_touch(s, hash, now);
	return 0;
}

void account_logout(struct store *s, const char *token)
{
	char hash[65];

	if (!token || strlen(token) != TOKEN_CHARS)
		return;
	token_hash(token, hash);
	store_session_delete(s, hash);
}

void actor_from_user(const struct user *u, const char *client,
		     struct actor *out)
{
	out->user_id = u->id;
	out->username = u->username;
	out->roles = u->roles;
	out->unit_id = u->unit_id;
	out->region_code = u->region_code;
	out->client = client;
}

void actor_cli(const char *name, struct actor *out)
{
	memset(out, 0, sizeof(*out));
	out->username = name && *name ? name : "命令行";
	out->roles = ACTOR_SYSTEM;
	out->client = "命令行";
}
