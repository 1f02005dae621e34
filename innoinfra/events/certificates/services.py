"""Issuing certificates: numbers, PDFs, bulk batches with progress, e-mail, revocation, templates.

Who receives a certificate of participation: everyone marked present. Speakers and winners are often not
registered, so the organizer lists them by hand. Numbers are random (not a counter), so nobody can walk the
verification pages by guessing the next number."""

from __future__ import annotations

import secrets
from collections.abc import Iterable
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, QuerySet
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone

from innoinfra.core.enums import MailKind
from innoinfra.core.errors import ServiceError
from innoinfra.core.mail import Attachment, Letter, queue_mail
from innoinfra.core.notifications import installation_name, notify
from innoinfra.core.site_url import absolute_url

from .. import notices
from ..enums import CertificateKind, EventState, RegistrationState
from ..models import Certificate, CertificateTemplate, Event, Registration
from . import render

# letters and digits that cannot be misread for one another (no 0/O, 1/I/L)
NUMBER_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
MAX_MANUAL = 300


def new_number(year: int) -> str:
    part = "".join(secrets.choice(NUMBER_ALPHABET) for _ in range(8))
    return f"{year}-{part[:4]}-{part[4:]}"


def normalize_number(raw: str) -> str:
    return "".join(raw.split()).upper()


def verify_url(number: str) -> str:
    return absolute_url(reverse("certificates:verify", args=[number]))


# ---------------------------------------------------------------- templates


def template_body(event: Event) -> str:
    template = event.certificate_template
    return template.body if template is not None else render.default_body()


@transaction.atomic
def save_template(
    template: CertificateTemplate | None, *, title: str, body: str, organization=None, by=None
) -> CertificateTemplate:
    title = " ".join((title or "").split())
    if not title:
        raise ServiceError("Укажите название шаблона.")
    body = render.check_body(body)
    if template is None:
        template = CertificateTemplate(organization=organization, created_by=by)
    template.title = title[:300]
    template.body = body
    template._history_user = by
    template.save()
    return template


@transaction.atomic
def choose_template(event: Event, template: CertificateTemplate | None, *, by=None) -> Event:
    if template is not None and template.organization_id not in (None, event.organizer_id):
        raise ServiceError("Этот шаблон принадлежит другой организации.")
    event.certificate_template = template
    event._history_user = by
    event.save(update_fields=["certificate_template", "updated_at"])
    return event


def templates_for_event(event: Event) -> QuerySet[CertificateTemplate]:
    from django.db.models import Q

    return CertificateTemplate.objects.filter(Q(organization__isnull=True) | Q(organization=event.organizer_id))


def preview_pdf(event: Event | None, body: str | None = None) -> bytes:
    """A sample certificate: of the event with its chosen template, or of a template being edited."""
    body = render.check_body(body if body is not None else template_body(event))
    return render.render_pdfs(body, [render.sample(event, verify_url("2026-ОБРА-ЗЕЦ1"))])[0]


# ---------------------------------------------------------------- issuing


@dataclass(frozen=True)
class Recipient:
    full_name: str
    organization_name: str = ""
    email: str = ""
    extra: str = ""
    registration: Registration | None = None


def check_issuable(event: Event) -> None:
    if event.state != EventState.HELD:
        raise ServiceError("Сертификаты выдаются после того, как мероприятие отмечено проведённым.")


def participants_without_certificate(event: Event, kind: str = CertificateKind.PARTICIPANT) -> QuerySet[Registration]:
    issued = Certificate.objects.filter(registration=OuterRef("pk"), kind=kind)
    return (
        event.registrations.filter(state=RegistrationState.ATTENDED)
        .exclude(Exists(issued))
        .select_related("user")  # the holder's account is told of the certificate (announce)
        .order_by("full_name", "id")
    )


def _issue(event: Event, kind: str, recipients: list[Recipient], *, by) -> list[Certificate]:
    """Create the certificates and their PDFs in one transaction: either all of the chunk exist, or none."""
    now = timezone.now()
    year = timezone.localtime(now).year
    certificates = []
    with transaction.atomic():
        for person in recipients:
            certificate = Certificate(
                event=event,
                registration=person.registration,
                kind=kind,
                full_name=person.full_name[:300],
                organization_name=person.organization_name[:500],
                email=person.email,
                extra=person.extra[:500],
                issued_at=now,
                issued_by=by,
            )
            _save_with_fresh_number(certificate, year)
            certificates.append(certificate)
        body = template_body(event)
        items = [render.CertificateData.of(c, verify_url(c.number)) for c in certificates]
        for certificate, pdf in zip(certificates, render.render_pdfs(body, items), strict=True):
            certificate.file.save(f"{certificate.number}.pdf", ContentFile(pdf), save=False)
            certificate.save(update_fields=["file"])
    return certificates


