"""A synthetic archive of commune reports and plans with exact truth, for benchmarks and tests.

`synthesize(out, communes, years, seed)` invents communes (real province and district names,
invented commune names of common syllables; xã, phường or thị trấn) and writes for each commune
and year a year-end report ("BÁO CÁO tổng kết ... năm YYYY"), a plan for the next year
("KẾ HOẠCH ... năm YYYY+1") and sometimes a half-year report ("sơ kết 6 tháng đầu năm"), in
.txt, .docx and .pdf in turn. Every figure and award count a template writes is recorded as
truth, with the columns of the shared gold (`../shared/corpus/dev/gold/*.tsv`):

    out/docs/<province>/<district>/<commune>/<commune>-<year>-<kind>.<ext>
    out/truth_indicators.parquet   file, indicator, measure, value, unit, denominator,
                                   comparator, is_estimate, quote
    out/truth_awards.parquet       file, award, recipient, count, grantor_level, status, quote
    out/synth.json                 the parameters and counts of the run

`file` is the path under `out/docs/`; stems are unique, so rows match the pipeline's
`source_path` by stem (`score()`). Values are in canonical units (VND, ha, tonne,
quintal_per_ha, percent, count).

Only sentence shapes whose figures map to codes of lexicons/indicators.tsv are written, and
the narrative around them (pipeline/synth/narrative.py) holds no figure; non-figures (dates,
document numbers, anniversaries, "giai đoạn 2021-2025", "19/19 tiêu chí") are written on purpose.
The writing varies as archives do: both number styles ("1.234,5", and "55.76%" with two
decimals only), glued units ("652ha", "101,5%KH"), estimates, comparators and ranges, counts in
words in award sentences, old tone placement ("hoá", "thuỷ"), Markdown or plain .txt in UTF-8,
UTF-8 with BOM, UTF-16 or Windows-1258, and now and then a decomposed (NFD) .docx.

Deterministic for a seed: one `random.Random(seed)`, fixed .docx core properties and zip times,
reportlab's invariant mode. Fast: .docx is written as WordprocessingML on a package made once
with python-docx, .pdf is laid out directly on a reportlab canvas (justified lines, page
numbers, borderless two-column header and signature block, one ruled indicator table).
"""
from __future__ import annotations

import io
import json
import math
import random
import re
import shutil
import sqlite3
import time
import unicodedata
import zipfile
from collections import Counter
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from importlib.resources import files
from pathlib import Path
from xml.sax.saxutils import escape

from ..gazetteer import data_dir
from .narrative import OPENERS, TOPICS

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
FONT_FILES = {"R": "DejaVuSerif.ttf", "B": "DejaVuSerif-Bold.ttf", "I": "DejaVuSerif-Italic.ttf",
              "BI": "DejaVuSerif-BoldItalic.ttf"}
ZIP_TIME = (2024, 1, 1, 0, 0, 0)
FIXED_ISO = "2024-01-01T00:00:00Z"
FORMATS = ("txt", "docx", "pdf")
NUMBER_WORDS = {1: "một", 2: "hai", 3: "ba", 4: "bốn", 6: "sáu", 7: "bảy", 8: "tám", 9: "chín", 10: "mười"}

INDICATOR_COLUMNS = ["file", "indicator", "measure", "value", "unit", "denominator", "comparator",
                     "is_estimate", "quote"]
AWARD_COLUMNS = ["file", "award", "recipient", "count", "grantor_level", "status", "quote"]


# --------------------------------------------------------------------------------------------
# truth rows
# --------------------------------------------------------------------------------------------

@dataclass(slots=True)
class TruthFigure:
    indicator: str
    measure: str
    value: float
    unit: str
    denominator: float | None = None
    comparator: str = "eq"
    is_estimate: bool = False
    pos: int = -1  # offset of the number in its block's text (for the quote)
    quote: str = ""


@dataclass(slots=True)
class TruthAward:
    award: str
    recipient: str
    count: int
    grantor_level: str | None
    status: str
    pos: int = -1
    quote: str = ""


@dataclass
class SynthSummary:
    out: Path
    documents: Counter = field(default_factory=Counter)  # format -> documents written
    kinds: Counter = field(default_factory=Counter)  # report / plan / half_year -> documents
    figures: int = 0
    awards: int = 0
    pages: int = 0  # PDF pages written
    seconds: float = 0.0
    skipped: str | None = None  # why a format was left out (e.g. no DejaVu font for PDFs)

    @property
    def total(self) -> int:
        return sum(self.documents.values())


# --------------------------------------------------------------------------------------------
# numbers as Vietnamese reports write them
# --------------------------------------------------------------------------------------------

def vn(x: Decimal | int | float, places: int = 0) -> str:
    """1234.5 -> "1.234,5": dots group thousands, a comma marks decimals."""
    q = Decimal(str(x)).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    s = f"{q:,.{places}f}"
    return s.replace(",", "\0").replace(".", ",").replace("\0", ".")


def en2(x: Decimal) -> str:
    """English decimals, only ever with two places ("55.76"): one dot and two digits is a decimal point."""
    return f"{Decimal(str(x)).quantize(Decimal('0.01'), rounding=ROUND_HALF_UP):.2f}"


def dec(rng: random.Random, lo: float, hi: float, places: int) -> Decimal:
    unit = 10 ** places
    return Decimal(rng.randint(int(round(lo * unit)), int(round(hi * unit)))) / unit


def q(x: float, places: int) -> Decimal:
    return Decimal(str(x)).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


# --------------------------------------------------------------------------------------------
# places and people
# --------------------------------------------------------------------------------------------

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


# --------------------------------------------------------------------------------------------
# the document model (the markup of scripts/build_samples.py, as objects)
# --------------------------------------------------------------------------------------------

@dataclass(slots=True)
class Block:
    kind: str  # h1 h2 h3 h4 para bullet center table
    text: str = ""
    rows: list[list[str]] = field(default_factory=list)
    figures: list[TruthFigure] = field(default_factory=list)
    awards: list[TruthAward] = field(default_factory=list)


@dataclass
class Doc:
    stem: str
    kind: str  # report / plan / half_year
    header_left: list[str]
    header_right: list[str]
    doc_kind: str  # BÁO CÁO / KẾ HOẠCH
    title: list[str]
    to: list[str]
    blocks: list[Block]
    close_left: list[str]
    close_right: list[str]
    title_meta: str = ""
    author: str = ""
    page_label: str = "Trang {n}"
    running_header: str | None = None
    txt_markdown: bool = True
    txt_crlf: bool = False
    txt_encoding: str = "utf-8"  # utf-8, utf-8-sig, utf-16, cp1258
    docx_nfd: bool = False  # decomposed Unicode in the .docx, as some editors save it

    def figures(self) -> list[TruthFigure]:
        return [f for b in self.blocks for f in b.figures]

    def awards(self) -> list[TruthAward]:
        return [a for b in self.blocks for a in b.awards]


INLINE = re.compile(r"(\*\*[^*]+\*\*|\*[^*\s][^*]*\*)")


def spans(text: str):
    """Split inline marks: yields (text, bold, italic). Shared with scripts/build_samples.py."""
    for part in INLINE.split(text):
        if not part:
            continue
        if part.startswith("**") and part.endswith("**") and len(part) > 4:
            yield part[2:-2], True, False
        elif part.startswith("*") and part.endswith("*") and len(part) > 2:
            yield part[1:-1], False, True
        else:
            yield part, False, False


def plain(text: str) -> str:
    return "".join(t for t, _, _ in spans(text))


# --------------------------------------------------------------------------------------------
# old tone placement ("hoá", "thuỷ"): same length, so offsets and quotes stay valid
# --------------------------------------------------------------------------------------------

_OLD_TONE = {}
for _new, _old in (("óa", "oá"), ("òa", "oà"), ("ỏa", "oả"), ("õa", "oã"), ("ọa", "oạ"),
                   ("óe", "oé"), ("òe", "oè"), ("ỏe", "oẻ"), ("õe", "oẽ"), ("ọe", "oẹ"),
                   ("úy", "uý"), ("ùy", "uỳ"), ("ủy", "uỷ"), ("ũy", "uỹ"), ("ụy", "uỵ")):
    _OLD_TONE[_new] = _old
    _OLD_TONE[_new.upper()] = _old.upper()
    _OLD_TONE[_new[0].upper() + _new[1]] = _old[0].upper() + _old[1]
_OLD_TONE_RE = re.compile(r"(?<![qQ])(" + "|".join(map(re.escape, _OLD_TONE)) + r")(?![^\W\d_])")


def old_tone(text: str) -> str:
    return _OLD_TONE_RE.sub(lambda m: _OLD_TONE[m.group(1)], text)


# --------------------------------------------------------------------------------------------
# writing a paragraph with its figures
# --------------------------------------------------------------------------------------------

