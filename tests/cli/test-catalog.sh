#!/usr/bin/env bash
# test-catalog.sh: gongkai init, region, domain, unit and catalog commands
# end to end on a real database file: import of real tables (the 社会救助
# and 义务教育 rows of domain-facts §1.6), round trips through .csv and
# .xlsx, derivation, item edits, review states, versions, drift and rebase.
. "$(dirname "$0")/lib.sh"
export GONGKAI_NOW=2026-03-02T09:00:00Z

gk init
expect_rc init_creates 0
expect_out init_says_created "已创建数据库"
gk init
expect_out init_twice_is_noop "已是最新"
gk domain list --json
expect_eq domains_26 "$(json 'j["total"]')" 26
expect_eq domain_code_shjz "$(json '[d["name"] for d in j["domains"] if d["code"]=="shjz"][0]')" 社会救助

gk region import "$ROOT/data/regions/changsha.csv"
expect_rc region_import 0
gk region list --parent 430100 --json
expect_eq region_nine_districts "$(json 'j["total"]')" 9
gk region add 43010x 坏代码 --level 县
expect_rc region_bad_code_refused 1
expect_err region_bad_code_message "应为 6、9 或 12 位数字"

gk unit add 长沙市民政局 --kind 政府部门 --region 430100
expect_rc unit_add 0
gk unit add 某单位 --kind 政府部门 --region 999999
expect_rc unit_unknown_region_refused 1

# --- import a real 社会救助 table (同上, blank 一级 continuing) ---
gk catalog import "$ROOT/data/catalogs/shjz.csv" --region 430100 --domain 社会救助 --version 2020版
expect_rc import_shjz 0
CITY=$OUT
gk catalog show "$CITY" --json
expect_eq shjz_status "$(json 'j["status"]')" draft
expect_eq shjz_first_l1 "$(json '[i["name"] for i in j["items"] if i["level"]==1][0]')" 综合业务
# row 2 of the table: blank 一级 continues 综合业务, 同上 repeats row 1
expect_eq shjz_row2_parent "$(json '[[p["name"] for p in j["items"] if p["id"]==i["parent_id"]][0] for i in j["items"] if i["name"]=="监督检查"][0]')" 综合业务
expect_eq shjz_row2_basis_same_as_above "$(json '[i["basis"] for i in j["items"] if i["name"]=="监督检查"][0]')" 《信息公开条例》及相关规定
expect_eq shjz_row2_subject "$(json '[i["subject"] for i in j["items"] if i["name"]=="监督检查"][0]')" "县级政府民政部门、乡镇政府(街道办事处)"
expect_eq shjz_row1_timelimit_rule "$(json '[(i["time_limit"]["kind"], i["time_limit"]["days"], i["time_limit"]["workdays"]) for i in j["items"] if i["name"]=="政策法规文件"][0]')" "('deadline', 10, True)"
expect_eq shjz_row1_channels "$(json '[[(c["name"], c["standard"], c["required"]) for c in i["channels"]] for i in j["items"] if i["name"]=="政策法规文件"][0]')" "[('政府网站', 1, True)]"
expect_eq shjz_row1_ticks "$(json '[(i["audience"], i["mode"], i["levels"]) for i in j["items"] if i["name"]=="政策法规文件"][0]')" "(['全社会'], ['主动'], ['县级', '乡级', '村级'])"
expect_eq shjz_row1_elements "$(json '[[e["text"] for e in i["elements"]] for i in j["items"] if i["name"]=="政策法规文件"][0]')" "['《社会救助暂行办法》', '各地配套政策法规文件']"
expect_eq shjz_item_type "$(json '[i["item_type"] for i in j["items"] if i["name"]=="政策法规文件"][0]')" 非政务服务事项

