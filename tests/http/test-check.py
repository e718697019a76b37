#!/usr/bin/env python3
"""test-check.py: the self-check page /admin/check over real HTTP, against a
real demo database and `gongkai serve` on a loopback port.

Covers: the menu entry; a unit's 信息员 (岳麓区民政局) sees "no results yet",
runs the check with the button (POST with the CSRF token; without it 403
and no run written), then sees only their unit's findings grouped by kind,
each with a link that fixes it (the link opens for them); another unit's
results (?unit=) are refused; the 岳麓区 office runs its region and sees
the table of every unit below it, one unit with ?unit=, a unit outside
its region refused; the 三员 are refused; a broken 我要办 link found by
`gongkai check` on the command line stays on the page after a run from
the button (which does not check links) and says which run found it; a
hostile item name is escaped; the audit chain is intact.
Prints "ok NAME" / "not ok NAME: why".
"""
import os
import re
import socket
import sqlite3
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(__file__))
from importlib import import_module  # noqa: E402

cat = import_module("test-catalog-admin")  # Server and Client
Server, Client = cat.Server, cat.Client
BIN = cat.BIN
DEMO_PW = "Demo-Pass-2026"
NEW_PW = "Zicha-Test-2026!"
UNIT = 21                       # 岳麓区民政局 (ylmz_editor's unit)
OTHER = 71                      # 望月湖街道办事处 (wyh_editor's unit)
failures = 0
HOSTILE = "<script>alert(1)</script>\"'&𠀀\u202e"


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


def login(srv, user):
    """Sign in through the forms; the demo password is changed first."""
    c = Client(srv, user)
    st, h, t = c.page("/admin/login")
    pre = re.search(r'name="pre" value="([^"]+)"', t).group(1)
    st, h, t = c.form("/admin/login", [("pre", pre), ("next", "/admin/"),
                                       ("username", user),
                                       ("password", DEMO_PW)],
                      with_csrf=False)
    if h.get("location") == "/admin/password":
        c.page("/admin/password")
        st, h, t = c.form("/admin/password", [("old", DEMO_PW),
                                              ("new", NEW_PW),
                                              ("new2", NEW_PW)])
        st, h, t = c.page("/admin/login")
        pre = re.search(r'name="pre" value="([^"]+)"', t).group(1)
        st, h, t = c.form("/admin/login", [("pre", pre), ("next", "/admin/"),
                                           ("username", user),
                                           ("password", NEW_PW)],
                          with_csrf=False)
    check(f"{user} signs in", st == 303 and h.get("location") == "/admin/",
          f"{st} {h}")
    return c


def runs(db):
    con = sqlite3.connect(db, timeout=30)
    n = con.execute("SELECT COUNT(*) FROM check_runs").fetchone()[0]
    con.close()
    return n


