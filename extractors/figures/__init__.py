"""Indicator figures: the number-and-unit grammar (`numbers`), the indicator lexicons compiled
(`catalogue`), figures of running text (`prose`) and of tables (`tables`), and the year each
target is for (`target_year`)."""
from . import prose, tables, target_year  # noqa: F401  (importing registers the components)
