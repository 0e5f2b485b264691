import codecs
import gzip
import re
from datetime import date
from pathlib import Path

import pytest

from flows.errors import ConfigError
from flows.models import Reason, Rejection, SourceDocument
from flows.steps.load import decode, discover, load_document, missing_inputs

GERMAN = "Größere Übungen für Straßenbahnen in München: Bürger äußern Kritik an den Plänen."


def _load(path: Path) -> SourceDocument | Rejection:
    [ref] = discover([path])
    return load_document(ref, max_bytes=1_000_000)


def test_discover_walks_folders_recursively_and_skips_hidden_and_sidecars(tmp_path: Path) -> None:
    root = tmp_path / "corpus"
    (root / "sub").mkdir(parents=True)
    (root / "a.txt").write_text("a")
    (root / "sub" / "b.html").write_text("b")
    (root / ".hidden.txt").write_text("h")
    (root / "a.txt.meta.json").write_text("{}")
    (root / "manifest.jsonl").write_text("")
    refs = discover([root])
    assert [r.source_path for r in refs] == ["corpus/a.txt", "corpus/sub/b.html"]


def test_doc_id_depends_on_path_relative_to_the_input_root(tmp_path: Path) -> None:
    root = tmp_path / "seeds"
    root.mkdir()
    (root / "x.txt").write_text("x")
    by_folder = discover([root])[0]
    by_file = discover([root / "x.txt"])[0]
    by_glob = discover([str(root / "*.txt")])[0]
    assert by_folder.source_path == by_file.source_path == by_glob.source_path == "seeds/x.txt"
    assert by_folder.doc_id == by_file.doc_id == by_glob.doc_id


def test_discover_deduplicates_overlapping_inputs(tmp_path: Path) -> None:
    (tmp_path / "d").mkdir()
    (tmp_path / "d" / "x.txt").write_text("x")
    assert len(discover([tmp_path / "d", tmp_path / "d" / "x.txt"])) == 1


def test_missing_input_is_a_configuration_error_naming_it(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="nope"):
        discover([tmp_path / "nope"])
    assert missing_inputs([tmp_path / "nope", tmp_path]) == [str(tmp_path / "nope")]


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (GERMAN.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + GERMAN.encode("utf-8"), "utf-8-sig"),
        (GERMAN.encode("utf-16"), "utf-16"),
    ],
)
def test_decode_unicode_encodings(data: bytes, encoding: str) -> None:
    assert decode(data) == (GERMAN, encoding)


def test_decode_legacy_8bit_text() -> None:
    text = (GERMAN + " Preis: 5 € – „Zitat“. ") * 5
    decoded = decode(text.encode("cp1252"))
    assert decoded is not None
    assert decoded[0] == text


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        # charset-normalizer ties cp1250 (and others) with cp1252 here; cp1250 would read "Crčme", "trčs"
        (GERMAN + " Das Café serviert Crème brûlée à la carte.", "cp1252"),
        ("Señor, crème, très, naïve. The quick brown fox jumps over the lazy dog near the river bank.", "cp1252"),
        # its first choice is mac_iceland ("Hyv‰‰ p‰iv‰‰")
        ("Hyvää päivää, sanoi mies. Lapset juoksivat niityn yli joelle, jossa isoisä odotti heitä.", "cp1252"),
        # and Central European text stays cp1250 ("első", "ők", "előtt" are stop words there, not "elsõ")
        ("A kormány szerint a döntés még az év első felében megszülethet, de több kérdés is nyitott. Az ellenzék "
         "szerint ők nem kaptak elég időt, és a javaslat előtt nem volt társadalmi egyeztetés.", "cp1250"),
        ("Příliš žluťoučký kůň úpěl ďábelské ódy. Všechny děti běžely přes louku k řece, kde čekal dědeček.", "cp1250"),
    ],
)
def test_decode_picks_the_8bit_encoding_whose_text_reads_as_a_language(text: str, encoding: str) -> None:
    decoded = decode(text.encode(encoding))
    assert decoded is not None and decoded[0] == text


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("empty.txt", b"", Reason.EMPTY),
        ("blank.txt", b" \n\t\n", Reason.EMPTY),
        ("img.txt", b"\x89PNG\r\n\x1a\n" + bytes(range(256)), Reason.BINARY),
        ("doc.pdf", b"%PDF-1.7\n" + bytes(200), Reason.UNREADABLE),
        ("sheet.xlsx", b"PK\x03\x04" + bytes(200), Reason.BINARY),  # a ZIP archive that is not a Word document
        ("letter.rtf", b"{\\rtf1\\ansi{\\fonttbl{\\f0 Arial;}}\\par}", Reason.EMPTY),
        ("old.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600), Reason.UNREADABLE),  # a damaged Office 97 file
        ("page.html.gz", b"\x1f\x8b\x08\x00" + bytes(50), Reason.UNREADABLE),
        ("nul.txt", b"abc\x00\x01\x02def" * 50, Reason.BINARY),
        ("sheet.xyz", b"plain words in an unknown kind of file", Reason.UNSUPPORTED_TYPE),
        ("notes.msg", b"plain words named as an Outlook message", Reason.UNSUPPORTED_TYPE),
    ],
)
def test_bad_files_become_rejections_with_reasons(tmp_path: Path, name: str, data: bytes, reason: Reason) -> None:
    (tmp_path / name).write_bytes(data)
    result = _load(tmp_path / name)
    assert isinstance(result, Rejection)
    assert result.reason == reason
    assert result.path.endswith(name)
    assert result.detail


