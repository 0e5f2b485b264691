"""Files attached to e-mails as documents of their own (flows/steps/attachments.py), built with the email package."""

import base64
import io
import tarfile
import zipfile
from datetime import date, datetime
from email.message import EmailMessage
from pathlib import Path

import py7zr
import pytest

from flows.models import Reason, Rejection, SourceDocument
from flows.steps import attachments
from flows.steps.attachments import list_attachments, read_attachment, scan_email
from flows.steps.formats import Problem, extract_email
from flows.steps.load import discover, load_document
from tests.documents import docx_bytes, eml_bytes, pdf_bytes

REPORT = "Der Stadtrat hat am Dienstag nach langer Debatte den neuen Haushalt für das kommende Jahr beschlossen."
COVER = "Sehr geehrte Damen und Herren, anbei finden Sie unseren Jahresbericht als PDF."
FORWARDED = "The council approved the budget on Tuesday after a long debate about schools and roads."
MAX = 5_000_000


def _message(*, message_id: str = "<pr-1@example.org>", body: str = COVER) -> EmailMessage:
    message = EmailMessage()
    message["From"] = "Pressestelle <presse@example.org>"
    message["To"] = "redaktion@example.org"
    message["Subject"] = "Jahresbericht 2023"
    message["Date"] = "Tue, 05 Mar 2024 07:00:00 +0100"
    message["Message-ID"] = message_id
    message.set_content(body)
    return message


def _pdf(title: str | None = None, created: datetime | None = None) -> bytes:
    return pdf_bytes([REPORT] * 4, title=title, created=created)


def _load(path: Path, max_bytes: int = MAX) -> dict[str, SourceDocument | Rejection]:
    return {ref.source_path: load_document(ref, max_bytes=max_bytes) for ref in discover([path], max_bytes=max_bytes)}


