"""The 标准目录 as data (国办发〔2019〕54号): the obligations of each 事项 met, late or missing, the public 公开事项
目录, the workbench, the county's view, the XLSX round trip and who may see and change what."""

from datetime import date
from typing import Any

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from disclosure.models import Column, Item, Posting
from disclosure.standard_catalogue import selectors, services, tabular
from disclosure.standard_catalogue.models import UNSOURCED, Area, Matter
from disclosure.standard_catalogue.standard import STANDARD

from .conftest import ADOPTED, DIBAO, TODAY


def text(response: Any) -> str:
    return response.content.decode()


def test_the_ready_catalogue_has_the_26_areas_of_54_and_invents_no_basis() -> None:
    """国办发〔2019〕54号 lists 26 areas; an entry whose basis the project could not source says 依据待核."""
    assert len(STANDARD) == 26 and len({a.name for a in STANDARD}) == 26
    for area in STANDARD:
        for matter in area.matters:
            assert matter.source, matter.name
            assert matter.basis == "依据待核" or "《" in matter.basis, matter.name


def test_obligations_met_late_and_missing(lists: dict[str, Item], dibao: Matter, client_for: Any) -> None:
    """条例 第二十六条 and the 民政部 社会救助 guideline (10 working days): September's list (due 20 October,
    published 12 October) met, October's (due 13 November, published 20 November) late, November's open and due
    soon (14 December); 低保 政策文件, a standing 事项 due 15 September, missing."""
    found = selectors.obligations_of([dibao], first=date(2026, 1, 1), last=date(2026, 12, 31), today=TODAY)
    assert [(o.label, o.due, o.status, o.due_soon) for o in found[:3]] == [
        ("2026年9月", date(2026, 10, 20), "met", False),
        ("2026年10月", date(2026, 11, 13), "late", False),
        ("2026年11月", date(2026, 12, 14), "open", True),
    ]
    assert (found[3].label, found[3].status, found[3].provisional) == ("2026年12月", "open", True)  # 2027 unknown
    assert found[0].notice_ends == date(2026, 10, 21)  # 公示7个工作日 from 12 October
    town = dibao.organisation
    page = text(client_for("editor").get(reverse("catalogue-staff:obligations", args=[town.pk])))
    assert "按时公开" in page and "逾期公开" in page and "应公开未公开" in page
    assert "示例镇2026年9月低保审核确认对象名单公示" in page and "公示期至2026年10月21日" in page
    # the 事项 is owed on the village 公开栏 too: the posting register says whether it hung there
    assert page.count("未记录公开栏张贴") == 2 and "已记录公开栏张贴" not in page
    Posting.objects.create(item=lists["september"], channel="bulletin_board", place="东坪村村务公开栏",
                           posted_on=date(2026, 10, 12), removed_on=date(2026, 10, 21),
                           recorded_by=lists["september"].created_by)  # fmt: skip
    page = text(client_for("editor").get(reverse("catalogue-staff:obligations", args=[town.pk])))
    assert page.count("未记录公开栏张贴") == 1 and "已记录公开栏张贴" in page
    missing = text(client_for("editor").get(reverse("catalogue-staff:obligations", args=[town.pk]) + "?status=missing"))
    assert "最低生活保障 › 政策法规文件" in missing and "低保审核确认对象名单公示</a>" not in missing
    assert f"?organisation={town.pk}&amp;matter=" in missing  # drafted from the obligation


def test_workbench_shows_overdue_and_due_soon(lists: dict[str, Item], client_for: Any) -> None:
    page = text(client_for("editor").get(reverse("portal:workbench")))
    tally = selectors.tallies([lists["september"].channel_id], first=date(2026, 1, 1), last=date(2026, 12, 31),
                              today=TODAY)[lists["september"].channel_id]  # fmt: skip
    assert tally.missing >= 1 and tally.due_soon >= 1
    assert f"应公开未公开：{tally.missing} 项" in page and f"即将到期：{tally.due_soon} 项" in page
    assert "标准目录公开事项" not in text(client_for("case_officer").get(reverse("portal:workbench")))


