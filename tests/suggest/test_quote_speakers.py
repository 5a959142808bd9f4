"""Quotes and their speakers on press-style paragraphs written for the rules of
GUIDELINES.md (quote section): source lists, local governance of short quotes, quotes
in other scripts, interrupted quotes, pronoun speakers and sources named far away."""

from __future__ import annotations

from clipper.suggest import suggest


def quotes(text: str) -> list[tuple[str, object]]:
    return [(text[s.start : s.end], s.attributes.get("speaker")) for s in suggest(text, ["quote"])]


def test_source_list_at_the_end_of_a_story_is_no_quote() -> None:
    text = (
        "Storm closes port\n\n"
        'A storm closed the port of Dover on Monday. "We have never seen waves like this," '
        "said harbour master Tom Clarke.\n\n"
        "Sources\n\n"
        ' "Storm closes Dover port" — BBC News, March 3, 2010\n'
        ' Jane Doe. "Ferries cancelled as gales hit the Channel" — The Guardian, March 3, 2010\n'
    )
    assert quotes(text) == [("We have never seen waves like this,", "Tom Clarke")]
    claims = [text[s.start : s.end] for s in suggest(text, ["claim"])]
    assert claims == ["We have never seen waves like this"]


def test_citation_line_without_a_heading_is_no_quote() -> None:
    text = (
        '"The water is safe to drink," said Anna Berg of the health agency.\n'
        'Peter Holm, "Agency tests city water after complaints" — Daily Post, June 2, 2021\n'
    )
    assert quotes(text) == [("The water is safe to drink,", "Anna Berg")]


def test_short_quote_needs_a_reporting_verb_governing_it() -> None:
    text = (
        'Critics called the plan a "sham", while the government\'s "reform" agenda stalled. '
        'His "friends" never came. Pope Francis on Sunday called the abuse "a cancer" in the '
        'church and promised "concrete measures".'
    )
    assert quotes(text) == [
        ("sham", "Critics"),
        ("a cancer", "Francis"),
        ("concrete measures", "Francis"),
    ]


def test_quotes_after_a_colon_and_in_other_scripts() -> None:
    text = (
        "Le ministre Jean Dupont a déclaré : « Nous ne céderons pas ». "
        "Die Kanzlerin Angela Merkel sagte: „Wir schaffen das.“ 首相は「改革を続ける」と述べた。"
    )
    assert [q for q, _ in quotes(text)] == [
        "Nous ne céderons pas",
        "Wir schaffen das.",
        "改革を続ける",
    ]


def test_interrupted_quote_with_a_pronoun_between_its_parts() -> None:
    text = (
        '"The company has lost its way," Maria Lopez, the union\'s leader, said on Tuesday. '
        '"We have asked for talks three times, and three times we were refused."\n'
        'Lopez added that the strike would continue. "Nobody wants this," she said, '
        '"but nobody is listening."\n'
    )
    assert quotes(text) == [
        ("The company has lost its way,", "Maria Lopez"),
        ("We have asked for talks three times, and three times we were refused.", "Maria Lopez"),
        ("Nobody wants this,", "Maria Lopez"),
        ("but nobody is listening.", "Maria Lopez"),
    ]


def test_nested_single_quotes_stay_inside_the_double_quote() -> None:
    text = (
        "\"He told me, 'Don't worry about the money,' and then he left,\" said Sarah Miles, "
        "a neighbour."
    )
    assert quotes(text) == [
        ("He told me, 'Don't worry about the money,' and then he left,", "Sarah Miles")
    ]


def test_pronoun_speaker_is_the_person_in_subject_position_of_the_sentence() -> None:
    text = (
        '"The child was in pain every day," prosecutor Mark Tedeschi told the court.\n'
        "Allegedly, Thomas' sister pleaded with him to see a doctor, but he replied "
        '"I am not able to do that".\n'
        "Earlier, Thomas Sam had treated the child himself.\n"
    )
    assert quotes(text) == [
        ("The child was in pain every day,", "Mark Tedeschi"),
        ("I am not able to do that", "Thomas Sam"),
    ]


def test_multi_paragraph_quote_keeps_its_speaker_over_paragraphs() -> None:
    text = (
        'Chief Inspector Alan Reed described the scene. "When we arrived, the building was '
        "already on fire.\n\n"
        '"We got eleven people out through the back. Two firefighters were hurt.\n\n'
        '"It was the worst night of my career."\n\n'
        "The council said it would review fire safety in the block.\n"
    )
    assert quotes(text) == [
        ("When we arrived, the building was already on fire.", "Alan Reed"),
        ("We got eleven people out through the back. Two firefighters were hurt.", "Alan Reed"),
        ("It was the worst night of my career.", "Alan Reed"),
    ]


