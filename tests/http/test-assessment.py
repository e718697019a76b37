#!/usr/bin/env python3
"""test-assessment.py: assessment (考核) over real HTTP — the back office's
/admin/assessment pages and the public /r/CODE/stats/ — against a real demo
database (the Yuelu table imported and a round created with the command
line) and `gongkai serve` on a loopback port.

Covers: who may do what — the three administrators refused, a target
unit's staff sent to their own sheet and refused another unit's sheet,
scoring, automatic scoring, finalising and evidence for another unit (403,
nothing changed); every POST without its CSRF token refused (403, nothing
changed); bad input refused in Chinese with 400 (a score that is no
number, over full points, a deduction without its reason; a table that
does not add up; unknown rounds, units, files: 404); hostile text (quotes,
<script>, RTL marks, 𠀀) in a comment and a response escaped on every page
that shows it; the charts' <svg role="img"> with <title> and their tables;
downloads (.xlsx, .csv) as attachments; the public statistics page; the
audit chain intact.  Prints "ok NAME" / "not ok NAME: why".
"""
import os
import re
import sqlite3
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(__file__))
from importlib import import_module  # noqa: E402

cat = import_module("test-catalog-admin")  # Server, Client, browser_login
Server, Client = cat.Server, cat.Client
BIN = cat.BIN
HOSTILE = "<script>alert(1)</script>\"'&\u202e𠀀"
failures = 0


def check(name, cond, why=""):
    global failures
    if cond:
        print(f"ok {name}")
    else:
        failures += 1
        print(f"not ok {name}: {str(why)[:600]}")
    return cond


def run(*args):
    return subprocess.run([BIN] + list(args), capture_output=True, text=True)


def rows(db, sql):
    with sqlite3.connect(db) as c:
        return c.execute(sql).fetchall()


def digest(db):
    return rows(db, "SELECT round_id, unit_id, line_id, score, source, comment "
                "FROM assess_scores ORDER BY 1, 2, 3") + \
        rows(db, "SELECT unit_id, response FROM assess_targets ORDER BY 1") + \
        rows(db, "SELECT COUNT(*) FROM assess_evidence") + \
        rows(db, "SELECT status FROM assess_rounds")


def line_id(db, number):
    """The id of scoring line 'number' of table 1."""
    r = rows(db, "SELECT id FROM assess_lines WHERE table_id = 1 AND scored = 1 "
             "ORDER BY seq")
    return r[number - 1][0]


