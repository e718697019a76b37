#!/usr/bin/env python3
"""test-search.py: the search page, its facets and /api/v1/search over real
HTTP against a real demo database, including hostile queries (quotes, a
lone -, OR OR, 10,000 characters, invalid UTF-8, %00): every answer is a
page with results or a Chinese message, never a 500; and the index follows
writes at once (a record imported while the server runs is found, and a
withdrawn one is not).  Prints "ok NAME" / "not ok NAME: why".
"""
import csv
import json
import os
import re
import subprocess
import sys
import tempfile
import urllib.parse

sys.path.insert(0, os.path.dirname(__file__))
from importlib import import_module  # noqa: E402

http = import_module("test-http")  # the Server class and check()
Server, check = http.Server, http.check
BIN = http.BIN


def has_chinese(t):
    return any("\u4e00" <= c <= "\u9fff" for c in t)


def main():
    tmp = tempfile.mkdtemp(prefix="gk-search-")
    db = os.path.join(tmp, "demo.db")
    r = subprocess.run([BIN, "--db", db, "demo"], capture_output=True,
                       text=True)
    if not check("demo database", r.returncode == 0, r.stderr[-300:]):
        return
    srv = Server(db, tmp)
    try:
        body(srv, db, tmp)
    finally:
        rc, err = srv.stop()
        check("server stops cleanly", rc == 0, f"exit {rc}")
        check("no sanitizer report", "Sanitizer" not in err and
              "runtime error" not in err, err[-1500:])
        subprocess.run(["rm", "-rf", tmp])


def q(s):
    return urllib.parse.quote(s, safe="")


