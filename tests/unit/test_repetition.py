"""Lines repeated across the documents of a collection: keys, sampling, the count, and what cleaning makes of it."""

from __future__ import annotations

import json
import os
import pickle
import subprocess
import sys
from pathlib import Path

import pytest

import flows.steps.repetition as repetition
from flows.steps.boilerplate import remove_boilerplate
from flows.steps.load import discover
from flows.steps.normalize import normalize_text
from flows.steps.repetition import (
    RepeatedLines,
    find_repeated,
    line_key,
    line_keys,
    present_keys,
    repeated_keys,
    sample,
    threshold,
)
from tests.conftest import ROOT
from tests.site import FOOTER, LIVE, MENU, SIGNUP, article, page, six_pages, write_site

FIND = dict(sample_size=200, min_docs=3, min_share=0.02, max_bytes=10_000_000)


def clean(text: str, repeated: RepeatedLines, collection: str = "site") -> str:
    """What the pipeline does with a plain-text page: the keys present in it, then boilerplate removal."""
    keys = present_keys(text, repeated.keys.get(collection, frozenset()))
    return remove_boilerplate(normalize_text(text), keys)


def test_line_key_folds_case_spacing_entities_and_digits_and_is_pinned() -> None:
    assert line_key("Sign up for our newsletter") == "36dea8728c498167"  # sha-family hash: same in every process
    assert line_key("  SIGN UP  for our\u00a0newsletter ") == line_key("Sign up for our newsletter")
    assert line_key("© 2023 Valley Gazette &amp; Co") == line_key("© 2024 Valley Gazette & Co")
    assert line_key("Sign up for our newsletters") != line_key("Sign up for our newsletter")
    assert [line_key(x) for x in ("", "   ", "***", "12:45", "a 1")] == [None] * 5  # too short to judge


def test_threshold_is_the_larger_of_the_count_and_the_share() -> None:
    assert threshold(6, min_docs=3, min_share=0.02) == 3
    assert threshold(200, min_docs=3, min_share=0.02) == 4
    assert threshold(150, min_docs=3, min_share=0.02) == 3
    assert threshold(200, min_docs=3, min_share=0.1) == 20


def test_site_furniture_is_removed_and_every_article_line_kept(tmp_path: Path) -> None:
    pages = six_pages()
    folder = write_site(tmp_path / "site", pages)
    repeated = find_repeated(discover([str(folder)]), **FIND)
    assert repeated.sampled == {"site": 6}
    keys = repeated.keys["site"]
    assert {line_key(SIGNUP), line_key(FOOTER.format(year=1999)), *map(line_key, MENU)} == keys
    assert line_key(LIVE) not in keys  # on two pages only
    for i, (name, text) in enumerate(pages.items()):
        without = remove_boilerplate(normalize_text(text))
        assert SIGNUP in without  # prose-like: the classification alone keeps it
        cleaned = clean(text, repeated).split("\n")
        assert cleaned[: len(article(i))] == article(i), name
        assert SIGNUP not in cleaned and not any("Valley Gazette" in line for line in cleaned)
        assert cleaned[len(article(i)) :] == ([LIVE] if i < 2 else [])


def test_a_lone_document_is_unchanged(tmp_path: Path) -> None:
    folder = write_site(tmp_path / "site", {"only.txt": page(0)})
    repeated = find_repeated(discover([str(folder)]), **FIND)
    assert repeated.keys == {} and repeated.counts() == {}  # fewer documents than min_docs: not even read
    text = normalize_text(page(0))
    assert clean(page(0), repeated) == remove_boilerplate(text) == remove_boilerplate(text, frozenset())


def test_three_copies_of_one_article_keep_their_text(tmp_path: Path) -> None:
    # the same article saved three times, each time with other short teasers beside it, among the site's pages
    copies = {
        f"copy{n}.txt": page(7, extra=("Most read", f"{town} votes on parking", f"{town} fair opens"))
        for n, town in enumerate(["Kelby", "Oakham", "Pendle"])
    }
    folder = write_site(tmp_path / "site", six_pages() | copies)
    repeated = find_repeated(discover([str(folder)]), **FIND)
    assert not {line_key(line) for line in article(7)} & repeated.keys["site"]
    assert line_key(SIGNUP) in repeated.keys["site"]
    for text in copies.values():
        cleaned = clean(text, repeated)
        assert cleaned.split("\n")[: len(article(7))] == article(7) and SIGNUP not in cleaned
    # nothing but the copies: nothing of their own beside the frequent lines, so nothing is repeated
    alone = write_site(tmp_path / "copies", {f"copy{n}.txt": page(7) for n in range(3)})
    only = find_repeated(discover([str(alone)]), **FIND)
    assert only.keys == {} and only.counts() == {"copies": 0}
    assert clean(page(7), only, "copies") == remove_boilerplate(normalize_text(page(7)))


