#!/usr/bin/env python3
"""test-requests.py: disclosure on request (依申请公开) over real HTTP — the
public form /r/430104/apply/, its confirmation, tracking by 查询码 at
/apply/track, and the back office /admin/requests — against a real demo
database and `gongkai serve` on a loopback port.

Covers: the form (labels, fieldsets, the honeypot hidden, the region page
links to it); valid filings by a citizen (with a PDF) and by an
organisation; invalid ones, each refused in Chinese at the top and beside
its field, values kept, nothing written; the honeypot; the rate limit per
address (5 filings an hour, the 6th refused with when to try again);
tracking (any case, without dashes), an unknown code, the rate limit on
unknown codes, never cached; hostile input in every field (quotes,
<script>, 10,000 characters, invalid UTF-8, %00): refused or escaped,
never a 500; staff (岳麓区民政局's 信息员) take a case through 审核,
third-party consultation, 延期, 答复 with a generated and edited letter,
送达 and 归档, every POST with the CSRF token (without it: 403, nothing
changed), refused steps in Chinese; registering a posted application
(第三十一条: 签收日期 required); files; the repeated-request note; another
unit's staff (望月湖街道) refused everywhere; the audit chain intact.
Prints "ok NAME" / "not ok NAME: why".
"""
import os
import re
import sqlite3
import subprocess
import sys
import tempfile
import urllib.parse

sys.path.insert(0, os.path.dirname(__file__))
from importlib import import_module  # noqa: E402

cat = import_module("test-catalog-admin")  # Server and Client
Server, Client = cat.Server, cat.Client
BIN = cat.BIN
DEMO_PW = "Demo-Pass-2026"
NEW_PW = "Shenqing-Test-2026!"
UNIT = 21                       # 岳麓区民政局 (ylmz_editor's unit)
REGION = "430104"               # 岳麓区
failures = 0


def check(name, cond, why=""):
    global failures
    if cond:
        print(f"ok {name}")
    else:
        failures += 1
        print(f"not ok {name}: {str(why)[:600]}")
    return cond


def has_cn(t):
    return re.search(r"[\u4e00-\u9fff]{4,}", t) is not None


def run(*args):
    return subprocess.run([BIN] + list(args), capture_output=True, text=True)


# --- helpers ---------------------------------------------------------------

def credit_code(body17):
    chars = "0123456789ABCDEFGHJKLMNPQRTUWXY"
    w = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
    s = sum(chars.index(c) * w[i] for i, c in enumerate(body17))
    return body17 + chars[(31 - s % 31) % 31]


PDF = (b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<<>>\n%%EOF\n")

PERSON = [
    ("unit", str(UNIT)), ("kind", "person"), ("p_name", "张三"),
    ("id_type", "居民身份证"), ("id_number", "11010519491231002X"),
    ("phone", "0731-88880000"), ("email", "zhangsan@example.com"),
    ("address", "长沙市岳麓区麓山南路1号"), ("postcode", "410006"),
    ("info_name", "2025年岳麓区城乡低保资金发放情况"), ("info_doc_no", ""),
    ("info_desc", "按街道汇总的发放金额"), ("forms", "电子邮件"),
    ("delivery", "电子邮件"), ("fee_waiver_reason", ""), ("website", ""),
]


def multipart(fields, files=()):
    """A multipart/form-data body; values may be str or raw bytes."""
    boundary = "----gongkaiapply5b2e"
    out = bytearray()
    for k, v in fields:
        if isinstance(v, str):
            v = v.encode()
        out += (f"--{boundary}\r\nContent-Disposition: form-data; "
                f'name="{k}"\r\n\r\n').encode() + v + b"\r\n"
    for k, name, data, ctype in files:
        out += (f"--{boundary}\r\nContent-Disposition: form-data; "
                f'name="{k}"; filename="{name}"\r\nContent-Type: {ctype}'
                "\r\n\r\n").encode() + data + b"\r\n"
    out += f"--{boundary}--\r\n".encode()
    return bytes(out), f"multipart/form-data; boundary={boundary}"


def with_(fields, **changes):
    """PERSON with some fields replaced (None removes them)."""
    out, seen = [], set()
    for k, v in fields:
        if k in changes:
            if k in seen:
                continue
            seen.add(k)
            if changes[k] is None:
                continue
            vals = changes[k] if isinstance(changes[k], list) else [changes[k]]
            out += [(k, x) for x in vals]
        else:
            out.append((k, v))
    for k, v in changes.items():
        if k not in seen and v is not None:
            vals = v if isinstance(v, list) else [v]
            out += [(k, x) for x in vals]
    return out


def file_(srv, fields, files=(), path=f"/r/{REGION}/apply/"):
    body, ctype = multipart(fields, files)
    c = Client(srv, "citizen")
    st, h, b = c.request("POST", path, body, {"Content-Type": ctype})
    return st, h, b.decode("utf-8", "replace")


def counts(db):
    con = sqlite3.connect(db, timeout=30)
    try:
        return tuple(con.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0]
                     for t in ("requests", "request_events", "request_files",
                               "audit_log"))
    finally:
        con.close()


