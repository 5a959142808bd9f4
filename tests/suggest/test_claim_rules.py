"""Claims by the rules of GUIDELINES.md (claim section) on press-style sentences: hearsay
adverbs, allegations, the addressee of "told", embedded attributions inside a quote and
a quotation after a framing adverbial."""

from __future__ import annotations

from clipper.suggest import suggest


def claims(text: str) -> list[str]:
    return [text[s.start : s.end] for s in suggest(text, ["claim"])]


def test_allegedly_makes_the_sentence_a_claim_without_the_adverb() -> None:
    text = "Allegedly, the driver ignored two red lights before the crash."
    assert claims(text) == ["the driver ignored two red lights before the crash"]


def test_the_allegation_after_accused_of_is_the_claim() -> None:
    text = "The two officers are also accused of taking bribes from local traders in 2019."
    assert claims(text) == ["taking bribes from local traders in 2019"]


def test_told_the_court_that_leaves_out_the_addressee() -> None:
    text = "The prosecutor told the court that the company had hidden its losses for years."
    assert claims(text) == ["the company had hidden its losses for years"]


def test_a_framing_phrase_before_a_quote_is_no_claim_of_its_own() -> None:
    text = (
        "Mr. Reed also told the jury that, over the last two years, "
        '"the accounts were falsified every quarter."'
    )
    assert claims(text) == ["the accounts were falsified every quarter"]


def test_an_embedded_attribution_inside_a_quote_splits_the_claims() -> None:
    text = (
        '"The fire started in the kitchen and it is asserted by the insurers that the owner '
        'knew the wiring was faulty," the lawyer said.'
    )
    assert claims(text) == [
        "The fire started in the kitchen",
        "the owner knew the wiring was faulty",
    ]


def test_a_quotation_after_a_framing_adverbial_with_according_to() -> None:
    text = (
        'By this time, "the river had risen two metres and the bridge was closed", '
        "according to the Daily Post."
    )
    assert claims(text) == ["the river had risen two metres and the bridge was closed"]


def test_the_clause_after_said_stops_before_a_following_quote() -> None:
    text = (
        'Mayor Ann Cole said the plant would close in March, "a sad day for all of us," and '
        "that 200 jobs would go."
    )
    found = claims(text)
    assert found[0] == "the plant would close in March"


def test_observed_and_asserted_are_reporting_verbs() -> None:
    text = (
        "The Daily Post observed that the petition had gathered 40,000 signatures. Both the "
        "school and the police have asserted that the boy's name was not a factor."
    )
    assert claims(text) == [
        "the petition had gathered 40,000 signatures",
        "the boy's name was not a factor",
    ]


def test_a_feeling_is_left_out_and_the_factual_conjunct_kept() -> None:
    text = (
        "Jafari said she felt the boy had been treated unfairly and her petition created "
        "greater awareness of the case. Memon said she believed the campaign helped."
    )
    assert claims(text) == ["her petition created greater awareness of the case"]


def test_reported_intentions_and_invitations_are_facts() -> None:
    text = (
        "His father said the family was travelling to New York because diplomats wanted to "
        "meet his son. Zuckerberg said the boy was welcome to come and tour the company."
    )
    assert claims(text) == [
        "the family was travelling to New York because diplomats wanted to meet his son",
        "the boy was welcome to come and tour the company",
    ]


def test_a_wish_or_a_greeting_in_a_quote_is_no_claim() -> None:
    text = (
        'Professor Marc Hill commented, "Hoping that the campaign turns into a national '
        'conversation on punishment." Barack Obama wrote: "Cool clock, Ahmed. Want to bring '
        'it to the White House?"'
    )
    assert claims(text) == []


def test_a_second_reporting_act_after_a_quote_gives_a_second_claim() -> None:
    text = (
        'Smith said the plant would close in June "because the orders have dried up," and '
        "added that 300 jobs would go."
    )
    assert claims(text) == [
        'the plant would close in June "because the orders have dried up,"',
        "300 jobs would go",
    ]


