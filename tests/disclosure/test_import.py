"""Importing an old site's catalogue (regulation.md §2–3): every bad row reported by line and field, nothing
written until the file is clean, and nothing public before review (条例 第十七条 先审后发)."""

import csv
import io
import zipfile
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile

from disclosure import services
from disclosure.models import Item, ItemEvent, ItemStatus, Topic
from review.models import Batch, Submission
from tests.conftest import review_through
from tests.files import PDF

HEADER = ["索引号", "名称", "内容概述", "生成日期", "发布日期", "发布机构", "文号", "栏目", "主题分类", "体裁",
          "有效性", "正文", "附件"]  # fmt: skip
GOOD = ["OLD/2019-00001", "示例镇2019年财政决算", "2019年决算情况。", "2020-03-01", "2020-03-05", "", "", "财政预决算",
        "财政、金融、审计", "报告", "", "全年收入1000万元。", "决算表.pdf"]  # fmt: skip
GOOD2 = ["OLD/2019-00002", "示例镇农村低保实施办法", "低保办法。", "2019/05/01", "2019年5月3日", "",
         "示政发〔2019〕4号", "法规文件", "", "行政规范性文件", "废止", "第一条 ……", ""]  # fmt: skip


def csv_upload(*rows: list[str], header: list[str] = HEADER) -> SimpleUploadedFile:
    buffer = io.StringIO()
    csv.writer(buffer).writerows([header, *rows])
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
    response = client.post("/staff/items/import/", data)
    assert response.status_code == 200
    return response.content.decode()


def test_dry_run_reports_every_bad_row_by_line_and_field(client_for: Any, town: Any) -> None:
    bad_date = [*GOOD2[:3], "去年", *GOOD2[4:]]
    bad_column = [*GOOD[:7], "不存在的栏目", *GOOD[8:]]
    page = post(client_for("editor"), town, csv_upload(GOOD, bad_date, bad_column, list(GOOD)), zip_upload())
    assert "未导入任何内容" in page
    assert "<td>3</td><td>生成日期</td>" in page and "日期“去年”无法识别" in page
    assert "<td>4</td><td>栏目</td>" in page and "没有名为“不存在的栏目”的栏目。可填：" in page
    assert "<td>5</td><td>索引号</td>" in page
    assert "<td>2</td><td>附件</td>" in page and "决算表.pdf" in page
    assert not Item.objects.exists()


def test_an_import_waits_for_review_and_keeps_the_old_index_numbers_and_dates(
    client: Any, client_for: Any, town: Any, personas: dict[str, User], calendar: None
) -> None:
    """条例 第十七条: nothing of the batch is public before approval — not by page, index address, API or search."""
    editor = client_for("editor")
    checked = post(editor, town, csv_upload(GOOD, GOOD2), zip_upload(**{"决算表.pdf": PDF}))
    assert "检查通过" in checked and not Item.objects.exists()
    done = post(editor, town, csv_upload(GOOD, GOOD2), zip_upload(**{"决算表.pdf": PDF}), dry_run=False)
    assert "已导入 2 条信息" in done and "审核通过前不会公开" in done
    item = Item.objects.get(index_number="OLD/2019-00001")
    assert item.status == ItemStatus.SUBMITTED and item.legacy_import
    batch = Batch.objects.get()
    assert set(Submission.objects.values_list("batch", flat=True)) == {batch.pk}
    assert client.get(f"/gk/i/{item.index_number}/").status_code == 404
    assert client.get(f"/gk/town/item/{item.pk}/").status_code == 404
    assert "示例镇2019年财政决算" not in client.get("/api/town/items/").content.decode()
    assert "示例镇2019年财政决算" not in client.get("/search/?q=财政决算").content.decode()
    with pytest.raises(PermissionDenied):
        services.publish_item(item=item, approver=personas["office_head"])
    assert client_for("sysadmin").get("/admin/disclosure/item/").status_code == 404  # no admin path to publish

    review_through(item, personas)
    item.refresh_from_db()
    assert item.status == ItemStatus.PUBLISHED and item.index_number == "OLD/2019-00001"
    assert str(item.publication_date) == "2020-03-05" and item.attachments.get().name == "决算表.pdf"
    assert client.get(f"/gk/i/{item.index_number}/").status_code == 200
    events = {e.action: e.actor.username for e in ItemEvent.objects.filter(item=item)}
    assert events["import"] == "editor" and events["publish"] == "office_head"


