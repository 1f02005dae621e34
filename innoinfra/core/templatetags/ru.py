from django import template

from innoinfra.core import dates, numerals, typography

register = template.Library()


@register.filter
def ru_date(value):
    return dates.russian_date(value)


@register.filter
def ru_numeric_date(value):
    return dates.numeric_date(value)


@register.filter
def academic_year(first_year):
    return dates.academic_year_label(int(first_year)) if first_year not in (None, "") else ""


@register.filter
def academic_year_since(first_year):
    return dates.academic_year_since(int(first_year)) if first_year not in (None, "") else ""


@register.simple_tag
def period(start, end):
    return dates.period_label(start, end)


@register.filter
def plural_ru(number, forms: str):
    """`{{ n|plural_ru:"площадка,площадки,площадок" }}` → the word form that agrees with n."""
    return numerals.plural(number, forms)


@register.filter
def numeral(number, forms: str):
    """`{{ n|numeral:"мероприятие,мероприятия,мероприятий" }}` → «1 мероприятие», «5 мероприятий»."""
    return numerals.numeral(number or 0, forms)


@register.filter
def with_unit(value, unit: str):
    """`{{ target|with_unit:criterion.unit }}` → «3 мероприятия», «2,5 %»: the unit agrees with a whole number."""
    if value in (None, ""):
        return ""
    shown = str(value.normalize()) if hasattr(value, "normalize") else str(value)
    return numerals.with_unit(value, shown.replace(".", ","), unit or "")


@register.simple_tag(takes_context=True)
def query_with(context, **kwargs):
    """The current query string with some parameters replaced (pagination keeps the filters)."""
    params = context["request"].GET.copy()
    for key, value in kwargs.items():
        if value in (None, ""):
            params.pop(key, None)
        else:
            params[key] = value
    return params.urlencode()


@register.filter
def quoted(value):
    """`{{ title|quoted }}` → «Стажировка „Успех“»: a name in quotes, the quotes inside it nested as ГОСТ wants."""
    text = str(value or "")
    return typography.nest_quotes(f"«{text}»") if text else ""
