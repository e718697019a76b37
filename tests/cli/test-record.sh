#!/usr/bin/env bash
# test-record.sh: gongkai record … end to end on real database files —
# import of office tables (UTF-8 with variant headers, GBK with a title row)
# under published catalog items, every bad table refused with nothing
# written, listing with paging, show and --json, export to CSV and .xlsx and
# back into other databases (the same bytes again), attachments with their
# type found from the content, publish and withdraw, and the demo's records.
. "$(dirname "$0")/lib.sh"
export GONGKAI_NOW=2026-03-02T09:00:00Z

count() { sqlite3 "$DB" "SELECT COUNT(*) FROM $1"; }

# A database with Changsha's regions, three units and the city's 社会救助 and
# 义务教育 catalogs (published unless $1 is "draft").
setup() {
	gk init
	gk region import "$ROOT/data/regions/changsha.csv"
	gk unit add 长沙市人民政府 --kind 人民政府 --region 430100; GOV=$OUT
	gk unit add 长沙市民政局 --kind 政府部门 --region 430100; MZ=$OUT
	gk unit add 岳麓区人民政府 --kind 人民政府 --region 430104; YL=$OUT
	gk catalog import "$ROOT/data/catalogs/shjz.csv" --region 430100 --domain shjz --version 2020版; SH=$OUT
	gk catalog import "$ROOT/data/catalogs/ywjy.csv" --region 430100 --domain ywjy --version 2020版; YW=$OUT
	if [ "${1:-}" != draft ]; then
		for c in "$SH" "$YW"; do
			gk catalog submit "$c"; gk catalog approve "$c"; gk catalog publish "$c"
		done
	fi
	gk catalog show "$SH" --json
	APPROVE=$(json '[i["id"] for i in j["items"] if i["name"]=="审批信息"][0]')
	REVIEW=$(json '[i["id"] for i in j["items"] if i["name"]=="审核信息"][0]')
	GROUP=$(json '[i["id"] for i in j["items"] if i["name"]=="最低生活保障"][0]')
	gk catalog show "$YW" --json
	SCHOOLS=$(json '[i["id"] for i in j["items"] if i["name"]=="义务教育学校名录"][0]')
}

setup draft
# --- only items of published catalogs take records ---
gk record import "$ROOT/tests/data/good/records-dibao.csv" --item "$APPROVE"
expect_rc import_into_draft_refused 1
expect_err import_into_draft_message "只能向已发布目录的事项导入信息"
for c in "$SH" "$YW"; do gk catalog submit "$c"; gk catalog approve "$c"; gk catalog publish "$c"; done