class Writer:
    """Builds one block's text, recording each figure and award at the offset of its number."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.length = 0
        self.figures: list[TruthFigure] = []
        self.awards: list[TruthAward] = []

    def t(self, s: str) -> "Writer":
        self.parts.append(s)
        self.length += len(s)
        return self

    def f(self, number: str, suffix: str, indicator: str, measure: str, value: float, unit: str, *,
          den: float | None = None, cmp: str = "eq", est: bool = False) -> "Writer":
        """The number as written, then its unit (or "%", "%KH" ...)."""
        self.figures.append(TruthFigure(indicator, measure, float(value), unit, den, cmp,
                                        est and measure == "value", self.length))
        return self.t(number + suffix)

    def a(self, count_text: str, award: str, recipient: str, count: int, level: str | None,
          status: str) -> "Writer":
        self.awards.append(TruthAward(award, recipient, count, level, status, self.length))
        return self.t(count_text)

    def extend(self, other: "Writer") -> "Writer":
        for fig in other.figures:
            fig.pos += self.length
            self.figures.append(fig)
        for aw in other.awards:
            aw.pos += self.length
            self.awards.append(aw)
        return self.t("".join(other.parts))

    @property
    def text(self) -> str:
        return "".join(self.parts)

    def block(self, kind: str = "para") -> Block:
        return Block(kind, self.text, figures=self.figures, awards=self.awards)


_CLAUSE_END = re.compile(r"[;:]|\.(?=\s)|\.$")


def _quote(text: str, pos: int) -> str:
    """The clause around offset `pos`: from the previous ";", ":" or sentence end to the next."""
    start = 0
    for m in _CLAUSE_END.finditer(text, 0, pos):
        start = m.end()
    m = _CLAUSE_END.search(text, pos)
    end = m.start() if m else len(text)
    quote = text[start:end].strip(" ,-")
    if len(quote) > 160:  # keep the words around the number
        rel = pos - start - (len(text[start:end]) - len(text[start:end].lstrip(" ,-")))
        quote = quote[max(0, rel - 90):rel + 60].strip()
    return plain(quote)


# --------------------------------------------------------------------------------------------
# the context of one document
# --------------------------------------------------------------------------------------------

@dataclass
class Ctx:
    rng: random.Random
    c: Commune
    year: int  # the year the figures are of (a plan: the year it plans for)
    kind: str  # report / plan / half_year
    t: int  # years since the first year of the archive
    used: dict[str, list[str]] = field(default_factory=dict)
    memo: dict[str, Decimal] = field(default_factory=dict)  # figures a later section repeats
    p_en: float = 0.1  # share of percentages written with English decimals (2 places only)
    p_glued: float = 0.3  # share of glued units ("652ha", "101,5%KH")

    # -- values of the commune in this year --------------------------------------------
    def grow(self, key: str, rate: float | None = None, noise: float = 0.04) -> float:
        base = self.c.profile[key]
        r = self.c.profile["growth"] if rate is None else rate
        return base * (1 + r) ** self.t * (1 + self.rng.uniform(-noise, noise))

    # -- words ---------------------------------------------------------------------------
    @property
    def dv(self) -> str:
        return self.c.kind

    @property
    def ubnd(self) -> str:
        return f"UBND {self.c.kind}"

    def fill(self, s: str) -> str:
        c = self.c
        party = {"huyện": "Huyện ủy", "thị xã": "Thị ủy", "thành phố": "Thành ủy"}[c.district_kind]
        return s.format(dv=c.kind, Dv=c.kind[0].upper() + c.kind[1:], dvten=c.full, ubnd=self.ubnd,
                        thon=c.villages, huyen=f"{c.district_kind} {c.district}", tinh=f"tỉnh {c.province}",
                        huyen_uy=party)

    def sentences(self, topic: str, n: int) -> list[str]:
        """n narrative sentences of a topic, not repeating within a document while the pool lasts."""
        pool = self.used.setdefault(topic, [])
        if len(pool) < n:
            fresh = list(TOPICS[topic])
            self.rng.shuffle(fresh)
            pool[:0] = fresh
        out = []
        last = None
        for _ in range(n):
            s = self.fill(pool.pop())
            opener = self.rng.choice(OPENERS) if topic not in ("tasks", "purpose", "organize") else ""
            if opener == last:
                opener = ""
            last = opener or last
            if opener:  # proper names and acronyms keep their capital
                proper = s.startswith(("UBND", "HĐND", "Hội ", "Hội đồng", "Ủy ban", "Ngân hàng", "Ban ", "Trạm", "Văn phòng",
                                       "Luật", "Nhà nước", "Đảng", "Kho bạc", "Mặt trận", "Công an", "Chương trình",
                                       "Quỹ", "Chiến dịch", "Huyện ủy", "Thị ủy", "Thành ủy", "Công chức", "Trưởng"))
                s = opener + (s if proper else s[0].lower() + s[1:])
            out.append(s)
        return out

    def narrative(self, topic: str, lo: int = 2, hi: int = 4) -> Block:
        return Block("para", " ".join(self.sentences(topic, self.rng.randint(lo, hi))))

    def paras(self, topic: str, lo: int, hi: int) -> list[Block]:
        return [self.narrative(topic, 2, 4) for _ in range(self.rng.randint(lo, hi))]

    # -- number styles ---------------------------------------------------------------------
    def pct(self, x: Decimal, places: int = 1) -> str:
        if places == 2 and self.rng.random() < self.p_en * 2:
            return en2(x)
        return vn(x, places)

    def pct_places(self) -> int:
        return self.rng.choice([1, 1, 1, 2])

    def count(self, n: int) -> str:
        return f"{n:02d}" if n < 10 and self.rng.random() < 0.6 else vn(n)

    def award_count(self, n: int) -> str:
        """A count of an award sentence: sometimes in words ("hai tập thể"); never "năm" (five),
        which reads as "year"."""
        if n in NUMBER_WORDS and self.rng.random() < 0.15:
            return NUMBER_WORDS[n]
        return self.count(n)

    def glued(self) -> bool:
        return self.rng.random() < self.p_glued

    def money(self, vnd: float, style: str | None = None) -> tuple[str, float]:
        """An amount of money as written, and the value it says (VND)."""
        rng = self.rng
        style = style or rng.choice(["ty", "ty", "ty", "trieu", "dong", "compound"])
        if vnd < 1e9 and style in ("ty", "compound"):
            style = "trieu"
        if style == "ty":
            places = rng.choice([1, 2, 2, 3])
            x = q(vnd / 1e9, places)
            return f"{vn(x, places)} tỷ đồng", float(x * 10 ** 9)
        if style == "trieu":
            x = q(vnd / 1e6, 0 if vnd >= 1e8 else 1)
            return f"{vn(x, 0 if vnd >= 1e8 else 1)} triệu đồng", float(x * 10 ** 6)
        if style == "dong":
            x = int(round(vnd / 1e6)) * 1_000_000
            unit = rng.choice(["đ", " đồng", " đồng"])
            return f"{vn(x)}{unit}", float(x)
        # compound: "11 tỷ 870 triệu đồng"
        total_m = int(round(vnd / 1e6))
        ty, trieu = divmod(total_m, 1000)
        if trieu == 0:
            trieu = 5
        return f"{ty} tỷ {trieu} triệu đồng", ty * 1e9 + trieu * 1e6


# --------------------------------------------------------------------------------------------
# figure templates: each writes sentences whose every number is recorded
# --------------------------------------------------------------------------------------------

def _pct_after(w: Writer, ctx: Ctx, indicator: str, kind: str, x: Decimal, places: int = 1,
               reference: str | None = None) -> None:
    """", đạt 101,5% KH" / ", bằng 107,2% so với cùng kỳ" / ", tăng 8,2% so với cùng kỳ"."""
    x = q(float(x), places)
    num = ctx.pct(x, places)
    rng = ctx.rng
    if kind == "pct_of_plan":
        verb = rng.choice(["đạt", "đạt", "bằng"])
        ref = reference or rng.choice(["KH", "kế hoạch", "KH năm", "kế hoạch năm", "KH huyện giao",
                                       "chỉ tiêu Nghị quyết HĐND " + ctx.dv])
        if ref.startswith("KH") and ctx.glued():
            w.t(f", {verb} ").f(num, f"%{ref}", indicator, "pct_of_plan", x, "percent")
        else:
            w.t(f", {verb} ").f(num, f"% {ref}", indicator, "pct_of_plan", x, "percent")
    elif kind == "pct_of_prior":
        ref = rng.choice(["so với cùng kỳ", "so với cùng kỳ năm trước", "so cùng kỳ", "so CK"])
        space = " " if rng.random() < 0.1 else ""  # "bằng 112,04 % so với CK"
        w.t(", bằng ").f(num, f"{space}% {ref}", indicator, "pct_of_prior", x, "percent")
    elif kind == "change_pct":
        sign = 1 if x >= 0 else -1
        verb = "tăng" if sign > 0 else "giảm"
        ref = rng.choice(["so với cùng kỳ", "so với năm trước", "so với cùng kỳ năm trước"])
        w.t(f", {verb} ").f(ctx.pct(abs(x), places), f"% {ref}", indicator, "change_pct", sign * abs(x), "percent")


def t_production(ctx: Ctx, h1: bool = False) -> list[Block]:
    """Production value of the whole area and of its three sectors; the economic structure."""
    rng = ctx.rng
    total = ctx.grow("production_value") * (rng.uniform(0.45, 0.55) if h1 else 1.0)
    agri = total * ctx.c.profile["agri_share"] * rng.uniform(0.9, 1.1)
    ind = total * ctx.c.profile["ind_share"] * rng.uniform(0.9, 1.1)
    serv = total - agri - ind
    parts = [q(agri, 2), q(ind, 2), q(serv, 2)]
    total_d = sum(parts)
    ic = rng.choice(["industry_construction", "industry_construction", "split"])
    w = Writer()
    est = rng.random() < 0.7
    verb = "ước đạt" if est else "đạt"
    g = dec(rng, 5.5, 12.5, ctx.pct_places())
    if h1:
        w.t(rng.choice(["Trong 6 tháng đầu năm, giá trị sản xuất trên địa bàn ", "Tổng giá trị sản xuất 6 tháng đầu năm "]) + f"{verb} ")
        w.f(vn(total_d, 2), " tỷ đồng", "production_value", "value", float(total_d * 10 ** 9), "VND", est=est)
        _pct_after(w, ctx, "production_value", "pct_of_plan", dec(rng, 45, 58, 1), reference=rng.choice(["kế hoạch năm", "KH năm"]))
        _pct_after(w, ctx, "production_value", "change_pct", g, -g.as_tuple().exponent)
        w.t(".")
    else:
        shape = rng.randint(0, 2)
        if shape == 0:
            w.t(f"Tổng giá trị sản xuất trên địa bàn (giá hiện hành) {verb} ")
            w.f(vn(total_d, 2), " tỷ đồng", "production_value", "value", float(total_d * 10 ** 9), "VND", est=est)
            _pct_after(w, ctx, "production_value", "pct_of_plan", dec(rng, 98, 106, 1))
            _pct_after(w, ctx, "production_value", "pct_of_prior", Decimal(100) + g, g.as_tuple().exponent * -1)
            w.t("; tốc độ tăng trưởng giá trị sản xuất (giá so sánh) đạt ")
            w.f(ctx.pct(g2 := dec(rng, 6.0, 11.0, 1), 1), "%", "production_value", "change_pct", g2, "percent")
            w.t(".")
        elif shape == 1:
            w.t(f"Giá trị sản xuất trên địa bàn {ctx.dv} năm {ctx.year} {verb} ")
            w.f(vn(total_d, 2), " tỷ đồng", "production_value", "value", float(total_d * 10 ** 9), "VND", est=est)
            _pct_after(w, ctx, "production_value", "change_pct", g, -g.as_tuple().exponent)
            _pct_after(w, ctx, "production_value", "pct_of_plan", dec(rng, 98, 106, 1))
            w.t(".")
        else:
            w.t(f"Tổng giá trị sản xuất {verb} ")
            x, v = ctx.money(float(total_d * 10 ** 9), "ty")
            unit = " " + x.split(" ", 1)[1] if rng.random() < 0.7 else " tỷ"  # "9.427 tỷ": a scale alone is money
            w.f(x.split(" ")[0], unit, "production_value", "value", v, "VND", est=est)
            _pct_after(w, ctx, "production_value", "pct_of_plan", dec(rng, 98, 106, 2), 2)
            w.t(".")
    blocks = [w.block()]
    if not h1 and rng.random() < 0.3:
        # growth of the head, then of each sector named alone: "trong đó: ... dịch vụ tăng 15,7%"
        w = Writer()
        w.t("Giá trị sản xuất (giá so sánh) tăng ")
        w.f(vn(g3 := dec(rng, 6.0, 12.0, 1), 1), "% so với cùng kỳ", "production_value", "change_pct", g3, "percent")
        w.t("; trong đó: nông, lâm nghiệp và thủy sản tăng ")
        w.f(vn(ga := dec(rng, 1.5, 5.0, 1), 1), "%", "production_value_agriculture", "change_pct", ga, "percent")
        w.t(", công nghiệp - xây dựng tăng ")
        w.f(vn(gi := dec(rng, 8.0, 16.0, 1), 1), "%", "production_value_industry_construction", "change_pct", gi,
            "percent")
        w.t(", dịch vụ tăng ")
        w.f(vn(gs := dec(rng, 6.0, 15.0, 1), 1), "%", "production_value_services", "change_pct", gs, "percent")
        w.t(".")
        blocks.append(w.block())
    # the sectors, one sentence each
    w = Writer()
    names = {"agriculture": rng.choice(["ngành nông, lâm nghiệp và thủy sản", "nông, lâm, thủy sản",
                                        "ngành nông nghiệp"]),
             "industry_construction": rng.choice(["công nghiệp - xây dựng",
                                                  "ngành công nghiệp - tiểu thủ công nghiệp và xây dựng"]),
             "services": rng.choice(["thương mại - dịch vụ", "ngành dịch vụ", "ngành thương mại, dịch vụ"])}
    sectors = [("agriculture", parts[0]), ("industry_construction", parts[1]), ("services", parts[2])]
    for i, (sector, value) in enumerate(sectors):
        code = f"production_value_{sector}"
        est_s = rng.random() < 0.6
        head = "Giá trị sản xuất " if i == 0 or rng.random() < 0.7 else "Giá trị "
        w.t(("" if i == 0 else " ") + head + names[sector] + (" ước đạt " if est_s else " đạt "))
        w.f(vn(value, 2), " tỷ đồng", code, "value", float(value * 10 ** 9), "VND", est=est_s)
        ctx.memo[code] = value
        kind = rng.choice(["change_pct", "pct_of_plan"])
        _pct_after(w, ctx, code, kind, dec(rng, 2.0, 16.0, 1) if kind == "change_pct" else dec(rng, 95, 108, 1))
        w.t(".")
    blocks.append(w.block())
    if not h1 and rng.random() < 0.7:
        a = dec(rng, 8, 30, 1) if ctx.c.kind == "xã" else dec(rng, 2, 8, 1)
        b = dec(rng, 30, 50, 1)
        cshare = Decimal(100) - a - b
        w = Writer()
        w.t("Cơ cấu kinh tế tiếp tục chuyển dịch theo hướng tích cực: nông, lâm nghiệp và thủy sản chiếm ")
        w.f(vn(a, 1), "%", "economy_share_agriculture", "value", a, "percent")
        w.t("; công nghiệp - xây dựng chiếm ")
        w.f(vn(b, 1), "%", "economy_share_industry_construction", "value", b, "percent")
        w.t("; thương mại - dịch vụ chiếm ")
        w.f(vn(cshare, 1), "%", "economy_share_services", "value", cshare, "percent")
        w.t(".")
        blocks.append(w.block())
    return blocks


def t_crops(ctx: Ctx, h1: bool = False) -> list[Block]:
    rng = ctx.rng
    area = ctx.grow("sown_area", 0.0, 0.03) * (0.5 if h1 else 1.0)
    area_d = q(area, 1)
    yld = q(ctx.grow("yield", 0.005, 0.04), 1)
    grain = q(float(area_d) * float(yld) / 10 * rng.uniform(0.85, 0.95), 0)
    w = Writer()
    season = "Vụ đông xuân" if h1 else rng.choice(["Cả năm", "Trong năm"])
    if h1:
        w.t(f"*a) Trồng trọt:* {season} toàn {ctx.dv} gieo trồng được ")
    else:
        w.t(f"*a) Trồng trọt:* Tổng diện tích gieo trồng {rng.choice(['cả năm', 'trong năm'])} đạt ")
    sep = "" if ctx.glued() else " "
    w.f(vn(area_d, 1), f"{sep}ha", "sown_area", "value", area_d, "ha")
    _pct_after(w, ctx, "sown_area", rng.choice(["pct_of_plan", "pct_of_prior"]), dec(rng, 96, 104, 1))
    w.t(". ")
    rice = q(float(area_d) * rng.uniform(0.35, 0.5), 0)
    w.t(rng.choice(["Vụ chiêm xuân gieo cấy ", "Diện tích lúa vụ chiêm xuân gieo cấy "]))
    w.f(vn(rice), f"{'' if ctx.glued() else ' '}ha", "crop_area", "value", rice, "ha")
    w.t(" lúa, năng suất " + ("ước " if h1 else "") + "đạt ")
    if rng.random() < 0.15:
        w.f(vn(yld / 10, 2), " tấn/ha", "crop_yield", "value", yld, "quintal_per_ha", est=h1)
    else:
        w.f(vn(yld, 1), " tạ/ha", "crop_yield", "value", yld, "quintal_per_ha", est=h1)
    if not h1 and rng.random() < 0.6:
        d = dec(rng, 0.3, 2.5, 1)
        w.t(", tăng ").f(vn(d, 1), " tạ/ha so với năm trước", "crop_yield", "change", d, "quintal_per_ha")
    w.t(". ")
    w.t("Sản lượng lương thực có hạt " + ("vụ đông xuân " if h1 else "") + ("ước đạt " if h1 else "đạt "))
    if grain >= 10000 and rng.random() < 0.5:
        x = q(float(grain) / 1000, 1)
        w.f(vn(x, 1), " nghìn tấn", "grain_output", "value", float(x * 1000), "tonne", est=h1)
    else:
        w.f(vn(grain), " tấn", "grain_output", "value", grain, "tonne", est=h1)
    if not h1:
        _pct_after(w, ctx, "grain_output", "pct_of_plan", dec(rng, 97, 105, 1))
    w.t(".")
    out = [w.block()]
    if "production_value_agriculture" in ctx.memo and rng.random() < 0.35:
        # "Giá trị sản xuất ngành ..." under "1.1. Sản xuất nông nghiệp": the heading names the sector
        value = ctx.memo["production_value_agriculture"]
        w = Writer()
        w.t("Giá trị sản xuất ngành ước đạt ").f(vn(value, 2), " tỷ đồng", "production_value_agriculture", "value",
                                                  float(value * 10 ** 9), "VND", est=True)
        w.t(", chiếm tỷ trọng nhỏ trong cơ cấu kinh tế." if ctx.c.kind == "phường" else ".")
        out.insert(0, w.block())
    out.append(Block("para", " ".join(ctx.sentences("agriculture", rng.randint(1, 3)))))
    # livestock
    w = Writer()
    pigs, cattle, poultry = (int(round(ctx.grow(k, 0.01, 0.08), -1)) for k in ("pigs", "cattle", "poultry"))
    poultry = int(round(poultry, -2))
    w.t(f"*b) Chăn nuôi:* Thời điểm {'tháng 4' if h1 else 'tháng 10'}/{ctx.year}, tổng đàn lợn ")
    w.f(vn(pigs), " con", "livestock_head", "value", pigs, "count")
    if rng.random() < 0.5:
        w.t(", bằng ").f(vn(p := dec(rng, 92, 108, 1), 1), "% so với cùng kỳ", "livestock_head", "pct_of_prior", p, "percent")
    w.t("; đàn trâu, bò ").f(vn(cattle), " con", "livestock_head", "value", cattle, "count")
    if rng.random() < 0.3:
        w.t("; đàn gia cầm khoảng ").f(vn(poultry), " con", "livestock_head", "value", poultry, "count", cmp="approx")
    else:
        w.t("; đàn gia cầm ").f(vn(poultry), " con", "livestock_head", "value", poultry, "count")
    if rng.random() < 0.5:
        g = dec(rng, 1.0, 9.0, 1)
        w.t(", tăng ").f(vn(g, 1), "% so với cùng kỳ", "livestock_head", "change_pct", g, "percent")
    w.t(". ")
    w.t(ctx.sentences("agriculture", 1)[0])
    out.append(w.block())
    return out


def t_enterprise(ctx: Ctx) -> list[Block]:
    rng = ctx.rng
    n = max(1, int(round(ctx.grow("enterprises", 0.05, 0.3))))
    w = Writer()
    shape = rng.randint(0, 2)
    if shape == 0:
        w.t(f"Trong năm, trên địa bàn {ctx.dv} có ")
        w.f(ctx.count(n), " doanh nghiệp mới thành lập", "new_enterprises", "value", n, "count")
        w.t(", chủ yếu hoạt động trong lĩnh vực xây dựng, vận tải và thương mại.")
    elif shape == 1:
        w.t("Số doanh nghiệp thành lập mới trong năm là ")
        w.f(ctx.count(n), " doanh nghiệp", "new_enterprises", "value", n, "count")
        if rng.random() < 0.5:  # "(KH: 04 DN)": a target label
            k = max(1, n + rng.randint(-2, 1))
            w.t(" (KH: ").f(ctx.count(k), " DN)", "new_enterprises", "target", k, "count")
        else:
            _pct_after(w, ctx, "new_enterprises", "pct_of_plan", dec(rng, 80, 150, 0), 0)
        w.t(".")
    else:
        w.t("Công tác hỗ trợ khởi nghiệp được quan tâm, có ")
        w.f(ctx.count(n), " doanh nghiệp mới đăng ký thành lập", "new_enterprises", "value", n, "count")
        w.t(" trên địa bàn.")
    blocks = [w.block()]
    if rng.random() < 0.6:
        hh = int(ctx.c.profile["households"] * rng.uniform(0.06, 0.14))
        retail = ctx.grow("production_value") * 0.25 * 1e9 * rng.uniform(0.8, 1.2)
        w = Writer()
        w.t(f"Toàn {ctx.dv} hiện có ").f(vn(hh), " hộ kinh doanh", "trade_service_households", "value", hh, "count")
        w.t(" thương mại, dịch vụ")
        if rng.random() < 0.5:
            d = rng.randint(3, 30)
            w.t(", tăng ").f(str(d), " hộ so với năm trước", "trade_service_households", "change", d, "count")
        w.t(". Tổng mức bán lẻ hàng hóa và doanh thu dịch vụ ước đạt ")
        x, v = ctx.money(retail, "ty")
        w.f(x.split(" ")[0], " " + x.split(" ", 1)[1], "retail_sales", "value", v, "VND", est=True)
        _pct_after(w, ctx, "retail_sales", "change_pct", dec(rng, 4, 15, 1))
        w.t(".")
        blocks.append(w.block())
    return blocks


def t_budget(ctx: Ctx, h1: bool = False) -> list[Block]:
    rng = ctx.rng
    rev = ctx.grow("budget", 0.06, 0.08) * 1e9 * (rng.uniform(0.45, 0.6) if h1 else 1.0)
    w = Writer()
    est = not h1 and rng.random() < 0.7
    if h1:
        w.t("Tổng thu ngân sách 6 tháng đầu năm đạt ")
    else:
        w.t(f"Tổng thu ngân sách {ctx.dv} năm {ctx.year} {'ước đạt' if est else 'đạt'} ")
    x, v = ctx.money(rev)
    num, unit = _split_money(x)
    w.f(num, unit, "budget_revenue", "value", v, "VND", est=est)
    ref = rng.choice(["dự toán huyện giao", "dự toán năm", "dự toán HĐND " + ctx.dv + " giao"])
    if h1:
        w.t(", bằng ").f(ctx.pct(p := dec(rng, 45, 62, 1), 1), f"% {ref}", "budget_revenue", "pct_of_plan", p, "percent")
    else:
        w.t(", đạt ").f(ctx.pct(p := dec(rng, 100, 130, 1), 1), f"% {ref}", "budget_revenue", "pct_of_plan", p, "percent")
    if rng.random() < 0.6:
        _pct_after(w, ctx, "budget_revenue", "change_pct", dec(rng, 3, 15, 1))
    w.t(". ")
    exp = v * rng.uniform(0.85, 0.98)
    est2 = rng.random() < 0.6
    w.t("Tổng chi ngân sách " + ("ước thực hiện " if est2 else "thực hiện "))
    x, v2 = ctx.money(exp)
    num, unit = _split_money(x)
    w.f(num, unit, "budget_expenditure", "value", v2, "VND", est=est2)
    w.t(", bằng ").f(ctx.pct(p := dec(rng, 85, 99, 1), 1), "% dự toán", "budget_expenditure", "pct_of_plan", p, "percent")
    w.t(". " + ctx.sentences("finance", 1)[0])
    return [w.block()]


def _split_money(x: str) -> tuple[str, str]:
    """"12,45 tỷ đồng" -> ("12,45", " tỷ đồng"); "12.450.000.000đ" -> ("12.450.000.000", "đ");
    "11 tỷ 870 triệu đồng" -> ("11", " tỷ 870 triệu đồng")."""
    m = re.match(r"^([\d.,]+)(.*)$", x)
    return m.group(1), m.group(2)


def t_income(ctx: Ctx) -> list[Block]:
    rng = ctx.rng
    inc = q(ctx.grow("production_value", 0.07, 0.03) / ctx.c.profile["production_value"] * rng.uniform(42, 60), 1)
    w = Writer()
    w.t("Thu nhập bình quân đầu người ước đạt ").f(vn(inc, 1), " triệu đồng/người/năm", "income_per_capita", "value",
                                                   float(inc * 10 ** 6), "VND", est=True)
    w.t(".")
    return [w.block()]


def t_society(ctx: Ctx, h1: bool = False) -> list[Block]:
    rng = ctx.rng
    out: list[Block] = []
    # cultural families
    if not h1:
        w = Writer()
        cf = q(min(97.0, ctx.grow("cultural", 0.005, 0.01)), ctx.pct_places())
        if rng.random() < 0.5:
            w.t(f"Kết quả bình xét năm {ctx.year}, tỷ lệ gia đình văn hóa đạt ")
            w.f(ctx.pct(cf, 2 if cf.as_tuple().exponent == -2 else 1), "%", "cultural_family_rate", "value", cf, "percent")
        else:
            w.t(f"Kết quả bình xét năm {ctx.year} có ")
            w.f(ctx.pct(cf, 2 if cf.as_tuple().exponent == -2 else 1), "% số hộ đạt danh hiệu gia đình văn hóa",
                "cultural_family_rate", "value", cf, "percent")
        if rng.random() < 0.6:
            total = rng.randint(6, 24)
            n = total - rng.randint(0, 3)
            v = ctx.c.villages
            w.t("; ").f(str(n), f"/{total} {v} đạt danh hiệu {v} văn hóa", "cultural_villages", "value", n, "count", den=total)
        else:
            more = ctx.sentences("culture", 1)[0]
            w.t("; " + more[0].lower() + more[1:])
        out.append(w.block())
    # health insurance
    w = Writer()
    bhyt = q(min(99.5, ctx.grow("insurance", 0.008, 0.01)), 1)
    when = f"Đến ngày 30/6/{ctx.year}, " if h1 else ""
    subject = rng.choice(["tỷ lệ người dân tham gia bảo hiểm y tế", "tỷ lệ dân số tham gia BHYT",
                          "tỷ lệ bao phủ bảo hiểm y tế"])
    w.t(when + (subject if when else subject[0].upper() + subject[1:]) + " đạt ")
    w.f(vn(bhyt, 1), "%", "health_insurance_coverage", "value", bhyt, "percent")
    if rng.random() < 0.6:
        d = dec(rng, 0.3, 2.0, 1)
        w.t(", tăng ").f(vn(d, 1), f"% so với năm {ctx.year - 1}", "health_insurance_coverage", "change", d, "percent")
    w.t(".")
    if rng.random() < 0.5:
        mal = q(max(3.0, ctx.grow("malnutrition", -0.05, 0.03)), 1)
        w.t(" Tỷ lệ trẻ em dưới 5 tuổi suy dinh dưỡng thể nhẹ cân còn ")
        w.f(vn(mal, 1), "%", "child_malnutrition_rate", "value", mal, "percent")
        if rng.random() < 0.5:
            d = dec(rng, 0.1, 0.6, 1)
            w.t(", giảm ").f(vn(d, 1), "% so với năm trước", "child_malnutrition_rate", "change", -d, "percent")
        w.t(".")
    if not h1 and rng.random() < 0.5:
        visits = int(ctx.c.profile["households"] * rng.uniform(1.2, 2.5))
        w.t(" Trong năm, trạm y tế đã khám, chữa bệnh cho ").f(vn(visits), " lượt người", "medical_visits", "value", visits, "count")
        w.t(".")
    out.append(w.block())
    out.append(ctx.narrative("health", 1, 3))
    # jobs
    if not h1 or rng.random() < 0.5:
        w = Writer()
        jobs = int(round(ctx.grow("jobs", 0.02, 0.1) * (0.5 if h1 else 1.0)))
        w.t(rng.choice(["Giải quyết việc làm mới cho ", "Trong năm đã giải quyết việc làm mới cho ", "Tạo việc làm mới cho "]))
        w.f(vn(jobs), " lao động", "jobs_created", "value", jobs, "count")
        if not h1:
            _pct_after(w, ctx, "jobs_created", "pct_of_plan", dec(rng, 95, 115, 1))
        if rng.random() < 0.5:
            exp = max(2, int(jobs * rng.uniform(0.08, 0.2)))
            w.t(", trong đó xuất khẩu lao động ").f(ctx.count(exp), " người", "labor_export", "value", exp, "count")
        w.t(".")
        out.append(w.block())
    # poverty
    if not h1:
        w = Writer()
        rate = q(max(0.8, ctx.c.profile["poverty"] - ctx.t * rng.uniform(0.5, 0.8)), 2)
        hh = ctx.c.profile["households"]
        poor = max(5, int(round(float(rate) / 100 * hh)))
        rate = q(poor / hh * 100, 2)
        drop = dec(rng, 0.3, 1.2, 2)
        near = int(round(hh * rng.uniform(0.02, 0.06)))
        near_rate = q(near / hh * 100, 2)
        w.t(f"Kết quả rà soát hộ nghèo, hộ cận nghèo cuối năm {ctx.year} theo chuẩn nghèo đa chiều giai đoạn 2021-2025"
            if ctx.year >= 2021 else f"Kết quả rà soát hộ nghèo, hộ cận nghèo cuối năm {ctx.year}")
        w.t(f": toàn {ctx.dv} còn ").f(vn(poor), " hộ nghèo", "poor_households", "value", poor, "count")
        w.t(", tỷ lệ hộ nghèo còn ").f(ctx.pct(rate, 2), "%", "poverty_rate", "value", rate, "percent")
        if rng.random() < 0.5:
            w.t(", giảm ").f(ctx.pct(drop, 2), f"% so với cuối năm {ctx.year - 1}", "poverty_rate", "change", -drop, "percent")
        else:
            w.t(", giảm ").f(ctx.pct(drop, 2), " điểm phần trăm so với năm trước", "poverty_rate", "change", -drop, "percent")
        w.t("; hộ cận nghèo ").f(vn(near), " hộ", "near_poor_households", "value", near, "count")
        w.t(", chiếm ").f(ctx.pct(near_rate, 2), "%", "near_poverty_rate", "value", near_rate, "percent")
        w.t(".")
        out.append(w.block())
    out.append(ctx.narrative("social", 2, 3))
    return out


def t_environment(ctx: Ctx) -> list[Block]:
    rng = ctx.rng
    w = Writer()
    water = q(min(100, ctx.grow("water", 0.003, 0.01)), 1)
    if rng.random() < 0.3:
        water = q(float(water), 0)
        w.t("Tỷ lệ hộ dân sử dụng nước hợp vệ sinh đạt trên ").f(vn(water), "%", "clean_water_rate", "value", water,
                                                               "percent", cmp="gt")
    else:
        w.t("Tỷ lệ hộ dân sử dụng nước hợp vệ sinh đạt ").f(vn(water, 1), "%", "clean_water_rate", "value", water, "percent")
    w.t("; tỷ lệ rác thải sinh hoạt được thu gom, xử lý đạt ")
    wc = dec(rng, 80, 99, 1)
    w.f(vn(wc, 1), "%", "waste_collection_rate", "value", wc, "percent")
    w.t(".")
    return [ctx.narrative("land", 2, 3), w.block()]


def t_education(ctx: Ctx) -> list[Block]:
    rng = ctx.rng
    w = Writer()
    total = rng.randint(90, 260)
    grads = total - rng.randint(0, 3)
    rate = q(grads / total * 100, 1)
    w.t(f"Năm học {ctx.year - 1}-{ctx.year}, tỷ lệ học sinh lớp 9 tốt nghiệp THCS đạt ")
    w.f(vn(rate, 1), "%", "lower_secondary_graduation", "value", rate, "percent")
    w.t(" (").f(vn(grads), f"/{vn(total)} em", "lower_secondary_graduation", "value", grads, "count", den=total)
    w.t(").")
    return [ctx.narrative("education", 2, 3), w.block()]


def t_security(ctx: Ctx) -> list[Block]:
    rng = ctx.rng
    n = rng.randint(6, 25)
    w = Writer()
    w.t(ctx.sentences("security", 1)[0] + " ")
    w.t(f"Hoàn thành công tác tuyển quân năm {ctx.year}, giao ").f(ctx.count(n), " thanh niên nhập ngũ", "military_recruits", "value", n, "count")
    w.t(", đạt ").f("100", "% chỉ tiêu huyện giao", "military_recruits", "pct_of_plan", 100, "percent")
    w.t(".")
    return [w.block(), ctx.narrative("security", 1, 3)]


GRANTORS = {
    "province": ["Chủ tịch UBND tỉnh", "UBND tỉnh"],
    "district": ["Chủ tịch UBND {district_kind}", "UBND {district_kind}"],
    "commune": ["Chủ tịch UBND {dv}"],
}


def _grantor(ctx: Ctx, level: str) -> str:
    g = ctx.rng.choice(GRANTORS[level])
    return g.format(district_kind=ctx.c.district_kind, dv=ctx.dv)


def t_awards(ctx: Ctx) -> list[Block]:
    """The emulation paragraph: certificates of merit and commendation, titles, a proposed flag
    (in a plan: what it means to propose, all `planned`)."""
    rng = ctx.rng
    w = Writer()
    plan = ctx.kind == "plan"
    st = "planned" if plan else "received"
    w.t(ctx.sentences("emulation", 1)[0] + " ")
    if plan:
        w.t("Cuối năm, tổ chức bình xét, ")
        n1, n2 = rng.randint(2, 8), rng.randint(4, 15)
        w.t("đề nghị " + _grantor(ctx, "district") + " tặng giấy khen cho ")
        w.a(ctx.count(n1), "certificate_of_commendation", "collective", n1, "district", st).t(" tập thể và ")
        w.a(ctx.count(n2), "certificate_of_commendation", "individual", n2, "district", st).t(" cá nhân có thành tích xuất sắc")
        if rng.random() < 0.5:
            n3 = rng.randint(1, 3)
            w.t("; đề nghị " + _grantor(ctx, "province") + " tặng Bằng khen cho ")
            w.a(ctx.count(n3), "certificate_of_merit", "collective", n3, "province", st).t(" tập thể")
        w.t(".")
        return [w.block()]
    period = "6 tháng đầu năm" if ctx.kind == "half_year" else "Trong năm"
    w.t(f"{period}, " if period == "Trong năm" else f"Trong {period}, ")
    items = []
    if rng.random() < 0.7:
        a, b = rng.randint(1, 4), rng.randint(1, 6)
        items.append(("province", "Bằng khen", "certificate_of_merit", a, b))
    a, b = rng.randint(3, 20), rng.randint(5, 35)
    items.append(("district", "giấy khen", "certificate_of_commendation", a, b))
    if rng.random() < 0.8:
        a, b = rng.randint(8, 40), rng.randint(20, 90)
        items.append(("commune", "giấy khen", "certificate_of_commendation", a, b))
    for i, (level, form, code, a, b) in enumerate(items):
        if i:
            w.t("; ")
        grantor = _grantor(ctx, level)
        w.t(("" if i else "") + grantor + f" tặng {form} cho ")
        w.a(ctx.award_count(a), code, "collective", a, level, st)
        w.t(rng.choice([" tập thể và ", " tập thể, "]))
        w.a(ctx.award_count(b), code, "individual", b, level, st).t(" cá nhân")
    w.t(" có thành tích trong các phong trào thi đua.")
    blocks = [w.block()]
    if ctx.kind == "report":
        w = Writer()
        lt, cs = rng.randint(20, 80), rng.randint(3, 12)
        w.t("Công nhận danh hiệu Lao động tiên tiến cho ")
        w.a(vn(lt), "advanced_laborer", "individual", lt, "commune", st).t(" cá nhân, Chiến sĩ thi đua cơ sở cho ")
        w.a(ctx.count(cs), "emulation_soldier", "individual", cs, "commune", st).t(" cá nhân")
        w.t(". ")
        if rng.random() < 0.6:
            w.t(f"UBND {ctx.dv} đề nghị " + _grantor(ctx, "province") + " tặng ")
            w.a("01", "emulation_flag", "collective", 1, "province", "proposed").t(f" Cờ thi đua cho UBND {ctx.dv}")
            w.t(rng.choice([" vì đã có thành tích xuất sắc trong phong trào thi đua.", "."]))
        else:
            p1, p2 = rng.randint(2, 6), rng.randint(3, 10)
            w.t("Đề nghị " + _grantor(ctx, "district") + " tặng giấy khen cho ")
            w.a(ctx.count(p1), "certificate_of_commendation", "collective", p1, "district", "proposed").t(" tập thể và ")
            w.a(ctx.count(p2), "certificate_of_commendation", "individual", p2, "district", "proposed").t(" cá nhân.")
        blocks.append(w.block())
    return blocks


def t_nonfigures(ctx: Ctx) -> Block:
    """Dates, anniversaries, document numbers: numbers that are not figures."""
    y = ctx.year
    rng = ctx.rng
    s = [
        f"Các hoạt động văn hóa, văn nghệ được tổ chức sôi nổi chào mừng kỷ niệm {y - 1930} năm Ngày thành lập "
        f"Đảng Cộng sản Việt Nam (03/02/1930 - 03/02/{y}) và {y - 1945} năm Cách mạng tháng Tám và Quốc khánh 2/9.",
        f"UBND {ctx.dv} đã triển khai thực hiện Nghị định số 98/2023/NĐ-CP ngày 31/12/2023 của Chính phủ quy định "
        f"chi tiết thi hành một số điều của Luật Thi đua, khen thưởng." if y >= 2024 else
        f"UBND {ctx.dv} đã triển khai thực hiện Nghị định số 91/2017/NĐ-CP ngày 31/7/2017 của Chính phủ quy định "
        f"chi tiết thi hành một số điều của Luật Thi đua, khen thưởng.",
        f"Chương trình mục tiêu quốc gia xây dựng nông thôn mới giai đoạn 2021-2025 được triển khai đồng bộ; {ctx.dv} "
        f"tiếp tục duy trì 19/19 tiêu chí nông thôn mới." if ctx.c.kind == "xã" and y >= 2021 else
        f"Các {ctx.c.villages} tổ chức tốt Ngày hội Đại đoàn kết toàn dân tộc ngày 18/11/{y}.",
    ]
    rng.shuffle(s)
    return Block("para", " ".join(s[: rng.randint(2, 3)]))


# --------------------------------------------------------------------------------------------
# the indicator table
# --------------------------------------------------------------------------------------------

def t_table(ctx: Ctx, values: dict[str, Decimal]) -> Block:
    """`Chỉ tiêu | ĐVT | Kế hoạch | Thực hiện | % KH` (a report) or `Chỉ tiêu | ĐVT | Kế hoạch năm`
    (a plan). `values` holds this document's figures in the table's units."""
    rng = ctx.rng
    y = ctx.year
    rows_spec = [  # code, label, unit label, unit, factor, places
        ("production_value", "Tổng giá trị sản xuất (giá hiện hành)", "tỷ đồng", "VND", Decimal("1e9"), 2),
        ("budget_revenue", "Tổng thu ngân sách " + ctx.dv, "triệu đồng", "VND", Decimal("1e6"), 0),
        ("grain_output", "Sản lượng lương thực có hạt", "tấn", "tonne", Decimal(1), 0),
        ("sown_area", "Tổng diện tích gieo trồng", "ha", "ha", Decimal(1), 1),
        ("jobs_created", "Giải quyết việc làm mới", "lao động", "count", Decimal(1), 0),
        ("poverty_rate", "Tỷ lệ hộ nghèo", "%", "percent", Decimal(1), 2),
        ("health_insurance_coverage", "Tỷ lệ dân số tham gia BHYT", "%", "percent", Decimal(1), 1),
        ("cultural_family_rate", "Tỷ lệ gia đình văn hóa", "%", "percent", Decimal(1), 1),
    ]
    def precision(v: Decimal) -> int:
        return max(0, -v.normalize().as_tuple().exponent)

    # a plan's table writes its targets as the text does; a report's keeps its columns' decimals
    rows_spec = [(code, label, ulabel, unit, factor,
                  precision(values[code]) if ctx.kind == "plan" else max(places, precision(values[code])))
                 for code, label, ulabel, unit, factor, places in rows_spec if code in values]
    figs: list[TruthFigure] = []
    if ctx.kind == "plan":
        header = ["TT", "Chỉ tiêu", "ĐVT", f"Kế hoạch năm {y}"]
        rows = [header]
        for i, (code, label, ulabel, unit, factor, places) in enumerate(rows_spec, 1):
            v = values[code]
            cmp_cell, cmp = "", "eq"
            if unit == "percent" and code != "poverty_rate" and rng.random() < 0.3:
                cmp_cell, cmp = "≥ ", "ge"
            rows.append([str(i), label, ulabel, cmp_cell + vn(v, places)])
            figs.append(TruthFigure(code, "target", float(v * factor), unit, None, cmp, quote=" | ".join(rows[-1])))
        return Block("table", rows=rows, figures=figs)
    est = rng.random() < 0.4
    header = ["TT", "Chỉ tiêu", "ĐVT", f"Kế hoạch {y}", f"{'Ước TH' if est else 'Thực hiện'} {y}", "% KH"]
    if rng.random() < 0.3:
        header = header[1:]
    rows = [header]
    for i, (code, label, ulabel, unit, factor, places) in enumerate(rows_spec, 1):
        v = values[code]
        if code == "poverty_rate":
            plan = v + dec(rng, 0.1, 0.5, 2)
            pct_cell = "Đạt"
            pct = None
        else:
            pct = dec(rng, 96, 112, 1)
            plan = q(float(v) / float(pct) * 100, places)
            pct_cell = vn(pct, 1)
        row = [label, ulabel, vn(plan, places), vn(v, places), pct_cell]
        if header[0] == "TT":
            row = [str(i)] + row
        rows.append(row)
        quote = " | ".join(row)
        figs.append(TruthFigure(code, "target", float(plan * factor), unit, quote=quote))
        figs.append(TruthFigure(code, "value", float(v * factor), unit, None, "eq", est, quote=quote))
        if pct is not None:
            figs.append(TruthFigure(code, "pct_of_plan", float(pct), "percent", quote=quote))
    return Block("table", rows=rows, figures=figs)


def _table_values(doc_blocks: list[Block]) -> dict[str, Decimal]:
    """This document's own value figures, in the table's units, for the table to repeat."""
    scale = {"production_value": Decimal("1e9"), "budget_revenue": Decimal("1e6")}
    values: dict[str, Decimal] = {}
    for b in doc_blocks:
        for f in b.figures:
            if f.measure != "value" or f.indicator in values or f.indicator not in (
                    "production_value", "budget_revenue", "grain_output", "sown_area", "jobs_created",
                    "poverty_rate", "health_insurance_coverage", "cultural_family_rate"):
                continue
            v = (Decimal(repr(f.value)) / scale.get(f.indicator, Decimal(1))).quantize(Decimal("0.001")).normalize()
            if f.indicator == "budget_revenue" and v != v.to_integral_value():
                continue  # in "triệu đồng" the table would round it
            values[f.indicator] = v
    return values


# --------------------------------------------------------------------------------------------
# targets (plans, and the "phương hướng" part of reports)
# --------------------------------------------------------------------------------------------

def t_targets(ctx: Ctx) -> tuple[list[Block], dict[str, Decimal]]:
    """Bullets of target figures for ctx.year; returns them and the values for a plan table."""
    rng = ctx.rng
    out: list[Block] = []
    vals: dict[str, Decimal] = {}

    def bullet(w: Writer) -> None:
        out.append(w.block("bullet"))

    pv = q(ctx.grow("production_value", None, 0.02) * 1.02, 0)
    w = Writer()
    w.t("Tổng giá trị sản xuất (giá hiện hành) đạt ")
    if rng.random() < 0.5:
        w.f(vn(pv), " tỷ đồng trở lên", "production_value", "target", float(pv * 10 ** 9), "VND", cmp="ge")
    else:
        w.f(vn(pv), " tỷ đồng", "production_value", "target", float(pv * 10 ** 9), "VND")
    w.t(".")
    bullet(w)
    vals["production_value"] = pv
    w = Writer()
    bud = q(ctx.grow("budget", 0.06, 0.02) * 1000, 0)  # triệu đồng
    w.t("Tổng thu ngân sách trên địa bàn đạt ")
    if rng.random() < 0.5:
        w.f(vn(bud), " triệu đồng", "budget_revenue", "target", float(bud * 10 ** 6), "VND")
    else:
        x = q(float(bud) / 1000, 2)
        w.f(vn(x, 2), " tỷ đồng", "budget_revenue", "target", float(x * 10 ** 9), "VND")
        bud = x * 1000
    w.t(" trở lên." if False else ".")
    bullet(w)
    vals["budget_revenue"] = bud
    w = Writer()
    area = q(ctx.grow("sown_area", 0.0, 0.01), 0)
    yld = q(ctx.grow("yield", 0.005, 0.01), 1)
    grain = q(float(area) * float(yld) / 10 * 0.9, 0)
    w.t("Tổng diện tích gieo trồng " + rng.choice(["cả năm ", "", "đạt "])).f(vn(area), " ha", "sown_area", "target", area, "ha")
    w.t("; năng suất lúa bình quân ").f(vn(yld, 1), " tạ/ha", "crop_yield", "target", yld, "quintal_per_ha")
    w.t("; sản lượng lương thực có hạt ").f(vn(grain), " tấn", "grain_output", "target", grain, "tonne")
    w.t(".")
    bullet(w)
    vals.update(sown_area=area, grain_output=grain)
    w = Writer()
    rate = q(max(0.5, ctx.c.profile["poverty"] - ctx.t * 0.7), 1)
    w.t("Tỷ lệ hộ nghèo giảm còn dưới ").f(vn(rate, 1), "%", "poverty_rate", "target", rate, "percent", cmp="lt")
    bhyt = q(min(97.0, ctx.grow("insurance", 0.008, 0.0) + 1), 0)
    if rng.random() < 0.3:  # a range: two targets, its low and high ends
        w.t("; tỷ lệ dân số tham gia bảo hiểm y tế đạt từ ").f(vn(bhyt), "%", "health_insurance_coverage", "target",
                                                                bhyt, "percent", cmp="ge")
        w.t(" đến ").f(vn(bhyt + 1), "%", "health_insurance_coverage", "target", bhyt + 1, "percent", cmp="le")
    else:
        w.t("; tỷ lệ dân số tham gia bảo hiểm y tế đạt trên ").f(vn(bhyt), "%", "health_insurance_coverage", "target",
                                                                    bhyt, "percent", cmp="gt")
    w.t(".")
    bullet(w)
    vals["poverty_rate"] = rate
    w = Writer()
    jobs = int(round(ctx.grow("jobs", 0.02, 0.0), -1))
    w.t("Giải quyết việc làm mới cho ").f(vn(jobs), " lao động", "jobs_created", "target", jobs, "count")
    cf = q(min(95.0, ctx.grow("cultural", 0.005, 0.0) + 0.5), 0)
    w.t("; tỷ lệ gia đình văn hóa đạt ").f(vn(cf), "% trở lên", "cultural_family_rate", "target", cf, "percent", cmp="ge")
    w.t(".")
    bullet(w)
    vals.update(jobs_created=Decimal(jobs), cultural_family_rate=cf)
    if rng.random() < 0.6:
        w = Writer()
        n = max(1, int(round(ctx.grow("enterprises", 0.05, 0.1))))
        w.t("Phấn đấu có ").f(ctx.count(n), " doanh nghiệp thành lập mới", "new_enterprises", "target", n, "count")
        w.t(".")
        bullet(w)
    if rng.random() < 0.5:
        w = Writer()
        mal = q(max(3.0, ctx.grow("malnutrition", -0.05, 0.0)), 1)
        w.t("Tỷ lệ trẻ em dưới 5 tuổi suy dinh dưỡng thể nhẹ cân không quá ")
        w.f(vn(mal, 1), "%", "child_malnutrition_rate", "target", mal, "percent", cmp="le")
        w.t(".")
        bullet(w)
    return out, vals


# --------------------------------------------------------------------------------------------
# documents
# --------------------------------------------------------------------------------------------

def _header(ctx: Ctx, code: str, day: int, month: int, year: int) -> tuple[list[str], list[str]]:
    c = ctx.c
    rng = ctx.rng
    number = f"{rng.randint(1, 350)}" if rng.random() < 0.85 else "      "
    left = [f"UBND {c.district_kind.upper()} {c.district.upper()}",
            f"**{rng.choice(['ỦY BAN NHÂN DÂN', 'UBND'])} {c.kind.upper()} {c.name.upper()}**",
            f"Số: {number}/{code}-UBND"]
    right = ["**CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM**", "**Độc lập - Tự do - Hạnh phúc**",
             f"*{c.name}, ngày {day:02d} tháng {month:02d} năm {year}*" if rng.random() < 0.5
             else f"*{c.name}, ngày {day} tháng {month} năm {year}*"]
    return left, right


def _closing(ctx: Ctx, year: int) -> tuple[list[str], list[str]]:
    c = ctx.c
    rng = ctx.rng
    left = ["Nơi nhận:", f"- UBND {c.district_kind} (b/c);", "- Thường trực Đảng ủy, HĐND " + c.kind + ";",
            "- Chủ tịch, các PCT UBND " + c.kind + ";", "- Các ban, ngành, đoàn thể;", "- Lưu: VT."]
    if rng.random() < 0.7:
        right = ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "", "", c.chairs[c.term(year)]]
    else:
        right = ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "", "", c.vices[c.term(year)]]
    return left, right


def build_report(ctx: Ctx, stem: str) -> Doc:
    """The year-end report of ctx.year, with its next-year orientation."""
    rng = ctx.rng
    y = ctx.year
    c = ctx.c
    left, right = _header(ctx, "BC", rng.randint(5, 28), 12, y)
    title = rng.choice([
        [f"Tổng kết tình hình thực hiện nhiệm vụ phát triển kinh tế - xã hội năm {y};",
         f"phương hướng, nhiệm vụ năm {y + 1}"],
        [f"Kết quả thực hiện nhiệm vụ phát triển kinh tế - xã hội, quốc phòng - an ninh năm {y};",
         f"phương hướng, nhiệm vụ trọng tâm năm {y + 1}"],
    ])
    blocks: list[Block] = []
    add = blocks.append
    add(Block("para", f"Căn cứ Nghị quyết số {rng.randint(10, 40)}/NQ-HĐND ngày {rng.randint(15, 28)}/12/{y - 1} của "
                      f"Hội đồng nhân dân {c.full} về nhiệm vụ phát triển kinh tế - xã hội, quốc phòng - an ninh năm {y}; "
                      f"căn cứ kết quả thực hiện nhiệm vụ trên các lĩnh vực từ đầu năm đến ngày 30/11/{y} và ước thực hiện "
                      f"đến hết ngày 31/12/{y}, Ủy ban nhân dân {c.full} báo cáo kết quả như sau:"))
    add(Block("h1", "Phần thứ nhất"))
    add(Block("h1", f"KẾT QUẢ THỰC HIỆN NHIỆM VỤ NĂM {y}"))
    add(Block("h2", "I. ĐÁNH GIÁ CHUNG"))
    blocks += ctx.paras("general", 3, 4)
    add(Block("h2", "II. KẾT QUẢ THỰC HIỆN CÁC LĨNH VỰC"))
    add(Block("h3", "1. Về kinh tế"))
    blocks += t_production(ctx)
    if rng.random() < 0.5:
        blocks += t_income(ctx)
    add(Block("h4", "1.1. Sản xuất nông nghiệp"))
    blocks += t_crops(ctx)
    blocks += ctx.paras("agriculture", 1, 2)
    if c.kind == "xã":
        add(Block("h4", "1.2. Xây dựng nông thôn mới"))
        blocks += ctx.paras("new_rural", 2, 3)
    add(Block("h4", "1.3. Công nghiệp - tiểu thủ công nghiệp, thương mại - dịch vụ"))
    blocks += ctx.paras("industry", 1, 3)
    blocks += t_enterprise(ctx)
    add(Block("h4", "1.4. Tài chính - ngân sách"))
    blocks += t_budget(ctx)
    blocks += ctx.paras("finance", 1, 2)
    add(Block("h4", "1.5. Tài nguyên - môi trường"))
    blocks += t_environment(ctx)
    blocks += ctx.paras("land", 0, 2)
    add(Block("h3", "2. Về văn hóa - xã hội"))
    add(Block("h4", "2.1. Văn hóa, thông tin, thể dục thể thao"))
    blocks += ctx.paras("culture", 1, 3)
    add(t_nonfigures(ctx))
    add(Block("h4", "2.2. Giáo dục"))
    blocks += t_education(ctx)
    blocks += ctx.paras("education", 0, 2)
    add(Block("h4", "2.3. Y tế, lao động, việc làm và an sinh xã hội"))
    blocks += t_society(ctx)
    blocks += ctx.paras("health", 0, 1)
    add(Block("h3", "3. Quốc phòng - an ninh"))
    blocks += t_security(ctx)
    blocks += ctx.paras("security", 1, 2)
    add(Block("h3", "4. Xây dựng chính quyền, cải cách hành chính, thi đua khen thưởng"))
    blocks += ctx.paras("admin", 2, 3)
    blocks += t_awards(ctx)
    values = _table_values(blocks)
    add(Block("para", f"Kết quả thực hiện một số chỉ tiêu chủ yếu năm {y} như sau:"))
    add(t_table(ctx, values))
    add(Block("h2", "III. TỒN TẠI, HẠN CHẾ VÀ NGUYÊN NHÂN"))
    blocks += ctx.paras("limits", 2, 3)
    add(Block("h1", "Phần thứ hai"))
    add(Block("h1", f"PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM {y + 1}"))
    add(Block("h2", "I. CÁC CHỈ TIÊU CHỦ YẾU"))
    nxt = Ctx(rng, c, y + 1, "report", ctx.t + 1, ctx.used, ctx.p_en, ctx.p_glued)
    targets, _ = t_targets(nxt)
    blocks += targets
    add(Block("h2", "II. NHIỆM VỤ, GIẢI PHÁP TRỌNG TÂM"))
    for i, topic in enumerate(["agriculture", "industry", "culture", "security", "admin"], 1):
        add(Block("bullet", " ".join(ctx.sentences("tasks", 1) + ctx.sentences(topic, rng.randint(1, 2)))))
    add(Block("para", f"Trên đây là báo cáo kết quả thực hiện nhiệm vụ phát triển kinh tế - xã hội năm {y}, phương "
                      f"hướng, nhiệm vụ năm {y + 1} của UBND {c.full}./."))
    close_left, close_right = _closing(ctx, y)
    return Doc(stem, "report", left, right, "BÁO CÁO", title, [], blocks, close_left, close_right,
               title_meta=" ".join(["BÁO CÁO"] + title), author=f"UBND {c.full}")


def build_half_year(ctx: Ctx, stem: str) -> Doc:
    rng = ctx.rng
    y = ctx.year
    c = ctx.c
    left, right = _header(ctx, "BC", rng.randint(10, 28), 6, y)
    title = [f"Sơ kết tình hình thực hiện nhiệm vụ phát triển kinh tế - xã hội 6 tháng đầu năm {y};",
             f"nhiệm vụ trọng tâm 6 tháng cuối năm {y}"]
    to = [f"Kính gửi: Ủy ban nhân dân {c.district_kind} {c.district}"] if rng.random() < 0.5 else []
    blocks: list[Block] = []
    add = blocks.append
    add(Block("para", f"Thực hiện Kế hoạch số {rng.randint(1, 60):02d}/KH-UBND ngày {rng.randint(5, 28)}/01/{y} của UBND "
                      f"{c.full} về thực hiện nhiệm vụ phát triển kinh tế - xã hội năm {y}, UBND {c.kind} báo cáo "
                      f"kết quả 6 tháng đầu năm như sau:"))
    add(Block("h2", f"I. KẾT QUẢ THỰC HIỆN NHIỆM VỤ 6 THÁNG ĐẦU NĂM {y}"))
    blocks += ctx.paras("general", 3, 4)
    add(Block("h3", "1. Về kinh tế"))
    blocks += t_production(ctx, h1=True)
    add(Block("h4", "1.1. Sản xuất nông nghiệp"))
    blocks += t_crops(ctx, h1=True)
    blocks += ctx.paras("agriculture", 1, 2)
    add(Block("h4", "1.2. Công nghiệp, thương mại - dịch vụ"))
    blocks += ctx.paras("industry", 1, 2)
    add(Block("h4", "1.3. Tài chính - ngân sách"))
    blocks += t_budget(ctx, h1=True)
    blocks += ctx.paras("finance", 0, 1)
    add(Block("h3", "2. Về văn hóa - xã hội"))
    blocks += ctx.paras("culture", 1, 2)
    blocks += ctx.paras("education", 1, 2)
    blocks += t_society(ctx, h1=True)
    add(Block("h3", "3. Quốc phòng - an ninh, xây dựng chính quyền"))
    blocks += ctx.paras("security", 1, 2)
    blocks += ctx.paras("admin", 1, 2)
    blocks += t_awards(ctx)
    add(Block("h3", "4. Tồn tại, hạn chế"))
    blocks += ctx.paras("limits", 1, 2)
    add(Block("h2", f"II. NHIỆM VỤ TRỌNG TÂM 6 THÁNG CUỐI NĂM {y}"))
    for topic in ["agriculture", "industry", "finance", "social", "security", "admin"]:
        add(Block("bullet", " ".join(ctx.sentences("tasks", 1) + ctx.sentences(topic, rng.randint(1, 2)))))
    add(Block("para", f"Trên đây là báo cáo sơ kết 6 tháng đầu năm {y} của UBND {c.full}./."))
    close_left, close_right = _closing(ctx, y)
    return Doc(stem, "half_year", left, right, "BÁO CÁO", title, to, blocks, close_left, close_right,
               title_meta=" ".join(["BÁO CÁO"] + title), author=f"UBND {c.full}")


def build_plan(ctx: Ctx, stem: str) -> Doc:
    """The plan for ctx.year, issued in December of the year before."""
    rng = ctx.rng
    y = ctx.year
    c = ctx.c
    left, right = _header(ctx, "KH", rng.randint(15, 30), 12, y - 1)
    title = rng.choice([[f"Thực hiện nhiệm vụ phát triển kinh tế - xã hội,", f"bảo đảm quốc phòng - an ninh năm {y}"],
                        [f"Phát triển kinh tế - xã hội năm {y}"]])
    blocks: list[Block] = []
    add = blocks.append
    add(Block("para", f"Căn cứ Quyết định số {rng.randint(1000, 5000)}/QĐ-UBND ngày {rng.randint(10, 20)}/12/{y - 1} của "
                      f"UBND {c.district_kind} {c.district} về việc giao chỉ tiêu kế hoạch phát triển kinh tế - xã hội và "
                      f"dự toán ngân sách năm {y}; UBND {c.full} xây dựng Kế hoạch thực hiện nhiệm vụ năm {y} với các "
                      f"nội dung chủ yếu sau:"))
    add(Block("h2", "I. MỤC ĐÍCH, YÊU CẦU"))
    add(Block("h3", "1. Mục đích"))
    blocks += ctx.paras("purpose", 1, 2)
    add(Block("h3", "2. Yêu cầu"))
    for sentence in ctx.sentences("purpose", 3):
        add(Block("bullet", sentence))
    add(Block("h2", "II. MỤC TIÊU VÀ CÁC CHỈ TIÊU CHỦ YẾU"))
    add(Block("h3", "1. Mục tiêu tổng quát"))
    blocks += ctx.paras("general", 2, 3)
    add(Block("h3", "2. Các chỉ tiêu chủ yếu"))
    targets, vals = t_targets(ctx)
    blocks += targets
    add(Block("para", "Các chỉ tiêu chủ yếu được tổng hợp tại bảng sau:"))
    add(t_table(ctx, vals))
    add(Block("h2", "III. NHIỆM VỤ, GIẢI PHÁP CHỦ YẾU"))
    for i, (topic, label) in enumerate([("agriculture", "Phát triển nông nghiệp, xây dựng nông thôn mới"),
                                        ("industry", "Phát triển công nghiệp, thương mại, dịch vụ"),
                                        ("finance", "Tài chính - ngân sách"),
                                        ("culture", "Văn hóa - xã hội"),
                                        ("security", "Quốc phòng - an ninh"),
                                        ("admin", "Cải cách hành chính, xây dựng chính quyền")], 1):
        add(Block("h3", f"{i}. {label}"))
        add(ctx.narrative("tasks", 1, 2))
        blocks += ctx.paras(topic, 1, 3)
    blocks += t_awards(ctx)
    add(Block("h2", "IV. TỔ CHỨC THỰC HIỆN"))
    for sentence in ctx.sentences("organize", rng.randint(4, 6)):
        add(Block("para", sentence))
    add(Block("para", f"Trên đây là Kế hoạch thực hiện nhiệm vụ phát triển kinh tế - xã hội năm {y} của UBND {c.full}./."))
    close_left, close_right = _closing(ctx, y - 1)
    return Doc(stem, "plan", left, right, "KẾ HOẠCH", title, [], blocks, close_left, close_right,
               title_meta=" ".join(["KẾ HOẠCH"] + title), author=f"UBND {c.full}")


def finish(doc: Doc, old: bool) -> None:
    """Apply the old tone placement (same lengths) and fill each truth row's quote."""
    if old:
        doc.header_left = [old_tone(s) for s in doc.header_left]
        doc.header_right = [old_tone(s) for s in doc.header_right]
        doc.title = [old_tone(s) for s in doc.title]
        doc.to = [old_tone(s) for s in doc.to]
        doc.close_left = [old_tone(s) for s in doc.close_left]
        doc.close_right = [old_tone(s) for s in doc.close_right]
        doc.title_meta = old_tone(doc.title_meta)
    for b in doc.blocks:
        if old:
            b.text = old_tone(b.text)
            b.rows = [[old_tone(c) for c in r] for r in b.rows]
        for f in b.figures:
            if b.kind == "table":
                f.quote = old_tone(f.quote) if old else f.quote
            else:
                f.quote = _quote(b.text, f.pos)
        for a in b.awards:
            a.quote = _quote(b.text, a.pos)


