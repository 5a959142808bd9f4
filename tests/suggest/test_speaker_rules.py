"""Speaker rules of GUIDELINES.md (quote section, ``speaker``), one test per kind of
error found on unlabelled stories: continued fragments, pronoun referents, subjects
behind appositions and adverbials, postposed and passive sources."""

from __future__ import annotations

from clipper.suggest import suggest


def speakers(text: str) -> list[tuple[str, object]]:
    return [(text[s.start : s.end], s.attributes.get("speaker")) for s in suggest(text, ["quote"])]


def test_fragment_after_an_attributed_quote_keeps_its_speaker() -> None:
    # "the previous speaker for a continued quote": ', calling it a "..."' has no subject
    text = (
        "Mayor Tom Hill closed the bridge on Monday.\n\n"
        'Hill said at a briefing, "We cannot take any risks with the old bridge", calling it '
        'a "hard but necessary decision".'
    )
    assert speakers(text) == [
        ("We cannot take any risks with the old bridge", "Tom Hill"),
        ("hard but necessary decision", "Tom Hill"),
    ]


def test_pronoun_speaker_is_not_a_name_it_precedes() -> None:
    # "he said" resolves to the named person: not the name he speaks about
    text = (
        "Finance minister Karl Jensen offered to resign on Friday. Prime Minister Ola Berg "
        "turned the offer down.\n\n"
        'Jensen filed his letter after a leak. He said Berg was "a model of honesty".'
    )
    assert speakers(text) == [("a model of honesty", "Karl Jensen")]


def test_pronoun_speaker_is_the_subject_after_a_leading_adverbial() -> None:
    # the subject of the sentence before, behind "Wednesday, the day he left the race,"
    text = (
        "Senator Ann Lowe and Governor Rita Sand ended their campaigns this week.\n\n"
        "Wednesday, the same day that he left the race, Paul Stone endorsed his rival, "
        'Ann Lowe. "Today I am glad to endorse her," he said.'
    )
    assert speakers(text) == [("Today I am glad to endorse her,", "Paul Stone")]


def test_subject_before_apposition_and_predicate_with_a_participle() -> None:
    # "nearest named person with a reporting verb": the subject of "explained ... saying",
    # not the predicate words before the participle
    text = (
        "The federation banned two players on Monday.\n\n"
        "Farzad Kohanzadeh, the president of the federation, explained the decision to ban "
        'the players saying, "These two will no longer play for the national team."\n'
        '  He further stated, "Our national interest is paramount."'
    )
    assert speakers(text) == [
        ("These two will no longer play for the national team.", "Farzad Kohanzadeh"),
        ("Our national interest is paramount.", "Farzad Kohanzadeh"),
    ]


def test_subject_before_an_adverbial_aside_is_the_source() -> None:
    # organisations as speakers: "ALDI, in a post on Tuesday, called it" -> ALDI
    text = (
        "Shops limited sales of toilet paper this week.\n\n"
        'Coles, in a media release, called the demand "unprecedented", while Lidl, in a '
        'Facebook post on Tuesday, called it "unexpected".'
    )
    assert speakers(text) == [("unprecedented", "Coles"), ("unexpected", "Lidl")]


def test_passive_agent_before_the_quote_and_no_speaker_from_a_new_clause_after_it() -> None:
    # "he was told by X of "..."": X, not the subject of the "while ..." clause that follows
    text = (
        "A block of flats collapsed in Tula on Monday.\n\n"
        "President Ivan Sokolov flew to the city. In a meeting he was told by Emergencies "
        'Minister Pavel Orlov of "at least 30 people under the rubble", while Deputy '
        "Governor Oleg Lunin indicated 40 people were missing."
    )
    assert speakers(text) == [("at least 30 people under the rubble", "Pavel Orlov")]


def test_possessor_in_an_apposition_is_not_the_speaker() -> None:
    # the named subject, not "Vanderbilt's" inside the apposition
    text = (
        "The designer Gloria Marsh died on Monday.\n\n"
        "Robert Hale, of CNN, one of Marsh's four sons, stated, "
        '"She was an extraordinary woman, who loved life."'
    )
    assert speakers(text) == [("She was an extraordinary woman, who loved life.", "Robert Hale")]


def test_subject_of_an_object_relative_clause_is_the_source() -> None:
    # organisations/newspapers as speakers: "which the New York Times called "...""
    text = (
        "The author Gloria Marsh died on Monday.\n\n"
        "Marsh wrote several books, including the 2009 novel Obsession, which the Daily "
        'Courier called "the boldest book of the decade."'
    )
    assert speakers(text) == [("the boldest book of the decade.", "Daily Courier")]


