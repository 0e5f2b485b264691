"""The committed evaluation sets load, and the readability set's expected texts are made as its README says."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest

DATA = Path(__file__).resolve().parents[2] / "bench" / "data"


@pytest.fixture(scope="module")
def bench(load_bench):  # type: ignore[no-untyped-def]
    return load_bench("eval_boilerplate")


def _prepare() -> ModuleType:
    spec = importlib.util.spec_from_file_location("prepare", DATA / "readability" / "prepare.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_readability_set_has_its_pages(bench) -> None:  # type: ignore[no-untyped-def]
    data = bench.pages(DATA / "readability")
    assert [page.name for page in data] == sorted(_prepare().PAGES)
    assert all(page.html.strip() and page.body.strip() for page in data)
    heise = next(page for page in data if page.name == "heise")
    assert 'lang="de"' in heise.html and "Einmal-Passwörtern" in heise.body


def test_visible_text_keeps_lines_as_a_reader_sees_them() -> None:
    fragment = "<div><p>one\n  two</p><pre>x = 1\n  y = 2</pre><script>no</script><p>three<br>four</p></div>"
    assert _prepare().visible_text(fragment) == "one two\nx = 1\ny = 2\nthree\nfour\n"


def test_pages_option_keeps_matching_names(bench, capsys) -> None:  # type: ignore[no-untyped-def]
    argv = [str(DATA / "readability"), "--pages", "heise,nothing-*", "--per-page", "text: keep everything"]
    assert bench.main(argv) == 0
    out = capsys.readouterr().out
    assert out.startswith("1 pages matching heise,nothing-*") and "| heise |" in out