# --- an office's GBK file: title row, legend row, 特定群众, 依申请公开, 镇级 ---
gk catalog import "$ROOT/tests/data/good/ywjy-office-gbk.csv" --region 430100 --domain ywjy --version 石羊镇样表
expect_rc import_gbk_office_file 0
YW=$OUT
gk catalog show "$YW" --json
expect_eq ywjy_leaves "$(json 'len([i for i in j["items"] if i["level"]==2])')" 5
expect_eq ywjy_same_as_above_basis "$(json '[i["basis"] for i in j["items"] if i["name"]=="招生政策"][0]')" "《中华人民共和国政府信息公开条例》《教育部关于进一步做好小学升入初中免试就近入学工作的实施意见》《教育部关于推进中小学信息公开工作的意见》"
expect_eq ywjy_13_channels "$(json '[len(i["channels"]) for i in j["items"] if i["name"]=="招生政策"][0]')" 13
expect_eq ywjy_optional_channel "$(json '[[c["required"] for c in i["channels"] if c["name"]=="政府公报"][0] for i in j["items"] if i["name"]=="招生政策"][0]')" False
expect_eq ywjy_specific_and_request "$(json '[(i["audience"], i["mode"], i["levels"]) for i in j["items"] if i["name"]=="义务教育学生资助政策"][0]')" "(['全社会', '特定群体'], ['主动', '依申请'], ['县级', '村级'])"
expect_eq ywjy_plain_list_elements "$(json '[len(i["elements"]) for i in j["items"] if i["name"]=="义务教育学校名录"][0]')" 5
expect_eq ywjy_note "$(json '[i["note"] for i in j["items"] if i["name"]=="义务教育学校名录"][0]')" 学校逐校公开

# --- export → import gives the same catalog, column for column ---
for fmt in csv xlsx; do
	gk catalog export "$CITY" --format $fmt -o "$TMP/city.$fmt"
	expect_rc export_$fmt 0
	gk catalog import "$TMP/city.$fmt" --region 430100 --domain shjz --version "往返$fmt"
	expect_rc reimport_$fmt 0
	RT=$OUT
	gk catalog diff "$CITY" "$RT" --json
	expect_eq roundtrip_${fmt}_no_changes "$(json '(j["added"], j["removed"], j["changed"])')" "(0, 0, 0)"
	gk catalog export "$RT" --format csv -o "$TMP/rt-$fmt.csv"
	gk catalog export "$CITY" --format csv -o "$TMP/city-again.csv"
	if cmp -s "$TMP/rt-$fmt.csv" "$TMP/city-again.csv"; then ok roundtrip_${fmt}_same_bytes; else
		notok roundtrip_${fmt}_same_bytes "$(diff "$TMP/rt-$fmt.csv" "$TMP/city-again.csv" | head -5)"; fi
done
gk catalog export "$YW" --format csv -o "$TMP/yw.csv"
gk catalog import "$TMP/yw.csv" --region 430100 --domain ywjy --version 往返
gk catalog diff "$YW" "$OUT" --json
expect_eq roundtrip_office_file "$(json '(j["added"], j["removed"], j["changed"])')" "(0, 0, 0)"
# the golden export of the 社会救助 reference table
if cmp -s "$TMP/city.csv" "$ROOT/tests/data/golden/shjz-export.csv"; then ok export_matches_golden; else
	notok export_matches_golden "$(diff "$TMP/city.csv" "$ROOT/tests/data/golden/shjz-export.csv" | head -8)"; fi
# xlsx: merged two-row header and frozen panes are in the file
unzip -p "$TMP/city.xlsx" xl/worksheets/sheet1.xml > "$TMP/sheet.xml"
grep -q '<mergeCell ref="B2:D2"/>' "$TMP/sheet.xml" && ok xlsx_merged_group_header || notok xlsx_merged_group_header "no B2:D2 merge"
grep -q '<mergeCell ref="A2:A3"/>' "$TMP/sheet.xml" && ok xlsx_merged_two_row_label || notok xlsx_merged_two_row_label "no A2:A3 merge"
grep -q 'state="frozen"' "$TMP/sheet.xml" && ok xlsx_frozen_header || notok xlsx_frozen_header "no frozen pane"

