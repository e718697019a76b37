#!/usr/bin/env python3
"""test-catalog-admin.py: catalog work in the back office and through the
write API, over real HTTP against a real demo database.

Signs in as the demo accounts (each must change the demo password first):
ylmz_editor (岳麓区民政局 信息员, region 430104), yl_office (岳麓区政务公开办)
and cs_office (长沙市政务公开办).  Walks derive → drop → add a local item →
edit → submit → the office sees the diff → reject with a reason → fix →
approve → publish, once through the pages (forms posted with the csrf field
scraped from the page) and once through the API; checks that cross-region
attempts get 403 and change nothing, that a bad import lists every problem
and writes nothing, that a good re-import keeps the items' identity, the
downloads, drift and rebase, and that every write is in the audit trail.
Prints "ok NAME" / "not ok NAME: why" per check.
"""
import csv
import http.client
import io
import json
import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse

BIN = os.environ.get("GONGKAI_BIN", "build/asan/gongkai")
DEMO_PW = "Demo-Pass-2026"
NEW_PW = "Mulu-Test-2026!"
failures = 0


def check(name, cond, why=""):
    global failures
    if cond:
        print(f"ok {name}")
    else:
        failures += 1
        print(f"not ok {name}: {why}")
    return cond


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


class Server:
    def __init__(self, db, tmp):
        self.port = free_port()
        self.err = open(os.path.join(tmp, "serve.err"), "w+")
        self.proc = subprocess.Popen(
            [BIN, "--db", db, "serve", "--listen", f"127.0.0.1:{self.port}",
             "--threads", "2", "--access-log", os.path.join(tmp, "access.log")],
            stdout=subprocess.DEVNULL, stderr=self.err)
        for _ in range(200):
            try:
                socket.create_connection(("127.0.0.1", self.port), 0.2).close()
                return
            except OSError:
                time.sleep(0.05)
        raise RuntimeError("server did not start")

    def stop(self):
        self.proc.send_signal(signal.SIGTERM)
        try:
            rc = self.proc.wait(20)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            rc = -9
        self.err.seek(0)
        return rc, self.err.read()


