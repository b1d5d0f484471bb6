# ruff: noqa: E501  (name tables: one culture per block reads better than wrapped calls)
"""Names, places and words the person and company demo generators draw from.

Written for OpenCEN's demo data (no external list): given and family names of many cultures,
each a few dozen (combinations give millions of distinct people), with the name as written in
its own script for the cultures that have one (Arabic, Cyrillic, Greek, Devanagari, Chinese).

A name table is one string: names separated by spaces, ``Latin:Native`` where the culture has
its own script, ``_`` for a space inside a name (``Abdul_Rahman``).
"""

from __future__ import annotations

from dataclasses import dataclass, field


def _names(text: str) -> tuple[tuple[str, str], ...]:
    """``"Mohammed:محمد Abdul_Rahman"`` -> ``(("Mohammed", "محمد"), ("Abdul Rahman", ""))``."""
    entries = []
    for word in text.split():
        latin, _, native = word.partition(":")
        entries.append((latin.replace("_", " "), native.replace("_", " ")))
    return tuple(entries)


@dataclass(frozen=True)
class Culture:
    """Names of one naming culture and where its people mostly come from."""

    name: str
    male: tuple[tuple[str, str], ...]
    female: tuple[tuple[str, str], ...]
    family: tuple[tuple[str, str], ...]
    #: Nationalities, weighted.
    countries: tuple[tuple[str, float], ...]
    #: The script of the native forms ("" when the culture writes in Latin letters).
    script: str = ""
    #: Family name first when written in full (Chinese, Vietnamese).
    family_first: bool = False
    #: How a woman's family name is made from the man's form (Russian, Greek).
    feminine: str = ""
    #: Share of people with two given names.
    middle_share: float = 0.2
    email_domains: tuple[str, ...] = ("gmail.com", "yahoo.com", "outlook.com", "hotmail.com")
    weight: float = 1.0
    extra: dict = field(default_factory=dict)