# --- a UTF-8 table with the headers offices use ---
gk record import "$ROOT/tests/data/good/records-dibao.csv" --item "$APPROVE" --unit "$MZ"
expect_rc import_dibao 0
expect_out import_dibao_count "已导入 6 条信息"
expect_eq import_dibao_rows "$(count records)" 6
gk record list --item "$APPROVE" --json
expect_eq list_total "$(json 'j["total"]')" 6
expect_eq list_newest_first "$(json '[r["published_on"] for r in j["records"]][:3]')" "['2021-07-06', '2021-06-30', '2021-06-28']"
ID=$(json '[r["id"] for r in j["records"] if r["title"].startswith("长沙市2021年第二季度")][0]')
gk record show "$ID" --json
expect_eq show_dates_normalised "$(json '(j["written_on"], j["published_on"])')" "('2021-06-25', '2021-06-30')"
expect_eq show_index_generated "$(json 'j["index_no"]')" "$(printf '%09d' "$MZ")/2021-00001"
expect_eq show_unit "$(json '(j["unit"]["id"], j["unit"]["name"], j["publisher"])')" "($MZ, '长沙市民政局', '长沙市民政局')"
expect_eq show_defaults "$(json '(j["validity"], j["validity_label"], j["disclosure"], j["status"])')" "('valid', '有效', 'active', 'published')"
expect_eq show_element "$(json 'j["elements"]')" "[{'element': '低保对象名单及相关信息', 'value': '共1268户2103人'}]"
expect_eq show_body_markdown "$(json 'j["body_md"].splitlines()[2]')" "- 公示时间：2021年6月30日至7月7日"
expect_eq show_item_and_region "$(json '(j["item_id"], j["region"], j["domain_id"] > 0, len(j["lineage"]) > 0)')" "($APPROVE, '430100', True, True)"
expect_eq show_json_keys "$(json 'sorted(j.keys())')" "['attachments', 'body_md', 'created_at', 'disclosure', 'disclosure_label', 'doc_no', 'domain_id', 'elements', 'id', 'index_no', 'item_id', 'legal_ground', 'lineage', 'published_on', 'publisher', 'region', 'status', 'status_label', 'title', 'topic', 'unit', 'updated_at', 'validity', 'validity_label', 'written_on']"
gk record list --item "$APPROVE" --json
expect_eq blank_publisher_is_unit "$(json '[r["publisher"] for r in j["records"] if r["title"].startswith("2021年5月")][0]')" 长沙市民政局
expect_eq given_index_kept "$(json '[r["index_no"] for r in j["records"] if r["validity"]=="expired"][0]')" 000000099/2021-00007
expect_eq on_request_with_ground "$(json '[(r["disclosure_label"], r["legal_ground"][:6]) for r in j["records"] if r["disclosure"]!="active"][0]')" "('依申请公开', '涉及个人隐私')"
expect_eq draft_kept "$(json '[r["status"] for r in j["records"] if "草稿" in r["title"]][0]')" draft
expect_eq doc_no "$(json '[r["doc_no"] for r in j["records"] if r["doc_no"]][0]')" "长民发〔2021〕12号"
gk record show "$ID"
expect_out show_text_index "索引号：$(printf '%09d' "$MZ")/2021-00001"
expect_out show_text_item "所属事项：[$APPROVE] 最低生活保障 / 审批信息"

# --- a GBK table as Excel saves it: a title row, 序号, no 标题 column ---
gk record import "$ROOT/tests/data/good/records-schools-gbk.csv" --item "$SCHOOLS"
expect_rc import_schools_gbk 0
gk record list --item "$SCHOOLS" --json --per-page 100
expect_eq schools_total "$(json 'j["total"]')" 5
expect_eq schools_default_unit "$(json 'set(r["unit"]["name"] for r in j["records"])')" "{'长沙市人民政府'}"
expect_eq school_title_from_name "$(json 'sorted(r["title"] for r in j["records"])[0]')" 长沙市周南实验小学
expect_eq school_elements "$(json '[[e["value"] for e in r["elements"]] for r in j["records"] if r["title"]=="长沙市长郡双语实验学校"][0]')" "['长沙市长郡双语实验学校', '岳麓区枫林三路1号', '九年一贯制', '民办', '0731-88813399']"

# --- paging ---
gk record list --item "$SCHOOLS" --per-page 2 --page 2 --json
expect_eq page_two "$(json '(len(j["records"]), j["total"], j["page"], j["per_page"], j["pages"])')" "(2, 5, 2, 2, 3)"
gk record list --item "$SCHOOLS" --per-page 2 --page 3
expect_out page_three_text "共 5 条，第 3 / 3 页（每页 2 条）"
gk record list --item "$SCHOOLS" --per-page 2 --page 9
expect_out page_past_the_end "第 9 页没有信息"
gk record list --region 430100 --domain shjz --json
expect_eq list_by_domain "$(json 'j["total"]')" 6
gk record list --region 430100 --status 草稿 --json
expect_eq list_by_status "$(json 'j["total"]')" 1
gk record list --per-page 0
expect_rc per_page_zero_usage 2
gk record list --per-page 5000
expect_rc per_page_cap_usage 2
expect_err per_page_cap_message "1 到 1000"
gk record list --item "$SCHOOLS" --region 430104
expect_rc item_region_mismatch 2
gk record list --region 430104
expect_out list_empty "没有符合条件的信息"

