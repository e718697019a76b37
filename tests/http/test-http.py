#!/usr/bin/env python3
"""test-http.py: every public page and API route of `gongkai serve`, over
real HTTP on a loopback port, against a real demo database.

Covers: each page and API route, 404s, bad parameters (a Chinese message and
never a 500), HEAD, ETag / If-None-Match, redirects, limits (header size,
URL length, methods), security headers, the 长者模式 cookie, downloads, and a
hostile record (<script>"'&, U+20000, RTL marks, a 10,000-character title)
imported while the server runs: it must appear at once (no stale cache) and
be escaped everywhere.  Prints "ok NAME" / "not ok NAME: why" per check.
"""
import csv
import http.client
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET

BIN = os.environ.get("GONGKAI_BIN", "build/asan/gongkai")
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

    def request(self, method, path, headers=None, raw_path=False):
        c = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        c.putrequest(method, path, skip_accept_encoding=True)
        for k, v in (headers or {}).items():
            c.putheader(k, v)
        c.endheaders()
        r = c.getresponse()
        body = r.read()
        hdrs = {k.lower(): v for k, v in r.getheaders()}
        c.close()
        return r.status, hdrs, body

    def get(self, path, headers=None):
        return self.request("GET", path, headers)

    def stop(self):
        self.proc.send_signal(signal.SIGTERM)
        try:
            rc = self.proc.wait(20)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            rc = -9
        self.err.seek(0)
        return rc, self.err.read()


def text(body):
    return body.decode("utf-8", "replace")


def run(cmd):
    return subprocess.run([BIN] + cmd, capture_output=True, text=True)


def main():
    tmp = tempfile.mkdtemp(prefix="gk-http-")
    db = os.path.join(tmp, "demo.db")
    r = run(["--db", db, "demo"])
    if not check("demo database", r.returncode == 0, r.stderr[-500:]):
        return
    srv = Server(db, tmp)
    try:
        body_checks(srv, db, tmp)
    finally:
        rc, err = srv.stop()
        check("server stops cleanly on SIGTERM", rc == 0, f"exit {rc}")
        check("no sanitizer report from the server",
              "AddressSanitizer" not in err and "runtime error:" not in err,
              err[-2000:])
        subprocess.run(["rm", "-rf", tmp])


def api(srv, path):
    st, h, b = srv.get(path)
    try:
        return st, h, json.loads(b)
    except ValueError:
        return st, h, None


