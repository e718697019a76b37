#!/usr/bin/env bash
# test-calendar.sh: gongkai calendar end to end on a real database file —
# the 2024–2026 holidays written by init, is-workday, working-day counts
# across 春节 and 国庆 with --explain, a year not entered (2027), add-date
# and remove-date changing a result, bad dates refused with nothing
# written, and import all or nothing.
. "$(dirname "$0")/lib.sh"

cal_digest() {
	"$GK" --db "$DB" calendar list --json 2>/dev/null | md5sum | cut -d' ' -f1
}

gk init
expect_rc init 0

# --- what init wrote: domain-facts §6 ---
gk calendar list --json
expect_rc list_json 0
expect_eq list_all_75 "$(json 'j["total"]')" 75
expect_eq list_all_off_work "$(json '(j["off"], j["work"])')" "(56, 19)"
expect_eq list_years_json "$(json 'j["years"]')" "[2024, 2025, 2026]"
expect_eq list_years_json "$(json 'j["years"]')" "[2024, 2025, 2026]"
gk calendar list --year 2026 --json
expect_eq list_2026 "$(json '(j["year"], j["total"], j["off"], j["work"], j["covered"])')" "(2026, 25, 19, 6, True)"
expect_eq list_2026_first "$(json '(j["days"][0]["day"], j["days"][0]["weekday"], j["days"][0]["kind"], j["days"][0]["note"])')" "('2026-01-01', '周四', 'off', '元旦')"
expect_eq list_2026_source "$(json 'j["days"][0]["source"]')" "国务院办公厅关于2026年部分节假日安排的通知（2025年11月4日）"
gk calendar list --year 2025
expect_out list_text_row "2025-10-08"
expect_out list_text_note "国庆节、中秋节"
expect_out list_text_total "共 23 天：放假 18 天，调休上班 5 天"
gk calendar list
expect_out list_years "已录入年份：2024、2025、2026"
gk calendar list --year 2027
expect_rc list_2027_ok 0
expect_err list_2027_warns "未录入2027年节假日安排"
gk calendar list --year 2027 --json
expect_eq list_2027_json "$(json '(j["total"], j["covered"])')" "(0, False)"

# --- is-workday ---
gk calendar is-workday 2026-10-01
expect_out is_workday_holiday "2026-10-01（周四） 休息日（国庆节放假）"
gk calendar is-workday 2026/10/3
expect_out is_workday_weekend_in_holiday "2026-10-03（周六） 休息日（周六，国庆节假期）"
gk calendar is-workday 2026-10-10
expect_out is_workday_tiaoxiu "工作日（国庆节调休上班）"
gk calendar is-workday 2025-01-26
expect_out is_workday_sunday_worked "2025-01-26（周日） 工作日（春节调休上班）"
gk calendar is-workday 2024-02-29
expect_out is_workday_leap_day "2024-02-29（周四） 工作日"
gk calendar is-workday 2027-01-01
expect_out is_workday_2027_plain "2027-01-01（周五） 工作日"
expect_err is_workday_2027_warns "未录入2027年节假日安排"

# --- counting working days ---
gk calendar workdays --from 2026-09-30 --days 20
expect_rc workdays_ok 0
expect_eq workdays_national_day_2026 "$OUT" "2026-11-03"
gk calendar workdays --from 2026-09-30 --days 20 --explain
expect_eq explain_first_line "$(head -n1 <<<"$OUT")" "2026-11-03"
expect_out explain_start "2026-09-30（周三）起算，当日不计入，往后数20个工作日"
expect_out explain_holiday "10-01（周四）至10-07（周三）国庆节放假，共7天，不计入"
expect_out explain_tiaoxiu "10-10（周六）国庆节调休上班，计为第3个工作日"
expect_out explain_weekends "其余周六、周日共7天，不计入"
expect_out explain_result "第20个工作日为 2026-11-03（周二）"
gk calendar workdays --from 2026-02-13 --days 20
expect_eq workdays_spring_2026 "$OUT" "2026-03-19"
gk calendar workdays --from 2026-02-13 --days 1
expect_eq workdays_spring_2026_saturday "$OUT" "2026-02-14"
gk calendar workdays --from 2025-01-24 --days 1
expect_eq workdays_spring_2025_sunday "$OUT" "2025-01-26"
gk calendar workdays --from 2025-01-24 --days 20
expect_eq workdays_spring_2025 "$OUT" "2025-02-27"
gk calendar workdays --from 2025-12-31 --days 1
expect_eq workdays_new_year_sunday "$OUT" "2026-01-04"
gk calendar workdays --from 2026-11-03 --days -20
expect_eq workdays_backwards "$OUT" "2026-09-30"
gk calendar workdays --from 2026-10-01 --days 0
expect_eq workdays_zero "$OUT" "2026-10-01"
gk calendar workdays --from 2026-09-30 --days 20 --natural
expect_eq workdays_natural "$OUT" "2026-10-20"
gk calendar workdays --from 2026-12-31 --days 20
expect_eq workdays_into_2027 "$OUT" "2027-01-28"
expect_err workdays_2027_warns "未录入2027年节假日安排，2027年按周六、周日休息计算"
gk calendar workdays --from 2026-12-25 --days 10 --explain
expect_out explain_2027_line "注意：未录入2027年节假日安排"

# --- usage errors ---
gk calendar
expect_rc no_subcommand 2
gk calendar frob
expect_rc unknown_subcommand 2
gk calendar workdays --from 2026-09-30
expect_rc workdays_needs_days 2
gk calendar workdays --from 2026-09-30 --days 二十
expect_rc workdays_bad_days 2
gk calendar workdays --from 2026-9-30 --days 20
expect_rc workdays_bad_from 2
expect_err workdays_bad_from_message "不是有效日期"
gk calendar list --year 26
expect_rc list_bad_year 2
gk help calendar
expect_rc help 0
expect_out help_usage "gongkai calendar 子命令"

