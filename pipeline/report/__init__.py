"""The static HTML review site over a dataset (`chitieu report`): the site and its listings
(`site`), commune comparisons (`compare`), one page per document (`documents`) and the shared
HTML pieces (`html`). It reads the Parquet dataset only."""
