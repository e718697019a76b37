#!/usr/bin/env python3
"""test-authz.py: who may do what in the back office (issue 4), over real
HTTP on a loopback port against a real demo database.

 1. The role matrix: each role (信息员, 审核人, 签发人, 政务公开办管理员, 系统管理员,
    安全管理员, 审计员) x each action x each target (own unit, another unit of
    the same region, a unit of a region below, a unit of another region, a
    unit of the parent region), through the write API and, for a sample,
    through the browser's form posts (the csrf hidden field scraped from the
    page); user admin, unit workflow, unlocking, the audit trail and the
    calendar exist only as pages.  A new record always belongs to the
    user's unit, so for "create" the target is the region of the item.
    Expected allow/deny follows domain/authz.c; every refusal must be 403
    (or 404 where the record is hidden from the actor) and leave the
    database as it was (compared with sqlite before and after); every
    allowed change must be in the audit trail.  A refusal to someone who
    may not see a record must not tell its workflow state either.
 2. CSRF: writes without the token, with a wrong one, with another
    session's one are refused (403) and change nothing; a GET never
    changes anything.
 3. Lockout: 5 failures lock an account (429, Chinese message, even with
    the right password) and, separately, the client address; `gongkai user
    unlock` and the 安全管理员's page lift it; the audit trail has it all.
 4. Idle sessions: 31 minutes idle (sessions.last_seen edited in the file)
    -> 401 / redirect to the sign-in page; 29 minutes idle -> still valid.
 5. Forced password change and the password policy.
 6. The public column shows only published 主动公开 records, at once, and
    not after withdrawal.
 7. `gongkai audit verify` passes after the run and names the row after
    tampering (an edited row; a deleted middle row in a copy).

Fixtures: demo accounts, plus matrix users made with `gongkai user add` and
records made with `gongkai record import`; the workflow states an import
cannot write (待审, 待签, 待批, 回收站) and the sign-in locks to be lifted are
set with SQL before the server starts.  Prints "ok NAME" / "not ok NAME:
why" per check; exits 1 on any failure.
"""
import hashlib
import http.client
import json
import os
import re
import secrets
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.parse
from datetime import datetime, timedelta, timezone, date

BIN = os.environ.get("GONGKAI_BIN", "build/asan/gongkai")
PW = "Matrix-Pass-2026!"          # contains none of the user names below
DEMO_PW = "Demo-Pass-2026"
failures = 0
checks = 0
server_errors = []                 # every 5xx seen: (method, path, status)


def check(name, cond, why=""):
    global failures, checks
    checks += 1
    if cond:
        print(f"ok {name}")
    else:
        failures += 1
        print(f"not ok {name}: {why}")
    return cond


def has_cn(s):
    return any("\u4e00" <= ch <= "\u9fff" for ch in s or "")


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def utc(dt):
    return dt.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def run(cmd, env=None):
    e = dict(os.environ)
    e.update(env or {})
    return subprocess.run([BIN] + cmd, capture_output=True, text=True, env=e)


# --- the server and its clients ---

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

    def request(self, method, path, headers=None, body=None,
                source="127.0.0.1"):
        c = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30,
                                       source_address=(source, 0))
        c.request(method, path, body=body, headers=headers or {})
        r = c.getresponse()
        data = r.read()
        hdrs = {}
        cookies = []
        for k, v in r.getheaders():
            if k.lower() == "set-cookie":
                cookies.append(v)
            hdrs[k.lower()] = v
        c.close()
        if r.status >= 500:
            server_errors.append((method, path, r.status))
        return r.status, hdrs, data, cookies

    def stop(self):
        self.proc.send_signal(signal.SIGTERM)
        try:
            rc = self.proc.wait(20)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            rc = -9
        self.err.seek(0)
        return rc, self.err.read()


CSRF_RE = re.compile(r'name="csrf" value="([^"]+)"')
PRE_RE = re.compile(r'name="pre" value="([^"]+)"')


class Client:
    """One browser / program: its cookies, its CSRF token, its address."""

    def __init__(self, srv, label, source="127.0.0.1"):
        self.srv, self.label, self.source = srv, label, source
        self.cookies = {}
        self.csrf = None
        self.user = None

    def request(self, method, path, body=None, ctype=None, headers=None):
        h = dict(headers or {})
        if self.cookies:
            h["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if body is not None and ctype:
            h["Content-Type"] = ctype
        st, hdrs, data, cookies = self.srv.request(method, path, h, body,
                                                   self.source)
        for sc in cookies:
            name, _, rest = sc.partition("=")
            value = rest.split(";")[0]
            if not value or "Max-Age=0" in sc:
                self.cookies.pop(name, None)
            else:
                self.cookies[name] = value
        return st, hdrs, data

    @property
    def token(self):
        return self.cookies.get("gk_session")

    # JSON API; csrf: True = our token, None = no header, str = that value
    def api(self, method, path, data=None, csrf=True):
        h = {}
        tok = self.csrf if csrf is True else csrf
        if tok is not None:
            h["X-CSRF-Token"] = tok
        body = None if data is None else json.dumps(data).encode()
        st, hdrs, raw = self.request(method, path, body,
                                     "application/json" if body else None, h)
        try:
            j = json.loads(raw)
        except ValueError:
            j = None
        return st, j, hdrs

    def get(self, path):
        st, hdrs, raw = self.request("GET", path)
        return st, hdrs, raw.decode("utf-8", "replace")

    # url-encoded form post; csrf: True = our token in the field, None =
    # no field, str = that value
    def form(self, path, fields, csrf=True, headers=None):
        f = list(fields)
        tok = self.csrf if csrf is True else csrf
        if tok is not None:
            f.append(("csrf", tok))
        st, hdrs, raw = self.request(
            "POST", path, urllib.parse.urlencode(f).encode(),
            "application/x-www-form-urlencoded", headers)
        return st, hdrs, raw.decode("utf-8", "replace")

    def login_api(self, username, password):
        st, j, _ = self.api("POST", "/api/v1/session",
                            {"username": username, "password": password},
                            csrf=None)
        if st == 201 and j:
            self.csrf = j.get("csrf_token")
            self.user = j.get("user")
        return st, j

    def login_form(self, username, password, next_="/admin/"):
        st, h, page = self.get("/admin/login?next=" +
                               urllib.parse.quote(next_))
        m = PRE_RE.search(page)
        if st != 200 or not m:
            return st, h, page
        return self.form("/admin/login", [("pre", m.group(1)),
                                          ("next", next_),
                                          ("username", username),
                                          ("password", password)], csrf=None)

    def scrape_csrf(self, path="/admin/password"):
        st, _, page = self.get(path)
        m = CSRF_RE.search(page)
        return m.group(1) if m else None


# --- the database file, read (and for fixtures written) with sqlite ---

class DB:
    def __init__(self, path):
        self.path = path
        self.ro = None

    def q(self, sql, args=()):
        if self.ro is None:
            self.ro = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True,
                                      timeout=30, isolation_level=None)
        return self.ro.execute(sql, args).fetchall()

    def one(self, sql, args=()):
        r = self.q(sql, args)
        return r[0][0] if r else None

    def x(self, sql, args=()):
        c = sqlite3.connect(self.path, timeout=30, isolation_level=None)
        try:
            return c.execute(sql, args).rowcount
        finally:
            c.close()

    def close(self):
        if self.ro:
            self.ro.close()
            self.ro = None


STATUS_ORDER = "|draft|review|sign|approve|scheduled|published|withdrawn|"
FP_PARTS = ["records", "revisions", "users", "login_failures", "calendar",
            "units", "attachments", "catalogs"]


def fingerprint(db):
    """Everything a back-office write could change, except sessions (which
    a request may touch) and the audit log (which may note a refusal)."""
    return [
        db.q("SELECT count(*), total(rev), max(updated_at), count(deleted_at),"
             " total(id * instr(?, '|' || status || '|')),"
             " total(length(title)), total(length(return_reason)),"
             " total(length(withdraw_reason)), total(length(body_md))"
             " FROM records", (STATUS_ORDER,)),
        db.q("SELECT count(*), max(id) FROM record_revisions"),
        db.q("SELECT id, username, unit_id, roles, password_hash, must_change,"
             " disabled FROM users ORDER BY id"),
        db.q("SELECT * FROM login_failures ORDER BY key"),
        db.q("SELECT * FROM calendar_days ORDER BY day"),
        db.q("SELECT id, name, workflow, index_rule FROM units ORDER BY id"),
        db.q("SELECT count(*), max(id) FROM attachments"),
        db.q("SELECT count(*), max(updated_at), group_concat(status) FROM"
             " catalogs"),
    ]


