import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from portal.models import Organisation
from supervision.annual_report import documents, services
from supervision.annual_report.models import AnnualReport, ReportStatus, Scope


class Command(BaseCommand):
    help = (
        "输出某机构某年度的政府信息公开工作年度报告：已发布的取发布时的快照，否则按办理记录计算；"
        "JSON 含每个表格单元格（以行、列标题为键）和校验结果。"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--org", required=True, help="机构的统一社会信用代码")
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument("--format", choices=["json", "docx", "pdf"], default="json")
        parser.add_argument("--scope", choices=Scope.values, default=None, help="未发布时的统计范围")
        parser.add_argument("--output", type=Path, default=None, help="输出文件（默认：JSON 写到标准输出）")

    def handle(self, *args: Any, org: str, year: int, format: str, scope: str | None, output: Path | None,
               **options: Any) -> None:  # fmt: skip
        organisation = Organisation.objects.filter(credit_code=org.strip().upper()).first()
        if organisation is None:
            raise CommandError(f"没有统一社会信用代码为 {org} 的机构。")
        report = (
            services.last_published(organisation, year)
            or AnnualReport.objects.filter(
                organisation=organisation, year=year, status__in=[ReportStatus.DRAFT, ReportStatus.IN_REVIEW]
            ).first()
        )
        if report is None:  # nothing drafted: computed as a draft would be, not saved
            report = AnnualReport(organisation=organisation, year=year, scope=scope or Scope.ITSELF)
        elif scope and report.status != ReportStatus.PUBLISHED:
            report.scope = scope
        data = documents.report_data(report)
        if format == "json":
            text = json.dumps(data, ensure_ascii=False, indent=1)
            if output:
                output.write_text(text, encoding="utf-8")
            else:
                self.stdout.write(text)
            return
        if output is None:
            raise CommandError("DOCX 和 PDF 须用 --output 指定输出文件。")
        output.write_bytes(documents.docx(report) if format == "docx" else documents.pdf(report))
        self.stdout.write(f"已写入 {output}")
