#!/usr/bin/env bash
# test-request.sh: gongkai request … end to end on a real database file —
# an application registered at the counter and taken through 审核, a 补正
# notice, the corrected application (the clock starts again), a
# third-party consultation (not counted), an extension, the reply with its
# generated letter, delivery and 归档; the audit entries of every step;
# steps out of order, a second extension, both fee methods, an outcome
# outside table 三 and bad filings refused with exit status 2 and nothing
# written; receipt dates by channel (第三十一条); lists, the due list and
# the reply template.  Every due date is checked by hand in the comments
# against the 2026 calendar built into the database (清明 04-04–04-06,
# 劳动节 05-01–05-05 off, 05-09 worked).
. "$(dirname "$0")/lib.sh"

count() { sqlite3 "$DB" "SELECT COUNT(*) FROM $1"; }
# everything a refused command must leave alone
state() {
	sqlite3 "$DB" "SELECT COUNT(*) FROM request_events; SELECT COUNT(*) FROM audit_log;
		SELECT group_concat(id || status || updated_at || COALESCE(fee_state, ''), ',') FROM requests;" | tr '\n' ' '
}
at() { export GONGKAI_NOW="$1T02:00:00Z"; }	# 10:00 in Beijing

at 2026-03-02
gk init
gk region import "$ROOT/data/regions/changsha.csv"
gk unit add 岳麓区人民政府 --kind 人民政府 --region 430104; GOV=$OUT
gk unit add 岳麓区民政局 --kind 政府部门 --region 430104; MZ=$OUT

# --- bad filings: every problem named, exit 2, nothing written ---
BEFORE=$(state)
gk request file --unit "$MZ" --channel in_person --name 张三
expect_rc file_incomplete_refused 2
expect_err file_names_id_type "「证件类型」"
expect_err file_names_contact "「联系方式」"
expect_err file_names_info "「所需信息」"
expect_err file_names_forms "「载体形式」"
gk request file --unit "$MZ" --channel mail_signed --name 张三 --id-type 居民身份证 \
	--id-number 110101199003074478 --phone 13800000000 --info-name 甲 --forms 纸质 --delivery 自行领取
expect_rc file_bad_id_and_no_signing_day 2
expect_err file_id_check_digit "「证件号码」：110101199003074478 不是有效的18位居民身份证号码"
expect_err file_signing_day_needed "「签收日期」"
gk request file --unit "$MZ" --channel in_person --kind 商业企业 --name 某公司 \
	--credit-code 91350100M000100Y44 --phone 0731-8888888 --info-name 甲 --forms 纸质 --delivery 自行领取
expect_rc file_bad_credit_code 2
expect_err file_credit_code_named "「统一社会信用代码」：91350100M000100Y44 不是有效的统一社会信用代码"
expect_err file_legal_rep_named "「法定代表人」"
gk request file --unit 999 --channel in_person --name 张三 --id-type 护照 --id-number E1 \
	--phone 13800000000 --info-name 甲 --forms 纸质 --delivery 自行领取
expect_rc file_unknown_unit 2
expect_err file_unknown_unit_message "单位 999 不存在"
gk request file --unit "$MZ" --channel pigeon
expect_rc file_unknown_channel 2
expect_eq file_refusals_write_nothing "$(state)" "$BEFORE"

# --- 当面提交 on Mon 03-02: received that day ---
gk request file --unit "$MZ" --channel in_person --name 张三 --id-type 居民身份证 \
	--id-number 11010519491231002x --phone 13800000000 --email zhang@example.cn \
	--info-name "2025年最低生活保障资金发放情况" --forms 纸质、电子邮件 --delivery 电子邮件 --json
expect_rc file_in_person 0
ID=$(json 'j["id"]')
CODE=$(json 'j["code"]')
expect_eq file_number "$(json 'j["number"]')" "〔2026〕1号"
expect_eq file_received_today "$(json 'j["received_on"]')" 2026-03-02
expect_eq file_code_format "$(python3 -c 'import re,sys; print(bool(re.fullmatch(r"[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}", sys.argv[1])))' "$CODE")" True
expect_eq file_no_repeat_yet "$(json 'len(j["same_info"])')" 0
# the applicant's 查询码, typed in lower case without dashes, finds it
gk request show "$(echo "$CODE" | tr -d - | tr A-Z a-z)" --json
expect_rc show_by_code 0
expect_eq show_by_code_id "$(json 'j["id"]')" "$ID"
expect_eq show_status "$(json 'j["status"], j["status_label"]')" "('registered', '已登记')"
expect_eq show_id_number_upper "$(json 'j["id_number"]')" 11010519491231002X
# received Mon 03-02: the 20th working day after it is Mon 03-30
expect_eq show_due "$(json 'j["timing"]["due"]')" 2026-03-30
expect_eq show_correction_due "$(json 'j["timing"]["correction_due"]')" 2026-03-11
expect_eq show_registered_step "$(json '[s["kind"] for s in j["steps"]]')" "['registered']"

