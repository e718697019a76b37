#!/usr/bin/env bash
# test-report.sh: gongkai report annual — the annual report (年报) of a
# region's government and of a unit on a real database file: the JSON
# figures of tables 三 and 四 for a handful of applications and cases
# written with SQL (carried in from the year before, carried into the
# next, a street below the district left out), the fee sentence, the
# office's texts and entered table 二 figures; the .xlsx's sheets, merged
# cells and every official row and column label (unzip -p of the sheet
# XML); the HTML document; and bad arguments refused with a Chinese
# message and exit status 2.
. "$(dirname "$0")/lib.sh"
export GONGKAI_NOW=2026-01-20T09:00:00Z

gk init
gk region import "$ROOT/data/regions/changsha.csv"
gk unit add 岳麓区人民政府 --kind 人民政府 --region 430104; GOV=$OUT
gk unit add 岳麓区民政局 --kind 政府部门 --region 430104; MZ=$OUT
gk unit add 岳麓街道办事处 --kind 街道办事处 --region 430104002; ST=$OUT

# unit, code, kind, received, replied (NULL), outcome (NULL), fee_fen (NULL)
app() {
	local fee=NULL method=NULL state=NULL
	if [ "$7" != NULL ]; then fee=$7 method="'per_item'" state="'paid'"; fi
	sqlite3 "$DB" "INSERT INTO requests (unit_id, year, serial, code,
		applicant_kind, name, info_name, forms, delivery, channel,
		submitted_on, received_on, status, outcome, replied_on,
		fee_method, fee_units, fee_fen, fee_state, created_by,
		created_at, updated_at)
		VALUES ($1, CAST(substr('$4', 1, 4) AS INTEGER), $2, 'C$2', '$3',
		'申请人', '某项信息', '纸质', '邮寄', 'online', '$4', '$4',
		CASE WHEN $5 IS NULL THEN 'handling' ELSE 'replied' END, $6, $5,
		$method, CASE WHEN $fee IS NULL THEN NULL ELSE 11 END, $fee,
		$state, 'test', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')"
}
app "$GOV" 1 person 2025-03-01 "'2025-03-20'" "'1'" NULL
app "$MZ" 2 commercial 2024-12-20 "'2025-01-10'" "'3.3'" NULL
app "$MZ" 3 research 2025-11-30 NULL NULL NULL
app "$GOV" 4 person 2025-05-01 "'2025-05-15'" "'6.2'" 40000
app "$ST" 5 person 2025-02-01 "'2025-02-02'" "'2'" NULL
app "$GOV" 6 legal 2024-06-01 "'2024-06-10'" "'1'" NULL
sqlite3 "$DB" "INSERT INTO request_cases (unit_id, kind, result, filed_on,
	decided_on, created_at) VALUES
	($MZ, 'review', 'upheld', '2025-04-01', '2025-06-01', 'x'),
	($GOV, 'suit_direct', 'pending', '2025-09-01', NULL, 'x'),
	($ST, 'review', 'corrected', '2025-03-01', '2025-04-01', 'x')"
sqlite3 "$DB" "INSERT INTO annual_reports (unit_id, year, overview, problems,
	other, table2, updated_at) VALUES ($GOV, 2025,
	'2025年，全区政府信息公开工作稳步推进。', '个别单位答复不够规范。',
	'无其他需要报告的事项。', '{\"permits\": 1200, \"fees_wan\": \"12.5\"}',
	'2026-01-10T00:00:00Z')"

