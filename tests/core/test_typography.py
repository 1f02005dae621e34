"""Russian typography of official documents and the names files download under."""

import pytest

from innoinfra.core.downloads import ascii_filename, disposition, document_filename
from innoinfra.core.typography import NBSP, end_sentence, genitive, initials_surname, nest_quotes, official, plain


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Управление образования администрации Амурского муниципального района",
         "Управления образования администрации Амурского муниципального района"),
        ("Управление образования, молодёжной политики и спорта администрации Амурского муниципального района",
         "Управления образования, молодёжной политики и спорта администрации Амурского муниципального района"),
        ("Муниципальное казённое учреждение «Управление образования»",
         "Муниципального казённого учреждения «Управление образования»"),
        ("Министерство образования и науки Хабаровского края", "Министерства образования и науки Хабаровского края"),
        ("Комитет по образованию администрации города", "Комитета по образованию администрации города"),
        ("Городской отдел образования", "Городского отдела образования"),
        ("Администрация Выселковского района", "Администрации Выселковского района"),
        ("Департамент образования", "Департамента образования"),
        ("Главное управление образования", "Главного управления образования"),
        # already the genitive, or an abbreviation: left as written
        ("Управления образования администрации района", "Управления образования администрации района"),
        ("МКУ «Управление образования»", "МКУ «Управление образования»"),
        ("", ""),
    ],
)
def test_the_issuer_goes_into_the_genitive(name, expected):
    assert genitive(name) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Школа «Успех» и «Проект «Лидер»»", "Школа «Успех» и «Проект „Лидер“»"),
        ('"Об образовании "в РФ""', "«Об образовании „в РФ“»"),
        ("««Школа»»", "«„Школа“»"),
        ("без кавычек", "без кавычек"),
        ("закрывающая» без открывающей", "закрывающая» без открывающей"),
    ],
)
def test_quotes_inside_quotes_are_the_german_ones(text, expected):
    assert nest_quotes(text) == expected


def test_no_doubled_full_stop_and_non_breaking_spaces():
    assert plain(official("до 31 декабря 2026 г..")) == "до 31 декабря 2026 г."
    assert official("Итак...") == "Итак..."
    assert official("от 11.04.2025 № 172-Д") == f"от 11.04.2025 №{NBSP}172-Д"
    assert official("11 апреля 2025 г.") == f"11{NBSP}апреля{NBSP}2025{NBSP}г."
    assert official("2023–2026 гг., 50 %") == f"2023–2026{NBSP}гг., 50{NBSP}%"
    assert official("Л.В. Загуменнова") == f"Л.{NBSP}В.{NBSP}Загуменнова"
    assert official("Загуменнова Л. В.") == f"Загуменнова{NBSP}Л.{NBSP}В."
    assert initials_surname("Загуменнова", "Людмила", "Викторовна") == f"Л.{NBSP}В.{NBSP}Загуменнова"
    assert end_sentence("Сведения на 1 июня 2025 г.") == "Сведения на 1 июня 2025 г."
    assert end_sentence("Сведения") == "Сведения."


def test_file_names_come_from_the_title_with_an_ascii_fallback():
    name = document_filename("План мероприятий на 2025/2026 учебный год: «Школа»?", ".docx")
    assert name == "План мероприятий на 2025-2026 учебный год «Школа».docx"
    assert document_filename("", ".docx", fallback="plan-6") == "plan-6.docx"
    assert len(document_filename("слово " * 100, ".pdf")) <= 124
    assert ascii_filename("Щука, объём, ёж.xlsx") == "Shchuka, obem, ezh.xlsx"
    header = disposition("План 2025.docx")
    assert header == "attachment; filename=\"Plan 2025.docx\"; filename*=utf-8''%D0%9F%D0%BB%D0%B0%D0%BD%202025.docx"
    assert disposition("plan.xlsx", inline=True) == 'inline; filename="plan.xlsx"'
    header.encode("latin-1")  # an HTTP header must be
