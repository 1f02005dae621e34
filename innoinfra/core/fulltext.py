"""The global search: one index of everything searchable, two engines behind it.

Apps register what they make searchable (`register`): each object becomes a SearchEntry, re-indexed when it is
saved. PostgreSQL matches `to_tsvector('russian', …)` against `plainto_tsquery('russian', …)` over a GIN index, and
falls back to trigram similarity of titles when a mistyped word finds nothing. SQLite keeps an FTS5 table of the
same text cut to Snowball stems — the stemmer of PostgreSQL's `russian` configuration — and matches the stems of the
query. Both rank alike: entries whose title matches first, then the most recently changed."""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.db import connection, transaction
from django.db.models import Case, IntegerField, Model, QuerySet, When
from django.db.models.expressions import RawSQL
from django.db.models.signals import post_delete, post_save
from django.utils.safestring import mark_safe

from .models import SearchEntry
from .search import MIN_STEM, normalize, query_stems, stem, stem_variants

TRIGRAM_THRESHOLD = 0.3


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


def index(objects: Iterable[Model], kind: str) -> int:
    """(Re)index the objects of one kind; returns how many entries were written."""
    source = SOURCES[kind]
    entries = []
    for obj in objects:
        document = source.document_of(obj)
        entries.append(
            SearchEntry(
                kind=kind,
                object_id=obj.pk,
                title=document.title,
                body=document.body,
                url=document.url,
                municipality_id=document.municipality_id,
                is_public=document.is_public,
                updated_at=document.updated_at,
            )
        )
    if not entries:
        return 0
    with transaction.atomic():
        unindex(kind, [entry.object_id for entry in entries])
        SearchEntry.objects.bulk_create(entries, batch_size=500)
        if connection.vendor == "sqlite":
            # bulk_create sets the ids on SQLite, so the FTS rows can share them
            with connection.cursor() as cursor:
                cursor.executemany(
                    "INSERT INTO core_searchentry_fts(rowid, title, body) VALUES (%s, %s, %s)",
                    [(e.pk, stems_of(e.title), stems_of(e.body)) for e in entries],
                )
    return len(entries)


def unindex(kind: str, object_ids: list[int]) -> None:
    doomed = SearchEntry.objects.filter(kind=kind, object_id__in=object_ids)
    if connection.vendor == "sqlite":
        ids = list(doomed.values_list("pk", flat=True))
        if ids:
            with connection.cursor() as cursor:
                marks = ", ".join(["%s"] * len(ids))
                cursor.execute(f"DELETE FROM core_searchentry_fts WHERE rowid IN ({marks})", ids)
    doomed.delete()


def rebuild(kinds: Iterable[str] | None = None) -> dict[str, int]:
    counts = {}
    for kind in kinds or SOURCES:
        source = SOURCES[kind]
        with transaction.atomic():
            unindex(kind, list(SearchEntry.objects.filter(kind=kind).values_list("object_id", flat=True)))
            counts[kind] = 0
            batch = []
            for obj in source.queryset().iterator(chunk_size=1000):
                batch.append(obj)
                if len(batch) == 1000:
                    counts[kind] += index(batch, kind)
                    batch = []
            counts[kind] += index(batch, kind)
    return counts


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
    return [stem_variants(cut) for cut in query_stems(" ".join(words))]


def _matching(query: str, *, title_only: bool = False) -> RawSQL | None:
    """The ids of entries matching every word of the query in some form, as a subquery; None when nothing in the
    query can be searched for."""
    groups = _query_groups(query)
    if not groups:
        return None
    if connection.vendor == "postgresql":
        # the stems go in as lexemes of the 'simple' configuration: the document side is stemmed by 'russian',
        # which is the same Snowball stemmer, so both sides meet
        expression = " & ".join("(" + " | ".join(f"'{v}'" for v in variants) + ")" for variants in groups)
        document = "title" if title_only else "title || ' ' || body"
        return RawSQL(
            f"SELECT id FROM core_searchentry WHERE to_tsvector('russian'::regconfig, {document}) "
            "@@ to_tsquery('simple'::regconfig, %s)",
            [expression],
        )
    expression = " AND ".join("(" + " OR ".join(f'"{v}"' for v in variants) + ")" for variants in groups)
    if title_only:
        expression = f"title : ({expression})"
    return RawSQL("SELECT rowid FROM core_searchentry_fts WHERE core_searchentry_fts MATCH %s", [expression])


def _similar_titles(query: str) -> RawSQL:
    return RawSQL(
        "SELECT id FROM core_searchentry WHERE lower(title) %% lower(%s) AND similarity(lower(title), lower(%s)) > %s",
        [query, query, TRIGRAM_THRESHOLD],
    )


def visible(user=None) -> QuerySet[SearchEntry]:
    """What a person may find: public entries (drafts of practices and the like stay with their authors)."""
    return SearchEntry.objects.filter(is_public=True)


def search(query: str, *, user=None, kind: str | None = None) -> QuerySet[SearchEntry]:
    """Entries matching every word of the query in some form, best first; empty for an empty query."""
    query = " ".join((query or "").split())[:200]
    entries = visible(user)
    if kind:
        entries = entries.filter(kind=kind)
    matching = _matching(query)
    if matching is None:
        return entries.none()
    found = entries.filter(pk__in=matching)
    if connection.vendor == "postgresql" and not found.exists():
        # a typo («инновацоннная»): titles that look alike, most alike first
        return entries.filter(pk__in=_similar_titles(query)).order_by("-updated_at", "-id")
    title_hits = _matching(query, title_only=True)
    ranked = found.annotate(title_hit=Case(When(pk__in=title_hits, then=1), default=0, output_field=IntegerField()))
    return ranked.order_by("-title_hit", "-updated_at", "-id")


def counts_by_kind(query: str, *, user=None) -> dict[str, int]:
    from django.db.models import Count

    rows = search(query, user=user).order_by().values("kind").annotate(n=Count("id"))
    return {row["kind"]: row["n"] for row in rows}


# ---------------------------------------------------------------- snippets

SNIPPET_WORDS = 24
_TOKEN = re.compile(r"\w[\w\-]*", re.UNICODE)


def snippet(text: str, query: str) -> str:
    """A short piece of `text` around the first word in any form of the query, the found words in <mark>."""
    stems = {variant for group in _query_groups(query) for variant in group}
    tokens = list(_TOKEN.finditer(text or ""))

    def hit(match) -> bool:
        word = normalize(match.group()).replace(" ", "")
        cut = stem(word)
        return any(cut.startswith(s) or (s.startswith(cut) and len(cut) >= MIN_STEM) for s in stems)

    hits = [n for n, token in enumerate(tokens) if hit(token)]
    if not tokens:
        return ""
    first = max((hits[0] if hits else 0) - SNIPPET_WORDS // 3, 0)
    window = tokens[first : first + SNIPPET_WORDS]
    start, end = window[0].start(), window[-1].end()
    pieces, position = [], start
    for n, token in enumerate(window, start=first):
        pieces.append(html.escape(text[position : token.start()]))
        word = html.escape(token.group())
        pieces.append(f"<mark>{word}</mark>" if n in hits else word)
        position = token.end()
    prefix = "… " if start > 0 else ""
    suffix = " …" if end < len(text) else ""
    return mark_safe(prefix + "".join(pieces) + suffix)  # every piece of the text was escaped above
