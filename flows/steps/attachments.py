"""The files attached to e-mails, each a document of its own beside the message: those of an ``.eml`` file, of a
mailbox's message, of an Outlook message (``.msg``: the storages of its attachments, ``outlook_files``) and of
such a file in a ZIP, tar or 7-Zip archive.

A message's attached files are listed when its file is found (``list_attachments``: its outline is read, the
header fields of each part and the size of its payload, in one pass over its lines that keeps no payload and
decodes none, ``outline``), each named ``<the message's source path>#<its file name>``
(``inbox/pr.eml#Bericht.pdf``, ``mail/box.mbox#<Message-ID>#report.pdf``, ``mail.zip#2024/pr.eml#report.pdf``;
of a gzipped one on disk, ``inbox/pr.eml.gz#report.pdf``, listed as the file decompresses; of a message
attached to it, a forwarded ``message/rfc822`` part, after that message's name,
``inbox/pr.eml#Fwd.eml#report.pdf``), and read as the same file on disk would be (``read_attachment``: its
payload read alone from its place in the message and decoded in pieces, ``transfer``, then the load step's
reading of a file's bytes, by its name and content). The message itself stays the document it was, under its own
name.

An attached file is a part that is neither a multipart nor a message, not the message's body, with a file name or
sent as an attachment (``Content-Disposition: attachment``), and not a message forwarded as an attachment (an
``.eml`` file: read into the text of the message, ``formats.is_message_file``). Of these, what is no document is
passed over without a word (``is_document``): images (an inline logo), audio and video, signatures (S/MIME's
``smime.p7s``, PGP's), calendar invitations (``.ics``), contact cards (``.vcf``), Outlook's ``winmail.dat``,
hidden files. Refused when listed, each by its name: a file that holds many documents (an archive, JSON Lines,
a table, a feed, a mailbox: save it to the input folder), one whose encoded size already tells it is over
``max_file_bytes``; and the files after the first ``MAX_ATTACHMENTS`` (a message of thousands of attached files
is not read whole), refused as one (``attached-files-101-to-537``) that the run report counts as each of them.
Two files of one name are told apart by their place: the second ``report.pdf`` is ``report~2.pdf``, the same on
every run.
"""

from __future__ import annotations

import base64
import binascii
import email
import email.policy
import io
import mimetypes
import os
import quopri
import re
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from datetime import date
from email.header import decode_header, make_header
from email.message import EmailMessage, Message
from email.parser import BytesHeaderParser
from pathlib import Path, PurePosixPath
from typing import Any, BinaryIO

from flows.models import FileStamp, Reason, Record
from flows.steps import outlook, transfer
from flows.steps.containers import (
    CHANGED,
    FEED_SUFFIXES,
    MBOX_SUFFIXES,
    Member,
    Scan,
    _clean_key,
    _nested,
    _skipped,
    mbox_message,
    read_archive_member,
    read_held,
    read_record,
)
from flows.steps.formats import (
    GZIP_MAGIC,
    MAX_MIME_HEADER,
    OLE_MAGIC,
    ByteReader,
    GunzipReader,
    Problem,
    _leading_header,
    _OleStreams,
    _open_ole,
    _opening,
    bad_base64,
    gunzip,
    is_message_file,
    looks_like_mhtml,
    overlong_header,
    sent_date,
)

#: an e-mail file's suffix: its attached files are listed (a mailbox's messages' too, and those of such a file in
#: an archive); and an Outlook message's
EMAIL_SUFFIX = ".eml"
OUTLOOK_SUFFIX = ".msg"
#: a gzipped e-mail on disk (``pr.eml.gz``, ``pr.msg.gz``): its attached files are listed from the message it
#: decompresses to, read in pieces as it decompresses (``scan_email``)
GZIP_SUFFIX = ".gz"
#: a message's attached files read as documents, at most; those after are refused (its own text is read)
MAX_ATTACHMENTS = 100
#: a message's attached files are read from a message of up to this many times ``max_file_bytes`` (each file counts
#: against the limit on its own, as a ZIP archive's files do: a 15 MB report takes 20 MB as base64 in its message,
#: which is refused as a document itself when it is over the limit)
MESSAGE_BYTES_FACTOR = 4
#: multiparts inside multiparts are looked into to this depth (a message is rarely nested more than four deep)
MAX_PART_DEPTH = 8
#: the files of a message attached to a message (forwarded as an attachment) are documents, and of a message
#: attached to that one, to this depth
MAX_FORWARD_DEPTH = 3
#: media types of attached files that are no documents (``is_document``)
NOT_DOCUMENT_MAINTYPES = frozenset({"image", "audio", "video", "font", "model"})
NOT_DOCUMENT_TYPES = frozenset({
    "application/pkcs7-signature", "application/x-pkcs7-signature", "application/pkcs7-mime", "application/x-pkcs7-mime",
    "application/pgp-signature", "application/pgp-encrypted", "application/pgp-keys", "text/calendar", "text/x-vcalendar",
    "application/ics", "text/vcard", "text/x-vcard", "text/directory", "application/ms-tnef", "application/vnd.ms-tnef",
    "text/rfc822-headers",
})
#: suffixes of attached files that are no documents, whatever their media type says (often just octet-stream)
NOT_DOCUMENT_SUFFIXES = frozenset({
    ".p7s", ".p7m", ".p7c", ".sig", ".gpg", ".pgp", ".ics", ".ical", ".ifb", ".vcs", ".vcf", ".vcard", ".png", ".jpg",
    ".jpeg", ".gif", ".bmp", ".tif", ".tiff", ".webp", ".heic", ".svg", ".ico", ".emf", ".wmf", ".mp3", ".m4a", ".wav",
    ".mp4", ".mov", ".avi",
})
NOT_DOCUMENT_NAMES = frozenset({"winmail.dat"})
#: a message's outline is read in pieces of this many bytes (``_Lines``)
READ_BYTES = 1 << 16
#: a line longer than this is read in pieces (base64 without line breaks); no boundary is looked for inside one
LINE_PIECE = 1 << 20
#: the outline of a message whose multiparts nest deeper than this is not read (its attached files are not listed)
MAX_OUTLINE_DEPTH = 200
#: of each payload the outline keeps its first bytes as sent: they tell a forwarded message (``_forwarded``)
OPENING_BYTES = 16_384
MANY = (
    "a file that may hold many documents (an archive, JSON Lines, a table, a web archive, a feed, a mailbox)"
    " attached to an e-mail; save it to the input folder to read it"
)
_PATH_SEPARATORS = re.compile(r"[\\/]")


@dataclass(frozen=True)
class Attached:
    """One file attached to a message, as listed: what names it among the message's files (``key``: its file name,
    made unique), its file name as sent (its suffix tells its kind, as a file's on disk), its place among the
    message's attached files, and why it will not be read, known when it was listed."""

    key: str
    name: str
    position: int
    problem: tuple[Reason, str] | None = None
    #: the files it stands for: one, but the files after the first ``MAX_ATTACHMENTS`` are one (``_passed_over``)
    documents: int = 1
    #: of those files, the keys they would have if listed one by one: ``--prune`` keeps what was indexed under them
    held: tuple[str, ...] = ()


def is_email_file(name: str, *, gzipped: bool = False) -> bool:
    """Whether a file is an e-mail whose attached files are listed: named ``.eml`` or ``.msg`` (``pr.eml``), and
    with ``gzipped`` (a file on disk) gzipped too (``pr.eml.gz``; in an archive it is read as one document). Its
    content tells which it is, as the load step tells it."""
    lowered = name.lower()
    return (lowered.removesuffix(GZIP_SUFFIX) if gzipped else lowered).endswith((EMAIL_SUFFIX, OUTLOOK_SUFFIX))