def test_the_finding_before_a_dash_and_an_attributed_evaluation() -> None:
    text = (
        'The report found that 40 percent of rivers were polluted — "a national scandal", '
        "according to campaigners."
    )
    assert claims(text) == ["40 percent of rivers were polluted"]


def test_in_a_statement_is_not_part_of_the_claim() -> None:
    text = (
        'The company said in a statement that it "regrets the error" and that customers '
        "would be refunded."
    )
    assert claims(text) == ['it "regrets the error" and that customers would be refunded']


def test_show_reports_a_finding_only_after_evidence_words() -> None:
    text = (
        "The lanterns turn the crowd into a light show that can be seen from the hall. "
        "Figures to be published today show a record 45,756 migrants crossed last year."
    )
    assert claims(text) == ["a record 45,756 migrants crossed last year"]


def test_a_concrete_forecast_with_a_number_is_a_claim_a_general_outlook_is_not() -> None:
    text = (
        "Last year 4 million visitors came and this year the city expects about 6 million "
        "visitors, according to the event website. The firm said it expects AI to play an "
        "increasingly integral role."
    )
    assert claims(text) == [
        "Last year 4 million visitors came and this year the city expects about 6 million visitors"
    ]


def test_the_publications_own_observation_is_no_claim() -> None:
    text = (
        "Wikinews observed the exhibit features prints of the designer Halston. "
        "Many visitors Wikinews observed took photos of the photos with their phones."
    )
    assert claims(text) == []


def test_a_wish_a_directive_a_counterfactual_and_a_past_opinion_are_no_claims() -> None:
    text = (
        'Coach Nabil Maaloul said, "If we were to get a draw it would have been an excellent '
        "result for us. But hopefully this will lead to better games. I thought that in real "
        "life it was kind of magical. We urge the governments of the region to work together "
        'quickly. We scored two goals in the second half."'
    )
    assert claims(text) == ["We scored two goals in the second half"]


def test_example_markers_and_that_s_are_handled_at_the_start_of_a_claim() -> None:
    text = (
        "For example, the museum saw attendance reach 11,000 visitors in 2010, according to "
        'curator Elaine Gustafon. "That\'s why he painted the soup cans again in 1962," '
        "said Kathryn Waters."
    )
    assert claims(text) == [
        "the museum saw attendance reach 11,000 visitors in 2010",
        "That's why he painted the soup cans again in 1962",
    ]


def test_a_fragment_opening_with_which_and_an_indirect_question_are_no_claims() -> None:
    text = (
        'Kathryn Waters said, "He saw this part of our culture early. Which as we all know '
        'in 2014, has only increased a thousand fold." She explained how the camera '
        "revealed his process."
    )
    assert claims(text) == ["He saw this part of our culture early"]


def test_the_factual_clause_before_but_or_a_comma_relative_clause_is_kept() -> None:
    text = (
        "Gomez said, \"This is the fifth time I've been at a World Cup but it felt like the "
        'first." Najib Razak said, "We are in contact with all relevant parties, with whom '
        'we share the desire to find a solution to this crisis".'
    )
    assert claims(text) == [
        "This is the fifth time I've been at a World Cup",
        "We are in contact with all relevant parties",
    ]


def test_a_headline_reporting_verb_makes_a_claim_of_what_follows() -> None:
    text = (
        "Australian woman claims church imprisoned her for twelve years\n\n"
        "Thursday, May 7, 2015\n\n"
        "Valeska Paris has left the ship.\n"
    )
    assert claims(text) == ["church imprisoned her for twelve years"]


def test_a_court_rules_and_estimates_suggest_report_findings() -> None:
    text = (
        "A Greek court has ruled that worshippers may now associate at archeological sites. "
        "The new rules are published on the ministry's website. "
        "Estimates suggest 8000 migrants may be currently at sea in the region. "
        "Officials suggest visitors come early."
    )
    assert claims(text) == [
        "worshippers may now associate at archeological sites",
        "8000 migrants may be currently at sea in the region",
    ]


def test_reports_as_the_subject_of_said_is_no_reporting_verb_of_its_own() -> None:
    text = "The car park has 3000 spaces; reports said more than half of those were filled."
    assert claims(text) == ["more than half of those were filled"]


