"""Blind calls at the council: a question about an application of a blind call names its applicant only to the call's
staff until a stage of the call reveals the applicants, on the meeting's page, in the protocol and in the API alike
(the council's members are often the very experts who are still scoring it)."""

from __future__ import annotations

from collections.abc import Iterable

from innoinfra.review.blind import hides_applicants_from

HIDDEN_TITLE = "Заявка {label} конкурса «{call}»: сведения о заявителе скрыты (слепая экспертиза)"
HIDDEN_DECISION = "Решение по заявке {label}: текст скрыт, пока сведения о заявителях конкурса не раскрыты."


def hides_applicant(user, application) -> bool:
    return application is not None and hides_applicants_from(user, application.call)


def hidden_items(user, agenda: Iterable) -> set[int]:
    """The agenda items (ids) whose applicant the user may not learn yet; one answer per call."""
    by_call: dict[int, bool] = {}
    hidden = set()
    for item in agenda:
        application = item.application if item.application_id else None
        if application is None:
            continue
        if application.call_id not in by_call:
            by_call[application.call_id] = hides_applicant(user, application)
        if by_call[application.call_id]:
            hidden.add(item.pk)
    return hidden


def masked_title(item) -> str:
    return HIDDEN_TITLE.format(label=item.application.label, call=item.application.call.title)


def masked_decision(item) -> str:
    return HIDDEN_DECISION.format(label=item.application.label)
