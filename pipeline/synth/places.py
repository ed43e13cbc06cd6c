"""Places and people of the synthetic archive: real provinces and districts (lexicons/provinces.tsv
and the data of vietnamadminunits), invented communes of common syllables, their chairs and
vice-chairs, and each commune's profile (the base values its figures grow from)."""
from __future__ import annotations

import random
import re
import sqlite3
import unicodedata
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path

from ..gazetteer import data_dir

SYLLABLES_A = ["Tân", "Đông", "Tây", "Nam", "Bắc", "Hòa", "Hưng", "Phú", "Thanh", "Quang", "Minh",
               "Xuân", "Vĩnh", "Đức", "Thọ", "Yên", "An", "Bình", "Thạch", "Hồng", "Kim", "Ngọc",
               "Cẩm", "Hải", "Trung", "Long", "Thái", "Đồng", "Mỹ", "Gia", "Định", "Hợp", "Nghĩa",
               "Quảng", "Hoằng", "Thiệu", "Triệu", "Cao", "Đại", "Thượng", "Văn", "Phúc", "Liên"]
SYLLABLES_B = ["Phong", "Lộc", "Thành", "Hòa", "Tiến", "Thắng", "Lợi", "Thuận", "Hưng", "Phú",
               "Sơn", "Hải", "Lâm", "Khê", "Trường", "Giang", "Xuyên", "Tâm", "Thịnh", "Vượng",
               "Mỹ", "Lạc", "Tân", "Yên", "Định", "Châu", "Quý", "Hiệp", "Nghĩa", "Đạo", "Trạch",
               "Tường", "Khánh", "Dương", "Cường", "Thủy", "Hoa", "Ninh", "Bình", "Long", "Phương"]
SUFFIXES = ["Thượng", "Hạ", "Đông", "Tây", "Nam", "Bắc", "Trung", "Nội", "Ngoại"]
MIDDLE_M = ["Văn", "Đức", "Minh", "Hữu", "Ngọc", "Quang", "Xuân", "Đình", "Công", "Trọng"]
MIDDLE_F = ["Thị", "Thị", "Thị", "Ngọc", "Thu", "Hồng"]
GIVEN_M = ["Thành", "Hùng", "Dũng", "Tuấn", "Hải", "Nam", "Long", "Sơn", "Bình", "Cường", "Quân",
           "Hòa", "Toàn", "Thắng", "Trung", "Phong", "Khánh", "Lâm", "Tiến", "Vinh"]
GIVEN_F = ["Lan", "Hương", "Hoa", "Mai", "Hằng", "Nga", "Thủy", "Hạnh", "Liên", "Phượng", "Yến", "Dung"]
FALLBACK_DISTRICTS = [
    ("Thanh Hóa", "Quảng Xương", "Huyện"), ("Thanh Hóa", "Hà Trung", "Huyện"), ("Thanh Hóa", "Bỉm Sơn", "Thị xã"),
    ("Nghệ An", "Yên Thành", "Huyện"), ("Nghệ An", "Thái Hòa", "Thị xã"), ("Nam Định", "Hải Hậu", "Huyện"),
    ("Thái Bình", "Kiến Xương", "Huyện"), ("Bắc Giang", "Lục Nam", "Huyện"), ("Hà Tĩnh", "Hồng Lĩnh", "Thị xã"),
    ("Quảng Ngãi", "Đức Phổ", "Thị xã"), ("Bình Định", "Phù Cát", "Huyện"), ("Long An", "Đức Hòa", "Huyện"),
]


def _lexicon_path(name: str) -> Path:
    return Path(str(files("lexicons").joinpath(name)))


def _provinces() -> list[str]:
    """Pre-reform provinces of lexicons/provinces.tsv (not the centrally governed cities)."""
    out = []
    for line in _lexicon_path("provinces.tsv").read_text(encoding="utf-8").splitlines()[1:]:
        if not line or line.startswith("#"):
            continue
        cols = line.split("\t")
        if len(cols) >= 3 and cols[1] == "0" and "pre2025" in cols[2]:
            out.append(cols[0])
    return sorted(out)


def _districts() -> list[tuple[str, str, str]]:
    """(province, district, kind) of real pre-reform districts: the data of vietnamadminunits,
    restricted to the provinces of lexicons/provinces.tsv; a short built-in list without it."""
    provinces = set(_provinces())
    try:
        db = data_dir() / "dataset.db"
        if not db.exists():
            raise FileNotFoundError(db)
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as con:
            rows = con.execute("SELECT DISTINCT provinceShort, districtShort, districtType FROM admin_units_legacy "
                               "WHERE districtType IN ('Huyện', 'Thị xã', 'Thành phố')").fetchall()
        rows = sorted({r for r in rows if r[0] in provinces and r[1]})
        if rows:
            return rows
    except (ImportError, sqlite3.Error, OSError, TypeError, ValueError):
        pass
    return FALLBACK_DISTRICTS


