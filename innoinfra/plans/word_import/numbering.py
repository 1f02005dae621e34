"""Word's automatic numbering: the labels («1.», «2.1.», «IV.») Word draws in front of numbered paragraphs.

They live in numbering.xml, not in the text, so a «№» column numbered by Word (or an activity paragraph numbered
as a list) would read empty. Labels are computed the way Word does: one counter per list (numId) and level,
starting at the level's `start` (or the list's `startOverride`), deeper levels restart when a shallower one
advances (unless `lvlRestart` says otherwise), and `lvlText` («%1.%2.») is filled with each level's counter in its
`numFmt`. Bullets have no number and give no label."""

from __future__ import annotations

from dataclasses import dataclass, field

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

_ROMAN = (
    (1000, "M"),
    (900, "CM"),
    (500, "D"),
    (400, "CD"),
    (100, "C"),
    (90, "XC"),
    (50, "L"),
    (40, "XL"),
    (10, "X"),
    (9, "IX"),
    (5, "V"),
    (4, "IV"),
    (1, "I"),
)
_RUSSIAN = "абвгдежзиклмнопрстуфхцчшщэюя"


def _roman(value: int) -> str:
    out = []
    for amount, letters in _ROMAN:
        while value >= amount:
            out.append(letters)
            value -= amount
    return "".join(out)


