"""The protocol in Word: the requisites of ГОСТ Р 7.0.97-2025, the agenda and each item's decision, signatures,
the QR code, and the attached list when more than ten people were present."""

import io

import pytest
from docx import Document
from docx.shared import Mm, Pt

from innoinfra.core.typography import plain
from innoinfra.council import services
from innoinfra.council.enums import AgendaKind, Outcome, VotingMode
from innoinfra.council.protocol import protocol_docx

from .conftest import add_item, decide

pytestmark = pytest.mark.django_db
URL = "https://inno.example.ru/council/meetings/1/"


def read(meeting):
    return Document(io.BytesIO(protocol_docx(meeting, url=URL)))


@pytest.fixture
def written(meeting, application, chair):
    first = add_item(
        meeting,
        kind=AgendaKind.APPLICATION,
        application=application,
        invited="Иванова И. С., директор МБОУ СОШ № 1",
        heard="Иванову И. С. о проекте «Функциональная грамотность в проектах».",
        spoke="Олегов О. — о новизне проекта.",
    )
    decide(first, Outcome.RECOMMEND, by=chair, votes=(4, 0, 1))
    second = add_item(meeting, kind="other", title="О плане работы совета на 2025/2026 учебный год")
    services.record_decision(second, outcome=Outcome.NOTE, text="Утвердить план работы.", mode=VotingMode.CONSENSUS)
    add_item(meeting, kind="other", title="Разное")
    return meeting


def test_the_protocol_has_the_requisites_and_the_items(written, council):
    document = read(written)
    lines = [plain(p.text) for p in document.paragraphs]
    meeting = written
    assert lines[0] == council.name
    assert "ПРОТОКОЛ" in lines
    assert f"{meeting.date:%d.%m.%Y} № ___" in lines  # the number comes when the meeting is held
    assert "г. Амурск, МБОУ ИМЦ" in lines
    assert "Председатель — Загуменнова Л. В." in lines
    assert "Секретарь — Кузнецова С. И." in lines
    present = next(line for line in lines if line.startswith("Присутствовали:"))
    assert "Олегов О." in present and "Петрова А. С." in present and "(список прилагается)" not in present
    agenda = lines.index("ПОВЕСТКА ДНЯ:")
    assert lines[agenda + 1].startswith("1. О присвоении статуса «Муниципальная инновационная площадка»")
    assert lines[agenda + 2] == "Приглашены: Иванова И. С., директор МБОУ СОШ № 1"
    assert lines[agenda + 3] == "2. О плане работы совета на 2025/2026 учебный год"
    assert "1. СЛУШАЛИ: Иванову И. С. о проекте «Функциональная грамотность в проектах»." in lines
    assert "ВЫСТУПИЛИ: Олегов О. — о новизне проекта." in lines
    decided = lines.index("ВЫСТУПИЛИ: Олегов О. — о новизне проекта.") + 1
    assert lines[decided].startswith("РЕШИЛИ: Рекомендовать присвоить МБОУ СОШ № 1 г. Амурска статус")
    assert lines[decided + 1] == "Голосовали: «За» – 4, «Против» – 0, «Воздержались» – 1."
    assert "2. СЛУШАЛИ: О плане работы совета на 2025/2026 учебный год" in lines
    assert "РЕШИЛИ: Утвердить план работы." in lines and "Решение принято единогласно." in lines
    assert "3. СЛУШАЛИ: Разное" in lines and "РЕШИЛИ: решение не принималось." in lines
    assert (
        "Председатель _______________ Л. В. Загуменнова" in lines
        and "Секретарь _______________ С. И. Кузнецова" in lines
    )
    assert f"Электронная версия протокола: {URL}" in lines


def test_the_protocol_is_laid_out_as_the_standard_says(written):
    document = read(written)
    section = document.sections[0]
    # Word stores lengths in twips: compare in whole millimetres.
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    margins = (section.top_margin, section.right_margin, section.bottom_margin, section.left_margin)
    assert [round(m.mm) for m in margins] == [20, 10, 20, 20]
    assert document.styles["Normal"].font.name == "Times New Roman"
    assert document.styles["Normal"].font.size == Pt(14)
    assert section.different_first_page_header_footer


def test_the_protocol_carries_a_qr_code_of_the_meeting_page(written):
    document = read(written)
    assert len(document.inline_shapes) == 1
    image = document.inline_shapes[0]
    assert image.width == Mm(25)
    blobs = [part.blob for part in document.part.package.parts if part.content_type == "image/png"]
    assert len(blobs) == 1 and blobs[0].startswith(b"\x89PNG")


def test_with_more_than_ten_present_the_count_is_given_and_the_list_attached(written):
    for number in range(7):
        services.invite(written, name=f"Приглашённый Гость {number}", position="учитель")
    document = read(written)
    lines = [plain(p.text) for p in document.paragraphs]
    assert "Присутствовали: 12 чел. (список прилагается)" in lines
    assert not any(line.startswith("Приглашённые:") for line in lines)
    attached = lines.index(f"Приложение к протоколу от {written.date:%d.%m.%Y} № ___")  # numbered when held
    assert attached > lines.index("Председатель _______________ Л. В. Загуменнова")
    assert "Список присутствующих" in lines[attached:]
    listed = [line for line in lines[attached:] if line[:1].isdigit()]
    assert len(listed) == 12
    assert listed[0].startswith("1. ") and listed[-1] == "12. Приглашённый Гость 6 — учитель, приглашённый"


def test_with_ten_present_they_are_named(written):
    for name in ("Алексеев Алексей Алексеевич", "Борисова Вера", "Громов Д.", "Дьяченко Елена Юрьевна", "Ершов"):
        services.invite(written, name=name)
    lines = [plain(p.text) for p in read(written).paragraphs]
    assert not any("список прилагается" in line for line in lines)
    assert "Приглашённые: Алексеев А. А., Борисова В., Громов Д., Дьяченко Е. Ю., Ершов" in lines
    assert not any(line.startswith("Приложение к протоколу") for line in lines)


def test_a_failed_vote_says_so(meeting):
    item = add_item(meeting, kind="other", title="О проекте положения")
    decide(item, Outcome.NOTE, text="Проект положения не одобрен.", votes=(1, 3, 1))
    lines = [plain(p.text) for p in read(meeting).paragraphs]
    assert "Голосовали: «За» – 1, «Против» – 3, «Воздержались» – 1. Решение не принято." in lines
