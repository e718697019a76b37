#!/usr/bin/env python3
"""test-annual-report.py: the annual report (年报) over real HTTP, a real
`gongkai serve` on a loopback port and a small database made with the
command line (regions, units, accounts) plus applications, cases and the
offices' texts written with SQL before the server starts.

 1. Public: the region page links 政府信息公开年报; /r/CODE/reports/ lists
    the published reports of the region and below by year (an unpublished
    one is not listed); the report page has the six sections in the
    official order, accessible tables (caption, th scope, rowspan), the
    figures counted from the applications, the fee sentence, the .xlsx
    link, no script, and the text's hostile markup neutralised; the .xlsx
    download is a workbook with the official labels; an unpublished,
    missing or malformed report is 404 (page and .xlsx).
 2. Back office: a unit's 信息员 lists, edits (sections and table 二),
    previews, downloads and publishes its report, which then appears on
    the public column at once, and withdraws it; publishing an incomplete
    report is refused with the reasons; bad figures are refused; another
    region's 信息员 and 政务公开办 get 403 and change nothing; a POST
    without the CSRF token is refused; the district's 政务公开办 may edit.
Prints "ok NAME" / "not ok NAME: why"; exits 1 on any failure.
"""
import io
import os
import re
import sqlite3
import subprocess
import sys
import tempfile
import urllib.parse
import zipfile

sys.path.insert(0, os.path.dirname(__file__))
from importlib import import_module  # noqa: E402

authz = import_module("test-authz")   # Server and Client (cookies, CSRF)
Server, Client, BIN = authz.Server, authz.Client, authz.BIN
PW = "Report-Pass-2026!"
failures = 0
HOSTILE = "<script>alert('年报')</script>\"'&𠀀\u202e"


def check(name, cond, why=""):
    global failures
    if cond:
        print(f"ok {name}")
    else:
        failures += 1
        print(f"not ok {name}: {why}")
    return cond


def run(*args, env=None):
    e = dict(os.environ)
    e.update(env or {})
    return subprocess.run([BIN, *args], capture_output=True, text=True,
                          env=e)


def setup(db, tmp):
    ids = {}
    steps = [["init"],
             ["region", "import", os.path.join("data", "regions",
                                               "changsha.csv")]]
    for s in steps:
        r = run("--db", db, *s)
        if not check(f"fixture: {' '.join(s[:2])}", r.returncode == 0,
                     r.stderr[-300:]):
            return None
    # the server needs a published catalog to serve a column
    r = run("--db", db, "catalog", "import", os.path.join(
        "data", "catalogs", "shjz.csv"), "--region", "430100", "--domain",
        "shjz", "--version", "2020版")
    if not check("fixture: catalog", r.returncode == 0, r.stderr[-300:]):
        return None
    cat = r.stdout.strip()
    for step in ("submit", "approve", "publish"):
        r = run("--db", db, "catalog", step, cat)
        if not check(f"fixture: catalog {step}", r.returncode == 0,
                     r.stderr[-300:]):
            return None
    for key, name, kind, region in [
            ("gov", "岳麓区人民政府", "人民政府", "430104"),
            ("mz", "岳麓区民政局", "政府部门", "430104"),
            ("st", "望月湖街道办事处", "街道办事处", "430104001"),
            ("kf", "开福区人民政府", "人民政府", "430105")]:
        r = run("--db", db, "unit", "add", name, "--kind", kind, "--region",
                region)
        if not check(f"fixture: unit {name}", r.returncode == 0,
                     r.stderr[-300:]):
            return None
        ids[key] = int(r.stdout.strip())
    env = {"GONGKAI_PASSWORD": PW}
    for user, cn, roles, unit in [
            ("mz_editor", "民政信息员", "信息员", ids["mz"]),
            ("kf_editor", "开福信息员", "信息员", ids["kf"]),
            ("kf_office", "开福公开办", "政务公开办管理员", ids["kf"]),
            ("yl_office", "岳麓公开办", "政务公开办管理员", ids["gov"])]:
        r = run("--db", db, "user", "add", user, "--name", cn, "--roles",
                roles, "--unit", str(unit), env=env)
        if not check(f"fixture: user {user}", r.returncode == 0,
                     r.stderr[-300:]):
            return None
    c = sqlite3.connect(db)
    c.execute("UPDATE users SET must_change = 0")
    apps = [  # unit, kind, received, replied, outcome, fee (fen)
        (ids["gov"], "person", "2025-03-01", "2025-03-20", "1", None),
        (ids["mz"], "commercial", "2024-12-20", "2025-01-10", "3.3", None),
        (ids["mz"], "research", "2025-11-30", None, None, None),
        (ids["gov"], "person", "2025-05-01", "2025-05-15", "6.2", 40000),
        (ids["st"], "person", "2025-02-01", "2025-02-02", "2", None),
    ]
    for i, (u, kind, recv, rep, out, fee) in enumerate(apps, 1):
        c.execute(
            "INSERT INTO requests (unit_id, year, serial, code, applicant_kind,"
            " name, info_name, forms, delivery, channel, submitted_on,"
            " received_on, status, outcome, replied_on, fee_method, fee_units,"
            " fee_fen, fee_state, created_by, created_at, updated_at) VALUES"
            " (?, ?, ?, ?, ?, '申请人', '某项信息', '纸质', '邮寄', 'online', ?,"
            " ?, ?, ?, ?, ?, ?, ?, ?, 'test', '2026-01-01T00:00:00Z',"
            " '2026-01-01T00:00:00Z')",
            (u, int(recv[:4]), i, f"Q{i}", kind, recv, recv,
             "replied" if rep else "handling", out, rep,
             "per_item" if fee else None, 11 if fee else None, fee,
             "paid" if fee else None))
    c.execute("INSERT INTO request_cases (unit_id, kind, result, filed_on,"
              " decided_on, created_at) VALUES (?, 'review', 'upheld',"
              " '2025-04-01', '2025-06-01', 'x')", (ids["mz"],))
    # the district government's report is published; the department's is
    # written but not published
    c.execute("INSERT INTO annual_reports (unit_id, year, overview, problems,"
              " other, table2, published_at, updated_at) VALUES (?, 2025, ?,"
              " '个别单位答复不够规范。', '', ?, '2026-01-20T02:00:00Z',"
              " '2026-01-20T02:00:00Z')",
              (ids["gov"], "2025年，全区政府信息公开工作稳步推进。" + HOSTILE,
               '{"permits": 1200, "fees_wan": "12.5", "rules_made": 0,'
               ' "rules_repealed": 0, "rules_current": 0, "norms_made": 2,'
               ' "norms_repealed": 0, "norms_current": 30, "penalties": 5,'
               ' "coercion": 0}'))
    c.execute("INSERT INTO annual_reports (unit_id, year, overview, problems,"
              " other, table2, updated_at) VALUES (?, 2025, '民政局草稿', '',"
              " '', '{}', '2026-01-20T02:00:00Z')", (ids["mz"],))
    c.commit()
    c.close()
    return ids