def sql(db, q, *args):
    con = sqlite3.connect(db, timeout=30)
    try:
        rows = con.execute(q, args).fetchall()
        con.commit()
        return rows
    finally:
        con.close()


def clear_limits(db):
    sql(db, "DELETE FROM request_intake_log")


def top_errors(t):
    m = re.search(r'<div class="notice error" role="alert" id="problems"'
                  r'.*?</div>', t, re.S)
    return m.group(0) if m else ""


def code_of(t):
    m = re.search(r'id="code">([A-Z0-9-]{14})<', t)
    return m.group(1) if m else None


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
    c.page("/admin/")
    return c


# --- the public form -------------------------------------------------------

def form_checks(srv):
    st, h, b = srv_get(srv, f"/r/{REGION}/apply/")
    check("apply form 200", st == 200, st)
    labels = set(re.findall(r'<label[^>]* for="([^"]+)"', b))
    ids = set(re.findall(r'<(?:input|select|textarea)[^>]* id="([^"]+)"', b))
    check("every control of the form has a label", ids and ids <= labels,
          ids - labels)
    check("fieldsets for 申请人类型, 自然人 and 法人或其他组织",
          "<legend>申请人类型" in b and "<legend>自然人（公民）</legend>" in b and
          "<legend>法人或其他组织</legend>" in b, "")
    check("the form's choices", all(x in b for x in (
        'value="纸质"', 'value="电子邮件"', 'value="光盘"', 'value="磁盘"',
        'value="其他"', 'value="邮寄"', 'value="快递"', 'value="传真"',
        'value="自行领取"', 'value="当场查阅"', 'name="fee_waiver"',
        'name="files"', 'enctype="multipart/form-data"')), "")
    check("units of the region to choose from", 'value="21">岳麓区民政局' in b
          and "长沙市民政局" not in b, "")
    check("honeypot hidden from people and screen readers",
          re.search(r'<div class="hp" aria-hidden="true">\s*<label[^>]*>[^<]*'
                    r'</label>\s*<input id="f-website" name="website" '
                    r'type="text" tabindex="-1"', b) is not None, "")
    st, h, b = srv_get(srv, f"/r/{REGION}/apply/?unit=21")
    check("?unit= preselects the unit", 'value="21" selected' in b, "")
    st, h, b = srv_get(srv, f"/r/{REGION}/")
    check("region page links to 依申请公开",
          f'href="/r/{REGION}/apply/">依申请公开</a>' in b, "")
    st, h, b = srv_get(srv, "/r/999999/apply/")
    check("unknown region 404 in Chinese", st == 404 and has_cn(b), st)
    st, h, b = srv_get(srv, "/r/430104/apply/?unit=abc")
    check("bad ?unit= is ignored", st == 200, st)


def srv_get(srv, path):
    st, h, b = Client(srv, "anon").request("GET", path)
    return st, h, b.decode("utf-8", "replace")


