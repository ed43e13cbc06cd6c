"""Official administrative units, read from the data files of `vietnamadminunits` (MIT).

Only the package's data is used (its SQLite table of the 10,040 pre-reform units with their
GSO codes and former names, the 3,321 post-reform units, and its 2025 crosswalk), never its
parser or converter: those can call an online geocoder and pick a unit with confidence where
the text is ambiguous. Every name has two keys: the exact one (`name_key`: case and spacing
aside, accents kept, the gazetteer's own old tone placement "Hoà" made modern like the text's),
and the folded one (`fold`: no case, no diacritics, no spaces: "Trục Ninh" and "Trực Ninh"
share "trucninh"). Accents tell real units apart (Hoằng Thành and Hoằng Thanh are two communes
of one district), so callers look a name up exactly first and folded only as a fallback. A
one-letter typo is tolerated only among the communes of one district. Lookups return every
candidate so the caller can refuse to guess. The post-reform (1 July 2025) communes have keys of
their own: a name written after the reform is looked up among them. Loaded once per process,
from a prebuilt pickle in the user's cache folder when one matches the installed data and this
module (building it from the data takes ~0.3-0.8 s, loading the pickle ~0.07 s: every worker of
every run pays it); see `gazetteer`.
"""
from __future__ import annotations

import hashlib
import importlib.util
import json
import os
import pickle
import sqlite3
import sys
import tempfile
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import regex
from rapidfuzz.distance import Levenshtein

from .normalize import modern_tone_placement

PACKAGE = "vietnamadminunits"


_MARKS = regex.compile(r"\p{M}")
_NOT_KEY = regex.compile(r"[^a-z0-9]")


def fold(text: str | None) -> str:
    """The key units are looked up by: "Thị trấn Hà Trung" -> "thitranhatrung"."""
    decomposed = unicodedata.normalize("NFD", (text or "").casefold().replace("đ", "d"))
    return _NOT_KEY.sub("", _MARKS.sub("", decomposed))


def name_key(text: str | None) -> str:
    """The exact key of a name as the (normalized) text writes it: "Hoằng  Thành" -> "hoằng thành"."""
    return " ".join(unicodedata.normalize("NFC", text or "").casefold().split())


def _official_key(name: str | None) -> str:
    """`name_key` of a gazetteer name, its tone marks placed the modern way the text's are."""
    return name_key(modern_tone_placement(name or ""))


@dataclass(frozen=True, slots=True)
class Commune:
    """A pre-reform commune-level unit (xã, phường, thị trấn) with its parents."""

    code: str
    name: str  # short name: "Hà Trung"
    kind: str  # "Xã", "Phường", "Thị trấn"
    district: str
    district_kind: str
    district_code: str
    province: str
    province_code: str
    key: str  # "tinhthanhhoa_huyenhatrung_thitranhatrung": the crosswalk's key
    former_keys: tuple[str, ...] = ()  # folded names it had before a 2019-2025 merger


@dataclass(frozen=True, slots=True)
class District:
    code: str
    name: str
    kind: str
    province: str
    province_code: str


@dataclass(frozen=True, slots=True)
class NewCommune:
    """A post-reform (1 July 2025) commune-level unit."""

    code: str
    name: str
    kind: str
    province: str
    province_code: str


