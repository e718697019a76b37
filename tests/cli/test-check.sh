#!/usr/bin/env bash
# test-check.sh: gongkai check (自查) on the demo database with planted
# cases, as of 2022-01-20 (the demo's records run to 2021-12).
#
# For 岳麓区民政局 a first run gives the baseline; then the test plants an
# item made blank by withdrawing its records (gongkai record withdraw), a
# stale item (its records dated back to 2020-01-02), a record published
# 90 days after 成文日期 (past its 公开时限), a record without 发布机构, a
# link in a record body to a page that answers 404, and 我要办 addresses on
# a local test server (tests/cli/check-server.py): one answering 404, one
# socket that accepts and never answers, one redirecting forever, and
# three that must pass (200; 405 to HEAD but 200 to GET; one redirect).
# The second run must find exactly the planted cases — plus the 19号
# warnings the new blank and stale items push over their thresholds —
# and lose none of the baseline; the never-answering address must time
# out within --timeout.  Also: the text report, a unit with nothing found
# (exit 0), bad usage (exit 2, nothing written), --no-links carrying over
# the link findings, the runs kept for charts, coverage adding up to the
# map's completeness, and the audit chain.
. "$(dirname "$0")/lib.sh"

SRV=
trap '[ -n "$SRV" ] && kill "$SRV" 2>/dev/null; rm -rf "$TMP"' EXIT
q() { sqlite3 "$DB" "$1"; }

gk demo
expect_rc demo 0
# checked as of a day just after the demo's records (made "now")
export GONGKAI_NOW=2022-01-20T02:00:00Z
U=$(q "SELECT id FROM units WHERE name = '岳麓区民政局'")
ZR=$(q "SELECT id FROM units WHERE name = '岳麓区自然资源和规划局'")

python3 "$ROOT/tests/cli/check-server.py" >"$TMP/ports" 2>"$TMP/server.err" &
SRV=$!
for _ in $(seq 100); do [ -s "$TMP/ports" ] && break; sleep 0.05; done
read -r HTTP HANG <"$TMP/ports"
expect_eq test_servers_started "$([ -n "$HANG" ] && echo yes)" yes

# --- bad usage: exit 2, no run written ---
RUNS=$(q "SELECT COUNT(*) FROM check_runs")
for bad in "--timeout 0" "--timeout abc" "--concurrency 100" "--unit 999999" \
	"--region 999999" "--today 2022-13-01" "extra" "--unit $ZR --region 430102"; do
	# shellcheck disable=SC2086
	gk check $bad
	expect_rc "bad_usage:$bad" 2
done
expect_eq bad_usage_writes_nothing "$(q "SELECT COUNT(*) FROM check_runs")" "$RUNS"

# --- baseline ---
gk check --unit "$U" --json --timeout 3
expect_rc baseline_has_findings 1
echo "$OUT" >"$TMP/base.json"
BASE_RUN=$(json 'j["run_id"]')

# --- what to plant: the unit's 二级事项 (leaves) with current records,
# none found wanting in the baseline ---
python3 - "$DB" "$U" "$TMP/base.json" >"$TMP/plan" <<'EOF'
import json, sqlite3, sys
db, unit, base = sys.argv[1], int(sys.argv[2]), json.load(open(sys.argv[3]))
con = sqlite3.connect(db)
found = {f.get("item_id") for u in base["units"] for f in u["findings"]}
found_rec = {f.get("record_id") for u in base["units"] for f in u["findings"]}
cats = con.execute("""
  SELECT c.id FROM catalogs c JOIN domains d ON d.id = c.domain_id
  WHERE c.region_code = '430104' AND c.status = 'published'
    AND d.code IN ('shjz', 'ylfw')
    AND c.published_at = (SELECT MAX(published_at) FROM catalogs x
        WHERE x.region_code = c.region_code AND x.domain_id = c.domain_id
          AND x.status = 'published')""").fetchall()