class _Part(EmailMessage):
    """A part whose header fields are kept as written (``compat32``), told to be an attachment as the default
    policy's parts are (``get_body`` asks)."""

    def is_attachment(self) -> bool:
        return self.get_content_disposition() == "attachment"


def parse_message(data: bytes) -> EmailMessage | Problem:
    """The message of an e-mail's bytes, its parts parsed and their payloads left encoded, its header fields kept as
    written (``compat32``: a file's name is decoded by ``_file_name``); a header longer than ``MAX_MIME_HEADER`` is
    refused, as ``formats.extract_email`` refuses it (``formats.overlong_header``)."""
    if (overlong := overlong_header(data)) is not None:
        return overlong
    try:  # header fields as strings (compat32): parsing them into objects, as the default policy does, took most of the time
        message = email.message_from_bytes(data, _class=_Part, policy=email.policy.compat32)
    except Exception as exc:  # noqa: BLE001  (the email package raises many kinds on malformed messages)
        return Problem(Reason.UNREADABLE, f"not a readable e-mail: {type(exc).__name__}: {exc}")
    if not isinstance(message, EmailMessage):
        return Problem(Reason.UNREADABLE, "not a readable e-mail")
    return message


@dataclass
class _Payload:
    """What the outline keeps of a part's payload: its size in bytes, its line breaks and spaces (``_encoded_size``
    tells a base64 file's size without them), its first ``OPENING_BYTES`` bytes and its last line break."""

    size: int = 0
    newlines: int = 0
    returns: int = 0
    spaces: int = 0
    #: base64's letters: a payload of four times as many and one more cannot be decoded (``bad_base64``)
    letters: int = 0
    head: bytes = b""
    eol: bytes = b""
    #: where the payload starts among the message's bytes (decompressed): the payload is ``size`` bytes from there
    #: (``read_attachment`` decodes an attached file from them); -1 when not known
    start: int = -1

    def add(self, block: bytes) -> None:
        self.size += len(block)
        self.newlines += block.count(b"\n")
        self.returns += block.count(b"\r")
        self.spaces += block.count(b" ")
        self.letters += len(block) - len(block.translate(None, _BASE64_LETTERS))
        if len(self.head) < OPENING_BYTES:
            self.head += block[: OPENING_BYTES - len(self.head)]
        if block:
            ending = _EOL_END.search(block[-2:])
            self.eol = ending.group() if ending is not None else b""

    def strip_eol(self) -> None:
        """The line break before a boundary belongs to the boundary (RFC 2046), as the email package reads it: a
        part's payload in a multipart ends before it."""
        self.size -= len(self.eol)
        self.newlines -= self.eol.count(b"\n")
        self.returns -= self.eol.count(b"\r")
        if self.size < len(self.head):
            self.head = self.head[: self.size]
        self.eol = b""

    def encoded_size(self, encoding: str) -> int:
        if encoding == "base64":
            return (self.size - self.newlines - self.returns - self.spaces) * 3 // 4
        return self.size


class _Outline(_Part):
    """A part of a message's outline: its header fields as written, its parts (of a multipart) and what was kept of
    its payload (``_Payload``), which is not."""

    payload: _Payload


