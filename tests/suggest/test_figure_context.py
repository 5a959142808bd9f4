"""Figure kinds read from the dev sets' misses (issue 12, V6 sug-fig): match scores, years
and positions in a series, ages, the counted entity after adjectives, nationalities and
back-references. Each rule on sentences written for the test in the style of news copy."""

from __future__ import annotations

import pytest

from clipper.suggest.figure_scores import match_scores
from tests.suggest.figure_rows import figures


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # one figure per number, unit of the sport
        (
            "Spain beat Italy 2 – 1 in the football final.",
            [("2", 2, "goals"), ("1", 1, "goals")],
        ),
        (
            "Group B — Chile 0 – 3 Peru. The goal came late.",
            [("0", 0, "goals"), ("3", 3, "goals")],
        ),
        (
            "The first half ended with 1–1 on the scoreboard after a late goal.",
            [("1", 1, "goals"), ("1", 1, "goals")],
        ),
        ("The Lakers won 102-98 at home.", [("102", 102, "points"), ("98", 98, "points")]),
        (
            "A goal put them 1 – 0 up before the break.",
            [("1", 1, "goals"), ("0", 0, "goals")],
        ),
    ],
)
def test_a_match_score_is_one_figure_per_number(text: str, expected: list[object]) -> None:
    assert figures(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Children aged 8–10 years took part.",
        "The motion passed 3-2 votes to spare.",
        "Prices rose 5-7 million dollars.",
    ],
)
def test_a_range_with_a_unit_or_without_a_result_cue_is_no_score(text: str) -> None:
    assert match_scores(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("World Cup 2018 day five: Spain win", []),
        ("On day five of the trial, the judge ruled.", []),
        ("In round 3 the champion fell.", []),
        # a count after such a word is still a count
        ("On that day 2,000 people marched.", [("2,000", 2000, "people")]),
        # a year-like count with a plural or joined unit is a figure
        ("The walk took 2018 days.", [("2018 days", 2018, "days")]),
        ("It continues a 2000 year old tradition.", [("2000 year", 2000, "years")]),
    ],
)
def test_years_and_positions_in_a_series_are_no_figures(text: str, expected: list[object]) -> None:
    assert figures(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("She moved to Leeds when she was six so they could be near.", [("six", 6, "years")]),
        ("He stayed there until he was eighteen and then left.", [("eighteen", 18, "years")]),
        ("Jones retired after she turned 60.", [("60", 60, "years")]),
        # a noun after the number is what is counted, not an age
        ("They left when they were 12 boxes short.", [("12", 12, "boxes")]),
    ],
)
def test_a_persons_age_in_a_clause_is_in_years(text: str, expected: list[object]) -> None:
    assert figures(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a mass noun for humans after an adjective
        (
            "Police placed over 60,000 security personnel in the area.",
            [("60,000", 60000, "people")],
        ),
        # nationalities and peoples, plural and singular
        ("Today, about 100,000 Greeks worship the ancient gods.", [("100,000", 100000, "people")]),
        ("One Rohingya, Muhammad Amin, spoke first.", [("One", 1, "people")]),
        ("The ferry visited 3 Greek islands.", [("3", 3, "islands")]),
        ("Monday, March 27, 2006\n\nGreek court rules on worship", []),
        # adjectives between "one" and its noun; "or more" is a qualifier
        ("They made one further record of the moment.", [("one", 1, "records")]),
        (
            "Some 190 universities accepted one or more donations.",
            [("190", 190, "universities"), ("one", 1, "donations")],
        ),
        # a back-reference takes the unit of the count before
        (
            "About 100,000 Greeks worship the old gods. The Church estimates that number "
            "is closer to 40,000.",
            [("100,000", 100000, "people"), ("40,000", 40000, "people")],
        ),
    ],
)
def test_the_counted_entity_after_adjectives_names_and_back_references(
    text: str, expected: list[object]
) -> None:
    assert figures(text) == expected


