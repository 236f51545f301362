"""The default year-end assessment indicators (100 points); admins change weights and add others."""

from django.db import migrations

DEFAULTS = [
    ("on_time", "依申请公开按期答复", 20, "on_time"),
    ("late", "主动公开及时（条例第二十六条）", 15, "late"),
    ("blank", "栏目无空白", 10, "blank"),
    ("stale", "栏目及时更新", 10, "stale"),
    ("complaints", "投诉举报", 10, "complaints"),
    ("report", "年度报告按期发布", 10, "report"),
    ("consultation", "意见征集逐条答复", 5, "consultation"),
    ("satisfaction", "社会评议", 5, "satisfaction"),
    ("work", "组织领导和制度建设", 15, "scored"),
]


def forwards(apps, schema_editor):
    Indicator = apps.get_model("supervision", "Indicator")
    for position, (code, name, weight, rule) in enumerate(DEFAULTS):
        Indicator.objects.get_or_create(code=code, defaults={"name": name, "weight": weight, "rule": rule,
                                                              "position": position})


class Migration(migrations.Migration):
    dependencies = [("supervision", "0005_assessments")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