def fp_diff(a, b):
    return ", ".join(FP_PARTS[i] for i in range(len(a)) if a[i] != b[i])


def record_row(db, rid):
    return db.q("SELECT * FROM records WHERE id = ?", (rid,)) if rid else []


def record(db, rid):
    rows = db.q("SELECT id, unit_id, status, title, deleted_at, return_reason,"
                " withdraw_reason, rev FROM records WHERE id = ?", (rid,))
    if not rows:
        return None
    k = ["id", "unit_id", "status", "title", "deleted_at", "return_reason",
         "withdraw_reason", "rev"]
    return dict(zip(k, rows[0]))


def refused(name, db, do, rid=None, api=True, also=None, hidden=False):
    """do() -> (status, message text); a refusal is 403 (or 404 when the
    thing is hidden from the actor: 'hidden') with a Chinese message, and
    nothing in the database changes."""
    before = (fingerprint(db), record_row(db, rid), also() if also else None)
    st, msg = do()
    after = (fingerprint(db), record_row(db, rid), also() if also else None)
    why = []
    if st != 403 and not (hidden and st == 404):
        why.append(f"status {st} (want 403{', or 404' if hidden else ''})")
    if not has_cn(msg):
        why.append("no Chinese message")
    if before[0] != after[0]:
        why.append("database changed: " + fp_diff(before[0], after[0]))
    if before[1] != after[1]:
        why.append(f"record {rid} changed")
    if before[2] != after[2]:
        why.append("state changed")
    return check(name, not why, "; ".join(why) + f" — {str(msg)[:160]!r}")


def api_msg(j):
    if isinstance(j, dict) and isinstance(j.get("error"), dict):
        return j["error"].get("message", "")
    return json.dumps(j, ensure_ascii=False)[:200] if j is not None else ""


def page_msg(html):
    m = re.search(r'<div class="notice error"[^>]*>(.*?)</div>', html, re.S)
    if m:
        return re.sub(r"<[^>]+>", " ", m.group(1)).strip()
    m = re.search(r"<h1>(.*?)</h1>", html, re.S)
    return (m.group(1) if m else html[:200]).strip()


# --- the matrix ---

ROLES = ["editor", "reviewer", "signer", "office", "sysadmin", "secadmin",
         "auditor"]
ROLE_CN = {"editor": "信息员", "reviewer": "审核人", "signer": "签发人",
           "office": "政务公开办管理员", "sysadmin": "系统管理员",
           "secadmin": "安全管理员", "auditor": "审计员"}
USERNAME = {"editor": "m_editor", "reviewer": "m_reviewer",
            "signer": "m_signer", "office": "m_office", "sysadmin": "m_sys",
            "secadmin": "m_sec", "auditor": "m_aud"}
# The matrix users' unit is 岳麓区民政局 (430104); the office's is 岳麓区政务公开办
# (430104).  Targets: units whose records (or region's items) are acted on.
TARGETS = ["own", "same", "below", "other", "parent"]
TARGET_UNIT = {"own": ("430104", "岳麓区民政局"),
               "same": ("430104", "岳麓区教育局"),
               "below": ("430104001", "望月湖街道办事处"),
               "other": ("430102", "芙蓉区民政局"),
               "parent": ("430100", "长沙市民政局")}
TARGET_CN = {"own": "本单位", "same": "同区划他单位", "below": "下级区划单位",
             "other": "他区划单位", "parent": "上级区划单位"}

# record actions: initial status, in the recycle bin, what is done
REC_ACTIONS = {
    "view": ("draft", False),
    "edit": ("draft", False),
    "submit": ("draft", False),
    "review-pass": ("review", False),
    "sign-pass": ("sign", False),
    "approve": ("approve", False),
    "return@review": ("review", False),
    "return@sign": ("sign", False),
    "return@approve": ("approve", False),
    "withdraw": ("published", False),
    "delete": ("draft", False),
    "restore": ("draft", True),
    "attach": ("draft", False),        # the browser only (multipart upload)
}
# a sample of them through the browser's forms too
FORM_ACTIONS = ["view", "edit", "submit", "review-pass", "approve",
                "withdraw", "delete", "attach"]
FORM_ONLY = ["attach"]


def allowed(role, action, target):
    unit_roles = ("editor", "reviewer", "signer")
    own = target == "own"
    covers = target in ("own", "same", "below")   # the office's subtree
    if action == "create":       # the target is the item's region
        return role == "editor" and target in ("own", "same")
    if action in ("edit", "submit", "delete", "restore", "attach"):
        return role == "editor" and own
    if action in ("review-pass", "return@review"):
        return role == "reviewer" and own
    if action in ("sign-pass", "return@sign"):
        return role == "signer" and own
    if action in ("approve", "return@approve"):
        return role == "office" and covers
    if action == "withdraw":
        return (role in ("editor", "signer") and own) or \
            (role == "office" and covers)
    if action == "view":
        return (role in unit_roles and own) or (role == "office" and covers)
    if action in ("user-add", "calendar"):
        return role == "sysadmin"
    if action == "unlock":
        return role == "secadmin"
    if action == "audit-read":
        return role == "auditor"
    raise ValueError(action)


def fixture_title(action, target, slot, via):
    return f"矩阵|{via}|{action}|{target}|{slot}"


def usable_item(db, region, fewest=False):
    """A leaf item of a published catalog of 'region' that is not a list of
    objects (so a record needs only a title)."""
    rows = db.q(
        "SELECT i.id, i.name, i.elements, i.lineage FROM items i JOIN catalogs c"
        " ON c.id = i.catalog_id WHERE c.region_code = ? AND c.status ="
        " 'published' AND i.level >= 2 AND NOT EXISTS (SELECT 1 FROM items k"
        " WHERE k.parent_item = i.id) ORDER BY i.id", (region,))
    best = None
    for iid, name, elements, lineage in rows:
        els = json.loads(elements or "[]")
        if any(w in name for w in ("名录", "名单", "名册", "一览表")):
            continue
        if len(els) >= 2 and els[0]["t"].endswith("名称"):
            continue
        if not fewest:
            return iid
        n = db.one("SELECT count(*) FROM records WHERE region_code = ? AND"
                   " lineage = ?", (region, lineage))
        if best is None or n < best[0]:
            best = (n, iid)
        if n == 0:
            break
    return best[1] if best else None


