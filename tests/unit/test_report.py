"""The run report: merging batches, JSON and the Markdown summary."""

from flows.models import RunReport
from flows.report import render_markdown


def test_repeated_line_counts_survive_merging_and_are_rendered() -> None:
    report = RunReport(repeated_lines={"site": 7, "seeds": 0}).merge(RunReport(documents_seen=3))
    assert report.repeated_lines == {"site": 7, "seeds": 0} and report.documents_seen == 3
    assert report.to_json_dict()["repeated_lines"] == {"site": 7, "seeds": 0}
    text = render_markdown(report)
    assert "| seeds | 0 |\n| site | 7 |" in text
    assert "Repeated lines" not in render_markdown(RunReport())


def test_markdown_counts_pruned_documents_and_keeps_each_rejection_in_its_row() -> None:
    from flows.models import Reason, Rejection, Step

    odd = Rejection(path="news/a|b.txt", step=Step.LOAD, reason=Reason.UNREADABLE, detail="line 1\nline 2 | more")
    text = render_markdown(RunReport(documents_seen=4, documents_pruned=2, rejected=(odd,)))
    assert "| documents pruned | 2 |" in text
    assert "| news/a/b.txt | load | unreadable | line 1 line 2 / more |" in text.splitlines()