def test_according_to_later_in_the_sentence_names_the_source() -> None:
    # "according to": the source, though other words come between the quote and it
    text = (
        "Shops limited sales of rice this week.\n\n"
        'Sales went up in a "sharp increase" last week, according to a Fresco spokesperson.'
    )
    assert speakers(text) == [("sharp increase", "Fresco spokesperson")]


def test_it_as_speaker_is_the_organisation_named_before_not_a_person() -> None:
    # organisations as speakers: "it" never refers to a person
    text = (
        "Tennis player Nikolai Berg was arrested on Friday.\n\n"
        "The Danish Tennis Federation (DTF) released a statement addressing Berg's arrest. "
        'It read, "We have always condemned any form of violence."'
    )
    assert speakers(text) == [
        ("We have always condemned any form of violence.", "Danish Tennis Federation")
    ]


def test_subject_of_a_sentence_ending_in_a_colon_is_the_speaker() -> None:
    # speaker before the quote, without a "said": "X of NASA spoke of ...: "..."" -> X
    text = (
        "A new capsule docked with the space station on Sunday.\n\n"
        "Farzad Kohanzadeh of NASA spoke of the work with the company: "
        '"It is fun working with a new partner."'
    )
    assert speakers(text) == [("It is fun working with a new partner.", "Farzad Kohanzadeh")]


def test_coordinated_reporting_verb_takes_the_first_verbs_subject() -> None:
    # the person who says it: "Warren commended Biden ... and said" -> Warren, not Biden
    text = (
        "Senator Ann Lowe endorsed Paul Stone on Wednesday.\n\n"
        "In a video message posted online, Lowe commended Stone for his work and said she was "
        '"proud to endorse him."'
    )
    assert speakers(text) == [("proud to endorse him.", "Ann Lowe")]


def test_speaker_of_the_next_coordinated_clause_is_not_the_speaker_before_it() -> None:
    # the nearest named person with the reporting act: "X calling it "A" and Y calling it "B""
    text = (
        "The house voted on the inquiry.\n\n"
        'Members attacked the inquiry, with Steve Carlton of Ohio calling it "a farce" and '
        'Ross Dale of Iowa calling the process "a blatant and obvious coup".'
    )
    assert speakers(text) == [
        ("a farce", "Steve Carlton"),
        ("a blatant and obvious coup", "Ross Dale"),
    ]


def test_source_keeps_its_from_complement() -> None:
    # "for non-person sources the organisation/document as referred to in the text":
    # the noun phrase with its complement, not its head noun alone
    text = (
        "A cargo ship sank near the coast on Monday.\n\n"
        'On Tuesday, representatives from Norway acknowledged the crew had "ignored" the '
        "storm warnings."
    )
    assert speakers(text) == [("ignored", "representatives from Norway")]


def test_person_in_a_relative_clause_is_not_the_subject() -> None:
    # the source is the subject of the sentence ("the organisation ... as referred to in
    # the text"), not a person named in a relative clause after it
    text = (
        "In a statement released on Friday, the Ministry of Transport justified the new toll, "
        'which was approved by Governor Ann Lowe, as "fair" in nature: "The toll pays for the '
        'repairs of the old bridge."'
    )
    assert speakers(text) == [
        ("fair", "Ministry of Transport"),
        ("The toll pays for the repairs of the old bridge.", "Ministry of Transport"),
    ]


def test_the_quote_clause_after_a_semicolon_names_its_source() -> None:
    # "the organisation ... as referred to in the text": the source of the quote's own
    # clause, not an "according to" source of the clause before the semicolon
    text = (
        "According to the embassy in Lima, the visitor died on Monday; local authorities "
        'referred to him as "a British tourist."'
    )
    assert speakers(text) == [("a British tourist.", "local authorities")]


def test_no_source_made_of_an_adjective_and_an_adverb() -> None:
    # "null would be used if no source were identifiable": "Reported cases also appeared"
    # names no source, so no word of it becomes the speaker
    text = (
        "A new virus was found in the city. Reported cases also appeared in three towns.\n\n"
        'The study counts air traffic to give the estimate, a "total of 900 cases" in May.'
    )
    got = speakers(text)
    assert got and got[0][1] != "also"


