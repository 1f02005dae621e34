import datetime as dt

from innoinfra.publications import services
from innoinfra.publications.enums import PublicationKind, PublicationLevel


def make_publication(organization, *, by=None, **fields):
    defaults = dict(
        kind=PublicationKind.ARTICLE,
        level=PublicationLevel.MUNICIPAL,
        title="Как мы учим читать смысловым чтением",
        outlet="Сайт МКУ ИМЦ",
        published_on=dt.date(2025, 3, 14),
        url="https://imc.example.org/news/42",
        organization=organization,
    )
    return services.create_publication(by=by, **(defaults | fields))