def setup(db_path, tmp):
    """The demo database with the matrix's users, records and locks; returns
    the facts the checks need."""
    r = run(["--db", db_path, "demo"])
    if not check("demo database", r.returncode == 0, r.stderr[-500:]):
        return None
    db = DB(db_path)
    f = {"db": db}
    unit = {}
    for t, (region, name) in TARGET_UNIT.items():
        unit[t] = db.one("SELECT id FROM units WHERE region_code = ? AND"
                         " name = ?", (region, name))
    office_unit = db.one("SELECT id FROM units WHERE name = '岳麓区政务公开办'")
    f["unit"], f["office_unit"] = unit, office_unit
    if not check("fixture units found", all(unit.values()) and office_unit,
                 str(unit)):
        return None
    env = {"GONGKAI_PASSWORD": PW}
    users = [("m_editor", "矩阵信息员", "信息员", unit["own"]),
             ("m_reviewer", "矩阵审核人", "审核人", unit["own"]),
             ("m_signer", "矩阵签发人", "签发人", unit["own"]),
             ("m_office", "矩阵公开办", "政务公开办管理员", office_unit),
             ("m_sys", "矩阵系统管理员", "系统管理员", None),
             ("m_sec", "矩阵安全管理员", "安全管理员", None),
             ("m_aud", "矩阵审计员", "审计员", None),
             ("lk_a", "锁定甲", "信息员", unit["same"]),
             ("lk_b", "锁定乙", "信息员", unit["same"]),
             ("lk_c", "锁定丙", "信息员", unit["same"]),
             ("idle_u", "空闲测试", "信息员", unit["own"])]
    for name, cn, roles, u in users:
        cmd = ["--db", db_path, "user", "add", name, "--name", cn, "--roles",
               roles]
        if u:
            cmd += ["--unit", str(u)]
        r = run(cmd, env)
        if not check(f"fixture: user add {name} ({roles})", r.returncode == 0,
                     r.stderr[-300:]):
            return None
    # the forced change is exercised with the demo accounts (part 5); the
    # matrix users start with their password already their own
    db.x("UPDATE users SET must_change = 0 WHERE username LIKE 'm\\_%'"
         " ESCAPE '\\' OR username = 'idle_u'")
    for t in TARGETS:
        r = run(["--db", db_path, "user", "workflow", str(unit[t]), "--steps",
                 "review,sign,approve"])
        check(f"fixture: workflow of {TARGET_CN[t]} set by the CLI",
              r.returncode == 0, r.stderr[-300:])
    item = {t: usable_item(db, TARGET_UNIT[t][0]) for t in TARGETS}
    f["item"] = item
    f["pub_item"] = usable_item(db, "430104", fewest=True)
    if not check("fixture items found", all(item.values()) and f["pub_item"],
                 str(item)):
        return None

    # records for every cell: one shared by the refusals, one per allowed
    # role (an allowed action moves its record on)
    want = {}          # title -> (status, deleted)
    for t in TARGETS:
        for a, (status, deleted) in REC_ACTIONS.items():
            for via in ("api", "form"):
                if (via == "form" and a not in FORM_ACTIONS) or \
                        (via == "api" and a in FORM_ONLY):
                    continue
                slots = ["deny"] + [r for r in ROLES if allowed(r, a, t)]
                for s in slots:
                    want[fixture_title(a, t, s, via)] = (status, deleted)
        # records for the "a refusal reveals no state" checks
        for st in ("draft", "published"):
            want[fixture_title("state", t, st, "api")] = (st, False)
    for t in TARGETS:
        path = os.path.join(tmp, f"fixture-{t}.csv")
        with open(path, "w", encoding="utf-8") as fp:
            fp.write("标题,状态\n")
            for title, (status, _) in want.items():
                if title.split("|")[3] == t:
                    fp.write(f"{title},{'已发布' if status == 'published' else '草稿'}\n")
        r = run(["--db", db_path, "record", "import", path, "--item",
                 str(item[t]), "--unit", str(unit[t])])
        if not check(f"fixture: records of {TARGET_CN[t]} imported",
                     r.returncode == 0, r.stderr[-300:]):
            return None
    ids = {}
    for rid, title in db.q("SELECT id, title FROM records WHERE title LIKE"
                           " '矩阵|%'"):
        ids[title] = rid
    if not check("fixture records all there", set(ids) == set(want),
                 f"{len(ids)} of {len(want)}"):
        return None
    now = utc(datetime.now(timezone.utc))
    for title, (status, deleted) in want.items():
        if status not in ("draft", "published") or deleted:
            db.x("UPDATE records SET status = ?, deleted_at = ? WHERE id = ?",
                 (status, now if deleted else None, ids[title]))
    f["ids"] = ids
    # sign-in locks for the 安全管理员 to lift (one per attempt that may)
    until = utc(datetime.now(timezone.utc) + timedelta(minutes=15))
    for key in ("user:locked_deny", "user:locked_secadmin"):
        db.x("INSERT INTO login_failures (key, failures, last_at, locked_until)"
             " VALUES (?, 5, ?, ?)", (key, now, until))
    return f


def sign_in_matrix(srv, f):
    """The matrix users' sessions: two by the sign-in form (csrf scraped
    from the page), the others by the API."""
    c = {}
    for role in ROLES:
        cl = Client(srv, role)
        if role in ("editor", "office"):
            st, h, _ = cl.login_form(USERNAME[role], PW)
            ok = st == 303 and h.get("location") == "/admin/" and cl.token
            cl.csrf = cl.scrape_csrf("/admin/")
            check(f"sign-in form: {USERNAME[role]} ({ROLE_CN[role]}) gets a "
                  "session and a csrf field", ok and cl.csrf and
                  len(cl.csrf) == 43, f"{st} {h.get('location')}")
            st, j, _ = cl.api("GET", "/api/v1/session")
            check(f"the scraped csrf is the session's ({ROLE_CN[role]})",
                  st == 200 and j.get("csrf_token") == cl.csrf, str(st))
        else:
            st, j = cl.login_api(USERNAME[role], PW)
            check(f"sign-in API: {USERNAME[role]} ({ROLE_CN[role]})",
                  st == 201 and cl.csrf and j["user"]["must_change"] is False,
                  f"{st} {j}")
            scraped = cl.scrape_csrf("/admin/password")
            check(f"csrf hidden field on the page = the API's token "
                  f"({ROLE_CN[role]})", scraped == cl.csrf,
                  f"{scraped} vs {cl.csrf}")
        c[role] = cl
    return c


REASON = {"return": "材料不全，请补充后再送审", "withdraw": "信息有误，撤回更正"}


def multipart(csrf, filename, data):
    boundary = "gkboundary" + secrets.token_hex(8)
    body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"csrf\""
            f"\r\n\r\n{csrf}\r\n--{boundary}\r\nContent-Disposition: "
            f"form-data; name=\"file\"; filename=\"{filename}\"\r\n"
            f"Content-Type: text/plain\r\n\r\n").encode() + data + \
        f"\r\n--{boundary}--\r\n".encode()
    return body, f"multipart/form-data; boundary={boundary}"


def do_record_action(cl, action, rid, via, role):
    """Perform 'action' on record rid; returns (status, message, location)."""
    if action == "view":
        if via == "api":
            st, j, _ = cl.api("GET", f"/api/v1/admin/records/{rid}")
            return st, api_msg(j) if st != 200 else "", j
        st, h, page = cl.get(f"/admin/records/{rid}")
        st2, _, hist = cl.get(f"/admin/records/{rid}/history")
        if st2 != st:       # the history page must answer like the record's
            return st2, page_msg(hist) + " (history page)", hist
        return st, page_msg(page) if st != 200 else "", page
    if action == "attach":
        body, ctype = multipart(cl.csrf, "附件.txt", "附件内容".encode())
        st, h, raw = cl.request("POST", f"/admin/records/{rid}/attachments",
                                body, ctype)
        return st, page_msg(raw.decode("utf-8", "replace")), h.get("location")
    if action == "edit":
        title = f"已修改-{role}-{rid}"
        if via == "api":
            st, j, _ = cl.api("PATCH", f"/api/v1/records/{rid}",
                              {"title": title})
            return st, api_msg(j), title
        st, h, page = cl.form(f"/admin/records/{rid}/edit",
                              [("title", title), ("validity", "valid"),
                               ("disclosure", "active"), ("do", "save")])
        return st, page_msg(page), (title, h.get("location"))
    code = action.split("@")[0].replace("review-pass", "pass") \
        .replace("sign-pass", "pass").replace("approve", "pass")
    reason = REASON.get(code)
    if via == "api":
        st, j, _ = cl.api("POST", f"/api/v1/records/{rid}/actions/{code}",
                          {"reason": reason} if reason else None)
        return st, api_msg(j), None
    fields = [("action", code)] + ([("reason", reason)] if reason else [])
    st, h, page = cl.form(f"/admin/records/{rid}/action", fields)
    return st, page_msg(page), h.get("location")


NEXT_STATE = {"submit": "review", "review-pass": "sign", "sign-pass": "approve",
              "approve": "published", "return@review": "draft",
              "return@sign": "draft", "return@approve": "draft",
              "withdraw": "withdrawn"}


def check_allowed(name, db, action, rid, via, st, extra, before):
    r = record(db, rid)
    ok_status = (st == 200) if via == "api" else (st in (200, 303))
    why = []
    if not ok_status:
        why.append(f"status {st}")
    if action == "view":
        if via == "api" and not (isinstance(extra, dict) and
                                 extra.get("id") == rid):
            why.append("not the record")
        if via == "form" and before["title"] not in (extra or ""):
            why.append("title not on the page")
        if r != before:
            why.append("viewing changed the record")
    elif action == "edit":
        title = extra if via == "api" else extra[0]
        if r["title"] != title or r["rev"] != before["rev"] + 1:
            why.append(f"title {r['title']!r} rev {r['rev']}")
    elif action == "attach":
        if db.one("SELECT count(*) FROM attachments WHERE record_id = ?",
                  (rid,)) != 1:
            why.append("no attachment stored")
    elif action == "delete":
        if not r["deleted_at"]:
            why.append("not in the recycle bin")
    elif action == "restore":
        if r["deleted_at"]:
            why.append("still in the recycle bin")
    else:
        if r["status"] != NEXT_STATE[action]:
            why.append(f"status now {r['status']}, want {NEXT_STATE[action]}")
        if action.startswith("return") and r["return_reason"] != REASON["return"]:
            why.append("no return reason")
        if action == "withdraw" and r["withdraw_reason"] != REASON["withdraw"]:
            why.append("no withdraw reason")
    if via == "form" and action != "view" and st == 303 and \
            not str(extra if action != "edit" else extra[1]).startswith(
                f"/admin/records/{rid}"):
        why.append(f"redirect to {extra}")
    if why and action != "view":
        why.append(repr(str(extra)[:160]))
    return check(name, not why, "; ".join(why))


