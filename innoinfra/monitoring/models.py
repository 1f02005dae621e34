"""Summary storage of the monitoring panels: each table a page shows, computed once per state of the facts.

The panels aggregate every site, occurrence, event and registration of a territory — hundreds of thousands of rows
for a region — and a methodist opens them many times between two changes of those rows. `FactsVersion` is one
counter that any change of a fact bumps (snapshots.py connects the signals); a `Snapshot` holds a computed table for
one (table, territory, year, day) and the version it was computed at, and is served while the version is
unchanged and it is younger than MONITORING_SNAPSHOT_MAX_AGE (which bounds what bulk updates, which send no
signals, can leave stale)."""

from django.db import models


class FactsVersion(models.Model):
    """A single row (pk 1): bumped in the same transaction as the change, so a reader never pairs new facts with an
    old version."""

    number = models.PositiveBigIntegerField("версия данных", default=0)

    class Meta:
        verbose_name = "версия данных мониторинга"
        verbose_name_plural = "версии данных мониторинга"

    def __str__(self):
        return str(self.number)


class Snapshot(models.Model):
    key = models.CharField("таблица, территория, год и день", max_length=255, unique=True)
    version = models.PositiveBigIntegerField("версия данных")
    built_at = models.DateTimeField("рассчитано")
    # pickled monitoring.tables.Table: written only by the server from its own computation, never from input
    data = models.BinaryField("таблица")

    class Meta:
        verbose_name = "сводка мониторинга"
        verbose_name_plural = "сводки мониторинга"

    def __str__(self):
        return self.key
