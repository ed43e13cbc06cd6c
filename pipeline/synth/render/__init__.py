"""The renderers of a `Doc` (pipeline/synth/document.py) to .txt, .docx and .pdf: one set for the
synthetic archive and for the samples and fixtures of scripts/build_samples.py.

Written for speed, since the synthetic archive renders thousands of files for the benchmarks:
.docx as WordprocessingML on a package python-docx makes once per process, .pdf laid out
directly on a reportlab canvas. What the readers are tested on is kept: the borderless
two-column header and signature block, ruled tables with a repeated header row, justified lines
that wrap mid-sentence and across pages, forced line breaks, page breaks, page numbers, running
headers, a .docx section header and footer, NFD .docx, and .txt in Markdown or plain, in UTF-8
(BOM or not), UTF-16 or Windows-1258, LF or CRLF.
"""
from .docx import fixed_zip, render_docx
from .pdf import pdf_available, render_pdf
from .txt import render_txt, to_cp1258, txt_lines

__all__ = ["fixed_zip", "pdf_available", "render_docx", "render_pdf", "render_txt", "to_cp1258", "txt_lines"]
