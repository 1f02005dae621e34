"""The global search: one index of everything searchable, two engines behind it.

Apps register what they make searchable (`register`): each object becomes a SearchEntry, written anew when it is
saved. PostgreSQL keeps `to_tsvector('russian', …)` of each entry in stored columns with GIN indexes and matches the
Snowball stems of the query against them, falling back to trigram similarity of titles when a mistyped word finds
nothing. SQLite keeps an FTS5 table of the same text cut to Snowball stems — the stemmer of PostgreSQL's `russian`
configuration — and matches the same stems. Both rank alike: entries whose title has every word first, then the
most recently written."""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.db import connection, transaction
from django.db.models import BooleanField, Max, Model, QuerySet
from django.db.models.expressions import RawSQL
from django.db.models.signals import post_delete, post_save
from django.utils.safestring import mark_safe

from . import overcap
from .models import SearchEntry
from .search import MIN_STEM, normalize, query_variants, stem

TRIGRAM_THRESHOLD = 0.3
# Matches are counted exactly up to this many, and ranked exactly (every title word first, then the freshest) only
# when there are no more: a broad query at ten times the region matches ~125 000 entries, and ranking or counting
# them all made every request grow with the data. Beyond the cap the page says «более 10 000» and lists the freshest
# matches, which both engines walk from an index and stop after a page (PostgreSQL: the primary key backwards, or
# the (kind, is_public, id) index for one kind, each entry tested; SQLite: FTS5's rowid order); nobody reads ten
# thousand results — a query that broad is refined.
COUNT_CAP = 10_000


@dataclass(frozen=True)
class Document:
    title: str
    body: str
    url: str
    updated_at: object
    municipality_id: int | None = None
    is_public: bool = True


@dataclass(frozen=True)
class Source:
    kind: str
    label: str  # the tab of the search page: «Площадки»
    model: type[Model]
    document_of: Callable[[Model], Document]
    queryset: Callable[[], QuerySet]


SOURCES: dict[str, Source] = {}


def register(kind: str, label: str, model: type[Model], document_of, queryset=None) -> None:
    """Make `model` searchable: its objects are indexed on save and dropped on delete."""
    source = Source(kind, label, model, document_of, queryset or model.objects.all)
    SOURCES[kind] = source
    post_save.connect(_saved(source), sender=model, weak=False, dispatch_uid=f"fulltext-save-{kind}")
    post_delete.connect(_deleted(source), sender=model, weak=False, dispatch_uid=f"fulltext-delete-{kind}")


def _saved(source: Source):
    def handler(sender, instance, raw=False, **kwargs):
        if not raw:
            transaction.on_commit(lambda: index([instance], source.kind), robust=True)

    return handler


def _deleted(source: Source):
    def handler(sender, instance, **kwargs):
        unindex(source.kind, [instance.pk])

    return handler


def stems_of(text: str) -> str:
    words = normalize(text).split()
    return " ".join(stem(word) for word in words)


# ---------------------------------------------------------------- writing the index


def _entry(kind: str, obj: Model) -> SearchEntry:
    document = SOURCES[kind].document_of(obj)
    return SearchEntry(
        kind=kind,
        object_id=obj.pk,
        title=document.title,
        body=document.body,
        url=document.url,
        municipality_id=document.municipality_id,
        is_public=document.is_public,
        updated_at=document.updated_at,
    )


def _write(entries: list[SearchEntry]) -> None:
    SearchEntry.objects.bulk_create(entries, batch_size=500)
    if connection.vendor == "sqlite":
        # bulk_create sets the ids on SQLite, so the FTS rows can share them
        with connection.cursor() as cursor:
            cursor.executemany(
                "INSERT INTO core_searchentry_fts(rowid, title, body, scope) VALUES (%s, %s, %s, %s)",
                [(e.pk, stems_of(e.title), stems_of(e.body), scope_tokens(e.kind, e.is_public)) for e in entries],
            )


def index(objects: Iterable[Model], kind: str) -> int:
    """(Re)index the objects of one kind; returns how many entries were written."""
    entries = [_entry(kind, obj) for obj in objects]
    if not entries:
        return 0
    with transaction.atomic():
        unindex(kind, [entry.object_id for entry in entries])
        _write(entries)
    return len(entries)


