#!/usr/bin/env python3
"""test-notice-pdf.py: a record printed as an A4 notice renders to PDF
through Debian's chromium and adds its ledger entry (issue 7's acceptance
item), against a real demo database and `gongkai serve` on a loopback port.

望月湖街道's 信息员 signs in, opens 打印并登记 for one of the street's
published records, posts it with the CSRF token (place and dates), and
follows the redirect: the A4 notice.  That URL is printed with
`chromium --headless --no-sandbox --print-to-pdf` (a fresh profile, no
header or footer).  The PDF is checked from its own bytes — pdftotext is
not installed and nothing new is: the file starts with %PDF- and ends with
%%EOF; its page tree counts one page or more; the first page's MediaBox is
A4 (595 × 842 points, the stylesheet's @page); and the text, recovered by
inflating the content streams (zlib) and mapping glyphs through the fonts'
ToUnicode CMaps, holds the 索引号, the title, the posting period and the
short address, but not the screen-only help that @media print hides.  The
ledger entry exists afterwards with the record, the place and the dates,
and appears in the ledger's CSV.  Prints "ok NAME" / "not ok NAME: why".
"""
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import zlib

sys.path.insert(0, os.path.dirname(__file__))
from importlib import import_module  # noqa: E402

cat = import_module("test-catalog-admin")  # Server and Client
sv = import_module("test-supervision")     # login, check helpers
Server, Client = cat.Server, cat.Client
BIN = cat.BIN
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
failures = 0


def check(name, cond, why=""):
    global failures
    if cond:
        print(f"ok {name}")
    else:
        failures += 1
        print(f"not ok {name}: {str(why)[:600]}")
    return cond


# --- reading a PDF with the standard library ----------------------------------

def pdf_objects(data):
    """Object number → (dictionary bytes, decoded stream bytes or None)."""
    objs = {}
    for m in re.finditer(rb"(\d+) 0 obj(.*?)endobj", data, re.S):
        num, body = int(m.group(1)), m.group(2)
        sm = re.search(rb"stream\r?\n", body)
        if not sm:
            objs[num] = (body, None)
            continue
        head = body[:sm.start()]
        raw = body[sm.end():body.rfind(b"endstream")]
        if b"/FlateDecode" in head:
            try:
                raw = zlib.decompressobj().decompress(raw)
            except zlib.error:
                raw = b""
        objs[num] = (head, raw)
    return objs


def utf16(hexs):
    return bytes.fromhex(hexs.decode()).decode("utf-16-be", "replace")


