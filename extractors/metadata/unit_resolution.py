"""Tie the reporting unit to an official unit: code, parents, and its successor after the 2025 reform.

The text gives a name ("Cát Thành"), a level (thị trấn) and the names of higher units it
mentions ("UBND huyện Trục Ninh", "tỉnh Thanh Hóa"). Candidates are the gazetteer's units of that
name and kind (former names of the 2019-2025 mergers included), narrowed by the province and then
by the districts the text names. One candidate left: resolved, and its district and province
replace the text's spelling (typos such as "Trục Ninh" fold to the same key). Several left: the
name stays unresolved with the number of candidates recorded (what they share, such as the
province of the two Tân Việt of Hải Dương, is still kept). A name unknown in its district is
tried against that district's communes one letter apart. Every field says where it came from.
"""
from __future__ import annotations

from collections.abc import Iterable

from pipeline.components import component
from pipeline.gazetteer import Commune, comparison_unit, fold, gazetteer, levenshtein
from pipeline.model import Document

from .reporting_unit import mentions

_KINDS = {"xa": "Xã", "phuong": "Phường", "thi_tran": "Thị trấn"}


def _narrow(candidates: list, keep) -> list:
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


def _resolve_commune(doc: Document, districts: set[str], provinces: set[str]) -> None:
    meta, g = doc.meta, gazetteer()
    name = meta.locality or ""
    current = g.communes_named(name)
    former = [c for c in g.communes_formerly_named(name) if c not in current]
    candidates = current + former
    kind = _KINDS.get(meta.commune_kind or "")
    if kind:
        candidates = _narrow(candidates, lambda c: c.kind == kind or c in former)
    if meta.province:
        candidates = _narrow(candidates, lambda c: fold(c.province) == fold(meta.province))
    elif provinces:
        candidates = _narrow(candidates, lambda c: fold(c.province) in provinces)
    wanted = {fold(meta.district)} if meta.district else districts
    if wanted:
        in_district = [c for c in candidates if fold(c.district) in wanted]
        if in_district:
            candidates = in_district
        elif meta.district:  # "Hà Chung" in huyện Hà Trung: one letter off within the district
            # The text names the district: a unit elsewhere is not this one, however unique.
            candidates = [c for c in g.communes_of(meta.district) if levenshtein(fold(c.name), fold(name)) <= 1]
    if len(candidates) == 1:
        _set_commune(doc, candidates[0], former=candidates[0] in former)
        return
    meta.n_candidates = len(candidates)
    meta.resolution = "ambiguous" if candidates else "not_found"
    if candidates:
        province = _shared(c.province for c in candidates)
        if province and not meta.province:
            meta.province, meta.province_source = province, "gazetteer"
        district = _shared(c.district for c in candidates)
        if district and not meta.district:
            meta.district, meta.district_source = district, "gazetteer"


def _set_commune(doc: Document, commune: Commune, former: bool) -> None:
    meta, g = doc.meta, gazetteer()
    meta.resolution, meta.n_candidates = "gazetteer", 1
    meta.unit_code = commune.code
    meta.district, meta.district_source = commune.district, "gazetteer"
    meta.province, meta.province_source = commune.province, "gazetteer"
    if former:
        meta.unit_note = f"former name: merged into {commune.kind} {commune.name} (code {commune.code}) before 2025"
    successors = g.successors.get(commune.key, [])
    if successors:
        default = next((new for new, is_default in successors if is_default), successors[0][0])
        meta.unit_code_2025, meta.commune_2025, meta.province_2025 = default.code, default.name, default.province
        meta.successors_2025 = "; ".join(f"{new.kind} {new.name} ({new.code})" for new, _ in successors)
    meta.comparison_unit_id = comparison_unit(commune)


def _resolve_district(doc: Document, provinces: set[str]) -> None:
    meta = doc.meta
    candidates = gazetteer().districts_named(meta.locality or "")
    if meta.province:
        candidates = _narrow(candidates, lambda d: fold(d.province) == fold(meta.province))
    elif provinces:
        candidates = _narrow(candidates, lambda d: fold(d.province) in provinces)
    meta.n_candidates = len(candidates)
    if len(candidates) == 1:
        meta.resolution, meta.unit_code = "gazetteer", candidates[0].code
        meta.province, meta.province_source = candidates[0].province, "gazetteer"
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
    districts, provinces = _mentioned(doc)
    if meta.admin_level == "commune":
        _resolve_commune(doc, districts, provinces)
    elif meta.admin_level == "district":
        _resolve_district(doc, provinces)
    else:
        province = gazetteer().province_named(meta.locality)
        meta.resolution = "gazetteer" if province else "not_found"
        meta.province = province or meta.province
    if meta.province and not meta.province_2025:
        meta.province_2025 = gazetteer().province_2025.get(meta.province)