CULTURES: tuple[Culture, ...] = (
    Culture(
        "arabic",
        male=_names("Mohammed:محمد Ahmed:أحمد Ali:علي Omar:عمر Khalid:خالد Hassan:حسن Hussein:حسين Ibrahim:إبراهيم Youssef:يوسف Mustafa:مصطفى Abdulrahman:عبدالرحمن Abdullah:عبدالله Tariq:طارق Karim:كريم Said:سعيد Salem:سالم Nasser:ناصر Walid:وليد Faisal:فيصل Hamza:حمزة Bilal:بلال Osama:أسامة Jamal:جمال Rashid:راشد Adel:عادل Samir:سمير Majid:ماجد Ismail:إسماعيل Yasser:ياسر Anwar:أنور"),
        female=_names("Fatima:فاطمة Aisha:عائشة Mariam:مريم Khadija:خديجة Zainab:زينب Layla:ليلى Nour:نور Amina:أمينة Huda:هدى Salma:سلمى Yasmin:ياسمين Rania:رانيا Samira:سميرة Hanan:حنان Amal:أمل Dina:دينا Reem:ريم Noura:نورة Asma:أسماء Souad:سعاد"),
        family=_names("Al-Hassan:الحسن Al-Amin:الأمين Al-Rashid:الرشيد Haddad:حداد Mansour:منصور Khalil:خليل Nasser:ناصر Saleh:صالح Abdallah:عبدالله Osman:عثمان El-Sayed:السيد Hamdan:حمدان Al-Masri:المصري Bakr:بكر Farouk:فاروق Qasim:قاسم Al-Zahrani:الزهراني Al-Otaibi:العتيبي Al-Shammari:الشمري Benali:بن_علي El_Idrissi:الإدريسي Bouazza:بوعزة Hamid:حامد Yousef:يوسف Suleiman:سليمان Darwish:درويش Kanaan:كنعان Nassar:نصار Zaki:زكي Ibrahim:إبراهيم Musa:موسى Abdelaziz:عبدالعزيز"),
        countries=(("SD", 3), ("EG", 3), ("MA", 3), ("SA", 2), ("DZ", 2), ("SY", 2), ("LB", 2), ("IQ", 2), ("AE", 1), ("JO", 1), ("YE", 1), ("LY", 1), ("TN", 1)),
        script="Arabic",
        middle_share=0.45,
        email_domains=("gmail.com", "yahoo.com", "hotmail.com", "outlook.sa", "live.com"),
        weight=10,
    ),
    Culture(
        "south_asian_muslim",
        male=_names("Muhammad Imran Asif Bilal Faisal Shahid Tariq Zubair Kamran Naveed Irfan Waqas Usman Adnan Saqib Rizwan Junaid Hamid Ahmad Nasir Abdul_Qadir Ghulam Zahid Shafiq"),
        female=_names("Ayesha Fatima Sana Nadia Saima Rabia Hina Bushra Shazia Sadia Farah Nazia Samina Uzma"),
        family=_names("Khan Ahmed Malik Hussain Qureshi Butt Chaudhry Sheikh Raza Siddiqui Abbasi Mirza Shah Akhtar Iqbal Javed Aslam Rehman Yousafzai Durrani Popal Karimi Rahimi Noori Wardak"),
        countries=(("PK", 6), ("AF", 3), ("BD", 2)),
        middle_share=0.3,
        weight=5,
    ),
    Culture(
        "persian",
        male=_names("Reza Ali Mehdi Hossein Amir Mohammad Hamid Saeed Majid Behrouz Dariush Farhad Kourosh Babak Navid Ramin Arash Omid"),
        female=_names("Maryam Zahra Fatemeh Sara Leila Shirin Niloufar Parisa Roya Mahsa Nazanin Azadeh"),
        family=_names("Hosseini Ahmadi Mohammadi Rezaei Karimi Moradi Hashemi Jafari Rahimi Ghorbani Sadeghi Kazemi Rostami Ebrahimi Shirazi Tehrani Farahani Najafi"),
        countries=(("IR", 8), ("AF", 1)),
        weight=2,
    ),
    Culture(
        "swahili",
        male=_names("Juma Baraka Hamisi Omari Rashidi Said Bakari Mwangi Otieno Kamau Ochieng Kiprono Mohamedi Athumani Salim Abdallah Hassani Zuberi Kassimu Jabari Musa Tumaini"),
        female=_names("Amani Neema Rehema Zawadi Halima Mwanaisha Wanjiru Akinyi Achieng Imani Furaha Subira Saida Zuhura Mariamu"),
        family=_names("Mwangi Otieno Kamau Ochieng Njoroge Wanjiku Kariuki Odhiambo Mutua Kiprotich Omondi Mohamed Juma Hamisi Mrisho Kombo Mushi Massawe Lyimo Mbwana Salim Nyerere Kimaro Onyango Wekesa"),
        countries=(("KE", 5), ("TZ", 4), ("UG", 2)),
        middle_share=0.15,
        weight=5,
    ),
    Culture(
        "yoruba",
        male=_names("Adewale Oluwaseun Babatunde Olumide Ayodele Femi Kunle Tunde Segun Gbenga Adebayo Akinwale Olusegun Damilare Emeka Chinedu Obinna Ikechukwu Uchenna Chukwuemeka Ifeanyi Musa Ibrahim Sani"),
        female=_names("Folasade Yetunde Funmilayo Adenike Bukola Olamide Temitope Abimbola Ngozi Chioma Adaeze Nneka Amaka Blessing Aisha Zainab"),
        family=_names("Adeyemi Okafor Ogunleye Adebayo Balogun Okonkwo Oladipo Akande Ogundipe Eze Nwosu Obi Adeleke Afolabi Bello Okoro Ibrahim Olatunji Ogunbanjo Onyeka Ojo Babalola Nwachukwu Adekunle Salami"),
        countries=(("NG", 10), ("BJ", 1), ("GB", 0.5)),
        middle_share=0.35,
        weight=7,
    ),
    Culture(
        "francophone_africa",
        male=_names("Mamadou Moussa Ibrahima Abdoulaye Ousmane Seydou Amadou Boubacar Cheikh Souleymane Lamine Issa Youssouf Jean-Pierre Serge Patrice Didier Emmanuel Koffi Kouassi"),
        female=_names("Aminata Fatoumata Mariama Awa Kadiatou Aïssatou Ramatou Adjoa Affoué Bintou Oumou Rokia Clarisse Mireille"),
        family=_names("Diallo Traoré Koné Coulibaly Camara Sow Ndiaye Diop Touré Cissé Keita Sylla Bamba Ouattara Kouamé Yao N'Guessan Mbarga Nkomo Kabila Mukendi Tshibangu Fofana Sangaré Bah"),
        countries=(("SN", 3), ("CI", 3), ("ML", 2), ("GN", 2), ("CM", 2), ("CD", 2), ("BF", 1), ("TG", 1), ("BJ", 1)),
        middle_share=0.15,
        weight=6,
    ),
    Culture(
        "portuguese",
        male=_names("João José António Francisco Carlos Paulo Pedro Lucas Luís Marcos Rafael Gabriel Tiago Rui Miguel Fernando Ricardo Eduardo Sérgio Diogo Anderson Wellington Edson Cleber"),
        female=_names("Maria Ana Francisca Juliana Fernanda Patrícia Aline Camila Beatriz Mariana Inês Joana Adriana Luciana Rosângela Vanessa"),
        family=_names("Silva Santos Oliveira Souza Rodrigues Ferreira Alves Pereira Lima Gomes Costa Ribeiro Martins Carvalho Almeida Lopes Soares Fernandes Vieira Barbosa Rocha Dias Nascimento Moreira Gonçalves Teixeira Cardoso Mendes"),
        countries=(("BR", 6), ("PT", 3), ("AO", 2), ("MZ", 1), ("CV", 1)),
        middle_share=0.35,
        weight=6,
    ),
    Culture(
        "spanish",
        male=_names("José Juan Luis Carlos Jorge Miguel Manuel Antonio Francisco Pedro Alejandro Fernando Javier Diego Andrés Ricardo Sergio Alberto Raúl Héctor Julio Óscar Jesús Santiago"),
        female=_names("María Carmen Ana Laura Isabel Lucía Marta Patricia Rosa Elena Sofía Gabriela Daniela Valentina Alejandra Paola Claudia Mónica"),
        family=_names("García Rodríguez Martínez López González Hernández Pérez Sánchez Ramírez Torres Flores Rivera Gómez Díaz Vargas Castro Romero Morales Ortiz Gutiérrez Jiménez Ruiz Mendoza Rojas Herrera Medina Aguilar Vásquez Castillo Moreno"),
        countries=(("CO", 4), ("MX", 3), ("ES", 3), ("PE", 2), ("EC", 2), ("VE", 2), ("DO", 1), ("AR", 1), ("PA", 1)),
        middle_share=0.35,
        weight=8,
    ),
    Culture(
        "french",
        male=_names("Jean Pierre Michel Philippe Alain Nicolas François Laurent Julien Christophe Sébastien Stéphane Olivier Thomas Antoine Mathieu Guillaume Éric Frédéric Vincent"),
        female=_names("Marie Nathalie Isabelle Sylvie Catherine Sandrine Céline Stéphanie Julie Camille Hélène Aurélie Émilie Sophie Valérie Chloé"),
        family=_names("Martin Bernard Dubois Thomas Robert Richard Petit Durand Leroy Moreau Simon Laurent Lefèvre Michel Garcia David Bertrand Roux Vincent Fournier Morel Girard André Lefebvre Mercier Dupont Lambert Bonnet Faure Rousseau"),
        countries=(("FR", 6), ("BE", 1), ("CH", 1), ("CA", 1)),
        middle_share=0.25,
        email_domains=("gmail.com", "orange.fr", "free.fr", "laposte.net", "hotmail.fr"),
        weight=5,
    ),
    Culture(
        "chinese",
        male=_names("Wei:伟 Qiang:强 Lei:磊 Jun:军 Yong:勇 Jie:杰 Tao:涛 Ming:明 Chao:超 Hao:浩 Jianguo:建国 Zhiqiang:志强 Xiaoming:小明 Haitao:海涛 Jianhua:建华 Wenjie:文杰 Guoqiang:国强 Dong:东 Bin:斌 Peng:鹏"),
        female=_names("Fang:芳 Na:娜 Min:敏 Jing:静 Li:丽 Yan:艳 Juan:娟 Xiuying:秀英 Xiaohong:晓红 Mei:梅 Ling:玲 Yun:云 Hui:慧 Ying:颖 Xue:雪"),
        family=_names("Wang:王 Li:李 Zhang:张 Liu:刘 Chen:陈 Yang:杨 Huang:黄 Zhao:赵 Wu:吴 Zhou:周 Xu:徐 Sun:孙 Ma:马 Zhu:朱 Hu:胡 Guo:郭 He:何 Lin:林 Luo:罗 Gao:高 Liang:梁 Zheng:郑 Xie:谢 Tang:唐 Feng:冯"),
        countries=(("CN", 8), ("HK", 1), ("TW", 1), ("MY", 1), ("SG", 1)),
        script="Han",
        family_first=True,
        middle_share=0.0,
        email_domains=("qq.com", "163.com", "126.com", "sina.com", "gmail.com"),
        weight=7,
    ),
    Culture(
        "vietnamese",
        male=_names("Văn_Anh Văn_Hùng Minh_Tuấn Đức_Thắng Quốc_Bảo Hoàng_Nam Thanh_Tùng Văn_Long Hữu_Phước Công_Minh Đình_Khoa Quang_Huy"),
        female=_names("Thị_Lan Thị_Hương Thị_Mai Ngọc_Anh Thu_Trang Thị_Hoa Minh_Châu Thị_Hạnh Phương_Linh Thị_Thảo"),
        family=_names("Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý"),
        countries=(("VN", 10),),
        family_first=True,
        middle_share=0.0,
        weight=3,
    ),
    Culture(
        "russian",
        male=_names("Aleksandr:Александр Sergei:Сергей Dmitri:Дмитрий Andrei:Андрей Alexei:Алексей Ivan:Иван Mikhail:Михаил Nikolai:Николай Vladimir:Владимир Yevgeny:Евгений Oleg:Олег Pavel:Павел Viktor:Виктор Igor:Игорь Maxim:Максим Roman:Роман Artyom:Артём Denis:Денис Anton:Антон Yuri:Юрий"),
        female=_names("Olga:Ольга Tatiana:Татьяна Natalia:Наталья Elena:Елена Irina:Ирина Svetlana:Светлана Anna:Анна Maria:Мария Yulia:Юлия Ekaterina:Екатерина Anastasia:Анастасия Oksana:Оксана Marina:Марина Galina:Галина Ludmila:Людмила"),
        family=_names("Ivanov:Иванов Petrov:Петров Smirnov:Смирнов Kuznetsov:Кузнецов Popov:Попов Sokolov:Соколов Lebedev:Лебедев Kozlov:Козлов Novikov:Новиков Morozov:Морозов Volkov:Волков Fedorov:Фёдоров Orlov:Орлов Pavlov:Павлов Semenov:Семёнов Egorov:Егоров Vasiliev:Васильев Zaitsev:Зайцев Kovalenko:Коваленко Shevchenko:Шевченко Bondarenko:Бондаренко Tkachenko:Ткаченко Melnik:Мельник Kravchenko:Кравченко Marchenko:Марченко Nazarbayev:Назарбаев"),
        countries=(("RU", 5), ("UA", 3), ("BY", 2), ("KZ", 1)),
        script="Cyrillic",
        feminine="slavic",
        middle_share=0.0,
        email_domains=("mail.ru", "yandex.ru", "gmail.com", "ukr.net", "rambler.ru"),
        weight=6,
    ),
    Culture(
        "hindi",
        male=_names("Rajesh:राजेश Amit:अमित Suresh:सुरेश Ramesh:रमेश Sanjay:संजय Vijay:विजय Anil:अनिल Sunil:सुनील Rahul:राहुल Deepak:दीपक Manoj:मनोज Arjun:अर्जुन Vikram:विक्रम Ravi:रवि Ashok:अशोक Prakash:प्रकाश Mohan:मोहन Rakesh:राकेश"),
        female=_names("Priya:प्रिया Sunita:सुनीता Anita:अनीता Pooja:पूजा Neha:नेहा Kavita:कविता Rekha:रेखा Meena:मीना Asha:आशा Lakshmi:लक्ष्मी Geeta:गीता Divya:दिव्या"),
        family=_names("Kumar:कुमार Sharma:शर्मा Singh:सिंह Verma:वर्मा Gupta:गुप्ता Patel:पटेल Yadav:यादव Mishra:मिश्रा Jain:जैन Agarwal:अग्रवाल Reddy:रेड्डी Nair:नायर Chauhan:चौहान Joshi:जोशी Mehta:मेहता Shah:शाह Pandey:पांडे Tiwari:तिवारी Rao:राव Desai:देसाई"),
        countries=(("IN", 10), ("NP", 0.5)),
        script="Devanagari",
        middle_share=0.1,
        email_domains=("gmail.com", "yahoo.co.in", "rediffmail.com", "outlook.com"),
        weight=6,
    ),
    Culture(
        "turkish",
        male=_names("Mehmet Mustafa Ahmet Ali Hüseyin Hasan İbrahim İsmail Osman Yusuf Murat Ömer Ramazan Halil Süleyman Abdullah Mahmut Recep Emre Burak Serkan Volkan"),
        female=_names("Fatma Ayşe Emine Hatice Zeynep Elif Meryem Şerife Zehra Sultan Hülya Özlem Gül Derya"),
        family=_names("Yılmaz Kaya Demir Şahin Çelik Yıldız Yıldırım Öztürk Aydın Özdemir Arslan Doğan Kılıç Aslan Çetin Kara Koç Kurt Özkan Şimşek Polat Erdoğan Güneş Aksoy"),
        countries=(("TR", 10), ("DE", 0.5), ("CY", 0.3)),
        middle_share=0.2,
        weight=5,
    ),
    Culture(
        "greek",
        male=_names("Georgios:Γεώργιος Konstantinos:Κωνσταντίνος Dimitrios:Δημήτριος Ioannis:Ιωάννης Nikolaos:Νικόλαος Panagiotis:Παναγιώτης Vasileios:Βασίλειος Christos:Χρήστος Athanasios:Αθανάσιος Michail:Μιχαήλ Evangelos:Ευάγγελος Spyridon:Σπυρίδων Andreas:Ανδρέας Stavros:Σταύρος Petros:Πέτρος"),
        female=_names("Maria:Μαρία Eleni:Ελένη Aikaterini:Αικατερίνη Vasiliki:Βασιλική Sofia:Σοφία Angeliki:Αγγελική Georgia:Γεωργία Dimitra:Δήμητρα Konstantina:Κωνσταντίνα Paraskevi:Παρασκευή Anna:Άννα Eirini:Ειρήνη"),
        family=_names("Papadopoulos:Παπαδόπουλος Papadakis:Παπαδάκης Georgiou:Γεωργίου Nikolaidis:Νικολαΐδης Karagiannis:Καραγιάννης Vlachos:Βλάχος Pappas:Παππάς Oikonomou:Οικονόμου Antoniou:Αντωνίου Dimitriou:Δημητρίου Makris:Μακρής Alexiou:Αλεξίου Konstantinidis:Κωνσταντινίδης Christodoulou:Χριστοδούλου Ioannou:Ιωάννου Katsaros:Κατσαρός Sotiropoulos:Σωτηρόπουλος Stavropoulos:Σταυρόπουλος Angelopoulos:Αγγελόπουλος Mavros:Μαύρος"),
        countries=(("GR", 8), ("CY", 2)),
        script="Greek",
        feminine="greek",
        middle_share=0.05,
        weight=2,
    ),
    Culture(
        "english",
        male=_names("James John Robert Michael David William Richard Thomas Christopher Daniel Paul Mark Steven Andrew Kevin Brian Gary Lee Jason Ryan Liam Connor Wayne Dean"),
        female=_names("Mary Patricia Jennifer Linda Elizabeth Susan Jessica Sarah Karen Lisa Emma Michelle Amanda Rebecca Laura Chloe Kelly Donna"),
        family=_names("Smith Jones Williams Taylor Brown Davies Evans Wilson Thomas Johnson Roberts Robinson Thompson Wright Walker White Edwards Hughes Green Hall Wood Harris Clarke Jackson Murphy O'Brien Campbell Stewart Van_der_Merwe Botha Nkosi Dlamini"),
        countries=(("GB", 6), ("US", 3), ("ZA", 3), ("IE", 1), ("AU", 1), ("CA", 1), ("JM", 1)),
        middle_share=0.3,
        email_domains=("gmail.com", "yahoo.co.uk", "outlook.com", "hotmail.co.uk", "icloud.com", "btinternet.com"),
        weight=8,
    ),
    Culture(
        "dutch",
        male=_names("Jan Pieter Kees Willem Hendrik Johannes Dirk Bram Daan Sven Thijs Ruben Lars Joost Martijn Sander Niels Jeroen Bas Wouter"),
        female=_names("Anna Maria Johanna Elisabeth Sanne Lotte Femke Anouk Eva Sophie Marloes Ingrid Linda Esther"),
        family=_names("de_Jong Jansen de_Vries van_den_Berg van_Dijk Bakker Janssen Visser Smit Meijer de_Boer Mulder de_Groot Bos Vos Peters Hendriks van_Leeuwen Dekker Brouwer de_Wit Dijkstra Smits de_Graaf van_der_Meer Kramer"),
        countries=(("NL", 7), ("BE", 2), ("SR", 1)),
        middle_share=0.25,
        email_domains=("gmail.com", "ziggo.nl", "kpnmail.nl", "hotmail.nl", "outlook.com"),
        weight=4,
    ),
    Culture(
        "german",
        male=_names("Thomas Michael Andreas Stefan Christian Markus Frank Jürgen Klaus Uwe Wolfgang Matthias Alexander Tobias Florian Sebastian Jan Lukas Maximilian Dieter"),
        female=_names("Sabine Petra Claudia Andrea Susanne Monika Birgit Katrin Julia Anna Laura Lena Sandra Nicole Ute"),
        family=_names("Müller Schmidt Schneider Fischer Weber Meyer Wagner Becker Schulz Hoffmann Schäfer Koch Bauer Richter Klein Wolf Schröder Neumann Schwarz Zimmermann Braun Krüger Hofmann Hartmann Lange Köhler"),
        countries=(("DE", 7), ("AT", 2), ("CH", 1)),
        middle_share=0.2,
        email_domains=("gmx.de", "web.de", "t-online.de", "gmail.com", "gmx.at"),
        weight=4,
    ),
    Culture(
        "italian",
        male=_names("Giuseppe Giovanni Antonio Mario Luigi Francesco Angelo Vincenzo Pietro Salvatore Carlo Franco Domenico Bruno Paolo Marco Alessandro Luca"),
        female=_names("Maria Anna Giuseppina Rosa Angela Giovanna Teresa Lucia Carmela Francesca Chiara Giulia Alessandra"),
        family=_names("Rossi Russo Ferrari Esposito Bianchi Romano Colombo Ricci Marino Greco Bruno Gallo Conti De_Luca Mancini Costa Giordano Rizzo Lombardi Moretti Barbieri Fontana"),
        countries=(("IT", 10),),
        middle_share=0.15,
        email_domains=("gmail.com", "libero.it", "alice.it", "virgilio.it"),
        weight=3,
    ),
    Culture(
        "albanian",
        male=_names("Arben Besnik Dritan Ilir Gentian Artan Bledar Erion Fatmir Agron Klodian Sokol Valon Driton"),
        female=_names("Arta Blerta Elira Drita Fatjona Mirela Albana Vjollca Teuta"),
        family=_names("Hoxha Shehu Gashi Berisha Krasniqi Kelmendi Dervishi Leka Hysa Bajrami Kola Marku Rama Prifti Lika"),
        countries=(("AL", 6), ("MK", 2), ("GR", 0.5)),
        middle_share=0.0,
        weight=2,
    ),
)  # fmt: skip

