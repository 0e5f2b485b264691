"""One error hierarchy. Terminal errors stop a run; transient ones may be retried.

Per-document problems are not exceptions: they are :class:`flows.models.Rejection` values.
"""

from __future__ import annotations


class DocindexError(Exception):
    """Base of every error docindex raises on purpose."""

    #: process exit code the CLI uses for this error
    exit_code = 1


class TerminalError(DocindexError):
    """Retrying cannot help: configuration, mapping drift, invalid input on the command line."""


class TransientError(DocindexError):
    """May succeed on retry: 429/503 from OpenSearch, timeouts, dropped connections."""


class ConfigError(TerminalError):
    """The settings or the command line are wrong."""

    exit_code = 2


class UnreachableError(TerminalError):
    """A server docindex needs did not answer as one: OpenSearch here; subclasses name another and its remedy."""

    exit_code = 3
    #: what did not answer
    service = "OpenSearch"
    #: how to get one that does
    remedy = (
        "Start it with `docker compose up -d opensearch`, point OPENSEARCH_URL at a running cluster, "
        "run `docindex demo` to try the pipeline on the in-memory engine, "
        "or use `docindex ingest ... --output chunks.ndjson` for a dry run without OpenSearch."
    )

    def __init__(self, url: str, cause: str) -> None:
        self.url = url
        super().__init__(f"{self.service} is not reachable at {url} ({cause}).\n{self.remedy}")


class OpenSearchLostError(UnreachableError):
    """OpenSearch stopped answering during a run, after it had answered at the start: exit 3, as then, with what
    to do about the documents (``OpenSearch is not reachable at http://opensearch:9200 (... Connection refused)``)."""

    remedy = (
        "It answered when the run started. What was indexed before it stopped answering stays: once it answers again, "
        "run the same command, which goes on where this run stopped and duplicates nothing."
    )


class MappingDriftError(TerminalError):
    """The live index mapping differs from the one in schemas/."""


class IndexingError(TransientError):
    """A bulk request failed as a whole after its retries."""
