#!/usr/bin/env bash
# test-fee.sh: gongkai fee — the 信息处理费 of 国办函〔2020〕109号 on the
# command line: the band edges of 按件计收 and 按量计收 with the last line
# "合计：N 元", the steps printed for checking by hand, and bad input
# (both methods, neither, not a number, 0, negative, too large) refused
# with a Chinese message and exit status 2.  No database is needed.
. "$(dirname "$0")/lib.sh"

# last line of stdout
total() { tail -n1 <<<"$OUT"; }

# --- 按件计收: the Nth application of the month ---
for case in 1:0 10:0 11:100 30:100 31:200 40:200 41:300 50:300 51:400 1000:9800; do
	n=${case%%:*} want=${case#*:}
	gk fee --per-item "$n"
	expect_rc "per_item_${n}_ok" 0
	expect_eq "per_item_${n}_total" "$(total)" "合计：$want 元"
done
gk fee --per-item 35
expect_out per_item_35_rule "第31件起每10件为一档，每增加一档每件提高100元"
expect_out per_item_35_nth "本申请是该申请人本自然月的第35件"
expect_out per_item_35_band "第35件在第31—40件之内，为第31件起的第1档，每件 100元 + 1×100元 = 200元"
expect_eq per_item_35_lines "$(wc -l <<<"$OUT")" 5

# --- 按量计收: pages ---
for case in 1:0 30:0 31:10 100:700 101:720 200:2700 201:2740 250:4700; do
	n=${case%%:*} want=${case#*:}
	gk fee --pages "$n"
	expect_rc "pages_${n}_ok" 0
	expect_eq "pages_${n}_total" "$(total)" "合计：$want 元"
done
gk fee --pages=250
expect_out pages_250_band1 "第1—30页：30页，不收费"
expect_out pages_250_band2 "第31—100页：70页 × 10元/页 = 700元"
expect_out pages_250_band3 "第101—200页：100页 × 20元/页 = 2000元"
expect_out pages_250_band4 "第201—250页：50页 × 40元/页 = 2000元"
expect_out pages_250_sum "各档相加：0元 + 700元 + 2000元 + 2000元 = 4700元"

# --- bad input: exit 2, a Chinese message, the usage, nothing on stdout ---
bad() {	# NAME MESSAGE ARGS...
	local name=$1 msg=$2
	shift 2
	gk fee "$@"
	expect_rc "${name}_rc" 2
	expect_err "${name}_msg" "$msg"
	expect_err "${name}_usage" "用法：gongkai fee"
	expect_eq "${name}_no_stdout" "$OUT" ""
}
bad both "只能选一个" --per-item 3 --pages 40
bad neither "需要 --per-item N（按件计收）或 --pages N（按量计收）"
bad item_zero "件数应为 1 到 1000 之间的整数" --per-item 0
bad item_negative "而不是 -5" --per-item -5
bad item_too_many "而不是 1001" --per-item 1001
bad item_huge "太大，应为 1 到 1000 之间的整数" --per-item 99999999999999999999
bad item_text "不是整数" --per-item 三十
bad item_decimal "不是整数" --per-item 3.5
bad item_empty "不是整数" --per-item=
bad pages_zero "页数应为 1 到 100000 之间的整数" --pages 0
bad pages_negative "而不是 -250" --pages=-250
bad pages_too_many "而不是 100001" --pages 100001
bad pages_trailing "不是整数" --pages 250页
bad extra_arg "多余的参数「250」" --pages 30 250
bad unknown_option "未知选项 --yuan" --yuan 3
bad missing_value "选项 --pages 需要一个值" --pages

# help
gk help fee
expect_rc help_ok 0
expect_out help_usage "--per-item N"
