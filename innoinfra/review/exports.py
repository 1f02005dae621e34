"""A call's results as Excel tables: the ranking, and every score of every expert on every criterion.

Both take the results viewer (blind.Viewer): the chair of a blind call gets the applicants hidden, and experts are named
to the staff only."""

from __future__ import annotations

from collections.abc import Mapping

from innoinfra.core.xlsx import build_workbook

from .enums import Aggregation
from .ranking import Ranking

HIDDEN_APPLICANT = "скрыт (слепая экспертиза)"


def _applicant(viewer, application) -> str:
    return viewer.organization(application) or HIDDEN_APPLICANT


def _verdict(row) -> str:
    if row.score is None:
        return "нет оценок"
    return "проходит" if row.passes else "не проходит"


def ranking_xlsx(ranking: Ranking, *, viewer) -> bytes:
    call = ranking.call
    score_header = f"Балл ({Aggregation(call.aggregation).label.lower()}"
    score_header += ", с нормированием)" if ranking.normalised else ")"
    headers = [
        "Место",
        "№ заявки",
        "Заявитель",
        "Тема",
        "Состояние заявки",
        "Назначено экспертов",
        "Отправлено оценок",
        score_header,
        "Среднее",
        "Медиана",
        "Разброс (σ)",
        "% максимума",
        *[f"К{n}. {c.title} (средний балл)" for n, c in enumerate(ranking.criteria, start=1)],
        "Порог",
        "Ниже минимума по критериям",
        "Эксперты расходятся",
    ]
    rows = [
        [
            row.rank,
            row.application.number,
            _applicant(viewer, row.application),
            viewer.theme(row.application),
            row.application.get_state_display(),
            row.assigned,
            row.submitted,
            row.score,
            row.mean,
            row.median,
            row.spread,
            row.share,
            *[row.criterion_means.get(c.pk) for c in ranking.criteria],
            _verdict(row),
            "; ".join(c.title for c in row.below_minimum),
            "да" if row.disputed else "",
        ]
        for row in ranking.rows
    ]
    return build_workbook("Рейтинг", headers, rows)


def expert_labels(ranking: Ranking, *, named: bool) -> dict[int, str]:
    """Experts by their full names for staff; otherwise «Эксперт N», numbered the same way across the call."""
    if named:
        names = {pk: (e.full_name or e.username) for pk, e in ranking.experts.items()}
        return dict(sorted(names.items(), key=lambda item: (item[1], item[0])))
    return {pk: f"Эксперт {n}" for n, pk in enumerate(sorted(ranking.experts), start=1)}


def scores_xlsx(ranking: Ranking, reviews: Mapping[tuple[int, int], tuple[str, str]], *, viewer) -> bytes:
    """One row per submitted review (application × expert): each criterion's level and comment, the total.

    `reviews`: (application id, expert id) → (recommendation label, conclusion)."""
    labels = expert_labels(ranking, named=viewer.is_staff)
    order = {pk: position for position, pk in enumerate(labels)}
    headers = ["№ заявки", "Заявитель", "Тема", "Эксперт"]
    for n, criterion in enumerate(ranking.criteria, start=1):
        headers += [f"К{n}. {criterion.title}: балл", f"К{n}: комментарий"]
    headers.append("Итого с учётом весов")
    if ranking.normalised:
        headers.append("После нормирования")
    headers += ["Рекомендация", "Заключение"]
    rows = []
    for row in ranking.rows:
        application = row.application
        for expert_id, (raw, used) in sorted(row.totals.items(), key=lambda item: order.get(item[0], len(order))):
            values = [application.number, _applicant(viewer, application), viewer.theme(application)]
            values.append(labels.get(expert_id, ""))
            for criterion in ranking.criteria:
                level, comment = ranking.matrix.get((application.pk, expert_id, criterion.pk), (None, ""))
                values += [level, comment]
            values.append(raw)
            if ranking.normalised:
                values.append(used)
            values += list(reviews.get((application.pk, expert_id), ("", "")))
            rows.append(values)
    return build_workbook("Оценки экспертов", headers, rows)
