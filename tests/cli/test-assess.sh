#!/usr/bin/env bash
# test-assess.sh: gongkai assess — assessment (考核) on the Changsha demo
# database: the Yuelu table of seed 004 imports with its totals (街道（镇）
# 100, 区直相关部门 100, bonus at most 5) and exports to .csv and .xlsx
# that import back to the same table; a bad table is refused with its
# row and column and nothing written; a round over Yuelu's streets and
# departments scores its automatic lines from the data, every automatic
# score equal to points × num / den with the ratio in its figure (and the
# timeliness figure of 望月湖街道 equal to a count made with SQL); manual
# scores are checked; a unit responds once; finalising waits for every
# line; the ranking exports as .csv and .xlsx (sheets per target type and
# the details); bad arguments exit 2.
. "$(dirname "$0")/lib.sh"
export GONGKAI_NOW=2022-01-10T02:00:00Z
YUELU="$ROOT/data/assessment/yuelu-2021.csv"

(cd "$ROOT" && "$GK" --db "$DB" demo >/dev/null 2>"$TMP/demo.err")
expect_eq demo_built "$?" 0

# --- the table ---
gk assess import "$YUELU" --region 430104
expect_rc import_yuelu 0
expect_out import_totals "分值合计：街道（镇） 100 分、区直相关部门 100 分；加分项最多 5 分"
expect_out import_lines "指标 24 项，加分项 1 项"
expect_out import_base "说明中的基准分 100 分，各类考核对象的合计与之相符"
gk assess table 1 --json
expect_eq table_totals "$(json '[(t["name"], t["total"], t["bonus_max"]) for t in j["types"]]')" "[('街道（镇）', 100.0, 5.0), ('区直相关部门', 100.0, 5.0)]"
expect_eq table_cap "$(json '(j["base_total"], j["bonus_cap"], j["lines"])')" "(100.0, 5.0, 25)"
expect_eq table_first_lines "$(json '[l["name"] for l in j["tree"] if l["level"] == 1]')" "['工作组织与推进', '公开内容', '公开渠道', '公开管理', '工作推进响应情况', '加分项']"
expect_eq table_measures "$(json '[(l["number"], l["measure"]) for l in j["tree"] if l.get("measure")]')" "[(5, 'tasks'), (8, 'timeliness'), (16, 'coverage'), (17, 'coverage'), (21, 'findings'), (22, 'ledger'), (24, 'tasks')]"
expect_eq table_evidence "$(json '[l["evidence"] for l in j["tree"] if l.get("number") in (2, 3, 10, 24)]')" "['签到表', '照片、签到表', '照片、实地察看', '日常考评']"
TREE=$(json 'j["tree"]')

gk assess export 1 --out "$TMP/yuelu.csv"
expect_rc export_csv 0
gk assess export 1 --format xlsx --out "$TMP/yuelu.xlsx"
expect_rc export_xlsx 0
gk assess import "$TMP/yuelu.csv"
expect_rc reimport_csv 0
gk assess table 2 --json
expect_eq csv_round_trip "$(json 'j["tree"]')" "$TREE"
gk assess import "$TMP/yuelu.xlsx"
expect_rc reimport_xlsx 0
gk assess table 3 --json
expect_eq xlsx_round_trip "$(json 'j["tree"]')" "$TREE"
expect_eq xlsx_has_title "$(unzip -p "$TMP/yuelu.xlsx" xl/sharedStrings.xml | grep -c '岳麓区基层政务公开标准化规范化工作考核指标')" 1

# --- a bad table: refused whole, with its row and column ---
sed -e 's/街道（镇） 10分 区直相关部门 20分,提交文字材料、网页截图/街道（镇） 10分 区直相关部门 21分,提交文字材料、网页截图/' \
    -e 's/区直相关部门 5分,查看培训签到表/区直相关部门,查看培训签到表/' "$YUELU" >"$TMP/坏表.csv"
gk assess import "$TMP/坏表.csv"
expect_rc bad_refused 1
expect_eq bad_message "$ERR" "坏表.csv:坏表:第4行:「考核对象及分值」: 「区直相关部门」没有写分值（应写作「区直相关部门 4分」；只有加分项可以只写考核对象）"
sed -e 's/街道（镇） 10分 区直相关部门 20分,提交文字材料、网页截图/街道（镇） 10分 区直相关部门 21分,提交文字材料、网页截图/' "$YUELU" >"$TMP/合计不符.csv"
gk assess import "$TMP/合计不符.csv"
expect_rc total_refused 1
expect_eq total_message "$ERR" "合计不符.csv:合计不符: 「区直相关部门」各项分值合计 101 分，与说明中的基准分 100 分不符"
gk assess tables --json
expect_eq nothing_written "$(json 'len(j)')" 3