def body(srv, db, tmp):
    st, h, b = srv.get("/search?q=" + q("低保"))
    t = b.decode()
    n = re.search(r"找到 ([\d,]+) 条结果", t)
    check("search page finds 低保", st == 200 and n and
          int(n.group(1).replace(",", "")) > 10, str(st))
    check("matches are marked", "<mark>低保</mark>" in t, "")
    check("synonym expansion is shown", "最低生活保障" in t and "同义词" in t,
          "")
    check("facets for region, domain and year", all(
        k in t for k in ('aria-label="按地区筛选"', 'aria-label="按领域筛选"',
                         'aria-label="按年份筛选"')), "")
    facet = re.search(r'href="(/search\?q=[^"]*region=\d+)"', t)
    check("a region facet link", facet is not None, "")
    if facet:
        st, h, b2 = srv.get(facet.group(1).replace("&amp;", "&"))
        n2 = re.search(r"找到 ([\d,]+) 条结果", b2.decode())
        check("region facet narrows the results", st == 200 and n2 and
              int(n2.group(1).replace(",", "")) <
              int(n.group(1).replace(",", "")), "")
    st, h, b = srv.get("/")
    check("search box on the public pages", 'role="search"' in b.decode() and
          'action="/search"' in b.decode(), "")

    # the API
    st, h, b = srv.get("/api/v1/search?q=" + q("低保") + "&per_page=5")
    j = json.loads(b)
    check("api search", st == 200 and j["total"] > 10 and len(j["hits"]) == 5
          and "region" in j["facets"] and j["hits"][0]["url"], str(st))
    check("api snippet as text and html", "snippet_html" in j["hits"][0] and
          "\u0002" not in j["hits"][0]["snippet"], "")
    st, h, b = srv.get("/api/v1/search?q=" + q("低保") + "&per_page=500")
    check("api bad per_page is 400 in Chinese", st == 400 and
          has_chinese(json.loads(b)["error"]["message"]), str(st))
    st, h, b = srv.get("/api/v1/search?q=" + q("低保") + "&sort=date&per_page=20")
    dates = [x["date"] for x in json.loads(b)["hits"] if x["date"]]
    check("sort by date", dates == sorted(dates, reverse=True), str(dates[:5]))

    # exact substrings: a phrase and a rare four-character word
    st, h, b = srv.get("/api/v1/search?q=" + q('"最低生活保障"') + "&per_page=1")
    check("quoted phrase", st == 200 and json.loads(b)["total"] > 0, "")
    st, h, b = srv.get("/api/v1/search?q=" + q("低保 -渐退") + "&per_page=100")
    j = json.loads(b)
    check("exclusion", st == 200 and all("渐退" not in x["title"]
                                         for x in j["hits"]), "")

    # hostile queries: results or a Chinese message, never a 500
    hostile = ['"', "-", "OR OR", "OR", "低保 OR", "- - -", "“", "「」",
               "AND NOT NEAR(", "*", "title:低保", "^低保", "低保\"", "()",
               "长" * 10000, "a" * 5000, "\u202e低保", "𠀀", "ＯＲ"]
    for hq in hostile:
        for path in ("/search?q=", "/api/v1/search?q="):
            st, h, b = srv.get(path + q(hq))
            t = b.decode("utf-8", "replace")
            # a 10,000-character query is longer than the server takes in
            # a URL (4 KB): 414 with a Chinese message is the answer then
            ok = st in (200, 400, 414) and (st == 200 or has_chinese(t))
            if st == 200 and path.startswith("/search"):
                ok = ok and ("找到" in t or has_chinese(t))
            check(f"hostile {path}{hq[:12]!r}", ok, f"{st}")
    for raw in ("%ff%fe", "%00", "%C0%80", "%e4%bd"):
        for path in ("/search?q=", "/api/v1/search?q="):
            st, h, b = srv.get(path + raw)
            check(f"hostile bytes {path}{raw}", st == 400 and
                  has_chinese(b.decode("utf-8", "replace")), str(st))

    # the index follows writes at once
    st, _, cats = http.api(srv, "/api/v1/catalogs?region=430104&per_page=100")
    shjz = next(c for c in cats["catalogs"] if c["domain"] == "shjz")
    st, _, cat = http.api(srv, f"/api/v1/catalogs/{shjz['id']}")
    item = [i for i in cat["items"] if i["level"] >= 2 and "basis" in i][0]
    path = os.path.join(tmp, "new.csv")
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["标题", "发布日期", "正文"])
        w.writerow(["麓谷街道鳌山寺社区困难群众临时救助公示", "2026-11-20",
                    "经审核，同意给予临时救助。"])
    def count(query):
        st, h, b = srv.get("/api/v1/search?" + query)
        j = json.loads(b)
        return j["total"], {f["key"]: f["count"] for f in
                            j["facets"]["region"]}
    filtered = "q=" + q("困难群众") + "&region=430104&year=2026"
    before, before_facets = count(filtered)
    r = subprocess.run([BIN, "--db", db, "record", "import", path, "--item",
                        str(item["id"])], capture_output=True, text=True)
    check("import a record while serving", r.returncode == 0, r.stderr[-300:])
    st, h, b = srv.get("/api/v1/search?q=" + q("鳌山寺"))
    j = json.loads(b)
    check("a new record is found at once", j["total"] == 1, str(j["total"]))
    after, after_facets = count(filtered)
    check("a filtered search and its facets count it at once",
          after == before + 1 and sum(after_facets.values()) ==
          sum(before_facets.values()) + 1, f"{before} → {after}")
    if j["total"] == 1:
        rid = j["hits"][0]["id"]
        r = subprocess.run([BIN, "--db", db, "record", "withdraw", str(rid)],
                           capture_output=True, text=True)
        st, h, b = srv.get("/api/v1/search?q=" + q("鳌山寺"))
        check("a withdrawn record is not found", r.returncode == 0 and
              json.loads(b)["total"] == 0, r.stderr[-200:])
        check("a filtered search no longer counts it",
              count(filtered)[0] == before, str(count(filtered)[0]))
    # a rebuild while serving: the servers' copies are read anew
    common = "q=" + q("公开") + "&region=430104"
    total = count(common)[0]
    r = subprocess.run([BIN, "--db", db, "search", "reindex"],
                       capture_output=True, text=True)
    check("search reindex while serving", r.returncode == 0, r.stderr[-300:])
    check("the same answers after a rebuild", count(common)[0] == total,
          f"{total} → {count(common)[0]}")


if __name__ == "__main__":
    try:
        main()
    except Exception as e:
        import traceback
        traceback.print_exc()
        print(f"not ok test-search: {e!r}")
        http.failures += 1
    sys.exit(1 if http.failures else 0)
