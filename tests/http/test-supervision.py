#!/usr/bin/env python3
"""test-supervision.py: supervision tasks (督办任务) and ledgers (公示栏台账,
政务公开专区检查, 打印并登记) over real HTTP, against a real demo database and
`gongkai serve` on a loopback port.

Covers: the board of 岳麓区政务公开办 (the seed-000 tasks, overdue first,
no 芙蓉区 task, the state tiles and filters, a bad filter refused); a unit's
board (only its own row); 望月湖街道's 信息员 reporting completion with a
PDF (the report, the file by SHA-256, its download, the audit entry);
another unit (岳麓区民政局) refused reporting for it, refused a task it is
not on, refused the file; every POST without the CSRF token refused with
nothing written; the office sending a completion back; the office setting
a task (working-day deadline, units outside its region refused, hostile
text escaped on the board and the task page); the bulletin-board ledger
(the kept figure, an entry with a photo, hostile text escaped, the CSV
with its BOM and a defused formula cell, bad dates and a non-photo
refused in Chinese, another unit refused, the photo only to those who may
see it); the 政务公开专区 checklist of seed 003 and an inspection (every
line required); 打印并登记 (CSRF, the ledger entry with the record, the
redirect to the A4 notice, another unit refused) and the public notice and
short address; the audit chain intact.
Prints "ok NAME" / "not ok NAME: why".
"""
import csv
import io
import os
import re
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
NEW_PW = "Duban-Test-2026!"
HOSTILE = "<script>alert(\"x\")</script>'&𠀀\u202e"
PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000002000000020802000000fdd49a73"
    "0000001349444154789c63d82c24fdffff7f062006b2003754 07bb641e809000"
    "00000049454e44ae426082".replace(" ", ""))
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


def sql(db, q, *args):
    con = sqlite3.connect(db, timeout=30)
    try:
        return con.execute(q, args).fetchall()
    finally:
        con.close()


def one(db, q, *args):
    rows = sql(db, q, *args)
    return rows[0][0] if rows else None


def counts(db):
    return tuple(one(db, f"SELECT COUNT(*) FROM {t}") for t in (
        "tasks", "task_reports", "supervision_files", "board_ledger",
        "zone_inspections", "audit_log"))


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
        c.form("/admin/password", [("old", DEMO_PW), ("new", NEW_PW),
                                   ("new2", NEW_PW)])
        st, h, t = c.page("/admin/login")
        pre = re.search(r'name="pre" value="([^"]+)"', t).group(1)
        st, h, t = c.form("/admin/login", [("pre", pre), ("next", "/admin/"),
                                           ("username", user),
                                           ("password", NEW_PW)],
                          with_csrf=False)
    check(f"{user} signs in", st == 303 and h.get("location") == "/admin/",
          f"{st} {h}")
    c.page("/admin/")
    return c


def multipart(c, path, fields, files=(), csrf=True):
    """A multipart POST; csrf=False leaves the token out."""
    boundary = "----gongkaisv9d3e"
    out = bytearray()
    f = ([("csrf", c.csrf or "")] if csrf else []) + list(fields)
    for k, v in f:
        if isinstance(v, str):
            v = v.encode()
        out += (f"--{boundary}\r\nContent-Disposition: form-data; "
                f'name="{k}"\r\n\r\n').encode() + v + b"\r\n"
    for k, name, data, ctype in files:
        out += (f"--{boundary}\r\nContent-Disposition: form-data; "
                f'name="{k}"; filename="{name}"\r\nContent-Type: {ctype}'
                "\r\n\r\n").encode() + data + b"\r\n"
    out += f"--{boundary}--\r\n".encode()
    st, h, b = c.request("POST", path, bytes(out), {
        "Content-Type": f"multipart/form-data; boundary={boundary}"})
    return st, h, b.decode("utf-8", "replace")


def unit_id(db, name):
    return one(db, "SELECT id FROM units WHERE name = ?", name)


def task_id(db, source):
    return one(db, "SELECT id FROM tasks WHERE source = ?", source)


