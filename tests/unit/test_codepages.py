from __future__ import annotations

from datetime import datetime

from flows.steps.codepages import codec, filetime, stored_string


def test_windows_code_page_numbers_name_python_codecs() -> None:
    assert [codec(n) for n in (1252, 1251, 932, 65001, 1200, 28592, 28605, 20866, 50220, 54936, 10000)] == [
        "cp1252", "cp1251", "cp932", "utf-8", "utf-16-le", "iso8859_2", "iso8859_15", "koi8_r", "iso2022_jp",
        "gb18030", "mac_roman"]
    assert codec(99999) is None and codec(28602) is None  # no such code page, or none Python knows


def test_stored_strings_end_at_their_first_nul() -> None:
    assert stored_string("Grüße\x00rest".encode("utf-16-le"), "utf-16-le") == "Grüße"
    assert stored_string(b"Gr\xfc\xdfe\x00\x00", "cp1252") == "Grüße"
    assert stored_string(b"caf\xe9", "utf-8") == "caf\ufffd"  # undecodable bytes replaced, never raised


def test_filetimes_become_datetimes_unless_unset_or_out_of_range() -> None:
    assert filetime(132_223_104_000_000_000) == datetime(2020, 1, 1)
    assert filetime(0) is None
    assert filetime(2**64 - 1) is None  # past the year 9999