def test_the_workbench_keeps_its_obligations_until_a_publication_or_a_catalogue_edit(
    lists: dict[str, Item], dibao: Matter, published: Any, client_for: Any
) -> None:
    """The obligations are read again only when what is public changed: publishing the missing 低保 policy or
    setting a 事项 aside shows on the next load, and a load in between costs fewer queries."""
    editor = client_for("editor")
    url = reverse("portal:workbench")

    def load() -> tuple[str, int]:
        with CaptureQueriesContext(connection) as queries:
            page = text(editor.get(url))
        return page, len(queries)

    first, built = load()
    again, kept = load()
    missing = int(first.split("应公开未公开：")[1].split(" 项")[0])
    assert kept < built and f"应公开未公开：{missing} 项" in again
    policy = Matter.objects.get(organisation=dibao.organisation, name="最低生活保障 › 政策法规文件")
    published(when=TODAY, column="shjz", title="示例镇最低生活保障工作实施细则", matter=policy)
    assert f"应公开未公开：{missing - 1} 项" in load()[0]
    Matter.objects.filter(pk=dibao.pk).update(is_active=False)  # not through save(): no signal
    assert f"应公开未公开：{missing - 1} 项" in load()[0]  # kept until the next change
    dibao.is_active = False
    dibao.save()
    after = load()[0]
    assert "即将到期：0 项" in after  # November's 低保 list is no longer owed


def test_public_catalogue_links_each_matter_to_what_was_published(lists: dict[str, Item], client: Client) -> None:
    page = text(client.get(reverse("disclosure:standard-catalogue", args=["town"])))
    assert "示例镇人民政府公开事项目录" in page and "社会救助" in page and "财政预决算" in page
    october = lists["october"]
    assert reverse("disclosure:item", args=["town", october.pk]) in page  # the latest publication of the 事项
    assert "未涉及领域说明" in page and "本镇辖区内无国有土地上房屋征收工作，由县住建局负责。" in page
    matter = Matter.objects.get(name=DIBAO)
    detail = text(client.get(reverse("disclosure:matter", args=["town", matter.pk])))
    assert "示例镇2026年9月低保审核确认对象名单公示" in detail and "示例镇2026年10月低保审核确认对象名单公示" in detail
    assert "公示期 7 个工作日" in detail
    item = text(client.get(reverse("disclosure:item", args=["town", lists["september"].pk])))
    assert "2026年10月12日至2026年10月21日（7个工作日）" in item  # the 公示期 shown with its end
    assert reverse("disclosure:matter", args=["town", matter.pk]) in item
    assert client.get(reverse("disclosure:matter", args=["other", matter.pk])).status_code == 404
    assert "尚未发布公开事项目录" in text(client.get(reverse("disclosure:standard-catalogue", args=["other"])))


def test_an_area_not_touched_needs_its_explanation(catalogue: Any, client_for: Any) -> None:
    area = Area.objects.get(organisation=catalogue.town, name="财政预决算")
    url = reverse("catalogue-staff:catalogue", args=[catalogue.town.pk])
    prefix = f"area{area.pk}"
    response = client_for("office_head").post(url, {"action": "area", "area": area.pk, f"{prefix}-involved": "0",
                                                    f"{prefix}-note": ""})  # fmt: skip
    assert response.status_code == 400 and "不涉及本领域的，请填写未涉及领域说明。" in text(response)
    client_for("office_head").post(url, {"action": "area", "area": area.pk, f"{prefix}-involved": "0",
                                         f"{prefix}-note": "本镇财政由县财政局代管。"})  # fmt: skip
    area.refresh_from_db()
    assert not area.involved and area.not_involved_note == "本镇财政由县财政局代管。"
    assert client_for("office_head").post(url, {"action": "area", "area": "x"}).status_code == 404
    # an editor reads the catalogue but does not adapt it
    assert (
        client_for("editor").post(url, {"action": "area", "area": area.pk, f"{prefix}-involved": "1"}).status_code
        == 404
    )


