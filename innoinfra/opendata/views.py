"""The open data section: a page for people and the files for programs. Anyone may read all of it."""

from __future__ import annotations

import json
import re

from django.conf import settings
from django.http import Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET

from innoinfra.core.csv_safe import csv_lines
from innoinfra.core.downloads import disposition
from innoinfra.core.site_url import origin_of

from . import publishing
from .datasets import DATASETS, find

CSV_TYPE = "text/csv; charset=utf-8"
JSON_TYPE = "application/json; charset=utf-8"
_DATA = re.compile(r"data-(?P<data>\d{8})-structure-(?P<structure>\d{8})\.(?P<ext>csv|json)")
_STRUCTURE = re.compile(r"structure-(?P<structure>\d{8})\.(?P<ext>csv|json)")


@require_GET
def index(request):
    versions = [publishing.current(dataset) for dataset in DATASETS]
    licence_name, licence_url = publishing.licence()
    context = {
        "versions": versions,
        "licence_name": licence_name,
        "licence_url": licence_url,
        "publisher": settings.OPENDATA,
    }
    return render(request, "opendata/index.html", context)


def _table(rows, ext: str, filename: str, *, header: tuple[str, ...]):
    """A small file (a list, a passport, a structure): CSV with its header row, or JSON objects keyed by it."""
    if ext == "json":
        body = json.dumps([dict(zip(header, row, strict=True)) for row in rows], ensure_ascii=False, indent=1)
        return HttpResponse(body, content_type=JSON_TYPE)
    response = HttpResponse("".join(csv_lines([header, *rows])), content_type=CSV_TYPE)
    response["Content-Disposition"] = disposition(filename, inline=True)
    return response


@require_GET
def set_list(request, ext):
    rows = publishing.list_rows(origin_of(request), ext)
    return _table(rows, ext, f"list.{ext}", header=("property", "title", "value", "format"))


@require_GET
def set_file(request, identifier, filename):
    dataset = find(identifier)
    if dataset is None:
        raise Http404("Нет такого набора открытых данных.")
    if filename in ("meta.csv", "meta.json"):
        ext = filename.rsplit(".", 1)[1]
        rows = publishing.meta_rows(publishing.current(dataset), origin_of(request), ext)
        if ext == "json":
            return HttpResponse(json.dumps(dict(rows), ensure_ascii=False, indent=1), content_type=JSON_TYPE)
        return _table(rows, ext, "meta.csv", header=("property", "value"))
    if match := _STRUCTURE.fullmatch(filename):
        return _structure(dataset, filename, **match.groupdict())
    if match := _DATA.fullmatch(filename):
        return _data(request, dataset, filename, **match.groupdict())
    raise Http404("Нет такого файла.")


def _structure(dataset, filename, *, structure, ext):
    if structure != publishing.stamp(dataset.structure):
        raise Http404("Нет такой версии структуры набора.")
    return _table(publishing.structure_rows(dataset), ext, filename, header=publishing.STRUCTURE_HEADER)


def _data(request, dataset, filename, *, data, structure, ext):
    version = publishing.current(dataset)
    if structure != publishing.stamp(dataset.structure):
        raise Http404("Нет такой версии структуры набора.")
    if data != publishing.stamp(version.modified):
        # The set changed since that name was read: the system keeps no old versions, so the name leads to the
        # current file (a temporary redirect: the next change moves it again).
        return redirect(version.url(f"{version.data_name}.{ext}"))
    origin = origin_of(request)
    if ext == "json":
        return StreamingHttpResponse(publishing.data_json(dataset, origin), content_type=JSON_TYPE)
    response = StreamingHttpResponse(csv_lines(publishing.data_rows(dataset, origin)), content_type=CSV_TYPE)
    response["Content-Disposition"] = disposition(filename)
    return response
