"""Outlook messages: property streams as [MS-OXMSG] lays them out (tests/documents.py writes whole .msg files)."""

from __future__ import annotations

import random
import struct
from datetime import datetime

import compressed_rtf

from flows.models import Reason
from flows.steps import outlook
from flows.steps.formats import Extracted, Problem, extract_msg
from tests.documents import msg_bytes, ole_bytes


def _entry(prop: int, kind: int, value: int) -> bytes:
    return struct.pack("<IIQ", prop << 16 | kind, 6, value)


def test_fixed_values_are_read_after_the_header_and_empty_slots_skipped() -> None:
    stream = bytes(32) + _entry(0x3FFD, 3, 1251) + bytes(16) + _entry(0x0039, 0x40, 7)
    values = outlook.fixed_values(stream)
    assert set(values) == {0x3FFD, 0x0039} and struct.unpack("<Q", values[0x0039])[0] == 7
    assert outlook.fixed_values(b"") == {} and outlook.fixed_values(bytes(40)) == {}


def test_strings_in_utf16_or_the_declared_code_page() -> None:
    unicode = {outlook.stream_name(0x0037, outlook.UNICODE): "Ελλάδα 😀\x00junk".encode("utf-16-le")}
    assert outlook.message(unicode).subject == "Ελλάδα 😀"  # up to the first NUL
    russian = {
        outlook.PROPERTIES: bytes(32) + _entry(0x3FFD, 3, 1251),
        outlook.stream_name(0x1000, outlook.STRING8): "Москва сообщает.".encode("cp1251"),
    }
    assert outlook.message(russian).text == "Москва сообщает."
    unknown = {outlook.PROPERTIES: bytes(32) + _entry(0x3FFD, 3, 99999),
               outlook.stream_name(0x1000, outlook.STRING8): "Straße".encode("cp1252")}
    assert outlook.message(unknown).text == "Straße"  # a code page Python lacks: Windows-1252


def test_html_body_in_its_internet_code_page_or_utf8_else_windows_1252() -> None:
    name = outlook.stream_name(outlook.HTML, outlook.BINARY)
    assert outlook.message({name: "<p>Grüße</p>".encode()}).html == "<p>Grüße</p>"
    assert outlook.message({name: "<p>Grüße</p>".encode("cp1252")}).html == "<p>Grüße</p>"
    declared = {outlook.PROPERTIES: bytes(32) + _entry(0x3FDE, 3, 28591), name: "<p>Grüße</p>".encode("latin-1")}
    assert outlook.message(declared).html == "<p>Grüße</p>"
    # internet code pages whose codecs are not called cpNNNNN: ISO 8859, KOI8, ISO-2022-JP, GB 18030
    for number, encoding, text in ((28592, "iso8859_2", "Zażółć, Łódź"), (20866, "koi8_r", "Москва"),
                                   (50220, "iso2022_jp", "日本語のメール"), (54936, "gb18030", "中文邮件")):
        streams = {outlook.PROPERTIES: bytes(32) + _entry(0x3FDE, 3, number), name: f"<p>{text}</p>".encode(encoding),
                   outlook.stream_name(outlook.BODY, outlook.STRING8): text.encode(encoding)}
        found = outlook.message(streams)
        assert (found.html, found.text) == (f"<p>{text}</p>", text), number


def test_sender_falls_back_to_the_address_and_the_date_to_delivery() -> None:
    streams = {
        outlook.stream_name(0x0C1F, outlook.UNICODE): "desk@example.org".encode("utf-16-le"),
        outlook.PROPERTIES: bytes(32) + _entry(0x0E06, 0x40, 133_000_000_000_000_000),
    }
    found = outlook.message(streams)
    assert found.sender == "desk@example.org" and found.sent is not None and found.sent.year == 2022
    overflow = {outlook.PROPERTIES: bytes(32) + _entry(0x0039, 0x40, 2**64 - 1)}
    assert outlook.message(overflow).sent is None