def test_a_second_source_after_but_ends_the_first_claim() -> None:
    text = (
        "Police said the fire started in an electric car, but news broadcaster NRK later "
        "reported the fire started in a recalled 2005 Opel Zafira."
    )
    assert claims(text) == [
        "the fire started in an electric car",
        "the fire started in a recalled 2005 Opel Zafira",
    ]


def test_a_time_adverbial_after_the_verb_is_not_part_of_the_claim() -> None:
    text = "Nils Haagenrud said late on Tuesday no firefighters would be sent into the building."
    assert claims(text) == ["no firefighters would be sent into the building"]


def test_according_to_without_a_comma_ends_at_the_sources_name() -> None:
    text = (
        "According to the Saudi Interior Ministry over 345 pilgrims have been killed near "
        "Mecca, Saudi Arabia."
    )
    assert claims(text) == ["over 345 pilgrims have been killed near Mecca, Saudi Arabia"]


def test_according_to_a_source_then_a_belief_gives_what_is_believed() -> None:
    text = (
        "According to ABC News, Basya also believes the asylum seekers left the boat on "
        "purpose. According to Wilkins, Warhol reproduced the photograph in 1987."
    )
    assert claims(text) == [
        "the asylum seekers left the boat on purpose",
        "Warhol reproduced the photograph in 1987",
    ]


def test_according_to_inside_a_relative_clause_attributes_what_follows() -> None:
    text = (
        "Malaysia has kept a policy of turning away boats which, according to AFP, the "
        "United Nations and the United States have both criticised."
    )
    assert claims(text) == ["the United Nations and the United States have both criticised"]


def test_reportedly_in_a_later_clause_makes_only_that_clause_a_claim() -> None:
    text = (
        "On Friday, fishermen rescued over 700 people, and the navy reportedly saved 200 "
        "more off the coast."
    )
    assert claims(text) == ["the navy reportedly saved 200 more off the coast"]


def test_a_source_inserted_into_the_clause_keeps_the_whole_sentence() -> None:
    text = "Institutional recipients, said Mauer, are required to exhibit the photographs."
    assert claims(text) == [text.rstrip(".")]


def test_after_a_colon_ending_the_verbs_object_comes_the_claim() -> None:
    text = "The church denied these allegations: she was never forced to work in the engine room."
    assert claims(text) == ["she was never forced to work in the engine room"]


def test_a_second_bare_reporting_verb_after_and_splits_the_claims() -> None:
    text = "They also claimed Paris was a volunteer and claim she has a vested interest."
    assert claims(text) == ["Paris was a volunteer", "she has a vested interest"]


def test_an_np_with_a_relative_clause_after_announced_any_is_no_claim() -> None:
    text = (
        "The United States had not announced any plans to remove the troops, which are there "
        "with a coalition."
    )
    assert claims(text) == []


def test_a_characterisation_in_a_quote_is_no_claim_unless_it_counts_something() -> None:
    text = (
        'Kevin Allton said, "He is a legend. Martyrdom was his reward for years of effort. '
        'This is the fifth time the museum has shown his work."'
    )
    assert claims(text) == ["This is the fifth time the museum has shown his work"]


def test_citing_and_as_of_framings_and_a_possessive_source_are_left_out() -> None:
    text = (
        "CBS News reported, citing Johns Hopkins University data, there were over 1,000 deaths "
        "on Wednesday. North Korea claimed, as of Thursday, it was free of infections. "
        "According to the WHO's situation report dated March 16, the virus claimed 6606 lives."
    )
    assert claims(text) == [
        "there were over 1,000 deaths on Wednesday",
        "it was free of infections",
        "the virus claimed 6606 lives",
    ]


def test_according_to_after_a_framing_adverbial_and_a_possessive_body_name() -> None:
    text = (
        "On Sunday in London, according to witness accounts, a man entered a store and "
        "grabbed a knife. According to the United Nations' Food and Agriculture "
        "Organization's chief veterinary officer, it was completely unnecessary."
    )
    assert claims(text) == [
        "a man entered a store and grabbed a knife",
        "it was completely unnecessary",
    ]


