#!/usr/bin/env bash
# test-bad-input.sh: every file of tests/data/bad/ is refused by
# 'gongkai catalog import' with a message naming where the problem is, and
# the database is left exactly as it was.
. "$(dirname "$0")/lib.sh"
BAD="$ROOT/tests/data/bad"

gk init
gk region add 430000 湖南省 --level 省
gk region add 430100 长沙市 --level 市 --parent 430000
dump() { sqlite3 "$DB" .dump | md5sum | cut -d' ' -f1; }
before=$(dump)

# file → text its message must contain
declare -A want=(
	[not-a-zip.xlsx]="不是 zip"
	[truncated.xlsx]="损坏"
	[xml-bomb.xlsx]="DTD"
	[zip-bomb.xlsx]="超过上限"
	[invalid-utf8.xlsx]="UTF-8"
	[no-workbook.xlsx]="xlsx"
	[missing-sheet.xlsx]="xlsx"
	[invalid-utf8.csv]="编码"
	[binary.csv]="文本"
	[wrong-header.csv]="找不到目录表头"
	[missing-l1.csv]=":第3行:「一级事项」: 缺少一级事项"
	[missing-l2.csv]=":第4行:「二级事项」: 缺少二级事项"
	[no-mode.csv]=":第3行:「公开方式」: 「主动」和「依申请」至少要勾选一项"
	[duplicate-item.csv]=":第5行:「二级事项」: 一级事项「综合业务」下已有二级事项「政策法规文件」（第3行）"
	[bad-tick.csv]=":第3行:「全社会」: 只能填「√」或留空"
	[same-as-above-first-row.csv]=":第3行:「公开依据」: 「同上」没有可沿用的上一行"
	[bad-item-type.csv]=":第3行:「事项类型」: 只能是「政务服务事项」或「非政务服务事项」"
	[no-elements.csv]=":第3行:「公开内容（要素）」: 公开内容不能为空"
	[header-only.csv]="没有任何事项行"
	[empty.csv]="空"
)
for f in "${!want[@]}"; do
	if [ ! -f "$BAD/$f" ]; then notok "bad_$f" "missing corpus file"; continue; fi
	gk catalog import "$BAD/$f" --region 430100 --domain shjz
	expect_rc "bad_${f}_refused" 1
	expect_err "bad_${f}_message" "${want[$f]}"
	expect_err "bad_${f}_names_file" "$f"
done
# several problems in one file are all reported at once
gk catalog import "$BAD/many-problems.csv" --region 430100 --domain shjz
expect_rc many_problems_refused 1
expect_err many_problems_row3 "many-problems:第3行:「公开方式」"
expect_err many_problems_row4 "many-problems:第4行:「二级事项」"
expect_err many_problems_row5_type "many-problems:第5行:「事项类型」"
expect_err many_problems_row5_tick "many-problems:第5行:「全社会」"
# an oversized file (sparse, nothing really written) is refused by its size
truncate -s 51M "$TMP/big.csv"
gk catalog import "$TMP/big.csv" --region 430100 --domain shjz
expect_rc oversized_refused 1
expect_err oversized_message "50 MB"
truncate -s 51M "$TMP/big.xlsx"
gk catalog import "$TMP/big.xlsx" --region 430100 --domain shjz
expect_rc oversized_xlsx_refused 1
# an old .xls, a missing file, an unknown region or domain
printf '\xd0\xcf\x11\xe0' > "$TMP/old.xls"
gk catalog import "$TMP/old.xls" --region 430100 --domain shjz
expect_err xls_refused ".xls"
gk catalog import "$TMP/nothing.csv" --region 430100 --domain shjz
expect_err missing_file "找不到文件"
gk catalog import "$ROOT/data/catalogs/shjz.csv" --region 999999 --domain shjz
expect_err unknown_region "999999"
gk catalog import "$ROOT/data/catalogs/shjz.csv" --region 430100 --domain 不存在
expect_err unknown_domain "不存在"
after=$(dump)
expect_eq database_unchanged "$after" "$before"
# and a good import after all that still works
gk catalog import "$ROOT/data/catalogs/shjz.csv" --region 430100 --domain shjz
expect_rc good_import_after_bad 0