def test_according_to_a_document_and_a_short_quote_after_said() -> None:
    text = (
        'According to the report, "the levels found in the water were safe." The ministry\'s '
        'spokesman, Peter Hall, said the results were "reassuring".'
    )
    assert quotes(text) == [
        ("the levels found in the water were safe.", "report"),
        ("reassuring", "Peter Hall"),
    ]


def test_pronoun_speaker_is_the_salient_person_not_the_latest_name() -> None:
    text = (
        '"We will appeal," said defence lawyer Ruth Baker.\n'
        "Prosecutor David Chen told reporters the case was strong. He met the victim's family, "
        "including her brother Paul Wright, on Monday.\n"
        '"Justice will be done," he said.\n'
    )
    assert quotes(text) == [
        ("We will appeal,", "Ruth Baker"),
        ("Justice will be done,", "David Chen"),
    ]


def test_speaker_introduced_with_a_title_and_an_abbreviation() -> None:
    text = (
        '"We thank every city that applied," said Charles Bolden.\n'
        "Not all were pleased. U.S. Senator John Cornyn, Republican from Texas, issued a "
        "statement on the choice.\n"
        '"Like many Texans, I am disappointed with the decision."\n'
    )
    assert quotes(text)[1] == (
        "Like many Texans, I am disappointed with the decision.",
        "John Cornyn",
    )


def test_in_the_words_of_and_according_to_with_a_name_in_apposition() -> None:
    text = (
        "The baby suffered for months and, in the words of the Crown prosecutor, Mark "
        'Tedeschi, QC, "she spent most of her last months crying and scratching." '
        'According to the mayor, Liam Ford, "the road will reopen next week."'
    )
    assert quotes(text) == [
        ("she spent most of her last months crying and scratching.", "Mark Tedeschi"),
        ("the road will reopen next week.", "Liam Ford"),
    ]


def test_participial_reporting_verb_takes_the_main_clause_subject() -> None:
    text = (
        "The transport minister, Liam Ford, spoke to reporters in Dublin after a two-hour "
        'meeting with rail managers, describing the walkout as "an act of sabotage".'
    )
    assert quotes(text) == [("an act of sabotage", "Liam Ford")]


def test_body_quote_of_a_headline_phrase_and_the_name_after_a_role() -> None:
    text = (
        "North Korea puts military in 'quasi-state of war'\n\n"
        'All front-line units of the army were ordered to enter a "quasi-state of war" '
        "from Friday, the state news agency KCNA announced.\n"
    )
    assert quotes(text) == [("quasi-state of war", "KCNA")]


def test_rating_labels_and_award_names_are_no_quotes() -> None:
    text = (
        'The inspectors said the hotel kept its "Very Good" rating. The hurricane was '
        'upgraded to "Category 4" on Sunday. The team was awarded a silver medal for '
        '"courageous achievement" on Tuesday, officials said.'
    )
    assert quotes(text) == []


def test_a_verb_taking_the_next_quote_as_object_is_not_the_attribution_before_it() -> None:
    text = (
        'The form, which runs to 32 pages, "must be completed in English", '
        'the government recommending "online translation tools" if needed.'
    )
    assert quotes(text) == [
        ("must be completed in English", "form"),
        ("online translation tools", "government"),
    ]


def test_a_quote_in_a_sentence_without_reporting_verb_has_the_subject_as_source() -> None:
    text = (
        'The site\'s founder, Jack Herrick, spoke to us. "We are a small team," he said.\n'
        'The charter, which was adopted in 2005, aims to "build the largest free manual."\n'
    )
    assert quotes(text) == [
        ("We are a small team,", "Jack Herrick"),
        ("build the largest free manual.", "charter"),
    ]


def test_single_quotes_with_a_plural_possessive_inside() -> None:
    text = (
        "'We will not be moved,' said union leader Mary Kelly. The workers' demands were "
        "clear: 'Pay us what we are owed.' Her deputy, Sam O'Neill, added: 'The boss's offer "
        "is an insult to the lads' families.'"
    )
    assert quotes(text) == [
        ("We will not be moved,", "Mary Kelly"),
        ("Pay us what we are owed.", "Mary Kelly"),
        ("The boss's offer is an insult to the lads' families.", "Sam O'Neill"),
    ]