# --- JSON: the region's government (--region and --unit agree) ---
gk report annual --region 430104 --year 2025 --format json
expect_rc json_region 0
expect_eq json_title "$(json 'j["title"]')" 岳麓区人民政府2025年政府信息公开工作年度报告
expect_eq json_scope "$(json '(j["region_wide"], [u["name"] for u in j["units"]])')" "(True, ['岳麓区人民政府', '岳麓区民政局'])"
t3='{r["code"]: r["values"] for r in j["table3"]["rows"]}'
expect_eq json_received "$(json "$t3[\"received\"]")" "{'person': 2, 'commercial': 0, 'research': 1, 'nonprofit': 0, 'legal': 0, 'other': 0, 'total': 3}"
expect_eq json_carried_in "$(json "$t3[\"carried_in\"][\"commercial\"], $t3[\"carried_in\"][\"total\"]")" "(1, 1)"
expect_eq json_outcomes "$(json "($t3[\"1\"][\"person\"], $t3[\"3.3\"][\"commercial\"], $t3[\"6.2\"][\"person\"], $t3[\"2\"][\"total\"])")" "(1, 1, 1, 0)"
expect_eq json_total "$(json "$t3[\"total\"][\"total\"]")" 3
expect_eq json_carried_out "$(json "$t3[\"carried_out\"]")" "{'person': 0, 'commercial': 0, 'research': 1, 'nonprofit': 0, 'legal': 0, 'other': 0, 'total': 1}"
expect_eq json_headings_have_no_figures "$(json "($t3[\"results\"], $t3[\"3\"])")" "(None, None)"
expect_eq json_balanced "$(json '(j["table3"]["balanced"], all(c["balanced"] for c in j["table3"]["check"]))')" "(True, True)"
expect_eq json_row_labels "$(json '[r["label"] for r in j["table3"]["rows"]][:3]')" "['一、本年新收政府信息公开申请数量', '二、上年结转政府信息公开申请数量', '三、本年度办理结果']"
expect_eq json_t4 "$(json '{r["key"]: r["values"] for r in j["table4"]["rows"]}')" "{'review': {'upheld': 1, 'corrected': 0, 'other': 0, 'pending': 0, 'total': 1}, 'suit_direct': {'upheld': 0, 'corrected': 0, 'other': 0, 'pending': 1, 'total': 1}, 'suit_after_review': {'upheld': 0, 'corrected': 0, 'other': 0, 'pending': 0, 'total': 0}}"
expect_eq json_fee "$(json 'j["sections"]["fee_sentence"]')" "依据《政府信息公开信息处理费管理办法》规定，2025年全区实际收取信息处理费共计400元。"
expect_eq json_texts "$(json '(j["sections"]["overview"], j["published_at"])')" "('2025年，全区政府信息公开工作稳步推进。', None)"
t2='{c["key"]: (c["text"], c["source"]) for b in j["table2"]["blocks"] for r in b["rows"] for c in r["cells"]}'
expect_eq json_t2_entered "$(json "($t2[\"permits\"], $t2[\"fees_wan\"], $t2[\"penalties\"])")" "(('1200', 'entered'), ('12.5', 'entered'), ('0', 'none'))"
expect_eq json_t2_headings "$(json '[b["heading"] for b in j["table2"]["blocks"]]')" "['第二十条第（一）项', '第二十条第（五）项', '第二十条第（六）项', '第二十条第（八）项']"
REGION_JSON=$OUT
gk report annual --unit "$GOV" --year 2025
expect_eq unit_of_government_is_region "$OUT" "$REGION_JSON"

# a department alone; the street alone
gk report annual --unit "$MZ" --year 2025 --format json
expect_eq json_department "$(json '(j["region_wide"], j["table3"]["rows"][0]["values"]["total"], j["table3"]["rows"][1]["values"]["total"], j["sections"]["fee_sentence"])')" "(False, 1, 1, '依据《政府信息公开信息处理费管理办法》规定，2025年本机关未收取信息处理费。')"
gk report annual --region 430104002 --year 2025
expect_eq json_street "$(json '(j["unit"]["id"], j["table3"]["rows"][0]["values"]["total"], j["table4"]["rows"][0]["values"]["corrected"])')" "($ST, 1, 1)"
gk report annual --region 430104 --year 2025 --out "$TMP/r.json"
expect_rc json_out 0
expect_eq json_out_same "$(cat "$TMP/r.json")" "$REGION_JSON"

# --- .xlsx: sheets, merges and the official labels ---
gk report annual --region 430104 --year 2025 --format xlsx --out "$TMP/r.xlsx"
expect_rc xlsx 0
expect_err xlsx_said "已生成 $TMP/r.xlsx"
WB=$(unzip -p "$TMP/r.xlsx" xl/workbook.xml)
for s in 年度报告 二、主动公开政府信息情况 三、收到和处理政府信息公开申请情况 四、政府信息公开行政复议、行政诉讼情况; do
	case "$WB" in *"name=\"$s\""*) ok "xlsx_sheet_$s" ;; *) notok "xlsx_sheet_$s" "${WB:0:400}" ;; esac
done
STR=$(unzip -p "$TMP/r.xlsx" xl/sharedStrings.xml)
while IFS= read -r label; do
	case "$STR" in *"<t>$label</t>"*) ok "xlsx_label $label" ;;
	*) notok "xlsx_label $label" "not in sharedStrings.xml" ;; esac
