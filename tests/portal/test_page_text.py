"""What a person sees: every public address and every staff page of every demo role, read as text.

The URL resolver lists the addresses; the demo town (`seed_demo`) gives the objects for detail pages, one object
per state where a page shows different things for different states. Every page answered with HTML (200) must
show no template syntax, none of Django's English defaults, and no form with the same label twice."""

import re
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from io import StringIO
from typing import Any

import pytest
from django.apps import apps
from django.contrib.auth.models import User
from django.core.management import call_command
from django.db.models import Model, QuerySet
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

# ---------------------------------------------------------------------------------------------------------------
# The addresses

ANONYMOUS = "anonymous"
DEMO_PASSWORD = "shifan-demo-2026"

# Addresses not requested at all, with the reason.
SKIPPED: dict[str, str] = {
    "staff/logout/": "signs the visitor out (and answers only POST)",
    "admin/logout/": "signs the visitor out (and answers only POST)",
    "mode/<slug:mode>/<slug:state>/": "sets a cookie and redirects: no page of its own",
    "staff/password/reset/<uidb64>/<token>/": "needs a reset token mailed to one account; tests/security covers it",
    "gk/pj/<int:pk>/": "records a usefulness vote and redirects: no page of its own",
    "ysq/track/<str:number>/rating/": "records a rating and redirects: no page of its own",
    "sitemap-items-<int:number>.xml": "XML, not a page",
    "gk/<slug:org>/zfxxgknb/<int:year>/v<int:version>.<str:fmt>": "a download (PDF, DOCX), not a page",
    "staff/reports/<int:pk>/download.<str:fmt>": "a download (PDF, DOCX), not a page",
    "staff/supervision/<int:org>/<slug:figure>/": "one per dashboard figure: the figures' keys are the dashboard's",
    "admin/(?P<url>.*)$": "the admin's catch-all: any unknown address, answered with 404",
}


@dataclass
class Demo:
    """The demo's objects that path parameters are filled from."""

    town: Any
    published: list[Any]
    items: list[Any]
    tracked: list[tuple[str, str]]  # (application number, tracking code) printed by seed_demo
    objects: dict[str, list[Model]] = field(default_factory=dict)


def per_state(queryset: QuerySet[Any], state: str = "status") -> list[Any]:
    """One object for each state the demo has: the pages show something different for each."""
    seen: dict[Any, Any] = {}
    for obj in queryset.order_by("pk"):
        seen.setdefault(getattr(obj, state), obj)
    return list(seen.values())


def first_level_slug() -> str:
    from disclosure import columns

    return str(columns.FIRST_LEVEL[0].slug)