CULTURES_BY_NAME = {culture.name: culture for culture in CULTURES}

#: The culture a country's people mostly belong to (for couriers from an origin country).
COUNTRY_CULTURES: dict[str, tuple[str, ...]] = {}
for _culture in CULTURES:
    for _country, _weight in _culture.countries:
        if _weight >= 1:
            COUNTRY_CULTURES.setdefault(_country, ())
            COUNTRY_CULTURES[_country] += (_culture.name,)
del _culture, _country, _weight


def feminine_family(culture: Culture, latin: str, native: str) -> tuple[str, str]:
    """A woman's form of a family name where the language has one."""
    if culture.feminine == "slavic":
        if latin.endswith(("ov", "ev", "in")):
            return latin + "a", native + "а"
        return latin, native
    if culture.feminine == "greek":
        latin_endings = {"os": "ou", "is": "i", "as": "a"}
        native_endings = {"ος": "ου", "ός": "ού", "ης": "η", "ής": "ή", "ας": "α", "άς": "ά"}
        if latin[-2:] in latin_endings:
            latin = latin[:-2] + latin_endings[latin[-2:]]
        if native[-2:] in native_endings:
            native = native[:-2] + native_endings[native[-2:]]
        return latin, native
    return latin, native


#: Spellings of the same name: what a second officer may type for it.
SPELLING_VARIANTS: dict[str, tuple[str, ...]] = {
    "Mohammed": ("Muhammad", "Mohamed", "Mohammad", "Muhammed", "Mohamad"),
    "Muhammad": ("Mohammed", "Mohamed", "Muhammed"),
    "Mohammad": ("Mohammed", "Muhammad"),
    "Ahmed": ("Ahmad", "Ahmet"),
    "Ahmad": ("Ahmed",),
    "Hassan": ("Hasan",),
    "Hussein": ("Hussain", "Husein", "Hossein"),
    "Youssef": ("Yusuf", "Yousef", "Youssouf", "Joseph"),
    "Yusuf": ("Youssef", "Yousuf"),
    "Mustafa": ("Mostafa", "Moustafa"),
    "Abdulrahman": ("Abdul Rahman", "Abdelrahman", "Abd al-Rahman"),
    "Abdullah": ("Abdallah", "Abdulla"),
    "Osama": ("Usama", "Oussama"),
    "Omar": ("Umar", "Omer"),
    "Said": ("Saeed", "Sayed"),
    "Salem": ("Salim",),
    "Rashid": ("Rasheed",),
    "Faisal": ("Faysal", "Feisal"),
    "Khalid": ("Khaled",),
    "Tariq": ("Tarek", "Tareq"),
    "Ismail": ("Ismael",),
    "Ibrahim": ("Ebrahim", "Brahim"),
    "Fatima": ("Fatma", "Fatimah"),
    "Aisha": ("Aicha", "Ayesha"),
    "Khadija": ("Khadidja", "Khadijah"),
    "Al-Hassan": ("Alhasan", "Al Hassan", "El Hassan", "Hassan"),
    "Al-Amin": ("Alamin", "El Amin"),
    "Al-Rashid": ("Alrashid", "Al Rasheed"),
    "El-Sayed": ("Elsayed", "El Said", "Al-Sayed"),
    "Al-Masri": ("El Masry", "Almasri"),
    "Osman": ("Othman", "Uthman"),
    "Mansour": ("Mansur", "Mansoor"),
    "Suleiman": ("Sulaiman", "Soliman"),
    "Qasim": ("Kassim", "Qassem"),
    "Aleksandr": ("Alexander", "Alexandr", "Oleksandr"),
    "Sergei": ("Sergey", "Serhiy"),
    "Dmitri": ("Dmitry", "Dmitriy"),
    "Alexei": ("Aleksey", "Alexey"),
    "Andrei": ("Andrey", "Andriy"),
    "Yevgeny": ("Evgeny", "Evgeniy"),
    "Yuri": ("Yury", "Iurii"),
    "Nikolai": ("Nikolay", "Mykola"),
    "Natalia": ("Natalya", "Nataliya"),
    "Tatiana": ("Tatyana", "Tetiana"),
    "Yulia": ("Julia", "Yuliya"),
    "Fedorov": ("Fyodorov",),
    "Semenov": ("Semyonov",),
    "Vasiliev": ("Vasilyev", "Vassiliev"),
    "Zaitsev": ("Zaytsev",),
    "Georgios": ("George", "Giorgos"),
    "Konstantinos": ("Constantinos", "Kostas"),
    "Dimitrios": ("Dimitris", "Demetrios"),
    "Ioannis": ("Giannis", "John"),
    "Nikolaos": ("Nikos", "Nicholas"),
    "Papadopoulos": ("Papadopulos",),
    "Oluwaseun": ("Seun",),
    "Olusegun": ("Segun",),
    "Babatunde": ("Tunde",),
    "Chukwuemeka": ("Emeka",),
    "Muhammadu": ("Mohammed",),
    "Mamadou": ("Mamadu", "Mohamadou"),
    "Ousmane": ("Usman", "Osman"),
    "Abdoulaye": ("Abdullahi", "Abdulaye"),
    "Youssouf": ("Youssef", "Yusuf"),
    "Moussa": ("Musa",),
    "Touré": ("Toure", "Turay"),
    "Traoré": ("Traore",),
    "Diallo": ("Jallow", "Djalo"),
    "Koné": ("Kone",),
    "Mehmet": ("Mehmed", "Mohammed"),
    "Hüseyin": ("Huseyin", "Hussein"),
    "Zhang": ("Chang",),
    "Chen": ("Chan", "Tan"),
    "Wang": ("Wong",),
    "Huang": ("Wong", "Hwang"),
    "Zhou": ("Chow", "Chou"),
    "Li": ("Lee",),
    "Liu": ("Lau",),
    "Nguyễn": ("Nguyen", "Nguen"),
    "José": ("Jose",),
    "João": ("Joao", "Joam"),
    "Gonçalves": ("Goncalves",),
    "Müller": ("Mueller", "Muller"),
    "Schäfer": ("Schaefer",),
    "Krüger": ("Krueger",),
    "Köhler": ("Koehler",),
    "Jürgen": ("Juergen",),
    "Yılmaz": ("Yilmaz",),
    "Şahin": ("Sahin",),
    "Çelik": ("Celik",),
    "Öztürk": ("Ozturk",),
    "Lefèvre": ("Lefevre", "Lefebvre"),
    "François": ("Francois",),
    "Stéphane": ("Stephane",),
    "Imran": ("Emran",),
    "Hosseini": ("Husseini", "Hoseini"),
    "Rezaei": ("Rezai",),
    "Mohammadi": ("Mohamadi", "Muhammadi"),
    "Rajesh": ("Rajes",),
    "Lakshmi": ("Laxmi",),
    "Agarwal": ("Aggarwal", "Agrawal"),
    "Pandey": ("Pande",),
    "Mwangi": ("Mwangy",),
    "Hamisi": ("Hamis",),
    "Rashidi": ("Rashid",),
    "Jan": ("Johan",),
    "Hendrik": ("Henk",),
    "van_den_Berg": ("Vandenberg",),
}

