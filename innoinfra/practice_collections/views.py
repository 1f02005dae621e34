"""Collections of best practice: the public shelf, a collection's page with its book, the compiler's pages."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from innoinfra.core.downloads import file_response
from innoinfra.core.errors import ServiceError
from innoinfra.core.outcomes import report
from innoinfra.core.permissions import check_perm
from innoinfra.practices import queries as practice_queries

from . import builds, services
from .forms import CollectionForm
from .models import BuildFormat, BuildState, Collection, CollectionBuild, CollectionEntry
from .queries import visible_collections

SEARCH_LIMIT = 100


def collection_list(request):
    # the public sees published ones, staff also their territory's drafts
    collections = (
        visible_collections(request.user)
        .select_related("municipality")
        .annotate(practice_count=Count("entries"))
        .order_by("-year", "-id")
    )
    return render(request, "practice_collections/collection_list.html", {"collections": collections})


def _visible(request, pk) -> Collection:
    collection = get_object_or_404(Collection.objects.select_related("municipality"), pk=pk)
    if not request.user.has_perm("practice_collections.view_collection", collection):
        raise Http404("Сборник не найден")
    return collection


def _compiled(request, pk) -> Collection:
    collection = _visible(request, pk)
    check_perm(request, "practice_collections.change_collection", collection)
    return collection


def collection_detail(request, pk):
    collection = _visible(request, pk)
    context = {
        "collection": collection,
        "practices": services.ordered_practices(collection),
        "downloads": services.latest_builds(collection),
        "builds": services.current_builds(collection),
        "can_change": request.user.has_perm("practice_collections.change_collection", collection),
    }
    return render(request, "practice_collections/collection_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def collection_create(request):
    check_perm(request, "practice_collections.add_collection")
    form = CollectionForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            collection = services.create_collection(by=request.user, **form.cleaned_data)
        except ServiceError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Сборник создан. Добавьте в него практики.")
            return redirect("practice_collections:edit", pk=collection.pk)
    status = 400 if form.is_bound and form.errors else 200
    return render(request, "practice_collections/collection_form.html", {"form": form}, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def collection_edit(request, pk):
    collection = _compiled(request, pk)
    form = CollectionForm(request.POST or None, instance=collection, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_collection(collection, by=request.user, **form.cleaned_data)
        except ServiceError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Сборник сохранён.")
            return redirect("practice_collections:edit", pk=collection.pk)
    q = request.GET.get("q", "").strip()
    found = []
    if q:
        present = collection.entries.values("practice_id")
        found = list(
            practice_queries.filter_practices(practice_queries.published(), {"q": q}).exclude(pk__in=present)[
                :SEARCH_LIMIT
            ]
        )
    context = {
        "collection": collection,
        "form": form,
        "entries": collection.entries.select_related("practice__organization").order_by("position", "id"),
        "q": q,
        "found": found,
    }
    status = 400 if form.is_bound and form.errors else 200
    return render(request, "practice_collections/collection_edit.html", context, status=status)


@login_required
@require_POST
def collection_add(request, pk):
    collection = _compiled(request, pk)
    number = request.POST.get("registry_number", "").strip()
    if number:
        action = lambda: services.add_by_number(collection, number, by=request.user)  # noqa: E731
    else:
        action = lambda: services.add_practices(collection, request.POST.getlist("practice"), by=request.user)  # noqa: E731
    report(request, action, lambda added: f"Добавлено практик: {added}.")
    return redirect("practice_collections:edit", pk=collection.pk)


@login_required
@require_POST
def collection_publish(request, pk):
    collection = _compiled(request, pk)
    publish = not collection.is_published
    report(
        request,
        lambda: services.set_published(collection, publish, by=request.user),
        "Сборник опубликован." if publish else "Сборник снят с публикации.",
    )
    return redirect(collection)


def _entry(request, pk) -> CollectionEntry:
    entry = get_object_or_404(CollectionEntry.objects.select_related("collection"), pk=pk)
    _compiled(request, entry.collection_id)
    return entry


@login_required
@require_POST
def entry_move(request, pk):
    entry = _entry(request, pk)
    step = -1 if request.POST.get("direction") == "up" else 1
    report(request, lambda: services.move(entry, step), "Порядок изменён.")
    return redirect("practice_collections:edit", pk=entry.collection_id)


@login_required
@require_POST
def entry_remove(request, pk):
    entry = _entry(request, pk)
    report(request, lambda: services.remove(entry), "Практика убрана из сборника.")
    return redirect("practice_collections:edit", pk=entry.collection_id)


@login_required
@require_POST
def collection_build(request, pk):
    collection = _compiled(request, pk)

    def progress(build) -> str:
        build.refresh_from_db()  # with no worker the build has already run
        if build.state == BuildState.DONE:
            return f"Сборник в формате {build.get_format_display()} готов."
        if build.state == BuildState.FAILED:
            return build.error
        return "Сборник собирается; ход работы виден ниже."

    fmt = request.POST.get("format", BuildFormat.DOCX)
    report(request, lambda: builds.start_build(collection, format=fmt, by=request.user), progress)
    return redirect(collection)


def _build(request, pk) -> CollectionBuild:
    build = get_object_or_404(CollectionBuild.objects.select_related("collection"), pk=pk)
    _visible(request, build.collection_id)
    return build


@login_required
@require_GET
def build_progress(request, pk):
    build = _build(request, pk)
    check_perm(request, "practice_collections.change_collection", build.collection)
    return render(request, "practice_collections/_build.html", {"build": build, "polled": True})


@require_GET
def build_download(request, pk):
    build = _build(request, pk)
    if build.state != BuildState.DONE or not build.file:
        raise Http404("Файл сборника ещё не готов")
    filename = f"sbornik-{build.collection_id}.{build.format}"
    return file_response(build.file, filename=filename, inline=build.format == BuildFormat.PDF)