# route -> the keyword arguments to fill its parameters with, one dict per address to visit.
def fillers(demo: Demo) -> dict[str, Callable[[], list[dict[str, Any]]]]:
    from consultations.comments.models import Comment
    from consultations.hearings.models import Hearing
    from consultations.models import Consultation, Document, Phase
    from disclosure.models import Attachment, TopicPage
    from requests_app.appeals import Appeal
    from requests_app.intake import STEPS
    from requests_app.models import Application, ApplicationAttachment, Notice
    from review.models import Batch, Submission
    from supervision.annual_report.models import AnnualReport
    from supervision.assessments.models import Assessment
    from supervision.complaints.models import Complaint
    from supervision.inspections.models import FollowUp

    town = demo.town
    org = town.slug
    published = demo.published

    def pks(objects: list[Any], name: str = "pk") -> list[dict[str, Any]]:
        return [{name: o.pk} for o in objects]

    consultations = per_state(Consultation.objects.filter(organisation=town))
    hearings = per_state(Hearing.objects.all())
    reports = per_state(AnnualReport.objects.filter(organisation=town))
    applications = per_state(Application.objects.filter(organisation=town))
    public_reports = AnnualReport.objects.filter(organisation=town, status="published")
    documents = list(Document.objects.filter(consultation__isnull=False)[:1])
    comments = list(Comment.objects.exclude(attachment="")[:1]) if hasattr(Comment, "attachment") else []
    tracked = [number for number, _ in demo.tracked]
    notices = list(Notice.objects.filter(application__number__in=tracked, to_applicant=True)[:1])
    provided = list(ApplicationAttachment.objects.filter(application__number__in=tracked, provided=True)[:1])
    return {
        "sitemap-items-<int:number>.xml": lambda: [{"number": 1}],
        "api/<slug:org>/items/": lambda: [{"org": org}],
        "gk/<slug:org>/zfxxgknb/<int:year>/": lambda: [{"org": org, "year": r.year} for r in public_reports[:1]],
        "gk/<slug:org>/zfxxgknb/<int:year>/v<int:version>/": lambda: [
            {"org": org, "year": r.year, "version": r.version} for r in public_reports[:1]
        ],
        "gk/<slug:org>/yjzj/": lambda: [{"org": org}],
        "gk/<slug:org>/yjzj/receipt/": lambda: [{"org": org}],
        "gk/<slug:org>/yjzj/<int:pk>/": lambda: [{"org": org, "pk": c.pk} for c in consultations],
        "gk/<slug:org>/yjzj/<int:pk>/comments/": lambda: [{"org": org, "pk": c.pk} for c in consultations],
        "gk/<slug:org>/yjzj/files/<int:pk>/": lambda: [{"org": org, "pk": d.pk} for d in documents],
        "gk/<slug:org>/yjzj/tzh/<int:pk>/": lambda: [{"org": org, "pk": h.pk} for h in hearings],
        "gk/<slug:org>/yjzj/atom/": lambda: [{"org": org}],
        "gk/<slug:org>/yjzj/<int:pk>/comments.csv": lambda: [{"org": org, "pk": c.pk} for c in consultations[:1]],
        "gk/<slug:org>/yjzj/<int:pk>/comments.xlsx": lambda: [{"org": org, "pk": c.pk} for c in consultations[:1]],
        "gk/<slug:org>/tousu/": lambda: [{"org": org}],
        "gk/<slug:org>/tousu/chaxun/": lambda: [{"org": org}],
        "gk/i/<path:index_number>/": lambda: [{"index_number": i.index_number} for i in published[:1]],
        "gk/attachment/<int:pk>/": lambda: pks(list(Attachment.objects.filter(item__in=published)[:1])),
        "gk/<slug:org>/": lambda: [{"org": org}],
        "gk/<slug:org>/c/<slug:slug>/": lambda: [{"org": org, "slug": i.column.slug} for i in published[:1]],
        "gk/<slug:org>/item/<int:pk>/": lambda: [{"org": org, "pk": i.pk} for i in published[:2]],
        "gk/<slug:org>/zt/<slug:slug>/": lambda: [
            {"org": org, "slug": p.slug} for p in TopicPage.objects.filter(organisation=town, is_active=True)[:1]
        ],
        "gk/<slug:org>/item/<int:pk>/print/": lambda: [{"org": org, "pk": i.pk} for i in published[:1]],
        "gk/<slug:org>/rss/": lambda: [{"org": org}],
        "gk/<slug:org>/atom/": lambda: [{"org": org}],
        "gk/<slug:org>/c/<slug:slug>/rss/": lambda: [{"org": org, "slug": i.column.slug} for i in published[:1]],
        "gk/<slug:org>/c/<slug:slug>/atom/": lambda: [{"org": org, "slug": i.column.slug} for i in published[:1]],
        "gk/<slug:org>/catalogue.csv": lambda: [{"org": org}],
        "gk/<slug:org>/catalogue.xlsx": lambda: [{"org": org}],
        "gk/<slug:org>/<slug:column>/rss/": lambda: [{"org": org, "column": first_level_slug()}],
        "gk/<slug:org>/<slug:column>/atom/": lambda: [{"org": org, "column": first_level_slug()}],
        "gk/<slug:org>/<slug:column>/": lambda: [{"org": org, "column": first_level_slug()}],
        "staff/items/<int:pk>/postings/new/": lambda: pks(published[:1]),
        "staff/items/<int:pk>/": lambda: pks(demo.items),
        "staff/items/<int:pk>/edit/": lambda: pks(demo.items),
        "staff/items/<int:pk>/preview/": lambda: pks(demo.items[:1]),
        "staff/items/<int:pk>/submit/": lambda: pks(demo.items[:1]),
        "staff/items/<int:pk>/revise/": lambda: pks(published[:1]),
        "staff/items/<int:pk>/withdraw/": lambda: pks(published[:1]),
        "staff/items/<int:pk>/attachments/": lambda: pks(demo.items[:1]),
        "staff/items/<int:pk>/docx/": lambda: pks(demo.items[:1]),
        **{
            route: lambda: [
                {"pk": a.item_id, "attachment_pk": a.pk} for a in Attachment.objects.filter(item__organisation=town)[:1]
            ]
            for route in (
                "staff/items/<int:pk>/attachments/<int:attachment_pk>/",
                "staff/items/<int:pk>/attachments/<int:attachment_pk>/delete/",
                "staff/items/<int:pk>/attachments/<int:attachment_pk>/replace/",
            )
        },
        "staff/review/batches/<int:pk>/": lambda: pks(list(Batch.objects.all()[:1])),
        "staff/review/batches/<int:pk>/approve/": lambda: pks(list(Batch.objects.all()[:1])),
        **{
            f"staff/review/<int:pk>/{tail}": lambda: pks(per_state(Submission.objects.all()))
            for tail in ("", "decide/", "mask/", "override/", "answer/")
        },
        "ysq/track/<str:number>/": lambda: [{"number": n} for n in tracked],
        "ysq/track/<str:number>/notices/<int:pk>/": lambda: [
            {"number": n.application.number, "pk": n.pk} for n in notices
        ],
        "ysq/track/<str:number>/notices/<int:pk>.pdf": lambda: [
            {"number": n.application.number, "pk": n.pk} for n in notices
        ],
        "ysq/track/<str:number>/files/<int:pk>/": lambda: [
            {"number": f.application.number, "pk": f.pk} for f in provided
        ],
        "ysq/<slug:org>/": lambda: [{"org": org}],
        "ysq/<slug:org>/form.pdf": lambda: [{"org": org}],
        "ysq/<slug:org>/apply/": lambda: [{"org": org}],
        "ysq/<slug:org>/apply/check/": lambda: [{"org": org}],
        "ysq/<slug:org>/apply/done/": lambda: [{"org": org}],
        "ysq/<slug:org>/apply/<slug:step>/": lambda: [{"org": org, "step": s.slug} for s in STEPS],
        "staff/ysq/<int:pk>/": lambda: pks(applications),
        "staff/ysq/<int:pk>/act/<slug:action>/": lambda: [],  # a POST target per action
        "staff/ysq/<int:pk>/reveal/": lambda: pks(applications[:1]),
        "staff/ysq/<int:pk>/appeals/": lambda: pks(applications[:1]),
        "staff/ysq/<int:pk>/appeals/<int:appeal_pk>/": lambda: [
            {"pk": a.application_id, "appeal_pk": a.pk} for a in Appeal.objects.all()[:1]
        ],
        "staff/ysq/notices/<int:pk>/": lambda: pks(list(Notice.objects.filter(application__organisation=town)[:1])),
        "staff/ysq/notices/<int:pk>.pdf": lambda: [],  # a PDF
        "staff/ysq/attachments/<int:pk>/": lambda: pks(
            list(ApplicationAttachment.objects.filter(application__organisation=town)[:1])
        ),
        "staff/reports/<int:pk>/": lambda: pks(reports),
        "staff/reports/<int:pk>/submit/": lambda: pks(reports[:1]),
        "staff/reports/<int:pk>/correct/": lambda: pks(reports[:1]),
        "staff/complaints/<int:pk>/": lambda: pks(per_state(Complaint.objects.all())),
        "staff/complaints/<int:pk>/file/": lambda: [],  # the complainant's file, not a page
        "staff/inspections/follow-ups/<int:pk>/": lambda: pks(per_state(FollowUp.objects.all())),
        "staff/assessments/<int:pk>/": lambda: pks(per_state(Assessment.objects.all())),
        "staff/assessments/<int:pk>/action/": lambda: pks(per_state(Assessment.objects.all())[:1]),
        **{
            f"staff/consultations/<int:pk>/{tail}": lambda: pks(consultations)
            for tail in (
                "",
                "edit/",
                "submit/",
                "answers/",
                "adoption/",
                "spam/",
                "extend/",
                "documents/",
                "decision/",
                "register/",
                "meetings/",
                "moderate/",
                "hearings/",
            )
        },
        "staff/consultations/<int:pk>/phases/<int:phase_pk>/": lambda: [
            {"pk": c.pk, "phase_pk": p.pk}
            for c in consultations[:1]
            for p in Phase.objects.filter(matter=c.matter_id)[:1]
        ],
        "staff/consultations/<int:pk>/documents/<int:document_pk>/": lambda: [
            {"pk": d.consultation_id, "document_pk": d.pk} for d in documents
        ],
        "staff/consultations/<int:pk>/documents/<int:document_pk>/file/": lambda: [],  # a file
        "staff/consultations/<int:pk>/comments/<int:comment_pk>/file/": lambda: [
            {"pk": c.consultation_id, "comment_pk": c.pk} for c in comments
        ],
        **{
            f"staff/consultations/hearings/<int:pk>/{tail}": lambda: pks(hearings)
            for tail in ("", "action/", "registrations/", "contacts/", "record/", "record/file/")
        },
    }


