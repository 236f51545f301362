"""The staff's forms: a new report, and the figures the portal cannot know (entered rows and the signatures).
A draft may be saved with rows left blank; submission asks for every one (services.submission_problems)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.utils import timezone

from portal.models import Organisation
from portal.models.organisations import phone_validator

from . import layout

YES_NO = [("yes", "是"), ("no", "否")]
NUMBER_ERRORS = {"invalid": "请填写不小于0的整数。", "min_value": "请填写不小于0的整数。"}


class DraftForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label="网站（机构）", queryset=Organisation.objects.none(), empty_label=None,
        error_messages={"required": "请选择机构。", "invalid_choice": "请选择您所在的机构。"},
    )  # fmt: skip
    year = forms.IntegerField(
        label="年度", min_value=2017, error_messages={"required": "请填写年度。", "invalid": "年度须为数字，如 2025。",
                                                       "min_value": "年度报表自2017年起编制。"},
    )  # fmt: skip

    def __init__(self, *args: Any, organisations: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations  # type: ignore[attr-defined]
        self.fields["year"].initial = timezone.localdate().year - 1


def _field(row: layout.Row) -> forms.Field:
    label = row.label.removeprefix("其中：")  # the fieldset's legend names the group; "其他" is said twice
    label = f"{row.group}：{label}" if label == "其他" else label
    if row.kind == "bool":
        return forms.ChoiceField(label=label, choices=YES_NO, required=False, widget=forms.RadioSelect,
                                 help_text=row.hint)  # fmt: skip
    if row.kind == "text":
        return forms.CharField(label=label, max_length=100, required=False, help_text=row.hint,
                               error_messages={"max_length": "请不要超过100个字。"})  # fmt: skip
    number = forms.NumberInput(attrs={"inputmode": "numeric"})
    return forms.IntegerField(label=label, min_value=0, required=False, help_text=row.hint,
                              error_messages=NUMBER_ERRORS, widget=number)  # fmt: skip


class EnteredForm(forms.Form):
    """Every entered row of the table and the signature lines; blanks are kept as blanks."""

    head = forms.CharField(label="单位负责人", max_length=30, required=False)
    checker = forms.CharField(label="审核人", max_length=30, required=False)
    filler = forms.CharField(label="填报人", max_length=30, required=False)
    phone = forms.CharField(label="联系电话", max_length=30, required=False, validators=[phone_validator])
    filled_on = forms.DateField(
        label="填报日期", required=False, help_text="例如 2026-01-20。",
        error_messages={"invalid": "请按 2026-01-20 的格式填写日期。"},
    )  # fmt: skip

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for row in layout.ENTERED:
            self.fields[row.key] = _field(row)
        for name in ("head", "checker", "filler", "phone", "filled_on"):
            self.fields[name].show_optional = False  # type: ignore[attr-defined]
        for row in layout.ENTERED:
            self.fields[row.key].show_optional = False  # type: ignore[attr-defined]

    def rows(self) -> list[tuple[str, list[forms.BoundField]]]:
        """The entered fields in the table's groups, for the page."""
        grouped: list[tuple[str, list[forms.BoundField]]] = []
        for row in layout.ENTERED:
            if not grouped or grouped[-1][0] != row.group:
                grouped.append((row.group, []))
            grouped[-1][1].append(self[row.key])
        return grouped

    def people(self) -> list[forms.BoundField]:
        return [self[name] for name, _ in layout.PEOPLE]

    def clean_filled_on(self) -> date | None:
        filled = self.cleaned_data.get("filled_on")
        if filled and filled > timezone.localdate():
            raise forms.ValidationError("填报日期不能晚于今天。")
        return filled

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for smaller, larger, message in (
            ("online_items", "service_items", "可全程在线办理的事项数量不能多于政务服务事项数量。"),
            ("security_fixed", "security_problems", "问题整改数量不能多于发现问题数量。"),
            ("interview_answers", "interview_messages", "答复网民提问数量不能多于网民留言数量。"),
        ):
            if data.get(smaller) is not None and data.get(larger) is not None and data[smaller] > data[larger]:
                self.add_error(smaller, message)
        return data

    def values(self) -> dict[str, Any]:
        """What is kept with the report: numbers, "yes"/"no", text, and the date as ISO text."""
        data = dict(self.cleaned_data)
        if data.get("filled_on"):
            data["filled_on"] = data["filled_on"].isoformat()
        return {key: (None if value in ("", None) else value) for key, value in data.items()}