def errors_box(t):
    m = re.search(r'<div class="notice error" role="alert">.*?</div>', t, re.S)
    return m.group(0) if m else ""


SRC1 = "岳政务公开办发〔2021〕1号 第（一）项"
SRC5 = "岳政务公开办发〔2021〕1号 第（五）项"
SRC2 = "岳政务公开办发〔2021〕1号 第（二）项"


# --- the board ---------------------------------------------------------------

def board_checks(db, office, wyh, ylmz):
    st, h, t = office.page("/admin/tasks")
    check("office board 200", st == 200, st)
    check("office board has the seed-000 tasks",
          all(f"第（{n}）项" in t for n in "一二三四五七八"), t[:500])
    check("office board has no 芙蓉区 task", "芙政办发" not in t)
    check("board in the back-office menu", 'href="/admin/tasks"' in t and
          'href="/admin/ledger"' in t)
    rows = re.findall(r'<tr id="task-(\d+)">(.*?)</tr>', t, re.S)
    first_overdue = rows and "已逾期" in rows[0][1]
    check("tasks with an overdue unit come first", first_overdue,
          rows[:1])
    ranks = [0 if "已逾期" in r[1] else 1 for r in rows]
    check("no task without overdue units before one with",
          ranks == sorted(ranks), ranks)
    m = re.search(r'<tr id="task-%d">(.*?)</tr>' % task_id(db, SRC1), t, re.S)
    check("units within a task: overdue first, then late, then done",
          m and m.group(1).index("已逾期") < m.group(1).index("逾期完成") <
          m.group(1).index("已完成"), m.group(1)[:800] if m else t[:300])
    check("task (一): 民政局 done 8 days late, 望月湖 on time",
          m and "岳麓区民政局（" not in m.group(1) and
          "2021-06-08 完成，逾期 8 天" in m.group(1) and
          "2021-05-27 完成" in m.group(1), m.group(1)[:800] if m else "")
    st, h, t2 = office.page("/admin/tasks?state=late")
    check("filter ?state=late keeps tasks with a late unit",
          st == 200 and SRC1 in t2 and SRC5 not in t2, st)
    st, h, t2 = office.page("/admin/tasks?state=bogus")
    check("a bad filter is refused in Chinese", st == 400 and "筛选条件无效"
          in t2, st)
    st, h, t = wyh.page("/admin/tasks")
    check("unit board 200", st == 200, st)
    check("a unit sees its own row only", "望月湖街道办事处" in t and
          "岳麓街道办事处" not in t and "岳麓区民政局" not in t, t[-1500:])
    check("a unit sees no task it is not on",
          "第（八）项" in t and "芙政办发" not in t)
    st, h, t = ylmz.page(f"/admin/tasks/{task_id(db, SRC2)}")
    check("a unit is refused a task it is not on", st == 403 and "没有权限"
          in t, st)


# --- reporting ---------------------------------------------------------------