def test_a_file_with_problems_imports_nothing_even_without_dry_run(client_for: Any, town: Any) -> None:
    page = post(client_for("office_head"), town, csv_upload(GOOD2, [*GOOD2[:1], "", *GOOD2[2:]]), dry_run=False)
    assert "<td>3</td><td>名称</td>" in page and not Item.objects.exists() and not Batch.objects.exists()


def xlsx(*rows: list[Any], header: list[str] = HEADER) -> SimpleUploadedFile:
    import openpyxl

    workbook = openpyxl.Workbook()
    workbook.active.append(header)
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile("目录.xlsx", buffer.getvalue())


def test_xlsx_wrong_header_and_damaged_files_get_clear_messages(client_for: Any, town: Any) -> None:
    client = client_for("office_head")
    assert "检查通过" in post(client, town, xlsx(GOOD2))
    assert "缺少必填列" in post(client, town, SimpleUploadedFile("x.csv", "标题,日期\n甲,乙\n".encode()))
    broken = post(client, town, SimpleUploadedFile("目录.xlsx", b"PK\x03\x04 not really a workbook"))
    assert "无法读取该 Excel 文件" in broken
    bad_zip = post(client, town, csv_upload(GOOD), SimpleUploadedFile("附件.zip", b"not a zip"))
    assert "附件压缩包无法打开" in bad_zip


def test_editors_and_office_heads_import_other_staff_do_not(client_for: Any, town: Any) -> None:
    assert client_for("editor").get("/staff/items/import/").status_code == 200
    assert client_for("office_head").get("/staff/items/import/").status_code == 200
    assert client_for("other_staff").get("/staff/items/import/").status_code == 200  # their own town only
    assert client_for("case_officer").get("/staff/items/import/").status_code == 404
    refused = client_for("other_staff").post("/staff/items/import/", {"organisation": town.town.pk})
    assert "选择一个有效的选项" in refused.content.decode() or "请选择" in refused.content.decode()


# -- a real catalogue exported from an old site ---------------------------------------------------------------


def row(**values: str) -> list[str]:
    base = dict(zip(HEADER, GOOD, strict=True)) | {"附件": ""}
    return [(base | values)[name] for name in HEADER]


def test_a_missing_summary_is_accepted_and_listed_to_be_completed(
    client_for: Any, town: Any, personas: dict[str, User], calendar: None
) -> None:
    """条例 第十二条 asks for 内容概述; an old catalogue may lack it: accepted as it is, nothing invented."""
    editor = client_for("editor")
    page = post(editor, town, csv_upload(row(内容概述="")), dry_run=False)
    assert "已导入 1 条信息" in page and "概述待补" in page
    item = Item.objects.get()
    assert item.summary == ""
    review_through(item, personas)
    item.refresh_from_db()
    assert item.status == ItemStatus.PUBLISHED and item.summary == ""
    assert "概述待补：1 条" in editor.get("/staff/").content.decode()
    assert "示例镇2019年财政决算" in editor.get("/staff/items/?status=summary_missing").content.decode()


