"""Figure templates: each writes sentences whose every number is recorded as truth (production,
crops and livestock, enterprises, budget, income, society, environment, education, security), and
the numbers that are not figures (dates, anniversaries, document numbers)."""
from __future__ import annotations

import re
from decimal import Decimal

from .context import Ctx
from .document import Block
from .truth import Writer
from .writing import dec, q, vn

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
    rng.choice(["industry_construction", "industry_construction", "split"])  # unused; kept so a seed gives the same archive
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