def report_checks(db, office, wyh, ylmz):
    tid = task_id(db, SRC5)
    wyh_unit = unit_id(db, "望月湖街道办事处")
    st, h, t = wyh.page(f"/admin/tasks/{tid}")
    check("task page 200 with the report form", st == 200 and
          'action="/admin/tasks/%d/reports"' % tid in t and
          'name="csrf"' in t, st)
    check("task page shows the text as the seed gives it",
          "区政府公开政务服务工作领导小组办公室" in t and
          "各街道（镇）、区直相关部门" in t, t[:300])
    before = counts(db)
    st, h, t = multipart(wyh, f"/admin/tasks/{tid}/reports",
                         [("unit", str(wyh_unit)), ("kind", "done"),
                          ("text", "已成立政务公开工作领导小组，明确责任领导、"
                           "责任人。"), ("day", "")],
                         [("file", "领导小组文件.pdf", PDF, "application/pdf")],
                         csrf=False)
    check("report without CSRF refused", st == 403, st)
    check("nothing written without CSRF", counts(db) == before,
          f"{before} {counts(db)}")
    st, h, t = multipart(wyh, f"/admin/tasks/{tid}/reports",
                         [("unit", str(wyh_unit)), ("kind", "done"),
                          ("text", "已成立政务公开工作领导小组，明确责任领导、"
                           "责任人。")],
                         [("file", "领导小组文件.pdf", PDF, "application/pdf")])
    check("a unit reports completion with a file", st == 303 and
          f"/admin/tasks/{tid}?done=report" in h.get("location", ""),
          f"{st} {errors_box(t)}")
    after = counts(db)
    check("the report, its file and an audit entry are written",
          after[1] == before[1] + 1 and after[2] == before[2] + 1 and
          after[5] >= before[5] + 1, f"{before} {after}")
    sha = one(db, "SELECT sha256 FROM supervision_files ORDER BY id DESC")
    import hashlib
    check("the file is stored by its SHA-256",
          sha == hashlib.sha256(PDF).hexdigest() and
          one(db, "SELECT COUNT(*) FROM blobs WHERE sha256 = ?", sha) == 1,
          sha)
    check("audit entry task.report", one(
        db, "SELECT COUNT(*) FROM audit_log WHERE action = 'task.report' "
        "AND object_id = ?", str(tid)) >= 1)
    st, h, t = wyh.page(f"/admin/tasks/{tid}?done=report")
    check("the task page shows the report and state 逾期完成",
          "已报送" in t and "领导小组文件.pdf" in t and "逾期完成" in t, t[-2000:])
    fid = re.search(r'/admin/tasks/%d/files/(\d+)' % tid, t)
    st, h, b = wyh.request("GET", f"/admin/tasks/{tid}/files/{fid.group(1)}")
    check("the file downloads with its bytes and type",
          st == 200 and b == PDF and h.get("content-type", "").startswith(
              "application/pdf"), f"{st} {h}")
    st, h, b = ylmz.request("GET", f"/admin/tasks/{tid}/files/{fid.group(1)}")
    check("another unit gets no file of this unit's report", st == 404, st)
    # a second completion is refused
    st, h, t = multipart(wyh, f"/admin/tasks/{tid}/reports",
                         [("unit", str(wyh_unit)), ("kind", "done"),
                          ("text", "再次报送完成")])
    check("a second completion is refused in Chinese", st == 400 and
          "已报送完成" in errors_box(t), f"{st} {errors_box(t)}")
    # another unit is refused
    ylmz.page(f"/admin/tasks/{tid}")
    before = counts(db)
    st, h, t = multipart(ylmz, f"/admin/tasks/{tid}/reports",
                         [("unit", str(wyh_unit)), ("kind", "progress"),
                          ("text", "替别的单位报送")])
    check("another unit may not report for 望月湖街道", st == 403 and
          "没有权限" in t, st)
    check("nothing written by the refused report", counts(db) == before)
    # a future day and an empty text are refused
    st, h, t = multipart(wyh, f"/admin/tasks/{tid}/reports",
                         [("unit", str(wyh_unit)), ("kind", "progress"),
                          ("day", "2999-01-01"), ("text", "")])
    box = errors_box(t)
    check("a future day and an empty text are refused together",
          st == 400 and "还没到" in box and "「报送内容」：必须填写" in box, box)
    # the office sends the completion back
    st, h, t = office.page(f"/admin/tasks/{tid}")
    check("office task page has the return and close forms",
          "退回完成情况" in t and "办结任务" in t, st)
    st, h, t = multipart(office, f"/admin/tasks/{tid}/reports",
                         [("unit", str(wyh_unit)), ("kind", "returned"),
                          ("text", "请附领导小组成立文件的正式文号。")])
    check("the office sends the completion back", st == 303 and
          "done=returned" in h.get("location", ""), f"{st} {errors_box(t)}")
    st, h, t = wyh.page("/admin/tasks")
    m = re.search(r'<tr id="task-%d">(.*?)</tr>' % tid, t, re.S)
    check("after the return the unit is overdue again",
          m and "已逾期" in m.group(1), m.group(1) if m else "")
    st, h, t = multipart(wyh, f"/admin/tasks/{tid}/reports",
                         [("unit", str(wyh_unit)), ("kind", "returned"),
                          ("text", "单位自己退回")])
    check("a unit may not send back", st == 403, st)