def test_the_files_attached_to_a_message_are_listed_but_not_what_is_no_document() -> None:
    message = _message()
    message.add_attachment(_pdf(), maintype="application", subtype="pdf", filename="Jahresbericht.pdf")
    message.add_attachment(b"\x89PNG\r\n\x1a\n" + bytes(64), maintype="image", subtype="png", filename="logo.png", disposition="inline")
    message.add_attachment(b"0\x82\x01\x00", maintype="application", subtype="pkcs7-signature", filename="smime.p7s")
    message.add_attachment(b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n", maintype="text", subtype="calendar", filename="termin.ics")
    message.add_attachment(b"BEGIN:VCARD\r\nEND:VCARD\r\n", maintype="application", subtype="octet-stream", filename="kontakt.vcf")
    message.add_attachment(b"\x78\x9f\x3e\x22" + bytes(32), maintype="application", subtype="ms-tnef", filename="winmail.dat")
    message.add_attachment(docx_bytes([REPORT]), maintype="application", subtype="octet-stream", filename="C:\\Temp\\Anlage.docx")
    message.add_attachment(_pdf(), maintype="application", subtype="pdf")  # no name: named by its place and type
    listed = list_attachments(bytes(message), max_bytes=MAX)
    assert not isinstance(listed, Problem)
    assert [(a.key, a.name, a.position, a.problem) for a in listed] == [
        ("Jahresbericht.pdf", "Jahresbericht.pdf", 1, None),
        ("Anlage.docx", "Anlage.docx", 2, None),
        ("attachment-3.pdf", "attachment-3.pdf", 3, None),
    ]


def test_a_forwarded_message_is_still_read_into_the_text_and_is_no_document_of_its_own() -> None:
    message = _message()
    message.add_attachment(_message(message_id="<fwd@example.org>", body=FORWARDED))  # message/rfc822
    message.add_attachment(eml_bytes(plain=FORWARDED, subject="Weitergeleitet"), maintype="application", subtype="octet-stream", filename="fwd.eml")
    message.add_attachment(_pdf(), maintype="application", subtype="octet-stream", filename="scan.eml")  # no e-mail
    data = bytes(message)
    assert [a.key for a in list_attachments(data, max_bytes=MAX)] == ["scan.eml"]  # type: ignore[union-attr]
    text = extract_email(data)
    assert not isinstance(text, Problem)
    assert COVER in text.text and text.text.count(FORWARDED) == 2 and "%PDF" not in text.text


def test_a_part_of_the_body_after_an_attachment_is_no_file_of_its_own() -> None:
    """Apple Mail sends the text after an inline file as a plain part of its own, without a name."""
    message = EmailMessage()
    message["Message-ID"] = "<apple@example.org>"
    message.make_mixed()
    for part in (
        (COVER, "plain", None),
        (b"\x89PNG\r\n\x1a\n" + bytes(64), "png", "Bild.png"),
        ("Mit freundlichen Grüßen", "plain", None),
    ):
        inner = EmailMessage()
        if isinstance(part[0], bytes):
            inner.set_content(part[0], maintype="image", subtype=part[1], filename=part[2], disposition="inline")
        else:
            inner.set_content(part[0], subtype=part[1], disposition="inline")
        message.attach(inner)
    assert list_attachments(bytes(message), max_bytes=MAX) == ()


def test_two_files_of_one_name_have_distinct_keys_that_keep_their_suffix() -> None:
    message = _message()
    for title in ("Erster", "Zweiter", "Dritter"):
        message.add_attachment(_pdf(title), maintype="application", subtype="pdf", filename="bericht.pdf")
    listed = list_attachments(bytes(message), max_bytes=MAX)
    assert [a.key for a in listed] == ["bericht.pdf", "bericht~2.pdf", "bericht~3.pdf"]  # type: ignore[union-attr]
    again = list_attachments(bytes(message), max_bytes=MAX)
    assert again == listed  # the same keys on every run


def test_archives_large_files_and_files_beyond_the_limit_are_refused_when_listed(monkeypatch: pytest.MonkeyPatch) -> None:
    message = _message()
    message.add_attachment(b"PK\x05\x06" + bytes(18), maintype="application", subtype="zip", filename="alles.zip")
    message.add_attachment(b"x" * 40_000, maintype="application", subtype="pdf", filename="gross.pdf")
    for n in range(3):
        message.add_attachment(f"Notiz {n}: {REPORT}".encode(), maintype="text", subtype="plain", filename=f"notiz{n}.txt")
    monkeypatch.setattr(attachments, "MAX_ATTACHMENTS", 4)
    listed = list_attachments(bytes(message), max_bytes=30_000)  # the message is larger: its files count on their own
    assert not isinstance(listed, Problem)
    problems = {a.key: a.problem for a in listed}
    assert problems["alles.zip"] is not None and problems["alles.zip"][0] == Reason.UNSUPPORTED_TYPE
    assert problems["gross.pdf"] is not None and problems["gross.pdf"][0] == Reason.TOO_LARGE
    assert problems["notiz0.txt"] is None and problems["notiz1.txt"] is None
    assert list(problems) == ["alles.zip", "gross.pdf", "notiz0.txt", "notiz1.txt", "attached-files-5-to-5"]  # the fifth: one over
    assert "1 attached files after the message's first 4 are not read" in problems["attached-files-5-to-5"][1]  # type: ignore[index]


def test_the_files_after_a_message_s_first_hundred_are_one_rejection_that_counts_each(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from flows.models import RunReport
    from tests.documents import msg_bytes

    monkeypatch.setattr(attachments, "MAX_ATTACHMENTS", 3)
    message = _message()
    for n in range(7):
        message.add_attachment(f"Notiz {n}: {REPORT}".encode(), maintype="text", subtype="plain", filename=f"notiz{n}.txt")
    message.add_attachment(b"\x89PNG\r\n\x1a\n" + bytes(64), maintype="image", subtype="png", filename="logo.png")  # no document: not counted
    (tmp_path / "pr.eml").write_bytes(bytes(message))
    files = [(f"notiz{n}.txt", f"Notiz {n}: {REPORT}".encode(), "text/plain") for n in range(5)]
    (tmp_path / "pr.msg").write_bytes(msg_bytes(subject="Notizen", body=COVER, attachments=files))
    (tmp_path / "box.mbox").write_bytes(b"From presse@example.org Tue Mar  5 07:00:00 2024\n" + bytes(message))
    loaded = _load(tmp_path)
    rejected = {path.split("/", 1)[1]: got for path, got in loaded.items() if isinstance(got, Rejection)}
    assert sorted(rejected) == ["box.mbox#pr-1@example.org#attached-files-4-to-7", "pr.eml#attached-files-4-to-7", "pr.msg#attached-files-4-to-5"]
    one = rejected["pr.eml#attached-files-4-to-7"]
    assert (one.reason, one.documents) == (Reason.TOO_LARGE, 4) and "4 attached files after the message's first 3 are not read" in one.detail
    assert rejected["pr.msg#attached-files-4-to-5"].documents == 2
    report = RunReport(rejected=tuple(rejected.values()))
    assert report.documents_rejected == 10 and report.to_json_dict()["rejected"][0]["documents"] in (4, 2)
    assert len([p for p in loaded if "notiz" in p]) == 9  # three of each message read
    monkeypatch.setattr(attachments, "MAX_ATTACHMENTS", 7)  # exactly as many: none passed over
    assert not any("attached-files" in r.source_path for r in discover([tmp_path / "pr.eml"], max_bytes=MAX))


def test_an_eml_file_gives_its_message_and_each_attached_file_a_document(tmp_path: Path) -> None:
    message = _message()
    message.add_attachment(_pdf("Jahresbericht 2023"), maintype="application", subtype="pdf", filename="bericht.pdf")
    message.add_attachment(_pdf(created=datetime(2024, 2, 1)), maintype="application", subtype="pdf", filename="anhang.pdf")
    message.add_attachment(REPORT.encode(), maintype="text", subtype="markdown", filename="notiz.md")
    message.add_attachment(b"\x00\x01 budget", maintype="application", subtype="octet-stream", filename="tabelle.xlsx")
    folder = tmp_path / "inbox"
    folder.mkdir()
    (folder / "pr.eml").write_bytes(bytes(message))
    docs = _load(folder)
    assert list(docs) == ["inbox/pr.eml", "inbox/pr.eml#bericht.pdf", "inbox/pr.eml#anhang.pdf", "inbox/pr.eml#notiz.md", "inbox/pr.eml#tabelle.xlsx"]
    own = docs["inbox/pr.eml"]
    assert isinstance(own, SourceDocument) and own.format == "email" and REPORT not in own.text  # as before
    report, dated, note = docs["inbox/pr.eml#bericht.pdf"], docs["inbox/pr.eml#anhang.pdf"], docs["inbox/pr.eml#notiz.md"]
    assert isinstance(report, SourceDocument) and report.format == "pdf" and REPORT in report.text
    assert report.properties.title == "Jahresbericht 2023" and report.properties.published == date(2024, 3, 5)  # the date sent
    assert isinstance(dated, SourceDocument) and dated.properties.published == date(2024, 2, 1)  # its own first
    assert isinstance(note, SourceDocument) and note.format == "text" and note.text == REPORT
    refused = docs["inbox/pr.eml#tabelle.xlsx"]
    assert isinstance(refused, Rejection) and refused.reason == Reason.BINARY
    assert refused.detail.startswith("attachment 4 of the message: ")


def test_a_damaged_attached_file_is_refused_and_the_message_and_the_others_are_read(tmp_path: Path) -> None:
    message = _message()
    pdf = _pdf()
    pdf += b"\n" * (-len(pdf) % 3)  # its base64 without padding
    message.add_attachment(pdf, maintype="application", subtype="pdf", filename="kaputt.pdf")
    message.add_attachment(_pdf(), maintype="application", subtype="pdf", filename="gut.pdf")
    raw = bytes(message)
    damaged = raw.replace(b"JVBERi0", b"JVBE", 1)  # the first file's base64 three letters short: no whole groups
    assert damaged != raw
    (tmp_path / "pr.eml").write_bytes(damaged)
    docs = _load(tmp_path / "pr.eml")
    bad, good, own = docs[f"{tmp_path.name}/pr.eml#kaputt.pdf"], docs[f"{tmp_path.name}/pr.eml#gut.pdf"], docs[f"{tmp_path.name}/pr.eml"]
    assert isinstance(bad, Rejection) and bad.reason == Reason.UNREADABLE and "base64" in bad.detail
    assert isinstance(good, SourceDocument) and REPORT in good.text
    assert isinstance(own, SourceDocument) and COVER in own.text


def test_an_attached_file_over_the_size_limit_is_refused_when_read(tmp_path: Path) -> None:
    message = _message()
    message.add_attachment(b"%PDF-1.4\n" + b"0" * 3000, maintype="application", subtype="pdf", filename="gross.pdf")
    path = tmp_path / "pr.eml"
    path.write_bytes(bytes(message))
    found = scan_email(path, max_bytes=MAX)
    [member] = found.members
    got = read_attachment(path, member.record, max_bytes=2000)
    assert isinstance(got, Problem) and got.reason == Reason.TOO_LARGE


def test_a_message_changed_since_it_was_listed_is_not_read_at_old_places(tmp_path: Path) -> None:
    message = _message()
    message.add_attachment(_pdf(), maintype="application", subtype="pdf", filename="bericht.pdf")
    path = tmp_path / "pr.eml"
    path.write_bytes(bytes(message))
    [member] = scan_email(path, max_bytes=MAX).members
    path.write_bytes(bytes(_message()) + b"\n")
    got = read_attachment(path, member.record, max_bytes=MAX)
    assert isinstance(got, Problem) and got.reason == Reason.UNREADABLE


def test_the_attached_files_of_a_mailbox_and_of_an_eml_file_in_archives_are_documents(tmp_path: Path) -> None:
    def message(n: int) -> bytes:
        m = _message(message_id=f"<pr-{n}@example.org>", body=f"{COVER} ({n})")
        m.add_attachment(_pdf(f"Bericht {n}"), maintype="application", subtype="pdf", filename="bericht.pdf")
        m.add_attachment(b"\x89PNG\r\n\x1a\n", maintype="image", subtype="png", filename="logo.png")
        return bytes(m)

    box = b"".join(b"From presse@example.org Tue Mar  5 07:00:00 2024\n" + message(n) + b"\n" for n in (1, 2))
    folder = tmp_path / "mail"
    folder.mkdir()
    (folder / "box.mbox").write_bytes(box)
    with zipfile.ZipFile(folder / "mail.zip", "w") as archive:
        archive.writestr("2024/pr.eml", message(3))
        archive.writestr("alt.mbox", box)
    with tarfile.open(folder / "mail.tar.gz", "w:gz") as archive:
        data = message(4)
        info = tarfile.TarInfo("pr.eml")
        info.size = len(data)
        archive.addfile(info, io.BytesIO(data))
    with py7zr.SevenZipFile(folder / "mail.7z", "w") as archive:
        archive.writestr(message(5), "pr.eml")
        archive.writestr(box, "alt.mbox")
    docs = _load(folder)
    titles = {sp: d.properties.title for sp, d in docs.items() if isinstance(d, SourceDocument) and d.format == "pdf"}
    assert titles == {
        "mail/box.mbox#pr-1@example.org#bericht.pdf": "Bericht 1",
        "mail/box.mbox#pr-2@example.org#bericht.pdf": "Bericht 2",
        "mail/mail.tar.gz#pr.eml#bericht.pdf": "Bericht 4",
        "mail/mail.zip#2024/pr.eml#bericht.pdf": "Bericht 3",
        "mail/mail.zip#alt.mbox#pr-1@example.org#bericht.pdf": "Bericht 1",
        "mail/mail.zip#alt.mbox#pr-2@example.org#bericht.pdf": "Bericht 2",
        "mail/mail.7z#pr.eml#bericht.pdf": "Bericht 5",
        "mail/mail.7z#alt.mbox#pr-1@example.org#bericht.pdf": "Bericht 1",
        "mail/mail.7z#alt.mbox#pr-2@example.org#bericht.pdf": "Bericht 2",
    }
    assert all(isinstance(d, SourceDocument) for d in docs.values()) and len(docs) == 18  # and the nine messages
    assert docs["mail/box.mbox#pr-2@example.org"].text.startswith(f"{COVER} (2)")  # type: ignore[union-attr]


def test_prune_removes_an_attached_file_gone_from_its_message_or_with_it_and_keeps_what_was_not_listed(tmp_path: Path) -> None:
    from flows.pipeline import prune_scopes, record_files, vanished

    folder = tmp_path / "in"
    folder.mkdir()
    with_file = _message()
    with_file.add_attachment(_pdf(), maintype="application", subtype="pdf", filename="bericht.pdf")
    (folder / "pr.eml").write_bytes(bytes(with_file))
    (folder / "leer.eml").write_bytes(bytes(_message(message_id="<leer@example.org>")))  # re-saved without its file
    (folder / "note.txt").write_text(REPORT)
    stored = ["in/pr.eml#alt.pdf", "in/leer.eml#bericht.pdf", "in/geloescht.eml#bericht.pdf", "in/pr.eml#bericht.pdf"]

    def gone(inputs: list[str], max_bytes: int = MAX) -> list[str]:
        refs = discover(inputs, max_bytes=max_bytes)
        seen = {r.source_path for r in refs}
        return vanished([sp for sp in stored if sp not in seen], prune_scopes(inputs), record_files(refs))

    assert gone([str(folder)]) == ["in/pr.eml#alt.pdf", "in/leer.eml#bericht.pdf", "in/geloescht.eml#bericht.pdf"]
    # a glob that leaves the messages out keeps their files, as it keeps the messages
    assert gone([str(folder / "*.txt")]) == ["in/geloescht.eml#bericht.pdf"]
    # messages whose files cannot be listed (over four times max_file_bytes) keep those indexed from them
    assert gone([str(folder)], max_bytes=50) == ["in/geloescht.eml#bericht.pdf"]


def test_a_file_name_in_another_script_is_read_as_mail_programs_write_it() -> None:
    """RFC 2231 (``filename*=utf-8''...``, as the email package and Thunderbird write it) and encoded words
    (``=?utf-8?b?...?=``, as Outlook and Gmail do)."""
    message = _message()
    message.add_attachment(_pdf(), maintype="application", subtype="pdf", filename="Bericht März.pdf")
    message.add_attachment(_pdf(), maintype="application", subtype="pdf", filename="placeholder.pdf")
    encoded = b"=?utf-8?b?" + base64.b64encode("Übersicht 2024.pdf".encode()) + b"?="
    data = bytes(message).replace(b'filename="placeholder.pdf"', b'filename="' + encoded + b'"')
    assert b"filename*=utf-8''Bericht%20M%C3%A4rz.pdf" in data and b"=?utf-8?b?" in data
    assert [a.name for a in list_attachments(data, max_bytes=MAX)] == ["Bericht März.pdf", "Übersicht 2024.pdf"]  # type: ignore[union-attr]


def test_a_web_page_saved_as_an_eml_file_has_no_attached_files() -> None:
    """Chrome saves a page with its images and style sheets as MIME; named ``.eml`` it is read as a page."""
    from tests.documents import mhtml_bytes

    page = mhtml_bytes(f"<html><body><p>{REPORT}</p></body></html>", frame=f"<p>{REPORT}</p>")
    framed = b'Content-Disposition: attachment; filename="frame.html"\r\nContent-Location: https://ads.example.net/frame'
    page = page.replace(b"Content-Location: https://ads.example.net/frame", framed)  # as a file of a message would be
    assert list_attachments(page, max_bytes=MAX) == ()
    mail = page.replace(b"Snapshot-Content-Location", b"X-Location").replace(b"<Saved by Blink>", b"<presse@example.org>")
    assert [a.key for a in list_attachments(mail, max_bytes=MAX)] == ["frame.html"]  # type: ignore[union-attr]  # as a message


def test_the_files_attached_to_an_outlook_message_are_documents_on_disk_and_in_an_archive(tmp_path: Path) -> None:
    from tests.documents import msg_bytes

    files = [
        ("Jahresbericht.pdf", _pdf("Jahresbericht 2023"), "application/pdf"),
        ("logo.png", b"\x89PNG\r\n\x1a\n", "image/png"),
        ("foto", b"\xff\xd8\xff", None),  # hidden: an image of the HTML body
        ("Weitergeleitet", b"", None),  # attached as a message: not read
        (None, _pdf(), "application/pdf"),
        ("alles.zip", b"PK\x05\x06" + bytes(18), None),
    ]
    data = msg_bytes(subject="Jahresbericht", body=COVER, sent=datetime(2024, 3, 5, 7), attachments=files, hidden=[2], embedded=[3])
    folder = tmp_path / "outlook"
    folder.mkdir()
    (folder / "pr.msg").write_bytes(data)
    with zipfile.ZipFile(folder / "mail.zip", "w") as archive:
        archive.writestr("2024/pr.msg", data)
    docs = _load(folder)
    for message in ("outlook/pr.msg", "outlook/mail.zip#2024/pr.msg"):
        own, report, unnamed, packed = (docs[f"{message}{key}"] for key in ("", "#Jahresbericht.pdf", "#attachment-2.pdf", "#alles.zip"))
        assert isinstance(own, SourceDocument) and own.format == "email" and own.text.strip() == COVER  # as before
        assert isinstance(report, SourceDocument) and report.format == "pdf" and report.properties.title == "Jahresbericht 2023"
        assert report.properties.published == date(2024, 3, 5) and REPORT in report.text
        assert isinstance(unnamed, SourceDocument) and unnamed.format == "pdf"
        assert isinstance(packed, Rejection) and packed.reason == Reason.UNSUPPORTED_TYPE
    assert len(docs) == 8
    (folder / "kaputt.msg").write_bytes(data[:3000])  # cut short: the message is refused as before, nothing listed
    refused = _load(folder / "kaputt.msg")
    assert list(refused) == ["outlook/kaputt.msg"] and isinstance(refused["outlook/kaputt.msg"], Rejection)


def _unique_keys_by_search(names: list[str]) -> list[str]:
    """Each name made unique as the first free ``~n`` from 2 on: what ``_unique_key`` gives, found the slow way."""
    taken: set[str] = set()
    keys = []
    for name in names:
        key = name
        if key in taken:
            stem, suffix = key.rsplit(".", 1) if "." in key else (key, "")
            suffix = f".{suffix}" if suffix else ""
            n = 2
            while f"{stem}~{n}{suffix}" in taken:
                n += 1
            key = f"{stem}~{n}{suffix}"
        taken.add(key)
        keys.append(key)
    return keys


def test_thousands_of_files_of_one_name_are_named_in_one_pass_as_one_by_one() -> None:
    import random
    import time

    rng = random.Random(7)
    names = [rng.choice(["a.pdf", "a~2.pdf", "a~3.pdf", "a~2~2.pdf", "b", "b~2", "a.txt"]) for _ in range(3_000)]
    taken: dict[str, int] = {}
    assert [attachments._unique_key(n, taken) for n in names] == _unique_keys_by_search(names)
    taken = {}
    started = time.perf_counter()
    keys = [attachments._unique_key("same.pdf", taken) for _ in range(10_000)]
    assert keys[-1] == "same~10000.pdf" and len(set(keys)) == 10_000
    assert time.perf_counter() - started < 2  # trying every number before the free one: about 20 s


def test_a_message_is_listed_once_for_all_of_its_files_read_one_after_another(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    message = _message()
    for n in range(3):
        message.add_attachment(f"{REPORT} ({n})".encode(), maintype="text", subtype="plain", filename="anlage.txt")
    (tmp_path / "pr.eml").write_bytes(bytes(message))
    listed = 0
    real = attachments.attached_files

    def counting(*args: object, **kwargs: object) -> object:
        nonlocal listed
        listed += 1
        return real(*args, **kwargs)  # type: ignore[arg-type]

    refs = discover([tmp_path / "pr.eml"], max_bytes=MAX)
    monkeypatch.setattr(attachments, "attached_files", counting)
    attachments._last.message = None
    docs = {ref.source_path: load_document(ref, max_bytes=MAX) for ref in refs}
    assert [d.text.endswith(f"({n})") for n, d in enumerate(d for p, d in docs.items() if "#" in p)] == [True] * 3
    assert [p.split("/")[-1] for p in docs] == ["pr.eml", "pr.eml#anlage.txt", "pr.eml#anlage~2.txt", "pr.eml#anlage~3.txt"]
    assert listed == 1  # once for each file: a message of 10,000 files listed 100 times took 30 minutes


@pytest.mark.parametrize("archive", ["mail.zip", "mail.tar", "mail.7z"])
def test_prune_keeps_the_files_of_a_message_in_an_archive_that_is_now_over_the_size_limit(tmp_path: Path, archive: str) -> None:
    from flows.pipeline import prune_scopes, record_files, vanished

    folder = tmp_path / "in"
    folder.mkdir()
    message = _message()
    message.add_attachment(_pdf(), maintype="application", subtype="pdf", filename="bericht.pdf")
    data = bytes(message)
    if archive.endswith(".zip"):
        with zipfile.ZipFile(folder / archive, "w") as zipped:
            zipped.writestr("2024/pr.eml", data)
    elif archive.endswith(".7z"):
        with py7zr.SevenZipFile(folder / archive, "w") as packed:
            packed.writestr(data, "2024/pr.eml")
    else:
        with tarfile.open(folder / archive, "w") as tarred:
            info = tarfile.TarInfo("2024/pr.eml")
            info.size = len(data)
            tarred.addfile(info, io.BytesIO(data))
    stored = [f"in/{archive}#2024/pr.eml#bericht.pdf", f"in/{archive}#2024/pr.eml#alt.pdf"]

    def gone(max_bytes: int) -> list[str]:
        refs = discover([folder], max_bytes=max_bytes)
        seen = {r.source_path for r in refs}
        return vanished([sp for sp in stored if sp not in seen], prune_scopes([str(folder)]), record_files(refs))

    assert gone(MAX) == [f"in/{archive}#2024/pr.eml#alt.pdf"]
    # max_file_bytes lowered under the message's size: it is refused and its files cannot be listed, so those
    # indexed from it stay, as they do for the same message on disk over four times the limit
    assert gone(len(data) - 1) == []


def test_prune_keeps_the_files_of_a_message_overwritten_by_what_is_no_e_mail(tmp_path: Path) -> None:
    from flows.pipeline import prune_scopes, record_files, vanished

    folder = tmp_path / "in"
    folder.mkdir()
    stored = ["in/pr.eml#bericht.pdf"]

    def gone() -> list[str]:
        refs = discover([folder], max_bytes=MAX)
        seen = {r.source_path for r in refs}
        return vanished([sp for sp in stored if sp not in seen], prune_scopes([str(folder)]), record_files(refs))

    for damaged in (bytes(range(256)) * 20, _pdf(), b"\r\n" + REPORT.encode()):
        (folder / "pr.eml").write_bytes(damaged)  # refused as a message, its files cannot be listed: they stay
        assert gone() == []
        assert isinstance(list_attachments(damaged, max_bytes=MAX), Problem)
    # a message saved with an mbox "From " line, or re-saved without its file, is listed: the file is gone
    message = _message()
    message.add_attachment(_pdf(), maintype="application", subtype="pdf", filename="anhang.pdf")
    (folder / "pr.eml").write_bytes(b"From presse@example.org Tue Mar  5 07:00:00 2024\n" + bytes(message))
    assert [a.key for a in list_attachments((folder / "pr.eml").read_bytes(), max_bytes=MAX)] == ["anhang.pdf"]  # type: ignore[union-attr]
    assert gone() == ["in/pr.eml#bericht.pdf"]
    (folder / "pr.eml").write_bytes(b"")  # emptied: it holds no files any more
    assert gone() == ["in/pr.eml#bericht.pdf"]


def test_the_message_kept_for_its_attached_files_is_let_go_when_another_document_is_read(tmp_path: Path) -> None:
    message = _message()
    message.add_attachment(REPORT.encode(), maintype="text", subtype="plain", filename="anlage.txt")
    (tmp_path / "a.eml").write_bytes(bytes(message))
    (tmp_path / "b.txt").write_text(REPORT)
    refs = discover([tmp_path], max_bytes=MAX)
    assert [r.source_path.split("/")[-1] for r in refs] == ["a.eml", "a.eml#anlage.txt", "b.txt"]
    assert isinstance(load_document(refs[1], max_bytes=MAX), SourceDocument)
    assert attachments._last.message is not None  # kept for the message's next file
    assert isinstance(load_document(refs[2], max_bytes=MAX), SourceDocument)
    assert attachments._last.message is None  # a message of up to 4 x max_file_bytes, parsed, is not kept longer


def _parsed_listing(data: bytes, max_bytes: int = MAX) -> tuple[attachments.Attached, ...] | Problem:
    """The listing of a message parsed whole by the email package, as ``read_attachment`` read it before it read a
    file from its part's bytes, and still reads a message it cannot outline (``_read_parsed``)."""
    message = attachments.parse_message(data)
    return message if isinstance(message, Problem) else tuple(a for a, _ in attachments.attached_files(message, max_bytes=max_bytes))


def _written_messages() -> dict[str, bytes]:
    """Messages whose outline must list what the whole message does: well formed, and damaged as mail is."""
    forwarded = _message(message_id="<fwd@example.org>", body=FORWARDED)
    forwarded.add_attachment(_pdf(), maintype="application", subtype="pdf", filename="inner.pdf")
    message = _message()
    message.add_alternative("<p>Sehr geehrte Damen und Herren</p>", subtype="html")
    message.add_attachment(_pdf(), maintype="application", subtype="pdf", filename="bericht.pdf")
    message.add_attachment("-- \nGruß\n--Ende\n-" * 40, subtype="plain", filename="notiz.txt", cte="quoted-printable")
    message.add_attachment(forwarded)  # message/rfc822: its parts are no parts of this message
    message.add_attachment(bytes(forwarded), maintype="application", subtype="octet-stream", filename="weiter.eml")
    message.add_attachment(b"%PDF-" + bytes(40_000), maintype="application", subtype="octet-stream", filename="weiter2.eml")
    long_forward = bytes(_message(message_id="<long@example.org>", body=FORWARDED * 400))  # its opening decoded, not all of it
    message.add_attachment(long_forward, maintype="application", subtype="octet-stream", filename="weiter3.eml")
    message.add_attachment(_pdf(), maintype="application", subtype="pdf", filename="bericht.pdf")
    message.add_attachment(REPORT.encode() * 30, maintype="application", subtype="octet-stream")
    data = bytes(message)
    boundary = message.get_boundary().encode()
    one_line = _message()
    one_line.add_attachment(_pdf(), maintype="application", subtype="pdf", filename="a.pdf")
    opening = b'filename="a.pdf"\nMIME-Version: 1.0\n\n'
    one_line_data = bytes(one_line).replace(opening, opening + b"QUFB" * 400_000)
    assert len(one_line_data) > 1_600_000
    return {
        "as written": data,
        "CR LF": data.replace(b"\n", b"\r\n"),
        "CR alone after the message's header": b"\n\n".join((lambda h, b: (h, b.replace(b"\n", b"\r")))(*data.split(b"\n\n", 1))),
        "cut short, no closing boundary": data[: len(data) * 2 // 3],
        "boundaries one after another": data.replace(b"--" + boundary + b"\n", b"--" + boundary + b"\n--" + boundary + b"\n", 2),
        "boundary never found": data.replace(b"--" + boundary + b"\n", b"--other\n"),
        "multipart without a boundary": data.replace(b'boundary="' + boundary + b'"', b"charset=utf-8", 1),
        "a payload line opening with the boundary and more": data.replace(b"\n--" + boundary + b"\n", b"\n--" + boundary + b"x\n", 1),
        "no blank line after a part's header": data.replace(b"filename=\"notiz.txt\"\n\n", b"filename=\"notiz.txt\"\n"),
        "mbox From line": b"From presse@example.org Tue Mar  5 07:00:00 2024\n" + data,
        "a line of 1.6 MB without a break": one_line_data,
        "a single part sent as an attachment": bytes(_message()).replace(
            b"Content-Type:", b"Content-Disposition: attachment; filename=\"x.txt\"\nContent-Type:", 1
        ),
    }


@pytest.mark.parametrize("read_bytes", [attachments.READ_BYTES, 7])
def test_the_outline_of_a_message_lists_what_the_whole_message_parsed_lists(monkeypatch: pytest.MonkeyPatch, read_bytes: int) -> None:
    monkeypatch.setattr(attachments, "READ_BYTES", read_bytes)  # 7: lines and CR LF cut between reads
    for label, data in _written_messages().items():
        for max_bytes in (MAX, 40_000):  # 40,000: the files over it refused by the size their message tells
            if (read_bytes == 7 or max_bytes == 40_000) and len(data) > 160_000:
                continue
            outlined = list_attachments(data, max_bytes=max_bytes)
            assert outlined == _parsed_listing(data, max_bytes), label
    listed = list_attachments(_written_messages()["as written"], max_bytes=MAX)
    assert [a.key for a in listed] == ["bericht.pdf", "notiz.txt", "message-1.eml#inner.pdf", "weiter2.eml", "bericht~2.pdf", "attachment-6.bin"]  # type: ignore[union-attr]


def test_listing_a_large_message_keeps_none_of_its_payload(tmp_path: Path) -> None:
    import tracemalloc

    message = _message()
    for n in range(3):
        message.add_attachment(b"%PDF-1.4\n" + bytes(range(256)) * 40_000, maintype="application", subtype="pdf", filename=f"anlage-{n}.pdf")
    path = tmp_path / "anlagen.eml"
    path.write_bytes(bytes(message))
    assert path.stat().st_size > 40_000_000
    tracemalloc.start()
    try:
        found = scan_email(path, max_bytes=20_000_000)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert [m.record.key for m in found.members] == ["anlage-0.pdf", "anlage-1.pdf", "anlage-2.pdf"]
    assert peak < 2_000_000  # the email package held the whole message parsed: about eight times its size


def test_a_message_whose_outline_cannot_be_read_is_refused_with_the_reason() -> None:
    deep = b"From: a@example.org\nContent-Type: multipart/mixed; boundary=b0\n\n"
    for n in range(attachments.MAX_OUTLINE_DEPTH + 2):
        deep += f"--b{n}\nContent-Type: multipart/mixed; boundary=b{n + 1}\n\n".encode()
    listed = list_attachments(deep, max_bytes=MAX)
    assert isinstance(listed, Problem) and f"nested more than {attachments.MAX_OUTLINE_DEPTH} deep" in listed.detail
    shallow = list_attachments(deep.split(b"--b10\n")[0], max_bytes=MAX)
    assert shallow == ()  # ten deep: read, and no file in it
    message = _message()
    message.add_attachment(_pdf(), maintype="application", subtype="pdf", filename="a.pdf")
    long_field = bytes(message).replace(b"Content-Disposition: attachment", b"X-Long: " + b"a" * 70_000 + b"\nContent-Disposition: attachment")
    listed = list_attachments(long_field, max_bytes=MAX)
    assert isinstance(listed, Problem) and "a part whose header is longer than 65536 bytes" in listed.detail
    short_field = bytes(message).replace(b"Content-Disposition: attachment", b"X-Long: " + b"a" * 60_000 + b"\nContent-Disposition: attachment")
    assert [a.key for a in list_attachments(short_field, max_bytes=MAX)] == ["a.pdf"]  # type: ignore[union-attr]


def test_the_files_attached_to_a_gzipped_message_on_disk_are_documents(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import gzip

    from tests.documents import msg_bytes

    message = _message()
    message.add_attachment(_pdf("Jahresbericht 2023"), maintype="application", subtype="pdf", filename="bericht.pdf")
    (tmp_path / "pr.eml.gz").write_bytes(gzip.compress(bytes(message)))
    outlook = msg_bytes(subject="Notiz", body=COVER, attachments=[("notiz.pdf", _pdf("Notiz"), "application/pdf")])
    (tmp_path / "notiz.msg.gz").write_bytes(gzip.compress(outlook))
    (tmp_path / "plain.eml.gz").write_bytes(gzip.compress(bytes(_message(message_id="<plain@example.org>"))))
    (tmp_path / "text.txt.gz").write_bytes(gzip.compress(bytes(message)))  # no e-mail by its name: one document
    loaded = _load(tmp_path)
    names = {p.split("/", 1)[1]: got for p, got in loaded.items()}
    assert sorted(names) == ["notiz.msg.gz", "notiz.msg.gz#notiz.pdf", "plain.eml.gz", "pr.eml.gz", "pr.eml.gz#bericht.pdf", "text.txt.gz"]
    report = names["pr.eml.gz#bericht.pdf"]
    assert isinstance(report, SourceDocument) and report.format == "pdf" and report.properties.title == "Jahresbericht 2023"
    assert isinstance(names["notiz.msg.gz#notiz.pdf"], SourceDocument) and names["notiz.msg.gz#notiz.pdf"].properties.title == "Notiz"
    assert isinstance(names["pr.eml.gz"], SourceDocument) and names["pr.eml.gz"].format == "email"
    # near misses: a gzip bomb of a message, a damaged gzip, gzip bytes under another name: not listed, the message still read
    monkeypatch.setattr(attachments, "MESSAGE_BYTES_FACTOR", 1)
    big = _message(message_id="<big@example.org>", body=COVER + "\n" + "x" * 80_000)
    big.add_attachment(_pdf(), maintype="application", subtype="pdf", filename="anhang.pdf")
    (tmp_path / "big.eml.gz").write_bytes(gzip.compress(bytes(big)))
    found = scan_email(tmp_path / "big.eml.gz", max_bytes=50_000)
    assert found.problem is not None and found.problem[0] == Reason.TOO_LARGE and "decompresses to more than 1 times" in found.problem[1]
    assert [m.record.key for m in scan_email(tmp_path / "big.eml.gz", max_bytes=200_000).members] == ["anhang.pdf"]
    (tmp_path / "cut.eml.gz").write_bytes(gzip.compress(bytes(message))[:-300])
    cut = scan_email(tmp_path / "cut.eml.gz", max_bytes=MAX)
    assert cut.problem is not None and cut.problem[0] == Reason.UNREADABLE
    (tmp_path / "named.eml.gz").write_bytes(bytes(message))  # not gzipped at all: listed as the message it is
    assert [m.record.key for m in scan_email(tmp_path / "named.eml.gz", max_bytes=MAX).members] == ["bericht.pdf"]


def _random_message(rng: "random.Random", depth: int = 0) -> EmailMessage:
    message = _message(message_id=f"<r-{rng.getrandbits(32)}@example.org>", body=COVER + "\n-- \nGruß\n" * rng.randint(0, 3))
    if rng.random() < 0.5:
        message.add_alternative("<p>Sehr geehrte Damen und Herren</p>", subtype="html")
    for _ in range(rng.randint(0, 5)):
        name = rng.choice(["a.pdf", "b.txt", None, "d.eml", "e.png", "f.zip"])
        kind = rng.random()
        if kind < 0.5:
            message.add_attachment(rng.randbytes(rng.randint(0, 3000)), maintype="application", subtype="octet-stream", filename=name)
        elif kind < 0.7:
            message.add_attachment("text -- --x\n-" * rng.randint(0, 60), subtype="plain", filename=name, cte=rng.choice(["quoted-printable", "base64", "8bit"]))
        elif kind < 0.85 and depth < 2:
            long = rng.random() < 0.3  # a long one: the outline decodes only its opening
            inner = _message(message_id="<long@example.org>", body=FORWARDED * 300) if long else _random_message(rng, depth + 1)
            if rng.random() < 0.5:
                message.add_attachment(inner)
            else:
                message.add_attachment(bytes(inner), maintype="application", subtype="octet-stream", filename="fwd.eml")
        else:
            message.add_attachment(b"\x89PNG" + bytes(100), maintype="image", subtype="png", filename=name, disposition="inline")
    return message


def _damaged(rng: "random.Random", data: bytes) -> bytes:
    """The message damaged as files are: a CR put in, bytes cut out or at the end, line breaks changed, a line
    opening with "--" or a blank line put in, CR alone as the line break after the header."""
    damaged = bytearray(data)
    for _ in range(rng.randint(1, 3)):
        at = rng.randrange(len(damaged) + 1)
        change = rng.randrange(7)
        if change == 0:
            damaged[at:at] = b"\r"
        elif change == 1:
            del damaged[at : at + rng.randint(1, 50)]
        elif change == 2:
            damaged = damaged.replace(b"\n", b"\r\n")
        elif change == 3:
            damaged[at:at] = b"\n--"
        elif change == 4:
            damaged = damaged[:at]
        elif change == 5:
            damaged[at:at] = b"\n\n"
        else:  # CR alone after the message's header
            header, blank, body = bytes(damaged).partition(b"\n\n")
            damaged = bytearray(header + blank + body.replace(b"\n", b"\r"))
    return bytes(damaged)


def test_the_outline_lists_what_the_whole_message_parsed_lists_on_random_and_damaged_messages() -> None:
    import random

    rng = random.Random(20_231)
    for n in range(120):
        data = bytes(_random_message(rng))
        if n % 3:
            data = _damaged(rng, data)
        if not attachments._opens_as_mail(data):
            continue
        for max_bytes in (MAX, 1_500):
            if len(data) <= 4 * max_bytes:
                assert list_attachments(data, max_bytes=max_bytes) == _parsed_listing(data, max_bytes), (n, data[:2000])


def _forwarding(depth_files: bool = True) -> EmailMessage:
    """A message with a report of its own, a message forwarded as an attachment (without a name) holding a report,
    a logo and a message forwarded to it in turn, and a second forwarded message named ``Weiterleitung.eml``."""
    deepest = _message(message_id="<tief@example.org>", body=FORWARDED)
    deepest.add_attachment(_pdf("Tief"), maintype="application", subtype="pdf", filename="tief.pdf")
    inner = _message(message_id="<fwd@example.org>", body=FORWARDED)
    inner.add_attachment(_pdf("Innerer Bericht"), maintype="application", subtype="pdf", filename="bericht.pdf")
    inner.add_attachment(b"\x89PNG\r\n\x1a\n" + bytes(64), maintype="image", subtype="png", filename="logo.png")
    if depth_files:
        inner.add_attachment(deepest)
    named = _message(message_id="<named@example.org>", body=FORWARDED)
    named.add_attachment(_pdf("Benannt"), maintype="application", subtype="pdf", filename="bericht.pdf")
    outer = _message()
    outer.add_attachment(_pdf("Eigener Bericht"), maintype="application", subtype="pdf", filename="bericht.pdf")
    outer.add_attachment(inner)
    outer.add_attachment(named, filename="Weiterleitung.eml")
    return outer


def test_the_files_of_a_message_attached_to_a_message_are_documents_named_after_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data = bytes(_forwarding())
    listed = list_attachments(data, max_bytes=MAX)
    assert [a.key for a in listed] == [  # type: ignore[union-attr]
        "bericht.pdf", "message-1.eml#bericht.pdf", "message-1.eml#message-1.eml#tief.pdf", "Weiterleitung.eml#bericht.pdf",
    ]
    assert listed == _parsed_listing(data)  # the outline lists what the whole message parsed lists
    (tmp_path / "pr.eml").write_bytes(data)
    loaded = {p.split("/", 1)[1]: got for p, got in _load(tmp_path).items()}
    titles = {p: got.properties.title for p, got in loaded.items() if isinstance(got, SourceDocument) and got.format == "pdf"}
    assert titles == {
        "pr.eml#bericht.pdf": "Eigener Bericht", "pr.eml#message-1.eml#bericht.pdf": "Innerer Bericht",
        "pr.eml#message-1.eml#message-1.eml#tief.pdf": "Tief", "pr.eml#Weiterleitung.eml#bericht.pdf": "Benannt",
    }
    message = loaded["pr.eml"]
    assert isinstance(message, SourceDocument) and FORWARDED in message.text  # the forwarded text is still the message's
    # near misses: deeper than MAX_FORWARD_DEPTH, a forwarded message without files, a forwarded .eml sent as a file
    monkeypatch.setattr(attachments, "MAX_FORWARD_DEPTH", 1)
    assert [a.key for a in list_attachments(data, max_bytes=MAX)] == ["bericht.pdf", "message-1.eml#bericht.pdf", "Weiterleitung.eml#bericht.pdf"]  # type: ignore[union-attr]
    plain = _message()
    plain.add_attachment(_message(message_id="<leer@example.org>", body=FORWARDED))
    assert list_attachments(bytes(plain), max_bytes=MAX) == ()
    as_file = _message()
    as_file.add_attachment(bytes(_forwarding()), maintype="application", subtype="octet-stream", filename="weiter.eml")
    assert list_attachments(bytes(as_file), max_bytes=MAX) == ()  # its text is read into the message; its files are not looked into


def _odd_messages() -> dict[str, bytes]:
    """Messages on which the outline once listed other files than the whole message parsed: each has a report
    after the odd part, which was refused as changed when the listings disagreed on the files before it."""
    def mixed(*parts: bytes, subtype: bytes = b"mixed") -> bytes:
        body = b"".join(b"--B\n" + part + b"\n" for part in parts)
        return b"From: a@example.org\nSubject: s\nContent-Type: multipart/" + subtype + b'; boundary="B"\n\n' + body + b"--B--\n"

    def pdf_part(name: bytes, headers: bytes = b"Content-Type: application/pdf\n") -> bytes:
        return headers + b'Content-Disposition: attachment; filename="' + name + b'"\nContent-Transfer-Encoding: base64\n\n' + base64.encodebytes(_pdf())

    def inner(name: bytes) -> bytes:
        return b"From: b@example.org\nContent-Type: multipart/mixed; boundary=I\n\n--I\nContent-Type: text/plain\n\nweiter\n--I\n" + pdf_part(name) + b"\n--I--\n"

    eml = b"Content-Disposition: attachment; filename=\"anlage.eml\"\nContent-Type: application/octet-stream\n"
    return {
        # a digest's parts are messages without saying so (RFC 2046 5.1.5): the parser reads them so
        "digest": mixed(b"\n" + inner(b"digest.pdf"), pdf_part(b"bericht.pdf"), subtype=b"digest"),
        # a PDF named .eml whose opening is blank lines: told from the same first bytes by listing and reading
        "blank lines before a PDF named .eml": mixed(
            b"Content-Type: text/plain\n\nAnbei\n", eml + b"Content-Transfer-Encoding: base64\n\n" + base64.encodebytes(b"\n" * 20_000 + _pdf()),
            pdf_part(b"bericht.pdf"),
        ),
        "soft line breaks before a PDF named .eml": mixed(
            b"Content-Type: text/plain\n\nAnbei\n", eml + b"Content-Transfer-Encoding: quoted-printable\n\n" + b"=\n" * 10_000 + b"%PDF-1.4 x",
            pdf_part(b"bericht.pdf"),
        ),
    }


def test_the_outline_lists_what_the_whole_message_parsed_lists_on_odd_messages_and_each_file_listed_is_read(tmp_path: Path) -> None:
    for label, data in _odd_messages().items():
        assert list_attachments(data, max_bytes=MAX) == _parsed_listing(data), label
        folder = tmp_path / label.replace(" ", "-")
        folder.mkdir()
        (folder / "pr.eml").write_bytes(data)
        loaded = {p.split("/", 1)[1]: got for p, got in _load(folder).items()}
        report = loaded["pr.eml#bericht.pdf"]
        assert isinstance(report, SourceDocument) and report.format == "pdf", (label, report)
    assert [a.key for a in list_attachments(_odd_messages()["digest"], max_bytes=MAX)] == ["message-1.eml#digest.pdf", "bericht.pdf"]  # type: ignore[union-attr]


def test_a_file_s_size_as_listed_counts_the_bytes_sent_whether_the_message_is_outlined_or_parsed() -> None:
    body = "Größe".encode() * 8_000  # 56,000 bytes sent as 8bit UTF-8: 40,000 characters when decoded by its charset
    message = (
        b'From: a@example.org\nContent-Type: multipart/mixed; boundary="B"\n\n--B\nContent-Type: text/plain\n\nAnbei\n'
        b'--B\nContent-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: 8bit\nContent-Disposition: attachment; filename="g.txt"\n\n'
        + body + b"\n--B--\n"
    )
    for max_bytes in (50_000, 60_000):  # under the bytes (refused) and over them (read)
        listed = list_attachments(message, max_bytes=max_bytes)
        assert listed == _parsed_listing(message, max_bytes)
        assert [a.problem is not None for a in listed] == [max_bytes == 50_000]  # type: ignore[union-attr]


def test_a_line_read_in_pieces_is_a_boundary_only_as_a_whole(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(attachments, "LINE_PIECE", 100)  # as a line of over 1 MB is read in pieces
    monkeypatch.setattr(attachments, "READ_BYTES", 7)

    def message(second_boundary: bytes) -> bytes:
        pdf = base64.encodebytes(_pdf())
        return (
            b'From: a@example.org\nContent-Type: multipart/mixed; boundary="B"\n\n--B\nContent-Type: text/plain\n\n'
            + b"Anbei\n" * 12_000  # past the first 64 kB, read with the header (so the line is read in reads of 7 bytes)
            + b'--B\nContent-Type: application/pdf\nContent-Disposition: attachment; filename="a.pdf"\nContent-Transfer-Encoding: base64\n\n' + pdf
            + second_boundary + b'Content-Type: application/pdf\nContent-Disposition: attachment; filename="b.pdf"\nContent-Transfer-Encoding: base64\n\n'
            + pdf + b"--B--\n"
        )

    spaced = message(b"--B" + b" " * 300 + b"\n")  # the boundary, spaces after it: two files
    assert [a.key for a in list_attachments(spaced, max_bytes=MAX)] == ["a.pdf", "b.pdf"]  # type: ignore[union-attr]
    assert list_attachments(spaced, max_bytes=MAX) == _parsed_listing(spaced)
    worded = message(b"--B" + b" " * 300 + b"x\n")  # a line of a.pdf's part: one file, b.pdf's header is its payload
    assert [a.key for a in list_attachments(worded, max_bytes=MAX)] == ["a.pdf"]  # type: ignore[union-attr]
    assert list_attachments(worded, max_bytes=MAX) == _parsed_listing(worded)


def test_the_files_after_a_message_s_first_hundred_keep_the_keys_they_had_so_that_prune_keeps_them(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from flows.pipeline import seen_source_paths
    from tests.documents import msg_bytes

    message = _message()
    for n in range(4):
        message.add_attachment(f"Notiz {n}: {REPORT}".encode(), maintype="text", subtype="plain", filename=f"notiz{n}.txt")
    message.add_attachment(_forwarding())  # a forwarded message's files: message-1.eml#bericht.pdf, ...
    message.add_attachment(_pdf(), maintype="application", subtype="pdf")  # no name: attachment-9.pdf
    message.add_attachment(_pdf(), maintype="application", subtype="pdf", filename="notiz0.txt")  # a namesake: notiz0~2.txt
    (tmp_path / "pr.eml").write_bytes(bytes(message))
    files = [(f"notiz{n}.txt", f"Notiz {n}: {REPORT}".encode(), "text/plain") for n in range(3)] + [("notiz0.txt", b"x", "text/plain")]
    (tmp_path / "pr.msg").write_bytes(msg_bytes(subject="Notizen", body=COVER, attachments=files))
    (tmp_path / "box.mbox").write_bytes(b"From presse@example.org Tue Mar  5 07:00:00 2024\n" + bytes(message))
    one_by_one = [r.source_path for r in discover([tmp_path], max_bytes=MAX)]  # under the limit: each listed
    monkeypatch.setattr(attachments, "MAX_ATTACHMENTS", 2)
    refs = discover([tmp_path], max_bytes=MAX)
    passed = {r.source_path.split("/", 1)[1]: r for r in refs if "#attached-files-" in r.source_path}
    assert sorted(passed) == ["box.mbox#pr-1@example.org#attached-files-3-to-10", "pr.eml#attached-files-3-to-10", "pr.msg#attached-files-3-to-4"]
    assert [p.split("/", 1)[1] for p in passed["pr.eml#attached-files-3-to-10"].held] == [
        "pr.eml#notiz2.txt", "pr.eml#notiz3.txt", "pr.eml#message-1.eml#bericht.pdf", "pr.eml#message-1.eml#message-1.eml#bericht.pdf",
        "pr.eml#message-1.eml#message-1.eml#message-1.eml#tief.pdf", "pr.eml#message-1.eml#Weiterleitung.eml#bericht.pdf",
        "pr.eml#attachment-9.pdf", "pr.eml#notiz0~2.txt",
    ]
    assert all(r.documents == len(r.held) for r in passed.values())
    assert seen_source_paths(refs) >= set(one_by_one)  # each file the message holds is found: --prune keeps it


def test_a_gzipped_message_with_bytes_after_its_gzip_data_is_listed_as_it_is_read(tmp_path: Path) -> None:
    import gzip

    message = _message()
    message.add_attachment(_pdf("Jahresbericht 2023"), maintype="application", subtype="pdf", filename="bericht.pdf")
    data = bytes(message)
    for label, saved in {
        "bytes after it": gzip.compress(data) + b"\r\n-- saved by a mail archive --\r\n",
        "zeros after it": gzip.compress(data) + bytes(512),
        "two members": gzip.compress(data[:700]) + gzip.compress(data[700:]),
    }.items():
        folder = tmp_path / label.replace(" ", "-")
        folder.mkdir()
        (folder / "pr.eml.gz").write_bytes(saved)
        loaded = {p.split("/", 1)[1]: got for p, got in _load(folder).items()}
        assert sorted(loaded) == ["pr.eml.gz", "pr.eml.gz#bericht.pdf"], label  # the message reads: so are its files listed
        report = loaded["pr.eml.gz#bericht.pdf"]
        assert isinstance(report, SourceDocument) and report.properties.title == "Jahresbericht 2023", label
    (tmp_path / "cut.eml.gz").write_bytes(gzip.compress(data)[:-20])  # near miss: cut short, not listed
    assert scan_email(tmp_path / "cut.eml.gz", max_bytes=MAX).problem is not None


def test_lines_that_open_with_one_dash_are_read_in_blocks_not_one_by_one(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = 0
    readline = attachments._Lines.readline

    def counted(self: attachments._Lines) -> bytes:
        nonlocal calls
        calls += 1
        return readline(self)

    monkeypatch.setattr(attachments._Lines, "readline", counted)
    diff = b"".join(b" context %d\n-removed %d\n+added %d\n" % (n, n, n) for n in range(20_000))  # a patch sent as text
    message = _message()
    message.add_attachment(diff, maintype="text", subtype="x-diff", filename="fix.diff", cte="8bit")
    message.add_attachment(_pdf(), maintype="application", subtype="pdf", filename="bericht.pdf")
    for data in (bytes(message), bytes(message).replace(b"\n", b"\r\n")):
        assert list_attachments(data, max_bytes=MAX) == _parsed_listing(data)
        assert [a.key for a in list_attachments(data, max_bytes=MAX)] == ["fix.diff", "bericht.pdf"]  # type: ignore[union-attr]
    assert calls < 200  # its 20,000 lines that open with "-" were each read on their own, and each read looked to the end of what was read


def _read_both_ways(path: Path, max_bytes: int = MAX) -> tuple[int, int]:
    """Each attached file listed of a message (an ``.eml`` file, gzipped or not, or a mailbox's messages) read from
    its part's bytes (``read_attachment``) and from its message parsed whole (``_read_parsed``, as before): the
    same name, bytes and date, or the same refusal. The files compared, and of them those read from the parse."""
    compared = fell_back = 0
    for ref in discover([path], max_bytes=max_bytes):
        if ref.record is None or ref.record.kind != "email":
            continue
        attachments.release()
        span = read_attachment(ref.path, ref.record, max_bytes=max_bytes)
        kept = attachments._last.message
        fell_back += kept is not None and not isinstance(kept.message, attachments._Outline)
        attachments.release()
        message = ref.record.message
        key = ref.record.key if message is None else ref.record.key[len(message.key) + 1 :]
        whole = attachments._read_parsed(ref.path, ref.record, ("whole",), key, None, max_bytes=max_bytes)
        attachments.release()
        assert span == whole, (path.name, ref.source_path, span if isinstance(span, Problem) else span[0])
        compared += 1
    return compared, fell_back


def _written_on_disk(folder: Path, label: str, data: bytes) -> list[Path]:
    """A message as an ``.eml`` file, gzipped, and as the one message of a mailbox."""
    import gzip

    stem = "".join(c if c.isalnum() else "-" for c in label)
    paths = [folder / f"{stem}.eml", folder / f"{stem}.eml.gz", folder / f"{stem}.mbox"]
    paths[0].write_bytes(data)
    paths[1].write_bytes(gzip.compress(data))
    unquoted = data.removeprefix(b"From presse@example.org Tue Mar  5 07:00:00 2024\n")
    paths[2].write_bytes(b"From presse@example.org Tue Mar  5 07:00:00 2024\n" + unquoted.replace(b"\nFrom ", b"\n>From ") + b"\n")
    return paths


def _span_messages() -> dict[str, bytes]:
    """Messages whose payloads test the decoding of one part from its bytes: each transfer encoding as the email
    package compares it, damaged base64, a boundary among base64's lines, a payload that ends the file."""
    def mixed(*parts: bytes, end: bytes = b"--B--\n") -> bytes:
        body = b"".join(b"--B\n" + part + b"\n" for part in parts)
        return b'From: a@example.org\nDate: Tue, 05 Mar 2024 07:00:00 +0100\nContent-Type: multipart/mixed; boundary="B"\n\n' + body + end

    def part(name: bytes, cte: bytes, payload: bytes) -> bytes:
        head = b'Content-Type: application/octet-stream\nContent-Disposition: attachment; filename="' + name + b'"\n'
        return head + (b"Content-Transfer-Encoding: " + cte + b"\n" if cte else b"") + b"\n" + payload

    import binascii
    import quopri

    pdf = _pdf()
    b64 = base64.encodebytes(pdf)
    uu = b"begin 644 u.pdf\n" + b"".join(binascii.b2a_uu(pdf[i : i + 45]) for i in range(0, len(pdf), 45)) + b"`\nend\n"
    return {
        "each encoding": mixed(
            b"Content-Type: text/plain\n\nAnbei\n", part(b"a.pdf", b"base64", b64), part(b"q.txt", b"quoted-printable", quopri.encodestring(REPORT.encode() * 20)),
            part(b"u.pdf", b"x-uuencode", uu), part(b"e.txt", b"8bit", "Größe\n".encode() * 50), part(b"n.txt", b"", b"\x00\xff" * 100),
            part(b"s.pdf", b"base64 ", b64[:400]), part(b"c.pdf", b"BASE64", b64), part(b"z.txt", b"7bit", b""),
        ),
        "a boundary among base64 lines": mixed(part(b"a.pdf", b"base64", b64[:800] + b"--B\n" + b64[800:]), part(b"b.pdf", b"base64", b64)),
        "padding in the middle and letters after it": mixed(part(b"a.pdf", b"base64", b"QUJDRA==\nRUZH\n"), part(b"b.pdf", b"base64", b"QUJD\n=\nRA=\n=\n")),
        "base64 one letter past whole groups": mixed(part(b"a.pdf", b"base64", b64[:-1].rstrip(b"=\n") + b"\n"), part(b"b.pdf", b"base64", b64)),
        "quoted-printable with CR alone": mixed(part(b"q.txt", b"quoted-printable", b"eins=\rzwei=41\rdrei\rvier=\n=3D=\r\nf=C3=BCnf")),
        "uuencode without begin, and cut": mixed(part(b"u.txt", b"x-uuencode", b"no begin here\n"), part(b"v.txt", b"uuencode", uu[:200] + b"\n\n")),
        "the last part ends the file": mixed(part(b"a.pdf", b"base64", b64), part(b"b.pdf", b"base64", b64[:1000]), end=b""),
        "one part, the file ends with no line break": (
            b'From: a@example.org\nContent-Type: application/pdf\nContent-Disposition: attachment; filename="a.pdf"\n'
            b"Content-Transfer-Encoding: base64\n\n" + b64.rstrip(b"\n")
        ),
    }


@pytest.mark.parametrize("read_bytes", [attachments.READ_BYTES, 7])
def test_an_attached_file_read_from_its_part_s_bytes_is_what_the_whole_message_parsed_gives(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, read_bytes: int
) -> None:
    monkeypatch.setattr(attachments, "READ_BYTES", read_bytes)  # 7: base64 groups, escapes and CR LF cut between reads
    messages = {**_written_messages(), **_odd_messages(), **_span_messages()}
    messages.update({f"{label}, CR LF": data.replace(b"\n", b"\r\n") for label, data in _span_messages().items()})
    compared = fell_back = 0
    for label, data in messages.items():
        if read_bytes == 7 and len(data) > 160_000:
            continue
        for path in _written_on_disk(tmp_path, label, data):
            for max_bytes in (MAX, 2_000):  # 2,000: files over it refused when read, by their decoded size
                got = _read_both_ways(path, max_bytes)
                compared, fell_back = compared + got[0], fell_back + got[1]
    assert compared > 200 and fell_back == 0


@pytest.mark.parametrize("blank", [b"\n", b""])
def test_a_from_line_that_ends_a_part_s_header_is_the_first_line_of_its_payload(tmp_path: Path, blank: bytes) -> None:
    """The email package's parser gives a "From " line last in a header (not its first line) back as the payload's
    first line: "From QUJD" and "RUZH" are the base64 "FromQUJDRUZH". Without a blank line after it, the payload
    is one span of the message's bytes and is read from it; with one, the blank line lies within, and the file is
    read from the message parsed whole."""
    data = (
        b'From: a@example.org\nContent-Type: multipart/mixed; boundary="B"\n\n--B\nContent-Disposition: attachment; filename="a.pdf"\n'
        b"Content-Transfer-Encoding: base64\nFrom QUJD\n" + blank + b'RUZH\n--B\nContent-Disposition: attachment; filename="b.txt"\n'
        b"From here\n" + blank + b"the body\n--B--\n"
    )
    compared = fell_back = 0
    for path in _written_on_disk(tmp_path, "from", data):
        got = _read_both_ways(path)
        compared, fell_back = compared + got[0], fell_back + got[1]
    assert compared == 6 and fell_back == (6 if blank else 0)
    ref = next(r for r in discover([tmp_path / "from.eml"], max_bytes=MAX) if r.record is not None and r.record.key == "a.pdf")
    assert read_attachment(ref.path, ref.record, max_bytes=MAX) == ("a.pdf", base64.b64decode(b"FromQUJDRUZH"), None)
    attachments.release()


def test_an_attached_file_of_random_and_damaged_messages_read_from_its_part_s_bytes_is_what_the_whole_parse_gives(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import random

    rng = random.Random(20_241)
    compared = 0
    for n in range(90):
        data = bytes(_random_message(rng))
        if n % 3:
            data = _damaged(rng, data)
        monkeypatch.setattr(attachments, "READ_BYTES", rng.choice([attachments.READ_BYTES, 5, 64]))
        for path in _written_on_disk(tmp_path, f"r{n}", data):
            compared += _read_both_ways(path)[0]
    assert compared > 300


def test_a_file_of_a_large_message_is_read_without_parsing_the_message(tmp_path: Path) -> None:
    import tracemalloc

    message = _message()
    for n in range(3):
        message.add_attachment(b"%PDF-1.4\n" + bytes(range(256)) * 20_000 + bytes([n]), maintype="application", subtype="pdf", filename=f"anlage-{n}.pdf")
    path = tmp_path / "anlagen.eml"
    path.write_bytes(bytes(message))
    members = scan_email(path, max_bytes=20_000_000).members
    attachments.release()
    tracemalloc.start()
    try:
        got = read_attachment(path, members[1].record, max_bytes=20_000_000)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
        attachments.release()
    assert not isinstance(got, Problem) and got[1] == b"%PDF-1.4\n" + bytes(range(256)) * 20_000 + b"\x01"
    assert peak < 1.5 * 5_120_010  # the file held once; the message parsed whole held about eight times its 20 MB


def test_a_message_changed_after_listing_with_its_size_and_time_kept_is_read_as_it_now_is_or_refused(tmp_path: Path) -> None:
    import os

    def message(first: str, second: str) -> bytes:
        m = _message()
        m.add_attachment(first.encode(), maintype="text", subtype="plain", filename="a.txt")
        m.add_attachment(second.encode(), maintype="text", subtype="plain", filename="b.txt")
        return bytes(m)

    path = tmp_path / "pr.eml"
    path.write_bytes(message("erste Fassung", "zweite"))
    stamp = path.stat()
    members = scan_email(path, max_bytes=MAX).members
    attachments.release()
    path.write_bytes(message("erste fassung", "zweite"))  # the same size: the bytes a parse would read now
    os.utime(path, ns=(stamp.st_atime_ns, stamp.st_mtime_ns))
    got = read_attachment(path, members[0].record, max_bytes=MAX)
    assert not isinstance(got, Problem) and got[1] == b"erste fassung"
    path.write_bytes(message("erste fassung!", "zweite"))  # another size: refused as changed, as before
    got = read_attachment(path, members[1].record, max_bytes=MAX)
    assert isinstance(got, Problem) and got.reason == Reason.UNREADABLE and "changed" in got.detail
    attachments.release()


def test_the_files_of_a_gzipped_message_read_one_after_another_decompress_it_once_more_not_once_each(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import gzip

    from flows.steps.formats import GunzipReader

    decompressed = 0

    class Counting(GunzipReader):
        def read(self, size: int = -1) -> bytes:
            nonlocal decompressed
            got = super().read(size)
            decompressed += len(got)
            return got

    message = _message()
    for n in range(20):
        message.add_attachment(f"{REPORT} ({n})\n".encode() + bytes(range(256)) * 200, maintype="application", subtype="octet-stream", filename=f"a{n}.txt")
    data = bytes(message)
    path = tmp_path / "pr.eml.gz"
    path.write_bytes(gzip.compress(data))
    refs = [r for r in discover([path], max_bytes=MAX) if r.record is not None]
    monkeypatch.setattr(attachments, "GunzipReader", Counting)
    attachments.release()
    got = [read_attachment(r.path, r.record, max_bytes=MAX) for r in refs]  # type: ignore[arg-type]
    assert [g[1].startswith(f"{REPORT} ({n})".encode()) for n, g in enumerate(got)] == [True] * 20  # type: ignore[union-attr]
    assert decompressed <= 2 * len(data) + 2 * attachments.READ_BYTES  # the outline once, and the payloads read on from there
    decompressed = 0
    again = read_attachment(refs[3].path, refs[3].record, max_bytes=MAX)  # type: ignore[arg-type]
    assert again == got[3] and decompressed <= len(data) // 2  # a file before the last one read: decompressed again up to it
    attachments.release()


def _odd_parts() -> dict[str, bytes]:
    """Messages odd where a payload starts or ends, or in how its transfer encoding is written: each file's bytes
    read from its part must be those of the whole parse."""
    b64 = base64.encodebytes(_pdf())
    head = b'From: a@example.org\nContent-Type: multipart/mixed; boundary="B"\n\n'

    def part(name: bytes = b"a.pdf", cte: bytes = b"base64", body: bytes = b64, extra: bytes = b"") -> bytes:
        return (
            b'Content-Type: application/pdf\nContent-Disposition: attachment; filename="' + name + b'"\n' + extra
            + b"Content-Transfer-Encoding: " + cte + b"\n\n" + body
        )

    return {
        "a blank CR LF line after LF headers": head + b"--B\n" + part().replace(b"\n\n", b"\n\r\n", 1) + b"\n--B--\n",
        "a header ended by CR alone": head + b"--B\n" + part().replace(b"base64\n\n", b"base64\r\r", 1) + b"\n--B--\n",
        "a part without header": head + b"--B\n\n" + b64 + b"\n--B\n" + part(b"b.pdf") + b"\n--B--\n",
        "a boundary right after a header": head + b"--B\n" + part(body=b"")[:-1] + b"--B\n" + part(b"b.pdf") + b"\n--B--\n",
        "an empty last body, closed without line break": head + b"--B\n" + part(body=b"") + b"--B--",
        "a payload ending in blank lines": head + b"--B\n" + part(body=b64 + b"\r\n\r\n") + b"\r\n--B--\r\n",
        "an inner multipart with the outer boundary": (
            head + b'--B\nContent-Type: multipart/mixed; boundary="B"\n\n--B\n' + part() + b"\n--B--\n--B\n" + part(b"b.pdf") + b"\n--B--\n"
        ),
        "a forwarded message as the whole message": b"From: a@example.org\nContent-Type: message/rfc822\n\n" + head + b"--B\n" + part() + b"\n--B--\n",
        "two transfer encodings": head + b"--B\n" + part(extra=b"Content-Transfer-Encoding: quoted-printable\n") + b"\n--B--\n",
        "a folded transfer encoding": head + b"--B\n" + part(cte=b"\n base64") + b"\n--B--\n",
        "a transfer encoding with a byte over 127": head + b"--B\n" + part(cte=b"base64\xff") + b"\n--B--\n",
        "boundaries with spaces and a tab": head + b"--B\n" + part() + b"\n--B \t\n" + part(b"b.pdf") + b"\n--B-- \n",
        "boundaries ended by CR CR": head + b"--B\r\r" + part() + b"\n--B\r\r" + part(b"b.pdf") + b"\n--B--\n",
        "a fake boundary in the preamble, a part after the end": (
            head + b"pre --B\n--Bx\n--B\n" + part() + b"\n--B--\nepilogue\n--B\n" + part(b"late.pdf") + b"\n"
        ),
        "an mbox From line in a part's header": head + b"--B\nFrom nobody\n" + part() + b"\n--B--\n",
        "a line that is no field ends a part's header": head + b"--B\n" + part().replace(b"\n\n", b"\nno field here\n", 1) + b"\n--B--\n",
        "form feed and vertical tab in base64": head + b"--B\n" + part(body=b64.replace(b"\n", b"\x0c\n\x0b", 5)) + b"\n--B--\n",
        "NUL, U+2028 and NEL in 8bit": head + b"--B\n" + part(cte=b"8bit", body="a\x00b\u2028c\x85d".encode()) + b"\n--B--\n",
    }


@pytest.mark.parametrize("read_bytes", [attachments.READ_BYTES, 5])
def test_files_of_messages_odd_where_a_payload_starts_or_ends_are_read_from_their_part_s_bytes_as_the_parse_reads_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, read_bytes: int
) -> None:
    monkeypatch.setattr(attachments, "READ_BYTES", read_bytes)
    compared = fell_back = 0
    for label, data in _odd_parts().items():
        for path in _written_on_disk(tmp_path, label, data):
            got = _read_both_ways(path)
            compared, fell_back = compared + got[0], fell_back + got[1]
    assert compared > 50 and fell_back == 0
