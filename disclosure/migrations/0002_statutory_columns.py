"""The columns the law fixes for every organisation: 条例 第二十条 (1)–(15), 第二十一条 for towns, the rules
and annual-report columns, and 工作动态. Areas of the county's 基层政务公开标准目录 are added by admins."""

from django.db import migrations

ARTICLE_20 = [
    ("fgwj", "法规文件", "行政法规、规章和规范性文件", 180),
    ("jgzn", "机构职能", "机关职能、机构设置、办公地址、办公时间、联系方式、负责人姓名", None),
    ("ghxx", "规划信息", "国民经济和社会发展规划、专项规划、区域规划及相关政策", 180),
    ("tjxx", "统计信息", "国民经济和社会发展统计信息", None),
    ("xzxk", "行政许可和管理服务", "办理行政许可和其他对外管理服务事项的依据、条件、程序以及办理结果", None),
    ("xzcf", "行政处罚和行政强制", "实施行政处罚、行政强制的依据、条件、程序以及本行政机关认为具有一定社会影响的行政处罚决定", None),
    ("czyjs", "财政预决算", "财政预算、决算信息", None),
    ("xzsf", "行政事业性收费", "行政事业性收费项目及其依据、标准", None),
    ("zfcg", "政府采购", "政府集中采购项目的目录、标准及实施情况", None),
    ("zdjsxm", "重大建设项目", "重大建设项目的批准和实施情况", None),
    ("mszc", "民生政策", "扶贫、教育、医疗、社会保障、促进就业等方面的政策、措施及其实施情况", 180),
    ("yjgl", "应急管理", "突发公共事件的应急预案、预警信息及应对情况", None),
    ("jdjc", "监督检查", "环境保护、公共卫生、安全生产、食品药品、产品质量的监督检查情况", None),
    ("gwyzk", "公务员招考", "公务员招考的职位、名额、报考条件等事项以及录用结果", None),
    ("qtfdgk", "其他法定公开信息", "法律、法规、规章和国家有关规定规定应当主动公开的其他政府信息", None),
]
NUMERALS = "一二三四五六七八九十"
ARTICLE_21 = [
    ("nyncz", "农业农村政策", "贯彻落实农业农村政策措施"),
    ("ntsl", "农田水利", "农田水利工程建设运营"),
    ("tdcblz", "土地承包经营权流转", "农村土地承包经营权流转"),
    ("zjd", "宅基地审核", "宅基地使用情况审核"),
    ("tdzs", "土地征收", "土地征收"),
    ("fwzs", "房屋征收", "房屋征收"),
    ("czcl", "筹资筹劳", "筹资筹劳"),
    ("shjz", "社会救助", "社会救助"),
]


def numeral(n):
    if n <= 10:
        return NUMERALS[n - 1]
    return "十" + NUMERALS[n - 11]


def forwards(apps, schema_editor):
    Column = apps.get_model("disclosure", "Column")
    Column.objects.get_or_create(
        slug="zfxxgkzd",
        defaults={"kind": "rules", "name": "政府信息公开制度", "basis": "国办公开办函〔2019〕61号", "position": 0},
    )
    Column.objects.get_or_create(
        slug="zfxxgknb",
        defaults={"kind": "annual_report", "name": "政府信息公开年报", "basis": "条例第四十九条", "position": 0},
    )
    Column.objects.get_or_create(
        slug="gzdt",
        defaults={"kind": "news", "name": "工作动态", "stale_after_days": 14, "position": 0},
    )
    for position, (slug, name, description, stale) in enumerate(ARTICLE_20, start=1):
        Column.objects.get_or_create(
            slug=slug,
            defaults={
                "kind": "statutory",
                "name": name,
                "description": description,
                "basis": f"条例第二十条第（{numeral(position)}）项",
                "stale_after_days": stale,
                "position": position,
            },
        )
    for position, (slug, name, description) in enumerate(ARTICLE_21, start=len(ARTICLE_20) + 1):
        Column.objects.get_or_create(
            slug=slug,
            defaults={
                "kind": "statutory",
                "name": name,
                "description": description,
                "basis": "条例第二十一条",
                "scope": "towns",
                "position": position,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("disclosure", "0001_initial")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