def test_the_publisher_of_each_row_is_matched_by_full_or_short_name(client_for: Any, town: Any) -> None:
    rows = [
        row(索引号="OLD/1", 发布机构="示例镇社会事务综合服务中心"),
        row(索引号="OLD/2", 发布机构="党政办"),
        row(索引号="OLD/3", 发布机构=""),
    ]
    post(client_for("editor"), town, csv_upload(*rows), dry_run=False)
    publishers = dict(Item.objects.values_list("index_number", "organisation__short_name"))
    assert publishers == {"OLD/1": "社会事务办", "OLD/2": "党政办", "OLD/3": "示例镇"}
    assert set(Item.objects.values_list("channel__short_name", flat=True)) == {"示例镇"}
    unknown = post(client_for("editor"), town, csv_upload(row(索引号="OLD/4", 发布机构="示例县财政局")))
    assert "没有名为“示例县财政局”的发布机构。可填：示例镇人民政府、示例镇党政综合办公室" in unknown
    assert "邻镇人民政府" not in unknown


def test_dates_with_times_and_excel_date_cells_are_accepted(client_for: Any, town: Any) -> None:
    from datetime import datetime

    text = csv_upload(row(索引号="OLD/1", 生成日期="2024年04月06日 16:40", 发布日期="2024-04-06 16:40:00"))
    assert "检查通过" in post(client_for("editor"), town, text)
    cells = xlsx([*row(索引号="OLD/2")[:3], datetime(2024, 4, 6, 16, 40), 45393, *row()[5:]])
    assert "已导入 1 条信息" in post(client_for("editor"), town, cells, dry_run=False)
    item = Item.objects.get()
    assert str(item.written_date) == "2024-04-06" and str(item.publication_date) == "2024-04-11"
    future = post(client_for("editor"), town, csv_upload(row(索引号="OLD/3", 发布日期="2099-01-01")))
    assert "晚于今天" in future


def test_topics_name_the_valid_choices_and_local_classifications_map_to_topics(client_for: Any, town: Any) -> None:
    unknown = post(client_for("editor"), town, csv_upload(row(主题分类="财政")))
    assert "没有名为“财政”的主题分类。可填：国务院组织机构、综合政务" in unknown
    topic = Topic.objects.get(name="民政、扶贫、救灾")
    topic.aliases = "社会救助\n最低生活保障"
    topic.save()
    header = [*HEADER, "组配分类"]
    mapped = csv_upload([*row(索引号="OLD/1", 主题分类=""), "最低生活保障"], header=header)
    post(client_for("editor"), town, mapped, dry_run=False)
    assert Item.objects.get().topic == topic
    unmapped = post(
        client_for("editor"), town, csv_upload([*row(索引号="OLD/2", 主题分类=""), "乡村振兴"], header=header)
    )
    assert "组配分类“乡村振兴”没有对应的主题分类" in unmapped


def test_index_numbers_ignore_case_at_the_permanent_address_and_on_import(
    client: Any, client_for: Any, town: Any, personas: dict[str, User], calendar: None
) -> None:
    post(client_for("editor"), town, csv_upload(row(索引号="114305XJ/2024-00001")), dry_run=False)
    review_through(Item.objects.get(), personas)
    assert client.get("/gk/i/114305XJ/2024-00001/").status_code == 200
    assert client.get("/gk/i/114305xj/2024-00001/").status_code == 200
    again = post(client_for("editor"), town, csv_upload(row(索引号="114305xj/2024-00001")))
    assert "<td>2</td><td>索引号</td>" in again and "不区分大小写" in again


def test_a_body_holding_angle_brackets_as_text_keeps_its_paragraphs(client_for: Any, town: Any) -> None:
    body = "依据《中华人民共和国‹防洪法>》制定本办法。\n第二条 温度<5℃时停止施工。"
    post(client_for("editor"), town, csv_upload(row(正文=body)), dry_run=False)
    item = Item.objects.get()
    assert item.body == "<p>依据《中华人民共和国‹防洪法&gt;》制定本办法。</p><p>第二条 温度&lt;5℃时停止施工。</p>"
    assert item.body_text == "依据《中华人民共和国‹防洪法>》制定本办法。\n第二条 温度<5℃时停止施工。"


