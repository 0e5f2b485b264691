"""An Outlook message (``.msg``, [MS-OXMSG]): its subject, sender, date and body, out of the property streams of
the message's OLE container.

Pure: the container's top-level streams in (by name), a ``Message`` out. Strings are stored in streams named
``__substg1.0_<property><type>``, UTF-16 (type 001F) or 8-bit in the message's code page (001E); fixed-size values
(the dates, the code page) are entries of the ``__properties_version1.0`` stream. Recipients and attachments
are in storages of their own: an attachment's name, media type and how it is attached are read from its storage's
streams (``attachment``), its bytes from its data stream (``ATTACH_DATA``, by ``flows.steps.attachments``).
"""

from __future__ import annotations

import struct
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from flows.steps.codepages import codec, filetime, stored_string

PROPERTIES = "__properties_version1.0"
SUBJECT, SENDER_NAME, SENDER_ADDRESS, BODY, HTML = 0x0037, 0x0C1A, 0x0C1F, 0x1000, 0x1013
SUBMITTED, DELIVERED = 0x0039, 0x0E06
MESSAGE_CODEPAGE, INTERNET_CODEPAGE = 0x3FFD, 0x3FDE
UNICODE, STRING8, BINARY = 0x001F, 0x001E, 0x0102
#: the header before the property entries of a top-level message's properties stream, and of an attachment's
_HEADER = 32
ATTACHMENT_HEADER = 8
_ENTRY = 16
#: the storages of a message's attachments: ``__attach_version1.0_#00000000``, ...
ATTACH_PREFIX = "__attach_version1.0_#"
LONG_FILENAME, FILENAME, DISPLAY_NAME, MIME_TAG = 0x3707, 0x3704, 0x3001, 0x370E
ATTACH_METHOD, HIDDEN = 0x3705, 0x7FFE
#: how an attachment is attached: its bytes in its data stream (not an embedded message, an OLE object, a link)
BY_VALUE = 1


def stream_name(prop: int, kind: int) -> str:
    return f"__substg1.0_{prop:04X}{kind:04X}"


#: the body as compressed RTF ([MS-OXRTFCP]), which Outlook may store alone (a rich-text message, or an HTML one
#: encapsulated in RTF)
COMPRESSED_RTF = stream_name(0x1009, BINARY)
#: larger compressed RTF bodies are not read: the body expands up to eight times, and then is parsed as RTF
MAX_RTF_BODY_BYTES = 4_000_000


#: the streams ``message`` reads, each property in any of the forms it may be stored in
WANTED = tuple(stream_name(p, k) for p in (SUBJECT, SENDER_NAME, SENDER_ADDRESS, BODY) for k in (UNICODE, STRING8)) + (
    stream_name(HTML, BINARY), stream_name(HTML, UNICODE), stream_name(HTML, STRING8)
)


@dataclass(frozen=True)
class Message:
    subject: str | None
    sender: str | None
    sent: datetime | None
    text: str | None  # the plain-text body
    html: str | None  # the HTML body


def fixed_values(stream: bytes, header: int = _HEADER) -> dict[int, bytes]:
    """Property id -> the 8 value bytes of each fixed-size entry of a properties stream (a top-level one's by
    default; an attachment's after ``ATTACHMENT_HEADER`` bytes)."""
    values: dict[int, bytes] = {}
    for at in range(header, len(stream) - _ENTRY + 1, _ENTRY):
        tag = struct.unpack_from("<I", stream, at)[0]
        if tag:
            values[tag >> 16] = stream[at + 8 : at + 16]
    return values


def _codepage(values: Mapping[int, bytes], prop: int) -> str | None:
    """The codec of a code page property, None when it is missing or one Python does not know."""
    raw = values.get(prop)
    return codec(struct.unpack_from("<I", raw)[0]) if raw is not None and len(raw) >= 4 else None