def unindex(kind: str, object_ids: list[int]) -> None:
    # on SQLite the FTS5 rows go with their entries by a trigger (migration core 0016)
    SearchEntry.objects.filter(kind=kind, object_id__in=object_ids).delete()


def rebuild(kinds: Iterable[str] | None = None, batch: int = 1000) -> dict[str, int]:
    """Index everything of the kinds anew, oldest change first: the order of the entries is the order of freshness
    the search ranks by."""
    kinds = list(kinds or SOURCES)
    entries = []
    for kind in kinds:
        entries += [_entry(kind, obj) for obj in SOURCES[kind].queryset().iterator(chunk_size=batch)]
    entries.sort(key=lambda entry: (entry.updated_at, entry.kind, entry.object_id))
    with transaction.atomic():
        SearchEntry.objects.filter(kind__in=kinds).delete()
        for start in range(0, len(entries), batch):
            _write(entries[start : start + batch])
    return {kind: sum(1 for entry in entries if entry.kind == kind) for kind in kinds}


# ---------------------------------------------------------------- reading it


# Snowball's Russian stop words, which PostgreSQL's `russian` configuration leaves out of its index: a query
# keeps none of them, so that «положение о площадках» means the same on both engines
_STOP_WORDS = """и в во не что он на я с со как а то все она так его но да ты к у же вы за бы по только ее мне
    было вот от
    меня еще нет о из ему теперь когда даже ну вдруг ли если уже или ни быть был него до вас нибудь опять уж вам
    ведь там потом себя ничего ей может они тут где есть надо ней для мы тебя их чем была сам чтоб без будто чего
    раз тоже себе под будет ж тогда кто этот того потому этого какой совсем ним здесь этом один почти мой тем
    чтобы нее сейчас были куда зачем всех никогда можно при наконец два об другой хоть после над больше тот через
    эти нас про всего них какая много разве три эту моя впрочем хорошо свою этой перед иногда лучше чуть том
    нельзя такой им более всегда конечно всю между"""
STOP_WORDS = frozenset(_STOP_WORDS.split())


def _query_groups(query: str) -> list[list[str]]:
    """For each meaningful word of the query, the stems that stand for it."""
    words = [word for word in normalize(query).split() if word not in STOP_WORDS]
    return query_variants(" ".join(words))


def scope_tokens(kind: str, is_public: bool) -> str:
    """What the FTS5 table's `scope` column holds: the kind, and «public» for what everybody may find."""
    # kinds are ASCII words ("legal", "practice"); the prefix keeps them apart from any stem of the text
    return f"k{kind}" + (" public" if is_public else "")


# the columns of an entry, read for the rows of one page only
_ENTRY = ", ".join(f"e.{field.column}" for field in SearchEntry._meta.concrete_fields)


def _raw(sql: str, params: list) -> list[SearchEntry]:
    return list(SearchEntry.objects.raw(sql, params))


def _page_sql(ranked: str, params: list, limit: int, offset: int) -> tuple[str, list]:
    """One statement for a page and the number of all matches: `ranked` yields (id, in_title) of every match, the
    window count is taken before LIMIT cuts the page, and only the page's rows are read from the entries."""
    return (
        f"SELECT {_ENTRY}, page.total FROM ("
        f"SELECT ranked.id, ranked.in_title, count(*) OVER () AS total FROM ({ranked}) ranked "
        "ORDER BY ranked.in_title DESC, ranked.id DESC LIMIT %s OFFSET %s"
        ") page JOIN core_searchentry e ON e.id = page.id ORDER BY page.in_title DESC, page.id DESC",
        [*params, limit, offset],
    )


