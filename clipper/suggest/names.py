"""Word lists for finding people: common given names (many languages), titles and roles
that precede a name, and words that make a capitalised phrase an organisation or place.

Written for this project (no external data set): a name is a person when its first word
is a known given name, or a title/role stands before it, or it is a known surname."""

from __future__ import annotations

import functools
from pathlib import Path

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
Stan Johnnie Margaret Gloria Manju Amneh Alia Nick Mohamed Bruce Katherine Kate Marcia Maxine
Abigail Adele Agatha Aileen Alana Alexis Alfie Alison Alma Alyssa Amara Andrea Angelica
Annabel Antonia Ariana Arlene Audrey Aurora Ava Barbra Beatrice Becky Belinda Bernadette
Bianca Bonnie Brigitte Brittany Brooke Camila Candace Carly Carmel Cassidy Celia Celine
Chantal Chloe Christa Cindy Colleen Courtney Daisy Daphne Darlene Debbie Delia Denise
Dolores Dominique Edna Eileen Eliza Elsa Eloise Erica Esther Estelle Eunice Evangeline Fay
Felicity Gail Genevieve Georgina Geraldine Gillian Gina Greta Gwen Gwendolyn Harper Hazel
Heidi Helena Henrietta Hilda Holly Ida Imogen Ines Irma Isla Jacqueline Jade Janelle Jasmine
Jean Jeanne Jenna Jill Jocelyn Josephine Judith Julianne Justine Kara Karin Kathryn
 Kayla Kelsey Kendra Kerry Kirsten Krista Kristen Kristin Lara Leah Leila  Leslie
Lillian Lily Lina Lindsay Lois Lorna Lorraine Lucia Lucille Luisa Lynda Mabel Mackenzie
Maggie Mandy Marcela Margarita Marian Marianne Marilyn Marion Marjorie Marla Martha Maureen
Maya Meredith Mia Mildred Millie Miranda Miriam Molly Mona Muriel Nadine Nancy Natasha Nell
Nora Norma Olga Paige Patsy Pauline Penelope Penny Phoebe Phyllis Polly Priscilla Rachael
Ramona Regina Renee Rhonda Roberta Rosalind Rosemary Roxanne Sabrina Sadie Selena Serena
Sienna Sonia Sonya Stella Susanna Sylvia Tamara Tara Tess Thelma Tracey Trisha Ursula Vera
Veronica Viola Violet Vivian Wanda Whitney Wilma Yolanda Zara
Abe Adolfo Ahmet Al Alastair Alec Alfonso Alistair Alvin Ambrose Amos Andres Angelo
Archie Armando Arturo Augusto Barney Bart Basil Ben Bernardo Bert Bjorn Blake
Boyd Brent Brock Byron Caleb Carlo Carlton Casey Cecil Cesar Charley Chester Clarence Clark
Clay Cliff Clifford Clint Clive Cody Cole Conrad Corey Cornelius Cyril Dalton Damian Damon
Darrell Darryl Dermot Desmond Dewey Dexter Dirk Dominik Donovan Dorian Drew Dwayne Dwight
 Elliot Elliott Elmer Elvis Emil Emilio Ernesto Errol Esteban Everett Ezra Fabian
