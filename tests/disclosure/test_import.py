"""Importing the legacy catalogue: every bad row reported by line and field, nothing imported until clean."""

import csv
import io
import zipfile
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile

from disclosure.models import Item, ItemStatus

HEADER = [
    "索引号",
    "名称",
    "内容概述",
    "生成日期",
    "发布日期",
    "文号",
    "栏目",
    "主题分类",
    "体裁",
    "有效性",
    "正文",
    "附件",
]
GOOD = ["OLD/2019-00001", "示例镇2019年财政决算", "2019年决算情况。", "2020-03-01", "2020-03-05", "", "财政预决算",
        "财政、金融、审计", "报告", "", "全年收入1000万元。", "决算表.pdf"]  # fmt: skip
GOOD2 = ["OLD/2019-00002", "示例镇农村低保实施办法", "低保办法。", "2019/05/01", "2019年5月3日", "示政发〔2019〕4号",
         "法规文件", "", "行政规范性文件", "废止", "第一条 ……", ""]  # fmt: skip


def csv_upload(*rows: list[str]) -> SimpleUploadedFile:
    buffer = io.StringIO()
    csv.writer(buffer).writerows([HEADER, *rows])
    return SimpleUploadedFile("目录.csv", buffer.getvalue().encode("utf-8-sig"))


def zip_upload(**files: bytes) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    return SimpleUploadedFile("附件.zip", buffer.getvalue())


def post(client: Any, town: Any, catalogue: Any, archive: Any = None, dry_run: bool = True) -> str:
    data = {"organisation": town.town.pk, "catalogue": catalogue}
    if archive:
        data["attachments"] = archive
    if dry_run:
        data["dry_run"] = "on"
    return client.post("/staff/items/import/", data).content.decode()


def test_dry_run_reports_every_bad_row_by_line_and_field(client_for: Any, town: Any) -> None:
    bad_date = [*GOOD2[:3], "去年", *GOOD2[4:]]
    bad_column = [*GOOD[:6], "不存在的栏目", *GOOD[7:]]
    duplicate = list(GOOD)
    page = post(client_for("office_head"), town, csv_upload(GOOD, bad_date, bad_column, duplicate), zip_upload())
    assert "未导入任何内容" in page
    assert "<td>3</td><td>生成日期</td>" in page and "日期“去年”无法识别" in page
    assert "<td>4</td><td>栏目</td>" in page and "没有名为“不存在的栏目”的栏目" in page
    assert "<td>5</td><td>索引号</td>" in page
    assert "<td>2</td><td>附件</td>" in page and "决算表.pdf" in page
    assert not Item.objects.exists()


def test_a_clean_file_imports_with_original_index_numbers_and_dates(client_for: Any, town: Any) -> None:
    client = client_for("office_head")
    archive = zip_upload(**{"决算表.pdf": b"%PDF-1.4 fake"})
    checked = post(client, town, csv_upload(GOOD, GOOD2), archive)
    assert "检查通过" in checked and not Item.objects.exists()
    done = post(client, town, csv_upload(GOOD, GOOD2), zip_upload(**{"决算表.pdf": b"%PDF-1.4 fake"}), dry_run=False)
    assert "已导入 2 条信息" in done
    item = Item.objects.get(index_number="OLD/2019-00001")
    assert item.status == ItemStatus.PUBLISHED and str(item.publication_date) == "2020-03-05"
    assert item.attachments.get().name == "决算表.pdf"
    assert Item.objects.get(index_number="OLD/2019-00002").validity == "repealed"
    assert client.get(f"/gk/i/{item.index_number}/").status_code == 200


def test_a_file_with_problems_imports_nothing_even_without_dry_run(client_for: Any, town: Any) -> None:
    page = post(client_for("office_head"), town, csv_upload(GOOD2, [*GOOD2[:1], "", *GOOD2[2:]]), dry_run=False)
    assert "<td>3</td><td>名称</td>" in page and not Item.objects.exists()


def test_xlsx_and_wrong_header(client_for: Any, town: Any) -> None:
    import openpyxl

    workbook = openpyxl.Workbook()
    workbook.active.append(HEADER)
    workbook.active.append(GOOD2)
    buffer = io.BytesIO()
    workbook.save(buffer)
    page = post(client_for("office_head"), town, SimpleUploadedFile("目录.xlsx", buffer.getvalue()))
    assert "检查通过" in page
    wrong = post(client_for("office_head"), town, SimpleUploadedFile("x.csv", "标题,日期\n甲,乙\n".encode()))
    assert "缺少必填列" in wrong


def test_only_the_office_head_imports(client_for: Any, town: Any) -> None:
    assert client_for("editor").get("/staff/items/import/").status_code == 404
    assert client_for("other_staff").get("/staff/items/import/").status_code == 404
