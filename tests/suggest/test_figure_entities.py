"""The counted entity and the ages of figures (GUIDELINES.md, figure: "The counted entity
goes into `unit` (humans -> "people")"; gold README: "ages are figures in years", "members
counted (Democrats, survivors, terrorists) -> unit people", "two-legged", "three-dimensional"
are type adjectives): each rule on sentences written for the test (issue 12, sug-fig2)."""

from __future__ import annotations

import pytest

from tests.suggest.figure_rows import figures


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # deaths are events, counted as written; the people who died are people
        ("The ministry said six deaths were of children.", [("six", 6, "deaths")]),
        (
            "It reported 12 new deaths and 40 fatalities.",
            [("12", 12, "deaths"), ("40", 40, "fatalities")],
        ),
        ("Six people died.", [("Six", 6, "people")]),
        # party members are people
        (
            "Two Democrats opposed, and one independent supported.",
            [("Two", 2, "people"), ("one", 1, "people")],
        ),
        ("The bill had 40 republicans behind it.", [("40", 40, "people")]),
        # the head of a hyphenated noun decides ("half-sister" is a sister)
        ("She shared the trust with one half-sister.", [("one", 1, "people")]),
        ("He left three co-workers behind.", [("three", 3, "people")]),
        ("He has two half-brothers.", [("two", 2, "people")]),
        # nouns for people by what they do: "-ists", "-ians", "-ees" (not "lists")
        (
            "Three pharmacists, two historians and two nominees.",
            [("Three", 3, "people"), ("two", 2, "people"), ("two", 2, "people")],
        ),
        ("He kept four lists.", [("four", 4, "lists")]),
    ],
)
def test_counted_entity(text: str, expected: list[tuple[str, object, object]]) -> None:
    assert figures(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # ages: "one" after a clause of time, a person's age after "now", halves, qualifiers
        ("Her father died when she was one.", [("one", 1, "years")]),
        ("She died at the age of one.", [("one", 1, "years")]),
        ("If I was one, I would say so.", []),
        ("The judge sentenced James Fields, now 22, to life.", [("22", 22, "years")]),
        ("When I was two-and-a-half, I could read.", [("two-and-a-half", 2.5, "years")]),
        ("When I was a little over four, I finished.", [("four", 4, "years")]),
        ("The suspects range in age from 21 to 78.", [("21", 21, "years"), ("78", 78, "years")]),
        ("Women aged between 18 and 25 were asked.", [("18", 18, "years"), ("25", 25, "years")]),
    ],
)
def test_ages(text: str, expected: list[tuple[str, object, object]]) -> None:
    assert figures(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a number in a hyphenated adjective is a type, not a quantity
        ("Two-legged running induced wing flapping.", []),
        ("She analysed the three-dimensional structures.", []),
        ("They rolled a 12-sided die.", []),
        # a counted noun or a unit after the hyphen still makes a figure
        (
            "A six-member team and a ten-storey block.",
            [("six", 6, "people"), ("ten", 10, "storeys")],
        ),
        ("A 30-year-old man.", [("30-year", 30, "years")]),
    ],
)
def test_type_adjectives(text: str, expected: list[tuple[str, object, object]]) -> None:
    assert figures(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # how the counted noun is found: past a noun used as a modifier, in any script
        ("One news site, Znak.com, claims sources said so.", [("One", 1, "sites")]),
        ("Two news agencies reported it.", [("Two", 2, "agencies")]),
        ("They span three different archæological layers.", [("three", 3, "layers")]),
        # a verb after the number is no counted noun; "lives" right after it is one
        ("Outbreaks with values over 1 do not end.", [("1", 1, "values")]),
        ("The hurricane claimed about 3000 lives.", [("3000", 3_000, "lives")]),
        # a part of a possessed whole: the noun after the possessive is counted
        ("Each carrier may take 80 of other people's ballots.", [("80", 80, "ballots")]),
        ("He took 12 of the party's seats.", [("12", 12, "seats")]),
        # the noun before "of the" names what the number counts
        ("His first victim of the eight was a former employee.", [("eight", 8, "people")]),
        # a range closing a bracket opened earlier ("2)" is no list marker there)
        (
            "The change (cutting support from 10 years to 2) angered users.",
            [("10 years", 10, "years"), ("2", 2, "years")],
        ),
        ("You either 1) pay, or 2) leave.", []),
        # "the number of those infected" counts people, not the deaths before it
        (
            "There were 12 new deaths, so the number of those infected is 1501.",
            [("12", 12, "deaths"), ("1501", 1_501, "people")],
        ),
        # a noun compound after "one": its head is counted; a verb after "one man" is not
        ("There is about one black hole per thousand stars.", [("one", 1, "holes")]),
        ("One man fell from the roof.", [("One", 1, "people")]),
        ("It had one virus.", [("one", 1, "viruses")]),
        # modifiers with a number or an acronym stand before the counted noun
        ("Two F-16 jets and 20 COVID-19 patients.", [("Two", 2, "jets"), ("20", 20, "people")]),
        (
            "Three 18-year-old students met.",
            [("Three", 3, "people"), ("18-year", 18, "years")],
        ),
        (
            "Four US soldiers and two newly elected MPs.",
            [("Four", 4, "people"), ("two", 2, "people")],
        ),
        ("Two US Navy ships.", [("Two", 2, "ships")]),
        # speeds as written
        ("It moves at 37 miles per second.", [("37 miles per second", 37, "miles per second")]),
        # plural nouns without a final "s"
        (
            "They took ten spectra of two aircraft.",
            [("ten", 10, "spectra"), ("two", 2, "aircraft")],
        ),
        # a value and its error share the unit
        ("It orbits in 40.3 ± 0.1 days.", [("40.3", 40.3, "days"), ("0.1 days", 0.1, "days")]),
        # a bare number ending its clause, or used as a pronoun, counts the noun before
        (
            "Sanders had 60 delegates. Biden had 54. Warren came third.",
            [("60", 60, "people"), ("54", 54, "people")],
        ),
        (
            "It banned two teenage players. These two will appeal.",
            [("two", 2, "people"), ("two", 2, "people")],
        ),
        (
            "Police arrested twelve people.\n\nA constable saw the twelve with the jackal.",
            [("twelve", 12, "people"), ("twelve", 12, "people")],
        ),
        (
            "The site passed 50000 articles. Then came the 50000 milestone.",
            [("50000", 50_000, "articles"), ("50000", 50_000, "articles")],
        ),
        # a headline's present-tense verb whose object is people
        ("Police arrest twelve after explosives kill jackal", [("twelve", 12, "people")]),
        # the noun inside quotation marks; a plural subject rising to a number
        ('It also noted over 370 "jackal horns" seized.', [("370", 370, "horns")]),
        (
            "With coronavirus deaths surpassing 100,000, protests spread.",
            [("100,000", 100_000, "deaths")],
        ),
        # the half of an article-only duration is no fraction ("an hour" is no figure)
        ("It took an hour and a half; 22 units sold.", [("22", 22, "units")]),
        # a fraction of a scale word is one figure
        (
            "A quarter of a million people marched.",
            [("A quarter of a million", 250_000, "people")],
        ),
        # "the other one" is the pronoun; an adverb after "one" is no counted noun
        (
            "This lever gives two pellets, the other one just one pellet.",
            [("two", 2, "pellets"), ("one", 1, "pellets")],
        ),
        # a magnitude named before the number, a few words back
        (
            "The magnitude of the earthquake was 6.6, and 20 buildings fell.",
            [("6.6", 6.6, "magnitude"), ("20", 20, "buildings")],
        ),
        # a bare number later in the sentence leaves the duration out
        (
            "He was sentenced to fourteen years, serving eight before his release.",
            [("fourteen years", 14, "years"), ("eight", 8, "years")],
        ),
        ("It lasted two days; 40 were hurt.", [("two days", 2, "days"), ("40", 40, "people")]),
    ],
)
def test_counted_noun_search(text: str, expected: list[tuple[str, object, object]]) -> None:
    assert figures(text) == expected
