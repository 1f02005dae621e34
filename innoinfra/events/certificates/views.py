"""Certificates: the organizer's page of an event (template, bulk issue with progress, speakers and winners,
the issued list), the certificate templates, and the public verification page /certificates/<number>/."""

from __future__ import annotations

import datetime as dt
import re

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from innoinfra.accounts.scopes import scope_of
from innoinfra.core import rate_limit
from innoinfra.core.client_ip import client_ip
from innoinfra.core.downloads import attachment, document_filename
from innoinfra.core.errors import ServiceError
from innoinfra.core.outcomes import report
from innoinfra.core.permissions import check_perm
from innoinfra.core.timezones import activate_zone

from ..enums import BatchState, EventState
from ..models import Certificate, CertificateBatch, CertificateTemplate
from ..views.public import visible_event
from . import batches
from . import render as certificate_render
from . import services as certificates
from .forms import CertificateCheckForm, CertificateTemplateForm, ChooseTemplateForm, IssueToPeopleForm

PDF = "application/pdf"


def _organized_event(request, pk):
    event = visible_event(request, pk)
    check_perm(request, "events.change_event", event)
    return event


@login_required
@require_GET
def event_certificates(request, pk):
    event = _organized_event(request, pk)
    issued = event.certificates.order_by("kind", "full_name", "id")
    context = {
        "event": event,
        "issued": issued,
        "pending": certificates.participants_without_certificate(event).count(),
        "batch": event.certificate_batches.first(),
        "choose_form": ChooseTemplateForm(event=event),
        "people_form": IssueToPeopleForm(),
        "held": event.state == EventState.HELD,
    }
    return render(request, "events/certificates/event_certificates.html", context)


@login_required
@require_POST
def issue(request, pk):
    event = _organized_event(request, pk)

    def progress(batch) -> str:
        batch.refresh_from_db()  # with no worker the batch has already run
        if batch.state == BatchState.DONE:
            return f"Выдано сертификатов: {batch.done}."
        return f"Сертификаты готовятся ({batch.total}); ход работы виден ниже."

    send_email = bool(request.POST.get("send_email"))

    def start():
        return batches.start_batch(event, send_email=send_email, by=request.user)

    report(request, start, progress, once_as="events.certificates_issue")
    return redirect("events:certificates", pk=event.pk)


@login_required
@require_GET
def batch_progress(request, pk, batch_pk):
    event = _organized_event(request, pk)
    batch = get_object_or_404(CertificateBatch, pk=batch_pk, event=event)
    context = {"event": event, "batch": batch, "polled": True}
    return render(request, "events/certificates/_batch.html", context)


@login_required
@require_POST
def batch_restart(request, pk, batch_pk):
    """«Запустить снова»: a failed or interrupted batch goes on where it stopped."""
    event = _organized_event(request, pk)
    batch = get_object_or_404(CertificateBatch, pk=batch_pk, event=event)

    def progress(batch) -> str:
        batch.refresh_from_db()  # with no worker the batch has already run
        if batch.state == BatchState.DONE:
            return f"Выдано сертификатов: {batch.done}."
        return "Выдача сертификатов продолжается; ход работы виден ниже."

    report(request, lambda: batches.restart_batch(batch), progress, once_as="events.certificates_restart")
    return redirect("events:certificates", pk=event.pk)


@login_required
@require_POST
def issue_to_people(request, pk):
    event = _organized_event(request, pk)
    form = IssueToPeopleForm(request.POST)

    def issue():
        if not form.is_valid():
            raise ServiceError("Выберите вид документа и перечислите получателей.")
        return certificates.issue_to_people(event, by=request.user, **form.cleaned_data)

    report(request, issue, lambda issued: f"Выдано документов: {len(issued)}.", once_as="events.certificates_people")
    return redirect("events:certificates", pk=event.pk)


@login_required
@require_POST
def choose_template(request, pk):
    event = _organized_event(request, pk)
    form = ChooseTemplateForm(request.POST, event=event)

    def choose():
        if not form.is_valid():
            raise ServiceError("Шаблон не найден: обновите страницу.")
        certificates.choose_template(event, form.cleaned_data["template"], by=request.user)

    report(request, choose, "Шаблон сертификатов выбран.")
    return redirect("events:certificates", pk=event.pk)


@login_required
@require_GET
def event_preview(request, pk):
    event = _organized_event(request, pk)
    return attachment(certificates.preview_pdf(event), f"preview-{event.pk}.pdf", PDF, inline=True)


@login_required
@require_POST
def revoke(request, pk, certificate_pk):
    event = _organized_event(request, pk)
    certificate = get_object_or_404(Certificate, pk=certificate_pk, event=event)
    done = f"Сертификат № {certificate.number} аннулирован."
    report(request, lambda: certificates.revoke(certificate, by=request.user), done)
    return redirect("events:certificates", pk=event.pk)


# ---------------------------------------------------------------- templates