def filing_checks(srv, db):
    clear_limits(db)
    before = counts(db)
    st, h, t = file_(srv, PERSON, [("files", "身份证明.pdf", PDF,
                                    "application/pdf")])
    code = code_of(t)
    check("a citizen files an application", st == 200 and code, f"{st} "
          f"{top_errors(t) or t[-800:]}")
    check("confirmation: 查询码, 编号, receipt and due date, next steps",
          all(x in t for x in ("查询码", "岳麓区民政局〔", "收到申请之日",
                               "答复期限", "接下来", "期限是怎样算出来的",
                               "第三十一条")), t[-1500:])
    check("confirmation never cached", "no-store" in h.get("cache-control", ""),
          h)
    after = counts(db)
    check("filing writes the application, its step, its file and audit",
          after[0] == before[0] + 1 and after[1] == before[1] + 1 and
          after[2] == before[2] + 1 and after[3] >= before[3] + 2,
          f"{before} → {after}")
    row = sql(db, "SELECT channel, received_on, ip, status, forms, delivery "
              "FROM requests WHERE code = ?", code)
    check("stored as online, received today, with the address",
          row and row[0][0] == "online" and row[0][2] == "127.0.0.1" and
          row[0][3] == "registered", row)

    org = with_(PERSON, kind="commercial", p_name="", o_name="长沙某某科技有限公司",
                credit_code=credit_code("91430104MA4L0000"[:17].ljust(17, "0")),
                legal_rep="李四", contact_person="王五",
                info_name="2025年岳麓区城乡低保资金发放情况")
    st, h, t = file_(srv, org)
    check("an organisation files an application", st == 200 and code_of(t),
          top_errors(t) or t[-500:])
    return code, code_of(t)


INVALID = [
    ("no name", dict(p_name=""), "「姓名」", "f-p_name"),
    ("bad 身份证 number", dict(id_number="110105194912310021"), "「证件号码」",
     "f-id_number"),
    ("organisation with a bad 统一社会信用代码",
     dict(kind="research", o_name="某研究所", credit_code="123",
          legal_rep="甲", contact_person="乙"), "「统一社会信用代码」",
     "f-credit_code"),
    ("no contact", dict(phone="", email="", address="", delivery="自行领取",
                        forms="纸质"), "「联系方式」", "f-phone"),
    ("nothing asked for", dict(info_name="", info_desc=""), "「所需信息」",
     "f-info_name"),
    ("no form chosen", dict(forms=None), "「载体形式」", "f-forms"),
    ("其他 without saying what", dict(forms=["纸质", "其他"], forms_other=""),
     "「其他形式」", "f-forms_other"),
    ("邮寄 without an address", dict(delivery="邮寄", address=""),
     "「通信地址」", "f-address"),
    ("a unit of another region", dict(unit="2"), "「受理单位」", "f-unit"),
    ("no applicant type", dict(kind=None), "「申请人类型」", "f-kind"),
    ("bad e-mail", dict(email="not-an-address"), "「电子邮箱」", "f-email"),
    ("bad postcode", dict(postcode="41"), "「邮政编码」", "f-postcode"),
    ("fee waiver without a reason", dict(fee_waiver="1"), "「减免理由」",
     "f-fee_waiver_reason"),
]


def invalid_checks(srv, db):
    for name, change, label, anchor in INVALID:
        before = counts(db)
        st, h, t = file_(srv, with_(PERSON, **change))
        top = top_errors(t)
        kept = 'value="0731-88880000"' in t or "phone" in change
        check(f"refused: {name}", st == 400 and label in top and
              f'href="#{anchor}"' in top and has_cn(top), f"{st} {top[:400]}")
        check(f"refused: {name}: message beside the field and values kept",
              f'id="{anchor}-err"' in t and kept, t[:200])
        check(f"refused: {name}: nothing written", counts(db) == before,
              f"{before} → {counts(db)}")
    # files
    big = b"%PDF-1.4\n" + b"0" * (11 << 20)
    for name, files, want in [
            ("a file over 10 MB", [("files", "大.pdf", big, "application/pdf")],
             "超过 10 MB"),
            ("an HTML page named .pdf",
             [("files", "x.pdf", b"<html><script>alert(1)</script></html>",
               "application/pdf")], "「附件」"),
            ("four files", [("files", f"{i}.pdf", PDF, "application/pdf")
                            for i in range(4)], "最多上传 3 个"),
            ("an empty file", [("files", "空.pdf", b"", "application/pdf")],
             "空文件")]:
        before = counts(db)
        st, h, t = file_(srv, PERSON, files)
        check(f"refused: {name}", st == 400 and want in top_errors(t) and
              "附件需要重新选择" in t, f"{st} {top_errors(t)[:300]}")
        check(f"refused: {name}: nothing written", counts(db) == before, "")