# --- a wrong step: refused, exit 2, nothing written ---
BEFORE=$(state)
gk request step "$ID" --step correction_received
expect_rc wrong_step_refused 2
expect_err wrong_step_reason "申请现在是「已登记」，不能「收到补正」"
gk request step "$ID" --step archive
expect_rc archive_before_reply_refused 2
gk request step "$ID" --step reply --outcome 3.9
expect_rc outcome_outside_table_refused 2
expect_err outcome_outside_table_reason "「3.9」不是年报表三中的办理结果"
gk request step "$ID" --step review --day 2026-03-01
expect_rc step_before_receipt_refused 2
expect_err step_before_receipt_reason "早于收到申请之日"
gk request step "$ID" --step review --day 2026-03-03
expect_rc step_in_future_refused 2
gk request step "$ID" --step no_such_step
expect_rc unknown_step_usage 2
expect_eq wrong_steps_write_nothing "$(state)" "$BEFORE"

# --- 审核 on 03-03, then the content proves unclear: 补正 on Wed 03-04,
# the 2nd working day (within the 7 of 第三十条) ---
at 2026-03-03
gk request step "$ID" --step review
expect_rc review 0
expect_out review_status "现在「办理中」"
at 2026-03-04
gk request step "$ID" --step correction_notice --until 2026-03-13
expect_rc correction_needs_what 2
expect_err correction_needs_what_reason "「补正事项」"
gk request step "$ID" --step correction_notice --note "请写明所需信息的年份和范围" --until 2026-03-13
expect_rc correction_notice 0
expect_out correction_status "现在「待补正」"
expect_out correction_pauses "暂停计时：等待申请人补正"
case "$ERR" in *提醒*) notok correction_in_time_no_warning "$ERR" ;; *) ok correction_in_time_no_warning ;; esac
gk request step "$ID" --step correction_notice --note again --until 2026-03-20
expect_rc second_correction_refused 2
expect_err second_correction_reason "不能「补正告知」"

# --- the corrected application arrives Mon 03-09: 20 working days again
# from it: 03-10 … 03-13 (4), 03-16 … 03-20 (9), 03-23 … 03-27 (14),
# 03-30 … 04-03 (19), 清明 04-04 – 04-06 off, Tue 04-07 the 20th ---
at 2026-03-09
gk request step "$ID" --step correction_received
expect_rc correction_received 0
expect_out correction_received_status "现在「审核中」"
expect_out correction_restarts_clock "剩余20个工作日（2026-04-07到期）"
gk request step "$ID" --step review
expect_rc review_again 0

# --- third party consulted Tue 03-10 (the 1st working day counted),
# answered Fri 03-20: (03-10, 03-20] not counted; 19 left from 03-20:
# 03-23 … 03-27 (5), 03-30 … 04-03 (10), 04-07 … 04-10 (14),
# 04-13 … 04-17 (19): Fri 04-17 ---
at 2026-03-10
gk request step "$ID" --step third_party_sent --note 某物业服务有限公司
expect_rc third_party_sent 0
expect_out third_party_pauses "暂停计时：征求第三方意见"
gk request show "$ID" --json
# 15 working days for the third party: 03-11 … 03-31
expect_eq third_party_until "$(json '[s["until"] for s in j["steps"] if s["kind"]=="third_party_sent"][0]')" 2026-03-31
at 2026-03-20
gk request step "$ID" --step third_party_answered
expect_rc third_party_answered 0
expect_out third_party_resumes "剩余19个工作日（2026-04-17到期）"

# --- extension of 20 working days on 03-20, approved: from 04-17,
# 04-20 … 04-24 (5), 04-27 … 04-30 (9), 劳动节 05-01 – 05-05 off,
# 05-06 … 05-08 (12), Sat 05-09 worked (13), 05-11 … 05-15 (18),
# 05-18 (19), Tue 05-19 the 20th ---
gk request step "$ID" --step extension
expect_rc extension_needs_approver 2
expect_err extension_needs_approver_reason "「批准人」"
gk request step "$ID" --step extension --approver 王主任 --days 21
expect_rc extension_too_long 2
gk request step "$ID" --step extension --approver 王主任
expect_rc extension 0
expect_out extension_due "剩余39个工作日（2026-05-19到期）"
BEFORE=$(state)
gk request step "$ID" --step extension --approver 王主任 --days 5
expect_rc second_extension_refused 2
expect_err second_extension_reason "答复期限只能延长一次"
# one fee method only (国办函〔2020〕109号第三条)
gk request step "$ID" --step fee_notice --per-item --pages 40
expect_rc fee_both_methods_refused 2
expect_err fee_both_methods_reason "不能同时按件数和页数计费"
gk request step "$ID" --step fee_notice --per-item
expect_rc fee_first_item_free 2
expect_err fee_first_item_free_reason "不收费"
gk request step "$ID" --step reply --outcome 6.1
expect_rc reply_as_lapsed_refused 2
expect_eq refusals_after_extension_write_nothing "$(state)" "$BEFORE"

