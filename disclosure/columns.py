"""The 政府信息公开 column's four first-level columns (条例 第二十四条; 国办公开办函〔2019〕61号).

They are the same on every organisation's column, so they are platform data, not rows an organisation edits.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class ColumnSpec:
    slug: str
    name: str
    summary: str
    empty_text: str


GUIDE = ColumnSpec(
    "zfxxgkzn",
    "政府信息公开指南",
    "本机关政府信息的分类、编排体系和获取方式，政府信息公开工作机构的名称、办公地址、办公时间、"
    "联系电话、传真号码和电子邮箱（条例第十二条）。",
    "本栏目暂无政府信息公开指南。",
)
RULES = ColumnSpec(
    "zfxxgkzd",
    "政府信息公开制度",
    "本机关政府信息公开工作遵循的制度：内容审核、预公开、依申请公开、监督考核和责任追究等。",
    "本栏目暂无政府信息公开制度。",
)
STATUTORY = ColumnSpec(
    "fdzdgknr",
    "法定主动公开内容",
    "《中华人民共和国政府信息公开条例》第二十条、第二十一条规定应当主动公开的政府信息，"
    "以及基层政务公开标准目录确定的公开事项。",
    "本栏目暂无法定主动公开内容。",
)
ANNUAL_REPORT = ColumnSpec(
    "zfxxgknb",
    "政府信息公开年报",
    "本机关每年公布的上一年度政府信息公开工作年度报告（条例第四十九条、第五十条）。",
    "本栏目暂无政府信息公开年报。",
)
FIRST_LEVEL: tuple[ColumnSpec, ...] = (GUIDE, RULES, STATUTORY, ANNUAL_REPORT)
BY_SLUG = {c.slug: c for c in FIRST_LEVEL}

CONSULTATION = ColumnSpec(
    "yjzj",
    "意见征集",
    "重大行政决策和行政规范性文件草案在作出决定前公开征求意见（预公开）。",
    "目前没有正在征求意见的决策草案。",
)
