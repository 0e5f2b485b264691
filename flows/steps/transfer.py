"""A part's payload decoded from its transfer encoding in pieces, as it is read: the bytes the email package's
``get_payload(decode=True)`` gives for the whole payload, byte for byte, without holding the payload (an attached
file of 13.5 MB sent as 18 MB of base64 is decoded 64 kB at a time, ``attachments.read_attachment``).

Each decoder takes the payload's bytes in pieces cut anywhere (``feed``) and gives what they decode to; ``end``
gives the rest. They follow the email package's decoding (Python 3.11's ``email.message``), not the RFCs: base64
as ``email._encoded_words.decode_b`` reads it (bytes outside the alphabet passed over, decoding stopped at the
padding that closes a group, ``None`` where it hands back the base64 itself: one letter past whole groups),
quoted-printable as ``binascii.a2b_qp`` (``=`` and a CR drop all up to the next LF), uuencode as
``email.message._decode_uu`` (``AsSent`` where it gives the payload as sent), any other encoding the bytes as sent.
"""

from __future__ import annotations

import binascii
import re
from collections.abc import Iterable

#: a line of a uuencoded payload longer than this is not decoded in pieces (``Uudecoder``): the whole parse reads it
MAX_UU_LINE = 1 << 20

_BASE64_ALPHABET = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
#: every byte but base64's letters and its padding: the email package's decoding passes over them
_NOT_BASE64 = bytes(b for b in range(256) if b not in _BASE64_ALPHABET + b"=")
#: in reverse, the padding and the given number of letters at the end of the bytes (``Base64Decoder._cut``)
_LAST_LETTERS = {n: re.compile(rb"=*(?:[A-Za-z0-9+/]=*){%d}" % n) for n in (1, 2, 3)}
_RUNS = re.compile(rb"=+|[^=]+")
#: a quoted-printable soft line break written with a CR: ``a2b_qp`` drops all after it up to the next LF; the "="
#: is one that opens an escape (after an even run of "=", each pair of which is one "=")
_QP_CR_BREAK = re.compile(rb"(?<!=)(?:==)*=\r")


class AsSent(Exception):
    """The payload is decoded to itself, as sent (uuencode the email package cannot decode)."""


class NotInPieces(Exception):
    """The payload cannot be decoded in pieces (a uuencoded line longer than ``MAX_UU_LINE``)."""


class Base64Decoder:
    """Base64 as the email package decodes a part's payload: ``decode_b`` of its lines joined, which (its first
    three tries all failing alike or agreeing) is ``binascii.a2b_base64`` in its lenient mode of the letters and
    "=" with two "=" added, or, where that fails, the base64 itself (``None`` from ``end``: damaged). Lenient
    decoding passes over every byte outside the alphabet, an "=" where a group has fewer than two letters, and
    stops at the padding that closes a group (an "=" after its third letter, "==" after its second): "QUJD" "QQ=="
    "REVG" decodes to "ABCA" and no more. "QUJDR" (a group of one letter) is damaged, "QUJDRA" is "ABCD".

    The letters are decoded in whole groups of four (``_cut``); what is left of a group is kept, with a single "="
    after its second letter that the next "=" would make the closing padding."""

    def __init__(self) -> None:
        self._left = b""  # the letters of the last group not yet whole, and an "=" after its second
        self.done = False  # the closing padding was read: the rest of the payload is not decoded

    def feed(self, piece: bytes) -> bytes:
        if self.done:
            return b""
        data = self._left + piece.translate(None, _NOT_BASE64)
        letters = len(data) - data.count(b"=")
        cut = self._cut(data, letters % 4)
        whole = letters - letters % 4
        out = binascii.a2b_base64(data[:cut]) if cut else b""
        if len(out) < whole // 4 * 3:  # stopped at padding before the groups' end
            self.done = True
            return out
        rest, self.done = _group_left(data[cut:])
        if self.done:
            return out + binascii.a2b_base64(rest + b"==")
        self._left = rest
        return out

    @staticmethod
    def _cut(data: bytes, partial: int) -> int:
        """Where the last whole group of ``data`` ends (the padding after it goes with the letters after it)."""
        if not partial:
            return len(data)
        tail = _LAST_LETTERS[partial].match(data[::-1])
        assert tail is not None
        return len(data) - tail.end()

    def end(self) -> bytes | None:
        if self.done:
            return b""
        letters = self._left.replace(b"=", b"")
        if len(letters) == 1:
            return None  # one letter past whole groups: no padding makes it decodable
        return binascii.a2b_base64(letters + b"==") if letters else b""