#: Honorifics an officer sometimes types in front of a name.
HONORIFICS = {"male": ("Mr", "Mr.", "Dr", "Sheikh", "Haji"), "female": ("Mrs", "Ms", "Dr", "Hajia")}

OCCUPATIONS: tuple[tuple[str, float], ...] = (
    ("Trader", 12), ("Businessman", 8), ("Businesswoman", 3), ("Driver", 9), ("Truck driver", 6),
    ("Unemployed", 8), ("Student", 5), ("Mechanic", 3), ("Seaman", 3), ("Shop owner", 4),
    ("Taxi driver", 3), ("Construction worker", 3), ("Farmer", 3), ("Electrician", 2),
    ("Clearing agent", 3), ("Customs broker", 1), ("Freight forwarder", 2), ("Warehouse worker", 2),
    ("Cleaner", 2), ("Nurse", 1), ("Teacher", 1), ("Hairdresser", 1), ("Cook", 2), ("Waiter", 1),
    ("Security guard", 2), ("Fisherman", 1), ("Airline crew", 1), ("Baggage handler", 1),
    ("Port worker", 2), ("Car dealer", 2), ("Real estate agent", 1), ("Accountant", 1),
    ("Tailor", 1), ("Self-employed", 4), ("Retired", 1), ("", 10),
)  # fmt: skip