def matrix(srv, f, c):
    db, ids = f["db"], f["ids"]
    audit_from = db.one("SELECT max(id) FROM audit_log")
    done = []           # (object_type, object_id, actor) of allowed writes
    # record actions
    for via in ("api", "form"):
        for action in REC_ACTIONS:
            if (via == "form" and action not in FORM_ACTIONS) or \
                    (via == "api" and action in FORM_ONLY):
                continue
            for t in TARGETS:
                for role in ROLES:
                    exp = allowed(role, action, t)
                    slot = role if exp else "deny"
                    rid = ids[fixture_title(action, t, slot, via)]
                    name = (f"matrix {via} {action} by {ROLE_CN[role]} on "
                            f"{TARGET_CN[t]}: {'allowed' if exp else 'refused'}")
                    cl = c[role]
                    if exp:
                        before = record(db, rid)
                        st, msg, extra = do_record_action(cl, action, rid, via,
                                                          role)
                        check_allowed(name, db, action, rid, via, st,
                                      extra, before)
                        if action != "view":
                            done.append(("record", str(rid), USERNAME[role]))
                    else:
                        def do():
                            st, msg, extra = do_record_action(cl, action, rid,
                                                              via, role)
                            return st, msg
                        refused(name, db, do, rid, api=(via == "api"),
                                hidden=not allowed(role, "view", t))

    # create a record under an item of the target's region
    for via in ("api", "form"):
        for t in TARGETS:
            for role in ROLES:
                exp = allowed(role, "create", t)
                cl = c[role]
                title = f"新建|{via}|{role}|{t}"
                item = f["item"][t]
                name = (f"matrix {via} create by {ROLE_CN[role]} under an item "
                        f"of {TARGET_CN[t]}'s region: "
                        f"{'allowed' if exp else 'refused'}")

                def do():
                    if via == "api":
                        st, j, _ = cl.api("POST", "/api/v1/records",
                                          {"item_id": item, "title": title})
                        return st, api_msg(j) if st != 201 else j
                    st, h, page = cl.form("/admin/records",
                                          [("item", str(item)),
                                           ("title", title),
                                           ("validity", "valid"),
                                           ("disclosure", "active"),
                                           ("do", "save")])
                    return st, page_msg(page) if st != 303 else h.get("location")
                if exp:
                    st, out = do()
                    row = db.q("SELECT id, unit_id, status FROM records WHERE"
                               " title = ?", (title,))
                    check(name, st == (201 if via == "api" else 303) and
                          len(row) == 1 and row[0][1] == f["unit"]["own"] and
                          row[0][2] == "draft", f"{st} {str(out)[:200]} {row}")
                else:
                    refused(name, db, do)

    # the new-record form of an item of another region is refused (403)
    for t in ("below", "other", "parent"):
        st, _, page = c["editor"].get(f"/admin/records/new?item={f['item'][t]}")
        check(f"matrix page new-record form by 信息员 for an item of "
              f"{TARGET_CN[t]}'s region: refused (403)", st == 403 and
              "没有权限" in page, f"{st} {page_msg(page)}")

    # the administrators' pages
    for t in TARGETS:
        for role in ROLES:
            exp = allowed(role, "user-add", t)
            cl = c[role]
            uname = f"nu_{role}_{t}"
            name = (f"matrix form user-add by {ROLE_CN[role]} (a 信息员 of "
                    f"{TARGET_CN[t]}): {'allowed' if exp else 'refused'}")
            fields = [("username", uname), ("display_name", "新账号"),
                      ("unit", str(f["unit"][t])), ("role", "16"),
                      ("password", PW)]
            if exp:
                st, h, page = cl.form("/admin/users", fields)
                n = db.one("SELECT count(*) FROM users WHERE username = ?",
                           (uname,))
                check(name, st == 303 and n == 1, f"{st} {page_msg(page)}")
                done.append(("user", str(db.one("SELECT id FROM users WHERE"
                                                 " username = ?", (uname,))),
                             USERNAME[role]))
            else:
                refused(name, db, lambda: (lambda r: (r[0], page_msg(r[2])))(
                    cl.form("/admin/users", fields)), api=False)
            # the unit workflow settings are the same power
            if t == "own":
                nm = (f"matrix form unit-workflow by {ROLE_CN[role]}: "
                      f"{'allowed' if exp else 'refused'}")
                uf = [("unit", str(f["unit"]["own"])), ("step", "review"),
                      ("step", "sign"), ("step", "approve"),
                      ("rule", "{unit}/{year}-{serial5}")]
                if exp:
                    st, h, page = cl.form(f"/admin/units/{f['unit']['own']}", uf)
                    check(nm, st == 303, f"{st} {page_msg(page)}")
                else:
                    refused(nm, db, lambda: (lambda r: (r[0], page_msg(r[2])))(
                        cl.form(f"/admin/units/{f['unit']['own']}", uf)),
                        api=False)
    # unlock
    for role in ROLES:
        exp = allowed(role, "unlock", None)
        cl = c[role]
        key = "user:locked_secadmin" if exp else "user:locked_deny"
        name = (f"matrix form unlock by {ROLE_CN[role]}: "
                f"{'allowed' if exp else 'refused'}")
        st_page, _, _ = cl.get("/admin/security")
        check(f"matrix page /admin/security for {ROLE_CN[role]}: "
              f"{'200' if exp else '403'}", st_page == (200 if exp else 403),
              str(st_page))
        if exp:
            st, h, page = cl.form("/admin/security", [("key", key)])
            n = db.one("SELECT count(*) FROM login_failures WHERE key = ? AND"
                       " locked_until > ?", (key, utc(datetime.now(timezone.utc))))
            check(name, st == 303 and n == 0, f"{st} {page_msg(page)} left {n}")
            done.append(("lock", key, USERNAME[role]))
        else:
            refused(name, db, lambda: (lambda r: (r[0], page_msg(r[2])))(
                cl.form("/admin/security", [("key", key)])), api=False)
    # reading the audit trail
    for role in ROLES:
        exp = allowed(role, "audit-read", None)
        cl = c[role]
        name = (f"matrix page audit-read by {ROLE_CN[role]}: "
                f"{'allowed' if exp else 'refused'}")
        if exp:
            st, h, page = cl.get("/admin/audit")
            check(name, st == 200 and "审计记录" in page, str(st))
        else:
            refused(name, db, lambda: (lambda r: (r[0], page_msg(r[2])))(
                cl.get("/admin/audit")), api=False)
    # the calendar
    day = date(2031, 3, 4)            # a Tuesday
    for i, role in enumerate(ROLES):
        exp = allowed(role, "calendar", None)
        cl = c[role]
        d = (day + timedelta(days=7 * i)).isoformat()
        name = (f"matrix form calendar by {ROLE_CN[role]}: "
                f"{'allowed' if exp else 'refused'}")
        fields = [("do", "add"), ("day", d), ("kind", "off"), ("note", "测试")]
        if exp:
            st, h, page = cl.form("/admin/calendar", fields)
            n = db.one("SELECT count(*) FROM calendar_days WHERE day = ?", (d,))
            check(name, st == 303 and n == 1, f"{st} {page_msg(page)}")
            done.append(("calendar", d, USERNAME[role]))
        else:
            refused(name, db, lambda: (lambda r: (r[0], page_msg(r[2])))(
                cl.form("/admin/calendar", fields)), api=False)
        st_page, _, _ = cl.get("/admin/calendar")
        check(f"matrix page /admin/calendar for {ROLE_CN[role]}: "
              f"{'200' if exp else '403'}", st_page == (200 if exp else 403),
              str(st_page))
        st_page, _, _ = cl.get("/admin/users")
        check(f"matrix page /admin/users for {ROLE_CN[role]}: "
              f"{'200' if exp else '403'}", st_page == (200 if exp else 403),
              str(st_page))

    # every allowed write is in the audit trail, under its actor and address
    rows = set(db.q("SELECT object_type, object_id, actor FROM audit_log"
                    " WHERE id > ? AND client = '127.0.0.1'", (audit_from,)))
    for kind in ("record", "user", "lock", "calendar"):
        want = [d for d in done if d[0] == kind]
        missing = [d for d in want if d not in rows]
        check(f"audit: each allowed {kind} change of the matrix is in the "
              f"trail with its actor ({len(want)})", want and not missing,
              str(missing[:5]))


