"""Normative documents of the synthetic region, for benchmarks (`generate_synthetic`).

At region scale: 2 000 documents of the region's municipalities — orders and regulations of the education
authorities and the schools' own local acts on innovation activity — with numbers, dates of the last eight years
and titles from templates; a few have lost force. Bulk inserts; the search text is filled as saving would fill it.
"""

from __future__ import annotations

import datetime as dt
import random

from innoinfra.core.search import normalize
from innoinfra.demo.synthetic.scale import sizes as scaled
from innoinfra.legal.enums import DocumentLevel, DocumentStatus, DocumentType
from innoinfra.legal.models import LegalDocument
from innoinfra.reference.enums import OrganizationType
from innoinfra.reference.models import Municipality, Organization

SCALES = {"small": {"documents": 60}, "region": {"documents": 2000}}
BATCH = 1000
DT = DocumentType
SUBJECTS = ["инновационной деятельности", "муниципальных инновационных площадок", "сетевого взаимодействия",
            "наставничества педагогических работников", "методического сопровождения инновационных проектов",
            "экспертизы инновационных проектов", "мониторинга инновационной деятельности",
            "реализации программы развития", "формирования функциональной грамотности обучающихся",
            "профориентационной работы", "инклюзивного образования", "цифровой образовательной среды"]  # fmt: skip
# type → (weight, title templates, number format)
MUNICIPAL = {
    DT.ORDER: (45, ["Об утверждении положения о порядке {subject}", "О присвоении статуса муниципальной "
                    "инновационной площадки", "Об итогах {subject} в {year} году",
                    "Об утверждении плана мероприятий по развитию {subject} на {year}/{next} учебный год"], "{n}-о"),
    DT.DECREE: (10, ["Об утверждении муниципальной программы «Развитие образования» на {year}–{last} годы"], "{n}-па"),
    DT.REGULATION: (15, ["Положение о порядке {subject}", "Регламент {subject}"], ""),
    DT.STRATEGY: (5, ["Концепция {subject} в муниципальной системе образования"], ""),
    DT.RECOMMENDATIONS: (10, ["Методические рекомендации по организации {subject}"], ""),
    DT.DIRECTIVE: (5, ["О проведении муниципального конкурса инновационных проектов {year} года"], "{n}-р"),
}  # fmt: skip
INSTITUTIONAL = {
    DT.ORDER: (50, ["Об организации работы инновационной площадки в {year}/{next} учебном году",
                    "О создании рабочей группы по реализации инновационного проекта",
                    "Об утверждении программы {subject}"], "{n}-од"),
    DT.REGULATION: (35, ["Положение о рабочей группе по вопросам {subject}", "Положение о школьной системе "
                         "{subject}"], ""),
    DT.INSTRUCTION: (5, ["Инструкция по организации {subject}"], ""),
    DT.OTHER: (10, ["Программа инновационной деятельности на {year}–{last} годы"], ""),
}  # fmt: skip
KEYWORDS = ["инновационная площадка", "инновационный проект", "положение", "порядок", "экспертиза", "мониторинг",
            "наставничество", "сетевое взаимодействие", "программа развития"]  # fmt: skip


def generate_legal(region_name: str, scale: str = "small", seed: int = 1) -> dict[str, int]:
    rng = random.Random(seed * 104729 + 3)
    count = scaled(SCALES, scale)["documents"]
    municipalities = list(Municipality.objects.filter(region__name=region_name).order_by("pk"))
    if not municipalities:
        return {"нормативных документов": 0}
    organizations = list(
        Organization.objects.filter(municipality__region__name=region_name)
        .only("short_name", "type", "municipality_id")
        .order_by("pk")
    )
    authorities = {o.municipality_id: o for o in organizations if o.type == OrganizationType.AUTHORITY}
    schools = [o for o in organizations if o.type != OrganizationType.AUTHORITY]
    today = dt.date.today()
    rows = []
    for _n in range(count):
        institutional = schools and rng.random() < 0.4
        if institutional:
            org = rng.choice(schools)
            municipality_id, issuer, level, types = (
                org.municipality_id,
                org.short_name,
                DocumentLevel.INSTITUTIONAL,
                INSTITUTIONAL,
            )
        else:
            municipality = rng.choice(municipalities)
            authority = authorities.get(municipality.pk)
            issuer = authority.short_name if authority else f"Управление образования ({municipality.name})"
            municipality_id, level, types = municipality.pk, DocumentLevel.MUNICIPAL, MUNICIPAL
        doc_type = rng.choices(list(types), [w for w, _t, _f in types.values()])[0]
        _weight, templates, number_format = types[doc_type]
        date = today - dt.timedelta(days=rng.randrange(8 * 365))
        year = date.year if date.month >= 9 else date.year - 1
        title = rng.choice(templates).format(
            subject=rng.choice(SUBJECTS), year=year, next=year + 1, last=year + rng.choice([3, 4, 5])
        )
        number = number_format.format(n=rng.randint(1, 480)) if number_format else ""
        status = rng.choices(list(DocumentStatus), [85, 8, 7])[0]
        keywords = ", ".join(rng.sample(KEYWORDS, rng.randint(1, 3)))
        summary = f"Документ определяет порядок {rng.choice(SUBJECTS)} и распределяет ответственность участников."
        rows.append(
            LegalDocument(
                level=level,
                doc_type=doc_type,
                issuer=issuer,
                number=number,
                date=date,
                title=title,
                summary=summary,
                status=status,
                keywords=keywords,
                municipality_id=municipality_id,
                search_text=normalize(" ".join([number, title, issuer, summary, keywords])),
            )
        )
    created = []
    for start in range(0, len(rows), BATCH):
        created += LegalDocument.objects.bulk_create(rows[start : start + BATCH])
    return {"нормативных документов": len(created)}


def delete_legal(region_name: str) -> None:
    ids = list(LegalDocument.objects.filter(municipality__region__name=region_name).values_list("pk", flat=True))
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        Through = LegalDocument.related.through
        Through.objects.filter(from_legaldocument_id__in=chunk).delete()
        Through.objects.filter(to_legaldocument_id__in=chunk).delete()
        LegalDocument.objects.filter(replaced_by_id__in=chunk).update(replaced_by=None)
        for relation in LegalDocument._meta.related_objects:
            if relation.many_to_many or relation.related_model in (Through, LegalDocument):
                continue
            relation.related_model.objects.filter(**{f"{relation.field.name}__in": chunk}).delete()
        LegalDocument.objects.filter(pk__in=chunk)._raw_delete(LegalDocument.objects.db)
