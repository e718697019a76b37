/* audit.c: the audit trail — appending entries and verifying the chain
 *
 * The store keeps the chain's mechanics (ids, the head, one transaction);
 * this file decides what an entry is (who, when, from where, what) and
 * what its hash covers, so that audit_append() and audit_verify() share
 * one serialisation (see audit.h).  SHA-256 is libsodium's.
 */
#include "audit.h"

#include <jansson.h>
#include <sodium.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "../util/buf.h"
#include "../util/timeutil.h"
#include "../util/utf8.h"

static const char zero_hash[AUDIT_HASH_HEX] =
	"0000000000000000000000000000000000000000000000000000000000000000";

const struct audit_action audit_actions[] = {
	{ "db.init", "初始化数据库" },
	{ "db.migrate", "升级数据库结构" },
	{ "region.add", "添加行政区划" },
	{ "region.import", "导入行政区划" },
	{ "region.geometry", "导入区划边界" },
	{ "domain.import", "导入领域" },
	{ "unit.add", "添加单位" },
	{ "unit.workflow", "修改单位发布流程和索引号规则" },
	{ "catalog.import", "导入目录" },
	{ "catalog.derive", "派生目录" },
	{ "catalog.item_add", "新增目录事项" },
	{ "catalog.item_drop", "删减目录事项" },
	{ "catalog.item_edit", "修改目录事项" },
	{ "catalog.submit", "提交目录审核" },
	{ "catalog.approve", "审核通过目录" },
	{ "catalog.reject", "退回目录" },
	{ "catalog.publish", "发布目录" },
	{ "catalog.new_version", "新建目录版本" },
	{ "catalog.rebase", "按上级新版本更新目录" },
	{ "record.import", "导入信息" },
	{ "record.create", "新增信息" },
	{ "record.edit", "修改信息" },
	{ "record.attach", "添加附件" },
	{ "record.submit", "送审信息" },
	{ "record.pass", "审核通过信息" },
	{ "record.return", "退回信息" },
	{ "record.publish", "发布信息" },
	{ "record.withdraw", "撤回信息" },
	{ "record.delete", "删除信息" },
	{ "record.restore", "恢复信息" },
	{ "site.set", "修改专栏设置" },
	{ "site.page", "发布专栏页面" },
	{ "calendar.change", "修改节假日安排" },
	{ "calendar.import", "导入节假日安排" },
	{ "user.add", "添加用户" },
	{ "user.password", "修改密码" },
	{ "user.password_reset", "重置密码" },
	{ "user.roles", "修改角色" },
	{ "user.disable", "停用用户" },
	{ "user.enable", "启用用户" },
	{ "security.unlock", "解除登录锁定" },
	{ "session.login", "登录" },
	{ "session.login_failed", "登录失败" },
	{ "session.locked", "登录失败次数过多被锁定" },
	{ "session.logout", "退出登录" },
	{ "request.file", "登记政府信息公开申请" },
	{ "request.review", "审核申请（通过）" },
	{ "request.correction_notice", "发出补正告知" },
	{ "request.correction_received", "收到补正申请" },
	{ "request.correction_lapsed", "逾期未补正，不再处理" },
	{ "request.third_party_sent", "征求第三方意见" },
	{ "request.third_party_answered", "收到第三方意见" },
	{ "request.agency_sent", "征求其他机关意见" },
	{ "request.agency_answered", "收到其他机关意见" },
	{ "request.extension", "延长答复期限" },
	{ "request.fee_notice", "发出收费通知" },
	{ "request.fee_paid", "信息处理费已缴纳" },
	{ "request.fee_expired", "逾期未缴费，不再处理" },
	{ "request.fee_waived", "减免信息处理费" },
	{ "request.reply", "答复申请" },
	{ "request.delivered", "送达答复" },
	{ "request.archived", "归档申请" },
	{ "request.note", "添加办理备注" },
	{ "request.template", "修改答复书模板" },
	{ "request.review_body", "修改复议机关" },
	{ "report.save", "保存年度报告" },
	{ "report.publish", "发布年度报告" },
	{ "report.unpublish", "撤回年度报告" },
	{ "check.run", "运行专栏自查" },
	{ "task.add", "下达督办任务" },
	{ "task.report", "报送任务进展" },
	{ "task.return", "退回任务报送" },
	{ "task.close", "办结督办任务" },
	{ "task.reopen", "重新打开督办任务" },
	{ "ledger.add", "登记公示栏台账" },
	{ "ledger.print", "打印公告并登记台账" },
	{ "zone.inspect", "检查政务公开专区" },
	{ "assess.table_import", "导入考核指标表" },
	{ "assess.round_create", "创建考核" },
	{ "assess.evidence", "上传考核佐证材料" },
	{ "assess.auto", "按平台数据自动评分" },
	{ "assess.score", "考核评分" },
	{ "assess.respond", "对考核结果提出意见" },
	{ "assess.finalise", "确定考核结果" },
	{ "audit.verify", "校验审计记录" },
	{ "audit.export", "导出审计记录" },
	{ NULL, NULL },
};