def test_a_headline_quote_with_its_source_is_a_quote_a_scare_quote_is_not() -> None:
    text = (
        "'We are not afraid of anyone,' says Kim Jong-un\n\n"
        "Kim Jong-un said the country would defend itself.\n"
    )
    assert quotes(text) == [("We are not afraid of anyone,", "Kim Jong-un")]
    text = "Pope calls abuse 'a cancer'\n\nThe Pope spoke on Sunday.\n"
    assert quotes(text) == []


def test_source_after_the_quote_in_apposition_with_an_age_or_as_a_bare_noun() -> None:
    text = (
        '"Sales are up," said the company\'s chief executive, Eddie Wu. "Costs too," Wu, 58, '
        'told reporters. "We are investigating," police said in a statement.'
    )
    assert quotes(text) == [
        ("Sales are up,", "Eddie Wu"),
        ("Costs too,", "Eddie Wu"),
        ("We are investigating,", "police"),
    ]


def test_a_surname_speaker_gets_the_fullest_name_in_the_text() -> None:
    text = (
        'Liam Ford, a farmer from Kerry, lost his herd. "It was the worst week of my life," '
        'said Ford. Yesterday Kelly spoke. "We lost," said Kelly. The Ford Motor Company '
        'announced cuts. "We are sorry," said Ford Motor.'
    )
    assert [s for _, s in quotes(text)] == ["Liam Ford", "Kelly", "Ford Motor"]


def test_interview_turns_with_a_label_before_a_colon() -> None:
    text = (
        "Wikinews spoke to Jack Herrick, who founded the site.\n"
        'Wikinews: "Why did you start the project at all?"\n'
        'Jack Herrick: "We wanted to build the largest how-to manual."\n'
        'Wikinews: "And what comes next for the site?"\n'
        'Herrick: "More languages, starting with Spanish."\n'
    )
    assert [s for _, s in quotes(text)] == ["Wikinews", "Jack Herrick", "Wikinews", "Jack Herrick"]


def test_double_quotes_nested_in_a_single_quoted_passage_and_a_name_ending_in_ly() -> None:
    text = "Kelly said: 'He told me \"no\" and walked away,' adding that she was shocked."
    assert quotes(text) == [('He told me "no" and walked away,', "Kelly")]


def test_titles_of_works_are_no_quotes() -> None:
    text = (
        'The charity published its report "Hunger in a warming world of tomorrow" on Monday. '
        'The band released a song "we are all in this together now" last year.'
    )
    assert quotes(text) == []


FLOOD = (
    "Flood victims 'abandoned', says mayor\n"
    "\n"
    "Monday, March 4, 2024\n"
    "\n"
    "Hundreds of families in the river town of Carrow remain without power three days "
    'after the flood, and the town\'s mayor, Helen Ashby, says they have been "abandoned" '
    "by the national government.\n"
    "\n"
    '"We have people sleeping in cars and in the church hall," Ashby told reporters '
    'outside the town hall on Sunday. "Nobody from the ministry has come. Not one '
    'person."\n'
    "\n"
    "The energy minister, Paul Grant, rejected the criticism. Speaking in parliament, he "
    "said engineers had restored power to 4,000 homes since Friday and that the rest "
    'would be connected "within days".\n'
    "\n"
    '"I understand the frustration," Grant said, "but our crews are working around the '
    'clock."\n'
    "\n"
    "Local volunteers have set up a kitchen in the school. Its organiser, retired teacher "
    "Mary O'Brien, said the response had been overwhelming. \"People turn up with soup, "
    "with blankets, with anything they have.\n"
    "\n"
    '"One man drove four hours from the coast with a van full of water."\n'
    "\n"
    "According to the Met Office, more rain is expected on Wednesday.\n"
    "\n"
    "Sources\n"
    "\n"
    ' "Carrow flood: families still without power" — BBC News, March 3, 2024\n'
)


def test_a_press_story_with_every_kind_of_quote_and_a_source_list() -> None:
    assert quotes(FLOOD) == [
        ("abandoned", "Helen Ashby"),
        ("We have people sleeping in cars and in the church hall,", "Helen Ashby"),
        ("Nobody from the ministry has come. Not one person.", "Helen Ashby"),
        ("within days", "Paul Grant"),
        ("I understand the frustration,", "Paul Grant"),
        ("but our crews are working around the clock.", "Paul Grant"),
        ("People turn up with soup, with blankets, with anything they have.", "Mary O'Brien"),
        ("One man drove four hours from the coast with a van full of water.", "Mary O'Brien"),
    ]