ADMIN_OBJECT = re.compile(r"^admin/(\w+)/(\w+)/<path:object_id>/(history/|delete/|change/|)$")


def admin_objects(route: str) -> list[dict[str, Any]] | None:
    """The admin's pages of one object: the first and the last row of its model (none when the model is empty)."""
    if route == "admin/auth/user/<id>/password/":
        return [{"id": user.pk} for user in User.objects.order_by("pk")[:1]]
    match = ADMIN_OBJECT.match(route)
    if not match:
        return None
    if match.group(3) == "":
        return None  # the old address of the change page, redirected there: in SKIPPED_ADMIN
    model = apps.get_model(match.group(1), match.group(2))
    rows = model._default_manager.order_by("pk")
    return [{"object_id": o.pk} for o in {rows.first(), rows.last()} if o is not None]


def walk(patterns: list[Any], prefix: str = "") -> Iterator[tuple[str, URLPattern]]:
    for entry in patterns:
        if isinstance(entry, URLResolver):
            yield from walk(entry.url_patterns, prefix + str(entry.pattern))
        else:
            yield prefix + str(entry.pattern), entry


PARAMETER = re.compile(r"<(?:\w+:)?(\w+)>")


def addresses(demo: Demo) -> tuple[list[str], dict[str, str]]:
    """Every address to visit, and every route left out with the reason."""
    fill = fillers(demo)
    found: list[str] = []
    skipped: dict[str, str] = {}
    for route, _pattern in walk(get_resolver().url_patterns):
        if route in SKIPPED:
            skipped[route] = SKIPPED[route]
            continue
        if route.startswith("admin/^"):
            found.extend(f"/admin/{app}/" for app in ("portal", "disclosure", "review", "supervision", "auth"))
            continue
        if "<" not in route:
            found.append("/" + route)
            continue
        if ADMIN_OBJECT.match(route) and route.endswith("<path:object_id>/"):
            skipped[route] = "the admin's old address of a change page: redirects to it"
            continue
        admin = admin_objects(route)
        if route not in fill and admin is None:
            skipped[route] = "no demo object is mapped to its parameters: add it to fillers()"
            continue
        values = admin if admin is not None else fill[route]()
        if not values:
            skipped[route] = "the demo has no such object (or the address is not a page)"
        for kwargs in values:
            found.append("/" + PARAMETER.sub(lambda m: str(kwargs[m.group(1)]), route))  # noqa: B023
    return list(dict.fromkeys(found)), skipped


