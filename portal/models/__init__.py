from .audit import AppendOnly, AuditEvent, AuditKind
from .calendar import AdjustmentKind, CalendarAdjustment, CalendarYear, Origin
from .organisations import Organisation, OrganisationKind, PlatformProfile, PublicChange
from .outbox import MailStatus, OutgoingMail
from .signin import AccessGeneration, PasswordRecord
from .staff import AdministratorDuty, Duty, Membership, Role
from .visits import DailyVisitors, PageViews

__all__ = [
    "AccessGeneration",
    "AdjustmentKind",
    "AdministratorDuty",
    "AppendOnly",
    "AuditEvent",
    "AuditKind",
    "CalendarAdjustment",
    "CalendarYear",
    "DailyVisitors",
    "Duty",
    "MailStatus",
    "Membership",
    "Organisation",
    "OrganisationKind",
    "Origin",
    "OutgoingMail",
    "PageViews",
    "PasswordRecord",
    "PlatformProfile",
    "PublicChange",
    "Role",
]