# --- bad tables: every problem listed, nothing written ---
bad() {	# NAME FILE ITEM EXPECTED-TEXT [PROBLEMS]
	local before after
	before=$(count records)
	gk record import "$ROOT/tests/data/bad/$2" --item "$3"
	after=$(count records)
	expect_rc "$1_refused" 1
	expect_err "$1_message" "$4"
	expect_err "$1_nothing_written_said" "数据库未作任何修改"
	expect_eq "$1_nothing_written" "$after" "$before"
	if [ -n "${5:-}" ]; then expect_err "$1_problem_count" "共 $5 个问题"; fi
}
bad unknown_column records-unknown-column.csv "$APPROVE" "records-unknown-column.csv:records-unknown-column:第1行:「作者」: 不认识的列名（第 C 列）；可用的列：「标题」、「索引号」" 2
bad bad_dates records-bad-dates.csv "$APPROVE" "第2行:「发布日期」: 「2021-02-30」不是有效日期" 4
expect_err bad_dates_written_after "第3行:「成文日期」: 成文日期 2021-07-01 晚于发布日期 2021-06-08"
expect_err bad_dates_words "第4行:「成文日期」: 「上个月」不是有效日期"
bad duplicate_index records-duplicate-index.csv "$APPROVE" "第4行:「索引号」: 000000003/2021-00101 与第2行重复" 1
bad bad_values records-bad-values.csv "$APPROVE" "第2行:「有效性」: 「差不多有效」只能是「有效」「失效」或「废止」" 5
expect_err bad_values_disclosure "第3行:「公开属性」: 「内部」只能是「主动公开」「依申请公开」或「不予公开」"
expect_err bad_values_ground "第4行:「不公开依据」: 公开属性为「不予公开」时必须写明依据"
expect_err bad_values_title "第5行:「标题」: 不能为空"
expect_err bad_values_status "第5行:「状态」: 「待审」只能是「已发布」「草稿」或「已撤回」"
bad no_header records-no-header.csv "$APPROVE" "找不到表头" 1
bad header_only records-header-only.csv "$APPROVE" "表头下面没有任何信息行" 1
bad wrong_item records-wrong-item.csv "$APPROVE" "第3行:「公开事项」: 本行属于事项「特困人员救助供养 / 审核信息」，不是要导入的事项「审批信息」" 1
bad missing_element records-missing-element.csv "$SCHOOLS" "第3行:「学校地址」: 是必填要素，不能为空" 1
bad many_problems records-many-problems.csv "$APPROVE" "第3行:「发布日期」: 「2021-06-31」不是有效日期" 6
expect_err many_problems_all_listed "第6行:「状态」: 「发了」只能是"
bad not_a_table records-many-problems.csv "$GROUP" "是分组事项" 1
gk record import "$ROOT/tests/data/good/records-dibao.csv" --item "$APPROVE" --unit "$YL"
expect_rc unit_of_other_region_refused 1
expect_err unit_of_other_region_message "不是目录所属区划 430100（长沙市）的单位"
gk record import "$ROOT/tests/data/good/records-dibao.csv" --item 999999
expect_rc unknown_item_refused 1
expect_err unknown_item_message "事项 999999 不存在"
gk record import "$TMP/none.csv" --item "$APPROVE"
expect_rc missing_file_refused 1
gk record import "$ROOT/tests/data/good/records-dibao.csv"
expect_rc import_needs_item 2

