"""Every model of supervision, imported here so that Django finds them; each lives in its capability's package."""

from .annual_report.models import AnnualFigures, AnnualReport, ReportStatus, Scope  # noqa: F401
from .assessments.models import Accountability, Assessment, AssessmentStatus, Indicator, Rule, Score  # noqa: F401
from .complaints.models import Complaint, ComplaintKind, ComplaintStatus, Finding  # noqa: F401
from .evaluations.models import Evaluation, EvaluationSource, HandlingRating, ItemVote, Satisfaction  # noqa: F401
from .inspections.models import FollowUp, FollowUpStatus, Inspection, InspectionKind, LeadershipMeeting  # noqa: F401
from .website_report.models import WebsiteReport, WebsiteReportStatus  # noqa: F401
