import datetime as dt

from innoinfra.legal import services
from innoinfra.legal.enums import DocumentLevel, DocumentType


def make_document(**fields):
    defaults = dict(
        level=DocumentLevel.FEDERAL,
        doc_type=DocumentType.ORDER,
        issuer="Министерство науки и высшего образования Российской Федерации",
        number="21н",
        date=dt.date(2019, 3, 22),
        title="Об утверждении Порядка формирования и функционирования инновационной инфраструктуры в системе "
        "образования",
    )
    return services.create_document(**(defaults | fields))
