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


def test_no_public_page_shows_the_default_blank_choice_or_message(client: Any, town: Any) -> None:
    for address in ("/gk/town/c/fgwj/", "/search/?q=x", "/gk/town/tousu/", "/ysq/track/"):
        page = client.get(address).content.decode()
        assert "Select an option" not in page and "---------" not in page and "这个字段是必填项" not in page
    posted = client.post("/ysq/track/", {}).content.decode()
    assert "这个字段是必填项" not in posted