class _SQLite:
    """Every question is a MATCH over the FTS5 table: the kind and the visibility are tokens of its `scope` column,
    so the full-text index alone picks the matches; the title matches are one more MATCH, taken once. FTS5 yields
    its matches in rowid order and stops at a LIMIT, so a capped count and the freshest page read no further."""

    table = "core_searchentry_fts"
    corrects_typos = False

    def __init__(self, groups: list[list[str]], kind: str | None):
        self.kind = kind
        words = " AND ".join("(" + " OR ".join(f'"{v}"' for v in variants) + ")" for variants in groups)
        self.words = words
        scope = f"scope : (k{kind} AND public)" if kind else "scope : public"
        self.all = f"{scope} AND ({words})"
        self.key = self.all  # what the query asks, as the over-the-cap memory names it
        self.title = f"{scope} AND title : ({words})"

    def _matches(self) -> str:
        return f"SELECT rowid AS id FROM {self.table} WHERE {self.table} MATCH %s"

    def fetch(self, limit: int, offset: int, cap: int, capped: bool | None) -> tuple[list, int | None]:
        """A page and the number of matches (cap + 1 when there are more than cap): under the cap, one statement
        ranks the matches exactly and counts them; over it, the freshest page (one statement more on the first)."""
        if not capped:
            matches = self._matches()
            ranked = f"SELECT found.id, found.id IN ({matches}) AS in_title FROM ({matches} LIMIT %s) found"
            entries = _raw(*_page_sql(ranked, [self.title, self.all, cap + 1], limit, offset))
            total = entries[0].total if entries else (0 if offset == 0 else None)
            if total is None or total <= cap:
                return entries, total
        sql = (
            f"SELECT {_ENTRY}, NULL AS total FROM ({self._matches()} ORDER BY rowid DESC LIMIT %s OFFSET %s) page "
            "JOIN core_searchentry e ON e.id = page.id ORDER BY page.id DESC"
        )
        return _raw(sql, [self.all, limit, offset]), cap + 1

    def counts_by_kind(self, cap: int, kinds: list[str]) -> dict[str, int]:
        """Each of `kinds` counted up to cap + 1, in one statement."""
        capped = f"SELECT count(*) FROM ({self._matches()} LIMIT %s)"
        parts, params = [], []
        for kind in kinds:
            parts.append(f"SELECT %s, ({capped})")
            params += [kind, f"scope : (k{kind} AND public) AND ({self.words})", cap + 1]
        with connection.cursor() as cursor:
            cursor.execute(" UNION ALL ".join(parts), params)
            return dict(cursor.fetchall())

    def object_ids(self, limit: int) -> RawSQL:
        """The objects of the `limit` freshest matches, as a subquery."""
        # naming the kind lets SQLite answer from the (kind, object_id) index instead of reading the entries' rows
        kind = "kind = %s AND " if self.kind else ""
        freshest = f"{self._matches()} ORDER BY rowid DESC LIMIT %s"
        return RawSQL(
            f"SELECT object_id FROM core_searchentry WHERE {kind}id IN ({freshest})",
            [*([self.kind] if self.kind else []), self.all, limit],
        )

    def count(self, cap: int) -> int:
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT count(*) FROM ({self._matches()} LIMIT %s)", [self.all, cap + 1])
            return cursor.fetchone()[0]