def _save_with_fresh_number(certificate: Certificate, year: int) -> None:
    for _attempt in range(5):
        certificate.number = new_number(year)
        try:
            with transaction.atomic():
                certificate.save()
            return
        except IntegrityError:
            if Certificate.objects.filter(number=certificate.number).exists():
                continue  # the rare collision of random numbers: draw again
            raise ServiceError("Этому участнику сертификат такого вида уже выдан.") from None
    raise ServiceError("Не удалось выдать номер сертификата, попробуйте ещё раз.")


def issue_to_participants(
    event: Event, *, registrations: Iterable[Registration] | None = None, by=None, announce_by_email: bool = True
) -> list[Certificate]:
    """Certificates of participation for those present (all of them, or the given ones) who have none yet; each
    holder is told (announce). announce_by_email=False when the PDF itself follows by e-mail."""
    check_issuable(event)
    pending = participants_without_certificate(event)
    if registrations is not None:
        pending = pending.filter(pk__in=[r.pk for r in registrations])
    recipients = [
        Recipient(r.full_name, r.organization_name, r.email, registration=r) for r in pending
    ]
    certificates = _issue(event, CertificateKind.PARTICIPANT, recipients, by=by)
    announce(certificates, email=announce_by_email)
    return certificates


def parse_people(text: str) -> list[Recipient]:
    """Lines «ФИО; организация; e-mail; тема или номинация» — only the name is required."""
    from django.core.exceptions import ValidationError
    from django.core.validators import validate_email

    people = []
    for number, line in enumerate((text or "").splitlines(), start=1):
        if not line.strip():
            continue
        parts = [part.strip() for part in line.split(";")] + ["", "", ""]
        name, organization, email, extra = parts[0], parts[1], parts[2].lower(), ";".join(p for p in parts[3:] if p)
        if not name:
            raise ServiceError(f"Строка {number}: не указаны фамилия, имя, отчество.")
        if email:
            try:
                validate_email(email)
            except ValidationError:
                raise ServiceError(f"Строка {number}: «{email}» — не адрес электронной почты.") from None
        people.append(Recipient(" ".join(name.split()), organization, email, extra))
    if not people:
        raise ServiceError("Укажите хотя бы одного получателя: по одному в строке.")
    if len(people) > MAX_MANUAL:
        raise ServiceError(f"За один раз — не больше {MAX_MANUAL} получателей.")
    return people


def issue_to_people(event: Event, *, kind: str, text: str, by=None, send_email: bool = False) -> list[Certificate]:
    """Certificates for speakers, winners and prize-winners listed by the organizer."""
    check_issuable(event)
    if kind not in CertificateKind.values:
        raise ServiceError("Неизвестный вид сертификата.")
    certificates = _issue(event, kind, parse_people(text), by=by)
    announce(certificates, email=not send_email)
    if send_email:
        for certificate in certificates:
            email_certificate(certificate)
    return certificates


# ---------------------------------------------------------------- telling the holder, e-mail, revocation


def announce(certificates: list[Certificate], *, email: bool = True) -> int:
    """Tell each holder once that a certificate was issued: a notification on the site to their account (the
    registration's, or an account with the certificate's address) and, when `email`, a letter with the links
    (through notices.deliver, like every letter to participants). `announced_at` keeps a repeat (a batch run
    again, a retry) from telling anyone twice. Returns how many holders were told."""
    fresh = [c for c in certificates if c.announced_at is None]
    if not fresh:
        return 0
    accounts = _accounts_by_email({c.email for c in fresh if c.email})
    mine = reverse("events:mine")
    letters = []
    told = 0
    for certificate in fresh:
        registration = certificate.registration
        user = registration.user if registration is not None and registration.user_id else None
        user = user or accounts.get(certificate.email)
        kind = certificate.get_kind_display()
        title = f"Выдан {kind.lower()}: «{certificate.event.title}»"
        if user is not None:
            notify(
                user,
                title=title,
                text=f"{kind} № {certificate.number}. Скачать его можно на странице «Мои мероприятия и сертификаты».",
                url=mine,
                key=f"events:certificate:{certificate.pk}:issued",
                email=False,  # the letter below, one for everybody, goes the way of the events' letters
            )
        address = certificate.email or (user.email if user is not None else "")
        if email and address:
            letters.append(_announcement(certificate, title, address, account=user is not None))
        if user is not None or (email and address):
            told += 1
    if letters:
        notices.deliver(letters)
    now = timezone.now()
    Certificate.objects.filter(pk__in=[c.pk for c in fresh]).update(announced_at=now)
    for certificate in fresh:
        certificate.announced_at = now
    return told


