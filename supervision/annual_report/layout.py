"""The national annual-report format (国办公开办函〔2021〕30号): every heading, row and column label exactly as the
format prints it. The computation, the checks, the page, the DOCX and the JSON all read the labels from here."""

SECTIONS = [
    "一、总体情况",
    "二、主动公开政府信息情况",
    "三、收到和处理政府信息公开申请情况",
    "四、政府信息公开行政复议、行政诉讼情况",
    "五、存在的主要问题及改进情况",
    "六、其他需要报告的事项",
]

# Table 二: four blocks, each (heading, column headings, row labels)
TABLE_TWO = [
    ("第二十条第（一）项", ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"], ["规章", "行政规范性文件"]),
    ("第二十条第（五）项", ["信息内容", "本年处理决定数量"], ["行政许可"]),
    ("第二十条第（六）项", ["信息内容", "本年处理决定数量"], ["行政处罚", "行政强制"]),
    ("第二十条第（八）项", ["信息内容", "本年收费金额（单位：万元）"], ["行政事业性收费"]),
]

# Table 三: the applicant columns (the five organisations under one merged heading) and the total
APPLICANTS = "申请人情况"
PERSON = "自然人"
ORGANISATIONS = "法人或其他组织"
ORGANISATION_COLUMNS = ["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]
THREE_COLUMNS = [PERSON, *ORGANISATION_COLUMNS, "总计"]
THREE_CORNER = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
APPLICANT_COLUMN = {
    "person": PERSON,
    "business": "商业企业",
    "research": "科研机构",
    "nonprofit": "社会公益组织",
    "legal_service": "法律服务机构",
    "other_organisation": "其他",
}

NEW = "一、本年新收政府信息公开申请数量"
CARRIED_IN = "二、上年结转政府信息公开申请数量"
RESULTS = "三、本年度办理结果"
TOTAL = "（七）总计"
CARRIED_OUT = "四、结转下年度继续办理"

# The rows of 三 under 本年度办理结果: (group label, [sub-row labels]); a group without sub-rows is one row.
RESULT_GROUPS = [
    ("（一）予以公开", []),
    ("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", []),
    ("（三）不予公开", ["1.属于国家秘密", "2.其他法律行政法规禁止公开", "3.危及“三安全一稳定”", "4.保护第三方合法权益",
                    "5.属于三类内部事务信息", "6.属于四类过程性信息", "7.属于行政执法案卷", "8.属于行政查询事项"]),
    ("（四）无法提供", ["1.本机关不掌握相关政府信息", "2.没有现成信息需要另行制作", "3.补正后申请内容仍不明确"]),
    ("（五）不予处理", ["1.信访举报投诉类申请", "2.重复申请", "3.要求提供公开出版物", "4.无正当理由大量反复申请",
                    "5.要求行政机关确认或重新出具已获取信息"]),
    ("（六）其他处理", ["1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
                    "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", "3.其他"]),
]  # fmt: skip


def result_rows() -> list[str]:
    """Row keys of 三 under 本年度办理结果, in order: "（一）予以公开", "（三）不予公开 1.属于国家秘密" …"""
    rows = []
    for group, subs in RESULT_GROUPS:
        rows.extend([group] if not subs else [f"{group} {sub}" for sub in subs])
    return rows


def three_rows() -> list[str]:
    return [NEW, CARRIED_IN, *result_rows(), TOTAL, CARRIED_OUT]


# Table 四: three groups of five columns
FOUR_GROUPS = ["行政复议", "行政诉讼（未经复议直接起诉）", "行政诉讼（复议后起诉）"]
FOUR_COLUMNS = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