#: Cities of a country (birth places, addresses); countries not listed use their capital-less
#: generic "city" from the country name.
CITIES: dict[str, tuple[str, ...]] = {
    "SD": ("Khartoum", "Omdurman", "Port Sudan", "Kassala", "Nyala"),
    "EG": ("Cairo", "Alexandria", "Giza", "Port Said", "Asyut"),
    "MA": ("Casablanca", "Tangier", "Rabat", "Fès", "Marrakesh", "Nador"),
    "SA": ("Riyadh", "Jeddah", "Dammam", "Mecca", "Medina"),
    "DZ": ("Algiers", "Oran", "Constantine", "Annaba"),
    "SY": ("Damascus", "Aleppo", "Homs", "Latakia"),
    "LB": ("Beirut", "Tripoli", "Sidon", "Baalbek"),
    "IQ": ("Baghdad", "Basra", "Mosul", "Erbil"),
    "AE": ("Dubai", "Abu Dhabi", "Sharjah", "Ajman"),
    "JO": ("Amman", "Zarqa", "Irbid", "Aqaba"),
    "YE": ("Sana'a", "Aden", "Taiz"),
    "LY": ("Tripoli", "Benghazi", "Misrata"),
    "TN": ("Tunis", "Sfax", "Sousse"),
    "PK": ("Karachi", "Lahore", "Peshawar", "Quetta", "Islamabad", "Faisalabad"),
    "AF": ("Kabul", "Kandahar", "Herat", "Jalalabad", "Mazar-i-Sharif"),
    "BD": ("Dhaka", "Chittagong", "Sylhet"),
    "IR": ("Tehran", "Mashhad", "Isfahan", "Shiraz", "Tabriz", "Zahedan"),
    "KE": ("Nairobi", "Mombasa", "Kisumu", "Eldoret", "Nakuru"),
    "TZ": ("Dar es Salaam", "Zanzibar", "Arusha", "Mwanza", "Dodoma"),
    "UG": ("Kampala", "Entebbe", "Gulu", "Jinja"),
    "NG": ("Lagos", "Abuja", "Kano", "Ibadan", "Port Harcourt", "Onitsha", "Benin City"),
    "BJ": ("Cotonou", "Porto-Novo", "Parakou"),
    "SN": ("Dakar", "Thiès", "Saint-Louis", "Touba"),
    "CI": ("Abidjan", "Bouaké", "Yamoussoukro", "San-Pédro"),
    "ML": ("Bamako", "Gao", "Mopti", "Timbuktu"),
    "GN": ("Conakry", "Kankan", "Labé"),
    "CM": ("Douala", "Yaoundé", "Bamenda", "Garoua"),
    "CD": ("Kinshasa", "Lubumbashi", "Goma", "Kisangani"),
    "BF": ("Ouagadougou", "Bobo-Dioulasso"),
    "TG": ("Lomé", "Sokodé", "Kara"),
    "BR": ("São Paulo", "Rio de Janeiro", "Santos", "Recife", "Fortaleza", "Belo Horizonte", "Manaus"),
    "PT": ("Lisbon", "Porto", "Faro", "Setúbal", "Braga"),
    "AO": ("Luanda", "Benguela", "Huambo", "Lobito"),
    "MZ": ("Maputo", "Beira", "Nampula", "Pemba"),
    "CV": ("Praia", "Mindelo"),
    "CO": ("Bogotá", "Medellín", "Cali", "Barranquilla", "Cartagena", "Buenaventura"),
    "MX": ("Mexico City", "Guadalajara", "Monterrey", "Tijuana", "Culiacán", "Cancún"),
    "ES": ("Madrid", "Barcelona", "Algeciras", "Valencia", "Málaga", "Seville"),
    "PE": ("Lima", "Callao", "Arequipa", "Trujillo"),
    "EC": ("Guayaquil", "Quito", "Cuenca", "Manta"),
    "VE": ("Caracas", "Maracaibo", "Valencia", "Puerto Cabello"),
    "DO": ("Santo Domingo", "Santiago de los Caballeros", "Puerto Plata"),
    "AR": ("Buenos Aires", "Rosario", "Córdoba"),
    "PA": ("Panama City", "Colón", "David"),
    "FR": ("Paris", "Marseille", "Lyon", "Lille", "Le Havre", "Toulouse", "Nice"),
    "BE": ("Antwerp", "Brussels", "Ghent", "Liège", "Charleroi"),
    "CH": ("Zürich", "Geneva", "Basel", "Lausanne"),
    "CA": ("Toronto", "Montreal", "Vancouver", "Calgary"),
    "CN": ("Shanghai", "Guangzhou", "Shenzhen", "Beijing", "Yiwu", "Xiamen", "Fuzhou", "Wenzhou"),
    "HK": ("Hong Kong", "Kowloon", "Tsuen Wan"),
    "TW": ("Taipei", "Kaohsiung", "Taichung"),
    "MY": ("Kuala Lumpur", "Penang", "Johor Bahru", "Port Klang"),
    "SG": ("Singapore",),
    "VN": ("Ho Chi Minh City", "Hanoi", "Hai Phong", "Da Nang"),
    "RU": ("Moscow", "Saint Petersburg", "Novosibirsk", "Kaliningrad", "Rostov-on-Don"),
    "UA": ("Kyiv", "Odesa", "Kharkiv", "Lviv", "Dnipro"),
    "BY": ("Minsk", "Brest", "Grodno", "Gomel"),
    "KZ": ("Almaty", "Astana", "Shymkent"),
    "IN": ("Mumbai", "Delhi", "Chennai", "Kolkata", "Hyderabad", "Ahmedabad", "Amritsar"),
    "NP": ("Kathmandu", "Pokhara"),
    "TR": ("Istanbul", "Ankara", "Izmir", "Mersin", "Gaziantep", "Antalya"),
    "GR": ("Athens", "Thessaloniki", "Piraeus", "Patras", "Heraklion"),
    "CY": ("Nicosia", "Limassol", "Larnaca"),
    "GB": ("London", "Manchester", "Birmingham", "Liverpool", "Leeds", "Glasgow", "Bristol", "Dover"),
    "US": ("New York", "Miami", "Houston", "Los Angeles", "Chicago", "Atlanta"),
    "ZA": ("Johannesburg", "Cape Town", "Durban", "Pretoria", "Port Elizabeth"),
    "IE": ("Dublin", "Cork", "Limerick"),
    "AU": ("Sydney", "Melbourne", "Brisbane", "Perth"),
    "JM": ("Kingston", "Montego Bay", "Spanish Town"),
    "NL": ("Rotterdam", "Amsterdam", "The Hague", "Utrecht", "Eindhoven", "Breda"),
    "SR": ("Paramaribo", "Nieuw Nickerie"),
    "DE": ("Hamburg", "Berlin", "Frankfurt am Main", "Munich", "Cologne", "Bremen", "Düsseldorf"),
    "AT": ("Vienna", "Graz", "Linz", "Salzburg"),
    "IT": ("Rome", "Milan", "Naples", "Genoa", "Gioia Tauro", "Palermo"),
    "AL": ("Tirana", "Durrës", "Vlorë", "Shkodër"),
    "MK": ("Skopje", "Tetovo", "Ohrid"),
}  # fmt: skip

