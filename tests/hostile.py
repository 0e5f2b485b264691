"""A corpus of hostile and broken inputs, built on demand, with a few good documents beside them."""

from __future__ import annotations

import codecs
import gzip
import json
import os
import zlib
from pathlib import Path

from tests.documents import (
    article_page,
    blank_pdf_bytes,
    docx_bytes,
    encrypted_docx_bytes,
    eml_bytes,
    mhtml_bytes,
    msg_bytes,
    newsml_bytes,
    nitf_bytes,
    odt_bytes,
    pdf_bytes,
    rtf_bytes,
    warc_bytes,
    webarchive_bytes,
    word_file,
)

GOOD_EN = (
    "The city council approved the new budget on Tuesday after a long debate. "
    "Spending on public transport will rise by five percent next year. "
    "Opposition members said the plan does not do enough for the suburbs. "
)
GOOD_DE = (
    "Der Stadtrat hat am Dienstag nach langer Debatte den neuen Haushalt beschlossen. "
    "Die Ausgaben für den Nahverkehr steigen im nächsten Jahr um fünf Prozent. "
    "Die Opposition kritisierte, der Plan tue zu wenig für die Vororte. "
)
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + bytes(range(256))
ZIP = b"PK\x03\x04" + zlib.compress(GOOD_EN.encode()) + b"\x00" * 64
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n" + b"\x00\xff" * 100


