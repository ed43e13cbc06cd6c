"""The synthetic archive with exact truth (`chitieu synth`, benchmarks, tests), and the document
renderers it shares with scripts/build_samples.py.

The path of a synthetic document: places (a commune and its people) → context (its year and
number styles) → documents (report, half-year report or plan, built from the templates of
figures, awards and targets around the number-free narrative, each figure recorded by truth) →
render/ (txt, docx or pdf) → archive (the run, the truth tables) → score (a dataset against them).
"""
from .archive import FORMATS, SynthSummary, synthesize
from .score import score
from .truth import AWARD_COLUMNS, INDICATOR_COLUMNS

__all__ = ["AWARD_COLUMNS", "FORMATS", "INDICATOR_COLUMNS", "SynthSummary", "score", "synthesize"]