def cmap(raw):
    """A ToUnicode CMap: code → text (bfchar and bfrange)."""
    out = {}
    for blk in re.findall(rb"beginbfchar(.*?)endbfchar", raw, re.S):
        for s, d in re.findall(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", blk):
            out[int(s, 16)] = utf16(d)
    for blk in re.findall(rb"beginbfrange(.*?)endbfrange", raw, re.S):
        for lo, hi, rest in re.findall(
                rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*"
                rb"(\[[^\]]*\]|<[0-9A-Fa-f]+>)", blk):
            lo, hi = int(lo, 16), int(hi, 16)
            if rest.startswith(b"["):
                for i, d in enumerate(re.findall(rb"<([0-9A-Fa-f]+)>", rest)):
                    out[lo + i] = utf16(d)
            else:
                base = utf16(rest[1:-1])
                for i in range(hi - lo + 1):
                    out[lo + i] = base[:-1] + chr(ord(base[-1]) + i)
    return out


def pdf_text(data):
    """The text shown by every content stream, fonts mapped through their
    ToUnicode CMaps (2-byte codes for Type0 fonts, 1-byte for others)."""
    objs = pdf_objects(data)
    fonts = {}
    for num, (head, raw) in objs.items():
        m = re.search(rb"/ToUnicode (\d+) 0 R", head)
        if m and b"/Font" in head:
            fonts[num] = (cmap(objs.get(int(m.group(1)), (b"", b""))[1] or b""),
                          2 if b"/Type0" in head else 1)
    names = {}
    for num, (head, raw) in objs.items():
        for fm in re.finditer(rb"/Font\s*<<(.*?)>>", head, re.S):
            for n, r in re.findall(rb"/([\w.+-]+) (\d+) 0 R", fm.group(1)):
                if int(r) in fonts:
                    names[n] = fonts[int(r)]
    out = []

    def show(h, font):
        cm, width = font
        h, k = h.decode(), 2 * width
        out.append("".join(cm.get(int(h[i:i + k], 16), "\ufffd")
                           for i in range(0, len(h) - k + 1, k)))

    for num, (head, raw) in objs.items():
        if not raw or (b"Tj" not in raw and b"TJ" not in raw):
            continue
        cur = ({}, 2)
        for tok in re.finditer(rb"/([\w.+-]+)\s+[\d.]+\s+Tf|\[((?:[^\]\\]|"
                               rb"\\.)*)\]\s*TJ|<([0-9A-Fa-f]*)>\s*Tj|(ET)",
                               raw):
            if tok.group(1):
                cur = names.get(tok.group(1), ({}, 2))
            elif tok.group(2) is not None:
                for h in re.findall(rb"<([0-9A-Fa-f]*)>", tok.group(2)):
                    show(h, cur)
            elif tok.group(3) is not None:
                show(tok.group(3), cur)
            else:
                out.append("\n")
    return "".join(out)


def pdf_pages(data):
    """The page count of the page tree's root, and the first MediaBox."""
    counts = [int(c) for c in re.findall(rb"/Type /Pages\s*/Count (\d+)", data)]
    box = re.search(rb"/MediaBox \[([\d.\s-]+)\]", data)
    return (max(counts) if counts else 0,
            [float(x) for x in box.group(1).split()] if box else [])


# --- the test -------------------------------------------------------------------

def main():
    tmp = tempfile.mkdtemp(prefix="gk-pdf-")
    db = os.path.join(tmp, "demo.db")
    r = subprocess.run([BIN, "--db", db, "demo"], capture_output=True,
                       text=True)
    if not check("demo database", r.returncode == 0, r.stderr[-500:]):
        sys.exit(1)
    if not check("chromium is installed (scripts/install-deps)",
                 os.access(CHROMIUM, os.X_OK), CHROMIUM):
        sys.exit(1)
    con = sqlite3.connect(db)
    unit = con.execute("SELECT id FROM units WHERE name = '望月湖街道办事处'"
                       ).fetchone()[0]
    rid, index_no, title = con.execute(
        "SELECT id, index_no, title FROM records WHERE unit_id = ? AND "
        "status = 'published' AND disclosure = 'active' AND deleted_at IS "
        "NULL ORDER BY id DESC LIMIT 1", (unit,)).fetchone()
    con.close()
    srv = Server(db, tmp)
    try:
        wyh = sv.login(srv, "wyh_editor")
        st, h, t = wyh.page(f"/admin/print?record={rid}")
        check("打印并登记 form", st == 200 and 'name="csrf"' in t, st)
        st, h, t = wyh.form("/admin/print", [
            ("record", str(rid)), ("place", "望月湖街道便民服务中心公示栏"),
            ("posted_from", "2026-11-20"), ("posted_to", "2026-11-27"),
            ("posted_by", "望月湖街道信息员"), ("note", "PDF 测试")])
        loc = h.get("location", "")
        check("打印并登记 (POST with CSRF) redirects to the A4 notice",
              st == 303 and loc.startswith(f"/record/{rid}/print?"),
              f"{st} {loc}")
        con = sqlite3.connect(db)
        row = con.execute("SELECT unit_id, record_id, printed, place, "
                          "posted_from, posted_to, posted_by FROM "
                          "board_ledger WHERE note = 'PDF 测试'").fetchall()
        audit = con.execute("SELECT COUNT(*) FROM audit_log WHERE action = "
                            "'ledger.print' AND object_id = (SELECT id FROM "
                            "board_ledger WHERE note = 'PDF 测试')").fetchone()
        con.close()
        check("the ledger entry exists afterwards, with its audit entry",
              row == [(unit, rid, 1, "望月湖街道便民服务中心公示栏",
                       "2026-11-20", "2026-11-27", "望月湖街道信息员")] and
              audit == (1,), f"{row} {audit}")
        st, h, b = wyh.request("GET", f"/admin/ledger/export.csv?unit={unit}"
                               "&from=2026-11-20&to=2026-11-27")
        check("the entry is in the ledger's CSV with the 索引号",
              st == 200 and index_no in b.decode("utf-8", "replace") and
              "PDF 测试" in b.decode("utf-8", "replace"), st)

        pdf = os.path.join(tmp, "notice.pdf")
        url = f"http://127.0.0.1:{srv.port}{loc}"
        cmd = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu",
               "--disable-quic", "--no-first-run",
               "--disable-background-networking",
               "--disable-component-update", "--disable-sync",
               "--disable-dev-shm-usage",
               f"--user-data-dir={os.path.join(tmp, 'profile')}",
               "--no-pdf-header-footer", "--print-to-pdf-no-header",
               f"--print-to-pdf={pdf}", url]
        try:
            p = subprocess.run(cmd, capture_output=True, text=True,
                               timeout=120)
            why = p.stderr[-800:]
        except subprocess.TimeoutExpired:
            why = "chromium did not finish in 120 s"
        data = open(pdf, "rb").read() if os.path.exists(pdf) else b""
        check("chromium --headless --print-to-pdf wrote a file", data, why)
        check("it is a PDF (%PDF- … %%EOF)", data.startswith(b"%PDF-") and
              data.rstrip().endswith(b"%%EOF"), data[:20])
        pages, box = pdf_pages(data)
        check("one page or more", pages >= 1, pages)
        check("the page is A4 (595 × 842 pt)", len(box) == 4 and
              abs(box[2] - box[0] - 595.3) < 2 and
              abs(box[3] - box[1] - 841.9) < 2, box)
        text = pdf_text(data)
        flat = re.sub(r"\s+", "", text)
        check("the PDF's text holds the 索引号", index_no in flat,
              text[:600])
        check("… and the title, the period and the way back online",
              re.sub(r"\s+", "", title)[:12] in flat and
              "公示期：2026年11月20日至2026年11月27日" in flat and
              f"/record/{rid}" in flat and "短网址" in flat, text[:800])
        check("the screen-only help is not printed (@media print)",
              "这是供打印张贴的" not in flat and flat, text[:300])
    except Exception:
        import traceback
        check("test ran to the end", False, traceback.format_exc()[-1500:])
    finally:
        rc, err = srv.stop()
        check("server stops cleanly on SIGTERM", rc == 0, f"exit {rc}")
        check("no sanitizer report from the server",
              "AddressSanitizer" not in err and "runtime error:" not in err and
              "LeakSanitizer" not in err, err[-3000:])
    shutil.rmtree(tmp, ignore_errors=True)
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