def closed_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def body_checks(srv, db):
    ed = login(srv, "ylmz_editor")
    st, h, t = ed.page("/admin/")
    check("menu has 自查", 'href="/admin/check"' in t and ">自查<" in t, t[:800])
    st, h, t = ed.page("/admin/check")
    check("editor: page before any run", st == 200 and "还没有自查结果" in t and
          "立即自查（不检查链接）" in t and 'name="csrf"' in t, f"{st} {t[-800:]}")

    # a hostile name on one of the unit's blank items
    con = sqlite3.connect(db, timeout=30)
    blank_item = con.execute(
        "SELECT i.id FROM items i JOIN catalogs c ON c.id = i.catalog_id "
        "JOIN domains d ON d.id = c.domain_id "
        "WHERE c.region_code = '430104' AND c.status = 'published' "
        "AND d.code = 'shjz' AND i.level = 2 AND i.name = '审核信息' "
        "ORDER BY c.id DESC LIMIT 1").fetchone()[0]
    con.execute("UPDATE items SET name = ? WHERE id = ?", (HOSTILE, blank_item))
    con.commit()
    con.close()

    before = runs(db)
    st, h, t = ed.form("/admin/check", [], with_csrf=False)
    check("run without the CSRF token: 403", st == 403, str(st))
    check("... and no run written", runs(db) == before, runs(db))
    st, h, t = ed.form("/admin/check", [])
    loc = h.get("location", "")
    check("editor: run from the button redirects to the result",
          st == 303 and re.match(r"/admin/check\?run=\d+$", loc), f"{st} {h}")
    check("... one run written", runs(db) == before + 1, runs(db))
    st, h, t = ed.page(loc)
    check("editor: notice says it is done", st == 200 and "已完成自查" in t,
          t[:1500])
    check("editor: their unit's findings", "岳麓区民政局" in t and
          "空白事项（" in t and "去处理" in t, t[-3000:])
    check("editor: no other unit", "望月湖街道办事处" not in t and
          "岳麓区教育局" not in t, "")
    check("editor: one unit, no table", "各单位最近一次自查" not in t, "")
    check("hostile item name escaped", "<script>alert(1)</script>" not in t and
          "&lt;script&gt;alert(1)&lt;/script&gt;" in t, "")
    fixes = re.findall(r'<a href="(/admin/records/new\?item=\d+)">去处理</a>', t)
    check("blank items link to a new record under them", fixes, t[-2000:])
    if fixes:
        st, h, t2 = ed.page(fixes[0].replace("&amp;", "&"))
        check("the fix link opens for the editor", st == 200 and
              "新建信息" in t2, f"{st} {t2[:500]}")
    st, h, t = ed.page(f"/admin/check?unit={OTHER}")
    check("editor: another unit's results refused", st == 403, str(st))
    st, h, t = ed.page("/admin/check?unit=abc")
    check("editor: a bad unit parameter is 400", st == 400, str(st))

    # the office of 岳麓区: every unit below it
    yl = login(srv, "yl_office")
    yl.page("/admin/check")
    st, h, t = yl.form("/admin/check", [])
    check("office: run of the region", st == 303, f"{st} {t[:500]}")
    st, h, t = yl.page(h.get("location", "/admin/check"))
    check("office: table of every unit", st == 200 and
          "各单位最近一次自查发现的问题" in t and "望月湖街道办事处" in t and
          "岳麓区民政局" in t and 'scope="col"' in t, t[:2000])
    check("office: units outside the region absent", "芙蓉区" not in t, "")
    st, h, t = yl.page(f"/admin/check?unit={UNIT}")
    check("office: one unit of the region", st == 200 and "岳麓区民政局" in t and
          "望月湖街道办事处" not in t, str(st))
    con = sqlite3.connect(db, timeout=30)
    outside = con.execute("SELECT id FROM units WHERE region_code = '430102' "
                          "LIMIT 1").fetchone()[0]
    con.close()
    st, h, t = yl.page(f"/admin/check?unit={outside}")
    check("office: a unit outside its region refused", st == 403, str(st))
    st, h, t = yl.form("/admin/check", [("unit", str(outside))])
    check("office: running a unit outside its region refused", st == 403,
          str(st))

    adm = login(srv, "sysadmin")
    st, h, t = adm.page("/admin/check")
    check("三员: page refused", st == 403, str(st))
    st, h, t = adm.form("/admin/check", [])
    check("三员: run refused", st == 403, str(st))

    # links: found on the command line, kept by the button's run
    port = closed_port()
    con = sqlite3.connect(db, timeout=30)
    svc = con.execute(
        "SELECT i.id FROM items i JOIN catalogs c ON c.id = i.catalog_id "
        "JOIN domains d ON d.id = c.domain_id "
        "WHERE c.region_code = '430104' AND c.status = 'published' "
        "AND d.code = 'shjz' AND i.name = '办事指南' "
        "ORDER BY c.id DESC LIMIT 1").fetchone()[0]
    con.execute("UPDATE items SET service_url = ? WHERE id = ?",
                (f"http://127.0.0.1:{port}/banshi", svc))
    con.commit()
    con.close()
    r = run("--db", db, "check", "--unit", str(UNIT), "--timeout", "3")
    check("command line: check with links finds the refused 我要办",
          r.returncode == 1 and "无法连接服务器" in r.stdout, r.stdout[-1500:])
    cli_run = re.search(r"已保存为第 (\d+) 次自查", r.stdout)
    st, h, t = ed.page("/admin/check")
    st, h, t = ed.form("/admin/check", [])
    st, h, t = ed.page(h.get("location", "/admin/check"))
    check("button run keeps the link finding, saying which run found it",
          "链接失效（" in t and f"127.0.0.1:{port}/banshi" in t and cli_run and
          f"第 {cli_run.group(1)} 次自查" in t and "未检查链接" in t, t[-3000:])

    r = run("--db", db, "audit", "verify")
    check("audit chain intact", r.returncode == 0, r.stdout + r.stderr)
    con = sqlite3.connect(db, timeout=30)
    n = con.execute("SELECT COUNT(*) FROM audit_log WHERE action = "
                    "'check.run'").fetchone()[0]
    con.close()
    check("every run has its audit entry", n == runs(db), f"{n} {runs(db)}")


def main():
    tmp = tempfile.mkdtemp(prefix="gk-check-")
    db = os.path.join(tmp, "demo.db")
    r = run("--db", db, "demo")
    if not check("demo database", r.returncode == 0, r.stderr[-500:]):
        sys.exit(1)
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
