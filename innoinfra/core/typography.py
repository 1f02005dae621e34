"""Russian typography of official documents (ГОСТ Р 7.0.97-2025 and the common rules of Russian typesetting), in one
place for every document the system writes:

- quotes: «…» outside, „…“ inside («Об утверждении „Порядка“»), whether the text came with straight quotes or with
  «…» typed inside «…»;
- a full stop is never doubled after an abbreviation («31 декабря 2026 г.» ends a sentence as it is);
- non-breaking spaces where a line must not break: «№ 5», «11 апреля 2025 г.», «2023–2026 гг.», «50 %»,
  «Л. В. Загуменнова», «Загуменнова Л. В.»;
- the genitive case of an issuing body for «приказом Управления образования …».
"""

from __future__ import annotations

import re

NBSP = "\u00a0"

# ---------------------------------------------------------------- quotes

_OPENERS_BEFORE = set(" \t\n\u00a0([{—–-/«„")


def _straight_to_guillemets(text: str) -> str:
    """ "text" → «text»: a straight quote opens after a space, a bracket or the start, and closes otherwise."""
    if '"' not in text:
        return text
    out = []
    for index, char in enumerate(text):
        if char == '"':
            before = text[index - 1] if index else " "
            out.append("«" if before in _OPENERS_BEFORE else "»")
        else:
            out.append(char)
    return "".join(out)


def nest_quotes(text: str) -> str:
    """«Школа «Успех»» → «Школа „Успех“»: quotes inside quotes are the German ones. Unbalanced quotes (a closing one
    with nothing open) are left as they are rather than guessed at."""
    if not text:
        return text
    text = _straight_to_guillemets(text)
    if "«" not in text and "„" not in text:
        return text
    out = []
    depth = 0
    for char in text:
        if char in "«„":
            depth += 1
            out.append("«" if depth == 1 else "„")
        elif char in "»“" and depth:
            out.append("»" if depth == 1 else "“")
            depth -= 1
        else:
            out.append(char)
    return "".join(out)


# ---------------------------------------------------------------- full stops


_DOUBLE_STOP = re.compile(r"\b(г|гг|в|вв|т|п|чел|руб|тыс|млн|ул|д|им|др|пр)\.\.(?!\.)")


def end_sentence(text: str) -> str:
    """The text with a full stop at its end, unless it already ends with one (or «?», «!», «…»)."""
    text = (text or "").rstrip()
    if not text or text[-1] in ".?!…":
        return text
    return f"{text}."


def single_stops(text: str) -> str:
    """«2026 г..» → «2026 г.»: an abbreviation's full stop also ends the sentence. An ellipsis «...» is kept."""
    return _DOUBLE_STOP.sub(r"\1.", text) if ".." in text else text


# ---------------------------------------------------------------- non-breaking spaces

# spaces only: a tab separates the parts of a line (a post and a name) and stays
_NUMBER_SIGN = re.compile(r"№[ \u00a0]+(?=\S)")
_YEAR_ABBREVIATION = re.compile(r"(\d)[ \u00a0]+(гг?\.)")
_MONTHS = "января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|декабря"
_DAY_MONTH = re.compile(rf"\b(\d{{1,2}})[ \u00a0]+({_MONTHS})[ \u00a0]+(\d{{4}})\b")
_PERCENT = re.compile(r"(\d)[ \u00a0]+%")
# «Л. В. Загуменнова», «Л.В. Загуменнова»: initials, then a capitalised surname
_INITIALS_FIRST = re.compile(r"\b([А-ЯЁ])\.[ \u00a0]*([А-ЯЁ])\.[ \u00a0]+(?=[А-ЯЁ][а-яё])")
_ONE_INITIAL_FIRST = re.compile(r"(?<![А-ЯЁа-яё.])([А-ЯЁ])\.[ \u00a0]+(?=[А-ЯЁ][а-яё]{2,})")
# «Загуменнова Л. В.»: a surname, then initials
_SURNAME_INITIALS = re.compile(r"(?<=[а-яё])[ \u00a0]+([А-ЯЁ])\.[ \u00a0]*([А-ЯЁ])\.")


def bind_spaces(text: str) -> str:
    """Non-breaking spaces where Russian typesetting keeps words on one line."""
    if not text:
        return text
    text = _NUMBER_SIGN.sub(f"№{NBSP}", text)
    text = _DAY_MONTH.sub(rf"\1{NBSP}\2{NBSP}\3", text)
    text = _YEAR_ABBREVIATION.sub(rf"\1{NBSP}\2", text)
    text = _PERCENT.sub(rf"\1{NBSP}%", text)
    text = _INITIALS_FIRST.sub(rf"\1.{NBSP}\2.{NBSP}", text)
    text = _ONE_INITIAL_FIRST.sub(rf"\1.{NBSP}", text)
    text = _SURNAME_INITIALS.sub(rf"{NBSP}\1.{NBSP}\2.", text)
    return text


def official(text: str) -> str:
    """Everything above, for a text that goes into an official document."""
    if not text:
        return text or ""
    return bind_spaces(single_stops(nest_quotes(text)))


def plain(text: str) -> str:
    """The text as a reader compares it: non-breaking spaces as spaces, runs of spaces as one."""
    return " ".join((text or "").replace(NBSP, " ").split())


