"""`docindex rebuild`: new versioned index, copy, atomic alias swap; on whichever backend the fixture found."""

from __future__ import annotations

import io
from datetime import UTC, datetime

import pytest
from opensearchpy import OpenSearch
from rich.console import Console

from flows import cli

from flows.cli import main
from flows.search import rebuild as rebuild_module
from flows.search.rebuild import RebuildError, rebuild
from flows.search.schema import ensure_indices, load_schema
from flows.settings import DEFAULT_SCHEMAS_DIR, Settings
from tests.proxy import TasksProxy

pytestmark = pytest.mark.integration
V = load_schema(DEFAULT_SCHEMAS_DIR, "documents").version  # what ensure_indices and rebuild name indices by


def seeded(n: int = 3) -> tuple[OpenSearch, Settings]:
    settings = Settings()
    client = OpenSearch(hosts=[settings.opensearch_url])
    ensure_indices(client, settings)
    for i in range(n):
        client.index(index=settings.documents_alias, id=f"d{i}", body={"doc_id": f"d{i}", "title": f"t{i}", "language": "en"})
        client.index(index=settings.chunks_alias, id=f"c{i}", body={"chunk_id": f"c{i}", "doc_id": f"d{i}", "text": f"passage {i}"})
    client.indices.refresh(index=[settings.documents_alias, settings.chunks_alias])
    return client, settings


def with_an_obsolete_field() -> tuple[OpenSearch, Settings, str]:
    """An old documents index, under the alias, holding document ``x`` with a field the current (strict) schema no
    longer has: the new index refuses it."""
    settings = Settings()
    client = OpenSearch(hosts=[settings.opensearch_url])
    old = f"{settings.documents_alias}-v0"
    client.indices.create(index=old, body={"mappings": {"dynamic": True}, "aliases": {settings.documents_alias: {"is_write_index": True}}})
    client.index(index=old, id="x", body={"doc_id": "x", "obsolete": "y"}, refresh=True)
    return client, settings, old


@pytest.mark.parametrize("method", ["auto", "scan"])
def test_rebuild_copies_and_swaps(os_env, method: str) -> None:  # noqa: ANN001
    client, settings = seeded()
    results = rebuild(client, settings, method=method, now=datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC))
    assert [r.kind for r in results] == ["chunks", "documents"]
    for r in results:
        assert r.old_index == f"{r.alias}-v{V}" and r.new_index == f"{r.alias}-v{V}-20260102030405"
        assert r.documents == 3 and not r.old_deleted
        assert client.indices.get_alias(name=r.alias) == {r.new_index: {"aliases": {r.alias: {"is_write_index": True}}}}
        assert client.indices.exists(index=r.old_index)
    assert {h["_id"] for h in client.search(index=settings.documents_alias)["hits"]["hits"]} == {"d0", "d1", "d2"}
    ensure_indices(client, settings)  # no drift after the swap: writes can go on


def test_cli_rebuild_deletes_old(os_env, capsys) -> None:  # noqa: ANN001
    client, settings = seeded(2)
    assert main(["rebuild", "--delete-old"]) == 0
    err = " ".join(capsys.readouterr().err.split())
    assert f"{settings.documents_alias}: {settings.documents_alias}-v{V} (deleted) -> {settings.documents_alias}-v{V}-" in err
    assert not client.indices.exists(index=f"{settings.documents_alias}-v{V}")
    assert client.count(index=settings.documents_alias)["count"] == 2


def test_failed_copy_keeps_the_alias(os_env) -> None:  # noqa: ANN001
    client, settings, old = with_an_obsolete_field()
    with pytest.raises(RebuildError):
        rebuild(client, settings, method="scan", now=datetime(2026, 1, 2, tzinfo=UTC))
    assert list(client.indices.get_alias(name=settings.documents_alias)) == [old]
    assert not client.indices.exists(index=f"{settings.documents_alias}-v{V}-20260102000000")


