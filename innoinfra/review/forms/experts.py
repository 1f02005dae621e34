"""The expert's forms: the scores with the levels' meanings and the conclusion, a declared conflict of interest,
and a reason (to decline or recuse; the methodist's pages ask for one too)."""

from __future__ import annotations

from django import forms

from innoinfra.core.forms import BootstrapMixin
from innoinfra.reference.models import Organization

from ..enums import Recommendation


class ReasonForm(BootstrapMixin, forms.Form):
    reason = forms.CharField(label="Причина", max_length=500, widget=forms.Textarea(attrs={"rows": 2}))


class ConflictForm(BootstrapMixin, forms.Form):
    organization = forms.ModelChoiceField(
        label="Организация",
        queryset=Organization.objects.filter(is_active=True).order_by("short_name"),
        widget=forms.Select(attrs={"data-tom-select": "1"}),
    )
    reason = forms.CharField(label="Характер связи", max_length=500, help_text="Например: «супруг работает учителем».")


class ReviewForm(BootstrapMixin, forms.Form):
    """One score (with the levels' meanings as the choices) and one comment per criterion."""

    conclusion = forms.CharField(
        label="Экспертное заключение", widget=forms.Textarea(attrs={"rows": 5}), required=False
    )
    recommendation = forms.ChoiceField(
        label="Рекомендация", choices=[("", "—"), *Recommendation.choices], required=False
    )

    def __init__(self, *args, criteria, review=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = list(criteria)
        existing = {s.criterion_id: s for s in review.scores.all()} if review else {}
        if review:
            self.fields["conclusion"].initial = review.conclusion
            self.fields["recommendation"].initial = review.recommendation
        for criterion in self.criteria:
            score = existing.get(criterion.pk)
            self.fields[f"score_{criterion.pk}"] = forms.TypedChoiceField(
                label=criterion.title,
                choices=[(v, f"{v} — {m}" if m else str(v)) for v, m in criterion.level_choices()],
                coerce=int,
                required=False,
                empty_value=None,
                widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
                initial=score.value if score else None,
            )
            self.fields[f"comment_{criterion.pk}"] = forms.CharField(
                label="Комментарий",
                required=False,
                widget=forms.Textarea(attrs={"rows": 2, "class": "form-control"}),
                initial=score.comment if score else "",
            )

    def rows(self):
        return [(c, self[f"score_{c.pk}"], self[f"comment_{c.pk}"]) for c in self.criteria]

    def scores(self) -> dict[int, tuple[int | None, str]]:
        return {
            c.pk: (self.cleaned_data.get(f"score_{c.pk}"), self.cleaned_data.get(f"comment_{c.pk}", ""))
            for c in self.criteria
        }
