"""Django's default form messages name no field ("这个字段是必填项。") and its blank choice is untranslated
("- Select an option -"): every form the public or staff meet gets specific Chinese ones instead, without
touching the messages a form sets itself. Installed once, in PortalConfig.ready()."""

from __future__ import annotations

from typing import Any

from django import forms

REQUIRED = str(forms.Field.default_error_messages["required"])
INVALID_CHOICE = (
    str(forms.ChoiceField.default_error_messages["invalid_choice"]),
    str(forms.ModelChoiceField.default_error_messages["invalid_choice"]),
)
CHOOSE = "请选择"
# Django's blank choice in English, and as locale/zh_Hans translates it where no form passes here (the same CHOOSE)
BLANK_LABELS = ("- Select an option -", CHOOSE, "---------")


def _verb(field: forms.Field) -> str:
    if isinstance(field, forms.FileField):
        return "请上传"
    if isinstance(field, (forms.ChoiceField, forms.ModelChoiceField, forms.BooleanField)):
        return "请选择"
    return "请填写"


def _specific(field: forms.Field, label: str) -> dict[str, str]:
    """Messages that name the field for the checks Django words generally ("输入一个整数。", "确保该值最多 …")."""
    found = {"max_length": f"{label}最多 %(limit_value)d 个字（现在是 %(show_value)d 个字）。"}
    if isinstance(field, (forms.IntegerField, forms.DecimalField)):
        found |= {"invalid": f"{label}请填写数字。", "min_value": f"{label}不能小于 %(limit_value)s。",
                  "max_value": f"{label}不能大于 %(limit_value)s。"}  # fmt: skip
    elif isinstance(field, forms.DateField):
        found["invalid"] = f"{label}的格式不正确，请按“2026-10-12”的格式填写。"
    elif isinstance(field, forms.EmailField):
        found["invalid"] = f"{label}的格式不正确，例如 name@example.com。"
    return found


# Django's own wording of those checks, which a form may have kept or replaced with its own
DEFAULTS = {
    (cls.__name__, code): str(text)
    for cls in (forms.IntegerField, forms.DecimalField, forms.DateField, forms.CharField, forms.EmailField)
    for code, text in {**forms.Field.default_error_messages, **cls.default_error_messages}.items()
}


def make_specific(form: forms.BaseForm) -> None:
    for name, field in form.fields.items():
        label = str(field.label or name)
        messages = field.error_messages
        if str(messages.get("required", "")) == REQUIRED:
            messages["required"] = f"{_verb(field)}{label}。"
        if str(messages.get("invalid_choice", "")) in INVALID_CHOICE:
            messages["invalid_choice"] = f"所选的{label}不在可选范围内，请重新选择。"
        for code, text in _specific(field, label).items():
            if code not in messages or str(messages[code]) == DEFAULTS.get((type(field).__name__, code)):
                messages[code] = text
        if isinstance(field, forms.ModelChoiceField) and field.empty_label == "---------":
            field.empty_label = CHOOSE
        elif isinstance(field, forms.ChoiceField) and not isinstance(field, forms.ModelChoiceField):
            choices: list[Any] = list(field.choices)  # type: ignore[arg-type]
            if any(str(text) in BLANK_LABELS for _, text in choices):
                field.choices = [(v, CHOOSE if str(t) in BLANK_LABELS else t) for v, t in choices]


def install() -> None:
    original = forms.BaseForm.__init__

    def init(self: forms.BaseForm, *args: Any, **kwargs: Any) -> None:
        original(self, *args, **kwargs)
        make_specific(self)

    if not getattr(forms.BaseForm.__init__, "specific_messages", False):
        init.specific_messages = True  # type: ignore[attr-defined]
        forms.BaseForm.__init__ = init  # type: ignore[method-assign]
