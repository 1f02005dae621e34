"""Word-form tolerant text matching that behaves the same on SQLite and PostgreSQL.

Models keep a lowercased `search_text`; a query is split into words, each word is cut to its
Snowball stem (the stemmer PostgreSQL's `russian` configuration uses), and every stem must occur.
«площадки» → «площадк» finds «площадка», «площадке». The full-text engine of the data bank
replaces this for large corpora; registry lists are small enough for a substring match.
"""

from __future__ import annotations

import re

import snowballstemmer
from django.db.models import Q, QuerySet

_stemmer = snowballstemmer.stemmer("russian")
_WORD = re.compile(r"[\w\-]+", re.UNICODE)
MIN_STEM = 3


def normalize(text: str) -> str:
    return " ".join(_WORD.findall((text or "").lower().replace("ё", "е")))


def query_stems(query: str) -> list[str]:
    stems = []
    for word in normalize(query).split():
        stem = _stemmer.stemWord(word)
        stems.append(stem if len(stem) >= MIN_STEM else word)
    return stems[:10]


def filter_by_text(queryset: QuerySet, query: str, field: str = "search_text") -> QuerySet:
    condition = Q()
    for stem in query_stems(query):
        condition &= Q(**{f"{field}__contains": stem})
    return queryset.filter(condition) if condition else queryset
