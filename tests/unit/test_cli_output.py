"""What the docindex command prints: document text and names are shown as they are, never read as markup."""

from __future__ import annotations

from flows.cli import print_report, print_search
from flows.models import Reason, Rejection, RunReport, Step
from flows.search.query import Hit, SearchResult


def test_a_rejection_shows_its_step_reason_and_bracketed_names(capsys) -> None:  # type: ignore[no-untyped-def]
    rejected = Rejection(path="inbox/[draft] notes.txt", step=Step.CLEAN, reason=Reason.TIMEOUT, detail="took [/b] long")
    warning = "manifest.jsonl line 3: no such file [x].txt"
    print_report(RunReport(target="[x]", documents_seen=1, rejected=[rejected], warnings=(warning,)))
    err = " ".join(capsys.readouterr().err.split())
    assert "rejected inbox/[draft] notes.txt [clean/timeout] took [/b] long" in err
    assert f"warning {warning}" in err
    assert "[x]" in err


def test_search_output_keeps_brackets_in_titles_and_passages(capsys) -> None:  # type: ignore[no-untyped-def]
    hit = Hit(chunk_id="a-00000", doc_id="a", score=1.0, title="[/Exklusiv] Bericht", source="seeds/[1].txt",
              language="de", chunk_index=0, highlights=["ein «Bericht» [red]ohne[/red] Farbe"])  # fmt: skip
    print_search(SearchResult(query="[b]", total_passages=1, total_documents=1, hits=[hit], facets={"tags": {"[a]": 1}}))
    out = " ".join(capsys.readouterr().out.split())
    for shown in ("'[b]'", "[/Exklusiv] Bericht", "seeds/[1].txt", "[red]ohne[/red]", "[a] 1"):
        assert shown in out