Felipe Fergus Floyd Forrest Francois François Freddie Gareth Garrett Gene Geoff Geoffrey
Gerry Gilbert Giles Gino Gordon Grady Hal Hank Harlan Harvey Hector Herbert Herman
Horace Hubert Humphrey Ignacio Irving Isaiah Jacques Jared Jarrod Jasper Jay Jeremiah Jesse
Jesus Joachim Joaquin Jody Joey Jonas Josef Julio Julius Kai Karsten Keegan Kieran Kirk
Kurt Lance Lars Leigh Leonardo Leopold Leroy Lester Lewis Lionel Lorne Lou Lowell Lucien
Luther Lyle Mack Malik Marcel Marcos Marius Marlon Marvin Mason Mathieu Maurice Maximilian
Mel Melvin Micah Mick Miles Milo Milton Mitch Mitchell Monty  Murray Myles Nathaniel
Ned Neville Niall Nikola Noel Nolan Norbert Olaf Oswald Otto Pascal Percy Perry Pete
Quentin Quincy Rafael Ralf Randall Raphael Reggie Reginald Rene René Rhys Ricardo Richie
Rocco Rod Rodney Roderick Rolf Romeo Rory Rudolph Rudy Rufus Rupert Salvador Sanjay Saul
Seamus Sebastián Sherman Sid Sidney Silas Solomon Spencer Stanislav Stewart
Tad Terence Terrence Thaddeus Thierry Tobias Toby Todd Tomas Tomás Toni Tristan Ty Ulrich
Vaughn Vernon Vic Vince Vinnie Wade Wallace Walt Wes Wesley Wilbur Wilfred Willard
Winston Woody Wyatt Yves Zane
Abdel Abdelaziz Abdi Abu Adnan Ahmadi Akbar Ali Amin Amina Anwar Arash Asif Ayesha Aziz
Bashar Bilal Farah Farid Faisal Farhad Fawad Habib Hadi Hafiz Haider Hakim Hamza Hana Hani
Haroun Hasan Hussain Idris Ismail Jalal Jamal Jamil Javed Kamal Karima Khalil Layla Leyla
Mahmud Majid Malala Mansour Marwan Maryam Masoud Mehdi Mohsen Mona Mounir Mustapha Nabil
Nadia Naguib Najib Nasser Nawaz Nour Omid Osama Parisa Qasim Rafiq Rahim Rami Rana Rania
Rashid Reza Saad Sabah Saeed Salah Salim Salma Samir Samira Shahid Sharif Shireen
Sultan Tahir Tarek Walid Yasir Yasser Youssef Yousef Zahra Zainab Zaid Zayed Ziad
Aarav Abhishek Aditya Ajay Akash Akshay Amitabh Anand Anjali Ankit Arvind Ashok Deepak
Deepika Dev Devendra Dinesh Ganesh Gaurav Gita Harish Indira Jagdish Jawaharlal Kiran
Krishna Kumar Lakshmi Lalit Mahesh Manish Manmohan Meena Mukesh Nandan Naveen Neha Nikhil
Nitin Nirmala Pooja Pradeep Prakash Pranab Prashant Preeti Rajesh Rajiv Rakesh Ramesh Ravi
Rohit Sachin Sanjeev Santosh Sarita Shashi Shiv Shreya Sonia Sunil Sunita Suresh Sushma
Swati Uma Varun Vijay Vikram Vinod Vivek Yogesh
Chang Chao Chun Fang Feng Gang Hao Hua Hui Jian Jiang Jie Jing Kai Lei Liang Ling
Ning Qiang Qing Rui Shan Tao Ting Wen Xiang Xiao Xin Xu Yan Yang Yi Ying Yong Yu Yuan Yun
Zhen Zhi Zhou Hiroshi Haruki Kenji Koji Makoto Naoki Satoshi Shinzo Takashi Taro Yoshi
Yoko Yumi Akira Fumio Junichiro Keiko Hyun Ji Jae Kyung Seung Sung Hoang Nguyen
Thanh Tuan Somchai Anwar Najib Joko Susilo Rodrigo Ferdinand Gloria Corazon
Adebayo Adekunle Akinwumi Amadou Chidi Chinua Chukwu Cyril Emeka Fela Goodluck Jomo Kofi
Kwame Kwesi Mamadou Moussa Nelson Ngozi Nkosazana Nnamdi Obi Olusegun Oluwaseun Ousmane
Thabo Uhuru Wole Yaw Yoweri Zuma Ama Abena Chiamaka Folake Ifeoma Wangari
Aleksandr Aleksandra Alexey Anatoly Andrei Arkady Bogdan Boris Dmitri Galina Grigory
Irina Katya Konstantin Ksenia Lech Lyudmila Maxim Mikhail Miroslav Natalia Nikita Oksana
Pavel Petr Petro Radek Roman Ruslan Svetlana Tatiana Vadim Valentina Valery Viktor Volodymyr
Vaclav Yevgeny Yulia Yuri Zbigniew Zoltan Viktor Jaroslaw Wojciech Krzysztof Agnieszka
Magdalena Katarzyna Piotr Tomasz Marek Jakub Ondrej Milos Dragan Slobodan Goran Zoran
Ana Beatriz Catalina Consuelo Dilma Eva Evo Fidel Florencia Gabriela Graciela
Guadalupe Hugo Ines Jair Javiera Juana Lula Marisol Mauricio Michelle Nicolás Norma
Paola Ricardo Rosario Sebastian Sofía Valentina Ximena
Aino Anders Anneli Astrid Birgitta Erik Finn Frida Gunnar Hanne Henrik Ingrid Jens Jorgen
Karl Kjell Lars Leif Magnus Mette Nils Olav Sigrid Stig Svein Tove Ulf
Angela Armin Dieter Ernst Friedrich Gerhard Gunter Hannelore Heiko Horst Jurgen Jürgen
Katrin Lothar Manfred Markus Matthias Olaf Rainer Reinhard Sabine Sigmar Thorsten Ursula
Uwe Volker Werner Wolfram Emmanuel Francois Jean-Claude Jean-Luc Jean-Marie Jean-Paul
Jean-Pierre Laurent Nicolas Olivier Rachida Segolene Ségolène Thierry Valérie Xavier Yannick
Luiz Inácio Recep Tayyip Beto Alexandria Jair Bola Abiy Narendra Rand Kamala Keir Rishi
Yahya Meghan Ursula Shehbaz Imran Ilham Benjamin Yair Naftali Isaac Ehud Mahmoud Ismail
"""

#: Given names (first word of a person's name), written for this project.
GIVEN_NAMES: frozenset[str] = frozenset(_GIVEN.split())

#: More given names: the 1990 U.S. census lists, filtered (the file says how).
_CENSUS_FILE = Path(__file__).with_name("given_names.txt")


@functools.cache
def given_names() -> frozenset[str]:
    """``GIVEN_NAMES`` and the census given names (read on first use, ~4,000 names)."""
    try:
        lines = _CENSUS_FILE.read_text(encoding="utf-8").splitlines()
    except OSError:
        return GIVEN_NAMES  # a broken install: the project's own list still works
    census = {w for line in lines if not line.startswith("#") for w in line.split()}
    return GIVEN_NAMES | (census - PLACE_WORDS - AFFILIATIONS)  # not "Tory", "Sydney"


#: Titles, honorifics and roles that stand before a name (lower-cased words; a phrase
#: is matched word by word).
TITLE_WORDS: frozenset[str] = frozenset(
    word_list(
        """
        mr mr. mrs mrs. ms ms. miss dr dr. prof prof. professor emeritus sir dame lord lady
            mme mme. mlle mlle. herr frau monsieur señor señora signor signora
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
            host actor singer player striker chef artist activist wife husband son daughter
            mother widow widower partner girlfriend boyfriend fiancee fiancée uncle aunt cousin
            nephew niece grandson granddaughter grandmother grandfather student illustrator
            photographer designer novelist poet composer filmmaker producer cosplayer
            musician drummer guitarist rapper comedian dancer model blogger youtuber
            entrepreneur businessman businesswoman billionaire millionaire teenager pupil
            graduate professor lecturer teacher doctor nurse surgeon dr engineer architect
            farmer driver pilot soldier veteran officer constable sergeant chancellor
            historian physicist chemist biologist psychologist psychiatrist economist
            commentator pundit presenter anchor broadcaster columnist editor publisher
            playwright screenwriter sculptor painter goalkeeper defender midfielder forward
            captain boxer cyclist sprinter swimmer athlete skier golfer
            sultan emir sheikh sheik imam ayatollah sayyid swami guru star client counterpart
            congressman congresswoman adviser advisor aide
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
            space shuttle mission lab laboratory memorial monument plaza tower palace
            castle stadium arena theatre theater cinema gallery library zoo factory studio
            studios
            watch rights alliance coalition initiative movement federation organisation
            organization institution holdings media press airlines airways motors energy
            technologies labs forum tribunal archives review reserve trends data statistics
            analytics research insights poll survey index census insider finance presse welle
            wire telegraph tribune chronicle bulletin courier dispatch
            city county town rovers athletic wanderers albion fc province district region
            island islands valley river beach coast peninsula desert
            construction industries enterprises associates consulting
            awards prizes medal medals trophy lecture report
        """
    )
)

#: Capitalised words that are never (part of) a person's name (also websites, platforms and
#: agencies whose one-word name reads like a surname: "Image: Wikipedia.").
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
            Wikipedia Wikimedia Wikinews Wikidata Wiktionary Wikiquote Wikisource WikiLeaks
            Wikileaks Flickr Facebook Twitter YouTube Instagram Reddit TikTok WhatsApp
            LinkedIn Snapchat Pinterest Tumblr Weibo WeChat Google Yahoo Netflix Spotify
            Microsoft OpenStreetMap Reuters Xinhua Getty Shutterstock Pixabay Unsplash
            After Before During Following Despite Unlike Although Though While Whilst Since
            Until Once Because Whether Upon Under Over Without Within Among Between Against
            Through Throughout Toward Towards Into About Around Across Along Behind Beyond
            Inside Outside Via Per Like Then Thus Still Instead Nevertheless Nonetheless
            Furthermore Moreover Thereafter Afterwards Lastly Finally Perhaps Both Neither
            Either Each Every Some Many Most Several Such Not No All Any Only Even Just Here
            There Now Soon Shortly Initially Currently Reportedly According Yet So Nor
            Whereas Unless Except Besides Amid Amidst Following Regarding Concerning
        """
    )
)

