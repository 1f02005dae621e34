"""The files of the open data section, as the «Методические рекомендации по публикации открытых данных» (version
3.0) lay them out:

    /opendata/list.csv                                   the list of sets: property,title,value,format
    /opendata/<identifier>/meta.csv                      a set's passport: property,value
    /opendata/<identifier>/data-YYYYMMDD-structure-YYYYMMDD.csv
    /opendata/<identifier>/structure-YYYYMMDD.csv        field name,english description,russian description,format

and the same in JSON. The data file is named by the day of the set's last change, so its address says which version
it holds; the passport always names the current one. Rows are written as they are read from the database, in
chunks, so a set of any size never sits in memory.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from dataclasses import dataclass

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from .datasets import DATASETS, Dataset

STANDARD_VERSION = "http://opendata.gosmonitor.ru/standard/3.0"
STRUCTURE_HEADER = ("field name", "english description", "russian description", "format")
CHUNK = 500
LICENCES = {
    "cc-by-4.0": (
        "Creative Commons «С указанием авторства» 4.0 Международная (CC BY 4.0)",
        "https://creativecommons.org/licenses/by/4.0/deed.ru",
    ),
    "open": (
        "Открытая лицензия: свободное использование, в том числе в коммерческих целях, со ссылкой на источник",
        "",
    ),
}


def stamp(day: dt.date) -> str:
    return day.strftime("%Y%m%d")


def licence() -> tuple[str, str]:
    """(name, url) of the licence the installation publishes under (OPENDATA_LICENCE)."""
    return LICENCES.get(settings.OPENDATA["LICENCE"], LICENCES["cc-by-4.0"])


@dataclass(frozen=True)
class Version:
    """The current files of a set: its data is dated by the last change, its structure by the field list."""

    dataset: Dataset
    modified: dt.date

    @property
    def data_name(self) -> str:
        return f"data-{stamp(self.modified)}-structure-{stamp(self.dataset.structure)}"

    @property
    def structure_name(self) -> str:
        return f"structure-{stamp(self.dataset.structure)}"

    def url(self, name: str) -> str:
        return reverse("opendata:file", args=[self.dataset.identifier, name])

    @property
    def links(self) -> dict[str, str]:
        """The addresses of the set's files, for the page: data_csv, structure_json, meta_csv, …"""
        names = {"data": self.data_name, "structure": self.structure_name, "meta": "meta"}
        return {f"{key}_{ext}": self.url(f"{name}.{ext}") for key, name in names.items() for ext in ("csv", "json")}


def current(dataset: Dataset) -> Version:
    return Version(dataset, dataset.modified())


def meta_rows(version: Version, origin: str, ext: str) -> list[tuple[str, str]]:
    """The passport, property by property, with the links to the files of the same format."""
    dataset = version.dataset
    conf = settings.OPENDATA
    licence_name, licence_url = licence()
    return [
        ("standardversion", STANDARD_VERSION),
        ("identifier", dataset.identifier),
        ("title", dataset.title),
        ("description", dataset.description),
        ("creator", conf["CREATOR"]),
        ("created", stamp(dataset.created)),
        ("modified", stamp(version.modified)),
        ("subject", dataset.subject),
        ("format", ext),
        # the files follow the data as it changes; the set is valid as of the day it is read
        ("valid", stamp(timezone.localdate())),
        ("provenance", "Обновляется автоматически при каждом изменении данных в системе"),
        ("publishername", conf["PUBLISHER_NAME"]),
        ("publisherphone", conf["PUBLISHER_PHONE"]),
        ("publishermbox", conf["PUBLISHER_EMAIL"]),
        ("license", licence_url or licence_name),
        (version.data_name, origin + version.url(f"{version.data_name}.{ext}")),
        (version.structure_name, origin + version.url(f"{version.structure_name}.{ext}")),
    ]


def list_rows(origin: str, ext: str) -> list[tuple[str, str, str, str]]:
    rows = [("standardversion", "Версия методических рекомендаций", STANDARD_VERSION, "")]
    for dataset in DATASETS:
        meta = reverse("opendata:file", args=[dataset.identifier, f"meta.{ext}"])
        rows.append((dataset.identifier, dataset.title, origin + meta, ext))
    return rows


def structure_rows(dataset: Dataset) -> list[tuple[str, str, str, str]]:
    return [(f.name, f.english, f.russian, f.format) for f in dataset.fields]


def data_rows(dataset: Dataset, origin: str) -> Iterator[list]:
    """The header, then each row's values in the structure's order, read chunk by chunk."""
    yield [f.name for f in dataset.fields]
    for obj in dataset.rows().iterator(chunk_size=CHUNK):
        yield [f.value(obj, origin) for f in dataset.fields]


def _json_value(value):
    if value is None:
        return None
    if isinstance(value, bool | int | float | str):
        return value
    return str(value)  # Decimal coordinates keep their digits as written


def data_json(dataset: Dataset, origin: str) -> Iterator[str]:
    """A JSON array of objects keyed by the field names, written piece by piece."""
    rows = data_rows(dataset, origin)
    names = next(rows)
    yield "["
    for n, values in enumerate(rows):
        record = {name: _json_value(value) for name, value in zip(names, values, strict=True)}
        yield ("," if n else "") + "\n" + json.dumps(record, ensure_ascii=False)
    yield "\n]\n"