leaves = []
for (cid,) in cats:
    for iid, lin, name, tl in con.execute("""
        SELECT i.id, i.lineage, i.name, i.tl_kind FROM items i
        WHERE i.catalog_id = ? AND i.level = 2 AND NOT EXISTS
          (SELECT 1 FROM items k WHERE k.parent_item = i.id)
        ORDER BY i.seq""", (cid,)):
        recs = [r[0] for r in con.execute("""
            SELECT id FROM records WHERE region_code = '430104'
              AND lineage = ? AND unit_id = ? AND status = 'published'
              AND disclosure = 'active' AND validity = 'valid'
              AND deleted_at IS NULL ORDER BY id""", (lin, unit))]
        leaves.append((iid, lin, name, tl, recs))
lasting = ("指南", "名录", "简介", "介绍", "职能", "联系方式", "咨询", "机构设置")
ok = [l for l in leaves if l[4] and l[0] not in found]
blank = min(ok, key=lambda l: len(l[4]))
stale = next(l for l in ok if l != blank and l[3] == "deadline" and
             not any(w in l[2] for w in lasting))
rest = [l for l in ok if l not in (blank, stale) and l[3] == "deadline"]
recs = [r for l in rest for r in l[4] if r not in found_rec]
late, nopub, body = recs[0], recs[1], recs[2]
urls = [l[0] for l in leaves][:6]
every = [r[0] for r in con.execute("""
    SELECT id FROM records WHERE region_code = '430104' AND lineage = ?
      AND status = 'published' AND deleted_at IS NULL""", (blank[1],))]
print("BLANK", blank[0], " ".join(map(str, every)))
print("STALE", stale[0], stale[1])
print("LATE", late)
print("NOPUB", nopub)
print("BODY", body)
print("URLS", " ".join(map(str, urls)))
EOF
read -r _ BLANK BLANK_RECS <<<"$(grep ^BLANK "$TMP/plan")"
read -r _ STALE STALE_LIN <<<"$(grep ^STALE "$TMP/plan")"
read -r _ LATE <<<"$(grep ^LATE "$TMP/plan")"
read -r _ NOPUB <<<"$(grep ^NOPUB "$TMP/plan")"
read -r _ BODY <<<"$(grep ^BODY "$TMP/plan")"
read -r _ S404 SHANG SLOOP SOK SNOHEAD SREDIR <<<"$(grep ^URLS "$TMP/plan")"
expect_eq plan_found_targets "$([ -n "$SREDIR" ] && [ -n "$BLANK_RECS" ] && echo yes)" yes

# --- plant ---
for r in $BLANK_RECS; do
	gk record withdraw "$r"
	expect_rc "withdraw_$r" 0
done
q "UPDATE records SET published_on = '2020-01-02', written_on = '2020-01-01'
   WHERE region_code = '430104' AND lineage = '$STALE_LIN' AND status = 'published';
   UPDATE records SET written_on = date(published_on, '-90 days') WHERE id = $LATE;
   UPDATE records SET publisher = '' WHERE id = $NOPUB;
   UPDATE records SET body_md = body_md || char(10) || '附件：[通知全文](http://127.0.0.1:$HTTP/gone.pdf)，'
     || '另见 http://127.0.0.1:$HTTP/ok。' WHERE id = $BODY;
   UPDATE items SET service_url = 'http://127.0.0.1:$HTTP/missing' WHERE id = $S404;
   UPDATE items SET service_url = 'http://127.0.0.1:$HANG/banshi' WHERE id = $SHANG;
   UPDATE items SET service_url = 'http://127.0.0.1:$HTTP/loop/0' WHERE id = $SLOOP;
   UPDATE items SET service_url = 'http://127.0.0.1:$HTTP/ok' WHERE id = $SOK;
   UPDATE items SET service_url = 'http://127.0.0.1:$HTTP/nohead' WHERE id = $SNOHEAD;
   UPDATE items SET service_url = 'http://127.0.0.1:$HTTP/redirect' WHERE id = $SREDIR;"

# --- the check: exactly what was planted ---
T0=$(date +%s.%N)
gk check --unit "$U" --json --timeout 3 --connect-timeout 2
T1=$(date +%s.%N)
expect_rc planted_exit_1 1
echo "$OUT" >"$TMP/after.json"
python3 - "$TMP/base.json" "$TMP/after.json" "$HTTP" "$HANG" "$BLANK" "$STALE" \
	"$LATE" "$NOPUB" "$BODY" "$S404" "$SHANG" "$SLOOP" <<'EOF'
