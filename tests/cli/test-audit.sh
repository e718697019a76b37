#!/usr/bin/env bash
# test-audit.sh: gongkai audit verify and audit list on real database files.
# Entries are appended by a small independent implementation of the hash
# chain (Python, from the rule written in src/domain/audit.h), which also
# checks that the documented serialisation is the one gongkai verifies;
# then the file is tampered with through sqlite3, as someone with access to
# it would: the triggers are dropped, rows edited and deleted.
. "$(dirname "$0")/lib.sh"
export GONGKAI_NOW=2026-03-02T09:00:00Z

# append DB COUNT ACTOR ACTION OBJECT_TYPE REGION AT: COUNT entries chained
# onto the head, exactly as gongkai writes them
cat >"$TMP/append.py" <<'EOF'
import hashlib, sqlite3, sys
db, count, actor, action, otype, region, at = sys.argv[1:8]
def F(v):
    if v is None:
        return b"N"
    b = str(v).encode()
    return b"S%d:" % len(b) + b
con = sqlite3.connect(db)
for k in range(int(count)):
    last_id, last_hash = con.execute(
        "SELECT last_id, last_hash FROM audit_head WHERE id = 1").fetchone()
    i = last_id + 1
    actor_id = None if actor == "命令行" else 7
    client = "命令行" if actor == "命令行" else "10.0.0.%d" % (k % 5)
    before = None if k % 3 == 0 else '{"n":%d}' % k
    after = '{"n":%d,"标题":"<script>\\"\'&"}' % (k + 1)
    detail = "%s 第 %d 次" % (action, k + 1)
    reg = None if region == "-" else region
    unit = None if reg is None else 3
    row = [last_hash, i, at, actor, actor_id, client, action, otype, str(i),
           reg, unit, before, after, detail]
    h = hashlib.sha256(b"gongkai-audit-v1" + b"".join(F(v) for v in row)).hexdigest()
    con.execute("INSERT INTO audit_log (id, at, actor, actor_id, client, action, "
                "object_type, object_id, region_code, unit_id, before, after, "
                "detail, prev_hash, hash) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                [i, at, actor, actor_id, client, action, otype, str(i), reg, unit,
                 before, after, detail, last_hash, h])
    con.execute("UPDATE audit_head SET count = count + 1, last_id = ?, "
                "last_hash = ? WHERE id = 1", [i, h])
con.commit()
con.close()
EOF
append() { python3 "$TMP/append.py" "$@"; }
head_hash() { sqlite3 "$1" "SELECT last_hash FROM audit_head"; }
DROP="DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;
DROP TRIGGER audit_log_append_only; DROP TRIGGER audit_head_no_delete;
DROP TRIGGER audit_head_forward_only;"

gk init
expect_rc init 0
gk audit verify
expect_rc fresh_verify_ok 0
expect_out fresh_verify_says_intact "审计记录完整：共 "

# some ordinary writes (audited once the commands call audit_append)
gk region import "$ROOT/data/regions/changsha.csv"
expect_rc region_import 0
gk unit add 芙蓉区民政局 --kind 政府部门 --region 430102
expect_rc unit_add 0
gk audit list --json
BASE=$(json 'j["total"]')

append "$DB" 12 审计测试甲 record.publish record 430102001 2026-03-01T08:00:00Z
append "$DB" 5 审计测试乙 catalog.import catalog 430104 2026-03-02T10:00:00Z
append "$DB" 6 审计测试甲 user.add user - 2026-03-03T23:59:59Z
append "$DB" 2 命令行 session.login_failed session 430000 2026-03-04T00:00:00Z
TOTAL=$((BASE + 25))
LAST=$(head_hash "$DB")

# --- verify ---
gk audit verify
expect_rc verify_ok 0
expect_out verify_count_and_hash "审计记录完整：共 $TOTAL 条，链尾哈希 $LAST"
expect_eq verify_quiet_on_stderr "$ERR" ""
gk audit verify --json
expect_rc verify_json_ok 0
expect_eq verify_json "$(json '(j["intact"], j["count"], j["last_hash"], j["problems"])')" "(True, $TOTAL, '$LAST', [])"
gk audit verify --anchor "$TOTAL:$LAST"
expect_rc verify_anchor_ok 0
gk audit verify --anchor "3:0000000000000000000000000000000000000000000000000000000000000000"
expect_rc verify_anchor_mismatch 1
expect_err verify_anchor_message "与记下的锚点"
gk audit verify --anchor 3:abc
expect_rc verify_anchor_bad_usage 2
gk audit verify extra
expect_rc verify_no_args 2