def public(srv, ids):
    cl = Client(srv, "public")
    gov, mz = ids["gov"], ids["mz"]
    st, h, t = cl.get("/r/430104/")
    check("region page links its 年报 page", st == 200 and
          '<a href="/r/430104/reports/">政府信息公开年报</a>' in t, str(st))

    st, h, t = cl.get("/r/430104/reports/")
    check("reports list", st == 200 and "岳麓区政府信息公开工作年度报告" in t,
          f"{st} {t[:300]}")
    check("list links the published report and its .xlsx",
          f'href="/report/{gov}/2025"' in t and
          f'href="/report/{gov}/2025.xlsx"' in t and "2025年度" in t, "")
    check("list does not show an unpublished report",
          f"/report/{mz}/2025" not in t and "岳麓区民政局" not in t, "")
    check("list is a captioned table", "<caption" in t and
          'scope="row"' in t, "")
    st, h, t = cl.get("/r/430000/reports/")
    check("a region above lists reports below it",
          st == 200 and f"/report/{gov}/2025" in t, str(st))
    st, h, t = cl.get("/r/430104001/reports/")
    check("a region with none says so", st == 200 and "尚未发布" in t, str(st))
    st, h, t = cl.get("/r/999999/reports/")
    check("reports of an unknown region: 404", st == 404, str(st))

    st, h, t = cl.get(f"/report/{gov}/2025")
    check("report page", st == 200, str(st))
    check("report title", "<h1>岳麓区人民政府2025年政府信息公开工作年度报告</h1>"
          in t, "")
    heads = re.findall(r'<h2 id="s\d">([^<]+)</h2>', t)
    check("six sections in the official order", heads == [
        "一、总体情况", "二、主动公开政府信息情况",
        "三、收到和处理政府信息公开申请情况",
        "四、政府信息公开行政复议、行政诉讼情况",
        "五、存在的主要问题及改进情况", "六、其他需要报告的事项"], str(heads))
    check("tables have captions and scoped headers",
          t.count("<caption") == 6 and 'scope="rowgroup" rowspan="22"' in t
          and 'scope="colgroup" colspan="5">法人或其他组织' in t and
          'scope="col">商业企业' in t, "")
    row = re.search(r'<th scope="row" colspan="3">一、本年新收政府信息公开申请数量'
                    r'</th>((?:<td class="num">\d+</td>){7})', t)
    nums = re.findall(r">(\d+)<", row.group(1)) if row else []
    check("table 三 received row counted from the applications",
          nums == ["2", "0", "1", "0", "0", "0", "3"], str(nums))
    row = re.search(r'（七）总计</th>((?:<td class="num">\d+</td>){7})', t)
    nums = re.findall(r">(\d+)<", row.group(1)) if row else []
    check("table 三 total row", nums[-1:] == ["3"], str(nums))
    check("balance check shown", "勾稽关系检查：各列均满足" in t, "")
    check("table 二 entered figures and sources", "12.5" in t and "1200" in t
          and "单位填报" in t, "")
    check("fee sentence", "2025年全区实际收取信息处理费共计400元。" in t, "")
    check("download link", f'href="/report/{gov}/2025.xlsx"' in t, "")
    check("no script on the page, hostile text neutralised",
          "<script" not in t and "alert(" not in t.split("<body")[1]
          .split("一、总体情况")[0] and "全区政府信息公开工作稳步推进" in t, "")
    check("works on a phone: viewport and scrolling tables",
          'name="viewport"' in t and 'class="table-scroll"' in t, "")
    check("article meta tags", 'name="ArticleTitle"' in t and
          'content="2026-01-20"' in t, "")

    st, h, raw = cl.request("GET", f"/report/{gov}/2025.xlsx")
    check("xlsx download", st == 200 and h.get("content-type", "").startswith(
        "application/vnd.openxmlformats") and raw[:2] == b"PK", str(st))
    check("xlsx file name", "filename*=UTF-8''" in h.get(
        "content-disposition", "") and urllib.parse.quote(
        "岳麓区人民政府2025年政府信息公开工作年度报告.xlsx") in
        h.get("content-disposition", ""), h.get("content-disposition", ""))
    try:
        z = zipfile.ZipFile(io.BytesIO(raw))
        strings = z.read("xl/sharedStrings.xml").decode()
        wb = z.read("xl/workbook.xml").decode()
    except Exception as e:  # noqa: BLE001
        strings = wb = ""
        check("xlsx opens", False, repr(e))
    for label in ["一、本年新收政府信息公开申请数量", "（七）总计",
                  "四、结转下年度继续办理", "法人或其他组织", "社会公益组织",
                  "3.危及“三安全一稳定”", "未经复议直接起诉", "尚未审结",
                  "本年收费金额（单位：万元）", "行政规范性文件"]:
        check(f"xlsx has {label}", f"<t>{label}</t>" in strings, "")
    check("xlsx sheets named by section",
          'name="三、收到和处理政府信息公开申请情况"' in wb, "")

    for path in (f"/report/{mz}/2025", f"/report/{mz}/2025.xlsx",
                 f"/report/{gov}/2024", f"/report/{gov}/1999",
                 "/report/99999/2025", f"/report/{gov}/2025.csv",
                 f"/report/{gov}/99999"):
        st, h, t = cl.get(path)
        check(f"404 {path}", st == 404 and "没有这份年报" in t, str(st))
    st, h, t = cl.get(f"/report/{gov}/abc")
    check("a malformed year is not found", st == 404, str(st))


