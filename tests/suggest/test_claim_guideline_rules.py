"""Claim rules of the guidelines and the gold README's conventions (issue 12, sug-person2):
one test per rule, on sentences written for the test in the style of wire copy."""

from __future__ import annotations

from clipper.suggest import suggest


def claims(text: str) -> list[str]:
    return [text[s.start : s.end] for s in suggest(text, ["claim"])]


def test_a_hedged_statement_about_the_past_is_a_claim() -> None:
    # README: "might have dealt with ..." is a hedged scientific statement about the past;
    # "could" about the future stays out (speculative future possibility)
    text = (
        "Lee disagreed, saying the animal might have held its arms tight against its body. "
        "Lee said the finding could reshape the field."
    )
    assert claims(text) == ["the animal might have held its arms tight against its body"]


def test_speculation_feelings_and_obligations_in_quotes_are_no_claims() -> None:
    # guidelines: feelings, evaluations, normative statements and speculation are out
    text = (
        'Ford said, "I am in awe of the crews. The bravery of the crews is incredible. '
        "Perhaps it will inspire others. Tomorrow I have to work again. It's fun working "
        'with them. The ship docked at 10 a.m."'
    )
    assert claims(text) == ["The ship docked at 10 a.m"]


def test_a_semicolon_or_a_concession_ends_the_claim() -> None:
    # each reported clause is its own span; a concessive clause is not under the act
    text = (
        "Officials said three people died; their names were not released. Police also said "
        "the man had appeared to carry a bomb, though it was later found to be a fake."
    )
    assert claims(text) == ["three people died", "the man had appeared to carry a bomb"]


def test_a_report_nested_in_the_reported_clause_gives_the_inner_proposition() -> None:
    # README: nested reports ("Znak.com claiming an anonymous source described X") give X
    text = (
        "The committee says it found no trace of explosives despite the site claiming an "
        "anonymous source described a flat being used as a depot. The site reported its "
        "source said the tenant moved in the day before the blast."
    )
    assert claims(text) == [
        "it found no trace of explosives",
        "a flat being used as a depot",
        "the tenant moved in the day before the blast",
    ]


def test_a_passive_report_spans_the_whole_clause() -> None:
    # README: passive reports ("was ... reported to ...", "was forecast to ...") span the clause
    text = (
        "After passing the islands, the storm was forecast to reach the coast on Monday. "
        "The boy's condition was on Wednesday reported to not be life-threatening."
    )
    assert claims(text) == [
        "the storm was forecast to reach the coast on Monday",
        "The boy's condition was on Wednesday reported to not be life-threatening",
    ]


def test_a_leading_adverbial_of_time_is_left_out() -> None:
    # guidelines: leading framing adverbials are excluded (at the start of the sentence; the
    # gold keeps "in 1997 and 1998, she was tasked ..." after "claims that")
    text = (
        "On Friday, a man reportedly stabbed two people at the hall. She claims that in 1997, "
        "she was tasked with removing asbestos."
    )
    assert claims(text) == [
        "a man reportedly stabbed two people at the hall",
        "in 1997, she was tasked with removing asbestos",
    ]


def test_hearsay_ends_before_according_to_and_at_a_relative_clause() -> None:
    text = (
        "Khan reportedly attacked people there, according to The Times. Lukas, who "
        "reportedly works at the hall as a chef, joined the chase."
    )
    assert claims(text) == [
        "Khan reportedly attacked people there",
        "Lukas, who reportedly works at the hall as a chef",
    ]


def test_believe_reports_for_a_group_not_for_one_person() -> None:
    # README: "believe" counts as a marker; one person's belief stays an opinion
    text = (
        "Some scientists believe the first fliers were tree-dwelling dinosaurs. Memon said "
        "she believed the movement helped improve relations."
    )
    assert claims(text) == ["the first fliers were tree-dwelling dinosaurs"]


def test_more_markers_stipulates_proposed_estimate_saying_adding() -> None:
    text = (
        "The constitution stipulates the secretary of state succeeds to the governorship. "
        "The authors proposed that running induced wing flapping. The researchers estimate "
        "it had a top speed of 18 mph. Officials told state media, adding that rescuers "
        "ended their work yesterday."
    )
    assert claims(text) == [
        "the secretary of state succeeds to the governorship",
        "running induced wing flapping",
        "it had a top speed of 18 mph",
        "rescuers ended their work yesterday",
    ]


