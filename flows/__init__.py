"""docindex: folders of news documents to a faceted, full-text OpenSearch index."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("docindex")
except PackageNotFoundError:  # running from a source tree that was not installed
    __version__ = "0.0.0"

#: the version of what the pipeline makes of a document already read before (text and HTML): raised with a release
#: that changes it, not with one that only adds (a new format, a new option). Part of the processing version stored
#: with every document, so an incremental run re-processes the documents indexed before a change, and only then.
PIPELINE_VERSION = "0.8.24"