# --- 答复 on 03-20 (部分公开), delivered by e-mail, archived ---
gk request step "$ID" --step reply --outcome 2 --delivered-how 电子邮件
expect_rc reply 0
expect_out reply_status "现在「已答复」"
expect_out reply_in_time "已答复（2026-03-20）"
gk request show "$ID" --json
expect_eq reply_outcome "$(json 'j["outcome"], j["outcome_article"], j["replied_on"]')" "('2', '第三十七条', '2026-03-20')"
expect_eq reply_delivered "$(json 'j["delivered_how"], j["delivered_on"]')" "('电子邮件', '2026-03-20')"
LETTER=$(json 'j["reply_letter"]')
expect_eq letter_applicant "$(grep -c '^张三：$' <<<"$LETTER")" 1
expect_eq letter_received "$(grep -c '本机关于2026年3月2日收到您提出的政府信息公开申请' <<<"$LETTER")" 1
expect_eq letter_article "$(grep -c '依据《中华人民共和国政府信息公开条例》第三十七条' <<<"$LETTER")" 1
expect_eq letter_remedy "$(grep -c '如您不服本答复，可以在收到本答复书之日起60日内向岳麓区人民政府申请行政复议；或者6个月内依法向人民法院提起行政诉讼。' <<<"$LETTER")" 1
expect_eq letter_number "$(grep -c '岳麓区民政局依申请公开答复〔2026〕1号' <<<"$LETTER")" 1
gk request letter "$ID"
expect_eq letter_command_same "$OUT" "$LETTER"
gk request step "$ID" --step archive
expect_rc archive 0
expect_out archive_status "现在「已归档」"
gk request show "$ID" --json
expect_eq steps_in_order "$(json '" ".join(s["kind"] for s in j["steps"])')" \
	"registered review correction_notice correction_received review third_party_sent third_party_answered extension reply archived"
expect_eq extension_step "$(json '[(s["days"], s["approver"], s["until"]) for s in j["steps"] if s["kind"]=="extension"][0]')" "(20, '王主任', '2026-05-19')"
gk request step "$ID" --step note --note 补记
expect_rc nothing_after_archive 2

# --- the audit trail: one entry per step, in the same transactions ---
expect_eq audit_request_actions "$(sqlite3 "$DB" "SELECT group_concat(action, ' ') FROM (SELECT action FROM audit_log WHERE object_type = 'request' AND object_id = '$ID' ORDER BY id)")" \
	"request.file request.review request.correction_notice request.correction_received request.review request.third_party_sent request.third_party_answered request.extension request.reply request.archived"
expect_eq audit_extension_detail "$(sqlite3 "$DB" "SELECT detail FROM audit_log WHERE action = 'request.extension'")" \
	"政府信息公开申请〔2026〕1号：延长答复期限20个工作日，批准人王主任，答复期限延至 2026-05-19"
expect_eq audit_unit "$(sqlite3 "$DB" "SELECT DISTINCT unit_id || region_code FROM audit_log WHERE object_type = 'request'")" "${MZ}430104"
gk audit verify
expect_rc audit_chain_intact 0
# the command line in the audit trail keeps no applicant's personal data
expect_eq audit_no_personal_data "$(sqlite3 "$DB" "SELECT COUNT(*) FROM audit_log WHERE action = 'cli.request' AND detail LIKE '%--id-number%' AND detail NOT LIKE '%--id-number ***%'")" 0
expect_eq audit_personal_masked "$(sqlite3 "$DB" "SELECT COUNT(*) > 0 FROM audit_log WHERE action = 'cli.request' AND detail LIKE '%--phone ***%'")" 1

# --- receipt dates of the other channels (第三十一条) ---
at 2026-03-12
gk request file --unit "$MZ" --channel mail_signed --submitted 2026-03-06 --signed 2026-03-10 \
	--kind 法律服务机构 --name 某律师事务所 --credit-code 91350100M000100Y43 --legal-rep 王五 \
	--contact-person 赵六 --address 长沙市岳麓区某路1号 --info-name "2025年最低生活保障资金发放情况" \
	--forms 纸质 --delivery 邮寄 --json