def honeypot_checks(srv, db):
    before = counts(db)
    st, h, t = file_(srv, with_(PERSON, website="http://spam.example/"))
    check("honeypot filled: refused with a neutral Chinese message",
          st == 400 and "申请未能提交" in t and "机器人" not in t and
          "website" not in re.sub(r"<form.*?</form>", "", t, flags=re.S),
          f"{st} {t[-400:]}")
    check("honeypot: nothing written", counts(db) == before, "")


def rate_checks(srv, db):
    clear_limits(db)
    codes = []
    for i in range(5):
        st, h, t = file_(srv, with_(PERSON, info_name=f"限流测试信息{i}"))
        codes.append(code_of(t))
    check("five filings an hour are taken", all(codes), codes)
    before = counts(db)
    st, h, t = file_(srv, with_(PERSON, info_name="第六件"))
    top = top_errors(t)
    check("the sixth is refused: why and when to try again",
          st == 429 and "1 小时内最多在线提交 5 件" in top and "分钟后" in top
          and "北京时间" in top, f"{st} {top[:300]}")
    check("the sixth: values kept, nothing written",
          'value="第六件"' in t and counts(db) == before, "")
    clear_limits(db)
    return codes


def hostile_checks(srv, db):
    clear_limits(db)
    evil = "<script>alert(\"x\")</script>'&\u202e𠀀"
    # text anywhere: escaped on every page, the filing taken
    st, h, t = file_(srv, with_(PERSON, info_name=evil, info_desc=evil,
                                address=evil, p_name="赵<b>六</b>"))
    code = code_of(t)
    check("hostile text is filed and escaped on the confirmation",
          st == 200 and code and "<script>alert" not in t, f"{st} "
          f"{top_errors(t)[:300]}")
    st2, h2, t2 = srv_get(srv, f"/apply/track?code={code}")
    check("hostile text escaped on the tracking page",
          st2 == 200 and "&lt;script&gt;alert(&quot;x&quot;)" in t2 and
          "<script>alert" not in t2, st2)
    # 10,000 characters in each field: refused, nothing written
    fields = ["p_name", "id_number", "phone", "email", "address", "postcode",
              "info_name", "info_doc_no", "info_desc", "forms_other",
              "fee_waiver_reason", "id_type", "kind", "forms", "delivery"]
    for f in fields:
        before = counts(db)
        change = {f: "长" * 10000}
        if f == "forms_other":
            change["forms"] = ["纸质", "其他"]
        if f == "fee_waiver_reason":
            change["fee_waiver"] = "1"
        st, h, t = file_(srv, with_(PERSON, **change))
        check(f"10,000 characters in {f}: refused in Chinese",
              st == 400 and has_cn(top_errors(t)), f"{st} "
              f"{top_errors(t)[:200]}")
        check(f"10,000 characters in {f}: nothing written",
              counts(db) == before, "")
    # quotes and markup in every field: refused or filed, never raw
    for f in fields + ["unit", "credit_code", "legal_rep", "contact_person",
                       "o_name"]:
        clear_limits(db)
        st, h, t = file_(srv, with_(PERSON, **{f: evil}))
        check(f"<script> and quotes in {f}: escaped",
              st in (200, 400) and "<script>alert" not in t and
              (st == 200 or has_cn(top_errors(t))), st)
    # bytes that are not text: the server refuses the body
    clear_limits(db)
    for f in ("p_name", "info_name", "address", "website", "unit"):
        for raw, what in ((b"\xff\xfe\xc0\x80", "invalid UTF-8"),
                          (b"a\x00b", "NUL")):
            before = counts(db)
            st, h, t = file_(srv, with_(PERSON, **{f: raw}))
            check(f"{what} in {f}: 400 in Chinese, nothing written",
                  st == 400 and has_cn(t) and counts(db) == before, st)
    for body in (b"unit=21&p_name=%ff%fe", b"unit=21&p_name=a%00b",
                 b"unit=21&p_name=%e4%bd"):
        before = counts(db)
        st, h, b = Client(srv, "x").request(
            "POST", f"/r/{REGION}/apply/", body,
            {"Content-Type": "application/x-www-form-urlencoded"})
        check(f"url-encoded {body[-8:]!r}: 400 in Chinese, nothing written",
              st == 400 and has_cn(b.decode("utf-8", "replace")) and
              counts(db) == before, st)
    # a body that is no form at all
    st, h, b = Client(srv, "x").request("POST", f"/r/{REGION}/apply/",
                                        b"{}", {"Content-Type":
                                                "application/json"})
    check("a JSON body: refused, never a 500", st == 400 and
          has_cn(b.decode()), st)
    clear_limits(db)
    return code