# --- setting a task ------------------------------------------------------------

def new_task_checks(db, office, wyh, ylmz):
    st, h, t = office.page("/admin/tasks/new")
    check("office: new task form", st == 200 and 'name="role_' in t, st)
    st, h, t = wyh.page("/admin/tasks/new")
    check("a unit may not set tasks", st == 403, st)
    wyh_unit = unit_id(db, "望月湖街道办事处")
    ylmz_unit = unit_id(db, "岳麓区民政局")
    fr_unit = unit_id(db, "芙蓉区民政局")
    fields = [("source", "岳政务公开办发〔2026〕3号 第（一）项 " + HOSTILE),
              ("title", "补充公示栏台账照片"),
              ("body", "各街道补充 2026 年公示栏台账照片。" + HOSTILE),
              ("units_text", "各街道（镇）"), ("issued_on", "2026-11-02"),
              ("due", "10个工作日内"),
              (f"role_{wyh_unit}", "lead"), (f"role_{ylmz_unit}", "member"),
              (f"role_{fr_unit}", "member")]
    before = counts(db)
    st, h, t = office.form("/admin/tasks", fields)
    box = errors_box(t)
    check("a unit outside the region is refused", st == 400 and
          "芙蓉区民政局 不在本地区" in box, f"{st} {box}")
    check("nothing written by the refused task", counts(db) == before)
    st, h, t = office.form("/admin/tasks", [x for x in fields
                                            if x[0] != f"role_{fr_unit}"])
    check("office sets a task", st == 303 and "done=created" in
          h.get("location", ""), f"{st} {errors_box(t)}")
    tid = one(db, "SELECT MAX(id) FROM tasks")
    due = sql(db, "SELECT due_on, due_workdays, issued_on FROM tasks WHERE "
              "id = ?", tid)[0]
    check("10个工作日内 counted on the working-day calendar",
          due == ("2026-11-16", 10, "2026-11-02"), due)
    st, h, t = office.page(f"/admin/tasks/{tid}")
    check("hostile text escaped on the task page", "<script>alert" not in t
          and "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&#39;&amp;"
          in t, t[:400])
    st, h, t = office.page("/admin/tasks")
    check("hostile text escaped on the board", "<script>alert" not in t and
          "&lt;script&gt;" in t)
    st, h, t = wyh.page("/admin/tasks")
    check("the unit sees the new task", f"task-{tid}" in t)
    st, h, t = office.form(f"/admin/tasks/{tid}/close", [("action", "close")])
    check("office closes a task", st == 303 and "done=closed" in
          h.get("location", ""), st)
    st, h, t = multipart(wyh, f"/admin/tasks/{tid}/reports",
                         [("unit", str(wyh_unit)), ("kind", "progress"),
                          ("text", "办结后报送")])
    check("no report on a closed task", st == 400 and "办结" in errors_box(t),
          st)
    st, h, t = ylmz.form(f"/admin/tasks/{tid}/close", [("action", "reopen")])
    check("a unit may not reopen a task", st == 403, st)


# --- the bulletin-board ledger -------------------------------------------------

