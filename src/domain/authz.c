/* authz.c: see authz.h */
#include "authz.h"

#include <string.h>

static const char *const labels[AZ__MAX] = {
	[AZ_RECORD_VIEW] = "查看本单位以外的信息",
	[AZ_RECORD_EDIT] = "编辑此单位的信息",
	[AZ_RECORD_REVIEW] = "审核此单位的信息",
	[AZ_RECORD_SIGN] = "签发此单位的信息",
	[AZ_RECORD_APPROVE] = "审批发布此地区的信息",
	[AZ_RECORD_WITHDRAW] = "撤回此信息",
	[AZ_CATALOG_EDIT] = "编辑此地区的目录",
	[AZ_CATALOG_REVIEW] = "审核此地区的目录",
	[AZ_REQUEST_VIEW] = "查看此单位的政府信息公开申请",
	[AZ_REQUEST_HANDLE] = "办理此单位的政府信息公开申请",
	[AZ_REQUEST_SETTINGS] = "修改此地区的依申请公开答复书模板",
	[AZ_REPORT_EDIT] = "编辑和发布此单位的政府信息公开年报",
	[AZ_ACCOUNTS] = "管理账号和单位",
	[AZ_CALENDAR] = "维护工作日历",
	[AZ_SECURITY] = "解除登录锁定",
	[AZ_AUDIT_READ] = "查看审计记录",
	[AZ_TASK_MANAGE] = "下达和办结此地区的督办任务",
	[AZ_TASK_REPORT] = "查看和报送此单位的督办任务进展",
	[AZ_LEDGER_KEEP] = "登记此单位的公示栏台账",
	[AZ_ZONE_INSPECT] = "登记此单位政务公开专区的检查",
	[AZ_ASSESS_VIEW] = "查看此单位的考核评分",
	[AZ_ASSESS_RESPOND] = "为此单位上传考核证明材料或提出意见",
	[AZ_ASSESS_SCORE] = "为此地区的考核评分",
	[AZ_ASSESS_MANAGE] = "管理此地区的考核指标和考核轮次",
	[AZ_CHECK_RUN] = "查看和运行此单位（地区）的自查",
};

const char *authz_action_label(enum authz_action act)
{
	return act < AZ__MAX ? labels[act] : "";
}

/* The actor's region is 'region' or above it. */
static bool covers(struct store *s, const struct actor *who,
		   const char *region)
{
	if (!who->region_code || !region)
		return false;
	return !strcmp(who->region_code, region) ||
		store_region_is_below(s, region, who->region_code);
}

static bool own_unit(const struct actor *who, int64_t unit_id)
{
	return who->unit_id && who->unit_id == unit_id;
}

bool authz_allows(struct store *s, const struct actor *who,
		  enum authz_action act, int64_t unit_id, const char *region)
{
	unsigned r;

	if (!who)
		return false;
	r = who->roles;
	if (r & ACTOR_SYSTEM)
		return true;
	switch (act) {
	case AZ_RECORD_VIEW:
		return ((r & (ROLE_EDITOR | ROLE_REVIEWER | ROLE_SIGNER)) &&
			own_unit(who, unit_id)) ||
			((r & ROLE_OFFICE) && covers(s, who, region));
	case AZ_RECORD_EDIT:
		return (r & ROLE_EDITOR) && own_unit(who, unit_id);
	case AZ_RECORD_REVIEW:
		return (r & ROLE_REVIEWER) && own_unit(who, unit_id);
	case AZ_RECORD_SIGN:
		return (r & ROLE_SIGNER) && own_unit(who, unit_id);
	case AZ_RECORD_APPROVE:
		return (r & ROLE_OFFICE) && covers(s, who, region);
	case AZ_RECORD_WITHDRAW:
		return ((r & (ROLE_EDITOR | ROLE_SIGNER)) &&
			own_unit(who, unit_id)) ||
			((r & ROLE_OFFICE) && covers(s, who, region));
	case AZ_CATALOG_EDIT:
		return (r & ROLE_EDITOR) && who->region_code && region &&
			!strcmp(who->region_code, region);
	case AZ_CATALOG_REVIEW:
		return (r & ROLE_OFFICE) && covers(s, who, region);
	case AZ_REQUEST_VIEW:
	case AZ_REQUEST_HANDLE:
		return ((r & (ROLE_EDITOR | ROLE_REVIEWER | ROLE_SIGNER)) &&
			own_unit(who, unit_id)) ||
			((r & ROLE_OFFICE) && covers(s, who, region));
	case AZ_REQUEST_SETTINGS:
		return (r & ROLE_OFFICE) && covers(s, who, region);
	case AZ_REPORT_EDIT:
		return ((r & (ROLE_EDITOR | ROLE_REVIEWER | ROLE_SIGNER)) &&
			own_unit(who, unit_id)) ||
			((r & ROLE_OFFICE) && covers(s, who, region));
	case AZ_ACCOUNTS:
	case AZ_CALENDAR:
		return (r & ROLE_SYSADMIN) != 0;
	case AZ_SECURITY:
		return (r & ROLE_SECADMIN) != 0;
	case AZ_AUDIT_READ:
		return (r & ROLE_AUDITOR) != 0;
	case AZ_TASK_MANAGE:
		return (r & ROLE_OFFICE) && covers(s, who, region);
	case AZ_TASK_REPORT:
	case AZ_LEDGER_KEEP:
	case AZ_ZONE_INSPECT:
		return ((r & (ROLE_EDITOR | ROLE_REVIEWER | ROLE_SIGNER)) &&
			own_unit(who, unit_id)) ||
			((r & ROLE_OFFICE) && covers(s, who, region));
	case AZ_ASSESS_VIEW:
		return ((r & (ROLE_EDITOR | ROLE_REVIEWER | ROLE_SIGNER)) &&
			own_unit(who, unit_id)) ||
			((r & ROLE_OFFICE) && covers(s, who, region));
	case AZ_ASSESS_RESPOND:
		return (r & (ROLE_EDITOR | ROLE_REVIEWER | ROLE_SIGNER)) &&
			own_unit(who, unit_id);
	case AZ_ASSESS_SCORE:
	case AZ_ASSESS_MANAGE:
		return (r & ROLE_OFFICE) && covers(s, who, region);
	case AZ_CHECK_RUN:
		return ((r & (ROLE_EDITOR | ROLE_REVIEWER | ROLE_SIGNER)) &&
			own_unit(who, unit_id)) ||
			((r & ROLE_OFFICE) && covers(s, who, region));
	case AZ__MAX:
		break;
	}
	return false;
}

int authz_require(struct store *s, const struct actor *who,
		  enum authz_action act, int64_t unit_id, const char *region,
		  struct errors *err)
{
	if (authz_allows(s, who, act, unit_id, region))
		return 0;
	errors_addf(err, "没有权限：%s", authz_action_label(act));
	return -1;
}
