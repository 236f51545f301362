"""Shared fixtures: a small county with the demo town, and the named personas of design.md."""

import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from types import SimpleNamespace
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth.models import User
from django.test import Client

from disclosure import services
from disclosure.models import Column, Genre, Item
from portal.credit_code import make_credit_code
from portal.models import Duty, Organisation, OrganisationKind, PlatformProfile, Role
from portal.services import assign_duty, grant_role

PASSWORD = "correct-horse-battery"


def make_organisation(
    slug: str, name: str, kind: str, parent: Organisation | None = None, **extra: Any
) -> Organisation:
    serial = f"{abs(hash(slug)) % 10**8:08d}"
    return Organisation.objects.create(
        slug=slug,
        name=name,
        short_name=extra.pop("short_name", name[:4]),
        kind=kind,
        parent=parent,
        credit_code=make_credit_code("11", "430599", serial),
        **extra,
    )


@dataclass
class Town:
    county: Organisation
    town: Organisation
    party_office: Organisation
    social_office: Organisation
    other_town: Organisation


@pytest.fixture
def town(db: Any) -> Town:
    county = make_organisation("county", "示例县人民政府", OrganisationKind.COUNTY_GOVERNMENT, runs_own_column=True)
    town = make_organisation(
        "town",
        "示例镇人民政府",
        OrganisationKind.TOWN_GOVERNMENT,
        county,
        short_name="示例镇",
        runs_own_column=True,
        address="示例县示例镇人民路1号",
        phone="0730-5180118",
        email="1033317741@qq.com",
    )
    party = make_organisation("party", "示例镇党政综合办公室", OrganisationKind.OFFICE, town, short_name="党政办")
    social = make_organisation(
        "social", "示例镇社会事务综合服务中心", OrganisationKind.OFFICE, town, short_name="社会事务办"
    )
    other = make_organisation("other", "邻镇人民政府", OrganisationKind.TOWN_GOVERNMENT, county, runs_own_column=True)
    profile = PlatformProfile.load()
    profile.site_name = "示例镇人民政府门户网站"
    profile.home_organisation = profile.host_organisation = town
    profile.website_code = "4305990001"
    profile.icp_number = "湘ICP备00000000号"
    profile.police_number = "湘公网安备43059902000000号"
    profile.save()
    return Town(county, town, party, social, other)


# persona -> ([(organisation attribute of Town, roles)], duty). The default review stages are decided by
# reviewers of 党政办 (secrecy check), of 社会事务办 (content review) and 党政办's head (final approval).
PERSONAS: dict[str, tuple[list[tuple[str, list[Role]]], Duty | None]] = {
    "editor": ([("town", [Role.EDITOR])], None),
    "reviewer": ([("town", [Role.REVIEWER]), ("party_office", [Role.REVIEWER])], None),
    "social_reviewer": ([("social_office", [Role.REVIEWER])], None),
    "office_head": ([("town", [Role.OFFICE_HEAD]), ("party_office", [Role.OFFICE_HEAD])], None),
    "case_officer": ([("town", [Role.CASE_OFFICER])], None),
    "inspector": ([("county", [Role.INSPECTOR])], None),
    "sysadmin": ([], Duty.SYSTEM),
    "secadmin": ([], Duty.SECURITY),
    "auditadmin": ([], Duty.AUDIT),
    "other_staff": ([("other_town", [Role.EDITOR, Role.CASE_OFFICER])], None),
    "applicant": ([], None),
}


@pytest.fixture
def personas(town: Town) -> dict[str, User]:
    users = {}
    for username, (holdings, duty) in PERSONAS.items():
        user = User.objects.create_user(
            username=username, password=PASSWORD, last_name=username, email=f"{username}@example.gov.cn"
        )
        for org_attr, roles in holdings:
            for role in roles:
                grant_role(user=user, organisation=getattr(town, org_attr), role=role)
        if duty:
            assign_duty(user=user, duty=duty)
        users[username] = user
    return users


@pytest.fixture
def client_for(personas: dict[str, User]) -> Any:
    def make(name: str) -> Client:
        client = Client()
        client.force_login(personas[name])
        return client

    return make


@pytest.fixture(autouse=True)
def _media_root(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    settings.EXPORT_ROOT = tmp_path / "exports"


@pytest.fixture
def calendar(db: Any) -> None:
    """The State Council arrangements for 2025 and 2026, as the package ships them."""
    from portal import workdays
    from portal.services import load_package_calendar

    load_package_calendar(years=[2025, 2026])
    workdays.calendar_changed()


@pytest.fixture(autouse=True)
def _clear_cache() -> None:
    from django.core.cache import cache

    cache.clear()


TZ = ZoneInfo("Asia/Shanghai")


def at(day: date, hour: int = 10) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=TZ)