def test_the_title_is_the_person_named_with_it() -> None:
    # "speaker = fullest form of the person's name" also for a role ("the chief
    # executive" -> Eddie Wu): the nearest person given that title before, wherever it
    # was given, and "President-elect" is not "President"
    text = (
        "On Monday, agency head Ann Cole wrote to President-elect Paul Stone. "
        + "Officials met all week to prepare the hand-over of the ministries. " * 8
        + "\n\nPresident Tom Hill, who appointed Cole in 2017, answered on Twitter.\n\n"
        + "The Senate met on Tuesday. "
        + "Observers expect a long hearing with many witnesses in the coming weeks. " * 5
        + '\n\nThe president did not concede, however, and vowed to keep fighting "the good '
        + 'fight" in the courts.'
    )
    assert speakers(text) == [("the good fight", "Tom Hill")]


def test_capitalised_title_is_its_holder() -> None:
    # "the Prime Minister" -> the person named "Prime Minister Igor Lind" in the text
    text = (
        "Prime Minister Igor Lind of Norland posted a message on Friday.\n\n"
        + "Ministers met on Tuesday to agree new rules for the shops. " * 8
        + "\n\nAfter the economy minister Karl Berg failed to buy enough tests, the Prime "
        + 'Minister apologised to the nation for "having a fool as economy minister."'
    )
    assert speakers(text) == [("having a fool as economy minister.", "Igor Lind")]


def test_who_clause_up_to_the_quote_is_its_antecedent() -> None:
    # the source is the person the relative clause is about ("Chris Christie, who
    # denounced ... as a "..."), not a person named earlier in the sentence
    text = (
        "Other members have broken with Mayor Tom Hill and urged him to resign, such as "
        'former governor Ann Cole, who denounced the mayor\'s plan as a "local disgrace".'
    )
    assert speakers(text) == [("local disgrace", "Ann Cole")]


def test_name_before_a_role_without_its_closing_comma() -> None:
    # "Name, the role, said": the person, also when the comma before the verb is missing
    text = (
        "In the blog post Ann Cole, the Chief Technology Officer of Norsoft said Norsoft was "
        '"moving our investment fully to the new product".'
    )
    assert speakers(text) == [("moving our investment fully to the new product", "Ann Cole")]


def test_block_quote_after_a_colon_line_is_its_subjects() -> None:
    # "implicit" sources: a quote on its own line after "X defended the payments ...:" is
    # X's, and after "He provided the text of a message he sent to Y:" the antecedent of
    # "he", not Y named before the colon
    text = (
        "The party paid its treasurer Mark Dunn US$9,000 last year. Dunn defended the "
        "payments in comments on a blog and denied any wrongdoing:\n"
        '"The money covered hotels and travel across the state."\n\n'
        "Lane had his own view on the matter. He provided Wikinews with the text of a "
        "message he sent to party chairman Mark Dunn:\n"
        '"Please tell the board that I will withdraw from the ticket."'
    )
    assert speakers(text) == [
        ("The money covered hotels and travel across the state.", "Mark Dunn"),
        ("Please tell the board that I will withdraw from the ticket.", "Lane"),
    ]


def test_subject_after_a_time_adverbial_without_comma() -> None:
    # "the source ... as referred to in the text": "At about 5 p.m. his daughter reported"
    # names the daughter, not the person named before
    text = (
        "Mayor Tom Hill was found dead on Friday, police said.\n\n"
        'At about 5:17 p.m. his daughter reported to the police he "left home four hours '
        'ago with his phone off."'
    )
    assert speakers(text) == [("left home four hours ago with his phone off.", "daughter")]


def test_opines_after_a_quote_split() -> None:
    # '"...", Martin opines, "..."': a reporting verb between the parts of a split quote
    text = (
        "Lawyer Ann Cole wrote an essay on the case. Professor Tom Hill disagreed.\n\n"
        '"Lane can rest easy", Cole opines, "she will not be blocked."'
    )
    assert speakers(text) == [
        ("Lane can rest easy", "Ann Cole"),
        ("she will not be blocked.", "Ann Cole"),
    ]


def test_surname_source_is_the_full_name_with_an_initial() -> None:
    # "speaker = fullest form of the person's name found in the article": "Eastman" is
    # "John C. Eastman", middle initial included
    text = (
        "Professor John C. Eastman of Chapman University writes that parents must be subject "
        'to "complete jurisdiction" as citizens.'
    )
    assert speakers(text) == [("complete jurisdiction", "John C. Eastman")]


def test_as_x_put_it_after_a_quote_names_its_source() -> None:
    # "the organisation/document as referred to in the text": '"..." — as the court
    # decision put it —' names the decision, not a word before the quote
    text = (
        'For four days, traffic "ground to a halt" — as the Supreme Court decision put it — '
        "on the old bridge."
    )
    assert speakers(text) == [("ground to a halt", "Supreme Court decision")]