def test_present_keys_are_the_repeated_lines_of_the_document_only() -> None:
    repeated = frozenset({line_key(SIGNUP), line_key(LIVE)})
    assert present_keys(page(3), repeated) == {line_key(SIGNUP)}
    assert present_keys(page(0, extra=(LIVE,)), repeated) == repeated
    assert present_keys(page(0), frozenset()) == frozenset()


def test_sample_is_spread_by_hash_independent_of_order_and_stable_when_documents_are_added(tmp_path: Path) -> None:
    folder = tmp_path / "big"
    folder.mkdir()
    for i in range(60):
        (folder / f"{i:03d}.txt").write_text(page(i % 10), encoding="utf-8")
    (folder / "x.html").write_text("<html><body><p>hi</p></body></html>", encoding="utf-8")
    refs = discover([str(folder)])
    picked = sample(refs, 10)
    assert picked == sample(list(reversed(refs)), 10) and len(picked) == 10
    assert all(r.path.suffix == ".txt" for r in picked)
    assert max(int(r.path.stem) for r in picked) > 30 and min(int(r.path.stem) for r in picked) < 30  # spread
    for i in range(60, 70):
        (folder / f"{i:03d}.txt").write_text(page(i % 10), encoding="utf-8")
    grown = sample(discover([str(folder)]), 10)
    assert {r for r in grown if int(r.path.stem) < 60} <= set(picked)  # only new documents displace old ones


def test_sample_leaves_out_other_formats_gzipped_or_not(tmp_path: Path) -> None:
    folder = tmp_path / "mixed"
    folder.mkdir()
    names = ["a.txt", "b.txt.gz", "c.pdf", "d.pdf.gz", "e.docx.gz", "f.eml", "g.html.gz", "h.md", "notes"]
    for name in names:
        (folder / name).write_bytes(b"x")
    assert sorted(r.path.name for r in sample(discover([str(folder)]), 100)) == ["a.txt", "b.txt.gz", "h.md", "notes"]


def test_the_plain_text_files_of_a_zip_archive_are_sampled_as_files_on_disk_are(tmp_path: Path) -> None:
    import zipfile

    folder = tmp_path / "site"
    folder.mkdir()
    with zipfile.ZipFile(folder / "pages.zip", "w") as archive:
        for name, text in six_pages().items():
            archive.writestr(f"2024/{name}", text)
        archive.writestr("2024/page.html", "<html><body><p>x</p></body></html>")
    refs = discover([str(folder)])
    assert sorted(r.source_path for r in sample(refs, 100)) == [f"site/pages.zip#2024/page{i}.txt" for i in range(6)]
    repeated = find_repeated(refs, **FIND)
    assert repeated.sampled == {"site": 6}
    assert repeated.keys == find_repeated(discover([str(write_site(tmp_path / "other" / "site", six_pages()))]), **FIND).keys


