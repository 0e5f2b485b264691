"""Following a reindex task (flows/search/rebuild.py), against the answers OpenSearch documents for the tasks API."""

from __future__ import annotations

from typing import Any

import pytest
from opensearchpy.exceptions import AuthorizationException, NotFoundError, RequestError
from opensearchpy.exceptions import ConnectionError as Unreachable

from flows.search import rebuild as rebuild_module
from flows.search.rebuild import RebuildError, follow_task, has_tasks_api


class Tasks:
    """``client.tasks`` answering from a script: each ``get`` gives the next answer (an exception is raised)."""

    def __init__(self, answers: list[Any]) -> None:
        self.answers, self.cancelled = list(answers), []

    def get(self, task_id: str) -> dict[str, Any]:
        answer = self.answers.pop(0)
        if isinstance(answer, Exception):
            raise answer
        return answer

    def cancel(self, task_id: str, params: dict[str, Any]) -> dict[str, Any]:
        assert params["wait_for_completion"] == "true"  # the new index is removed after: nothing may write into it then
        self.cancelled.append(task_id)
        return {"nodes": {}}


class Client:
    def __init__(self, answers: list[Any]) -> None:
        self.tasks = Tasks(answers)


def running(total: int, **counts: int) -> dict[str, Any]:
    return {"completed": False, "task": {"status": {"total": total, **counts}}}


@pytest.fixture(autouse=True)
def no_wait(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(rebuild_module, "POLL_SECONDS", 0)


def test_progress_counts_every_record_the_task_has_dealt_with() -> None:
    done = {"completed": True, "task": {"status": {"total": 10, "created": 7, "updated": 2, "noops": 1}},
            "response": {"created": 7, "updated": 2, "noops": 1, "failures": []}}
    client = Client([running(10), running(10, created=3, version_conflicts=1), done])
    seen: list[tuple[int, int]] = []
    response = follow_task(client, "n:1", total=9, on_progress=lambda d, t: seen.append((d, t)))  # type: ignore[arg-type]
    assert seen == [(0, 10), (4, 10), (10, 10)]  # the task's own total wins over the count taken before
    assert response["created"] == 7 and client.tasks.cancelled == []


def test_a_task_that_failed_as_a_whole_is_an_error_naming_the_reason() -> None:
    failed = {"completed": True, "task": {"status": {"total": 5}},
              "error": {"type": "index_not_found_exception", "reason": "no such index [docindex-chunks-v2]"}}
    with pytest.raises(RebuildError, match=r"n:1 failed: index_not_found_exception: no such index \[docindex-chunks-v2\]"):
        follow_task(Client([running(5), failed]), "n:1", total=5)  # type: ignore[arg-type]


def test_a_task_that_cannot_be_followed_is_cancelled_and_an_error() -> None:
    """A task that vanished (its node left) is a failed copy, not a cluster without _reindex: no other copy starts."""
    client = Client([running(5, created=2), NotFoundError(404, "resource_not_found_exception", {})])
    with pytest.raises(RebuildError, match="n:1 could not be followed"):
        follow_task(client, "n:1", total=5)  # type: ignore[arg-type]
    assert client.tasks.cancelled == ["n:1"]


def test_a_user_who_may_not_list_tasks_copies_in_one_request() -> None:
    """On a secured cluster, a role without ``cluster:monitor/*`` gets 403 for ``GET _tasks``: a copy in one
    request, as before, rather than a rebuild that fails."""
    class Listing:
        def __init__(self, error: Exception | None) -> None:
            self.error = error

        def list(self, params: dict[str, str]) -> dict[str, Any]:
            if self.error:
                raise self.error
            return {"nodes": {}}

    class Lister:
        def __init__(self, error: Exception | None) -> None:
            self.tasks = Listing(error)

    assert has_tasks_api(Lister(None))  # type: ignore[arg-type]
    assert not has_tasks_api(Lister(AuthorizationException(403, "security_exception", {})))  # type: ignore[arg-type]
    missing = "no handler found for uri [/_tasks] and method [GET]"
    assert not has_tasks_api(Lister(RequestError(400, missing, missing)))  # type: ignore[arg-type]
    with pytest.raises(Unreachable):  # anything else is no answer about the API: it is not taken for one
        has_tasks_api(Lister(Unreachable("N/A", "refused", None)))  # type: ignore[arg-type]
