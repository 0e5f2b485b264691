"""Rendering a RunReport for people: the Prefect artifact (markdown) and the terminal."""

from __future__ import annotations

from collections.abc import Sequence

from flows.models import Rejection, RunReport

#: a batch's rejections that share their step, reason and detail are logged one by one up to this many
LOGGED_ALIKE = 4


def _cell(text: str) -> str:
    """Text fit for one cell of a Markdown table: a bar would end the cell and a line break the row
    (``news/a|b.txt`` is shown as ``news/a/b.txt``)."""
    return " ".join(text.replace("|", "/").split())


def rejection_log_lines(rejected: Sequence[Rejection], shown: int = LOGGED_ALIKE - 1) -> list[str]:
    """The log's lines for a batch's rejections: one per document, except where more than ``LOGGED_ALIKE`` share
    their step, reason and detail (a bulk request refused as a whole, OpenSearch gone): those are one line that
    counts them and names the first few ("rejected 100 documents: index/index_unavailable: ...: a.txt, b.txt,
    c.txt and 97 more"), in place of a hundred lines that say the same, counting each as the documents it stands
    for (``Rejection.documents``), as the run report does. The run report lists each of them."""
    alike: dict[tuple[str, str, str], list[Rejection]] = {}
    for r in rejected:
        alike.setdefault((r.step.value, r.reason.value, r.detail), []).append(r)
    lines = []
    for (step, reason, detail), group in alike.items():
        if len(group) <= LOGGED_ALIKE:
            lines += [f"rejected {r}" for r in group]
        else:
            names = ", ".join(r.path for r in group[:shown])
            documents = sum(r.documents for r in group)  # (one may stand for many: the files past a message's hundredth)
            lines.append(f"rejected {documents} documents: {step}/{reason}: {detail}: {names} and {len(group) - shown} more")
    return lines


def render_markdown(report: RunReport) -> str:
    lines = [
        "# docindex run",
        "",
        "| | |",
        "|---|---|",
        f"| target | {report.target} |",
        f"| documents seen | {report.documents_seen} |",
        f"| documents indexed | {report.documents_indexed} |",
        f"| documents unchanged (skipped) | {report.documents_unchanged} |",
        f"| documents pruned | {report.documents_pruned} |",
        f"| documents rejected | {report.documents_rejected} |",
        f"| passages indexed | {report.chunks_indexed} |",
        f"| stale passages deleted | {report.stale_chunks_deleted} |",
        f"| duration | {report.duration_seconds:.1f} s |",
        "",
        "## Languages",
        "",
        "| language | documents |",
        "|---|---|",
        *(f"| {lang} | {n} |" for lang, n in sorted(report.languages.items())),
    ]
    if report.repeated_lines:
        lines += ["", "## Repeated lines (page furniture found across a collection)", "", "| collection | lines |", "|---|---|"]
        lines += [f"| {_cell(name)} | {n} |" for name, n in sorted(report.repeated_lines.items())]
    if report.rejected:
        lines += ["", "## Rejected", "", "| path | step | reason | detail |", "|---|---|---|---|"]
        lines += [
            f"| {_cell(r.path)} | {r.step.value} | {r.reason.value} | {_cell(r.detail)[:300]} |" for r in report.rejected
        ]
    if report.warnings:
        lines += ["", "## Warnings", "", *(f"- {w}" for w in report.warnings)]
    return "\n".join(lines) + "\n"
