"""A call's ranking as data: the criteria, one row per application, the totals."""

from __future__ import annotations

from rest_framework import serializers


class RankingCriterionSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    weight = serializers.DecimalField(max_digits=5, decimal_places=2)
    max_points = serializers.DecimalField(max_digits=8, decimal_places=2)
    minimum = serializers.IntegerField(allow_null=True)


class CriterionMeanSerializer(serializers.Serializer):
    criterion = serializers.IntegerField()
    mean = serializers.DecimalField(max_digits=8, decimal_places=2, allow_null=True)
    below_minimum = serializers.BooleanField()


POINTS = dict(max_digits=10, decimal_places=2, allow_null=True)


class RankingRowSerializer(serializers.Serializer):
    rank = serializers.IntegerField(allow_null=True, help_text="Место; null — оценок ещё нет")
    application = serializers.IntegerField()
    number = serializers.IntegerField()
    names_hidden = serializers.BooleanField()
    scores_withheld = serializers.BooleanField(
        help_text="Баллы скрыты: читатель сам ещё не отправил оценку этой заявки (места в рейтинге тогда не указаны)"
    )
    theme = serializers.CharField()
    organization_name = serializers.CharField(allow_null=True)
    state = serializers.CharField()
    assigned = serializers.IntegerField()
    submitted = serializers.IntegerField()
    complete = serializers.BooleanField()
    score = serializers.DecimalField(**POINTS, help_text="Итоговый балл по способу сведения конкурса")
    mean = serializers.DecimalField(**POINTS)
    median = serializers.DecimalField(**POINTS)
    spread = serializers.DecimalField(**POINTS, help_text="Разброс (стандартное отклонение) оценок экспертов")
    share = serializers.DecimalField(**POINTS, help_text="Доля максимума, %")
    totals = serializers.ListField(child=serializers.DecimalField(max_digits=10, decimal_places=2))
    criterion_means = CriterionMeanSerializer(many=True)
    passes = serializers.BooleanField()
    disputed = serializers.BooleanField(help_text="Эксперты разошлись больше допустимого")


class RankingSerializer(serializers.Serializer):
    call = serializers.IntegerField()
    normalised = serializers.BooleanField()
    aggregation = serializers.CharField()
    maximum = serializers.DecimalField(max_digits=10, decimal_places=2)
    pass_threshold = serializers.DecimalField(max_digits=4, decimal_places=3, help_text="Доля максимума")
    threshold_points = serializers.DecimalField(max_digits=10, decimal_places=2)
    disagreement_threshold = serializers.DecimalField(max_digits=4, decimal_places=3)
    passing_count = serializers.IntegerField()
    disputed_count = serializers.IntegerField()
    criteria = RankingCriterionSerializer(many=True)
    rows = RankingRowSerializer(many=True)