def test_subjects_with_appositions_participles_joint_sources_and_quoted_as_saying() -> None:
    text = (
        'Zbigniew Nowak, a spokesperson for the agency, said "we are looking into it."\n'
        'Ardern, speaking after the vote, called it "a historic day for the country".\n'
        'Police chief Raj Patel and mayor Tom Hill both said the march was "peaceful and '
        'well organised".\n'
        'The BBC quoted a resident as saying: "The water came up to the roof."\n'
    )
    assert [s for _, s in quotes(text)] == [
        "Zbigniew Nowak",
        "Ardern",
        "Raj Patel and Tom Hill",
        "resident",
    ]


def test_a_quote_after_reported_speech_is_the_reporters_not_the_person_reported_on() -> None:
    text = (
        "Gallery opens\n\n"
        "Curator Nina Ford spoke at the opening. "
        "Ford also said Pablo Ruiz was both an artist and a businessman. "
        '"He sold prints in every colour so buyers could pick one."'
    )
    assert quotes(text) == [
        ("He sold prints in every colour so buyers could pick one.", "Nina Ford")
    ]


def test_a_misspelt_surname_is_the_person_it_is_one_letter_from() -> None:
    text = (
        "Gallery opens\n\n"
        "Kathryn Waters, director of the gallery, opened the show. "
        '"Everybody knows his name, even people who never visit museums," Water said.'
    )
    assert quotes(text) == [
        ("Everybody knows his name, even people who never visit museums,", "Kathryn Waters")
    ]


def test_a_name_spelt_two_ways_is_given_as_the_spelling_used_most() -> None:
    text = (
        "Gallery opens\n\n"
        "Full interview with Kristin Wilkins, curator. "
        "The prints were donated, according to Kristen Wilkins, the curator. "
        "Kristen Wilkins chose the prints. "
        '"He liked the way photo booths looked," Wilkins said.'
    )
    assert quotes(text) == [("He liked the way photo booths looked,", "Kristen Wilkins")]


def test_name_then_role_then_verb_gives_the_name() -> None:
    text = (
        "Panama lose\n\n"
        'After the match, Hernan Dario Gomez, Panama coach, said, "We have learned a lot '
        'from today\'s game." In Paris, the minister said "we will reply to this soon".'
    )
    assert quotes(text)[0] == ("We have learned a lot from today's game.", "Hernan Dario Gomez")
    assert quotes(text)[1][1] != "In Paris"


def test_a_place_name_ending_in_a_verb_form_and_a_long_title_are_no_quotes() -> None:
    text = (
        "Gallery opens\n\n"
        'Galleries across the United States also include photographs of "unknowns" who '
        'were never famous. Anna Berg, curator of "Andy Warhol: Photographs and Prints from '
        'the University Collection" at the university, opened it.'
    )
    assert quotes(text) == []


def test_an_organisation_that_introduces_a_quote_with_a_colon_is_its_speaker() -> None:
    text = (
        "Strike kills commander\n\n"
        "In a statement released after the attack, the United States Department of Defense "
        'justified the strike, which was approved by President Donald Trump, as "defensive" '
        'in nature: "The military has taken decisive defensive action to protect personnel '
        'abroad."'
    )
    assert quotes(text)[-1][1] == "United States Department of Defense"


def test_a_pronoun_before_a_colon_is_the_person_named_before_not_a_possessive() -> None:
    text = (
        "Strike kills commander\n\n"
        "Ali Hosseini Khamenei, the Supreme Leader of Iran, ordered three days of mourning. "
        "In his message, he appreciated Soleimani's lifepath: \"He spent his entire life "
        'engaging in jihad in the path of God."'
    )
    assert quotes(text) == [
        ("He spent his entire life engaging in jihad in the path of God.", "Ali Hosseini Khamenei")
    ]


def test_a_relative_clause_and_an_acronym_after_an_organisation_are_not_its_name() -> None:
    text = (
        "Strike kills commander\n\n"
        "The Iranian Revolutionary Guard Corps (IRGC), which includes the Quds Force, "
        'declared that Soleimani was "martyred" by the airstrike.'
    )
    assert quotes(text) == [("martyred", "Iranian Revolutionary Guard Corps")]


def test_a_capitalised_name_with_an_ampersand_is_a_name_not_a_quote() -> None:
    text = 'A fire was reported in the "Kiss & Fly" section of the car park on Tuesday.'
    assert quotes(text) == []


