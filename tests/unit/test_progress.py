"""The pace the log gives for runs without a progress bar."""

from flows.progress import pace


def test_pace_says_speed_and_time_left() -> None:
    assert pace(500, 3000, 12.5) == "40 documents/s, about 1 min left"
    assert pace(3, 10, 2.0) == "1.5 documents/s, about 5 s left"
    assert pace(100, 100_000, 10.0) == "10 documents/s, about 2 h 46 min left"
    assert pace(3000, 3000, 60.0) == "50 documents/s"  # done: no time left to give
    assert pace(0, 3000, 5.0) == "" and pace(10, 3000, 0.0) == ""
