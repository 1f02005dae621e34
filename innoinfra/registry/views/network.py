"""Members and agreements of a complex or a network: the page of their keepers (the territory's staff, the site's
curator, the head of its lead organization), the forms, the signed files and the staff list of agreements."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from innoinfra.core.downloads import file_response
from innoinfra.core.errors import ServiceError, error_html
from innoinfra.core.lists import list_response
from innoinfra.core.once import Repeated, once
from innoinfra.core.permissions import check_perm

from .. import networks
from ..models import Agreement, ComplexMember, Site
from ..network_forms import AgreementFilterForm, AgreementForm, ComplexMemberForm

AGREEMENTS_PER_PAGE = 50


def _site(pk) -> Site:
    return get_object_or_404(Site.objects.select_related("kind", "lead_organization__municipality", "curator"), pk=pk)


def _network_url(site: Site) -> str:
    return reverse("registry:site_network", args=[site.pk])


@login_required
def site_network(request, pk):
    site = _site(pk)
    check_perm(request, "registry.change_site_network", site)
    context = {
        "site": site,
        "participants": list(
            site.participants.select_related("organization").order_by("role", "organization__short_name")
        ),
        **networks.for_site_page(site),
    }
    return render(request, "registry/site_network.html", context)


def _edit(request, *, site, form, save, purpose: str, title: str, what: str):
    """Bind, save through the service once per form token, answer a refusal with 400 and the Russian message."""
    if request.method == "POST" and form.is_valid():
        try:
            result = once(request, lambda: save(form.cleaned_data), purpose=purpose, fallback_url=_network_url(site))
        except ServiceError as error:
            form.add_error(None, error_html(error))
        else:
            if not isinstance(result, Repeated):
                messages.success(request, f"{what} сохранены.")
            return redirect(_network_url(site))
    status = 400 if request.method == "POST" else 200
    return render(request, "registry/network_form.html", {"site": site, "form": form, "title": title}, status=status)


def _record_and_site(request, model, pk, site_pk):
    """The record edited (or None for a new one) and its site, once the user is found to keep the site's network."""
    record = get_object_or_404(model.objects.select_related("site"), pk=pk) if pk else None
    site = _site(record.site_id if record else site_pk)
    check_perm(request, "registry.change_site_network", site)
    if not site.kind.is_network:
        raise Http404
    return record, site


@login_required
@require_http_methods(["GET", "POST"])
def member_edit(request, pk=None, site_pk=None):
    member, site = _record_and_site(request, ComplexMember, pk, site_pk)
    form = ComplexMemberForm(request.POST or None, instance=member, site=site)

    def save(data):
        if member:
            return networks.update_member(member, by=request.user, **data)
        return networks.add_member(site=site, by=request.user, **data)

    title = "Изменение участника" if member else "Новый участник"
    return _edit(request, site=site, form=form, save=save, purpose="registry:member", title=title,
                 what="Сведения об участнике")  # fmt: skip


@login_required
@require_POST
def member_delete(request, pk):
    member = get_object_or_404(ComplexMember.objects.select_related("site"), pk=pk)
    site = _site(member.site_id)
    check_perm(request, "registry.change_site_network", site)
    networks.remove_member(member, by=request.user)
    messages.success(request, f"Участник «{member.name}» исключён из состава.")
    return redirect(_network_url(site))


@login_required
@require_http_methods(["GET", "POST"])
def agreement_edit(request, pk=None, site_pk=None):
    agreement, site = _record_and_site(request, Agreement, pk, site_pk)
    form = AgreementForm(request.POST or None, request.FILES or None, instance=agreement, site=site)

    def save(data):
        if agreement:
            return networks.update_agreement(agreement, by=request.user, **data)
        return networks.add_agreement(site=site, by=request.user, **data)

    title = "Изменение соглашения" if agreement else "Новое сетевое соглашение"
    return _edit(request, site=site, form=form, save=save, purpose="registry:agreement", title=title,
                 what="Сведения о соглашении")  # fmt: skip


@login_required
@require_POST
def agreement_delete(request, pk):
    agreement = get_object_or_404(Agreement.objects.select_related("site"), pk=pk)
    site = _site(agreement.site_id)
    check_perm(request, "registry.change_site_network", site)
    networks.remove_agreement(agreement, by=request.user)
    messages.success(request, f"{agreement} удалено.")
    return redirect(_network_url(site))


@login_required
def agreement_file(request, pk):
    """The signed file: for the parties' heads, the curator and the staff; others learn nothing of it (404)."""
    agreement = get_object_or_404(Agreement.objects.select_related("site__lead_organization"), pk=pk)
    if not request.user.has_perm("registry.view_agreement_file", agreement.site):
        raise Http404
    return file_response(agreement.file, filename=agreement.download_name)


@login_required
def agreement_list(request):
    """The staff's list of the agreements of their territory; «Истекает» first shows what needs renewing."""
    check_perm(request, "registry.view_agreements")
    form = AgreementFilterForm(request.GET or None)
    state = form.cleaned_data["state"] if form.is_valid() else ""
    page = Paginator(networks.agreements_for_staff(request.user, state=state), AGREEMENTS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    return list_response(request, "registry/agreement_list.html", {"form": form, "page": page, "state": state})
