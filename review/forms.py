from __future__ import annotations

from typing import Any

from django import forms

from .checklists import QUESTIONS
from .models import Stage

ANSWERS = [("yes", "是"), ("no", "否")]


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label="审核决定",
        choices=[("approve", "通过"), ("return", "退回修改"), ("reject", "不予发布"), ("refer", "报保密行政管理部门")],
        widget=forms.RadioSelect,
        error_messages={"required": "请选择审核决定。"},
    )
    comment = forms.CharField(
        label="审核意见",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="退回、不予发布、报送时必填。",
    )
    scheduled_for = forms.DateTimeField(
        label="定时发布",
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
        help_text="终审通过后在此时间发布；不填则立即发布。",
        error_messages={"invalid": "请按 2026-12-01 09:00 的格式填写时间。"},
    )
    stage_id = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, stage: Stage, final: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.questions = QUESTIONS[stage.checklist]
        for key, label in self.questions:
            question = forms.ChoiceField(
                label=label, choices=ANSWERS, widget=forms.RadioSelect, required=False, help_text="通过时须选“是”。"
            )
            question.show_optional = False  # type: ignore[attr-defined]  # answered for approval, not for a return
            self.fields[f"q_{key}"] = question
        if not final:
            del self.fields["scheduled_for"]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        decision = data.get("decision")
        if decision == "approve":
            for key, _ in self.questions:
                if data.get(f"q_{key}") != "yes":
                    self.add_error(f"q_{key}", "通过前须确认此项（选“是”）。")
        elif decision and not (data.get("comment") or "").strip():
            self.add_error("comment", "请填写意见，说明原因。")
        return data

    def checklist(self) -> dict[str, str]:
        return {key: self.cleaned_data.get(f"q_{key}") or "" for key, _ in self.questions}


class OverrideForm(forms.Form):
    hit_key = forms.CharField(widget=forms.HiddenInput)
    reason = forms.CharField(label="保留理由", required=False, max_length=500)


class AnswerForm(forms.Form):
    comment = forms.CharField(
        label="保密行政管理部门的答复",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "请登记答复内容。"},
    )
