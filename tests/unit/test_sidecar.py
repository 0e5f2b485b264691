import json
from datetime import date
from pathlib import Path

from flows.models import Metadata, Reason, SourceDocument, Step
from flows.models import Rejection
from flows.pipeline import load
from flows.settings import Settings
from flows.steps.clean import clean_document
from flows.steps.load import discover
from flows.steps.sidecar import SidecarError, override, parse_sidecar, read_sidecars

BODY = "A body of text that is long enough to be kept by the cleaning step of the pipeline.\n"


def _folder(tmp_path: Path) -> Path:
    root = tmp_path / "news"
    (root / "sub").mkdir(parents=True)
    (root / "a.txt").write_text(BODY, encoding="utf-8")
    (root / "sub" / "b.txt").write_text(BODY, encoding="utf-8")
    return root


def test_parse_sidecar_reads_every_key() -> None:
    meta = parse_sidecar(
        {"path": "a.txt", "source": "Reuters", "url": "https://x/a", "published": "2024-11-27", "title": "T",
         "author": "A", "tags": ["eu", "eu", "defence"]}
    )  # fmt: skip
    assert meta == Metadata(site="Reuters", url="https://x/a", published=date(2024, 11, 27), title="T", author="A",
                            tags=("eu", "defence"))  # fmt: skip


def test_parse_sidecar_names_the_bad_key() -> None:
    for obj, message in [
        ({"publshed": "2024"}, "unknown key(s) 'publshed'"),
        ({"published": "27.11.2024"}, "'published' must be an ISO date"),
        ({"tags": [1]}, "'tags' must be a list of strings"),
        ([1], "expected a JSON object"),
    ]:
        try:
            parse_sidecar(obj)
        except SidecarError as exc:
            assert message in str(exc)
        else:
            raise AssertionError(f"{obj} was accepted")


def test_sidecar_values_override_detected_ones_and_keep_the_rest() -> None:
    detected = Metadata(title="Detected", site="IT BOLTWISE", place="London")
    assert override(detected, Metadata(site="Boltwise")) == Metadata(title="Detected", site="Boltwise", place="London")
    assert override(detected, None) is detected


def test_manifest_and_meta_json(tmp_path: Path) -> None:
    root = _folder(tmp_path)
    (root / "manifest.jsonl").write_text(
        json.dumps({"path": "a.txt", "source": "Manifest", "tags": ["x"]}) + "\n"
        + json.dumps({"path": "sub/b.txt", "title": "From manifest"}) + "\n",
        encoding="utf-8",
    )
    (root / "a.txt.meta.json").write_text(json.dumps({"source": "Meta"}), encoding="utf-8")
    side = read_sidecars(discover([root]))
    assert side.metadata["news/a.txt"] == Metadata(site="Meta", tags=("x",))
    assert side.metadata["news/sub/b.txt"].title == "From manifest"
    assert not side.rejections and not side.warnings


def test_a_manifest_in_a_subfolder_is_relative_to_that_folder(tmp_path: Path) -> None:
    root = _folder(tmp_path)
    (root / "sub" / "manifest.jsonl").write_text(json.dumps({"path": "b.txt", "author": "Kim"}) + "\n", encoding="utf-8")
    assert read_sidecars(discover([root])).metadata["news/sub/b.txt"].author == "Kim"


def test_malformed_manifest_lines_are_warnings_naming_file_and_line(tmp_path: Path) -> None:
    root = _folder(tmp_path)
    (root / "manifest.jsonl").write_text(
        '{"path": "a.txt", "source": "ok"}\n{not json\n{"title": "no path"}\n{"path": "gone.txt"}\n', encoding="utf-8"
    )
    side = read_sidecars(discover([root]))
    assert side.metadata["news/a.txt"].site == "ok"
    assert [w.split(":")[0] for w in side.warnings] == [
        "news/manifest.jsonl line 2", "news/manifest.jsonl line 3", "news/manifest.jsonl line 4"
    ]  # fmt: skip
    assert "not valid JSON" in side.warnings[0] and "needs a 'path'" in side.warnings[1]
    assert "no such file 'gone.txt'" in side.warnings[2]