# ---------------------------------------------------------------- initials


def initials_surname(last: str, first: str = "", middle: str = "") -> str:
    """«Л. В. Загуменнова», as a signature is written (ГОСТ Р 7.0.97-2025: initials before the surname, a space after
    each initial; the spaces are non-breaking so the name never splits across lines)."""
    initials = NBSP.join(f"{part[0]}." for part in (first, middle) if part)
    return f"{initials}{NBSP}{last}" if initials and last else (initials or last).strip()


# ---------------------------------------------------------------- the genitive of an issuing body

# Heads of the names of bodies that issue orders, nominative → genitive. A rule set, not a dictionary of Russian:
# an issuer's name inflects only in its first words (the adjectives and the head noun); everything after the head
# («образования администрации Амурского муниципального района») is already in the genitive.
_KNOWN_HEADS = {
    "управление": "управления",
    "министерство": "министерства",
    "комитет": "комитета",
    "департамент": "департамента",
    "отдел": "отдела",
    "администрация": "администрации",
    "учреждение": "учреждения",
    "агентство": "агентства",
    "центр": "центра",
    "служба": "службы",
    "совет": "совета",
    "комиссия": "комиссии",
    "инспекция": "инспекции",
    "палата": "палаты",
    "организация": "организации",
    "школа": "школы",
    "гимназия": "гимназии",
    "лицей": "лицея",
    "колледж": "колледжа",
    "институт": "института",
    "университет": "университета",
    "сад": "сада",
    "дом": "дома",
    "глава": "главы",
    "мэрия": "мэрии",
    "правительство": "правительства",
    "губернатор": "губернатора",
    "руководитель": "руководителя",
    "начальник": "начальника",
    "директор": "директора",
    "заведующий": "заведующего",
}
_GENITIVE_HEADS = set(_KNOWN_HEADS.values())
# adjective endings of the singular, nominative → genitive (the longest first)
_ADJECTIVE_ENDINGS = (
    ("ний", "него"),
    ("ый", "ого"),
    ("ий", "ого"),
    ("ой", "ого"),
    ("ое", "ого"),
    ("ее", "его"),
    ("ая", "ой"),
    ("яя", "ей"),
)
_ADJECTIVE_GENITIVE = ("ого", "его", "ой", "ей")
_SIBILANT_OR_VELAR = set("гкхжшщч")


def _match_case(word: str, replacement: str) -> str:
    if word.isupper() and len(word) > 1:
        return replacement.upper()
    if word[:1].isupper():
        return replacement[:1].upper() + replacement[1:]
    return replacement


def _noun_genitive(word: str) -> str:
    core = word.rstrip(",;:.")
    if core != word:
        return _noun_genitive(core) + word[len(core) :]
    lower = word.lower()
    if lower in _KNOWN_HEADS:
        return _match_case(word, _KNOWN_HEADS[lower])
    for ending, genitive in (("ие", "ия"), ("ия", "ии"), ("ье", "ья"), ("о", "а"), ("е", "я"), ("я", "и"), ("й", "я")):
        if lower.endswith(ending):
            return word[: len(word) - len(ending)] + genitive
    if lower.endswith("а"):
        return word[:-1] + ("и" if lower[-2:-1] in _SIBILANT_OR_VELAR else "ы")
    if lower.endswith("ь"):
        return word[:-1] + "я"
    if lower[-1:].isalpha():
        return word + "а"
    return word


def _is_abbreviation(word: str) -> bool:
    letters = [c for c in word if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def _adjective_like(lower: str) -> bool:
    if lower in _KNOWN_HEADS or lower in _GENITIVE_HEADS:
        return False
    endings = [ending for ending, _ in _ADJECTIVE_ENDINGS] + list(_ADJECTIVE_GENITIVE)
    return any(lower.endswith(ending) and len(lower) > len(ending) + 2 for ending in endings)


def genitive(name: str) -> str:
    """«Управление образования администрации Амурского муниципального района» → «Управления образования
    администрации Амурского муниципального района»; «Муниципальное казённое учреждение «Управление образования»» →
    «Муниципального казённого учреждения «Управление образования»». An abbreviation («МКУ «УО»») and a name already
    in the genitive («Управления образования …») are left as they are."""
    name = " ".join((name or "").split())
    words = name.split(" ") if name else []
    head = None
    for index, word in enumerate(words):
        if word.startswith(("«", '"', "(", "„")) or _is_abbreviation(word):
            return name  # a proper name in quotes or an abbreviation heads the name: it does not inflect
        if not _adjective_like(word.lower().rstrip(",;:.")):
            head = index
            break
    if head is None or words[head].lower().rstrip(",;:.") in _GENITIVE_HEADS:
        return name  # no head noun found, or the name is already in the genitive
    out = []
    for word in words[:head]:
        lower = word.lower()
        for ending, replacement in _ADJECTIVE_ENDINGS:
            if lower.endswith(ending):
                word = word[: len(word) - len(ending)] + _match_case(word[-len(ending) :], replacement)
                break
        out.append(word)
    out.append(_noun_genitive(words[head]))
    return " ".join(out + words[head + 1 :])