# --------------------------------------------------------------------------------------------
# .txt
# --------------------------------------------------------------------------------------------

def txt_lines(header_left: list[str], header_right: list[str], kind: str, title: list[str], to: list[str],
              blocks: list, close_left: list[str], close_right: list[str], *, markdown: bool,
              tab_tables: bool = False) -> list[str]:
    """A document as the lines of a .txt file: the header's two columns one after the other,
    then the body, then the closing columns; Markdown emphasis and tables when `markdown`
    (`tab_tables`: a plain-text file's tables as tab-separated rows). Shared with
    scripts/build_samples.py, whose blocks have the same kinds."""
    keep = (lambda s: s) if markdown else plain
    out: list[str] = []

    def para(s: str = "") -> None:
        out.append(s)
        out.append("")

    out += [keep(s) for s in header_left]
    out.append("")
    out += [keep(s) for s in header_right]
    out.append("")
    if kind:
        para(f"**{plain(kind)}**" if markdown else plain(kind))
    out += [f"**{plain(s)}**" if markdown else plain(s) for s in title]
    out.append("")
    for s in to:
        para(keep(s))
    for b in blocks:
        if b.kind in ("h1", "h3"):
            para(f"**{plain(b.text)}**" if markdown else plain(b.text))
        elif b.kind == "h2":
            para(f"### {plain(b.text)}" if markdown else plain(b.text))
        elif b.kind == "h4":
            para(f"*{plain(b.text)}*" if markdown else plain(b.text))
        elif b.kind == "center":
            para(keep(b.text))
        elif b.kind == "bullet":
            para("- " + keep(b.text))
        elif b.kind == "para":
            para(keep(b.text))
        elif b.kind == "table":
            for i, r in enumerate(b.rows):
                if tab_tables:
                    out.append("\t".join(plain(c) for c in r))
                    continue
                out.append("| " + " | ".join(plain(c) for c in r) + " |")
                if i == 0:
                    out.append("|" + "|".join("---" for _ in r) + "|")
            out.append("")
    out += [keep(s) for s in close_left]
    out.append("")
    out += [keep(s) for s in close_right]
    while out and out[-1] == "":
        out.pop()
    return out