def test_an_organisation_calling_something_a_quote_after_a_leading_adverbial() -> None:
    text = (
        "Summit denounces deal\n\n"
        "In a related press release issued the following day, the Turkish Ministry of Foreign "
        'Affairs denounced the conclusions of the summit, calling the agreements "legitimate '
        'and fully compatible with international law".'
    )
    assert quotes(text)[0][1] == "Turkish Ministry of Foreign Affairs"


def test_a_pronoun_quote_after_a_speaking_sentence_whose_name_was_not_found() -> None:
    text = (
        "Summit denounces deal\n\n"
        "On Wednesday during the opening ceremony, Turkish president Erdoğan called for a "
        'regional cooperation. "No project excluding our country can be implemented", he said.'
        "\n\nFollowing the vote, a State Department spokesperson, Morgan Ortagus, indicated "
        'the United States was disappointed: "We await clarification on the resolution," he '
        "said."
    )
    assert [speaker for _body, speaker in quotes(text)] == ["Erdoğan", "Morgan Ortagus"]


def test_a_month_abbreviation_before_a_day_ends_no_sentence() -> None:
    text = (
        'John Geiger said, "It began on Dec. 28, when we had a 4.7-magnitude earthquake there. '
        'Since then we had over 400 earthquakes."'
    )
    claims = [text[s.start : s.end] for s in suggest(text, ["claim"])]
    assert claims == [
        "It began on Dec. 28, when we had a 4.7-magnitude earthquake there",
        "Since then we had over 400 earthquakes",
    ]


def test_a_person_named_as_an_object_before_a_pronoun_speaker_is_not_the_speaker() -> None:
    text = (
        "Parents on trial\n\n"
        "Thomas Sam and his wife were charged. Allegedly, Thomas' sister pleaded with him to "
        'send Gloria to a doctor, but he replied "I am not able to do that".'
    )
    assert quotes(text) == [("I am not able to do that", "Thomas Sam")]


def test_the_agent_of_a_passive_reporting_verb_is_the_speaker() -> None:
    text = (
        "Virus spreads\n\n"
        'COVID-19 was previously announced to be a "pandemic" by the World Health '
        "Organization (WHO)."
    )
    assert quotes(text) == [("pandemic", "World Health Organization")]


def test_organisation_names_with_of_and_and_an_adverb_after_the_subject() -> None:
    text = (
        "Emergency declared\n\n"
        'The proclamation specifically said "the outbreak in the country constitutes a national '
        'emergency". The United States Department of Health and Human Services declared the '
        'outbreak a "public health emergency" on January 31. Suman Haripriya of the Hajo '
        'assembly said "Coronavirus is an airborne disease and it can be cured by cow dung."'
    )
    assert [speaker for _body, speaker in quotes(text)] == [
        "proclamation",
        "United States Department of Health and Human Services",
        "Suman Haripriya",
    ]


def test_several_leading_adverbials_before_a_colon_speaker() -> None:
    text = (
        "Party held\n\n"
        'In February, Chakrapani said, "Corona is not a virus." The WHO\'s website said: "There '
        'is no evidence that current medicine can cure the disease." However, addressing the '
        'global leaders, Chakrapani proposed: "I request all the presidents to take cow urine."'
    )
    assert quotes(text)[-1][1] == "Chakrapani"


def test_a_quote_opening_a_paragraph_is_said_by_the_person_the_next_sentence_presents() -> None:
    text = (
        "School reopens\n\n"
        "The school in Dover reopened on Monday.\n\n"
        '"We never thought we would be back so soon." Headteacher Ann Cole was speaking at '
        "the ceremony.\n\n"
        '"It is a great day for the town." That was the verdict of local councillor Peter '
        "Holm, who attended with his family."
    )
    assert [speaker for _body, speaker in quotes(text)] == ["Ann Cole", "Peter Holm"]


def test_a_speaker_the_name_finder_missed_after_the_previous_speakers_attribution() -> None:
    text = (
        "Exhibit opens\n\n"
        'Curator Kristen Wilkins spoke first. "He wanted to be rich and famous", Wilkins said.'
        "\n\nKiara Perkins, a second year art major, admitted she was willing to skip class. "
        'Why did she want to attend? "It\'s Warhol. He is a legend."'
    )
    assert [speaker for _body, speaker in quotes(text)] == ["Kristen Wilkins", "Kiara Perkins"]


