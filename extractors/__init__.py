"""Rule and NLP extractors, grouped by what they find. Importing this package registers their components.

- figures/   indicator figures: the number grammar, the indicator lexicons, running text, tables
- awards/    award counts: sentences, decisions' recipient lists
- metadata/  what the document is: header, period, reporting unit, its official unit, signer
- text/      what the extractors read through: document regions, sentences, lexicon prefilters
- ocr_marks  a last pass: figures and awards of OCR'd pages get a lower confidence
- plausibility  the very last: flags on figures that cannot be right as read (rate over 100% ...)
"""
from . import awards, figures, metadata, ocr_marks, plausibility, text  # noqa: F401

__all__ = ["awards", "figures", "metadata", "ocr_marks", "plausibility", "text"]