#: Street address patterns by culture: {n} a house number, {street} a street name.
STREETS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "english": (("{n} {street}",), ("High Street", "Station Road", "Church Lane", "Victoria Road", "Park Avenue", "Mill Lane", "King Street", "Queens Road", "Main Street", "Harbour View")),
    "french": (("{n} {street}",), ("rue de la République", "avenue Jean Jaurès", "rue Victor Hugo", "boulevard de la Liberté", "rue des Lilas", "rue du Port", "avenue de la Gare")),
    "francophone_africa": (("{street}, lot {n}", "{n} {street}"), ("rue du Commerce", "boulevard de la Marina", "quartier Plateau", "avenue Lumumba", "rue 12 Médina", "Cité Keur Gorgui")),
    "spanish": (("{street} {n}", "{street} #{n}"), ("Calle Mayor", "Avenida Bolívar", "Calle 72", "Carrera 15", "Avenida Insurgentes", "Calle del Puerto", "Avenida de la Constitución")),
    "portuguese": (("{street}, {n}",), ("Rua das Flores", "Avenida Paulista", "Rua Augusta", "Avenida Atlântica", "Rua do Porto", "Rua 25 de Março", "Avenida Marginal")),
    "german": (("{street} {n}",), ("Hauptstraße", "Bahnhofstraße", "Hafenstraße", "Schillerstraße", "Gartenweg", "Industriestraße", "Lindenallee")),
    "dutch": (("{street} {n}",), ("Kerkstraat", "Havenweg", "Stationsweg", "Dorpsstraat", "Molenlaan", "Schoolstraat", "Industrieweg")),
    "italian": (("Via {street} {n}",), ("Roma", "Garibaldi", "Marconi", "del Porto", "Mazzini", "Dante")),
    "turkish": (("{street} No:{n}",), ("Atatürk Caddesi", "Cumhuriyet Caddesi", "Liman Sokak", "İstiklal Caddesi", "Gazi Bulvarı")),
    "greek": (("{street} {n}",), ("Odos Ermou", "Leoforos Syngrou", "Odos Athinas", "Akti Miaouli", "Odos Egnatia")),
    "russian": (("ul. {street}, d. {n}", "pr. {street}, d. {n}"), ("Lenina", "Sovetskaya", "Mira", "Gagarina", "Pushkina", "Sadovaya", "Shevchenka")),
    "chinese": (("No. {n} {street}",), ("Jiefang Road", "Renmin Road", "Zhongshan Road", "Nanjing Road", "Heping Street", "Binjiang Avenue")),
    "vietnamese": (("{n} {street}",), ("Nguyễn Huệ", "Lê Lợi", "Trần Hưng Đạo", "Hai Bà Trưng", "Lý Thường Kiệt")),
    "hindi": (("{n}, {street}",), ("MG Road", "Station Road", "Nehru Nagar", "Gandhi Marg", "Link Road", "Sector 14")),
    "arabic": (("{street}, building {n}", "{n} {street}"), ("Al-Nahda Street", "King Fahd Road", "Sharia al-Tahrir", "Al-Souk Street", "Corniche Road", "Al-Andalus District")),
    "south_asian_muslim": (("House {n}, {street}",), ("Shahrah-e-Faisal", "Mall Road", "Block 7 Gulshan", "Street 12 F-7", "University Road")),
    "persian": (("{street}, No. {n}",), ("Valiasr Street", "Enghelab Avenue", "Azadi Street", "Ferdowsi Street")),
    "swahili": (("{street}, plot {n}", "P.O. Box {n}, {street}"), ("Moi Avenue", "Kenyatta Avenue", "Uhuru Street", "Nyerere Road", "Digo Road")),
    "yoruba": (("{n} {street}",), ("Allen Avenue", "Broad Street", "Awolowo Road", "Adeola Odeku Street", "Ikorodu Road", "Herbert Macaulay Way")),
    "albanian": (("Rruga {street}, nr. {n}",), ("Myslym Shyri", "Durrësit", "Kavajës", "Dibrës")),
}  # fmt: skip

#: Physical description parts.
BUILDS = ("slim build", "medium build", "heavy build", "athletic build", "stocky build")
HAIR = ("short black hair", "shaved head", "long black hair", "grey hair", "brown hair", "curly black hair", "dreadlocks", "receding hairline", "blond hair", "braided hair")  # fmt: skip
MARKS = ("scar on the left cheek", "tattoo of a scorpion on the right forearm", "gold front tooth", "wears glasses", "beard", "moustache", "limp in the left leg", "pierced ears", "birthmark on the neck", "tattoo on the back of the right hand", "")  # fmt: skip
