from datetime import date
from typing import Any

from django.core.checks import CheckMessage, Info, Warning, register
from django.db import DatabaseError
from django.utils import timezone


def cjk_fonts() -> list[str]:
    """The Chinese font families fontconfig finds (WeasyPrint lays out PDFs with them)."""
    import shutil
    import subprocess

    if shutil.which("fc-list") is None:
        return []
    found = subprocess.run(["fc-list", ":lang=zh", "family"], capture_output=True, text=True, timeout=20)
    return [line for line in found.stdout.splitlines() if line.strip()]


@register()
def chinese_font_installed(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    """A PDF laid out without a CJK font prints boxes instead of characters: notices would be unreadable."""
    if cjk_fonts():
        return []
    return [
        Warning(
            "系统中没有可用的中文字体：告知书、打印版式等 PDF 中的文字将无法显示。",
            hint="请安装中文字体，例如 Debian 上 apt-get install fonts-noto-cjk。",
            id="portal.W002",
        )
    ]


@register()
def document_faces_complete(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    """A face named for the 公文-style documents that lacks a character they use sets a line in two styles."""
    from portal.fonts import gaps

    return [
        Warning(
            f"公文字体“{family}”缺少告知书、年度报告用到的 {len(lacking)} 个字（{lacking[:20]}……），"
            "缺字将以下一种字体补齐，一行中字形不一。",
            hint="请安装完整的字库（如仿宋_GB2312、方正小标宋简体），或删除该字体；未安装时使用 Noto 思源字体。",
            id="portal.W005",
        )
        for family, lacking in gaps().items()
    ]


@register()
def calendar_years_confirmed(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    """条例 第三十三条 deadlines count working days: a reminder while this or the coming year is not confirmed.
    INFO, not WARNING: a correct deployment in December, before the State Council's notice, must pass
    `check --deploy --fail-level WARNING`."""
    from portal.services import unconfirmed_calendar_years

    today: date = timezone.localdate()
    try:
        missing = unconfirmed_calendar_years(today)
    except DatabaseError:
        return []  # not migrated yet: nothing to check
    return [
        Info(
            f"{year}年的工作日历尚未确认：依申请公开等法定期限将按周一至周五推算，可能不准确。",
            hint="请系统管理员在“工作日历年度”中按国务院办公厅放假安排通知录入并确认该年度。",
            id="portal.I001",
        )
        for year in missing
    ]


@register(deploy=True)
def site_url_configured(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    """Mailed links, the sitemap and the export files carry SITE_URL: in production it must be the portal's
    public address, not the development default (`manage.py check --deploy`)."""
    from urllib.parse import urlsplit

    from django.conf import settings

    parts = urlsplit(settings.SITE_URL)
    if parts.scheme == "https" and parts.hostname not in (None, "127.0.0.1", "localhost"):
        return []
    return [
        Warning(
            f"SITE_URL 为“{settings.SITE_URL}”：邮件中的链接、站点地图和目录文件中的网址将指向错误的地址。",
            hint="请将环境变量 SITE_URL 设为门户对外的 https 地址，例如 https://gk.example.gov.cn。",
            id="portal.W004",
        )
    ]