def test_a_bad_entry_rejects_its_document_and_the_batch_goes_on(tmp_path: Path) -> None:
    root = _folder(tmp_path)
    (root / "manifest.jsonl").write_text('{"path": "a.txt", "published": "yesterday"}\n', encoding="utf-8")
    (root / "sub" / "b.txt.meta.json").write_text("{broken", encoding="utf-8")
    refs = discover([root])
    results = [load(r, Settings(), read_sidecars(refs)) for r in refs]
    rejected = [r for r in results if isinstance(r, Rejection)]
    assert len(rejected) == len(results) == 2
    assert {(r.path, r.step, r.reason) for r in rejected} == {
        ("news/a.txt", Step.LOAD, Reason.BAD_SIDECAR), ("news/sub/b.txt", Step.LOAD, Reason.BAD_SIDECAR)
    }  # fmt: skip
    details = sorted(r.detail for r in rejected)
    assert details[0].startswith("news/manifest.jsonl line 1: 'published' must be an ISO date")
    assert details[1].startswith("news/sub/b.txt.meta.json: not valid JSON")


def test_loaded_documents_carry_their_sidecar_into_clean(tmp_path: Path) -> None:
    root = _folder(tmp_path)
    (root / "a.txt").write_text("LONDON (IT BOLTWISE) – " + BODY, encoding="utf-8")
    (root / "a.txt.meta.json").write_text(json.dumps({"url": "https://example.org/a", "tags": ["t"]}), encoding="utf-8")
    refs = discover([root])
    docs = [load(r, Settings(), read_sidecars(refs)) for r in refs]
    assert not any(isinstance(d, Rejection) for d in docs)
    plain = next(d for d in docs if d.source_path == "news/sub/b.txt")
    doc = next(d for d in docs if d.source_path == "news/a.txt")
    clean = clean_document(doc, min_chars=20)
    assert not isinstance(clean, SourceDocument)
    assert clean.metadata.url == "https://example.org/a" and clean.metadata.tags == ("t",)  # type: ignore[union-attr]
    assert clean.metadata.site == "IT BOLTWISE"  # type: ignore[union-attr]
    # the sidecar is part of the source hash: editing only the sidecar re-processes the document
    (root / "a.txt.meta.json").write_text(json.dumps({"url": "https://example.org/b"}), encoding="utf-8")
    again = next(load(r, Settings(), read_sidecars(refs)) for r in refs if r.source_path == "news/a.txt")
    assert again.source_hash != doc.source_hash and plain.sidecar is None
    # so is a field set to nothing, which clears what was found ("title": "" gives no title)
    (root / "a.txt.meta.json").write_text(json.dumps({"url": "https://example.org/b", "title": ""}), encoding="utf-8")
    cleared = next(load(r, Settings(), read_sidecars(refs)) for r in refs if r.source_path == "news/a.txt")
    assert cleared.source_hash != again.source_hash  # type: ignore[union-attr]


def test_the_sidecar_of_a_file_that_holds_many_documents_is_each_records(tmp_path: Path) -> None:
    root = tmp_path / "news"
    (root / "feeds").mkdir(parents=True)
    lines = [json.dumps({"url": f"https://news.example/{n}/a#b", "text": BODY}) for n in range(3)]
    (root / "feeds" / "export.jsonl").write_text("\n".join(lines), encoding="utf-8")
    (root / "feeds" / "export.jsonl.meta.json").write_text(json.dumps({"source": "Agentur", "tags": ["feed"]}))
    (root / "manifest.jsonl").write_text(json.dumps({"path": "feeds/export.jsonl", "author": "Desk"}) + "\n")
    refs = discover([root])
    side = read_sidecars(refs)
    assert len(refs) == 3 and not side.warnings and not side.rejections
    assert {side.metadata[r.source_path] for r in refs} == {Metadata(site="Agentur", author="Desk", tags=("feed",))}
    (root / "feeds" / "export.jsonl.meta.json").write_text("{broken")
    bad = read_sidecars(refs).rejections
    assert sorted(bad) == sorted(r.source_path for r in refs)
    assert all(r.detail.startswith("news/feeds/export.jsonl.meta.json: not valid JSON") for r in bad.values())


def test_names_too_long_for_a_sidecar_or_a_manifest_path_are_no_error(tmp_path: Path) -> None:
    root = tmp_path / "news"
    root.mkdir()
    long_name = "a" * 246 + ".txt"  # with ".meta.json" the sidecar's name is over the file system's 255 bytes
    (root / long_name).write_text("Der Stadtrat hat am Dienstag den Haushalt beschlossen.", encoding="utf-8")
    (root / "manifest.jsonl").write_text(json.dumps({"path": "b" * 300 + ".txt", "title": "x"}) + "\n", encoding="utf-8")
    side = read_sidecars(discover([root]))
    assert f"news/{long_name}" not in side.metadata
    assert any("no such file" in w for w in side.warnings)
