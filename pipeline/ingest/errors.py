"""The two ways a file can fail to be read, each carrying a one-line reason for a person."""
from __future__ import annotations


class IngestError(Exception):
    """The file is of a format chitieu reads but this one is broken: status `error`."""


class Unsupported(Exception):
    """chitieu does not read this kind of file (yet): status `skipped`."""