# --- tracking --------------------------------------------------------------

def track_checks(srv, db, code):
    st, h, t = srv_get(srv, f"/apply/track?code={code}")
    check("tracking by 查询码", st == 200 and "办理情况" in t and "已登记" in t
          and "办理过程" in t and "登记" in t and "答复期限" in t and
          "期限是怎样算出来的" in t, st)
    check("tracking never cached", "no-store" in h.get("cache-control", ""),
          h)
    loose = code.lower().replace("-", "")
    st, h, t = srv_get(srv, f"/apply/track?code={loose}")
    check("tracking: lower case, no dashes", st == 200 and "办理情况" in t, st)
    st, h, t = srv_get(srv, "/apply/track")
    check("tracking form without a code", st == 200 and 'name="code"' in t,
          st)
    clear_limits(db)
    for bad in ("ABCD-EFGH-JKLM", "xyz", "%3Cscript%3E", "0000-0000-0000"):
        st, h, t = srv_get(srv, f"/apply/track?code={bad}")
        check(f"unknown code {bad}: 404 in Chinese", st == 404 and
              "没有找到这个查询码" in t and "<script>" not in t, st)
    for raw in ("%ff%fe", "%00", "a" * 5000):
        st, h, t = srv_get(srv, f"/apply/track?code={raw}")
        check(f"hostile code {raw[:6]}: refused, never a 500",
              st in (400, 404, 414) and has_cn(t), st)
    clear_limits(db)
    for i in range(10):
        srv_get(srv, "/apply/track?code=AAAA-BBBB-CCCC")
    st, h, t = srv_get(srv, "/apply/track?code=ZZZZ-ZZZZ-ZZZZ")
    check("the 11th unknown code in an hour: 429, why and when",
          st == 429 and "查询过于频繁" in t and "分钟后" in t, st)
    clear_limits(db)
    st, h, t = srv_get(srv, f"/apply/track?code={code}")
    check("tracking works again once the hour has passed", st == 200, st)


# --- the back office -------------------------------------------------------

def rid_of(db, code):
    return sql(db, "SELECT id FROM requests WHERE code = ?", code)[0][0]


def status_of(db, rid):
    return sql(db, "SELECT status FROM requests WHERE id = ?", rid)[0][0]


def events_of(db, rid):
    return [r[0] for r in sql(db, "SELECT kind FROM request_events WHERE "
                              "request_id = ? ORDER BY id", rid)]


def act(c, rid, **fields):
    return c.form(f"/admin/requests/{rid}/act", list(fields.items()))