# --- review states; a published catalog is immutable ---
gk catalog publish "$CITY"
expect_rc publish_draft_refused 1
expect_err publish_draft_message "不能发布"
gk catalog submit "$CITY"
expect_rc submit 0
gk catalog reject "$CITY"
expect_rc reject_needs_reason 1
gk catalog reject "$CITY" --reason "依据写法不统一"
expect_rc reject 0
gk catalog show "$CITY" --json
expect_eq rejected_is_draft_with_note "$(json '(j["status"], j["review_note"])')" "('draft', '依据写法不统一')"
gk catalog submit "$CITY"; gk catalog approve "$CITY"; gk catalog publish "$CITY"
expect_rc publish 0
gk catalog list --status 已发布 --json
expect_eq list_by_status "$(json 'j["total"]')" 1
gk catalog show "$CITY" --json
ITEM_SUP=$(json '[i["id"] for i in j["items"] if i["name"]=="监督检查"][0]')
ITEM_POL=$(json '[i["id"] for i in j["items"] if i["name"]=="政策法规文件"][0]')
ITEM_GUIDE=$(json '[i["id"] for i in j["items"] if i["name"]=="办事指南"][0]')
L1_DIBAO=$(json '[i["id"] for i in j["items"] if i["name"]=="最低生活保障"][0]')
gk catalog edit-item "$CITY" --item "$ITEM_POL" --subject 某局
expect_rc published_is_immutable 1
expect_err published_immutable_message "new-version"
gk catalog history "$CITY"
expect_out history_has_reject "依据写法不统一"

# --- derivation by subtraction ---
gk catalog derive "$CITY" --region 430104 --drop "$ITEM_SUP"
expect_rc derive 0
YL=$OUT
gk catalog show "$YL" --json
expect_eq derived_drops_item "$(json 'len([i for i in j["items"] if i["name"]=="监督检查"])')" 0
expect_eq derived_links_origin "$(json 'all(i["origin_item"] for i in j["items"])')" True
gk catalog diff "$CITY" "$YL" --json
expect_eq diff_parent_child "$(json '(j["added"], j["removed"], j["changed"])')" "(0, 1, 0)"
gk catalog derive "$CITY" --region 430100
expect_rc derive_same_region_refused 1
gk catalog derive "$CITY" --region 430104 --drop 999999
expect_rc derive_unknown_item_refused 1
gk catalog derive "$YL" --region 430104001
expect_rc derive_from_draft_refused 1
expect_err derive_from_draft_message "尚未发布"

# local addition needs a reason; edits name the changed column in diffs
gk catalog add-item "$YL" --parent "$L1_DIBAO" --name 资金发放 --elements "●发放对象 ●发放金额" --mode 主动
expect_rc add_item_needs_reason 1
gk catalog show "$YL" --json
YL_DIBAO=$(json '[i["id"] for i in j["items"] if i["name"]=="最低生活保障"][0]')
YL_GUIDE=$(json '[i["id"] for i in j["items"] if i["name"]=="办事指南"][0]')
YL_POL=$(json '[i["id"] for i in j["items"] if i["name"]=="政策法规文件"][0]')
gk catalog add-item "$YL" --parent "$YL_DIBAO" --name 资金发放 --elements "●发放对象 ●发放金额" --mode 主动 --audience 全社会 --levels 县级 --reason 岳麓区按月公示低保资金发放
expect_rc add_local_item 0
gk catalog edit-item "$YL" --item "$YL_GUIDE" --subject 岳麓区民政局 --time-limit "信息形成或者变更之日起5个工作日内"
expect_rc edit_item 0
gk catalog edit-item "$YL" --item "$YL_POL" --mode 随便
expect_rc edit_item_bad_value 1
expect_err edit_item_bad_value_message "只能是「主动」或「依申请」"
gk catalog diff "$CITY" "$YL"
expect_out diff_names_columns "「公开时限」、「公开主体」"
expect_out diff_shows_added "+ 新增"
gk catalog submit "$YL"; gk catalog approve "$YL"; gk catalog publish "$YL"