def render_txt(doc: Doc) -> bytes:
    out = txt_lines(doc.header_left, doc.header_right, doc.doc_kind, doc.title, doc.to, doc.blocks,
                    doc.close_left, doc.close_right, markdown=doc.txt_markdown)
    eol = "\r\n" if doc.txt_crlf else "\n"
    text = eol.join(out) + eol
    if doc.txt_encoding == "cp1258":
        try:
            return to_cp1258(text)
        except UnicodeEncodeError:  # a character Windows-1258 lacks ("≥"): the file stays UTF-8
            return text.encode("utf-8")
    if doc.txt_encoding == "utf-16":
        return b"\xff\xfe" + text.encode("utf-16-le")
    return text.encode(doc.txt_encoding)


_TONE_MARKS = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}


def to_cp1258(text: str) -> bytes:
    """Windows-1258 as it is written: base letters with their non-tone diacritics precomposed
    (â ê ô ơ ư ă đ), tone marks as combining characters. Shared with scripts/build_samples.py."""
    out = []
    for ch in unicodedata.normalize("NFC", text):
        d = unicodedata.normalize("NFD", ch)
        tones = [c for c in d if c in _TONE_MARKS]
        rest = unicodedata.normalize("NFC", "".join(c for c in d if c not in _TONE_MARKS))
        out.append(rest + "".join(tones))
    return "".join(out).encode("cp1258")