def editable_templates(user):
    scope = scope_of(user)
    if scope.managed_municipalities is None:
        return CertificateTemplate.objects.all()
    mine = Q(organization_id__in=scope.organizations)
    if scope.is_staff:
        mine |= scope.managed("organization__municipality_id")
    return CertificateTemplate.objects.filter(mine)


@login_required
@require_GET
def template_list(request):
    check_perm(request, "events.manage_certificate_templates")
    templates = editable_templates(request.user).select_related("organization").order_by("title", "id")
    return render(request, "events/certificates/template_list.html", {"templates": templates})


@login_required
@require_http_methods(["GET", "POST"])
def template_edit(request, pk=None):
    template = None
    if pk is None:
        check_perm(request, "events.manage_certificate_templates")
    else:
        template = get_object_or_404(CertificateTemplate.objects.select_related("organization"), pk=pk)
        check_perm(request, "events.change_certificatetemplate", template)
    initial = {"body": certificate_render.default_body()} if template is None else {}
    form = CertificateTemplateForm(request.POST or None, instance=template, user=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if "preview" in request.POST:
                pdf = certificates.preview_pdf(None, data["body"])
                return attachment(pdf, "preview.pdf", PDF, inline=True)
            saved = certificates.save_template(
                template, title=data["title"], body=data["body"], organization=data.get("organization"), by=request.user
            )
        except ServiceError as error:
            form.add_error("body", error)
        else:
            messages.success(request, f"Шаблон «{saved.title}» сохранён.")
            return redirect("events:certificate_templates")
    context = {"form": form, "template": template, "placeholders": certificate_render.PLACEHOLDERS}
    return render(request, "events/certificates/template_form.html", context)


# ---------------------------------------------------------------- public verification
#
# Anyone checks a certificate by its number: the form «Проверить сертификат», the page /certificates/<number>/ its
# QR code opens, the PDF. Numbers are random (8 letters of 31, see services.new_number), and unknown numbers are
# counted per client address: after CHECK_LIMIT misses in CHECK_WINDOW every lookup of that client is refused
# (429), a found certificate too, so that a blocked client learns nothing. An unknown number is a Russian page with
# the form, never Django's 404 (which in DEBUG is the English debug page).

CHECK_SCOPE = "certificate-check"
CHECK_LIMIT = 20
CHECK_WINDOW = dt.timedelta(hours=1)


class Throttled(Exception):
    def __init__(self, until):
        self.until = until


def _lookup(request, number: str) -> Certificate | None:
    """The certificate of that number, or None (the miss counted); Throttled once the client made too many misses."""
    ip = client_ip(request)
    if rate_limit.exceeded(CHECK_SCOPE, ip, limit=CHECK_LIMIT):
        raise Throttled(None)
    normalized = certificates.normalize_number(number)
    found = None
    if NUMBER_PATTERN.fullmatch(normalized):
        found = (
            Certificate.objects.select_related("event__organizer", "event__municipality")
            .filter(number=normalized)
            .first()
        )
    if found is None:
        until = rate_limit.hit(CHECK_SCOPE, ip, limit=CHECK_LIMIT, window=CHECK_WINDOW)
        if until is not None:
            raise Throttled(until)
    return found


NUMBER_PATTERN = re.compile(r"[0-9A-ZА-ЯЁ-]{4,32}")


def _throttled(request, error: Throttled):
    response = render(request, "events/certificates/throttled.html", {}, status=429)
    response["Retry-After"] = str(int(CHECK_WINDOW.total_seconds()))
    return response


def _not_found(request, number: str):
    form = CertificateCheckForm(initial={"number": number})
    context = {"form": form, "missing": number}
    return render(request, "events/certificates/check.html", context, status=404)


@require_GET
def check(request):
    """«Проверить сертификат»: the number typed in; a found one opens its page."""
    form = CertificateCheckForm(request.GET or None)
    if not form.is_bound:
        return render(request, "events/certificates/check.html", {"form": form})
    if not form.is_valid():
        return render(request, "events/certificates/check.html", {"form": form}, status=400)
    number = form.cleaned_data["number"]
    try:
        found = _lookup(request, number)
    except Throttled as error:
        return _throttled(request, error)
    if found is None:
        return _not_found(request, number)
    return redirect(found)


@require_GET
def verify(request, number):
    try:
        certificate = _lookup(request, number)
    except Throttled as error:
        return _throttled(request, error)
    if certificate is None:
        return _not_found(request, number)
    activate_zone(certificate.event.municipality.time_zone)
    return render(request, "events/certificates/verify.html", {"certificate": certificate, "event": certificate.event})


@require_GET
def download(request, number):
    try:
        certificate = _lookup(request, number)
    except Throttled as error:
        return _throttled(request, error)
    if certificate is None:
        return _not_found(request, number)
    if certificate.revoked_at:
        return redirect(certificate)  # its page says it is annulled
    name = document_filename(f"Сертификат № {certificate.number}", ".pdf")
    return attachment(certificates.certificate_pdf(certificate), name, PDF)
