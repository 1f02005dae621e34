"""Materials of a practice: the page where its keepers attach and replace files, and the downloads."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from innoinfra.core.downloads import file_response
from innoinfra.core.outcomes import report
from innoinfra.core.permissions import check_perm

from .. import file_services
from ..enums import EDITABLE_STATES
from ..forms import PracticeFileForm
from ..models import Practice, PracticeFile


def _practice(request, pk) -> Practice:
    practice = get_object_or_404(Practice.objects.select_related("organization", "municipality"), pk=pk)
    if not request.user.has_perm("practices.view_practice", practice):
        raise Http404("Практика не найдена")  # an unpublished practice is nobody else's business
    return practice


def _file(request, file_pk) -> PracticeFile:
    """A material of a practice the user may see; for anybody else it does not exist."""
    row = get_object_or_404(PracticeFile.objects.select_related("practice"), pk=file_pk)
    if not request.user.has_perm("practices.view_practice", row.practice):
        raise Http404("Материал не найден")
    return row


def _files_url(practice_pk: int) -> str:
    return reverse("practices:files", args=[practice_pk])


def _materials(practice: Practice) -> tuple[list[PracticeFile], list[PracticeFile]]:
    """Current materials, each with `versions` (the ones it replaced, newest first), and the earlier versions
    no current material replaced — those a new edition of the practice superseded as a whole."""
    rows = list(practice.files.select_related("uploaded_by").order_by("id"))
    by_pk = {row.pk: row for row in rows}
    current = [row for row in rows if row.is_current]
    listed = set()
    for row in current:
        row.versions = []
        older = by_pk.get(row.replaces_id)
        while older is not None and older.pk not in listed:
            row.versions.append(older)
            listed.add(older.pk)
            older = by_pk.get(older.replaces_id)
    earlier = [row for row in reversed(rows) if not row.is_current and row.pk not in listed]
    return current, earlier


@login_required
@require_http_methods(["GET", "POST"])
def practice_files(request, pk):
    practice = _practice(request, pk)
    check_perm(request, "practices.change_practice", practice)
    editable = practice.state in EDITABLE_STATES
    form = PracticeFileForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        if not editable:
            messages.error(request, file_services.NOT_EDITABLE)
            return redirect(_files_url(practice.pk))
        if form.is_valid():
            data = form.cleaned_data
            attached = report(
                request,
                lambda: file_services.attach_file(
                    practice, title=data["title"], file=data["file"], url=data["url"], by=request.user
                ),
                lambda row: (
                    f"Материал «{row.title}» добавлен." + (f" {row.extraction_note}" if row.extraction_note else "")
                ),
            )
            if attached:
                return redirect(_files_url(practice.pk))
    materials, earlier = _materials(practice)
    context = {
        "practice": practice,
        "materials": materials,
        "earlier": earlier,
        "form": form,
        "editable": editable,
        "not_editable": file_services.NOT_EDITABLE,
    }
    status = 400 if form.is_bound and form.errors else 200
    return render(request, "practices/practice_files.html", context, status=status)


@login_required
@require_POST
def file_replace(request, file_pk):
    row = _file(request, file_pk)
    check_perm(request, "practices.change_practice", row.practice)
    form = PracticeFileForm(request.POST, request.FILES, with_title=False)
    if form.is_valid():
        data = form.cleaned_data
        report(
            request,
            lambda: file_services.replace_file(row, file=data["file"], url=data["url"], by=request.user),
            lambda new: (
                "Материал заменён, прежняя версия сохранена."
                + (f" {new.extraction_note}" if new.extraction_note else "")
            ),
        )
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    return redirect(_files_url(row.practice_id))


@login_required
@require_POST
def file_delete(request, file_pk):
    row = _file(request, file_pk)
    check_perm(request, "practices.change_practice", row.practice)
    report(request, lambda: file_services.remove_file(row, by=request.user), f"Материал «{row.title}» удалён.")
    return redirect(_files_url(row.practice_id))


@require_GET
def file_download(request, file_pk):
    """Served through the view, not from /media/: a draft's materials stay with those who see the draft."""
    row = _file(request, file_pk)
    file_services.count_download(row)
    if row.url:
        return redirect(row.url)
    return file_response(row.file, filename=row.download_name)