def scope_checks(srv, f, c):
    """Lists show each user only what they may see; a refusal to someone who
    may not see a record does not tell its state."""
    db = f["db"]
    regions = {u: r for u, r in db.q("SELECT id, region_code FROM units")}
    for role in ROLES:
        cl = c[role]
        st, j, _ = cl.api("GET", "/api/v1/admin/records?queue=todo&per_page=100")
        if role in ("sysadmin", "secadmin", "auditor"):
            check(f"admin record list refused to {ROLE_CN[role]}",
                  st == 403 and has_cn(api_msg(j)), f"{st}")
            st, _, _ = cl.get("/admin/records")
            check(f"admin record page refused to {ROLE_CN[role]}", st == 403,
                  str(st))
            continue
        recs = (j or {}).get("records", [])
        if role == "office":
            bad = [r["id"] for r in recs
                   if not (db.one("SELECT region_code FROM records WHERE id = ?",
                                  (r["id"],)) or "").startswith("430104")]
        else:
            bad = [r["id"] for r in recs
                   if db.one("SELECT unit_id FROM records WHERE id = ?",
                             (r["id"],)) != f["unit"]["own"]]
        check(f"admin record list of {ROLE_CN[role]} holds only what it may see",
              st == 200 and recs and not bad, f"{st} {len(recs)} bad {bad[:5]}")
    # a refusal never reveals the state of a record one may not see
    ids = f["ids"]
    for role, action, t, st_ in [("sysadmin", "submit", "other", "published"),
                                 ("auditor", "withdraw", "parent", "draft"),
                                 ("reviewer", "pass", "same", "draft"),
                                 ("office", "delete", "parent", "published"),
                                 ("editor", "restore", "other", "draft")]:
        rid = ids[fixture_title("state", t, st_, "api")]
        cl = c[role]
        refused(f"{ROLE_CN[role]} who may not see a {st_} record of "
                f"{TARGET_CN[t]} asks to {action} it: refused without telling "
                f"its state", db,
                lambda: (lambda r: (r[0], api_msg(r[1])))(
                    cl.api("POST", f"/api/v1/records/{rid}/actions/{action}",
                           {"reason": "x"})), rid, hidden=True)


def csrf_checks(srv, f, c):
    db = f["db"]
    ed, sysadm, sec = c["editor"], c["sysadmin"], c["secadmin"]
    rid = db.one("SELECT id FROM records WHERE unit_id = ? AND status = 'draft'"
                 " AND deleted_at IS NULL AND title LIKE '矩阵|%|deny'",
                 (f["unit"]["own"],))
    wrong = secrets.token_urlsafe(32)[:43]
    other = c["reviewer"].csrf
    for label, tok in [("no token", None), ("a wrong token", wrong),
                       ("an empty token", ""),
                       ("another session's token", other),
                       ("the token with one character changed",
                        ed.csrf[:-1] + ("A" if ed.csrf[-1] != "A" else "B"))]:
        refused(f"csrf: API submit with {label} is refused", db,
                lambda: (lambda r: (r[0], api_msg(r[1])))(
                    ed.api("POST", f"/api/v1/records/{rid}/actions/submit",
                           csrf=tok)), rid)
        refused(f"csrf: API edit (PATCH) with {label} is refused", db,
                lambda: (lambda r: (r[0], api_msg(r[1])))(
                    ed.api("PATCH", f"/api/v1/records/{rid}", {"title": "CSRF"},
                           csrf=tok)), rid)
        refused(f"csrf: API create with {label} is refused", db,
                lambda: (lambda r: (r[0], api_msg(r[1])))(
                    ed.api("POST", "/api/v1/records",
                           {"item_id": f["item"]["own"], "title": "CSRF 新建"},
                           csrf=tok)))
        refused(f"csrf: form action with {label} is refused", db,
                lambda: (lambda r: (r[0], page_msg(r[2])))(
                    ed.form(f"/admin/records/{rid}/action",
                            [("action", "submit")], csrf=tok)), rid, api=False)
        refused(f"csrf: form edit with {label} is refused", db,
                lambda: (lambda r: (r[0], page_msg(r[2])))(
                    ed.form(f"/admin/records/{rid}/edit",
                            [("title", "CSRF"), ("do", "save")], csrf=tok)),
                rid, api=False)
        refused(f"csrf: form user-add (系统管理员) with {label} is refused", db,
                lambda: (lambda r: (r[0], page_msg(r[2])))(
                    sysadm.form("/admin/users",
                                [("username", "csrf_user"),
                                 ("display_name", "跨站"), ("role", "1"),
                                 ("password", PW)],
                                csrf=tok if tok != other else c["auditor"].csrf)),
                api=False)
    # both token carriers missing on every kind of write
    refused("csrf: calendar change without token is refused", db,
            lambda: (lambda r: (r[0], page_msg(r[2])))(
                sysadm.form("/admin/calendar", [("do", "add"),
                                                ("day", "2031-06-03"),
                                                ("kind", "off")], csrf=None)),
            api=False)
    db.x("INSERT OR REPLACE INTO login_failures VALUES ('user:csrf_lock', 5, ?,"
         " ?)", (utc(datetime.now(timezone.utc)),
                 utc(datetime.now(timezone.utc) + timedelta(minutes=15))))
    refused("csrf: unlock without token is refused", db,
            lambda: (lambda r: (r[0], page_msg(r[2])))(
                sec.form("/admin/security", [("key", "user:csrf_lock")],
                         csrf=None)), api=False)
    refused("csrf: unlock with a wrong token is refused", db,
            lambda: (lambda r: (r[0], page_msg(r[2])))(
                sec.form("/admin/security", [("key", "user:csrf_lock")],
                         csrf=wrong)), api=False)
    refused("csrf: password change without token is refused", db,
            lambda: (lambda r: (r[0], api_msg(r[1])))(
                ed.api("POST", "/api/v1/session/password",
                       {"old_password": PW, "new_password": "Another-Pass-99"},
                       csrf=None)))
    refused("csrf: password change form with a wrong token is refused", db,
            lambda: (lambda r: (r[0], page_msg(r[2])))(
                ed.form("/admin/password", [("old", PW), ("new", "Another-P-99"),
                                            ("new2", "Another-P-99")],
                        csrf=wrong)), api=False)
    sess = lambda: db.q("SELECT count(*) FROM sessions")
    refused("csrf: sign-out (DELETE /api/v1/session) without token is refused",
            db, lambda: (lambda r: (r[0], api_msg(r[1])))(
                ed.api("DELETE", "/api/v1/session", csrf=None)), also=sess)
    refused("csrf: sign-out form without token is refused", db,
            lambda: (lambda r: (r[0], page_msg(r[2])))(
                ed.form("/admin/logout", [], csrf=None)), api=False, also=sess)
    st, j, _ = ed.api("GET", "/api/v1/session")
    check("csrf: the session survived the refused sign-outs", st == 200, str(st))
    # the header is an accepted carrier for a form post too
    st, h, page = sec.form("/admin/security", [("key", "user:csrf_lock")],
                           csrf=None, headers={"X-CSRF-Token": sec.csrf})
    check("csrf: a form post with the X-CSRF-Token header instead is accepted",
          st == 303 and not db.q("SELECT 1 FROM login_failures WHERE key ="
                                 " 'user:csrf_lock'"), f"{st}")
    # the sign-in form's own token
    anon = Client(srv, "anon")
    refused("csrf: sign-in form post without its pre token is refused", db,
            lambda: (lambda r: (r[0], page_msg(r[2])))(
                anon.form("/admin/login", [("username", "m_editor"),
                                           ("password", PW)], csrf=None)),
            api=False, also=sess)

    # a GET never changes anything
    before = fingerprint(db)
    nsess = db.one("SELECT count(*) FROM sessions")
    tok = ed.csrf
    gets = [
        (ed, f"/admin/records/{rid}/action?action=submit&csrf={tok}"),
        (ed, f"/api/v1/records/{rid}/actions/submit?csrf={tok}"),
        (ed, f"/admin/records/{rid}/edit?title=GET&do=save&csrf={tok}"),
        (ed, f"/admin/records?item={f['item']['own']}&title=GET&do=save&csrf={tok}"),
        (ed, f"/admin/records/{rid}/history?rev=1&csrf={tok}"),
        (ed, f"/admin/logout?csrf={tok}"),
        (ed, "/api/v1/admin/records?queue=todo"),
        (ed, f"/api/v1/admin/records/{rid}"),
        (ed, "/admin/"), (ed, "/admin/items"), (ed, f"/admin/records/{rid}"),
        (sysadm, f"/admin/users?username=get_user&display_name=x&role=1&"
                 f"password={urllib.parse.quote(PW)}&csrf={sysadm.csrf}"),
        (sysadm, f"/admin/units/{f['unit']['own']}?step=review&csrf={sysadm.csrf}"),
        (sysadm, f"/admin/calendar?do=add&day=2031-07-01&kind=off&csrf={sysadm.csrf}"),
        (sec, f"/admin/security?key=user:locked_deny&csrf={sec.csrf}"),
        (c["auditor"], "/admin/audit?verify=1"),
        (ed, "/api/v1/session"),
    ]
    statuses = []
    for cl, p in gets:
        for m in ("GET", "HEAD"):
            st, _, _ = cl.request(m, p)
            statuses.append((m, p.split("?")[0], st))
    after = fingerprint(db)
    check("a GET or HEAD of any back-office address changes nothing",
          before == after and db.one("SELECT count(*) FROM sessions") == nsess,
          fp_diff(before, after))
    check("no GET reaches a write handler (POST-only routes answer 405)",
          all(st == 405 for m, p, st in statuses if p.endswith(("/action",
              "/submit", "/logout")) or "/admin/units/" in p),
          str([s for s in statuses if s[2] != 405][:6]))
    st, _, _ = ed.request("GET", "/api/v1/session")
    check("csrf: still signed in after the GETs", st == 200, str(st))


