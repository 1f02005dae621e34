"""CSV cells never open as spreadsheet formulas, while numbers and telephone numbers stay as written."""

import csv
import io

import pytest

from innoinfra.core.csv_safe import csv_lines, safe_cell


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        ("=1+1", "'=1+1"),
        ('=HYPERLINK("http://evil.example";"x")', '\'=HYPERLINK("http://evil.example";"x")'),
        ("@SUM(A1:A9)", "'@SUM(A1:A9)"),
        ("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"),
        ("-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0"),
        ("\t=1", "'\t=1"),
        ("+7 (4214) 22-33-44", "+7 (4214) 22-33-44"),
        ("-33.5", "-33.5"),
        ("Школа № 1", "Школа № 1"),
        (None, ""),
        (True, "true"),
        (12, "12"),
    ],
)
def test_a_cell_is_text_never_a_formula(value, cell):
    assert safe_cell(value) == cell


def test_lines_are_quoted_comma_separated_and_read_back():
    text = "".join(csv_lines([["id", "name"], [1, 'Школа "Успех", корпус 2\nвторая строка']]))
    assert text.startswith('"id","name"\r\n"1","Школа ""Успех"", корпус 2')
    assert list(csv.reader(io.StringIO(text, newline=""))) == [
        ["id", "name"],
        ["1", 'Школа "Успех", корпус 2\nвторая строка'],
    ]
