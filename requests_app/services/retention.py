"""Personal data is kept no longer than needed (个人信息保护法 第十九条): PERSONAL_DATA_RETENTION_DAYS after an
application closed, its applicant's ID number, phone, address and e-mail, and a consulted third party's address,
are destroyed. The case, its notices (which never hold them) and the annual-report statistics stay."""

from datetime import date, timedelta

from django.conf import settings
from django.db import transaction

from portal.locks import exclusive
from portal.models import AuditKind
from portal.services import record_audit
from requests_app.models import Application, Consultation

BATCH = 500
ERASED = {
    "id_number_encrypted": "", "id_number_masked": "", "applicant_key": "", "phone_encrypted": "",
    "phone_masked": "", "address_encrypted": "", "postcode": "", "email": "",
}  # fmt: skip


def erase_expired(today: date) -> int:
    """Erase what has expired by `today`; returns how many applications. Safe to run twice, on two nodes at the
    same minute too: one run at a time across the platform, and an erased application is not touched again.
    One audit row per batch names the applications."""
    with exclusive("erase-personal-data"):
        return _erase(today)


def _erase(today: date) -> int:
    cutoff = today - timedelta(days=settings.PERSONAL_DATA_RETENTION_DAYS)
    due = Application.objects.filter(closed_on__lte=cutoff, personal_data_erased_on__isnull=True).order_by("id")
    erased = 0
    while batch := list(due.values_list("id", "number")[:BATCH]):
        ids = [pk for pk, _ in batch]
        with transaction.atomic():
            Application.objects.filter(id__in=ids).update(**ERASED, personal_data_erased_on=today)
            Consultation.objects.filter(application_id__in=ids).update(party_address="")
            record_audit(
                kind=AuditKind.PERSONAL_DATA_ERASED,
                target=f"依申请公开 {len(ids)} 件",
                detail={"办结不晚于": cutoff.isoformat(), "申请编号": [number for _, number in batch]},
            )
        erased += len(ids)
    return erased