def ledger_checks(db, office, wyh, ylmz):
    wyh_unit = unit_id(db, "望月湖街道办事处")
    st, h, t = wyh.page("/admin/ledger")
    check("ledger page 200 with entries and the kept figure", st == 200 and
          "2026年第一季度城乡低保对象公示" in t and 'id="kept"' in t and
          "得分率" in t, st)
    st, h, t = wyh.page(f"/admin/ledger?unit={wyh_unit}&from=2026-01-01&"
                        "to=2026-12-31")
    m = re.search(r'id="kept"><strong>台账情况：</strong>(.*?)</p>', t)
    check("kept figure for 2026 from the demo's entries",
          m and "公示栏台账 7 条" in m.group(1) and "有照片的 5 条" in
          m.group(1) and "12 个月中 7 个月有登记" in m.group(1),
          m.group(1) if m else t[:300])
    before = counts(db)
    fields = [("unit", str(wyh_unit)), ("title", "=HYPERLINK(1) " + HOSTILE),
              ("place", "望月湖街道便民服务中心公示栏"),
              ("posted_from", "2026-11-02"), ("posted_to", "2026-11-09"),
              ("posted_by", "望月湖街道信息员"), ("note", HOSTILE)]
    st, h, t = multipart(wyh, "/admin/ledger", fields,
                         [("photo", "现场.png", PNG, "image/png")],
                         csrf=False)
    check("ledger entry without CSRF refused", st == 403 and
          counts(db) == before, st)
    st, h, t = multipart(wyh, "/admin/ledger", fields,
                         [("photo", "现场.png", PNG, "image/png")])
    check("a unit adds a ledger entry with a photo", st == 303 and
          "done=added" in h.get("location", ""), f"{st} {errors_box(t)}")
    after = counts(db)
    check("entry, photo and audit written", after[3] == before[3] + 1 and
          after[2] == before[2] + 1 and after[5] > before[5],
          f"{before} {after}")
    eid = one(db, "SELECT MAX(id) FROM board_ledger")
    st, h, t = wyh.page(f"/admin/ledger?unit={wyh_unit}&done=added")
    check("hostile ledger text escaped", "<script>alert" not in t and
          "&lt;script&gt;" in t and "台账已登记" in t)
    pid = re.search(r'<tr id="entry-%d">.*?/admin/ledger/files/(\d+)' % eid,
                    t, re.S)
    st, h, b = wyh.request("GET", f"/admin/ledger/files/{pid.group(1)}")
    check("the photo downloads", st == 200 and b == PNG and
          h.get("content-type") == "image/png", f"{st} {h}")
    st, h, b = ylmz.request("GET", f"/admin/ledger/files/{pid.group(1)}")
    check("another unit gets no photo", st == 404, st)
    st, h, b = office.request("GET", f"/admin/ledger/files/{pid.group(1)}")
    check("the district office sees the photo", st == 200, st)
    # refusals
    bad = [(k, v) for k, v in fields if k not in ("posted_to",)] + [
        ("posted_to", "2026-11-01")]
    st, h, t = multipart(wyh, "/admin/ledger", bad,
                         [("photo", "说明.pdf", PDF, "application/pdf")])
    box = errors_box(t)
    check("end before start and a non-photo refused together",
          st == 400 and "早于开始日期" in box and "不是照片" in box, box)
    st, h, t = multipart(wyh, "/admin/ledger", [
        ("unit", str(wyh_unit)), ("title", ""), ("place", ""),
        ("posted_from", "2026-13-45"), ("posted_to", ""), ("posted_by", "")])
    box = errors_box(t)
    check("missing fields and a bad date each named",
          st == 400 and all(x in box for x in (
              "「公示内容」：必须填写", "「张贴位置」：必须填写",
              "「张贴开始日期」", "「张贴结束日期」：必须填写",
              "「张贴人」：必须填写")), box)
    ylmz.page("/admin/ledger")
    before = counts(db)
    st, h, t = multipart(ylmz, "/admin/ledger", fields)
    check("another unit may not add to 望月湖's ledger", st == 403 and
          counts(db) == before, st)
    st, h, t = ylmz.page(f"/admin/ledger?unit={wyh_unit}")
    check("another unit may not read 望月湖's ledger", st == 403, st)
    # CSV
    st, h, b = wyh.request("GET", f"/admin/ledger/export.csv?unit={wyh_unit}")
    check("CSV export 200, text/csv, attachment", st == 200 and
          h.get("content-type", "").startswith("text/csv") and
          "attachment" in h.get("content-disposition", ""), f"{st} {h}")
    check("CSV starts with the UTF-8 BOM", b.startswith(b"\xef\xbb\xbf"))
    rows = list(csv.reader(io.StringIO(b[3:].decode("utf-8"))))
    check("CSV header", rows and rows[0][:7] == [
        "序号", "单位", "公示内容", "张贴位置", "开始日期", "结束日期", "张贴人"],
        rows[:1])
    mine = [r for r in rows if len(r) > 2 and "HYPERLINK" in r[2]]
    check("CSV has the new entry, the formula defused",
          mine and mine[0][2].startswith("'=HYPERLINK(1)") and
          HOSTILE in mine[0][2] and mine[0][9] == "1", mine)
    printed = [r for r in rows if len(r) > 8 and r[8] == "是"]
    check("CSV marks the printed notice with its 索引号",
          printed and printed[0][7], printed[:1])
    st, h, b = office.request("GET", "/admin/ledger/export.csv?from=2026-01-01"
                              "&to=2026-12-31")
    check("office CSV of its region", st == 200 and "望月湖街道办事处" in
          b.decode("utf-8", "replace"), st)
    st, h, b = ylmz.request("GET", f"/admin/ledger/export.csv?unit={wyh_unit}")
    check("another unit gets no CSV of 望月湖", st == 403, st)
    st, h, b = Client(ylmz.srv, "anon").request(
        "GET", "/admin/ledger/export.csv")
    check("no CSV without signing in", st in (302, 303, 401, 403), st)
    st, h, b = wyh.request("GET", "/admin/ledger/export.csv?from=2026-02-30")
    check("CSV with a bad date refused", st == 400, st)


