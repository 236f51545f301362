"""The demo town, run by `make run`: safe to run again (it updates what it made and adds what is missing)."""

import os
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction

from portal.credit_code import make_credit_code
from portal.models import Duty, Organisation, OrganisationKind, PlatformProfile, Role
from portal.passwords import set_by_owner
from portal.services import assign_duty, grant_role, load_package_calendar

DIVISION = "430599"  # a fictitious county-level division code for the demo
CONTACT = {"phone": "0730-5180118", "email": "1033317741@qq.com"}
TOWN_ADDRESS = "示例县示例镇人民路1号"

ORGANISATIONS: list[dict[str, Any]] = [
    {
        "slug": "shifanxian",
        "name": "示例县人民政府",
        "short_name": "示例县",
        "kind": OrganisationKind.COUNTY_GOVERNMENT,
        "org": "00000001",
        "parent": None,
        "column": True,
        "address": "示例县城关镇政府路8号",
        "postcode": "414000",
    },
    {
        "slug": "shifanzhen",
        "name": "示例镇人民政府",
        "short_name": "示例镇",
        "kind": OrganisationKind.TOWN_GOVERNMENT,
        "org": "00000002",
        "parent": "shifanxian",
        "column": True,
        "address": TOWN_ADDRESS,
        "postcode": "414001",
        **CONTACT,
        "fax": "0730-5180119",
        "office_hours": "工作日上午8:30-12:00，下午14:30-17:30",
    },
    {
        "slug": "dangzhengban",
        "name": "示例镇党政综合办公室",
        "short_name": "党政办",
        "kind": OrganisationKind.OFFICE,
        "org": "00000003",
        "parent": "shifanzhen",
        "column": False,
        "address": TOWN_ADDRESS,
        **CONTACT,
    },
    {
        "slug": "shehuishiwuban",
        "name": "示例镇社会事务综合服务中心",
        "short_name": "社会事务办",
        "kind": OrganisationKind.OFFICE,
        "org": "00000004",
        "parent": "shifanzhen",
        "column": False,
        "address": TOWN_ADDRESS,
        "phone": "0730-5180120",
    },
    {
        "slug": "jingjifazhanban",
        "name": "示例镇经济发展办公室",
        "short_name": "经济发展办",
        "kind": OrganisationKind.OFFICE,
        "org": "00000005",
        "parent": "shifanzhen",
        "column": False,
        "address": TOWN_ADDRESS,
        "phone": "0730-5180121",
    },
    {
        "slug": "caizhengsuo",
        "name": "示例镇财政所",
        "short_name": "财政所",
        "kind": OrganisationKind.OFFICE,
        "org": "00000006",
        "parent": "shifanzhen",
        "column": False,
        "address": TOWN_ADDRESS,
        "phone": "0730-5180122",
    },
    {
        "slug": "linzhen",
        "name": "邻镇人民政府",
        "short_name": "邻镇",
        "kind": OrganisationKind.TOWN_GOVERNMENT,
        "org": "00000007",
        "parent": "shifanxian",
        "column": True,
        "address": "示例县邻镇和平街2号",
        "postcode": "414002",
        "phone": "0730-5190100",
    },
]

# username, full name, [(organisation slug, roles)], administrator duty. The town's review process:
# 党政办 reviewer (secrecy and personal data) → 社会事务办 reviewer (content) → 党政办 head (final approval).
PERSONAS: list[tuple[str, str, list[tuple[str, list[Role]]], Duty | None]] = [
    ("editor", "李编辑", [("shifanzhen", [Role.EDITOR])], None),
    ("reviewer", "王审核", [("shifanzhen", [Role.REVIEWER]), ("dangzhengban", [Role.REVIEWER])], None),
    ("social_reviewer", "刘审核", [("shehuishiwuban", [Role.REVIEWER])], None),
    (
        "office_head",
        "张主任",
        [("shifanzhen", [Role.OFFICE_HEAD, Role.REVIEWER]), ("dangzhengban", [Role.OFFICE_HEAD])],
        None,
    ),
    ("case_officer", "赵办理", [("shifanzhen", [Role.CASE_OFFICER])], None),
    ("inspector", "陈督查", [("shifanxian", [Role.INSPECTOR])], None),
    ("sysadmin", "周系统", [], Duty.SYSTEM),
    ("secadmin", "吴安全", [], Duty.SECURITY),
    ("auditadmin", "郑审计", [], Duty.AUDIT),
    ("other_editor", "孙编辑（邻镇）", [("linzhen", [Role.EDITOR, Role.CASE_OFFICER])], None),
]


