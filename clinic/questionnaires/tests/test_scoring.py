"""Every band boundary of every instrument, and every kind of invalid input (no database)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from clinic.questionnaires.instruments import GAD7, INSTRUMENTS, PCL5, PHQ9, Instrument
from clinic.questionnaires.scoring import InvalidAnswers, Thresholds, pcl5_clusters, score


def _answers_for_total(
    instrument: Instrument, total: int, *, safety: int | None = None
) -> dict[int, int]:
    """An answer set with the given total. Safety items are set to `safety` if given, else
    filled last (so they stay 0 unless the total needs them)."""
    answers = {item.number: 0 for item in instrument.scored_items}
    remaining = total
    if safety is not None:
        for number in instrument.safety_items:
            answers[number] = safety
            remaining -= safety
    top = max(o.value for o in instrument.options)
    order = sorted(instrument.scored_items, key=lambda i: i.number in instrument.safety_items)
    for item in order:
        if remaining <= 0 or (safety is not None and item.number in instrument.safety_items):
            continue
        answers[item.number] = min(top, remaining)
        remaining -= answers[item.number]
    assert remaining == 0
    return answers


PHQ9_BANDS = [
    (0, "Minimal"),
    (4, "Minimal"),
    (5, "Mild"),
    (9, "Mild"),
    (10, "Moderate"),
    (14, "Moderate"),
    (15, "Moderately severe"),
    (19, "Moderately severe"),
    (20, "Severe"),
    (27, "Severe"),
]
GAD7_BANDS = [
    (0, "Minimal"),
    (4, "Minimal"),
    (5, "Mild"),
    (9, "Mild"),
    (10, "Moderate"),
    (14, "Moderate"),
    (15, "Severe"),
    (21, "Severe"),
]


@pytest.mark.parametrize(("total", "band"), PHQ9_BANDS)
def test_phq9_band_boundaries(total: int, band: str) -> None:
    result = score(PHQ9, _answers_for_total(PHQ9, total))
    assert (result.total, result.band, result.max_total) == (total, band, 27)


@pytest.mark.parametrize("total", range(0, 28))
def test_phq9_every_total_has_exactly_one_band(total: int) -> None:
    assert score(PHQ9, _answers_for_total(PHQ9, total)).band in {b for _, b in PHQ9_BANDS}


@pytest.mark.parametrize(("total", "band"), GAD7_BANDS)
def test_gad7_band_boundaries(total: int, band: str) -> None:
    result = score(GAD7, _answers_for_total(GAD7, total))
    assert (result.total, result.band, result.max_total) == (total, band, 21)


@pytest.mark.parametrize(
    ("total", "at_or_above"), [(0, False), (32, False), (33, True), (80, True)]
)
def test_pcl5_cutpoint_boundaries(total: int, at_or_above: bool) -> None:
    result = score(PCL5, _answers_for_total(PCL5, total))
    assert result.total == total
    assert result.max_total == 80
    assert result.band.startswith("At or above") is at_or_above
    assert result.details["cutpoint"] == 33


def test_pcl5_cutpoint_is_a_clinic_setting() -> None:
    answers = _answers_for_total(PCL5, 31)
    assert score(PCL5, answers).band.startswith("Below")
    assert score(PCL5, answers, Thresholds(pcl5_cutpoint=31)).band.startswith("At or above")


def test_pcl5_dsm5_pattern_needs_every_cluster() -> None:
    answers = dict.fromkeys(range(1, 21), 0)
    answers.update({1: 2, 6: 2, 8: 2, 9: 2, 15: 2})  # E has only one endorsed item
    assert pcl5_clusters(answers) == {"B": True, "C": True, "D": True, "E": False}
    answers[16] = 3
    result = score(PCL5, answers)
    assert result.details["dsm5_pattern_met"] is True
    answers[16] = 1  # below "Moderately" does not count
    assert score(PCL5, answers).details["dsm5_pattern_met"] is False


@pytest.mark.parametrize("item9", [1, 2, 3])
def test_phq9_item9_above_zero_raises_the_safety_flag_whatever_the_total(item9: int) -> None:
    result = score(PHQ9, _answers_for_total(PHQ9, item9, safety=item9))
    assert result.safety_flag is True
    assert result.flagged_items == (9,)
    assert result.band == "Minimal"


def test_phq9_item9_at_zero_raises_no_flag_even_when_severe() -> None:
    result = score(PHQ9, _answers_for_total(PHQ9, 24))
    assert result.safety_flag is False


def test_gad7_and_pcl5_have_no_safety_items() -> None:
    assert score(GAD7, _answers_for_total(GAD7, 21)).safety_flag is False
    assert score(PCL5, _answers_for_total(PCL5, 80)).safety_flag is False


def test_difficulty_item_is_kept_but_not_scored() -> None:
    answers = {**_answers_for_total(PHQ9, 10), 10: 3}
    result = score(PHQ9, answers)
    assert result.total == 10
    assert result.difficulty == 3
    assert score(PHQ9, _answers_for_total(PHQ9, 10)).difficulty is None


@pytest.mark.parametrize("instrument", list(INSTRUMENTS.values()), ids=lambda i: i.code)
def test_any_missing_scored_item_is_refused_never_scored_partially(instrument: Instrument) -> None:
    full = _answers_for_total(instrument, 0)
    for item in instrument.scored_items:
        partial = {k: v for k, v in full.items() if k != item.number}
        with pytest.raises(InvalidAnswers) as error:
            score(instrument, partial)
        assert error.value.missing == (item.number,)
        assert "Please answer every question" in str(error.value)


@pytest.mark.parametrize("instrument", list(INSTRUMENTS.values()), ids=lambda i: i.code)
@pytest.mark.parametrize("bad", [-1, 5, 99, True, None, "2", 1.5])
def test_out_of_range_or_wrong_type_answers_are_refused(
    instrument: Instrument, bad: object
) -> None:
    answers: dict[int, object] = dict(_answers_for_total(instrument, 0))
    answers[1] = bad
    if bad == 4 and instrument is PCL5:
        return
    with pytest.raises(InvalidAnswers, match="not one of the choices"):
        score(instrument, answers)  # type: ignore[arg-type]


def test_phq9_answer_of_4_is_out_of_range_but_valid_for_pcl5() -> None:
    with pytest.raises(InvalidAnswers):
        score(PHQ9, {**_answers_for_total(PHQ9, 0), 1: 4})
    assert score(PCL5, {**_answers_for_total(PCL5, 0), 1: 4}).total == 4


def test_unknown_question_numbers_and_empty_sets_are_refused() -> None:
    with pytest.raises(InvalidAnswers, match="no question 11"):
        score(PHQ9, {**_answers_for_total(PHQ9, 0), 11: 0})
    with pytest.raises(InvalidAnswers) as error:
        score(GAD7, {})
    assert error.value.missing == (1, 2, 3, 4, 5, 6, 7)


def test_difficulty_answer_out_of_range_is_refused() -> None:
    with pytest.raises(InvalidAnswers):
        score(PHQ9, {**_answers_for_total(PHQ9, 0), 10: 4})


@given(st.lists(st.integers(0, 3), min_size=9, max_size=9))
def test_phq9_total_is_the_sum_and_always_in_range(values: list[int]) -> None:
    result = score(PHQ9, dict(enumerate(values, start=1)))
    assert result.total == sum(values)
    assert 0 <= result.total <= 27
    assert result.safety_flag is (values[8] > 0)


def test_instrument_data_is_consistent() -> None:
    assert [i.loinc for i in PHQ9.scored_items] == [
        "44250-9",
        "44255-8",
        "44259-0",
        "44254-1",
        "44251-7",
        "44258-2",
        "44252-5",
        "44253-3",
        "44260-8",
    ]
    assert (PHQ9.loinc_panel, PHQ9.loinc_total, GAD7.loinc_panel, GAD7.loinc_total) == (
        "44249-1",
        "44261-6",
        "69737-5",
        "70274-6",
    )
    assert len(PCL5.items) == 20
    for instrument in INSTRUMENTS.values():
        assert instrument.licence
        covered = [t for b in instrument.bands for t in range(b.low, b.high + 1)]
        if instrument.bands:
            assert covered == list(range(0, instrument.max_total + 1))
