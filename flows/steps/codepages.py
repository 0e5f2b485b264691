"""How Windows files store strings and times, as Office files, Outlook messages and RTF hold them: code page
numbers to Python's codecs, NUL-terminated strings, FILETIME timestamps."""

from __future__ import annotations

import codecs
from datetime import datetime, timedelta

#: code pages whose Python codec is not called ``cpNNNN``
_NAMES = {
    65001: "utf-8", 65000: "utf-7", 1200: "utf-16-le", 1201: "utf-16-be", 20127: "ascii",
    20866: "koi8_r", 21866: "koi8_u", 20932: "euc_jp", 51932: "euc_jp", 51949: "euc_kr", 54936: "gb18030",
    52936: "hz", 50220: "iso2022_jp", 50221: "iso2022_jp", 50222: "iso2022_jp", 50225: "iso2022_kr",
    10000: "mac_roman", 10006: "mac_greek", 10007: "mac_cyrillic", 10029: "mac_latin2", 10079: "mac_iceland",
    10081: "mac_turkish",
    **{28590 + n: f"iso8859_{n}" for n in (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 14, 15, 16)},
}  # fmt: skip


def codec(number: int) -> str | None:
    """The name of Python's codec for a Windows code page number, or None when Python has none."""
    name = _NAMES.get(number, f"cp{number}")
    try:
        codecs.lookup(name)
    except LookupError:
        return None
    return name


def stored_string(raw: bytes, encoding: str) -> str:
    """A stored string in ``encoding``, up to its first NUL; undecodable bytes replaced."""
    return raw.decode(encoding, "replace").split("\x00", 1)[0]


def filetime(ticks: int) -> datetime | None:
    """A FILETIME (100-nanosecond ticks since 1601) as a datetime; None when unset (0) or out of range."""
    if not ticks:
        return None
    try:
        return datetime(1601, 1, 1) + timedelta(microseconds=ticks // 10)
    except OverflowError:
        return None
