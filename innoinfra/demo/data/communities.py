"""Demo community of the Amursky district: «Цифровая педагогика» around the direction «Цифровая образовательная
среда» and the gymnasium's site, led by the methodist, with a news post, a discussion of the flipped classroom with
replies and a checklist attached. The demo mails nobody. Idempotent: a community with the same title is left alone."""

from __future__ import annotations

import datetime as dt

from django.core.files.base import ContentFile
from django.utils import timezone

from innoinfra.accounts.models import User
from innoinfra.communities import services
from innoinfra.communities.enums import Digest, MemberRole
from innoinfra.communities.models import Community, CommunityMember, Post, Reply
from innoinfra.reference.models import Direction
from innoinfra.registry.models import Site

TITLE = "Цифровая педагогика"
DESCRIPTION = (
    "Сообщество педагогов Амурского района, которые используют цифровые инструменты на уроках и во внеурочной "
    "деятельности: смешанное обучение, «перевёрнутый класс», электронные образовательные ресурсы, цифровое "
    "портфолио ученика.\n\nДелимся опытом и материалами, обсуждаем трудности, готовим выступления на августовском "
    "совещании и муниципальных семинарах. Удачные разработки передаём в муниципальный банк инновационного опыта."
)
MEMBERS = ["teacher", "orgadmin", "expert2", "expert3", "authority"]

NEWS = (
    "Семинар-практикум «Смешанное обучение: первые шаги» 20 ноября",
    "Коллеги, 20 ноября в 14:00 на базе МБОУ Гимназия № 8 г. Амурска пройдёт семинар-практикум для учителей "
    "основной школы. В программе: открытый урок в модели «ротация станций» (7 класс, математика), разбор урока, "
    "работа в группах по проектированию своих уроков.\n\nРегистрация — в разделе «Мероприятия». Ноутбуки для "
    "практической части предоставит гимназия.",
    12,
)
DISCUSSION = (
    "«Перевёрнутый класс» в 7–8 классах: как проверять, что ученики посмотрели материал дома?",
    "С сентября веду физику в 7–8 классах по модели «перевёрнутый класс»: дома ученики смотрят короткое видео "
    "(5–7 минут), на уроке решаем задачи и ставим опыты. Главная трудность — примерно треть класса приходит "
    "неподготовленной, и урок приходится начинать с пересказа.\n\nПробовал короткий тест в начале урока, но он "
    "съедает 10 минут. Как вы решаете эту задачу? Прикладываю чек-лист, по которому готовлю такие уроки, — буду "
    "благодарен за замечания.",
    9,
    "teacher",
)
REPLIES = [
    (
        "expert2",
        "У нас в гимназии к каждому видео есть 2–3 вопроса в электронной форме, ответы собираются до 20:00 "
        "накануне. Утром я вижу, кто не посмотрел, и сажаю этих ребят за отдельный стол с распечаткой конспекта. "
        "Через месяц таких почти не осталось.",
        8,
    ),
    (
        "expert3",
        "Согласен с Натальей Викторовной. Ещё помогает, когда видео записывает сам учитель, а не берётся готовое: "
        "дети охотнее смотрят «своего» учителя. И лучше не длиннее 5 минут.",
        7,
    ),
    (
        "orgadmin",
        "Пётр Алексеевич, предлагаю представить ваш опыт на школьном методическом объединении в декабре, а чек-лист "
        "после доработки передать в банк практик. Администрация поддержит.",
        6,
    ),
    (
        "methodist",
        "Тема актуальная для многих школ района. Включим короткое выступление по «перевёрнутому классу» в программу "
        "семинара 20 ноября. Коллеги, кто готов поделиться своими формами проверки домашнего просмотра, — напишите "
        "здесь.",
        5,
    ),
    (
        "teacher",
        "Спасибо, коллеги! Попробую электронную форму с вопросами накануне урока, через две недели расскажу о "
        "результатах. Чек-лист дополню разделом о проверке подготовки.",
        4,
    ),
]
CHECKLIST = (
    "Чек-лист урока в модели «перевёрнутый класс»\n\n"
    "1. Видео: 5–7 минут, одна идея, записано учителем.\n"
    "2. Вопросы к видео: 2–3, в электронной форме, до 20:00 накануне урока.\n"
    "3. Начало урока: разбор типичных ошибок по ответам (не более 5 минут).\n"
    "4. Основная часть: решение задач в группах, эксперимент.\n"
    "5. Для неподготовленных: отдельный стол, печатный конспект.\n"
    "6. Рефлексия: что было непонятно в видео.\n"
)


def _at(days_ago: int, now: dt.datetime) -> dt.datetime:
    return now - dt.timedelta(days=days_ago, hours=3)


def load(registry: dict) -> Community | None:
    if Community.objects.filter(title=TITLE).exists():
        return None
    people = {u.username: u for u in User.objects.filter(username__in=[*MEMBERS, "methodist"])}
    methodist = people.get("methodist")
    if methodist is None:
        return None
    now = timezone.now()
    community = services.create_community(
        by=methodist,
        title=TITLE,
        description=DESCRIPTION,
        municipality=registry["municipalities"]["amursky"],
        is_open=True,
        direction=Direction.objects.filter(name="Цифровая образовательная среда").first(),
        site=Site.objects.filter(theme__startswith="Цифровая образовательная среда гимназии").first(),
    )
    for username in MEMBERS:
        if username in people:
            services.join(community, user=people[username])
    CommunityMember.objects.filter(community=community).update(joined_at=_at(20, now))
    CommunityMember.objects.filter(community=community, user__username="orgadmin").update(role=MemberRole.MODERATOR)
    CommunityMember.objects.filter(community=community, user__username="teacher").update(
        digest=Digest.WEEKLY, last_digest_at=now
    )

    title, body, days_ago = NEWS
    news = services.publish_post(community, by=methodist, kind="news", title=title, body=body)
    Post.objects.filter(pk=news.pk).update(created_at=_at(days_ago, now), last_activity_at=_at(days_ago, now))
    Post.objects.filter(pk=news.pk).update(is_pinned=True)

    title, body, days_ago, author = DISCUSSION
    starter = people.get(author, methodist)
    discussion = services.publish_post(
        community,
        by=starter,
        kind="discussion",
        title=title,
        body=body,
        material_title="Чек-лист урока в модели «перевёрнутый класс»",
        material_file=ContentFile(CHECKLIST.encode(), name="chek-list-perevernutyi-klass.txt"),
    )
    Post.objects.filter(pk=discussion.pk).update(created_at=_at(days_ago, now))
    last = _at(days_ago, now)
    for username, text, reply_days_ago in REPLIES:
        if username not in people:
            continue
        answer = services.reply(discussion, by=people[username], body=text)
        last = _at(reply_days_ago, now)
        Reply.objects.filter(pk=answer.pk).update(created_at=last)
    Post.objects.filter(pk=discussion.pk).update(last_activity_at=last)
    return community