def test_an_unsupported_file_is_told_every_kind_of_file_that_is_read(tmp_path: Path) -> None:
    """The list a rejection gives names every suffix docindex reads, those of files holding many articles too."""
    from flows.steps import containers

    (tmp_path / "sheet.xyz").write_bytes(b"plain words in an unknown kind of file")
    result = _load(tmp_path / "sheet.xyz")
    assert isinstance(result, Rejection)
    listed = set(re.findall(r"\.[a-z0-9.]+[a-z0-9]", result.detail))
    read = {*containers.LINES_SUFFIXES, *containers.TABLE_SUFFIXES, *containers.FEED_SUFFIXES, *containers.MBOX_SUFFIXES}
    read |= {*containers.WARC_SUFFIXES, *containers.TAR_SUFFIXES, ".zip", ".xml", ".gz", ".zst"}
    assert read - listed == set()


def test_text_named_as_a_format_told_by_content_is_named_so(tmp_path: Path) -> None:
    for name in ("notes.msg", "notes.DOC"):
        (tmp_path / name).write_bytes(b"plain words, not the format the name says")
        result = _load(tmp_path / name)
        assert isinstance(result, Rejection) and "holds text, not that format" in result.detail, result


def test_too_large_file_is_rejected_before_reading(tmp_path: Path) -> None:
    (tmp_path / "big.txt").write_text("x" * 5000)
    [ref] = discover([tmp_path / "big.txt"])
    result = load_document(ref, max_bytes=1000)
    assert isinstance(result, Rejection) and result.reason == Reason.TOO_LARGE
    assert "5000 bytes" in result.detail


def test_vanished_file_is_a_rejection(tmp_path: Path) -> None:
    f = tmp_path / "gone.txt"
    f.write_text("soon gone")
    [ref] = discover([f])
    f.unlink()
    result = load_document(ref, max_bytes=1000)
    assert isinstance(result, Rejection) and result.reason == Reason.NOT_FOUND


def test_formats_by_suffix_and_sniffing(tmp_path: Path) -> None:
    (tmp_path / "a.htm").write_text("<p>hi there</p>")
    (tmp_path / "README").write_text("plain text without suffix")
    (tmp_path / "page.dat").write_text("<!DOCTYPE html><html><body>x</body></html>")
    results = {Path(r.source_path).name: load_document(r, max_bytes=10_000) for r in discover([tmp_path])}
    assert results["a.htm"].format == "html"
    assert results["README"].format == "text"
    assert results["page.dat"].format == "html"


def test_front_matter_of_a_text_or_markdown_file_gives_its_properties_and_is_no_part_of_its_text(tmp_path: Path) -> None:
    front = '---\ntitle: "Floods hit Valencia"\nauthor: Maria Lopez\ndate: 2024-11-02\ntags: [Spain, floods]\n---\n'
    (tmp_path / "post.md").write_text(front + "# Floods hit Valencia\n\nHeavy rain caused floods.\n")
    (tmp_path / "page.txt.gz").write_bytes(gzip.compress((front + "Heavy rain caused floods.\n").encode()))
    (tmp_path / "page.html").write_text("---\ntitle: x\n---\n<p>HTML is read as HTML</p>")
    results = {Path(r.source_path).name: load_document(r, max_bytes=10_000) for r in discover([tmp_path])}
    for name in ("post.md", "page.txt.gz"):
        doc = results[name]
        assert isinstance(doc, SourceDocument) and doc.format == "text"
        assert doc.properties.title == "Floods hit Valencia" and doc.properties.author == "Maria Lopez"
        assert doc.properties.published == date(2024, 11, 2) and doc.properties.tags == ("Spain", "floods")
        assert "---" not in doc.text and "Heavy rain caused floods." in doc.text
    page = results["page.html"]
    assert isinstance(page, SourceDocument) and page.properties.title is None and page.text.startswith("---")


