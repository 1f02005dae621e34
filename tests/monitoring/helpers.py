"""Reading the dashboards as a person does: the table under each chart."""

from __future__ import annotations

from django.urls import reverse
from lxml import html

from innoinfra.core.enums import ExportState
from innoinfra.core.models import ExportJob


def table_rows(response, key: str) -> list[list[str]]:
    """The rows (header row excluded) of the table `data-table=key` on a page, as the cells' text."""
    assert response.status_code == 200, response.status_code
    tree = html.fromstring(response.content.decode())
    tables = tree.xpath(f'//table[@data-table="{key}"]')
    assert tables, f"no table {key} on the page"
    rows = []
    for tr in tables[0].xpath("./tbody/tr"):
        cells = [" ".join(cell.text_content().split()) for cell in tr.xpath("./th|./td")]
        if len(cells) == 1 and cells[0].startswith("Данных"):
            continue
        rows.append(cells)
    return rows


def table_headers(response, key: str) -> list[str]:
    tree = html.fromstring(response.content.decode())
    return [" ".join(th.text_content().split()) for th in tree.xpath(f'//table[@data-table="{key}"]/thead/tr/th')]


def as_dict(rows: list[list[str]], column: int = 1) -> dict[str, str]:
    return {row[0]: row[column] for row in rows}


def run(client, capture, kind: str, query: str):
    """Press a background export's button, let the worker run it, download the file: (job, bytes)."""
    with capture(execute=True):
        response = client.post(f"{reverse('exports:start', args=[kind])}?{query}")
    assert response.status_code == 302, response
    job = ExportJob.objects.latest("pk")
    assert response["Location"] == job.get_absolute_url()
    assert job.state == ExportState.DONE, job.error
    download = client.get(reverse("exports:download", args=[job.pk]))
    assert download.status_code == 200
    return job, b"".join(download.streaming_content)
