"""Word lists for finding people: common given names (many languages), titles and roles
that precede a name, and words that make a capitalised phrase an organisation or place.

Written for this project (no external data set): a name is a person when its first word
is a known given name, or a title/role stands before it, or it is a known surname."""

from __future__ import annotations

from clipper.suggest.base import word_list

_GIVEN = """
Aaron Abdul Abdullah Abraham Adam Adrian Agnes Ahmad Ahmed Aidan Aisha Alan Albert Alberto
Alejandro Alex Alexander Alexandra Alexei Alfred Ali Alice Alicia Alison Allan Allen Amanda
Amber Amelia Amir Amit Amy Ana Anders Andre Andrea Andreas Andrew Andrzej Andy Angela Angelina
Angus Anil Anita Ann Anna Anne Annie Anthony Antoine Anton Antonio Arjun Arnold Arthur Ashley
Aung Barack Barbara Barry Ben Benjamin Bernard Bernie Beth Betty Bill Billy Bob Bobby Boris
Brad Bradley Brandon Brenda Brendan Brett Brian Bruce Bruno Bryan Caitlin Calvin Cameron Carl
Carla Carlos Carmen Carol Caroline Carolyn Catherine Cathy Cecilia Chad Charles Charlie
Charlotte Chen Cheng Cheryl Chris Christian Christina Christine Christopher Chuck Claire Clara
Claude Claudia Colin Connie Conor Craig Cristina Curtis Cynthia Dale Dan Daniel Daniela
Danielle Danny Darren Dave David Dean Deborah Debra Denis Dennis Derek Diana Diane Dick Diego
Dmitry Dominic Don Donald Donna Doris Dorothy Doug Douglas Duncan Dylan Ed Eddie Edgar Edith
Edmund Eduardo Edward Edwin Elaine Eleanor Elena Eli Elijah Elizabeth Ella Ellen Elon Emily
Emma Emmanuel Enrique Enver Eric Erik Erin Ernest Ethan Eugene Eva Evan Evelyn Fatima Felix
Fernando Fiona Frances Francesco Francis Francisco Frank Franz Fred Frederick Gabriel
Gabriela Gary Gavin Gemma George Georg Gerald Gérald Gerard Gerhard Giorgio Giovanni Giuseppe
Glen Glenn Gloria Gordon Grace Graham Grant Greg Gregory Gustavo Hamid Hannah Hans Harold
Harriet Harry Hassan Heather Heinz Helen Helmut Henry Hilary Hillary Howard Hugh Hugo Hussein
Ian Ibrahim Igor Ilya Imran Ingrid Irene Isaac Isabel Isabella Ivan Jack Jackie Jacob Jacques
Jake James Jamie Jan Jane Janet Janice Jason Javier Jean Jeff Jeffrey Jennifer Jenny Jeremy
Jerome Jerry Jessica Jim Jimmy Jin Joan Joanna Joe Joel Johan Johann Johannes John Johnny Jon
Jonathan Jorge Jose José Joseph Josh Joshua Joyce Juan Judith Judy Julia Julian Julie Juliet
Jun Justin Kamala Karen Karim Karl Kate Katherine Kathleen Kathy Katie Keith Kelly Ken Kenneth
Kevin Khaled Khalid Kim Kimberly Klaus Kyle Larry Laura Lauren Lawrence Lee Leo Leon Leonard
Li Lin Linda Lisa Liu Lloyd Louis Louise Luc Luca Lucas Lucy Luis Luke Lydia Lynn Madeleine
Magnus Mahmoud Malcolm Manuel Marc Marco Marcus Margaret Maria Marie Marina Mario Mark Marta
Martin Mary Matt Matteo Matthew Maurice Max Megan Mehmet Melanie Melissa Michael Michel
Michelle Miguel Mike Mikhail Min Mohamed Mohammad Mohammed Monica Muhammad Mustafa Nadia Nancy
Naomi Narendra Natalie Nathan Neil Nelson Nicholas Nick Nicola Nicolas Nicole Nigel Nikolai
Nina Noah Norman Oleg Oliver Olivia Omar Oscar Owen Pablo Pamela Paolo Pat Patricia Patrick
Paul Paula Pedro Peggy Peter Phil Philip Philippe Pierre Priya Rachel Rahul Raj Ralph Ramon
Randy Raul Ray Raymond Rebecca Richard Rick Rishi Rita Rob Robert Roberto Robin Rodrigo Roger
Roland Ron Ronald Rosa Rose Ross Roy Ruby Russell Ruth Ryan Sadiq Sally Salman Sam Samantha
Samuel Sandra Sara Sarah Scott Sean Sebastian Sergei Sergey Seth Shane Shannon Sharon Shaun
Sheila Shirley Simon Sofia Sophie Stanley Stefan Stephanie Stephen Steve Steven Stuart
Suella Suleiman Susan Suzanne Sven Tanya Tariq Ted Teresa Terry Theodore Theresa Thomas Tim
Timothy Tina Todd Tom Tommy Tony Tracy Travis Trevor Troy Tyler Valerie Vanessa Victor
Victoria Vincent Vladimir Walter Wang Warren Wayne Wei Wendy William Willie Wolfgang Xavier
Xi Yasmin Yuki Yusuf Yvette Yvonne Zach Zachary Zhang Zoe
Claudio Stefania Nunzio Federica Francesca Giulia Alessandro Lorenzo Massimo Sergio Silvio
Matteo Enrico Gianni Mariano Beppe Luigi Pietro Vittorio
"""