def test_file_that_becomes_unreadable_is_a_rejection(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Permissions cannot deny root, so the failure is injected where the file is read."""
    f = tmp_path / "locked.txt"
    f.write_text("readable when discovered")
    [ref] = discover([f])

    def denied(self: Path) -> bytes:
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "read_bytes", denied)
    result = load_document(ref, max_bytes=1000)
    assert isinstance(result, Rejection)
    assert (result.reason, result.path) == (Reason.UNREADABLE, ref.source_path)
    assert result.detail == "cannot read the file: Permission denied"


def test_directory_in_place_of_a_file_is_a_rejection(tmp_path: Path) -> None:
    f = tmp_path / "swapped.txt"
    f.write_text("a file when discovered")
    [ref] = discover([f])
    f.unlink()
    f.mkdir()
    result = load_document(ref, max_bytes=1000)
    assert isinstance(result, Rejection) and result.reason == Reason.UNREADABLE


def test_named_pipe_is_rejected_without_blocking(tmp_path: Path) -> None:
    import os

    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    [ref] = discover([tmp_path])
    result = load_document(ref, max_bytes=1000)  # reading a FIFO with no writer would block forever
    assert isinstance(result, Rejection) and result.reason == Reason.UNREADABLE
    assert "not a regular file" in result.detail


def test_input_roots_match_the_first_part_of_source_paths(tmp_path: Path) -> None:
    from flows.steps.load import input_root, root_label

    (tmp_path / "news" / "sub").mkdir(parents=True)
    (tmp_path / "news" / "sub" / "a.txt").write_text("a")
    [ref] = discover([tmp_path / "news"])
    root = input_root(str(tmp_path / "news"))
    assert root is not None and ref.source_path.startswith(root_label(root) + "/")
    assert input_root(str(tmp_path / "news" / "**" / "*.txt")) == (tmp_path / "news").resolve()
    assert input_root(str(tmp_path / "news" / "sub" / "a.txt")) is None  # a single file has no folder to prune


def test_pdf_word_opendocument_rtf_and_email_files_are_read_by_their_content(tmp_path: Path) -> None:
    from tests.documents import docx_bytes, eml_bytes, odt_bytes, pdf_bytes, rtf_bytes

    para = "Der Stadtrat hat am Dienstag nach langer Debatte den neuen Haushalt beschlossen."
    files = {
        "report.pdf": ("pdf", pdf_bytes([para], title="Haushalt")),
        "report_named.txt": ("pdf", pdf_bytes([para], title="Haushalt")),  # the content decides, not the name
        "memo.docx": ("docx", docx_bytes([para], title="Haushalt")),
        "memo.odt": ("odt", odt_bytes([para], title="Haushalt")),
        "memo_named.zip": ("odt", odt_bytes([para], title="Haushalt")),
        "memo.rtf": ("rtf", rtf_bytes([para], title="Haushalt")),
        "memo_rtf.txt": ("rtf", b"\xef\xbb\xbf\r\n" + rtf_bytes([para], title="Haushalt")),
        "letter.eml": ("email", eml_bytes(plain=para, subject="Haushalt")),
        "letter_without_suffix": ("email", eml_bytes(plain=para, subject="Haushalt")),
    }
    for name, (fmt, data) in files.items():
        (tmp_path / name).write_bytes(data)
        doc = _load(tmp_path / name)
        assert isinstance(doc, SourceDocument), (name, doc)
        assert para in doc.text and doc.markup == "text" and doc.properties.title == "Haushalt", name
        assert doc.format == fmt, name


def test_a_zip_archive_is_a_packed_document_only_by_its_layout_not_by_a_file_name_in_it(tmp_path: Path) -> None:
    """A plain archive holding a file named ``mimetype`` was refused whole as a packed document."""
    import zipfile

    from flows.steps.containers import container_kind
    from tests.documents import docx_bytes, odt_bytes

    (tmp_path / "memo.zip").write_bytes(docx_bytes(["Ein Absatz."], title="Haushalt"))
    (tmp_path / "book.zip").write_bytes(odt_bytes(["Ein Absatz."], title="Haushalt"))
    with zipfile.ZipFile(tmp_path / "plain.zip", "w") as archive:
        archive.writestr("mimetype", "text/plain")
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("a.txt", GERMAN)
    with zipfile.ZipFile(tmp_path / "locked.zip", "w") as archive:
        archive.writestr("mimetype", "text/plain")
        archive.writestr("a.txt", GERMAN)
    locked = bytearray((tmp_path / "locked.zip").read_bytes())
    locked[6] |= 1  # the first file encrypted: reading it to tell a package raised, and the archive was one binary file
    locked[locked.find(b"PK\x01\x02") + 8] |= 1
    (tmp_path / "locked.zip").write_bytes(bytes(locked))
    names = ("memo.zip", "book.zip", "plain.zip", "locked.zip")
    assert [container_kind(tmp_path / n) for n in names] == [None, None, "zip", "zip"]
    docs = {ref.source_path.split("/", 1)[1]: load_document(ref, max_bytes=10**6) for ref in discover([tmp_path / "plain.zip"])}
    assert isinstance(docs["plain.zip#a.txt"], SourceDocument)


def test_web_pages_saved_as_one_file_are_read_by_their_content(tmp_path: Path) -> None:
    from tests.documents import mhtml_bytes

    page = f"<html><head><title>Haushalt</title></head><body><p>{GERMAN}</p></body></html>"
    for name in ("haushalt.mhtml", "haushalt.mht", "haushalt_named.txt", "haushalt"):
        (tmp_path / name).write_bytes(mhtml_bytes(page))
        doc = _load(tmp_path / name)
        assert isinstance(doc, SourceDocument) and doc.format == "mhtml" and doc.markup == "html", (name, doc)
        assert GERMAN in doc.text and doc.properties.url == "https://www.example.org/politik/haushalt", name
    (tmp_path / "plain.mhtml").write_text(page)  # a page saved as plain HTML under the name
    plain = _load(tmp_path / "plain.mhtml")
    assert isinstance(plain, SourceDocument) and plain.format == "html" and plain.markup == "html", plain
    (tmp_path / "note.mht").write_text(GERMAN)
    note = _load(tmp_path / "note.mht")
    assert isinstance(note, Rejection) and note.reason == Reason.UNSUPPORTED_TYPE and "'.mht'" in note.detail, note


def test_safari_web_archives_are_read_by_their_content(tmp_path: Path) -> None:
    import plistlib

    from tests.documents import webarchive_bytes

    page = f"<html><head><title>Haushalt</title></head><body><p>{GERMAN}</p></body></html>"
    for name in ("haushalt.webarchive", "haushalt_named.html", "haushalt"):
        (tmp_path / name).write_bytes(webarchive_bytes(page))
        doc = _load(tmp_path / name)
        assert isinstance(doc, SourceDocument) and doc.format == "webarchive" and doc.markup == "html", (name, doc)
        assert doc.text == page and doc.properties.url == "https://www.example.org/politik/haushalt", name
    (tmp_path / "Info.plist").write_bytes(plistlib.dumps({"CFBundleName": "App"}, fmt=plistlib.FMT_BINARY))
    other = _load(tmp_path / "Info.plist")
    assert isinstance(other, Rejection) and other.reason == Reason.BINARY and "property list" in other.detail, other
    (tmp_path / "bom.webarchive").write_bytes(b"\xef\xbb\xbf" + webarchive_bytes(page, xml=True))
    bom = _load(tmp_path / "bom.webarchive")
    assert isinstance(bom, SourceDocument) and bom.format == "webarchive" and bom.text == page, bom
    (tmp_path / "cut.webarchive").write_bytes(webarchive_bytes(page)[:40])  # a download that stopped early
    cut = _load(tmp_path / "cut.webarchive")
    assert isinstance(cut, Rejection) and cut.reason == Reason.UNREADABLE and "Safari web archive" in cut.detail, cut


def test_news_agency_xml_is_read_by_its_content_and_other_xml_is_named(tmp_path: Path) -> None:
    from tests.documents import newsml_bytes, nitf_bytes

    for name, fmt, data in (
        ("story.xml", "nitf", nitf_bytes([GERMAN])), ("story.nitf", "nitf", nitf_bytes([GERMAN])),
        ("wire_named.txt", "newsml", newsml_bytes([GERMAN])), ("wire", "newsml", newsml_bytes([GERMAN])),
    ):
        (tmp_path / name).write_bytes(data)
        doc = _load(tmp_path / name)
        assert isinstance(doc, SourceDocument) and doc.format == fmt and doc.markup == "text", (name, doc)
        assert GERMAN in doc.text and doc.properties.title, name
    (tmp_path / "sitemap.xml").write_text('<?xml version="1.0"?>\n<urlset><url><loc>https://example.com/</loc></url></urlset>')
    other = _load(tmp_path / "sitemap.xml")
    assert isinstance(other, Rejection) and other.reason == Reason.UNSUPPORTED_TYPE and "<urlset>" in other.detail, other
    (tmp_path / "feed.xml").write_text('<?xml version="1.0"?>\n<rss version="2.0"><channel/></rss>')  # read item by item
    feed = _load(tmp_path / "feed.xml")
    assert isinstance(feed, Rejection) and feed.reason == Reason.EMPTY and "feed without items" in feed.detail, feed


def test_a_scrapers_article_json_is_read_and_other_json_is_refused_with_a_reason(tmp_path: Path) -> None:
    import json

    (tmp_path / "haushalt.json").write_text(json.dumps({"title": "Haushalt", "maintext": GERMAN}), encoding="utf-8")
    doc = _load(tmp_path / "haushalt.json")
    assert isinstance(doc, SourceDocument) and (doc.format, doc.markup, doc.text) == ("json", "text", GERMAN), doc
    assert doc.properties.title == "Haushalt"
    (tmp_path / "feed.json").write_text(json.dumps([{"text": GERMAN}] * 3), encoding="utf-8")
    items = [load_document(ref, max_bytes=1_000_000) for ref in discover([tmp_path / "feed.json"])]  # a list: one per item
    assert [d.source_path for d in items] == [f"{tmp_path.name}/feed.json#item-{n}" for n in (1, 2, 3)], items
    assert all(isinstance(d, SourceDocument) and d.format == "json" and d.text == GERMAN for d in items)
    (tmp_path / "notes.json").write_text(GERMAN, encoding="utf-8")
    notes = _load(tmp_path / "notes.json")
    assert isinstance(notes, Rejection) and notes.reason == Reason.UNSUPPORTED_TYPE and "'.json'" in notes.detail


def test_gzipped_documents_are_read_as_what_they_hold(tmp_path: Path) -> None:
    import gzip

    (tmp_path / "page.html.gz").write_bytes(gzip.compress(f"<html><body><p>{GERMAN}</p></body></html>".encode()))
    (tmp_path / "notes.md.gz").write_bytes(gzip.compress(f"## Notiz\n\n{GERMAN}".encode("cp1252")))
    page = _load(tmp_path / "page.html.gz")
    assert isinstance(page, SourceDocument) and page.format == page.markup == "html"
    notes = _load(tmp_path / "notes.md.gz")
    assert isinstance(notes, SourceDocument) and notes.format == "text" and notes.encoding != "utf-8"
    assert GERMAN in notes.text and notes.source_path.endswith("notes.md.gz")
    (tmp_path / "big.txt.gz").write_bytes(gzip.compress(b"word " * 400_000))
    big = _load(tmp_path / "big.txt.gz")
    assert isinstance(big, Rejection) and big.reason == Reason.TOO_LARGE and "decompresses" in big.detail


def test_only_real_mail_is_read_as_e_mail(tmp_path: Path) -> None:
    (tmp_path / "image.eml").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    image = _load(tmp_path / "image.eml")
    assert isinstance(image, Rejection) and image.reason == Reason.BINARY
    note = b"From: the editor\nTo: the desk\n\n" + GERMAN.encode()
    for name in ("note.csv", "note"):
        (tmp_path / name).write_bytes(note)
        doc = _load(tmp_path / name)
        assert isinstance(doc, SourceDocument) and doc.format == "text" and doc.text.startswith("From: the editor"), name


def test_word_97_documents_are_read_by_their_content_and_other_office_97_files_are_binary(tmp_path: Path) -> None:
    from tests.documents import word_file

    data = word_file("features.doc")
    for name in ("bericht.doc", "bericht_named.txt", "bericht"):
        (tmp_path / name).write_bytes(data)
        doc = _load(tmp_path / name)
        assert isinstance(doc, SourceDocument) and doc.format == "doc" and doc.markup == "text", (name, doc)
        assert doc.properties.title == "Brücke über die Elbe" and "| Kosten |" in doc.text
    # an Office 97 container without a Word document (a spreadsheet, a presentation)
    (tmp_path / "sheet.xls").write_bytes(data.replace("WordDocument".encode("utf-16-le"), "Workbook\0\0\0\0".encode("utf-16-le")))
    sheet = _load(tmp_path / "sheet.xls")
    assert isinstance(sheet, Rejection) and sheet.reason == Reason.BINARY and "OLE" in sheet.detail, sheet


def test_outlook_messages_are_read_as_e_mail_by_their_content(tmp_path: Path) -> None:
    from tests.documents import msg_bytes

    data = msg_bytes(subject="Haushalt", body=GERMAN, sender="Erika Müller")
    for name in ("mitteilung.msg", "mitteilung_named.txt", "mitteilung"):
        (tmp_path / name).write_bytes(data)
        doc = _load(tmp_path / name)
        assert isinstance(doc, SourceDocument) and doc.format == "email" and doc.markup == "text", (name, doc)
        assert doc.text == GERMAN and doc.properties.title == "Haushalt" and doc.properties.author == "Erika Müller"


def test_a_word_document_saved_with_a_password_is_rejected_as_encrypted(tmp_path: Path) -> None:
    from tests.documents import encrypted_docx_bytes

    (tmp_path / "locked.docx").write_bytes(encrypted_docx_bytes(["Der Stadtrat hat den Haushalt beschlossen."]))
    result = _load(tmp_path / "locked.docx")
    assert isinstance(result, Rejection) and result.reason == Reason.ENCRYPTED and "password" in result.detail


def test_a_name_that_is_not_utf8_is_read_under_an_escaped_name(tmp_path: Path) -> None:
    import os

    raw = os.path.join(os.fsencode(tmp_path), b"caf\xe9.txt")  # a Latin-1 name from an old archive
    with open(raw, "wb") as fh:
        fh.write(b"Ein Text, lang genug, um gelesen zu werden.")
    [ref] = discover([tmp_path])
    assert ref.source_path == f"{tmp_path.name}/caf\\xe9.txt" and len(ref.doc_id) == 16
    doc = load_document(ref, max_bytes=1000)
    assert isinstance(doc, SourceDocument) and doc.source_path == ref.source_path and "lang genug" in doc.text


def test_two_names_that_read_alike_once_escaped_reject_one_file_not_the_run(tmp_path: Path) -> None:
    """A Latin-1 ``café.txt`` beside a file named ``caf\\xe9.txt``: the run was refused with a message about input
    folders."""
    import os

    with open(os.path.join(os.fsencode(tmp_path), b"caf\xe9.txt"), "wb") as fh:
        fh.write(b"Ein Text, lang genug, um gelesen zu werden.")
    (tmp_path / "caf\\xe9.txt").write_text("Ein anderer Text, auch lang genug, um gelesen zu werden.")
    (tmp_path / "other.txt").write_text(GERMAN)
    refs = discover([tmp_path])
    name = f"{tmp_path.name}/caf\\xe9.txt"
    assert [r.source_path for r in refs] == [name, name + "~", f"{tmp_path.name}/other.txt"]
    read = load_document(refs[0], max_bytes=1000)
    assert isinstance(read, SourceDocument) and read.text.startswith("Ein anderer")  # the name without escapes
    refused = load_document(refs[1], max_bytes=1000)
    assert isinstance(refused, Rejection) and refused.reason == Reason.DUPLICATE and name in refused.detail
    assert "rename one of them" in refused.detail


def test_folders_of_the_same_name_are_refused_when_their_files_would_share_ids(tmp_path: Path) -> None:
    for year in ("2024", "2025"):
        (tmp_path / year / "news").mkdir(parents=True)
        (tmp_path / year / "news" / "a.txt").write_text(f"article of {year}")
    with pytest.raises(ConfigError, match=r"same id.*2024/news/a.txt and .*2025/news/a.txt \(both news/a.txt\)"):
        discover([tmp_path / "2024" / "news", tmp_path / "2025" / "news"])
    (tmp_path / "2025" / "news" / "a.txt").rename(tmp_path / "2025" / "news" / "b.txt")
    assert [r.source_path for r in discover([tmp_path / "2024" / "news", tmp_path / "2025" / "news"])] == [
        "news/a.txt", "news/b.txt",
    ]
    same = tmp_path / "2024" / "news"
    assert len(discover([same, same / "a.txt", f"{same}/*.txt"])) == 1  # one file named three ways is one document


def test_a_folder_that_cannot_be_listed_is_rejected_by_name(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    locked = tmp_path / "inbox" / "locked"
    locked.mkdir(parents=True)
    (locked / "inside.txt").write_text("never listed")
    (tmp_path / "inbox" / "open.txt").write_text("listed")
    scandir, listdir = os.scandir, os.listdir

    def deny(fn):  # type: ignore[no-untyped-def]
        def wrapped(path="."):  # type: ignore[no-untyped-def]
            if os.fspath(path) == str(locked):
                raise PermissionError(13, "Permission denied", str(locked))
            return fn(path)
        return wrapped

    monkeypatch.setattr(os, "scandir", deny(scandir))  # what a folder without read permission does (root ignores modes)
    monkeypatch.setattr(os, "listdir", deny(listdir))
    refs = discover([tmp_path / "inbox"])
    assert [r.source_path for r in refs] == ["inbox/locked", "inbox/open.txt"]
    result = load_document(refs[0], max_bytes=1000)
    assert isinstance(result, Rejection) and result.reason == Reason.UNREADABLE and result.path == "inbox/locked"
    assert "cannot be listed (Permission denied)" in result.detail


def test_a_symbolically_linked_folder_is_read_once_and_a_loop_of_links_ends(tmp_path: Path) -> None:
    """A linked folder was passed over without a word."""
    share = tmp_path / "share"
    (share / "deep").mkdir(parents=True)
    (share / "a.txt").write_text(GERMAN)
    (share / "deep" / "b.txt").write_text(GERMAN)
    (share / "deep" / "up").symlink_to(share, target_is_directory=True)  # a loop
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "c.txt").write_text(GERMAN)
    (inbox / "linked").symlink_to(share, target_is_directory=True)
    (inbox / "twice").symlink_to(share, target_is_directory=True)  # the same folder by another name
    found = sorted(ref.source_path for ref in discover([inbox]))
    assert found == ["inbox/c.txt", "inbox/linked/a.txt", "inbox/linked/deep/b.txt"]


def test_a_glob_matching_symbolic_links_to_elsewhere_names_them_where_they_are(tmp_path: Path) -> None:
    """A glob resolved each match, so a link to a file or folder outside the glob's folder ended the run with a
    ValueError (not in the subpath)."""
    (tmp_path / "outside" / "more").mkdir(parents=True)
    (tmp_path / "outside" / "a.txt").write_text(GERMAN)
    (tmp_path / "outside" / "more" / "c.txt").write_text(GERMAN)
    news = tmp_path / "news"
    news.mkdir()
    (news / "b.txt").write_text(GERMAN)
    (news / "linked.txt").symlink_to(tmp_path / "outside" / "a.txt")
    (news / "folder").symlink_to(tmp_path / "outside" / "more", target_is_directory=True)
    found = sorted(ref.source_path for ref in discover([str(news / "*")]))
    assert found == ["news/b.txt", "news/folder/c.txt", "news/linked.txt"]


def test_a_dangling_symbolic_link_is_rejected_as_such(tmp_path: Path) -> None:
    (tmp_path / "link.txt").symlink_to(tmp_path / "nowhere.txt")
    [ref] = discover([tmp_path])
    result = load_document(ref, max_bytes=1000)
    assert isinstance(result, Rejection) and result.reason == Reason.NOT_FOUND
    assert result.detail == "a symbolic link whose target does not exist"


@pytest.mark.parametrize(("name", "kind"), [("fake.docx", "a Word document"), ("fake.odt", "an OpenDocument text")])
def test_a_zip_named_as_a_document_is_unreadable_not_an_unknown_type(tmp_path: Path, name: str, kind: str) -> None:
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("junk.bin", b"xx" * 100)
    (tmp_path / name).write_bytes(buffer.getvalue())
    (tmp_path / "data.xlsx").write_bytes(buffer.getvalue())
    (tmp_path / "data.zip").write_bytes(buffer.getvalue())
    refs = {r.source_path.removeprefix(f"{tmp_path.name}/"): r for r in discover([tmp_path])}
    assert sorted(refs) == ["data.xlsx", "data.zip#junk.bin", name]
    result = load_document(refs[name], max_bytes=10**6)
    assert isinstance(result, Rejection) and result.reason == Reason.UNREADABLE and kind in result.detail
    assert load_document(refs["data.xlsx"], max_bytes=10**6).reason == Reason.BINARY  # type: ignore[union-attr]  # an archive
    assert load_document(refs["data.zip#junk.bin"], max_bytes=10**6).reason == Reason.UNSUPPORTED_TYPE  # type: ignore[union-attr]


def test_zstandard_compressed_documents_are_read_and_files_of_many_documents_refused_with_advice(tmp_path: Path) -> None:
    """A .zst document was refused as binary; a Zstandard file cut short or decompressing beyond the limit is refused
    by its reason (the library's own readers return what they have without a word)."""
    import json

    import zstandard

    page = f"<html><head><title>Haushalt</title></head><body><article><p>{GERMAN}</p></article></body></html>".encode()
    packed = zstandard.ZstdCompressor().compress
    skippable = b"\x50\x2a\x4d\x18" + (4).to_bytes(4, "little") + b"meta"  # as pzstd writes before each frame
    (tmp_path / "story.txt.zst").write_bytes(skippable + packed(GERMAN.encode()) + packed(b" Ende."))  # two frames
    (tmp_path / "page.html.zst").write_bytes(packed(page))
    (tmp_path / "cut.txt.zst").write_bytes(packed(GERMAN.encode() * 50)[:-6])
    (tmp_path / "big.txt.zst").write_bytes(packed(b"x" * 5000))
    (tmp_path / "export.jsonl.zst").write_bytes(packed(json.dumps({"text": GERMAN}).encode() + b"\n"))
    (tmp_path / "table.csv.zst").write_bytes(packed(b"title,text\nA," + GERMAN.encode() + b"\n"))
    (tmp_path / "list.json.zst").write_bytes(packed(json.dumps([{"text": GERMAN}, {"text": GERMAN}]).encode()))
    loaded = {ref.path.name: load_document(ref, max_bytes=4000) for ref in discover([tmp_path])}
    story, html = loaded["story.txt.zst"], loaded["page.html.zst"]
    assert isinstance(story, SourceDocument) and story.text == GERMAN + " Ende." and story.markup == "text"
    assert isinstance(html, SourceDocument) and html.markup == "html" and GERMAN in html.text
    refused = {name: (r.reason, r.detail) for name, r in loaded.items() if isinstance(r, Rejection)}
    assert refused["cut.txt.zst"] == (Reason.UNREADABLE, "not a readable Zstandard file: it ends before its data does")
    assert refused["big.txt.zst"][0] == Reason.TOO_LARGE
    assert refused["export.jsonl.zst"][0] == Reason.UNSUPPORTED_TYPE and "JSON Lines compressed with Zstandard" in refused["export.jsonl.zst"][1]
    assert "a table compressed with Zstandard" in refused["table.csv.zst"][1]  # was one text document of the whole table
    assert "a JSON list compressed with Zstandard" in refused["list.json.zst"][1]


def test_7z_and_rar_archives_tar_archives_without_their_suffix_and_other_compressions_are_refused_with_advice(tmp_path: Path) -> None:
    import bz2
    import gzip
    import io
    import lzma
    import tarfile

    import zstandard

    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w") as archive:
        data = b"Der Stadtrat hat am Dienstag den Haushalt beschlossen."
        info = tarfile.TarInfo("story.txt")
        info.size = len(data)
        archive.addfile(info, io.BytesIO(data))
    files = {
        "news.backup": buffer.getvalue(),
        "news.gz": gzip.compress(buffer.getvalue()),
        "news.7zip": b"7z\xbc\xaf\x27\x1c\x00\x04" + bytes(40),  # a 7-Zip archive without its suffix
        "news.7z.001": b"7z\xbc\xaf\x27\x1c\x00\x04" + bytes(40),  # the first volume of a split one
        "news.rar": b"Rar!\x1a\x07\x01\x00" + bytes(40),
        "story.bz2": bz2.compress(b"Der Stadtrat hat am Dienstag den Haushalt beschlossen."),
        "story.xz": lzma.compress(b"Der Stadtrat hat am Dienstag den Haushalt beschlossen."),
        "news.zst": zstandard.ZstdCompressor().compress(buffer.getvalue()),  # a tar archive without its suffix
    }
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    advice = {
        "backup": "tar archive (named .tar, .tar.gz",
        "gz": "tar archive (named .tar, .tar.gz",
        "7zip": "7-Zip archive (named .7z, its files are read",
        "001": "7-Zip archive (named .7z, its files are read; of an archive split into volumes, .7z.001, join the volumes",
        "rar": "RAR archive (unpack it, or pack its files as a .zip or .tar.gz",
        "bz2": "bzip2-compressed file (docindex decompresses gzip",
        "xz": "xz-compressed file (docindex decompresses gzip",
        "zst": "tar archive (named .tar, .tar.gz",
    }
    for ref in discover([tmp_path]):
        result = load_document(ref, max_bytes=10**6)
        assert isinstance(result, Rejection) and result.reason is Reason.BINARY, ref.source_path
        assert result.detail.startswith(advice[ref.path.suffix[1:]]), result.detail


def test_a_file_of_many_documents_that_takes_too_long_to_list_is_refused_as_timeout(tmp_path, monkeypatch) -> None:
    import time as clock

    import flows.steps.load as load_module
    from flows.pipeline import record_files

    (tmp_path / "news.jsonl").write_text('{"text": "one"}\n{"text": "two"}\n', encoding="utf-8")
    (tmp_path / "note.txt").write_text("A note that is read as it is.", encoding="utf-8")

    def stuck(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202 - a listing caught in a loop
        while True:
            clock.sleep(0.01)

    monkeypatch.setattr(load_module, "scan", stuck)
    refs = discover([str(tmp_path)], listing_timeout=0.2)
    by_name = {r.source_path.split("/")[-1]: r for r in refs}
    assert set(by_name) == {"news.jsonl", "note.txt"}
    assert by_name["news.jsonl"].problem is not None and by_name["news.jsonl"].problem[0] is Reason.TIMEOUT
    assert "within 0.2 s (document_timeout" in by_name["news.jsonl"].problem[1]
    assert record_files(refs).unlisted == {by_name["news.jsonl"].source_path}  # --prune deletes none of its records


def test_an_enclosing_time_limit_that_ends_first_is_not_taken_for_the_listings_own(tmp_path, monkeypatch) -> None:
    import time as clock

    import flows.steps.load as load_module
    from flows.limits import DocumentTimeout, time_limit

    (tmp_path / "news.jsonl").write_text('{"text": "one"}\n', encoding="utf-8")

    def stuck(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        while True:
            clock.sleep(0.01)

    monkeypatch.setattr(load_module, "scan", stuck)
    with pytest.raises(DocumentTimeout) as raised, time_limit(0.2):
        discover([str(tmp_path)], listing_timeout=5)
    assert not raised.value.own
