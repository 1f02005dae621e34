"""Keeping site passports: each save in one transaction over the version its editor read, a version in the history
with its author and reason; the application's passport copied into the site created from it."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from django.db import transaction

from innoinfra.core.dates import academic_year_of
from innoinfra.core.errors import ServiceError
from innoinfra.core.versioning import claim_version
from innoinfra.registry.models import Site

from .models import SitePassport
from .sections import BY_CODE, FROM_APPLICATION, TEXT_CODES

MAX_TEXT = 20_000
FIRST_YEAR, LAST_YEAR = 2000, 2100


def prefilled(site: Site) -> SitePassport:
    """An unsaved passport drawn from the registry: the organization's requisites, the theme and the supervisor. A site
    whose passport nobody has written yet shows this, and the first save starts from it."""
    organization = site.lead_organization
    contacts = "\n".join(
        part for part in (f"Тел. {organization.phone}" if organization.phone else "", organization.email) if part
    )
    return SitePassport(
        site=site,
        organization_name=organization.full_name,
        organization_short_name=organization.short_name,
        address=organization.address,
        contacts=contacts,
        head_name=organization.head_name,
        supervisor=site.supervisor,
        theme=site.theme,
        main_idea=site.description,
    )


def passport_of(site: Site) -> SitePassport:
    """The saved passport of the site, or the registry's prefilled one (unsaved, version 1)."""
    try:
        return site.passport
    except SitePassport.DoesNotExist:
        return prefilled(site)


def clean_year_tasks(entries: Iterable[Mapping]) -> list[dict]:
    """[{"year": 2023, "text": "…"}] by year, one entry a year, empty texts dropped; a bad year is refused."""
    by_year: dict[int, str] = {}
    for entry in entries:
        try:
            year = int(entry.get("year"))
        except (TypeError, ValueError):
            raise ServiceError("Учебный год задач указывается первым годом, например 2023 для 2023/2024.") from None
        if not FIRST_YEAR <= year <= LAST_YEAR:
            raise ServiceError(f"Учебный год {year}/{year + 1} вне допустимых пределов.")
        if year in by_year:
            raise ServiceError(f"Задачи на {year}/{year + 1} учебный год указаны дважды.")
        text = str(entry.get("text") or "").strip()
        if len(text) > MAX_TEXT:
            raise ServiceError(f"Задачи на {year}/{year + 1} учебный год слишком длинные.")
        if text:
            by_year[year] = text
    return [{"year": year, "text": by_year[year]} for year in sorted(by_year)]


def _check_texts(fields: Mapping) -> dict:
    unknown = set(fields) - set(TEXT_CODES) - {"year_tasks"}
    if unknown:
        raise ServiceError(f"В паспорте нет разделов: {', '.join(sorted(unknown))}.")
    cleaned = {}
    for code, value in fields.items():
        if code == "year_tasks":
            cleaned[code] = clean_year_tasks(value or [])
            continue
        text = str(value or "").strip()
        limit = SitePassport._meta.get_field(code).max_length or MAX_TEXT
        if len(text) > limit:
            raise ServiceError(f"Раздел «{BY_CODE[code].label}» длиннее {limit} знаков.")
        cleaned[code] = text
    if "theme" in cleaned and not cleaned["theme"]:
        raise ServiceError("Тема (наименование инновационного продукта) не может быть пустой.")
    return cleaned


@transaction.atomic
def save_passport(site: Site, *, by, version: int | None = None, reason: str = "", **fields) -> SitePassport:
    """Save the passport's sections over the version the editor read (VersionConflict if someone saved since).

    A site without a passport gets one at its first save: the registry's prefilled passport is written as the first
    version (reason «составлен по данным реестра»), the editor's text as the next, so the history shows both."""
    cleaned = _check_texts(fields)
    site = Site.objects.select_for_update().get(pk=site.pk)
    passport = SitePassport.objects.filter(site=site).first()
    if passport is None:
        passport = prefilled(site)
        passport.updated_by = by
        passport._history_user = by
        passport._change_reason = "Паспорт составлен по данным реестра"
        passport.save()
    claim_version(passport, version)
    for code, value in cleaned.items():
        setattr(passport, code, value)
    passport.updated_by = by
    passport._history_user = by
    passport._change_reason = reason
    passport.save()
    return passport


@transaction.atomic
def passport_from_application(application, *, by=None) -> SitePassport | None:
    """Copy the application's project passport into the passport of the site created from it (at creation only: a
    site that already has a passport keeps it). The application's year tasks become the tasks of the academic year
    in which the site starts."""
    site = application.site
    if site is None or SitePassport.objects.filter(site=site).exists():
        return None
    passport = prefilled(site)
    data = application.passport or {}
    for code in FROM_APPLICATION:
        if str(data.get(code, "")).strip():
            setattr(passport, code, str(data[code]).strip())
    passport.theme = application.theme or passport.theme
    passport.supervisor = application.supervisor or passport.supervisor
    year_text = str(data.get("year_tasks", "")).strip()
    start = site.start_date or (application.order.date if application.order_id else None)
    if year_text and start:
        passport.year_tasks = [{"year": academic_year_of(start), "text": year_text}]
    passport.updated_by = by
    passport._history_user = by
    passport._change_reason = f"Паспорт перенесён из заявки {application.label}"
    passport.save()
    return passport