done <<'EOF'
岳麓区人民政府2025年政府信息公开工作年度报告
一、总体情况
五、存在的主要问题及改进情况
六、其他需要报告的事项
2025年，全区政府信息公开工作稳步推进。
依据《政府信息公开信息处理费管理办法》规定，2025年全区实际收取信息处理费共计400元。
第二十条第（一）项
第二十条第（五）项
第二十条第（六）项
第二十条第（八）项
信息内容
本年制发件数
本年废止件数
现行有效件数
本年处理决定数量
本年收费金额（单位：万元）
规章
行政规范性文件
行政许可
行政处罚
行政强制
行政事业性收费
（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）
申请人情况
自然人
法人或其他组织
商业企业
科研机构
社会公益组织
法律服务机构
其他
总计
一、本年新收政府信息公开申请数量
二、上年结转政府信息公开申请数量
三、本年度办理结果
（一）予以公开
（二）部分公开（区分处理的，只计这一情形，不计其他情形）
（三）不予公开
1.属于国家秘密
2.其他法律行政法规禁止公开
3.危及“三安全一稳定”
4.保护第三方合法权益
5.属于三类内部事务信息
6.属于四类过程性信息
7.属于行政执法案卷
8.属于行政查询事项
（四）无法提供
1.本机关不掌握相关政府信息
2.没有现成信息需要另行制作
3.补正后申请内容仍不明确
（五）不予处理
1.信访举报投诉类申请
2.重复申请
3.要求提供公开出版物
4.无正当理由大量反复申请
5.要求行政机关确认或重新出具已获取信息
（六）其他处理
1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请
2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请
3.其他
（七）总计
四、结转下年度继续办理
行政复议
行政诉讼
未经复议直接起诉
复议后起诉
结果维持
结果纠正
其他结果
尚未审结
EOF
# sheet 3 (table 三): the header note spans A2:C4, 三 spans 22 rows in
# column A, （三） 8 rows in column B; the figures of 一 (row 5) and 总计
S3=$(unzip -p "$TMP/r.xlsx" xl/worksheets/sheet3.xml)
for ref in A2:C4 D2:J2 D3:D4 E3:I3 J3:J4 A5:C5 A7:A28 B9:B16 B28:C28 A29:C29; do
	case "$S3" in *"<mergeCell ref=\"$ref\"/>"*) ok "xlsx_t3_merge_$ref" ;;
	*) notok "xlsx_t3_merge_$ref" "no merge" ;; esac
done
case "$S3" in *'<c r="J5" s="'*'"><v>3</v></c>'*) ok xlsx_t3_received_total ;;
*) notok xlsx_t3_received_total "J5 is not 3" ;; esac
case "$S3" in *'<c r="J28" s="'*'"><v>3</v></c>'*) ok xlsx_t3_outcomes_total ;;
*) notok xlsx_t3_outcomes_total "J28 is not 3" ;; esac
S4=$(unzip -p "$TMP/r.xlsx" xl/worksheets/sheet4.xml)
for ref in A2:E2 F2:O2 A3:A4 F3:J3 K3:O3; do
	case "$S4" in *"<mergeCell ref=\"$ref\"/>"*) ok "xlsx_t4_merge_$ref" ;;
	*) notok "xlsx_t4_merge_$ref" "no merge" ;; esac
done
case "$S4" in *'<c r="A5" s="'*'"><v>1</v></c>'*) ok xlsx_t4_review_upheld ;;
*) notok xlsx_t4_review_upheld "A5 is not 1" ;; esac
S2=$(unzip -p "$TMP/r.xlsx" xl/worksheets/sheet2.xml)
case "$S2" in *'<v>12.5</v>'*) ok xlsx_t2_fee_wan ;; *) notok xlsx_t2_fee_wan "no 12.5" ;; esac
case "$S2" in *'<v>1200</v>'*) ok xlsx_t2_permits ;; *) notok xlsx_t2_permits "no 1200" ;; esac