def _group_left(rest: bytes) -> tuple[bytes, bool]:
    """What is left after the whole groups (fewer than four letters, and "=" between them): its letters, with an
    "=" after the second when it ends with one, and whether it holds the closing padding."""
    letters = b""
    pads = 0
    for run in _RUNS.findall(rest):
        if run[0] != 0x3D:  # letters
            letters += run
            pads = 0
        elif len(letters) == 3 or (len(letters) == 2 and pads + len(run) >= 2):
            return letters, True
        elif len(letters) == 2:
            pads = len(run)
    return letters + b"=" * pads, False


class QuotedPrintableDecoder:
    """Quoted-printable as the email package decodes it (``quopri.decodestring``, ``binascii.a2b_qp``): "=41" is
    "A", "==" is "=", "=" before a line break is nothing, an "=" before anything else stays, and an "=" before a CR
    drops all up to and with the next LF (so a message whose lines end with CR alone loses the rest of the payload
    after its first soft line break). The payload is decoded up to a place where ``a2b_qp`` starts afresh: after
    its last LF, before an "=" that may open an escape not yet whole; a piece without LF is cut there too."""

    def __init__(self) -> None:
        self._left = b""
        self._dropping = False  # after "=" and CR: up to the next LF

    def feed(self, piece: bytes) -> bytes:
        data = self._left + piece
        if self._dropping:
            lf = data.find(b"\n")
            if lf < 0:
                self._left = b""
                return b""
            data = data[lf + 1 :]
            self._dropping = False
        lf = data.rfind(b"\n") + 1
        out = binascii.a2b_qp(data[:lf]) if lf else b""
        line = data[lf:]  # no LF in it
        soft = _QP_CR_BREAK.search(line) if _soft_cr_break(line) else None
        if soft is not None:
            self._left, self._dropping = b"", True
            return out + binascii.a2b_qp(line[: soft.end()])
        cut = _qp_cut(line)
        self._left = line[cut:]
        return out + binascii.a2b_qp(line[:cut])

    def end(self) -> bytes:
        return b"" if self._dropping else binascii.a2b_qp(self._left)


def _soft_cr_break(line: bytes) -> bool:
    """Whether a piece of a line without LF holds an "=" that opens an escape before a CR, told at the speed of
    bytes' own methods (the regular expression that finds it looks at every byte, 40 times as slow): each run of
    "=" read in pairs from its start leaves one "=" when it is odd, as ``replace`` leaves it ("a===\r" gives
    "a=\r", "a====\r" gives "a\r")."""
    return b"\r" in line and b"=\r" in line.replace(b"==", b"")


def _qp_cut(line: bytes) -> int:
    """Where a piece of a line without LF or soft CR break may be cut so that ``a2b_qp`` of the two halves is that
    of the whole: at its end, unless its last run of "=" leaves an escape open ("=4" at the end may become "=41"),
    then before that escape (a run of "=" is read in pairs from its start, each pair one "=")."""
    last = line.rfind(b"=")
    if last < 0:
        return len(line)
    end = last + 1
    start = len(line[:end].rstrip(b"="))
    odd = (end - start) % 2
    if end == len(line):
        return end - odd  # "ab==" whole; "ab===": the last "=" may open an escape
    if odd and end + 2 > len(line):
        return end - 1  # "=4": the escape may go on
    return len(line)