def test_rebuilding_an_index_that_does_not_exist_is_refused(os_env, index_prefix: str, monkeypatch) -> None:  # noqa: ANN001
    """A mistyped --index made two empty indices and moved aliases onto them."""
    monkeypatch.setenv("DOCINDEX_INDEX", f"{index_prefix}-typo")
    settings = Settings()
    client = OpenSearch(hosts=[settings.opensearch_url])
    with pytest.raises(RebuildError, match="does not exist"):
        rebuild(client, settings, now=datetime(2026, 1, 2, tzinfo=UTC))
    assert not client.indices.exists_alias(name=settings.chunks_alias)
    assert not client.indices.exists_alias(name=settings.documents_alias)
    assert main(["rebuild"]) == 2  # a usage error, as a search of a mistyped prefix is


def test_two_rebuilds_within_one_second_both_swap(os_env) -> None:  # noqa: ANN001
    client, settings = seeded(2)
    now = datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)
    first = rebuild(client, settings, now=now)
    second = rebuild(client, settings, now=now)
    for before, after in zip(first, second, strict=True):
        assert after.old_index == before.new_index == f"{before.alias}-v{V}-20260102030405"
        assert after.new_index == f"{before.alias}-v{V}-20260102030406" and after.documents == 2
        assert list(client.indices.get_alias(name=after.alias)) == [after.new_index]


def test_a_reindex_refused_for_its_documents_is_not_copied_again(os_env, monkeypatch) -> None:  # noqa: ANN001
    """Only a cluster without _reindex falls back to scroll and bulk; documents the new mapping refuses fail once."""
    client, settings, old = with_an_obsolete_field()
    copies: list[str] = []
    real_scan = rebuild_module.copy_with_scan
    monkeypatch.setattr(rebuild_module, "copy_with_scan", lambda *a, **k: copies.append("scan") or real_scan(*a, **k))
    with pytest.raises(RebuildError, match="failed"):
        rebuild_module.rebuild_kind(client, settings, "documents", method="auto", now=datetime(2026, 1, 2, tzinfo=UTC))
    assert copies == []
    assert list(client.indices.get_alias(name=settings.documents_alias)) == [old]


def test_indices_left_without_an_alias_are_reported_and_deleted_with_the_old_one(os_env, capsys) -> None:  # noqa: ANN001
    """A rebuild killed before its swap leaves its copy behind without an alias; the next rebuild names it, and
    --delete-old deletes it with the previous index. An index only named alike is not the alias's."""
    client, settings = seeded(2)
    alias = settings.documents_alias
    killed, other = f"{alias}-v{V}-20250101000000", f"{alias}-vintage"
    for index in (killed, other):
        client.indices.create(index=index, body={"mappings": {"dynamic": True}})
    first = rebuild(client, settings, now=datetime(2026, 1, 2, tzinfo=UTC))
    documents = next(r for r in first if r.alias == alias)
    assert documents.leftovers == (killed,) and client.indices.exists(index=killed)
    assert next(r for r in first if r.alias != alias).leftovers == ()
    assert main(["rebuild", "--delete-old"]) == 0
    err = " ".join(capsys.readouterr().err.split())
    assert f"{alias}: {alias}-v{V}-20260102000000 (deleted) -> " in err  # the previous index
    assert f"{alias}: indices without an alias (deleted): {alias}-v{V}, {killed}" in err  # kept by the first rebuild
    for index in (killed, f"{alias}-v{V}", f"{alias}-v{V}-20260102000000"):
        assert not client.indices.exists(index=index), index
    assert client.indices.exists(index=other)
    assert client.count(index=alias)["count"] == 2


def _follow(seen: list[tuple[str, int, int]]):  # noqa: ANN202
    return lambda alias, done, total: seen.append((alias, done, total))