#: Given names (first word of a person's name).
GIVEN_NAMES: frozenset[str] = frozenset(_GIVEN.split())

#: Titles, honorifics and roles that stand before a name (lower-cased words; a phrase
#: is matched word by word).
TITLE_WORDS: frozenset[str] = frozenset(
    word_list(
        """
        mr mr. mrs mrs. ms ms. miss dr dr. prof prof. professor emeritus sir dame lord lady
            president vice prime minister secretary senator sen. rep. representative ambassador
            administrator governor mayor chairman chairwoman chair chief executive officer ceo
            cfo director general judge justice king queen prince princess pope bishop rev.
            reverend father sister brother captain capt. colonel col. major sergeant lieutenant
            commander admiral founder co-founder editor spokesman spokeswoman spokesperson
            minister chancellor premier councillor councilor mp mep commissioner superintendent
            inspector detective officer agent coach manager leader deputy shadow home foreign
            interior undersecretary campaigner barrister lawyer attorney analyst economist author
            writer
            journalist reporter correspondent astronaut scientist researcher candidate nominee
            host actor singer player striker chef artist activist
        """
    )
)

#: Words after a capitalised phrase that make it an organisation, place or thing.
ORG_WORDS: frozenset[str] = frozenset(
    word_list(
        """
        center centre foundation institute university college school hospital museum company
            corporation corp inc ltd group party council committee agency authority department
            ministry office bank fund trust association society union league club airport
            station street road avenue square bridge park hall stadium church mosque temple
            cathedral award prize act law bill day week summit conference festival cup
            championship project program programme news times post herald journal gazette
            magazine channel television radio network force army navy court house senate
            assembly parliament government commission board service services system systems
            space shuttle mission lab laboratory
        """
    )
)

#: Capitalised words that are never (part of) a person's name.
NOT_NAMES: frozenset[str] = frozenset(
    word_list(
        """
        The A An And Or But If In On At Of For From To With By As It Its This That These
            Those He She They We I You His Her Their Our My Your Who What When Where Why How
            Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March
            April May June July August September October November December Image Photo Photos
            Credit Source Reports Report Labour Conservative Democrat Democrats Republican
            Republicans God Internet Web AI North South East West Northern Southern Eastern
            Western New Old Great Grand Royal National International Federal State United
            Kingdom Republic Chinese British American English French German Italian Korean
            Japanese Indian Afghan Saudi Arabia Islam Islamic Christian Muslim Muslims Jewish
            Catholic Also However Earlier Later Recent Meanwhile Yesterday Today Tomorrow Last
            Next First Second Third Prime Minister President Secretary Home Office Mr Ms Mrs Dr
            Professor Chairman
        """
    )
)

#: Words meaning people when counted (a figure's unit "people").
HUMAN_NOUNS: frozenset[str] = frozenset(
    word_list(
        """
        people persons person men women children adults kids pilgrims migrants refugees
            voters residents citizens workers employees staff students pupils teachers patients
            victims soldiers troops civilians passengers tourists visitors hopefuls asylees
            applicants members users customers fans athletes players participants individuals
            inhabitants immigrants protesters demonstrators officers doctors nurses dead killed
            wounded injured missing deaths casualties girls boys babies families
            politicians lawmakers legislators senators councillors councilors candidates
            officials executives ministers delegates representatives astronauts cosmonauts
            crew pilots engineers scientists researchers experts journalists reporters
            judges lawyers police policemen firefighters survivors suspects prisoners
            detainees inmates hostages defendants miners farmers teenagers youths infants
            volunteers activists supporters opponents fighters militants rebels investors
            shareholders consumers subscribers readers viewers spectators attendees
            contestants competitors musicians actors artists authors writers bloggers
            posters editors founders owners elects guys schoolchildren schoolgirls schoolboys
            mothers fathers women girls pensioners retirees graduates scholars admins
            administrators moderators staffers
            jurors monks nuns priests worshippers worshipers mourners marchers rioters looters
            gunmen attackers bombers sailors marines recruits cadets colleagues friends
            relatives siblings sons daughters grandchildren toddlers newborns homeowners
            tenants taxpayers fatalities seekers nationals expatriates expats locals natives
            villagers commuters drivers riders cyclists pedestrians runners swimmers climbers
            hikers guests diners shoppers buyers vendors traders bankers clients donors
            recipients beneficiaries claimants plaintiffs witnesses signatories physicians
            surgeons dentists paramedics medics caregivers carers coaches referees umpires
            pupils learners trainees interns apprentices laborers labourers
            peacekeepers policemen policewomen guards prisoners captives defectors
            evacuees displaced homeless jobseekers sex-workers entrants finalists winners
            speakers panelists panellists delegates envoys diplomats observers monitors
            inspectors auditors analysts economists physicists chemists biologists doctors
            scholars academics professors lecturers teachers students graduates alumni
        """
    )
)
