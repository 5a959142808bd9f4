"""Word lists for figures: the humans a count can be of (beyond :data:`names.HUMAN_NOUNS`),
nationalities and groups written as a capitalised noun ("100,000 Greeks", "One Rohingya"),
and adjectives that stand between "one" and its noun ("one further record").

Written for this project (no external data set)."""

from __future__ import annotations

from clipper.suggest.base import word_list
from clipper.suggest.names import HUMAN_NOUNS

#: Nouns for humans that :data:`HUMAN_NOUNS` lacks: mass nouns ("60,000 security
#: personnel"), a few plurals and party members ("one independent"), and a general vocabulary
#: of people by role, trade, sport and kinship (nouns that also name companies, teams or
#: things, "partners", "suppliers", "hosts", "agents", "crews", stay out); deaths are events,
#: not humans, so "six deaths" keeps its noun.
HUMANS: frozenset[str] = (
    HUMAN_NOUNS
    | frozenset(
        word_list(
            """
        personnel folk folks manpower servicemen servicewomen sailors airmen infantrymen
            gendarmes fishermen crewmen crewmembers lifeguards rescuers responders helpers
            worshippers pilgrims faithful believers devotees parishioners congregants
            followers adherents members spouses wives husbands brothers sisters cousins
            grandparents grandmothers grandfathers elderly widows orphans twins
            uyghurs rohingya males females presidents governors mayors leaders chiefs
            kings queens princes princesses monarchs ambassadors diplomats envoys generals
            commanders captains premiers chancellors heirs justices magistrates
            humans terrorists extremists insurgents jihadists assailants criminals chairmen
            chairwomen spokesmen spokeswomen businessmen businesswomen congressmen
            congresswomen
            independents democrats republicans liberals conservatives moderates socialists
            communists nationalists separatists loyalists royalists unionists centrists
            progressives libertarians mps meps ceos nominees appointees escapees interviewees
            laureates actresses singers dancers managers listeners aides advisers advisors
            programmers designers architects attorneys prosecutors bishops imams rabbis
            clergy parents neighbours neighbors astronomers
            occupants occupiers emigrants assistants attendants correspondents respondents
            dependents dependants descendants ancestors servants merchants lieutenants
            sergeants corporals colonels admirals constituents performers travellers
            travelers offenders perpetrators abductors kidnappers hijackers captors accused
            convicts guerrillas bystanders onlookers strangers teammates veterans settlers
            townspeople youngsters elders gentlemen ladies electors campaigners advocates
            missionaries pastors clerics cardinals poets painters sculptors photographers
            filmmakers presenters bakers butchers chefs cooks waiters waitresses bartenders
            janitors watchmen welders plumbers carpenters mechanics clerks secretaries
            midwives barristers solicitors tutors undergraduates footballers cricketers
            golfers boxers wrestlers jockeys skaters skiers sprinters strikers stewards
            stewardesses hostesses copilots patrons bosses sellers asylum-seekers
        """
        )
    )
) - frozenset(word_list("deaths fatalities"))  # events, counted as written ("six deaths")

#: Nationalities, peoples and faiths, singular (the plural is built from them): a number
#: right before one counts people ("100,000 Greeks", "One Rohingya, Muhammad Amin, ...").
_DEMONYMS = word_list(
    """
    Afghan African Albanian Algerian American Angolan Arab Argentine Argentinian Armenian
    Australian Austrian Azerbaijani Bahraini Bangladeshi Belarusian Belgian Bolivian Bosnian
    Brazilian Briton Bulgarian Burmese Cambodian Cameroonian Canadian Chilean Chinese Colombian
    Congolese Croat Croatian Cuban Cypriot Czech Dane Egyptian Emirati Englishman Eritrean
    Estonian Ethiopian European Filipino Finn Frenchman Georgian German Ghanaian Greek
    Guatemalan Haitian Honduran Hungarian Icelander Indian Indonesian Iranian Iraqi Irishman
    Israeli Italian Ivorian Jamaican Japanese Jordanian Kazakh Kenyan Korean Kosovar Kurd
    Kuwaiti Kyrgyz Laotian Latvian Lebanese Liberian Libyan Lithuanian Macedonian Malagasy
    Malaysian Malian Maltese Mexican Moldovan Mongolian Montenegrin Moroccan Mozambican
    Namibian Nepali Nepalese Nicaraguan Nigerian Nigerien Norwegian Omani Pakistani
    Palestinian Panamanian Paraguayan Peruvian Pole Portuguese Qatari Romanian Russian
    Rwandan Salvadoran Saudi Scot Senegalese Serb Serbian Sierra-Leonean Singaporean Slovak
    Slovene Slovenian Somali Spaniard Sri-Lankan Sudanese Swede Syrian Taiwanese Tajik
    Tanzanian Thai Tibetan Tunisian Turk Turkmen Ugandan Ukrainian Uruguayan Uzbek
    Venezuelan Vietnamese Welshman Yemeni Zambian Zimbabwean
    Rohingya Uyghur Uighur Tamil Sinhalese Pashtun Hazara Yazidi Kurd Basque Catalan Roma
    Maori Inuit Aborigine Bedouin Berber Druze Alawite Copt Sikh Hindu Jew Muslim Christian
    Catholic Protestant Mormon Buddhist Sunni Shia Shiite Orthodox Evangelical Quaker
    Democrat Republican Tory Conservative Liberal Socialist Communist Labourite Green
    Londoner Parisian Berliner Muscovite New-Yorker Texan Californian Floridian
    Olympian Nobel-laureate
    """
)
#: Singular demonyms that are their own plural ("three Chinese", "One Rohingya").
_INVARIANT = frozenset(
    d for d in _DEMONYMS if d.endswith(("ese", "ch", "sh", "ss", "z")) or d in ("Rohingya",)
)


def _demonym_plural(word: str) -> str:
    if word in _INVARIANT:
        return word
    if word.endswith("man"):
        return word[:-3] + "men"
    if word == "Tory":
        return "Tories"
    return word + "s"


#: The capitalised words that name one person ("One Rohingya") and several ("100,000 Greeks").
DEMONYMS_ONE: frozenset[str] = frozenset(_DEMONYMS)
DEMONYMS_MANY: frozenset[str] = frozenset(map(_demonym_plural, _DEMONYMS))

#: Adjectives that stand between "one" and its noun ("one further record", "one single
#: goal"): skipped when looking for the counted noun.
ONE_ADJECTIVES: frozenset[str] = frozenset(
    word_list(
        """
        further more additional extra single other new final last small large big major
            minor key main important whole lone sole tiny huge particular specific simple
            great good bad little old young real serious separate similar different
            unique full entire complete mere solitary unnamed unidentified known reported
            confirmed suspected possible potential alleged proposed local foreign proper
            decent hot square solid clear national international federal regional medical
            political legal illegal social critical crucial central global digital annual
            formal informal natural personal physical financial commercial
        """
    )
)

#: Endings of nouns for people by what they do or where they are from ("pharmacists",
#: "historians"), and the few words with those endings that are not people.
PERSON_ENDINGS = ("ists", "ians")
NOT_PERSONS = frozenset(
    word_list("lists twists wrists fists mists exists insists consists resists persists assists")
)
