"""docindex: folders of news documents to a faceted, full-text OpenSearch index."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("docindex")
except PackageNotFoundError:  # running from a source tree that was not installed
    __version__ = "0.0.0"

PIPELINE_VERSION = __version__