def _surnames() -> list[str]:
    lines = _lexicon_path("surnames.tsv").read_text(encoding="utf-8").splitlines()[1:]
    names = [ln.split("\t")[0] for ln in lines if ln and not ln.startswith("#")]
    return names[:14] or ["Nguyễn", "Trần", "Lê", "Phạm"]  # the common ones


def slug(text: str) -> str:
    s = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    s = "".join(c for c in s if unicodedata.category(c) != "Mn").lower()
    return re.sub(r"[^a-z0-9]+", "-", s).strip("-")


@dataclass
class Commune:
    name: str
    kind: str  # xã / phường / thị trấn
    district: str
    district_kind: str  # huyện / thị xã / thành phố
    province: str
    chairs: dict[int, str]  # term start year -> chair's name
    vices: dict[int, str]
    profile: dict[str, float]

    @property
    def slug(self) -> str:
        return slug(f"{self.kind} {self.name}")

    @property
    def full(self) -> str:
        return f"{self.kind} {self.name}"

    @property
    def villages(self) -> str:
        return {"xã": "thôn", "phường": "tổ dân phố", "thị trấn": "khu phố"}[self.kind]

    def term(self, year: int) -> int:
        return 2016 if year < 2021 else 2021


def _person(rng: random.Random, surnames: list[str]) -> str:
    if rng.random() < 0.8:
        return f"{rng.choice(surnames)} {rng.choice(MIDDLE_M)} {rng.choice(GIVEN_M)}"
    return f"{rng.choice(surnames)} {rng.choice(MIDDLE_F)} {rng.choice(GIVEN_F)}"


def make_communes(rng: random.Random, n: int) -> list[Commune]:
    districts = _districts()
    surnames = _surnames()
    by_kind = {"xã": [d for d in districts if d[2] == "Huyện"],
               "phường": [d for d in districts if d[2] in ("Thị xã", "Thành phố")]}
    by_kind["thị trấn"] = by_kind["xã"]
    used: set[str] = set()
    out: list[Commune] = []
    for _ in range(n):
        kind = rng.choices(["xã", "phường", "thị trấn"], weights=[70, 15, 15])[0]
        for attempt in range(400):
            a, b = rng.choice(SYLLABLES_A), rng.choice(SYLLABLES_B)
            name = f"{a} {b}" if attempt < 200 else f"{a} {b} {rng.choice(SUFFIXES)}"  # "Tân Phong Hạ"
            if a != b and name not in used:
                break
        else:
            raise ValueError(f"cannot invent more than {len(used)} distinct commune names")
        used.add(name)
        pool = by_kind[kind] or districts
        province, district, dkind = rng.choice(pool)
        town = kind == "phường"
        households = rng.randint(1500, 4500) if not town else rng.randint(2500, 6500)
        profile = {
            "households": households,
            "production_value": rng.uniform(300, 1200) * (2.2 if town else 1.0),  # tỷ đồng, first year
            "growth": rng.uniform(0.06, 0.11),
            "agri_share": rng.uniform(0.12, 0.35) * (0.3 if town else 1.0),
            "ind_share": rng.uniform(0.30, 0.50),
            "budget": rng.uniform(5, 25),  # tỷ đồng
            "sown_area": rng.uniform(600, 2200) * (0.12 if town else 1.0),
            "yield": rng.uniform(55, 66),
            "pigs": rng.uniform(1500, 8000) * (0.3 if town else 1.0),
            "cattle": rng.uniform(200, 1200) * (0.3 if town else 1.0),
            "poultry": rng.uniform(20000, 120000) * (0.3 if town else 1.0),
            "poverty": rng.uniform(2.5, 8.0),
            "insurance": rng.uniform(84, 92),
            "cultural": rng.uniform(82, 91),
            "jobs": rng.uniform(120, 420),
            "enterprises": rng.uniform(1, 10),
            "malnutrition": rng.uniform(7, 12),
            "water": rng.uniform(92, 99),
        }
        out.append(Commune(name, kind, district, dkind.lower(), province,
                           {2016: _person(rng, surnames), 2021: _person(rng, surnames)},
                           {2016: _person(rng, surnames), 2021: _person(rng, surnames)}, profile))
    return out
