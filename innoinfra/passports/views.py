"""The site passport's pages: the full passport (public), its edit form (the passport's editors), its history of
versions with the difference between any two (staff and editors), and its Word document."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from innoinfra.core.downloads import document_filename, docx_response
from innoinfra.core.errors import ServiceError
from innoinfra.core.versioning import form_status
from innoinfra.registry.models import Site

from . import history, services
from .documents import passport_docx, passport_title
from .forms import PassportForm

EDITORS = "Паспорт площадки ведут руководитель её организации, её куратор и методисты территории."


def _site(pk) -> Site:
    return get_object_or_404(
        Site.objects.select_related("kind", "lead_organization__municipality__region", "order", "passport"), pk=pk
    )


def passport_detail(request, site_pk):
    site = _site(site_pk)
    passport = services.passport_of(site)
    with_private = request.user.has_perm("passports.view_private", site)
    context = {
        "site": site,
        "passport": passport,
        "sections": passport.sections(with_private=with_private),
        "can_edit": request.user.has_perm("passports.change_sitepassport", site),
        "can_see_history": with_private,
    }
    return render(request, "passports/passport_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def passport_edit(request, site_pk):
    site = _site(site_pk)
    if not request.user.has_perm("passports.change_sitepassport", site):
        raise PermissionDenied(EDITORS)
    passport = services.passport_of(site)
    form = PassportForm(request.POST or None, passport=passport, site=site)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_passport(
                site, by=request.user, version=form.cleaned_data.get("version"), **form.passport_data()
            )
        except ServiceError as error:
            form.refuse(error)
        else:
            messages.success(request, "Паспорт площадки сохранён.")
            return redirect("passports:detail", site.pk)
    status = form_status(form) if form.conflict else 400 if form.is_bound and form.errors else 200
    return render(request, "passports/passport_form.html", {"site": site, "form": form}, status=status)


def _history_site(request, site_pk) -> Site:
    site = _site(site_pk)
    if not request.user.has_perm("passports.view_history", site):
        raise PermissionDenied("Историю паспорта видят его редакторы и сотрудники управления и методического центра.")
    return site


@login_required
def passport_history(request, site_pk):
    site = _history_site(request, site_pk)
    passport = services.passport_of(site)
    versions = history.versions(passport) if passport.is_saved else []
    return render(request, "passports/passport_history.html", {"site": site, "versions": versions})


@login_required
def passport_compare(request, site_pk):
    site = _history_site(request, site_pk)
    passport = services.passport_of(site)
    records = {r.history_id: r for r in passport.history.select_related("history_user")} if passport.is_saved else {}
    try:
        chosen = sorted({int(request.GET["a"]), int(request.GET["b"])})
        older, newer = sorted((records[pk] for pk in chosen), key=lambda r: (r.history_date, r.history_id))
    except (KeyError, ValueError, TypeError):
        messages.error(request, "Выберите две разные версии паспорта для сравнения.")
        return redirect("passports:history", site.pk)
    numbers = {pk: n for n, pk in enumerate(sorted(records, key=lambda k: (records[k].history_date, k)), start=1)}
    context = {
        "site": site,
        "older": older,
        "newer": newer,
        "older_number": numbers[older.history_id],
        "newer_number": numbers[newer.history_id],
        "diffs": history.compare(older, newer, with_private=True),
    }
    return render(request, "passports/passport_compare.html", context)


def passport_download(request, site_pk):
    site = _site(site_pk)
    passport = services.passport_of(site)
    content = passport_docx(passport, with_private=request.user.has_perm("passports.view_private", site))
    return docx_response(document_filename(passport_title(passport), ".docx", fallback="passport"), content)