# --- a round over Yuelu's streets and departments ---
gk assess create --table 1 --name 2021年度基层政务公开考核 --region 430104 --from 2021-01-01 --to 2021-12-31 --units-of 430104
expect_rc round_created 0
ROUND=$OUT
gk assess show "$ROUND" --json
# the streets and the town as 街道（镇）, the departments (not the office
# itself) as 区直相关部门; no government, no community
WANT=$(sqlite3 "$DB" "SELECT group_concat(name || '=' || t, ' ') FROM (SELECT u.name, CASE WHEN u.kind = '政府部门' THEN '区直相关部门' ELSE '街道（镇）' END AS t, CASE WHEN u.kind = '政府部门' THEN 1 ELSE 0 END AS k FROM units u WHERE (u.region_code = '430104' AND u.kind = '政府部门' AND u.name NOT LIKE '%政务公开办%') OR (u.region_code LIKE '430104___' AND u.kind IN ('街道办事处', '乡镇人民政府')) ORDER BY k, u.region_code, u.name)")
expect_eq round_targets "$(json '" ".join(t["unit"] + "=" + t["type"] for t in j["targets"])')" "$WANT"
NSTREETS=$(json 'sum(t["type"] == "街道（镇）" for t in j["targets"])')
NDEPTS=$(json 'sum(t["type"] == "区直相关部门" for t in j["targets"])')
expect_eq round_lines "$(json 'sorted(set((t["type"], t["lines"], t["scored"]) for t in j["targets"]))')" "[('区直相关部门', 10, 0), ('街道（镇）', 23, 0)]"

gk assess score "$ROUND"
expect_rc auto_scored 0
expect_out auto_summary "按平台数据评分："
gk assess show "$ROUND" --json
# every automatic score is its points × num / den, and says so
expect_eq auto_traceable "$(json '[ (t["unit"], s["number"]) for t in j["targets"] for s in t["scores"] if s["source"] == "auto" and not (s["den"] and round(s["score"]*100) == (s["num"]*round(s["points"]*100)*2 + s["den"])//(2*s["den"]) and "%d/%d" % (s["num"], s["den"]) in s["figure"]) ]')" "[]"
expect_eq auto_some "$(json 'sum(1 for t in j["targets"] for s in t["scores"] if s["source"] == "auto") > 10')" True
WYH=$(json '[t["unit_id"] for t in j["targets"] if t["unit"] == "望月湖街道办事处"][0]')
MZ=$(json '[t["unit_id"] for t in j["targets"] if t["unit"] == "岳麓区民政局"][0]')
# 望月湖's timeliness: every record published in 2021 under an item with a
# fixed 公开时限 (the demo publishes them all within it)
N=$(sqlite3 "$DB" "SELECT COUNT(*) FROM records r JOIN items i ON i.id = r.item_id WHERE r.unit_id = $WYH AND r.status IN ('published', 'withdrawn') AND r.deleted_at IS NULL AND r.published_on BETWEEN '2021-01-01' AND '2021-12-31' AND i.tl_kind = 'deadline' AND r.written_on <> ''")
expect_eq timeliness_figure "$(json "[s['figure'] for t in j['targets'] if t['unit_id'] == $WYH for s in t['scores'] if s['number'] == 8][0]")" "按时公开 $N/$N = 100%（期内有公开时限的信息 $N 条：按时 $N 条，逾期发布 0 条，逾期未发布 0 条），按本项 2 分折算 2 分"
expect_eq coverage_figure "$(json "[s['figure'].startswith('二级事项覆盖率 ') for t in j['targets'] if t['unit_id'] == $WYH for s in t['scores'] if s['number'] == 17]")" "[True]"

# --- manual scores ---
gk assess set "$ROUND" --unit "$WYH" --line 1 --score 3
expect_rc deduction_needs_reason 1
expect_err deduction_message "第1项「明确部门（单位）责任领导，明确负责科（室），明确…」：得分 3 分低于满分 4 分，请在评语中写明扣分理由"
gk assess set "$ROUND" --unit "$WYH" --line 1 --score 4.5
expect_err over_full "得分 4.5 分超过本项满分 4 分"
gk assess set "$ROUND" --unit "$WYH" --line 2 --score 5
expect_err not_for_streets "第2项「积极参加基层政务公开业务培训。」：不考核街道（镇）（望月湖街道办事处）"
gk assess set "$ROUND" --unit "$WYH" --line 8 --score 1 --comment x
expect_err auto_not_by_hand "由平台数据自动评分"
gk assess set "$ROUND" --unit "$WYH" --line 1 --score 3.5 --comment 未明确专门工作人员
expect_rc manual_scored 0
gk assess set "$ROUND" --unit "$WYH" --line 99 --score 1
expect_rc no_such_line 2