# --- export: CSV with BOM, formula guard, the same columns ---
gk record export --item "$APPROVE" -o "$TMP/a.csv"
expect_rc export_csv 0
expect_err export_says_count "已导出 6 条信息"
expect_eq export_bom "$(head -c 3 "$TMP/a.csv" | od -An -tx1 | tr -d ' ')" efbbbf
expect_eq export_header "$(head -n 1 "$TMP/a.csv" | tail -c +4 | tr -d '\r')" "标题,索引号,文号,发布机构,成文日期,发布日期,有效性,主题分类,公开属性,不公开依据,正文,状态,低保对象名单及相关信息"
grep -q "^2021年5月城乡低保资金发放情况,.*,\"'- 城市低保" "$TMP/a.csv" && ok export_formula_guard || notok export_formula_guard "no ' before a cell starting with -"
gk record export --item "$APPROVE"
expect_out export_stdout "标题,索引号"
gk record export --item "$APPROVE" -o "$TMP/a.xlsx"
expect_rc export_xlsx 0
unzip -l "$TMP/a.xlsx" >/dev/null 2>&1 && ok export_xlsx_is_zip || notok export_xlsx_is_zip "not a zip"
gk record export --region 430100 -o "$TMP/region.csv"
expect_rc export_region 0
head -n 1 "$TMP/region.csv" | grep -q "状态,公开事项,低保对象名单及相关信息" && ok export_region_item_column || notok export_region_item_column "$(head -n 1 "$TMP/region.csv")"
expect_eq export_region_rows "$(grep -c '^[^,]*,[0-9]\{9\}/20' "$TMP/region.csv")" 11
gk record export --region 430100 --item "$APPROVE"
expect_rc export_item_and_region_usage 2
gk record export --item "$APPROVE" -o -  --format xlsx
expect_rc export_xlsx_stdout_usage 2
# the same file again: every 索引号 is taken
gk record import "$TMP/a.csv" --item "$APPROVE"
expect_rc reimport_same_db_refused 1
expect_err reimport_index_taken "已被其他信息使用"

# --- round trip: export → another database → export gives the same bytes ---
MAIN_DB=$DB
for fmt in csv xlsx; do
	DB="$TMP/rt-$fmt.db"
	setup
	gk record import "$TMP/a.$fmt" --item "$APPROVE" --unit "$MZ"
	expect_rc roundtrip_${fmt}_import 0
	gk record export --item "$APPROVE" -o "$TMP/b-$fmt.csv"
	if cmp -s "$TMP/a.csv" "$TMP/b-$fmt.csv"; then ok roundtrip_${fmt}_same_bytes; else
		notok roundtrip_${fmt}_same_bytes "$(diff "$TMP/a.csv" "$TMP/b-$fmt.csv" | head -6)"; fi
done
DB=$MAIN_DB

# --- attachments: type from the content, 50 MB cap, blobs stored once ---
printf '%%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%%%EOF\n' > "$TMP/规程.pdf"
printf '\x89PNG\r\n\x1a\n\0\0\0\rIHDR' > "$TMP/图.png"
printf '序号,姓名\r\n1,张*华\r\n' > "$TMP/名单.csv"
printf '\xb3\xa4\xc9\xb3\xca\xd0\r\n' > "$TMP/gbk.txt"
printf '\x7fELF\x02\x01\x01\0\0\0' > "$TMP/a.bin"
printf 'PK\x03\x04\x14\0\0\0OFD.xml' > "$TMP/公文.ofd"
truncate -s 52428801 "$TMP/big.pdf"
gk record attach "$ID" "$TMP/规程.pdf"
expect_rc attach_pdf 0
expect_out attach_pdf_mime "application/pdf"
gk record attach "$ID" "$TMP/图.png" --name 公示照片.png
expect_out attach_png "image/png"
gk record attach "$ID" "$TMP/名单.csv"
expect_out attach_csv "text/csv; charset=utf-8"
gk record attach "$ID" "$TMP/公文.ofd"
expect_out attach_ofd "application/ofd"
gk record attach "$ID" "$TMP/规程.pdf" --name 规程（副本）.pdf
expect_rc attach_same_bytes_again 0
before=$(count attachments)
gk record attach "$ID" "$TMP/gbk.txt"
expect_rc attach_gbk_text_refused 1
expect_err attach_gbk_text_message "不是 UTF-8 编码"
gk record attach "$ID" "$TMP/a.bin"
expect_rc attach_binary_refused 1
expect_err attach_binary_message "无法识别的文件类型"
gk record attach "$ID" "$TMP/big.pdf"
expect_rc attach_big_refused 1
expect_err attach_big_message "超过 50 MB"
gk record attach "$ID" "$TMP/规程.pdf" --name "../etc/passwd"
expect_rc attach_bad_name_refused 1
gk record attach 999999 "$TMP/规程.pdf"
expect_rc attach_unknown_record_refused 1
expect_err attach_unknown_record_message "信息 999999 不存在"
expect_eq attach_refused_nothing_written "$(count attachments)" "$before"
expect_eq attachments_five "$before" 5
expect_eq blobs_stored_once "$(count blobs)" 4
gk record show "$ID" --json
expect_eq show_attachments "$(json '[(a["name"], a["mime"], a["size"]) for a in j["attachments"]][:2]')" "[('规程.pdf', 'application/pdf', 50), ('公示照片.png', 'image/png', 16)]"
expect_eq show_attachment_sha "$(json 'len(j["attachments"][0]["sha256"])')" 64