# --- list ---
gk audit list --actor 审计测试甲 --per-page 5 --json
expect_rc list_json 0
expect_eq list_actor_paging "$(json '(j["total"], j["page"], j["per_page"], j["pages"], len(j["entries"]))')" "(18, 1, 5, 4, 5)"
expect_eq list_newest_first "$(json '[e["action"] for e in j["entries"]][:2]')" "['user.add', 'user.add']"
expect_eq list_ids_descending "$(json 'all(a["id"] > b["id"] for a, b in zip(j["entries"], j["entries"][1:]))')" True
expect_eq list_entry_shape "$(json 'sorted(j["entries"][0].keys())')" "['action', 'action_label', 'actor', 'actor_id', 'after', 'at', 'before', 'client', 'detail', 'hash', 'id', 'object_id', 'object_type', 'prev_hash', 'region', 'unit_id']"
expect_eq list_entry_values "$(json '(j["entries"][0]["actor_id"], j["entries"][0]["action_label"], j["entries"][0]["region"], j["entries"][0]["unit_id"], j["entries"][0]["after"]["标题"])')" "(7, '添加用户', None, None, '<script>\"\\'&')"
gk audit list --actor 审计测试甲 --per-page 5 --page 4 --json
expect_eq list_last_page "$(json '(len(j["entries"]), j["entries"][-1]["action"], j["entries"][-1]["before"])')" "(3, 'record.publish', None)"
gk audit list --actor 审计测试甲 --per-page 5 --page 9 --json
expect_eq list_past_the_end "$(json '(j["total"], len(j["entries"]))')" "(18, 0)"
gk audit list --action record. --json
expect_eq list_action_prefix "$(json 'j["total"]')" 12
gk audit list --action session.login_failed --json
expect_eq list_action_exact "$(json '(j["total"], j["entries"][0]["actor"], j["entries"][0]["actor_id"], j["entries"][0]["client"])')" "(2, '命令行', None, '命令行')"
gk audit list --actor 审计测试乙 --json
expect_eq list_other_actor "$(json 'j["total"]')" 5
# dates are inclusive at both ends
gk audit list --from 2026-03-02 --to 2026-03-03 --per-page 1000 --json
expect_eq list_date_range "$(json 'len([e for e in j["entries"] if e["actor"].startswith("审计测试")])')" 11
gk audit list --from 2026-03-03T23:59:59Z --to 2026-03-03T23:59:59Z --json
expect_eq list_time_range "$(json 'j["total"]')" 6
gk audit list --to 2026-03-01 --per-page 1000 --json
expect_eq list_to_date "$(json 'len([e for e in j["entries"] if e["actor"].startswith("审计测试")])')" 12
# region subtree: 430102 holds 430102001; 430100 holds both districts
gk audit list --region 430102 --action record. --json
expect_eq list_region_county "$(json 'j["total"]')" 12
gk audit list --region 430100 --actor 审计测试乙 --json
expect_eq list_region_city "$(json 'j["total"]')" 5
gk audit list --region 430104001 --actor 审计测试乙 --json
expect_eq list_region_other "$(json 'j["total"]')" 0
gk audit list --object catalog --json
expect_eq list_object_type "$(json 'j["total"] >= 5')" True
gk audit list --object "user:$((BASE + 18))" --json
expect_eq list_object_id "$(json '(j["total"], j["entries"][0]["object_type"])')" "(1, 'user')"
# text
gk audit list --actor 审计测试乙 --per-page 2
expect_rc list_text 0
expect_out list_text_header "编号"
expect_out list_text_row "catalog.import"
expect_out list_text_footer "共 5 条，第 1 / 3 页（每页 2 条）"
gk audit list --actor 无此人
expect_out list_none "没有符合条件的审计记录"
# bad usage
gk audit list --from 2026-02-30
expect_rc list_bad_date 2
expect_err list_bad_date_message "--from 应为日期"
gk audit list --to 昨天
expect_rc list_bad_to 2
gk audit list --per-page 0
expect_rc list_bad_per_page 2
gk audit list --per-page 1001
expect_rc list_per_page_cap 2
gk audit list --region 43010x
expect_rc list_bad_region 2
gk audit list --page
expect_rc list_missing_value 2
gk audit frobnicate
expect_rc unknown_subcommand 2
gk help audit
expect_rc help 0
expect_out help_text "gongkai audit"