def forced_change(srv, f):
    """Part 5: demo accounts must change the demo password first."""
    db = f["db"]
    cl = Client(srv, "wyh_editor")
    st, j = cl.login_api("wyh_editor", DEMO_PW)
    check("forced change: demo account signs in with the demo password",
          st == 201 and j["user"]["must_change"] is True, f"{st} {j}")
    wyh_item = f["item"]["below"]
    rid = db.one("SELECT id FROM records WHERE unit_id = ? AND status = 'draft'"
                 " AND deleted_at IS NULL", (f["unit"]["below"],))
    for label, do in [
        ("create", lambda: cl.api("POST", "/api/v1/records",
                                  {"item_id": wyh_item, "title": "未改密码"})),
        ("edit", lambda: cl.api("PATCH", f"/api/v1/records/{rid}",
                                {"title": "未改密码"})),
        ("submit", lambda: cl.api("POST",
                                  f"/api/v1/records/{rid}/actions/submit")),
    ]:
        def call(do=do):
            st, j, _ = do()
            return st, api_msg(j)
        before = fingerprint(db)
        st, msg = call()
        after = fingerprint(db)
        check(f"forced change: API {label} refused (403) before the change",
              st == 403 and "密码" in msg and before == after,
              f"{st} {msg} {fp_diff(before, after)}")
    for p in ("/admin/", "/admin/records", f"/admin/records/{rid}",
              "/admin/items"):
        st, h, _ = cl.get(p)
        check(f"forced change: page {p} redirects to /admin/password",
              st == 303 and h.get("location") == "/admin/password",
              f"{st} {h.get('location')}")
    st, h, page = cl.form("/admin/records", [("item", str(wyh_item)),
                                             ("title", "未改密码"),
                                             ("do", "save")])
    check("forced change: form post redirects to /admin/password, writes "
          "nothing", st == 303 and h.get("location") == "/admin/password" and
          not db.q("SELECT 1 FROM records WHERE title = '未改密码'"), str(st))
    st, _, page = cl.get("/admin/password")
    check("forced change: the password page says why", st == 200 and
          "须先设置自己的密码" in page, str(st))
    # the policy
    for label, new, want in [
        ("too short", "Ab1!xyz9", "至少 10 位"),
        ("only two kinds", "abcdefghij12345", "至少三类"),
        ("two kinds, upper and lower", "AbcdefghijKLMNO", "至少三类"),
        ("containing the user name", "Xwyh_editor-2026", "不能包含用户名"),
        ("the same as the old", DEMO_PW, "不能与原密码相同"),
    ]:
        before = fingerprint(db)
        st, j, _ = cl.api("POST", "/api/v1/session/password",
                          {"old_password": DEMO_PW, "new_password": new})
        msg = api_msg(j)
        check(f"password policy: {label} is rejected with a Chinese message",
              st == 400 and want in msg and before == fingerprint(db),
              f"{st} {msg}")
    st, j, _ = cl.api("POST", "/api/v1/session/password",
                      {"old_password": "Wrong-Old-2026", "new_password":
                       "Fresh-Pass-2026!"})
    check("password change: a wrong old password is rejected", st == 400 and
          "原密码不正确" in api_msg(j), f"{st} {j}")
    st, h, page = cl.form("/admin/password", [("old", DEMO_PW),
                                              ("new", "shortA1!"),
                                              ("new2", "shortA1!")])
    check("password policy on the page: a weak password is rejected (400, "
          "Chinese)", st == 400 and "至少 10 位" in page, str(st))
    st, h, page = cl.form("/admin/password", [("old", DEMO_PW),
                                              ("new", "Fresh-Pass-2026!"),
                                              ("new2", "Fresh-Pass-2026?")])
    check("password page: two different new passwords are rejected",
          st == 400 and "不一致" in page, str(st))
    st, j, _ = cl.api("POST", "/api/v1/session/password",
                      {"old_password": DEMO_PW,
                       "new_password": "Fresh-Pass-2026!"})
    check("password change with a good password", st == 200, f"{st} {j}")
    st, j, _ = cl.api("GET", "/api/v1/session")
    check("password change ends the session (401 next)", st == 401, str(st))
    st, j = cl.login_api("wyh_editor", DEMO_PW)
    check("the demo password no longer signs in", st == 401, str(st))
    st, j = cl.login_api("wyh_editor", "Fresh-Pass-2026!")
    check("sign in with the new password: no forced change",
          st == 201 and j["user"]["must_change"] is False, f"{st} {j}")
    st, j, _ = cl.api("POST", "/api/v1/records",
                      {"item_id": wyh_item, "title": "改密码后新建"})
    check("after the change API writes are allowed", st == 201, f"{st} {j}")
    st, h, _ = cl.get("/admin/")
    check("after the change pages open", st == 200, str(st))

    # the same through the browser: sign-in sends to the password page
    br = Client(srv, "wyh_reviewer")
    st, h, _ = br.login_form("wyh_reviewer", DEMO_PW)
    check("forced change (browser): sign-in goes to /admin/password",
          st == 303 and h.get("location") == "/admin/password", str(h))
    br.csrf = br.scrape_csrf("/admin/password")
    st, h, _ = br.get("/admin/records")
    check("forced change (browser): pages redirect to /admin/password",
          st == 303 and h.get("location") == "/admin/password", str(st))
    st, h, page = br.form("/admin/password", [("old", DEMO_PW),
                                              ("new", "Review-Pass-2026#"),
                                              ("new2", "Review-Pass-2026#")])
    check("forced change (browser): the change signs out to /admin/login",
          st == 303 and h.get("location", "").startswith("/admin/login"),
          f"{st} {page_msg(page)}")
    st, h, _ = br.login_form("wyh_reviewer", "Review-Pass-2026#")
    check("forced change (browser): sign-in with the new password goes on",
          st == 303 and h.get("location") == "/admin/", str(h))


def visible(srv, rid, title, item, region):
    """Where the public sees record rid: record page, API record, API list,
    item page, region feed."""
    anon = Client(srv, "public")
    out = {}
    codes = set()
    for _ in range(4):                # both server threads, both caches
        st, _, _ = anon.get(f"/record/{rid}")
        codes.add(st)
    out["page"] = codes
    codes = set()
    for _ in range(4):
        st, j, _ = anon.api("GET", f"/api/v1/records/{rid}", csrf=None)
        codes.add(st)
    out["api"] = codes
    found = False
    page = 1
    while True:
        st, j, _ = anon.api("GET", f"/api/v1/records?item={item}&per_page=100"
                            f"&page={page}", csrf=None)
        if st != 200:
            break
        found |= any(r["id"] == rid for r in j["records"])
        if page * 100 >= j["total"]:
            break
        page += 1
    out["list"] = found
    link = re.compile(r"/record/%d(?!\d)" % rid)
    st, _, html = anon.get(f"/r/{region}/i/{item}/")
    out["item_page"] = title in html or bool(link.search(html))
    st, _, xml = anon.get(f"/r/{region}/feed.atom")
    out["feed"] = title in xml or bool(link.search(xml))
    st, _, xml = anon.get("/sitemap.xml")
    out["sitemap"] = bool(link.search(xml))
    return out


