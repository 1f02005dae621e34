"""Publications: a public catalogue, a page per publication and, for the people who keep them, adding, correcting and
removing entries. The organization's embeddable block that shows them is the portal's (it gathers several apps)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from innoinfra.core.downloads import file_response
from innoinfra.core.errors import ServiceError
from innoinfra.core.lists import list_response
from innoinfra.core.versioning import form_status

from . import queries, services
from .enums import PublicationLevel
from .forms import PublicationFilterForm, PublicationForm
from .models import Publication

PAGE_SIZE = 25


def publication_list(request):
    form = PublicationFilterForm(request.GET or None)
    params = form.cleaned_data if form.is_valid() else {}
    publications = queries.filter_publications(queries.for_list(), params)
    page = Paginator(publications, PAGE_SIZE).get_page(request.GET.get("page"))
    counts = [(PublicationLevel(level).label, n) for level, n in queries.counts_by_level(publications).items()]
    context = {"form": form, "page": page, "counts": counts}
    return list_response(request, "publications/publication_list.html", context)


def publication_detail(request, pk):
    publication = get_object_or_404(queries.for_list(), pk=pk)
    context = {
        "publication": publication,
        "can_change": request.user.has_perm("publications.change_publication", publication),
    }
    return render(request, "publications/publication_detail.html", context)


def publication_file(request, pk):
    publication = get_object_or_404(Publication, pk=pk)
    return file_response(publication.file, filename=publication.download_name)


def _form_page(request, publication: Publication | None):
    initial = {}
    if publication is None and request.user.organization_id:
        initial["organization"] = request.user.organization_id
    form = PublicationForm(
        request.POST or None, request.FILES or None, instance=publication, user=request.user, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            if publication is None:
                data.pop("version", None)
                saved = services.create_publication(by=request.user, **data)
            else:
                if not data.get("file"):
                    data.pop("file", None)  # no new file: keep the stored one
                saved = services.update_publication(publication, by=request.user, **data)
        except ServiceError as error:
            form.refuse(error)
        else:
            messages.success(request, "Публикация сохранена.")
            return redirect(saved)
    title = "Новая публикация" if publication is None else "Сведения о публикации"
    status = form_status(form) if form.conflict else 400 if form.is_bound and form.errors else 200
    context = {"form": form, "publication": publication, "title": title}
    return render(request, "publications/publication_form.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def publication_create(request):
    if not request.user.has_perm("publications.add_publication"):
        raise PermissionDenied("Публикации вносят сотрудники образовательных организаций и методисты.")
    return _form_page(request, None)


@login_required
@require_http_methods(["GET", "POST"])
def publication_edit(request, pk):
    publication = get_object_or_404(Publication, pk=pk)
    if not request.user.has_perm("publications.change_publication", publication):
        raise PermissionDenied("Эту публикацию ведут её организация и методисты её территории.")
    return _form_page(request, publication)


@login_required
@require_POST
def publication_delete(request, pk):
    publication = get_object_or_404(Publication, pk=pk)
    if not request.user.has_perm("publications.delete_publication", publication):
        raise PermissionDenied("Эту публикацию ведут её организация и методисты её территории.")
    services.delete_publication(publication, by=request.user)
    messages.success(request, f"Публикация «{publication.title}» удалена.")
    return redirect("publications:list")