def test_the_office_head_adopts_areas_from_the_ready_catalogue(town: Any, client_for: Any, today: date) -> None:
    url = reverse("catalogue-staff:catalogue", args=[town.town.pk])
    empty = client_for("office_head").post(url, {"action": "adopt"})
    assert "请至少选择一个领域。" in text(empty)
    client_for("office_head").post(url, {"action": "adopt", "adopt-areas": ["社会救助", "征地补偿"]})
    names = set(Area.objects.filter(organisation=town.town).values_list("name", flat=True))
    assert names == {"社会救助", "征地补偿"}
    matter = Matter.objects.get(organisation=town.town, name="征收土地预公告和补偿安置方案公告")
    assert matter.basis == "《中华人民共和国土地管理法》第四十七条" and matter.starts_on == today
    assert matter.column == Column.objects.get(slug="tdzs")


def test_permissions(catalogue: Any, client_for: Any, client: Client) -> None:
    town = catalogue.town
    for name in ("catalogue", "obligations", "export"):
        assert client_for("other_staff").get(reverse(f"catalogue-staff:{name}", args=[town.pk])).status_code == 404
        assert client_for("inspector").get(reverse(f"catalogue-staff:{name}", args=[town.pk])).status_code == 200
    assert client_for("inspector").get(reverse("catalogue-staff:import", args=[town.pk])).status_code == 404
    assert client_for("editor").get(reverse("catalogue-staff:import", args=[town.pk])).status_code == 404
    overview = text(client_for("inspector").get(reverse("catalogue-staff:overview")))
    assert "示例镇人民政府" in overview and "邻镇人民政府" in overview and "尚未建立标准目录" in overview
    other_view = text(client_for("other_staff").get(reverse("catalogue-staff:overview")))
    assert reverse("catalogue-staff:catalogue", args=[town.pk]) not in other_view
    assert client.get(reverse("catalogue-staff:overview")).status_code in (302, 403)


def test_xlsx_round_trip(catalogue: Any, client_for: Any) -> None:
    town, other = catalogue.town, catalogue.other_town
    response = client_for("inspector").get(reverse("catalogue-staff:export", args=[town.pk]))
    data = response.content
    report, rows = tabular.check_rows("catalogue.xlsx", data)
    assert report.clean and report.rows == Matter.objects.filter(organisation=town).count()
    services.import_matters(organisation=other, rows=rows, today=date(2026, 12, 1))

    def described(organisation: Any) -> list[tuple[Any, ...]]:
        fields = ["area__name", "name", "content", "basis", "deadline_text", "deadline_days", "deadline_unit",
                  "recurrence", "notice_working_days", "channels", "audience", "column_id", "keywords",
                  "source"]  # fmt: skip
        return sorted(Matter.objects.filter(organisation=organisation).values_list(*fields))

    assert described(other) == described(town)
    import openpyxl, io  # noqa: E401, I001

    book = openpyxl.load_workbook(io.BytesIO(data))
    assert [r for r in book["未涉及领域"].iter_rows(values_only=True)][1][0] == "国有土地上房屋征收"


def test_xlsx_import_lists_every_problem_and_imports_nothing(catalogue: Any, client_for: Any) -> None:
    import io

    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["领域", "公开事项", "更新频次", "时限天数", "公开渠道"])
    sheet.append(["社会救助", "临时救助对象公示", "每周", "20", "政府网站"])
    sheet.append(["", "无领域事项", "每月", "二十", "飞鸽传书"])
    buffer = io.BytesIO()
    book.save(buffer)
    from django.core.files.uploadedfile import SimpleUploadedFile

    url = reverse("catalogue-staff:import", args=[catalogue.town.pk])
    before = Matter.objects.count()
    upload = SimpleUploadedFile("catalogue.xlsx", buffer.getvalue())
    response = client_for("office_head").post(url, {"catalogue": upload})
    page = text(response)
    assert response.status_code == 400 and Matter.objects.count() == before
    assert "更新频次应为：每月、每季度、每年、每次发生时、长期公开（变更时更新）。" in page
    assert "请填写领域。" in page and "时限天数应为1至365的整数。" in page and "无法识别的公开渠道：飞鸽传书" in page


