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


_FLEETING_VOWEL = re.compile(r"^(.*[^аеиоуыэюяь])[ое]([^аеиоуыэюяй])$")


def query_stems(query: str) -> list[str]:
    stems = []
    for word in normalize(query).split():
        stem = _stemmer.stemWord(word)
        stems.append(stem if len(stem) >= MIN_STEM else word)
    return stems[:10]


def stem_variants(stem: str) -> list[str]:
    """The genitive plural drops or inserts a vowel («площадок» ~ «площадк-а», «сетей»): Snowball keeps
    it, so a stem ending in consonant + о/е + consonant also matches without that vowel."""
    match = _FLEETING_VOWEL.match(stem)
    return [stem, match.group(1) + match.group(2)] if match and len(stem) > MIN_STEM + 1 else [stem]


def filter_by_text(queryset: QuerySet, query: str, field: str = "search_text") -> QuerySet:
    condition = Q()
    for stem in query_stems(query):
        alternatives = Q()
        for variant in stem_variants(stem):
            alternatives |= Q(**{f"{field}__contains": variant})
        condition &= alternatives
    return queryset.filter(condition) if condition else queryset
