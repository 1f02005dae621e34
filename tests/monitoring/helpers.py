"""Reading the dashboards as a person does: the table under each chart."""

from __future__ import annotations

from lxml import html


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
