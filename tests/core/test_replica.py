"""A real PostgreSQL streaming replica behind the database router (core/db_router.py).

The module clones the test cluster with pg_basebackup into a temporary directory, starts it as a hot standby on a
free port (as the `postgres` OS user: PostgreSQL refuses to run as root) and points the `replica` alias at the test
database there. The primary must accept replication connections from 127.0.0.1 (.ci/run adds the pg_hba.conf line);
if it does not, the tests fail saying what is missing. On SQLite they are skipped: there is nothing to replicate.
"""

from __future__ import annotations

import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

import pytest
from django.db import DatabaseError, connections, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from innoinfra.core.db_router import PIN_COOKIE, REPLICA_DB_ALIAS, replica_reads
from innoinfra.core.models import InstallationSettings
from innoinfra.reference.models import Region

from ..factories import MembershipFactory, RegionFactory, UserFactory

PG_BIN = Path("/usr/lib/postgresql/15/bin")
pytestmark = pytest.mark.django_db(transaction=True, databases=["default", REPLICA_DB_ALIAS])


def _primary_problems(cursor) -> list[str]:
    """What keeps the primary from feeding a streaming replica, in words an operator can act on."""
    problems = []
    cursor.execute("SHOW wal_level")
    if cursor.fetchone()[0] not in {"replica", "logical"}:
        problems.append("wal_level должен быть replica или logical (postgresql.conf, затем перезапуск)")
    cursor.execute("SHOW max_wal_senders")
    if int(cursor.fetchone()[0]) < 2:
        problems.append("max_wal_senders должен быть не меньше 2 (postgresql.conf, затем перезапуск)")
    cursor.execute(
        "SELECT 1 FROM pg_hba_file_rules WHERE 'replication' = ANY(database) AND error IS NULL"
        " AND (type = 'local' OR address = '127.0.0.1' OR address = 'all')"
    )
    if cursor.fetchone() is None:
        problems.append(
            "в pg_hba.conf нет строки «host replication all 127.0.0.1/32 trust» (её добавляет .ci/run, затем reload)"
        )
    return problems


def _as_postgres(*args: str) -> subprocess.CompletedProcess:
    result = subprocess.run(["runuser", "-u", "postgres", "--", *args], capture_output=True, text=True, timeout=120)
    if result.returncode:
        pytest.fail(f"{' '.join(args[:2])} не удалось:\n{result.stdout}\n{result.stderr}")
    return result


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for_replica(timeout: float = 15.0) -> None:
    """Until the replica has replayed everything the primary has written so far."""
    with connections["default"].cursor() as cursor:
        cursor.execute("SELECT pg_current_wal_lsn()")
        target = cursor.fetchone()[0]
    deadline = time.monotonic() + timeout
    while True:
        with connections[REPLICA_DB_ALIAS].cursor() as cursor:
            cursor.execute("SELECT pg_last_wal_replay_lsn() >= %s::pg_lsn", [target])
            if cursor.fetchone()[0]:
                return
        if time.monotonic() > deadline:
            pytest.fail(f"реплика не догнала основной сервер за {timeout:.0f} с (позиция {target})")
        time.sleep(0.05)


@pytest.fixture(scope="module", autouse=True)
def replica(django_db_setup, django_db_blocker):
    primary = connections["default"]
    if primary.vendor != "postgresql":
        pytest.skip("потоковая реплика есть только у PostgreSQL: DATABASE_URL указывает не на PostgreSQL")
    with django_db_blocker.unblock(), primary.cursor() as cursor:
        problems = _primary_problems(cursor)
        cursor.execute("SHOW max_connections")
        max_connections = cursor.fetchone()[0]
    if problems:
        pytest.fail("Основной PostgreSQL не может кормить реплику: " + "; ".join(problems))
    if not (PG_BIN / "pg_basebackup").exists():
        pytest.fail(f"нет {PG_BIN}/pg_basebackup: нужен пакет postgresql-15")

    owner = pwd.getpwnam("postgres")
    datadir = Path(tempfile.mkdtemp(prefix="innoinfra-replica-"))
    os.chown(datadir, owner.pw_uid, owner.pw_gid)
    port = _free_port()
    started = False
    try:
        _as_postgres(
            str(PG_BIN / "pg_basebackup"),
            f"--host={primary.settings_dict['HOST'] or '127.0.0.1'}",
            f"--port={primary.settings_dict['PORT'] or 5432}",
            f"--username={primary.settings_dict['USER'] or 'postgres'}",
            f"--pgdata={datadir}",
            "--write-recovery-conf",  # standby.signal and primary_conninfo
            "--wal-method=stream",
            "--checkpoint=fast",
            "--no-sync",  # a throw-away copy: no need to wait for the disk
        )
        # Debian keeps the configuration in /etc, so the copy has none: the standby gets its own.
        (datadir / "postgresql.conf").write_text(
            f"port = {port}\nlisten_addresses = '127.0.0.1'\nunix_socket_directories = '{datadir}'\n"
            f"hot_standby = on\nmax_connections = {max_connections}\nshared_buffers = 16MB\nfsync = off\n"
        )
        (datadir / "pg_hba.conf").write_text("local all all trust\nhost all all 127.0.0.1/32 trust\n")
        (datadir / "pg_ident.conf").write_text("")
        for name in ("postgresql.conf", "pg_hba.conf", "pg_ident.conf"):
            os.chown(datadir / name, owner.pw_uid, owner.pw_gid)
        _as_postgres(str(PG_BIN / "pg_ctl"), "start", "-D", str(datadir), "-l", str(datadir / "server.log"), "-w")
        started = True

        settings_dict = {
            **primary.settings_dict,
            "HOST": "127.0.0.1",
            "PORT": str(port),
            "CONN_MAX_AGE": 0,
            "TEST": {**primary.settings_dict["TEST"], "MIRROR": "default"},  # never flushed or created by tests
        }
        connections.settings[REPLICA_DB_ALIAS] = settings_dict
        with django_db_blocker.unblock():
            wait_for_replica()
        yield port
    finally:
        if REPLICA_DB_ALIAS in connections.settings:
            connections[REPLICA_DB_ALIAS].close()
            del connections[REPLICA_DB_ALIAS]
            del connections.settings[REPLICA_DB_ALIAS]
        if started:
            subprocess.run(
                ["runuser", "-u", "postgres", "--", str(PG_BIN / "pg_ctl"), "stop", "-D", str(datadir), "-m", "fast"],
                capture_output=True,
                timeout=60,
            )
        shutil.rmtree(datadir, ignore_errors=True)


