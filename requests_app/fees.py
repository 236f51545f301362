"""信息处理费 (条例 第四十二条; 《政府信息公开信息处理费管理办法》国办函〔2020〕109号): both excess-progressive
methods, in yuan. Free by default; charged only when volume or frequency clearly exceeds a reasonable range."""


def fee_per_application(nth_this_month: int) -> int:
    """按件: the applicant's n-th application this calendar month. 1–10 free; 11–30 ¥100 each;
    from 31, bands of 10, each band ¥100 more than the last (31–40 ¥200, 41–50 ¥300, …)."""
    if nth_this_month < 1:
        raise ValueError("申请件次从1开始计算。")
    if nth_this_month <= 10:
        return 0
    if nth_this_month <= 30:
        return 100
    return 100 * (1 + (nth_this_month - 31) // 10 + 1)


def fee_per_page(pages: int) -> int:
    """按量: 1–30 pages free; 31–100 ¥10 a page; 101–200 ¥20 a page; from 201 ¥40 a page."""
    if pages < 0:
        raise ValueError("页数不能为负。")
    return 10 * max(0, min(pages, 100) - 30) + 20 * max(0, min(pages, 200) - 100) + 40 * max(0, pages - 200)