class Command(BaseCommand):
    help = "载入示例镇演示数据（可重复运行）。"

    @transaction.atomic
    def handle(self, *args: Any, **options: Any) -> None:
        password = os.environ.get("DEMO_PASSWORD", "shifan-demo-2026")
        load_package_calendar()
        by_slug: dict[str, Organisation] = {}
        for position, spec in enumerate(ORGANISATIONS):
            fields = {k: v for k, v in spec.items() if k not in {"slug", "org", "parent", "column"}}
            fields.update(
                credit_code=make_credit_code("11", DIVISION, spec["org"]),
                parent=by_slug.get(spec["parent"]) if spec["parent"] else None,
                runs_own_column=spec["column"],
                position=position,
            )
            by_slug[spec["slug"]], _ = Organisation.objects.update_or_create(slug=spec["slug"], defaults=fields)
        town = by_slug["shifanzhen"]

        profile = PlatformProfile.load()
        profile.site_name = "示例镇人民政府门户网站"
        profile.home_organisation = profile.host_organisation = town
        profile.website_code = "4305990001"
        profile.icp_number = "湘ICP备00000000号"
        profile.police_number = "湘公网安备 43059902000000号"
        profile.save()

        User = get_user_model()
        for username, full_name, holdings, duty in PERSONAS:
            user, created = User.objects.get_or_create(username=username)
            user.last_name, user.first_name = full_name[0], full_name[1:]
            user.email = f"{username}@example.gov.cn"
            if created:
                user.set_password(password)
            with set_by_owner():  # the README's demo password: not one to change at first sign-in
                user.save()
            for org_slug, roles in holdings:
                for role in roles:
                    grant_role(user=user, organisation=by_slug[org_slug], role=role)
            if duty:
                assign_duty(user=user, duty=duty)

        from disclosure import demo as disclosure_demo

        users = {u.username: u for u in User.objects.filter(username__in=[p[0] for p in PERSONAS])}
        reviewers = [users["reviewer"], users["social_reviewer"], users["office_head"]]
        published = disclosure_demo.seed(town, author=users["editor"], reviewers=reviewers)
        transaction.on_commit(lambda: call_command("reindex", stdout=self.stdout))
        transaction.on_commit(lambda: call_command("build_exports", stdout=self.stdout))

        from django.utils import timezone

        from requests_app import demo as requests_demo

        online = requests_demo.seed(town, users, timezone.localdate())

        from consultations import demo as consultations_demo

        consultations_demo.seed(town, users["editor"], reviewers, timezone.localdate())

        from consultations.questions import demo as questions_demo

        questions_demo.seed(town, users["editor"], reviewers, timezone.localdate())

        from supervision import demo as supervision_demo

        supervision_demo.seed(town, users["office_head"], users["inspector"], reviewers, timezone.localdate())

        from supervision.website_report import demo as website_report_demo

        website_report_demo.seed(town, users["office_head"], reviewers, timezone.localdate())

        self.stdout.write(self.style.SUCCESS("演示数据已就绪：示例镇人民政府及其内设机构、工作日历和演示账号。"))
        self.stdout.write(f"政府信息公开目录：本次新发布 {published} 条演示信息。")
        for number, code in online:
            self.stdout.write(f"演示网上申请：编号 {number}，查询码 {code}（在 /ysq/track/ 查询）")
        self.stdout.write(f"工作人员登录：/staff/login/，新建账号的演示密码：{password}")
        for username, full_name, holdings, duty in PERSONAS:
            what = "；".join(
                f"{by_slug[slug].short_name}·{'、'.join(str(r.label) for r in roles)}" for slug, roles in holdings
            )
            self.stdout.write(f"  {username:<16} {full_name}（{what or (duty.label if duty else '')}）")