import json, sys
base, after = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))
http, hang, blank, stale, late, nopub, body, s404, shang, sloop = sys.argv[3:]
def ok(name, cond, why=""):
    print(("ok " if cond else "not ok ") + name + ("" if cond else ": " + str(why)[:800]))
def findings(j):
    return [f for u in j["units"] for f in u["findings"]]
def key(f):
    return (f["kind"], f["code"] if f["kind"] == "veto" else "",
            f["item_id"], f["record_id"], f["url"])
b, a = findings(base), findings(after)
bk, ak = {key(f) for f in b}, {key(f) for f in a}
planted = {
    ("blank", "", int(blank), None, None),
    ("stale", "", int(stale), None, None),
    ("broken_link", "", int(s404), None, f"http://127.0.0.1:{http}/missing"),
    ("broken_link", "", int(shang), None, f"http://127.0.0.1:{hang}/banshi"),
    ("broken_link", "", int(sloop), None, f"http://127.0.0.1:{http}/loop/0"),
}
for f in a:
    if f["kind"] in ("overdue", "incomplete") and f["record_id"] in (int(late), int(nopub)):
        planted.add(key(f))
    if f["kind"] == "broken_link" and f["record_id"] == int(body):
        planted.add(key(f))
ok("planted overdue record found", any(k[0] == "overdue" and k[3] == int(late) for k in planted))
ok("planted record without 发布机构 found", any(k[0] == "incomplete" and k[3] == int(nopub) for k in planted))
ok("planted body link found", any(k[0] == "broken_link" and k[3] == int(body) for k in planted))
# the 19号 warnings the new blank and stale items may push over
def count(fs, kind, codes=None):
    return sum(1 for f in fs if f["kind"] == kind and (codes is None or f["code"] in codes))
veto = set()
if count(b, "blank") < 5 <= count(a, "blank"):
    veto.add("blank_columns")
nb, na = count(b, "stale", ("news", "notice", "policy")), count(a, "stale", ("news", "notice", "policy"))
if nb < 5 <= na:
    veto.add("not_updated")
if count(b, "stale") < 10 <= count(a, "stale"):
    veto.add("long_not_updated")
expected = planted | {("veto", c, None, None, None) for c in veto}
ok("exactly the planted cases are new", ak - bk == expected,
   f"unexpected {sorted(map(str, ak - bk - expected))}; missing {sorted(map(str, expected - (ak - bk)))}")
ok("nothing of the baseline was lost", bk - ak == set(), sorted(map(str, bk - ak)))
ok("controls pass: 200, HEAD refused then GET, one redirect",
   not any(f["url"] and ("/ok" in f["url"] or "/nohead" in f["url"] or "/redirect" in f["url"]) for f in a),
   [f["url"] for f in a if f["url"]])
by = {(f["kind"], f["record_id"] or f["item_id"]): f for f in a
      if f["kind"] != "veto"}
f = by[("broken_link", int(s404))]
ok("404 reported with its status in Chinese", f["http_status"] == 404 and "页面不存在（HTTP 404）" in f["text"], f)
f = by[("broken_link", int(shang))]
ok("never-answering address times out", f["http_status"] is None and "响应超时" in f["text"] and "3 秒" in f["text"], f)
ok("... within the timeout", 2.5 <= f["seconds"] <= 4.5, f["seconds"])
f = by[("broken_link", int(sloop))]
ok("redirect loop stopped after 3", "重定向超过 3 次" in f["text"], f)
f = by[("blank", int(blank))]
ok("blank: says records exist but none is current", "没有现行有效的公开信息" in f["text"] and f["fix"] == f"/admin/records/new?item={blank}", f)
f = by[("stale", int(stale))]
ok("stale: the date and days behind it", "2020-01-02" in f["text"] and "749 天" in f["text"], f)
f = by[("overdue", int(late))]
ok("overdue: late by working days", f["code"] == "late" and "个工作日" in f["text"] and f["fix"] == f"/admin/records/{late}", f)
f = by[("incomplete", int(nopub))]
ok("incomplete: names 发布机构", f["code"] == "publisher" and "缺少发布机构" in f["text"] and f["fix"] == f"/admin/records/{nopub}/edit", f)
ok("addresses checked once each (7: /ok is both a 我要办 and a body link)", after["addresses_checked"] == 7, after["addresses_checked"])
ok("counts add up", after["total"] == len(a) == sum(after["counts"].values()), after["counts"])
ok("notes say messages are not checked", any("互动回应差" in n for n in after["notes"]), after["notes"])
EOF
ELAPSED=$(echo "$T1 - $T0" | bc)
expect_eq links_checked_concurrently "$(echo "$ELAPSED < 20" | bc)" 1
AFTER_RUN=$(json 'j["run_id"]')

