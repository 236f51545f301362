"""The rows of 政府网站工作年度报表 (国办发〔2017〕47号 附件, as 国办函〔2018〕12号 asks every government website to
publish it), in the national table's order: each row is (group, label, key, how it is filled).

`COMPUTED` rows are counted from the records and frozen into the report when it is drafted; `ENTERED` rows are
typed by the organisation's staff (what the portal cannot know); `TOTAL` rows add up the rows named with them.
The source of each computed figure: docs/architecture.md (政府网站工作年度报表)."""

from __future__ import annotations

from dataclasses import dataclass


class Source:
    COMPUTED = "computed"
    ENTERED = "entered"
    TOTAL = "total"


@dataclass(frozen=True)
class Row:
    group: str
    label: str
    key: str
    source: str
    kind: str = "int"  # "int", "bool", "text", "decimal"
    parts: tuple[str, ...] = ()  # for TOTAL: the keys added up
    hint: str = ""


C, E, T = Source.COMPUTED, Source.ENTERED, Source.TOTAL

ROWS: tuple[Row, ...] = (
    Row("", "网站名称", "site_name", C, "text"),
    Row("", "首页网址", "home_url", C, "text"),
    Row("", "主办单位", "sponsor", C, "text"),
    Row("", "网站类型", "site_type", C, "text"),
    Row("", "政府网站标识码", "site_code", C, "text"),
    Row("", "ICP备案编号", "icp_number", C, "text"),
    Row("", "公安机关备案号", "police_number", C, "text"),
    Row("", "独立用户访问总量（单位：个）", "visitors", C),
    Row("", "网站总访问量（单位：次）", "views", C),
    Row("信息发布（单位：条）", "总数", "published", T, parts=("overview", "news", "catalogue")),
    Row("信息发布（单位：条）", "概况类信息", "overview", C),
    Row("信息发布（单位：条）", "政务动态信息", "news", C),
    Row("信息发布（单位：条）", "信息公开目录信息", "catalogue", C),
    Row("专栏专题（单位：个）", "维护数量", "topics", C),
    Row(
        "专栏专题（单位：个）",
        "新开设数量",
        "topics_new",
        E,
        hint="本年新开设的专题数量。系统管理日志中记录的新建专题数已预先填入，请核对。",
    ),
    Row(
        "解读回应",
        "解读信息发布 总数（单位：条）",
        "interpretations",
        T,
        parts=("interpretation_materials", "interpretation_products", "media_articles"),
    ),
    Row("解读回应", "其中：解读材料数量（单位：条）", "interpretation_materials", C),
    Row(
        "解读回应",
        "其中：解读产品数量（单位：个）",
        "interpretation_products",
        E,
        hint="图解、音视频、动漫等形式的解读产品。",
    ),
    Row("解读回应", "其中：媒体评论文章数量（单位：篇）", "media_articles", E),
    Row("解读回应", "回应公众关注热点或重大舆情数量（单位：次）", "responses", E),
    Row("办事服务", "是否发布服务事项目录", "service_catalogue", E, "bool"),
    Row("办事服务", "注册用户数（单位：个）", "registered_users", E),
    Row("办事服务", "政务服务事项数量（单位：项）", "service_items", E),
    Row("办事服务", "可全程在线办理政务服务事项数量（单位：项）", "online_items", E),
    Row("办事服务", "办件量 总数（单位：件）", "cases", T, parts=("cases_person", "cases_legal")),
    Row("办事服务", "其中：自然人办件量（单位：件）", "cases_person", E),
    Row("办事服务", "其中：法人办件量（单位：件）", "cases_legal", E),
    Row("互动交流", "是否使用统一平台", "unified_platform", E, "bool"),
    Row("互动交流", "留言办理：收到留言数量（单位：条）", "messages_received", C),
    Row("互动交流", "留言办理：办结留言数量（单位：条）", "messages_closed", C),
    Row("互动交流", "留言办理：平均办理时间（单位：天）", "messages_days", C, "decimal"),
    Row("互动交流", "留言办理：公开答复数量（单位：条）", "messages_published", C),
    Row("互动交流", "征集调查：征集调查期数（单位：期）", "surveys", C),
    Row("互动交流", "征集调查：收到意见数量（单位：条）", "survey_comments", C),
    Row("互动交流", "征集调查：公布调查结果期数（单位：期）", "survey_results", C),
    Row("互动交流", "在线访谈：访谈期数（单位：期）", "interviews", E),
    Row("互动交流", "在线访谈：网民留言数量（单位：条）", "interview_messages", E),
    Row("互动交流", "在线访谈：答复网民提问数量（单位：条）", "interview_answers", E),
    Row("互动交流", "是否提供智能问答功能", "smart_answers", E, "bool"),
    Row(
        "安全防护",
        "安全检测评估次数（单位：次）",
        "security_checks",
        E,
        hint="本年由本单位或委托的专业机构开展的安全检测评估次数。",
    ),
    Row("安全防护", "发现问题数量（单位：个）", "security_problems", E),
    Row("安全防护", "问题整改数量（单位：个）", "security_fixed", E),
    Row("安全防护", "是否建立安全监测预警机制", "monitoring", E, "bool"),
    Row(
        "安全防护",
        "是否开展应急演练",
        "drills",
        E,
        "bool",
        hint="平台的备份恢复演练记录已作为参考列在下方，请按本单位实际情况填写。",
    ),
    Row("安全防护", "是否明确网站安全责任人", "security_officer", E, "bool"),
    Row("移动新媒体", "是否有移动新媒体", "new_media", E, "bool"),
    Row("移动新媒体", "微博：名称", "weibo_name", E, "text"),
    Row("移动新媒体", "微博：信息发布量（单位：条）", "weibo_posts", E),
    Row("移动新媒体", "微博：关注量（单位：个）", "weibo_followers", E),
    Row("移动新媒体", "微信：名称", "wechat_name", E, "text"),
    Row("移动新媒体", "微信：信息发布量（单位：条）", "wechat_posts", E),
    Row("移动新媒体", "微信：订阅数（单位：个）", "wechat_subscribers", E),
    Row("移动新媒体", "其他", "other_media", E, "text", hint="其他移动新媒体的名称，如政务客户端、小程序。"),
    Row("创新发展", "搜索即服务", "search_service", E, "bool"),
    Row("创新发展", "多语言版本", "languages", E, "bool"),
    Row(
        "创新发展",
        "无障碍浏览",
        "accessible",
        E,
        "bool",
        hint="本平台提供长者模式和高对比度模式（GB/T 37668-2019），已预先选“是”。",
    ),
    Row("创新发展", "千人千网", "personalised", E, "bool"),
    Row("创新发展", "其他", "other_innovation", E, "text"),
)
# The signature lines under the table.
PEOPLE: tuple[tuple[str, str], ...] = (
    ("head", "单位负责人"), ("checker", "审核人"), ("filler", "填报人"),
    ("phone", "联系电话"), ("filled_on", "填报日期"),
)  # fmt: skip

BY_KEY = {row.key: row for row in ROWS}
ENTERED = tuple(row for row in ROWS if row.source == Source.ENTERED)
COMPUTED = tuple(row for row in ROWS if row.source == Source.COMPUTED)


def groups() -> list[tuple[str, list[Row]]]:
    """The rows in runs of the same group, for the table's merged group cells."""
    runs: list[tuple[str, list[Row]]] = []
    for row in ROWS:
        if runs and row.group and runs[-1][0] == row.group:
            runs[-1][1].append(row)
        else:
            runs.append((row.group, [row]))
    return runs
