"""The ready catalogue a town starts from: the 26 areas of 国办发〔2019〕54号 (《关于全面推进基层政务公开标准化规范化
工作的指导意见》, whose annex lists the areas whose ministries issued 基层政务公开标准指引) and, in each, the 公开事项
the project could source. Every entry says where it comes from; where the project could not source a legal
basis, it says 依据待核 instead of inventing one, and the office head completes it when adapting the catalogue.

Sources read (2026-12): the area list of 54号; the 民政部 社会救助领域基层政务公开标准指引 as the county and town
directories that adopted it reproduce it (e.g. 天津市宝坻区、辽宁省盖州市 社会救助领域基层政务公开标准目录: 政策法规
文件 and 办事指南 “制定或获取信息之日起10个工作日内”; 低保 初审对象名单 “公示7个工作日”); 预算法 第十四条;
土地管理法 第四十七条; 城乡规划法 第八条、第二十六条; 国有土地上房屋征收与补偿条例 第十条; 条例 第二十六条 for the
default 时限."""

from __future__ import annotations

from dataclasses import dataclass, field

from .models import UNSOURCED, Audience, Channel, DeadlineUnit, Recurrence

GUIDELINE_54 = "国办发〔2019〕54号 附件所列试点领域"
DEFAULT_DEADLINE = "信息形成或者变更之日起20个工作日内"  # 条例 第二十六条
MZ_SOURCE = "民政部社会救助领域基层政务公开标准指引（据地方标准目录转引）"
MZ_DEADLINE = "制定或获取信息之日起10个工作日内"


@dataclass(frozen=True)
class StandardMatter:
    name: str
    content: str
    basis: str = UNSOURCED
    deadline_text: str = DEFAULT_DEADLINE
    deadline_days: int = 20
    deadline_unit: str = DeadlineUnit.WORKING_DAYS
    recurrence: str = Recurrence.STANDING
    notice_working_days: int | None = None
    channels: tuple[str, ...] = (Channel.WEBSITE,)
    audience: str = Audience.PUBLIC
    column: str = ""  # the slug of the column its items are drafted in
    keywords: str = ""
    source: str = ""


@dataclass(frozen=True)
class StandardArea:
    name: str
    matters: list[StandardMatter] = field(default_factory=list)
    source: str = GUIDELINE_54


def policies(area: str, column: str = "mszc") -> StandardMatter:
    """政策法规文件, the first 事项 of every area guideline; its basis is the area's own law, to be checked."""
    return StandardMatter(
        "政策法规文件", f"{area}领域的法律法规、政策文件及本地配套文件", column=column,
        keywords="政策、办法、规定", source=f"{GUIDELINE_54}；事项按各领域指引的通行结构，依据待核",
    )  # fmt: skip


def area(name: str, column: str = "mszc", *extra: StandardMatter) -> StandardArea:
    return StandardArea(name, [policies(name, column), *extra])


SOCIAL_ASSISTANCE = StandardArea(
    "社会救助",
    [
        StandardMatter(
            "最低生活保障 › 政策法规文件", "《社会救助暂行办法》及各地配套政策法规文件",
            basis="《社会救助暂行办法》；《国务院关于进一步加强和改进最低生活保障工作的意见》",
            deadline_text=MZ_DEADLINE, deadline_days=10, column="shjz", keywords="低保政策", source=MZ_SOURCE,
        ),
        StandardMatter(
            "最低生活保障 › 办事指南",
            "办理事项、办理条件、最低生活保障标准、申请材料、办理流程、办理时间、地点、联系方式",
            basis="《国务院关于进一步加强和改进最低生活保障工作的意见》及各地相关政策法规文件",
            deadline_text=MZ_DEADLINE, deadline_days=10, channels=(Channel.WEBSITE, Channel.SERVICE_CENTRE),
            column="shjz", keywords="办事指南", source=MZ_SOURCE,
        ),
        StandardMatter(
            "最低生活保障 › 审核确认对象名单公示", "初审对象名单及相关信息（不含身份证号码等个人隐私）",
            basis="《社会救助暂行办法》；《最低生活保障审核审批办法（试行）》",
            deadline_text=f"{MZ_DEADLINE}，公示7个工作日", deadline_days=10, recurrence=Recurrence.MONTHLY,
            notice_working_days=7, channels=(Channel.VILLAGE_BOARD, Channel.SERVICE_CENTRE, Channel.WEBSITE),
            column="shjz", keywords="低保、最低生活保障",
            source=f"{MZ_SOURCE}；按月公示为本镇做法",
        ),
        StandardMatter(
            "特困人员救助供养 › 政策法规文件", "特困人员认定办法、救助供养标准及本地配套文件",
            basis="《国务院关于进一步健全特困人员救助供养制度的意见》（国发〔2016〕14号）；《特困人员认定办法》",
            deadline_text=MZ_DEADLINE, deadline_days=10, column="shjz", keywords="特困", source=MZ_SOURCE,
        ),
        StandardMatter(
            "综合业务 › 监督检查", "社会救助信访通讯地址、投诉举报电话",
            basis="《社会救助暂行办法》", deadline_text=MZ_DEADLINE, deadline_days=10, column="shjz",
            keywords="投诉举报电话", source=MZ_SOURCE,
        ),
    ],
    source=f"{GUIDELINE_54}；{MZ_SOURCE}",
)  # fmt: skip

