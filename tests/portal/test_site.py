"""What a citizen sees: the home page, the 政府信息公开 column (条例 第二十四条), modes and error pages."""

from typing import Any

import pytest
from django.test import Client, override_settings

from portal.models import PlatformProfile

FIRST_LEVEL = ["政府信息公开指南", "政府信息公开制度", "法定主动公开内容", "政府信息公开年报"]


def test_home_page_shows_the_disclosure_column_entrances_contact_and_footer(client: Client, town: Any) -> None:
    """条例 第二十四条 and 国办公开办函〔2019〕61号: one 政府信息公开 column with four first-level columns."""
    response = client.get("/")
    page = response.content.decode()
    assert response.status_code == 200
    assert "<h1>示例镇人民政府</h1>" in page
    for name in FIRST_LEVEL:
        assert name in page
    assert 'href="/ysq/town/"' in page and "依申请公开" in page
    assert 'href="/gk/town/yjzj/"' in page and "意见征集" in page
    assert "0730-5180118" in page and "1033317741@qq.com" in page
    assert "主办单位" in page and "4305990001" in page and "湘ICP备00000000号" in page and "湘公网安备" in page
    assert "<script" not in page  # the site works without JavaScript


@pytest.mark.parametrize(
    ("url", "explanation"),
    [
        ("/gk/town/zfxxgkzn/", "本栏目暂无政府信息公开指南。"),
        ("/gk/town/zfxxgkzd/", "本栏目暂无政府信息公开制度。"),
        ("/gk/town/fdzdgknr/", "本栏目暂无法定主动公开内容。"),
        ("/gk/town/zfxxgknb/", "本栏目暂无政府信息公开年报。"),
        ("/gk/town/yjzj/", "目前没有正在征求意见的决策草案。"),
    ],
)
def test_a_column_without_content_shows_its_explanation(client: Client, town: Any, url: str, explanation: str) -> None:
    page = client.get(url).content.decode()
    assert explanation in page
    assert 'aria-label="当前位置"' in page and "示例镇政府信息公开" in page


def test_unknown_columns_and_organisations_without_a_column_are_404(client: Client, town: Any) -> None:
    assert client.get("/gk/town/nosuchcolumn/").status_code == 404
    assert client.get("/gk/party/").status_code == 404  # an office publishes through the town's column
    assert client.get("/ysq/nobody/").status_code == 404


def test_application_entrance_explains_channels_contents_and_time_limits(client: Client, town: Any) -> None:
    """条例 第二十七条、第二十九条、第三十三条: who applies, what to write, 20+20 working days."""
    page = client.get("/ysq/town/").content.decode()
    assert "示例县示例镇人民路1号" in page and "1033317741@qq.com" in page
    assert "20 个工作日内予以答复" in page and "最长不超过 20 个工作日" in page
    assert "无需说明申请用途" in page
    assert "口头提出" in page


def test_elder_mode_by_link_sets_a_cookie_and_returns_to_the_page(client: Client, town: Any) -> None:
    response = client.get("/mode/elder/on/", {"next": "/gk/town/zfxxgkzn/"})
    assert response.status_code == 302 and response["Location"] == "/gk/town/zfxxgkzn/"
    assert response.cookies["mode_elder"].value == "1"
    page = client.get("/gk/town/zfxxgkzn/").content.decode()
    assert 'class="mode-elder ' in page and "退出长者模式" in page

    client.get("/mode/elder/off/")
    assert "mode-elder" not in client.get("/").content.decode()


def test_high_contrast_mode_by_cookie(client: Client, town: Any) -> None:
    client.cookies["mode_contrast"] = "1"
    page = client.get("/").content.decode()
    assert "mode-contrast" in page and "标准对比度" in page


def test_mode_link_does_not_redirect_to_another_site(client: Client, town: Any) -> None:
    response = client.get("/mode/elder/on/", {"next": "https://evil.example.com/"})
    assert response["Location"] == "/"


def test_mourning_mode_greys_the_whole_site(client: Client, town: Any) -> None:
    PlatformProfile.objects.filter(pk=1).update(mourning_mode=True)
    assert '<html lang="zh-CN" class="mode-mourning">' in client.get("/").content.decode()


def test_pages_carry_a_content_security_policy(client: Client, town: Any) -> None:
    policy = client.get("/")["Content-Security-Policy"]
    assert "default-src 'self'" in policy and "frame-ancestors 'none'" in policy


def test_404_page_is_chinese_and_leaks_nothing(client: Client, town: Any) -> None:
    response = client.get("/gk/town/secret-path/")
    page = response.content.decode()
    assert response.status_code == 404
    assert "页面不存在" in page
    assert "栏目不存在" not in page  # the exception text stays on the server
    assert "Traceback" not in page and "URLconf" not in page and "portal.urls" not in page


@override_settings(DEBUG=False)
def test_500_page_is_chinese_and_leaks_nothing(town: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: Any, **kwargs: Any) -> None:
        raise RuntimeError("database password is hunter2")

    monkeypatch.setattr("portal.views.public.PlatformProfile.load", broken)
    response = Client(raise_request_exception=False).get("/")
    page = response.content.decode()
    assert response.status_code == 500
    assert "系统暂时出错" in page and "hunter2" not in page and "RuntimeError" not in page


def test_dates_are_written_the_chinese_way() -> None:
    from datetime import date

    from portal.templatetags.portal_tags import cn_date, deadline_tag

    assert cn_date(date(2026, 11, 27)) == "2026年11月27日"
    assert deadline_tag(5)["text"] == "剩余 5 个工作日"
    assert deadline_tag(-2) == {"text": "已超期 2 个工作日", "colour": "red"}