def _time(values: Mapping[int, bytes], prop: int) -> datetime | None:
    raw = values.get(prop)
    return filetime(struct.unpack_from("<Q", raw)[0] if raw and len(raw) == 8 else 0)


def _utf8_or_windows(raw: bytes) -> str:
    """With no code page said: UTF-8 if the bytes are, else Windows-1252."""
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        return "cp1252"
    return "utf-8"


def _string(streams: Mapping[str, bytes], prop: int, eight_bit: str) -> str | None:
    """A string property out of its stream: in UTF-16 when stored so, else in the 8-bit codec given."""
    if (raw := streams.get(stream_name(prop, UNICODE))) is not None:
        return stored_string(raw, "utf-16-le")
    if (raw := streams.get(stream_name(prop, STRING8))) is not None:
        return stored_string(raw, eight_bit)
    return None


def message(streams: Mapping[str, bytes]) -> Message:
    """The message out of its top-level streams (``PROPERTIES`` and those ``WANTED`` it has)."""
    values = fixed_values(streams.get(PROPERTIES, b""))
    eight_bit = _codepage(values, MESSAGE_CODEPAGE) or _codepage(values, INTERNET_CODEPAGE) or "cp1252"

    def text(prop: int) -> str | None:
        return _string(streams, prop, eight_bit)

    html = text(HTML)
    if html is None and (raw := streams.get(stream_name(HTML, BINARY))) is not None:
        html = stored_string(raw, _codepage(values, INTERNET_CODEPAGE) or _utf8_or_windows(raw))
    return Message(
        subject=text(SUBJECT),
        sender=text(SENDER_NAME) or text(SENDER_ADDRESS),
        sent=_time(values, SUBMITTED) or _time(values, DELIVERED),
        text=text(BODY),
        html=html,
    )


#: an attachment's data, its bytes when it is attached by value
ATTACH_DATA = stream_name(0x3701, BINARY)
#: the streams ``attachment`` reads in an attachment's storage
ATTACHMENT_WANTED = (PROPERTIES,) + tuple(
    stream_name(p, k) for p in (LONG_FILENAME, FILENAME, DISPLAY_NAME, MIME_TAG) for k in (UNICODE, STRING8)
)


@dataclass(frozen=True)
class Attachment:
    name: str | None  # its long file name, else its short one, else its display name
    mime: str | None  # its media type, when Outlook kept it
    by_value: bool  # its bytes are in its data stream
    hidden: bool  # an image the HTML body shows, not a file the sender attached


def eight_bit_codec(message_properties: bytes) -> str:
    """The codec of the message's 8-bit strings (its code page, else its internet code page, else Windows-1252)."""
    values = fixed_values(message_properties)
    return _codepage(values, MESSAGE_CODEPAGE) or _codepage(values, INTERNET_CODEPAGE) or "cp1252"


def sent_time(message_properties: bytes) -> datetime | None:
    """When the message was sent (else received), from its top-level properties stream."""
    values = fixed_values(message_properties)
    return _time(values, SUBMITTED) or _time(values, DELIVERED)


def attachment(streams: Mapping[str, bytes], eight_bit: str) -> Attachment:
    """An attachment out of its storage's streams (``ATTACHMENT_WANTED`` it has); ``eight_bit``: the message's codec
    (``eight_bit_codec``). Without a method it counts as attached by value, as Outlook writes a file."""
    values = fixed_values(streams.get(PROPERTIES, b""), ATTACHMENT_HEADER)

    def text(prop: int) -> str | None:
        return _string(streams, prop, eight_bit)

    method = values.get(ATTACH_METHOD)
    hidden = values.get(HIDDEN)
    return Attachment(
        name=text(LONG_FILENAME) or text(FILENAME) or text(DISPLAY_NAME),
        mime=text(MIME_TAG),
        by_value=method is None or struct.unpack_from("<I", method)[0] == BY_VALUE,
        hidden=hidden is not None and hidden[0] != 0,
    )
