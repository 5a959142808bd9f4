"""Claims: what the article attributes to a source instead of asserting it itself — the
clause after a reporting verb or "according to", before a post-posed "…, the report said",
a "Reports:" headline, and each factual sentence of a direct quote — without the verb, the
source, "that", leading discourse markers or the final punctuation. Opinions, feelings,
directives and speculation (should, must, could, might, want, believe …) are left out.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator

from clipper.model import CLAIM_SOURCE, AttributeValue
from clipper.suggest.base import Suggestion, headline_end, in_spans, sentences, word_list
from clipper.suggest.people import Mention, mentions_within

_REPORTING = (
    r"said|says|say|told|tells|tell|stated|states|added|adds|announced|announces|"
    r"reported|reports|reporting|revealed|reveals|found|finds|estimated|estimates|noted|"
    r"notes|claimed|claims|claiming|emphasised|emphasized|emphasising|emphasizing|"
    r"promised|promising|show|shows|showed|concluded|confirmed|explained|wrote|insisted|"
    r"argued|warned|stressed|admitted|acknowledged|indicated|suggested|observed|observes|"
    r"asserted|asserts|alleged|alleges|maintained|maintains|denied|denies|ruled|rules|"
    r"suggests?|believe|believes|believed|proposed|proposes|estimate|stipulates|stipulated|shown|"
    r"saying|adding"
)
_VERB = re.compile(
    rf"\b(?:{_REPORTING})\b|\b(?:(?<=\band )|(?<=\bthey )|(?<=\bwe ))(?:claim|deny|say|report)\b"
)
_NP_VERBS = frozenset(
    word_list(
        """
        announced announces reported reports revealed reveals
        """
    )
)
#: A sentence the article reports as hearsay as a whole ("reportedly", "Allegedly, ...").
_HEARSAY = re.compile(r"\b(?:[Rr]eportedly|[Aa]llegedly)\b")
#: An allegation: the gerund clause after "accused of" is the claim.
_ACCUSED = re.compile(r"\b(?:is|are|was|were|been|being)\s+(?:\w+\s+)?accused\s+of\s+")
#: The addressee between "told"/"tell" and its "that" clause ("told the court that").
_ADDRESSEE = re.compile(r"\s+(?:the\s+|a\s+|an\s+)?(?:[\w.-]+\s+){0,3}?that\b")
#: An embedded attribution inside a quote ("and it is asserted by the Crown that").
_EMBEDDED = re.compile(
    r",?\s+(?:and|but)\s+it\s+(?:is|was|has been)\s+(?:\w+\s+)?(?:asserted|said|claimed|"
    r"alleged|reported|argued|known|believed|understood)(?:\s+by\s+[\w\s]{1,40}?)?\s+that\s+"
)
#: A claim that is one quotation, perhaps after a short framing adverbial and a comma.
_FRAMED_QUOTE = re.compile(r"(?:[^,\"“”„«»]{0,40},\s*)?[\"“„«](?P<body>[^\"“”„«»]+)[\"”“»]")
#: What "show" needs as its subject to report a finding ("figures show", "the study showed").
_EVIDENCE = re.compile(
    r"\b(?:results?|figures?|data|study|studies|research|surveys?|polls?|statistics|records?|"
    r"analysis|analyses|tests?|images?|footage|documents?|evidence|reports?|numbers|"
    r"estimates?)\b(?:\s+[\w,-]+){0,8}\s*$",
    re.IGNORECASE,
)
#: Verbs that report only after evidence words ("figures show", "estimates suggest").
_EVIDENTIAL = frozenset(word_list("show shows showed shown suggest suggests"))
_PASSIVE = re.compile(r"\b(?:was|were|been|be|is|are|being)\s+$")
_LEAD = re.compile(
    r"^(?:(?:that|so|however|but|and|also|meanwhile|in the meantime|in the end|"
    r"looking ahead|in addition|moreover|indeed|now|then|allegedly|reportedly|apparently|"
    r"for example|for instance|as of (?:\w+ )?\w+(?: \d+)?(?=,))"
    r"\b(?!['’])[,\s]*)+",
    re.IGNORECASE,
)
_NOT_CHECKABLE = re.compile(
    r"\b(?:should|must|need to|needs to|ought|(?:could|might)(?!\s+(?:not\s+)?have\s)|want|"
    r"wants|hope|hopes|hoping|"
    r"wish|believed?|believes|think|thinks|feel|feels|felt|would like|recommend\w*|"
    r"expects?(?!\s+(?:[a-z]+\s+){0,2}\d)|"
    r"call for|damning|unsustainable|affront|very|welcome(?!\s+to\b)|disappointed|proud|"
    r"pleased|excited|"
    r"clumsy|important|critical role|shame|shameful|great|terrible|had it|if only|"
    r"deserves?|may extend|can't wait|hopefully|urges?|urged|urging|desire|intrigued|"
    r"really|(?:I|we|he|she|they)\s+(?:never\s+|always\s+)?thought|(?:we|I)\s+will\s+continue\s+to|"
    r"happy|unhappy|sad|thoughts and prayers|highly|extremely|incredibly|absolutely|truly|"
    r"wonderful|amazing|fantastic|excellent|brilliant|awful|(?<!\ba )(?:kind|sort) of|"
    r"much (?:better|worse)|perhaps|maybe|wonder|in awe|incredible|fun|exhausted|stressful|"
    r"love|loved|deserved|(?:have|has|had) to|worth (?:noting|mentioning|it)|"
    r"(?:my|our) thoughts|thank you|thanks to)\b|\?$|"
    r"\bif\b[^.]*\bwould\b",
    re.IGNORECASE,
)
_QUOTE_MARKS = "\"“”„«»‘’'"
_OPENING = re.compile(r"(?:[,:;]|\s[—–])?\s*[\"“„«]")
_NEXT_ACT = re.compile(
    rf",?\s+(?:and|but|while)\s+(?:[\w-]+\s+){{0,5}}(?:{_REPORTING}|claim|deny|say|report)\b|,\s+with\s+[\w\s']{{1,40}}?"
    rf"\s(?:{_REPORTING})\b|,\s+(?:according to|the \w+ (?:{_REPORTING}))\b"
    r"|(?:,|\s[—–])\s+(?:claiming|saying|adding|noting|stating|reporting|describing|confirming|"
    r"suggesting)\b"
    # a new independent clause or a concession: "three people died; their identities ...",
    # "X, though it was later found ...", "X despite Znak.com claiming ..."
    r"|;\s|,\s+(?:though|although|even though)\b"
    r"|,\s+but\s+(?=(?:the|a|an|its|his|her|their|it|he|she|they)\s)"
    r"|\s+despite\s+(?:[\w.'’-]+\s+){1,4}?(?:claiming|saying|reporting|stating|insisting)\b"
    rf"|,\s+(?:[a-z]+\s+)?[a-z]+\s+(?:{_REPORTING})\b(?=[^,]*(?:,|$))"
)
_GERUND_BEFORE = re.compile(r"\b(?:from|of|for|by|without|after|before)\s+$")
_FINITE = re.compile(
    r"\b(?:is|are|was|were|will|would|has|have|had|can|may|did|does|do|shall|[a-z]\w*ed|"
    r"drove|went|rose|fell|grew|made|took|gave|came|became|met|led|saw|won|lost|spent|"
    r"paid|sold|bought|built|began|left|kept|held|brought|thought|found|got|ran|set|cut)\b"
    r"|(?<=[a-z)] )(?<!\bthe )(?<!\bits )(?<!\btheir )(?<!\bhis )(?<!\bher )(?<!\bour )"
    r"(?<!\bany )(?<!\bno )(?<!\bsome )(?<!\bthese )(?<!\bthose )(?<!\bmany )"
    r"[a-z]{2,}(?<!s)s\b"
)
_STRONG_FINITE = re.compile(_FINITE.pattern.split("|(?<=")[0])
_PREPOSITION = re.compile(
    r"(?:over|in|on|at|during|after|before|by|for|from|since|until|within)\s", re.IGNORECASE
)
_DETERMINER = re.compile(
    r"(?:the|a|an|its|his|her|their|our|this|these|those|any|no|some)\s", re.IGNORECASE
)
_SUBORDINATE = re.compile(
    r"(?:because|including|although|though|if|when|which|who|as|while|whereby)\b",
    re.IGNORECASE,
)
_MIN_WORDS = 3
#: A headline's present-tense reporting verb with what follows it.
_HEADLINE_ACT = re.compile(
    r"\b(?:says?|claims?|rules?|reports|finds?|reveals?|confirms?|denies|deny|suggests?|"
    r"shows?)\s+\w"
)
#: A source inserted into the clause it reports: ", said Mauer," / ", police said,".
_INSERTED = re.compile(
    rf"(?<=\w),\s+(?:(?:{_REPORTING})\s+(?:[A-Z][\w.'’-]*\s?){{1,3}}|"
    rf"(?:the\s+)?[\w'’]+(?:\s[\w'’]+){{0,2}}\s+(?:{_REPORTING})),\s+(?=[a-z])"
)
#: The object of a reporting verb before a colon: "denied these allegations: ".
_OBJECT_COLON = re.compile(r"(?:these|the|those|this|its|their|his|her)\s+[\w\s]{1,30}?:\s+")
#: A speaker's characterisation of someone or something in a quote: "He is a legend".
_CHARACTERISATION = re.compile(
    r"(?:[A-Z][\w'’-]*\s+){1,3}(?:is|was|are|were)\s+(?:a|an|the|his|her|its|their)\s"
)
_NUMBER = re.compile(
    r"\d|\b(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|last|one|two|"
    r"three|four|five|six|seven|eight|nine|ten|hundreds?|thousands?|millions?|billions?)\b",
    re.IGNORECASE,
)
#: A source after the clause it reports, at the end of a sentence: ", ABC of Australia reported."
_POSTPOSED = re.compile(
    rf",\s+(?:the\s+)?(?:[A-Z][\w'’-]*\s+)(?:[\w'’-]+\s+){{0,4}}?(?:{_REPORTING})\.?\s*$"
)
#: Who was told or when, after a post-posed reporting verb: "..., Dr Martisius told Wikinews."
_TO_WHOM = (
    r"\s+(?:Wikinews|reporters|journalists|the\s+press|yesterday|today|on\s+[A-Z]\w+|"
    r"last\s+week)"
)
#: A source after the clause it reports: "..., the report said", "..., Martisius told Wikinews".
_POST_SOURCE = re.compile(rf",\s+(?:the\s+)?[\w\s'’]{{1,40}}?\s(?:{_REPORTING})(?:{_TO_WHOM})?\.?$")
#: The same with the verb first: "..., say scientists", "..., says the report".
_POST_INVERTED = re.compile(
    r",\s+(?:say|says|said|reports?|reported|claims?|claimed)\s+(?:the\s+)?[\w'’-]+(?:\s[\w'’-]+){0,3}$"
)
#: A reporting verb right after another ("reports said"): the first was a noun.
_ANOTHER_VERB = re.compile(
    rf"\s+(?!saying\b|adding\b)(?:{_REPORTING}|describe|describes|indicate|indicates)\b"
)
#: A name in apposition after "According to the mayor,": "Liam Ford,".
_APPOSITION = re.compile(r"(?:[A-Z][\w.'’-]*\s?){1,4},")
#: A source named after "According to" without a comma: "the Saudi Interior Ministry".
_SOURCE_RUN = re.compile(
    r"\s+(?:the\s+)?[A-Z][\w.'’&-]*(?:\s+(?:(?:of|for|and)\s+(?:the\s+)?)?[A-Z][\w.'’&-]*)*"
    r"(?<!['’]s)(?=\s+(?!(?:and|of|for|the)\b)(?:[a-z]|\d))"
)
#: A subject and its reporting or belief verb at the start of an "according to" clause.
_INNER_ACT = re.compile(
    r"(?:[A-Z][\w.'’-]*\s+){1,3}(?:also\s+)?(?:believes|believed|thinks|thought|says|said|"
    r"claims|claimed|suspects|suspected)\s+(?:that\s+)?"
)
#: Who rules that something is so: a court, a judge, a tribunal.
_COURT = re.compile(
    r"\b(?:court|judge|tribunal|jury|justices?|magistrates?|arbitrator|commission|panel)"
    r"\s+(?:has\s+|have\s+|had\s+)?$",
    re.IGNORECASE,
)
#: The article's own reporters as the subject of a reporting verb: no outside source.
_SELF = re.compile(r"\b(?:Wikinews|this reporter|these reporters)(?:\s+reporters?)?\s*$")


#: A source named after the clause: "..., according to The Times".
_ACCORDING_AFTER = re.compile(r",\s+according to\b")
#: A relative clause the hearsay marker sits in: "Łukasz, who reportedly works ..., ...".
_RELATIVE = re.compile(r",\s+(?:who|which)\s+[^,]*$")
#: A passive report: "was forecast to", "was on Wednesday reported to", "are confirmed dead".
_PASSIVE_REPORT = re.compile(
    r"\b(?:is|are|was|were)\s+(?:(?:on\s+)?[\w-]+\s+){0,2}?(?:forecast|reported|confirmed|"
    r"estimated|believed|thought|said|alleged|predicted|projected|rumou?red)\s+(?:to|dead)\b"
)
#: A sentence that starts with a subordinate clause, and where its main clause begins.
_SUBORDINATOR = re.compile(r"(?:While|Although|Though|Whereas|Even though)\b")
_MAIN_CLAUSE = re.compile(
    r",\s+(?=(?:there|the|a|an|it|he|she|they|we|I|this|these|some|many|most)\s)"
)
#: A definite NP with nothing of its own after it, only where or how it was reported ("the
#: death on television", "the upcoming vote in a letter ..."): anaphoric, not a fact.
_ANAPHORIC_NP = re.compile(
    r"the\s+(?:[\w-]+\s+){0,2}?[\w-]+(?:\s*$|\s+(?:on|in|at|during|earlier|later|last|this|"
    r"yesterday|today)\b)"
)
#: Who reports by believing: experts or authorities ("scientists believe", "police believe",
#: "they believe"); not "some folks believe", a popular opinion.
_BELIEVERS = re.compile(
    r"\b(?:they|police|scientists|researchers|experts|investigators|officials|authorities|"
    r"analysts|doctors|economists|historians|prosecutors|detectives|astronomers|geologists|"
    r"biologists|palaeontologists|paleontologists)\s+(?:also\s+)?$",
    re.IGNORECASE,
)
#: A report inside the reported clause: "its source said X", "an anonymous source described
#: X", "Our work shows that X": the claim is X (not "claimed to be ...", an infinitive).
_NESTED_ACT = re.compile(
    r"(?P<subject>(?:[\w'’.-]+\s+){1,3}?)(?:(?:said|says|claimed|claims|described|reported|stated|alleged)"
    r"\s+(?!to\b|as\b|by\b|in\b|on\b|at\b|it\b|them\b|this\b|so\b|[\d,.]+\s+(?:lives|victims)\b)"
    r"(?:that\s+(?![a-z]+['’]s\b))?|"  # not "that apartment's": a determiner
    r"(?:shows?|showed|found|finds)\s+that\s+)"
)
#: A leading prepositional adverbial of time or circumstance: "On Friday, ...", "After
#: passing over the Bahamas, ..." (framing, not the asserted content).
_LEAD_ADVERBIAL = re.compile(
    r"(?:On|In|At|After|Before|During|Since|By|Following|Earlier|Later)\b"
    r"[^,;:\"“”]{1,40},\s+(?=[\w\"“])"
)


def _trim(text: str, start: int, end: int) -> tuple[int, int] | None:
    body = text[start:end]
    lead = _LEAD.match(body)
    if lead:
        start += lead.end()
    adverbial = _LEAD_ADVERBIAL.match(text, start, end)
    if adverbial and _STRONG_FINITE.search(text, adverbial.end(), end):
        start = adverbial.end()
    nested = _NESTED_ACT.match(text, start, end)
    if (
        nested
        and not _STRONG_FINITE.search(nested.group("subject"))
        and not _DETERMINER.fullmatch(nested.group("subject").split()[-1] + " ")  # "an alleged"
        and _STRONG_FINITE.search(text, nested.end(), end)  # a clause, not "claimed 6606 lives"
    ):
        start = nested.end()  # the subject is a noun phrase, not a clause of its own
    while end > start and (text[end - 1] in " .,;:!" or text[end - 1].isspace()):
        end -= 1
    while start < end and text[start].isspace():
        start += 1
    quoted = _FRAMED_QUOTE.fullmatch(text, start, end)
    if quoted:  # 'By this time, "her skin was weeping"': the quoted content only
        start, end = quoted.start("body"), quoted.end("body")
        while end > start and text[end - 1] in " .,;:!":
            end -= 1
    if len(text[start:end].split()) < _MIN_WORDS:
        return None
    return start, end


def _checkable(body: str) -> bool:
    return not _NOT_CHECKABLE.search(body)


#: "and" starting a clause of its own (a subject, then a finite verb).
_CONJUNCT = re.compile(r",?\s+and\s+(?=(?:the|a|an|his|her|its|their|[A-Z]\w*)\b)")


#: Where a mixed sentence's first clause ends: "but" and a new clause, or a relative
#: clause hung on with a comma (", with whom we share the desire ...").
_CLAUSE_END = re.compile(
    r",?\s+but\s+(?=(?:the|a|an|his|her|its|their|it|he|she|they|we|I|[A-Z]\w*)\b)"
    r"|,\s+(?:with whom|for whom|which|who)\b"
)


def _checkable_conjunct(text: str, span: tuple[int, int]) -> tuple[int, int] | None:
    """The factual clause of a mixed sentence: the last coordinated clause that is a
    checkable fact on its own ("she felt X had been wronged and her hashtag created
    awareness"), else the first clause before "but" or a comma-relative clause ("This is
    my fifth World Cup but it felt like the first")."""
    for m in reversed(list(_CONJUNCT.finditer(text, span[0], span[1]))):
        part = text[m.end() : span[1]]
        if _STRONG_FINITE.search(part) and _checkable(part):
            return _trim(text, m.end(), span[1])
    first = _CLAUSE_END.search(text, span[0], span[1])
    if first:
        part = text[span[0] : first.start()]
        if _STRONG_FINITE.search(part) and _checkable(part):
            return _trim(text, span[0], first.start())
    return None


def _clause_after(text: str, i: int, s_end: int, quotes: list[tuple[int, int]]) -> int:
    """Where the clause starting at ``i`` ends: the next reporting act, a quote that starts
    a new part of the sentence, or the sentence end."""
    end = s_end
    for pattern in (_NEXT_ACT, _OPENING):
        for m in pattern.finditer(text, i, s_end):
            if pattern is _OPENING:
                mark = m.end() - 1
                # a quote whose opening follows a comma/colon starts a new part
                if not re.match(r"[,:;]|\s[—–]", m.group()) or not in_spans(mark + 1, quotes):
                    continue
            end = min(end, m.start())
            break
    return end


def _verb_claims(
    text: str, s_start: int, s_end: int, quotes: list[tuple[int, int]]
) -> Iterator[tuple[int, int, int, int]]:
    """``(start, end)`` of each claim with the ``(start, end)`` of the words naming its
    source."""
    sentence = text[s_start:s_end]
    according = re.search(r"\b[Aa]ccording to\b", sentence)
    if according:
        if according.start() < 3:  # "According to X, (quoting Y,) CLAUSE"
            rest = according.end()
            parts = list(re.finditer(r",\s+", sentence[rest:]))
            begin: int | None = None
            source = _SOURCE_RUN.match(sentence, rest)
            if source and re.match(r"\s+(?:[\w-]+\s+){0,2}[\w-]+,\s", sentence[source.end() :]):
                source = None  # "According to the Center late today, 291 ...": at the comma
            if source:  # "According to the Interior Ministry over 345 pilgrims ..."
                parts = []
                begin = s_start + source.end()
            for part in parts:
                after = sentence[rest + part.end() :]
                if re.match(r"(?:quoting|citing|as|in|on)\b", after) or _APPOSITION.match(after):
                    continue  # "According to the mayor, Liam Ford, ..."
                begin = s_start + rest + part.end()
                break
            if begin is not None:
                inner = _INNER_ACT.match(text, begin, s_end)
                if inner:  # "According to ABC News, Basya also believes THAT": THAT
                    begin = inner.end()
                yield begin, _clause_after(text, begin, s_end, quotes), s_start, begin
        elif re.search(r"\b(?:which|that|who|whom)\s*,\s*$", sentence[: according.start()]):
            # "a policy which, according to AFP, the UN has criticised": what follows
            comma = re.search(r",\s+", sentence[according.end() :])
            if comma:
                begin = s_start + according.end() + comma.end()
                yield begin, _clause_after(text, begin, s_end, quotes), s_start, begin
                return
        else:  # "CLAUSE, according to X"
            verbs = [
                v
                for v in _VERB.finditer(text, s_start, s_start + according.start())
                if not in_spans(v.start(), quotes)
            ]
            head = sentence[: according.start()]
            comma = re.search(r",\s+", sentence[according.end() :])
            reported = comma is not None and _VERB.match(sentence, according.end() + comma.end())
            embedded = not verbs and (
                (
                    not _STRONG_FINITE.search(head)
                    and comma is None
                    and _STRONG_FINITE.search(sentence, according.end())  # "... ministry recovered"
                )
                or re.search(r"\b(?:was|were|is|are|had|has|have|be|been)\s*,?\s*$", head)
            )
            if reported:
                pass  # "Witnesses, according to The Telegraph, said ...": the verb's clause below
            elif embedded:
                # "Rescuers, ..., according to the ministry recovered ...", "Six were,
                # according to X, ...": one span with the attribution inside
                yield s_start, s_end, s_start + according.start(), s_start + according.end()
                return
            elif not verbs and not _STRONG_FINITE.search(head) and comma:
                # "On Sunday in London, according to witnesses, a man entered ...": after
                begin = s_start + according.end() + comma.end()
                yield begin, _clause_after(text, begin, s_end, quotes), s_start, begin
                return
            elif not verbs:
                yield s_start, s_start + according.start(), s_start + according.end(), s_end
                return  # else "X found that ... — "...", according to Y": X's claim below
        if according.start() < 3:
            return
    accused = _ACCUSED.search(sentence)
    if accused:  # "The parents are also accused of putting ...": the allegation
        begin = s_start + accused.end()
        yield begin, _clause_after(text, begin, s_end, quotes), s_start, s_start + accused.start()
        return
    inserted = _INSERTED.search(sentence)
    subject = sentence[: inserted.start()] if inserted else ""
    if (
        inserted
        and not re.search(rf"[{_QUOTE_MARKS}]", sentence)
        and len(subject.split()) <= 8
        and not _STRONG_FINITE.search(subject)
        and not _SUBORDINATE.match(subject)
    ):
        # "Recipients, said Mauer, are required to ...": the sentence, source and all
        yield s_start, s_end, s_start + inserted.start(), s_start + inserted.end()
        return
    post = _POST_SOURCE.search(sentence.rstrip(".")) or _POST_INVERTED.search(sentence.rstrip("."))
    if post and not re.search(rf"[{_QUOTE_MARKS}]\s*$", sentence[: post.start()]):
        yield s_start, s_start + post.start(), s_start + post.start(), s_end
        return
    for verb in _VERB.finditer(text, s_start, s_end):
        if in_spans(verb.start(), quotes):
            continue
        before = text[s_start : verb.start()]
        if not before.strip() or _PASSIVE.search(before) or _GERUND_BEFORE.search(before):
            continue
        if _SELF.search(before):
            continue  # "Wikinews observed ...": the article's own reporting
        if verb.group() in ("saying", "adding") and not re.search(r"(?:,|\band)\s*$", before):
            continue  # "adding the mineral to salt is ...": a gerund, not "..., adding that"
        if verb.group().startswith("believ") and (
            verb.group() == "believes" or not _BELIEVERS.search(before)
        ):
            continue  # "she believed ...": a person's belief, not a report
        if verb.group() in _EVIDENTIAL and not _EVIDENCE.search(before):
            continue  # "a light show that ...": a noun, not "figures show"
        if verb.group().startswith("rule") and not _COURT.search(before):
            continue  # "the rules are ...": only a court or judge rules that ...
        last_mark = max(before.rfind(c) for c in '"“”„«»')
        k = bisect.bisect_left(quotes, (verb.start(),)) - 1  # the last quote before the verb
        if k >= 0 and s_start <= quotes[k][1] < verb.start():
            # a quote in single marks ("'It's the same old story,' said ...")
            last_mark = max(last_mark, quotes[k][1] - s_start)
        after_mark = before[last_mark + 1 :]
        coordinated = re.match(r"\s*(?:and|but)\b", after_mark) is not None
        if (
            last_mark >= 0
            and len(after_mark.split()) <= 5
            and "," not in after_mark[1:]
            and not coordinated  # '"...," and added that ...': a new reporting act
        ):
            continue  # the attribution of a quote just before
        i = verb.end()
        if verb.group() in ("told", "tell", "tells"):
            tail = re.match(
                r"\s+(?:[A-Z][\w.]*\s+)+|\s+(?:the\s+)?(?:state\s+|local\s+)?"
                r"(?:press|media|reporters|journalists|police|investigators|court|jury)\s+",
                text[i:s_end],
            )
            that = _ADDRESSEE.match(text, i, s_end)
            if that:
                i = that.end()
            elif tail:
                i += tail.end() - 1
        if _ANOTHER_VERB.match(text, i, s_end):
            continue  # "reports said ...": a noun before the verb
        on = re.match(
            r"\s+(?:(?:late|early|earlier|later)\s+)?(?:on|in|at|during)\s+(?:[A-Z]\w+(?:\s+(?:\d+|morning|afternoon|evening|night))?|(?:a|an|the|its|his|her|their)"
            r"\s+(?:[\w-]+\s+){0,2}?(?:statement|interview|letter|report|post|speech|"
            r"release|e-?mail|filing|video|message)s?\b)",
            text[i:s_end],
        )
        if on:
            i += on.end()
        m = re.match(r"[\s:,]*(?:(?:citing|quoting)\s[^,]{1,60},\s+)?", text[i:s_end])
        i += m.end() if m else 0  # "reported, citing university data, there were ..."
        colon = _OBJECT_COLON.match(text, i, s_end)
        if colon:  # "denied these allegations: She was never forced ...": after the colon
            i = colon.end()
        if i >= s_end or text[i] in _QUOTE_MARKS:
            continue  # a direct quote: claimed from the quote itself
        if re.match(r"(?:it|them|this|him|her|so)\b\s*(?:[.,;:]|$)", text[i:s_end]):
            continue
        if text[verb.end() : i].strip() == "," and re.match(
            r"(?:[a-z]+ed|was|were|is|are|has|had|have)\b", text[i:s_end]
        ):
            continue  # "..., CBS noted, highlighted ...": the sentence's own verb follows
        if re.match(r"(?:how|why|whether)\b", text[i:s_end]):
            continue  # an indirect question ("explained how ..."): no proposition
        of = (
            re.match(r"(?:of|about)\s+", text[i:s_end]) if verb.group().startswith("warn") else None
        )
        if of:  # "warned of potential flash floods": the danger warned of
            i += of.end()
        end = _clause_after(text, i, s_end, quotes)
        if _SUBORDINATOR.match(text, s_start, verb.start()):
            # "While current consensus says X, there are ...": X ends with the subordinate clause
            main = _MAIN_CLAUSE.search(text, i, end)
            if main:
                end = main.start()
        clause = text[i:end]
        head_np = re.split(r",?\s+(?:which|who|that)\b", clause)[0]
        is_np = _DETERMINER.match(clause) and not _FINITE.search(head_np)
        open_np = re.match(r"(?:any|some|no)\s", clause, re.IGNORECASE)
        if _ANAPHORIC_NP.match(clause) and not _STRONG_FINITE.search(clause):
            continue  # "announced the death on television": nothing of its own
        if is_np and (verb.group() not in _NP_VERBS or open_np):
            continue  # an NP ("confirmed the deal", "announced any plans"): not a claim
        framing = _PREPOSITION.match(clause) and not _STRONG_FINITE.search(clause)
        if (not is_np and not _FINITE.search(clause)) or framing:
            continue  # a fragment ("told the court that, over the last months, "...""): none
        yield i, end, s_start, verb.start()


def _quote_claims(text: str, quote: tuple[int, int]) -> Iterator[tuple[int, int]]:
    start, end = quote
    if len(text[start:end].split()) < 4:
        return
    for s, e in sentences(text[start:end]):
        body_start = start + s
        pieces = re.split(
            rf"\s*\[\.\.\.\]\s*|\s*\.\.\.\s*|{_EMBEDDED.pattern}", text[body_start : start + e]
        )
        offset = body_start
        for piece in pieces:
            at = text.find(piece, offset, start + e)
            if at < 0 or not piece.strip():
                continue
            offset = at + len(piece)
            if (at > body_start and _SUBORDINATE.match(piece)) or not _FINITE.search(piece):
                continue
            if piece[:1].islower() and at == start and not _STRONG_FINITE.search(piece):
                continue  # a fragment ("significant economic and technological shifts")
            if re.match(r"(?:Which|Who|Whom|Whose)\b", piece):
                continue  # "Which as we all know ...": a fragment hanging off the sentence before
            if _CHARACTERISATION.match(piece) and not _NUMBER.search(piece):
                continue  # "He is a legend.", "Martyrdom was his reward ...": an evaluation
            yield at, at + len(piece)


def suggest_claims(
    text: str, quotes: list[Suggestion] | None = None, mentions: list[Mention] | None = None
) -> list[Suggestion]:
    """Claims (``quotes``: the text's quote suggestions; ``mentions``: its people, who
    become a claim's ``source`` and ``claimed_by`` target)."""
    quote_spans = sorted((q.start, q.end) for q in quotes or [])
    people = sorted(mentions or [], key=lambda m: m.start)
    head = headline_end(text)
    targets: dict[int, tuple[int, int]] = {}  # claim start -> the quote speaker's mention
    found: list[tuple[int, int, float, dict[str, AttributeValue], str]] = []
    reports = re.match(r"Reports?:\s*", text[:head]) if head else None
    if reports:
        found.append((reports.end(), head, 0.7, {}, "reports"))
    for s_start, s_end in sentences(text):
        if s_start < head and (reports or not _HEADLINE_ACT.search(text, s_start, s_end)):
            continue  # a headline is a claim after its reporting verb ("Woman claims ...")
        hearsay = _HEARSAY.search(text, s_start, s_end)
        if hearsay and not re.match(r"According to\b", text[s_start:s_end]):
            # (a sentence that starts with its source is claimed after the source below)
            joint = [
                c for c in _CONJUNCT.finditer(text, s_start, hearsay.start()) if "," in c.group()
            ]  # "Fishermen rescued 700, and the navy reportedly saved 200": the navy's clause
            begin = joint[-1].end() if joint else s_start
            end = s_end
            post = _POSTPOSED.search(text, hearsay.end(), s_end)
            if post:  # '..., the government allegedly criticized ..., ABC reported.'
                end = post.start()
            according = _ACCORDING_AFTER.search(text, hearsay.end(), end)
            if according:  # "Khan reportedly started ..., according to The Times."
                end = according.start()
            relative = _RELATIVE.search(text[begin : hearsay.start()])
            closing = text.find(",", hearsay.end(), end)
            if relative and closing > 0:  # "Łukasz, who reportedly works ... as a chef, ..."
                end = closing
            found.append((begin, end, 0.6, {}, hearsay.group().lower()))
            continue
        claims = list(_verb_claims(text, s_start, s_end, quote_spans))
        passive = _PASSIVE_REPORT.search(text, s_start, s_end)
        if (
            passive
            and not in_spans(passive.start(), quote_spans)
            and all(start >= passive.end() for start, *_ in claims)
        ):
            # "Dorian was forecast to reach ...", "39 are confirmed dead": the whole clause
            end = _clause_after(text, passive.end(), s_end, quote_spans)
            found.append((s_start, end, 0.6, {}, "passive"))
        for start, end, src_start, src_end in claims:
            pattern = claim_pattern(text, start)
            named = mentions_within(people, src_start, src_end)
            named_source: dict[str, AttributeValue] = {}
            if named:
                named_source[CLAIM_SOURCE] = named[-1].full
                targets[start] = (named[-1].start, named[-1].end)
            found.append((start, end, 0.7, named_source, pattern))
    for q in quotes or []:
        source: dict[str, AttributeValue] = {}
        if "speaker" in q.attributes:
            source[CLAIM_SOURCE] = q.attributes["speaker"]
        for start, end in _quote_claims(text, (q.start, q.end)):
            found.append((start, end, 0.6, source, "quote"))
            if q.target is not None:
                targets[start] = q.target
    out: list[Suggestion] = []
    taken: list[tuple[int, int]] = []
    for start, end, score, attributes, pattern in sorted(found, key=lambda f: (f[0], -f[1])):
        span = _trim(text, start, end)
        if span is not None and not _checkable(text[span[0] : span[1]]):
            span = _checkable_conjunct(text, span)
        if span is None:
            continue
        if taken and span[0] < taken[-1][1]:
            continue  # overlaps the one before (spans come by start)
        taken.append(span)
        target = targets.get(start)
        out.append(
            Suggestion(span[0], span[1], "claim", score, attributes, target, pattern=pattern)
        )
    return out


def claim_pattern(text: str, start: int) -> str:
    """The marker before a claim ("said", "according to"): what learning counts."""
    words = re.findall(r"[A-Za-z]+", text[max(0, start - 30) : start].lower())
    for word in reversed(words):
        if _VERB.fullmatch(word) or word == "to":
            return "according to" if word == "to" else word
    return "clause"
