from __future__ import annotations

from flows.steps.codepages import codec


def test_windows_code_page_numbers_name_python_codecs() -> None:
    assert [codec(n) for n in (1252, 1251, 932, 65001, 1200, 28592, 28605, 20866, 50220, 54936, 10000)] == [
        "cp1252", "cp1251", "cp932", "utf-8", "utf-16-le", "iso8859_2", "iso8859_15", "koi8_r", "iso2022_jp",
        "gb18030", "mac_roman"]
    assert codec(99999) is None and codec(28602) is None  # no such code page, or none Python knows