# --- a new upstream version: drift, then rebase ---
gk catalog drift "$YL" --json
expect_eq no_drift_yet "$(json 'j["drift"]')" False
gk catalog new-version "$CITY" --version 2021版
expect_rc new_version 0
C21=$OUT
gk catalog show "$C21" --json
C21_GUIDE=$(json '[i["id"] for i in j["items"] if i["name"]=="办事指南"][0]')
C21_POL=$(json '[i["id"] for i in j["items"] if i["name"]=="政策法规文件"][0]')
C21_L1=$(json '[i["id"] for i in j["items"] if i["name"]=="特困人员救助供养"][0]')
gk catalog edit-item "$C21" --item "$C21_GUIDE" --subject 长沙市民政局
gk catalog edit-item "$C21" --item "$C21_POL" --basis "《社会救助暂行办法》（2021年修订）"
gk catalog drop-item "$C21" --item "$C21_L1"
expect_rc drop_group 0
gk catalog submit "$C21"; gk catalog approve "$C21"; gk catalog publish "$C21"
gk catalog drift "$YL" --json
expect_eq drift_found "$(json 'j["drift"]')" True
expect_eq drift_changes "$(json '(j["changes"]["removed"], j["changes"]["changed"])')" "(4, 2)"
gk catalog drift "$YL"
expect_out drift_text_suggests_rebase "catalog rebase"
gk catalog rebase "$YL" --onto "$C21" --json
expect_rc rebase 0
expect_eq rebase_one_conflict "$(json 'j["conflicts"]')" 1
expect_eq rebase_conflict_column "$(json '[n["detail"] for n in j["notes"] if n["kind"]=="conflict"][0]')" "上级和本级都修改了：公开主体"
RB=$(json 'j["id"]')
gk catalog show "$RB" --json
expect_eq rebase_keeps_local "$(json '[i["local_reason"] for i in j["items"] if i["name"]=="资金发放"][0]')" 岳麓区按月公示低保资金发放
expect_eq rebase_keeps_subtraction "$(json 'len([i for i in j["items"] if i["name"]=="监督检查"])')" 0
expect_eq rebase_takes_upstream_change "$(json '[i["basis"] for i in j["items"] if i["name"]=="政策法规文件"][0]')" "《社会救助暂行办法》（2021年修订）"
expect_eq rebase_keeps_own_edit "$(json '[i["time_limit"]["text"] for i in j["items"] if i["name"]=="办事指南"][0]')" "信息形成或者变更之日起5个工作日内"
expect_eq rebase_conflict_keeps_child_value "$(json '[i["subject"] for i in j["items"] if i["name"]=="办事指南"][0]')" 岳麓区民政局
expect_eq rebase_follows_upstream_removal "$(json 'len([i for i in j["items"] if i["name"]=="特困人员救助供养"])')" 0
expect_eq rebase_version "$(json '(j["version"], j["parent_id"], j["status"])')" "('2021版', $C21, 'draft')"

# --- usage errors exit 2 with a Chinese message ---
gk catalog frobnicate
expect_rc unknown_subcommand 2
expect_err unknown_subcommand_message "没有子命令"
gk catalog show abc
expect_rc bad_id_usage 2
gk catalog export "$CITY" --format pdf
expect_rc bad_format_usage 2
gk catalog show 99999
expect_rc unknown_catalog 1
"$GK" --db "$TMP/none.db" catalog list >/dev/null 2>"$TMP/e"; RC=$?; ERR=$(cat "$TMP/e")
expect_rc missing_db 1
expect_err missing_db_says_init "gongkai"
gk help catalog
expect_out help_catalog "derive"