def test_the_dry_run_shows_each_rows_personal_data_masked(client_for: Any, town: Any) -> None:
    listed = row(索引号="OLD/9", 名称="低保对象公示", 正文="<table><tr><td>赵某</td><td>430524197511203185</td>"
                 "<td>13812345678</td></tr></table>")  # fmt: skip
    page = post(client_for("editor"), town, csv_upload(row(), listed))
    assert "个人信息检查：2 处" in page
    assert "<td>3</td><td>正文</td><td>身份证号码</td><td>43*************185</td>" in page
    assert "430524197511203185" not in page


def approve_stage(client: Any, batch: Batch, position: int) -> str:
    """Approve every waiting item of the batch at one stage, from the batch page."""
    from review.checklists import QUESTIONS
    from review.models import Stage

    stage = Stage.objects.get(organisation=batch.organisation, position=position)
    ids = list(batch.submissions.filter(stage=stage, status="in_review").values_list("pk", flat=True))
    answers = {f"q_{key}": "yes" for key, _ in QUESTIONS[stage.checklist]}
    data = {"stage_id": stage.pk, "submission": ids, **answers}
    return client.post(f"/staff/review/batches/{batch.pk}/approve/", data, follow=True).content.decode()


def test_a_batch_is_one_queue_entry_approved_in_bulk_except_the_row_with_personal_data(
    client: Any, client_for: Any, town: Any, calendar: None
) -> None:
    listed = row(索引号="OLD/9", 名称="低保对象公示", 正文="<table><tr><td>赵某</td><td>13812345678</td></tr></table>")
    post(client_for("editor"), town, csv_upload(row(索引号="OLD/1"), row(索引号="OLD/2"), listed), dry_run=False)
    batch = Batch.objects.get()
    reviewer = client_for("reviewer")
    queue = reviewer.get("/staff/review/").content.decode()
    assert batch.title in queue and "示例镇2019年财政决算" not in queue
    page = reviewer.get(f"/staff/review/batches/{batch.pk}/").content.decode()
    assert "可一并通过 2 条，另有 1 条须逐条处理" in page
    assert "已通过“保密审查和个人信息检查” 2 条" in approve_stage(reviewer, batch, 1)
    flagged = batch.submissions.get(title="低保对象公示")
    assert flagged.stage.position == 1 and flagged.hits
    reviewer.post(f"/staff/review/{flagged.pk}/mask/")
    assert "已通过“保密审查和个人信息检查” 1 条" in approve_stage(reviewer, batch, 1)
    assert "已通过“社会事务办审核” 3 条" in approve_stage(client_for("social_reviewer"), batch, 2)
    assert "已通过“党政办终审” 3 条" in approve_stage(client_for("office_head"), batch, 3)
    assert Item.objects.filter(status=ItemStatus.PUBLISHED).count() == 3
    page = client.get("/gk/i/OLD/9/").content.decode()
    assert "138****5678" in page and "13812345678" not in page


def test_bulk_approval_needs_the_checklist_and_skips_items_that_are_not_clean(
    client_for: Any, town: Any, calendar: None
) -> None:
    listed = row(索引号="OLD/9", 名称="低保对象公示", 正文="<p>电话13812345678</p>")
    post(client_for("editor"), town, csv_upload(row(索引号="OLD/1"), listed), dry_run=False)
    batch = Batch.objects.get()
    reviewer = client_for("reviewer")
    ids = list(batch.submissions.values_list("pk", flat=True))
    stage = batch.submissions.first().stage_id
    unanswered = reviewer.post(
        f"/staff/review/batches/{batch.pk}/approve/", {"stage_id": stage, "submission": ids}, follow=True
    ).content.decode()
    assert "请逐项确认审核要点" in unanswered and "banner--error" in unanswered
    answers = {"q_no_state_secret": "yes", "q_no_personal_data": "yes", "q_no_commercial_secret": "yes"}
    mixed = reviewer.post(
        f"/staff/review/batches/{batch.pk}/approve/", {"stage_id": stage, "submission": ids, **answers}, follow=True
    ).content.decode()
    assert "已通过“保密审查和个人信息检查” 1 条" in mixed and "低保对象公示：自动检查发现 1 处" in mixed
    assert batch.submissions.get(title="低保对象公示").stage_id == stage


