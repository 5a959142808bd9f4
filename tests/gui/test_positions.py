"""Code points <-> Qt (UTF-16) positions: PositionMap and qt_safe_text (pure Python)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from clipper.gui.positions import PositionMap, qt_safe_text
from clipper.importers.text import normalise_newlines


def utf16_len(s: str) -> int:
    return len(s.encode("utf-16-le", "surrogatepass")) // 2


def reference_to_qt(text: str) -> list[int]:
    return [utf16_len(text[:i]) for i in range(len(text) + 1)]


SAMPLES = [
    "",
    "plain ascii",
    "😀",
    "a😀b",
    "thumbs 👍🏽 up",  # 2 code points, 4 UTF-16 units
    "coder 👩‍💻 at work",  # 3 code points, 5 units
    "北京市の人口は2154万人です。",
    "e\u0301le\u0300ve cafe\u0301",  # combining marks (NFD)
    "𝔘𝔫𝔦𝔠𝔬𝔡𝔢 𝐁𝐨𝐥𝐝 and 🇫🇷 flags",
    "nbsp\u00a0and\u2028line\u2029para",
]


@pytest.mark.parametrize("text", SAMPLES)
def test_to_qt_matches_utf16_prefix_lengths(text: str) -> None:
    m = PositionMap(text)
    assert [m.to_qt(i) for i in range(len(text) + 1)] == reference_to_qt(text)
    assert m.length == len(text)
    assert m.qt_length == utf16_len(text)


@pytest.mark.parametrize("text", SAMPLES)
def test_from_qt_inverts_to_qt(text: str) -> None:
    m = PositionMap(text)
    assert [m.from_qt(m.to_qt(i)) for i in range(len(text) + 1)] == list(range(len(text) + 1))


def test_known_unit_counts_from_the_guide() -> None:
    assert PositionMap("😀").qt_length == 2
    assert PositionMap("👍🏽").qt_length == 4
    assert PositionMap("👩‍💻").qt_length == 5
    assert PositionMap("👩‍💻").astral_count == 2


def test_position_inside_a_surrogate_pair_maps_to_the_start_of_the_character() -> None:
    text = "a😀b"
    m = PositionMap(text)
    # Qt: a=0, 😀 high=1, low=2, b=3
    assert m.from_qt(2) == 1
    assert m.clamp_qt(2) == 1
    assert not m.is_boundary(2)
    assert m.is_boundary(1) and m.is_boundary(3)
    assert text[m.from_qt(2)] == "😀"


def test_skin_tone_modifier_each_half_clamps_inside_its_own_code_point() -> None:
    text = "👍🏽!"
    m = PositionMap(text)
    assert [m.from_qt(q) for q in range(6)] == [0, 0, 1, 1, 2, 3]
    assert [m.clamp_qt(q) for q in range(6)] == [0, 0, 2, 2, 4, 5]


def test_out_of_range_positions_are_clamped() -> None:
    m = PositionMap("ab😀")
    assert m.to_qt(-5) == 0
    assert m.to_qt(99) == 4
    assert m.from_qt(-1) == 0
    assert m.from_qt(99) == 3
    assert m.clamp_qt(99) == 4


def test_span_helpers_order_and_convert() -> None:
    m = PositionMap("😀abc")
    assert m.span_to_qt(1, 3) == (2, 4)
    assert m.span_from_qt(4, 2) == (1, 3)


def test_crlf_input_normalised_like_the_importer_keeps_offsets() -> None:
    raw = "Line one\r\nSaid: “quote 😀”\r\n\r\nEnd\rlast"
    text = normalise_newlines(raw)
    m = PositionMap(text)
    start = text.index("quote")
    end = start + len("quote 😀")
    qs, qe = m.span_to_qt(start, end)
    assert text[m.from_qt(qs) : m.from_qt(qe)] == "quote 😀"
    assert qe - qs == len("quote 😀") + 1  # the emoji takes two Qt positions


def test_qt_safe_text_keeps_the_utf16_length() -> None:
    text = "a\r\nb\rc\u2029d\u2028e\u00a0f😀\ud800g\udc00"
    safe = qt_safe_text(text)
    assert utf16_len(safe) == utf16_len(text)
    assert len(safe) == len(text)
    assert "\r" not in safe
    assert "\ud800" not in safe and "\udc00" not in safe
    # nothing else is touched
    assert [c for c in safe if c not in "\n\ufffd"] == [
        c for c in text if c not in "\r\n\ud800\udc00"
    ]


def test_qt_safe_text_returns_clean_text_unchanged() -> None:
    text = "nothing to fix 😀 here\n"
    assert qt_safe_text(text) is text


def test_lone_surrogates_count_one_unit_each() -> None:
    text = "x\ud83d\ude00y"  # two lone surrogates stored as two code points
    m = PositionMap(text)
    assert m.has_surrogates
    assert not PositionMap("ok 😀").has_surrogates
    assert qt_safe_text(text, m.has_surrogates) == "x\ufffd\ufffdy"
    assert m.qt_length == 4
    assert [m.to_qt(i) for i in range(5)] == [0, 1, 2, 3, 4]


texts = st.lists(
    st.one_of(
        st.characters(codec="utf-8"),  # any code point except lone surrogates
        st.sampled_from(["😀", "👍🏽", "👩‍💻", "\r\n", "\n", "é", "e\u0301", "中"]),
    ),
    max_size=40,
).map(lambda parts: "".join(parts))


@settings(max_examples=300, deadline=None)
@given(texts)
def test_round_trip_and_agreement_with_utf16_encoding(text: str) -> None:
    text = normalise_newlines(text)
    m = PositionMap(text)
    for i in range(len(text) + 1):
        q = m.to_qt(i)
        assert q == utf16_len(text[:i])
        assert m.from_qt(q) == i
    for q in range(m.qt_length + 1):
        i = m.from_qt(q)
        assert m.to_qt(i) <= q
        assert m.clamp_qt(q) == m.to_qt(i)
        assert q - m.to_qt(i) in (0, 1)
