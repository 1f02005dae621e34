"""The documents the seeds cite, with their real numbers, dates and titles (seeds 000, 001, 002).

Idempotent: a document already there (same kind, number and date) is left alone. Summaries are short notes of what
each document means for innovation activity, written for the demo."""

from __future__ import annotations

import datetime as dt

from innoinfra.legal.enums import DocumentLevel as L
from innoinfra.legal.enums import DocumentStatus as S
from innoinfra.legal.enums import DocumentType as T
from innoinfra.legal.models import LegalDocument
from innoinfra.legal.services import create_document

D = dt.date
MINOBRNAUKI_KK = "Министерство образования, науки и молодёжной политики Краснодарского края"

DOCUMENTS = [
    dict(
        key="273-ФЗ",
        level=L.FEDERAL,
        doc_type=T.LAW,
        issuer="Российская Федерация",
        number="273-ФЗ",
        date=D(2012, 12, 29),
        title="Об образовании в Российской Федерации",
        status=S.AMENDED,
        keywords="инновационная деятельность, экспериментальная деятельность, инновационная инфраструктура",
        summary="Статья 20 определяет экспериментальную и инновационную деятельность в сфере образования и "
        "инновационную инфраструктуру: организации, реализующие инновационные проекты и программы, признаются "
        "федеральными или региональными инновационными площадками.",
    ),
    dict(
        key="21н",
        level=L.FEDERAL,
        doc_type=T.ORDER,
        issuer="Министерство науки и высшего образования Российской Федерации",
        number="21н",
        date=D(2019, 3, 22),
        title="Об утверждении Порядка формирования и функционирования инновационной инфраструктуры в системе "
        "образования",
        keywords="инновационная инфраструктура, федеральная инновационная площадка, порядок",
        summary="Порядок формирования и функционирования инновационной инфраструктуры и признания организаций "
        "федеральными инновационными площадками.",
        related=["273-ФЗ"],
    ),
    dict(
        key="2227-р",
        level=L.FEDERAL,
        doc_type=T.DIRECTIVE,
        issuer="Правительство Российской Федерации",
        number="2227-р",
        date=D(2011, 12, 8),
        title="Об утверждении Стратегии инновационного развития Российской Федерации на период до 2020 года",
        keywords="стратегия, инновационное развитие",
    ),
    dict(
        key="996-р",
        level=L.FEDERAL,
        doc_type=T.DIRECTIVE,
        issuer="Правительство Российской Федерации",
        number="996-р",
        date=D(2015, 5, 29),
        title="Об утверждении Стратегии развития воспитания в Российской Федерации на период до 2025 года",
        keywords="стратегия, воспитание",
    ),
    dict(
        key="563",
        level=L.REGIONAL,
        doc_type=T.ORDER,
        issuer="Министерство образования и науки Краснодарского края",
        number="563",
        date=D(2015, 2, 13),
        title="Об утверждении Положения об образовательном Форуме Краснодарского края «Инновационный поиск»",
        status=S.AMENDED,
        keywords="Инновационный поиск, форум, конкурс",
    ),
    dict(
        key="1616",
        level=L.REGIONAL,
        doc_type=T.ORDER,
        issuer=MINOBRNAUKI_KK,
        number="1616",
        date=D(2016, 3, 25),
        title="О внесении изменений в приказ министерства образования и науки Краснодарского края от 13 февраля "
        "2015 года № 563 «Об утверждении Положения об образовательном Форуме Краснодарского края «Инновационный "
        "поиск»",
        keywords="Инновационный поиск, форум",
        related=["563"],
    ),
    dict(
        key="5686",
        level=L.REGIONAL,
        doc_type=T.ORDER,
        issuer="Министерство образования и науки Краснодарского края",
        number="5686",
        date=D(2016, 12, 13),
        title="О присвоении статуса краевых инновационных площадок",
        keywords="краевая инновационная площадка, КИП, статус",
    ),
    dict(
        key="5423",
        level=L.REGIONAL,
        doc_type=T.ORDER,
        issuer=MINOBRNAUKI_KK,
        number="5423",
        date=D(2019, 12, 27),
        title="О присвоении статуса краевых инновационных площадок",
        keywords="краевая инновационная площадка, КИП, статус",
    ),
    dict(
        key="297",
        level=L.REGIONAL,
        doc_type=T.ORDER,
        issuer="ГБОУ «Институт развития образования» Краснодарского края",
        number="297",
        date=D(2021, 6, 11),
        title="О проведении образовательного конкурса «Инновационный поиск» в 2021 году",
        keywords="Инновационный поиск, конкурс",
        related=["563"],
    ),
    dict(
        key="172-Д",
        level=L.MUNICIPAL,
        doc_type=T.ORDER,
        issuer="Управление образования, молодёжной политики и спорта администрации Амурского муниципального района",
        number="172-Д",
        date=D(2025, 4, 11),
        title="Об утверждении плана мероприятий («дорожная карта») развития инновационной инфраструктуры "
        "муниципальной системы образования в Амурском муниципальном районе до 2030 года",
        keywords="дорожная карта, инновационная инфраструктура, МИП, МЭС",
        summary="Дорожная карта до 2030 года: нормативная база, конкурсы на присвоение статусов, муниципальный "
        "экспертный совет, банк данных инновационного опыта, мониторинг результативности.",
        related=["273-ФЗ", "21н"],
        territorial=True,
    ),
]


def load(registry: dict) -> None:
    amursky = registry["municipalities"]["amursky"]
    created: dict[str, LegalDocument] = {}
    for spec in DOCUMENTS:
        spec = dict(spec)
        key = spec.pop("key")
        related = [created[k] for k in spec.pop("related", []) if k in created]
        if spec.pop("territorial", False):
            spec["municipality"] = amursky
        existing = LegalDocument.objects.filter(
            doc_type=spec["doc_type"], number=spec["number"], date=spec["date"]
        ).first()
        created[key] = existing or create_document(related=related, **spec)
