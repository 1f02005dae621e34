"""Bulk certificates: 500 people present at one event, their certificates of participation laid out, written and
stored by one batch (the work the organizer's «Выдать сертификаты» queues). Target: under 60 s.

Called by bench/run.py; also runs alone: `.venv/bin/python bench/run.py` builds the database first. Everything it
creates is rolled back and its PDFs go to a temporary folder, so the bench database stays as it was."""

from __future__ import annotations

import datetime as dt
import tempfile
import time

PEOPLE = int(__import__("os").environ.get("BENCH_CERTIFICATES", 500))
TARGET_SECONDS = 60


def report(region_name: str) -> bool:
    """Prints one row; returns whether it failed."""
    from django.db import transaction
    from django.test import override_settings
    from django.utils import timezone

    from innoinfra.events.certificates import batches
    from innoinfra.events.enums import BatchState, EventFormat, EventState, RegistrationState
    from innoinfra.events.models import CertificateBatch, Event, Registration
    from innoinfra.reference.models import Organization

    organizer = Organization.objects.filter(municipality__region__name=region_name).order_by("pk").first()
    with tempfile.TemporaryDirectory() as media, override_settings(MEDIA_ROOT=media), transaction.atomic():
        starts = timezone.now() - dt.timedelta(days=1)
        event = Event.objects.create(
            title="Августовская конференция: секция «Тренды современного образования»",
            format=EventFormat.CONFERENCE_SECTION,
            organizer=organizer,
            municipality_id=organizer.municipality_id,
            starts_at=starts,
            ends_at=starts + dt.timedelta(hours=3),
            place="Дом культуры",
            state=EventState.HELD,
        )
        Registration.objects.bulk_create(
            Registration(
                event=event,
                full_name=f"Участникова Мария Петровна {n}",
                organization_name="МБОУ «Средняя общеобразовательная школа № 1»",
                email=f"bench{n}@example.org",
                consent_at=starts,
                state=RegistrationState.ATTENDED,
            )
            for n in range(PEOPLE)
        )
        batch = CertificateBatch.objects.create(event=event, total=PEOPLE)
        started = time.perf_counter()
        batches.run_batch(batch.pk)
        seconds = time.perf_counter() - started
        batch.refresh_from_db()
        passed = batch.state == BatchState.DONE and batch.done == PEOPLE and seconds < TARGET_SECONDS
        transaction.set_rollback(True)
    label = f"{PEOPLE} certificates (one batch)"
    print(f"{label:44} {seconds:10.1f} {'s':8}  {'PASS' if passed else 'FAIL'} (<{TARGET_SECONDS} s)")
    return not passed
