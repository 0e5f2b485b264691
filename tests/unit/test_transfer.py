"""A part's payload decoded in pieces (flows/steps/transfer.py): the bytes the email package gives for the whole."""

import base64
import binascii
import email.policy
import quopri
import random
from email.message import Message

import pytest

from flows.steps import transfer


def _whole(payload: bytes, encoding: str) -> bytes | None:
    """``get_payload(decode=True)`` of a part with this payload (None: base64 it cannot decode)."""
    part = Message(policy=email.policy.compat32)
    part["Content-Transfer-Encoding"] = encoding
    part.set_payload(payload.decode("ascii", "surrogateescape"))
    raw = part.get_payload(decode=True)
    assert isinstance(raw, bytes)
    return None if any(type(d).__name__ == "InvalidBase64LengthDefect" for d in part.defects) else raw


def _in_pieces(payload: bytes, encoding: str, cuts: list[int]) -> bytes | None:
    decoder = transfer.decoder(encoding)
    out = []
    try:
        for start, end in zip([0, *cuts], [*cuts, len(payload)]):
            out.append(decoder.feed(payload[start:end]))
        rest = decoder.end()
    except transfer.AsSent:
        return payload
    return None if rest is None else b"".join(out) + rest


def _every_cut(payload: bytes, encoding: str) -> set[bytes | None]:
    """What the payload decodes to cut once at each place, and twice at each pair of places (short payloads)."""
    got = {_in_pieces(payload, encoding, [at]) for at in range(len(payload) + 1)}
    if len(payload) <= 40:
        got |= {_in_pieces(payload, encoding, [a, b]) for a in range(len(payload) + 1) for b in range(a, len(payload) + 1)}
    return got


BASE64_CASES = [
    b"QUJD\nRA==\n",  # whole groups and padding: "ABCD"
    b"QUJD\r\nRA\r\n",  # padding missing: added, as the email package does
    b"QUJDRA==RUZH\n",  # padding closes a group: the letters after it are not decoded
    b"QUJD\n=\nRA=\n=\nRUZH",  # "=" after a group's first letter or before it passed over; "=" "=" after the second closes it
    b"QQ=UJDRA",  # one "=" after the second letter and a letter after it: not closed
    b"QUJ=RA",  # "=" after the third letter closes the group
    b"QU!J D\x00RA",  # bytes outside the alphabet passed over
    b"QUJDR",  # one letter past whole groups: damaged (None)
    b"QUJDR===\n",  # one letter and padding: damaged too
    b"=\n==\n",  # padding only: nothing
    b"",
]


@pytest.mark.parametrize("payload", BASE64_CASES)
def test_base64_in_pieces_cut_anywhere_is_what_the_email_package_decodes(payload: bytes) -> None:
    assert _every_cut(payload, "base64") == {_whole(payload, "base64")}


def test_base64_written_cases_decode_as_the_email_package_says() -> None:
    decoded = [_in_pieces(p, "base64", []) for p in BASE64_CASES]
    assert decoded == [b"ABCD", b"ABCD", b"ABCD", b"ABCD", b"A\x05\t\r\x10", b"AB", b"ABCD", None, None, b"", b""]


QP_CASES = [
    b"=41=42\n=\nC",  # escapes, a line break and a soft one: "AB", LF, "C"
    b"a==41b",  # "==" is one "=": "a=41b"
    b"a===41b",  # and the third opens an escape: "a=Ab"
    b"x=4",  # an escape cut by the end: kept as written
    b"x=",  # an "=" at the very end: dropped
    b"x=G1 =\r\nnext",  # "=" before no hex digit stays; a soft break with CR LF
    b"eins=\rzwei\rdrei\nvier",  # "=" and CR: all up to the next LF dropped
    b"eins=\rzwei\rdrei",  # and with no LF after it, the rest of the payload
    b"a==\rb",  # "==" before CR is one "=" and the CR stays
]


@pytest.mark.parametrize("payload", QP_CASES)
def test_quoted_printable_in_pieces_cut_anywhere_is_what_the_email_package_decodes(payload: bytes) -> None:
    assert _every_cut(payload, "quoted-printable") == {_whole(payload, "quoted-printable")}


def test_quoted_printable_written_cases_decode_as_the_email_package_says() -> None:
    decoded = [_in_pieces(p, "quoted-printable", []) for p in QP_CASES]
    assert decoded == [b"AB\nC", b"a=41b", b"a=Ab", b"x=4", b"x", b"x=G1 next", b"einsvier", b"eins", b"a=\rb"]


UU = b"begin 644 a.txt\n" + binascii.b2a_uu(b"Der Stadtrat hat beschlossen.") + b"`\nend\nafter the end\n"
UU_CASES = [
    UU,
    UU.replace(b"\n", b"\r\n"),
    UU.replace(b"\n", b"\r"),
    b"no begin line\n" + UU[16:],  # decoded to itself
    b"begin abc a.txt\n" + UU[16:],  # a mode that is no octal number: no begin line either
    UU[:40] + b"\n\n" + UU[40:],  # an empty line before "end": decoded to itself
    UU.replace(b"`\nend", b"M" + b"!" * 70 + b"\nend"),  # a line too long for its length letter: decoded to that length
    b"Anbei die Datei.\rxbegin 644 b.txt\r" + UU.replace(b"\n", b"\r"),  # text before it; "xbegin" is no begin line
    b"see begin 644 x.txt\n" + b"y" * 300 + b"\n" + UU,  # "begin " inside a line, and a long line, before it
]


