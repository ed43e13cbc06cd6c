"""The optional C helper of the PDF reader (pipeline/ingest/_pdfchars.c); the rest is in pyproject.toml.

`optional=True`: where there is no C compiler (or no Python headers) the build warns and goes
on, and the reader uses its Python loop (the same words, slower). -ffp-contract=off keeps the
compiler from fusing a multiply and an add, so the C loop's float results are Python's.
"""
from setuptools import Extension, setup

setup(ext_modules=[Extension("pipeline.ingest._pdfchars", ["pipeline/ingest/_pdfchars.c"], optional=True,
                             extra_compile_args=["-ffp-contract=off"])])