def body_checks(srv, db):
    office = cat.browser_login(srv, "yl_office")
    street = cat.browser_login(srv, "wyh_editor")
    dept = cat.browser_login(srv, "ylmz_editor")
    auditor = cat.browser_login(srv, "auditor")
    wyh, mz = 71, 21
    sheet = f"/admin/assessment/rounds/1/units/{wyh}"
    mz_sheet = f"/admin/assessment/rounds/1/units/{mz}"
    l1, l8 = line_id(db, 1), line_id(db, 8)

    # --- who sees what ---
    st, h, t = auditor.page("/admin/assessment")
    check("auditor refused", st == 403 and "三员账号不参与考核" in t, st)
    st, h, t = street.page("/admin/assessment/rounds/1")
    check("unit staff sent to their sheet", st == 303 and
          h.get("location") == sheet, f"{st} {h.get('location')}")
    st, h, t = street.page(mz_sheet)
    check("unit staff refused another unit's sheet", st == 403 and
          "没有权限" in t, st)
    st, h, t = street.page(sheet)
    check("unit staff see their sheet, no score inputs", st == 200 and
          'class="score"' not in t and "对评分的意见" in t, st)
    st, h, t = office.page(sheet)
    check("office sees score inputs", st == 200 and
          f'name="score_{l1}"' in t, st)
    st, h, t = office.page("/admin/assessment/charts")
    svgs = re.findall(r'<svg class="chart"[^>]*role="img"[^>]*>\s*<title id="[^"]+">'
                      r'[^<]+</title>', t)
    check("charts: svg role=img with a title, a table each", st == 200 and
          len(svgs) >= 3 and t.count('<table class="grid chart-table">') >= len(svgs),
          f"{st}: {len(svgs)} charts")

    # --- the office scores; the unit's staff may not ---
    before = digest(db)
    st, h, t = street.form(f"{sheet}/scores", [(f"score_{l1}", "4")])
    check("unit staff may not score", st == 403 and "没有权限" in t, st)
    st, h, t = street.form("/admin/assessment/rounds/1/auto", [])
    check("unit staff may not score from data", st == 403, st)
    st, h, t = street.form("/admin/assessment/rounds/1/finalise", [])
    check("unit staff may not finalise", st == 403, st)
    st, h, t = dept.multipart(f"{sheet}/evidence", [("line", str(l1)),
                                                    ("kind", "1")],
                              [("files", "a.pdf", b"%PDF-1.4\n%%EOF\n",
                               "application/pdf")])
    check("another unit may not upload evidence", st == 403, st)
    st, h, t = dept.form(f"{sheet}/response", [("text", "不同意")])
    check("another unit may not respond", st == 403, st)
    st, h, t = office.form(f"{sheet}/scores", [(f"score_{l1}", "4")],
                           with_csrf=False)
    check("a POST without CSRF refused", st == 403, st)
    check("nothing changed by refused requests", digest(db) == before,
          "the assessment tables changed")

    # --- bad input ---
    st, h, t = office.form(f"{sheet}/scores", [(f"score_{l1}", "四分"),
                                               (f"comment_{l1}", "")])
    check("a score that is no number", st == 400 and
          "不是分数" in t and 'value="四分"' in t, st)
    st, h, t = office.form(f"{sheet}/scores", [(f"score_{l1}", "4.5")])
    check("over full points", st == 400 and "超过本项满分 4 分" in t, st)
    st, h, t = office.form(f"{sheet}/scores", [(f"score_{l1}", "3")])
    check("a deduction needs its reason", st == 400 and
          "请在评语中写明扣分理由" in t, st)
    st, h, t = office.form(f"{sheet}/scores", [(f"score_{l8}", "1"),
                                               (f"comment_{l8}", "x")])
    check("an automatic line is not scored by hand", st == 400 and
          "由平台数据自动评分" in t, st)
    check("nothing changed by refused input", digest(db) == before,
          "the assessment tables changed")
    for path in ("/admin/assessment/rounds/999", "/admin/assessment/rounds/1/units/999",
                 "/admin/assessment/tables/999", "/admin/assessment/tables/999.xlsx",
                 f"{sheet}/evidence/999", "/admin/assessment/rounds/999.csv"):
        st, h, t = office.page(path)
        check(f"404 {path}", st == 404, st)
    st, h, t = office.page("/admin/assessment/charts?round=abc")
    check("a bad parameter: 400 in Chinese", st == 400 and "参数" in t, st)
    bad = open(os.path.join(ROOT, "data/assessment/yuelu-2021.csv"),
               encoding="utf-8").read().replace("街道（镇） 4分 区直相关部门 5分",
                                                "街道（镇） 5分 区直相关部门 5分", 1)
    st, h, t = office.multipart("/admin/assessment/tables", [],
                                [("file", "多一分.csv", bad.encode(), "text/csv")])
    check("a table that does not add up: refused with its sums", st == 400 and
          "多一分.csv:多一分: 「街道（镇）」各项分值合计 101 分，与说明中的基准分 "
          "100 分不符" in t, f"{st} {t[t.find('未能完成'):][:300]}")
    check("nothing imported", rows(db, "SELECT COUNT(*) FROM assess_tables")[0][0]
          == 1, "a table was written")

    # --- hostile text is escaped wherever it shows ---
    st, h, t = office.form(f"{sheet}/scores", [(f"score_{l1}", "3"),
                                               (f"comment_{l1}", HOSTILE)])
    check("a comment saved", st == 303, st)
    st, h, t = street.form(f"{sheet}/response", [("text", HOSTILE)])
    check("a response saved", st == 303, st)
    st, h, t = street.form(f"{sheet}/response", [("text", "再一次")])
    check("a second response refused", st == 400 and "只能提出一次" in t, st)
    for who, c in (("office", office), ("unit", street)):
        st, h, t = c.page(sheet)
        check(f"hostile text escaped for the {who}", st == 200 and
              "<script>alert(1)</script>" not in t and
              "&lt;script&gt;alert(1)&lt;/script&gt;" in t, st)
    st, h, t = office.page("/admin/assessment/rounds/1")
    check("round page lists the response", st == 200 and "已提出" in t, st)

    # --- downloads ---
    st, h, body = office.request("GET", "/admin/assessment/rounds/1.xlsx")
    check("ranking .xlsx", st == 200 and body[:2] == b"PK" and
          h.get("content-disposition", "").startswith("attachment;"), st)
    st, h, body = office.request("GET", "/admin/assessment/rounds/1.csv")
    check("ranking .csv", st == 200 and "考核对象类型,名次,单位" in
          body.decode("utf-8", "replace"), st)
    st, h, body = office.request("GET", "/admin/assessment/tables/1.csv")
    check("table .csv", st == 200 and "考核对象及分值" in
          body.decode("utf-8", "replace"), st)
    st, h, body = street.request("GET", "/admin/assessment/tables/1.csv")
    check("table export is the office's", st == 403, st)

    # --- the public page ---
    pub = Client(srv, "public")
    st, h, t = pub.page("/r/430104/stats/")
    check("public statistics", st == 200 and 'role="img"' in t and
          "岳麓区各领域二级事项覆盖率" in t and "<table" in t, st)
    st, h, t = pub.page("/r/999999/stats/")
    check("public statistics of no region: 404", st == 404, st)
    st, h, t = pub.page("/admin/assessment")
    check("signed out: sent to sign in", st in (302, 303), st)
    r = run("--db", db, "audit", "verify")
    check("audit chain intact", r.returncode == 0, r.stdout + r.stderr)


ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")


def main():
    tmp = tempfile.mkdtemp(prefix="gk-assess-")
    db = os.path.join(tmp, "demo.db")
    r = subprocess.run([BIN, "--db", db, "demo"], capture_output=True, text=True,
                       cwd=ROOT)
    if not check("demo database", r.returncode == 0, r.stderr[-500:]):
        sys.exit(1)
    r = run("--db", db, "assess", "import",
            os.path.join(ROOT, "data/assessment/yuelu-2021.csv"), "--region",
            "430104")
    check("table imported", r.returncode == 0, r.stderr)
    r = run("--db", db, "assess", "create", "--table", "1", "--name",
            "2021年度考核", "--region", "430104", "--from", "2021-01-01",
            "--to", "2021-12-31", "--units-of", "430104")
    check("round created", r.returncode == 0 and r.stdout.strip() == "1",
          r.stderr)
    r = run("--db", db, "assess", "score", "1")
    check("automatic lines scored", r.returncode == 0, r.stderr)
    srv = Server(db, tmp)
    try:
        body_checks(srv, db)
    finally:
        rc, err = srv.stop()
        check("server stops cleanly on SIGTERM", rc == 0, f"exit {rc}")
        check("no sanitizer report from the server",
              "AddressSanitizer" not in err and "runtime error:" not in err and
              "LeakSanitizer" not in err, err[-3000:])
        subprocess.run(["rm", "-rf", tmp])
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
