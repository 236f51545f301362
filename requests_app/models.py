"""Disclosure on application (依申请公开): applications, their events, consultations, notices and attachments.

Personal data (ID number, phone, postal address) is stored encrypted (portal.crypto), bound to the row's
`data_id` and the field name; lists use the masked copies kept beside the ciphertext.
"""

from __future__ import annotations

import uuid
from datetime import date

from django.conf import settings
from django.db import models

from portal.crypto import decrypt
from portal.models import AppendOnly, Organisation
from portal.storage import private as private_storage

from .outcomes import Outcome
from .receipt import NEEDS_CONFIRMATION, Channel
from .states import CLOCK_STATUSES, OPEN_STATUSES, Action, Status


class ApplicantType(models.TextChoices):
    """The applicant columns of table 二/三 of the annual report."""

    PERSON = "person", "自然人"
    BUSINESS = "business", "法人或其他组织：商业企业"
    RESEARCH = "research", "法人或其他组织：科研机构"
    NONPROFIT = "nonprofit", "法人或其他组织：社会公益组织"
    LEGAL_SERVICE = "legal_service", "法人或其他组织：法律服务机构"
    OTHER_ORGANISATION = "other_organisation", "法人或其他组织：其他"


class IdType(models.TextChoices):
    RESIDENT_ID = "resident_id", "居民身份证"
    HK_MACAO_PERMIT = "hk_macao_permit", "港澳居民来往内地通行证"
    TAIWAN_PERMIT = "taiwan_permit", "台湾居民来往大陆通行证"
    PASSPORT = "passport", "护照"
    FOREIGN_PERMANENT = "foreign_permanent", "外国人永久居留身份证"
    OTHER = "other", "其他有效身份证件"


class Kind(models.TextChoices):
    DISCLOSURE = "disclosure", "政府信息公开申请"
    RECORD_CORRECTION = "record_correction", "更正政府信息记录申请（条例第四十一条）"


class RecordCorrectionOutcome(models.TextChoices):
    """条例 第四十一条: the answers to a request to correct records about oneself."""

    CORRECTED = "corrected", "已予更正"
    NOT_CORRECTED = "not_corrected", "不予更正"
    FORWARDED = "forwarded", "已转送有权更正的行政机关处理"
    TOLD_TO_APPLY_THERE = "told_to_apply_there", "告知申请人向有权更正的行政机关提出"


class NotHeldGround(models.TextChoices):
    """The two grounds of 本机关不掌握相关政府信息 (table 三 (四)1), each with its own notice."""

    NONEXISTENT = "nonexistent", "政府信息不存在（条例第三十六条第四项）"
    NOT_OURS = "not_ours", "不属于本机关负责公开（条例第三十六条第五项）"


class Form(models.TextChoices):
    """The form of provision (条例 第二十九条第二款第三项)."""

    PAPER = "paper", "纸质文本"
    ELECTRONIC = "electronic", "电子文件"


class Way(models.TextChoices):
    """The way of obtaining the information."""

    POST = "post", "邮寄"
    EMAIL = "email", "电子邮件"
    PICK_UP = "pick_up", "当面领取"
    ON_SITE = "on_site", "现场查阅、抄录"


class Reminder(models.TextChoices):
    NONE = "", "—"
    DUE_SOON = "due_soon", "即将到期"
    OVERDUE = "overdue", "已超期"
    UNCONFIRMED = "unconfirmed", "超过1个工作日未确认收到"


