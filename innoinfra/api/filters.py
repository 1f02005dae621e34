"""Filter fields shared by the API's resources."""

import django_filters
from django import forms
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field


@extend_schema_field(OpenApiTypes.INT)
class IdFilter(django_filters.NumberFilter):
    """A number of an object (`?call=12`): an integer, so «12.5» or «abc» is a 400 naming the filter."""

    field_class = forms.IntegerField