const char *audit_action_label(const char *action)
{
	for (size_t i = 0; action && audit_actions[i].name; i++)
		if (!strcmp(audit_actions[i].name, action))
			return audit_actions[i].label;
	return NULL;
}

/* --- the hash --- */

static void put_text(crypto_hash_sha256_state *st, const char *v)
{
	char len[32];
	int k;

	if (!v) {
		crypto_hash_sha256_update(st, (const unsigned char *)"N", 1);
		return;
	}
	k = snprintf(len, sizeof(len), "S%zu:", strlen(v));
	crypto_hash_sha256_update(st, (const unsigned char *)len, (size_t)k);
	crypto_hash_sha256_update(st, (const unsigned char *)v, strlen(v));
}

/* An integer as its decimal text; with 'zero_is_null', 0 is NULL. */
static void put_int(crypto_hash_sha256_state *st, int64_t v,
		    int zero_is_null)
{
	char num[24];

	if (zero_is_null && v == 0) {
		put_text(st, NULL);
		return;
	}
	snprintf(num, sizeof(num), "%lld", (long long)v);
	put_text(st, num);
}

void audit_hash(const struct audit_entry *e, char out[AUDIT_HASH_HEX])
{
	static const char tag[] = "gongkai-audit-v1";
	unsigned char digest[crypto_hash_sha256_BYTES];
	crypto_hash_sha256_state st;

	crypto_hash_sha256_init(&st);
	crypto_hash_sha256_update(&st, (const unsigned char *)tag,
				  sizeof(tag) - 1);
	put_text(&st, e->prev_hash);
	put_int(&st, e->id, 0);
	put_text(&st, e->at);
	put_text(&st, e->actor);
	put_int(&st, e->actor_id, 1);
	put_text(&st, e->client);
	put_text(&st, e->action);
	put_text(&st, e->object_type);
	put_text(&st, e->object_id);
	put_text(&st, e->region_code);
	put_int(&st, e->unit_id, 1);
	put_text(&st, e->before);
	put_text(&st, e->after);
	put_text(&st, e->detail);
	crypto_hash_sha256_final(&st, digest);
	sodium_bin2hex(out, AUDIT_HASH_HEX, digest, sizeof(digest));
}

/* --- appending --- */

static int text_ok(const char *what, const char *v, size_t max,
		   struct errors *err)
{
	size_t n;

	if (!v)
		return 0;
	n = strlen(v);
	if (n > max) {
		errors_addf(err, "审计记录的「%s」超过 %zu 字节，未写入", what, max);
		return -1;
	}
	if (!utf8_valid(v, n)) {
		errors_addf(err, "审计记录的「%s」不是 UTF-8 文本，未写入", what);
		return -1;
	}
	return 0;
}

static int json_ok(const char *what, const char *v, struct errors *err)
{
	json_t *j;

	if (!v)
		return 0;
	if (text_ok(what, v, AUDIT_JSON_MAX, err))
		return -1;
	j = json_loads(v, JSON_DECODE_ANY, NULL);
	if (!j) {
		errors_addf(err, "审计记录的「%s」不是 JSON（程序错误），未写入",
			    what);
		return -1;
	}
	json_decref(j);
	return 0;
}

int audit_append(struct store *s, const struct actor *who,
		 const char *action, const char *object_type,
		 const char *object_id, const char *region_code,
		 int64_t unit_id, const char *before_json,
		 const char *after_json, const char *detail,
		 struct errors *err)
{
	struct audit_entry e;
	char now[TIME_TEXT_LEN];