class ApplicationQuerySet(models.QuerySet["Application"]):
    """The named reads of the register: the queue, the workbench, the reminders and the reports use these."""

    def open(self) -> ApplicationQuerySet:
        return self.filter(in_open_queue=True)

    def clock_running(self) -> ApplicationQuerySet:
        """The reply clock runs (received, consulting, waiting for a fee): a deadline is shown and reminded."""
        return self.filter(status__in=CLOCK_STATUSES, deadline__isnull=False)

    def overdue(self, today: date) -> ApplicationQuerySet:
        return self.open().clock_running().filter(deadline__lt=today)

    def closed_between(self, start: date, end: date) -> ApplicationQuerySet:
        """Every application closed in the period, with a reply or without one (逾期不补正, withdrawn): what
        table 三(七) totals, the report's prose, the dashboard and the assessment all count as 办结."""
        return self.filter(closed_on__range=(start, end))

    def on_time(self) -> ApplicationQuerySet:
        """Closed on time (条例 第三十三条): replied by the deadline, or closed without a reply, which only the
        applicant's side causes (逾期不补正, withdrawn, a fee not paid: no reply was due, nothing was late). The
        one rule the annual report, the year-end assessment and the dashboard share."""
        return self.filter(
            models.Q(replied_on__isnull=True)
            | models.Q(deadline__isnull=True)
            | models.Q(replied_on__lte=models.F("deadline"))
        )

    def due_soon(self, today: date) -> ApplicationQuerySet:
        """Due within REMINDER_WORKING_DAYS working days (the reminders' threshold)."""
        from portal.workdays import add_working_days

        until = add_working_days(today, settings.REMINDER_WORKING_DAYS).value
        return self.open().clock_running().filter(deadline__range=(today, until))

    def unconfirmed(self) -> ApplicationQuerySet:
        """Online, fax or ordinary-letter applications not yet confirmed (条例 第三十一条)."""
        return self.filter(status=Status.SUBMITTED, channel__in=NEEDS_CONFIRMATION)

    def awaiting_sign_off(self) -> ApplicationQuerySet:
        return self.filter(prepared_reply__has_key="inputs")

    def awaiting_extension_approval(self) -> ApplicationQuerySet:
        return self.filter(extension_request__has_key="working_days")


