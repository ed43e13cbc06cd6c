"""The synthetic archive with exact truth (`chitieu synth`, benchmarks, tests): the documents,
their layouts and their truth (`archive`) and the number-free narrative around the figures
(`narrative`)."""