FINANCE = StandardArea(
    "财政预决算",
    [
        StandardMatter(
            "乡镇预算", "经乡镇人民代表大会批准的预算、预算调整及报表",
            basis="《中华人民共和国预算法》第十四条", deadline_text="批准后二十日内", deadline_days=20,
            deadline_unit=DeadlineUnit.DAYS, recurrence=Recurrence.EVENT, column="czyjs", keywords="预算",
            source="预算法第十四条",
        ),
        StandardMatter(
            "乡镇决算", "经乡镇人民代表大会批准的决算及报表",
            basis="《中华人民共和国预算法》第十四条", deadline_text="批准后二十日内", deadline_days=20,
            deadline_unit=DeadlineUnit.DAYS, recurrence=Recurrence.EVENT, column="czyjs", keywords="决算",
            source="预算法第十四条",
        ),
    ],
)  # fmt: skip

LAND = StandardArea(
    "征地补偿",
    [
        policies("征地补偿", "tdzs"),
        StandardMatter(
            "征收土地预公告和补偿安置方案公告",
            "征收范围、土地现状、征收目的、补偿标准、安置方式和社会保障等（在拟征收土地所在的乡镇和村、村民小组"
            "范围内公告至少三十日）",
            basis="《中华人民共和国土地管理法》第四十七条", recurrence=Recurrence.EVENT,
            channels=(Channel.VILLAGE_BOARD, Channel.WEBSITE), column="tdzs", keywords="征收、征地",
            source="土地管理法第四十七条；时限按条例第二十六条",
        ),
    ],
)  # fmt: skip

PLANNING = StandardArea(
    "城乡规划",
    [
        StandardMatter(
            "经批准的城乡规划", "乡规划、村庄规划的批准文件及规划内容",
            basis="《中华人民共和国城乡规划法》第八条", recurrence=Recurrence.EVENT, column="ghxx",
            keywords="规划", source="城乡规划法第八条；时限按条例第二十六条",
        ),
        StandardMatter(
            "规划草案公告", "报送审批前的规划草案（公告时间不得少于三十日）",
            basis="《中华人民共和国城乡规划法》第二十六条", recurrence=Recurrence.EVENT, column="ghxx",
            keywords="草案", source="城乡规划法第二十六条",
        ),
    ],
)  # fmt: skip

HOUSING_EXPROPRIATION = StandardArea(
    "国有土地上房屋征收",
    [
        StandardMatter(
            "征收补偿方案征求意见", "拟定的征收补偿方案（征求意见期限不得少于30日）",
            basis="《国有土地上房屋征收与补偿条例》第十条", recurrence=Recurrence.EVENT, column="fwzs",
            keywords="房屋征收", source="国有土地上房屋征收与补偿条例第十条",
        ),
    ],
)  # fmt: skip

STANDARD: list[StandardArea] = [
    PLANNING,
    area("重大建设项目", "zdjsxm"),
    area("公共资源交易", "zfcg"),
    FINANCE,
    area("安全生产", "jdjc"),
    area("税收管理", "qtfdgk"),
    LAND,
    HOUSING_EXPROPRIATION,
    area("扶贫"),
    SOCIAL_ASSISTANCE,
    area("养老服务"),
    area("公共法律服务"),
    area("户籍管理", "xzxk"),
    area("涉农补贴", "nyncz"),
    area("就业"),
    area("社会保险"),
    area("义务教育"),
    area("医疗卫生"),
    area("环境保护", "jdjc"),
    area("公共文化服务"),
    area("救灾", "yjgl"),
    area("食品药品监管", "jdjc"),
    area("城市综合执法", "xzcf"),
    area("市政服务"),
    area("农村危房改造"),
    area("保障性住房"),
]