def staff_checks(srv, db, code_a, code_b, hostile_code):
    ed = login(srv, "ylmz_editor")
    st, h, t = ed.page("/admin/")
    check("dashboard shows the 依申请公开 block",
          "依申请公开" in t and "/admin/requests?due=overdue" in t and
          "暂停计时" in t, st)
    st, h, t = ed.page("/admin/requests")
    check("list of the unit's applications", st == 200 and t.count(
        'href="/admin/requests/') >= 5 and "岳麓区民政局" in t, st)
    for q in ("?status=open", "?due=overdue", "?due=soon", "?due=paused",
              "?status=registered&page=1", "?q=%E5%BC%A0%E4%B8%89"):
        st, h, t = ed.page("/admin/requests" + q)
        check(f"list filter {q}", st == 200, st)
    for q in ("?due=bogus", "?status=bogus", "?page=0", "?page=x"):
        st, h, t = ed.page("/admin/requests" + q)
        check(f"bad filter {q}: 400 in Chinese", st == 400 and has_cn(t), st)

    rid = rid_of(db, code_a)
    st, h, t = ed.page(f"/admin/requests/{rid}")
    check("case page: applicant, request, clock, steps",
          st == 200 and "张三" in t and "11010519491231002X" in t and
          "期限是怎样算出来的" in t and "办理过程" in t, st)
    check("case page: repeated request noted (第四十四条)",
          "重复申请提示" in t and "第四十四条" in t, "")
    check("case page: forms only for the steps allowed now",
          'id="act-review"' in t and 'id="act-correction_notice"' in t and
          'id="act-reply"' in t and 'id="act-third_party_sent"' not in t and
          'id="act-archived"' not in t, re.findall(r'id="act-[a-z_]+"', t))
    nforms, ntokens = t.count('method="post"'), t.count('name="csrf"')
    check("every POST form carries the CSRF field", nforms == ntokens,
          f"{nforms} forms, {ntokens} tokens")

    # CSRF
    before = counts(db)
    st, h, t = ed.form(f"/admin/requests/{rid}/act", [("action", "review")],
                       with_csrf=False)
    check("a step without the CSRF token: 403, nothing changed",
          st == 403 and counts(db) == before and
          status_of(db, rid) == "registered", st)
    st, h, t = act(ed, rid, action="review")
    check("审核通过", st == 303 and status_of(db, rid) == "handling",
          f"{st} {t[:300]}")
    ed.page(f"/admin/requests/{rid}")
    before = counts(db)
    st, h, t = act(ed, rid, action="extension", approver="", days="10")
    check("延期 without an approver: refused in Chinese, nothing written",
          st == 400 and "「批准人」" in t and counts(db) == before, st)
    check("refused step: its values kept", 'value="10"' in t, "")
    st, h, t = act(ed, rid, action="extension", approver="李主任", days="30")
    check("延期 of 30 working days: refused", st == 400 and "20" in t and
          counts(db) == before, st)
    st, h, t = act(ed, rid, action="bogus")
    check("an unknown step: 400", st == 400 and has_cn(t), st)
    st, h, t = act(ed, rid, action="third_party_sent", note="征求某公司意见")
    st2, h2, t2 = ed.page(f"/admin/requests/{rid}")
    check("征求第三方意见: the clock pauses", st == 303 and "暂停计时" in t2, st)
    st, h, t = act(ed, rid, action="third_party_answered")
    check("收到第三方意见", st == 303, f"{st} {t[:200]}")
    ed.page(f"/admin/requests/{rid}")
    st, h, t = act(ed, rid, action="extension", approver="李主任", days="10",
                   note="需要汇总多个街道的数据")
    st2, h2, t2 = ed.page(f"/admin/requests/{rid}")
    check("延期 with its approver", st == 303 and "批准人：李主任" in t2, st)

    # the reply: generate, edit, send
    st, h, t = ed.page(f"/admin/requests/{rid}?outcome=1")
    m = re.search(r'<textarea id="s-reply-letter" name="letter"[^>]*>(.*?)'
                  r'</textarea>', t, re.S)
    letter = m.group(1) if m else ""
    check("the reply letter is generated from the template",
          "张三" in letter and "行政复议" in letter and "行政诉讼" in letter and
          "第三十六条第（二）项" in letter and "岳麓区民政局" in letter, letter)
    import html as htmlmod
    edited = htmlmod.unescape(letter) + "\n附：2025年低保资金发放情况表（已核对）"
    st, h, t = ed.form(f"/admin/requests/{rid}/act", [
        ("action", "reply"), ("outcome", "1"), ("article", ""),
        ("letter", edited), ("day", ""), ("delivered_how", "")])
    row = sql(db, "SELECT status, outcome, reply_letter FROM requests WHERE "
              "id = ?", rid)[0]
    check("答复 with the edited letter", st == 303 and row[0] == "replied" and
          row[1] == "1" and "（已核对）" in row[2], f"{st} {t[:300]} {row[:2]}")
    st, h, t = srv_get(srv, f"/apply/track?code={code_a}")
    check("the applicant sees the reply letter", "答复书" in t and
          "（已核对）" in t and "已答复" in t and "（一）予以公开" in t, st)
    ed.page(f"/admin/requests/{rid}")
    st, h, t = act(ed, rid, action="archived")
    check("归档 before 送达: refused", st == 400 and "送达" in t, st)
    st, h, t = act(ed, rid, action="delivered", delivered_how="电子邮件")
    check("送达", st == 303, st)
    ed.page(f"/admin/requests/{rid}")
    st, h, t = act(ed, rid, action="archived")
    st2, h2, t2 = ed.page(f"/admin/requests/{rid}")
    check("归档: no more steps", st == 303 and status_of(db, rid) ==
          "archived" and "没有可以进行的步骤" in t2, st)
    check("steps recorded in order", events_of(db, rid) == [
        "registered", "review", "third_party_sent", "third_party_answered",
        "extension", "reply", "delivered", "archived"], events_of(db, rid))

    # another case: outcomes that close through their own steps
    rid_b = rid_of(db, code_b)
    ed.page(f"/admin/requests/{rid_b}")
    st, h, t = act(ed, rid_b, action="reply", outcome="6.1")
    check("答复 as （六）1 directly: refused", st == 400 and "逾期未补正" in t,
          st)
    st, h, t = act(ed, rid_b, action="reply", outcome="9.9")
    check("an outcome not in table 三: refused", st == 400 and
          "「答复结果」" in t, st)
    st, h, t = act(ed, rid_b, action="correction_notice", note="请写明年份",
                   until="2099-01-01")
    check("补正告知", st == 303 and status_of(db, rid_b) == "correcting", st)

    # hostile text in the back office
    rid_h = rid_of(db, hostile_code)
    st, h, t = ed.page(f"/admin/requests/{rid_h}")
    check("hostile text escaped on the case page", st == 200 and
          "<script>alert" not in t and "&lt;script&gt;" in t and
          "赵&lt;b&gt;六&lt;/b&gt;" in t, st)
    st, h, t = ed.page(f"/admin/requests/{rid_h}?outcome=%3Cscript%3E&"
                       "article=%22%3E%3Cscript%3E")
    check("hostile outcome and article in the URL: escaped",
          st == 200 and "<script>" not in t, st)

    # files
    body, ctype = multipart([("csrf", ed.csrf), ("role", "reply")],
                            [("files", "答复书.pdf", PDF, "application/pdf")])
    st, h, t = ed.request("POST", f"/admin/requests/{rid_h}/files", body,
                          {"Content-Type": ctype})
    fid = sql(db, "SELECT id FROM request_files WHERE request_id = ? AND "
              "role = 'reply'", rid_h)
    check("staff upload a file", st == 303 and fid, st)
    if fid:
        st, h, b = ed.request("GET",
                              f"/admin/requests/{rid_h}/files/{fid[0][0]}")
        check("download the file", st == 200 and b == PDF and
              "attachment" in h.get("content-disposition", ""), st)

    # registering an application that came by post
    ed.page("/admin/requests/new")
    fields = [(k, v) for k, v in PERSON if k not in ("unit", "website")]
    before = counts(db)
    st, h, t = ed.form("/admin/requests", [("unit", str(UNIT)),
                                           ("channel", "mail_signed")] +
                       fields)
    check("邮寄 without 签收日期: refused (第三十一条), nothing written",
          st == 400 and "「签收日期」" in t and "第三十一条" in t and
          counts(db) == before, st)
    st, h, t = ed.form("/admin/requests", [("unit", str(UNIT)),
                                           ("channel", "online")] + fields)
    check("staff cannot register as 在线申请", st == 400 and "「提交方式」" in t,
          st)
    sign = sql(db, "SELECT date('now', '+8 hours', '-1 day')")[0][0]
    st, h, t = ed.form("/admin/requests", [("unit", str(UNIT)),
                                           ("channel", "mail_signed"),
                                           ("submitted_on", ""),
                                           ("signed_on", sign)] + fields)
    m = re.search(r"/admin/requests/(\d+)\?done=registered",
                  h.get("location", ""))
    check("邮寄 registered with its 签收日期", st == 303 and m, f"{st} {t[:400]}")
    if m:
        row = sql(db, "SELECT channel, received_on, created_by FROM requests "
                  "WHERE id = ?", int(m.group(1)))[0]
        check("received on the day it was signed for", row[0] ==
              "mail_signed" and row[1] == sign and row[2] == "ylmz_editor",
              row)
        st, h, t = ed.page(h["location"])
        check("registered: notice and 查询码 shown", "申请已登记" in t and
              "查询码" in t, st)
    st, h, t = ed.form("/admin/requests", [("unit", "71"),
                                           ("channel", "in_person")] + fields)
    check("registering for another unit: refused", st in (400, 403) and
          "没有权限" in t, st)
    return rid, rid_h


