"""Word documents of a review: one expert's conclusion on an application, and the summary of all the experts'
conclusions for the council (experts anonymised), in the official layout of core.docx_layout."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal

from django.utils import timezone
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

from innoinfra.core import docx_layout as layout
from innoinfra.core.dates import russian_date

from .aggregation import q
from .enums import Aggregation, ReviewState
from .models import Application, Criterion, Review
from .ranking import RankingRow

FONT = "Times New Roman"


# ---------------------------------------------------------------- numbers in Russian text


def number(value: Decimal | int | float | None) -> str:
    """«20», «20,5», «66,67»: at most two decimals, a decimal comma, no trailing zeros; «—» for nothing."""
    if value is None:
        return "—"
    value = q(Decimal(value))
    if value == value.to_integral_value():
        return str(int(value))
    return f"{value:f}".rstrip("0").replace(".", ",")


def percent(value: Decimal | None) -> str:
    """«84,9»: one decimal always, so that a column of shares lines up; «—» for nothing."""
    if value is None:
        return "—"
    return f"{Decimal(value).quantize(Decimal('0.1')):f}".replace(".", ",")


def points_word(value: Decimal | int | None) -> str:
    """The form of «балл» that agrees with the number (a fraction takes «балла»)."""
    if value is None:
        return "баллов"
    value = q(Decimal(value))
    if value != value.to_integral_value():
        return "балла"
    n = abs(int(value))
    if n % 10 == 1 and n % 100 != 11:
        return "балл"
    if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
        return "балла"
    return "баллов"


def points(value: Decimal | int | None) -> str:
    """«18 баллов», «20,5 балла»."""
    return f"{number(value)} {points_word(value)}"


def _local_date(value: dt.datetime | dt.date | None) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return value


# ---------------------------------------------------------------- layout


def _new_document():
    return layout.new_document()


def _centered(document, text: str, *, bold: bool = False):
    return layout.add_paragraph(document, text, bold=bold, align=WD_ALIGN_PARAGRAPH.CENTER)


def _field(document, label: str, value: str):
    """«Label: value» with the label in bold."""
    paragraph = layout.add_paragraph(document)
    paragraph.paragraph_format.space_after = Pt(3)
    layout.add_run(paragraph, f"{label}: ", bold=True)
    layout.add_run(paragraph, value or "—")
    return paragraph


def _heading(document, text: str):
    paragraph = layout.add_paragraph(document, text, bold=True, space_before=12)
    paragraph.paragraph_format.space_after = Pt(6)
    return paragraph


def _cell(cell, text: str, *, bold: bool = False, size: int = 12, align=None) -> None:
    layout.fill_cell(cell, text, bold=bold, size=size, align=align)


def _table(document, headers: Sequence[str], rows: Sequence[Sequence[str]], *, numeric: Sequence[int] = ()):
    return layout.add_table(document, headers, rows, numeric=tuple(numeric))


def _text(document, text: str) -> None:
    for line in filter(None, (text or "").splitlines()):
        layout.add_paragraph(document, line.strip(), indent=True, align=WD_ALIGN_PARAGRAPH.JUSTIFY)


def _bytes(document) -> bytes:
    return layout.to_bytes(document)


def _requisites(document, application: Application, *, hidden: bool) -> None:
    call = application.call
    _field(document, "Конкурс", f"«{call.title}»")
    if hidden:
        _field(document, "Заявитель", "скрыт (слепая экспертиза)")
        _field(document, "Тема проекта", application.blind_theme or "скрыта (слепая экспертиза)")
    else:
        organization = application.lead_organization
        _field(document, "Заявитель", organization.full_name or organization.short_name)
        _field(document, "Тема проекта", application.theme)
    if application.site_kind:
        _field(document, "Испрашиваемый статус", application.site_kind.name)


# ---------------------------------------------------------------- one expert's conclusion


def review_docx(review: Review, criteria: Sequence[Criterion], *, hidden: bool, today: dt.date) -> bytes:
    """The expert's conclusion: criteria with the meaning of each level, the weighted points, the total.

    `hidden`: the call is blind for this reader, so the applicant is not named."""
    assignment = review.assignment
    application = assignment.application
    expert = assignment.expert
    scores = {s.criterion_id: s for s in review.scores.all()}
    maximum = sum((c.max_points for c in criteria), Decimal(0))
    document = _new_document()
    if review.state != ReviewState.SUBMITTED:
        _centered(document, "ПРОЕКТ: оценка ещё не отправлена экспертом", bold=True)
    _centered(document, "ЭКСПЕРТНОЕ ЗАКЛЮЧЕНИЕ", bold=True)
    _centered(document, f"на заявку № {application.number}")
    layout.add_paragraph(document)
    _requisites(document, application, hidden=hidden)
    _heading(document, "Оценка по критериям")
    rows = []
    total = Decimal(0)
    for position, criterion in enumerate(criteria, start=1):
        score = scores.get(criterion.pk)
        if score is None:
            rows.append([str(position), criterion.title, "не выставлен", number(criterion.weight), "—", ""])
            continue
        earned = Decimal(score.value) * criterion.weight
        total += earned
        meaning = criterion.meaning_of(score.value)
        level = f"{score.value} — {meaning}" if meaning else str(score.value)
        rows.append(
            [
                str(position),
                criterion.title,
                f"{level} (из {criterion.max_level})",
                number(criterion.weight),
                number(earned),
                score.comment,
            ]
        )
    table = _table(
        document, ["№", "Критерий", "Балл и его значение", "Вес", "Баллы", "Комментарий"], rows, numeric=(0, 3, 4)
    )
    last = table.add_row().cells
    _cell(last[0].merge(last[3]), "Итого с учётом весов", bold=True)
    _cell(last[4], number(total), bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    _cell(last[5], f"из {number(maximum)}")
    layout.add_paragraph(document)
    share = f" ({number(total / maximum * 100)} % максимума)" if maximum else ""
    _field(document, "Итоговый балл", f"{points(total)} из {number(maximum)}{share}")
    _heading(document, "Заключение")
    _text(document, review.conclusion or "Заключение не написано.")
    layout.add_paragraph(document)
    _field(document, "Рекомендация", review.get_recommendation_display() or "не выбрана")
    layout.add_paragraph(document)
    _field(document, "Эксперт", expert.full_name or expert.username)
    _field(document, "Дата", russian_date(_local_date(review.submitted_at) or today))
    layout.add_paragraph(document)
    layout.add_paragraph(document, f"Подпись _______________ / {expert.short_name} /", space_before=12)
    return _bytes(document)


# ---------------------------------------------------------------- the summary for the council


def summary_docx(
    application: Application,
    row: RankingRow | None,
    reviews: Sequence[Review],
    criteria: Sequence[Criterion],
    matrix: dict[tuple[int, int, int], tuple[int, str]],
    *,
    maximum: Decimal,
    normalised: bool,
    today: dt.date,
) -> bytes:
    """All submitted reviews of an application with their statistics; the experts appear as «Эксперт 1, 2 …»
    in the order of their assignment. `row` is the application's row of the call's ranking (None if not ranked)."""
    call = application.call
    document = _new_document()
    _centered(document, "СВОДНОЕ ЭКСПЕРТНОЕ ЗАКЛЮЧЕНИЕ", bold=True)
    _centered(document, f"по заявке № {application.number}")
    layout.add_paragraph(document)
    _requisites(document, application, hidden=False)
    partners = [p.short_name for p in application.partners.all()]
    if partners:
        _field(document, "Организации сети", "; ".join(partners))
    if application.supervisor:
        _field(document, "Научный руководитель (консультант)", application.supervisor)
    if application.start_date and application.end_date:
        _field(
            document,
            "Сроки реализации",
            f"с {russian_date(application.start_date)} по {russian_date(application.end_date)}",
        )
    if application.submitted_at:
        _field(document, "Заявка подана", russian_date(_local_date(application.submitted_at)))
    assigned = row.assigned if row else len(reviews)
    _field(document, "Отправлено оценок экспертов", f"{len(reviews)} из {assigned}")

    labels = {review.assignment.expert_id: f"Эксперт {n}" for n, review in enumerate(reviews, start=1)}
    _heading(document, "Оценки экспертов")
    if reviews:
        headers = ["Эксперт", "Итоговый балл", "% максимума", "Рекомендация"]
        if normalised:
            headers.insert(2, "После нормирования")
        rows = []
        for review in reviews:
            raw, used = (row.totals.get(review.assignment.expert_id) if row else None) or (review.total, review.total)
            values = [
                labels[review.assignment.expert_id],
                number(raw),
                number(raw / maximum * 100) if maximum and raw is not None else "—",
                review.get_recommendation_display() or "—",
            ]
            if normalised:
                values.insert(2, number(used))
            rows.append(values)
        _table(document, headers, rows, numeric=range(1, len(headers) - 1))
    else:
        layout.add_paragraph(document, "Оценок экспертов пока нет.")

    _heading(document, "Сводные показатели")
    method = Aggregation(call.aggregation).label
    score = row.score if row else None
    _field(document, "Способ сведения оценок", method + (" (с нормированием оценок экспертов)" if normalised else ""))
    _field(document, "Сводный балл", f"{points(score)} из {number(maximum)}" if score is not None else "—")
    _field(document, "Среднее", number(row.mean if row else None))
    _field(document, "Медиана", number(row.median if row else None))
    _field(document, "Разброс (стандартное отклонение)", number(row.spread if row else None))
    _field(
        document, "Процент от максимального балла", f"{number(row.share)} %" if row and row.share is not None else "—"
    )
    threshold = q(maximum * call.pass_threshold)
    _field(document, "Порог прохождения", f"{number(call.pass_threshold * 100)} % максимума ({points(threshold)})")
    if row and row.disputed:
        _field(
            document,
            "Внимание",
            f"оценки экспертов расходятся больше чем на {number(call.disagreement_threshold * 100)} % "
            "максимального балла; заявку следует обсудить на заседании совета",
        )

    _heading(document, "Средние баллы по критериям")
    expert_ids = [review.assignment.expert_id for review in reviews]
    rows = []
    for position, criterion in enumerate(criteria, start=1):
        mean = row.criterion_means.get(criterion.pk) if row else None
        levels = [
            f"{labels[e]}: {matrix[(application.pk, e, criterion.pk)][0]}"
            for e in expert_ids
            if (application.pk, e, criterion.pk) in matrix
        ]
        below = bool(row and criterion in row.below_minimum)
        rows.append(
            [
                str(position),
                criterion.title,
                f"{number(mean)}{' (ниже минимума)' if below else ''}",
                "—" if criterion.minimum is None else str(criterion.minimum),
                "; ".join(levels) or "—",
            ]
        )
    _table(document, ["№", "Критерий", "Средний балл", "Минимум", "Баллы экспертов"], rows, numeric=(0, 2, 3))

    _heading(document, "Итог")
    if score is None:
        verdict = "Оценок нет: результат экспертизы не определён."
    elif row.passes:
        verdict = f"Заявка проходит порог: {points(score)} при пороге {points(threshold)}."
    else:
        reasons = []
        if score < threshold:
            reasons.append(f"{points(score)} при пороге {points(threshold)}")
        if row.below_minimum:
            reasons.append("средний балл ниже минимума по критериям: " + "; ".join(c.title for c in row.below_minimum))
        verdict = "Заявка не проходит порог: " + ", ".join(reasons) + "."
    layout.add_paragraph(document, verdict)

    _heading(document, "Заключения экспертов")
    for review in reviews:
        paragraph = layout.add_paragraph(document, labels[review.assignment.expert_id], bold=True, space_before=6)
        recommendation = review.get_recommendation_display()
        if recommendation:
            layout.add_run(paragraph, f" — {recommendation.lower()}")
        _text(document, review.conclusion or "Заключение не написано.")
    if not reviews:
        layout.add_paragraph(document, "Заключений пока нет.")
    layout.add_paragraph(document)
    _field(document, "Сведения сформированы", russian_date(today))
    return _bytes(document)


# ---------------------------------------------------------------- the applicant's application, to sign and stamp


BLANK_DATE = "«___» ____________ 20___ г."


def application_title(application: Application) -> str:
    return f"Заявка {application.label} — {application.theme}"


def application_docx(application: Application, passport: Sequence[tuple[str, str]]) -> bytes:
    """The application with its project passport as the applicant signs and stamps it: the call, the applicant and
    the requested status, the passport's sections (`passport`: (label, text) in the call's form order), then the
    head's signature block «Руководитель организации ____ / И. О. Фамилия /», «М. П.» and the date line."""
    call = application.call
    organization = application.lead_organization
    document = _new_document()
    _centered(document, "ЗАЯВКА", bold=True)
    _centered(document, f"на участие в конкурсе «{call.title}»")
    _centered(document, f"(регистрационный номер {application.label})")
    layout.add_paragraph(document)
    _field(document, "Заявитель", organization.full_name or organization.short_name)
    if organization.address:
        _field(document, "Адрес", organization.address)
    if application.site_kind:
        _field(document, "Испрашиваемый статус", application.site_kind.name)
    _field(document, "Тема проекта", application.theme)
    partners = [p.full_name or p.short_name for p in application.partners.all() if p.pk != organization.pk]
    if partners:
        _field(document, "Организации сети", "; ".join(partners))
    if application.supervisor:
        _field(document, "Научный руководитель (консультант)", application.supervisor)
    if application.start_date and application.end_date:
        _field(
            document,
            "Сроки реализации",
            f"с {russian_date(application.start_date)} по {russian_date(application.end_date)}",
        )
    if application.submitted_at:
        _field(document, "Заявка подана", russian_date(_local_date(application.submitted_at)))

    _heading(document, "ПАСПОРТ ПРОЕКТА")
    for number_, (label, text) in enumerate(passport, start=1):
        layout.add_paragraph(document, f"{number_}. {label}", bold=True, space_before=6)
        _text(document, text or "Не заполнено.")

    layout.add_paragraph(document)
    layout.add_paragraph(document)
    head = layout.initials_surname(*layout.split_name(organization.head_name)) if organization.head_name else ""
    layout.signature_block(document, "Руководитель организации", f"/ {head or '_______________'} /")
    layout.add_paragraph(document, "М. П.", space_before=6)
    layout.add_paragraph(document)
    layout.add_paragraph(document, BLANK_DATE)
    document.core_properties.title = application_title(application)
    return _bytes(document)
