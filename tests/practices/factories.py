from innoinfra.practices import services
from innoinfra.practices.enums import PracticeKind, PracticeState

ANNOTATION = "Модель сетевого взаимодействия инновационных площадок района по формированию функциональной грамотности."


def make_practice(organization, *, by=None, state=PracticeState.DRAFT, directions=(), **fields):
    """A practice of `organization` brought to `state` through the services, as people would."""
    defaults = dict(
        title="Сетевая модель формирования функциональной грамотности",
        kind=PracticeKind.MODEL,
        authors="Петров Пётр Петрович, учитель математики, МБОУ СОШ № 1",
        annotation=ANNOTATION,
        description="Описание модели: этапы, участники, формы работы.",
        levels="basic",
    )
    practice = services.create_practice(
        by=by, organization=organization, directions=list(directions), **(defaults | fields)
    )
    if state == PracticeState.DRAFT:
        return practice
    services.submit(practice, by=by)
    if state == PracticeState.SUBMITTED:
        return practice
    if state in (PracticeState.RETURNED, PracticeState.REJECTED):
        close = services.return_for_revision if state == PracticeState.RETURNED else services.reject
        return close(practice, comment="Дополните описание.")
    services.publish(practice)
    if state == PracticeState.WITHDRAWN:
        services.withdraw(practice)
    return practice