def hidden_everywhere(v):
    return v["page"] == {404} and v["api"] == {404} and not v["list"] and \
        not v["item_page"] and not v["feed"] and not v["sitemap"]


def public_column(srv, f, c):
    db = f["db"]
    item = f["pub_item"]
    ed, rv, sg, of = c["editor"], c["reviewer"], c["signer"], c["office"]
    made = {}
    for key, extra in [
        ("主动公开", {}),
        ("依申请公开", {"disclosure": "on_request", "legal_ground":
                   "《政府信息公开条例》第十五条：涉及商业秘密、个人隐私等，公开会对"
                   "第三方合法权益造成损害"}),
        ("不予公开", {"disclosure": "none", "legal_ground":
                  "《政府信息公开条例》第十四条：依法确定为国家秘密"}),
        ("定时发布", {"publish_at": "2099-01-01T01:00:00Z"}),
    ]:
        title = f"公开专栏检验-{key}-{secrets.token_hex(3)}"
        body = {"item_id": item, "title": title, "body_md": "正文"}
        body.update(extra)
        st, j, _ = ed.api("POST", "/api/v1/records", body)
        if not check(f"public column: draft {key} created", st == 201,
                     f"{st} {j}"):
            return
        made[key] = (j["id"], title)
    rid, title = made["主动公开"]
    # an attachment, uploaded through the form while a draft
    body, ctype = multipart(ed.csrf, "说明.txt", "附件内容".encode())
    st, h, _ = ed.request("POST", f"/admin/records/{rid}/attachments", body,
                          ctype)
    att = db.one("SELECT id FROM attachments WHERE record_id = ?", (rid,))
    check("public column: attachment uploaded to the draft", st == 303 and att,
          str(st))
    anon = Client(srv, "public")

    def att_status():
        return {anon.get(f"/file/{att}/x.txt")[0] for _ in range(4)}

    steps = [("草稿", None, None), ("待审", ed, "submit"),
             ("待签", rv, "pass"), ("待批", sg, "pass")]
    for label, who, act in steps:
        if who:
            st, j, _ = who.api("POST", f"/api/v1/records/{rid}/actions/{act}")
            check(f"public column: {act} to {label}", st == 200, f"{st} {j}")
        v = visible(srv, rid, title, item, "430104")
        check(f"public column: a {label} record is not public anywhere",
              hidden_everywhere(v), str(v))
        if att:
            check(f"public column: the attachment of a {label} record is 404",
                  att_status() == {404}, str(att_status()))
    # returned drafts stay hidden
    st, j, _ = of.api("POST", f"/api/v1/records/{rid}/actions/return",
                      {"reason": REASON["return"]})
    v = visible(srv, rid, title, item, "430104")
    check("public column: a returned record is not public", st == 200 and
          hidden_everywhere(v), f"{st} {v}")
    for who, act in [(ed, "submit"), (rv, "pass"), (sg, "pass")]:
        who.api("POST", f"/api/v1/records/{rid}/actions/{act}")
    st, j, _ = of.api("POST", f"/api/v1/records/{rid}/actions/pass")
    check("public column: the office approves", st == 200 and
          j.get("status") == "published", f"{st} {j}")
    v = visible(srv, rid, title, item, "430104")
    check("public column: after approval the record page and API show it at "
          "once", v["page"] == {200} and v["api"] == {200}, str(v))
    check("public column: after approval the lists show it (API list, item "
          "page, feed, sitemap)", v["list"] and v["item_page"] and v["feed"]
          and v["sitemap"], str(v))
    if att:
        check("public column: the attachment of the published record is "
              "served", att_status() == {200}, str(att_status()))
    # the other disclosure kinds, taken through every step
    for key in ("依申请公开", "不予公开", "定时发布"):
        r2, t2 = made[key]
        ok = True
        for who, act in [(ed, "submit"), (rv, "pass"), (sg, "pass"),
                         (of, "pass")]:
            st, j, _ = who.api("POST", f"/api/v1/records/{r2}/actions/{act}")
            ok &= st == 200
        final = db.one("SELECT status FROM records WHERE id = ?", (r2,))
        v = visible(srv, r2, t2, item, "430104")
        check(f"public column: a {key} record passed through every step is "
              f"never public", ok and hidden_everywhere(v),
              f"steps ok {ok}, status {final}, {v}")
        if key == "定时发布":
            check("public column: a record scheduled for later waits (待发布)",
                  final == "scheduled", str(final))
        else:
            check(f"public column: a {key} record is published in the back "
                  "office", final == "published", str(final))
    # withdrawal
    st, j, _ = of.api("POST", f"/api/v1/records/{rid}/actions/withdraw",
                      {"reason": REASON["withdraw"]})
    v = visible(srv, rid, title, item, "430104")
    check("public column: withdrawal removes it everywhere at once",
          st == 200 and hidden_everywhere(v), f"{st} {v}")
    if att:
        check("public column: the withdrawn record's attachment is 404",
              att_status() == {404}, str(att_status()))
    # the matrix's withdrawn / deleted / draft fixtures are not public
    for title_like, label in [("矩阵|api|withdraw|own|editor", "withdrawn"),
                              ("矩阵|api|restore|own|deny", "recycled"),
                              ("矩阵|api|review-pass|own|deny", "待审"),
                              ("矩阵|api|approve|below|deny", "待批")]:
        r3 = f["ids"][title_like]
        st1 = Client(srv, "p").get(f"/record/{r3}")[0]
        st2 = Client(srv, "p").api("GET", f"/api/v1/records/{r3}", csrf=None)[0]
        check(f"public column: a {label} record is 404 on /record and the API",
              st1 == 404 and st2 == 404, f"{st1} {st2}")


def idle_checks(srv, f):
    db = f["db"]
    s1 = Client(srv, "idle-api")
    st, j = s1.login_api("idle_u", PW)
    s2 = Client(srv, "idle-page")
    st2, h, _ = s2.login_form("idle_u", PW)
    if not check("idle: two sessions signed in", st == 201 and st2 == 303 and
                 s1.token and s2.token, f"{st} {st2}"):
        return

    def set_idle(cl, minutes):
        th = hashlib.sha256(cl.token.encode()).hexdigest()
        t = utc(datetime.now(timezone.utc) - timedelta(minutes=minutes))
        return db.x("UPDATE sessions SET last_seen = ? WHERE token_hash = ?",
                    (t, th)), th

    n, th1 = set_idle(s1, 29)
    st, j, _ = s1.api("GET", "/api/v1/session")
    seen = db.one("SELECT last_seen FROM sessions WHERE token_hash = ?", (th1,))
    fresh = seen and seen >= utc(datetime.now(timezone.utc) -
                                 timedelta(minutes=1))
    check("idle: a session last used 29 minutes ago is still valid (API)",
          n == 1 and st == 200, f"{n} {st}")
    check("idle: using it moves last_seen to now", fresh, str(seen))
    n, th2 = set_idle(s2, 29)
    st, h, _ = s2.get("/admin/")
    check("idle: a session last used 29 minutes ago is still valid (page)",
          n == 1 and st == 200, f"{n} {st}")
    n, _ = set_idle(s1, 31)
    st, j, _ = s1.api("GET", "/api/v1/session")
    check("idle: after 31 minutes the API answers 401 with a Chinese message",
          n == 1 and st == 401 and has_cn(api_msg(j)), f"{n} {st} {j}")
    st, j, _ = s1.api("POST", "/api/v1/records",
                      {"item_id": f["item"]["own"], "title": "空闲后"})
    check("idle: and writes are refused (401) after 31 minutes",
          st == 401 and not db.q("SELECT 1 FROM records WHERE title = '空闲后'"),
          str(st))
    check("idle: the expired session is removed",
          not db.q("SELECT 1 FROM sessions WHERE token_hash = ?", (th1,)), "")
    n, _ = set_idle(s2, 31)
    st, h, _ = s2.get("/admin/records")
    check("idle: after 31 minutes a page redirects to /admin/login",
          n == 1 and st == 303 and
          h.get("location", "").startswith("/admin/login?next=%2Fadmin%2Frecords"),
          f"{n} {st} {h.get('location')}")
    st, h, page = s2.form("/admin/logout", [])
    check("idle: and a page write redirects to /admin/login",
          st == 303 and h.get("location", "").startswith("/admin/login"),
          f"{st} {h.get('location')}")


