"""A plan read from a file, before anything is saved: what the importer produces and the preview shows."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

# The item fields a plan table may carry, in the order of the official layout.
ITEM_FIELDS = ("number", "activity", "responsible", "timing", "audience", "result", "notes")


@dataclass
class ParsedItem:
    number: str | None = None
    activity: str | None = None
    responsible: str | None = None
    timing: str | None = None
    audience: str | None = None
    result: str | None = None
    # Cells of columns the importer did not recognise, joined as «Header: value; …»
    notes: str | None = None


@dataclass
class ParsedSection:
    title: str | None
    items: list[ParsedItem] = field(default_factory=list)


@dataclass
class ParsedPlan:
    title: str | None = None
    # Header texts of the plan table as written in the file
    columns: list[str] = field(default_factory=list)
    sections: list[ParsedSection] = field(default_factory=list)
    # Requisites of the approving order found in the approval block («от 11.04.2025 № 172-Д»), if any
    order_number: str | None = None
    order_date: str | None = None  # ISO date
    # Which item fields the table has (keys of ITEM_FIELDS), in table order
    fields: list[str] = field(default_factory=list)
    # What the importer saw but could not place: shown in the preview, never saved silently. Each warning quotes
    # the row (or paragraph) it is about, so a person can find it in the file.
    warnings: list[str] = field(default_factory=list)
    # The document's own metadata, read from the text around the table; the preview lets a person correct it.
    # Period: "academic" (учебный год) or "calendar" (календарный год / range of years), ISO dates of its bounds.
    period_kind: str | None = None
    period_start: str | None = None
    period_end: str | None = None
    # Who approved the plan as written in the approval block («Начальник управления образования … И. И. Иванова»)
    approved_by: str | None = None
    # The approval block itself, as written (УТВЕРЖДЕНО приказом … от … № …), for the preview
    approval_text: str | None = None
    # People named as responsible in the text around the table («Ответственный: …», the signature below it)
    responsible_people: list[str] = field(default_factory=list)

    @property
    def item_count(self) -> int:
        return sum(len(section.items) for section in self.sections)

    def as_contract(self) -> dict:
        """The JSON of `import_plan --dry-run --json`."""
        return {
            "title": self.title,
            "columns": list(self.columns),
            "sections": [
                {
                    "title": section.title,
                    "items": [
                        {key: value for key, value in asdict(item).items() if key != "notes"} for item in section.items
                    ],
                }
                for section in self.sections
            ],
        }

    def as_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> ParsedPlan:
        sections = [
            ParsedSection(section.get("title"), [ParsedItem(**item) for item in section.get("items", [])])
            for section in data.get("sections", [])
        ]
        rest = {key: value for key, value in data.items() if key != "sections"}
        return cls(sections=sections, **rest)
