"""Indicator figures: the number-and-unit grammar (`numbers`), the indicator lexicons compiled
(`catalogue`), figures of running text (`prose`) and of tables (`tables`)."""
from . import prose, tables  # noqa: F401  (importing registers the components)