def test_an_article_and_scale_before_fold_is_no_figure() -> None:
    assert figures("Its use has increased probably a thousand fold.") == []
    assert figures("Exports rose 18-fold.") == [("18-fold", 18, "fold")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # volume and power units are part of the span, plural in the unit
        (
            "It will sell two billion cubic meters of gas.",
            [("two billion cubic meters", 2_000_000_000, "cubic meters")],
        ),
        ("The 1000 megawatt cable opens in May.", [("1000 megawatt", 1000, "megawatts")]),
        ("A plant of 450 MW was built.", [("450 MW", 450, "MW")]),
        # an earthquake's magnitude, before or after the number
        ("A magnitude 5.2 earthquake hit the island.", [("5.2", 5.2, "magnitude")]),
        ("We had a 4.7-magnitude quake there.", [("4.7-magnitude", 4.7, "magnitude")]),
        ("A 6.4 quake hit on Tuesday.", [("6.4", 6.4, "magnitude")]),
        # identifiers, clock times and years written short are no figures
        ("It goes against Security Council resolution 2259.", []),
        ("At 15:30 local time (1430 UTC) a fire was reported.", []),
        ("Yeah, in '69, so that was long ago.", []),
    ],
)
def test_units_magnitudes_and_what_is_no_quantity(text: str, expected: list[object]) -> None:
    assert figures(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a written-out range is two figures, not one sum
        (
            "Five-six months after that, she left.",
            [("Five", 5, "months"), ("six months", 6, "months")],
        ),
        (
            "Twenty-five people and one hundred and five cars.",
            [("Twenty-five", 25, "people"), ("one hundred and five", 105, "cars")],
        ),
        # a range shares the scale word of its second number
        (
            "An estimated two to three hundred vehicles burned.",
            [("two", 200, "vehicles"), ("three hundred", 300, "vehicles")],
        ),
        # ages told in the first person, a range of ages
        ("I was eight and I thought I chose it.", [("eight", 8, "years")]),
        ("I was 18 turning 19.", [("18", 18, "years"), ("19", 19, "years")]),
        ("I was 18-19 [when all of it happened].", [("18", 18, "years"), ("19", 19, "years")]),
        # "N of us" counts people; an adjective after "one"
        ("They found a room for the 3 of us.", [("3", 3, "people")]),
        ("They cannot get one proper meal a day.", [("one", 1, "meals")]),
    ],
)
def test_written_numbers_ranges_ages_and_people(text: str, expected: list[object]) -> None:
    assert figures(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # people as the subject of a verb after the number
        (
            "Three patients died.  14 have recovered so far.",
            [("Three", 3, "people"), ("14", 14, "people")],
        ),
        # "a total of N" refers back to the count before it
        (
            "Biden has 1,124 pledged delegates; Sanders trailed him with a total of 815.",
            [("1,124", 1124, "people"), ("815", 815, "people")],
        ),
        # singular nouns ending in "s" are no counted noun; "species" is one
        (
            "Over 244 thousand coronavirus cases were recorded.",
            [("244 thousand", 244_000, "cases")],
        ),
        ("They scanned 158 different species.", [("158", 158, "species")]),
        # a verb after the number is no counted noun; a bracketed name makes an identifier
        ("With [CentOS] 8, [CentOS] 7 seems unaffected.", []),
        # "groups of three": what is grouped
        (
            "Teams from many countries were arranged in groups of three.",
            [("three", 3, "teams")],
        ),
    ],
)
def test_the_counted_entity_from_the_sentence(text: str, expected: list[object]) -> None:
    assert figures(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a part of a named whole counts the whole's noun
        (
            "Sanders won 12 of the state's 41 pledged delegates; Buttigieg came first with 14.",
            [("12", 12, "people"), ("41", 41, "people"), ("14", 14, "people")],
        ),
        ("Trump secured all 25 of Nevada's delegates.", [("25", 25, "people")]),
        ("Four of these bone tools were found there.", [("Four", 4, "tools")]),
        # adjectives and participles between "one" and its noun, not a verb after a noun
        ("It included one asymptomatic infected volunteer.", [("one", 1, "people")]),
        ("One official resigned.", [("One", 1, "people")]),
        (
            "He found one dead bird and three dead cats.",
            [("one", 1, "birds"), ("three", 3, "cats")],
        ),
        # a small number is not given the unit of the same number far away
        (
            "Samples came from eighteen volunteers. The measles R0 is about 12–18.",
            [("eighteen", 18, "people"), ("12", 12, None), ("18", 18, None)],
        ),
    ],
)
def test_parts_adjectives_and_far_numbers(text: str, expected: list[object]) -> None:
    assert figures(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The plane was flying at 35,000 feet.", [("35,000 feet", 35000, "feet")]),
        ("Shares fell to 245 pence.", [("245", 245, "pence")]),
        # a range partner of a year is still a figure when it has a scale
        (
            "The population grew from 4.5 million in 2000 to 6 million in 2020.",
            [("4.5 million", 4_500_000, "people"), ("6 million", 6_000_000, "people")],
        ),
        ("It rose from 1980 to 2012.", []),
    ],
)
def test_feet_pence_populations_and_ranges_after_years(text: str, expected: list[object]) -> None:
    assert figures(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("He posted footage from a soon-to-be released 60 Minutes interview.", []),
        ("Man Jailed For 10 Years", [("10 Years", 10, "years")]),
        ("Category Two Hurricane Zeta slammed into the coast.", []),
        ("A category 5 storm is coming.", []),
    ],
)
def test_titles_and_categories_are_no_figures(text: str, expected: list[object]) -> None:
    assert figures(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a glued "m" is metres before a length word, millions otherwise
        ("He is 1.85m tall.", [("1.85m", 1.85, "m")]),
        ("She won the 100m sprint.", [("100m", 100, "m")]),
        ("About 3m people live there.", [("3m", 3_000_000, "people")]),
        ("It cost £3m.", [("£3m", 3_000_000, "GBP")]),
        # abbreviated units glued to the digits
        ("The 10km race starts at noon.", [("10km", 10, "km")]),
        ("A 450MW plant was built.", [("450MW", 450, "MW")]),
        # numbers joined by a slash are dates or codes, or a fraction of something
        ("They run a 24/7 service since 9/11.", []),
        ("About 3/4 of voters agreed.", [("3/4", 0.75, "fraction")]),
    ],
)
def test_glued_units_metres_and_slashes(text: str, expected: list[object]) -> None:
    assert figures(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a currency after the amount, its country deciding the ISO 4217 code
        (
            "Bail was set at 100,000 Georgian lari (about US$30,000).",
            [("100,000 Georgian lari", 100_000, "GEL"), ("US$30,000", 30_000, "USD")],
        ),
        ("It cost 500 Mexican pesos.", [("500 Mexican pesos", 500, "MXN")]),
        ("It cost 1,000 Danish kroner.", [("1,000 Danish kroner", 1000, "DKK")]),
        (
            "A fine of 20 million Kenyan shillings.",
            [("20 million Kenyan shillings", 20_000_000, "KES")],
        ),
        ("He earns 10,000 North Korean won.", [("10,000 North Korean won", 10_000, "KPW")]),
        # no country for a word many countries use: no guessed code
        ("He paid 500 pesos.", [("500", 500, "pesos")]),
        ("They won 3 games.", [("3", 3, "games")]),
    ],
)
def test_currencies_after_the_amount(text: str, expected: list[object]) -> None:
    assert figures(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("They orbit at 60 km/s.", [("60 km/s", 60, "km/s")]),
        ("He played an 18 year old half back.", [("18 year", 18, "years")]),
        (
            "Half the town voted; half of them stayed.",
            [("Half", 0.5, "fraction"), ("half", 0.5, "fraction")],
        ),
        ("His role in film 42 was a breakthrough.", []),
        ("At 77, Biden became the oldest nominee.", [("77", 77, "years")]),
        (
            "It included three former presidents and two males.",
            [("three", 3, "people"), ("two", 2, "people")],
        ),
    ],
)
def test_speeds_half_compounds_titles_ages_and_roles(text: str, expected: list[object]) -> None:
    assert figures(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a whole number and a fraction are one figure
        ("It took one and a half years.", [("one and a half years", 1.5, "years")]),
        ("Some 2 and a half million people fled.", [("2 and a half million", 2_500_000, "people")]),
        # "-odd" and "-plus" are qualifiers
        ("Some 20-odd people came.", [("20", 20, "people")]),
        ("There were 500-plus cases.", [("500", 500, "cases")]),
        # a ratio: "one in three people"
        ("One in three people smoke.", [("One", 1, "people"), ("three", 3, "people")]),
        ("He was one of the few.", []),
    ],
)
def test_mixed_fractions_qualifiers_and_ratios(text: str, expected: list[object]) -> None:
    assert figures(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Fox News reported two separate law enforcement sources.", [("two", 2, "sources")]),
        ("Three were also arrested later.", [("Three", 3, "people")]),
        ("I am mixed-race (half-Chinese).", []),
    ],
)
def test_three_modifiers_and_half_compounds(text: str, expected: list[object]) -> None:
    assert figures(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a currency abbreviation with a full stop right before the digits
        (
            "Every month I require Rs.2000-Rs.2500 for my treatment.",
            [("Rs.2000", 2000, "INR"), ("Rs.2500", 2500, "INR")],
        ),
        ("Version 2.1 came out.", []),
        ("He won No.5 in the draw.", []),
    ],
)
def test_a_currency_with_a_full_stop_before_the_digits(text: str, expected: list[object]) -> None:
    assert figures(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The quake killed one and injured eight people.",
            [("one", 1, "people"), ("eight", 8, "people")],
        ),
        ("He killed one of them.", []),
    ],
)
def test_one_after_a_people_verb_is_a_count_of_people(text: str, expected: list[object]) -> None:
    assert figures(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Should the number of cabinets remain at nine?", [("nine", 9, "cabinets")]),
        ("Should the number of justices remain at nine?", [("nine", 9, "people")]),
        ("Sanders had the most pledged delegates, with 60.", [("60", 60, "people")]),
        (
            "Out of a total of, say, 6900 [employees], we have 650.",
            [("6900", 6900, "people"), ("650", 650, "people")],
        ),
    ],
)
def test_number_of_with_and_bracketed_nouns(text: str, expected: list[object]) -> None:
    assert figures(text) == expected