# --------------------------------------------------------------------------------------------
# .docx: WordprocessingML written directly on a package python-docx made once
# --------------------------------------------------------------------------------------------

_DOCX_BASE: dict | None = None


def col_weights(rows: list[list[str]]) -> list[float]:
    """Relative column widths from text lengths (as scripts/build_samples.py, with a narrow
    first column for a "TT" row number)."""
    ncol = len(rows[0])
    lens = []
    for c in range(ncol):
        texts = [plain(r[c]) for r in rows]
        longest_word = max((len(w) for t in texts for w in t.split()), default=1)
        m = max(len(t) for t in texts)
        lens.append(max(min(m, 42), longest_word + 2, 8 if c else 3))
    tot = sum(lens)
    return [x / tot for x in lens]


def _docx_base() -> dict:
    """The parts of an empty python-docx document (Times New Roman 14 pt, A4, a page-number
    footer), made once per process: every .docx reuses them with its own body."""
    global _DOCX_BASE
    if _DOCX_BASE is not None:
        return _DOCX_BASE
    from docx import Document
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt

    d = Document()
    sec = d.sections[0]
    sec.page_width, sec.page_height = Cm(21.0), Cm(29.7)
    sec.left_margin, sec.right_margin = Cm(3.0), Cm(2.0)
    sec.top_margin, sec.bottom_margin = Cm(2.0), Cm(2.0)
    st = d.styles["Normal"]
    st.font.name = "Times New Roman"
    st.font.size = Pt(14)
    rpr = st.element.get_or_add_rPr()
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = OxmlElement("w:rFonts")
        rpr.append(rfonts)
    for a in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        rfonts.set(qn(a), "Times New Roman")
    st.paragraph_format.space_after = Pt(6)
    st.paragraph_format.line_spacing = 1.15
    fp = sec.footer.paragraphs[0]
    fp.alignment = 1
    fld = OxmlElement("w:fldSimple")
    fld.set(qn("w:instr"), "PAGE")
    fp._p.append(fld)
    buf = io.BytesIO()
    d.save(buf)
    parts = {}
    with zipfile.ZipFile(io.BytesIO(buf.getvalue())) as z:
        for info in z.infolist():
            parts[info.filename] = z.read(info.filename)
    xml = parts["word/document.xml"].decode("utf-8")
    body = xml.index("<w:body>") + len("<w:body>")
    sect = xml.index("<w:sectPr")
    _DOCX_BASE = {"parts": parts, "head": xml[:body], "tail": xml[sect:]}
    return _DOCX_BASE