# --- the 政务公开专区 -----------------------------------------------------------

def zone_checks(db, office, wyh):
    wyh_unit = unit_id(db, "望月湖街道办事处")
    st, h, t = wyh.page("/admin/zone")
    check("zone page: the township checklist of seed 003",
          st == 200 and "乡镇（街道）级" in t and
          all(x in t for x in ("政策解读文件", "宣传栏", "办事指南",
                               "基层公共服务（一门式）代办窗口", "便民卡",
                               "简明扼要 通俗易懂", "纸质文本 电子文本")),
          t[:300])
    check("the demo's inspection is listed", "5 项中 4 项达标" in t, st)
    lines = re.findall(r'name="met_(\d+)"', t)
    lines = sorted(set(lines))
    check("five lines to mark", len(lines) == 5, lines)
    fields = [("unit", str(wyh_unit)), ("day", "2026-11-20"),
              ("inspector", "岳麓区政务公开办检查组"), ("note", HOSTILE)]
    st, h, t = multipart(wyh, "/admin/zone", fields + [
        (f"met_{lines[0]}", "1")])
    check("an inspection with unmarked lines is refused", st == 400 and
          "请选择达标或不达标" in errors_box(t), st)
    marks = [(f"met_{x}", "1" if i else "0") for i, x in enumerate(lines)]
    marks += [(f"note_{lines[0]}", "资料架缺政策解读文件")]
    st, h, t = multipart(office, "/admin/zone", fields + marks,
                         [("photo", "专区.png", PNG, "image/png")])
    check("the office records an inspection with a photo", st == 303 and
          "/admin/zone/" in h.get("location", ""), f"{st} {errors_box(t)}")
    st, h, t = office.page(h.get("location", "/admin/zone"))
    check("inspection page: results escaped", "5 项中 4 项达标" in t and
          "资料架缺政策解读文件" in t and "<script>alert" not in t, t[:300])


# --- 打印并登记 -----------------------------------------------------------------