def test_outlook_messages_become_e_mail_text_or_html_with_subject_sender_and_date() -> None:
    plain = extract_msg(msg_bytes(subject="Haushalt beschlossen", body="Der Stadtrat hat den Haushalt beschlossen.",
                                  sender="Erika Müller", sent=datetime(2024, 3, 5, 9, 30)))
    assert isinstance(plain, Extracted) and plain.markup == "text" and plain.encoding == "msg"
    assert plain.text == "Der Stadtrat hat den Haushalt beschlossen."
    props = plain.properties
    assert (props.title, props.author, str(props.published)) == ("Haushalt beschlossen", "Erika Müller", "2024-03-05")
    eight_bit = extract_msg(msg_bytes(subject="Grüße", body="Straße – 5 €", codepage=1252))
    assert isinstance(eight_bit, Extracted) and eight_bit.text == "Straße – 5 €"
    html = extract_msg(msg_bytes(subject="Nur HTML", html="<html><body><p>Der Rat tagt.</p></body></html>".encode()))
    assert isinstance(html, Extracted) and html.markup == "html" and "Der Rat tagt." in html.text
    empty = extract_msg(msg_bytes(subject="Ohne Text"))
    assert isinstance(empty, Problem) and empty.reason is Reason.EMPTY and "no body" in empty.detail
    assert extract_msg(ole_bytes({"Workbook": b"x" * 100})) is None  # another Office 97 file


RICH_TEXT = (
    rb"{\rtf1\ansi\ansicpg1252\deff0{\fonttbl{\f0\fswiss Arial;}}{\info{\title Not the subject}}"
    rb"\pard\f0\fs20 Der Stadtrat hat den Haushalt f\'fcr 2024 beschlossen.\par "
    rb"{\b Die Opposition} stimmte dagegen.\par }"
)
#: an HTML body encapsulated in RTF, as Outlook stores it ([MS-OXRTFEX]): tags in htmltag groups, RTF-only parts
#: between \htmlrtf and \htmlrtf0
ENCAPSULATED_HTML = (
    rb"{\rtf1\ansi\ansicpg1252\fromhtml1 \deff0{\fonttbl{\f0\fswiss Arial;}}"
    rb"{\*\htmltag19 <html>}{\*\htmltag34 <head>}{\*\htmltag241 <style>}"
    rb"{\*\htmltag241 p \{ margin: 0 \}}{\*\htmltag249 </style>}{\*\htmltag41 </head>}"
    rb"{\*\htmltag50 <body>}\htmlrtf \lang1031 \htmlrtf0 "
    rb"{\*\htmltag64 <p>}Der Rat tagt am Montag.{\*\htmltag72 </p>}\htmlrtf \par \htmlrtf0 "
    rb"{\*\htmltag64 <p>}{\*\htmltag84 <b>}\htmlrtf \b \htmlrtf0 Gr\'fc\'dfe{\*\htmltag92 </b>}"
    rb"\htmlrtf \b0 \htmlrtf0  aus dem Rathaus.{\*\htmltag72 </p>}\htmlrtf \par \htmlrtf0 "
    rb"{\*\htmltag58 </body>}{\*\htmltag27 </html>}}"
)


def test_a_message_with_only_a_compressed_rtf_body_gives_its_text() -> None:
    rich = extract_msg(msg_bytes(subject="Haushalt", rtf=RICH_TEXT, sender="Erika Müller", sent=datetime(2024, 3, 5)))
    assert isinstance(rich, Extracted) and rich.markup == "text" and rich.encoding == "msg"
    assert rich.text.split("\n") == ["Der Stadtrat hat den Haushalt für 2024 beschlossen.", "Die Opposition stimmte dagegen."]
    assert (rich.properties.title, rich.properties.author) == ("Haushalt", "Erika Müller")  # the message's, not the RTF's
    html = extract_msg(msg_bytes(subject="Rat", rtf=ENCAPSULATED_HTML))
    assert isinstance(html, Extracted) and html.text.split("\n") == ["Der Rat tagt am Montag.", "Grüße aus dem Rathaus."]
    # a plain-text body comes first, as before
    both = extract_msg(msg_bytes(body="Nur dieser Text.", rtf=RICH_TEXT))
    assert isinstance(both, Extracted) and both.text == "Nur dieser Text."


def test_a_damaged_or_empty_compressed_rtf_body_is_a_clear_rejection() -> None:
    packed = compressed_rtf.compress(RICH_TEXT, compressed=True)
    streams = {"__properties_version1.0": bytes(32), outlook.COMPRESSED_RTF: packed[:16] + bytes(len(packed) - 16)}
    damaged = extract_msg(ole_bytes(streams))  # the checksum no longer matches
    assert isinstance(damaged, Problem) and damaged.reason is Reason.UNREADABLE and "RTF body is damaged" in damaged.detail
    for stream in (b"LZFu" + bytes(60), b"short"):
        streams[outlook.COMPRESSED_RTF] = stream
        result = extract_msg(ole_bytes(streams))
        assert isinstance(result, Problem) and result.reason is Reason.UNREADABLE
    storage = bytearray(ole_bytes({**streams, outlook.COMPRESSED_RTF: packed}))
    storage[storage.find(outlook.COMPRESSED_RTF.encode("utf-16-le")) + 66] = 1  # the entry made a storage
    not_a_stream = extract_msg(bytes(storage))
    assert isinstance(not_a_stream, Problem) and not_a_stream.reason is Reason.UNREADABLE
    streams[outlook.COMPRESSED_RTF] = bytes(outlook.MAX_RTF_BODY_BYTES + 1)
    large = extract_msg(ole_bytes(streams))
    assert isinstance(large, Problem) and large.reason is Reason.TOO_LARGE and "4,000,000 bytes" in large.detail
    blank = extract_msg(msg_bytes(rtf=rb"{\rtf1\ansi {\fonttbl{\f0 Arial;}}\par }"))
    assert isinstance(blank, Problem) and blank.reason is Reason.EMPTY and "RTF body" in blank.detail