@dataclass(slots=True)
class Gazetteer:
    communes: list[Commune] = field(default_factory=list)
    by_name: dict[str, list[Commune]] = field(default_factory=lambda: defaultdict(list))
    by_former_name: dict[str, list[Commune]] = field(default_factory=lambda: defaultdict(list))
    districts: dict[str, list[District]] = field(default_factory=lambda: defaultdict(list))
    by_district: dict[str, list[Commune]] = field(default_factory=lambda: defaultdict(list))  # folded district
    provinces: dict[str, str] = field(default_factory=dict)  # folded short name -> short name
    successors: dict[str, list[tuple[NewCommune, bool]]] = field(default_factory=dict)  # old key -> (new, default)
    predecessors: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))  # new code -> old keys
    province_2025: dict[str, str] = field(default_factory=dict)  # old province short name -> new one
    by_exact_name: dict[str, list[Commune]] = field(default_factory=lambda: defaultdict(list))  # name_key
    new_communes: list[NewCommune] = field(default_factory=list)
    new_by_name: dict[str, list[NewCommune]] = field(default_factory=lambda: defaultdict(list))  # folded
    new_by_exact_name: dict[str, list[NewCommune]] = field(default_factory=lambda: defaultdict(list))
    districts_exact: dict[str, list[District]] = field(default_factory=lambda: defaultdict(list))
    by_key: dict[str, Commune] = field(default_factory=dict)  # the crosswalk's old key -> commune

    def communes_named(self, name: str, exact: bool = False) -> list[Commune]:
        """Pre-reform communes of this name: exactly (accents kept) or folded."""
        if exact:
            return list(self.by_exact_name.get(name_key(name), ()))
        return list(self.by_name.get(fold(name), ()))

    def new_communes_named(self, name: str, exact: bool = False) -> list[NewCommune]:
        """Post-reform communes of this name: exactly (accents kept) or folded."""
        if exact:
            return list(self.new_by_exact_name.get(name_key(name), ()))
        return list(self.new_by_name.get(fold(name), ()))

    def communes_formerly_named(self, name: str) -> list[Commune]:
        return list(self.by_former_name.get(fold(name), ()))

    def districts_named(self, name: str, exact: bool = False) -> list[District]:
        if exact:
            return list(self.districts_exact.get(name_key(name), ()))
        return list(self.districts.get(fold(name), ()))

    def province_named(self, name: str) -> str | None:
        return self.provinces.get(fold(name))

    def communes_of(self, district: str, province: str | None = None) -> list[Commune]:
        return [c for c in self.by_district.get(fold(district), ()) if province is None or c.province == province]


def _short(name: str, kind: str | None) -> str:
    return name[len(kind) + 1:] if kind and name.startswith(kind + " ") else name


def data_dir() -> Path:
    """vietnamadminunits' data folder, found without importing the package: its `__init__` loads
    its parser and geopy's geocoders (0.8 s per process, and code chitieu never calls)."""
    spec = importlib.util.find_spec(PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise FileNotFoundError(f"{PACKAGE} is not installed: pip install {PACKAGE}")
    return Path(next(iter(spec.submodule_search_locations))) / "data"


CACHE_ENV = "CHITIEU_GAZETTEER_CACHE"  # a folder for the prebuilt gazetteer; "off" builds it every time


def _prebuilt_path(data: Path) -> Path | None:
    """Where the pickle of this gazetteer lives: named by a digest of the data files (size and
    modification time), the source of the modules that build it (this one and `normalize`, whose
    tone placement makes the exact keys) and Python's version, so any change builds anew."""
    folder = os.environ.get(CACHE_ENV) or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache"), "chitieu")
    if folder == "off":
        return None
    from . import normalize

    digest = hashlib.sha256(Path(__file__).read_bytes())
    digest.update(Path(normalize.__file__).read_bytes())
    digest.update(sys.version.encode())
    for name in ("dataset.db", "converter_2025.json"):
        stat = data.joinpath(name).stat()
        digest.update(f"{name}:{stat.st_size}:{stat.st_mtime_ns}".encode())
    return Path(folder) / f"gazetteer-{digest.hexdigest()[:16]}.pickle"


@cache
def gazetteer() -> Gazetteer:
    """The gazetteer, prebuilt when a matching pickle exists; else built and the pickle written
    (atomically, replacing earlier versions' pickles; silently skipped where the folder is not
    writable)."""
    data = data_dir()
    path = _prebuilt_path(data)
    if path is not None:
        try:
            with path.open("rb") as f:
                return pickle.load(f)
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
            pass
    g = _build(data)
    if path is not None:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".gazetteer-")
            with os.fdopen(fd, "wb") as f:
                pickle.dump(g, f, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, path)
            for old in path.parent.glob("gazetteer-*.pickle"):  # earlier versions' pickles
                if old != path:
                    old.unlink(missing_ok=True)
        except OSError:
            pass
    return g


