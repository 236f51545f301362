"""The inspection's self-check (《政府网站与政务新媒体检查指标》, 国办秘函〔2019〕19号): the 单项否决 items and the
scored items the portal can measure, run on the live data of each organisation, each with the evidence behind
its verdict and what to do about it. Inspectors see every organisation of the platform; an office head their
own. What the portal cannot see from inside (whether the site can be reached from outside) is said so."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.urls import reverse
from django.utils.http import urlencode

from disclosure.models import ColumnKind, Item, ItemStatus
from portal.models import Organisation
from portal.templatetags.portal_tags import cn_date
from review import wording
from review.models import Leader, WordingRule
from review.scanner import PERSONAL_KINDS, Text, scan

from .selectors import BLANK_COLUMNS_FAIL, Row

HOME_STALE_DAYS = 14  # 首页栏目信息超过2周未更新
STALE_COLUMNS_FAIL = 10  # 应更新但长期未更新的栏目数量超过10个
SCANNED = 2000  # the newest published items read for wording and personal data


@dataclass
class Evidence:
    text: str
    url: str = ""


@dataclass
class Check:
    name: str
    veto: bool  # a 单项否决 item: failing it fails the whole site
    verdict: str  # "pass", "fail", "warn" or "outside"
    summary: str
    todo: str = ""
    evidence: list[Evidence] = field(default_factory=list)

    @property
    def colour(self) -> str:
        return {"pass": "green", "fail": "red", "warn": "orange"}.get(self.verdict, "grey")

    @property
    def label(self) -> str:
        return {"pass": "合格", "fail": "不合格", "warn": "注意", "outside": "须外部监测"}[self.verdict]


def checks(row: Row, today: date) -> list[Check]:
    scanned = _scan(row.organisation)
    outside = Check("站点无法访问", True, "outside", "平台内部无法判断外部能否访问。",
                    "请用外部监测服务每天检测首页和主要栏目的可访问性。")  # fmt: skip
    return [
        outside,
        _home(row.organisation, today),
        _blank(row),
        _stale(row),
        _wording(scanned["wording"], scanned["read"]),
        _personal(scanned["personal"], scanned["read"]),
        _interaction(row),
        _late(row),
        _summaries(row),
        _report(row),
        _standard_catalogue(row),
        _interpretations(row),
        website_report_check(row.organisation, today),
    ]


def _late(row: Row) -> Check:
    summary = f"本期有 {row.late} 条信息超过20个工作日才发布（条例第二十六条）。"
    todo = "查看督查看板中“超过20个工作日公开”的信息，改进审核流转。" if row.late else ""
    return Check("信息发布及时性", False, "warn" if row.late else "pass", summary, todo)


def _standard_catalogue(row: Row) -> Check:
    """国办发〔2019〕54号: each 事项 of the 标准目录 published, on time, where it should be."""
    tally = row.obligations
    name = "标准目录事项按时公开"
    if tally is None or not tally.by_area:
        return Check(name, False, "warn", "尚未建立基层政务公开标准目录。",
                     "从国办发〔2019〕54号所列领域的标准目录开始，选择本机构涉及的领域并核对事项。")  # fmt: skip
    url = reverse("catalogue-staff:obligations", args=[row.organisation.pk])
    evidence = [Evidence(f"{area}：应公开未公开 {counts['missing']} 项", f"{url}?{urlencode({'area': area})}")
                for area, counts in tally.by_area.items() if counts["missing"]]  # fmt: skip
    summary = (
        f"本期应公开事项 {tally.due} 项：按时 {tally.met} 项，逾期 {tally.late} 项，应公开未公开 {tally.missing} 项。"
    )
    verdict = "fail" if tally.missing else "warn" if tally.late else "pass"
    todo = "立即公开应公开未公开的事项，并查明逾期原因。" if tally.missing or tally.late else ""
    return Check(name, False, verdict, summary, todo, evidence)


def _interpretations(row: Row) -> Check:
    """三同步 (国办发〔2016〕80号 实施细则): policies published with their interpretation."""
    from django.conf import settings

    figures = row.policies
    name = "政策解读三同步"
    if figures is None or not figures.policies:
        return Check(name, False, "pass", "本期没有发布行政规范性文件。")
    summary = (f"本期发布行政规范性文件 {figures.policies} 件：按时解读 {figures.timely} 件，"
               f"解读逾期 {figures.late} 件，超期未解读 {figures.overdue} 件。")  # fmt: skip
    todo = (f"为超期未解读的文件立即发布政策解读；今后解读与文件同步送审，最迟在文件发布后"
            f"{settings.INTERPRETATION_WORKING_DAYS}个工作日内发布。") if figures.without_timely else ""  # fmt: skip
    return Check(name, False, "warn" if figures.without_timely else "pass", summary, todo)


def _summaries(row: Row) -> Check:
    summary = f"{row.summary_missing} 条已公开信息缺少内容概述。"
    todo = "为这些信息起草修订，补上内容概述。" if row.summary_missing else ""
    return Check("内容概述完整", False, "warn" if row.summary_missing else "pass", summary, todo)


def _report(row: Row) -> Check:
    published = "已发布" in row.report_status
    todo = "" if published else "上年度年报应于1月31日前发布（条例第四十九条）。"
    return Check(
        "政府信息公开年报", False, "pass" if published else "warn", row.report_status or "上年度年报尚未编制。", todo
    )


def website_report_check(organisation: Organisation, today: date) -> Check:
    """政府网站工作年度报表 of last year: published by 31 January (国办发〔2017〕47号; 国办函〔2018〕12号)."""
    from supervision.website_report import selectors as website
    from supervision.website_report.models import WebsiteReport

    year = today.year - 1
    due = website.deadline_for(year)
    report = WebsiteReport.objects.filter(organisation=organisation, year=year).first()
    published = website.published_on(report)
    state = website.timeliness(year, published, today)
    name, staff = "政府网站工作年度报表", reverse("website-report:reports")
    if published is not None:
        url = reverse("website-report-public:report", args=[organisation.slug, year])
        evidence = [Evidence(f"{report}：{cn_date(published)}公开", url)]
        if state == website.ON_TIME:
            summary = f"{year}年度报表已于{cn_date(published)}公开，在{cn_date(due)}前，按时。"
            return Check(name, False, "pass", summary, evidence=evidence)
        return Check(name, False, "fail", f"{year}年度报表逾期公开（{cn_date(published)}公开，应于{cn_date(due)}前）。",
                     "今后每年1月31日前公开上一年度报表。", evidence)  # fmt: skip
    begun = f"（{report.get_status_display()}）" if report else "（尚未编制）"
    evidence = [Evidence(f"{year}年度报表{begun}", staff)]
    if state == website.MISSING:
        return Check(name, False, "fail", f"{year}年度报表未在{cn_date(due)}前公开{begun}。",
                     "立即编制、审核并在网站首页公开上一年度的政府网站工作年度报表。", evidence)  # fmt: skip
    return Check(name, False, "warn", f"{year}年度报表须于{cn_date(due)}前公开{begun}。",
                 "编制报表，填写平台无法统计的项目，提交审核。", evidence)  # fmt: skip


def _home(organisation: Organisation, today: date) -> Check:
    newest = (Item.objects.filter(channel=organisation, status=ItemStatus.PUBLISHED, column_kind=ColumnKind.NEWS)
              .order_by("-publication_date").values("pk", "title", "publication_date").first())  # fmt: skip
    if newest is None:
        return Check(
            "首页不更新", True, "fail", "工作动态栏目没有任何信息。", "发布本机关的工作动态，并保持每两周至少更新一次。"
        )
    age = (today - (newest["publication_date"] or today)).days
    evidence = [Evidence(f"最新工作动态：{newest['title']}（{cn_date(newest['publication_date'])}）",
                         reverse("disclosure:item", args=[organisation.slug, newest["pk"]]))]  # fmt: skip
    if age > HOME_STALE_DAYS:
        return Check("首页不更新", True, "fail", f"工作动态已 {age} 天未更新（超过2周即不合格）。",
                     "立即发布近期工作动态，并指定专人每周更新。", evidence)  # fmt: skip
    return Check("首页不更新", True, "pass", f"工作动态 {age} 天前更新。", evidence=evidence)


def _blank(row: Row) -> Check:
    blank = row.blank_columns
    evidence = [Evidence(getattr(column, "name", str(column))) for column in blank]
    if len(blank) >= BLANK_COLUMNS_FAIL:
        summary = f"{len(blank)} 个栏目没有任何信息（达到{BLANK_COLUMNS_FAIL}个即不合格）。"
        return Check("空白栏目", True, "fail", summary,
                     "为每个空白栏目发布应公开的信息；本机关确不涉及的，发布未涉及说明。", evidence)  # fmt: skip
    return Check("空白栏目", True, "warn" if blank else "pass", f"{len(blank)} 个空白栏目。",
                 "补充空白栏目的信息或说明。" if blank else "", evidence)  # fmt: skip


def _stale(row: Row) -> Check:
    stale = row.stale_columns
    evidence = [Evidence(f"{getattr(column, 'name', column)}：最后更新于 {cn_date(last)}") for column, last in stale]
    verdict = "fail" if len(stale) > STALE_COLUMNS_FAIL else "warn" if stale else "pass"
    return Check("栏目不更新", True, verdict,
                 f"{len(stale)} 个栏目超过应更新期限未更新（超过{STALE_COLUMNS_FAIL}个即不合格）。",
                 "按栏目类别更新：动态类每2周，通知公告和政策文件类每6个月。" if stale else "", evidence)  # fmt: skip


def _scan(organisation: Organisation) -> dict[str, Any]:
    """Wording errors and personal data in the newest published items (what an inspector samples), read once
    per DASHBOARD_CACHE_SECONDS for every node (the shared cache): a county's page would otherwise read
    2,000 bodies per organisation on each view."""
    from django.conf import settings
    from django.core.cache import cache

    key = f"self-check:{organisation.pk}"
    found = cache.get(key)
    if found is None:
        found = _read(organisation)
        cache.set(key, found, settings.DASHBOARD_CACHE_SECONDS)
    return found


def _read(organisation: Organisation) -> dict[str, Any]:
    rules = list(WordingRule.objects.values_list("wrong", "right"))
    leaders = list(Leader.objects.filter(is_active=True).values_list("name", "titles"))
    found: dict[str, Any] = {"wording": [], "personal": [], "read": 0}
    newest = Item.objects.filter(channel=organisation, status=ItemStatus.PUBLISHED).order_by("-publication_date")
    items = newest.only("pk", "title", "summary", "body_text")[:SCANNED]
    for item in items:
        found["read"] += 1
        texts = [Text("title", item.title), Text("summary", item.summary), Text("body", item.body_text)]
        url = reverse("disclosure:item", args=[organisation.slug, item.pk])
        for text in texts:
            for hit in wording.check(text, rules, leaders):
                found["wording"].append(Evidence(f"《{item.title}》：“{hit.text}”，{hit.masked}", url))
        personal = [hit for hit in scan(texts) if hit.kind in PERSONAL_KINDS]
        if personal:
            found["personal"].append(Evidence(f"《{item.title}》：{len(personal)} 处（{personal[0].masked}）", url))
    return found


def _wording(evidence: list[Evidence], read: int) -> Check:
    if evidence:
        return Check("严重错别字", True, "fail", f"已公开信息中有 {len(evidence)} 处错别字或领导职务不符。",
                     "起草修订更正这些信息，修订经审核后发布。", evidence)  # fmt: skip
    return Check("严重错别字", True, "pass", f"检查了最新的 {read} 条已公开信息，未发现错别字和职务不符。")


def _personal(evidence: list[Evidence], read: int) -> Check:
    if evidence:
        return Check("泄露个人信息", True, "fail", f"{len(evidence)} 条已公开信息含有个人信息。",
                     "立即撤回或修订遮盖，并按规定报告。", evidence)  # fmt: skip
    return Check("泄露个人信息", True, "pass", f"检查了最新的 {read} 条已公开信息，未发现个人信息。")


def _interaction(row: Row) -> Check:
    """互动回应差: messages (questions, complaints) left unanswered, in practice for three months, fail the site;
    one past its own deadline is a warning."""
    questions = row.questions
    old = questions.past_veto if questions else []
    overdue = questions.overdue_now if questions else 0
    evidence = [
        Evidence(
            f"政务咨询 {cn_date(received)}收到，至今未答复：{subject}", reverse("questions-staff:question", args=[pk])
        )
        for pk, subject, received in old[:20]
    ] + [
        Evidence(
            f"投诉举报 {cn_date(received)}收到，至今未答复：{subject}", reverse("complaints-staff:complaint", args=[pk])
        )
        for pk, subject, received in row.complaints_past_veto[:20]
    ]
    if questions and questions.oldest_open:
        evidence.append(Evidence(f"最早的未答复咨询收到于 {cn_date(questions.oldest_open)}",
                                 reverse("questions-staff:queue")))  # fmt: skip
    if row.complaints_overdue:
        late = f"{row.complaints_overdue} 件投诉举报或网站纠错超期未答复"
        evidence.append(Evidence(late, reverse("complaints-staff:queue")))
    if old or row.complaints_past_veto:
        summary = (f"{len(old)} 条政务咨询、{len(row.complaints_past_veto)} 件投诉举报超过3个月未答复"
                   "（互动回应差，单项否决）。")  # fmt: skip
        return Check("互动回应差", True, "fail", summary,
                     "立即答复；不属于本机关的转交负责机构，不予答复的写明理由。", evidence)  # fmt: skip
    if overdue or row.complaints_overdue:
        summary = f"{overdue} 条政务咨询、{row.complaints_overdue} 件投诉举报超过答复期限，尚未超过3个月。"
        return Check("互动回应差", True, "warn", summary, "在期限内答复，避免拖到3个月以上。", evidence)
    received = questions.received if questions else 0
    return Check("互动回应差", True, "pass", f"本期收到政务咨询 {received} 条，没有超期未答复的咨询和投诉。",
                 evidence=evidence)  # fmt: skip


def verdict(results: list[Check]) -> str:
    """合格 unless a 单项否决 item fails."""
    return "不合格" if any(c.veto and c.verdict == "fail" for c in results) else "合格（可测项目）"