def test_damaged_outlook_messages_never_raise() -> None:
    rng = random.Random(5)
    bases = [msg_bytes(subject="Haushalt", body="Der Stadtrat hat den Haushalt beschlossen. " * 20,
                       sender="Erika Müller", sent=datetime(2024, 3, 5)), msg_bytes(subject="Rat", rtf=RICH_TEXT * 5)]
    outcomes = set()
    for n in range(160):
        data = bytearray(bases[n % 2])
        for _ in range(rng.choice((1, 4, 16, 64))):
            data[rng.randrange(len(data))] = rng.randrange(256)
        if rng.random() < 0.2:
            data = data[: rng.randrange(len(data))]
        result = extract_msg(bytes(data))
        assert result is None or isinstance(result, (Extracted, Problem))
        outcomes.add(type(result).__name__)
    assert {"Extracted", "Problem"} <= outcomes


def test_an_outlook_message_whose_plain_body_is_a_stub_is_read_from_its_html_body() -> None:
    article = "Die Europäische Zentralbank hat die Zinsen am Donnerstag unverändert gelassen, wie erwartet. " * 4
    html = f"<html><body><h1>EZB</h1><p>{article}</p></body></html>".encode()
    result = extract_msg(msg_bytes(subject="Newsletter", body="View it in your browser.", html=html))
    assert isinstance(result, Extracted) and result.markup == "html" and "unverändert" in result.text
    kept = extract_msg(msg_bytes(subject="Newsletter", body=article, html=html))
    assert isinstance(kept, Extracted) and kept.markup == "text"


def test_an_attachment_is_named_by_its_long_else_short_name_and_tells_how_it_is_attached() -> None:
    def utf16(prop: int, value: str) -> tuple[str, bytes]:
        return outlook.stream_name(prop, outlook.UNICODE), value.encode("utf-16-le") + b"\0\0"

    by_value = bytes(8) + _entry(outlook.ATTACH_METHOD, 3, outlook.BY_VALUE)
    long_named = outlook.attachment(dict([utf16(0x3707, "Jahresbericht 2023.pdf"), utf16(0x3704, "JAHRES~1.PDF"), (outlook.PROPERTIES, by_value)]), "cp1252")
    assert long_named == outlook.Attachment(name="Jahresbericht 2023.pdf", mime=None, by_value=True, hidden=False)
    short = {outlook.stream_name(0x3704, outlook.STRING8): "Bericht März.pdf".encode("cp1252"), outlook.PROPERTIES: by_value}
    assert outlook.attachment(short, "cp1252").name == "Bericht März.pdf"  # 8-bit, in the message's code page
    hidden = bytes(8) + _entry(outlook.ATTACH_METHOD, 3, 1) + _entry(outlook.HIDDEN, 0x0B, 1)
    image = outlook.attachment(dict([utf16(0x370E, "image/png"), (outlook.PROPERTIES, hidden)]), "cp1252")
    assert (image.mime, image.by_value, image.hidden, image.name) == ("image/png", True, True, None)
    embedded = outlook.attachment({outlook.PROPERTIES: bytes(8) + _entry(outlook.ATTACH_METHOD, 3, 5)}, "cp1252")
    assert not embedded.by_value and outlook.attachment({}, "cp1252").by_value  # no method: a file, as Outlook writes one


def test_the_time_and_code_page_of_a_message_for_its_attachments() -> None:
    properties = bytes(32) + _entry(0x3FFD, 3, 1251) + _entry(0x0E06, 0x40, 133_542_000_000_000_000)
    assert outlook.eight_bit_codec(properties) == "cp1251" and outlook.eight_bit_codec(bytes(32)) == "cp1252"
    sent = outlook.sent_time(properties)
    assert sent is not None and sent.year == 2024 and outlook.sent_time(bytes(32)) is None