def test_the_files_of_a_compressed_tar_archive_are_sampled_in_the_archives_order(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A .tar.gz is a stream: read in the sample's order (by document id) it would be decompressed again and again."""
    import io
    import random
    import tarfile

    folder = tmp_path / "site"
    folder.mkdir()
    pages = list(six_pages().items())
    with tarfile.open(folder / "pages.tar.gz", "w:gz") as archive:
        for name, text in random.Random(3).sample(pages, len(pages)):
            info = tarfile.TarInfo(f"2024/{name}")
            info.size = len(text.encode())
            archive.addfile(info, io.BytesIO(text.encode()))
    refs = discover([str(folder)])
    read: list[int] = []
    real = repetition.load_document

    def logged(ref, **kwargs):  # noqa: ANN001, ANN202 - load_document's
        read.append(ref.record.offset)
        return real(ref, **kwargs)

    monkeypatch.setattr(repetition, "load_document", logged)
    repeated = find_repeated(refs, **FIND)
    monkeypatch.undo()
    assert read == sorted(read) and len(read) == 6
    assert repeated.sampled == {"site": 6}
    assert repeated.keys == find_repeated(discover([str(write_site(tmp_path / "other" / "site", six_pages()))]), **FIND).keys


def test_formatted_files_among_the_plain_text_are_left_out_unread(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A PDF named .txt or an RTF without a suffix is not parsed by the sample (no time limit applies there)."""
    from tests.documents import odt_bytes, pdf_bytes, rtf_bytes

    folder = write_site(tmp_path / "site", six_pages())
    (folder / "report.txt").write_bytes(pdf_bytes(["Ein Bericht."]))
    (folder / "memo").write_bytes(rtf_bytes(["Ein Vermerk."]))
    (folder / "notes.txt").write_bytes(odt_bytes(["Notizen."]))

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("a format reader ran in the sample")

    for name in ("extract_pdf", "extract_rtf", "extract_odt", "extract_docx", "extract_ole"):
        monkeypatch.setattr(f"flows.steps.load.{name}", refuse)
    repeated = find_repeated(discover([str(folder)]), **FIND)
    assert repeated.sampled == {"site": 6} and line_key(SIGNUP) in repeated.keys["site"]


def test_find_repeated_reads_a_bounded_sample(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "big"
    folder.mkdir()
    for i in range(50):
        (folder / f"{i:03d}.txt").write_text(page(i % 10, year=2000 + i), encoding="utf-8")
    reads: list[str] = []
    real = repetition.load_document
    monkeypatch.setattr(repetition, "load_document", lambda ref, **kw: reads.append(ref.source_path) or real(ref, **kw))
    found = find_repeated(discover([str(folder)]), **{**FIND, "sample_size": 12})
    assert len(reads) == 12 and found.sampled == {"big": 12}
    assert line_key(SIGNUP) in found.keys["big"]


@pytest.mark.parametrize("error", [ValueError("a reader's unforeseen fault"), RecursionError()])
def test_a_document_whose_reading_fails_unforeseen_is_left_out_of_the_sample(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, error: BaseException
) -> None:
    folder = write_site(tmp_path / "site", six_pages())
    (folder / "odd.txt").write_text(page(0, year=1999), encoding="utf-8")
    real = repetition.load_document

    def fail_on_odd(ref, **kw):  # type: ignore[no-untyped-def]
        if ref.source_path.endswith("odd.txt"):
            raise error
        return real(ref, **kw)

    monkeypatch.setattr(repetition, "load_document", fail_on_odd)
    repeated = find_repeated(discover([str(folder)]), **FIND)
    assert repeated.sampled == {"site": 6} and line_key(SIGNUP) in repeated.keys["site"]


def test_sampling_and_keys_do_not_depend_on_the_hash_seed(tmp_path: Path) -> None:
    folder = write_site(tmp_path / "site", six_pages())
    code = (
        "import json, sys; from flows.steps.load import discover; from flows.steps.repetition import find_repeated, sample;"
        f"refs = discover([{str(folder)!r}]);"
        "r = find_repeated(refs, sample_size=4, min_docs=3, min_share=0.02, max_bytes=10**7);"
        "print(json.dumps([[x.source_path for x in sample(refs, 4)], sorted(r.keys['site'])]))"
    )
    runs = {
        seed: subprocess.run(
            [sys.executable, "-c", code], env={**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(ROOT)},
            capture_output=True, text=True, check=True,
        ).stdout
        for seed in ("1", "2")
    }
    assert runs["1"] == runs["2"]
    refs = discover([str(folder)])
    expected = find_repeated(refs, **{**FIND, "sample_size": 4})
    assert json.loads(runs["1"]) == [[x.source_path for x in sample(refs, 4)], sorted(expected.keys["site"])]


def test_repeated_keys_count_a_line_once_per_document_and_need_different_articles() -> None:
    docs = [line_keys(page(i)) for i in range(3)]
    assert line_key(SIGNUP) in repeated_keys(docs, min_docs=3, min_share=0.0)
    assert repeated_keys(docs[:2] + [line_keys(page(1))], min_docs=3, min_share=0.0) == frozenset()  # two articles
    assert repeated_keys([line_keys(page(0) * 3), *docs[1:]], min_docs=3, min_share=0.0) >= {line_key(SIGNUP)}
    assert repeated_keys(docs, min_docs=3, min_share=0.5) >= {line_key(SIGNUP)}  # 3 of 3 >= 1.5
    assert repeated_keys(docs, min_docs=4, min_share=0.0) == frozenset()


def test_repeated_lines_travel_to_workers_restricted_to_their_collections(tmp_path: Path) -> None:
    a = write_site(tmp_path / "a", six_pages())
    b = write_site(tmp_path / "b", {"one.txt": page(1)})
    refs = discover([str(a), str(b)])
    found = find_repeated(refs, **FIND)
    assert found.counts() == {"a": 7}
    b_refs = [r for r in refs if r.source_path.startswith("b/")]
    assert found.restricted(b_refs) == RepeatedLines() and found.of(b_refs[0]) == frozenset()
    part = found.restricted(refs[:1])
    assert pickle.loads(pickle.dumps(part)) == part == found and part.of(refs[0]) == found.keys["a"]


def test_a_document_that_takes_too_long_to_read_is_left_out_of_the_sample(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import time as clock

    site = tmp_path / "site"
    site.mkdir()
    for i in range(4):
        (site / f"{i}.txt").write_text(f"Story number {i} is about the harbour.\nSign up for our newsletter today\n", encoding="utf-8")
    refs = discover([str(site)])
    real = repetition.load_document

    def stuck_on_the_first(ref, **kwargs):  # noqa: ANN001, ANN003, ANN202 - a parser caught in a loop
        while ref.source_path.endswith("0.txt"):
            clock.sleep(0.01)
        return real(ref, **kwargs)

    monkeypatch.setattr(repetition, "load_document", stuck_on_the_first)
    found = repetition.find_repeated(refs, sample_size=10, min_docs=3, min_share=0.5, max_bytes=10**6, timeout=0.2)
    assert found.sampled == {"site": 3}  # the three others read; the run goes on