def test_in_what_x_declared_and_the_subject_of_the_quotes_own_sentence() -> None:
    text = (
        "Attack in London\n\n"
        'Alexis Boon said: "His fascination with terrorism was clear in a notepad." '
        'Officers shot him in what the police declared a "terrorist-related" attack.\n\n'
        'The mayor of London, Sadiq Khan, thanked "the police and emergency services staff '
        'for their swift and courageous response". The International Committee on Taxonomy '
        'of Viruses said the new name "had to be easy to say".'
    )
    assert [speaker for _body, speaker in quotes(text)] == [
        "Alexis Boon",
        "police",
        "Sadiq Khan",
        "International Committee on Taxonomy of Viruses",
    ]


def test_a_sentence_initial_occupation_is_not_part_of_the_name_and_a_lowercase_agent() -> None:
    text = (
        "Virus spreads\n\n"
        "Immunologist Kristian Andersen of Scripps Research said, in response to the study, "
        '"This virus is clearly much more capable of spreading between humans." The attacker, '
        'who was described as "knife-obsessed" by the police, was shot.'
    )
    assert [speaker for _body, speaker in quotes(text)] == ["Kristian Andersen", "police"]


def test_a_name_given_by_a_naming_verb_is_no_quote() -> None:
    text = (
        "The International Committee on Taxonomy of Viruses named the virus that causes it "
        '"severe acute respiratory syndrome coronavirus 2" (SARS-CoV-2).'
    )
    assert quotes(text) == []


def test_a_role_with_an_adverb_a_sentence_initial_participle_and_a_one_word_role() -> None:
    text = (
        "Bill announced\n\n"
        "President Alberto Fernández announced a bill. The president had previously called it "
        '"a matter of public health". Saying "there are many abortions despite the threat" '
        'President Fernández elaborated, "A state must protect its citizens."\n\n'
        "The bill was criticised by archbishop Jorge Eduardo Scheinig. Calling it a "
        '"culture of death" the archbishop said "We need to pray for life."'
    )
    assert [speaker for _body, speaker in quotes(text)] == [
        "Alberto Fernández",
        "Alberto Fernández",
        "Alberto Fernández",
        "Jorge Eduardo Scheinig",
        "Jorge Eduardo Scheinig",
    ]


def test_he_after_a_quote_of_a_body_is_the_person_named_before() -> None:
    text = (
        "Attack in London\n\n"
        "The attacker, Mr Tom Baker, was released a week ago. Baker, who was described as "
        '"knife-obsessed" by the police, sent messages. He told her on one occasion: "If you '
        'cannot make a bomb, take a knife."'
    )
    assert [speaker for _body, speaker in quotes(text)] == ["police", "Tom Baker"]


def test_comments_signed_after_a_dash_and_a_name_right_before_a_colon() -> None:
    text = (
        "Readers react\n\n"
        "The city opened the new bridge on Monday.\n\n"
        '"It saves me twenty minutes every morning." — Jane Doe, a nurse from Leeds\n\n'
        '"The cycle lane is far too narrow." — Peter Holm, cyclist\n\n'
        'Among those commenting online was local historian Carl Wendt: "The old bridge was '
        'built in 1876."'
    )
    assert [speaker for _body, speaker in quotes(text)] == ["Jane Doe", "Peter Holm", "Carl Wendt"]


def test_a_source_given_by_role_is_the_person_named_with_that_role_nearby() -> None:
    text = (
        "Report delayed\n\n"
        'The agency\'s director said: "We will publish the report in June." Director Peter '
        'Holm later added that "nothing has been decided".'
    )
    assert [speaker for _body, speaker in quotes(text)] == ["Peter Holm", "Peter Holm"]


def test_a_second_verb_after_and_keeps_the_subject_of_the_first() -> None:
    text = (
        "Mayor speaks\n\n"
        'Mayor Ann Cole said the city would "not wait for London" and called the critics\' '
        'claims "nonsense".'
    )
    assert [speaker for _body, speaker in quotes(text)] == ["Ann Cole", "Ann Cole"]


def test_source_that_is_no_person_ends_before_its_verb() -> None:
    text = 'Znak.com reported its source said "the governor will resign soon".'
    assert quotes(text) == [("the governor will resign soon", "Znak.com")]
    text = 'The agreed facts heard by the court said "he had no licence at the time".'
    assert quotes(text) == [("he had no licence at the time", "agreed facts")]
    text = '"We will not pay for it," the Home Office letter said.'
    assert quotes(text) == [("We will not pay for it,", "Home Office letter")]