def lockout_checks(srv, f, c):
    db = f["db"]
    A2, A3, A4, A5 = "127.0.0.2", "127.0.0.3", "127.0.0.4", "127.0.0.5"
    audit_before = db.one("SELECT max(id) FROM audit_log")
    x = Client(srv, "attacker", A2)
    sts = []
    for i in range(5):
        st, j = x.login_api("lk_a", f"Wrong-Pass-{i}!")
        sts.append((st, api_msg(j)))
    check("lockout: 5 wrong passwords are each refused (401, Chinese)",
          all(s == 401 and has_cn(m) for s, m in sts), str(sts))
    st, j = Client(srv, "victim", A3).login_api("lk_a", PW)
    msg = api_msg(j)
    check("lockout: the 6th attempt, right password, other address, is locked "
          "(429)", st == 429 and "锁定" in msg and has_cn(msg), f"{st} {msg}")
    st, h, page = Client(srv, "victim-form", A3).login_form("lk_a", PW)
    check("lockout: the sign-in form says locked too (429, Chinese)",
          st == 429 and "锁定" in page, f"{st} {page_msg(page)}")
    st, j = Client(srv, "other-account", A2).login_api("lk_b", PW)
    check("lockout: another account from the same address is locked (429)",
          st == 429 and "锁定" in api_msg(j), f"{st} {api_msg(j)}")
    # an address locked by failures spread over several names
    y = Client(srv, "sprayer", A4)
    sts = [y.login_api(f"ghost{i}", "Wrong-Pass-1!")[0] for i in range(5)]
    st, j = Client(srv, "c-from-4", A4).login_api("lk_c", PW)
    check("lockout: 5 failures from an address on 5 names lock the address",
          sts == [401] * 5 and st == 429 and "锁定" in api_msg(j),
          f"{sts} {st}")
    st, j = Client(srv, "c-from-5", A5).login_api("lk_c", PW)
    check("lockout: the same account from another address signs in",
          st == 201, f"{st} {api_msg(j)}")
    n = db.one("SELECT count(*) FROM login_failures WHERE key IN ('user:lk_a',"
               " 'addr:127.0.0.2', 'addr:127.0.0.4') AND locked_until > ?",
               (utc(datetime.now(timezone.utc)),))
    check("lockout: the locks are in login_failures", n == 3, str(n))
    # the 安全管理员's page lists them
    sec = c["secadmin"]
    st, _, page = sec.get("/admin/security")
    check("lockout: the 安全管理员's page lists the locks", st == 200 and
          "user:lk_a" in page and "addr:127.0.0.2" in page, str(st))
    # lifting: the command line
    r = run(["--db", f["db_path"], "user", "unlock", "user:lk_a"])
    check("lockout: gongkai user unlock user:lk_a", r.returncode == 0,
          r.stderr[-300:])
    st, j = Client(srv, "victim", A3).login_api("lk_a", PW)
    check("lockout: after the unlock the account signs in", st == 201,
          f"{st} {api_msg(j)}")
    st, j = Client(srv, "still", A2).login_api("lk_b", PW)
    check("lockout: the address is still locked", st == 429, str(st))
    # lifting: the 安全管理员's form
    st, h, page = sec.form("/admin/security", [("key", "addr:127.0.0.2")])
    check("lockout: the 安全管理员 lifts the address lock", st == 303,
          f"{st} {page_msg(page)}")
    st, j = Client(srv, "freed", A2).login_api("lk_b", PW)
    check("lockout: after that the address signs in again", st == 201,
          f"{st} {api_msg(j)}")
    # the audit trail
    rows = db.q("SELECT actor, client, action FROM audit_log WHERE id > ?",
                (audit_before,))
    fails = [r for r in rows if r[2] == "session.login_failed" and
             r[0] == "lk_a" and r[1] == A2]
    locked = [r for r in rows if r[2] == "session.locked" and r[0] == "lk_a"]
    unlocks = [r for r in rows if r[2] == "security.unlock"]
    spray = [r for r in rows if r[2] == "session.login_failed" and r[1] == A4]
    check("lockout: the audit trail records the 5 failures (actor, address)",
          len(fails) == 5, str(len(fails)))
    check("lockout: the audit trail records the refused locked sign-ins",
          len(locked) >= 2, str(len(locked)))
    check("lockout: the audit trail records the failures from the sprayer",
          len(spray) == 5, str(len(spray)))
    check("lockout: the audit trail records both unlocks (命令行, m_sec)",
          any(r[0] == "命令行" for r in unlocks) and
          any(r[0] == "m_sec" for r in unlocks), str(unlocks))
    st, _, page = c["auditor"].get("/admin/audit?actor=lk_a")
    check("lockout: the 审计员 sees the failures on the audit page",
          st == 200 and page.count("127.0.0.2") >= 5, str(st))


def audit_checks(db_path, tmp):
    r = run(["--db", db_path, "audit", "verify"])
    check("audit verify after the run exits 0", r.returncode == 0,
          r.stdout[-300:] + r.stderr[-500:])
    n = int(sqlite3.connect(db_path).execute(
        "SELECT count(*) FROM audit_log").fetchone()[0])
    check("audit: the run wrote a substantial trail", n > 100, str(n))
    copy = os.path.join(tmp, "copy.db")
    src = sqlite3.connect(db_path)
    dst = sqlite3.connect(copy)
    src.backup(dst)
    src.close()
    dst.close()
    mid = n // 2
    edit = n // 3
    # the triggers refuse first
    p = subprocess.run(["sqlite3", db_path, f"UPDATE audit_log SET detail = 'x'"
                        f" WHERE id = {edit}"], capture_output=True, text=True)
    check("audit: the triggers refuse an UPDATE", p.returncode != 0 and
          "不可修改" in p.stderr, p.stderr)
    p = subprocess.run(["sqlite3", db_path,
                        "DROP TRIGGER audit_log_no_update;"
                        "DROP TRIGGER audit_log_no_delete;"
                        f"UPDATE audit_log SET detail = '篡改' WHERE id = {edit};"],
                       capture_output=True, text=True)
    check("audit: tamper (drop the triggers, edit a row's detail)",
          p.returncode == 0, p.stderr)
    r = run(["--db", db_path, "audit", "verify"])
    out = r.stdout + r.stderr
    check(f"audit verify finds the edited row {edit} and exits 1",
          r.returncode == 1 and f"第 {edit} 条" in out, f"{r.returncode} {out}")
    p = subprocess.run(["sqlite3", copy,
                        "DROP TRIGGER audit_log_no_update;"
                        "DROP TRIGGER audit_log_no_delete;"
                        f"DELETE FROM audit_log WHERE id = {mid};"],
                       capture_output=True, text=True)
    check("audit: tamper a copy (delete a middle row)", p.returncode == 0,
          p.stderr)
    r = run(["--db", copy, "audit", "verify"])
    out = r.stdout + r.stderr
    check(f"audit verify finds the deleted row {mid} and exits 1",
          r.returncode == 1 and f"第 {mid} 条" in out, f"{r.returncode} {out}")


def main():
    t0 = time.time()
    tmp = tempfile.mkdtemp(prefix="gk-authz-")
    db_path = os.path.join(tmp, "demo.db")
    try:
        f = setup(db_path, tmp)
        if not f:
            return
        f["db_path"] = db_path
        srv = Server(db_path, tmp)
        try:
            c = sign_in_matrix(srv, f)
            forced_change(srv, f)
            matrix(srv, f, c)
            scope_checks(srv, f, c)
            csrf_checks(srv, f, c)
            public_column(srv, f, c)
            idle_checks(srv, f)
            lockout_checks(srv, f, c)
            check("no 5xx answer during the run", not server_errors,
                  str(server_errors[:10]))
        finally:
            f["db"].close()
            rc, err = srv.stop()
            check("server stops cleanly on SIGTERM", rc == 0, f"exit {rc}")
            check("no sanitizer report from the server",
                  "AddressSanitizer" not in err and "runtime error:" not in err
                  and "LeakSanitizer" not in err, err[-2000:])
        audit_checks(db_path, tmp)
    finally:
        subprocess.run(["rm", "-rf", tmp])
        print(f"# {checks} checks, {failures} failed, {time.time() - t0:.1f} s")


if __name__ == "__main__":
    try:
        main()
    except Exception as e:  # a crash in the test itself is a failure too
        import traceback
        traceback.print_exc()
        print(f"not ok test-authz: {e!r}")
        failures += 1
    sys.exit(1 if failures else 0)
