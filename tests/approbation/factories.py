from innoinfra.approbation import services
from innoinfra.approbation.enums import ProductKind


def make_approbation(site, *, by=None, **fields):
    defaults = dict(
        product_title="Рабочая программа по учебному предмету «Труд (технология)», 5–9 классы",
        product_kind=ProductKind.PROGRAMME,
        product_authors="Коллектив авторов",
        aims="Оценить возможность и условия использования программы в школах района.",
        indicators="Доля обучающихся, освоивших программу\nУдовлетворённость педагогов",
    )
    return services.create_approbation(site=site, by=by, **(defaults | fields))
