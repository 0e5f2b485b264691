"""Rendering a RunReport for people: the Prefect artifact (markdown) and the terminal."""

from __future__ import annotations

from flows.models import RunReport


def _cell(text: str) -> str:
    """Text fit for one cell of a Markdown table: a bar would end the cell and a line break the row
    (``news/a|b.txt`` is shown as ``news/a/b.txt``)."""
    return " ".join(text.replace("|", "/").split())


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
