"""Django's default messages are replaced by specific Chinese ones wherever a person meets a form (issue 16)."""

from typing import Any

from django import forms


class Sample(forms.Form):
    name = forms.CharField(label="姓名")
    kind = forms.ChoiceField(label="申请类型", choices=[("", "- Select an option -"), ("a", "甲")])
    upload = forms.FileField(label="附件")
    own = forms.CharField(label="地址", error_messages={"required": "需要邮寄的，请填写通信地址。"})


def test_required_and_choice_messages_name_the_field() -> None:
    form = Sample(data={"kind": "z"})
    assert not form.is_valid()
    assert form.errors["name"] == ["请填写姓名。"]
    assert form.errors["kind"] == ["所选的申请类型不在可选范围内，请重新选择。"]
    assert form.errors["upload"] == ["请上传附件。"]
    assert form.errors["own"] == ["需要邮寄的，请填写通信地址。"]  # a form's own message stays
    assert "Select an option" not in str(form["kind"]) and "请选择" in str(form["kind"])


class Checked(forms.Form):
    year = forms.IntegerField(label="发布年份", min_value=2000, max_value=2100)
    received = forms.DateField(label="收到日期")
    email = forms.EmailField(label="电子邮箱")
    name = forms.CharField(label="姓名", max_length=3)
    count = forms.IntegerField(label="份数", error_messages={"invalid": "份数只能是数字。"})


def test_range_format_and_length_messages_name_the_field() -> None:
    form = Checked(data={"year": "1999", "received": "昨天", "email": "x", "name": "张三丰四", "count": "两"})
    assert not form.is_valid()
    assert form.errors["year"] == ["发布年份不能小于 2000。"]
    assert form.errors["received"] == ["收到日期的格式不正确，请按“2026-10-12”的格式填写。"]
    assert form.errors["email"] == ["电子邮箱的格式不正确，例如 name@example.com。"]
    assert form.errors["name"] == ["姓名最多 3 个字（现在是 4 个字）。"]
    assert form.errors["count"] == ["份数只能是数字。"]  # a form's own message stays


def test_an_error_summary_names_each_field_once(client: Any, town: Any) -> None:
    page = client.post("/ysq/track/", {"number": "", "code": ""}).content.decode()
    summary = page[page.index('class="error-summary"') : page.index("</div>", page.index('class="error-summary"'))]
    assert "请填写申请编号。" in summary and "申请编号：" not in summary
    year = client.get("/gk/town/c/fgwj/", {"year": "1999"}).content.decode()
    assert "发布年份不能早于2000年。" in year and "发布年份：发布年份" not in year


def test_no_public_page_shows_the_default_blank_choice_or_message(client: Any, town: Any) -> None:
    for address in ("/gk/town/c/fgwj/", "/search/?q=x", "/gk/town/tousu/", "/ysq/track/"):
        page = client.get(address).content.decode()
        assert "Select an option" not in page and "---------" not in page and "这个字段是必填项" not in page
    posted = client.post("/ysq/track/", {}).content.decode()
    assert "这个字段是必填项" not in posted
