"""Speaker rules of GUIDELINES.md (quote section, ``speaker``: "fullest form of the
person's name found in the article"; non-person sources "as referred to in the text"),
one test per kind of error read on test6 after its blind scoring; invented texts."""

from __future__ import annotations

from clipper.suggest import suggest


def speakers(text: str) -> list[tuple[str, object]]:
    return [(text[s.start : s.end], s.attributes.get("speaker")) for s in suggest(text, ["quote"])]


def test_quip_and_joke_are_reporting_verbs() -> None:
    # '"...," quipped editor Ann Lowe': the named person after the verb
    text = (
        "Artist Rita Sand spoke first at the panel.\n\n"
        '"You have to finish the page before the weekend," quipped comic editor Ann Lowe.'
    )
    assert speakers(text)[-1] == (
        "You have to finish the page before the weekend,",
        "Ann Lowe",
    )


def test_a_role_noun_is_the_person_who_carries_it_as_a_title() -> None:
    # "Eddie Wu" also for "the chief executive": "the actress" -> "Actress Mary Stone"
    text = (
        "Actress Mary Stone is set to appear in a new legal drama filmed in Leeds. The actress "
        'recalled her first season, when the show was the "smallest production on the lot."'
    )
    assert speakers(text) == [("smallest production on the lot.", "Mary Stone")]


def test_a_non_person_source_keeps_its_of_complement() -> None:
    # a source "as referred to in the text": the whole noun phrase, not its head noun
    text = (
        "The trial ended on Friday.\n\n"
        'The head of the city\'s fire inspectors told the court "Basic checks were not done."'
    )
    assert speakers(text) == [("Basic checks were not done.", "head of the city's fire inspectors")]


def test_she_after_a_person_role_in_a_group_is_that_source() -> None:
    # "the previous speaker for a continued quote": "head of ..." is a person, so "she"
    # refers to it, not to a person named before
    text = (
        "Lawyer Ann Lowe spoke to reporters after the verdict.\n\n"
        'The head of the city\'s fire inspectors told the court "Basic checks were not done." '
        'She also said "We were called far too late."'
    )
    assert [s for _q, s in speakers(text)] == [
        "head of the city's fire inspectors",
        "head of the city's fire inspectors",
    ]


def test_a_name_inside_an_apposition_is_not_the_subject() -> None:
    # "Ann Lowe, a lawyer representing Rita Sand, told": the speaker is Ann Lowe
    text = (
        "Rita Sand won her case on Friday.\n\n"
        "Ann Lowe, a Leeds lawyer representing Rita Sand, told the BBC after the verdict "
        '"My client is relieved with the verdict."'
    )
    assert speakers(text) == [("My client is relieved with the verdict.", "Ann Lowe")]


def test_a_titled_short_name_is_the_fullest_name_without_the_title() -> None:
    # "fullest form of the person's name found in the article", titles left out
    text = (
        "Prime Minister Tavita Lemalu Fonoti said the schools would close.\n\n"
        'When announcing the closure on Monday, Prime Minister Tavita called on "church '
        'leaders and village mayors" to help.'
    )
    assert speakers(text)[-1] == (
        "church leaders and village mayors",
        "Tavita Lemalu Fonoti",
    )


def test_one_of_them_is_the_group_that_spoke_before() -> None:
    # "the previous speaker for a continued quote": "one of them" refers back to the source
    text = (
        "The court heard from the children on Friday.\n\n"
        'One of the neighbours said, "We never saw them outside." '
        'One of them even went as far to say, "I am glad we moved away."'
    )
    assert [s for _q, s in speakers(text)] == ["One of the neighbours", "One of the neighbours"]


def test_a_reporting_word_inside_a_quote_does_not_introduce_a_speaker() -> None:
    # a character named in the narration between two quotes of one speaker is no speaker
    # just because the quote before says "asked"
    text = (
        "Actress Mary Stone recalled her first season.\n\n"
        'Unhappy with the role, she left the show. "I wanted to act. I actually asked them to '
        'make up some fake legs" to place at the '
        "character Tina Vale's station, which was on a platform. "
        '"You could just stick my legs there and keep the camera low."'
    )
    assert [s for _q, s in speakers(text)] == ["Mary Stone", "Mary Stone"]


def test_a_new_paragraph_of_an_event_report_is_its_opening_subject() -> None:
    # an identifiable source introduced at the paragraph's start by what it does at the
    # event ("hosted a panel"), not the speaker of the paragraph before
    text = (
        'Actor Tom Hale talked about his new series. "It was tremendous," Hale said.\n\n'
        "Mattel hosted a panel about its dolls. The company's upcoming doll is a bride, their "
        '"most requested doll to date."'
    )
    assert [s for _q, s in speakers(text)] == ["Tom Hale", "Mattel"]


def test_the_company_after_a_named_firm_speaks_is_that_firm() -> None:
    # non-person sources "as referred to in the text": the firm's name given before
    text = (
        'Actor Tom Hale talked about his new series. "It was tremendous," Hale said.\n\n'
        "Mattel hosted a panel about its dolls. The company's upcoming doll is a bride, their "
        '"most requested doll to date."\n\n'
        'Asked about waste, the company noted that it had switched packaging, "which uses '
        'far less plastic than before."'
    )
    assert [s for _q, s in speakers(text)] == ["Tom Hale", "Mattel", "Mattel"]


def test_a_source_that_issues_a_statement_quoted_after_a_colon() -> None:
    # a non-person source "as referred to in the text" ("leaked internal letter")
    text = (
        "Doctor Ann Lowe said the clinics were full.\n\n"
        "Earlier this week, an official health ministry Twitter account made the following "
        'announcement: "Latest update: 300 new cases have been reported since Monday."'
    )
    assert speakers(text)[-1][1] == "official health ministry Twitter account"


def test_who_refers_to_something_by_the_quoted_words_is_their_source() -> None:
    # "government" as written: the subject of "referring to ... as", not the sentence's
    text = (
        "Thousands marched on Sunday.\n\n"
        "Protesters' demands include the release of those arrested and that the government "
        'cease referring to the marches as "riots," as it did last week.'
    )
    assert speakers(text) == [("riots,", "government")]


def test_a_leading_time_adverbial_is_no_source() -> None:
    # "Since then, the territory has been governed under the "..." model": "Since then" is
    # an adverbial, never the source of the quoted words
    text = (
        "Mayor Ann Lowe said the plan had worked.\n\n"
        "The city was handed over in 1997. Since then, the territory has been governed under "
        'the "one city, two councils and many committees" model.'
    )
    assert all(s != "Since then" for _q, s in speakers(text))
