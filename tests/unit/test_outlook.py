"""Outlook messages: property streams as [MS-OXMSG] lays them out (tests/documents.py writes whole .msg files)."""

from __future__ import annotations

import random
import struct
from datetime import datetime

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
    assert isinstance(empty, Problem) and empty.reason is Reason.EMPTY and "RTF" not in empty.detail
    streams = {"__properties_version1.0": bytes(32), outlook.COMPRESSED_RTF: b"LZFu" + bytes(60)}
    rtf_only = extract_msg(ole_bytes(streams))
    assert isinstance(rtf_only, Problem) and rtf_only.reason is Reason.EMPTY and "compressed RTF" in rtf_only.detail
    assert extract_msg(ole_bytes({"Workbook": b"x" * 100})) is None  # another Office 97 file


def test_damaged_outlook_messages_never_raise() -> None:
    rng = random.Random(5)
    base = msg_bytes(subject="Haushalt", body="Der Stadtrat hat den Haushalt beschlossen. " * 20,
                     sender="Erika Müller", sent=datetime(2024, 3, 5))
    outcomes = set()
    for _ in range(120):
        data = bytearray(base)
        for _ in range(rng.choice((1, 4, 16, 64))):
            data[rng.randrange(len(data))] = rng.randrange(256)
        if rng.random() < 0.2:
            data = data[: rng.randrange(len(data))]
        result = extract_msg(bytes(data))
        assert result is None or isinstance(result, (Extracted, Problem))
        outcomes.add(type(result).__name__)
    assert {"Extracted", "Problem"} <= outcomes
