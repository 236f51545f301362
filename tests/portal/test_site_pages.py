"""The pages citizens and inspectors look for: the site map, the accessibility statement, the open-data page,
and the footer that links to them (issue 16)."""

from typing import Any

from django.test import Client


def test_the_footer_links_the_site_map_accessibility_open_data_and_the_national_platform(
    client: Client, town: Any, settings: Any
) -> None:
    page = client.get("/").content.decode()
    for address in ("/wzdt/", "/wza/", "/kfsj/", "https://zfwzzc.www.gov.cn/", "/staff/login/"):
        assert address in page
    settings.NATIONAL_ERROR_PLATFORM_URL = ""
    assert "政府网站找错" not in client.get("/wzdt/").content.decode()  # a setting: read at start, like all


def test_signed_in_staff_see_sign_out_in_the_footer(client_for: Any, town: Any) -> None:
    page = client_for("editor").get("/").content.decode()
    assert ">退出</button>" in page and "工作人员登录" not in page


def test_the_site_map_lists_every_column_of_every_organisation(client: Client, town: Any) -> None:
    from disclosure import columns, selectors
    from disclosure.models import ColumnKind

    page = client.get("/wzdt/").content.decode()
    assert "网站地图" in page and town.town.name in page and town.other_town.name in page
    for spec in columns.FIRST_LEVEL:
        assert f"/gk/town/{spec.slug}/" in page
    for column in selectors.columns_for(town.town, ColumnKind.STATUTORY):
        assert f"/gk/town/c/{column.slug}/" in page
    assert "/gk/town/c/gzdt/" in page and "/ysq/town/" in page


def test_the_accessibility_statement_says_how_to_report_a_barrier(client: Client, town: Any) -> None:
    page = client.get("/wza/").content.decode()
    assert "无障碍声明" in page and "kind=site_error" in page and "3 个工作日" in page


def test_the_open_data_page_lists_the_api_fields_feeds_and_files(client: Client, town: Any, published: Any) -> None:
    from disclosure import exports

    published()
    exports.build(town.town, "csv")
    page = client.get("/kfsj/").content.decode()
    for text in ("/api/town/items/", "/gk/town/rss/", "/gk/town/atom/", "/gk/town/catalogue.csv", "cursor",
                 "results[].index_number", "1 条", "（正在生成）", "sitemap.xml"):  # fmt: skip
        assert text in page, text


def test_an_index_number_wraps_only_after_its_slash_never_inside_year_and_serial() -> None:
    from portal.templatetags.portal_tags import breakable

    assert str(breakable("114305990000000272/2026-00002")) == (
        '<span class="unbroken">114305990000000272/</span><wbr><span class="unbroken">2026-00002</span>'
    )
    assert "&lt;b&gt;" in str(breakable("<b>/x"))  # escaped


def test_catalogue_lists_and_search_show_no_template_text(client: Client, town: Any, published: Any) -> None:
    published(title="关于冬季安全生产的通知")
    for address in ("/gk/town/fdzdgknr/", "/gk/town/c/fgwj/", "/search/?q=安全"):
        page = client.get(address).content.decode()
        assert "{#" not in page and "#}" not in page and "{%" not in page, address


def test_the_footer_shows_the_sites_identity_as_the_inspection_expects(
    client: Client, client_for: Any, town: Any
) -> None:
    """《政府网站与政务新媒体检查指标》: the 党政机关网站标识 linked to its verification page, the 网站标识码, and
    the ICP and 公安 registration numbers linked to the registries where anyone can check them."""
    import io

    from PIL import Image

    page = client.get("/").content.decode()
    assert "4305990001" in page
    assert '<a href="https://beian.miit.gov.cn/" rel="external noopener" target="_blank">湘ICP备00000000号</a>' in page
    assert 'href="https://beian.mps.gov.cn/#/query/webSearch?code=43059902000000"' in page
    assert "党政机关网站标识" not in page  # no image uploaded yet: no empty slot

    image = io.BytesIO()
    Image.new("RGB", (55, 66), "red").save(image, "PNG")
    image.name = "标识.png"
    image.seek(0)
    admin = client_for("sysadmin")
    form = admin.get("/admin/portal/platformprofile/1/change/")
    assert form.status_code == 200
    data = {
        "site_name": "示例镇人民政府门户网站", "home_organisation": town.town.pk, "host_organisation": town.town.pk,
        "index_number_pattern": "{credit_code}/{year}-{serial:05d}", "annual_report_deadline_month": 1,
        "annual_report_deadline_day": 31, "website_code": "4305990001", "icp_number": "湘ICP备00000000号",
        "police_number": "湘公网安备43059902000000号", "identity_mark": image,
        "identity_mark_url": "https://bszs.conac.cn/sitename?method=show&id=ABC123",
    }  # fmt: skip
    saved = admin.post("/admin/portal/platformprofile/1/change/", data)
    assert saved.status_code == 302
    page = client.get("/").content.decode()
    assert 'href="https://bszs.conac.cn/sitename?method=show&amp;id=ABC123"' in page
    assert 'alt="党政机关网站标识"' in page
    renamed = io.BytesIO(b"<html>not an image</html>")
    renamed.name = "标识.png"
    refused = admin.post("/admin/portal/platformprofile/1/change/", {**data, "identity_mark": renamed})
    assert refused.status_code == 200 and "id_identity_mark_error" in refused.content.decode()  # refused
