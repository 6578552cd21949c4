"""One place that decides what reaches the terminal's log stream.

Libraries log on their own (pypdf warns about every odd PDF object, Chroma and httpx
about their internals); a user running a command wants our one-sentence messages, not
theirs. Their loggers are quiet unless ``--verbose``, and Python warnings go through
logging too, so ``-v`` shows everything in one stream and nothing leaks otherwise.
"""

from __future__ import annotations

import logging

#: Third-party loggers that speak only when asked (``-v``).
QUIET_LIBRARIES = (
    "pypdf",
    "chromadb",
    "httpx",
    "httpcore",
    "urllib3",
    "onnxruntime",
    "matplotlib",
    "PIL",
    "langchain",
    "langsmith",
    "openai",
    "slack_bolt",
    "slack_sdk",
    "docx",
    "filelock",
    "py.warnings",
)


def configure_logging(verbose: bool) -> None:
    logging.basicConfig(
        level=logging.INFO if verbose else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
        force=True,
    )
    logging.captureWarnings(True)
    for name in QUIET_LIBRARIES:
        logging.getLogger(name).setLevel(logging.INFO if verbose else logging.ERROR)
