"""Forms of the online application (one question per page) and of the staff's registration and actions."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError

from disclosure.models import Column
from portal.credit_code import credit_code_error
from portal.models.staff import display_name
from review.scanner import valid_id_number

from .models import (
    ApplicantType,
    ConsultationAnswer,
    ConsultationKind,
    Form,
    IdType,
    Kind,
    RecordCorrectionOutcome,
    Way,
)
from .outcomes import Outcome
from .receipt import Channel

MOBILE = re.compile(r"^1[3-9]\d{9}$")
LANDLINE = re.compile(r"^0\d{2,3}-?\d{7,8}(-\d{1,6})?$")
MAX_FILES, MAX_FILE_BYTES = 5, 10 * 1024 * 1024
FILE_EXTENSIONS = (".pdf", ".jpg", ".jpeg", ".png", ".doc", ".docx", ".xls", ".xlsx", ".txt")


# Other identity documents: their number formats, loosely (the documents vary by issue year).
ID_FORMATS = {
    IdType.HK_MACAO_PERMIT: (re.compile(r"^[HM]\d{8,10}$"), "港澳居民来往内地通行证号码应为H或M加8至10位数字。"),
    IdType.TAIWAN_PERMIT: (re.compile(r"^\d{8}$|^\d{10}[A-Z]?$"), "台湾居民来往大陆通行证号码应为8位或10位数字。"),
    IdType.PASSPORT: (re.compile(r"^[A-Z0-9]{5,17}$"), "护照号码应为5至17位字母或数字。"),
    IdType.FOREIGN_PERMANENT: (
        re.compile(r"^[A-Z]{3}\d{12}$|^9\d{16}[\dX]$"),
        "外国人永久居留身份证号码应为15位或18位。",
    ),
    IdType.OTHER: (re.compile(r"^[A-Z0-9\-]{4,30}$"), "证件号码应为4至30位字母、数字或连字符。"),
}


def check_id_number(id_type: str, value: str) -> str:
    """条例 第二十九条: proof of identity. 居民身份证 by GB 11643 (including its check digit)."""
    if id_type == IdType.RESIDENT_ID:
        if not valid_id_number(value):
            raise ValidationError("居民身份证号码有误：应为18位，最后一位是校验码（数字或X），请核对。")
    elif id_type in ID_FORMATS and not ID_FORMATS[IdType(id_type)][0].match(value):
        raise ValidationError(ID_FORMATS[IdType(id_type)][1])
    return value


def _digits(value: str) -> str:
    return re.sub(r"[\s—－]", "", value).replace("－", "-")


class KindForm(forms.Form):
    kind = forms.ChoiceField(
        label="您要申请什么？",
        choices=[
            (Kind.DISCLOSURE, "获取本机关制作或保存的政府信息"),
            (Kind.RECORD_CORRECTION, "更正本机关提供的与本人（单位）相关的不准确的政府信息记录（条例第四十一条）"),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": "请选择申请类别。"},
    )


class ApplicantTypeForm(forms.Form):
    applicant_type = forms.ChoiceField(
        label="申请人类型",
        choices=ApplicantType.choices,
        widget=forms.RadioSelect,
        help_text="以个人名义申请的选择“自然人”；以企业、机构、社会组织名义申请的选择所属类别。",
        error_messages={"required": "请选择申请人类型。"},
    )


class IdentityForm(forms.Form):
    """条例 第二十九条第二款第一项: the name and proof of identity. Fields follow the applicant type."""

    name = forms.CharField(label="姓名", max_length=100, error_messages={"required": "请填写姓名。"})
    id_type = forms.ChoiceField(label="证件类型", choices=IdType.choices, initial=IdType.RESIDENT_ID)
    id_number = forms.CharField(label="证件号码", max_length=40, error_messages={"required": "请填写证件号码。"})
    credit_code = forms.CharField(
        label="统一社会信用代码", max_length=18, error_messages={"required": "请填写统一社会信用代码。"}
    )
    contact_name = forms.CharField(label="联系人姓名", max_length=50, error_messages={"required": "请填写联系人姓名。"})

    def __init__(self, *args: Any, applicant_type: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if applicant_type == ApplicantType.PERSON:
            del self.fields["credit_code"], self.fields["contact_name"]
        else:
            self.fields["name"].label = "单位名称"
            self.fields["name"].error_messages["required"] = "请填写单位名称。"
            del self.fields["id_type"], self.fields["id_number"]

    def clean_id_number(self) -> str:
        value = self.cleaned_data["id_number"].strip().upper().replace(" ", "")
        return check_id_number(self.cleaned_data.get("id_type", ""), value)

    def clean_credit_code(self) -> str:
        value = self.cleaned_data["credit_code"].strip().upper().replace(" ", "")
        error = credit_code_error(value)
        if error:
            raise ValidationError(error)
        return value


class ContactForm(forms.Form):
    phone = forms.CharField(
        label="联系电话", max_length=20, required=False, help_text="手机号码，或带区号的固定电话，如 0730-5180118。"
    )
    email = forms.EmailField(label="电子邮箱", required=False, error_messages={"invalid": "电子邮箱格式不正确。"})
    address = forms.CharField(label="通信地址", max_length=200, required=False, help_text="需要邮寄信息的，请填写。")
    postcode = forms.RegexField(
        label="邮政编码", regex=r"^\d{6}$", required=False, error_messages={"invalid": "邮政编码应为6位数字。"}
    )

    def clean_phone(self) -> str:
        value = _digits(self.cleaned_data["phone"])
        if value and not (MOBILE.match(value) or LANDLINE.match(value)):
            raise ValidationError("联系电话格式不正确：请填写11位手机号码，或带区号的固定电话。")
        return value

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if not self.errors and not any(data.get(f) for f in ("phone", "email", "address")):
            raise ValidationError("请至少填写一种联系方式（电话、电子邮箱或通信地址），以便我们联系您和送达答复。")
        return data


class InformationForm(forms.Form):
    description = forms.CharField(
        label="所需信息的内容描述",
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=2000,
        help_text="请尽量写明信息的名称、文号、形成时间等特征，便于查找。",
        error_messages={"required": "请描述您需要的政府信息。"},
    )
    information_title = forms.CharField(label="信息名称", max_length=200, required=False)
    document_number = forms.CharField(
        label="文号", max_length=80, required=False, help_text="如 示例镇政发〔2026〕3号。"
    )
    purpose = forms.CharField(
        label="用途",
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=500,
        required=False,
        help_text="无需说明用途；您可以自愿填写。",
    )

    def __init__(self, *args: Any, kind: str = Kind.DISCLOSURE, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if kind == Kind.RECORD_CORRECTION:
            description = self.fields["description"]
            description.label = "需要更正的记录及更正内容"
            description.help_text = (
                "请写明哪一份政府信息中与您（单位）相关的哪项记录不准确，以及应当如何更正，并上传证明材料。"
            )
            description.error_messages["required"] = "请写明需要更正的记录。"
            del self.fields["purpose"]


class ProvisionForm(forms.Form):
    form = forms.ChoiceField(
        label="信息的提供形式",
        choices=Form.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "请选择提供形式。"},
    )
    way = forms.ChoiceField(
        label="获取信息的方式",
        choices=Way.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "请选择获取方式。"},
    )

    def __init__(self, *args: Any, contact: dict[str, Any] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.contact = contact or {}

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if data.get("way") == Way.POST and not self.contact.get("address"):
            self.add_error("way", "选择邮寄的，请先在“联系方式”中填写通信地址。")
        if data.get("way") == Way.EMAIL and not self.contact.get("email"):
            self.add_error("way", "选择电子邮件的，请先在“联系方式”中填写电子邮箱。")
        return data


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input: cleans to a list."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[Any]:
        files = data if isinstance(data, (list, tuple)) else [data]
        return [super(MultipleFileField, self).clean(f, initial) for f in files if f]


class AttachmentsForm(forms.Form):
    uploads = MultipleFileField(
        label="附件",
        required=False,
        help_text=f"可上传身份证明、委托书或说明材料，最多{MAX_FILES}个，每个不超过10MB（PDF、图片、Word、Excel）。",
    )

    def clean_uploads(self) -> list[Any]:
        files: list[Any] = self.cleaned_data["uploads"]
        if len(files) > MAX_FILES:
            raise ValidationError(f"最多上传{MAX_FILES}个附件。")
        for upload in files:
            if not (upload.name or "").lower().endswith(FILE_EXTENSIONS):
                raise ValidationError(f"“{upload.name}”的文件类型不支持，请上传PDF、图片、Word或Excel文件。")
            if (upload.size or 0) > MAX_FILE_BYTES:
                raise ValidationError(f"“{upload.name}”超过10MB。")
        return files


class ConfirmForm(forms.Form):
    agree = forms.BooleanField(
        label="我已阅读个人信息处理告知，确认以上内容真实",
        error_messages={"required": "请确认已阅读个人信息处理告知。"},
    )


# ---------------------------------------------------------------- staff


REGISTER_CHANNELS = [(c.value, c.label) for c in Channel if c != Channel.ONLINE]


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
    period_working_days = forms.IntegerField(label="补正期限（工作日）", min_value=5, max_value=30, initial=15)
    field_order = ["items", "period_working_days", "notice_text"]

    def action_kwargs(self) -> dict[str, Any]:
        return {
            "items": self.cleaned_data["items"].splitlines(),
            "period_working_days": self.cleaned_data["period_working_days"],
        }


class ReceiveCorrectionForm(forms.Form):
    received_on = _date("收到补正之日")
    note = forms.CharField(label="说明", required=False, help_text="逾期送达的，请写明正当理由。")

    def action_kwargs(self) -> dict[str, Any]:
        return {"received_on": self.cleaned_data["received_on"], "note": self.cleaned_data["note"]}


class ConsultForm(NoticeTextMixin):
    kind = forms.ChoiceField(label="征求意见类别", choices=ConsultationKind.choices)
    party = forms.CharField(label="征求意见对象", max_length=100)
    party_address = forms.CharField(label="对象地址或联系方式", max_length=200, required=False)
    field_order = ["kind", "party", "party_address", "notice_text"]

    def action_kwargs(self) -> dict[str, Any]:
        return {k: self.cleaned_data[k] for k in ("kind", "party", "party_address")}


class OpinionForm(forms.Form):
    answer = forms.ChoiceField(label="意见", choices=ConsultationAnswer.choices)
    answered_on = _date("收到答复之日（逾期未答复的，填记录日期）")
    note = forms.CharField(label="意见内容或理由", widget=forms.Textarea(attrs={"rows": 3}), required=False)

    def action_kwargs(self) -> dict[str, Any]:
        return {k: self.cleaned_data[k] for k in ("answer", "answered_on", "note")}


class ExtendForm(NoticeTextMixin):
    working_days = forms.IntegerField(label="延长工作日数", min_value=1, max_value=20, initial=20)
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
    method = forms.ChoiceField(
        label="计费方式", choices=[("per_application", "按件计收"), ("per_page", "按量计收")], widget=forms.RadioSelect
    )
    pages = forms.IntegerField(label="页数（按量计收时填写）", min_value=0, required=False)
    how_to_pay = forms.CharField(
        label="缴费方式",
        widget=forms.Textarea(attrs={"rows": 2}),
        initial="持本通知书到本机关财务室缴纳，或通过非税收入缴款码缴纳。",
    )
    field_order = ["method", "pages", "how_to_pay", "notice_text"]

    def action_kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {"method": data["method"], "pages": data.get("pages") or 0, "how_to_pay": data["how_to_pay"]}


class PaymentForm(forms.Form):
    paid_on = _date("缴费日期")
    note = forms.CharField(label="票据号或说明", required=False)

    def action_kwargs(self) -> dict[str, Any]:
        return {"paid_on": self.cleaned_data["paid_on"], "note": self.cleaned_data["note"]}


REPLY_OUTCOMES = [
    (o.value, o.label) for o in Outcome if o not in (Outcome.OTHER_NO_CORRECTION, Outcome.OTHER_FEE_UNPAID)
]


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
        help_text="部分公开时填写，每行一项：“不予公开的部分｜理由”。",
    )
    responsible_agency = forms.CharField(
        label="负责公开该信息的机关及联系方式", required=False, help_text="信息不属于本机关负责公开的，写明负责的机关。"
    )
    public_interest_reason = forms.CharField(
        label="公共利益理由",
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        help_text="第三方不同意公开而决定公开的，写明不公开可能对公共利益造成的重大影响（条例第三十二条）。",
    )
    field_order = [
        "outcome", "record_outcome", "ground", "reason", "withheld_parts", "responsible_agency",
        "public_interest_reason", "notice_text",
    ]  # fmt: skip

    def __init__(self, *args: Any, kind: str = Kind.DISCLOSURE, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if kind == Kind.RECORD_CORRECTION:
            for name in ("outcome", "ground", "withheld_parts", "responsible_agency", "public_interest_reason"):
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
        names = ("outcome", "record_outcome", "ground", "reason", "withheld_parts", "responsible_agency",
                 "public_interest_reason")  # fmt: skip
        return {n: self.cleaned_data[n] for n in names if n in self.cleaned_data}


class DeliverForm(forms.Form):
    way = forms.ChoiceField(
        label="送达方式",
        choices=[
            ("post", "邮寄"),
            ("email", "电子邮件"),
            ("in_person", "当面领取"),
            ("on_site", "现场查阅"),
            ("online", "网上查询下载"),
        ],
    )
    delivered_on = _date("送达日期")
    tracking_number = forms.CharField(label="邮件单号", max_length=40, required=False)

    def action_kwargs(self) -> dict[str, Any]:
        return {k: self.cleaned_data[k] for k in ("way", "delivered_on", "tracking_number")}


class WithdrawForm(forms.Form):
    reason = forms.CharField(label="撤回说明", widget=forms.Textarea(attrs={"rows": 2}), required=False)

    def action_kwargs(self) -> dict[str, Any]:
        return {"reason": self.cleaned_data["reason"]}


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


class EmptyForm(forms.Form):
    def action_kwargs(self) -> dict[str, Any]:
        return {}


class RevealForm(forms.Form):
    reason = forms.CharField(
        label="查看理由", max_length=200, help_text="如：邮寄答复需要完整地址。查看记录将写入审计日志。"
    )


class TrackForm(forms.Form):
    number = forms.CharField(label="申请编号", max_length=30, error_messages={"required": "请填写申请编号。"})
    code = forms.CharField(
        label="查询码", max_length=20, help_text="提交申请时获得的12位查询码，如 AB23-CD45-EF67。",
        error_messages={"required": "请填写查询码。"},
    )  # fmt: skip
