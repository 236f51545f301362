"""An inspection and a leadership meeting, each with the follow-ups it requires."""

from typing import Any

from django import forms

from portal.models import Organisation

from .models import InspectionKind

REQUIREMENTS_HELP = "每行一项：要求；责任人或科室；期限，如“补齐5个空白栏目；党政办；2026-12-31”。"


class InspectionForm(forms.Form):
    organisation = forms.ModelChoiceField(label="被检查的机构", queryset=Organisation.objects.none(),
                                          error_messages={"required": "请选择被检查的机构。"})  # fmt: skip
    kind = forms.ChoiceField(label="检查类型", choices=InspectionKind.choices, widget=forms.RadioSelect)
    held_on = forms.DateField(label="检查日期", error_messages={"invalid": "日期格式应为 2026-11-20。"})
    scope = forms.CharField(label="检查范围", widget=forms.Textarea(attrs={"rows": 2}))
    inspectors = forms.CharField(label="检查人员", max_length=300)
    findings = forms.CharField(label="发现的问题", widget=forms.Textarea(attrs={"rows": 4}))
    requirements = forms.CharField(label="整改要求", widget=forms.Textarea(attrs={"rows": 3}), required=False,
                                   help_text=REQUIREMENTS_HELP)  # fmt: skip

    def __init__(self, *args: Any, organisations: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations  # type: ignore[attr-defined]


class LeadershipMeetingForm(forms.Form):
    organisation = forms.ModelChoiceField(label="机构", queryset=Organisation.objects.none())
    held_on = forms.DateField(label="会议日期", error_messages={"invalid": "日期格式应为 2026-11-20。"})
    attendees = forms.CharField(label="参会人员", widget=forms.Textarea(attrs={"rows": 2}))
    topics = forms.CharField(label="议题", widget=forms.Textarea(attrs={"rows": 3}))
    decisions = forms.CharField(label="会议决定", widget=forms.Textarea(attrs={"rows": 3}))
    tasks = forms.CharField(label="督办事项", widget=forms.Textarea(attrs={"rows": 3}), required=False,
                            help_text=REQUIREMENTS_HELP)  # fmt: skip

    def __init__(self, *args: Any, organisations: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations  # type: ignore[attr-defined]