def test_told_the_press_leaves_out_the_addressee() -> None:
    text = "Residents there told the press the officers were seeking a bomb."
    assert claims(text) == ["the officers were seeking a bomb"]


def test_a_headline_study_suggests_gives_what_it_suggests() -> None:
    # README: headline "Study suggests X" gives X
    text = "Scientific study suggests dinosaurs flapped their wings as they ran\n\nBody text."
    assert claims(text) == ["dinosaurs flapped their wings as they ran"]


def test_an_inserted_source_before_the_sentence_verb_is_no_report() -> None:
    text = "Pelosi presided over the vote, a move whose rarity, CBS noted, highlighted its weight."
    assert claims(text) == []


def test_but_with_a_new_subject_ends_the_reported_clause() -> None:
    text = (
        "The constitution stipulates the secretary succeeds to the office, but the post "
        "remained unfilled until May."
    )
    assert claims(text) == ["the secretary succeeds to the office"]


def test_according_to_first_wins_over_a_later_reportedly() -> None:
    text = (
        "According to officials on Saturday, the virus may have killed two visitors, "
        "reportedly the first foreign deaths."
    )
    assert claims(text) == [
        "the virus may have killed two visitors, reportedly the first foreign deaths"
    ]


def test_thanks_and_thoughts_are_no_claims() -> None:
    text = (
        'The minister tweeted: "Thank you to all emergency services responding to the '
        'incident. My thoughts are with the injured and all those affected."'
    )
    assert claims(text) == []


def test_an_inserted_source_before_an_auxiliary_is_no_report() -> None:
    text = "Officials found the man; his death, they reported, was described as pneumonia."
    assert "was described as pneumonia" not in claims(text)


def test_an_attribution_embedded_mid_sentence_gives_one_span() -> None:
    # README: "Rescuers, ..., according to the emergencies ministry recovered ..." is one
    # contiguous span including the attribution; a final "according to X" stays out
    text = (
        "Rescuers, working in the cold, according to the ministry recovered ten survivors. "
        "Six of the murders were, according to agreed facts, sexual in nature. The move "
        "gives the government access to US$50 billion, according to NBC News."
    )
    assert claims(text) == [
        "Rescuers, working in the cold, according to the ministry recovered ten survivors",
        "Six of the murders were, according to agreed facts, sexual in nature",
        "The move gives the government access to US$50 billion",
    ]


def test_warned_of_gives_the_danger() -> None:
    text = "The NHC also warned of potential flash floods, with up to 30 inches of rain."
    assert claims(text) == ["potential flash floods, with up to 30 inches of rain"]


def test_a_report_in_a_leading_subordinate_clause_ends_with_it() -> None:
    text = (
        "While current consensus among scientists says birds evolved from dinosaurs, there "
        "are several competing ideas."
    )
    assert claims(text) == ["birds evolved from dinosaurs"]


def test_studies_have_shown_is_a_marker() -> None:
    text = "Previous studies have shown that, unlike other adhesives, slug glue is non-toxic."
    assert claims(text) == ["unlike other adhesives, slug glue is non-toxic"]


def test_an_anaphoric_np_complement_is_no_claim() -> None:
    # guidelines: NP complements count only when self-contained ("confirmed the deal": out)
    text = (
        "The state news announced the death on television. Pelosi announced the upcoming "
        "vote in a letter to other members of the House. The firm announced the release of "
        "a new version of its model."
    )
    assert claims(text) == ["the release of a new version of its model"]


def test_one_person_believes_is_an_opinion_police_believe_is_a_report() -> None:
    text = "Police believe the fire started in the kitchen. Jones believes the fire was arson."
    assert claims(text) == ["the fire started in the kitchen"]


def test_a_gerund_is_no_reporting_verb_and_popular_belief_no_report() -> None:
    text = (
        "They say adding iodine to salt is the simplest method. Some folks believe the site "
        "is a kinder place to work."
    )
    assert claims(text) == ["adding iodine to salt is the simplest method"]


def test_a_sentence_subject_this_is_no_framing_adverbial() -> None:
    text = '"This was a very difficult decision, but one made with care," said Bolden.'
    assert claims(text) == []
