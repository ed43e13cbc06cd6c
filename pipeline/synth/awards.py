"""The award templates: certificates of merit and commendation, titles, proposed flags, each count
recorded with its award, recipient, grantor level and status."""
from __future__ import annotations

from .context import Ctx
from .document import Block
from .truth import Writer
from .writing import vn

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
