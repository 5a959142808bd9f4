"""Person rules for the kinds of error seen on unlabelled Wikinews 2020 stories (issue 12,
sug-person3): one test per kind, on sentences written for the test in the style of wire copy.
Each test names the guideline sentence (GUIDELINES.md "person") or gold README call it follows."""

from __future__ import annotations

from clipper.suggest.people import suggest_people


def people(text: str) -> list[str]:
    return [text[s.start : s.end] for s in suggest_people(text)]


def test_a_capitalised_preposition_starting_a_sentence_is_no_part_of_a_name() -> None:
    # "Every mention of a named individual by name ... surname alone": "After Trump tweeted"
    # is the surname, the sentence's first word is not
    text = (
        "Senator Ruth Okafor spoke on Monday. After Okafor left, Despite Okafor's warning "
        "and Following Okafor's speech, the vote went ahead."
    )
    assert people(text) == ["Ruth Okafor", "Okafor", "Okafor", "Okafor"]


def test_a_name_after_the_last_title_of_a_long_run_is_a_person() -> None:
    # "Titles, roles and honorifics are excluded": "former Bill Clinton White House Press
    # Secretary Joe Lockhart" holds the name after the title; the surname then recurs
    text = (
        "A former Sydney Harbour Trust Board Chairman Nadia Verhoeven questioned the plan. "
        "The council later asked Verhoeven to resign."
    )
    assert people(text) == ["Nadia Verhoeven", "Verhoeven"]


def test_a_lower_case_particle_is_capitalised_at_a_sentence_start() -> None:
    # "surname alone", every occurrence: "Nabil Hasan al-Quaety ... Al-Quaety, who ..."
    text = (
        "Journalist Nabil Karim al-Sharif died on Tuesday. Al-Sharif, who reported on the "
        "war, was 34. Colleagues praised al-Sharif's work."
    )
    assert people(text) == ["Nabil Karim al-Sharif", "Al-Sharif", "al-Sharif"]


def test_a_first_name_no_list_knows_is_a_person_when_it_is_never_a_word() -> None:
    # README (dev5): first names of individuals are persons ("Hardeep Singh Puri said ...
    # Hardeep also stated"); a first word the text also writes in lower case is not used
    text = (
        "Aviation Minister Tavinder Singh Rana said 18 people died. Tavinder also said the "
        "recorders were found."
    )
    assert people(text) == ["Tavinder Singh Rana", "Tavinder"]


def test_a_first_name_written_as_a_word_elsewhere_is_not_taken_alone() -> None:
    # the lower-case guard: "Mercy Otieno ... Mercy was shown" with "mercy" in the text
    text = "Nurse Mercy Otieno said the ward was full. They begged for mercy. Mercy was shown."
    assert people(text) == ["Mercy Otieno"]


def test_awards_and_websites_named_after_people_are_not_persons() -> None:
    # "Not tagged: ... organisations and facilities named after people": an award ("Rory
    # Peck Awards") and a website ("Drudge Report") are things, their namesake is not meant
    text = (
        "She was a 2016 Rory Peck Awards finalist. The Drudge Report ran the story; "
        "editor Matt Drudge defended it."
    )
    assert people(text) == ["Matt Drudge"]


def test_a_surname_before_a_hyphen_and_a_noun_is_attributive() -> None:
    # gold README (dev4): attributive names are persons ("Warhol Polaroids"); so is
    # "Trump-critic"; an adjective's ending ("Warhol-like wig") keeps no person
    text = (
        "Donald Trump spoke first. It was denied by Trump-critic and former adviser John Bolton. "
        "Guests wore Trump-like wigs."
    )
    assert people(text) == ["Donald Trump", "Trump", "John Bolton"]


def test_things_named_after_people_are_not_persons() -> None:
    # "Not tagged: ... organisations and facilities named after people": a court case, a
    # saint's church, a medical centre whose name runs past a caption-like word
    text = (
        "The court ruled in Dunmore v. United States on Friday. Adviser John Dunmore left "
        "St. John's Episcopal Church and was flown to Walter Reed National Military Medical "
        "Center."
    )
    assert people(text) == ["John Dunmore"]


def test_a_surname_that_is_a_place_after_a_preposition_of_place_is_the_place() -> None:
    # guidelines: places are not persons; "statues of George Washington ... riots in
    # Washington, D.C." names the city the second time
    text = "Protesters toppled statues of George Washington. Riots in Washington, D.C. followed."
    assert people(text) == ["George Washington"]


def test_congresswoman_and_adviser_are_titles_left_out_of_the_span() -> None:
    # "Span = the name only. Titles, roles and honorifics are excluded"
    text = (
        "Finalists were Congresswoman Val Demings and others. Senior advisor Hope Hicks "
        "tested positive."
    )
    assert people(text) == ["Val Demings", "Hope Hicks"]


def test_a_nickname_inside_a_name_of_two_given_names_is_one_span() -> None:
    # README (dev5): a nickname inside a name (Pasquale "Pat" Di Cicco) is part of one
    # person span; 'Edward Lodewijk "Eddie" Van Halen' keeps both given names, not a title
    text = (
        'Edward Lodewijk "Eddie" Van Berkel died on Tuesday. Sergeant Matiu "Matt" Ratana was shot.'
    )
    assert people(text) == ['Edward Lodewijk "Eddie" Van Berkel', 'Matiu "Matt" Ratana']


def test_a_surname_after_pro_or_anti_is_attributive() -> None:
    # gold README (dev4): attributive names are persons: "pro-Trump protest"
    text = "Donald Trump lost. A pro-Trump rally met an anti-Trump march."
    assert people(text) == ["Donald Trump", "Trump", "Trump"]