# --- the triggers refuse changes through SQL ---
if sqlite3 "$DB" "UPDATE audit_log SET detail = 'x' WHERE id = 1" 2>"$TMP/sq.err"; then
	notok trigger_refuses_update "sqlite3 changed a row"; else
	expect_eq trigger_refuses_update "$(grep -c 审计记录不可修改或删除 "$TMP/sq.err")" 1; fi
if sqlite3 "$DB" "DELETE FROM audit_log WHERE id = 2" 2>"$TMP/sq.err"; then
	notok trigger_refuses_delete "sqlite3 deleted a row"; else
	expect_eq trigger_refuses_delete "$(grep -c 审计记录不可修改或删除 "$TMP/sq.err")" 1; fi
gk audit verify
expect_rc still_intact 0

# --- tampering, each on a copy of the file ---
sqlite3 "$DB" "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null
EDIT=$((BASE + 4))
MID=$((BASE + 10))
# tamper NAME SQL: a copy of the database with SQL run on it (triggers
# dropped first); $T is the copy
tamper() {
	T="$TMP/$1.db"
	cp "$DB" "$T"
	sqlite3 "$T" "$DROP $2" || notok "tamper_$1" "sqlite3 failed"
}

tamper edit "UPDATE audit_log SET detail = '无事发生' WHERE id = $EDIT"
gk --db "$T" audit verify
expect_rc edited_fails 1
expect_err edited_header "审计记录不完整"
expect_err edited_row "第 $EDIT 条审计记录的内容与其哈希不符：记录被修改"
expect_eq edited_stdout_empty "$OUT" ""
gk --db "$T" audit verify --json
expect_rc edited_json_fails 1
expect_eq edited_json "$(json '(j["intact"], [p["id"] for p in j["problems"]])')" "(False, [$EDIT])"

tamper after "UPDATE audit_log SET after = '{\"n\":99}' WHERE id = $MID"
gk --db "$T" audit verify
expect_rc after_fails 1
expect_err after_row "第 $MID 条审计记录的内容与其哈希不符"

tamper delmid "DELETE FROM audit_log WHERE id = $MID"
gk --db "$T" audit verify
expect_rc deleted_middle_fails 1
expect_err deleted_middle_row "第 $MID 条审计记录缺失"

tamper deltail "DELETE FROM audit_log WHERE id = $TOTAL"
gk --db "$T" audit verify
expect_rc deleted_last_fails 1
expect_err deleted_last_row "第 $TOTAL 条审计记录缺失"
expect_err deleted_last_truncated "截断"

tamper actor "UPDATE audit_log SET actor = '审计测试乙', actor_id = NULL WHERE id = $EDIT;
UPDATE audit_log SET at = '2020-01-01T00:00:00Z' WHERE id = $MID"
gk --db "$T" audit verify
expect_rc two_edits_fail 1
expect_err two_edits_count "发现 2 处问题"
expect_err two_edits_first "第 $EDIT 条"
expect_err two_edits_second "第 $MID 条"

# the last two entries replaced by others, the chain and the head
# recomputed: the chain alone looks whole, an anchor noted before does not
cp "$DB" "$TMP/rewrite.db"
sqlite3 "$TMP/rewrite.db" "$DROP DELETE FROM audit_log WHERE id > $((TOTAL - 2));
UPDATE audit_head SET count = $((TOTAL - 2)), last_id = $((TOTAL - 2)),
last_hash = (SELECT hash FROM audit_log WHERE id = $((TOTAL - 2)));"
append "$TMP/rewrite.db" 2 命令行 session.logout session 430000 2026-03-04T00:00:00Z
gk --db "$TMP/rewrite.db" audit verify
expect_rc rewritten_chain_looks_whole 0
gk --db "$TMP/rewrite.db" audit verify --anchor "$TOTAL:$LAST"
expect_rc rewritten_chain_anchor_fails 1
expect_err rewritten_chain_anchor_message "第 $TOTAL 条审计记录的哈希"

# the original is untouched
gk audit verify
expect_rc original_still_intact 0