#: Countries, U.S. states and large cities (one word, or the first word of two): a place
#: before a name is no part of it ("Senator from Vermont Bernie Sanders").
PLACE_WORDS: frozenset[str] = frozenset(
    word_list(
        """
        Afghanistan Albania Algeria Andorra Angola Argentina Armenia Australia Austria
            Azerbaijan Bahamas Bahrain Bangladesh Barbados Belarus Belgium Belize Benin Bhutan
            Bolivia Bosnia Botswana Brazil Brunei Bulgaria Burundi Cambodia Cameroon Canada
            Chad Chile China Colombia Comoros Congo Croatia Cuba Cyprus Czechia Denmark
            Djibouti Dominica Ecuador Egypt Eritrea Estonia Eswatini Ethiopia Fiji Finland
            France Gabon Gambia Georgia Germany Ghana Greece Grenada Guatemala Guinea Guyana
            Haiti Honduras Hungary Iceland India Indonesia Iran Iraq Ireland Israel Italy
            Jamaica Japan Jordan Kazakhstan Kenya Kiribati Korea Kosovo Kuwait Kyrgyzstan Laos
            Latvia Lebanon Lesotho Liberia Libya Liechtenstein Lithuania Luxembourg Madagascar
            Malawi Malaysia Maldives Mali Malta Mauritania Mauritius Mexico Micronesia Moldova
            Monaco Mongolia Montenegro Morocco Mozambique Myanmar Namibia Nauru Nepal
            Netherlands Nicaragua Niger Nigeria Norway Oman Pakistan Palau Palestine Panama
            Paraguay Peru Philippines Poland Portugal Qatar Romania Russia Rwanda Samoa Senegal
            Serbia Seychelles Singapore Slovakia Slovenia Somalia Spain Sudan Suriname Sweden
            Switzerland Syria Taiwan Tajikistan Tanzania Thailand Togo Tonga Trinidad Tunisia
            Turkey Turkmenistan Tuvalu Uganda Ukraine Uruguay Uzbekistan Vanuatu Vatican
            Venezuela Vietnam Yemen Zambia Zimbabwe Scotland Wales England Britain Europe Asia
            Africa America Antarctica Oceania Tibet Xinjiang Crimea Kashmir Gaza Catalonia
            Alabama Alaska Arizona Arkansas California Colorado Connecticut Delaware Florida
            Hawaii Idaho Illinois Indiana Iowa Kansas Kentucky Louisiana Maine Maryland
            Massachusetts Michigan Minnesota Mississippi Missouri Montana Nebraska Nevada Ohio
            Oklahoma Oregon Pennsylvania Tennessee Texas Utah Vermont Virginia Washington
            Wisconsin Wyoming Ontario Quebec Alberta Manitoba Saskatchewan Queensland Victoria
            Tasmania London Paris Berlin Madrid Rome Moscow Beijing Shanghai Tokyo Delhi Mumbai
            Seoul Cairo Lagos Nairobi Sydney Melbourne Toronto Vancouver Montreal Chicago Boston
            Houston Dallas Atlanta Miami Seattle Denver Phoenix Detroit Baghdad Tehran Kabul
            Istanbul Ankara Athens Vienna Prague Warsaw Budapest Kyiv Kiev Dublin Edinburgh
            Brussels Amsterdam Geneva Zurich Stockholm Oslo Copenhagen Helsinki Lisbon Jakarta
            Manila Bangkok Hanoi Karachi Lahore Dhaka Riyadh Dubai Doha Jerusalem Beirut
            Damascus Havana Caracas Bogota Lima Santiago Auckland Wellington Hollywood Brooklyn
            Manhattan Sri Costa San Santa Saint Los Las Puerto Buenos Tel Kuala Addis Cape
            Port Fort Mount Lake Hong Abu Dar Rio Sao
        """
    )
)

#: Nationalities and affiliations that stand before a name but are no part of it
#: ("Belgian Eden Hazard", "Tory Boris Johnson"); most others end in -ian, -ese or -ish.
AFFILIATIONS: frozenset[str] = frozenset(
    word_list(
        """
        Dutch French Greek Thai Czech Swiss Iraqi Israeli Saudi Pakistani Bangladeshi Somali
            Kuwaiti Qatari Emirati Yemeni Omani Nepali Filipino Argentine Scots Welsh Afghan
            American Mexican Korean Moroccan Cuban Puerto Chilean Peruvian Kenyan Ugandan
            Nigerian Ghanaian Tibetan Turkish Polish Danish Finnish Swedish Spanish Irish
            Scottish Flemish Kurdish Maori Inuit Tory Tories Liberal Socialist Communist
            Independent Green Greens Libertarian Democratic Labor Unionist Nationalist
            Olympic Oscar-winning Nobel Cypriot Sunni Shia Shiite Sufi Hindu Sikh Buddhist
            Protestant Orthodox Evangelical Anglican Baptist Methodist Mormon
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
            minors teens juveniles adolescents elderly seniors
        """
    )
)
