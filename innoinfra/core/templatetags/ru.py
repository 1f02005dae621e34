from django import template

from innoinfra.core import dates

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
    one, few, many = forms.split(",")
    n = abs(int(number or 0))
    if n % 10 == 1 and n % 100 != 11:
        return one
    if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
        return few
    return many


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