def test_a_copy_followed_as_a_task_reports_its_progress(os_env, monkeypatch) -> None:  # noqa: ANN001
    """Where the cluster has the tasks API, the copy runs as a task (no request timeout) and the rebuild tells
    how far it is each time it looks."""
    _, settings = seeded(6)
    monkeypatch.setattr(rebuild_module, "POLL_SECONDS", 0.01)
    seen: list[tuple[str, int, int]] = []
    with TasksProxy(os_env.url, running_polls=2) as proxy:
        results = rebuild(OpenSearch(hosts=[proxy.url]), settings, now=datetime(2026, 1, 2, tzinfo=UTC), on_progress=_follow(seen))
    assert [r.method for r in results] == ["reindex", "reindex"] and all(r.documents == 6 for r in results)
    assert sorted(proxy.tasks) == ["proxy:1", "proxy:2"] and proxy.cancelled == []
    for r in results:
        told = [(done, total) for alias, done, total in seen if alias == r.alias]
        assert told[0] == (0, 6) and told[-1] == (6, 6)
        assert {2, 4} <= {done for done, _ in told}  # the running task's counts, as the polls gave them
        assert [done for done, _ in told] == sorted(done for done, _ in told)


def test_an_interrupted_copy_cancels_its_task_and_removes_its_index(os_env, monkeypatch) -> None:  # noqa: ANN001
    """Ctrl-C during a copy: the task is cancelled, the new index goes, and the alias stays where it was."""
    client, settings = seeded(3)
    monkeypatch.setattr(rebuild_module, "POLL_SECONDS", 0.01)

    def interrupt(alias: str, done: int, total: int) -> None:
        if done:
            raise KeyboardInterrupt

    with TasksProxy(os_env.url, running_polls=2) as proxy, pytest.raises(KeyboardInterrupt):
        rebuild(OpenSearch(hosts=[proxy.url]), settings, now=datetime(2026, 1, 2, tzinfo=UTC), on_progress=interrupt)
    assert proxy.cancelled == ["proxy:1"]
    assert not client.indices.exists(index=f"{settings.chunks_alias}-v{V}-20260102000000")
    assert list(client.indices.get_alias(name=settings.chunks_alias)) == [f"{settings.chunks_alias}-v{V}"]


def test_documents_a_task_could_not_copy_fail_the_rebuild(os_env, monkeypatch) -> None:  # noqa: ANN001
    """A task's response lists the documents the new mapping refused: the copy fails naming one, as in one request."""
    client, settings, old = with_an_obsolete_field()
    monkeypatch.setattr(rebuild_module, "POLL_SECONDS", 0.01)
    with TasksProxy(os_env.url, running_polls=1) as proxy, pytest.raises(RebuildError, match="1 documents failed, e.g. id 'x'"):
        rebuild_module.rebuild_kind(OpenSearch(hosts=[proxy.url]), settings, "documents", method="reindex", now=datetime(2026, 1, 2, tzinfo=UTC))
    assert list(client.indices.get_alias(name=settings.documents_alias)) == [old]
    assert not client.indices.exists(index=f"{settings.documents_alias}-v{V}-20260102000000")


def test_a_copy_by_scroll_reports_its_progress(os_env, monkeypatch) -> None:  # noqa: ANN001
    client, settings = seeded(5)
    seen: list[tuple[str, int, int]] = []
    monkeypatch.setattr(rebuild_module, "copy_with_scan", _in_chunks_of(2, rebuild_module.copy_with_scan))
    rebuild(client, settings, method="scan", now=datetime(2026, 1, 2, tzinfo=UTC), on_progress=_follow(seen))
    told = [(done, total) for alias, done, total in seen if alias == settings.documents_alias]
    assert told == [(0, 5), (2, 5), (4, 5), (5, 5)]


def _in_chunks_of(size: int, copy):  # noqa: ANN001, ANN202
    return lambda client, source, dest, **kw: copy(client, source, dest, size, **kw)


@pytest.mark.parametrize("hidden", [False, True])
def test_cli_rebuild_shows_each_copy_on_a_terminal(os_env, monkeypatch, hidden: bool) -> None:  # noqa: ANN001
    client, settings = seeded(4)
    monkeypatch.setattr(rebuild_module, "POLL_SECONDS", 0.01)
    terminal = io.StringIO()
    monkeypatch.setattr(cli, "err", Console(file=terminal, force_terminal=True, width=120))
    with TasksProxy(os_env.url, running_polls=1) as proxy:
        monkeypatch.setenv("OPENSEARCH_URL", proxy.url)
        assert main(["rebuild", *(["--no-progress"] if hidden else [])]) == 0
    shown = terminal.getvalue()
    for alias in (settings.chunks_alias, settings.documents_alias):
        assert (f"copying {alias}" in shown and "4/4" in shown) is not hidden
        assert f"{alias}: {alias}-v{V} -> {alias}-v{V}-" in shown


