"""Importing an old site's catalogue (docs/adr/0007): a template to fill in, a dry run that lists every problem,
then the same checked file imported with one click, as one batch that waits for review.

The checked file is kept in private storage under pending/ (the online form's uploads wait there too), so any
node can import it and a file never imported is deleted after DRAFT_LIFETIME_HOURS
(requests_app.tasks.discard_abandoned_uploads); the session remembers only its name."""

from __future__ import annotations

import csv
import io
import secrets
from typing import Any

from django.contrib import messages
from django.core.files.base import ContentFile
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import content_disposition_header

from disclosure.forms import ImportForm
from disclosure.importer import HEADERS, CatalogueReport, import_catalogue
from portal.models import Organisation, Role
from portal.permissions import business_required, organisation_ids
from portal.storage import private as private_storage

KEPT = "catalogue-import"
EXAMPLE = {
    "索引号": "XJ-SFZ/2023-0041", "名称": "示例镇2022年财政决算公开", "内容概述": "2022年度一般公共预算收支决算。",
    "生成日期": "2023-08-30", "发布日期": "2023-08-31 16:40", "发布机构": "示例镇人民政府", "文号": "",
    "栏目": "财政预决算", "主题分类": "", "组配分类": "", "体裁": "报告", "有效性": "", "失效或废止日期": "",
    "正文": "2022年全镇一般公共预算收入1086万元，支出2413万元。", "附件": "",
}  # fmt: skip


def _organisations(request: HttpRequest) -> Any:
    allowed = Organisation.objects.filter(
        pk__in=organisation_ids(request.user, Role.EDITOR, Role.OFFICE_HEAD), runs_own_column=True
    )
    if not allowed:
        raise Http404("没有可导入目录的机构")
    return allowed


@business_required
def catalogue_import(request: HttpRequest) -> HttpResponse:
    """An editor or the disclosure office head imports the old site's catalogue: a dry run first, then all rows or
    none, as one batch that waits for review."""
    organisations = _organisations(request)
    if request.method == "POST" and "import_checked" in request.POST:
        return _import_checked(request, organisations)
    form = ImportForm(request.POST or None, request.FILES or None, organisations=organisations)
    report = None
    if request.method == "POST" and form.is_valid():
        catalogue, archive = form.cleaned_data["catalogue"], form.cleaned_data["attachments"]
        data, archive_data = catalogue.read(), archive.read() if archive else None
        dry_run = form.cleaned_data["dry_run"]
        organisation = form.cleaned_data["organisation"]
        report = import_catalogue(organisation=organisation, actor=request.user, name=catalogue.name, data=data,
                                  archive_data=archive_data, dry_run=dry_run)  # fmt: skip
        _forget(request)
        if dry_run and report.clean:
            _keep(request, organisation, catalogue.name, data, archive_data)
    return _page(request, form, report)


def _page(request: HttpRequest, form: ImportForm, report: CatalogueReport | None) -> HttpResponse:
    context: dict[str, Any] = {"form": form, "report": report, "kept": request.session.get(KEPT)}
    if report is not None:
        context.update(report.banner("条信息"))
        if report.clean and not report.imported and context["kept"]:
            context["outcome"] = f"文件共 {report.rows} 行，没有发现问题。核对下面的结果后点“导入”即可，无须重选文件。"
        if report.imported:
            context["outcome"] += "这些信息已作为一个批次送审，审核通过前不会公开；通过后保留原索引号和发布日期。"
    return render(request, "disclosure/staff/import.html", context)


def _keep(request: HttpRequest, organisation: Organisation, name: str, data: bytes, archive: bytes | None) -> None:
    folder = f"pending/catalogue-imports/{secrets.token_urlsafe(16)}"
    storage = private_storage()
    storage.save(f"{folder}/catalogue", ContentFile(data))
    if archive is not None:
        storage.save(f"{folder}/attachments.zip", ContentFile(archive))
    request.session[KEPT] = {"folder": folder, "name": name, "organisation": organisation.pk,
                             "organisation_name": organisation.name, "archive": archive is not None}  # fmt: skip


def _forget(request: HttpRequest) -> None:
    kept = request.session.pop(KEPT, None)
    if kept:
        storage = private_storage()
        for name in ("catalogue", "attachments.zip"):
            storage.delete(f"{kept['folder']}/{name}")


def _import_checked(request: HttpRequest, organisations: Any) -> HttpResponse:
    """The file the dry run checked, imported without choosing it again (checked again: rows may have been
    published meanwhile)."""
    kept = request.session.get(KEPT)
    organisation = organisations.filter(pk=kept["organisation"]).first() if kept else None
    storage = private_storage()
    if kept is None or organisation is None or request.POST["import_checked"] != kept["folder"]:
        messages.error(request, "检查过的文件已不在，请重新选择文件检查后再导入。")
        return redirect("disclosure-staff:import")
    try:
        with storage.open(f"{kept['folder']}/catalogue") as handle:
            data = handle.read()
        archive = None
        if kept["archive"]:
            with storage.open(f"{kept['folder']}/attachments.zip") as handle:
                archive = handle.read()
    except FileNotFoundError:
        request.session.pop(KEPT, None)
        messages.error(request, "检查过的文件已过期删除，请重新选择文件检查后再导入。")
        return redirect("disclosure-staff:import")
    report = import_catalogue(organisation=organisation, actor=request.user, name=kept["name"], data=data,
                              archive_data=archive, dry_run=False)  # fmt: skip
    if report.imported:
        _forget(request)
    form = ImportForm(organisations=organisations, initial={"organisation": organisation.pk})
    return _page(request, form, report)


@business_required
def catalogue_template(request: HttpRequest) -> HttpResponse:
    """The catalogue's columns with one example row, as a CSV that Excel opens (UTF-8 with its mark)."""
    _organisations(request)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(HEADERS)
    writer.writerow([EXAMPLE[label] for label in HEADERS])
    response = HttpResponse(buffer.getvalue().encode("utf-8-sig"), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename="目录导入模板.csv")
    return response
