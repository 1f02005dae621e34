"""The passport's edit form: one field per section in the seed's order, and one per academic year of the site's
period for the year's tasks."""

from __future__ import annotations

from django import forms
from django.utils import timezone

from innoinfra.core.dates import academic_year_label, academic_year_of
from innoinfra.core.forms import BootstrapMixin
from innoinfra.core.versioning import VersionedFormMixin

from .models import SitePassport
from .sections import SECTIONS

# A site of ten years is already rare; more year fields would only lengthen the page.
MAX_YEARS = 10


def years_of(site, passport: SitePassport) -> list[int]:
    """The academic years a form offers: those of the site's period (or the current one) and any already written."""
    today = timezone.localdate()
    first = academic_year_of(site.start_date) if site.start_date else academic_year_of(today)
    last = academic_year_of(site.end_date) if site.end_date else max(first, academic_year_of(today))
    years = set(range(first, min(last, first + MAX_YEARS - 1) + 1))
    years |= {int(e["year"]) for e in passport.year_tasks or []}
    return sorted(years)


class _PassportFields(forms.Form):
    """The fields, added per site (its academic years); `PassportForm` puts the version and Bootstrap over them."""

    def __init__(self, *args, passport: SitePassport, site, **kwargs):
        initial = {s.code: getattr(passport, s.code) for s in SECTIONS}
        texts = {int(e["year"]): e["text"] for e in passport.year_tasks or []}
        self.years = years_of(site, passport)
        initial |= {f"year_{year}": texts.get(year, "") for year in self.years}
        super().__init__(*args, initial=initial, **kwargs)
        for section in SECTIONS:
            field = SitePassport._meta.get_field(section.code)
            widget = forms.TextInput if section.single_line else forms.Textarea(attrs={"rows": section.rows})
            self.fields[section.code] = forms.CharField(
                label=section.label,
                required=section.code == "theme",
                max_length=field.max_length,
                widget=widget,
            )
        for year in self.years:
            self.fields[f"year_{year}"] = forms.CharField(
                label=f"Задачи на {academic_year_label(year)}",
                required=False,
                widget=forms.Textarea(attrs={"rows": 4}),
            )


class PassportForm(BootstrapMixin, VersionedFormMixin, _PassportFields):
    """Built as `PassportForm(data, passport=…, site=…)`: the version read is the passport's own."""

    def __init__(self, *args, passport: SitePassport, site, **kwargs):
        super().__init__(*args, passport=passport, site=site, version=passport.version, **kwargs)

    def section_fields(self):
        return [self[s.code] for s in SECTIONS]

    def year_fields(self):
        return [self[f"year_{year}"] for year in self.years]

    def passport_data(self) -> dict:
        data = {s.code: self.cleaned_data[s.code] for s in SECTIONS}
        data["year_tasks"] = [{"year": year, "text": self.cleaned_data[f"year_{year}"]} for year in self.years]
        return data
