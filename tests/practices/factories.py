from innoinfra.practices import services
from innoinfra.practices.enums import PracticeKind, PracticeState

ANNOTATION = "Модель сетевого взаимодействия инновационных площадок района по формированию функциональной грамотности."


def make_practice(organization, *, by=None, state=PracticeState.DRAFT, directions=(), **fields):
    """A practice of `organization` brought to `state` through the services, as people would (a published one
    skips the expertise: see tests/practices/test_expertise.py for the whole way)."""
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
    if state == PracticeState.UNDER_EXPERTISE:
        return services.send_to_expertise(practice)
    # the expertise is not what these tests are about: the shortcut the paper archive of the bank takes
    services.register_examined(practice)
    if state == PracticeState.WITHDRAWN:
        services.withdraw(practice)
    return practice


def expert_of(municipality, username: str):
    """Another member of the territory's expert council: the data-bank call's panel takes it in."""
    from innoinfra.accounts.enums import BodyPosition, Role

    from ..factories import BodyFactory, MembershipFactory, UserFactory

    user = UserFactory(username=username, first_name="Эксперт", last_name=username.capitalize())
    MembershipFactory(
        user=user, role=Role.EXPERT, body=BodyFactory(municipality=municipality), body_position=BodyPosition.MEMBER
    )
    return user


def score(assignment, values, *, conclusion="Практика заслуживает включения в банк.", recommendation="support"):
    """The expert of the assignment sends a complete review with these levels, criterion by criterion."""
    from innoinfra.review import services as review_services

    criteria = list(assignment.application.call.rubric.criteria.order_by("position"))
    return review_services.save_review(
        assignment,
        by=assignment.expert,
        scores={c.pk: (value, "") for c, value in zip(criteria, values, strict=True)},
        conclusion=conclusion,
        recommendation=recommendation,
        submit=True,
    )


def examine(practice, experts, *, by=None, values=(2, 2, 1, 2, 1)):
    """Send a submitted practice to expertise, assign the experts and let each of them send a review."""
    from innoinfra.review import services as review_services

    services.send_to_expertise(practice, by=by)
    assignments = [review_services.assign(practice.expertise, expert) for expert in experts]
    for assignment in assignments:
        score(assignment, values)
    practice.refresh_from_db()
    return assignments