def _x(s: str) -> str:
    return escape(s)


def _runs(text: str, bold: bool = False, italic: bool = False, size: int | None = None) -> str:
    out = []
    for chunk, b, i in spans(text):
        props = ("<w:b/>" if bold or b else "") + ("<w:i/>" if italic or i else "") + (
            f'<w:sz w:val="{size * 2}"/>' if size else "")
        rpr = f"<w:rPr>{props}</w:rPr>" if props else ""
        out.append(f'<w:r>{rpr}<w:t xml:space="preserve">{_x(chunk)}</w:t></w:r>')
    return "".join(out)


def _p(text: str, align: str = "both", bold: bool = False, italic: bool = False, indent: bool = True,
       after: int = 120, size: int | None = None, keep_next: bool = False) -> str:
    ppr = (("<w:keepNext/>" if keep_next else "") + f'<w:spacing w:after="{after}"/>'
           + ('<w:ind w:firstLine="720"/>' if indent and align == "both" else "") + f'<w:jc w:val="{align}"/>')
    return f"<w:p><w:pPr>{ppr}</w:pPr>{_runs(text, bold, italic, size)}</w:p>"


def _tbl(rows: list[list[list[str]]] | list[list[str]], widths_cm: list[float], ruled: bool, cell_fmt) -> str:
    val = "single" if ruled else "nil"
    borders = "".join(
        f'<w:{e} w:val="{val}"' + (' w:sz="4" w:space="0" w:color="000000"' if ruled else "") + "/>"
        for e in ("top", "left", "bottom", "right", "insideH", "insideV"))
    tw = [int(w * 567) for w in widths_cm]
    out = [f'<w:tbl><w:tblPr><w:tblW w:w="{sum(tw)}" w:type="dxa"/>'
           + ('<w:jc w:val="center"/>' if ruled else "")
           + f'<w:tblBorders>{borders}</w:tblBorders><w:tblLayout w:type="fixed"/></w:tblPr><w:tblGrid>'
           + "".join(f'<w:gridCol w:w="{w}"/>' for w in tw) + "</w:tblGrid>"]
    for ri, row in enumerate(rows):
        out.append("<w:tr>" + ('<w:trPr><w:tblHeader/></w:trPr>' if ruled and ri == 0 else ""))
        for ci, cell in enumerate(row):
            out.append(f'<w:tc><w:tcPr><w:tcW w:w="{tw[ci]}" w:type="dxa"/></w:tcPr>{cell_fmt(ri, ci, cell)}</w:tc>')
        out.append("</w:tr>")
    out.append("</w:tbl>")
    return "".join(out)


def render_docx(doc: Doc) -> bytes:
    base = _docx_base()
    body: list[str] = []

    def lines_cell(lines: list[str], style) -> str:
        return "".join(style(i, s) for i, s in enumerate(lines)) or _p("", indent=False, after=0)

    hdr = lambda i, s: _p(s, "center", indent=False, after=0, size=13)  # noqa: E731
    body.append(_tbl([[doc.header_left, doc.header_right]], [6.5, 9.5], False,
                     lambda ri, ci, cell: lines_cell(cell, hdr)))
    body.append(_p("", "center", indent=False, after=0))
    body.append(_p(doc.doc_kind, "center", bold=True, indent=False, after=0))
    for s in doc.title:
        body.append(_p(s, "center", bold=True, indent=False, after=0))
    body.append(_p("", "center", indent=False, after=0))
    for s in doc.to:
        body.append(_p(s, "center", indent=False))
    for b in doc.blocks:
        if b.kind == "h1":
            body.append(_p(b.text, "center", bold=True, indent=False, keep_next=True))
        elif b.kind in ("h2", "h3"):
            body.append(_p(b.text, bold=True, keep_next=True))
        elif b.kind == "h4":
            body.append(_p(b.text, bold=True, italic=True, keep_next=True))
        elif b.kind == "center":
            body.append(_p(b.text, "center", italic=True, indent=False))
        elif b.kind == "bullet":
            body.append(_p("- " + b.text))
        elif b.kind == "para":
            body.append(_p(b.text))
        elif b.kind == "table":
            w = col_weights(b.rows)

            def cell(ri, ci, val):
                numeric = ci > 0 and re.fullmatch(r"[\d.,%\s\-+<>≥≤]+", plain(val) or "x")
                return _p(val, "center" if (ri == 0 or numeric) else "left", bold=ri == 0, indent=False,
                          after=0, size=12)

            body.append(_tbl(b.rows, [16.0 * x for x in w], True, cell))
            body.append(_p("", indent=False, after=0))
    body.append(_p("", indent=False, after=0))

    def close(ri, ci, lines):
        if ci == 0:
            return lines_cell(lines, lambda i, s: _p(s, "left", bold=i == 0, italic=i == 0, indent=False, after=0,
                                                     size=12 if i == 0 else 11))
        return lines_cell(lines, lambda i, s: _p(s, "center", bold=True, indent=False, after=0, size=14))

    body.append(_tbl([[doc.close_left, doc.close_right]], [8.0, 8.0], False, close))
    xml_body = "".join(body)
    if doc.docx_nfd:
        xml_body = unicodedata.normalize("NFD", xml_body)
    document = (base["head"] + xml_body + base["tail"]).encode("utf-8")
    core = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
        'xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        f"<dc:title>{_x(plain(doc.title_meta))}</dc:title><dc:creator>{_x(doc.author)}</dc:creator>"
        f"<cp:lastModifiedBy>{_x(doc.author)}</cp:lastModifiedBy><cp:revision>1</cp:revision>"
        f'<dcterms:created xsi:type="dcterms:W3CDTF">{FIXED_ISO}</dcterms:created>'
        f'<dcterms:modified xsi:type="dcterms:W3CDTF">{FIXED_ISO}</dcterms:modified>'
        "</cp:coreProperties>").encode("utf-8")
    entries = []
    for name, data in base["parts"].items():
        if name == "word/document.xml":
            data = document
        elif name == "docProps/core.xml":
            data = core
        entries.append((name, data))
    return fixed_zip(entries)