@pytest.mark.parametrize(("every", "lines"), [(0.0, ["0 of 4", "2 of 4"]), (3600.0, ["0 of 4"])])
def test_cli_rebuild_in_a_log_says_how_far_each_copy_is_now_and_then(os_env, monkeypatch, every: float, lines: list[str]) -> None:  # noqa: ANN001
    """Without a terminal there is no bar: a line when each copy starts, then at most one every PROGRESS_LINE_SECONDS."""
    _, settings = seeded(4)
    monkeypatch.setattr(rebuild_module, "POLL_SECONDS", 0.01)
    monkeypatch.setattr(cli, "PROGRESS_LINE_SECONDS", every)
    log = io.StringIO()
    monkeypatch.setattr(cli, "err", Console(file=log, width=120))
    with TasksProxy(os_env.url, running_polls=1) as proxy:
        monkeypatch.setenv("OPENSEARCH_URL", proxy.url)
        assert main(["rebuild"]) == 0
    for alias in (settings.chunks_alias, settings.documents_alias):
        told = [line.removeprefix(f"copying {alias}: ").removesuffix(" records") for line in log.getvalue().splitlines() if line.startswith(f"copying {alias}: ")]
        assert told == lines, alias
    assert "\x1b[" not in log.getvalue()  # plain lines, no bar drawn


def test_a_document_ingested_while_the_copies_run_is_read_again_by_the_next_ingest(os_env, tmp_path) -> None:  # noqa: ANN001
    """The documents are copied before the passages and both aliases move together: a document rewritten during
    the passages' copy keeps its old record in the new index, so the next ingest reads it again."""
    import shutil
    from pathlib import Path

    from flows.ingest import ingest
    from flows.search.query import search
    from flows.search.schema import load_schema as schema_of

    folder = tmp_path / "news"
    shutil.copytree(Path(__file__).resolve().parents[2] / "seeds", folder)
    ingest([str(folder)])
    settings = Settings()
    client = OpenSearch(hosts=[settings.opensearch_url])
    story = sorted(folder.glob("*.txt"))[1]
    story.write_text(story.read_text(encoding="utf-8").replace("Taiwan", "Zebracornia"), encoding="utf-8")
    during: list[int] = []

    def meanwhile(alias: str, done: int, total: int) -> None:
        if alias == settings.chunks_alias and not during:  # the passages' copy has begun
            during.append(ingest([str(folder)]).documents_indexed)

    rebuild(client, settings, method="scan", now=datetime(2026, 1, 2, tzinfo=UTC), on_progress=meanwhile)
    assert during == [1]
    again = ingest([str(folder)])
    assert again.documents_indexed == 1  # the record the rebuild carried over is the old one
    chunks = schema_of(settings.schemas_dir, "chunks")
    client.indices.refresh(index=settings.chunks_alias)
    assert search(client, settings.chunks_alias, chunks, "Zebracornia").total_passages > 0


def test_a_rebuild_whose_other_alias_is_missing_or_whose_copy_fails_moves_neither_alias(os_env) -> None:  # noqa: ANN001
    client, settings = seeded(2)
    chunks_before = list(client.indices.get_alias(name=settings.chunks_alias))
    documents_index = chunks_before[0].replace(settings.chunks_alias, settings.documents_alias)
    client.indices.delete(index=documents_index)
    with pytest.raises(rebuild_module.NothingToRebuildError):
        rebuild(client, settings, now=datetime(2026, 1, 2, tzinfo=UTC))
    assert list(client.indices.get_alias(name=settings.chunks_alias)) == chunks_before
    assert not client.indices.exists(index=f"{settings.chunks_alias}-v{V}-20260102000000")  # nothing created