# --- HTML ---
gk report annual --region 430104 --year 2025 --format html
expect_rc html 0
expect_out html_doctype "<!DOCTYPE html>"
expect_out html_lang '<html lang="zh-CN">'
expect_out html_title "<h1>岳麓区人民政府2025年政府信息公开工作年度报告</h1>"
expect_out html_caption "<caption id=\"t3\">收到和处理政府信息公开申请情况</caption>"
expect_out html_rowgroup '<th scope="rowgroup" rowspan="22" class="group">三、本年度办理结果</th>'
expect_out html_rowgroup_3 '<th scope="rowgroup" rowspan="8" class="group">（三）不予公开</th>'
expect_out html_colgroup '<th scope="colgroup" colspan="5">法人或其他组织</th>'
expect_out html_print '@media print'
expect_out html_fee "2025年全区实际收取信息处理费共计400元。"
expect_out html_balanced "勾稽关系检查：各列均满足"
expect_out html_order "$(printf '%s' '<h2 id="s5">五、存在的主要问题及改进情况</h2>')"
order=$(grep -o '<h2 id="s[0-9]">[^<]*' <<<"$OUT" | sed 's/.*>//' | tr '\n' ' ')
expect_eq html_section_order "$order" "一、总体情况 二、主动公开政府信息情况 三、收到和处理政府信息公开申请情况 四、政府信息公开行政复议、行政诉讼情况 五、存在的主要问题及改进情况 六、其他需要报告的事项 "
gk report annual --unit "$MZ" --year 2025 --format html --out "$TMP/r.html"
expect_rc html_out 0
expect_eq html_out_file "$(grep -c '<table' "$TMP/r.html")" 6

# --- an imbalance is reported, the report still made ---
sqlite3 "$DB" "UPDATE requests SET replied_on = '2024-12-01' WHERE code = 'C3'"
gk report annual --unit "$MZ" --year 2025
expect_rc imbalance_still_made 0
expect_err imbalance_warned "提示：表三「科研机构」列不平衡"
expect_eq imbalance_json "$(json 'j["table3"]["balanced"]')" False
sqlite3 "$DB" "UPDATE requests SET replied_on = NULL WHERE code = 'C3'"

# --- bad arguments: exit 2, a Chinese message, nothing written ---
bad() {
	local name=$1 want=$2; shift 2
	gk report "$@"
	expect_rc "bad_${name}" 2
	expect_err "bad_${name}_says" "$want"
}
bad none "缺少报告类型"
bad kind "没有报告「monthly」" monthly --unit "$GOV" --year 2025
bad neither "请指定 --unit" annual --year 2025
bad both "二者选一" annual --unit "$GOV" --region 430104 --year 2025
bad unit_text "--unit 应为单位编号" annual --unit abc --year 2025
bad unit_missing "没有编号为 999 的单位" annual --unit 999 --year 2025
bad region_text "--region 应为" annual --region 43x104 --year 2025
bad region_missing "没有区划代码为 999999 的地区" annual --region 999999 --year 2025
bad no_year "缺少 --year" annual --unit "$GOV"
bad year_short "--year 应为" annual --unit "$GOV" --year 25
bad year_early "--year 应为 2008 到 2100" annual --unit "$GOV" --year 1999
bad format "--format 只能是" annual --unit "$GOV" --year 2025 --format pdf
bad xlsx_stdout "请用 --out" annual --unit "$GOV" --year 2025 --format xlsx
bad option "未知选项 --yaer" annual --unit "$GOV" --yaer 2025
bad unit_no_value "选项 --unit 缺少值" annual --unit --year 2025
bad extra "多余的参数「extra」" annual --unit "$GOV" --year 2025 extra
gk report annual --unit "$GOV" --year 2025 --format xlsx --out "$TMP/no/such/dir/r.xlsx"
expect_rc unwritable 1
expect_err unwritable_says "无法创建文件"
gk help report
expect_out help_usage "用法：gongkai report annual"
