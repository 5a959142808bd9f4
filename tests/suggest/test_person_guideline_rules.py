"""Person rules of the guidelines and the gold README's conventions (issue 12, sug-person2):
one test per rule, on sentences written for the test in the style of wire copy."""

from __future__ import annotations

from clipper.suggest.people import suggest_people


def people(text: str) -> list[str]:
    return [text[s.start : s.end] for s in suggest_people(text)]


def test_storms_named_like_people_are_not_persons() -> None:
    # README: storms (Dorian) are not persons, at any mention
    text = "Hurricane Dorian hit the islands. Dorian later weakened; Typhoon Mona followed."
    assert people(text) == []


def test_families_named_after_a_surname_are_not_persons() -> None:
    # README: families ("the Vanderbilt family/fortune") are not persons; the woman is
    text = (
        "Gloria Halloran, 95, died on Monday. Scion of the wealthy Halloran family, Halloran "
        "later won part of the Halloran fortune."
    )
    assert people(text) == ["Gloria Halloran", "Halloran"]


def test_facilities_named_after_people_are_not_persons() -> None:
    # guidelines: organisations and facilities named after people are not tagged
    text = "Premier Erna Solberg was stranded after a visit to the Johan Sverdrup oil field."
    assert people(text) == ["Erna Solberg"]


def test_a_given_name_that_is_also_a_word_of_organisations() -> None:
    # "Bill" is a bill (an act) only after other words; first in a name it is a given name
    text = "The Senate passed the Finance Bill. Bill Gerstenmaier of NASA welcomed it."
    assert people(text) == ["Bill Gerstenmaier"]


def test_honorifics_are_left_out_and_end_no_sentence() -> None:
    # guidelines: titles and honorifics excluded; a full stop after a title word ends it
    text = (
        "Qaboos bin Said, the Sultan of Oman, chose his cousin, Haitham, as the new Sultan. "
        "After a day, Imam Khalil spoke."
    )
    assert people(text) == ["Qaboos bin Said", "Haitham", "Khalil"]


def test_a_patronymic_name_starts_before_bin() -> None:
    # span = the name: the person's own name before "bin"/"ibn" belongs to it
    text = "His successor, Haitham bin Tariq Al Said, attended the prayers."
    assert people(text) == ["Haitham bin Tariq Al Said"]


def test_a_surname_after_a_title_in_the_same_run() -> None:
    # surname alone is tagged; "President" is excluded from the span
    text = (
        "Mitsotakis met the IMF, then President Trump; Artificial General Intelligence was "
        "no topic."
    )
    assert people(text) == ["Trump"]


def test_nationalities_and_religions_are_not_names() -> None:
    # guidelines: nationalities are not tagged
    text = (
        "Sunni Members of Parliament boycotted it. Cypriot waters matter to Turkish Cypriot "
        "interests, said Hami Aksoy."
    )
    assert people(text) == ["Hami Aksoy"]


def test_first_names_introduced_by_a_person_noun() -> None:
    # README: first names of individuals (Ivan, Łukasz) are persons, at every mention
    text = (
        "An eleven-month-old boy, identified only as Ivan, was rescued. A Polish chef named "
        "Łukasz chased the man. Ivan's condition is stable; Łukasz, a chef, was hurt. "
        "The rescuers named Monday a day of mourning."
    )
    assert people(text) == ["Ivan", "Łukasz", "Ivan", "Łukasz"]


def test_first_names_listed_after_a_kin_noun() -> None:
    text = "She is survived by two sons with Stokowski, Stanislaus and Christopher, and a niece."
    assert people(text) == ["Stanislaus", "Christopher"]


def test_a_first_name_after_a_cousin() -> None:
    text = (
        "The council acknowledged the late ruler's cousin, Haitham, as successor. Haitham said so."
    )
    assert people(text) == ["Haitham", "Haitham"]


def test_a_nickname_inside_a_name_is_one_span() -> None:
    # README: a nickname inside a name is part of one person span
    text = 'She married talent agent Pasquale "Pat" Di Cicco; nominee James (Jim) Hedges ran.'
    assert people(text) == ['Pasquale "Pat" Di Cicco', "James (Jim) Hedges"]


def test_names_after_plural_roles_and_including() -> None:
    text = "Her jeans hung beside works of designers including Coco Chanel in the exhibit."
    assert people(text) == ["Coco Chanel"]


