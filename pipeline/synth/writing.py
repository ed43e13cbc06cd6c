"""Numbers and spelling as Vietnamese reports write them: "1.234,5" and "55.76", counts in words,
the old tone placement ("hoá", "thuỷ")."""
from __future__ import annotations

import random
import re
from decimal import ROUND_HALF_UP, Decimal

NUMBER_WORDS = {1: "một", 2: "hai", 3: "ba", 4: "bốn", 6: "sáu", 7: "bảy", 8: "tám", 9: "chín", 10: "mười"}


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