class Uudecoder:
    """Uuencode as ``email.message._decode_uu`` decodes it: the lines after the first "begin <octal mode> ..."
    line up to "end", each with ``binascii.a2b_uu`` (a line it refuses decoded to the length its first letter
    tells); no "begin" line, an empty line before "end" or a line that cannot be decoded even so, and the payload
    is decoded to itself (``AsSent``). Lines end as ``bytes.splitlines`` ends them (LF, CR LF, CR)."""

    def __init__(self) -> None:
        self._left = b""
        self._begun = False
        self._ended = False

    def feed(self, piece: bytes) -> bytes:
        if self._ended:
            return b""
        data = self._left + piece
        if not self._begun:
            data = _from_begin(data)
            if not data.startswith(b"begin "):
                self._left = data
                return b""
        lines = data.splitlines(keepends=True)
        self._left = b""
        if lines and not lines[-1].endswith(b"\n"):
            self._left = lines.pop()  # a line not yet ended (a CR may be the first half of a CR LF)
            if len(self._left) > MAX_UU_LINE:
                raise NotInPieces("a uuencoded line longer than MAX_UU_LINE")
        return self._decode(line.rstrip(b"\r\n") for line in lines)

    def end(self) -> bytes:
        out = self._decode(self._left.splitlines()) if not self._ended else b""
        if not self._begun:
            raise AsSent("no begin line")
        return out

    def _decode(self, lines: Iterable[bytes]) -> bytes:
        decoded: list[bytes] = []
        for line in lines:
            if self._ended:
                break
            if not self._begun:
                if line.startswith(b"begin "):
                    mode = line.removeprefix(b"begin ").partition(b" ")[0]
                    try:
                        int(mode, base=8)
                    except ValueError:
                        continue
                    self._begun = True
                continue
            if not line:
                raise AsSent("truncated input")
            if line.strip(b" \t\r\n\f") == b"end":
                self._ended = True
                break
            try:
                decoded.append(binascii.a2b_uu(line))
            except binascii.Error:
                nbytes = (((line[0] - 32) & 63) * 4 + 5) // 3
                try:
                    decoded.append(binascii.a2b_uu(line[:nbytes]))
                except binascii.Error as exc:
                    raise AsSent(str(exc)) from exc
        return b"".join(decoded)


def _from_begin(data: bytes) -> bytes:
    """The bytes of a uuencoded payload not yet past its "begin" line, from the first line that opens with
    "begin " (the lines before it are passed over whole, not one by one); without one, the last line not yet
    ended, or of a longer one its first six bytes, all that tells whether it is a "begin" line ("xbegin 644" is
    not)."""
    at = data.find(b"begin ")
    while at > 0 and data[at - 1] not in b"\r\n":
        at = data.find(b"begin ", at + 1)
    if at >= 0:
        return data[at:]
    last = data[max(data.rfind(b"\n"), data.rfind(b"\r")) + 1 :]
    return last[:6]


class RawDecoder:
    """Any other transfer encoding (7bit, 8bit, binary, none, one the email package does not know): the bytes as
    sent."""

    def feed(self, piece: bytes) -> bytes:
        return piece

    def end(self) -> bytes:
        return b""


UU_ENCODINGS = frozenset({"x-uuencode", "uuencode", "uue", "x-uue"})


def decoder(encoding: str) -> Base64Decoder | QuotedPrintableDecoder | Uudecoder | RawDecoder:
    """The decoder of a part's ``Content-Transfer-Encoding`` as the email package compares it: lowered, not
    stripped (``"base64 "`` with a space after it is no base64 to it, and its bytes are given as sent)."""
    if encoding == "quoted-printable":
        return QuotedPrintableDecoder()
    if encoding == "base64":
        return Base64Decoder()
    if encoding in UU_ENCODINGS:
        return Uudecoder()
    return RawDecoder()


Decoder = Base64Decoder | QuotedPrintableDecoder | Uudecoder | RawDecoder
