"""Quote spans by the rules of GUIDELINES.md (quote section), one test per rule, on
press-style sentences written for the rule: interrupted quotes, short fragments governed
by a speech act, titles and names left out."""

from __future__ import annotations

from clipper.suggest.quotes import quote_spans


def quotes(body: str) -> list[str]:
    """The quotes of a story with a plain headline and ``body``."""
    text = "Town news\n\n" + body
    return [text[start:end] for start, end, _open, _close in quote_spans(text)]


def test_capitalised_first_part_of_an_interrupted_quote_is_a_quote() -> None:
    # "A quote interrupted by attribution gives separate spans."
    text = (
        'The mayor visited the site on Monday. "Absolutely," she told reporters, "we will '
        'rebuild the bridge before winter." "Tomorrow," he said, "the roads reopen."\n'
    )
    assert quotes(text) == [
        "Absolutely,",
        "we will rebuild the bridge before winter.",
        "Tomorrow,",
        "the roads reopen.",
    ]


def test_title_before_a_comma_without_attribution_is_no_quote() -> None:
    # a title stays out: no reporting clause between it and the next mark
    text = 'The band played "Yesterday," "Help!" and other songs at the festival.\n'
    assert quotes(text) == []


def test_capitalised_adjective_governed_by_a_speech_act_is_a_quote() -> None:
    # "Short fragments are quotes when a speech/writing act governs them"; a word made
    # from a name ("Kafka-esque") is no title, a title-cased name still is
    text = (
        'The union leader called the new rota "Kafka-esque" on Monday. '
        'The museum opened the exhibition "Once-in-a-Lifetime" on Friday.\n'
    )
    assert quotes(text) == ["Kafka-esque"]


def test_predicative_speech_act_with_an_object_quotes_its_words() -> None:
    # 'calling X "Y"', 'referred to X as "Y"', 'justified X as "Y"' say Y of X: a quote
    # even when Y is title-cased or one word; without an object it only names
    text = (
        'On Twitter the governor referred to the audit as "The Great Witch Hunt". '
        'The ministry justified the curfew, which began on Friday, as "necessary" for '
        'safety. The second Monday of May is referred to as "Market Monday" in the town. '
        'A band called "The Night Owls" played. Engineers call the "B" side the back. '
        'The plan met with what the Daily Post called "fury" from farmers.\n'
    )
    assert quotes(text) == ["The Great Witch Hunt", "necessary", "fury"]


def test_a_noun_is_no_speech_act_governing_a_short_quote() -> None:
    # "Not quotes: ... marked terms/labels/names with no speech act": "reasons" in
    # "for reasons of" is a noun, not the verb "reasons"
    text = (
        'For reasons of cost, the council never printed its "guides."\n\n'
        'The mayor reasons the plan is "too expensive".\n'
    )
    assert quotes(text) == ["too expensive"]


def test_a_reporting_clause_in_the_next_paragraph_governs_no_short_quote() -> None:
    # "Short fragments are quotes when a speech/writing act governs them": a closing
    # mark ends the paragraph, so the next paragraph's "The mayor said" is a new sentence
    text = 'The council printed its "guides"\n\nThe mayor said the plan was on time.\n'
    assert quotes(text) == []


def test_an_apostrophe_eliding_a_word_opens_no_quote() -> None:
    # quotation marks, not apostrophes: "the '80s", "rock 'n' roll", "play 'em all"
    text = (
        "In the '80s, she told the crowd 'we had nothing but the music'. Fans of rock 'n' "
        "roll said they would play 'em all. 'We are ready,' said captain Joe Reed.\n"
    )
    assert quotes(text) == ["we had nothing but the music", "We are ready,"]


def test_an_inch_mark_is_no_quotation_mark() -> None:
    text = 'Rivera, who bought a 15" laptop, said the shop was "very helpful to everyone".\n'
    assert quotes(text) == ["very helpful to everyone"]


def test_a_work_noun_ending_the_headline_makes_no_title_of_the_first_quote() -> None:
    # the title rule looks at the words before the mark in the quote's own paragraph
    text = 'Minister resigns over leaked video\n\n"I am sorry," said Tom Hill on Monday.\n'
    assert [text[s:e] for s, e, _o, _c in quote_spans(text)] == ["I am sorry,"]


def test_a_work_told_something_introduces_speech_not_a_title() -> None:
    # 'told the paper "..."': the newspaper is the addressee, the quote is speech
    text = 'The coach told the paper "we will be back next year" after the final.\n'
    assert quotes(text) == ["we will be back next year"]


def test_a_sentence_with_the_pronoun_i_is_no_title() -> None:
    # titles are left out, speech is not: "I" is capitalised anywhere in a sentence
    text = 'Some people asked her about it, and she said, "No, I am a Muslim".\n'
    assert quotes(text) == ["No, I am a Muslim"]


def test_other_speech_acts_govern_a_short_quote() -> None:
    # "Short fragments are quotes when a speech/writing act governs them"
    text = (
        'The statement mentioned the repairs as a "top priority". '
        'The rebels vowed "no retreat" on Sunday.\n'
    )
    assert quotes(text) == ["top priority", "no retreat"]


def test_a_short_fragment_after_a_reported_document_reproduces_its_wording() -> None:
    # "reproduces speech or writing of an identifiable source (explicit or implicit)":
    # a document reported in one of the two sentences before is the fragment's source
    text = (
        "In a bulletin issued at noon, the weather service reported that the storm had "
        'strengthened. It brought "life-threatening" floods to the coast.\n\n'
        'The mayor spoke on Monday. The "reform" plan stalled.\n\n'
        'CNN reports the mayor resigned. The "scandal" grew.\n'
    )
    assert quotes(text) == ["life-threatening"]


def test_a_quotation_of_another_style_stays_inside_the_outer_quote() -> None:
    # "a nested quotation stays inside the outer quote span"; marks of any style
    text = (
        "Le maire a déclaré : « Il m’a dit “jamais” et il est parti ». Puis il est sorti.\n\n"
        "“She told me «never again» and left,” said Ann Lee.\n\n"
        "The mayor said: ‹We will win›.\n"
    )
    assert quotes(text) == [
        "Il m’a dit “jamais” et il est parti",
        "She told me «never again» and left,",
        "We will win",
    ]