class Client:
    """One browser or program: its cookies and its CSRF token."""

    def __init__(self, srv, name):
        self.srv = srv
        self.name = name
        self.cookies = {}
        self.csrf = None

    def request(self, method, path, body=None, headers=None):
        h = dict(headers or {})
        if self.cookies:
            h["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        c = http.client.HTTPConnection("127.0.0.1", self.srv.port, timeout=60)
        c.request(method, path, body=body, headers=h)
        r = c.getresponse()
        data = r.read()
        hdrs = {}
        for k, v in r.getheaders():
            k = k.lower()
            if k == "set-cookie":
                nv = v.split(";")[0]
                n, _, val = nv.partition("=")
                if not val or "Max-Age=0" in v:
                    self.cookies.pop(n.strip(), None)
                else:
                    self.cookies[n.strip()] = val.strip()
            hdrs[k] = v
        c.close()
        return r.status, hdrs, data

    # --- the API ---
    def api(self, method, path, obj=None, raw=None, ctype=None):
        h = {}
        if self.csrf and method not in ("GET", "HEAD"):
            h["X-CSRF-Token"] = self.csrf
        body = None
        if obj is not None:
            body = json.dumps(obj).encode()
            h["Content-Type"] = "application/json"
        elif raw is not None:
            body = raw
            h["Content-Type"] = ctype or "application/octet-stream"
        st, hd, data = self.request(method, path, body, h)
        try:
            return st, json.loads(data)
        except ValueError:
            return st, None

    # --- the pages ---
    def page(self, path):
        st, h, b = self.request("GET", path)
        t = b.decode("utf-8", "replace")
        m = re.search(r'name="csrf" value="([^"]+)"', t)
        if m:
            self.csrf = m.group(1)
        return st, h, t

    def form(self, path, fields, with_csrf=True):
        f = list(fields)
        if with_csrf:
            f.insert(0, ("csrf", self.csrf or ""))
        body = urllib.parse.urlencode(f).encode()
        st, h, b = self.request("POST", path, body, {
            "Content-Type": "application/x-www-form-urlencoded"})
        return st, h, b.decode("utf-8", "replace")

    def multipart(self, path, fields, files):
        boundary = "----gongkaitest7c1f"
        out = io.BytesIO()
        for k, v in [("csrf", self.csrf or "")] + list(fields):
            out.write(f"--{boundary}\r\nContent-Disposition: form-data; "
                      f'name="{k}"\r\n\r\n{v}\r\n'.encode())
        for k, fname, data, ctype in files:
            out.write(f"--{boundary}\r\nContent-Disposition: form-data; "
                      f'name="{k}"; filename="{fname}"\r\nContent-Type: '
                      f"{ctype}\r\n\r\n".encode())
            out.write(data)
            out.write(b"\r\n")
        out.write(f"--{boundary}--\r\n".encode())
        st, h, b = self.request("POST", path, out.getvalue(), {
            "Content-Type": f"multipart/form-data; boundary={boundary}"})
        return st, h, b.decode("utf-8", "replace")


def api_login(srv, user):
    """Sign in through the API, changing the demo password first."""
    c = Client(srv, user)
    st, j = c.api("POST", "/api/v1/session", {"username": user,
                                               "password": DEMO_PW})
    if st != 201:
        st, j = c.api("POST", "/api/v1/session", {"username": user,
                                                   "password": NEW_PW})
    check(f"{user}: API sign-in", st == 201 and j and "csrf_token" in j,
          f"{st} {j}")
    c.csrf = j["csrf_token"]
    if j["user"]["must_change"]:
        st, j2 = c.api("GET", "/api/v1/admin/catalogs")
        check(f"{user}: API refuses work before the password is changed",
              st in (200, 403), f"{st}")
        st, j2 = c.api("POST", "/api/v1/catalogs/1/actions/submit", {})
        check(f"{user}: API write refused before the password is changed",
              st == 403, f"{st} {j2}")
        st, j2 = c.api("POST", "/api/v1/session/password",
                       {"old_password": DEMO_PW, "new_password": NEW_PW})
        check(f"{user}: API password change", st == 200, f"{st} {j2}")
        st, j = c.api("POST", "/api/v1/session", {"username": user,
                                                   "password": NEW_PW})
        check(f"{user}: API sign-in with the new password",
              st == 201 and not j["user"]["must_change"], f"{st} {j}")
        c.csrf = j["csrf_token"]
    return c


def browser_login(srv, user):
    """Sign in through the forms, changing the demo password at /admin/password."""
    c = Client(srv, user)
    st, h, t = c.page("/admin/login?next=/admin/catalogs")
    pre = re.search(r'name="pre" value="([^"]+)"', t)
    check(f"{user}: sign-in form", st == 200 and pre and "gk_pre" in c.cookies,
          str(st))
    st, h, t = c.form("/admin/login", [("pre", pre.group(1)),
                                       ("next", "/admin/catalogs"),
                                       ("username", user),
                                       ("password", DEMO_PW)], with_csrf=False)
    check(f"{user}: first sign-in goes to the password form",
          st == 303 and h.get("location") == "/admin/password", f"{st} {h}")
    st, h, t = c.page("/admin/catalogs")
    check(f"{user}: catalogs wait for the password change",
          st == 303 and h.get("location") == "/admin/password", f"{st}")
    st, h, t = c.page("/admin/password")
    st, h, t = c.form("/admin/password", [("old", DEMO_PW), ("new", NEW_PW),
                                          ("new2", NEW_PW)])
    check(f"{user}: password changed in the browser",
          st == 303 and "/admin/login" in h.get("location", ""), f"{st} {t[:300]}")
    st, h, t = c.page("/admin/login?next=/admin/catalogs")
    pre = re.search(r'name="pre" value="([^"]+)"', t)
    st, h, t = c.form("/admin/login", [("pre", pre.group(1)),
                                       ("next", "/admin/catalogs"),
                                       ("username", user),
                                       ("password", NEW_PW)], with_csrf=False)
    check(f"{user}: signed in with the new password",
          st == 303 and h.get("location") == "/admin/catalogs", f"{st} {h}")
    # the API shares the session: fetch the token for it
    st, j = c.api("GET", "/api/v1/session")
    c.csrf = j["csrf_token"] if j else None
    return c


def run(*args):
    return subprocess.run([BIN] + list(args), capture_output=True, text=True)


def main():
    tmp = tempfile.mkdtemp(prefix="gk-cat-")
    db = os.path.join(tmp, "demo.db")
    r = run("--db", db, "demo")
    if not check("demo database", r.returncode == 0, r.stderr[-500:]):
        sys.exit(1)
    srv = Server(db, tmp)
    try:
        body_checks(srv, db, tmp)
    finally:
        rc, err = srv.stop()
        check("server stops cleanly on SIGTERM", rc == 0, f"exit {rc}")
        check("no sanitizer report from the server",
              "AddressSanitizer" not in err and "runtime error:" not in err and
              "LeakSanitizer" not in err, err[-3000:])
        subprocess.run(["rm", "-rf", tmp])
    sys.exit(1 if failures else 0)


def items_of(cli, cid):
    st, j = cli.api("GET", f"/api/v1/admin/catalogs/{cid}")
    return j["items"] if st == 200 else None


def cat_of(cli, cid):
    st, j = cli.api("GET", f"/api/v1/admin/catalogs/{cid}")
    return j if st == 200 else None


def leaves(items):
    ids = {i["parent_id"] for i in items}
    return [i for i in items if i["level"] > 1 and i["id"] not in ids]


def new_id(h):
    m = re.match(r"/admin/catalogs/(\d+)", h.get("location", ""))
    return int(m.group(1)) if m else None


def body_checks(srv, db, tmp):
    anon = Client(srv, "anon")
    st, j = anon.api("GET", "/api/v1/catalogs?region=430100&domain=shjz")
    cs_shjz = max(j["catalogs"], key=lambda c: (c["published_at"] or "", c["id"]))
    st, j = anon.api("GET", "/api/v1/catalogs?region=430100&domain=ylfw")
    cs_ylfw = j["catalogs"][0] if st == 200 and j["catalogs"] else None
    check("demo: 长沙市 社会救助 and 养老服务 published",
          cs_shjz["version"] == "2021版" and cs_ylfw, f"{cs_shjz} {cs_ylfw}")

    st, j = anon.api("GET", "/api/v1/admin/catalogs")
    check("admin catalog list needs a session", st == 401, str(st))
    st, h, t = anon.page("/admin/catalogs")
    check("catalog pages need a session",
          st == 303 and "/admin/login" in h.get("location", ""), str(st))

    ed = browser_login(srv, "ylmz_editor")
    yl = api_login(srv, "yl_office")
    cs = api_login(srv, "cs_office")
    st, h, t = yl.page("/admin/catalogs")   # the office's pages too
    st, h, t = cs.page("/admin/catalogs")

    # --- the list ---
    st, h, t = ed.page("/admin/catalogs")
    check("editor: catalog list page", st == 200 and "本地区的目录" in t and
          "<caption>" in t and 'scope="col"' in t, f"{st}")
    check("editor: list offers 派生本级目录 from 长沙市",
          f'/admin/catalogs/{cs_shjz["id"]}/derive' in t and "长沙市已发布的目录" in t,
          t[-2000:])
    check("editor: list shows no other region's catalog",
          "芙蓉区" not in t, "")
    st, h, t = yl.page("/admin/catalogs")
    check("office: list with 待审核 and 待发布", st == 200 and "待审核" in t and
          "待发布" in t and "本地区及下级地区的目录" in t, str(st))
    st, h, t = ed.page("/admin/catalogs?status=bogus")
    check("list: unknown status is 400 in Chinese", st == 400 and "状态只能是" in t,
          str(st))

    # --- derive through the pages ---
    parent = items_of(ed, cs_shjz["id"])
    check("editor may read the published parent through the admin API",
          parent is not None and len(parent) > 5, "")
    lv = leaves(parent)
    drop1 = next(i for i in lv if i["name"] == "审核信息")
    drop_group = next(i for i in parent if i["level"] == 1 and
                      i["name"] == "综合业务")
    st, h, t = ed.page(f"/admin/catalogs/{cs_shjz['id']}/derive")
    check("derive form", st == 200 and 'name="drop"' in t and "<fieldset>" in t and
          "<legend>" in t and f'value="{drop1["id"]}"' in t, str(st))
    check("derive form: every checkbox has a label",
          len(re.findall(r'<input type="checkbox" id="pick-(\d+)"', t)) ==
          len(re.findall(r'<label for="pick-\d+">', t)), "")
    st, h, t = ed.form(f"/admin/catalogs/{cs_shjz['id']}/derive",
                       [("version", "2020版"), ("drop", str(drop1["id"]))])
    check("derive: a version the region has is refused, form kept",
          st == 400 and "2020版" in t and "checked" in t, f"{st}")
    st, h, t = ed.form(f"/admin/catalogs/{cs_shjz['id']}/derive",
                       [("version", "2026版"), ("drop", str(drop1["id"])),
                        ("drop", str(drop_group["id"]))])
    a_id = new_id(h)
    check("derive through the page: 303 to the new draft",
          st == 303 and a_id and "msg=derived" in h["location"], f"{st} {h} {t[:500]}")
    a = cat_of(ed, a_id)
    names = {i["name"] for i in a["items"]}
    check("derived draft: status, parent, dropped items gone",
          a["status"] == "draft" and a["parent_id"] == cs_shjz["id"] and
          a["region"] == "430104" and "综合业务" not in names and
          not any(i["origin_item"] == drop1["id"] for i in a["items"]),
          json.dumps(a, ensure_ascii=False)[:400])
    check("derived draft: items keep their origin",
          all(i["origin_item"] for i in a["items"]), "")
    st, h, t = ed.page(h["location"])
    check("draft page: notice, status, all standard columns",
          st == 200 and "已派生本级目录草稿" in t and "草稿" in t and all(
              k in t for k in ("公开内容（要素）", "公开依据", "公开时限", "公开主体",
                               "公开渠道和载体", "公开对象", "公开方式", "公开层级")),
          str(st))
    check("draft page: drop form, add form, import form, submit",
          f'action="/admin/catalogs/{a_id}/drop"' in t and
          f'action="/admin/catalogs/{a_id}/items"' in t and
          'enctype="multipart/form-data"' in t and 'value="submit"' in t, "")
    check("draft page: labels for every input",
          all(f'for="{x}"' in t for x in re.findall(
              r'<(?:input|select|textarea) id="([^"]+)"', t)), "")
    st, j = anon.api("GET", f"/api/v1/catalogs/{a_id}")
    check("the draft is not public", st == 404, str(st))

    # --- drop in the draft ---
    a_lv = leaves(a["items"])
    drop2 = a_lv[0]
    st, h, t = ed.page(f"/admin/catalogs/{a_id}")
    st, h, t = ed.form(f"/admin/catalogs/{a_id}/drop", [("drop", str(drop2["id"]))])
    check("drop through the page", st == 303 and "msg=dropped" in
          h.get("location", ""), f"{st} {t[:300]}")
    a = cat_of(ed, a_id)
    check("dropped item gone", all(i["id"] != drop2["id"] for i in a["items"]), "")
    st, h, t = ed.form(f"/admin/catalogs/{a_id}/drop", [("drop", "999999999")])
    check("drop of an item not in the catalog: 400, nothing changed",
          st == 400 and "不在目录" in t and len(cat_of(ed, a_id)["items"]) ==
          len(a["items"]), str(st))
    st, h, t = ed.form(f"/admin/catalogs/{a_id}/drop", [("drop", "1")],
                       with_csrf=False)
    check("a form post without the csrf field is refused", st == 403, str(st))

    # --- add a local item ---
    group = next(i for i in a["items"] if i["level"] == 1)
    add = [("parent", str(group["id"])), ("name", "低保边缘家庭认定"),
           ("elements", "●认定条件 ●申请材料 〇咨询电话"),
           ("time_limit", "信息形成或者变更之日起20个工作日内"),
           ("subject", "岳麓区民政局"), ("channels", "■政府网站 □政务服务中心"),
           ("audience", "全社会"), ("mode", "主动"), ("levels", "县级"),
           ("type", "非政务服务事项"), ("basis", "《湖南省低保边缘家庭认定办法》")]
    n_before = len(a["items"])
    st, h, t = ed.form(f"/admin/catalogs/{a_id}/items", add)
    check("add item without a reason: 400, form kept, nothing written",
          st == 400 and "理由" in t and "低保边缘家庭认定" in t and
          len(cat_of(ed, a_id)["items"]) == n_before, str(st))
    st, h, t = ed.form(f"/admin/catalogs/{a_id}/items",
                       add + [("reason", "本区2026年起开展低保边缘家庭认定")])
    check("add a local item through the page", st == 303 and
          "msg=item_added" in h.get("location", ""), f"{st} {t[:500]}")
    a = cat_of(ed, a_id)
    local = next((i for i in a["items"] if i["name"] == "低保边缘家庭认定"), None)
    check("local item stored with its reason and columns",
          local and local["local_reason"] == "本区2026年起开展低保边缘家庭认定" and
          local["subject"] == "岳麓区民政局" and local["mode"] == ["主动"] and
          [e["required"] for e in local["elements"]] == [True, True, False],
          json.dumps(local, ensure_ascii=False))

    # --- edit an item ---
    target = leaves(a["items"])[0]
    st, h, t = ed.page(f"/admin/catalogs/{a_id}/items/{target['id']}/edit")
    check("edit form prefilled", st == 200 and "保存修改" in t and
          target["time_limit"]["text"] in t, str(st))
    fields = re.findall(r'<input id="f-(\w+)" name="(\w+)"[^>]*value="([^"]*)"', t)
    form = [(n, v.replace("&amp;", "&").replace("&quot;", '"'))
            for _, n, v in fields]
    form = [(n, v) for n, v in form if n != "time_limit"] + \
        [("time_limit", "信息形成或者变更之日起5个工作日内")]
    for n in ("elements", "basis"):
        m = re.search(rf'<textarea id="f-{n}" name="{n}"[^>]*>([^<]*)</textarea>', t)
        form.append((n, m.group(1).replace("&amp;", "&") if m else ""))
    for grp in ("audience", "mode", "levels"):
        for v in re.findall(rf'name="{grp}" value="([^"]+)" checked', t):
            form.append((grp, v))
    sel = re.search(r'<select id="f-type" name="type">.*?<option value="([^"]*)" selected',
                    t)
    form.append(("type", sel.group(1) if sel else ""))
    st, h, t2 = ed.form(f"/admin/catalogs/{a_id}/items/{target['id']}/edit", form)
    check("edit an item through the page", st == 303 and
          "msg=item_saved" in h.get("location", ""), f"{st} {t2[:600]}")
    a = cat_of(ed, a_id)
    edited = next(i for i in a["items"] if i["id"] == target["id"])
    check("edit changed only the 公开时限",
          edited["time_limit"]["text"] == "信息形成或者变更之日起5个工作日内" and
          edited["subject"] == target["subject"] and
          edited["elements"] == target["elements"] and
          edited["channels"] == target["channels"],
          json.dumps(edited, ensure_ascii=False)[:500])

    # --- downloads ---
    st, h, b = ed.request("GET", f"/admin/catalogs/{a_id}/export.xlsx")
    check("draft .xlsx download", st == 200 and b[:2] == b"PK" and
          "filename*=UTF-8''" in h.get("content-disposition", ""), f"{st} {h}")
    st, h, b = ed.request("GET", f"/admin/catalogs/{a_id}/export.csv")
    exported = b
    check("draft .csv download", st == 200 and "低保边缘家庭认定" in b.decode() and
          h.get("content-type", "").startswith("text/csv") and
          "attachment" in h.get("content-disposition", ""), f"{st}")
    st, h, b = anon.request("GET", f"/admin/catalogs/{a_id}/export.csv")
    check("downloads need a session", st == 303, str(st))

    # --- import: a bad file lists every problem and writes nothing ---
    rows = list(csv.reader(io.StringIO(exported.decode("utf-8-sig"))))
    bad = [r[:] for r in rows]
    bad[2][4] = "乱填"
    bad[3][11] = "x"
    out = io.StringIO()
    csv.writer(out).writerows(bad)
    before = cat_of(ed, a_id)
    st, h, t = ed.page(f"/admin/catalogs/{a_id}")
    st, h, t = ed.multipart(f"/admin/catalogs/{a_id}/import", [],
                            [("file", "岳麓区目录.csv", out.getvalue().encode("gbk"),
                              "text/csv")])
    n_problems = re.search(r"共 (\d+) 个问题", t)
    check("import of a bad file: every problem listed, nothing written",
          st == 422 and n_problems and int(n_problems.group(1)) >= 2 and
          "岳麓区目录.csv:岳麓区目录:第3行:「事项类型」" in t and
          "第4行:「全社会」: 只能填「√」或留空" in t and "目录未作任何修改" in t,
          f"{st} {t[:1500]}")
    after = cat_of(ed, a_id)
    check("bad import changed nothing", after["items"] == before["items"] and
          after["updated_at"] == before["updated_at"], "")
    st, h, t = ed.multipart(f"/admin/catalogs/{a_id}/import", [],
                            [("file", "old.xls", b"\xd0\xcf\x11\xe0junk",
                              "application/vnd.ms-excel")])
    check("import of an .xls is refused with advice", st == 422 and
          "另存为 .xlsx" in t, str(st))
    st, j = ed.api("POST", f"/api/v1/catalogs/{a_id}/import?filename=bad.csv",
                   raw=out.getvalue().encode(), ctype="text/csv")
    check("API import of a bad file: 422 with the problems",
          st == 422 and j["error"]["count"] >= 2 and
          any("「事项类型」" in p for p in j["error"]["problems"]), f"{st} {j}")
    # a good re-import keeps identity (origin, lineage, local reason)
    good = [r[:] for r in rows]
    for r in good[2:]:
        if r[9]:
            r[9] = r[9] + "（已核）"
    out = io.StringIO()
    csv.writer(out).writerows(good)
    st, h, t = ed.multipart(f"/admin/catalogs/{a_id}/import", [],
                            [("file", "复核.csv", out.getvalue().encode("utf-8"),
                              "text/csv")])
    check("import of a good file replaces the items", st == 303 and
          "msg=imported" in h.get("location", ""), f"{st} {t[:800]}")
    after = cat_of(ed, a_id)
    by_path = {(i["level"], i["name"]): i for i in after["items"]}
    old_by = {(i["level"], i["name"]): i for i in before["items"]}
    check("re-import keeps lineage, origin and the local reason",
          len(after["items"]) == len(before["items"]) and all(
              by_path[k]["lineage"] == v["lineage"] and
              by_path[k]["origin_item"] == v["origin_item"] and
              by_path[k]["local_reason"] == v["local_reason"]
              for k, v in old_by.items() if k in by_path) and
          len(by_path) == len(old_by), "")
    check("re-import took the new cells", all(
        i["subject"].endswith("（已核）") for i in leaves(after["items"])
        if i["subject"]), "")
    a = after

    # --- submit, review ---
    st, h, t = ed.page(f"/admin/catalogs/{a_id}")
    st, h, t = ed.form(f"/admin/catalogs/{a_id}/action", [("action", "submit")])
    check("submit through the page", st == 303 and "msg=cat_submit" in
          h.get("location", ""), f"{st} {t[:300]}")
    check("submitted", cat_of(ed, a_id)["status"] == "submitted", "")
    st, h, t = ed.form(f"/admin/catalogs/{a_id}/items",
                       add + [("reason", "再加一次"), ("name", "另一个事项")])
    check("a submitted catalog cannot be edited", st == 400 and "只有草稿" in t,
          str(st))
    st, h, t = ed.form(f"/admin/catalogs/{a_id}/action", [("action", "approve")])
    check("the 信息员 cannot approve (403)", st == 403 and "没有权限" in t, str(st))

    st, h, t = yl.page("/admin/catalogs")
    check("office: the submitted catalog is in 待审核",
          f'href="/admin/catalogs/{a_id}"' in t.split("待发布")[0], "")
    st, h, t = yl.page(f"/admin/catalogs/{a_id}")
    check("office: review page with both diffs",
          st == 200 and "与上级目录比较" in t and "与上一版本比较" in t, str(st))
    check("office: diff names what was dropped, added and changed",
          "删减" in t and "审核信息" in t and "本级新增" in t and
          "低保边缘家庭认定" in t and "本区2026年起开展低保边缘家庭认定" in t and
          "「公开时限」" in t and "信息形成或者变更之日起5个工作日内" in t, "")
    check("office: approve, reject (reason required) and no edit forms",
          'value="approve"' in t and 'value="reject"' in t and
          'name="reason"' in t and "required" in t and
          f'/admin/catalogs/{a_id}/drop"' not in t, "")
    st, h, t = yl.page(f"/admin/catalogs/{a_id}/diff?against=previous")
    check("diff page against the previous version", st == 200 and
          "与上一版本比较" in t and "2020版" in t, str(st))
    st, h, t = yl.form(f"/admin/catalogs/{a_id}/action", [("action", "reject")])
    check("reject without a reason: 400, still submitted",
          st == 400 and "理由" in t and cat_of(yl, a_id)["status"] == "submitted",
          str(st))
    st, h, t = yl.form(f"/admin/catalogs/{a_id}/action",
                       [("action", "reject"), ("reason", "「低保边缘家庭认定」缺少公开依据的文号")])
    check("reject with a reason through the page", st == 303 and
          "msg=cat_reject" in h.get("location", ""), f"{st} {t[:300]}")
    c = cat_of(ed, a_id)
    check("rejected: a draft again, with the reason",
          c["status"] == "draft" and "缺少公开依据" in (c["review_note"] or ""), str(c)[:300])
    st, h, t = ed.page(f"/admin/catalogs/{a_id}")
    check("editor sees the reason", "已退回，理由" in t and "缺少公开依据的文号" in t, "")
    local = next(i for i in c["items"] if i["name"] == "低保边缘家庭认定")
    st, h, t = ed.page(f"/admin/catalogs/{a_id}/items/{local['id']}/edit")
    st, h, t = ed.form(f"/admin/catalogs/{a_id}/items/{local['id']}/edit",
                       [("name", "低保边缘家庭认定"),
                        ("basis", "《湖南省低保边缘家庭认定办法》（湘民发〔2022〕1号）"),
                        ("elements", "●认定条件 ●申请材料 〇咨询电话"),
                        ("time_limit", "信息形成或者变更之日起20个工作日内"),
                        ("subject", "岳麓区民政局"), ("channels", "■政府网站 □政务服务中心"),
                        ("audience", "全社会"), ("mode", "主动"), ("levels", "县级"),
                        ("type", "非政务服务事项")])
    check("fix after the rejection", st == 303, f"{st} {t[:400]}")
    st, h, t = ed.page(f"/admin/catalogs/{a_id}")
    st, h, t = ed.form(f"/admin/catalogs/{a_id}/action", [("action", "submit")])
    st, h, t = yl.page(f"/admin/catalogs/{a_id}")
    st, h, t = yl.form(f"/admin/catalogs/{a_id}/action", [("action", "approve")])
    check("approve through the page", st == 303 and "msg=cat_approve" in
          h.get("location", ""), f"{st} {t[:300]}")
    st, h, t = cs.page(f"/admin/catalogs/{a_id}")
    check("长沙市 office sees 岳麓区's approved catalog with 发布",
          st == 200 and 'value="publish"' in t, str(st))
    st, h, t = cs.form(f"/admin/catalogs/{a_id}/action", [("action", "publish")])
    check("publish through the page (长沙市 office)", st == 303 and
          "msg=cat_publish" in h.get("location", ""), f"{st} {t[:300]}")
    st, j = anon.api("GET", f"/api/v1/catalogs/{a_id}")
    check("published: public at once", st == 200 and j["status"] == "published",
          str(st))
    st, h, t = ed.page(f"/admin/catalogs/{a_id}")
    check("published page: no edit forms, history of the review",
          'name="drop"' not in t and "审核与修改记录" in t and "退回" in t and
          "发布" in t, "")

    # --- the same through the API ---
    parent2 = items_of(ed, cs_ylfw["id"])
    lv2 = leaves(parent2)
    st, j = ed.api("POST", f"/api/v1/catalogs/{cs_ylfw['id']}/derive",
                   {"region": "430104", "drop": [lv2[0]["id"]],
                    "version": "2026版"})
    check("API derive: 201 with the items", st == 201 and j["status"] == "draft"
          and j["parent_id"] == cs_ylfw["id"] and len(j["items"]) > 0,
          f"{st} {j}")
    b_id = j["id"]
    b_items = j["items"]
    st, j = ed.api("POST", f"/api/v1/catalogs/{cs_ylfw['id']}/derive",
                   {"region": "430104", "version": "2026版"})
    check("API derive again with the same version: 400",
          st == 400 and "版本" in j["error"]["message"], f"{st} {j}")
    st, j = ed.api("POST", f"/api/v1/catalogs/{cs_ylfw['id']}/derive",
                   {"region": "430102", "version": "2027版"})
    check("API derive for another region: 403", st == 403, f"{st} {j}")
    st, j = ed.api("POST", f"/api/v1/catalogs/{cs_ylfw['id']}/derive",
                   {"drop": ["x"]})
    check("API derive with a bad drop list: 400", st == 400, f"{st} {j}")
    b_lv = leaves(b_items)
    st, j = ed.api("DELETE", f"/api/v1/catalogs/{b_id}/items/999999999")
    check("API drop of an item not in the catalog: 404", st == 404, f"{st} {j}")
    st, j = ed.api("DELETE", f"/api/v1/catalogs/{b_id}/items/{b_lv[0]['id']}")
    check("API drop an item", st == 200 and all(
        i["id"] != b_lv[0]["id"] for i in j["items"]), f"{st}")
    g2 = next(i for i in j["items"] if i["level"] == 1)
    st, j = ed.api("POST", f"/api/v1/catalogs/{b_id}/items",
                   {"parent_id": g2["id"], "name": "居家养老上门服务"})
    check("API add item without reason or columns: 400 listing them",
          st == 400 and len(j["error"]["problems"]) >= 1, f"{st} {j}")
    new_item = {"parent_id": g2["id"], "name": "居家养老上门服务",
                "reason": "岳麓区试点居家养老上门服务",
                "elements": [{"text": "服务对象", "required": True},
                             {"text": "服务内容", "required": True},
                             {"text": "咨询电话", "required": False}],
                "time_limit": "信息形成或者变更之日起20个工作日内",
                "subject": "岳麓区民政局", "channels": ["政府网站"],
                "audience": ["全社会"], "mode": ["主动"], "levels": ["县级", "乡级"]}
    st, j = ed.api("POST", f"/api/v1/catalogs/{b_id}/items", new_item)
    check("API add a local item: 201 in the json_item shape",
          st == 201 and j["local_reason"] == "岳麓区试点居家养老上门服务" and
          j["levels"] == ["县级", "乡级"] and j["catalog_id"] == b_id and
          j["elements"][2] == {"text": "咨询电话", "required": False},
          f"{st} {j}")
    b_local = j["id"] if st == 201 else None
    st, j = ed.api("POST", f"/api/v1/catalogs/{b_id}/items",
                   dict(new_item, bogus=1))
    check("API add item with an unknown field: 400", st == 400 and
          "bogus" in j["error"]["message"], f"{st} {j}")
    st, j = ed.api("PATCH", f"/api/v1/catalogs/{b_id}/items/{b_lv[1]['id']}",
                   {"subject": "岳麓区民政局、各街道办事处"})
    check("API edit an item", st == 200 and
          j["subject"] == "岳麓区民政局、各街道办事处", f"{st} {j}")
    st, j = ed.api("PATCH", f"/api/v1/catalogs/{b_id}/items/{b_lv[1]['id']}",
                   {"mode": []})
    check("API edit: a leaf without 公开方式 is refused", st == 400 and
          "公开方式" in j["error"]["message"], f"{st} {j}")
    st, j = ed.api("POST", f"/api/v1/catalogs/{b_id}/actions/submit")
    check("API submit", st == 200 and j["status"] == "submitted", f"{st} {j}")
    st, j = ed.api("POST", f"/api/v1/catalogs/{b_id}/actions/submit")
    check("API submit twice: 409", st == 409, f"{st} {j}")
    st, j = yl.api("GET", "/api/v1/admin/catalogs?status=submitted&per_page=100")
    check("API office list of submitted catalogs",
          st == 200 and any(c["id"] == b_id for c in j["catalogs"]) and
          all(c["status"] == "submitted" for c in j["catalogs"]) and
          all(c["region"].startswith("430104") for c in j["catalogs"]),
          f"{st}")
    st, j = yl.api("GET", f"/api/v1/catalogs/{b_id}/diff?against=parent")
    kinds = {c["change"] for c in j["changes"]} if st == 200 else set()
    changed_cols = {col["column"] for c in j.get("changes", [])
                    if c["change"] == "changed" for col in c["columns"]} \
        if st == 200 else set()
    check("API diff against the parent: removed, added, changed with columns",
          kinds == {"added", "removed", "changed"} and "subject" in changed_cols
          and any(c.get("local_reason") == "岳麓区试点居家养老上门服务"
                  for c in j["changes"]), f"{st} {j}")
    st, j = yl.api("GET", f"/api/v1/catalogs/{b_id}/diff?against=previous")
    check("API diff against the previous version", st == 200 and j["a"] != b_id,
          f"{st} {j}")
    st, j = yl.api("GET", f"/api/v1/catalogs/{b_id}/diff?against=nope")
    check("API diff: bad 'against' is 400", st == 400, f"{st}")
    st, j = yl.api("POST", f"/api/v1/catalogs/{b_id}/actions/reject", {})
    check("API reject without a reason: 400, still submitted",
          st == 400 and cat_of(yl, b_id)["status"] == "submitted", f"{st} {j}")
    st, j = yl.api("POST", f"/api/v1/catalogs/{b_id}/actions/reject",
                   {"reason": "上门服务的公开主体应写到街道"})
    check("API reject with a reason", st == 200 and j["status"] == "draft" and
          j["review_note"] == "上门服务的公开主体应写到街道", f"{st} {j}")
    st, j = ed.api("PATCH", f"/api/v1/catalogs/{b_id}/items/{b_local}",
                   {"subject": "岳麓区民政局、各街道办事处"})
    check("API fix after the rejection", st == 200, f"{st} {j}")
    st, j = ed.api("POST", f"/api/v1/catalogs/{b_id}/actions/submit")
    st, j = yl.api("POST", f"/api/v1/catalogs/{b_id}/actions/publish")
    check("API publish before approval: 409", st == 409, f"{st} {j}")
    st, j = yl.api("POST", f"/api/v1/catalogs/{b_id}/actions/approve")
    check("API approve", st == 200 and j["status"] == "approved", f"{st} {j}")
    st, j = cs.api("POST", f"/api/v1/catalogs/{b_id}/actions/publish")
    check("API publish (长沙市 office)", st == 200 and j["status"] == "published",
          f"{st} {j}")
    st, j = anon.api("GET", f"/api/v1/catalogs/{b_id}")
    check("API-published catalog is public", st == 200, str(st))
    st, j = yl.api("POST", f"/api/v1/catalogs/{b_id}/actions/nope")
    check("API unknown action: 404", st == 404, str(st))

    # --- hostile text is escaped everywhere ---
    evil = '<script>alert(1)</script>"\'&'
    st, j = ed.api("POST", f"/api/v1/catalogs/{cs_ylfw['id']}/derive",
                   {"version": "2030版" + evil[:20]})
    x_id = j["id"] if st == 201 else None
    g3 = next(i for i in j["items"] if i["level"] == 1) if x_id else None
    st2, j2 = ed.api("POST", f"/api/v1/catalogs/{x_id}/items",
                     dict(new_item, parent_id=g3["id"], name="事项" + evil,
                          reason=evil, subject=evil)) if x_id else (0, None)
    pages = [ed.page(f"/admin/catalogs/{x_id}")[2], ed.page("/admin/catalogs")[2],
             yl.page(f"/admin/catalogs/{x_id}/diff?against=parent")[2]]
    check("hostile version, name and reason are escaped on every page",
          x_id and st2 == 201 and all("<script>" not in t for t in pages) and
          "&lt;script&gt;" in pages[0] and "&lt;script&gt;" in pages[2],
          f"{st} {st2} {j2}")

    # --- cross-region attempts: 403 and nothing changes ---
    st, j = cs.api("GET", "/api/v1/admin/catalogs?region=430102&status=draft")
    fr_draft = j["catalogs"][0]["id"]
    st, j = cs.api("GET", "/api/v1/admin/catalogs?region=430102&status=submitted")
    fr_sub = j["catalogs"][0]["id"]
    fr_before = cat_of(cs, fr_draft)
    fr_leaf = leaves(fr_before["items"])[0]
    st, h, t = ed.page(f"/admin/catalogs/{fr_draft}")
    check("editor cannot see another region's draft (403)", st == 403, str(st))
    st, h, t = ed.form(f"/admin/catalogs/{fr_draft}/drop",
                       [("drop", str(fr_leaf["id"]))])
    check("page: drop in another region's draft is 403", st == 403 and
          "没有权限" in t, str(st))
    st, j = ed.api("DELETE", f"/api/v1/catalogs/{fr_draft}/items/{fr_leaf['id']}")
    check("API: drop in another region's draft is 403", st == 403, f"{st} {j}")
    st, j = ed.api("PATCH", f"/api/v1/catalogs/{fr_draft}/items/{fr_leaf['id']}",
                   {"subject": "x"})
    check("API: edit in another region's draft is 403", st == 403, f"{st} {j}")
    st, h, t = ed.form(f"/admin/catalogs/{fr_draft}/items",
                       add + [("reason", "越权"), ("parent", str(
                           fr_before["items"][0]["id"]))])
    check("page: add item to another region's draft is 403", st == 403, str(st))
    st, h, t = ed.multipart(f"/admin/catalogs/{fr_draft}/import", [],
                            [("file", "x.csv", exported, "text/csv")])
    check("page: import into another region's draft is 403", st == 403, str(st))
    st, h, t = ed.form(f"/admin/catalogs/{fr_draft}/action", [("action", "submit")])
    check("page: submit another region's draft is 403", st == 403, str(st))
    st, j = ed.api("POST", f"/api/v1/catalogs/{fr_draft}/items", {"bogus": 1})
    st2, h, t = ed.form(f"/admin/catalogs/{fr_draft}/drop", [("drop", "abc")])
    st3, j3 = ed.api("POST", f"/api/v1/catalogs/{cs_ylfw['id']}/derive",
                     {"region": "430102", "drop": ["x"]})
    st4, j4 = ed.api("POST", f"/api/v1/catalogs/{fr_draft}/import?filename=x.csv",
                     raw=b"", ctype="text/csv")
    check("refusal comes before any complaint about the input (403)",
          (st, st2, st3, st4) == (403, 403, 403, 403), f"{st} {st2} {st3} {st4}")
    check("another region's draft unchanged", cat_of(cs, fr_draft) == fr_before,
          "")
    sub_before = cat_of(cs, fr_sub)
    st, h, t = yl.form(f"/admin/catalogs/{fr_sub}/action", [("action", "approve")])
    check("page: 岳麓区 office cannot approve 芙蓉区's catalog (403)",
          st == 403 and "没有权限" in t, str(st))
    st, j = yl.api("POST", f"/api/v1/catalogs/{fr_sub}/actions/reject",
                   {"reason": "越权"})
    check("API: 岳麓区 office cannot reject 芙蓉区's catalog (403)",
          st == 403, f"{st} {j}")
    check("芙蓉区's submitted catalog unchanged", cat_of(cs, fr_sub) == sub_before,
          "")
    st, j = yl.api("GET", f"/api/v1/admin/catalogs/{fr_sub}")
    check("API: 岳麓区 office cannot read 芙蓉区's submitted catalog", st == 403,
          str(st))
    st, j = yl.api("POST", f"/api/v1/catalogs/{a_id}/items",
                   {"parent_id": group["id"], "name": "x", "reason": "y"})
    check("API: the office cannot edit catalogs (403)", st == 403, f"{st} {j}")
    st, j = ed.api("GET", "/api/v1/admin/catalogs?per_page=100")
    check("API editor list: own region only", st == 200 and j["total"] > 0 and
          all(c["region"] == "430104" for c in j["catalogs"]), f"{st}")

    # --- drift and rebase ---
    st, j = anon.api("GET", "/api/v1/catalogs?region=430104&domain=shjz")
    yl_shjz = next(c for c in j["catalogs"] if c["parent_id"] != cs_shjz["id"])
    st, j = ed.api("GET", f"/api/v1/catalogs/{yl_shjz['id']}/drift")
    check("API drift: the parent has a newer version", st == 200 and
          j["drift"] and j["latest"] == cs_shjz["id"] and j["changes"]["changes"]
          and "rebase_preview" in j, f"{st} {j}")
    st, h, t = ed.page(f"/admin/catalogs/{yl_shjz['id']}")
    check("page: drift shown with upstream changes and a rebase button",
          st == 200 and "上级目录有新版本" in t and "变基预览" in t and
          "生成变基草稿" in t and "冲突" in t, str(st))
    ver = re.search(r'id="f-rb-version" name="version"[^>]*value="([^"]+)"', t)
    st, h, t = yl.form(f"/admin/catalogs/{yl_shjz['id']}/rebase",
                       [("onto", str(cs_shjz["id"])), ("version", "2099版")])
    check("page: the office cannot rebase (403)", st == 403, str(st))
    st, h, t = ed.form(f"/admin/catalogs/{yl_shjz['id']}/rebase",
                       [("onto", str(cs_shjz["id"])),
                        ("version", ver.group(1) if ver else "2021版")])
    r_id = new_id(h)
    check("page: rebase draft generated", st == 303 and r_id and
          "msg=rebased" in h["location"], f"{st} {t[:500]}")
    rc = cat_of(ed, r_id) if r_id else {}
    check("rebase draft: derives from the new parent, previous is the old",
          rc.get("status") == "draft" and rc.get("parent_id") == cs_shjz["id"] and
          rc.get("previous_id") == yl_shjz["id"], str(rc)[:300])
    st, j = ed.api("POST", f"/api/v1/catalogs/{yl_shjz['id']}/rebase",
                   {"version": "2021版（接口变基）"})
    check("API rebase: 201 with notes and conflicts", st == 201 and
          j["onto"] == cs_shjz["id"] and "conflicts" in j and j["notes"],
          f"{st} {j}")
    st, j = ed.api("POST", f"/api/v1/catalogs/{a_id}/rebase", {})
    check("API rebase without a newer parent: 409", st == 409, f"{st} {j}")
    # a conflict: the child changed a column the new parent changed too
    old_parent = yl_shjz["parent_id"]
    st, j = ed.api("POST", f"/api/v1/catalogs/{old_parent}/derive",
                   {"version": "2025版"})
    check("API derive from the older parent version", st == 201, f"{st} {j}")
    c_id = j["id"]
    guide = next(i for i in j["items"] if i["name"] == "办事指南")
    st, j = ed.api("PATCH", f"/api/v1/catalogs/{c_id}/items/{guide['id']}",
                   {"time_limit": "信息形成之日起7个工作日内"})
    st, j = ed.api("GET", f"/api/v1/catalogs/{c_id}/drift")
    check("API drift of a draft: the rebase preview names the conflict",
          st == 200 and j["drift"] and
          j["rebase_preview"].get("conflicts") == 1 and any(
              n["kind"] == "conflict" and "办事指南" in n["path"]
              for n in j["rebase_preview"]["notes"]), f"{st} {j}")
    st, h, t = ed.page(f"/admin/catalogs/{c_id}")
    check("page: the rebase preview lists the conflict",
          "冲突 <strong>1</strong> 处" in t and 'class="rb-conflict"' in t, "")
    st, h, t = ed.form(f"/admin/catalogs/{c_id}/rebase",
                       [("onto", str(cs_shjz["id"])), ("version", "2025版（变基）")])
    c2 = new_id(h)
    st, h, t = ed.page(f"/admin/catalogs/{c2}") if c2 else (0, {}, "")
    check("rebased draft keeps the conflict in its history",
          st == 200 and "变基冲突" in t and "最低生活保障 / 办事指南" in t and
          "信息形成之日起7个工作日内" in t, f"{st}")

    # --- the audit trail ---
    r = run("--db", db, "audit", "list", "--action", "catalog.", "--per-page",
            "1000", "--json")
    try:
        entries = json.loads(r.stdout)
        entries = entries.get("entries", entries.get("audit", []))
    except ValueError:
        entries = []
    acts = {e.get("action") for e in entries}
    check("every kind of catalog write is audited", {
        "catalog.derive", "catalog.item_drop", "catalog.item_add",
        "catalog.item_edit", "catalog.import", "catalog.submit",
        "catalog.approve", "catalog.reject", "catalog.publish",
        "catalog.rebase"} <= acts, f"{acts} {r.stdout[:300]} {r.stderr[:300]}")
    check("audit entries name the people",
          {"ylmz_editor", "yl_office", "cs_office"} <=
          {e.get("actor") for e in entries}, "")
    check("no audit entry for refused attempts on 芙蓉区",
          not any(e.get("region") == "430102" or e.get("region_code") == "430102"
                  for e in entries), "")
    r = run("--db", db, "audit", "verify")
    check("audit chain intact", r.returncode == 0, r.stdout + r.stderr)


if __name__ == "__main__":
    main()
