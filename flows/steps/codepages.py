"""Windows code page numbers, as Office files, Outlook messages and RTF declare them, to Python's codecs."""

from __future__ import annotations

import codecs

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
