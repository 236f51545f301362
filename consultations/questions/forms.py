"""A question from the public, the receipt look-up, and the staff's answer, transfer, dismissal and proposal."""

from django import forms

from portal.models import Organisation

NAME = forms.TextInput(attrs={"autocomplete": "name"})  # WCAG 1.3.5: the browser may fill it in


class QuestionForm(forms.Form):
    subject = forms.CharField(
        label="标题",
        max_length=100,
        error_messages={"required": "请用一句话写明咨询的标题。", "max_length": "标题不超过100字。"},
    )
    text = forms.CharField(
        label="咨询内容",
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": "请写明咨询内容。", "max_length": "咨询内容不超过3000字。"},
        help_text="请不要在这里写身份证号、住址等个人信息。",
    )
    name = forms.CharField(label="姓名", max_length=50, required=False, help_text="选填，不公开。", widget=NAME)
    contact = forms.CharField(
        label="联系电话或电子邮箱",
        max_length=100,
        required=False,
        help_text="选填，不公开；留电子邮箱的，答复后发邮件告知。也可以凭回执码查看答复。",
    )
    public_allowed = forms.TypedChoiceField(
        label="是否同意公开",
        choices=[("yes", "同意在网站公开问题和答复（不公开姓名和联系方式）"), ("no", "不同意，只答复我本人")],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        error_messages={"required": "请选择是否同意公开问题和答复。"},
    )
    item = forms.IntegerField(widget=forms.HiddenInput, required=False)
    submission_key = forms.UUIDField(widget=forms.HiddenInput)


class ReceiptForm(forms.Form):
    code = forms.CharField(
        label="回执码", max_length=20, error_messages={"required": "请输入回执码。"},
        help_text="提交时页面显示的12位回执码，如 ABCD-EFGH-JKLM。",
    )  # fmt: skip


class AnswerForm(forms.Form):
    answer = forms.CharField(
        label="答复内容", widget=forms.Textarea(attrs={"rows": 8}), max_length=5000,
        error_messages={"required": "请填写答复内容。", "max_length": "答复不超过5000字。"},
        help_text="答复即送达提问人（回执码查询和邮件）。提问人同意公开的，答复后可送审公开。",
    )  # fmt: skip


class TransferForm(forms.Form):
    to = forms.ModelChoiceField(
        label="转交给", queryset=Organisation.objects.order_by("name"), empty_label="请选择机构",
        error_messages={"required": "请选择负责该事项的机构。", "invalid_choice": "请选择列表中的机构。"},
    )  # fmt: skip
    reason = forms.CharField(
        label="转交理由", max_length=500, widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": "请写明转交理由。"}, help_text="提问人会看到，如“该事项由社会事务办负责”。",
    )  # fmt: skip


class DismissForm(forms.Form):
    reason = forms.CharField(
        label="不予答复的理由", max_length=500, widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": "请写明理由。"}, help_text="广告、辱骂、与已答复的问题重复等；提问人会看到。",
    )  # fmt: skip


class ProposeForm(forms.Form):
    into = forms.ChoiceField(
        label="建议转为", widget=forms.RadioSelect,
        choices=[("application", "政府信息公开申请（要获取某项政府信息）"), ("complaint", "投诉（对本机关工作）")],
        error_messages={"required": "请选择建议转为申请还是投诉。"},
    )  # fmt: skip
    note = forms.CharField(
        label="给提问人的说明", max_length=500, widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "请写明说明。"},
        help_text="提问人同意后才转为申请或投诉，原文保留；同意之前仍可直接答复。",
    )  # fmt: skip


class UnpublishForm(forms.Form):
    reason = forms.CharField(label="撤下理由", max_length=300, error_messages={"required": "请写明撤下理由。"})