# --- the text report ---
gk check --unit "$U" --no-links
expect_rc text_report_exit_1 1
expect_out text_names_unit "岳麓区民政局（岳麓区 430104，单位编号 $U）"
expect_out text_groups_kind "【空白事项】"
expect_out text_fix_path "处理：/admin/records/new?item=$BLANK"
expect_out text_link_carried "（第 $AFTER_RUN 次自查 2022-01-20 检查链接的结果）"
expect_out text_saved "次自查。"

# --- --no-links: link findings carried over, nothing asked ---
gk check --unit "$U" --no-links --json
expect_eq no_links_asks_nothing "$(json 'j["addresses_checked"]')" 0
expect_eq no_links_keeps_4_link_findings "$(json 'sum(1 for u in j["units"] for f in u["findings"] if f["kind"] == "broken_link" and f["links_run"] == '"$AFTER_RUN"')')" 4

# --- a unit with nothing found ---
gk check --unit "$ZR"
expect_rc clean_unit_exit_0 0
expect_out clean_unit_says_so "未发现问题"

# --- a region: every unit below it; coverage adds up to the map's ---
gk check --region 430104 --no-links --json
expect_rc region_run 1
expect_eq region_units "$(json 'len(j["units"])')" "$(q "WITH RECURSIVE s(c) AS (SELECT '430104' UNION ALL SELECT r.code FROM regions r JOIN s ON r.parent_code = s.c) SELECT COUNT(*) FROM units WHERE region_code IN (SELECT c FROM s)")"
COV=$(json '"%d/%d" % (sum(u["coverage"]["covered"] for u in j["units"] if u["region"] == "430104"), sum(u["coverage"]["total"] for u in j["units"] if u["region"] == "430104"))')
MAP=$(q "WITH cur AS (SELECT c.id FROM catalogs c WHERE c.region_code = '430104' AND c.status = 'published'
	  AND c.published_at = (SELECT MAX(published_at) FROM catalogs x WHERE x.region_code = c.region_code
	  AND x.domain_id = c.domain_id AND x.status = 'published')),
	lv2 AS (SELECT i.id, i.lineage FROM items i WHERE i.catalog_id IN (SELECT id FROM cur) AND i.level = 2),
	pub AS (SELECT DISTINCT lineage FROM records WHERE region_code = '430104' AND status = 'published'
	  AND disclosure = 'active' AND validity = 'valid' AND deleted_at IS NULL)
	SELECT (SELECT COUNT(*) FROM lv2 WHERE lineage IN (SELECT lineage FROM pub) OR EXISTS
	  (SELECT 1 FROM items k WHERE k.parent_item = lv2.id AND k.lineage IN (SELECT lineage FROM pub)))
	  || '/' || (SELECT COUNT(*) FROM lv2)")
expect_eq coverage_adds_up_to_completeness "$COV" "$MAP"

# --- runs kept for charts ---
expect_eq run_findings_kept "$(q "SELECT COUNT(*) FROM check_findings WHERE run_id = $AFTER_RUN")" \
	"$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["total"])' "$TMP/after.json")"
expect_eq run_units_kept "$(q "SELECT unit_id || ':' || covered || '/' || total FROM check_run_units WHERE run_id = $BASE_RUN")" \
	"$(python3 -c 'import json,sys; u=json.load(open(sys.argv[1]))["units"][0]; print("%d:%d/%d" % (u["id"], u["coverage"]["covered"], u["coverage"]["total"]))' "$TMP/base.json")"
expect_eq runs_of_unit "$(q "SELECT COUNT(*) FROM check_run_units WHERE unit_id = $U")" 5

# --- the audit trail ---
expect_eq audit_entry_per_run "$(q "SELECT COUNT(*) FROM audit_log WHERE action = 'check.run'")" \
	"$(q "SELECT COUNT(*) FROM check_runs")"
gk audit verify
expect_rc audit_verify 0
