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


def stem(word: str) -> str:
    """The Snowball stem of a normalized word; a stem too short to mean anything keeps the word."""
    cut = _stemmer.stemWord(word)
    return cut if len(cut) >= MIN_STEM else word


def query_stems(query: str) -> list[str]:
    return [stem(word) for word in normalize(query).split()][:10]


_TWO_CONSONANTS = re.compile(r"[^аеиоуыэюяйь][^аеиоуыэюяйь]$")


def stem_variants(cut: str) -> list[str]:
    """The genitive plural drops or inserts a vowel («площадок» ~ «площадк-а», «порядок» ~ «порядк-а»), and
    Snowball keeps it: a stem ending in consonant + о/е + consonant also stands for itself without that vowel,
    and one ending in two consonants for itself with о or е put between them."""
    if len(cut) <= MIN_STEM + 1:
        return [cut]
    match = _FLEETING_VOWEL.match(cut)
    if match:
        return [cut, match.group(1) + match.group(2)]
    if _TWO_CONSONANTS.search(cut):
        return [cut, *(cut[:-1] + vowel + cut[-1] for vowel in "ое")]
    return [cut]


_SURNAME_SUFFIX = ("ов", "ев", "ин", "ын")


def surname_variants(word: str, cut: str) -> list[str]:
    """Snowball reads the -ов/-ев/-ин of a masculine surname as an ending: «Петров» → петр, but «Петрова»,
    «Петровой» → петров. So a word cut down to its stem minus such a suffix also stands for the whole word, and a
    stem ending in one also for itself without it: «Петров» finds «Петровой» and «Петрова» finds «Петров»."""
    variants = []
    if word.endswith(_SURNAME_SUFFIX) and cut == word[:-2]:
        variants.append(word)
    if cut.endswith(_SURNAME_SUFFIX) and len(cut) > MIN_STEM + 2 and stem(cut) == cut[:-2]:
        variants.append(cut[:-2])
    return variants


def word_variants(word: str) -> list[str]:
    """Every stem a normalized word of a query stands for."""
    cut = stem(word)
    return list(dict.fromkeys([*stem_variants(cut), *surname_variants(word, cut)]))


def query_variants(query: str) -> list[list[str]]:
    """For each word of the query (ten at most), the stems that stand for it."""
    return [word_variants(word) for word in normalize(query).split()][:10]


def filter_by_text(queryset: QuerySet, query: str, field: str = "search_text") -> QuerySet:
    condition = Q()
    for variants in query_variants(query):
        alternatives = Q()
        for variant in variants:
            alternatives |= Q(**{f"{field}__contains": variant})
        condition &= alternatives
    return queryset.filter(condition) if condition else queryset
