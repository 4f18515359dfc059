"""Units of the model: a commitment's history is kept once sorted, and stays right when the
follow-ups change."""

from __future__ import annotations

from generator.model import EMPTY, Commitment, FollowUp


def follow_up(id_: str, date: str | None, status: str | None) -> FollowUp:
    return FollowUp(id=id_, commitment_id="c", date=date, period_type=None, period=None,
                    status=status, reason=EMPTY, actual=None, summary=EMPTY)


def test_history_is_oldest_first_with_undated_last_and_follows_changes():
    commitment = Commitment(id="c", focus_area_id="a", promise_id="p", position=1, text=EMPTY,
                            responsible=[], target_value=None, target_unit=EMPTY,
                            target_text=EMPTY, indicator=EMPTY)
    assert commitment.history == [] and commitment.status == "not_assessed"
    commitment.follow_ups += [follow_up("b", "2031-06-01", "ongoing"), follow_up("u", None, None),
                              follow_up("a", "2030-12-01", "done")]
    assert [f.id for f in commitment.history] == ["a", "b", "u"]
    assert commitment.latest.id == "u" and commitment.status == "ongoing"  # the latest assessment
    commitment.history.clear()  # a caller changing the list it got changes nothing kept
    assert [f.id for f in commitment.history] == ["a", "b", "u"]
    commitment.follow_ups.append(follow_up("z", "2032-01-01", "done"))
    assert commitment.latest.id == "u"  # undated stays last
    commitment.follow_ups[:] = [follow_up("x", "2032-01-01", "done")]  # replaced
    assert [f.id for f in commitment.history] == ["x"] and commitment.status == "done"