# --- the unit responds once ---
gk assess respond "$ROUND" --unit "$WYH" --text 第1项：已明确专门工作人员，见补充材料。
expect_rc responded 0
gk assess respond "$ROUND" --unit "$WYH" --text 再次提出
expect_rc second_response_refused 1
expect_err second_response_message "每个单位只能提出一次"

# --- finalising waits for every line, then the ranking ---
gk assess finalise "$ROUND"
expect_rc finalise_refused 1
expect_err finalise_lists "尚未评分，全部评分后才能定稿"
gk assess show "$ROUND" --json
json '"\n".join("%d %d %s" % (t["unit_id"], s["number"], ("0" if s["bonus"] else ("%g" % s["points"]))) for t in j["targets"] for s in t["scores"] if s["score"] is None)' >"$TMP/todo"
while read -r unit line score; do
	"$GK" --db "$DB" assess set "$ROUND" --unit "$unit" --line "$line" --score "$score" 2>>"$TMP/set.err" || echo "set $unit $line failed" >>"$TMP/set.err"
done <"$TMP/todo"
expect_eq all_scored "$(cat "$TMP/set.err")" ""
gk assess finalise "$ROUND"
expect_rc finalised 0
gk assess set "$ROUND" --unit "$WYH" --line 1 --score 4
expect_err final_is_final "已定稿，不能再修改评分"
gk assess ranking "$ROUND"
expect_rc ranking_csv 0
CSV=$(printf '%s\n' "$OUT" | tr -d '\r' | sed 's/^\xef\xbb\xbf//')
expect_eq ranking_header "$(printf '%s\n' "$CSV" | head -n 1)" "考核对象类型,名次,单位,基础得分,加分,总分,已评项数,应评项数"
expect_eq ranking_rows "$(printf '%s\n' "$CSV" | tail -n +2 | cut -d, -f1 | uniq -c | awk '{print $2 "=" $1}' | tr '\n' ' ')" "街道（镇）=$NSTREETS 区直相关部门=$NDEPTS "
expect_eq ranking_complete "$(printf '%s\n' "$CSV" | tail -n +2 | awk -F, '$7 != $8' | wc -l)" 0
expect_eq ranking_ordered "$(printf '%s\n' "$CSV" | tail -n +2 | awk -F, 'prev == $1 && $6 + 0 > last + 0 { bad = 1 } { prev = $1; last = $6 } END { print bad + 0 }')" 0
gk assess ranking "$ROUND" --out "$TMP/ranking.xlsx"
expect_rc ranking_xlsx 0
expect_eq ranking_sheets "$(unzip -p "$TMP/ranking.xlsx" xl/workbook.xml | grep -o 'name="[^"]*"' | tr '\n' ' ')" 'name="街道（镇）" name="区直相关部门" name="评分明细" '
expect_eq ranking_details "$(unzip -p "$TMP/ranking.xlsx" xl/sharedStrings.xml | grep -c '按时公开')" 1
gk assess show "$ROUND" --json
expect_eq final_state "$(json '(j["round"]["status"], all(t["scored"] == t["lines"] for t in j["targets"]))')" "('final', True)"
expect_eq response_kept "$(json "[t['response'] for t in j['targets'] if t['unit_id'] == $WYH][0]")" "第1项：已明确专门工作人员，见补充材料。"

# every change left its audit entry, and the chain holds
expect_eq audited "$(sqlite3 "$DB" "SELECT COUNT(DISTINCT action) FROM audit_log WHERE action IN ('assess.table_import', 'assess.round_create', 'assess.auto', 'assess.score', 'assess.respond', 'assess.finalise')")" 6
gk audit verify
expect_rc audit_chain 0

# --- bad usage ---
gk assess
expect_rc no_subcommand 2
gk assess show 999
expect_rc no_such_round 2
gk assess export 1 --format pdf
expect_rc bad_format 2
gk assess create --table 1 --name x --region 430104 --from 2021-01-01 --to 2021-12-31
expect_rc no_targets 2
gk assess create --table 1 --name x --region 430104 --from 2021-02-30 --to 2021-01-01 --unit "$MZ:村（社区）"
expect_rc bad_round 1
expect_err bad_round_date "「考核期间」：开始日期「2021-02-30」不是日期"
expect_err bad_round_type "岳麓区民政局 的类型「村（社区）」不在本表中"