def other_unit_checks(srv, db, rid, rid_h):
    wy = login(srv, "wyh_editor")
    st, h, t = wy.page(f"/admin/requests/{rid_h}")
    check("another unit's staff: case page 403", st == 403 and has_cn(t), st)
    st, h, t = wy.page("/admin/requests")
    check("another unit's staff: not in their list",
          f'href="/admin/requests/{rid_h}"' not in t, "")
    before = counts(db)
    st, h, t = act(wy, rid_h, action="review")
    check("another unit's staff: a step is 403, nothing changed",
          st == 403 and counts(db) == before and
          status_of(db, rid_h) == "registered", st)
    body, ctype = multipart([("csrf", wy.csrf), ("role", "other")],
                            [("files", "x.pdf", PDF, "application/pdf")])
    st, h, t = wy.request("POST", f"/admin/requests/{rid_h}/files", body,
                          {"Content-Type": ctype})
    check("another unit's staff: upload 403", st == 403 and
          counts(db) == before, st)
    fid = sql(db, "SELECT id FROM request_files WHERE request_id = ?", rid_h)
    if fid:
        st, h, t = wy.page(f"/admin/requests/{rid_h}/files/{fid[0][0]}")
        check("another unit's staff: file 403", st == 403, st)
    st, h, t = wy.page("/admin/requests/999999")
    check("no such application: 404", st == 404, st)
    anon = Client(srv, "anon")
    st, h, b = anon.request("GET", f"/admin/requests/{rid}")
    check("signed out: sent to sign in", st == 303 and "/admin/login" in
          h.get("location", ""), st)
    office = login(srv, "yl_office")
    st, h, t = office.page(f"/admin/requests/{rid_h}")
    check("the district office sees its units' applications", st == 200, st)