# --- publish and withdraw ---
gk record withdraw "$ID"
expect_rc withdraw 0
gk record show "$ID" --json
expect_eq withdrawn "$(json '(j["status"], j["status_label"])')" "('withdrawn', '已撤回')"
gk record withdraw "$ID"
expect_out withdraw_twice_is_noop "未作修改"
gk record publish "$ID"
expect_rc publish 0
gk record show "$ID" --json
expect_eq published_again "$(json 'j["status"]')" published
gk record list --region 430100 --status draft --json
DRAFT=$(json 'j["records"][0]["id"]')
gk record withdraw "$DRAFT"
expect_rc withdraw_draft_refused 1
expect_err withdraw_draft_message "只有已发布的信息才能撤回"
gk record publish 999999
expect_rc publish_unknown 1

# --- usage ---
gk record frobnicate
expect_rc unknown_subcommand 2
expect_err unknown_subcommand_message "没有子命令"
gk record show abc
expect_rc bad_id_usage 2
gk record list --bogus
expect_rc unknown_option_usage 2
gk help record
expect_out help_record "attach"

# --- the demo: thousands of records, the same on every run ---
for n in 1 2; do
	"$GK" --db "$TMP/demo$n.db" demo --data "$ROOT/data" >/dev/null 2>"$TMP/demo-err"
	RC=$?; ERR=$(cat "$TMP/demo-err")
	expect_rc demo_$n 0
done
n=$(sqlite3 "$TMP/demo1.db" "SELECT COUNT(*) FROM records")
[ "$n" -ge 4000 ] && [ "$n" -le 6000 ] && ok demo_record_count || notok demo_record_count "$n records"
expect_eq demo_has_attachments "$(sqlite3 "$TMP/demo1.db" "SELECT COUNT(*) > 10 FROM attachments")" 1
expect_eq demo_every_district "$(sqlite3 "$TMP/demo1.db" "SELECT COUNT(DISTINCT region_code) FROM records WHERE length(region_code) = 6")" 10
expect_eq demo_some_townships "$(sqlite3 "$TMP/demo1.db" "SELECT COUNT(DISTINCT region_code) > 15 FROM records WHERE length(region_code) = 9")" 1
expect_eq demo_not_public_have_grounds "$(sqlite3 "$TMP/demo1.db" "SELECT COUNT(*) FROM records WHERE disclosure <> 'active' AND legal_ground = ''")" 0
expect_eq demo_some_not_public "$(sqlite3 "$TMP/demo1.db" "SELECT COUNT(*) > 20 FROM records WHERE disclosure <> 'active'")" 1
expect_eq demo_no_html "$(sqlite3 "$TMP/demo1.db" "SELECT COUNT(*) FROM records WHERE body_md LIKE '%<%'")" 0
expect_eq demo_schools "$(sqlite3 "$TMP/demo1.db" "SELECT COUNT(*) >= 60 FROM records r JOIN items i ON i.id = r.item_id WHERE i.name = '义务教育学校名录'")" 1
"$GK" --db "$TMP/demo1.db" record export --region 430104 -o "$TMP/d1.csv" 2>/dev/null
"$GK" --db "$TMP/demo2.db" record export --region 430104 -o "$TMP/d2.csv" 2>/dev/null
if cmp -s "$TMP/d1.csv" "$TMP/d2.csv"; then ok demo_deterministic; else
	notok demo_deterministic "$(diff "$TMP/d1.csv" "$TMP/d2.csv" | head -4)"; fi
DB="$TMP/demo1.db"
gk record list --region 430104 --json --per-page 1
[ "$(json 'j["total"]')" -gt 100 ] && ok demo_district_records || notok demo_district_records "$(json 'j["total"]')"