class Application(models.Model):
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="applications", verbose_name="受理机构"
    )
    number = models.CharField("申请编号", max_length=30, unique=True)
    kind = models.CharField("申请类别", max_length=20, choices=Kind.choices, default=Kind.DISCLOSURE)
    data_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    submission_key = models.UUIDField(null=True, blank=True, unique=True, editable=False)
    tracking_code_hash = models.CharField(max_length=64, blank=True, editable=False)

    channel = models.CharField("申请方式", max_length=20, choices=Channel.choices)
    filled_in_by_staff = models.BooleanField(
        "工作人员代为填写", default=False, help_text="申请人书面申请确有困难、口头提出的（条例第二十九条）。"
    )
    submitted_at = models.DateTimeField("提交时间")
    arrived_on = models.DateField(
        "到达日期", help_text="申请到达本机关的日期：当面提交、签收、来信到达或邮件到达之日。"
    )
    received_on = models.DateField("收到申请之日", null=True, blank=True)
    confirmed_at = models.DateTimeField("确认收到时间", null=True, blank=True)

    applicant_type = models.CharField("申请人类型", max_length=20, choices=ApplicantType.choices)
    name = models.CharField("申请人姓名或名称", max_length=100)
    id_type = models.CharField("证件类型", max_length=20, choices=IdType.choices, blank=True)
    id_number_encrypted = models.TextField(blank=True, editable=False)
    id_number_masked = models.CharField("证件号码", max_length=40, blank=True, editable=False)
    credit_code = models.CharField("统一社会信用代码", max_length=18, blank=True)
    # A keyed hash of the ID number or credit code: counts one applicant's applications in a month (按件
    # fees) without storing the number in the clear.
    applicant_key = models.CharField(max_length=64, blank=True, editable=False, db_index=True)
    contact_name = models.CharField("联系人", max_length=50, blank=True)
    phone_encrypted = models.TextField(blank=True, editable=False)
    phone_masked = models.CharField("联系电话", max_length=20, blank=True, editable=False)
    email = models.EmailField("电子邮箱", blank=True)
    address_encrypted = models.TextField(blank=True, editable=False)
    postcode = models.CharField("邮政编码", max_length=6, blank=True)

    description = models.TextField("所需信息的内容描述")
    information_title = models.CharField("信息名称", max_length=200, blank=True)
    document_number = models.CharField("文号", max_length=80, blank=True)
    purpose = models.TextField("用途", blank=True)
    form = models.CharField("信息的提供形式", max_length=12, choices=Form.choices)
    way = models.CharField("获取信息的方式", max_length=12, choices=Way.choices)
    privacy_notice_version = models.CharField("个人信息告知版本", max_length=20, blank=True)

    status = models.CharField("状态", max_length=12, choices=Status.choices, default=Status.SUBMITTED)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="承办人",
    )
    clock_start = models.DateField("答复期限起算日", null=True, blank=True, editable=False)
    correction_requested_on = models.DateField("补正通知日期", null=True, blank=True, editable=False)
    correction_due = models.DateField("补正期限", null=True, blank=True, editable=False)
    correction_received_on = models.DateField("收到补正之日", null=True, blank=True, editable=False)
    correction_online_at = models.DateTimeField("网上提交补正时间", null=True, blank=True, editable=False)
    extension_working_days = models.PositiveSmallIntegerField("延长工作日数", default=0, editable=False)
    reasons_requested_on = models.DateField("要求说明理由日期", null=True, blank=True, editable=False)
    reasons_due = models.DateField("说明理由期限", null=True, blank=True, editable=False)
    reasons_received_on = models.DateField("收到理由之日", null=True, blank=True, editable=False)
    later_reply_date = models.DateField(
        "确定的延后答复日期", null=True, blank=True, editable=False, help_text="条例第三十五条。"
    )
    counted_as = models.PositiveSmallIntegerField(
        "计件数",
        default=1,
        editable=False,
        help_text="按“一事一申请”拆分计件时，本申请计为几件（国办函〔2020〕109号）。",
    )
    split_note = models.TextField("拆分计件说明", blank=True, editable=False)
    fee_method = models.CharField("计费方式", max_length=20, blank=True, editable=False)
    fee_amount = models.PositiveIntegerField("信息处理费（元）", null=True, blank=True, editable=False)
    fee_notified_on = models.DateField("收费通知日期", null=True, blank=True, editable=False)
    fee_notice_received_on = models.DateField(
        "申请人收到收费通知之日", null=True, blank=True, editable=False, help_text="邮寄的为签收之日。"
    )
    fee_due = models.DateField("缴费期限", null=True, blank=True, editable=False)
    fee_paid_on = models.DateField("缴费日期", null=True, blank=True, editable=False)
    deadline = models.DateField("答复期限", null=True, blank=True, editable=False)
    deadline_statement = models.TextField("期限计算说明", blank=True, editable=False)
    # Kept by the database from the status: the open queue is one range of an index (no planner guesswork).
    in_open_queue = models.GeneratedField(
        expression=models.ExpressionWrapper(models.Q(status__in=OPEN_STATUSES), output_field=models.BooleanField()),
        output_field=models.BooleanField(),
        db_persist=True,
    )
    reminder = models.CharField(
        "期限提醒", max_length=12, choices=Reminder.choices, blank=True, default="", editable=False
    )

    # 签发 (regulation.md §1.5 [choice]): a reply a case officer prepared, waiting for the office head
    prepared_reply = models.JSONField("待签发的答复", default=dict, blank=True, editable=False)
    extension_request = models.JSONField("待审批的延期申请", default=dict, blank=True, editable=False)
    outcome = models.CharField("办理结果", max_length=40, choices=Outcome.choices, blank=True, editable=False)
    record_outcome = models.CharField(
        "更正申请办理结果", max_length=30, choices=RecordCorrectionOutcome.choices, blank=True, editable=False
    )
    ground = models.TextField("法律依据", blank=True, editable=False)
    reason = models.TextField("理由", blank=True, editable=False)
    withheld_parts = models.JSONField("不予公开的部分及理由", default=list, blank=True, editable=False)
    responsible_agency = models.CharField("负责公开的机关及联系方式", max_length=200, blank=True, editable=False)
    not_held_ground = models.CharField(
        "不掌握的情形", max_length=12, choices=NotHeldGround.choices, blank=True, editable=False
    )
    replied_on = models.DateField("答复日期", null=True, blank=True, editable=False)
    closed_on = models.DateField("办结日期", null=True, blank=True, editable=False)
    delivered_on = models.DateField("送达日期", null=True, blank=True, editable=False)
    delivery_way = models.CharField("送达方式", max_length=20, blank=True, editable=False)
    postal_tracking_number = models.CharField("邮件单号", max_length=40, blank=True, editable=False)
    proactive_item = models.ForeignKey(
        "disclosure.Item",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="转为主动公开的信息",
        editable=False,
    )
    imported = models.BooleanField("从历史台账导入", default=False, editable=False)
    withdrawn = models.BooleanField("申请人撤回", default=False, editable=False)
    personal_data_erased_on = models.DateField(
        "个人信息销毁日期",
        null=True,
        blank=True,
        editable=False,
        help_text="办结满保存期限后，证件号码、电话、地址、邮箱已销毁；案件和统计保留。",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ApplicationQuerySet.as_manager()

    class Meta:
        verbose_name = "政府信息公开申请"
        verbose_name_plural = "政府信息公开申请"
        ordering = ["-submitted_at", "-id"]
        indexes = [
            # Each queue order is one ordered range of one of these, whatever the register's size.
            models.Index(fields=["organisation", "status", "deadline", "id"], name="application_queue"),
            models.Index(fields=["organisation", "in_open_queue", "deadline", "id"], name="application_open_queue"),
            models.Index(fields=["organisation", "name"], name="application_name"),
            models.Index(fields=["organisation", "deadline", "id"], name="application_deadline"),
            models.Index(fields=["organisation", "-received_on", "-id"], name="application_received"),
            models.Index(fields=["organisation", "-submitted_at", "-id"], name="application_recent"),
            # The annual report's grouped counts read these alone (every column they need is in the index).
            models.Index(
                fields=["organisation", "kind", "received_on", "closed_on", "applicant_type", "counted_as"],
                name="application_report_received",
            ),
            models.Index(
                fields=[
                    "organisation",
                    "kind",
                    "closed_on",
                    "received_on",
                    "replied_on",
                    "deadline",
                    "applicant_type",
                    "outcome",
                    "counted_as",
                ],
                name="application_report_closed",
            ),
            models.Index(
                fields=["organisation", "fee_notified_on", "fee_paid_on", "fee_amount"], name="application_fees"
            ),
        ]
        constraints = [
            models.CheckConstraint(condition=models.Q(status__in=Status.values), name="application_status_valid"),
            models.CheckConstraint(condition=models.Q(channel__in=Channel.values), name="application_channel_valid"),
            models.CheckConstraint(
                condition=models.Q(applicant_type__in=ApplicantType.values), name="application_applicant_type_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(outcome="") | models.Q(outcome__in=Outcome.values), name="application_outcome_valid"
            ),
            # Exactly one outcome when closed, none while open (regulation.md §1.4).
            models.CheckConstraint(
                condition=models.Q(status__in=OPEN_STATUSES, outcome="", record_outcome="")
                | (
                    ~models.Q(status__in=OPEN_STATUSES)
                    & (
                        (~models.Q(outcome="") & models.Q(record_outcome=""))
                        | (models.Q(outcome="") & ~models.Q(record_outcome=""))
                    )
                ),
                name="application_one_outcome_when_closed",
            ),
            models.CheckConstraint(
                condition=models.Q(kind=Kind.RECORD_CORRECTION) | models.Q(record_outcome=""),
                name="application_record_outcome_only_for_corrections",
            ),
            models.CheckConstraint(
                condition=models.Q(extension_working_days__lte=20), name="application_extension_at_most_20"
            ),
        ]

    def __str__(self) -> str:
        return self.number

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def is_online(self) -> bool:
        return self.channel == Channel.ONLINE

    def context(self, field: str) -> str:
        """The associated data that binds a ciphertext to this row and field."""
        return f"application:{self.data_id}:{field}"

    def personal(self, field: str) -> str:
        """The decrypted ID number, phone or address: only for the reveal screen (services.reveal)."""
        return decrypt(getattr(self, f"{field}_encrypted"), context=self.context(field))

    @property
    def asked_for(self) -> str:
        """What the applicant asked for: the information's title, or the start of the description."""
        if self.information_title:
            return self.information_title
        return self.description if len(self.description) <= 60 else self.description[:60] + "……"

    def waiting_for(self) -> str:
        """What the office waits for, and until when, in one sentence for the applicant."""
        from portal.templatetags.portal_tags import cn_date

        if self.status == Status.SUBMITTED:
            return "等待工作人员确认收到申请。确认之日为收到申请之日，答复期限自该日起计算。"
        if self.status == Status.CORRECTION:
            return f"本机关等待您补正申请，补正期限至{cn_date(self.correction_due)}。可在本页直接提交补正。"
        if self.status == Status.FEE:
            due = f"缴费期限至{cn_date(self.fee_due)}" if self.fee_due else "缴费期限为收到收费通知之次日起20个工作日"
            return f"本机关等待您缴纳信息处理费{self.fee_amount}元，{due}。"
        if self.status == Status.CONSULTING:
            return "本机关正在书面征求第三方或其他机关的意见，征求意见的时间不计入答复期限。"
        if self.status == Status.RECEIVED and self.reasons_due and not self.reasons_received_on:
            return f"本机关要求您于{cn_date(self.reasons_due)}前说明申请理由（条例第三十五条）。"
        if self.status == Status.RECEIVED:
            return f"本机关正在办理，将于{cn_date(self.deadline)}前答复。"
        return ""

    def public_rows(self) -> list[tuple[str, object]]:
        """What the tracking page shows: the state of the case, nothing of the applicant's data."""
        from portal.templatetags.portal_tags import cn_date, cn_datetime

        rows: list[tuple[str, object]] = [
            ("受理机构", self.organisation.name),
            ("申请类别", self.get_kind_display()),
            ("申请获取的信息" if self.kind == Kind.DISCLOSURE else "要求更正的记录", self.asked_for),
            ("提交时间", cn_datetime(self.submitted_at)),
            ("状态", self.get_status_display()),
            ("收到申请之日", cn_date(self.received_on) or "待工作人员确认"),
        ]
        if self.status == Status.CORRECTION and self.correction_due:
            rows.append(("补正期限", cn_date(self.correction_due)))
        if self.is_open and self.deadline:
            rows.append(("答复期限", cn_date(self.deadline)))
        if self.status == Status.FEE and self.fee_due:
            rows.append(("缴费期限", f"{cn_date(self.fee_due)}（{self.fee_amount}元）"))
        if not self.is_open:
            rows.append(("办结日期", cn_date(self.closed_on)))
            rows.append(("办理结果", self.outcome_label()))
        return rows

    def outcome_label(self) -> str:
        if self.withdrawn:
            return "申请人撤回申请（其他处理）"
        if self.outcome:
            return Outcome(self.outcome).label
        if self.record_outcome:
            return RecordCorrectionOutcome(self.record_outcome).label
        return ""


class ApplicationSerial(models.Model):
    """The last application number and the last notice number given per organisation and year."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField()
    series = models.CharField(max_length=12)
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["organisation", "year", "series"], name="application_serial_unique")
        ]

    def __str__(self) -> str:
        return f"{self.organisation_id}/{self.year}/{self.series}: {self.last}"


class Event(AppendOnly):
    """Every step of handling, with actor and time (条例 第四十五条): append-only, the legal record."""

    application = models.ForeignKey(Application, on_delete=models.PROTECT, related_name="events")
    action = models.CharField("操作", max_length=30)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    actor_label = models.CharField("操作人", max_length=60, blank=True)
    on = models.DateField("日期")
    at = models.DateTimeField("记录时间", auto_now_add=True)
    status_before = models.CharField("办理前状态", max_length=12, choices=Status.choices, blank=True)
    status_after = models.CharField("办理后状态", max_length=12, choices=Status.choices, blank=True)
    note = models.TextField("说明", blank=True)
    detail = models.JSONField(default=dict, blank=True)

    class Meta:
        verbose_name = "办理记录"
        verbose_name_plural = "办理记录"
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.application_id} {self.action}"

    def action_label(self) -> str:
        return Action(self.action).label if self.action in Action.values else self.action


class ConsultationKind(models.TextChoices):
    THIRD_PARTY = "third_party", "征求第三方意见（条例第三十二条）"
    AGENCY = "agency", "征求其他机关意见（条例第三十四条）"


class ConsultationAnswer(models.TextChoices):
    AGREES = "agrees", "同意公开"
    OBJECTS = "objects", "不同意公开"
    NO_ANSWER = "no_answer", "逾期未答复"


class Consultation(models.Model):
    """One consultation: the reply clock is paused from the day the letter is sent until the answer."""

    application = models.ForeignKey(Application, on_delete=models.PROTECT, related_name="consultations")
    kind = models.CharField("征求意见类别", max_length=12, choices=ConsultationKind.choices)
    party = models.CharField("征求对象", max_length=100)
    party_is_person = models.BooleanField(
        "征求对象为自然人", default=False, help_text="函件称“您”；法人或其他组织称“贵单位”。"
    )
    party_address = models.CharField("征求对象地址或联系方式", max_length=200, blank=True)
    sent_on = models.DateField("发函日期")
    received_on = models.DateField("对方收到函件之日", null=True, blank=True)
    due = models.DateField("答复期限", null=True, blank=True, help_text="自对方收到函件之日起15个工作日。")
    answered_on = models.DateField("收到答复之日", null=True, blank=True)
    answer = models.CharField("意见", max_length=12, choices=ConsultationAnswer.choices, blank=True)
    answer_note = models.TextField("意见内容", blank=True)

    class Meta:
        verbose_name = "征求意见"
        verbose_name_plural = "征求意见"
        ordering = ["sent_on", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}：{self.party}"


class NoticeKind(models.TextChoices):
    REPLY = "reply", "答复告知书"
    CORRECTION = "correction", "政府信息公开申请补正通知书"
    EXTENSION = "extension", "延期答复告知书"
    THIRD_PARTY = "third_party", "第三方意见征询函"
    AGENCY = "agency", "征求意见函"
    FEE = "fee", "信息处理费缴费通知书"
    LATER_DATE = "later_date", "答复期限告知书"
    REASONS = "reasons", "说明理由通知书"
    OVERRIDE = "override", "公开决定告知书"


class Notice(AppendOnly):
    """A numbered written notice (告知书) generated from the case; frozen once issued."""

    application = models.ForeignKey(Application, on_delete=models.PROTECT, related_name="notices")
    kind = models.CharField("类别", max_length=20, choices=NoticeKind.choices)
    number = models.CharField("文号", max_length=60, unique=True)
    title = models.CharField("标题", max_length=60)
    recipient = models.CharField("送达对象", max_length=100)
    to_applicant = models.BooleanField("发给申请人", default=True)
    body = models.TextField("正文")
    issued_on = models.DateField("出具日期")
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    issued_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "告知书"
        verbose_name_plural = "告知书"
        ordering = ["issued_at", "id"]

    def __str__(self) -> str:
        return f"{self.number} {self.title}"


def attachment_path(instance: ApplicationAttachment, filename: str) -> str:
    return f"applications/{instance.application.data_id}/{uuid.uuid4().hex}/{filename}"


class ApplicationAttachment(models.Model):
    application = models.ForeignKey(Application, on_delete=models.PROTECT, related_name="attachments")
    file = models.FileField("文件", upload_to=attachment_path, storage=private_storage, max_length=300)
    name = models.CharField("文件名", max_length=200)
    size = models.PositiveIntegerField("大小（字节）")
    uploaded_at = models.DateTimeField(auto_now_add=True)
    provided = models.BooleanField(
        "随答复提供的信息", default=False, help_text="以电子形式提供给申请人的政府信息，申请人可在查询页面下载。"
    )

    class Meta:
        verbose_name = "申请附件"
        verbose_name_plural = "申请附件"
        ordering = ["id"]

    def __str__(self) -> str:
        return self.name


from .appeals import Appeal, AppealKind, AppealResult  # noqa: E402, F401  (the remedies, table 四)
