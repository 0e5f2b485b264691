"""The run report: merging batches, JSON and the Markdown summary."""

from flows.models import RunReport
from flows.report import rejection_log_lines, render_markdown


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


def test_a_batch_refused_as_a_whole_is_one_log_line_and_other_rejections_stay_one_each() -> None:
    from flows.models import Reason, Rejection, Step

    lost = [Rejection(path=f"news/{i:03d}.txt", step=Step.INDEX, reason=Reason.INDEX_UNAVAILABLE, detail="refused 50% of it") for i in range(100)]
    empty = [Rejection(path=f"news/e{i}.txt", step=Step.CLEAN, reason=Reason.EMPTY, detail="no text") for i in range(2)]
    lines = rejection_log_lines([empty[0], *lost, empty[1]])
    assert lines == [  # grouped in the order each kind first came
        "rejected news/e0.txt: clean/empty: no text",
        "rejected news/e1.txt: clean/empty: no text",
        "rejected 100 documents: index/index_unavailable: refused 50% of it: news/000.txt, news/001.txt, news/002.txt and 97 more",
    ]
    four = lost[:4]  # up to four alike are still named one by one
    assert rejection_log_lines(four) == [f"rejected {r}" for r in four]
    same_reason_other_detail = [r.model_copy(update={"detail": f"line {i}"}) for i, r in enumerate(lost[:6])]
    assert len(rejection_log_lines(same_reason_other_detail)) == 6
    passed_over = [r.model_copy(update={"path": f"news/{i}.eml#attached-files-101-to-537", "documents": 437}) for i, r in enumerate(lost[:5])]
    assert rejection_log_lines(passed_over)[0].startswith("rejected 2185 documents: ")  # five rejections of 437 files each
