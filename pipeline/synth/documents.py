"""The three kinds of synthetic document (year-end report, half-year report, plan), each laid out
as reports are, and `finish`: the old tone placement and the quotes of the truth rows."""
from __future__ import annotations

from .awards import t_awards
from .context import Ctx
from .document import Block, Doc
from .figures import (t_budget, t_crops, t_education, t_enterprise, t_environment, t_income, t_nonfigures,
                      t_production, t_security, t_society)
from .targets import _table_values, t_table, t_targets
from .truth import quote
from .writing import old_tone

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
    return Doc(left, right, "BÁO CÁO", title, [], blocks, close_left, close_right, stem=stem,
               kind="report", title_meta=" ".join(["BÁO CÁO"] + title), author=f"UBND {c.full}")


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
    return Doc(left, right, "BÁO CÁO", title, to, blocks, close_left, close_right, stem=stem,
               kind="half_year", title_meta=" ".join(["BÁO CÁO"] + title), author=f"UBND {c.full}")


def build_plan(ctx: Ctx, stem: str) -> Doc:
    """The plan for ctx.year, issued in December of the year before."""
    rng = ctx.rng
    y = ctx.year
    c = ctx.c
    left, right = _header(ctx, "KH", rng.randint(15, 30), 12, y - 1)
    title = rng.choice([["Thực hiện nhiệm vụ phát triển kinh tế - xã hội,", f"bảo đảm quốc phòng - an ninh năm {y}"],
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
    return Doc(left, right, "KẾ HOẠCH", title, [], blocks, close_left, close_right, stem=stem,
               kind="plan", title_meta=" ".join(["KẾ HOẠCH"] + title), author=f"UBND {c.full}")


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
                f.quote = quote(b.text, f.pos)
        for a in b.awards:
            a.quote = quote(b.text, a.pos)
