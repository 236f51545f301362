"""Django's default form messages name no field ("这个字段是必填项。") and its blank choice is untranslated
("- Select an option -"): every form the public or staff meet gets specific Chinese ones instead, without
touching the messages a form sets itself. Installed once, in PortalConfig.ready()."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models.fields import BLANK_CHOICE_LABEL

REQUIRED = str(forms.Field.default_error_messages["required"])
INVALID_CHOICE = (
    str(forms.ChoiceField.default_error_messages["invalid_choice"]),
    str(forms.ModelChoiceField.default_error_messages["invalid_choice"]),
)
CHOOSE = "请选择"


def _verb(field: forms.Field) -> str:
    if isinstance(field, forms.FileField):
        return "请上传"
    if isinstance(field, (forms.ChoiceField, forms.ModelChoiceField, forms.BooleanField)):
        return "请选择"
    return "请填写"


def make_specific(form: forms.BaseForm) -> None:
    for name, field in form.fields.items():
        label = str(field.label or name)
        messages = field.error_messages
        if str(messages.get("required", "")) == REQUIRED:
            messages["required"] = f"{_verb(field)}{label}。"
        if str(messages.get("invalid_choice", "")) in INVALID_CHOICE:
            messages["invalid_choice"] = f"所选的{label}不在可选范围内，请重新选择。"
        if isinstance(field, forms.ModelChoiceField) and field.empty_label == "---------":
            field.empty_label = CHOOSE
        elif isinstance(field, forms.ChoiceField) and not isinstance(field, forms.ModelChoiceField):
            choices: list[Any] = list(field.choices)  # type: ignore[arg-type]
            if any(str(text) in (str(BLANK_CHOICE_LABEL), "---------") for _, text in choices):
                field.choices = [(v, CHOOSE if str(t) in (str(BLANK_CHOICE_LABEL), "---------") else t)
                                 for v, t in choices]  # fmt: skip


def install() -> None:
    original = forms.BaseForm.__init__

    def init(self: forms.BaseForm, *args: Any, **kwargs: Any) -> None:
        original(self, *args, **kwargs)
        make_specific(self)

    if not getattr(forms.BaseForm.__init__, "specific_messages", False):
        init.specific_messages = True  # type: ignore[attr-defined]
        forms.BaseForm.__init__ = init  # type: ignore[method-assign]
