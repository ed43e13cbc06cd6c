"""The two ways a file can fail to be read, each carrying a one-line reason for a person."""
from __future__ import annotations


class _Reason(Exception):
    def __init__(self, reason: object = "") -> None:
        # One line, whatever the reason quotes: messages of zip, XML and PDF libraries can carry
        # newlines (a zip member's name, a parser's context), which broke the one-line contract.
        super().__init__(" ".join(str(reason).split()))


class IngestError(_Reason):
    """The file is of a format chitieu reads but this one is broken: status `error`."""


class Unsupported(_Reason):
    """chitieu does not read this kind of file (yet): status `skipped`."""
