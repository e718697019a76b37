#!/usr/bin/env python3
"""make-bad-xlsx.py: write the hostile .xlsx files of tests/data/bad/

    tools/make-bad-xlsx.py [OUTDIR] [--corpus DIR]

OUTDIR defaults to tests/data/bad (next to this script's parent).  With
--corpus, small seed files for the xlsx fuzz target go to DIR as well
(tests/fuzz/corpus/xlsx).  Python 3 standard library only; the output is
the same byte for byte on every run (fixed dates, no randomness).

The zips are written by hand (struct + zlib) rather than with zipfile, so
that zip-bomb.xlsx can do what real bombs do: declare a small uncompressed
size in its headers while its data inflates to 1.1 GB.  A reader that
trusts the headers is fooled; gongkai counts the bytes it inflates.
"""
import os
import struct
import sys
import zlib

NS_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
NS_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NS_PKG = "http://schemas.openxmlformats.org/package/2006/relationships"
NS_CT = "http://schemas.openxmlformats.org/package/2006/content-types"
DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'

DOS_TIME = 0                      # 00:00:00
DOS_DATE = (0 << 9) | (1 << 5) | 1  # 1980-01-01


def deflate(chunks):
    """Compress an iterable of byte strings; return (data, crc, size)."""
    co = zlib.compressobj(9, zlib.DEFLATED, -15)
    out = []
    crc = 0
    size = 0
    for c in chunks:
        crc = zlib.crc32(c, crc)
        size += len(c)
        out.append(co.compress(c))
    out.append(co.flush())
    return b"".join(out), crc & 0xFFFFFFFF, size


def make_zip(entries):
    """entries: (name, bytes or iterable of bytes[, declared size]).
    Returns the bytes of a zip archive, every entry deflated."""
    body = bytearray()
    central = bytearray()
    for e in entries:
        name, data = e[0], e[1]
        chunks = [data] if isinstance(data, bytes) else data
        comp, crc, size = deflate(chunks)
        declared = e[2] if len(e) > 2 else size
        bname = name.encode("utf-8")
        flags = 0x0800  # names are UTF-8
        offset = len(body)
        body += struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, flags, 8,
                            DOS_TIME, DOS_DATE, crc, len(comp), declared,
                            len(bname), 0)
        body += bname + comp
        central += struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20,
                               flags, 8, DOS_TIME, DOS_DATE, crc, len(comp),
                               declared, len(bname), 0, 0, 0, 0, 0, offset)
        central += bname
    eocd = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(entries),
                       len(entries), len(central), len(body), 0)
    return bytes(body + central + eocd)


