"""Targets (plans, and the "phương hướng" part of reports) and the indicator table that repeats a
document's own figures."""
from __future__ import annotations

from decimal import Decimal

from .context import Ctx
from .document import Block
from .truth import TruthFigure, Writer
from .writing import dec, q, vn

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
