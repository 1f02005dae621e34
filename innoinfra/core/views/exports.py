"""Background exports (core.exports): starting one from a page's button, following its progress, downloading it."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_POST

from ..downloads import file_response
from ..enums import ExportState
from ..errors import ServiceError, error_html
from ..exports import jobs_of, start_export
from ..models import ExportJob

PAGE_SIZE = 20


def _visible(request, pk) -> ExportJob:
    job = get_object_or_404(ExportJob, pk=pk)
    # someone else's export answers as a missing one: its existence is not the visitor's business
    if not request.user.has_perm("core.view_exportjob", job):
        raise Http404("Выгрузка не найдена.")
    return job


@login_required
@require_POST
def export_start(request, kind: str):
    """The parameters come from the query string of the page the button is on (its filters)."""
    try:
        job = start_export(kind=kind, parameters=request.GET, by=request.user)
    except ServiceError as error:
        messages.error(request, error_html(error))
        return redirect("exports:list")
    return redirect(job)


@login_required
@require_GET
def export_list(request):
    page = Paginator(jobs_of(request.user), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "core/exports/list.html", {"page": page})


@login_required
@require_GET
def export_job(request, pk):
    job = _visible(request, pk)
    if request.htmx:
        return render(request, "core/exports/_progress.html", {"job": job})
    return render(request, "core/exports/job.html", {"job": job})


@login_required
@require_GET
def export_download(request, pk):
    job = _visible(request, pk)
    if job.state != ExportState.DONE or not job.file:
        raise Http404("Файл ещё не готов.")
    return file_response(job.file, filename=job.filename or "export")