def content_types():
    return (DECL + '<Types xmlns="%s">'
            '<Default Extension="rels" ContentType="application/'
            'vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            '</Types>' % NS_CT).encode()


def root_rels():
    return (DECL + '<Relationships xmlns="%s"><Relationship Id="rId1" '
            'Type="%s/officeDocument" Target="xl/workbook.xml"/>'
            '</Relationships>' % (NS_PKG, NS_REL)).encode()


def workbook(names):
    sheets = "".join('<sheet name="%s" sheetId="%d" r:id="rId%d"/>'
                     % (n, i + 1, i + 1) for i, n in enumerate(names))
    return (DECL + '<workbook xmlns="%s" xmlns:r="%s"><sheets>%s</sheets>'
            '</workbook>' % (NS_MAIN, NS_REL, sheets)).encode()


def workbook_rels(nsheets, shared=True):
    rels = "".join('<Relationship Id="rId%d" Type="%s/worksheet" '
                   'Target="worksheets/sheet%d.xml"/>' % (i + 1, NS_REL, i + 1)
                   for i in range(nsheets))
    if shared:
        rels += ('<Relationship Id="rId%d" Type="%s/sharedStrings" '
                 'Target="sharedStrings.xml"/>' % (nsheets + 1, NS_REL))
    return (DECL + '<Relationships xmlns="%s">%s</Relationships>'
            % (NS_PKG, rels)).encode()


def sheet(rows, merges=""):
    """rows: list of (rownum, [(ref, type, value)]) → worksheet XML."""
    out = [DECL, '<worksheet xmlns="%s" xmlns:r="%s"><dimension ref="A1"/>'
           '<sheetData>' % (NS_MAIN, NS_REL)]
    for num, cells in rows:
        out.append('<row r="%d">' % num)
        for ref, typ, val in cells:
            if typ == "inlineStr":
                out.append('<c r="%s" t="inlineStr"><is><t>%s</t></is></c>'
                           % (ref, val))
            elif typ:
                out.append('<c r="%s" t="%s"><v>%s</v></c>' % (ref, typ, val))
            else:
                out.append('<c r="%s"><v>%s</v></c>' % (ref, val))
        out.append('</row>')
    out.append('</sheetData>')
    if merges:
        out.append('<mergeCells>%s</mergeCells>' % "".join(
            '<mergeCell ref="%s"/>' % m for m in merges.split()))
    out.append('</worksheet>')
    return "".join(out).encode()


def shared(strings):
    """strings: list of bytes (already XML-escaped) → sharedStrings.xml."""
    head = (DECL + '<sst xmlns="%s" count="%d" uniqueCount="%d">'
            % (NS_MAIN, len(strings), len(strings))).encode()
    return head + b"".join(b"<si><t>" + s + b"</t></si>" for s in strings) \
        + b"</sst>"


def package(names, sheets, sst=None, extra=()):
    entries = [("[Content_Types].xml", content_types()),
               ("_rels/.rels", root_rels()),
               ("xl/workbook.xml", workbook(names)),
               ("xl/_rels/workbook.xml.rels",
                workbook_rels(len(names), sst is not None))]
    for i, s in enumerate(sheets):
        if s is not None:
            entries.append(("xl/worksheets/sheet%d.xml" % (i + 1), s))
    if sst is not None:
        entries.append(("xl/sharedStrings.xml", sst))
    entries.extend(extra)
    return make_zip(entries)


# ---- the files --------------------------------------------------------------

HEADER = [("A1", "s", 0), ("B1", "s", 1)]
STRINGS = ["事项".encode(), "说明".encode(), "政务公开".encode()]


def small_valid():
    """A normal workbook: shared strings, inline text, a merged header."""
    return package(["Sheet1"], [sheet(
        [(1, HEADER), (2, [("A2", "s", 2), ("B2", "inlineStr", "依申请")]),
         (3, [("A3", "", "1.5"), ("B3", "b", "1")])], "A4:B4")],
        shared(STRINGS))


def not_a_zip():
    # what people rename: a CSV saved as .xlsx
    return "事项,说明\r\n政务公开,主动公开\r\n".encode("utf-8")


def truncated():
    data = small_valid()
    return data[:len(data) * 6 // 10]


def xml_bomb():
    # billion laughs: 10^9 "lol"s if the entities were ever expanded
    ents = ['<!ENTITY lol "lol">']
    prev = "lol"
    for i in range(1, 10):
        ents.append('<!ENTITY lol%d "%s">' % (i, ("&%s;" % prev) * 10))
        prev = "lol%d" % i
    sst = (DECL + "<!DOCTYPE sst [\n" + "\n".join(ents) + "\n]>\n"
           '<sst xmlns="%s" count="1" uniqueCount="1"><si><t>&lol9;</t>'
           '</si></sst>' % NS_MAIN).encode()
    return package(["Sheet1"], [sheet([(1, [("A1", "s", 0)])])], sst)


def zip_bomb():
    # 1.1 GB of XML (spaces, with a comment every 4 KB so that no text node
    # grows past libxml2's own limits) declared as 1 MB; about 1.1 MB
    # compressed.  Blank space alone would do as well for the zip; the
    # comments keep a careless reader parsing happily until the cap.
    head = (DECL + '<worksheet xmlns="%s"><sheetData>' % NS_MAIN).encode()
    piece = b"\n" + b" " * 4089 + b"<!---->"          # 4097 bytes
    reps = 1100 * 1000 * 1000 // len(piece)
    block = piece * 256                               # ~1 MB per chunk

    def chunks():
        yield head
        n = reps
        while n >= 256:
            yield block
            n -= 256
        yield piece * n
        yield b"</sheetData></worksheet>"

    entries = [("[Content_Types].xml", content_types()),
               ("_rels/.rels", root_rels()),
               ("xl/workbook.xml", workbook(["Sheet1"])),
               ("xl/_rels/workbook.xml.rels", workbook_rels(1, False)),
               ("xl/worksheets/sheet1.xml", chunks(), 1 << 20)]
    return make_zip(entries)


def invalid_utf8():
    # GBK bytes of 乱码 inside UTF-8 XML, used by cell B2
    strings = STRINGS + ["公开".encode() + b"\xc2\xd2\xc2\xeb"]
    return package(["Sheet1"], [sheet(
        [(1, HEADER), (2, [("A2", "s", 2), ("B2", "s", 3)])])],
        shared(strings))


def no_workbook():
    entries = [("[Content_Types].xml", content_types()),
               ("_rels/.rels", root_rels()),
               ("docProps/app.xml", (DECL + "<Properties/>").encode()),
               ("xl/worksheets/sheet1.xml",
                sheet([(1, [("A1", "inlineStr", "孤儿")])]))]
    return make_zip(entries)


def missing_sheet():
    return package(["Sheet1", "数据"],
                   [sheet([(1, HEADER), (2, [("A2", "s", 2)])]), None],
                   shared(STRINGS))


BAD = {
    "not-a-zip.xlsx": not_a_zip,
    "truncated.xlsx": truncated,
    "xml-bomb.xlsx": xml_bomb,
    "zip-bomb.xlsx": zip_bomb,
    "invalid-utf8.xlsx": invalid_utf8,
    "no-workbook.xlsx": no_workbook,
    "missing-sheet.xlsx": missing_sheet,
}


def strict_valid():
    """Strict namespaces, no r attributes, a chartsheet to skip."""
    s_main = "http://purl.oclc.org/ooxml/spreadsheetml/main"
    s_rel = "http://purl.oclc.org/ooxml/officeDocument/relationships"
    wb = (DECL + '<workbook xmlns="%s" xmlns:r="%s"><sheets>'
          '<sheet name="图" sheetId="1" r:id="rId2"/>'
          '<sheet name="数据" sheetId="2" r:id="rId1"/></sheets></workbook>'
          % (s_main, s_rel)).encode()
    rels = (DECL + '<Relationships xmlns="%s">'
            '<Relationship Id="rId1" Type="%s/worksheet" '
            'Target="/xl/worksheets/sheet1.xml"/>'
            '<Relationship Id="rId2" Type="%s/chartsheet" '
            'Target="chartsheets/sheet1.xml"/></Relationships>'
            % (NS_PKG, s_rel, s_rel)).encode()
    ws = (DECL + '<worksheet xmlns="%s"><sheetData>'
          '<row><c t="inlineStr"><is><r><t>富</t></r><r><t>文本</t></r>'
          '<rPh><t>fu</t></rPh></is></c><c><v>1.0E-3</v></c></row><row/>'
          '<row><c t="e"><v>#N/A</v></c><c t="str"><v>a_x000D__x000A_b</v>'
          '</c></row></sheetData></worksheet>' % s_main).encode()
    return make_zip([("_rels/.rels", root_rels()), ("xl/workbook.xml", wb),
                     ("xl/_rels/workbook.xml.rels", rels),
                     ("xl/worksheets/sheet1.xml", ws)])


def xml_seed(rows, merges, strings):
    """Sheet XML then shared strings XML: what fuzz-xlsx.c zips itself."""
    return sheet(rows, merges) + shared(strings)


def seed_merged():
    return xml_seed([(1, HEADER + [("C1", "inlineStr", "方式")]),
                     (2, [("A2", "s", 2), ("B2", "b", "0")]),
                     (4, [("B4", "", "1.0E-3"), ("C4", "e", "#N/A")])],
                    "A1:B1 C1:C2 A2:A4", STRINGS)


def seed_plain():
    # no r attributes, escapes, rich text and phonetic runs
    ws = (DECL + '<worksheet xmlns="%s"><sheetData><row><c t="s"><v>0</v>'
          '</c><c t="str"><v>a_x000D__x000A_b</v></c><c/><c><v>7</v></c>'
          '</row><row/><row><c t="inlineStr"><is><r><t>富</t></r>'
          '<rPh><t>x</t></rPh></is></c></row></sheetData></worksheet>'
          % NS_MAIN).encode()
    sst = (DECL + '<sst xmlns="%s"><si><r><t>政务</t></r><r><t xml:space='
           '"preserve"> _x4e2d_</t></r><rPh><t>ZW</t></rPh></si><si/>'
           '</sst>' % NS_MAIN).encode()
    return ws + sst


def seed_hostile():
    # a broken reference, a missing shared string, rows out of order, a
    # byte that is not UTF-8 in a cell and in a shared string
    ws = sheet([(3, [("ZZZZZZ3", "", "1"), ("B3", "s", 9)]),
                (2, [("A2", "inlineStr", "乱@BAD@")])], "A1:XFD1048576")
    return ws.replace(b"@BAD@", b"\xff") + shared([b"\xc2\xd2"])


CORPUS = {
    "sheet-merged.xml": seed_merged,
    "sheet-plain.xml": seed_plain,
    "sheet-hostile.xml": seed_hostile,
    "valid.xlsx": small_valid,
    "strict.xlsx": strict_valid,
    "not-a-zip.xlsx": not_a_zip,
    "truncated.xlsx": truncated,
    "xml-bomb.xlsx": xml_bomb,
    "invalid-utf8.xlsx": invalid_utf8,
    "no-workbook.xlsx": no_workbook,
    "missing-sheet.xlsx": missing_sheet,
}


def write_all(table, outdir):
    os.makedirs(outdir, exist_ok=True)
    for name, make in table.items():
        data = make()
        with open(os.path.join(outdir, name), "wb") as f:
            f.write(data)
        print("%-22s %9d bytes" % (os.path.join(outdir, name), len(data)))


def main(argv):
    top = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    outdir = os.path.join(top, "tests", "data", "bad")
    corpus = None
    args = list(argv[1:])
    while args:
        a = args.pop(0)
        if a == "--corpus" and args:
            corpus = args.pop(0)
        elif a.startswith("-"):
            sys.stderr.write(__doc__)
            return 2
        else:
            outdir = a
    write_all(BAD, outdir)
    if corpus:
        write_all(CORPUS, corpus)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
