"""等保 / ASVS: the PDF renderer fetches no address outside the portal (issue 11 item 3), and no exported cell
runs as a spreadsheet formula (item 4)."""

import http.server
import io
import threading
from datetime import date
from typing import Any

import pytest

from portal.pdf import render_pdf
from portal.tabular import safe_cell


@pytest.fixture
def listener() -> Any:
    """A local HTTP server that counts the requests it receives."""
    hits: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            hits.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "image/png")
            self.end_headers()

        def log_message(self, *args: Any) -> None:
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server.server_address[1], hits
    server.shutdown()


def test_the_pdf_renderer_refuses_addresses_outside_the_portal(listener: Any, pdf_support: None) -> None:
    port, hits = listener
    html = (f'<p>正文</p><img src="http://127.0.0.1:{port}/secret.png"><img src="file:///etc/passwd">'
            f'<link rel="stylesheet" href="http://127.0.0.1:{port}/x.css">')  # fmt: skip
    pdf = render_pdf(html, base_url=f"http://127.0.0.1:{port}/")
    assert pdf.startswith(b"%PDF") and hits == []


def test_the_pdf_renderer_still_uses_the_portals_own_static_files(pdf_support: None) -> None:
    from portal.pdf import _own_file

    assert _own_file("http://anything.example/static/css/notice.css") is not None
    assert _own_file("http://anything.example/static/../../etc/passwd") is None
    assert _own_file("http://anything.example/elsewhere/passwd") is None


@pytest.mark.parametrize("text", ['=HYPERLINK("http://x")', "+1+1", "-2+3", "@SUM(A1)", "\t=1"])
def test_a_formula_is_written_as_text(text: str) -> None:
    assert safe_cell(text) == "'" + text
    assert safe_cell("2026年示例镇低保名单") == "2026年示例镇低保名单" and safe_cell(12) == 12


def test_the_register_export_neutralises_what_a_citizen_typed(
    town: Any, personas: Any, calendar: None, client_for: Any
) -> None:
    import openpyxl

    from requests_app import services
    from requests_app.receipt import Channel
    from tests.requests_app.conftest import person_data

    data = person_data(name="=cmd|' /C calc'!A0", description="+1+1")
    services.register(organisation=town.town, data=data, channel=Channel.IN_PERSON, arrived_on=date(2026, 11, 2),
                      actor=personas["case_officer"])  # fmt: skip
    response = client_for("case_officer").get("/staff/ysq/register.xlsx?status=all")
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    values = [cell.value for row in sheet.iter_rows(min_row=2) for cell in row if isinstance(cell.value, str)]
    assert "'=cmd|' /C calc'!A0" in values and "'+1+1" in values
    assert not any(isinstance(v, str) and v.startswith(("=", "+")) for v in values)


def test_the_catalogue_csv_export_neutralises_titles(
    client: Any, published: Any, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):  # the file is built after the publication
        published(title="=1+1 关于做好秋季森林防火工作的通知")
    body = b"".join(client.get("/gk/town/catalogue.csv").streaming_content).decode("utf-8-sig")
    assert "'=1+1 关于做好秋季森林防火工作的通知" in body