expect_rc file_mail_signed 0
MAIL=$(json 'j["id"]')
expect_eq mail_signed_received "$(json 'j["received_on"]')" 2026-03-10
expect_eq mail_signed_note "$(json '"签收之日" in j["receipt_note"]')" True
expect_eq mail_signed_number "$(json 'j["number"]')" "〔2026〕2号"
# the same information again: the office is told (第四十四条)
expect_eq repeated_request_found "$(json '[s["id"] for s in j["same_info"]]')" "[$ID]"
gk request file --unit "$MZ" --channel mail_plain --submitted 2026-03-05 --confirmed 2026-03-09 \
	--name 李四 --id-type 护照 --id-number E12345678 --address 长沙市 --info-name 乙 --forms 纸质 --delivery 邮寄 --json
PLAIN=$(json 'j["id"]')
expect_eq mail_plain_received "$(json 'j["received_on"]')" 2026-03-09
gk request file --unit "$GOV" --channel fax --confirmed 2026-03-11 --name 王五 --id-type 护照 \
	--id-number E1 --phone 0731-1234567 --info-name 丙 --forms 纸质 --delivery 传真 --json
expect_eq fax_received "$(json 'j["received_on"]')" 2026-03-11
expect_eq fax_note "$(json '"双方确认之日" in j["receipt_note"]')" True
expect_eq fax_numbered_per_unit "$(json 'j["number"]')" "〔2026〕1号"
gk request file --unit "$GOV" --channel email --name 王五 --id-type 护照 --id-number E1 \
	--email w@example.cn --info-name 丁 --forms 电子邮件 --delivery 电子邮件
expect_rc email_needs_confirmation 2
expect_err email_needs_confirmation_reason "「确认日期」"

# --- fees: by pages, paid ---
gk request step "$MAIL" --step review
gk request step "$MAIL" --step fee_notice --pages 250
expect_rc fee_by_pages 0
expect_out fee_by_pages_amount "信息处理费：4700 元"
gk request show "$MAIL" --json
expect_eq fee_fields "$(json 'j["fee_method"], j["fee_units"], j["fee_fen"], j["fee_state"]')" "('by_pages', 250, 470000, 'noticed')"
gk request step "$MAIL" --step reply --outcome 1
expect_rc reply_while_fee_unpaid_refused 2
gk request step "$MAIL" --step fee_paid
expect_rc fee_paid 0

# --- lists and the due list, as of Mon 04-13 ---
at 2026-04-13
gk request list --unit "$MZ" --status open --json
expect_eq list_open "$(json '[r["id"] for r in j["requests"]]')" "[$(sqlite3 "$DB" "SELECT group_concat(id, ', ') FROM (SELECT id FROM requests WHERE unit_id = $MZ AND status NOT IN ('replied','archived') ORDER BY received_on DESC, id DESC)")]"
gk request list --text 律师
expect_out list_text "某律师事务所"
# mail_plain received Mon 03-09: due Tue 04-07 (03-10 … 04-03 are 19,
# 清明 off, 04-07 the 20th); mail_signed received Tue 03-10: due 04-08;
# both overdue on 04-13, the earlier first
gk request due --unit "$MZ" --json
expect_eq due_overdue "$(json '[(r["id"], r["due"]) for r in j["overdue"]]')" "[($PLAIN, '2026-04-07'), ($MAIL, '2026-04-08')]"
expect_eq due_none_soon "$(json 'len(j["due_soon"]), len(j["paused"])')" "(0, 0)"
gk request list --status 没有这种状态
expect_rc list_bad_status 2

# --- the reply template of a region ---
printf '{申请人}：{答复意见}\n不服的，可申请行政复议或提起行政诉讼（{复议机关}）。\n' >"$TMP/tpl.txt"
gk request template --region 430104 --set "$TMP/tpl.txt" --review-body 长沙市岳麓区人民政府
expect_rc template_set 0
gk request letter "$MAIL" --outcome 1 --day 2026-04-13
expect_out template_used "某律师事务所：您申请获取的政府信息属于公开范围"
expect_out review_body_used "（长沙市岳麓区人民政府）"
printf '没有救济途径\n' >"$TMP/bad.txt"
gk request template --region 430104 --set "$TMP/bad.txt"
expect_rc template_without_remedy_refused 2
expect_eq template_audited "$(count "audit_log WHERE action IN ('request.template', 'request.review_body')")" 2
gk request outcomes --json
expect_eq outcomes_codes "$(json '" ".join(o["code"] for o in j)')" "1 2 3.1 3.2 3.3 3.4 3.5 3.6 3.7 3.8 4.1 4.2 4.3 5.1 5.2 5.3 5.4 5.5 6.1 6.2 6.3"
gk audit verify
expect_rc audit_chain_intact_at_end 0