@pytest.fixture
def routed(settings):
    # An installation has its settings row from the first page on; a flushed test database gets it back here, or the
    # first page would write it (rightly on the primary) and spoil the count.
    InstallationSettings.current()
    settings.DATABASE_ROUTERS = ["innoinfra.core.db_router.ReplicaRouter"]
    settings.MIDDLEWARE = [
        settings.MIDDLEWARE[0],
        "innoinfra.core.db_router.ReplicaReadsMiddleware",
        *settings.MIDDLEWARE[1:],
    ]


class Queries:
    """The queries a block sends to the primary and to the replica."""

    def __enter__(self):
        self._contexts = {alias: CaptureQueriesContext(connections[alias]) for alias in ("default", REPLICA_DB_ALIAS)}
        for context in self._contexts.values():
            context.__enter__()
        return self

    def __exit__(self, *exc):
        for context in self._contexts.values():
            context.__exit__(*exc)

    @property
    def primary(self) -> int:
        return len(self._contexts["default"])

    @property
    def primary_sql(self) -> list[str]:
        return [query["sql"] for query in self._contexts["default"].captured_queries]

    @property
    def replica(self) -> int:
        return len(self._contexts[REPLICA_DB_ALIAS])


def test_the_replica_streams_what_the_primary_writes():
    with connections[REPLICA_DB_ALIAS].cursor() as cursor:
        cursor.execute("SELECT pg_is_in_recovery(), (SELECT status FROM pg_stat_wal_receiver)")
        assert cursor.fetchone() == (True, "streaming")
    with connections["default"].cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_stat_replication WHERE state = 'streaming'")
        assert cursor.fetchone()[0] >= 1

    region = RegionFactory(name="Амурская область", code="28")
    wait_for_replica()
    assert Region.objects.using(REPLICA_DB_ALIAS).get(pk=region.pk).name == "Амурская область"


def test_a_write_sent_to_the_replica_fails():
    with pytest.raises(DatabaseError, match="read-only transaction"):
        Region.objects.using(REPLICA_DB_ALIAS).create(name="Лишняя область", code="99")
    assert not Region.objects.filter(code="99").exists()


def test_an_anonymous_page_reads_from_the_replica(routed, client):
    RegionFactory()
    wait_for_replica()
    with Queries() as queries:
        response = client.get(reverse("registry:sites"))
    assert response.status_code == 200
    assert queries.replica > 0
    assert queries.primary == 0, queries.primary_sql
    assert PIN_COOKIE not in response.cookies


def test_a_signed_in_page_reads_from_the_replica(routed, client, amursky):
    methodist = MembershipFactory(user=UserFactory(username="larisa"), municipality=amursky).user
    client.force_login(methodist)
    wait_for_replica()  # the session row is on the replica now
    with Queries() as queries:
        response = client.get(reverse("home"))
    assert response.status_code == 200
    assert response.wsgi_request.user == methodist
    assert queries.replica > 0
    assert queries.primary == 0, queries.primary_sql


def test_a_post_and_the_page_after_it_use_the_primary(routed, client):
    UserFactory(username="larisa")
    wait_for_replica()
    with Queries() as queries:
        response = client.post(reverse("login"), {"username": "larisa", "password": "demo"})
    assert response.status_code == 302
    assert queries.replica == 0 and queries.primary > 0
    assert PIN_COOKIE in response.cookies

    # The page after the redirect reads the new session from the primary, however far behind the replica is.
    with Queries() as queries:
        response = client.get(response["Location"])
    assert response.status_code == 200
    assert response.wsgi_request.user.username == "larisa"
    assert queries.replica == 0 and queries.primary > 0

    # Once the pin has run out, the same browser reads from the replica again.
    client.cookies[PIN_COOKIE] = str(int(time.time()) - 1)
    wait_for_replica()
    with Queries() as queries:
        response = client.get(reverse("home"))
    assert response.wsgi_request.user.username == "larisa"
    assert queries.replica > 0 and queries.primary == 0, queries.primary_sql


def test_a_row_written_in_a_request_is_read_back_from_the_primary(routed):
    with replica_reads(), Queries() as queries:
        Region.objects.count()  # the replica
        region = Region.objects.create(name="Хабаровский край", code="27")
        # Read at once, before the replica could have the row: the router sends the read to the primary.
        assert Region.objects.filter(pk=region.pk).exists()
    assert queries.replica == 1


def test_transactions_and_locks_stay_on_the_primary(routed):
    RegionFactory(code="28")
    wait_for_replica()
    with replica_reads() as state, Queries() as queries:
        with transaction.atomic():
            assert Region.objects.filter(code="28").count() == 1
        assert state.replica  # a read-only atomic block has not pinned the rest of the request
        with transaction.atomic():
            Region.objects.select_for_update().get(code="28")
    assert queries.replica == 0
    assert queries.primary >= 2