def test_a_name_with_the_country_the_person_is_from() -> None:
    text = (
        "The silver medal was won by Rai Benjamin from the United States. Bronze went to "
        "Abderrahman Samba of Qatar with a time of 48.03 seconds; the Supreme Leader of Iran "
        "and Costa Sur of Puerto Rico did not run."
    )
    assert people(text) == ["Rai Benjamin", "Abderrahman Samba"]


def test_a_religious_honorific_is_left_out() -> None:
    text = "The party was organised by president Swami Chakrapani. Chakrapani said it worked."
    assert people(text) == ["Chakrapani", "Chakrapani"]


def test_products_spelled_in_mixed_case_are_not_names() -> None:
    # products are not people: "CentOS Stream" ... "said Stream was" names no one
    text = "CentOS Stream provides more ways to engage. Chris Wright said Stream was not it."
    assert people(text) == ["Chris Wright"]


def test_a_first_name_right_after_a_kin_noun_and_a_list_of_sisters() -> None:
    text = (
        "Did your younger brother Borna also decide to leave? I played the sisters Anna and "
        "Mariya in a round-robin."
    )
    assert people(text) == ["Borna", "Anna", "Mariya"]


def test_a_patronymic_name_is_shortened_to_its_first_word() -> None:
    # surnames linked to the full name: Arabic names are shortened to the own name
    text = "Qaboos bin Said, the Sultan of Oman, died. Before Qaboos's burial, prayers were held."
    assert people(text) == ["Qaboos bin Said", "Qaboos"]


def test_a_company_after_producer_is_no_person() -> None:
    text = "The Greek gas producer Energean signed a letter. Energean has committed funds."
    assert people(text) == []


def test_a_hyphenated_title_before_an_unknown_name() -> None:
    # titles are left out of the span; the name after them is a person's
    text = "WHO director-general Tedros Adhanom Ghebreyesus said the name had to be easy."
    assert people(text) == ["Tedros Adhanom Ghebreyesus"]


def test_a_name_after_star_or_client() -> None:
    text = "He represented porn star Stormy Daniels and his client Gary Franklin in court."
    assert people(text) == ["Stormy Daniels", "Gary Franklin"]


def test_a_team_named_like_a_person_is_no_person() -> None:
    # organisations are not tagged: "the Charlotte Hornets" is a team
    text = (
        "Basketball player Kobe Bryant was chosen by the Charlotte Hornets in the draft. "
        "The Hornets traded him."
    )
    assert people(text) == ["Kobe Bryant"]


def test_names_listed_after_counterparts() -> None:
    text = (
        "Foreign minister Sameh Shoukry and his counterparts, Nikos Dendias, Nikos "
        "Christodoulides and Jean-Yves Le Drian, met in Cairo."
    )
    assert people(text) == [
        "Sameh Shoukry",
        "Nikos Dendias",
        "Nikos Christodoulides",
        "Jean-Yves Le Drian",
    ]


def test_a_speaker_of_an_assembly() -> None:
    text = 'Suman Haripriya of the Hajo assembly said "it can be cured".'
    assert people(text) == ["Suman Haripriya"]


def test_a_surname_before_jr_is_found_alone() -> None:
    text = "The pardon of Edward J. DeBartolo Jr. came on Tuesday. DeBartolo owned a team."
    assert people(text) == ["Edward J. DeBartolo Jr.", "DeBartolo"]


def test_a_company_named_after_its_founder_is_no_person() -> None:
    text = "Pardoned: Paul Harvey Pogue. Pogue, the founder of Pogue Construction, paid."
    assert people(text) == ["Paul Harvey Pogue", "Pogue"]


def test_named_as_an_award_or_a_nationality_list_is_no_name() -> None:
    text = (
        "A striker named Man of the Match was cheered. Her children, Spanish and English "
        "speakers, stayed."
    )
    assert people(text) == []


def test_an_initial_without_a_stop_and_an_age_before_a_name() -> None:
    text = (
        "B Shiva Parvathi was the loco pilot, and 22-year-old Rangoli Patil was her "
        "co-pilot. A Mysore Division crew ran the train."
    )
    assert people(text) == ["B Shiva Parvathi", "Rangoli Patil"]