class _PostgreSQL:
    """The stems go in as a tsquery of lexemes against the stored `russian` tsvectors (the same Snowball stemmer
    made them), each with its GIN index; the kind and the visibility are lexemes of the document too («kind:legal»,
    «is:public»), so the index alone picks the matches. The matching itself is the SQL function
    `core_search_matches` (migration core 0011): planned to walk the GIN index whatever the statistics say, and
    run once per statement."""

    corrects_typos = True

    def __init__(self, groups: list[list[str]], kind: str | None):
        self.words = " & ".join("(" + " | ".join(f"'{v}'" for v in variants) + ")" for variants in groups)
        scope = (f"'kind:{kind}' & " if kind else "") + "'is:public'"
        self.kind = kind
        self.query = f"{scope} & {self.words}"
        self.key = self.query  # what the query asks, as the over-the-cap memory names it

    def _matches(self, ranked: bool = True) -> tuple[str, list]:
        # without the words of the title (NULL), the function skips asking which titles have them
        return "core_search_matches(%s::tsquery, %s::tsquery)", [self.query, self.words if ranked else None]

    def fetch(self, limit: int, offset: int, cap: int, capped: bool | None) -> tuple[list, int | None]:
        """A page and the number of matches (cap + 1 when there are more) in one statement: `core_search_page`
        (migrations core 0013, 0015) counts up to the cap, then ranks every match or walks to the freshest ones —
        of the kind asked for along its own index."""
        if capped:
            # known to be over the cap: only the freshest page, along the index of the kind (or the primary key)
            recent, params = (
                ("core_search_recent_of_kind(%s::tsquery, %s, %s, %s)", [self.query, self.kind, limit, offset])
                if self.kind
                else ("core_search_recent(%s::tsquery, %s, %s)", [self.query, limit, offset])
            )
            sql = f"SELECT {_ENTRY}, NULL AS total FROM {recent} r JOIN core_searchentry e ON e.id = r.id"
            return _raw(f"{sql} ORDER BY r.id DESC", params), cap + 1
        sql = (
            f"SELECT {_ENTRY}, p.total FROM core_search_page(%s::tsquery, %s::tsquery, %s, %s, %s, %s) p "
            "JOIN core_searchentry e ON e.id = p.id ORDER BY p.in_title DESC, p.id DESC"
        )
        entries = _raw(sql, [self.query, self.words, self.kind, cap, limit, offset])
        return entries, entries[0].total if entries else (0 if offset == 0 else None)

    def counts_by_kind(self, cap: int, kinds: list[str]) -> dict[str, int]:
        """Each of `kinds` counted up to cap + 1, in one statement."""
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT kind, found FROM core_search_counts(%s::tsquery, %s, %s)",
                [f"'is:public' & {self.words}", kinds, cap],
            )
            return dict(cursor.fetchall())

    def object_ids(self, limit: int) -> list[int]:
        """The objects of the `limit` freshest matches. A list, not a subquery: as an array constant (Hits.narrow)
        it becomes a hashed filter, which no plan can turn into a search per row of the other table (a subquery,
        with no statistics, was joined by a nested loop that searched again for each of 17 000 practices)."""
        with connection.cursor() as cursor:
            cursor.execute("SELECT object_id FROM core_search_recent_ids(%s::tsquery, %s)", [self.query, limit])
            return [row[0] for row in cursor.fetchall()]

    def _similar(self, text: str) -> tuple[str, list]:
        """A typo («инновацоннная»): titles that look alike."""
        kind = "kind = %s AND " if self.kind else ""
        return (
            f"is_public AND {kind}lower(title) %% lower(%s) AND similarity(lower(title), lower(%s)) > %s",
            [*([self.kind] if self.kind else []), text, text, TRIGRAM_THRESHOLD],
        )

    def similar_page(self, text: str, limit: int, offset: int) -> tuple[list, int | None]:
        where, params = self._similar(text)
        similar = f"SELECT id, false AS in_title FROM core_searchentry WHERE {where}"
        entries = _raw(*_page_sql(similar, params, limit, offset))
        return entries, entries[0].total if entries else (0 if offset == 0 else None)

    def similar_counts_by_kind(self, text: str) -> dict[str, int]:
        where, params = self._similar(text)
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT kind, count(*) FROM core_searchentry WHERE {where} GROUP BY kind", params)
            return dict(cursor.fetchall())

    def similar_object_ids(self, text: str) -> list[int]:
        where, params = self._similar(text)
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT object_id FROM core_searchentry WHERE {where}", params)
            return [row[0] for row in cursor.fetchall()]


