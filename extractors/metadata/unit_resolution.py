"""Tie the reporting unit to an official unit: code, parents, and its successor after the 2025 reform.

The text gives a name ("Cát Thành"), a level (thị trấn) and the names of higher units it
mentions ("UBND huyện Trục Ninh", "tỉnh Thanh Hóa"). What the text says is a constraint, never
something to overwrite: a candidate outside the province the text names, or outside the district
it names, is never taken (the gazetteer only gives their official spelling).

Candidates come in tiers, and the first tier that leaves any decides:
1. the name exactly as written (case and spacing aside; accents kept: Hoằng Thành and Hoằng
   Thanh are two communes of one district);
2. the name folded (no accents), former names of the 2019-2025 mergers included: taken only
   when it leaves one candidate;
3. a name one letter off among the communes of the district the text names.
One candidate left: resolved. Several: the name stays unresolved with the number of candidates
(what they share, such as the province of the two Tân Việt of Hải Dương, is still kept).

Which units: a text written after the reform of 1 July 2025 (issued from July 2025 on, or about
a year after 2025) names a post-reform unit, looked up among the 3,321 post-reform communes
first; an older text among the pre-reform ones; a text of unknown date among the pre-reform
ones, then the post-reform ones. Every field says where it came from.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable

from pipeline.components import component
from pipeline.gazetteer import Commune, NewCommune, comparison_unit, fold, gazetteer, levenshtein
from pipeline.model import Document, DocumentMeta

from .reporting_unit import mentions

_KINDS = {"xa": "Xã", "phuong": "Phường", "thi_tran": "Thị trấn"}
REFORM_MONTH = "2025-07"  # the 2025 reform took effect on 1 July 2025
PRE, POST = "pre", "post"


def _narrow(candidates: list, keep) -> list:
    """Soft: the candidates that `keep`, or all of them if none does."""
    narrowed = [c for c in candidates if keep(c)]
    return narrowed or candidates


def _mentioned(doc: Document) -> tuple[set[str], set[str]]:
    """Folded names of the districts and provinces the text names."""
    districts, provinces = set(), set()
    for mt in mentions(doc.text):
        if not mt.name:
            continue
        if mt.level.admin_level == "district":
            districts.add(fold(mt.name))
        if mt.level.word in ("tỉnh", "thành phố"):
            provinces.add(fold(mt.name))
    return districts, provinces


def _shared(values: Iterable[str]) -> str | None:
    distinct = set(values)
    return distinct.pop() if len(distinct) == 1 else None


def eras(meta: DocumentMeta) -> tuple[str, ...]:
    """The unit lists to look the name up in, in order: after the reform's date the post-reform
    units (then the old ones, for a date misread); before it the old ones; unknown: both."""
    date, year = meta.issued_date or "", meta.period_year
    issued_year = int(date[:4]) if date[:4].isdigit() else None
    if (len(date) >= 7 and date[:7] >= REFORM_MONTH) or (issued_year or 0) > 2025 or (year or 0) > 2025:
        return (POST, PRE)
    if (len(date) >= 7 and date[:7] < REFORM_MONTH) or (issued_year or 9999) < 2025 or (year or 9999) < 2025:
        return (PRE,)
    return (PRE, POST)


def _province_ok(meta: DocumentMeta, province: str, era: str) -> bool:
    """Is a candidate's province the one the text names? After the reform the text may still
    call the province by its old name (merged into the candidate's)."""
    wanted = fold(meta.province)
    if fold(province) == wanted:
        return True
    return era == POST and fold(gazetteer().province_2025.get(meta.province or "")) == fold(province)


def _districts_of(unit: Commune | NewCommune) -> set[str]:
    """Folded districts of a unit: its own, or (a post-reform commune) its predecessors'."""
    if isinstance(unit, Commune):
        return {fold(unit.district)}
    g = gazetteer()
    return {fold(g.by_key[k].district) for k in g.predecessors.get(unit.code, ()) if k in g.by_key}


def _constrain(doc: Document, candidates: list, era: str, mentioned: tuple[set[str], set[str]],
               former: list) -> list:
    """The candidates the text allows: the kind (soft), the province and district it names (hard),
    or else the ones it mentions (soft)."""
    meta = doc.meta
    districts, provinces = mentioned
    kind = _KINDS.get(meta.commune_kind or "")
    if kind:
        candidates = _narrow(candidates, lambda c: c.kind == kind or c in former)
    if meta.province:
        candidates = [c for c in candidates if _province_ok(meta, c.province, era)]
    elif provinces:
        candidates = _narrow(candidates, lambda c: fold(c.province) in provinces)
    if meta.district:
        candidates = [c for c in candidates if fold(meta.district) in _districts_of(c)]
    elif districts:
        candidates = _narrow(candidates, lambda c: bool(_districts_of(c) & districts))
    return candidates


def _tiers(name: str, era: str, meta: DocumentMeta) -> list[tuple[list, list, bool]]:
    """(candidates, former names among them, taken only if alone) of each tier, in order."""
    g = gazetteer()
    if era == POST:
        exact = g.new_communes_named(name, exact=True)
        return [(exact, [], False), ([c for c in g.new_communes_named(name) if c not in exact], [], True)]
    exact = g.communes_named(name, exact=True)
    folded = [c for c in g.communes_named(name) if c not in exact]
    former = [c for c in g.communes_formerly_named(name) if c not in exact and c not in folded]
    tiers = [(exact, [], False), (folded + former, former, True)]
    if meta.district:  # "Hà Chung" in huyện Hà Trung: one letter off within the district
        near = [c for c in g.communes_of(meta.district) if levenshtein(fold(c.name), fold(name)) <= 1]
        tiers.append(([c for c in near if c not in exact and c not in folded], [], True))
    return tiers


def _resolve_commune(doc: Document, mentioned: tuple[set[str], set[str]]) -> None:
    meta = doc.meta
    name = meta.locality or ""
    found: list = []
    for era in eras(meta):
        for candidates, former, alone_only in _tiers(name, era, meta):
            candidates = _constrain(doc, candidates, era, mentioned, former)
            if len(candidates) == 1:
                _set_unit(doc, candidates[0], former=candidates[0] in former)
                return
            if candidates:
                found = found or candidates
                if not alone_only:
                    break  # several exact matches: a fainter tier must not pick one of them
        if found:
            break
    meta.n_candidates = len(found)
    meta.resolution = "ambiguous" if found else "not_found"
    if found:
        province = _shared(c.province for c in found)
        if province and not meta.province:
            meta.province, meta.province_source = province, "gazetteer"
        district = _shared(c.district for c in found if isinstance(c, Commune))
        if district and not meta.district and all(isinstance(c, Commune) for c in found):
            meta.district, meta.district_source = district, "gazetteer"


def _official(meta: DocumentMeta, attr: str, official: str | None) -> None:
    """The gazetteer's spelling of a parent the text names (the same unit: the candidate met the
    constraint), or the parent itself where the text names none."""
    written = getattr(meta, attr)
    if official and (not written or fold(written) == fold(official)):
        setattr(meta, attr, official)
        setattr(meta, f"{attr}_source", "gazetteer")


def _set_unit(doc: Document, unit: Commune | NewCommune, former: bool) -> None:
    meta, g = doc.meta, gazetteer()
    meta.resolution, meta.n_candidates = "gazetteer", 1
    meta.unit_code = unit.code
    meta.comparison_unit_id = comparison_unit(unit)
    if isinstance(unit, NewCommune):
        _official(meta, "province", unit.province)
        meta.unit_code_2025, meta.commune_2025, meta.province_2025 = unit.code, unit.name, unit.province
        meta.unit_note = "post-reform unit (from 1 July 2025)"
        return
    _official(meta, "district", unit.district)
    _official(meta, "province", unit.province)
    if former:
        meta.unit_note = f"former name: merged into {unit.kind} {unit.name} (code {unit.code}) before 2025"
    successors = g.successors.get(unit.key, [])
    if successors:
        default = next((new for new, is_default in successors if is_default), successors[0][0])
        meta.unit_code_2025, meta.commune_2025, meta.province_2025 = default.code, default.name, default.province
        meta.successors_2025 = "; ".join(f"{new.kind} {new.name} ({new.code})" for new, _ in successors)


def _resolve_district(doc: Document, provinces: set[str]) -> None:
    meta, g = doc.meta, gazetteer()
    name = meta.locality or ""
    keep: Callable = (lambda d: fold(d.province) == fold(meta.province)) if meta.province else (lambda d: True)
    candidates = [d for d in g.districts_named(name, exact=True) if keep(d)]
    if not candidates:
        folded = [d for d in g.districts_named(name) if keep(d)]
        candidates = folded
    if not meta.province and provinces:
        candidates = _narrow(candidates, lambda d: fold(d.province) in provinces)
    meta.n_candidates = len(candidates)
    if len(candidates) == 1:
        meta.resolution, meta.unit_code = "gazetteer", candidates[0].code
        _official(meta, "province", candidates[0].province)
    else:
        meta.resolution = "ambiguous" if candidates else "not_found"
        province = _shared(d.province for d in candidates)
        if province and not meta.province:
            meta.province, meta.province_source = province, "gazetteer"


@component("gazetteer")
def resolve_unit(doc: Document) -> None:
    meta = doc.meta
    meta.district_source = "text" if meta.district else None
    meta.province_source = "text" if meta.province else None
    if not meta.locality or meta.admin_level not in ("commune", "district", "province"):
        return
    mentioned = _mentioned(doc)
    if meta.admin_level == "commune":
        _resolve_commune(doc, mentioned)
    elif meta.admin_level == "district":
        _resolve_district(doc, mentioned[1])
    else:
        province = gazetteer().province_named(meta.locality)
        meta.resolution = "gazetteer" if province else "not_found"
        meta.province = province or meta.province
    if meta.province and not meta.province_2025:
        meta.province_2025 = gazetteer().province_2025.get(meta.province)