@pytest.fixture
def draft(town: Any, personas: dict[str, User], calendar: None) -> Callable[..., Item]:
    def make(**fields: Any) -> Item:
        values: dict[str, Any] = {
            "column": Column.objects.get(slug=fields.pop("column", "fgwj")),
            "genre": Genre.NOTICE,
            "title": "关于做好秋季森林防火工作的通知",
            "summary": "部署全镇秋季森林防火工作。",
            "body": "<p>各村：请做好秋季森林防火工作。</p>",
            "written_date": date(2026, 10, 9),
        }
        values.update(fields)
        organisation = values.pop("organisation", town.town)
        return services.create_draft(organisation=organisation, author=personas["editor"], fields=values)

    return make


def review_through(content: Any, personas: dict[str, User], when: date | None = None) -> None:
    """Walk an item's open review round through the default stages, as the real reviewers would."""
    from review import services as review
    from review.checklists import QUESTIONS

    submission = review.open_submission(content)
    assert submission is not None
    for persona in ("reviewer", "social_reviewer", "office_head"):
        stage = submission.stage
        answers = {key: "yes" for key, _ in QUESTIONS[stage.checklist]}
        submission = review.approve(
            submission=submission,
            actor=personas[persona],
            checklist=answers,
            stage_id=stage.pk,
            now=at(when) if when else None,
        )


@pytest.fixture
def published(draft: Callable[..., Item], personas: dict[str, User]) -> Callable[..., Item]:
    def make(when: date = date(2026, 10, 12), **fields: Any) -> Item:
        item = services.submit_item(item=draft(**fields), actor=personas["editor"])
        review_through(item, personas, when)
        item.refresh_from_db()
        return item

    return make


@pytest.fixture(autouse=True)
def _migration_data(request: Any) -> None:
    """Transactional tests empty every table afterwards, the rows data migrations made included: remake them."""
    marker = request.node.get_closest_marker("django_db")
    if not marker or not marker.kwargs.get("transaction"):
        return
    request.getfixturevalue("transactional_db")
    import importlib

    from django.apps import apps

    for name in ("disclosure.migrations.0002_statutory_columns", "disclosure.migrations.0003_topics",
                 "supervision.migrations.0006_default_indicators"):  # fmt: skip
        importlib.import_module(name).forwards(apps, None)


@pytest.fixture
def pdf_support() -> None:
    """PDF layouts need Pango and a CJK font from the system: skipped with the reason where either is missing
    (`apt-get install libpango-1.0-0 libpangoft2-1.0-0 fonts-noto-cjk`); in CI their absence fails the run."""
    import os

    try:
        import weasyprint  # noqa: F401
    except OSError as exc:
        if os.environ.get("CI"):
            pytest.fail(f"CI 环境缺少 WeasyPrint 需要的系统库：{exc}")
        pytest.skip(f"缺少 WeasyPrint 需要的系统库（Pango）：{exc}")
    from portal.checks import cjk_fonts

    if not cjk_fonts():  # the PDF would print boxes: its text cannot be checked
        if os.environ.get("CI"):
            pytest.fail("CI 环境缺少中文字体：.ci/run 应安装 fonts-noto-cjk。")
        pytest.skip("未找到中文字体（apt-get install fonts-noto-cjk），PDF 中的文字无法正确排版")


@pytest.fixture(scope="session")
def s3_endpoint() -> Iterator[str]:
    """An S3-compatible server on the loopback address (moto's server mode): django-storages' real backend talks
    HTTP to it."""
    from moto.server import ThreadedMotoServer

    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


S3_KEYS = {"S3_ACCESS_KEY": "node-key", "S3_SECRET_KEY": "node-secret", "S3_REGION": "us-east-1"}


@pytest.fixture
def buckets(s3_endpoint: str, settings: Any) -> SimpleNamespace:
    """A fresh public and private bucket, and this process's storages in them (settings.STORAGES as production
    builds it from S3_ENDPOINT_URL); `public()` and `private()` list their keys, `environment` configures a node."""
    import boto3

    from portal.storage import s3_storages

    client = boto3.client("s3", endpoint_url=s3_endpoint, aws_access_key_id=S3_KEYS["S3_ACCESS_KEY"],
                          aws_secret_access_key=S3_KEYS["S3_SECRET_KEY"], region_name=S3_KEYS["S3_REGION"])  # fmt: skip
    public, hidden = f"public-{uuid.uuid4().hex[:8]}", f"private-{uuid.uuid4().hex[:8]}"
    for name in (public, hidden):
        client.create_bucket(Bucket=name)
    settings.STORAGES = settings.STORAGES | s3_storages(
        endpoint=s3_endpoint, access_key=S3_KEYS["S3_ACCESS_KEY"], secret_key=S3_KEYS["S3_SECRET_KEY"],
        region=S3_KEYS["S3_REGION"], public=public, private=hidden,
    )  # fmt: skip

    def keys(bucket: str) -> list[str]:
        return sorted(entry["Key"] for entry in client.list_objects_v2(Bucket=bucket).get("Contents", []))

    environment = {**S3_KEYS, "S3_ENDPOINT_URL": s3_endpoint, "S3_BUCKET": public, "S3_PRIVATE_BUCKET": hidden}
    return SimpleNamespace(public=lambda: keys(public), private=lambda: keys(hidden), environment=environment)