def _build(data: Path) -> Gazetteer:
    g = Gazetteer()
    with sqlite3.connect(f"file:{data.joinpath('dataset.db')}?mode=ro", uri=True) as db:
        rows = db.execute(
            "SELECT provinceShort, provinceCode, provinceKey, districtShort, districtType, districtCode, districtKey,"
            " wardShort, wardType, wardCode, wardKey, wardAlias FROM admin_units_legacy"
        ).fetchall()
        new_rows = db.execute(
            "SELECT provinceShort, provinceCode, provinceKey, wardShort, wardType, wardCode, wardKey FROM admin_units"
        ).fetchall()
        old_province_keys = dict(db.execute("SELECT DISTINCT provinceKey, provinceShort FROM admin_units_legacy"))
        new_province_keys = dict(db.execute("SELECT DISTINCT provinceKey, provinceShort FROM admin_units"))
    seen_districts: set[str] = set()
    for (prov, prov_code, prov_key, dist, dist_kind, dist_code, dist_key,
         ward, ward_kind, ward_code, ward_key, alias) in rows:
        former = tuple(a for a in json.loads(alias or "[]") if not a.startswith(("xa", "phuong", "thitran")))
        commune = Commune(ward_code, ward, ward_kind, dist, dist_kind, dist_code, prov, prov_code,
                          f"{prov_key}_{dist_key}_{ward_key}", former)
        g.communes.append(commune)
        g.by_name[fold(ward)].append(commune)
        g.by_exact_name[_official_key(ward)].append(commune)
        g.by_key[commune.key] = commune
        g.by_district[fold(dist)].append(commune)
        for key in former:
            g.by_former_name[key].append(commune)
        if dist_code not in seen_districts:
            seen_districts.add(dist_code)
            district = District(dist_code, dist, dist_kind, prov, prov_code)
            g.districts[fold(dist)].append(district)
            g.districts_exact[_official_key(dist)].append(district)
        g.provinces[fold(prov)] = prov
    new_by_key = {}
    for prov, prov_code, prov_key, ward, ward_kind, ward_code, ward_key in new_rows:
        new = NewCommune(ward_code, ward, ward_kind, prov, prov_code)
        new_by_key[(prov_key, ward_key)] = new
        g.new_communes.append(new)
        g.new_by_name[fold(ward)].append(new)
        g.new_by_exact_name[_official_key(ward)].append(new)
        g.provinces.setdefault(fold(prov), prov)
    crosswalk = json.loads(data.joinpath("converter_2025.json").read_text(encoding="utf-8"))
    for new_key, old_keys in crosswalk["DICT_PROVINCE"].items():
        for old_key in old_keys:
            if old_key in old_province_keys and new_key in new_province_keys:
                g.province_2025[old_province_keys[old_key]] = new_province_keys[new_key]
    for new_prov, wards in crosswalk["DICT_PROVINCE_WARD_NO_DIVIDED"].items():
        for new_ward, old_keys in wards.items():
            new = new_by_key.get((new_prov, new_ward))
            if new is None:
                continue
            for old in old_keys:
                g.successors.setdefault(old, []).append((new, True))
                g.predecessors[new.code].append(old)
    for new_prov, olds in crosswalk["DICT_PROVINCE_WARD_DIVIDED"].items():
        for old, targets in olds.items():
            for target in targets:
                new = new_by_key.get((new_prov, target["newWardKey"]))
                if new is not None:
                    g.successors.setdefault(old, []).append((new, bool(target.get("isDefaultNewWard"))))
                    g.predecessors[new.code].append(old)
    return g


def levenshtein(a: str, b: str) -> int:
    """Edit distance of two folded names (rapidfuzz's C implementation: ~200x a Python loop)."""
    return Levenshtein.distance(a, b)


def comparison_unit(commune: Commune | NewCommune) -> str | None:
    """A stable id of the connected group of old and new communes this one belongs to, so one
    place compares across the 2025 reform: the smallest new code of the group. A post-reform
    commune starts from its predecessors (itself, where it has none in the crosswalk)."""
    g = gazetteer()
    if isinstance(commune, NewCommune):
        olds = list(dict.fromkeys(g.predecessors.get(commune.code, ())))
        if not olds:
            return f"cu{commune.code}"
        seen_old, seen_new, frontier = set(olds), {commune.code}, list(olds)
    else:
        seen_old, seen_new, frontier = {commune.key}, set(), [commune.key]
    while frontier:
        old = frontier.pop()
        for new, _ in g.successors.get(old, ()):
            if new.code not in seen_new:
                seen_new.add(new.code)
                for other in g.predecessors.get(new.code, ()):
                    if other not in seen_old:
                        seen_old.add(other)
                        frontier.append(other)
    return f"cu{min(seen_new)}" if seen_new else None