# ---------------------------------------------------------------------------------------------------------------
# Reading a page

TEMPLATE_SYNTAX = ("{#", "#}", "{%", "{{")

# Django's, the admin's and the forms' own English, as a visitor would see it untranslated.
DJANGO_ENGLISH = [
    "This field is required", "Select an option", "Select a valid choice", "Enter a valid", "Ensure this value",
    "Save and continue", "Save and add another", "Add another", "Delete", "Log out", "Log in", "Change password",
    "Filter", "Search", "Access attempts", "Access logs", "Model name", "Add link", "Home", "Recent actions",
    "My actions", "Note: You are", "Choose", "Show", "Hide", "Today", "Now", "Clear", "Currently", "Change",
    "None available", "View site", "Documentation", "Welcome", "Are you sure", "Yes, I", "No, take me back",
    "Save as new", "History", "Action:", "Go", "Run the selected action", "Select all", "selected",
    "Date/time", "Object", "Password", "Username", "Email address", "First name", "Last name", "Staff status",
    "Superuser status", "Active", "Groups", "User permissions", "Permissions", "Important dates", "Last login",
    "Date joined", "Personal info", "By ", "All", "Any date", "Past 7 days", "This month", "This year",
    "Unknown", "Yes", "No", "Previous", "Next", "results", "Add ", "Save", "Close", "Submit", "Cancel",
    "Remove", "Upload", "Browse", "No file selected", "Page not found", "Server Error", "Forbidden",
    "Authentication and Authorization", "Site administration", "Django administration", "Powered by",
]  # fmt: skip
ENGLISH = re.compile(r"(?<![A-Za-z])(?:" + "|".join(re.escape(s.strip()) for s in DJANGO_ENGLISH) + r")(?![a-z])")

