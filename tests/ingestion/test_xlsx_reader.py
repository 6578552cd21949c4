"""Workbooks (.xlsx) read as their CSV would be: a diary with real date cells, a sheet a
diarist, months as sheets, a transcription tool's export, and what is not read named."""

from __future__ import annotations

import io
from datetime import datetime

import pytest
from openpyxl import Workbook

from journeybot.core.errors import CorruptFileError
from journeybot.core.models import Role, SourceKind
from journeybot.ingestion import read_transcript


def _workbook(sheets: dict[str, list[list[object]]]) -> bytes:
    book = Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_a_diary_workbook_reads_like_its_csv_with_dates_from_date_cells() -> None:
    data = _workbook(
        {
            "Entries": [
                ["Participant ID", "Entry date", "Diary entry"],
                ["P01", datetime(2026, 3, 1), "No weekend delivery slots at all, annoyed."],
                ["P02", datetime(2026, 3, 2, 9, 30), "Rode to work for the first time, loved it."],
            ]
        }
    )

    transcript = read_transcript(data, "diary.xlsx")

    assert transcript.kind is SourceKind.DIARY
    assert transcript.format == "xlsx"
    assert [(u.speaker, u.date, u.location) for u in transcript.utterances] == [
        ("P1", "2026-03-01", "row 2"),
        ("P2", "2026-03-02T09:30:00", "row 3"),
    ]


def test_a_sheet_a_diarist_names_each_entry_after_its_sheet() -> None:
    header = ["Date", "What happened today?"]
    data = _workbook(
        {
            "Sarah": [header, ["2026-03-01", "The app crashed twice when I tried to pay."]],
            "Ravi": [header, ["2026-03-01", "Delivery only on weekdays, so I worked from home."]],
        }
    )

    transcript = read_transcript(data, "diaries.xlsx")

    assert {(u.speaker, u.role) for u in transcript.utterances} == {
        ("Sarah", Role.PARTICIPANT),
        ("Ravi", Role.PARTICIPANT),
    }
    assert not any("not read" in warning for warning in transcript.warnings)


def test_survey_waves_as_sheets_are_many_respondents_not_one_person_a_sheet() -> None:
    header = ["What frustrates you most about the app?", "How did you feel when it failed?"]
    answers = [
        [
            f"The login times out every morning, {who} says it does for them too.",
            f"Cross, like {who}.",
        ]
        for who in ("Ann", "Bo", "Cy")
    ]
    data = _workbook({"Wave 1": [header, *answers], "Wave 2": [header, *answers[:2]]})

    transcript = read_transcript(data, "survey.xlsx")

    speakers = {u.speaker for u in transcript.utterances}
    assert "Wave 1" not in speakers and "Wave 2" not in speakers
    assert len(speakers) == 5
    assert transcript.utterances[-1].location.startswith("sheet 'Wave 2', row 3")


def test_sheets_with_other_columns_are_named_not_dropped_unseen() -> None:
    data = _workbook(
        {
            "March": [["Participant", "Entry"], ["Mei", "Saw the advert at the station."]],
            "April": [["Participant", "Entry"], ["Owen", "Swapped a shift to be home for it."]],
            "Codebook": [["Code", "Meaning"], ["PAY", "Payment trouble"]],
        }
    )

    transcript = read_transcript(data, "months.xlsx")

    assert [u.speaker for u in transcript.utterances] == ["Mei", "Owen"]
    assert transcript.warnings == [
        "read the sheet(s) with the columns of 'March'; not read, as their columns differ: "
        "'Codebook'"
    ]


def test_a_transcription_tools_workbook_is_read_as_a_conversation() -> None:
    data = _workbook(
        {
            "Transcript": [
                ["Speaker", "Start", "Text"],
                ["Interviewer", "00:00:01", "How did you hear about Pedalo?"],
                ["Sarah", "00:00:05", "An advert at the station, while my bus was late again."],
                ["Interviewer", "00:00:20", "What happened when you signed up?"],
                ["Sarah", "00:00:24", "The app crashed on the card screen, twice."],
            ]
        }
    )

    transcript = read_transcript(data, "call.xlsx")

    assert transcript.kind is SourceKind.INTERVIEW
    said = [u.text for u in transcript.utterances if u.role is Role.PARTICIPANT]
    assert said == [
        "An advert at the station, while my bus was late again.",
        "The app crashed on the card screen, twice.",
    ]


def test_a_name_merged_down_beside_its_entries_is_each_entrys_participant() -> None:
    """Researchers merge a diarist's name down beside all their entries; a CSV export
    leaves the rows below blank, and those entries were skipped as no one's."""
    book = Workbook()
    sheet = book.active
    for row in [
        ["Participant", "Date", "Entry", "Notes"],
        ["Mei", "2026-03-01", "Saw the advert at the station.", None],
        [None, "2026-03-02", "Signed up on the bus, card declined once.", None],
        [None, "2026-03-03", "First ride, the seat would not go low enough.", None],
        ["Owen", "2026-03-01", "Swapped a shift to be home for the delivery.", "across"],
    ]:
        sheet.append(row)
    sheet.merge_cells("A2:A4")
    sheet.merge_cells("D5:E5")  # across columns: not spread into a neighbour's cell
    buffer = io.BytesIO()
    book.save(buffer)

    transcript = read_transcript(buffer.getvalue(), "diary.xlsx")

    assert [(u.speaker, u.location) for u in transcript.utterances] == [
        ("Mei", "row 2"),
        ("Mei", "row 3"),
        ("Mei", "row 4"),
        ("Owen", "row 5"),
    ]
    assert not any("no participant" in warning for warning in transcript.warnings)


def test_a_quote_is_located_at_the_row_and_sheet_a_reader_finds_it_in() -> None:
    """Rows above a title, and a second sheet, used to shift every row number."""
    header = ["Participant", "Entry"]
    data = _workbook(
        {
            "March": [[None], ["Diary study, wave 2"], [None], header, ["Mei", "Saw the advert."]],
            "April": [header, ["Owen", "Swapped a shift."], ["Mei", "Rode to work."]],
        }
    )

    transcript = read_transcript(data, "months.xlsx")

    assert [(u.speaker, u.location) for u in transcript.utterances] == [
        ("Mei", "sheet 'March', row 5"),
        ("Owen", "sheet 'April', row 2"),
        ("Mei", "sheet 'April', row 3"),
    ]


@pytest.mark.parametrize("data", [b"not a zip at all", b"PK\x03\x04broken"])
def test_a_file_that_is_no_workbook_is_refused_with_what_to_do(data: bytes) -> None:
    with pytest.raises(CorruptFileError) as err:
        read_transcript(data, "diary.xlsx")
    assert "is not a valid Excel .xlsx workbook" in str(err.value)
    assert "export the sheet as CSV" in str(err.value)


def test_an_empty_workbook_is_refused() -> None:
    with pytest.raises(CorruptFileError, match="sheets are all empty"):
        read_transcript(_workbook({"Sheet1": []}), "empty.xlsx")