@pytest.mark.parametrize("payload", UU_CASES)
def test_uuencode_in_pieces_cut_anywhere_is_what_the_email_package_decodes(payload: bytes) -> None:
    assert _every_cut(payload, "x-uuencode") == {_whole(payload, "x-uuencode")}


def test_a_uuencoded_line_longer_than_its_limit_is_not_decoded_in_pieces(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(transfer, "MAX_UU_LINE", 100)
    decoder = transfer.Uudecoder()
    decoder.feed(b"begin 644 a\n" + b"M" * 60)
    with pytest.raises(transfer.NotInPieces):
        decoder.feed(b"M" * 60)
    assert transfer.Uudecoder().feed(b"begin 644 a\n" + b"M" * 60 + b"\n") == binascii.a2b_uu(b"M" * 60)  # ended in time: decoded


def test_the_encoding_is_compared_as_the_email_package_compares_it() -> None:
    assert isinstance(transfer.decoder("base64"), transfer.Base64Decoder)
    assert isinstance(transfer.decoder("base64 "), transfer.RawDecoder)  # not stripped: the bytes as sent
    assert isinstance(transfer.decoder("x-uue"), transfer.Uudecoder)
    assert isinstance(transfer.decoder("8bit"), transfer.RawDecoder)
    assert _in_pieces(b"QUJD", "base64 ", [2]) == _whole(b"QUJD", "base64 ") == b"QUJD"


@pytest.mark.parametrize("encoding", ["base64", "quoted-printable", "x-uuencode", "8bit"])
def test_random_and_damaged_payloads_in_random_pieces_decode_as_the_email_package_decodes(encoding: str) -> None:
    rng = random.Random(2024)
    letters = {"base64": b"QUJDRA+/==\n\r !", "quoted-printable": b"=A3f\r\n z=", "x-uuencode": b"begin 644 a\n\r`!M #end"}[
        encoding
    ] if encoding != "8bit" else b"ab\r\n\xff"
    for _ in range(1500):
        if rng.random() < 0.5:
            payload = bytes(rng.choice(letters) for _ in range(rng.randint(0, 40)))
        else:
            raw = rng.randbytes(rng.randint(0, 400))
            encoded = {
                "base64": base64.encodebytes(raw),
                "quoted-printable": quopri.encodestring(raw),
                "x-uuencode": b"begin 644 f\n" + b"".join(binascii.b2a_uu(raw[i : i + 45]) for i in range(0, len(raw), 45)) + b"`\nend\n",
                "8bit": raw,
            }[encoding]
            damaged = bytearray(encoded)
            for _ in range(rng.randint(0, 3)):
                at = rng.randrange(len(damaged) + 1)
                damaged[at:at] = bytes(rng.choice(letters) for _ in range(rng.randint(1, 3)))
            payload = bytes(damaged).replace(b"\n", rng.choice([b"\n", b"\r\n", b"\r"]))
        cuts = sorted(rng.randrange(len(payload) + 1) for _ in range(rng.randint(0, 6)))
        assert _in_pieces(payload, encoding, cuts) == _whole(payload, encoding), payload


def test_a_line_without_lf_is_searched_for_a_soft_cr_break_only_when_it_holds_one(monkeypatch: pytest.MonkeyPatch) -> None:
    searched = 0
    pattern = transfer._QP_CR_BREAK

    class Counting:
        def search(self, line: bytes) -> object:
            nonlocal searched
            searched += 1
            return pattern.search(line)

    monkeypatch.setattr(transfer, "_QP_CR_BREAK", Counting())
    lines = b"Zeile eins\rZeile =3D zwei ==\rdrei=4\r" * 5000  # CR alone as line break: no LF, no soft break
    decoder = transfer.QuotedPrintableDecoder()
    got = b"".join(decoder.feed(lines[at : at + 4096]) for at in range(0, len(lines), 4096)) + decoder.end()
    assert got == quopri.decodestring(lines) and searched == 0  # each piece was searched byte by byte, 40 times as slow
    decoder = transfer.QuotedPrintableDecoder()
    assert decoder.feed(b"eins ===\rzwei\r") == b"eins =" and decoder.feed(b"drei\nvier") == b"vier" and decoder.end() == b""
    assert searched == 1


def test_the_lines_before_a_uuencoded_payload_s_begin_line_are_passed_over_whole() -> None:
    assert transfer._from_begin(b"Anbei\nbegin 644 a.txt\nM86)C\n") == b"begin 644 a.txt\nM86)C\n"
    assert transfer._from_begin(b"Anbei\rbegin 644 a.txt") == b"begin 644 a.txt"  # CR alone ends a line too
    assert transfer._from_begin(b"xbegin 644 a.txt\nsee begin 644\nnoch") == b"noch"  # not at a line's start: the open line kept
    assert transfer._from_begin(b"Anbei\n" + b"y" * 5000) == b"yyyyyy"  # of a long open line, what tells it is no begin line
    assert transfer._from_begin(b"Anbei\nbeg") == b"beg"  # it may still become one
    decoder = transfer.Uudecoder()
    assert decoder.feed(b"x" * 3_000_000) == b"" and len(decoder._left) == 6  # no line of 3 MB held (MAX_UU_LINE: 1 MB)
    assert decoder.feed(b"\n" + UU) == b"Der Stadtrat hat beschlossen."