def _accounts_by_email(emails: set[str]) -> dict:
    if not emails:
        return {}
    users = get_user_model().objects.annotate(address=Lower("email")).filter(address__in=emails, is_active=True)
    return {user.address: user for user in users.order_by("pk")}


def _announcement(certificate: Certificate, title: str, address: str, *, account: bool) -> Letter:
    event = certificate.event
    lines = [
        f"Здравствуйте, {certificate.full_name}!",
        "",
        f"Вам выдан {certificate.get_kind_display().lower()} № {certificate.number} "
        f"(мероприятие «{event.title}», {render.event_dates(event)}).",
        f"Скачать: {absolute_url(reverse('certificates:download', args=[certificate.number]))}",
        f"Проверить подлинность: {verify_url(certificate.number)}",
    ]
    if certificate.registration is not None:
        lines.append(f"Ваша регистрация: {absolute_url(certificate.registration.get_absolute_url())}")
    if account:
        lines.append(f"Все ваши сертификаты: {absolute_url(reverse('events:mine'))} (после входа в систему)")
    lines += ["", "--", installation_name(), "Это письмо отправлено автоматически, отвечать на него не нужно."]
    return Letter(to=address, subject=title, body="\n".join(lines), kind=MailKind.CERTIFICATE)


def email_certificate(certificate: Certificate) -> bool:
    """Queue the PDF to its holder (core.mail: it leaves after commit, retried while the mail server is down);
    returns whether a letter was queued. The PDF is read (or drawn again) when the letter goes."""
    if not certificate.email or certificate.revoked_at:
        return False
    event = certificate.event
    body = (
        f"Здравствуйте, {certificate.full_name}!\n\n"
        f"Направляем {certificate.get_kind_display().lower()} № {certificate.number} "
        f"(мероприятие «{event.title}», {render.event_dates(event)}).\n"
        f"Подлинность документа можно проверить по ссылке: {verify_url(certificate.number)}\n\n"
        f"{installation_name()}"
    )
    queue_mail(
        to=certificate.email,
        subject=f"{certificate.get_kind_display()}: {event.title}",
        body=body,
        kind=MailKind.CERTIFICATE,
        attachments=[
            Attachment(
                name=f"certificate-{certificate.number}.pdf",
                mimetype="application/pdf",
                loader="innoinfra.events.certificates.services.certificate_pdf_by_id",
                args=(certificate.pk,),
            )
        ],
    )
    Certificate.objects.filter(pk=certificate.pk).update(emailed_at=timezone.now())
    return True


def certificate_pdf_by_id(certificate_id: int) -> bytes:
    """The attachment of a queued letter (core.mail calls it by name when the letter goes)."""
    return certificate_pdf(Certificate.objects.select_related("event").get(pk=certificate_id))


def certificate_pdf(certificate: Certificate) -> bytes:
    """The stored PDF; one lost from storage is drawn again with the same number."""
    if certificate.file:
        try:
            with certificate.file.open("rb") as stored:
                return stored.read()
        except FileNotFoundError:
            pass
    body = template_body(certificate.event)
    pdf = render.render_pdfs(body, [render.CertificateData.of(certificate, verify_url(certificate.number))])[0]
    certificate.file.save(f"{certificate.number}.pdf", ContentFile(pdf), save=False)
    Certificate.objects.filter(pk=certificate.pk).update(file=certificate.file.name)
    return pdf


@transaction.atomic
def revoke(certificate: Certificate, *, by=None) -> Certificate:
    """An erroneous certificate is annulled, not deleted: its page then says so."""
    certificate = Certificate.objects.select_for_update().get(pk=certificate.pk)
    if certificate.revoked_at:
        raise ServiceError("Сертификат уже аннулирован.")
    certificate.revoked_at = timezone.now()
    certificate.save(update_fields=["revoked_at"])
    return certificate