def test_a_quoted_fragment_and_a_boilerplate_intention_are_no_claims() -> None:
    text = (
        'Wu said AI could reshape industries, driving "significant economic and technological '
        'shifts". "We will continue to execute against our strategic priorities in cloud '
        'computing. Revenue grew 11 per cent in the quarter," said Wu.'
    )
    assert claims(text) == ["Revenue grew 11 per cent in the quarter"]


def test_an_inserted_source_after_a_clause_with_a_verb_is_no_sentence_claim() -> None:
    text = (
        "If these findings are accurate, scientists say, containing the virus may require a "
        "different approach. Scientists reported that the virus may spread like influenza — "
        "suggesting, experts noted, that the outbreak may call for new measures."
    )
    assert claims(text) == [
        "containing the virus may require a different approach",
        "the virus may spread like influenza",
    ]


def test_hearsay_ends_before_a_postposed_source_and_a_short_time_after_the_source() -> None:
    text = (
        "The government allegedly criticized the new cities in the desert, ABC of Australia "
        "reported. According to Johns Hopkins Center for Systems Science late today, 291 "
        "patients have recovered."
    )
    assert claims(text) == [
        "The government allegedly criticized the new cities in the desert",
        "291 patients have recovered",
    ]


def test_feelings_and_condolences_in_quotes_are_no_claims() -> None:
    text = (
        'Hassan Rouhani said, "My thoughts and prayers go to all the mourning families. We '
        "never thought we would be back so soon. They are so happy today. The jet crashed six "
        'minutes after take-off."'
    )
    assert claims(text) == ["The jet crashed six minutes after take-off"]


def test_a_four_word_quoted_sentence_is_a_claim() -> None:
    text = 'Kevin Allton said he had only seen it in film. "I smacked them around."'
    assert claims(text)[-1] == "I smacked them around"


def test_intensified_evaluations_in_quotes_are_no_claims() -> None:
    text = (
        'Coach Nabil Maaloul said, "We were playing against a highly-skilled team. It was an '
        'excellent result for us. We lost 2-1 to England."'
    )
    assert claims(text) == ["We lost 2-1 to England"]


def test_hedged_characterisations_and_comparative_verdicts_are_no_claims() -> None:
    text = (
        'Kristen Wilkins said, "He has kind of become the same sort of celebrity he '
        "documented. The feedback has made his situation much better. The shop sold a kind of "
        'camera that prints at once."'
    )
    assert claims(text) == ["The shop sold a kind of camera that prints at once"]


def test_postposed_told_wikinews_a_day_part_and_according_to_before_said() -> None:
    text = (
        "These tools were about 50 thousand years old, Dr Martisius told Wikinews. Police "
        "announced on Sunday morning they were treating it as a terrorist incident. Witnesses, "
        "according to The Telegraph, said a man attacked a group of men."
    )
    assert claims(text) == [
        "These tools were about 50 thousand years old",
        "they were treating it as a terrorist incident",
        "a man attacked a group of men",
    ]


def test_the_attribution_after_a_single_quoted_quote_is_no_claim() -> None:
    text = (
        "'We have protected every library,' said Maria Lopez of the Park Residents' "
        "Association, whose members face higher charges. The workers' union said wages rose 3%."
    )
    assert claims(text) == ["We have protected every library", "wages rose 3%"]


def test_a_headline_with_a_plural_subject_say_is_a_claim_too() -> None:
    text = "Police say two men were arrested after the match\n\nMonday, May 4, 2020\n\nIt rained.\n"
    assert claims(text) == ["two men were arrested after the match"]


def test_an_inverted_postposed_source_ends_the_claim() -> None:
    text = (
        "Florida frog skull survey shows spikes evolved 25 times, say scientists\n\n"
        "Thursday, March 26, 2020\n\nThe survey is new.\n"
    )
    assert claims(text) == ["Florida frog skull survey shows spikes evolved 25 times"]