def _payload_opening(part: Message) -> bytes:
    """The first bytes of a part's payload decoded, told from its first ``OPENING_BYTES`` bytes as sent whether
    the part is of an outline (``_Payload``, kept as it was read) or of the whole message parsed (its payload
    counted the same way), so that the listing and the reading of a message tell its forwarded messages alike:
    all of the payload when it is no longer than that (as the email package decodes it), else the whole base64
    groups or lines of its first bytes. A file named ``.eml`` whose first 16 kB decode to blank lines and whose
    header comes later is a forwarded message to neither, where the whole file decoded would have said so to
    one and not to the other."""
    if isinstance(part, _Outline):
        kept = part.payload
    else:
        kept = _Payload()
        kept.add(_sent_payload(part))
    head, encoding = kept.head, _transfer_encoding(part)
    if len(head) == kept.size:
        probe = _Part(policy=email.policy.compat32)
        if (cte := part.get("content-transfer-encoding")) is not None:
            probe["Content-Transfer-Encoding"] = cte
        probe.set_payload(head.decode("ascii", "surrogateescape"))
        raw = probe.get_payload(decode=True)
        return raw if isinstance(raw, bytes) else b""
    if encoding == "base64" and kept.letters % 4 == 1:
        return head  # damaged: the email package gives the base64 as it is
    if encoding == "base64":
        letters = re.sub(rb"\s+", b"", head)
        try:
            return base64.b64decode(letters[: len(letters) // 4 * 4])
        except (binascii.Error, ValueError):
            return b""
    whole = head[: max(head.rfind(b"\n"), head.rfind(b"\r")) + 1]
    return quopri.decodestring(whole) if encoding == "quoted-printable" else whole


def _sent_payload(part: Message) -> bytes:
    """A part's payload of a message parsed whole, its bytes as sent (b"" for a multipart's): ``get_payload()``
    gives it decoded by its charset when it holds 8-bit bytes, "ä" in UTF-8 one character for two bytes, where the
    outline counts bytes."""
    written = getattr(part, "_payload", None)  # as the email package's parser set it: ASCII with the other bytes escaped
    return written.encode("ascii", "surrogateescape") if isinstance(written, str) else b""


_EOL_END = re.compile(rb"(?:\r\n|\r|\n)\Z")
_BASE64_LETTERS = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
_EOL_AT = re.compile(rb"\r\n|\r|\n")
_NOT_BLANK = re.compile(rb"[^ \t]")
#: a line that opens with "--", the only lines a boundary can be (``_Lines._block``)
_DASH_AFTER_EOL = re.compile(rb"[\r\n]--")
#: a line of a header, as the email package's parser tells it: a field's name and colon, a field's continued line
#: (white space first) or an mbox "From " line
_HEADER_LINE = re.compile(rb"From |[\041-\071\073-\176]*:|[\t ]")


class _NoOutline(Exception):
    """A message whose outline is not read: nested too deep, or a part's header too long."""


class _Lines:
    """The lines of a message read from a stream in pieces (``READ_BYTES``), the line breaks of the email package's
    parser (CR LF, CR or LF), a line longer than ``LINE_PIECE`` in pieces. ``ends``: the boundaries of the
    multiparts being read; a line that is one of them ends the lines of a part, as the end of the file does
    (``readline`` gives b"", and the line is read again by the multipart)."""

    def __init__(self, stream: ByteReader, read: bytes = b"") -> None:
        self._stream = stream
        self._buffer = read  # what was read of the stream already
        self._at = 0
        self._base = 0  # where the buffer starts among the message's bytes
        self._eof = False
        self._back: list[tuple[bytes, bool]] = []
        self._starts = True  # the next byte starts a line
        self.ends: list[Callable[[bytes], re.Match[bytes] | None]] = []
        #: the last line given is a piece of a longer line, not its start: no boundary
        self.piece = False
        #: the part begun last, or the multipart whose part was read last (``_outline_part``)
        self.last: _Outline | None = None

    def _fill(self, size: int = READ_BYTES) -> bool:
        chunk = b"" if self._eof else self._stream.read(max(size, READ_BYTES))
        self._base += self._at
        self._buffer = self._buffer[self._at :] + chunk
        self._at = 0
        self._eof = not chunk
        return bool(chunk)

    def _raw(self) -> bytes:
        """The next line as written (its line break with it), or the next piece of a long line; b"" at the end."""
        while True:
            buffer, at = self._buffer, self._at
            found = _EOL_AT.search(buffer, at)
            if found is not None and not (found.group() == b"\r" and found.end() == len(buffer) and not self._eof):
                end = found.end()  # (a CR at the end of what was read may be the first half of a CR LF)
            elif len(buffer) - at >= LINE_PIECE and not self._blank_after_marker(buffer, at):
                end = at + LINE_PIECE
            elif self._eof or not self._fill(len(buffer) - at):  # (a long line read on in reads as long as it)
                end = len(self._buffer)
                at = self._at
                buffer = self._buffer
            else:
                continue
            self._at = end
            line = buffer[at:end]
            return line

    def _blank_after_marker(self, buffer: bytes, at: int) -> bool:
        """Whether a long line may still be a boundary: it opens with "--", what comes before the spaces and tabs it
        ends in so far is no longer than a boundary can be, and no other byte came after them yet. The email
        package's parser takes ``--b`` and a million spaces for the boundary ``b``, and ``--b``, a million spaces
        and a word for a line of the part: such a line is read on to its end, not given in pieces, the first of
        which would look like the boundary."""
        if self._back or not self._starts or not buffer.startswith(b"--", at):
            return False
        marker = len(buffer[at : at + MAX_MIME_HEADER + 5].rstrip(b" \t"))
        return marker <= MAX_MIME_HEADER + 4 and _NOT_BLANK.search(buffer, at + marker) is None

    def readline(self) -> bytes:
        if self._back:
            line, piece = self._back.pop()
        else:
            piece = not self._starts
            line = self._raw()
            if line:
                self._starts = line.endswith((b"\n", b"\r"))
        if line and not piece and any(end(line) for end in self.ends):
            self._back.append((line, piece))
            return b""
        self.piece = piece
        return line

    def tell(self) -> int:
        """Where the next line starts among the message's bytes (the lines put back are read again first)."""
        return self._base + self._at - sum(len(line) for line, _ in self._back)

    def unread(self, line: bytes) -> None:
        if line:
            self._back.append((line, self.piece))

    def put_back(self, line: bytes) -> None:
        """A whole line read before the last one given back to be read again first (the last one, when it was
        given back, after it)."""
        self._back.append((line, False))

    def payload(self, kept: _Payload | None) -> None:
        """Reads the lines of a payload to its end (a boundary, or the end of the file), adding them to ``kept``.
        Lines that open with no "-" (no boundary does) are read as one block, not one by one."""
        add = kept.add if kept is not None else (lambda block: None)
        while True:
            block = self._block()
            if block:
                add(block)
                continue
            line = self.readline()
            if not line:
                return
            add(line)

    def _block(self) -> bytes:
        """The whole lines ahead that no boundary can be (none opens with "--", as every boundary does), read at once;
        b"" when the next line must be read on its own (it opens with "--", or with a "-" that is the last byte read,
        or is longer than what was read, or a line was put back). A diff or a list of lines that open with one "-"
        is read in blocks too, not line by line."""
        if self._back or not self._starts:
            return b""
        if self._at >= len(self._buffer) and not self._fill():
            return b""
        buffer, at = self._buffer, self._at
        if not self.ends:  # no boundary to look for: the rest of the file is the payload
            end = len(buffer)
            if buffer.endswith(b"\r") and not self._eof:
                end -= 1
        else:
            if buffer[at : at + 2] in (b"--", b"-"):  # (b"-": the last byte read, the next may make it "--")
                return b""
            dash = _DASH_AFTER_EOL.search(buffer, at)  # (one search: looking for each of two would scan to the end for the other)
            if dash is not None:
                end = dash.start() + 1
            else:
                last = max(buffer.rfind(b"\n", at), buffer.rfind(b"\r", at))
                if last == len(buffer) - 1 and buffer.endswith(b"\r") and not self._eof:
                    last = max(buffer.rfind(b"\n", at, last), buffer.rfind(b"\r", at, last))
                end = last + 1
        if end <= at:
            return b""
        self._at = end
        block = buffer[at:end]
        self._starts = block.endswith((b"\n", b"\r"))
        return block


def _boundary_line(boundary: str) -> Callable[[bytes], re.Match[bytes] | None] | None:
    """What tells a line that is the boundary of a multipart (its separator, or its end with "--"), as the email
    package's parser tells it; None for a boundary that no line read as bytes can be (characters that no byte is)."""
    try:
        separator = ("--" + boundary).encode("ascii", "surrogateescape")
    except UnicodeEncodeError:
        return None
    return re.compile(re.escape(separator) + rb"(?P<end>--)?(?P<ws>[ \t]*)(?P<linesep>\r\n|\r|\n)?$").match


_HEADERS = BytesHeaderParser(_class=_Outline, policy=email.policy.compat32)


def _outline_part(lines: _Lines, depth: int, *, in_digest: bool = False) -> _Outline:
    """One part of a message's outline, read from its first line as the email package's parser reads it: its
    header fields to the first blank line (or the first line that is no field's), then a multipart's parts
    between its boundaries, a message's (``message/rfc822``, its own structure not looked into) or any other
    part's payload to its end; only the payload's size and opening are kept (``_Payload``). A part of a
    ``multipart/digest`` without a Content-Type is a message (RFC 2046 5.1.5), as the parser makes it: the
    files of a digest's messages are listed as a forwarded message's (``digest.eml#message-1.eml#report.pdf``).
    A "From " line that ends a header of more than one line is the first line of the payload, as the parser takes
    it: a part whose header ends "Content-Transfer-Encoding: base64", "From QUJD" and a blank line, then "RUZH",
    holds the twelve letters "FromQUJDRUZH" (nine bytes), not "RUZH" ("EFG"). Its payload is then no one span of
    the message's bytes (the blank line lies within): its start is not kept, and ``read_attachment`` reads its
    file from the message parsed whole."""
    if depth > MAX_OUTLINE_DEPTH:
        raise _NoOutline(f"multiparts nested more than {MAX_OUTLINE_DEPTH} deep")
    header: list[bytes] = []
    size = 0
    blank = False
    while line := lines.readline():
        if not _HEADER_LINE.match(line):
            blank = _EOL_AT.match(line) is not None
            if not blank:  # a line of the payload without a blank line before it
                lines.unread(line)
            break
        size += len(line)
        if size > MAX_MIME_HEADER:
            raise _NoOutline(f"a part whose header is longer than {MAX_MIME_HEADER} bytes")
        header.append(line)
    split = False  # the payload is no one span of the message's bytes: a "From " line, the blank line, the rest
    if len(header) > 1 and header[-1].startswith(b"From "):
        lines.put_back(header.pop())  # the first line of the payload to the email package's parser
        split = blank
    part = _HEADERS.parsebytes(b"".join(header))
    assert isinstance(part, _Outline)
    if in_digest:
        part.set_default_type("message/rfc822")
    part.payload = _Payload()
    lines.last = part
    if part.get_content_maintype() == "message" and part.get_content_type() != "message/delivery-status":
        inner = _outline_part(lines, depth + 1)  # a message attached: its own outline
        part.set_payload([inner])  # type: ignore[arg-type]
        return part
    boundary = part.get_boundary() if part.get_content_maintype() == "multipart" else None
    if boundary is None:  # a multipart without its boundary, or a delivery report, is passed over as a payload is
        part.payload.start = -1 if split else lines.tell()
        lines.payload(part.payload if part.get_content_maintype() not in ("multipart", "message") else None)
        return part
    separator = _boundary_line(boundary)
    parts: list[_Outline] = []
    while separator is not None and (line := lines.readline()):
        found = None if lines.piece else separator(line)
        if found is None:
            continue  # the preamble
        if found.group("end"):
            break
        while (line := lines.readline()) and not lines.piece and separator(line):
            pass  # boundaries one after another
        lines.unread(line)
        lines.ends.append(separator)
        sub = _outline_part(lines, depth + 1, in_digest=part.get_content_type() == "multipart/digest")
        lines.ends.pop()
        last = lines.last  # the part read last (of a message attached, its last part), as the email package strips it
        if last is not None and last.get_content_maintype() != "multipart" and isinstance(last.get_payload(), str):
            last.payload.strip_eol()
        lines.last = part
        parts.append(sub)
    if parts:
        part.set_payload(parts)  # type: ignore[arg-type]
    lines.payload(None)  # the epilogue, or all after a multipart whose first boundary never came
    return part


def outline(stream: ByteReader, read: bytes = b"") -> _Outline:
    """A message's outline read from ``stream`` (``_outline_part``; ``read``: its bytes read from it already): its
    parts and their header fields, as the email package parses the whole message, with no payload kept nor
    decoded, in memory that does not grow with the message (a message of 54 MB is read in pieces of
    ``READ_BYTES``)."""
    return _outline_part(_Lines(stream, read), 0)


def _leaves(part: Message, depth: int = 0) -> list[Message]:
    """The parts of a message that are no multipart, in order; an attached message's own parts are not among them."""
    if part.get_content_maintype() != "multipart":
        return [part]
    if depth == MAX_PART_DEPTH or not part.is_multipart():
        return []
    return [leaf for sub in part.iter_parts() for leaf in _leaves(sub, depth + 1)]  # type: ignore[attr-defined]


def _file_name(part: Message) -> str | None:
    """An attached file's name as sent, without a folder its sender's program put before it (``C:\\Temp\\a.pdf``)."""
    try:
        raw = part.get_filename()
        if raw and "=?" in raw:  # encoded words (=?utf-8?q?Bericht_M=C3=A4rz.pdf?=), as Outlook and Gmail send names
            raw = str(make_header(decode_header(raw)))
    except Exception:  # noqa: BLE001 - a malformed parameter: a file without a name
        return None
    return _base_name(raw)


def _base_name(raw: str | None) -> str | None:
    """A file name without the folders before it (``C:\\Temp\\a.pdf``, ``../../a.pdf`` give ``a.pdf``), None when
    nothing is left."""
    return _PATH_SEPARATORS.split(raw or "")[-1].strip() or None


def is_document(content_type: str, name: str | None) -> bool:
    """Whether an attached file may be a document: not an image, sound or film, a signature, a calendar invitation,
    a contact card, Outlook's ``winmail.dat`` or a hidden file (``NOT_DOCUMENT_*``; by its media type or its name).
    ``smime.p7s`` and ``logo.png`` are not; ``report.pdf`` sent as ``application/octet-stream`` may be."""
    content_type = content_type.lower()
    if content_type.split("/")[0] in NOT_DOCUMENT_MAINTYPES or content_type in NOT_DOCUMENT_TYPES:
        return False
    if name is None:
        return True
    lowered = name.lower()
    return lowered not in NOT_DOCUMENT_NAMES and PurePosixPath(lowered).suffix not in NOT_DOCUMENT_SUFFIXES and not _skipped(name)


def _encoded_size(part: Message) -> int:
    """The size of an attached file told from its encoded payload, without decoding it (base64: three bytes for four
    characters); of a part of an outline, from the counts its payload left (``_Payload``)."""
    if isinstance(part, _Outline):
        return part.payload.encoded_size(_transfer_encoding(part))
    payload = _sent_payload(part)
    if _transfer_encoding(part) == "base64":
        return (len(payload) - payload.count(b"\n") - payload.count(b"\r") - payload.count(b" ")) * 3 // 4
    return len(payload)


def _forwarded(part: Message, name: str) -> bool:
    """Whether a file is a message forwarded as an attachment (``formats.is_message_file``: its text is read into
    the message's). Only a file named ``.eml`` is decoded to tell, and only its opening (``_payload_opening``): the
    listing keeps no more of it, and the reading of the message must find the files the listing found."""
    return name.lower().endswith(".eml") and is_message_file(name, _payload_opening(part))


def _transfer_encoding(part: Message) -> str:
    return str(part.get("content-transfer-encoding", "")).strip().lower()


def _holds_many(name: str) -> bool:
    lowered = name.lower().removesuffix(".gz")
    return _nested(name) or PurePosixPath(lowered).suffix in MBOX_SUFFIXES | FEED_SUFFIXES


def _unique_key(name: str, taken: dict[str, int]) -> str:
    """A file's key among the message's: its name, and for a second file of that name its place before the suffix
    (``report~2.pdf``), so that its suffix, which tells its kind, stays. ``taken``: the keys given so far, each with
    the number its next namesake tries first (the numbers below it are taken already: thousands of files of one
    name are named in one pass, not each after trying all the numbers before it)."""
    key = _clean_key(name)
    if key in taken:
        stem, suffix = os.path.splitext(key)
        n = taken[key]
        while f"{stem}~{n}{suffix}" in taken:
            n += 1
        taken[key] = n + 1
        key = f"{stem}~{n}{suffix}"
    taken.setdefault(key, 2)
    return key


def attached_files(message: EmailMessage, *, max_bytes: int) -> list[tuple[Attached, Message | None]]:
    """A message's attached files that may be documents, in order, each with its part (module docstring), and
    after a message attached to it (``message/rfc822``) that message's own files, named after it
    (``fwd.eml#report.pdf``, ``message-1.eml#report.pdf`` for one without a name), to ``MAX_FORWARD_DEPTH``
    messages deep; those after the first ``MAX_ATTACHMENTS`` of them all as one, without a part
    (``_passed_over``)."""
    found: list[tuple[Attached, Message | None]] = []
    taken: dict[str, int] = {}
    passed: list[str] = []
    for prefix, name, part, own_taken in _document_parts(message, "", taken, 0):
        position = len(found) + len(passed) + 1
        if len(found) >= MAX_ATTACHMENTS:
            passed.append(prefix + _file_key(name, part.get_content_type(), position, own_taken))
            continue
        attached = _attached(name, part.get_content_type(), position, _encoded_size(part), own_taken, max_bytes)
        found.append((replace(attached, key=prefix + attached.key) if prefix else attached, part))
    return found + [(_passed_over(passed, taken), None)] * bool(passed)


def _document_parts(
    message: Message, prefix: str, taken: dict[str, int], depth: int
) -> Iterator[tuple[str, str | None, Message, dict[str, int]]]:
    """The parts of a message that are attached files that may be documents, in order, each with the prefix of
    its key (``fwd.eml#`` for a message attached), its name and the keys taken among its message's files; a
    message attached to it is looked into in its place."""
    body = {id(_safe_body(message, kind)) for kind in ("plain", "html")}
    messages = 0
    for part in _leaves(message):
        if id(part) in body:
            continue
        if part.get_content_maintype() == "message":
            inner = part.get_payload()
            forwarded = isinstance(inner, list) and len(inner) == 1 and isinstance(inner[0], Message)
            if forwarded and depth < MAX_FORWARD_DEPTH and part.get_content_type() == "message/rfc822":
                messages += 1
                key = _unique_key(_file_name(part) or f"message-{messages}.eml", taken)
                yield from _document_parts(inner[0], f"{prefix}{key}#", {}, depth + 1)  # type: ignore[index,arg-type]
            continue
        name = _file_name(part)
        if name is None and part.get_content_disposition() != "attachment":
            continue  # a part of the body (Apple Mail's text after an image), or an inline image without a name
        if not is_document(part.get_content_type(), name) or (name is not None and _forwarded(part, name)):
            continue
        yield prefix, name, part, taken


def _safe_body(message: Message, kind: str) -> Message | None:
    get_body = getattr(message, "get_body", None)  # a message attached is parsed as the class of its message
    return get_body(preferencelist=(kind,)) if get_body is not None else None


def _attached(name: str | None, content_type: str, position: int, size: int, taken: dict[str, int], max_bytes: int) -> Attached:
    """A file as listed: named by its place and the suffix of its media type when it has no name
    (``attachment-3.pdf``), its key unique among the message's (``_unique_key``), and refused when it may hold
    many documents, or is over ``max_bytes`` (``size``: as its message tells it)."""
    if name is None:
        name = f"attachment-{position}{mimetypes.guess_extension(content_type) or ''}"
    key = _file_key(name, content_type, position, taken)
    problem: tuple[Reason, str] | None = None
    if _holds_many(name):
        problem = (Reason.UNSUPPORTED_TYPE, MANY)
    elif size > max_bytes:
        problem = (Reason.TOO_LARGE, f"about {size} bytes is over the limit of {max_bytes} (max_file_bytes)")
    return Attached(key, name, position, problem)


def _file_key(name: str | None, content_type: str, position: int, taken: dict[str, int]) -> str:
    """A file's key among its message's (``_unique_key``), by its name or, without one, by its place and the suffix
    of its media type (``attachment-3.pdf``)."""
    return _unique_key(name or f"attachment-{position}{mimetypes.guess_extension(content_type) or ''}", taken)


def _passed_over(held: list[str], taken: dict[str, int]) -> Attached:
    """The files of a message after its first ``MAX_ATTACHMENTS`` (``held``: their keys), refused as one that
    counts them all: 537 files give ``attached-files-101-to-537``, one rejection that the run report counts as 437
    documents seen and rejected (``documents``), none of them looked at further. Their keys are kept (``held``):
    a file indexed when it was among the first 100 is still held by its message, so ``--prune`` keeps it, as it
    keeps the version indexed of any document refused when read again."""
    count = len(held)
    first, last = MAX_ATTACHMENTS + 1, MAX_ATTACHMENTS + count
    key = _unique_key(f"attached-files-{first}-to-{last}", taken)
    detail = (
        f"{count} attached files after the message's first {MAX_ATTACHMENTS} are not read (MAX_ATTACHMENTS):"
        " this one rejection counts them all"
    )
    return Attached(key, key, first, (Reason.TOO_LARGE, detail), documents=count, held=tuple(held))


def outlook_files(ole: Any, size: int, *, max_bytes: int) -> list[tuple[Attached, str]] | None:
    """The attached files of an Outlook message that may be documents, each with its data stream's name, from the
    storages of its attachments (``__attach_version1.0_#...``, ``outlook.attachment``): those attached by value
    and not hidden (an image its HTML body shows), by the rules of a MIME message's. None when the OLE container
    holds no message (a Word document)."""
    if ole.exists("WordDocument") or not ole.exists(outlook.PROPERTIES):
        return None
    streams = _OleStreams(ole, size)
    eight_bit = outlook.eight_bit_codec(streams.read(outlook.PROPERTIES))
    storages = sorted(
        path[0] for path in ole.listdir(streams=False, storages=True)
        if len(path) == 1 and path[0].lower().startswith(outlook.ATTACH_PREFIX.lower())
    )
    found: list[tuple[Attached, str]] = []
    taken: dict[str, int] = {}
    passed: list[str] = []
    for storage in storages:
        info = outlook.attachment(
            {n: streams.read(f"{storage}/{n}") for n in outlook.ATTACHMENT_WANTED if ole.exists(f"{storage}/{n}")}, eight_bit
        )
        data = f"{storage}/{outlook.ATTACH_DATA}"
        if not info.by_value or info.hidden or not ole.exists(data):
            continue  # an embedded message or object, a link, an image of the body
        name = _base_name(info.name)
        content_type = (info.mime or "application/octet-stream").strip()
        if not is_document(content_type, name):
            continue
        if len(found) >= MAX_ATTACHMENTS:
            passed.append(_file_key(name, content_type, len(found) + len(passed) + 1, taken))
            continue
        found.append((_attached(name, content_type, len(found) + 1, ole.get_size(data), taken, max_bytes), data))
    return found + [(_passed_over(passed, taken), "")] * bool(passed)


def _outlook_listing(data: bytes, *, max_bytes: int) -> tuple[Attached, ...] | Problem:
    ole = _open_ole(data)
    if isinstance(ole, Problem):
        return ()  # read as a file, and refused with the reason
    with ole:
        found = outlook_files(ole, len(data), max_bytes=max_bytes)
    return () if found is None else tuple(attached for attached, _ in found)


def _opens_as_mail(data: bytes) -> bool:
    """Whether bytes may be an e-mail whose attached files can be listed: empty, or opening with header fields
    (after an mbox "From " line, as some programs save a message). Other bytes (a damaged or overwritten file, a
    PDF named ``.eml``) parse as a message without parts: its files would be listed as none, and ``--prune`` would
    delete those indexed from it while the message itself is refused."""
    opening = _opening(data)
    if opening.startswith(b"From "):
        opening = _opening(opening.partition(b"\n")[2])
    return not opening.strip() or _leading_header(opening) is not None


def list_attachments(data: bytes, *, max_bytes: int) -> tuple[Attached, ...] | Problem:
    """The attached files of a message's bytes that may be documents (``attached_files`` of its outline), none of
    a web page saved as one file (read as a page, ``formats.extract_mhtml``); a problem when the message cannot be
    parsed or is over ``MESSAGE_BYTES_FACTOR`` times ``max_bytes`` (its attached files are not listed, and those
    indexed before stay)."""
    return _listing(io.BytesIO(data), len(data), max_bytes=max_bytes)


def _listing(stream: ByteReader, size: int | None, *, max_bytes: int) -> tuple[Attached, ...] | Problem:
    """``list_attachments`` of a message read from ``stream`` (``size`` bytes; None: as many as a gzipped file
    decompresses to, up to ``MESSAGE_BYTES_FACTOR`` times ``max_bytes``): an e-mail's outline is read in pieces
    (``outline``), not the whole message; an Outlook message's bytes are read whole (its OLE directory)."""
    if size is not None and size > max_bytes * MESSAGE_BYTES_FACTOR:
        return Problem(Reason.TOO_LARGE, _too_large(size, max_bytes))
    try:
        head = stream.read(MAX_MIME_HEADER + 4)  # what tells its kind, and a header too long (``overlong_header``)
        if looks_like_mhtml(head, suffix=EMAIL_SUFFIX):  # a page saved as one file (Chrome's, named .eml): its parts are the page's
            return ()
        if head.startswith(OLE_MAGIC):
            return _outlook_listing(head + stream.read(), max_bytes=max_bytes)
        if not _opens_as_mail(head):
            return Problem(Reason.UNREADABLE, "not an e-mail: it does not open with header fields, so its attached files cannot be listed")
        if (overlong := overlong_header(head)) is not None:
            return overlong
        message = outline(stream, head)
        return tuple(attached for attached, _ in attached_files(message, max_bytes=max_bytes))
    except _Capped.Over:
        return Problem(Reason.TOO_LARGE, _too_large_gzipped(max_bytes))
    except _NoOutline as exc:
        return Problem(Reason.UNREADABLE, f"its attached files cannot be listed: {exc}")
    except Exception as exc:  # noqa: BLE001 - a malformed structure: the message is still read, its files not listed
        return Problem(Reason.UNREADABLE, f"its attached files cannot be listed: {type(exc).__name__}: {str(exc)[:200]}")


def with_attachments(member: Member, listing: tuple[Attached, ...] | Problem) -> list[Member]:
    """A message that is a record (a mailbox's message, an ``.eml`` file of an archive) marked as listed or not,
    followed by its attached files, each a record named ``<the message's key>#<its own>``, at the message's place."""
    message = member.record
    if isinstance(listing, Problem):
        return [replace(member, attachments="unlisted")]
    files = [
        Member(
            Record("email", f"{message.key}#{a.key}", message.offset, message.length, a.position, message.file, message=message),
            a.problem, documents=a.documents, held=tuple(f"{message.key}#{k}" for k in a.held),
        )
        for a in listing
    ]
    return [replace(member, attachments="listed"), *files]


class _Capped:
    """A stream read up to ``limit`` bytes: reading past them raises ``Over`` (a gzipped message that decompresses
    to more than its message may be)."""

    class Over(Exception):
        pass

    def __init__(self, stream: ByteReader, limit: int) -> None:
        self._stream = stream
        self._left = limit

    def read(self, size: int = -1) -> bytes:
        data = self._stream.read(self._left + 1 if size < 0 else min(size, self._left + 1))
        self._left -= len(data)
        if self._left < 0:
            raise _Capped.Over
        return data


def _too_large_gzipped(max_bytes: int) -> str:
    return (
        f"a gzipped message that decompresses to more than {MESSAGE_BYTES_FACTOR} times the limit of {max_bytes}"
        " (max_file_bytes): its attached files are not read"
    )


def _too_large(size: int, max_bytes: int) -> str:
    return (
        f"a message of {size} bytes, over {MESSAGE_BYTES_FACTOR} times the limit of {max_bytes} (max_file_bytes):"
        " its attached files are not read"
    )


def file_attachments(listing: tuple[Attached, ...], stamp: FileStamp) -> list[Member]:
    """The attached files of an ``.eml`` file on disk (``stamp``: the file as listed), each a record named by its
    key alone (the file's source path is the message's)."""
    return [Member(Record("email", a.key, 0, stamp.size, a.position, stamp), a.problem, documents=a.documents, held=a.held) for a in listing]


def scan_email(path: Path, *, max_bytes: int) -> Scan:
    """The attached files of an ``.eml`` or ``.msg`` file on disk that may be documents, its outline read from the
    file in pieces (``_listing``); a problem when they cannot be listed (the file cannot be read, is over
    ``MESSAGE_BYTES_FACTOR`` times ``max_bytes`` or cannot be parsed)."""
    try:
        with path.open("rb") as stream:
            info = os.fstat(stream.fileno())
            if path.name.lower().endswith(GZIP_SUFFIX) and stream.read(2) == GZIP_MAGIC:
                stream.seek(0)
                unpacked = GunzipReader(stream)
                listing = _listing(_Capped(unpacked, max_bytes * MESSAGE_BYTES_FACTOR), None, max_bytes=max_bytes)
            else:
                stream.seek(0)
                listing = _listing(stream, info.st_size, max_bytes=max_bytes)
    except OSError as exc:
        return Scan(problem=(Reason.UNREADABLE, f"cannot read the file: {exc.strerror or exc}"))
    if isinstance(listing, Problem):
        return Scan(problem=(listing.reason, listing.detail))
    return Scan(tuple(file_attachments(listing, FileStamp(info.st_size, info.st_mtime_ns))))


@dataclass
class _Kept:
    """The last message whose attached files were read (``read_attachment``): which it is (its file, stamp, place
    and the limit it was read under), the message (its outline; parsed whole where the outline cannot be read; an
    Outlook message's bytes) and its listing once made; of an outlined message of a mailbox or an archive, its
    bytes (``data``: its payloads are read from them; an ``.eml`` file's are read from the file)."""

    key: tuple[object, ...]
    message: EmailMessage | bytes
    files: list[tuple[Attached, Any]] | None = None
    data: bytes | None = None
    #: its file on disk, kept open where the last payload read from it ended (``_decoded``)
    reading: _Reading | None = None

    def close(self) -> None:
        if self.reading is not None:
            self.reading.file.close()
            self.reading = None


@dataclass
class _Reading:
    """A message's file open for its payloads (``_decoded``), and where what is read from it stands among the
    message's bytes: a gzipped file's next payload is decompressed on from there, not from the file's start, when
    it comes after (its files are read in order), so that a message's 100 files decompress it once, not 100 times."""

    file: BinaryIO
    stream: ByteReader
    at: int = 0


#: per thread, the last message whose attached files were read (``_Kept``): its files are read one after another
#: (``load.file_order``), so a message is outlined and its files listed once per worker thread, not once per file
_last = threading.local()


def release() -> None:
    """Lets go of the message kept for its attached files (``read_attachment``): when a worker thread reads another
    kind of document, the message (its outline, or up to ``MESSAGE_BYTES_FACTOR`` times ``max_file_bytes``
    parsed) is not kept until that thread's next attached file, and its file is closed."""
    kept: _Kept | None = getattr(_last, "message", None)
    if kept is not None:
        kept.close()
    _last.message = None


def _message_bytes(path: Path, record: Record, *, max_bytes: int) -> bytes | Problem:
    """The bytes of the message an attached file's record names: an ``.eml`` file on disk (as listed), a mailbox's
    message (after its "From " line, unquoted), or an ``.eml`` file of a ZIP, tar or 7-Zip archive."""
    message = record.message
    if message is None:
        try:
            info = path.stat()
            if not record.file.as_listed(info):
                return Problem(Reason.UNREADABLE, CHANGED)
            if info.st_size > max_bytes * MESSAGE_BYTES_FACTOR:
                return Problem(Reason.TOO_LARGE, _too_large(info.st_size, max_bytes))
            on_disk = path.read_bytes()
            if path.name.lower().endswith(GZIP_SUFFIX) and on_disk.startswith(GZIP_MAGIC):  # pr.eml.gz
                message_bytes = gunzip(on_disk, max_bytes=max_bytes * MESSAGE_BYTES_FACTOR)
                too_large = isinstance(message_bytes, Problem) and message_bytes.reason == Reason.TOO_LARGE
                return Problem(Reason.TOO_LARGE, _too_large_gzipped(max_bytes)) if too_large else message_bytes
            return on_disk
        except FileNotFoundError:
            return Problem(Reason.NOT_FOUND, "the message's file disappeared before it could be read")
        except OSError as exc:
            return Problem(Reason.UNREADABLE, f"cannot read the message's file: {exc.strerror or exc}")
    if message.kind == "mbox":
        read = read_held if message.member is not None else read_record
        data = read(path, message, max_bytes=max_bytes * MESSAGE_BYTES_FACTOR)
        if isinstance(data, Problem):
            return data
        own = replace(message, key=message.key[len(message.member.key) + 1 :], member=None) if message.member is not None else message
        unquoted = mbox_message(own, data)
        return Problem(Reason.UNREADABLE, CHANGED) if unquoted is None else unquoted
    got = read_archive_member(path, message, max_bytes=max_bytes)
    return got if isinstance(got, Problem) else got[1]


def read_attachment(path: Path, record: Record, *, max_bytes: int) -> tuple[str, bytes, date | None] | Problem:
    """The file name, decoded bytes and the message's date sent of one attached file (``record``, of kind "email");
    a problem when its message changed since it was listed, or the file is damaged (base64 that cannot be decoded)
    or over ``max_bytes``.

    The message's outline is read again (``outline``, kept for the message's next files) and the file's payload
    alone is decoded from its bytes (``_read_outlined``: the part's place among the message's bytes, decoded in
    pieces, ``transfer``), so that a file of a 54 MB message is read in the memory of its own bytes; the bytes are
    those the message parsed whole gives. A message whose outline cannot be read (a part's header over
    ``MAX_MIME_HEADER``, an Outlook message) or a part that cannot be decoded in pieces is parsed whole, as before."""
    message = record.message
    cache_key = (
        os.fspath(path), record.file.size, record.file.mtime_ns, -1 if message is None else message.offset,
        -1 if message is None or message.member is None else message.member.offset, max_bytes,
    )
    key = record.key if message is None else record.key[len(message.key) + 1 :]
    kept: _Kept | None = getattr(_last, "message", None)
    if kept is None or kept.key != cache_key:
        release()  # the old one goes before the new one is read
        got = _outlined(path, record, cache_key, max_bytes=max_bytes)
        if isinstance(got, Problem):
            return got
        kept = _last.message = got
    if kept is not None and isinstance(kept.message, _Outline):
        read = _read_outlined(path, record, kept, kept.message, key, max_bytes=max_bytes)
        if read is not None:
            return read
        release()  # a part that cannot be decoded in pieces: the message is parsed whole
        kept = None
    return _read_parsed(path, record, cache_key, key, kept, max_bytes=max_bytes)


def _outlined(path: Path, record: Record, cache_key: tuple[object, ...], *, max_bytes: int) -> _Kept | Problem | None:
    """The message of an attached file's record outlined (``_outline_of``): an ``.eml`` file on disk read from the
    file (gzipped, as it decompresses), a mailbox's or archive's message from its bytes (parsed whole when it
    cannot be outlined); a problem when its file changed, is gone or over the limit; None for a file on disk that
    cannot be outlined (read by ``_read_parsed``)."""
    if record.message is not None:
        data = _message_bytes(path, record, max_bytes=max_bytes)
        if isinstance(data, Problem):
            return data
        outlined = _outline_of(io.BytesIO(data))
        if outlined is not None:
            return _Kept(cache_key, outlined, data=data)
        parsed = data if data.startswith(OLE_MAGIC) else parse_message(data)  # an Outlook message is opened for each file
        return parsed if isinstance(parsed, Problem) else _Kept(cache_key, parsed)
    try:
        opened = _opened(path, record, max_bytes=max_bytes)
        if isinstance(opened, Problem):
            return opened
        with opened.file:
            outlined = _outline_of(opened.stream)
    except FileNotFoundError:
        return Problem(Reason.NOT_FOUND, "the message's file disappeared before it could be read")
    except OSError as exc:
        return Problem(Reason.UNREADABLE, f"cannot read the message's file: {exc.strerror or exc}")
    return None if outlined is None else _Kept(cache_key, outlined)


def _opened(path: Path, record: Record, *, max_bytes: int) -> _Reading | Problem:
    """An ``.eml`` file on disk opened to be read as its message's bytes (a gzipped one as it decompresses, up to
    ``MESSAGE_BYTES_FACTOR`` times ``max_bytes``); a problem when it is not the file listed (its size or time of
    change differ) or is over the limit."""
    file = path.open("rb")
    try:
        problem = _not_as_listed(file, record, max_bytes=max_bytes)
        if problem is not None:
            file.close()
            return problem
        if path.name.lower().endswith(GZIP_SUFFIX) and file.read(2) == GZIP_MAGIC:
            file.seek(0)
            return _Reading(file, _Capped(GunzipReader(file), max_bytes * MESSAGE_BYTES_FACTOR))
        file.seek(0)
        return _Reading(file, file)
    except BaseException:
        file.close()
        raise


def _not_as_listed(file: BinaryIO, record: Record, *, max_bytes: int) -> Problem | None:
    """Why an open message's file is not read: it changed since it was listed (its size or time of change), or is
    over ``MESSAGE_BYTES_FACTOR`` times ``max_bytes``."""
    info = os.fstat(file.fileno())
    if not record.file.as_listed(info):
        return Problem(Reason.UNREADABLE, CHANGED)
    if info.st_size > max_bytes * MESSAGE_BYTES_FACTOR:
        return Problem(Reason.TOO_LARGE, _too_large(info.st_size, max_bytes))
    return None


def _outline_of(stream: ByteReader) -> _Outline | None:
    """A message's outline as the listing reads it (``_listing``); None when it cannot be read so (an Outlook
    message, a page saved as an ``.eml`` file, no header fields first, a header over ``MAX_MIME_HEADER``, multiparts
    nested over ``MAX_OUTLINE_DEPTH``, a gzipped file that is damaged or decompresses to over its limit)."""
    try:
        head = stream.read(MAX_MIME_HEADER + 4)
        if head.startswith(OLE_MAGIC) or looks_like_mhtml(head, suffix=EMAIL_SUFFIX) or not _opens_as_mail(head):
            return None
        return None if overlong_header(head) is not None else outline(stream, head)
    except Exception:  # noqa: BLE001 - _NoOutline, _Capped.Over, a damaged gzip file: read by the whole parse
        return None


class _Shorter(Exception):
    """The message ends before a payload the outline placed in it: its file changed since."""


def _read_outlined(
    path: Path, record: Record, kept: _Kept, message: _Outline, key: str, *, max_bytes: int
) -> tuple[str, bytes, date | None] | Problem | None:
    """``read_attachment`` of a file of an outlined message: its part found in the listing, its payload read from
    its place among the message's bytes (``_Payload.start`` and ``size``) and decoded in pieces by its transfer
    encoding as the email package compares it (``transfer.decoder``), no more than ``max_bytes`` of it kept; None
    when it is to be read from the message parsed whole (a uuencoded line over ``transfer.MAX_UU_LINE``)."""
    if kept.files is None:  # listed once for all its files: a message of thousands of files is not listed for each
        kept.files = attached_files(message, max_bytes=max_bytes)
    found = _found(kept.files, key, record.position)
    if isinstance(found, Problem):
        return found
    attached, part = found
    payload = part.payload
    if payload.start < 0:
        return None
    encoding = str(part.get("content-transfer-encoding", "")).lower()  # as get_payload(decode=True) compares it
    try:
        try:
            raw, size = _decoded(path, record, kept, payload, transfer.decoder(encoding), max_bytes=max_bytes)
        except transfer.AsSent:  # uuencode the email package cannot decode: the payload as sent
            raw, size = _decoded(path, record, kept, payload, transfer.RawDecoder(), max_bytes=max_bytes)
    except (_Shorter, _ChangedFile):
        return Problem(Reason.UNREADABLE, CHANGED)
    except FileNotFoundError:
        return Problem(Reason.NOT_FOUND, "the message's file disappeared before it could be read")
    except transfer.NotInPieces:
        return None
    except OSError as exc:
        return Problem(Reason.UNREADABLE, f"cannot read the message's file: {exc.strerror or exc}")
    except Exception:  # noqa: BLE001 - a gzip file damaged since it was listed: read by the whole parse
        return None
    if raw is None and size < 0:
        return Problem(Reason.UNREADABLE, "an attached file whose base64 cannot be decoded: damaged in the message")
    if raw is None:
        return Problem(Reason.TOO_LARGE, f"{size} bytes is over the limit of {max_bytes} (max_file_bytes)")
    return attached.name, raw, sent_date(message)


class _ChangedFile(Exception):
    """The file on disk is not the one listed."""


def _decoded(
    path: Path, record: Record, kept: _Kept, payload: _Payload, decoder: transfer.Decoder, *, max_bytes: int
) -> tuple[bytes | None, int]:
    """A payload decoded from the message's bytes (``kept.data``, or its file on disk, kept open for the next
    payloads: ``_Reading``) in pieces of ``READ_BYTES``: its bytes and their size; None and the size when they are
    over ``max_bytes`` (counted, not kept); None and -1 when its base64 cannot be decoded. Raises ``_Shorter`` when
    the message ends before the payload does, ``_ChangedFile`` when its file is not the one listed."""
    if kept.data is not None:
        in_memory = io.BytesIO(kept.data)
        in_memory.seek(payload.start)
        return _decoded_from(in_memory, payload, decoder, max_bytes=max_bytes)
    reading = _reading(path, record, kept, payload.start, max_bytes=max_bytes)
    try:
        if reading.stream is reading.file:
            reading.file.seek(payload.start)
        else:
            _skip(reading.stream, payload.start - reading.at)
        got = _decoded_from(reading.stream, payload, decoder, max_bytes=max_bytes)
    except BaseException:
        kept.close()  # read to an unknown place: opened again for the next payload
        raise
    reading.at = payload.start + payload.size
    return got


def _decoded_from(stream: ByteReader, payload: _Payload, decoder: transfer.Decoder, *, max_bytes: int) -> tuple[bytes | None, int]:
    """``_decoded`` of a stream at the payload's start."""
    out = _Output(max_bytes)
    left = payload.size
    while left > 0:
        piece = stream.read(min(READ_BYTES, left))
        if not piece:
            raise _Shorter
        left -= len(piece)
        out.add(decoder.feed(piece))
    rest = decoder.end()
    if rest is None:
        return None, -1
    out.add(rest)
    return out.value(), out.size


class _Output:
    """A file's bytes as they are decoded, written into one buffer (``getvalue`` then gives them without a copy,
    where joining the pieces held them twice), let go once they are over ``max_bytes`` (only their size is
    counted on)."""

    def __init__(self, max_bytes: int) -> None:
        self._max = max_bytes
        self._buffer: io.BytesIO | None = io.BytesIO()
        self.size = 0

    def add(self, piece: bytes) -> None:
        self.size += len(piece)
        if self.size > self._max:
            self._buffer = None
        elif self._buffer is not None and piece:
            self._buffer.write(piece)

    def value(self) -> bytes | None:
        return None if self._buffer is None else self._buffer.getvalue()


def _reading(path: Path, record: Record, kept: _Kept, start: int, *, max_bytes: int) -> _Reading:
    """The message's file open to read a payload that starts at ``start``: the one kept open (``kept.reading``)
    while it is the file listed and, gzipped, has not decompressed past ``start``; else opened again."""
    reading = kept.reading
    if reading is not None:
        seekable = reading.stream is reading.file
        if (reading.at > start and not seekable) or _not_as_listed(reading.file, record, max_bytes=max_bytes) is not None:
            kept.close()
            reading = None
    if reading is None:
        opened = _opened(path, record, max_bytes=max_bytes)
        if isinstance(opened, Problem):
            raise _ChangedFile(opened.detail)
        reading = kept.reading = opened
    return reading


def _skip(stream: ByteReader, count: int) -> None:
    """A gzipped file's stream read on by ``count`` bytes (decompressed, the pieces let go)."""
    while count > 0:
        piece = stream.read(min(READ_BYTES, count))
        if not piece:
            raise _Shorter
        count -= len(piece)


def _read_parsed(
    path: Path, record: Record, cache_key: tuple[object, ...], key: str, kept: _Kept | None, *, max_bytes: int
) -> tuple[str, bytes, date | None] | Problem:
    """``read_attachment`` of a message parsed whole by the email package (kept for its next files): the part's
    ``get_payload(decode=True)``; of an Outlook message, its attachment's data stream."""
    if kept is None:
        data = _message_bytes(path, record, max_bytes=max_bytes)
        if isinstance(data, Problem):
            return data
        parsed = data if data.startswith(OLE_MAGIC) else parse_message(data)  # an Outlook message is opened for each file
        if isinstance(parsed, Problem):
            return parsed
        kept = _last.message = _Kept(cache_key, parsed)
    if isinstance(kept.message, bytes):
        return _outlook_file(kept, key, record.position, max_bytes=max_bytes)
    try:
        if kept.files is None:  # listed once for all its files: a message of thousands of files is not listed for each
            kept.files = attached_files(kept.message, max_bytes=max_bytes)
        found = _found(kept.files, key, record.position)
        if isinstance(found, Problem):
            return found
        attached, part = found
        raw = part.get_payload(decode=True)
        damaged = bad_base64(part)
    except Exception as exc:  # noqa: BLE001 - a malformed part: this file is refused, the message and the others read
        return Problem(Reason.UNREADABLE, f"the attached file cannot be decoded: {type(exc).__name__}: {str(exc)[:200]}")
    if damaged or not isinstance(raw, bytes):
        return Problem(Reason.UNREADABLE, "an attached file whose base64 cannot be decoded: damaged in the message")
    if len(raw) > max_bytes:
        return Problem(Reason.TOO_LARGE, f"{len(raw)} bytes is over the limit of {max_bytes} (max_file_bytes)")
    return attached.name, raw, sent_date(kept.message)


def _found(files: list[tuple[Attached, Any]], key: str, position: int) -> tuple[Attached, Any] | Problem:
    """The file of a message's listing that a record names: at its place (``position``, counted from 1), under its
    key (a "~" that ``discover`` added, when a file on disk had its name, aside); the listing's refusal of it, or
    ``CHANGED`` when the message no longer lists it there."""
    at = position - 1
    if 0 <= at < len(files) and files[at][0].position == position and files[at][0].key.rstrip("~") == key.rstrip("~"):
        attached = files[at][0]
        return files[at] if attached.problem is None else Problem(*attached.problem)
    return Problem(Reason.UNREADABLE, CHANGED)


def _outlook_file(kept: _Kept, key: str, position: int, *, max_bytes: int) -> tuple[str, bytes, date | None] | Problem:
    """``read_attachment`` of a file attached to an Outlook message (``kept``: its bytes, and its listing once
    made): its data stream, found as it was listed."""
    data = kept.message
    assert isinstance(data, bytes)
    ole = _open_ole(data)
    if isinstance(ole, Problem):
        return ole
    try:
        with ole:
            if kept.files is None:
                kept.files = outlook_files(ole, len(data), max_bytes=max_bytes) or []
            found = _found(kept.files, key, position)
            if isinstance(found, Problem):
                return found
            attached, stream = found
            streams = _OleStreams(ole, len(data))
            raw = streams.read(stream)
            sent = outlook.sent_time(streams.read(outlook.PROPERTIES))
    except Exception as exc:  # noqa: BLE001  (olefile's errors on damaged streams, and DocError)
        return Problem(Reason.UNREADABLE, f"the attached file cannot be read from the Outlook message: {type(exc).__name__}: {str(exc)[:200]}")
    return attached.name, raw, sent.date() if sent is not None and sent.year >= 1980 else None