def build_hostile(root: Path, *, big: bool = True) -> dict[str, str]:
    """Write the corpus; return {file name: 'good' | 'any'} ('good' must be indexed, 'any' may be rejected)."""
    root.mkdir(parents=True, exist_ok=True)
    files: dict[str, bytes] = {
        "good_en.txt": (GOOD_EN * 3).encode(),
        "good_de.txt": (GOOD_DE * 3).encode(),
        "good_page.html": f"<html><head><title>Budget</title></head><body><article><p>{GOOD_EN * 2}</p></article></body></html>".encode(),
        "empty.txt": b"",
        "whitespace.txt": b"   \n\t\n   \r\n",
        "image.png": PNG,
        "image_named_as_text.txt": PNG,
        "archive.zip": ZIP,
        "archive_named.txt": ZIP,
        "paper.pdf": PDF,
        "paper_named.txt": PDF,
        "invalid_utf8.txt": GOOD_EN.encode() + b"\xff\xfe\xc3\x28\xa0\xa1" + GOOD_EN.encode(),
        "utf16_bom.txt": codecs.BOM_UTF16_LE + (GOOD_DE * 2).encode("utf-16-le"),
        "utf16_nobom.txt": (GOOD_EN * 2).encode("utf-16-le"),
        "cp1252.txt": (GOOD_DE * 2 + " Preis: 5 € – „Zitat“").encode("cp1252"),
        "scripts_only.html": b"<html><head><style>body{color:red}</style><script>var a = 1; alert('x');</script></head>"
        b"<body><script>document.write('hello world, this is not content at all')</script></body></html>",
        "deeply_nested.html": ("<html><body>" + "<div>" * 5000 + f"<p>{GOOD_EN}</p>" + "</div>" * 5000 + "</body></html>").encode(),
        "lying_charset.html": f'<html><head><meta charset="iso-8859-1"><title>Ärger</title></head><body><p>{GOOD_DE * 2}</p></body></html>'.encode(),
        "control_chars.txt": (GOOD_EN + "\x01\x02\x1b[31m\x07" + GOOD_EN + "\x0c\x0b\x7f" + GOOD_EN).encode(),
        "nul_in_text.txt": (GOOD_EN + "\x00\x00" + GOOD_EN).encode(),
        "nul_bytes.txt": b"\x00" * 4000,
        "one_word.txt": b"Budget",
        "odd name ä €;$(echo x)&'\"#%.txt": (GOOD_EN * 2).encode(),
        "-starts-with-dash.txt": (GOOD_DE * 2).encode(),
        "newline\nin name.txt": (GOOD_EN * 2).encode(),
        # other formats: readable ones, and ones that cannot be read
        "good_report.pdf": pdf_bytes([GOOD_EN, GOOD_EN, GOOD_EN], title="Budget"),
        "good_memo.docx": docx_bytes(["# Budget", GOOD_DE, GOOD_DE]),
        "good_letter.eml": eml_bytes(plain=GOOD_EN * 2),
        "good_outlook.msg": msg_bytes(subject="Budget", body=GOOD_EN * 2, sender="City desk"),
        "good_saved.mhtml": mhtml_bytes(f"<html><body><article><p>{GOOD_DE}</p><p>{GOOD_DE}</p></article></body></html>"),
        "truncated.mhtml": mhtml_bytes(f"<html><body><p>{GOOD_DE}</p></body></html>")[:300],
        "good_safari.webarchive": webarchive_bytes(f"<html><body><article><p>{GOOD_EN}</p><p>{GOOD_EN}</p></article></body></html>"),
        "truncated.webarchive": webarchive_bytes(f"<html><body><p>{GOOD_EN}</p></body></html>")[:200],
        "good_wire.xml": newsml_bytes([GOOD_DE, GOOD_DE]),
        "good_archive.nitf": nitf_bytes([GOOD_EN, GOOD_EN]),
        "truncated_wire.xml": newsml_bytes([GOOD_DE, GOOD_DE])[:900],
        "good_scraped.json": json.dumps({"title": "Budget", "maintext": GOOD_EN * 2, "url": "https://example.com/b"}).encode(),
        "records.json": json.dumps([{"maintext": GOOD_EN}, {"maintext": GOOD_DE}]).encode(),
        "strings.json": json.dumps(["Budget", "Haushalt"]).encode(),
        "export.jsonl": "\n".join([
            json.dumps({"id": "b1", "title": "Budget", "text": GOOD_EN * 2}), "{not json", "", json.dumps([1, 2]),
            json.dumps({"id": "b2", "maintext": GOOD_DE * 2}), json.dumps({"id": "b1", "title": "Budget, updated", "text": GOOD_EN * 3}),
        ]).encode(),
        "crawl.warc.gz": warc_bytes([
            ("https://www.example.org/budget", article_page("Budget", [GOOD_EN, GOOD_EN])),
            ("https://www.example.org/logo.png", PNG, "image/png"),
            ("https://www.example.org/alt", article_page("Ärger", [GOOD_DE, GOOD_DE], charset="cp1252"), "text/html; charset=cp1252"),
        ]),
        "truncated.warc.gz": warc_bytes([("https://www.example.org/budget", article_page("Budget", [GOOD_EN] * 3))])[:-60],
        "one_stream.warc.gz": gzip.compress(warc_bytes([(f"https://www.example.org/{n}", article_page("Budget", [GOOD_EN])) for n in range(2)], gzip=False)),
        "notes.warc": (GOOD_EN * 2).encode(),
        "articles.csv": ("id,title,content\r\n" f'a1,Budget,"{GOOD_EN}\n{GOOD_EN}"\r\n' "a2,Empty,\r\n" f"a3,Haushalt,{GOOD_DE.replace(',', ' ')}\r\n").encode("cp1252"),
        "table.csv": b"year,count\n2016,3\n2017,4\n",
        "good_notes.odt": odt_bytes([GOOD_DE, GOOD_DE], title="Haushalt"),
        "good_wire.rtf": rtf_bytes([GOOD_DE, GOOD_DE], title="Haushalt"),
        "truncated.odt": odt_bytes([GOOD_DE] * 40)[:700],
        "good_seed.doc": word_file("seed-003_2ea6db9797bc8efc.doc"),
        "truncated.doc": word_file("seed-003_2ea6db9797bc8efc.doc")[:5000],
        "locked_memo.docx": encrypted_docx_bytes([GOOD_DE]),
        "good_page.html.gz": gzip.compress(f"<html><body><article><p>{GOOD_DE * 2}</p></article></body></html>".encode()),
        "locked.pdf": pdf_bytes([GOOD_EN], user_password="secret"),
        "scanned.pdf": blank_pdf_bytes(),
        "truncated.pdf": pdf_bytes([GOOD_EN] * 3)[:900],
        "bomb.txt.gz": gzip.compress(bytes(21_000_000)),
        "good_post.md": f"---\ntitle: Budget approved\nauthor: City desk\ndate: 2024-11-02\n---\n# Budget approved\n\n{GOOD_EN * 2}".encode(),
        "feed_news.rss": (
            '<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "aaaaaaaaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>'
            '<rss version="2.0"><channel><title>City News</title>'
            f"<item><guid>b1</guid><title>Budget</title><description>&lt;p&gt;{GOOD_EN}&lt;/p&gt;&lt;p&gt;{GOOD_EN}&lt;/p&gt;</description></item>"
            "<item><guid>b2</guid><title>Nothing</title></item>"
            "<item><guid>b3</guid><title>Entities</title><description>&b;&b;&b;</description></item>"
            "</channel></rss>"
        ).encode(),
        "mail.mbox": (
            f"From desk@example.com Tue Oct 29 08:00:00 2024\nFrom: City desk <desk@example.com>\nSubject: Budget\nMessage-ID: <m1@example.com>\n\n{GOOD_EN}\n\n"
            "From desk@example.com Tue Oct 29 09:00:00 2024\nFrom: City desk <desk@example.com>\nSubject: Binary\nMessage-ID: <m2@example.com>\n"
            "Content-Type: image/png\nContent-Transfer-Encoding: base64\n\niVBORw0KGgo=\n\n"
            "From desk@example.com Tue Oct 29 10:00:00 2024\nFrom: broken header line without end"
        ).encode(),
        # front matter YAML cannot build (no such day), or nested deeper than its parser recurses
        "post_bad_date.md": f"---\ntitle: Budget approved\ndate: 2024-02-30\n---\n{GOOD_EN * 2}".encode(),
        "post_nested.md": ("---\ntitle: Budget\nx: " + "[" * 100_000 + "]" * 100_000 + f"\n---\n{GOOD_EN * 2}").encode(),
        # a mailbox exported with a byte order mark and a blank line before its first message
        "bom_mail.mbox": (
            "\ufeff\r\nFrom desk@example.com Tue Oct 29 08:00:00 2024\r\nFrom: City desk <desk@example.com>\r\nSubject: Budget\r\n"
            f"Message-ID: <bom1@example.com>\r\n\r\n{GOOD_EN}\r\n\r\n"
        ).encode(),
        "truncated_feed.rss": f'<rss version="2.0"><channel><item><guid>t1</guid><description>{GOOD_EN}</description>'.encode(),
    }
    if big:
        files["huge_50mb.txt"] = (GOOD_EN + "\n") * (50_000_000 // (len(GOOD_EN) + 1) + 1)
        files["huge_50mb.txt"] = files["huge_50mb.txt"].encode()  # type: ignore[union-attr]
        files["single_5mb_line.txt"] = ("word " * 1_000_000).encode()
    for name, data in files.items():
        (root / name).write_bytes(data)
    (root / "sub").mkdir(exist_ok=True)
    (root / "sub" / "good_nested.txt").write_bytes((GOOD_EN * 2).encode())
    if not (root / "sub" / "loop").exists():
        os.symlink(root, root / "sub" / "loop")  # a folder symlink pointing at its ancestor
        os.symlink(root / "link_b", root / "link_a")  # a file symlink loop
        os.symlink(root / "link_a", root / "link_b")
        os.symlink(root / "does-not-exist", root / "dangling.txt")
    expect = {n: ("good" if n.startswith(("good", "odd", "-starts", "newline", "utf16", "cp1252", "lying", "control", "invalid")) else "any") for n in files}
    expect["sub/good_nested.txt"] = "good"
    return expect