# English that belongs on the pages: names, formats, units and the codes people type.
ALLOWED_ENGLISH = {
    "CSV", "XLSX", "XLS", "PDF", "RSS", "Atom", "API", "JSON", "DOCX", "OFD", "HTML", "URL", "ICP", "ID",
    "Email", "E-mail", "QQ", "KB", "MB", "GB", "IP", "TOTP", "ALTCHA", "WPS",
}  # fmt: skip

# The blank choice Django puts first in every select.
BLANK_CHOICE = "---------"

VISIBLE_ATTRIBUTES = ("placeholder", "title", "aria-label", "alt")
HIDDEN_CONTENT = {"script", "style", "template", "textarea"}
# Code, quoted as code: field names of the open-data API, commands (their English is the point).
QUOTED = {"code", "kbd", "samp"}


class PageReader(HTMLParser):
    """The visible text of a page, its template syntax outside scripts, and the labels of each form."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.texts: list[str] = []
        self.syntax: list[str] = []
        self.forms: list[list[tuple[str, str, str]]] = []  # per form: (group, the label's target, label text)
        self.choices: dict[str, str] = {}  # id of a radio button or check box -> its name
        self.hidden = 0
        self.quoted = 0
        self.in_form = False
        self.label: list[str] | None = None
        self.label_group = ""
        self.label_for = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        for name, value in attrs:
            if value and not name.startswith("data-") and any(s in value for s in TEMPLATE_SYNTAX):
                self.syntax.append(f"<{tag} {name}={value!r}>")
        if tag in HIDDEN_CONTENT:
            self.hidden += 1
        if tag in QUOTED:
            self.quoted += 1
        if tag == "input" and values.get("type") in {"radio", "checkbox"} and values.get("id"):
            self.choices[str(values["id"])] = str(values.get("name") or "")
        for name in VISIBLE_ATTRIBUTES:
            if values.get(name):
                self.texts.append(str(values[name]))
        if tag == "input" and values.get("type") in {"submit", "button", "reset"} and values.get("value"):
            self.texts.append(str(values["value"]))
        if tag == "form":
            self.in_form = True
            self.forms.append([])
        elif tag == "label" and self.in_form:
            self.label = []
            target = self.label_for = values.get("for") or ""
            row = re.search(r"-(\d+|__prefix__)-", target)
            self.label_group = row.group(0) if row else ""
        elif tag == "input" and self.label is not None and values.get("type") in {"radio", "checkbox"}:
            self.label_group += "choice:" + (values.get("name") or "")

    def handle_endtag(self, tag: str) -> None:
        if tag in HIDDEN_CONTENT and self.hidden:
            self.hidden -= 1
        if tag in QUOTED and self.quoted:
            self.quoted -= 1
        elif tag == "form":
            self.in_form = False
        elif tag == "label" and self.label is not None:
            text = re.sub(r"\s+", " ", "".join(self.label)).strip().rstrip(":：*").strip()
            if text and self.forms:
                self.forms[-1].append((self.label_group, self.label_for, text))
            self.label = None

    def handle_data(self, data: str) -> None:
        if self.hidden:
            return
        if any(s in data for s in TEMPLATE_SYNTAX):
            self.syntax.append(data.strip()[:120])
        if data.strip() and not self.quoted:
            self.texts.append(data.strip())
        if self.label is not None:
            self.label.append(data)


@dataclass
class Finding:
    address: str
    who: str
    what: str


def read(address: str, who: str, html: str) -> list[Finding]:
    reader = PageReader()
    reader.feed(html)
    found = [Finding(address, who, f"模板语法：{s}") for s in reader.syntax]
    for text in reader.texts:
        if text.strip() == BLANK_CHOICE:
            found.append(Finding(address, who, "Django 的空选项 ---------"))
            continue
        for match in ENGLISH.finditer(text):
            word = match.group(0)
            if word.strip() not in ALLOWED_ENGLISH and not allowed(address, text):
                found.append(Finding(address, who, f"英文 {word!r}：{text[:100]!r}"))
    for labels in reader.forms:
        # A radio button's or check box's label names a choice, repeated by each question that offers it: such
        # labels are counted within their own group of choices.
        keys = [(f"choice:{reader.choices[target]}" if target in reader.choices else group, text)
                for group, target, text in labels]  # fmt: skip
        for (_group, text), count in Counter(keys).items():
            if count > 1:
                found.append(Finding(address, who, f"同一表单中标签重复 {count} 次：{text!r}"))
    return found


# Text that shows English on purpose, by address prefix: each with the reason.
ALLOWED_TEXT: list[tuple[str, re.Pattern[str], str]] = []


def allowed(address: str, text: str) -> bool:
    return any(address.startswith(prefix) and pattern.search(text) for prefix, pattern, _ in ALLOWED_TEXT)


# ---------------------------------------------------------------------------------------------------------------
# The test


def apply_online(client: Client, org: str) -> Iterator[tuple[str, str]]:
    """The online application as a citizen fills it in: each question's page, the check page and the receipt
    (they redirect to the first unanswered question until the earlier ones are answered)."""
    from tests.requests_app.test_intake import ANSWERS

    for step, answers in [*ANSWERS, ("attachments", {})]:
        address = f"/ysq/{org}/apply/{step}/"
        yield address, client.get(address).content.decode()
        assert client.post(address, answers).status_code == 302, address
    for address in (f"/ysq/{org}/apply/check/", f"/ysq/{org}/apply/done/"):
        response = client.get(address)
        assert response.status_code == 200, address
        yield address, response.content.decode()
        if address.endswith("/check/"):
            assert client.post(address, {"agree": "on"}).status_code == 302, address


def identities() -> dict[str, list[str]]:
    """Who visits what: anyone visits everything; each demo role the staff pages and the admin."""
    from portal.management.commands.seed_demo import PERSONAS

    return {ANONYMOUS: ["/"], **{username: ["/staff/", "/admin/"] for username, *_ in PERSONAS}}


@pytest.mark.django_db
def test_every_page_reads_as_chinese(django_capture_on_commit_callbacks: Any) -> None:
    from disclosure.models import Item, ItemStatus
    from portal.models import Organisation

    out = StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("seed_demo", stdout=out)
    town = Organisation.objects.get(slug="shifanzhen")
    demo = Demo(
        town=town,
        published=list(Item.objects.filter(organisation=town, status=ItemStatus.PUBLISHED).order_by("pk")),
        items=per_state(Item.objects.filter(organisation=town)),
        tracked=re.findall(r"编号 (\S+)，查询码 (\S+)（", out.getvalue()),
    )
    visit, skipped = addresses(demo)
    assert demo.published and demo.tracked, "the demo seeds published items and online applications"

    findings: list[Finding] = []
    pages: Counter[str] = Counter()
    for who, prefixes in identities().items():
        client = Client()
        if who == ANONYMOUS:
            for address, html in apply_online(Client(), town.slug):
                pages[who] += 1
                findings.extend(read(address, who, html))
            for number, code in demo.tracked:  # the applicant opens their applications with the printed code
                client.post("/ysq/track/", {"number": number, "code": code})
        else:
            client.force_login(User.objects.get(username=who))
        for address in visit:
            if not any(address.startswith(p) for p in prefixes):
                continue
            response = client.get(address)
            if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
                continue
            pages[who] += 1
            findings.extend(read(address, who, response.content.decode()))

    report = "\n".join(dict.fromkeys(f"{f.who:>14} {f.address}  {f.what}" for f in findings))
    print(f"\n{len(visit)} addresses; pages read: {dict(pages)}; skipped {len(skipped)}:")
    for route, reason in skipped.items():
        print(f"  {route}: {reason}")
    assert not findings, f"{len(findings)} 处：\n{report}"