class Hits:
    """The public entries matching every word of a query in some form, best first: those with every word in the
    title, then the rest; within each, the most recently indexed first — an entry is written anew whenever its
    object changes, and `rebuild` writes in order of change, so this is the order of freshness. More than
    COUNT_CAP matches are counted as COUNT_CAP (`capped` says so) and listed freshest first.

    Counted and sliced like a queryset, so a Paginator pages it: counting fetches the first page along with the
    number of matches in one statement, so the first page of a list costs one query (on SQLite two when the matches
    are over the cap); a later page costs one more."""

    FIRST = 20  # the page size of the lists that page it: the first page comes with the count

    def __init__(self, query: str, kind: str | None = None):
        self.text = " ".join((query or "").split())[:200]
        groups = _query_groups(self.text)
        self.engine = None
        if groups:
            self.engine = (_PostgreSQL if connection.vendor == "postgresql" else _SQLite)(groups, kind)
        self._total: int | None = None
        self._first: list[SearchEntry] = []
        self._typo = False
        self.capped = False

    def _page(self, limit: int, offset: int) -> list[SearchEntry]:
        if self._typo:
            entries, total = self.engine.similar_page(self.text, limit, offset)
        else:
            # a query found over the cap a moment ago is not counted again (core.overcap)
            known = self.capped if self._total is not None else (overcap.known(*_memory(self.engine)) or None)
            entries, total = self.engine.fetch(limit, offset, COUNT_CAP, known)
        if total is not None and self._total is None:
            self.capped = total > COUNT_CAP
            self._total = min(total, COUNT_CAP)
            if self.capped and not self._typo:
                overcap.remember(*_memory(self.engine))
        return entries

    def count(self) -> int:
        """The number of matches, at most COUNT_CAP."""
        if self.engine is None:
            return 0
        if self._total is None:
            self._first = self._page(self.FIRST, 0)
            if self._total == 0 and self.engine.corrects_typos:
                self._typo, self._total = True, None
                self._first = self._page(self.FIRST, 0)
        return self._total

    def __len__(self) -> int:
        return self.count()

    def exists(self) -> bool:
        return self.count() > 0

    def __getitem__(self, key):
        if isinstance(key, int):
            return self[key : key + 1][0]
        if self.engine is None or self.count() == 0:
            return []
        start, stop = key.start or 0, key.stop if key.stop is not None else self.count()
        if stop <= start:
            return []
        if stop <= self.FIRST:
            return self._first[start:stop]
        return self._page(stop - start, start)

    def __iter__(self):
        return iter(self[:])

    def narrow(self, queryset: QuerySet) -> QuerySet:
        """`queryset` (of the model of the searched kind) cut to the matched objects — to the COUNT_CAP freshest
        of them when there are more (`capped` then says so): a subquery on SQLite; on PostgreSQL the ids
        themselves, as one array constant (see _PostgreSQL.object_ids) — a list of thousands of `IN` parameters
        would cost more to build than the search."""
        if self.engine is None:
            return queryset.none()
        if not self.engine.corrects_typos:
            self.capped = self.engine.count(COUNT_CAP) > COUNT_CAP
            return queryset.filter(pk__in=self.engine.object_ids(COUNT_CAP))
        ids = self._freshest_ids()
        self.capped = len(ids) > COUNT_CAP
        ids = ids[:COUNT_CAP]
        if not ids:
            ids = self.engine.similar_object_ids(self.text)
        meta = queryset.model._meta
        column = f"{connection.ops.quote_name(meta.db_table)}.{connection.ops.quote_name(meta.pk.column)}"
        # The array as its text, cast to bigint[]: written once here, where psycopg would adapt the list element by
        # element for each statement that uses it (the count and the page), some 10 ms apiece for ten thousand ids;
        # and bigint[] whatever the values: as smallint[] the cross-type comparison (bigint = smallint) has no hash
        # function, and every row would walk the whole array.
        array = "{" + ",".join(str(int(pk)) for pk in ids) + "}"
        return queryset.filter(RawSQL(f"{column} = ANY(%s::bigint[])", [array], output_field=BooleanField()))

    def _freshest_ids(self) -> list[int]:
        """The objects of the COUNT_CAP + 1 freshest matches (PostgreSQL). A broad query's list reads every match
        of the index, as its count does (core.overcap), and a catalogue asks it again for each filter a visitor
        adds to the same query: once the query is known to be over the cap, its list is kept under the newest
        entry's id, so any write to the index names a new list and a kept one is never staler than the index. Under
        the cap it is read each time, with no query more than that."""
        signature, memory = _memory(self.engine), None
        if overcap.known(*signature):
            # the newest entry read before the list: a write in between names another list, never this one stale
            memory = (*signature, "freshest", SearchEntry.objects.aggregate(newest=Max("id"))["newest"])
            ids = overcap.recall_ids(*memory)
            if ids is not None:
                return ids
        ids = self.engine.object_ids(COUNT_CAP + 1)
        if len(ids) > COUNT_CAP and memory:
            overcap.keep_ids(ids, *memory)
        elif len(ids) > COUNT_CAP:
            overcap.remember(*signature)  # found broad only now: the next request keeps its list, named as above
        return ids

    def objects(self, queryset: QuerySet) -> ObjectHits:
        """The matched objects themselves, in the search's order: `queryset` (of the model of the searched kind)
        gives them a page at a time. Unlike `narrow`, no list of matches is read first: a page costs the search's
        page and one query for its objects, whatever the number of matches."""
        return ObjectHits(self, queryset)


