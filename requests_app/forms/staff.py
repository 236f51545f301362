"""The staff's forms: registering an application and one form per workflow action."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError

from disclosure.models import Column
from portal.credit_code import credit_code_error
from portal.models.staff import display_name
from portal.templatetags.portal_tags import cn_date

from ..deadlines import FEE_PAYMENT_WORKING_DAYS
from ..models import (
    AppealKind,
    AppealResult,
    ApplicantType,
    ConsultationAnswer,
    ConsultationKind,
    Form,
    IdType,
    Kind,
    NotHeldGround,
    RecordCorrectionOutcome,
    Way,
)
from ..outcomes import Outcome
from ..receipt import Channel
from ..rules import EXTENSION_WORKING_DAYS, THIRD_PARTY_WORKING_DAYS
from ..services import CORRECTION_PERIOD_MAX, CORRECTION_PERIOD_MIN, DELIVERY_WAYS, FEE_METHODS
from .public import MultipleFileField, check_id_number, check_uploads

REGISTER_CHANNELS = [(c.value, c.label) for c in Channel if c != Channel.ONLINE]


def _late_reason() -> forms.CharField:
    return forms.CharField(
        label="晚于到达日确认的原因",
        required=False,
        help_text="平常信函应在到达当日与申请人确认（条例第三十一条第二项）；晚于到达日确认的须填写原因。",
    )


def _unreachable() -> forms.BooleanField:
    return forms.BooleanField(
        label="到达当日无法联系到申请人",
        required=False,
        help_text="勾选时收到申请之日为确认之日；否则仍为信函到达之日。",
    )


class RegisterForm(forms.Form):
    """A case officer registers an application that arrived on paper, by fax, email, in person or orally."""

    kind = forms.ChoiceField(label="申请类别", choices=Kind.choices, initial=Kind.DISCLOSURE)
    channel = forms.ChoiceField(label="申请方式", choices=REGISTER_CHANNELS)
    arrived_on = forms.DateField(
        label="到达日期",
        help_text="当面提交、口头提出之日；邮件签收之日；信函、传真、电子邮件到达之日。",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    confirmed_on = forms.DateField(
        label="与申请人确认收到之日",
        required=False,
        help_text="平常信函、传真：与申请人确认收到的日期，即收到申请之日（条例第三十一条）；尚未确认的留空。",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    late_reason = _late_reason()
    unreachable = _unreachable()
    applicant_type = forms.ChoiceField(label="申请人类型", choices=ApplicantType.choices)
    name = forms.CharField(label="申请人姓名或单位名称", max_length=100)
    id_type = forms.ChoiceField(label="证件类型", choices=[("", "—"), *IdType.choices], required=False)
    id_number = forms.CharField(label="证件号码", max_length=40, required=False)
    credit_code = forms.CharField(label="统一社会信用代码", max_length=18, required=False)
    contact_name = forms.CharField(label="联系人", max_length=50, required=False)
    phone = forms.CharField(label="联系电话", max_length=20, required=False)
    email = forms.EmailField(label="电子邮箱", required=False)
    address = forms.CharField(label="通信地址", max_length=200, required=False)
    postcode = forms.RegexField(label="邮政编码", regex=r"^\d{6}$", required=False)
    description = forms.CharField(label="所需信息的内容描述", widget=forms.Textarea(attrs={"rows": 4}), max_length=2000)
    information_title = forms.CharField(label="信息名称", max_length=200, required=False)
    document_number = forms.CharField(label="文号", max_length=80, required=False)
    purpose = forms.CharField(label="用途", max_length=500, required=False)
    form = forms.ChoiceField(label="信息的提供形式", choices=Form.choices)
    way = forms.ChoiceField(label="获取信息的方式", choices=Way.choices)
    filled_in_by_staff = forms.BooleanField(label="申请人书面申请确有困难，由工作人员代为填写", required=False)

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        person = data.get("applicant_type") == ApplicantType.PERSON
        if person and not (data.get("id_type") and data.get("id_number")):
            self.add_error("id_number", "自然人申请须登记证件类型和号码（条例第二十九条）。")
        if person and data.get("id_type") and data.get("id_number"):
            data["id_number"] = data["id_number"].strip().upper().replace(" ", "")
            try:
                check_id_number(data["id_type"], data["id_number"])
            except ValidationError as refused:
                self.add_error("id_number", refused)
        if not person and data.get("applicant_type"):
            problem = credit_code_error((data.get("credit_code") or "").strip().upper())
            if problem:
                self.add_error("credit_code", problem)
            data["credit_code"] = (data.get("credit_code") or "").strip().upper()
        if not any(data.get(f) for f in ("phone", "email", "address")):
            self.add_error("phone", "请至少登记一种联系方式。")
        return data

    def application_data(self) -> dict[str, Any]:
        keys = [
            "kind", "applicant_type", "name", "id_type", "id_number", "credit_code", "contact_name", "phone", "email",
            "address", "postcode", "description", "information_title", "document_number", "purpose", "form", "way",
        ]  # fmt: skip
        data = {k: self.cleaned_data.get(k) or "" for k in keys}
        if data["applicant_type"] == ApplicantType.PERSON:
            data["credit_code"] = data["contact_name"] = ""
        else:
            data["id_type"] = data["id_number"] = ""
        return data


class NoticeTextMixin(forms.Form):
    notice_text = forms.CharField(
        label="告知书正文",
        required=False,
        widget=forms.Textarea(attrs={"rows": 18, "class": "wide"}),
        help_text="先点“生成告知书”，按需修改后再签发。签发后不能修改。",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["notice_text"].show_optional = False  # type: ignore[attr-defined]


def _date(label: str, **kwargs: Any) -> forms.DateField:
    return forms.DateField(label=label, widget=forms.DateInput(attrs={"type": "date"}), **kwargs)


class CorrectionForm(NoticeTextMixin):
    items = forms.CharField(
        label="需要补正的事项",
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="每行一项。补正通知只能发一次，请一次列明全部事项（条例第三十条）。",
    )
    period_working_days = forms.IntegerField(
        label="补正期限（工作日）", min_value=CORRECTION_PERIOD_MIN, max_value=CORRECTION_PERIOD_MAX, initial=15
    )
    field_order = ["items", "period_working_days", "notice_text"]

    def action_kwargs(self) -> dict[str, Any]:
        return {
            "items": self.cleaned_data["items"].splitlines(),
            "period_working_days": self.cleaned_data["period_working_days"],
        }


class ConfirmForm(forms.Form):
    """条例 第三十一条: the day both sides confirm is the day of receipt. Only an ordinary letter (第二项) has an
    arrival day before it, and so a reason for confirming later; online and fax applications ask nothing."""

    late_reason = _late_reason()
    unreachable = _unreachable()

    def __init__(self, *args: Any, channel: str = Channel.ORDINARY_LETTER, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if channel != Channel.ORDINARY_LETTER:
            del self.fields["late_reason"], self.fields["unreachable"]

    def action_kwargs(self) -> dict[str, Any]:
        return {"late_reason": self.cleaned_data.get("late_reason", ""),
                "unreachable": self.cleaned_data.get("unreachable", False)}  # fmt: skip


class ReceiveReasonsForm(forms.Form):
    received_on = _date("收到理由之日")
    reasons = forms.CharField(label="申请人说明的理由", widget=forms.Textarea(attrs={"rows": 4}))

    def action_kwargs(self) -> dict[str, Any]:
        return {"received_on": self.cleaned_data["received_on"], "reasons": self.cleaned_data["reasons"]}


class ReceiveCorrectionForm(forms.Form):
    received_on = _date("收到补正之日")
    note = forms.CharField(label="说明", required=False, help_text="逾期送达的，请写明正当理由。")

    def action_kwargs(self) -> dict[str, Any]:
        return {"received_on": self.cleaned_data["received_on"], "note": self.cleaned_data["note"]}


class ConsultForm(NoticeTextMixin):
    kind = forms.ChoiceField(label="征求意见类别", choices=ConsultationKind.choices)
    party = forms.CharField(label="征求意见对象", max_length=100)
    party_is_person = forms.BooleanField(label="征求对象为自然人（函件称“您”）", required=False)
    party_address = forms.CharField(label="对象地址或联系方式", max_length=200, required=False)
    field_order = ["kind", "party", "party_is_person", "party_address", "notice_text"]

    def action_kwargs(self) -> dict[str, Any]:
        return {k: self.cleaned_data[k] for k in ("kind", "party", "party_is_person", "party_address")}


class OpinionForm(forms.Form):
    answer = forms.ChoiceField(label="意见", choices=ConsultationAnswer.choices)
    answered_on = _date("收到答复之日（逾期未答复的，填记录日期）")
    note = forms.CharField(label="意见内容或理由", widget=forms.Textarea(attrs={"rows": 3}), required=False)

    def action_kwargs(self) -> dict[str, Any]:
        return {k: self.cleaned_data[k] for k in ("answer", "answered_on", "note")}


class ExtendForm(NoticeTextMixin):
    working_days = forms.IntegerField(
        label="延长工作日数", min_value=1, max_value=EXTENSION_WORKING_DAYS, initial=EXTENSION_WORKING_DAYS
    )
    reason = forms.CharField(label="延期理由", widget=forms.Textarea(attrs={"rows": 3}))
    field_order = ["working_days", "reason", "notice_text"]

    def action_kwargs(self) -> dict[str, Any]:
        return {"working_days": self.cleaned_data["working_days"], "reason": self.cleaned_data["reason"]}


class ReasonsForm(NoticeTextMixin):
    note = forms.CharField(label="需要说明的事项", widget=forms.Textarea(attrs={"rows": 3}), required=False)
    due = _date("说明理由的期限")
    field_order = ["note", "due", "notice_text"]

    def action_kwargs(self) -> dict[str, Any]:
        return {"note": self.cleaned_data["note"], "due": self.cleaned_data["due"]}


class LaterDateForm(NoticeTextMixin):
    later = _date("延迟答复的期限")
    reason = forms.CharField(label="理由", widget=forms.Textarea(attrs={"rows": 3}))
    field_order = ["later", "reason", "notice_text"]

    def action_kwargs(self) -> dict[str, Any]:
        return {"later": self.cleaned_data["later"], "reason": self.cleaned_data["reason"]}


class FeeForm(NoticeTextMixin):
    method = forms.ChoiceField(label="计费方式", choices=list(FEE_METHODS.items()), widget=forms.RadioSelect)
    pages = forms.IntegerField(label="页数", min_value=0, required=False, help_text="按量计收时必填。")
    counted_as = forms.IntegerField(
        label="本申请计为几件", min_value=1, initial=1, required=False,
        help_text="按件计收时：一份申请包含多项事项、按“一事一申请”拆分计件的，填写件数（国办函〔2020〕109号）。",
    )  # fmt: skip
    split_note = forms.CharField(
        label="拆分的事项", widget=forms.Textarea(attrs={"rows": 2}), required=False, help_text="拆分计件时必填。"
    )
    how_to_pay = forms.CharField(
        label="缴费方式",
        widget=forms.Textarea(attrs={"rows": 2}),
        initial="持本通知书到本机关财务室缴纳，或通过非税收入缴款码缴纳。",
    )
    field_order = ["method", "pages", "counted_as", "split_note", "how_to_pay", "notice_text"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("pages", "split_note"):
            self.fields[name].show_optional = False  # type: ignore[attr-defined]

    def action_kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "method": data["method"], "pages": data.get("pages") or 0, "counted_as": data.get("counted_as") or 1,
            "split_note": data.get("split_note", ""), "how_to_pay": data["how_to_pay"],
        }  # fmt: skip


class FeeNoticeDeliveryForm(forms.Form):
    received_on = _date(
        "申请人收到收费通知之日",
        help_text=f"邮寄的为签收之日；缴费期限自次日起计算{FEE_PAYMENT_WORKING_DAYS}个工作日。",
    )

    def action_kwargs(self) -> dict[str, Any]:
        return {"received_on": self.cleaned_data["received_on"]}


class ReduceFeeForm(NoticeTextMixin):
    amount = forms.IntegerField(label="减少后的金额（元）", min_value=1)
    reason = forms.CharField(label="减少的理由", widget=forms.Textarea(attrs={"rows": 2}))
    field_order = ["amount", "reason", "notice_text"]

    def action_kwargs(self) -> dict[str, Any]:
        return {"amount": self.cleaned_data["amount"], "reason": self.cleaned_data["reason"]}


class WaiveFeeForm(forms.Form):
    reason = forms.CharField(label="免收的理由", widget=forms.Textarea(attrs={"rows": 2}))

    def action_kwargs(self) -> dict[str, Any]:
        return {"reason": self.cleaned_data["reason"]}


class LetterReceiptForm(forms.Form):
    received_on = _date(
        "对方收到征求意见函之日", help_text=f"邮寄的为签收之日；{THIRD_PARTY_WORKING_DAYS}个工作日自该日起计算。"
    )

    def action_kwargs(self) -> dict[str, Any]:
        return {"received_on": self.cleaned_data["received_on"]}


class PaymentForm(forms.Form):
    paid_on = _date("缴费日期")
    note = forms.CharField(label="票据号或说明", required=False)

    def action_kwargs(self) -> dict[str, Any]:
        return {"paid_on": self.cleaned_data["paid_on"], "note": self.cleaned_data["note"]}


REPLY_OUTCOMES = [
    (o.value, o.label) for o in Outcome if o not in (Outcome.OTHER_NO_CORRECTION, Outcome.OTHER_FEE_UNPAID)
]


CONDITIONAL_REPLY_FIELDS = {
    "not_held_ground": "“本机关不掌握相关政府信息”时必填",
    "ground": "不予公开、行政查询事项时必填",
    "reason": "不予公开、行政查询事项、不予处理、其他处理、不属于本机关负责公开及不予更正时必填",
    "withheld_parts": "部分公开时必填",
    "public_interest_reason": "第三方不同意公开而决定公开时必填",
}


class ReplyForm(NoticeTextMixin):
    outcome = forms.ChoiceField(label="办理结果", choices=[("", "—"), *REPLY_OUTCOMES], required=False)
    record_outcome = forms.ChoiceField(
        label="更正申请的办理结果", choices=[("", "—"), *RecordCorrectionOutcome.choices], required=False
    )
    ground = forms.CharField(
        label="法律依据",
        required=False,
        help_text="不予公开的，写明依据的法律条款，如《中华人民共和国政府信息公开条例》第十五条。",
    )
    reason = forms.CharField(label="理由或说明", widget=forms.Textarea(attrs={"rows": 3}), required=False)
    withheld_parts = forms.CharField(
        label="不予公开的部分及理由",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text="每行一项：“不予公开的部分｜理由”。",
    )
    not_held_ground = forms.ChoiceField(
        label="本机关不掌握的情形", choices=[("", "—"), *NotHeldGround.choices], required=False
    )
    responsible_agency = forms.CharField(
        label="负责公开该信息的机关及联系方式",
        required=False,
        help_text="不属于本机关负责公开、且能够确定负责机关的，写明机关名称和联系方式（条例第三十六条第五项）。",
    )
    public_interest_reason = forms.CharField(
        label="公共利益理由",
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        help_text="第三方不同意公开而决定公开的，写明不公开可能对公共利益造成的重大影响（条例第三十二条）。",
    )
    field_order = [
        "outcome", "record_outcome", "not_held_ground", "ground", "reason", "withheld_parts", "responsible_agency",
        "public_interest_reason", "notice_text",
    ]  # fmt: skip

    def __init__(self, *args: Any, kind: str = Kind.DISCLOSURE, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Required for some outcomes only: labelled by when they are required, never as 选填.
        for name, when in CONDITIONAL_REPLY_FIELDS.items():
            if name in self.fields:
                self.fields[name].show_optional = False  # type: ignore[attr-defined]
                self.fields[name].help_text = f"{when}。{self.fields[name].help_text}".rstrip("。") + "。"
        if kind == Kind.RECORD_CORRECTION:
            for name in (
                "outcome", "not_held_ground", "ground", "withheld_parts", "responsible_agency", "public_interest_reason"
            ):  # fmt: skip
                del self.fields[name]
            self.fields["record_outcome"].required = True
        else:
            del self.fields["record_outcome"]
            self.fields["outcome"].required = True

    def clean_withheld_parts(self) -> list[dict[str, str]]:
        parts = []
        for line in self.cleaned_data.get("withheld_parts", "").splitlines():
            if not line.strip():
                continue
            part, sep, reason = line.replace("｜", "|").partition("|")
            if not sep or not reason.strip():
                raise ValidationError(f"“{line.strip()}”缺少理由：请按“部分｜理由”填写。")
            parts.append({"part": part.strip(), "reason": reason.strip()})
        return parts

    def action_kwargs(self) -> dict[str, Any]:
        names = ("outcome", "record_outcome", "not_held_ground", "ground", "reason", "withheld_parts",
                 "responsible_agency", "public_interest_reason")  # fmt: skip
        return {n: self.cleaned_data[n] for n in names if n in self.cleaned_data}


class DeliverForm(forms.Form):
    way = forms.ChoiceField(label="送达方式", choices=list(DELIVERY_WAYS.items()))
    delivered_on = _date("送达日期")
    tracking_number = forms.CharField(label="邮件单号", max_length=40, required=False)

    def action_kwargs(self) -> dict[str, Any]:
        return {k: self.cleaned_data[k] for k in ("way", "delivered_on", "tracking_number")}


class AssignForm(forms.Form):
    assignee = forms.ModelChoiceField(label="承办人", queryset=get_user_model().objects.none())

    def __init__(self, *args: Any, candidates: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["assignee"]
        field.queryset = candidates  # type: ignore[attr-defined]
        field.label_from_instance = display_name  # type: ignore[attr-defined]

    def action_kwargs(self) -> dict[str, Any]:
        return {"assignee": self.cleaned_data["assignee"]}


class ProactiveForm(forms.Form):
    column = forms.ModelChoiceField(label="拟公开的栏目", queryset=Column.objects.none())

    def __init__(self, *args: Any, columns: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["column"].queryset = columns  # type: ignore[attr-defined]

    def action_kwargs(self) -> dict[str, Any]:
        return {"column": self.cleaned_data["column"]}


class ProvideFilesForm(forms.Form):
    uploads = MultipleFileField(
        label="以电子形式提供的政府信息",
        help_text="随答复提供给申请人的电子文件，申请人凭申请编号和查询码在查询页面下载（每个不超过10MB）。",
        error_messages={"required": "请选择要提供的文件。"},
    )

    def clean_uploads(self) -> list[Any]:
        return check_uploads(self.cleaned_data["uploads"], for_publication=True)

    def action_kwargs(self) -> dict[str, Any]:
        return {"files": [(u.name, u) for u in self.cleaned_data["uploads"]]}


class SignOffForm(forms.Form):
    """The head reads the prepared notice, may correct it, and signs it off."""

    text = forms.CharField(label="拟定的告知书", widget=forms.Textarea(attrs={"rows": 18, "class": "wide"}))

    def __init__(self, *args: Any, prepared: dict[str, Any] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        prepared = prepared or {}
        self.fields["text"].initial = prepared.get("notice_text", "")
        on = cn_date(date.fromisoformat(prepared["on"])) if prepared.get("on") else ""
        self.fields["text"].help_text = f"{prepared.get('by_name', '')}于{on}拟定。核对后签发；需要修改的可直接修改。"

    def action_kwargs(self) -> dict[str, Any]:
        return {"notice_text": self.cleaned_data["text"]}


class ReasonForm(forms.Form):
    reason = forms.CharField(label="理由", widget=forms.Textarea(attrs={"rows": 3}))

    def action_kwargs(self) -> dict[str, Any]:
        return {"reason": self.cleaned_data["reason"]}


class RequestExtensionForm(forms.Form):
    working_days = forms.IntegerField(
        label="延长工作日数", min_value=1, max_value=EXTENSION_WORKING_DAYS, initial=EXTENSION_WORKING_DAYS
    )
    reason = forms.CharField(label="延期理由", widget=forms.Textarea(attrs={"rows": 3}))

    def action_kwargs(self) -> dict[str, Any]:
        return {"working_days": self.cleaned_data["working_days"], "reason": self.cleaned_data["reason"]}


class EmptyNoticeForm(NoticeTextMixin):
    def action_kwargs(self) -> dict[str, Any]:
        return {}


class EmptyForm(forms.Form):
    def action_kwargs(self) -> dict[str, Any]:
        return {}


class RevealForm(forms.Form):
    reason = forms.CharField(
        label="查看理由", max_length=200, help_text="如：邮寄答复需要完整地址。查看记录将写入审计日志。"
    )


class AppealForm(forms.Form):
    kind = forms.ChoiceField(
        label="类别",
        choices=AppealKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "请选择行政复议或行政诉讼。"},
    )
    filed_on = forms.DateField(
        label="申请复议或起诉日期",
        help_text="例如 2026-03-15",
        error_messages={"required": "请填写日期。", "invalid": "日期格式应为 2026-03-15。"},
    )
    body = forms.CharField(label="复议机关或受理法院", max_length=100, required=False)
    note = forms.CharField(label="说明", required=False, widget=forms.Textarea(attrs={"rows": 2}))


class AppealResultForm(forms.Form):
    result = forms.ChoiceField(
        label="结果",
        choices=AppealResult.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "请选择结果。"},
    )
    decided_on = forms.DateField(
        label="作出决定或判决日期",
        help_text="例如 2026-05-20",
        error_messages={"required": "请填写日期。", "invalid": "日期格式应为 2026-05-20。"},
    )