def test_a_draft_started_from_an_obligation_is_published_against_its_matter(
    dibao: Matter, client_for: Any, draft: Any
) -> None:
    editor = client_for("editor")
    form = text(editor.get(reverse("disclosure-staff:item-new") + f"?matter={dibao.pk}"))
    option = f'<option value="{dibao.pk}" selected data-column="{dibao.column_id}" data-keywords="低保、最低生活保障">'
    assert f"{option}社会救助 › {DIBAO}</option>" in form
    # a draft without one gets the 事项 its column and title suggest
    item = draft(column="shjz", title="示例镇2026年11月低保审核确认对象名单公示")
    edit = text(editor.get(reverse("disclosure-staff:item-edit", args=[item.pk])))
    assert f"按栏目和名称建议：社会救助 › {DIBAO}" in edit
    assert option in edit


def test_query_counts_stay_flat_from_10_to_1000_matters(town: Any, calendar: None, today: date, client: Client,
                                                         client_for: Any) -> None:  # fmt: skip
    area = Area.objects.create(organisation=town.town, name="社会救助")

    def grow(to: int) -> None:
        have = Matter.objects.filter(area=area).count()
        Matter.objects.bulk_create(
            Matter(organisation=town.town, area=area, name=f"事项{n}",
                   recurrence=("monthly", "standing", "event")[n % 3], starts_on=ADOPTED)
            for n in range(have, to)
        )  # fmt: skip

    def counted(url: str, who: Any) -> int:
        from django.core.cache import cache

        cache.clear()  # the dashboard keeps its figures for DASHBOARD_CACHE_SECONDS
        with CaptureQueriesContext(connection) as queries:
            assert who.get(url).status_code == 200
        return len(queries)

    public = reverse("disclosure:standard-catalogue", args=["town"])
    staff = reverse("catalogue-staff:overview")
    obligations = reverse("catalogue-staff:obligations", args=[town.town.pk])
    dashboard = reverse("dashboard:page")
    inspector = client_for("inspector")
    urls = [(public, client), (staff, inspector), (obligations, inspector), (dashboard, inspector)]
    grow(10)
    few = [counted(url, who) for url, who in urls]
    grow(1000)
    many = [counted(url, who) for url, who in urls]
    assert many == few


def test_the_office_head_edits_a_matter_in_the_admin(dibao: Matter, client_for: Any) -> None:
    """The office head adapts the 事项 of their own catalogue; an editor and another town's staff do not."""
    url = f"/admin/disclosure/matter/{dibao.pk}/change/"
    head = client_for("office_head")
    assert head.get(url).status_code == 200
    data = {
        "organisation": dibao.organisation_id, "area": dibao.area_id, "name": dibao.name, "content": dibao.content,
        "basis": dibao.basis, "deadline_text": "制定或获取信息之日起10个工作日内，公示7个工作日", "deadline_days": 10,
        "deadline_unit": "working", "recurrence": "monthly", "notice_working_days": 7, "publisher": "示例镇社会事务办",
        "channels": ["website", "village_board"], "audience": "group", "column": "", "keywords": "低保",
        "starts_on": "2026-09-01", "source": dibao.source, "position": 0, "is_active": "on",
    }  # fmt: skip
    county = dibao.organisation.parent
    assert county is not None
    other_area = Area.objects.create(organisation=county, name="社会救助")
    refused = head.post(url, {**data, "area": other_area.pk})
    assert refused.status_code == 200 and Matter.objects.get(pk=dibao.pk).area_id == dibao.area_id
    assert head.post(url, data).status_code == 302
    dibao.refresh_from_db()
    assert dibao.publisher == "示例镇社会事务办" and dibao.channels == ["website", "village_board"]
    assert dibao.audience == "group"
    assert client_for("editor").get(url).status_code in (302, 403, 404)
    assert client_for("other_staff").get(url).status_code in (302, 403, 404)