class ObjectHits:
    """Hits of one kind as the objects they stand for (Hits.objects): counted, capped and sliced as the Hits, each
    page's objects fetched by id. An entry whose object the queryset does not hold (the index lags a change by a
    transaction at most) is left out of its page rather than shown stale."""

    def __init__(self, hits: Hits, queryset: QuerySet):
        self.hits, self.queryset = hits, queryset

    @property
    def capped(self) -> bool:
        return self.hits.capped

    def count(self) -> int:
        return self.hits.count()

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, key):
        if isinstance(key, int):
            return self[key : key + 1][0]
        ids = [entry.object_id for entry in self.hits[key]]
        found = self.queryset.in_bulk(ids)
        return [found[pk] for pk in ids if pk in found]

    def __iter__(self):
        return iter(self[:])


def _memory(engine) -> tuple:
    """How core.overcap names the count of an engine's query (of its kind, or of all kinds, then with each kind)."""
    return ("search", connection.vendor, engine.kind, engine.key, COUNT_CAP)


def search(query: str, *, user=None, kind: str | None = None) -> Hits:
    """Entries matching every word of the query in some form, best first; nothing for an empty query."""
    return Hits(query, kind)


def counts_by_kind(query: str, *, user=None) -> dict[str, int]:
    """How many entries of each kind match, each counted up to COUNT_CAP + 1 (more than COUNT_CAP), in one query
    (a mistyped query: how many titles of each look alike)."""
    engine = search(query).engine
    if engine is None:
        return {}
    # kinds found over the cap a moment ago are not counted again (core.overcap)
    signature = _memory(engine)
    known = overcap.known_among(SOURCES, *signature)
    unknown = [kind for kind in SOURCES if kind not in known]
    counts = engine.counts_by_kind(COUNT_CAP, unknown) if unknown else {}
    for kind, found in counts.items():
        if found > COUNT_CAP:
            overcap.remember(*signature, kind)
    counts.update(dict.fromkeys(known, COUNT_CAP + 1))
    if not counts and engine.corrects_typos:
        counts = engine.similar_counts_by_kind(" ".join(query.split())[:200])
    return {kind: n for kind, n in counts.items() if n and kind in SOURCES}


# ---------------------------------------------------------------- snippets

SNIPPET_WORDS = 24
_TOKEN = re.compile(r"\w[\w\-]*", re.UNICODE)


def snippet(text: str, query: str) -> str:
    """A short piece of `text` around the first word in any form of the query, the found words in <mark>."""
    stems = {variant for group in _query_groups(query) for variant in group}
    tokens = list(_TOKEN.finditer(text or ""))
    if not tokens:
        return ""
    seen: dict[str, bool] = {}  # a text repeats its words: each is stemmed once

    def hit(token) -> bool:
        word = token.group().lower()
        if word not in seen:
            cut = stem(normalize(word).replace(" ", ""))
            seen[word] = any(cut.startswith(s) or (s.startswith(cut) and len(cut) >= MIN_STEM) for s in stems)
        return seen[word]

    found = next((n for n, token in enumerate(tokens) if hit(token)), 0)
    first = max(found - SNIPPET_WORDS // 3, 0)
    window = tokens[first : first + SNIPPET_WORDS]
    start, end = window[0].start(), window[-1].end()
    pieces, position = [], start
    for token in window:
        pieces.append(html.escape(text[position : token.start()]))
        word = html.escape(token.group())
        pieces.append(f"<mark>{word}</mark>" if hit(token) else word)
        position = token.end()
    prefix = "… " if start > 0 else ""
    suffix = " …" if end < len(text) else ""
    return mark_safe(prefix + "".join(pieces) + suffix)  # every piece of the text was escaped above