def body_checks(srv, db, tmp):
    # --- discover ids through the API ---
    st, _, cats = api(srv, "/api/v1/catalogs?region=430104&per_page=100")
    check("api catalogs of 岳麓区", st == 200 and cats and cats["total"] > 0,
          f"{st} {cats}")
    shjz = next(c for c in cats["catalogs"] if c["domain"] == "shjz")
    st, _, cat = api(srv, f"/api/v1/catalogs/{shjz['id']}")
    check("api catalog with items", st == 200 and len(cat["items"]) > 5,
          str(st))
    leaves = [i for i in cat["items"] if i["level"] >= 2 and "basis" in i]
    item = leaves[0]
    st, _, recs = api(srv, "/api/v1/records?region=430104&per_page=5")
    check("api records list paged", st == 200 and recs["per_page"] == 5 and
          len(recs["records"]) <= 5 and recs["total"] >= len(recs["records"]),
          str(recs)[:300])
    rec_id = recs["records"][0]["id"] if recs["records"] else None
    check("demo has public records in 岳麓区", rec_id is not None, "none")

    # --- every page ---
    pages = ["/", "/r/430104/", "/r/430104/d/shjz/",
             f"/r/430104/i/{item['id']}/", "/r/430104/catalogs/",
             "/r/430104/p/guide/", "/r/430104/p/reports/", "/sitemap/",
             "/r/430104/feed.atom", "/r/430104/d/shjz/feed.atom",
             "/sitemap.xml"]
    if rec_id:
        pages.append(f"/record/{rec_id}")
    for p in pages:
        st, h, b = srv.get(p)
        ok = st == 200 and b
        if ok and p.endswith((".atom", ".xml")):
            try:
                ET.fromstring(b)
            except ET.ParseError as e:
                ok, st = False, f"XML: {e}"
        elif ok:
            t = text(b)
            ok = ('<html lang="zh-CN"' in t and "<main" in t and
                  'class="skip"' in t and "网站标识码" in t)
        check(f"page {p}", ok, f"status {st}")
        check(f"security headers {p}",
              h.get("x-content-type-options") == "nosniff" and
              "default-src 'self'" in h.get("content-security-policy", ""),
              str(h))

    st, h, b = srv.get("/")
    t = text(b)
    check("home has the map with 9 district links",
          t.count('class="gk-map-region"') == 9 and "岳麓区" in t, "")
    check("home meta tags", all(f'<meta name="{m}"' in t for m in
                                ("SiteName", "ColumnName", "ColumnType")), "")
    check("home lists 26 domains", t.count("<li") and
          t.count('class="name"') == 26, str(t.count('class="name"')))
    if rec_id:
        st, h, b = srv.get(f"/record/{rec_id}")
        t = text(b)
        check("record page metadata block", all(
            k in t for k in ("索引号", "发布机构", "成文日期", "发布日期", "文号",
                             "有效性", "主题分类")), "")
        check("record page article meta", '<meta name="ArticleTitle"' in t and
              '<meta name="PubDate"' in t, "")
    st, h, b = srv.get("/r/430104/d/shjz/")
    t = text(b)
    check("domain page standard columns", all(
        k in t for k in ("公开内容（要素）", "公开依据", "公开时限", "公开主体",
                         "公开渠道和载体", "公开对象", "公开方式", "公开层级")), "")

    # downloads
    st, h, b = srv.get(f"/catalog/{shjz['id']}.xlsx")
    check("catalog .xlsx download", st == 200 and b[:2] == b"PK" and
          "spreadsheetml" in h.get("content-type", "") and
          "filename*=UTF-8''" in h.get("content-disposition", ""), str(h))
    st, h, b = srv.get(f"/catalog/{shjz['id']}.csv")
    check("catalog .csv download", st == 200 and "公开依据" in text(b) and
          h.get("content-type", "").startswith("text/csv"), str(st))
    st, h, b = srv.get("/static/style.css?v=1")
    check("static file with long cache", st == 200 and
          "immutable" in h.get("cache-control", "") and h.get("etag"), str(h))

    # --- API routes ---
    for p in ["/api/v1/", "/api/v1/regions", "/api/v1/regions?parent=430100",
              "/api/v1/regions/430104", "/api/v1/domains",
              f"/api/v1/items/{item['id']}",
              f"/api/v1/records?item={item['id']}"]:
        st, h, j = api(srv, p)
        check(f"api {p}", st == 200 and j is not None and
              h.get("content-type", "").startswith("application/json"),
              f"{st}")
    st, _, j = api(srv, "/api/v1/openapi.json")
    check("openapi document", st == 200 and j and "/records" in j["paths"], "")
    st, _, j = api(srv, "/api/v1/regions/430104")
    check("api region completeness", j and j.get("completeness") and
          0 <= j["completeness"]["share"] <= 1 and len(j["children"]) > 0,
          str(j)[:200])
    if rec_id:
        st, _, j = api(srv, f"/api/v1/records/{rec_id}")
        check("api record", st == 200 and j["id"] == rec_id and
              "body_md" in j and "attachments" in j, str(st))

    # --- 404s ---
    for p in ["/nope", "/r/999999/", "/r/430104/d/nope/", "/record/999999999",
              "/r/430104/i/999999999/", "/catalog/999999.xlsx", "/r/430104/p/x/",
              "/file/99999/x.pdf", "/r/12/", "/record/abc", "/static/nope.css"]:
        st, h, b = srv.get(p)
        check(f"404 {p}", st == 404 and "不存在" in text(b) or
              (st == 404 and "没有" in text(b)), f"{st}")
    # an item of another region is not this region's
    st, h, b = srv.get(f"/r/430102/i/{item['id']}/")
    check("item under the wrong region is 404", st == 404, str(st))
    for p in ["/api/v1/nope", "/api/v1/records/99999999", "/api/v1/catalogs/9999999"]:
        st, h, j = api(srv, p)
        check(f"api 404 {p}", st == 404 and j and "message" in j["error"],
              f"{st} {j}")

    # --- bad parameters: Chinese message, never 500 ---
    bad = ["/r/430104/i/%d/?page=abc" % item["id"],
           "/r/430104/i/%d/?page=0" % item["id"],
           "/r/430104/i/%d/?page=99999999999" % item["id"],
           "/?x=%zz", "/?x=%ff%fe", "/?x=%00", "/?" + "a=1&" * 100]
    for p in bad:
        st, h, b = srv.get(p)
        check(f"bad parameter {p[:40]}", st == 400 and
              any("\u4e00" <= ch <= "\u9fff" for ch in text(b)), f"{st}")
    for p in ["/api/v1/records?per_page=1000", "/api/v1/records?page=-1",
              "/api/v1/records?region=abc", "/api/v1/records?domain=%3Cx%3E",
              "/api/v1/records?item=x", "/api/v1/regions?parent=1"]:
        st, h, j = api(srv, p)
        check(f"api bad parameter {p}", st == 400 and j and
              any("\u4e00" <= ch <= "\u9fff" for ch in j["error"]["message"]),
              f"{st} {j}")

    # --- HEAD, ETag, redirects, limits ---
    st, h, b = srv.get("/r/430104/")
    st2, h2, b2 = srv.request("HEAD", "/r/430104/")
    check("HEAD: same status and length, no body", st2 == 200 and b2 == b"" and
          h2.get("content-length") == str(len(b)) and
          h2.get("etag") == h.get("etag"), str(h2))
    etag = h.get("etag")
    st, h3, b3 = srv.get("/r/430104/", {"If-None-Match": etag})
    check("If-None-Match answers 304", st == 304 and b3 == b"", str(st))
    st, h3, b3 = srv.get("/api/v1/domains", {"If-None-Match": '"nope"'})
    check("ETag on API GET", st == 200 and h3.get("etag"), str(h3))
    st, h3, _ = srv.get("/api/v1/domains", {"If-None-Match": h3.get("etag")})
    check("API If-None-Match answers 304", st == 304, str(st))
    st, h, b = srv.get("/r/430104")
    check("missing slash redirects", st == 301 and
          h.get("location") == "/r/430104/", str(h))
    st, h, b = srv.get("/r/430100/")
    check("home region redirects to /", st == 301 and h.get("location") == "/",
          str(st))
    st, h, b = srv.request("POST", "/")
    check("POST refused with 405", st == 405 and "GET" in h.get("allow", ""),
          str(st))
    st, h, b = srv.get("/", {"X-Big": "a" * 20000})
    check("oversized headers refused (431)", st == 431, str(st))
    st, h, b = srv.get("/" + "a" * 5000)
    check("overlong URL refused (414)", st == 414, str(st))

    # --- 长者模式 ---
    st, h, b = srv.get("/prefs/elder?on=1&back=/r/430104/")
    check("elder switch sets a cookie and goes back", st == 303 and
          h.get("location") == "/r/430104/" and
          "gk_elder=1" in h.get("set-cookie", ""), str(h))
    st, h, b = srv.get("/prefs/elder?on=1&back=//evil.example/")
    check("elder switch refuses an open redirect", h.get("location") == "/",
          str(h))
    st, h, b = srv.get("/r/430104/", {"Cookie": "gk_elder=1"})
    check("elder mode page", st == 200 and 'class="elder"' in text(b), "")
    st, h, b = srv.get("/r/430104/")
    check("normal page after elder page (cache keeps them apart)",
          'class="elder"' not in text(b), "")

    # --- a hostile record, imported while the server runs ---
    st, h, before = srv.get("/")
    hostile = ('<script>alert("x")</script>"\'&amp; \U00020000 \u202eRTL\u202c'
               '\u200f')
    long_title = hostile + "长" * (10000 - len(hostile))
    path = os.path.join(tmp, "hostile.csv")
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["标题", "发布日期", "文号", "正文"])
        w.writerow([long_title, "2099-12-31", '<b>"文号"</b>',
                    "正文 <script>alert(1)</script> [链接](javascript:alert(1))"
                    " <img src=x onerror=alert(1)>"])
    r = run(["--db", db, "record", "import", path, "--item", str(item["id"])])
    if not check("import the hostile record", r.returncode == 0,
                 r.stderr[-500:]):
        return
    st, h, after = srv.get("/")
    check("a write shows at once (no stale page)", h.get("etag") !=
          srv.get("/")[1].get("etag") or after != before, "page unchanged")
    st, _, j = api(srv, f"/api/v1/records?item={item['id']}&per_page=100")
    hit = [x for x in j["records"] if x["title"] == long_title]
    check("hostile title round-trips through the API", len(hit) == 1,
          f"{len(hit)} matches")
    if not hit:
        return
    hid = hit[0]["id"]
    for p in ["/", "/r/430104/", f"/r/430104/i/{item['id']}/", f"/record/{hid}",
              "/r/430104/feed.atom", "/sitemap.xml"]:
        st, h, b = srv.get(p)
        t = text(b)
        check(f"hostile text escaped on {p}", st == 200 and
              "<script>alert" not in t and "onerror=alert" not in t and
              "javascript:alert" not in t, f"{st}")
    st, h, b = srv.get(f"/record/{hid}")
    t = text(b)
    check("hostile title shown escaped and whole",
          "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&quot;&#39;&amp;amp;"
          in t and "\U00020000" in t and t.count("长") >= 9900, "")
    st, h, b = srv.get("/r/430104/feed.atom")
    try:
        titles = [e.text for e in ET.fromstring(b).iter(
            "{http://www.w3.org/2005/Atom}title")]
        check("hostile title intact in the Atom feed", long_title in titles, "")
    except ET.ParseError as e:
        check("hostile title intact in the Atom feed", False, str(e))


if __name__ == "__main__":
    try:
        main()
    except Exception as e:  # a crash in the test itself is a failure too
        import traceback
        traceback.print_exc()
        print(f"not ok test-http: {e!r}")
        failures += 1
    sys.exit(1 if failures else 0)