def audit_checks(db):
    r = run("--db", db, "audit", "list", "--action", "request.", "--per-page",
            "1000", "--json")
    import json
    try:
        j = json.loads(r.stdout)
        entries = j.get("entries", j.get("audit", [])) if isinstance(j, dict) \
            else j
    except ValueError:
        entries = []
    acts = {e.get("action") for e in entries}
    check("every step is audited", {
        "request.file", "request.review", "request.third_party_sent",
        "request.extension", "request.reply", "request.delivered",
        "request.archived", "request.correction_notice"} <= acts, acts)
    r = run("--db", db, "audit", "verify")
    check("audit chain intact", r.returncode == 0, r.stdout + r.stderr)


def main():
    tmp = tempfile.mkdtemp(prefix="gk-req-")
    db = os.path.join(tmp, "demo.db")
    r = run("--db", db, "demo")
    if not check("demo database", r.returncode == 0, r.stderr[-500:]):
        sys.exit(1)
    srv = Server(db, tmp)
    try:
        form_checks(srv)
        code_a, code_b = filing_checks(srv, db)
        invalid_checks(srv, db)
        honeypot_checks(srv, db)
        rate_checks(srv, db)
        hostile = hostile_checks(srv, db)
        track_checks(srv, db, code_a)
        rid, rid_h = staff_checks(srv, db, code_a, code_b, hostile)
        other_unit_checks(srv, db, rid, rid_h)
    except Exception as e:  # a crash is one failure, with its reason
        import traceback
        check("test ran to the end", False, traceback.format_exc()[-1500:])
    finally:
        rc, err = srv.stop()
        check("server stops cleanly on SIGTERM", rc == 0, f"exit {rc}")
        check("no sanitizer report from the server",
              "AddressSanitizer" not in err and "runtime error:" not in err and
              "LeakSanitizer" not in err, err[-3000:])
    audit_checks(db)
    subprocess.run(["rm", "-rf", tmp])
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