	memset(&e, 0, sizeof(e));
	if (!action || !*action || !object_type || !*object_type ||
	    !object_id) {
		errors_addf(err, "审计记录缺少操作或对象（程序错误），未写入");
		return -1;
	}
	time_now_text(now);
	e.at = now;
	if (who) {
		e.actor = who->username && *who->username ? who->username
							  : AUDIT_CLI_ACTOR;
		e.actor_id = who->user_id > 0 ? who->user_id : 0;
		e.client = who->client && *who->client ? who->client
			 : who->user_id > 0 ? "未知" : AUDIT_CLI_ACTOR;
	} else {
		e.actor = AUDIT_CLI_ACTOR;
		e.client = AUDIT_CLI_ACTOR;
	}
	e.action = action;
	e.object_type = object_type;
	e.object_id = object_id;
	e.region_code = region_code && *region_code ? region_code : NULL;
	e.unit_id = unit_id > 0 ? unit_id : 0;
	e.before = before_json;
	e.after = after_json;
	e.detail = detail ? detail : "";
	if (text_ok("操作人", e.actor, 200, err) ||
	    text_ok("来源", e.client, 200, err) ||
	    text_ok("操作", e.action, 100, err) ||
	    text_ok("对象类型", e.object_type, 100, err) ||
	    text_ok("对象编号", e.object_id, 200, err) ||
	    text_ok("区划", e.region_code, 20, err) ||
	    text_ok("说明", e.detail, 10000, err) ||
	    json_ok("修改前", e.before, err) || json_ok("修改后", e.after, err))
		return -1;
	return store_audit_append(s, &e, audit_hash, NULL, err) == STORE_OK
		? 0 : -1;
}

/* --- verifying --- */

struct verify {
	struct arena *a;
	struct audit_problem *v;
	size_t n, cap, unlisted;
	int64_t rows, prev_id;
	struct buf prev_hash;	/* the previous entry's stored hash */
};

