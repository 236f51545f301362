"""Reading a rendered page as a person does."""

import re


def error_summary(page: str) -> list[str]:
    """The lines of a failed form's error summary at the top of the page, as they read."""
    start = page.index('class="error-summary"')
    summary = page[start : page.index("</div>", start)]
    return [re.sub(r"<[^>]+>", "", line).strip() for line in re.findall(r"<li>(.*?)</li>", summary, re.S)]
