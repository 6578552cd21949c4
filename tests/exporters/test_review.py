"""Reading reviewers' verdicts back from a Word draft, and refusing files that are not one."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from journeybot.core.errors import ReviewFileError
from journeybot.core.models import (
    Citation,
    Claim,
    ClaimReview,
    ReviewStatus,
    StageInsight,
    claim_id,
)
from journeybot.exporters import read_review, write_docx
from journeybot.exporters.bundle import clean_text
from tests.exporters.draft_fixture import DRAFT_ID, STUDY, make_bundle
from tests.exporters.reviewing import fill_review, track_status_change, validation_table


def _ids(path: Path) -> list[str]:
    return [row.cells[0].text for row in validation_table(docx.Document(str(path))).rows[1:]]


def test_statuses_and_comments_typed_in_word_come_back(exported: Path, tmp_path: Path) -> None:
    ids = _ids(exported)
    verdicts = {
        ids[0]: ("Confirmed", ""),
        ids[1]: ("change", "Say “hidden” plan differences & name the plan <Plus>"),
        ids[2]: (" Remove ", "Only Siobhán said this 😬\nand only once"),
        ids[3]: ("REMOVED.", ""),
    }
    reviewed = read_review(fill_review(exported, tmp_path / "reviewed.docx", verdicts))
    assert (reviewed.study, reviewed.draft_id) == (STUDY, DRAFT_ID)
    by_id = {review.claim_id: review for review in reviewed.reviews}
    assert [r.claim_id for r in reviewed.reviews] == ids
    assert by_id[ids[0]] == ClaimReview(claim_id=ids[0], status=ReviewStatus.CONFIRMED)
    assert by_id[ids[1]].status is ReviewStatus.CHANGE
    assert by_id[ids[1]].comment == "Say “hidden” plan differences & name the plan <Plus>"
    assert by_id[ids[2]].status is ReviewStatus.REMOVE
    assert by_id[ids[2]].comment == "Only Siobhán said this 😬\nand only once"
    assert by_id[ids[3]].status is ReviewStatus.REMOVE


def test_prefilled_status_and_comment_read_back_unchanged(exported: Path) -> None:
    reviews = {r.claim_id: r for r in read_review(exported).reviews}
    bundle = make_bundle()
    for claim in bundle.journey.claims():
        assert reviews[claim.id].status is claim.status
        assert reviews[claim.id].comment == claim.comment


def test_tracked_changes_count_the_new_text_only(exported: Path, tmp_path: Path) -> None:
    document = docx.Document(str(exported))
    row = validation_table(document).rows[1]
    track_status_change(row.cells[3], "Unreviewed", "Confirmed")
    document.save(str(tmp_path / "tracked.docx"))
    first = read_review(tmp_path / "tracked.docx").reviews[0]
    assert first.claim_id == row.cells[0].text
    assert first.status is ReviewStatus.CONFIRMED


def test_lost_properties_fall_back_to_the_visible_review_key(
    exported: Path, tmp_path: Path
) -> None:
    document = docx.Document(str(exported))
    document.core_properties.identifier = ""
    document.core_properties.subject = ""
    document.save(str(tmp_path / "stripped.docx"))
    reviewed = read_review(tmp_path / "stripped.docx")
    assert (reviewed.study, reviewed.draft_id) == (STUDY, DRAFT_ID)
    assert len(reviewed.reviews) == len(_ids(exported))


def test_table_is_found_by_its_claim_ids_when_the_header_row_is_gone(
    exported: Path, tmp_path: Path
) -> None:
    document = docx.Document(str(exported))
    table = validation_table(document)
    table._tbl.remove(table.rows[0]._tr)
    document.save(str(tmp_path / "headless.docx"))
    reviewed = read_review(tmp_path / "headless.docx")
    assert [r.claim_id for r in reviewed.reviews] == _ids(exported)


def test_a_bad_status_names_the_claim_and_the_allowed_values(
    exported: Path, tmp_path: Path
) -> None:
    target = _ids(exported)[4]
    path = fill_review(exported, tmp_path / "bad.docx", {target: ("Looks good!", "")})
    with pytest.raises(ReviewFileError) as caught:
        read_review(path)
    message = str(caught.value)
    assert target in message and "Looks good!" in message
    assert "Unreviewed, Confirmed, Change, Remove" in message
    assert message.startswith("bad.docx")


def test_a_word_file_that_is_not_ours_is_refused(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("Minutes of the March workshop")
    table = document.add_table(rows=2, cols=2)
    table.rows[0].cells[0].text = "Action"
    document.save(str(tmp_path / "minutes.docx"))
    with pytest.raises(ReviewFileError, match=r"minutes\.docx is a Word file but not a Journeybot"):
        read_review(tmp_path / "minutes.docx")


def test_our_marker_without_a_validation_table_is_refused(exported: Path, tmp_path: Path) -> None:
    document = docx.Document(str(exported))
    table = validation_table(document)
    table._tbl.getparent().remove(table._tbl)
    document.save(str(tmp_path / "no-table.docx"))
    with pytest.raises(ReviewFileError, match="no validation table"):
        read_review(tmp_path / "no-table.docx")


def test_a_text_file_renamed_docx_is_refused(tmp_path: Path) -> None:
    fake = tmp_path / "notes.docx"
    fake.write_text("Dawn: the chasing was the worst bit\n", encoding="utf-8")
    with pytest.raises(ReviewFileError, match=r"notes\.docx is not a readable Word"):
        read_review(fake)


def test_a_truncated_docx_is_refused(exported: Path, tmp_path: Path) -> None:
    broken = tmp_path / "broken.docx"
    broken.write_bytes(exported.read_bytes()[:4000])
    with pytest.raises(ReviewFileError, match=r"broken\.docx"):
        read_review(broken)


def test_a_missing_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ReviewFileError, match="There is no file"):
        read_review(tmp_path / "gone.docx")


_TEXT = st.text(st.characters(exclude_categories=["Cs"]), max_size=40)
_STATUSES = st.sampled_from(list(ReviewStatus))


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(rows=st.lists(st.tuples(_TEXT, _STATUSES, _TEXT), min_size=1, max_size=6))
def test_any_claim_text_status_and_comment_survive_the_round_trip(
    tmp_path: Path, rows: list[tuple[str, ReviewStatus, str]]
) -> None:
    quote = Citation(
        quote="It was fine",
        participant="P1",
        source="a.txt",
        location="line 1",
        segment_id="s:0-11",
    )
    claims = [
        Claim(
            id=claim_id(STUDY, "usage", "actions", str(n)),
            text=text,
            citations=[quote],
            participants=1,
            status=status,
            comment=comment,
        )
        for n, (text, status, comment) in enumerate(rows)
    ]
    stage = StageInsight(id="usage", name="Usage", emotion_participants=1, actions=claims)
    bundle = make_bundle([stage])
    bundle.personas = []
    reviewed = read_review(write_docx(bundle, tmp_path / "property.docx"))
    assert [r.claim_id for r in reviewed.reviews] == [c.id for c in claims]
    for review, claim in zip(reviewed.reviews, claims, strict=True):
        assert review.status is claim.status
        expected = clean_text(claim.comment or "").replace("\r", "\n").strip() or None
        assert review.comment == expected