def test_the_column_names_old_sites_use_are_understood(client_for: Any, town: Any) -> None:
    header = ["索引号", "标题", "摘要", "成文日期", "发布时间", "发文机关", "发文字号", "所属栏目", "体裁", "正文"]
    values = ["OLD/1", "关于春耕的通知", "", "2024-03-01", "2024-03-02 09:00", "党政办", "示政发〔2024〕1号",
              "财政预决算", "通知", "各村：做好春耕。"]  # fmt: skip
    post(client_for("editor"), town, csv_upload(values, header=header), dry_run=False)
    item = Item.objects.get()
    assert (item.title, item.organisation.short_name, item.document_number) == (
        "关于春耕的通知",
        "党政办",
        "示政发〔2024〕1号",
    )
    missing = post(client_for("editor"), town, csv_upload(["x"], header=["标题"]))
    assert "缺少必填列：索引号、生成日期、发布日期、栏目、体裁" in missing


def test_an_imported_item_has_no_article_26_deadline_in_review(client_for: Any, town: Any) -> None:
    """条例 第二十六条 counts from the information's formation; an old site's item was published long ago."""
    post(client_for("editor"), town, csv_upload(row()), dry_run=False)
    submission = Submission.objects.get()
    assert submission.publish_by is None
    page = client_for("reviewer").get(f"/staff/review/{submission.pk}/").content.decode()
    assert "没有条例第二十六条的发布期限" in page and "已超期" not in page


def test_the_checked_file_is_imported_with_one_click_then_deleted(client_for: Any, town: Any) -> None:
    """A clean dry run keeps the file (and its attachments) so the editor need not choose it again."""
    from portal.storage import private as private_storage

    editor = client_for("editor")
    checked = post(editor, town, csv_upload(GOOD, GOOD2), zip_upload(**{"决算表.pdf": PDF}))
    assert "导入这 2 条信息" in checked and "检查通过的文件：目录.csv（含附件压缩包），导入到示例镇人民政府" in checked
    folder = editor.session["catalogue-import"]["folder"]
    assert private_storage().exists(f"{folder}/catalogue") and not Item.objects.exists()
    done = editor.post("/staff/items/import/", {"import_checked": folder}).content.decode()
    assert "已导入 2 条信息" in done and Item.objects.count() == 2
    assert Item.objects.get(index_number="OLD/2019-00001").attachments.get().name == "决算表.pdf"
    assert not private_storage().exists(f"{folder}/catalogue") and "catalogue-import" not in editor.session
    again = editor.post("/staff/items/import/", {"import_checked": folder}, follow=True).content.decode()
    assert "检查过的文件已不在" in again and Item.objects.count() == 2  # a second click imports nothing twice


def test_a_file_with_problems_is_not_kept_for_import(client_for: Any, town: Any) -> None:
    editor = client_for("editor")
    page = post(editor, town, csv_upload(GOOD2, [*GOOD2[:1], "", *GOOD2[2:]]))
    assert "未导入任何内容" in page and "导入这" not in page and "catalogue-import" not in editor.session


def test_the_template_has_every_column_and_an_example_row_that_passes_the_check(client_for: Any, town: Any) -> None:
    from disclosure.importer import HEADERS

    editor = client_for("editor")
    assert "下载目录模板" in editor.get("/staff/items/import/").content.decode()
    response = editor.get("/staff/items/import/template.csv")
    assert response["Content-Type"].startswith("text/csv") and response.content.startswith(b"\xef\xbb\xbf")
    header, example = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert header == list(HEADERS) and example[0] == "XJ-SFZ/2023-0041"
    assert "检查通过" in post(editor, town, SimpleUploadedFile("模板.csv", response.content))
    assert client_for("case_officer").get("/staff/items/import/template.csv").status_code == 404