def fixed_zip(entries: list[tuple[str, bytes]]) -> bytes:
    """A zip with fixed member timestamps and attributes (byte-identical on every run); the
    .docx files of scripts/build_samples.py go through it too."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in entries:
            zi = zipfile.ZipInfo(name, date_time=ZIP_TIME)
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = 0o644 << 16
            zi.create_system = 0
            z.writestr(zi, data)
    return out.getvalue()


# --------------------------------------------------------------------------------------------
# .pdf: laid out directly on a reportlab canvas
# --------------------------------------------------------------------------------------------

_PDF_FONTS: dict[str, str] | None = None
_WIDTHS: dict[tuple[str, float], dict[str, float]] = {}  # word widths, shared by all documents


def pdf_available() -> str | None:
    """None when PDFs can be written, else why not."""
    try:
        import reportlab  # noqa: F401
    except ImportError:
        return "reportlab is not installed (pip install 'reportlab>=4,<6')"
    missing = [f for f in FONT_FILES.values() if not (FONT_DIR / f).exists()]
    if missing:
        return f"DejaVu fonts missing in {FONT_DIR} ({', '.join(missing)}): install fonts-dejavu"
    return None


def _pdf_fonts() -> dict[str, str]:
    global _PDF_FONTS
    if _PDF_FONTS is None:
        from reportlab.pdfbase import pdfmetrics
        from reportlab.pdfbase.ttfonts import TTFont
        names = {}
        for style, fn in FONT_FILES.items():
            name = "SynthSerif-" + style
            pdfmetrics.registerFont(TTFont(name, str(FONT_DIR / fn)))
            names[style] = name
        _PDF_FONTS = names
    return _PDF_FONTS


class PdfLayout:
    """A4 pages, 3/2/2/2 cm margins; justified paragraphs with a first-line indent."""

    W, H = 595.2756, 841.8898
    LEFT, RIGHT, TOP, BOTTOM = 85.04, 56.69, 56.69, 62.0

    def __init__(self, page_label: str, running_header: str | None, body_size: float = 12.5):
        from reportlab.pdfbase.pdfmetrics import stringWidth
        from reportlab.pdfgen import canvas
        self.fonts = _pdf_fonts()
        self.sw = stringWidth
        self.buf = io.BytesIO()
        self.c = canvas.Canvas(self.buf, pagesize=(self.W, self.H), invariant=1, pageCompression=1)
        self.page_label = page_label
        self.running_header = running_header
        self.size = body_size
        self.leading = body_size * 1.38
        self.width = self.W - self.LEFT - self.RIGHT
        self.y = self.H - self.TOP
        self.page = 1
        self._decorate()

    def width_of(self, word: str, font: str, size: float) -> float:
        cache = _WIDTHS.setdefault((font, size), {})
        w = cache.get(word)
        if w is None:
            w = cache[word] = self.sw(word, font, size)
        return w

    def _decorate(self) -> None:
        c = self.c
        c.setFont(self.fonts["R"], 9.5)
        c.drawCentredString(self.W / 2, 30, self.page_label.format(n=self.page))
        if self.running_header and self.page > 1:
            c.setFont(self.fonts["I"], 9)
            c.drawString(self.LEFT, self.H - 36, self.running_header)
            c.setLineWidth(0.4)
            c.line(self.LEFT, self.H - 39.5, self.W - self.RIGHT, self.H - 39.5)

    def new_page(self) -> None:
        self.c.showPage()
        self.page += 1
        self.y = self.H - self.TOP
        self._decorate()

    def need(self, h: float) -> None:
        if self.y - h < self.BOTTOM:
            self.new_page()

    # -- text ----------------------------------------------------------------------------
    def _words(self, text: str, bold: bool, italic: bool) -> list[tuple[str, str]]:
        words = []
        for chunk, b, i in spans(text):
            style = ("B" if bold or b else "") + ("I" if italic or i else "") or "R"
            font = self.fonts[style]
            for w in chunk.split():
                words.append((w, font))
        return words

    def wrap(self, words: list[tuple[str, str]], width: float, first_indent: float, size: float):
        lines, line, lw = [], [], 0.0
        space = self.width_of(" ", self.fonts["R"], size)
        avail = width - first_indent
        for word, font in words:
            ww = self.width_of(word, font, size)
            if line and lw + space + ww > avail:
                lines.append((line, lw))
                line, lw, avail = [(word, font, ww)], ww, width
            else:
                lw += (space if line else 0) + ww
                line.append((word, font, ww))
        if line:
            lines.append((line, lw))
        return lines, space

    def draw_line(self, x: float, y: float, line, lw: float, width: float, space: float, size: float,
                  justify: bool) -> None:
        to = self.c.beginText(x, y)
        gaps = len(line) - 1
        extra = (width - lw) / gaps if justify and gaps else 0.0
        if extra > 3 * space:  # a short last line: not stretched
            extra = 0.0
        to.setWordSpace(extra)
        current = None
        run: list[str] = []
        for i, (word, font, _) in enumerate(line):
            if font != current:
                if run:
                    to.textOut(" ".join(run) + " ")
                    run = []
                to.setFont(font, size)
                current = font
            run.append(word)
        if run:
            to.textOut(" ".join(run))
        self.c.drawText(to)

    def paragraph(self, text: str, align: str = "justify", bold: bool = False, italic: bool = False,
                  size: float | None = None, indent: float = 28.35, after: float = 4.0,
                  keep_with_next: bool = False) -> None:
        size = size or self.size
        leading = size * 1.38
        words = self._words(text, bold, italic)
        if not words:
            self.y -= leading
            return
        first = indent if align == "justify" else 0.0
        lines, space = self.wrap(words, self.width, first, size)
        if keep_with_next:
            self.need(leading * (len(lines) + 3))
        for n, (line, lw) in enumerate(lines):
            self.need(leading)
            self.y -= leading
            base = self.y + leading - size  # the baseline inside the line box
            if align == "center":
                self.draw_line(self.LEFT + (self.width - lw) / 2, base, line, lw, lw, space, size, False)
            else:
                x = self.LEFT + (first if n == 0 else 0)
                w = self.width - (first if n == 0 else 0)
                self.draw_line(x, base, line, lw, w, space, size, align == "justify" and n < len(lines) - 1)
        self.y -= after

    # -- tables --------------------------------------------------------------------------
    def _cell_lines(self, text: str, width: float, size: float, bold: bool = False, italic: bool = False):
        words = self._words(text, bold, italic)
        if not words:
            return [], self.width_of(" ", self.fonts["R"], size)
        return self.wrap(words, width, 0.0, size)

    def layout_table(self, left: list[str], right: list[str], widths_cm: tuple[float, float], left_style,
                     right_style) -> None:
        """Two borderless columns, each a list of lines (the header, the signature block)."""
        cm = 28.3465
        widths = [w * cm for w in widths_cm]
        columns = []
        for lines, style, w in ((left, left_style, widths[0]), (right, right_style, widths[1])):
            out = []
            for i, s in enumerate(lines):
                align, bold, italic, size = style(i, s)
                wrapped, space = self._cell_lines(s, w - 4, size, bold, italic)
                if not wrapped:
                    out.append((None, 0, 0, size, align))
                for line, lw in wrapped:
                    out.append((line, lw, space, size, align))
            columns.append(out)
        height = max(sum(r[3] * 1.3 for r in col) for col in columns)
        self.need(min(height, 200))
        top = self.y
        x0 = self.LEFT - 2
        for col, w in zip(columns, widths):
            y = top
            for line, lw, space, size, align in col:
                y -= size * 1.3
                if line is None:
                    continue
                x = x0 + 2 + ((w - 4 - lw) / 2 if align == "center" else 0)
                self.draw_line(x, y + size * 0.3, line, lw, lw, space, size, False)
            x0 += w
        self.y = top - height

    def grid_table(self, rows: list[list[str]], size: float = 10.5) -> None:
        weights = col_weights(rows)
        widths = [self.width * x for x in weights]
        pad = 3.0
        leading = size * 1.3

        def layout(ri: int, row: list[str]):
            cells = []
            for ci, v in enumerate(row):
                wrapped, space = self._cell_lines(v, widths[ci] - 2 * pad, size, bold=ri == 0)
                cells.append((wrapped, space))
            h = max(len(w) for w, _ in cells) * leading + 2 * pad + 1
            return cells, h

        laid = [layout(ri, r) for ri, r in enumerate(rows)]
        header = laid[0]
        self.need(header[1] + laid[1][1] if len(laid) > 1 else header[1])
        top_of_table = self.y

        def draw_row(ri: int, cells, h: float) -> None:
            c = self.c
            x = self.LEFT
            top = self.y
            for ci, (wrapped, space) in enumerate(cells):
                val = rows[ri][ci]
                numeric = ci > 0 and re.fullmatch(r"[\d.,%\s\-+<>≥≤]+", plain(val) or "x")
                centered = ri == 0 or numeric
                y = top - pad
                for line, lw in wrapped:
                    y -= leading
                    lx = x + pad + ((widths[ci] - 2 * pad - lw) / 2 if centered else 0)
                    self.draw_line(lx, y + leading - size, line, lw, lw, space, size, False)
                x += widths[ci]
            # rulings: top edge, bottom edge and the verticals of this row
            c.setLineWidth(0.6)
            c.line(self.LEFT, top, self.LEFT + self.width, top)
            c.line(self.LEFT, top - h, self.LEFT + self.width, top - h)
            x = self.LEFT
            for w in widths:
                c.line(x, top, x, top - h)
                x += w
            c.line(x, top, x, top - h)
            self.y = top - h

        del top_of_table
        draw_row(0, *header)
        for ri in range(1, len(rows)):
            cells, h = laid[ri]
            if self.y - h < self.BOTTOM:
                self.new_page()
                draw_row(0, *header)  # the header row repeats on the next page
            draw_row(ri, cells, h)
        self.y -= 8

    def save(self, title: str, author: str) -> bytes:
        c = self.c
        c.setTitle(title)
        c.setAuthor(author)
        c.setCreator("chitieu synth")
        c.setProducer("ReportLab")
        c.setSubject("")
        c.save()
        return self.buf.getvalue()


def render_pdf(doc: Doc) -> tuple[bytes, int]:
    from reportlab import rl_config
    a85 = rl_config.useA85
    rl_config.useA85 = 0  # binary streams: ASCII85 in pure Python is a sixth of the time
    try:
        return _render_pdf(doc)
    finally:
        rl_config.useA85 = a85


def _render_pdf(doc: Doc) -> tuple[bytes, int]:
    k = PdfLayout(doc.page_label, doc.running_header)
    k.layout_table(doc.header_left, doc.header_right, (6.4, 9.6),
                   lambda i, s: ("center", False, False, 10.5), lambda i, s: ("center", False, False, 10.5))
    k.y -= 14
    k.paragraph(doc.doc_kind, "center", bold=True, after=0)
    for s in doc.title:
        k.paragraph(s, "center", bold=True, after=0)
    k.y -= 8
    for s in doc.to:
        k.paragraph(s, "center", after=0)
    k.y -= 8
    for b in doc.blocks:
        if b.kind == "h1":
            k.paragraph(b.text, "center", bold=True, after=3, keep_with_next=True)
        elif b.kind in ("h2", "h3"):
            k.paragraph(b.text, bold=True, keep_with_next=True)
        elif b.kind == "h4":
            k.paragraph(b.text, bold=True, italic=True, keep_with_next=True)
        elif b.kind == "center":
            k.paragraph(b.text, "center", italic=True)
        elif b.kind == "bullet":
            k.paragraph("- " + b.text)
        elif b.kind == "para":
            k.paragraph(b.text)
        elif b.kind == "table":
            k.y -= 4
            k.grid_table(b.rows)
    k.y -= 12
    k.layout_table(doc.close_left, doc.close_right, (8.0, 8.0),
                   lambda i, s: ("left", i == 0, i == 0, 10 if i == 0 else 9.5),
                   lambda i, s: ("center", True, False, 12))
    pages = k.page
    return k.save(plain(doc.title_meta), doc.author), pages


# --------------------------------------------------------------------------------------------
# the archive
# --------------------------------------------------------------------------------------------

def _doc_plan(rng: random.Random, communes: list[Commune], years: range) -> list[tuple[Commune, int, str]]:
    """(commune, year, kind) of every document, in a fixed order."""
    out = []
    for c in communes:
        for y in years:
            if rng.random() < 0.4:
                out.append((c, y, "half_year"))
            out.append((c, y, "report"))
            out.append((c, y, "plan"))
    return out


def _prepare_out(out: Path) -> None:
    if out.exists():
        if not out.is_dir():
            raise FileExistsError(f"{out} is a file")
        entries = [p for p in out.iterdir()]
        if entries and not (out / "synth.json").exists():
            raise FileExistsError(f"{out} holds files synth did not write: choose an empty or new folder")
        for name in ("docs",):
            if (out / name).exists():
                shutil.rmtree(out / name)
        for name in ("truth_indicators.parquet", "truth_awards.parquet", "synth.json"):
            (out / name).unlink(missing_ok=True)
    out.mkdir(parents=True, exist_ok=True)


def synthesize(out: Path, communes: int, years: range, seed: int = 0,
               formats: tuple[str, ...] | list[str] = FORMATS,
               on_start=None, on_document=None) -> SynthSummary:
    """Write a synthetic archive under `out` (see the module doc) and its truth.

    `years`: the years reported on (each year's plan is for the year after). `formats` are
    taken in turn, document by document. `on_start(total)` and `on_document(path)` report
    progress. Without reportlab or the DejaVu fonts PDFs are left out (`summary.skipped` says
    why) and the other formats take their turn."""
    started = time.perf_counter()
    out = Path(out)
    formats = tuple(f for f in formats if f)
    unknown = [f for f in formats if f not in FORMATS]
    if unknown or not formats:
        raise ValueError(f"unknown formats {unknown}: choose among {', '.join(FORMATS)}")
    summary = SynthSummary(out)
    if "pdf" in formats and (why := pdf_available()):
        summary.skipped = f"pdf skipped: {why}"
        formats = tuple(f for f in formats if f != "pdf")
        if not formats:
            raise RuntimeError(summary.skipped)
    _prepare_out(out)
    docs_root = out / "docs"
    rng = random.Random(seed)
    units = make_communes(rng, communes)
    plan = _doc_plan(rng, units, years)
    if on_start:
        on_start(len(plan))
    truth = _TruthWriter(out)
    first_year = years[0] if len(years) else 0
    for i, (c, y, kind) in enumerate(plan):
        fmt = formats[i % len(formats)]
        old = rng.random() < 0.25
        ctx = Ctx(rng, c, y + 1 if kind == "plan" else y, kind, y - first_year + (1 if kind == "plan" else 0),
                  p_en=rng.choice([0.0, 0.1, 0.25]), p_glued=rng.choice([0.1, 0.3, 0.5]))
        label = {"report": "bc-tongket", "plan": "kh", "half_year": "bc-6thang"}[kind]
        stem = f"{c.slug}-{y}-{label}"
        builder = {"report": build_report, "plan": build_plan, "half_year": build_half_year}[kind]
        doc = builder(ctx, stem)
        doc.page_label = rng.choice(["Trang {n}", "{n}", "- {n} -"])
        doc.running_header = (f"UBND {c.full} - {doc.title[0].rstrip(',;')}"[:90] if rng.random() < 0.3 else None)
        doc.txt_markdown = rng.random() < 0.6
        doc.txt_crlf = rng.random() < 0.2
        doc.txt_encoding = rng.choices(["utf-8", "utf-8-sig", "utf-16", "cp1258"], weights=[80, 10, 5, 5])[0]
        doc.docx_nfd = rng.random() < 0.1
        finish(doc, old)
        folder = docs_root / slug(c.province) / slug(f"{c.district_kind} {c.district}") / c.slug
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"{stem}.{fmt}"
        if fmt == "txt":
            path.write_bytes(render_txt(doc))
        elif fmt == "docx":
            path.write_bytes(render_docx(doc))
        else:
            data, pages = render_pdf(doc)
            path.write_bytes(data)
            summary.pages += pages
        rel = path.relative_to(docs_root).as_posix()
        truth.add(rel, doc)
        summary.documents[fmt] += 1
        summary.kinds[kind] += 1
        if on_document:
            on_document(rel)
    summary.figures, summary.awards = truth.close()
    summary.seconds = time.perf_counter() - started
    manifest = {"generator": "chitieu synth", "seed": seed, "communes": communes,
                "years": [years[0], years[-1]] if len(years) else [], "formats": list(formats),
                "documents": dict(sorted(summary.documents.items())), "kinds": dict(sorted(summary.kinds.items())),
                "figures": summary.figures, "awards": summary.awards, "pdf_pages": summary.pages,
                "skipped": summary.skipped}
    (out / "synth.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return summary


class _TruthWriter:
    """The truth tables, written in row groups as documents come (memory stays flat)."""

    BATCH = 20_000

    def __init__(self, out: Path) -> None:
        import pyarrow as pa
        import pyarrow.parquet as pq
        self.pa = pa
        schemas = {
            "indicators": pa.schema([("file", pa.string()), ("indicator", pa.string()), ("measure", pa.string()),
                                     ("value", pa.float64()), ("unit", pa.string()), ("denominator", pa.float64()),
                                     ("comparator", pa.string()), ("is_estimate", pa.bool_()),
                                     ("quote", pa.string())]),
            "awards": pa.schema([("file", pa.string()), ("award", pa.string()), ("recipient", pa.string()),
                                 ("count", pa.int64()), ("grantor_level", pa.string()), ("status", pa.string()),
                                 ("quote", pa.string())]),
        }
        self.schemas = schemas
        self.writers = {name: pq.ParquetWriter(out / f"truth_{name}.parquet", schema)
                        for name, schema in schemas.items()}
        self.rows: dict[str, list[tuple]] = {"indicators": [], "awards": []}
        self.counts = {"indicators": 0, "awards": 0}

    def add(self, rel: str, doc: Doc) -> None:
        self.rows["indicators"] += [(rel, f.indicator, f.measure, f.value, f.unit, f.denominator, f.comparator,
                                     f.is_estimate, f.quote) for f in doc.figures()]
        self.rows["awards"] += [(rel, a.award, a.recipient, a.count, a.grantor_level, a.status, a.quote)
                                for a in doc.awards()]
        for name, rows in self.rows.items():
            if len(rows) >= self.BATCH:
                self._flush(name)

    def _flush(self, name: str) -> None:
        rows = self.rows[name]
        if rows:
            schema = self.schemas[name]
            columns = [self.pa.array(col, type=f.type) for col, f in zip(zip(*rows), schema)]
            self.writers[name].write_table(self.pa.Table.from_arrays(columns, schema=schema))
            self.counts[name] += len(rows)
            self.rows[name] = []

    def close(self) -> tuple[int, int]:
        for name, writer in self.writers.items():
            self._flush(name)
            writer.close()
        return self.counts["indicators"], self.counts["awards"]


# --------------------------------------------------------------------------------------------
# scoring (the matching rules of ../shared/eval/score.py)
# --------------------------------------------------------------------------------------------

_TONES = {0x300, 0x301, 0x303, 0x309, 0x323}


def fold(text) -> str:
    """Case-fold and move tone marks to the end of each syllable (old and new placement equal)."""
    if text is None or (isinstance(text, float) and math.isnan(text)):
        return ""
    out = []
    for word in re.split(r"(\s+)", str(text).strip().casefold()):
        d = unicodedata.normalize("NFD", word)
        tones = "".join(sorted(ch for ch in d if ord(ch) in _TONES))
        base = "".join(ch for ch in d if ord(ch) not in _TONES)
        out.append(unicodedata.normalize("NFC", base) + tones)
    return re.sub(r"\s+", " ", "".join(out))


def _close(a, b) -> bool:
    try:
        a, b = float(a), float(b)
    except (TypeError, ValueError):
        return False
    if math.isnan(a) or math.isnan(b):
        return False
    return abs(a - b) <= max(1e-9, 1e-6 * max(abs(a), abs(b)))


def _stem(path: str) -> str:
    name = str(path).replace("\\", "/").rsplit("/", 1)[-1]
    return name.rsplit(".", 1)[0] if "." in name else name


def _pair(gold_by: dict[str, list], pred_by: dict[str, list], same) -> tuple[list, list, list]:
    """Match each truth row to a processed row of the same file (`same(truth, row)`), each processed
    row used once, preferring one whose sentence holds the truth's quote, as score.py does.
    Returns (matches as (file, truth, row), misses as (file, truth), unused as (file, row))."""
    matches, misses, unused = [], [], []
    for key in sorted(set(gold_by) | set(pred_by)):
        rows = pred_by.get(key, [])
        used: set[int] = set()
        for g in gold_by.get(key, []):
            cands = [i for i, r in enumerate(rows) if i not in used and same(g, r)]
            if not cands:
                misses.append((key, g))
                continue
            cands.sort(key=lambda i: not (g["quote"] and fold(g["quote"]) in fold(rows[i]["sentence"])))
            used.add(cands[0])
            matches.append((key, g, rows[cands[0]]))
        unused += [(key, r) for i, r in enumerate(rows) if i not in used]
    return matches, misses, unused


def _prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def _read(root: Path, name: str):
    import pyarrow.dataset as ds
    folder = Path(root) / name
    if not folder.exists():
        return None
    return ds.dataset(str(folder), format="parquet", partitioning="hive").to_table().to_pylist()


def score(dataset_dir: Path, truth_dir: Path, details: int = 0) -> dict:
    """Precision, recall and F1 of a processed dataset against synth truth.

    Figures: a truth row is found by a processed row of the same file stem with the same
    measure, unit and value (relative tolerance 1e-6), each processed row used once; the rest
    of the processed rows are false positives. Awards: same stem, award, recipient and count.
    Also the share of found figures with the truth's indicator code (`indicator_acc`), and of
    found awards with its grantor level and status (`awards_attr_acc`). Only documents the
    truth knows are scored. Comparator, estimate and denominator are judged on found figures as
    score.py does (`comparator_acc`, `is_estimate_acc`, `denominator_acc`). With `details` > 0, up
    to that many of each are listed (`misses`, `false_positives`, `wrong_code`, `wrong_attributes`,
    `award_misses`, `award_false_positives`).
    """
    import pyarrow.parquet as pq
    truth_dir, dataset_dir = Path(truth_dir), Path(dataset_dir)
    t_fig = pq.read_table(truth_dir / "truth_indicators.parquet").to_pylist()
    t_aw = pq.read_table(truth_dir / "truth_awards.parquet").to_pylist()
    stems = {_stem(r["file"]) for r in t_fig} | {_stem(r["file"]) for r in t_aw}
    docs = _read(dataset_dir, "documents") or []
    scored = {d["doc_id"] for d in docs if _stem(d["source_path"]) in stems}
    result: dict = {"documents": len(scored), "failed": sum(1 for d in docs if d["doc_id"] in scored and d["status"] != "ok")}

    def group(rows, key):
        out: dict[str, list] = {}
        for r in rows:
            out.setdefault(key(r), []).append(r)
        return out

    preds = [r for r in (_read(dataset_dir, "indicators") or []) if r["doc_id"] in scored]
    gold_by = group(t_fig, lambda r: _stem(r["file"]))
    pred_by = group(preds, lambda r: _stem(r["source_path"]))
    matches, missed, unused = _pair(
        gold_by, pred_by,
        lambda g, r: r["measure"] == g["measure"] and r["unit"] == g["unit"] and _close(r["value"], g["value"]))
    tp, fn, fp = len(matches), len(missed), len(unused)
    misses = [(key, g["indicator"], g["measure"], g["value"], g["quote"]) for key, g in missed]
    fps = [(key, r["indicator"], r["measure"], r["value"], r["unit"], str(r["sentence"])[:120]) for key, r in unused]
    code_ok = code_n = 0
    wrong_code, wrong_attr = [], []
    attr = {"comparator": [0, 0], "is_estimate": [0, 0], "denominator": [0, 0]}
    for key, g, r in matches:
        if g["indicator"] != "other":
            code_n += 1
            if r["indicator"] == g["indicator"]:
                code_ok += 1
            else:
                wrong_code.append((key, g["indicator"], r["indicator"], g["quote"]))
        for col in ("comparator", "is_estimate", "denominator"):
            want, got = g.get(col), r.get(col)
            if col == "is_estimate":
                if g["measure"] != "value":
                    continue  # only the amount itself is judged as estimate or not
                ok = bool(want) == bool(got)
            elif col == "denominator":
                if want is None or (isinstance(want, float) and math.isnan(want)):
                    continue
                ok = _close(want, got)
            else:
                ok = want == got
            attr[col][0] += ok
            attr[col][1] += 1
            if not ok:
                wrong_attr.append((key, col, want, got, g["quote"]))
    pr, rc, f1 = _prf(tp, fp, fn)
    result.update(figures_tp=tp, figures_fp=fp, figures_fn=fn, figures_p=pr, figures_r=rc, figures_f1=f1,
                  indicator_acc=code_ok / code_n if code_n else 1.0)
    for col, (ok, n) in attr.items():
        if n:
            result[f"{col}_acc"] = ok / n

    apreds = [r for r in (_read(dataset_dir, "awards") or []) if r["doc_id"] in scored]
    gold_by = group(t_aw, lambda r: _stem(r["file"]))
    pred_by = group(apreds, lambda r: _stem(r["source_path"]))
    amatches, amissed, aunused = _pair(
        gold_by, pred_by,
        lambda g, r: r["award"] == g["award"] and r["recipient"] == g["recipient"] and _close(r["count"], g["count"]))
    atp, afn, afp = len(amatches), len(amissed), len(aunused)
    amiss = [(key, g["award"], g["recipient"], g["count"], g["quote"]) for key, g in amissed]
    afps = [(key, r["award"], r["recipient"], r["count"], str(r["sentence"])[:120]) for key, r in aunused]
    attr_ok = attr_n = 0
    for _, g, r in amatches:
        for col in ("grantor_level", "status"):
            if g.get(col):
                attr_n += 1
                attr_ok += r.get(col) == g[col]
    ap, ar, af = _prf(atp, afp, afn)
    result.update(awards_tp=atp, awards_fp=afp, awards_fn=afn, awards_p=ap, awards_r=ar, awards_f1=af,
                  awards_attr_acc=attr_ok / attr_n if attr_n else 1.0)
    if details:
        result.update(misses=misses[:details], false_positives=fps[:details], wrong_code=wrong_code[:details],
                      wrong_attributes=wrong_attr[:details],
                      award_misses=amiss[:details], award_false_positives=afps[:details])
    return result