def print_checks(db, wyh, ylmz):
    wyh_unit = unit_id(db, "望月湖街道办事处")
    rid, index_no = sql(db, "SELECT id, index_no FROM records WHERE unit_id = "
                        "? AND status = 'published' AND disclosure = 'active' AND "
                        "deleted_at "
                        "IS NULL ORDER BY id DESC LIMIT 1", wyh_unit)[0]
    st, h, t = wyh.page(f"/admin/print?record={index_no}")
    check("print form by 索引号", st == 200 and "打印并登记" in t and
          index_no in t, st)
    before = counts(db)
    st, h, t = wyh.form("/admin/print", [
        ("record", str(rid)), ("place", "望月湖街道便民服务中心公示栏"),
        ("posted_from", "2026-11-20"), ("posted_to", "2026-11-27"),
        ("posted_by", "望月湖街道信息员")], with_csrf=False)
    check("打印并登记 without CSRF refused", st == 403 and
          counts(db) == before, st)
    st, h, t = wyh.form("/admin/print", [
        ("record", str(rid)), ("place", "望月湖街道便民服务中心公示栏"),
        ("posted_from", "2026-11-20"), ("posted_to", "2026-11-27"),
        ("posted_by", "望月湖街道信息员")])
    loc = h.get("location", "")
    check("打印并登记 redirects to the A4 notice with the period",
          st == 303 and loc.startswith(f"/record/{rid}/print?from=2026-11-20"
                                       "&to=2026-11-27"), f"{st} {loc}")
    row = sql(db, "SELECT record_id, printed, place, posted_from, posted_to "
              "FROM board_ledger ORDER BY id DESC LIMIT 1")[0]
    check("the ledger entry records the printed record",
          row == (rid, 1, "望月湖街道便民服务中心公示栏", "2026-11-20",
                  "2026-11-27"), row)
    st, h, b = Client(wyh.srv, "anon").request("GET", loc)
    t = b.decode()
    check("the notice shows 索引号, 公示期 and the way back",
          st == 200 and index_no in t and "公示期：2026年11月20日至2026年11月27日"
          in t and f"/record/{rid}</span>" in t and "/n/" in t, st)
    code = re.search(r'/n/([0-9a-z]+)</span>', t).group(1)
    st, h, b = Client(wyh.srv, "anon").request("GET", f"/n/{code}")
    check("the short address leads to the record", st == 301 and
          h.get("location") == f"/record/{rid}", f"{st} {h}")
    st, h, b = Client(wyh.srv, "anon").request("GET", f"/record/{rid}")
    check("the record page links to its notice",
          f'href="/record/{rid}/print"' in b.decode())
    st, h, b = Client(wyh.srv, "anon").request(
        "GET", f"/record/{rid}/print?from=%3Cscript%3E")
    check("a hostile period is refused", st == 400 and b"<script>" not in b,
          st)
    draft = one(db, "SELECT id FROM records WHERE status = 'draft' LIMIT 1")
    if draft:
        st, h, b = Client(wyh.srv, "anon").request("GET",
                                                   f"/record/{draft}/print")
        check("no notice of an unpublished record", st == 404, st)
    ylmz.page("/admin/ledger")
    before = counts(db)
    st, h, t = ylmz.form("/admin/print", [
        ("record", str(rid)), ("place", "别处"), ("posted_from", "2026-11-20"),
        ("posted_to", "2026-11-27"), ("posted_by", "某人")])
    check("another unit may not print and register 望月湖's record",
          st == 403 and counts(db) == before, st)


def main():
    tmp = tempfile.mkdtemp(prefix="gk-sv-")
    db = os.path.join(tmp, "demo.db")
    env_now = os.environ.get("GONGKAI_NOW")
    r = run("--db", db, "demo")
    if not check("demo database", r.returncode == 0, r.stderr[-500:]):
        sys.exit(1)
    os.environ["GONGKAI_NOW"] = "2026-11-23T02:00:00Z"
    srv = Server(db, tmp)
    try:
        office = login(srv, "yl_office")
        wyh = login(srv, "wyh_editor")
        ylmz = login(srv, "ylmz_editor")
        board_checks(db, office, wyh, ylmz)
        report_checks(db, office, wyh, ylmz)
        new_task_checks(db, office, wyh, ylmz)
        ledger_checks(db, office, wyh, ylmz)
        zone_checks(db, office, wyh)
        print_checks(db, wyh, ylmz)
    except Exception:  # a crash is one failure, with its reason
        import traceback
        check("test ran to the end", False, traceback.format_exc()[-1500:])
    finally:
        rc, err = srv.stop()
        check("server stops cleanly on SIGTERM", rc == 0, f"exit {rc}")
        check("no sanitizer report from the server",
              "AddressSanitizer" not in err and "runtime error:" not in err and
              "LeakSanitizer" not in err, err[-3000:])
    if env_now is None:
        os.environ.pop("GONGKAI_NOW", None)
    r = run("--db", db, "audit", "verify")
    check("audit chain intact", r.returncode == 0, r.stdout + r.stderr)
    subprocess.run(["rm", "-rf", tmp])
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