def test_the_public_reads_no_unsourced_basis_and_sees_who_publishes_each_matter(dibao: Matter, client: Client,
                                                                            client_for: Any) -> None:  # fmt: skip
    """国办发〔2019〕54号: the 目录 gives each 事项's 公开主体; a basis still to be sourced (依据待核) is flagged to
    staff, while the public reads "—"."""
    town = dibao.organisation
    guide = Matter.objects.get(organisation=town, name="最低生活保障 › 办事指南")
    Matter.objects.filter(pk=guide.pk).update(basis=UNSOURCED)
    Matter.objects.filter(pk=dibao.pk).update(publisher="示例镇社会事务综合服务中心")
    page = text(client.get(reverse("disclosure:standard-catalogue", args=["town"])))
    assert UNSOURCED not in page
    assert '<th scope="col">公开主体</th>' in page
    assert '<td data-label="公开主体">示例镇人民政府</td>' in page  # the catalogue's organisation
    assert '<td data-label="公开主体">示例镇社会事务综合服务中心</td>' in page  # the office named for the 事项
    detail = text(client.get(reverse("disclosure:matter", args=["town", guide.pk])))
    assert UNSOURCED not in detail and "<dt>公开依据</dt><dd>—</dd>" in detail
    assert "<dt>公开主体</dt><dd>示例镇人民政府</dd>" in detail
    staff = text(client_for("office_head").get(reverse("catalogue-staff:catalogue", args=[town.pk])))
    assert UNSOURCED in staff  # staff keep the flag until they source the basis
    assert '<td data-label="公开主体">示例镇社会事务综合服务中心</td>' in staff  # as the public reads it
    assert '<td data-label="公开主体">示例镇人民政府</td>' in staff


def test_the_xlsx_names_each_matters_publisher_and_reads_it_back(dibao: Matter, client_for: Any) -> None:
    import io

    import openpyxl

    town = dibao.organisation
    Matter.objects.filter(pk=dibao.pk).update(publisher="示例镇社会事务综合服务中心")
    data = client_for("office_head").get(reverse("catalogue-staff:export", args=[town.pk])).content
    rows = list(openpyxl.load_workbook(io.BytesIO(data))["公开事项"].iter_rows(values_only=True))
    column = rows[0].index("公开主体")
    publishers = {row[1]: row[column] for row in rows[1:]}
    assert publishers[DIBAO] == "示例镇社会事务综合服务中心"
    assert publishers["最低生活保障 › 办事指南"] == "示例镇人民政府"
    assert all(publishers.values())  # no 事项 without its 公开主体

    report, checked = tabular.check_rows("catalogue.xlsx", data)  # read back into the same catalogue: unchanged
    assert report.clean
    services.import_matters(organisation=town, rows=checked, today=TODAY)
    stored = dict(Matter.objects.filter(organisation=town).values_list("name", "publisher"))
    assert stored[DIBAO] == "示例镇社会事务综合服务中心" and stored["最低生活保障 › 办事指南"] == ""

    book = openpyxl.Workbook()
    book.active.append(["领域", "公开事项", "公开主体"])
    book.active.append(["社会救助", "临时救助对象公示", "示" * 101])
    buffer = io.BytesIO()
    book.save(buffer)
    report, checked = tabular.check_rows("catalogue.xlsx", buffer.getvalue())
    assert [(p.line, p.field) for p in report.problems] == [(2, "公开主体")] and not checked