def back_office(srv, ids, db):
    mz = ids["mz"]
    base = f"/admin/reports/{mz}/2025"
    ed = Client(srv, "mz-editor")
    st, h, _ = ed.login_form("mz_editor", PW)
    check("editor signs in", st == 303, str(st))
    st, h, t = ed.get("/admin/reports")
    check("list of reports", st == 200 and "岳麓区民政局" in t and
          f'href="{base}"' in t, f"{st} {t[:300]}")
    st, h, t = ed.get(f"/admin/reports?unit={mz}&year=2025")
    check("open a year", st == 303 and h.get("location") == base, str(st))
    st, h, t = ed.get(base)
    check("edit form", st == 200 and 'name="overview"' in t and
          'name="t2_permits"' in t and "民政局草稿" in t and
          "未发布" in t, str(st))
    m = authz.CSRF_RE.search(t)
    ed.csrf = m.group(1) if m else None
    check("form carries a CSRF field", ed.csrf is not None, "")

    # publishing an incomplete report: refused with the reasons
    st, h, t = ed.form(base, [("do", "publish")])
    check("incomplete report not published", st == 400 and
          "五、存在的主要问题及改进情况」尚未填写" in t and
          "表二「行政许可 本年处理决定数量」尚未填报" in t, f"{st}")
    # bad figures: refused, what was typed kept
    st, h, t = ed.form(base, [("do", "save"), ("overview", "总体情况甲"),
                              ("problems", "问题乙"), ("other", ""),
                              ("t2_permits", "十二")])
    check("bad figure refused", st == 400 and "应为不小于 0 的整数" in t and
          'value="十二"' in t, str(st))
    fields = [("do", "save"), ("overview", "民政局总体情况。" + HOSTILE),
              ("problems", "民政局存在的问题。"), ("other", "其他事项。")]
    fields += [(f"t2_{k}", "0") for k in (
        "rules_made", "rules_repealed", "rules_current", "norms_made",
        "norms_repealed", "norms_current", "permits", "penalties",
        "coercion")]
    fields.append(("t2_fees_wan", "3.25"))
    st, h, t = ed.form(base, fields)
    check("save", st == 303 and "msg=report_saved" in h.get("location", ""),
          f"{st} {t[:300]}")
    st, h, t = ed.get(base + "?msg=report_saved")
    check("saved values shown", "年报已保存" in t and 'value="3.25"' in t, "")
    st, h, t = ed.get(base + "/preview")
    check("preview", st == 200 and "尚未发布" in t and "民政局总体情况" in t and
          "<script>alert" not in t and 'rowspan="22"' in t, str(st))
    st, h, raw = ed.request("GET", base + ".xlsx")
    check("back-office xlsx of an unpublished report", st == 200 and
          raw[:2] == b"PK", str(st))
    pub = Client(srv, "public-2")
    st, h, t = pub.get(f"/report/{mz}/2025")
    check("still not public before publishing", st == 404, str(st))

    # other people may not
    for user in ("kf_editor", "kf_office"):
        other = Client(srv, user)
        other.login_form(user, PW)
        st, h, t = other.get(base)
        check(f"{user}: form 403", st == 403, str(st))
        other.csrf = other.scrape_csrf("/admin/reports")
        before = db_row(db, mz)
        st, h, t = other.form(base, [("do", "publish")])
        check(f"{user}: publish 403", st == 403 and "没有权限" in t, str(st))
        st, h, t = other.form(base, [("do", "save"), ("overview", "篡改")])
        check(f"{user}: save 403 and nothing changed", st == 403 and
              db_row(db, mz) == before, str(st))
    st, h, t = ed.form(base, [("do", "publish")], csrf=None)
    check("publish without CSRF refused", st == 403 and
          db_row(db, mz)[1] is None, str(st))

    st, h, t = ed.form(base, [("do", "publish")])
    check("publish", st == 303 and "msg=report_published" in h.get(
        "location", ""), f"{st} {t[:400]}")
    st, h, t = pub.get(f"/report/{mz}/2025")
    check("published report is public at once", st == 200 and
          "岳麓区民政局2025年政府信息公开工作年度报告" in t and "3.25" in t, str(st))
    check("its hostile text is neutralised",
          "<script>alert" not in t and "民政局总体情况" in t, "")
    st, h, t = pub.get("/r/430104/reports/")
    check("and listed", f"/report/{mz}/2025" in t, "")

    # the district's office may edit its departments' reports
    yl = Client(srv, "yl-office")
    yl.login_form("yl_office", PW)
    st, h, t = yl.get(base)
    check("district office may open it", st == 200 and "撤回发布" in t, str(st))
    yl.csrf = authz.CSRF_RE.search(t).group(1) if st == 200 else None
    st, h, t = yl.form(base, [("do", "unpublish")])
    check("withdraw", st == 303 and "msg=report_withdrawn" in h.get(
        "location", ""), str(st))
    st, h, t = pub.get(f"/report/{mz}/2025")
    check("withdrawn report is gone", st == 404, str(st))
    r = run("--db", db, "audit", "verify")
    check("audit trail intact", r.returncode == 0, r.stderr[-300:])
    c = sqlite3.connect(db)
    acts = [a for (a,) in c.execute(
        "SELECT action FROM audit_log WHERE object_type = 'annual_report'"
        " ORDER BY id")]
    c.close()
    check("every change audited", acts == ["report.save", "report.publish",
                                           "report.unpublish"], str(acts))


def db_row(db, unit):
    c = sqlite3.connect(db)
    row = c.execute("SELECT overview, published_at, table2 FROM annual_reports"
                    " WHERE unit_id = ? AND year = 2025", (unit,)).fetchone()
    c.close()
    return row


def main():
    tmp = tempfile.mkdtemp(prefix="gk-report-")
    db = os.path.join(tmp, "report.db")
    ids = setup(db, tmp)
    if not ids:
        return
    srv = Server(db, tmp)
    try:
        public(srv, ids)
        back_office(srv, ids, db)
        check("no server error", not authz.server_errors,
              str(authz.server_errors))
    finally:
        rc, err = srv.stop()
        check("server stops cleanly", rc == 0, f"exit {rc}")
        check("no sanitizer report", "Sanitizer" not in err and
              "runtime error" not in err, err[-1500:])
        subprocess.run(["rm", "-rf", tmp])


if __name__ == "__main__":
    try:
        main()
    except Exception as e:  # a crash in the test itself is a failure too
        import traceback
        traceback.print_exc()
        print(f"not ok test-annual-report: {e!r}")
        failures += 1
    sys.exit(1 if failures else 0)
