"""Panels from summary storage (models.Snapshot) instead of aggregating every row on each request.

A snapshot is keyed by the table, the territory (a digest of its municipality ids), the academic year, the day (the
overdue and open counts depend on it) and whether the whole list was asked for. It is served while FactsVersion has
not moved since it was computed and it is younger than settings.MONITORING_SNAPSHOT_MAX_AGE seconds; otherwise the
table is computed as before and stored. So the figures are those a direct aggregate gives — the tests compare them —
and the cost of the aggregate is paid once per change, not once per request.

Any save, delete or many-to-many change of a model of the apps the panels read bumps the version (`connect`); bulk
updates send no signals, and the age limit bounds how long they may go unseen. `refresh_monitoring` (command and
django-tasks task) computes the panels of the current year for the whole installation and every municipality ahead
of the first visitor, e.g. at night after imports.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import pickle
from collections.abc import Callable

from django.apps import apps
from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django_tasks import task

from innoinfra.core.signals import on_change, on_commit_once
from innoinfra.reference.models import Municipality

from .models import FactsVersion, Snapshot

# The apps whose rows the monitoring figures count (monitoring.stats imports their models).
FACT_APPS = frozenset(
    {"reference", "registry", "plans", "review", "events", "reports", "publications", "consultations", "mentoring"}
)
DEFAULT_MAX_AGE = 15 * 60


def version() -> int:
    row = FactsVersion.objects.filter(pk=1).values_list("number", flat=True).first()
    return row or 0


def bump() -> None:
    """One more change of the facts: an UPDATE of one row (created on first use)."""
    if not FactsVersion.objects.filter(pk=1).update(number=F("number") + 1):
        try:
            with transaction.atomic():
                FactsVersion.objects.create(pk=1, number=1)
        except IntegrityError:  # another process created it meanwhile
            FactsVersion.objects.filter(pk=1).update(number=F("number") + 1)


def key_of(table: str, municipalities, year: int, today: dt.date, whole: bool) -> str:
    territory = "all" if municipalities is None else ",".join(map(str, sorted(municipalities)))
    digest = hashlib.sha256(territory.encode()).hexdigest()[:32]
    return f"{table}:{digest}:{year}:{today.isoformat()}:{int(whole)}"


def max_age() -> int:
    """Seconds a snapshot may be served; 0 turns summary storage off (every request aggregates, as before)."""
    return int(getattr(settings, "MONITORING_SNAPSHOT_MAX_AGE", DEFAULT_MAX_AGE))


def cached_many(computations: dict[str, Callable[[], object]]) -> dict[str, object]:
    """The values of the keys of `computations`: those stored and current in two queries, the rest computed and
    stored (two more) — a page's tables cost the same few queries whatever the territory holds."""
    if max_age() <= 0:
        return {key: compute() for key, compute in computations.items()}
    current = version()
    now = timezone.now()
    stored = Snapshot.objects.filter(
        key__in=list(computations), version=current, built_at__gte=now - dt.timedelta(seconds=max_age())
    ).values_list("key", "data")
    # written by this server only, from its own computation (see models.Snapshot)
    values = {key: pickle.loads(bytes(data)) for key, data in stored}
    missing = {key: computations[key]() for key in computations if key not in values}
    if missing:
        Snapshot.objects.filter(key__in=list(missing)).delete()
        rows = [Snapshot(key=k, version=current, built_at=now, data=pickle.dumps(v)) for k, v in missing.items()]
        try:
            with transaction.atomic():
                Snapshot.objects.bulk_create(rows)
        except IntegrityError:  # a concurrent request stored the same keys first: theirs are as good
            pass
        values |= missing
    return {key: values[key] for key in computations}


def cached(key: str, compute: Callable[[], object]):
    return cached_many({key: compute})[key]


def _changed(model) -> None:
    """Bump once the change is committed: a rolled-back change leaves the version alone."""
    on_commit_once(bump)


def connect() -> None:
    """Called from MonitoringConfig.ready: every fact model bumps the version when it changes."""
    for label in FACT_APPS:
        if apps.is_installed(f"innoinfra.{label}"):
            on_change(apps.get_app_config(label).get_models(), _changed, name="monitoring-facts")


def refresh(year: int | None = None, today: dt.date | None = None) -> int:
    """Compute every panel of `year` (the current academic year by default) for the whole installation, each region
    (its methodists' territory) and each municipality, so the first visitor after a night of imports does not wait;
    returns the number of tables."""
    from .filters import Filters, current_year
    from .sections import SECTIONS
    from .tables import served_page

    year = current_year() if year is None else year
    today = today or timezone.localdate()
    keys = [key for section in SECTIONS.values() for key in section.tables]
    regions: dict[int, set[int]] = {}
    municipalities = list(Municipality.objects.values_list("pk", "region_id").order_by("pk"))
    for pk, region_id in municipalities:
        regions.setdefault(region_id, set()).add(pk)
    # a region of one municipality is that municipality's territory: each set once
    sets = dict.fromkeys([frozenset(ids) for ids in regions.values()] + [frozenset({pk}) for pk, _ in municipalities])
    territories = [Filters(year, None, None, "")] + [Filters(year, ids, None, "") for ids in sets]
    for territory in territories:
        served_page(keys, territory, today, with_totals=True)
    return (len(keys) + 1) * len(territories)


@task()
def refresh_snapshots() -> None:
    """The background entry (django-tasks), e.g. queued by a scheduler after the night's imports."""
    refresh()