def _letters(value: int, alphabet: str) -> str:
    # Word repeats the letter after the alphabet runs out: a … z, aa … zz.
    if value < 1:
        return str(value)
    return alphabet[(value - 1) % len(alphabet)] * ((value - 1) // len(alphabet) + 1)


def format_number(value: int, kind: str) -> str:
    if kind == "upperRoman":
        return _roman(value)
    if kind == "lowerRoman":
        return _roman(value).lower()
    if kind == "upperLetter":
        return _letters(value, "ABCDEFGHIJKLMNOPQRSTUVWXYZ")
    if kind == "lowerLetter":
        return _letters(value, "abcdefghijklmnopqrstuvwxyz")
    if kind in ("russianLower", "russianUpper"):
        letters = _letters(value, _RUSSIAN)
        return letters.upper() if kind == "russianUpper" else letters
    if kind == "decimalZero":
        return f"{value:02d}"
    return str(value)


@dataclass
class Level:
    start: int = 1
    kind: str = "decimal"
    text: str = "%1."
    restart: int | None = None  # restart after a shallower level advances: None = any shallower one
    legal: bool = False  # isLgl: every level shown as a decimal


@dataclass
class _List:
    levels: dict[int, Level]
    counters: dict[int, int] = field(default_factory=dict)


def _val(element, name: str) -> str | None:
    found = element.find(f"{W}{name}")
    return None if found is None else found.get(f"{W}val")


def _levels(abstract) -> dict[int, Level]:
    levels = {}
    for lvl in abstract.findall(f"{W}lvl"):
        level = Level()
        start = _val(lvl, "start")
        level.start = int(start) if start and start.lstrip("-").isdigit() else 1
        level.kind = _val(lvl, "numFmt") or "decimal"
        text = _val(lvl, "lvlText")
        level.text = text if text is not None else ""
        restart = _val(lvl, "lvlRestart")
        level.restart = int(restart) if restart and restart.isdigit() else None
        level.legal = lvl.find(f"{W}isLgl") is not None and _val(lvl, "isLgl") not in ("0", "false")
        levels[int(lvl.get(f"{W}ilvl", "0"))] = level
    return levels


class Numbering:
    """Labels of numbered paragraphs, asked for in document order."""

    def __init__(self, numbering_element, styles_element=None):
        self.lists: dict[str, _List] = {}
        self.style_numbers: dict[str, tuple[str, int]] = {}
        if numbering_element is None:
            return
        abstracts = {
            element.get(f"{W}abstractNumId"): element for element in numbering_element.findall(f"{W}abstractNum")
        }
        # A list defined by a numbering style points (numStyleLink) to the abstractNum carrying that style's levels.
        styled = {_val(element, "styleLink"): element for element in abstracts.values() if _val(element, "styleLink")}
        # Word continues one count through every list over the same definition; a list that overrides a level
        # («начать заново») counts on its own.
        shared: dict[str, dict[int, int]] = {}
        for num in numbering_element.findall(f"{W}num"):
            abstract_id = _val(num, "abstractNumId")
            abstract = abstracts.get(abstract_id)
            if abstract is None:
                continue
            link = _val(abstract, "numStyleLink")
            levels = _levels(styled.get(link, abstract) if link else abstract)
            overrides = num.findall(f"{W}lvlOverride")
            for override in overrides:
                ilvl = int(override.get(f"{W}ilvl", "0"))
                replaced = override.find(f"{W}lvl")
                if replaced is not None:
                    levels[ilvl] = next(iter(_levels(_Wrapper([replaced])).values()), Level())
                start = _val(override, "startOverride")
                if start and start.lstrip("-").isdigit():
                    levels.setdefault(ilvl, Level()).start = int(start)
            counters = {} if overrides else shared.setdefault(abstract_id, {})
            self.lists[num.get(f"{W}numId")] = _List(levels, counters)
        if styles_element is not None:
            for style in styles_element.findall(f"{W}style"):
                ppr = style.find(f"{W}pPr")
                found = _num_pr(ppr)
                if found:
                    self.style_numbers[style.get(f"{W}styleId")] = found

    def label(self, paragraph) -> str | None:
        """The label Word draws before this paragraph (a `w:p` element), advancing the counters; None if none."""
        ppr = paragraph.find(f"{W}pPr")
        found = _num_pr(ppr)
        if found is None and ppr is not None:
            style = _val(ppr, "pStyle")
            found = self.style_numbers.get(style) if style else None
        if found is None:
            return None
        num_id, ilvl = found
        numbered = self.lists.get(num_id)
        if numbered is None or num_id == "0":
            return None
        level = numbered.levels.get(ilvl)
        if level is None or level.kind in ("bullet", "none"):
            return None
        counters = numbered.counters
        counters[ilvl] = counters[ilvl] + 1 if ilvl in counters else level.start
        for deeper in [key for key in counters if key > ilvl]:
            # lvlRestart=k (1-based) restarts the level after level k advances; 0 never restarts it.
            restart = numbered.levels.get(deeper, Level()).restart
            if restart is None or (restart != 0 and ilvl + 1 <= restart):
                del counters[deeper]
        text = level.text
        for shown in range(9):
            marker = f"%{shown + 1}"
            if marker not in text:
                continue
            shown_level = numbered.levels.get(shown, Level())
            value = counters.get(shown, shown_level.start)
            kind = "decimal" if level.legal and shown_level.kind not in ("bullet", "none") else shown_level.kind
            text = text.replace(marker, format_number(value, kind))
        return text.strip() or None


class _Wrapper:
    """Lets `_levels` read one overriding `w:lvl` like an abstractNum holding it."""

    def __init__(self, levels):
        self._levels = levels

    def findall(self, _tag):
        return self._levels


def _num_pr(ppr) -> tuple[str, int] | None:
    if ppr is None:
        return None
    num_pr = ppr.find(f"{W}numPr")
    if num_pr is None:
        return None
    num_id = _val(num_pr, "numId")
    if num_id is None:
        return None
    ilvl = _val(num_pr, "ilvl")
    return num_id, int(ilvl) if ilvl and ilvl.isdigit() else 0


def numbering_of(document) -> Numbering:
    try:
        numbering = document.part.numbering_part.element
    except (NotImplementedError, KeyError, AttributeError):  # a document without lists has no numbering part
        numbering = None
    try:
        styles = document.styles.element
    except (NotImplementedError, KeyError, AttributeError):
        styles = None
    return Numbering(numbering, styles)
