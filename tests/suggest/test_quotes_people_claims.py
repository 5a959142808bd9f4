"""Quotes, people and claims by the rules of GUIDELINES.md, on its examples."""

from __future__ import annotations

from clipper.suggest import suggest

ALIBABA = (
    "Alibaba is planning to invest $53 billion.\n"
    "The investment was announced on Monday, with Alibaba chief executive officer Eddie Wu "
    "describing AI as a “once-in-a-generation” opportunity.\n"
    "“Looking ahead, revenue growth at Cloud Intelligence Group driven by AI will continue "
    "to accelerate,” said Wu. “We will continue to execute against our strategic "
    "priorities.”\n"
    "Alibaba Group Chairman Joe Tsai confirmed the deal at the World Government Summit in "
    "Dubai. “Apple has been very selective,” he said.\n"
)


def spans(text: str, tag: str) -> list[str]:
    return [text[s.start : s.end] for s in suggest(text, [tag])]


def test_people_without_titles_with_surnames_linked() -> None:
    found = suggest(ALIBABA, ["person"])
    assert [ALIBABA[s.start : s.end] for s in found] == ["Eddie Wu", "Wu", "Joe Tsai"]
    full, surname = found[0], found[1]
    assert surname.target == (full.start, full.end)  # same_as the earlier full name
    assert full.target is None


def test_people_leave_out_titles_possessives_and_places_named_after_people() -> None:
    text = (
        "Prime Minister Rishi Sunak's effort. Emeritus Professor John Burrows said so. "
        "Mr Key agreed. It landed at the Johnson Space Center, said Sunak."
    )
    assert spans(text, "person") == ["Rishi Sunak", "John Burrows", "Key", "Sunak"]


def test_people_learned_names_found_everywhere() -> None:
    text = "Wikinews spoke to Herrick. Herrick founded wikiHow."
    assert spans(text, "person") == []
    found = suggest(text, ["person"], known_names=["Herrick"])
    assert [text[s.start : s.end] for s in found] == ["Herrick", "Herrick"]


def test_quotes_split_at_attribution_with_speakers() -> None:
    found = suggest(ALIBABA, ["quote"])
    texts = [ALIBABA[s.start : s.end] for s in found]
    assert texts == [
        "once-in-a-generation",
        "Looking ahead, revenue growth at Cloud Intelligence Group driven by AI will "
        "continue to accelerate,",
        "We will continue to execute against our strategic priorities.",
        "Apple has been very selective,",
    ]
    speakers = [s.attributes.get("speaker") for s in found]
    assert speakers == ["Eddie Wu", "Eddie Wu", "Eddie Wu", "Joe Tsai"]
    # the quote is said_by a person mention of the speaker
    said_by = found[1].target
    assert said_by is not None and ALIBABA[said_by[0] : said_by[1]] == "Wu"


def test_quotes_of_every_style() -> None:
    text = (
        'He said "one two three four" then. She said „eins zwei drei vier“ then. '
        "They said «un deux trois quatre» then. 他说「一 二 三 四」然后. "
        "He wrote ‘five six seven eight’ later."
    )
    assert spans(text, "quote") == [
        "one two three four",
        "eins zwei drei vier",
        "un deux trois quatre",
        "一 二 三 四",
        "five six seven eight",
    ]


def test_scare_quotes_titles_and_headline_quotes_left_out() -> None:
    text = (
        "North Korea puts military in 'quasi-state of war'\n\n"
        'Officials will scrap the interview to "streamline" processing. The team '
        '"Better Idea of Afghan Girls" won. The site "The Internet Explorer 6 Countdown" '
        'opened. She said her party has supported the idea "for months".'
    )
    assert spans(text, "quote") == ["for months"]


def test_multi_paragraph_quote_without_closing_mark() -> None:
    text = (
        'Boswell stated: "People fleeing clearly need quicker decisions.\n\n'
        '"No one should be jeopardised because of a form."\n'
    )
    found = suggest(text, ["quote"])
    assert [text[s.start : s.end] for s in found] == [
        "People fleeing clearly need quicker decisions.",
        "No one should be jeopardised because of a form.",
    ]
    assert {s.attributes["speaker"] for s in found} == {"Boswell"}


def test_claims_without_verb_source_or_final_punctuation() -> None:
    text = (
        "A storm caused a crane to fall, killing 107, according to the Civil Defense "
        "Authority. South Korea says the broadcasts will continue. Officials tell BBC News "
        "every claim will be assessed meritocratically. Figures show a record 45,756 "
        "migrants crossed last year. Critics said the government should act now."
    )
    assert spans(text, "claim") == [
        "A storm caused a crane to fall, killing 107",
        "the broadcasts will continue",
        "every claim will be assessed meritocratically",
        "a record 45,756 migrants crossed last year",
    ]


def test_claim_from_a_factual_quote_and_not_from_an_opinion() -> None:
    text = (
        "“They talked to a number of companies in China and in the end they chose us,” he "
        "said. “Apple has been very selective,” he said."
    )
    assert spans(text, "claim") == [
        "They talked to a number of companies in China and in the end they chose us"
    ]


def test_claim_from_a_quote_has_the_speaker_as_source() -> None:
    text = "“The broadcasts will continue next week,” said Eddie Wu."
    (claim,) = suggest(text, ["claim"])
    assert text[claim.start : claim.end] == "The broadcasts will continue next week"
    assert claim.attributes == {"source": "Eddie Wu"}
    assert claim.target is not None and text[claim.target[0] : claim.target[1]] == "Eddie Wu"


def test_claim_after_a_reporting_verb_names_its_source() -> None:
    text = "Agency spokeswoman Lydia Buchtmann told ABC News the agency will review the data."
    (claim,) = suggest(text, ["claim"])
    assert text[claim.start : claim.end] == "the agency will review the data"
    assert claim.attributes == {"source": "Lydia Buchtmann"}