static void problem(struct verify *vs, int64_t id, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void problem(struct verify *vs, int64_t id, const char *fmt, ...)
{
	struct buf b = BUF_INIT;
	va_list ap;

	if (vs->n >= AUDIT_PROBLEMS_MAX) {
		vs->unlisted++;
		return;
	}
	if (vs->n == vs->cap) {
		struct audit_problem *nv;
		vs->cap = vs->cap ? vs->cap * 2 : 16;
		nv = arena_alloc(vs->a, vs->cap * sizeof(*nv));
		if (vs->n)
			memcpy(nv, vs->v, vs->n * sizeof(*nv));
		vs->v = nv;
	}
	va_start(ap, fmt);
	buf_vaddf(&b, fmt, ap);
	va_end(ap);
	vs->v[vs->n].id = id;
	vs->v[vs->n].msg = arena_strdup(vs->a, b.buf);
	vs->n++;
	buf_release(&b);
}

static int same(const char *a, const char *b)
{
	return a && b && !strcmp(a, b);
}

static void missing(struct verify *vs, int64_t from, int64_t to,
		    const char *why)
{
	if (from == to)
		problem(vs, from, "第 %lld 条审计记录缺失%s", (long long)from,
			why);
	else
		problem(vs, from, "第 %lld 至 %lld 条审计记录缺失（共 %lld 条）%s",
			(long long)from, (long long)to,
			(long long)(to - from + 1), why);
}

static int verify_entry(const struct audit_entry *e, void *arg)
{
	struct verify *vs = arg;
	char h[AUDIT_HASH_HEX];
	int gap = 0;

	vs->rows++;
	if (e->id > vs->prev_id + 1) {
		missing(vs, vs->prev_id + 1, e->id - 1, "：已被删除");
		gap = 1;
	} else if (e->id <= vs->prev_id) {
		/* only when the table lost its primary key */
		problem(vs, e->id, "第 %lld 条审计记录的编号重复或不在序列中",
			(long long)e->id);
		gap = 1;
	}
	if (!gap && !same(e->prev_hash, vs->prev_hash.buf)) {
		if (vs->prev_id == 0)
			problem(vs, e->id, "第 %lld 条审计记录是第一条，其前一哈希"
				"应为 64 个 0：链被替换或之前的记录被删除",
				(long long)e->id);
		else
			problem(vs, e->id, "第 %lld 条审计记录的前一哈希与第 %lld "
				"条的哈希不符：链在此断开（记录被删除、插入或调换）",
				(long long)e->id, (long long)vs->prev_id);
	}
	audit_hash(e, h);
	if (!same(e->hash, h))
		problem(vs, e->id, "第 %lld 条审计记录的内容与其哈希不符：记录被修改",
			(long long)e->id);
	if (e->id > vs->prev_id)
		vs->prev_id = e->id;
	buf_reset(&vs->prev_hash);
	buf_adds(&vs->prev_hash, e->hash ? e->hash : "");
	return 0;
}

/* Compare the end of the chain with the head. */
static void verify_head(struct verify *vs, const struct audit_head *h)
{
	long long last = (long long)vs->prev_id;

	if (h->last_id > vs->prev_id) {
		missing(vs, vs->prev_id + 1, h->last_id,
			"：末尾的记录被删除（审计记录被截断）");
	} else if (h->last_id < vs->prev_id) {
		struct buf ids = BUF_INIT;

		buf_addf(&ids, "第 %lld", (long long)h->last_id + 1);
		if (h->last_id + 1 < vs->prev_id)
			buf_addf(&ids, " 至 %lld", last);
		problem(vs, h->last_id + 1, "%s 条审计记录不在链头登记之内（链头"
			"只登记到第 %lld 条）：记录是绕过程序写入的，或链头被改",
			ids.buf, (long long)h->last_id);
		buf_release(&ids);
	} else if (!same(h->last_hash, vs->prev_hash.buf)) {
		if (last)
			problem(vs, last, "第 %lld 条（最后一条）审计记录的哈希"
				"与链头登记的不符：末尾的记录被删除或替换，或链头被改",
				last);
		else
			problem(vs, 0, "审计记录为空，但链头登记的哈希不是初始值："
				"链头被改");
	}
	if (h->count != h->last_id)
		problem(vs, 0, "链头登记的条数（%lld）与最后编号（%lld）不符："
			"链头被改", (long long)h->count, (long long)h->last_id);
}

int audit_verify(struct store *s, struct audit_problem **out, size_t *n,
		 struct arena *a, struct audit_summary *sum,
		 struct errors *err)
{
	struct verify vs;
	struct audit_head head;
	enum store_rc hrc;
	int rc = -1;

	memset(&vs, 0, sizeof(vs));
	memset(sum, 0, sizeof(*sum));
	vs.a = a;
	buf_init(&vs.prev_hash);
	buf_adds(&vs.prev_hash, zero_hash);
	*out = NULL;
	*n = 0;
	/* the head and the rows from one snapshot */
	if (store_begin(s, err) != STORE_OK)
		goto out;
	hrc = store_audit_head(s, a, &head);
	if (hrc == STORE_ERROR) {
		errors_addf(err, "无法读取审计记录的链头");
		store_rollback(s);
		goto out;
	}
	if (store_audit_chain(s, verify_entry, &vs, err) != STORE_OK) {
		store_rollback(s);
		goto out;
	}
	store_commit(s, NULL);
	if (hrc == STORE_NOTFOUND)
		problem(&vs, 0, "链头登记（audit_head）缺失：无法确认末尾的记录"
			"是否被删除");
	else
		verify_head(&vs, &head);
	*out = vs.v;
	*n = vs.n;
	sum->count = vs.rows;
	sum->last_id = vs.prev_id;
	sum->last_hash = arena_strdup(a, vs.prev_hash.buf);
	sum->unlisted = vs.unlisted;
	rc = 0;
out:
	buf_release(&vs.prev_hash);
	return rc;
}

int audit_check_anchor(struct store *s, int64_t id, const char *hash,
		       struct errors *err)
{
	struct arena a = ARENA_INIT;
	struct audit_entry e;
	enum store_rc rc = store_audit_get(s, id, &a, &e);
	int ok = -1;

	if (rc == STORE_NOTFOUND)
		errors_addf(err, "第 %lld 条审计记录已不存在，与记下的锚点不符",
			    (long long)id);
	else if (rc != STORE_OK)
		errors_addf(err, "无法读取第 %lld 条审计记录", (long long)id);
	else if (!same(e.hash, hash))
		errors_addf(err, "第 %lld 条审计记录的哈希（%s）与记下的锚点（%s）"
			    "不符：该记录被修改，或审计记录被整体改写", (long long)id,
			    e.hash ? e.hash : "", hash);
	else
		ok = 0;
	arena_release(&a);
	return ok;
}

const char *audit_region_prefix(const char *code, char out[16])
{
	size_t n = code ? strlen(code) : 0;

	if (n >= 16)
		n = 15;
	memcpy(out, code ? code : "", n);
	out[n] = '\0';
	if (n == 6) {
		/* 430000 → 43, 430100 → 4301 */
		while (n > 2 && out[n - 1] == '0' && out[n - 2] == '0')
			out[n -= 2] = '\0';
	} else if (n == 12 && !strcmp(out + 9, "000")) {
		out[9] = '\0';
	}
	return out;
}
