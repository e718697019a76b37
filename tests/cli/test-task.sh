#!/usr/bin/env bash
# test-task.sh: gongkai task and gongkai ledger — supervision tasks and the
# bulletin-board ledger on the command line: a task from a notice with its
# 完成时限 as written, a unit reporting with an evidence file, the board
# (overdue first, --today, --state, --json), show with the reports, refusals
# in Chinese with exit status 1 and nothing written, usage errors with 2,
# close; a ledger entry with a photo, the CSV export, the kept figure and
# the 政务公开专区 checklist; every change in the audit trail.
. "$(dirname "$0")/lib.sh"

gk init
gk region add 430000 湖南省 --level 省
gk region add 430100 长沙市 --level 市 --parent 430000
gk region add 430104 岳麓区 --level 县 --parent 430100
gk region add 430104001 望月湖街道 --level 乡 --parent 430104
gk region add 430102 芙蓉区 --level 县 --parent 430100
gk unit add 望月湖街道办事处 --kind 街道办事处 --region 430104001
WYH=$OUT
gk unit add 岳麓区民政局 --kind 政府部门 --region 430104
MZ=$OUT
gk unit add 芙蓉区民政局 --kind 政府部门 --region 430102
FR=$OUT
[ -n "$WYH" ] && [ -n "$MZ" ] && [ -n "$FR" ] && ok units || notok units "$OUT $ERR"

# --- a task from a notice ---
gk task add --region 430104 --source "岳政务公开办发〔2021〕1号 第（一）项" \
	--text "更新发布2021版基层政务公开事项目录。" --units-text "各街道（镇）、区直相关部门" \
	--issued 2021-05-10 --due "2021年5月底前" --lead "$WYH" --unit "$MZ" --json
expect_rc task_add 0
T=$(json 'j["id"]')
gk task add --region 430104 --source "第（二）项" --text x --unit "$FR"
expect_rc task_add_outside_region 1
expect_err task_add_outside_region_why "芙蓉区民政局 不在本地区"
gk task add --region 430104 --source "第（三）项" --text x --unit "$MZ" --due 下个月
expect_rc task_add_bad_due 1
expect_err task_add_bad_due_why "「完成时限」"
gk task add --region 430104 --text x
expect_rc task_add_usage 2
expect_err task_add_usage_why "需要 --region、--source 和 --text"

# --- reporting ---
printf '目录发布情况说明\n' >"$TMP/说明.txt"
gk task report "$T" --unit "$WYH" --kind done --day 2021-05-27 --text "已发布2021版目录。" --file "$TMP/说明.txt"
expect_rc report_done 0
gk task report "$T" --unit "$WYH" --kind done --text "again"
expect_rc report_done_twice 1
expect_err report_done_twice_why "已报送完成"
printf '\x00\x01\x02binary' >"$TMP/bin.dat"
gk task report "$T" --unit "$MZ" --text "进展" --file "$TMP/bin.dat"
expect_rc report_unknown_file 1
expect_err report_unknown_file_why "「文件」"
gk task report "$T" --unit "$MZ" --day 2021-06-08 --kind 完成 --text "民政领域目录已发布。"
expect_rc report_late 0

# --- the board ---
gk task list --today 2021-06-01 --json
expect_rc list_json 0
expect_eq list_states "$(json '[u["state"] for u in j["tasks"][0]["units"]]')" "['overdue', 'done']"
expect_eq list_counts "$(json '(j["overdue"], j["done"])')" "(1, 1)"
gk task list --today 2021-07-01
expect_out list_text_late "逾期完成 岳麓区民政局：2021-06-08 完成，逾期 8 天"
expect_out list_text_done "已完成 望月湖街道办事处（牵头）：2021-05-27 完成"
gk task list --today 2021-07-01 --state overdue
expect_out list_filter_none "没有督办任务"
gk task list --state bogus
expect_rc list_bad_state 2
gk task list --unit "$WYH" --today 2021-07-01 --json
expect_eq list_unit_only "$(json 'len(j["tasks"][0]["units"])')" 1
gk task show "$T" --json
expect_eq show_reports "$(json '[r["kind"] for r in j["reports"]]')" "['done', 'done']"
expect_eq show_file "$(json 'j["reports"][0]["files"][0]["name"]')" "说明.txt"
gk task show 999
expect_rc show_missing 1
expect_err show_missing_why "没有这个督办任务"
gk task close "$T" --day 2021-07-02
expect_rc close 0
gk task report "$T" --unit "$MZ" --text "x"
expect_rc report_closed 1
expect_err report_closed_why "办结"

# --- the ledger ---
python3 -c 'import sys,zlib,struct
def c(t,d): return struct.pack(">I",len(d))+t+d+struct.pack(">I",zlib.crc32(t+d)&0xffffffff)
sys.stdout.buffer.write(b"\x89PNG\r\n\x1a\n"+c(b"IHDR",struct.pack(">IIBBBBB",1,1,8,2,0,0,0))+c(b"IDAT",zlib.compress(b"\x00\xb3\x12\x1b"))+c(b"IEND",b""))' >"$TMP/现场.png"
gk ledger add --unit "$WYH" --title "=2026年低保对象公示" --place 便民服务中心公示栏 \
	--from 2026-01-05 --to 2026-01-12 --by 张红 --photo "$TMP/现场.png"
expect_rc ledger_add 0
gk ledger add --unit "$WYH" --title 公示 --place 公示栏 --from 2026-02-05 --to 2026-02-01 --by 张红
expect_rc ledger_add_bad_dates 1
expect_err ledger_add_bad_dates_why "早于开始日期"
gk ledger list --unit "$WYH" --json
expect_eq ledger_list "$(json '(len(j["entries"]), j["entries"][0]["photos"])')" "(1, 1)"
gk ledger export --unit "$WYH" -o "$TMP/台账.csv"
expect_rc ledger_export 0
head -c 3 "$TMP/台账.csv" | od -An -tx1 | grep -q "ef bb bf" && ok ledger_csv_bom || notok ledger_csv_bom "no BOM"
grep -q "'=2026年低保对象公示" "$TMP/台账.csv" && ok ledger_csv_defused || notok ledger_csv_defused "$(cat "$TMP/台账.csv")"
gk ledger kept --unit "$WYH" --from 2026-01-01 --to 2026-03-31 --json
expect_eq ledger_kept "$(json '(j["kept"], j["entries"], j["with_photos"], j["months"], j["months_kept"])')" "(True, 1, 1, 3, 1)"
expect_eq ledger_kept_score "$(json 'round(j["score"], 4)')" "0.6667"
gk ledger kept --unit "$WYH" --from 2026-03-31 --to 2026-01-01
expect_rc ledger_kept_bad_period 1
gk ledger zone --level township
expect_out zone_township "便民卡"
expect_out zone_source "乡镇（街道）级公开载体配置与应用相关要求"
gk ledger zone --level city
expect_rc zone_bad_level 2

# --- the audit trail ---
gk audit list --action task. --json
expect_eq audit_task "$(json 'sorted({e["action"] for e in j["entries"]})')" "['task.add', 'task.close', 'task.report']"
gk audit list --action ledger. --json
expect_eq audit_ledger "$(json '[e["action"] for e in j["entries"]]')" "['ledger.add']"
gk audit verify
expect_rc audit_verify 0
