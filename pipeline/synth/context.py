"""The context of one synthetic document: its commune and year, the values it draws, the
narrative sentences it has used, and its number styles."""
from __future__ import annotations

import random
from dataclasses import dataclass, field
from decimal import Decimal

from .document import Block
from .narrative import OPENERS, TOPICS
from .places import Commune
from .writing import NUMBER_WORDS, en2, q, vn

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