# --- add-date / remove-date: bad input writes nothing ---
BEFORE=$(cal_digest)
gk calendar add-date 2026-02-30 off
expect_rc add_bad_date 2
expect_err add_bad_date_message "「2026-02-30」不是有效日期"
gk calendar add-date 2025-02-29 off
expect_rc add_not_leap 2
gk calendar add-date 2026-10-3 off
expect_rc add_loose_date 2
gk calendar add-date 2026-10-03 off --note 国庆节
expect_rc add_off_on_saturday 1
expect_err add_off_on_saturday_message "2026-10-03 是周六"
gk calendar add-date 2026-10-08 work
expect_rc add_work_on_thursday 1
expect_err add_work_on_thursday_message "周四"
gk calendar add-date 2026-10-08 holiday
expect_rc add_bad_kind 2
gk calendar add-date 2026-10-08
expect_rc add_missing_kind 2
expect_eq add_refused_nothing_written "$(cal_digest)" "$BEFORE"

# --- add-date changes a result; remove-date restores it ---
gk calendar add-date 2026/11/2 off --note 测试假日 --source 单元测试
expect_rc add_ok 0
expect_out add_says "已录入 2026-11-02（周一）：放假（测试假日）"
gk calendar workdays --from 2026-09-30 --days 20
expect_eq add_moves_result "$OUT" "2026-11-04"
gk calendar add-date 2026-11-02 off --note 改过的说明
expect_out add_again_updates "已更新"
gk calendar list --year 2026 --json
expect_eq add_replaced_note "$(json '[d["note"] for d in j["days"] if d["day"]=="2026-11-02"][0]')" 改过的说明
expect_eq add_one_row "$(json 'j["total"]')" 26
gk calendar remove-date 2026-11-02
expect_rc remove_ok 0
expect_out remove_says "已删除 2026-11-02（周一）的安排"
gk calendar workdays --from 2026-09-30 --days 20
expect_eq remove_restores_result "$OUT" "2026-11-03"
gk calendar remove-date 2026-11-02
expect_rc remove_missing 1
expect_err remove_missing_message "没有录入过"
gk calendar remove-date 2026-11-31
expect_rc remove_bad_date 2
gk calendar add-date 2026-10-17 work --note 测试调休
gk calendar workdays --from 2026-09-30 --days 20
expect_eq add_work_saturday "$OUT" "2026-11-02"
gk calendar remove-date 2026-10-17
expect_eq after_edits_same_as_before "$(cal_digest)" "$BEFORE"

# --- import: all or nothing ---
cat >"$TMP/bad.csv" <<'EOF'
day,kind,note
2027-02-08,off,春节
2027-02-30,off,不存在的日期
2027-02-06,off,周六不能放假
2027-02-10,work,周三不能调休
2027-02-11,holiday,类型不对
2027-02-08,off,重复
EOF
gk calendar import "$TMP/bad.csv"
expect_rc import_bad 1
expect_err import_bad_count "导入失败，共 5 个问题，数据库未作任何修改"
expect_err import_bad_date "bad.csv:bad:第3行:「day」: 「2027-02-30」不是有效日期"
expect_err import_bad_saturday "第4行:「day」: 2027-02-06 是周六"
expect_err import_bad_weekday "第5行:「day」: 2027-02-10 是周三"
expect_err import_bad_kind "第6行:「kind」: 「holiday」应为 off（放假）或 work（调休上班）"
expect_err import_bad_duplicate "第7行:「day」: 2027-02-08 在第2行已出现过"
expect_eq import_bad_nothing_written "$(cal_digest)" "$BEFORE"
printf 'day,when\n2027-02-08,off\n' >"$TMP/header.csv"
gk calendar import "$TMP/header.csv"
expect_rc import_bad_header 1
expect_err import_bad_header_message "表头「when」不认识"
gk calendar import "$TMP/missing.csv"
expect_rc import_missing_file 1
expect_eq import_failures_nothing_written "$(cal_digest)" "$BEFORE"

# the shipped file is the migration's rows: importing it changes nothing
gk calendar import "$ROOT/data/calendar/2024-2026.csv"
expect_rc import_shipped 0
expect_out import_shipped_count "已导入 75 天的安排"
expect_eq import_shipped_same "$(cal_digest)" "$BEFORE"

# an office's file for a new year (GBK, as Excel saves CSV on Chinese
# Windows; Chinese headers; 2027/2/6 style dates)
printf '日期,类型,说明,来源\r\n2027/2/6,work,春节,测试通知\r\n2027-02-08,放假,春节,测试通知\r\n2027-02-09,off,春节,测试通知\r\n' |
	iconv -f UTF-8 -t GBK >"$TMP/2027.csv"
gk calendar import "$TMP/2027.csv"
expect_rc import_2027 0
expect_out import_2027_count "已导入 3 天的安排"
gk calendar list --year 2027 --json
expect_eq import_2027_rows "$(json '[(d["day"], d["kind"], d["note"]) for d in j["days"]]')" "[('2027-02-06', 'work', '春节'), ('2027-02-08', 'off', '春节'), ('2027-02-09', 'off', '春节')]"
gk calendar workdays --from 2027-02-05 --days 2
expect_eq import_2027_counts "$OUT" "2027-02-10"
expect_eq import_2027_no_warning "$ERR" ""
