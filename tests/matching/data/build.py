"""Source of the labelled matching set: writes ``persons.json`` and ``companies.json``.

The target records and every query -> expected-record pair below are written by hand for
OpenCEN (see README.md in this folder). Only the distractor records are made by combining
hand-picked name lists with a fixed seed, so the files are the same on every run.

Run ``.venv/bin/python tests/matching/data/build.py`` after changing this file and commit the
JSON files with it.
"""

from __future__ import annotations

import json
import random
import unicodedata
from pathlib import Path

HERE = Path(__file__).resolve().parent

PERSONS: list[dict] = []
PERSON_PAIRS: list[dict] = []
COMPANIES: list[dict] = []
COMPANY_PAIRS: list[dict] = []


def person(
    key: str,
    given: str,
    family: str,
    sex: str,
    birth: str,
    nationalities: str,
    *,
    original: str = "",
    docs: tuple = (),
    aliases: tuple = (),
) -> str:
    """A target record. ``docs`` are (type, number, country); ``aliases`` (name, type)."""
    PERSONS.append(
        {
            "key": key,
            "given_names": given,
            "family_name": family,
            "name_original": original,
            "sex": sex,
            "birth_date": birth,
            "nationalities": nationalities.split() if nationalities else [],
            "documents": [{"type": t, "number": n, "country": c} for t, n, c in docs],
            "aliases": [{"name": n, "type": t} for n, t in aliases],
            "role": "target",
        }
    )
    return key


def ask(expected: str, category: str, name: str = "", **fields: str) -> None:
    """A person query (API shape) and the record that must come first."""
    query = {"name": name} if name else {}
    query.update({k: v for k, v in fields.items() if k != "decoy"})
    pair = {"query": query, "expected": expected, "category": category}
    if "decoy" in fields:
        pair["decoy"] = fields["decoy"]
    PERSON_PAIRS.append(pair)


def company(
    key: str,
    name: str,
    country: str,
    *,
    legal_form: str = "",
    registration: str = "",
    tax: str = "",
    trading: tuple = (),
    kind: str = "importer",
) -> str:
    COMPANIES.append(
        {
            "key": key,
            "name": name,
            "legal_form": legal_form,
            "country": country,
            "registration_number": registration,
            "tax_number": tax,
            "trading_names": list(trading),
            "kind": kind,
            "role": "target",
        }
    )
    return key


def ask_company(expected: str, category: str, name: str = "", **fields: str) -> None:
    query = {"name": name} if name else {}
    query.update({k: v for k, v in fields.items() if k != "decoy"})
    pair = {"query": query, "expected": expected, "category": category}
    if "decoy" in fields:
        pair["decoy"] = fields["decoy"]
    COMPANY_PAIRS.append(pair)


# --- persons: Arabic names ---------------------------------------------------------------

p = person(
    "p-mohammed-alhassan-1984",
    "Mohammed",
    "Al-Hassan",
    "male",
    "1984-03-02",
    "SD",
    original="محمد الحسن",
    docs=(("passport", "P01234567", "SD"),),
    aliases=(("Abu Ali", "nickname"),),
)
d = person("p-mohammed-alhassan-1991", "Mohammed", "Al-Hassan", "male", "1991-07-15", "SD")
ask(p, "transliteration", "Muhammad Alhasan", birth_date="1984")
ask(p, "transliteration", "Mohamed Al Hassan", birth_date="1984-03-02")
ask(p, "transliteration", "Mohammad Elhassan", birth_date="1984-03", nationality="SD")
ask(p, "arabic_script", "محمد الحسن", birth_date="1984")
ask(p, "name_order", "AL HASSAN Mohamed", birth_date="1984-03-02")
ask(p, "cyrillic", "Мухаммед Аль-Хасан", birth_date="1984")
ask(p, "document", document_number="P 0123 4567")
ask(p, "alias", "Abu Ali", birth_date="1984", nationality="SD")
ask(p, "honorific", "Mr. Mohammed Al-Hassan", birth_date="1984-03-02")
ask(p, "hard_negative_birth", "Mohammed Al-Hassan", birth_date="1984", decoy=d)
ask(d, "hard_negative_birth", "Mohammed Al-Hassan", birth_date="1991", decoy=p)
ask(d, "hard_negative_birth", "Muhammad Al Hasan", birth_date="1991-07", decoy=p)

p = person(
    "p-abdulrahman-osman",
    "Abdul Rahman",
    "Osman",
    "male",
    "1979-11-20",
    "EG",
    original="عبد الرحمن عثمان",
    docs=(("national_id", "27911200104567", "EG"),),
)
ask(p, "joined_split", "Abdulrahman Osman")
ask(p, "transliteration", "Abd al-Rahman Othman", birth_date="1979")
ask(p, "transliteration", "Abdelrahman Osman", nationality="EG")
ask(p, "name_order", "OSMAN Abdul Rahman")
ask(p, "typo_1", "Abdul Rahman Osmann")
ask(p, "arabic_script", "عبدالرحمن عثمان")
ask(p, "document", document_number="2791120-0104567")

p = person(
    "p-khalid-alzahrani",
    "",
    "",
    "male",
    "1981-05-09",
    "SA",
    original="خالد عبدالله الزهراني",
    docs=(("passport", "K1234567", "SA"),),
)
ask(p, "arabic_to_latin", "Khalid Abdullah Al-Zahrani")
ask(p, "arabic_to_latin", "Khaled Al Zahrani", birth_date="1981")
ask(p, "arabic_to_latin", "Khalid Alzahrani", nationality="SA")
ask(p, "arabic_to_latin", "AL-ZAHRANI Khalid Abdallah")
ask(p, "honorific", "Sheikh Khalid Al Zahrani")
ask(p, "document", document_number="k1234567")

p = person("p-youssef-mansour", "", "", "male", "1993-02-17", "EG", original="يوسف منصور")
ask(p, "arabic_to_latin", "Youssef Mansour")
ask(p, "arabic_to_latin", "Yusuf Mansur", birth_date="1993")
ask(p, "arabic_to_latin", "Yousef Mansoor", nationality="EG")
ask(p, "arabic_to_latin", "MANSOUR Youssef")

p = person(
    "p-fatima-benali",
    "Fatima Zahra",
    "Ben Ali",
    "female",
    "1989-10-04",
    "TN",
    original="فاطمة الزهراء بن علي",
)
ask(p, "transliteration", "Fatma Zahra Ben Ali")
ask(p, "joined_split", "Fatima Zahra Benali")
ask(p, "joined_split", "Fatima-Zahra Ben Ali", birth_date="1989")
ask(p, "missing_middle", "Fatima Ben Ali", birth_date="1989-10-04")
ask(p, "honorific", "Dr. Fatima Zahra Ben Ali")
ask(p, "arabic_script", "فاطمة بن علي", birth_date="1989")

p = person("p-abdelaziz-haddad", "Abdelaziz", "Haddad", "male", "1974-01-30", "DZ")
ask(p, "joined_split", "Abd El Aziz Haddad")
ask(p, "joined_split", "Abdel Aziz Hadad")
ask(p, "arabic_script", "عبد العزيز حداد")
ask(p, "typo_1", "Abdelazis Haddad", birth_date="1974")

p = person(
    "p-abubakar-sadiq",
    "Abubakar",
    "Sadiq",
    "male",
    "1986-06-12",
    "NG",
    docs=(("passport", "A05512345", "NG"),),
)
ask(p, "joined_split", "Abu Bakr Sadiq")
ask(p, "transliteration", "Aboubacar Sadik")
ask(p, "honorific", "Alhaji Abubakar Sadiq", nationality="NG")
ask(p, "document", document_number="A-055-12345")

# --- persons: Spanish and Portuguese -------------------------------------------------------

p = person(
    "p-jose-luis-rodriguez",
    "José Luis",
    "Rodríguez Pérez",
    "male",
    "1975-06-14",
    "CO",
    docs=(("passport", "AO123456", "CO"),),
)
ask(p, "diacritics", "Jose Luis Rodriguez Perez")
ask(p, "missing_middle", "José Rodríguez", birth_date="1975-06-14")
ask(p, "name_order", "RODRIGUEZ PEREZ Jose Luis")
ask(p, "initials", "J. L. Rodriguez Perez", birth_date="1975")
ask(p, "typo_1", "Jose Luis Rodrigues Perez")
ask(p, "honorific", "Sr. José Luis Rodríguez")
ask(p, "document", document_number="AO 123456")

p = person(
    "p-maria-guadalupe-hernandez",
    "María Guadalupe",
    "Hernández López",
    "female",
    "1978-12-12",
    "MX",
)
ask(p, "diacritics", "Maria Guadalupe Hernandez Lopez")
ask(p, "missing_middle", "Guadalupe Hernández López")
ask(p, "name_order", "HERNANDEZ LOPEZ Maria Guadalupe")
ask(p, "initials", "Ma. Guadalupe Hernández", birth_date="1978")
ask(p, "typo_2", "Maria Guadalupe Hernandes Lopes")

p = person(
    "p-joao-pedro-silva-santos",
    "João Pedro",
    "da Silva Santos",
    "male",
    "1985-11-03",
    "BR",
    docs=(("passport", "FZ123456", "BR"),),
)
ask(p, "diacritics", "Joao Pedro da Silva Santos")
ask(p, "particle", "João Pedro Silva Santos")
ask(p, "missing_middle", "João Santos", birth_date="1985-11-03", nationality="BR")
ask(p, "initials", "J. P. da Silva Santos")
ask(p, "typo_1", "João Pedro da Sylva Santos")
ask(p, "name_order", "SILVA SANTOS, Joao Pedro da")

p = person(
    "p-maria-conceicao-ferreira",
    "Maria da Conceição",
    "Ferreira",
    "female",
    "1962-08-15",
    "AO",
    aliases=(("Maria da Conceição Neto", "maiden"),),
)
d = person("p-maria-ferreira-pt", "Maria", "Ferreira", "female", "1990-04-01", "PT")
ask(p, "diacritics", "Maria da Conceicao Ferreira")
ask(p, "particle", "Maria Conceição Ferreira")
ask(p, "initials", "Maria C. Ferreira", birth_date="1962")
ask(p, "alias", "Maria da Conceicao Neto")
ask(p, "hard_negative_birth", "Maria Ferreira", birth_date="1962", decoy=d)
ask(d, "hard_negative_birth", "Maria Ferreira", birth_date="1990-04-01", decoy=p)

p = person("p-carlos-alberto-gomez", "Carlos Alberto", "Gómez", "male", "1969-03-21", "VE")
d = person("p-carlos-gomez-1982", "Carlos", "Gómez", "male", "1982-09-30", "VE")
ask(p, "diacritics", "Carlos Alberto Gomez")
ask(p, "typo_1", "Carlos Alberto Gomes")
ask(p, "hard_negative_birth", "Carlos Gomez", birth_date="1969-03-21", decoy=d)
ask(d, "hard_negative_birth", "Carlos Gómez", birth_date="1982", decoy=p)

p = person("p-ana-de-la-cruz", "Ana Lucía", "De la Cruz", "female", "1995-07-07", "PE")
ask(p, "joined_split", "Ana Lucia Delacruz")
ask(p, "particle", "Ana Lucía Cruz", birth_date="1995")
ask(p, "diacritics", "ANA LUCIA DE LA CRUZ")
ask(p, "typo_1", "Ana Lucia De La Crus")

# --- persons: French and West African ------------------------------------------------------

p = person(
    "p-francois-dubois",
    "François",
    "Dubois",
    "male",
    "1982-09-05",
    "FR",
    docs=(("passport", "14AB56789", "FR"),),
)
ask(p, "diacritics", "Francois Dubois")
ask(p, "name_order", "DUBOIS François", birth_date="1982")
ask(p, "joined_split", "François Du Bois")
ask(p, "document", document_number="14 AB 56789")
ask(p, "typo_1", "Francois Duboise")
ask(p, "honorific", "M. François Dubois", birth_date="1982-09-05")

p = person("p-jean-pierre-lefevre", "Jean-Pierre", "Lefèvre", "male", "1958-04-18", "FR BE")
ask(p, "joined_split", "Jean Pierre Lefevre")
ask(p, "diacritics", "Jean-Pierre Lefebvre")
ask(p, "initials", "J.-P. Lefèvre", birth_date="1958")
ask(p, "name_order", "LEFEVRE Jean Pierre")

p = person("p-mamadou-diallo-gn", "Mamadou", "Diallo", "male", "1988-06-21", "GN")
d = person("p-mamadou-diallo-sn", "Mamadou", "Diallo", "male", "1988-02-10", "SN")
ask(p, "hard_negative_nationality", "Mamadou Diallo", birth_date="1988", nationality="GN", decoy=d)
ask(d, "hard_negative_nationality", "Mamadou Diallo", birth_date="1988", nationality="SN", decoy=p)
ask(p, "hard_negative_birth", "Mamadou Diallo", birth_date="1988-06", decoy=d)
ask(d, "hard_negative_birth", "DIALLO Mamadou", birth_date="1988-02-10", decoy=p)
ask(p, "typo_1", "Mamadou Dialo", birth_date="1988-06-21")

p = person(
    "p-aissatou-ba",
    "Aïssatou",
    "Bâ",
    "female",
    "1994-12-30",
    "SN",
    docs=(("national_id", "1 994 1999 01234", "SN"),),
)
ask(p, "diacritics", "Aissatou Ba")
ask(p, "transliteration", "Aïssatou Bah")
ask(p, "honorific", "Mme Aissatou Ba", birth_date="1994")
ask(p, "transliteration", "Aishatu Ba", birth_date="1994-12-30")
ask(p, "document", document_number="1994199901234")

p = person("p-jean-baptiste-kouassi", "Jean-Baptiste", "Kouassi", "male", "1971-02-02", "CI")
ask(p, "name_order", "Kouassi Jean-Baptiste")
ask(p, "joined_split", "Jean Baptiste Kouassi")
ask(p, "initials", "J. B. Kouassi", birth_date="1971")
ask(p, "typo_1", "Jean-Baptiste Kouasi")

p = person(
    "p-joseph-kwame-mensah",
    "Joseph Kwame",
    "Mensah",
    "male",
    "1976-05-25",
    "GH",
    docs=(("passport", "G1234567", "GH"),),
)
d = person("p-joseph-mensah-1980", "Joseph", "Mensah", "male", "1980-11-11", "GH")
ask(p, "initials", "J. K. Mensah")
ask(p, "initials", "J K MENSAH", birth_date="1976")
ask(p, "missing_middle", "Joseph Mensah", birth_date="1976-05-25", decoy=d)
ask(p, "name_order", "MENSAH Joseph Kwame")
ask(p, "typo_1", "Joseph Kwame Mensa")
ask(p, "alias", "Kwame Mensah", birth_date="1976")
ask(d, "hard_negative_birth", "Joseph Mensah", birth_date="1980", decoy=p)

p = person(
    "p-kofi-boateng",
    "Kofi",
    "Boateng",
    "male",
    "1983-07-19",
    "GH",
    aliases=(("Big K", "nickname"),),
)
ask(p, "alias", "Big K", nationality="GH")
ask(p, "typo_2", "Koffi Boatteng")
ask(p, "name_order", "BOATENG Kofi")

# --- persons: Yoruba, Igbo, Hausa ----------------------------------------------------------

p = person(
    "p-oluwaseun-adeyemi",
    "Oluwaseun Adebayo",
    "Adeyemi",
    "male",
    "1990-01-12",
    "NG",
    aliases=(("Seun Adeyemi", "nickname"),),
    docs=(("passport", "A50123456", "NG"),),
)
ask(p, "missing_middle", "Oluwaseun Adeyemi")
ask(p, "diacritics", "Olúwaṣeun Adébáyọ̀ Adéyẹmí")
ask(p, "name_order", "ADEYEMI Oluwaseun Adebayo")
ask(p, "typo_1", "Oluwaseun Adeyem", birth_date="1990")
ask(p, "alias", "Seun Adeyemi")
ask(p, "document", document_number="a50 123 456")

p = person("p-emeka-okafor", "Chukwuemeka", "Okafor", "male", "1977-09-09", "NG")
ask(p, "honorific", "Chief Chukwuemeka Okafor")
ask(p, "typo_2", "Chukwuemaka Okafo")
ask(p, "name_order", "OKAFOR Chukwuemeka")

p = person("p-musa-bello", "Musa", "Bello", "male", "1960-03-03", "NG")
d = person("p-musa-bello-1985", "Musa", "Bello", "male", "1985-08-14", "NE")
ask(p, "honorific", "Alhaji Musa Bello", birth_date="1960")
ask(p, "hard_negative_birth", "Musa Bello", birth_date="1960-03-03", decoy=d)
ask(d, "hard_negative_birth", "Musa Bello", birth_date="1985", decoy=p)
ask(d, "hard_negative_nationality", "Musa Bello", nationality="NE", decoy=p)

p = person(
    "p-ngozi-chukwu",
    "Ngozi",
    "Chukwu",
    "female",
    "1992-04-22",
    "NG",
    aliases=(("Ngozi Eze", "maiden"),),
)
ask(p, "alias", "Ngozi Eze")
ask(p, "typo_1", "Ngozi Chukwuu")
ask(p, "name_order", "CHUKWU Ngozi", birth_date="1992")

# --- persons: Swahili and East Africa ------------------------------------------------------

p = person(
    "p-amina-mwinyi",
    "Amina Hassani",
    "Mwinyi",
    "female",
    "1987-04-23",
    "TZ",
    aliases=(("Amina Salim", "maiden"),),
)
ask(p, "missing_middle", "Amina Mwinyi")
ask(p, "alias", "Amina Salim", birth_date="1987")
ask(p, "name_order", "MWINYI Amina")
ask(p, "typo_1", "Amina Mwinyii")
ask(p, "transliteration", "Aminah Mwinyi")

p = person(
    "p-baraka-otieno",
    "Baraka",
    "Otieno",
    "male",
    "1991-09-01",
    "KE",
    docs=(("national_id", "23456789", "KE"),),
)
ask(p, "typo_1", "Baraka Otieni")
ask(p, "name_order", "OTIENO Baraka")
ask(p, "document", document_number="23 456 789")
ask(p, "typo_2", "Barak Otiemo")

p = person("p-juma-mwangi", "Juma", "Mwangi", "male", "1984-06-30", "KE TZ")
d = person("p-juma-mwangi-f", "Juma", "Mwangi", "female", "1984-10-02", "KE")
ask(p, "hard_negative_sex", "Juma Mwangi", sex="male", birth_date="1984", decoy=d)
ask(d, "hard_negative_sex", "Juma Mwangi", sex="female", birth_date="1984", decoy=p)
ask(p, "typo_1", "Jumma Mwangi", birth_date="1984-06-30")

p = person("p-halima-abdi", "Halima", "Abdi Farah", "female", "1996-02-11", "SO")
ask(p, "missing_middle", "Halima Farah")
ask(p, "transliteration", "Halimo Abdi Farah")
ask(p, "arabic_script", "حليمة عبدي فارح")
ask(p, "typo_1", "Halima Abdi Farha")

# --- persons: Chinese ----------------------------------------------------------------------

p = person(
    "p-wang-xiaoming",
    "Xiaoming",
    "Wang",
    "male",
    "1986-08-08",
    "CN",
    original="王小明",
    docs=(("passport", "E12345678", "CN"),),
)
d = person(
    "p-wang-xiaoming-1972", "Xiaoming", "Wang", "male", "1972-01-15", "CN", original="王晓明"
)
ask(p, "chinese", "王小明", birth_date="1986")
ask(p, "chinese", "Wang Xiao Ming", birth_date="1986-08-08")
ask(p, "name_order", "Xiaoming Wang", birth_date="1986")
ask(p, "chinese", "WANG XIAOMING", birth_date="1986-08")
ask(p, "typo_1", "Wang Xiaomin", birth_date="1986")
ask(p, "document", document_number="E1234 5678")
ask(p, "hard_negative_birth", "Wang Xiaoming", birth_date="1986", decoy=d)
ask(d, "hard_negative_birth", "王晓明", birth_date="1972", decoy=p)
ask(d, "hard_negative_birth", "Xiaoming WANG", birth_date="1972-01-15", decoy=p)

p = person("p-li-na", "Na", "Li", "female", "1992-05-17", "CN", original="李娜")
ask(p, "chinese", "李娜")
ask(p, "chinese", "Li Na", birth_date="1992")
ask(p, "name_order", "Na Li", birth_date="1992-05-17")
ask(p, "chinese", "LI NA", nationality="CN")

p = person("p-zhang-wei", "Wei", "Zhang", "male", "1980-12-01", "CN", original="张伟")
d = person("p-zhang-wei-1995", "Wei", "Zhang", "male", "1995-03-08", "CN", original="张伟")
ask(p, "hard_negative_birth", "Zhang Wei", birth_date="1980", decoy=d)
ask(p, "chinese", "张伟", birth_date="1980-12-01", decoy=d)
ask(d, "hard_negative_birth", "ZHANG Wei", birth_date="1995", decoy=p)
ask(d, "chinese", "张伟", birth_date="1995-03", decoy=p)

p = person("p-chen-jianguo", "Jianguo", "Chen", "male", "1965-03-10", "CN", original="陈建国")
ask(p, "chinese", "陈建国")
ask(p, "chinese", "Chen Jian Guo")
ask(p, "name_order", "Jianguo Chen", birth_date="1965")
ask(p, "typo_1", "Chen Jiangguo")
ask(p, "chinese", "Chen Jian-Guo", nationality="CN")

p = person(
    "p-liu-yang",
    "Yang",
    "Liu",
    "female",
    "1988-11-27",
    "CN",
    docs=(("passport", "EA7654321", "CN"),),
)
ask(p, "chinese", "刘洋")
ask(p, "chinese", "Liuyang", birth_date="1988")
ask(p, "name_order", "Yang Liu", birth_date="1988-11-27")
ask(p, "document", document_number="EA 765 4321")

p = person("p-huang-meiling", "Mei Ling", "Huang", "female", "1979-06-06", "SG", original="黄美玲")
ask(p, "chinese", "黄美玲")
ask(p, "joined_split", "Huang Meiling")
ask(p, "name_order", "Meiling Huang", birth_date="1979")
ask(p, "transliteration", "Wong Mei Ling", birth_date="1979-06-06", nationality="SG")

p = person("p-zhou-haoran", "", "", "male", "1999-09-19", "CN", original="周浩然")
ask(p, "chinese", "Zhou Haoran")
ask(p, "chinese", "ZHOU Hao Ran")
ask(p, "chinese", "Haoran Zhou", birth_date="1999")
ask(p, "typo_1", "Zhou Haoren", birth_date="1999-09-19")

# --- persons: Russian, Ukrainian and Central Asian ----------------------------------------

p = person(
    "p-sergey-petrov",
    "Sergey Ivanovich",
    "Petrov",
    "male",
    "1977-10-30",
    "RU",
    original="Сергей Иванович Петров",
    docs=(("passport", "721234567", "RU"),),
)
ask(p, "transliteration", "Sergei Petrov", birth_date="1977")
ask(p, "cyrillic", "Сергей Петров")
ask(p, "name_order", "PETROV Sergey", birth_date="1977-10-30")
ask(p, "transliteration", "Serguei Petrov", nationality="RU")
ask(p, "transliteration", "Sergej Petrow", birth_date="1977")
ask(p, "document", document_number="72 1234567")

p = person(
    "p-yevgeniya-smirnova",
    "Yevgeniya",
    "Smirnova",
    "female",
    "1983-01-19",
    "RU",
    aliases=(("Yevgeniya Kuznetsova", "maiden"),),
)
ask(p, "transliteration", "Evgeniya Smirnova")
ask(p, "transliteration", "Yevgenia Smirnova", birth_date="1983")
ask(p, "cyrillic", "Евгения Смирнова")
ask(p, "transliteration", "Jevgenija Smirnova")
ask(p, "alias", "Evgeniya Kuznetsova", birth_date="1983-01-19")
ask(p, "cyrillic", "СМИРНОВА Евгения", birth_date="1983")

p = person(
    "p-aleksandr-volkov",
    "Aleksandr",
    "Volkov",
    "male",
    "1970-07-25",
    "UA",
    original="Олександр Волков",
)
ask(p, "transliteration", "Alexander Volkov")
ask(p, "transliteration", "Oleksandr Volkov", birth_date="1970")
ask(p, "cyrillic", "Александр Волков")
ask(p, "typo_1", "Aleksandr Volkow", birth_date="1970")

p = person("p-dmitriy-kozlov", "Dmitriy", "Kozlov", "male", "1990-03-14", "BY")
ask(p, "transliteration", "Dmitry Kozlov")
ask(p, "transliteration", "Dmitri Kozlov", birth_date="1990")
ask(p, "cyrillic", "Дмитрий Козлов")
ask(p, "typo_2", "Dmirtiy Kozlof")

p = person(
    "p-mukhammed-yusupov",
    "Mukhammad",
    "Yusupov",
    "male",
    "1985-08-05",
    "UZ",
    docs=(("passport", "AB1234567", "UZ"),),
)
ask(p, "transliteration", "Muhammad Yusupov")
ask(p, "transliteration", "Mohammed Yusupov", birth_date="1985")
ask(p, "cyrillic", "Мухаммад Юсупов")
ask(p, "transliteration", "Muhammad Yusufov", birth_date="1985-08-05")
ask(p, "document", document_number="AB-1234567")

p = person(
    "p-olga-ivanova", "Olga", "Ivanova", "female", "1964-12-24", "RU", original="Ольга Иванова"
)
d = person("p-olga-ivanova-1998", "Olga", "Ivanova", "female", "1998-05-05", "KZ")
ask(p, "hard_negative_birth", "Olga Ivanova", birth_date="1964", decoy=d)
ask(d, "hard_negative_birth", "Ольга Иванова", birth_date="1998", decoy=p)
ask(d, "hard_negative_nationality", "Olga Ivanova", nationality="KZ", decoy=p)

# --- persons: Greek ------------------------------------------------------------------------

p = person("p-georgios-papadopoulos", "Georgios", "Papadopoulos", "male", "1972-07-07", "GR")
ask(p, "greek", "Γεώργιος Παπαδόπουλος")
ask(p, "greek", "ΠΑΠΑΔΟΠΟΥΛΟΣ Γεώργιος")
ask(p, "typo_1", "Georgios Papadopulos")
ask(p, "greek", "Γεωργιος Παπαδοπουλος", birth_date="1972")
ask(p, "initials", "G. Papadopoulos", birth_date="1972-07-07")

p = person(
    "p-eleni-konstantinou", "", "", "female", "1980-02-28", "CY", original="Ελένη Κωνσταντίνου"
)
ask(p, "greek", "Eleni Konstantinou")
ask(p, "greek", "KONSTANTINOU Eleni")
ask(p, "greek", "Eleni Konstantinu", birth_date="1980")
ask(p, "greek", "Elena Constantinou", birth_date="1980-02-28")

p = person("p-dimitrios-nikolaidis", "Dimitrios", "Nikolaidis", "male", "1966-11-09", "GR")
ask(p, "greek", "Δημήτριος Νικολαΐδης")
ask(p, "transliteration", "Dimitris Nikolaidis", birth_date="1966")
ask(p, "typo_2", "Dimitrois Nikolaides")

# --- persons: German, Dutch, Nordic --------------------------------------------------------

p = person(
    "p-hans-juergen-mueller",
    "Hans-Jürgen",
    "Müller",
    "male",
    "1968-02-29",
    "DE",
    docs=(("passport", "C01X00T47", "DE"),),
)
d = person("p-hans-mueller-1955", "Hans", "Müller", "male", "1955-06-01", "DE")
ask(p, "diacritics", "Hans-Juergen Mueller")
ask(p, "diacritics", "Hans Jurgen Muller")
ask(p, "name_order", "MÜLLER, Hans-Jürgen")
ask(p, "typo_1", "Hans-Jürgen Möller", birth_date="1968")
ask(p, "hard_negative_birth", "Hans Müller", birth_date="1968-02-29", decoy=d)
ask(d, "hard_negative_birth", "Hans Mueller", birth_date="1955", decoy=p)
ask(p, "document", document_number="c01x00t47")

p = person("p-jan-van-der-berg", "Jan", "van der Berg", "male", "1973-03-03", "NL")
ask(p, "particle", "Jan Berg", birth_date="1973")
ask(p, "joined_split", "Jan Vanderberg")
ask(p, "name_order", "BERG, Jan van der")
ask(p, "typo_1", "Jan van der Burg", birth_date="1973-03-03")

p = person("p-sigrid-ostergaard", "Sigrid", "Østergaard", "female", "1987-05-05", "DK")
ask(p, "diacritics", "Sigrid Ostergaard")
ask(p, "diacritics", "Sigrid Oestergaard")
ask(p, "typo_1", "Sigrid Østergard")

# --- persons: Turkish ----------------------------------------------------------------------

p = person("p-mehmet-ozturk", "Mehmet Çağlar", "Öztürk", "male", "1983-04-04", "TR")
ask(p, "diacritics", "Mehmet Caglar Ozturk")
ask(p, "missing_middle", "Mehmet Öztürk")
ask(p, "diacritics", "Mehmet Oeztuerk", birth_date="1983")
ask(p, "name_order", "OZTURK Mehmet Caglar")
ask(p, "typo_1", "Mehmet Ozturkk")

p = person("p-ayse-yilmaz", "Ayşe", "Yılmaz", "female", "1991-10-10", "TR")
d = person("p-ayse-yilmaz-1969", "Ayşe", "Yılmaz", "female", "1969-01-20", "TR")
ask(p, "diacritics", "Ayse Yilmaz", birth_date="1991", decoy=d)
ask(p, "name_order", "YILMAZ Ayşe", birth_date="1991-10-10", decoy=d)
ask(d, "hard_negative_birth", "Ayse Yilmaz", birth_date="1969", decoy=p)
ask(d, "hard_negative_birth", "Aişe Yilmaz", birth_date="1969-01", decoy=p)

# --- persons: South Asian ------------------------------------------------------------------

p = person(
    "p-rajesh-sharma",
    "Rajesh Kumar",
    "Sharma",
    "male",
    "1979-02-14",
    "IN",
    original="राजेश कुमार शर्मा",
    docs=(("passport", "J8369854", "IN"),),
)
d = person("p-rajesh-sharma-1988", "Rajesh Kumar", "Sharma", "male", "1988-09-09", "IN")
ask(p, "missing_middle", "Rajesh Sharma", birth_date="1979")
ask(p, "other_script", "राजेश शर्मा", birth_date="1979")
ask(p, "initials", "Rajesh K. Sharma", birth_date="1979-02-14")
ask(p, "name_order", "SHARMA Rajesh Kumar", birth_date="1979", decoy=d)
ask(p, "typo_1", "Rajesh Kumar Sarma", birth_date="1979")
ask(p, "document", document_number="J 836 9854")
ask(d, "hard_negative_birth", "Rajesh Kumar Sharma", birth_date="1988", decoy=p)
ask(d, "hard_negative_birth", "R. K. Sharma", birth_date="1988-09-09", decoy=p)

p = person("p-priya-venkataraman", "Priya", "Venkataraman", "female", "1993-07-21", "IN")
ask(p, "transliteration", "Priya Venkatraman")
ask(p, "typo_2", "Pria Venkataramen")
ask(p, "name_order", "VENKATARAMAN Priya")

p = person("p-muhammad-rafiq-siddiqui", "Muhammad Rafiq", "Siddiqui", "male", "1970-10-01", "PK")
ask(p, "transliteration", "Mohammad Rafique Siddiqi")
ask(p, "missing_middle", "Rafiq Siddiqui", birth_date="1970")
ask(p, "initials", "M. Rafiq Siddiqui")
ask(p, "arabic_script", "محمد رفیق صدیقی")
ask(p, "transliteration", "Muhammed Rafik Siddiki", birth_date="1970-10-01")

p = person("p-nur-ul-islam", "Nur Ul", "Islam", "male", "1982-01-01", "BD")
ask(p, "joined_split", "Nurul Islam")
ask(p, "transliteration", "Noor ul Islam", birth_date="1982")
ask(p, "typo_1", "Nurul Islaam")

# --- persons: Vietnamese, Korean, Thai -----------------------------------------------------

p = person("p-nguyen-van-an", "Văn An", "Nguyễn", "male", "1989-09-02", "VN")
d = person("p-nguyen-van-an-1975", "Văn An", "Nguyễn", "male", "1975-04-30", "VN")
ask(p, "diacritics", "Nguyen Van An", birth_date="1989", decoy=d)
ask(p, "name_order", "Van An Nguyen", birth_date="1989-09-02", decoy=d)
ask(d, "hard_negative_birth", "NGUYEN Van An", birth_date="1975", decoy=p)

p = person("p-kim-min-jun", "Min-jun", "Kim", "male", "1994-11-11", "KR", original="김민준")
ask(p, "joined_split", "Kim Minjun")
ask(p, "joined_split", "Kim Min Jun", birth_date="1994")
ask(p, "name_order", "Minjun Kim")
ask(p, "other_script", "김민준")

p = person("p-somchai-srisuk", "Somchai", "Srisuk", "male", "1976-08-12", "TH")
ask(p, "typo_1", "Somchay Srisuk")
ask(p, "name_order", "SRISUK Somchai")
ask(p, "other_script", "สมชาย ศรีสุข")

# --- persons: same name, different sex ---------------------------------------------------

p = person("p-andrea-rossi-m", "Andrea", "Rossi", "male", "1985-05-15", "IT")
d = person("p-andrea-rossi-f", "Andrea", "Rossi", "female", "1985-09-20", "IT")
ask(p, "hard_negative_sex", "Andrea Rossi", sex="male", birth_date="1985", decoy=d)
ask(d, "hard_negative_sex", "Andrea Rossi", sex="female", birth_date="1985", decoy=p)
ask(p, "typo_1", "Andrea Rosi", birth_date="1985-05-15")

p = person("p-jean-morel-m", "Jean", "Morel", "male", "1960-10-10", "FR")
d = person("p-jean-morel-f", "Jeanne", "Morel", "female", "1960-10-10", "FR")
ask(p, "hard_negative_sex", "Jean Morel", sex="male", decoy=d)
ask(d, "hard_negative_sex", "Jeanne Morel", sex="female", decoy=p)

# --- persons: document numbers -----------------------------------------------------------

p = person(
    "p-tariq-mahmood",
    "Tariq",
    "Mahmood",
    "male",
    "1981-04-14",
    "PK GB",
    docs=(("passport", "AB1234561", "PK"), ("passport", "561234987", "GB")),
)
ask(p, "document", document_number="561 234 987")
ask(p, "document", document_number="AB-123-4561")
ask(p, "document", "T. Mahmood", document_number="561234987")
ask(p, "transliteration", "Tarek Mahmoud", birth_date="1981-04-14")

p = person(
    "p-grace-wanjiku",
    "Grace",
    "Wanjiku Kamau",
    "female",
    "1990-06-01",
    "KE",
    docs=(("passport", "AK0123456", "KE"), ("driving_licence", "DL-KE-998877", "KE")),
)
ask(p, "document", document_number="AK 012 3456")
ask(p, "document", document_number="dl ke 998877")
ask(p, "missing_middle", "Grace Kamau", birth_date="1990")
ask(p, "document", "Grace Wanjiku", document_number="AK0123456")

p = person(
    "p-ivan-horvat",
    "Ivan",
    "Horvat",
    "male",
    "1975-03-17",
    "HR",
    docs=(("seamans_book", "SB-HR-044512", "HR"),),
)
ask(p, "document", document_number="SBHR044512")
ask(p, "diacritics", "Ivan Horvát")
ask(p, "typo_1", "Ivan Hrovat", birth_date="1975")

p = person(
    "p-lucia-mendes",
    "Lúcia",
    "Mendes",
    "female",
    "1983-09-12",
    "PT",
    docs=(("residence_permit", "RP 2020-77 15 32", "ZA"),),
)
ask(p, "document", document_number="RP20207715 32")
ask(p, "diacritics", "Lucia Mendes", birth_date="1983")
ask(p, "transliteration", "Lucia Mendez", birth_date="1983-09-12")

# --- persons: more Arabic variants -----------------------------------------------------

p = person("p-omar-elsayed", "Omar", "El-Sayed", "male", "1988-07-30", "EG", original="عمر السيد")
ask(p, "transliteration", "Umar Al Sayyid")
ask(p, "joined_split", "Omar Elsayed", birth_date="1988")
ask(p, "arabic_script", "عمر السيد")
ask(p, "transliteration", "Omer El Seyed", birth_date="1988-07-30")
ask(p, "honorific", "Hajj Omar El-Sayed")

p = person("p-hussein-ali-jaber", "Hussein Ali", "Jaber", "male", "1972-12-05", "LB IQ")
ask(p, "transliteration", "Husain Ali Jabir")
ask(p, "transliteration", "Hussain Jaber", birth_date="1972")
ask(p, "arabic_script", "حسين علي جابر")
ask(p, "typo_2", "Husein Ali Jabber")

p = person("p-layla-haddad", "Layla", "Haddad", "female", "1997-03-01", "LB SY")
ask(p, "transliteration", "Leila Haddad")
ask(p, "transliteration", "Laila Hadad", birth_date="1997")
ask(p, "arabic_script", "ليلى حداد")

p = person("p-abdullah-alqahtani", "Abdullah", "Al-Qahtani", "male", "1968-08-20", "SA")
ask(p, "transliteration", "Abdallah Al Kahtani")
ask(p, "joined_split", "Abd Allah Alqahtani")
ask(p, "arabic_script", "عبدالله القحطاني")
ask(p, "typo_1", "Abdullah Al-Qahtany", birth_date="1968")

p = person(
    "p-mustafa-kemal-aydin",
    "Mustafa",
    "Aydın",
    "male",
    "1979-05-19",
    "TR",
    aliases=(("Moustafa Aydin", "spelling"),),
)
ask(p, "diacritics", "Mustafa Aydin")
ask(p, "transliteration", "Mostafa Aydin", birth_date="1979")
ask(p, "transliteration", "Moustafa Aidin")

# --- companies -------------------------------------------------------------------------

c = company(
    "c-blue-ocean-trading-za",
    "BLUE OCEAN TRADING PROPRIETARY LIMITED",
    "ZA",
    legal_form="(Pty) Ltd",
    registration="2011/123456/07",
    trading=("BOT Imports",),
)
dc = company("c-blue-ocean-trading-ae", "Blue Ocean Trading LLC", "AE", kind="exporter")
ask_company(c, "legal_form", "Blue Ocean Trading (Pty) Ltd")
ask_company(c, "legal_form", "Blue Ocean Trading Pty Ltd", country="ZA")
ask_company(c, "registration_number", registration_number="2011 123456 07")
ask_company(c, "typo", "Blue Ocean Tradng (Pty) Ltd", country="ZA")
ask_company(c, "trading_name", "BOT Imports")
ask_company(c, "hard_negative_country", "Blue Ocean Trading", country="ZA", decoy=dc)
ask_company(dc, "hard_negative_country", "Blue Ocean Trading", country="AE", decoy=c)
ask_company(dc, "hard_negative_country", "Blue Ocean Trading L.L.C.", country="AE", decoy=c)

c = company(
    "c-societe-africaine-transit",
    "Société Africaine de Transit SARL",
    "SN",
    legal_form="SARL",
    registration="SN-DKR-2009-B-1234",
    trading=("SAT Logistique",),
    kind="forwarder",
)
ask_company(c, "diacritics", "Societe Africaine de Transit")
ask_company(c, "legal_form", "Société Africaine de Transit S.A.R.L.")
ask_company(c, "abbreviation", "Ste Africaine de Transit", country="SN")
ask_company(c, "trading_name", "SAT Logistique")
ask_company(c, "registration_number", registration_number="SN DKR 2009 B 1234")

c = company(
    "c-transportes-rapidos-sur",
    "Transportes Rápidos del Sur S.A. de C.V.",
    "MX",
    legal_form="S.A. de C.V.",
    kind="carrier",
)
ask_company(c, "legal_form", "Transportes Rapidos del Sur SA de CV")
ask_company(c, "legal_form", "Transportes Rápidos del Sur")
ask_company(c, "typo", "Transportes Rapido del Sur", country="MX")

c = company(
    "c-hamburger-kaffee-import",
    "Hamburger Kaffee Import GmbH",
    "DE",
    legal_form="GmbH",
    registration="HRB 123456",
    kind="importer",
)
ask_company(c, "legal_form", "Hamburger Kaffee Import")
ask_company(c, "joined_split", "Hamburger Kaffee-Import GmbH")
ask_company(c, "typo", "Hamburger Kafee Import GmbH")
ask_company(c, "registration_number", registration_number="HRB123456")

c = company(
    "c-al-noor-general-trading-ae",
    "Al Noor General Trading LLC",
    "AE",
    legal_form="LLC",
    registration="DED-654321",
    kind="exporter",
)
dc = company("c-al-noor-trading-eg", "Al Noor Trading Co.", "EG", legal_form="Co.")
ask_company(c, "transliteration", "Al-Nour General Trading L.L.C.")
ask_company(c, "joined_split", "Alnoor General Trading")
ask_company(c, "abbreviation", "AL NOOR GEN. TRADING LLC")
ask_company(c, "hard_negative_country", "Al Noor Trading", country="AE", decoy=dc)
ask_company(dc, "hard_negative_country", "Al Noor Trading Company", country="EG", decoy=c)

c = company(
    "c-nairobi-freight-forwarders",
    "Nairobi Freight Forwarders Limited",
    "KE",
    legal_form="Ltd",
    registration="PVT-AB1CD2E",
    trading=("NFF Cargo",),
    kind="forwarder",
)
ask_company(c, "legal_form", "Nairobi Freight Forwarders Ltd")
ask_company(c, "legal_form", "Nairobi Freight Forwarders")
ask_company(c, "typo", "Nairobi Frieght Forwarders Ltd")
ask_company(c, "trading_name", "NFF Cargo", country="KE")
ask_company(c, "registration_number", registration_number="pvt ab1cd2e")

c = company(
    "c-oceanic-shipping-logistics",
    "Oceanic Shipping & Logistics Co.",
    "GH",
    legal_form="Co.",
    kind="carrier",
)
ask_company(c, "legal_form", "Oceanic Shipping and Logistics Company")
ask_company(c, "legal_form", "Oceanic Shipping & Logistics Company Limited")
ask_company(c, "missing_word", "Oceanic Shipping Logistics")

c = company(
    "c-lagos-commodities",
    "Lagos Commodities Nigeria Limited",
    "NG",
    legal_form="Ltd",
    registration="RC 123456",
)
ask_company(c, "abbreviation", "Lagos Commodities Nig. Ltd")
ask_company(c, "legal_form", "Lagos Commodities (Nigeria) Ltd")
ask_company(c, "registration_number", registration_number="RC123456")
ask_company(c, "typo", "Lagos Comodities Nigeria Limited")

c = company(
    "c-madeiras-amazonia",
    "Comércio de Madeiras Amazônia Ltda.",
    "BR",
    legal_form="Ltda.",
    registration="12.345.678/0001-90",
    kind="exporter",
)
ask_company(c, "diacritics", "Comercio de Madeiras Amazonia Ltda")
ask_company(c, "legal_form", "Comercio de Madeiras Amazonia")
ask_company(c, "registration_number", registration_number="12345678000190")
ask_company(c, "typo", "Comercio de Maderas Amazonia", country="BR")

c = company("c-euro-asia-freight-nl", "Euro Asia Freight B.V.", "NL", legal_form="B.V.")
dc = company("c-euro-asia-freight-de", "Euro Asia Freight GmbH", "DE", legal_form="GmbH")
ask_company(c, "joined_split", "EuroAsia Freight BV", country="NL", decoy=dc)
ask_company(c, "joined_split", "Euro-Asia Freight B.V.", country="NL", decoy=dc)
ask_company(c, "hard_negative_country", "Euro Asia Freight", country="NL", decoy=dc)
ask_company(dc, "hard_negative_country", "Euro Asia Freight", country="DE", decoy=c)

c = company(
    "c-shenzhen-jinlong",
    "Shenzhen Jinlong Electronics Co., Ltd.",
    "CN",
    legal_form="Co., Ltd.",
    registration="91440300MA5ABCDE1X",
    trading=("Golden Dragon Electronics",),
    kind="manufacturer",
)
dc = company("c-jinlong-electronics-hk", "Jinlong Electronics Limited", "HK", legal_form="Ltd")
ask_company(c, "legal_form", "Shenzhen Jinlong Electronics Company Limited")
ask_company(c, "joined_split", "Shenzhen Jin Long Electronics Co Ltd")
ask_company(c, "trading_name", "Golden Dragon Electronics")
ask_company(c, "hard_negative_country", "Jinlong Electronics Co Ltd", country="CN", decoy=dc)
ask_company(dc, "hard_negative_country", "Jinlong Electronics Co Ltd", country="HK", decoy=c)
ask_company(c, "registration_number", registration_number="91440300 MA5ABCDE1X")

c = company(
    "c-istanbul-tekstil",
    "İstanbul Tekstil Sanayi ve Ticaret A.Ş.",
    "TR",
    legal_form="A.Ş.",
    kind="exporter",
)
ask_company(c, "diacritics", "Istanbul Tekstil Sanayi ve Ticaret AS")
ask_company(c, "legal_form", "Istanbul Tekstil Sanayi ve Ticaret")
ask_company(c, "typo", "Istambul Tekstil Sanayi ve Ticaret A.S.")

c = company(
    "c-severny-put", "OOO Severnyy Put", "RU", legal_form="OOO", registration="1027700132195"
)
ask_company(c, "cyrillic", "ООО «Северный путь»")
ask_company(c, "legal_form", "Severny Put LLC")
ask_company(c, "transliteration", "Severnyi Put", country="RU")
ask_company(c, "registration_number", registration_number="1027700132195")

c = company(
    "c-dubai-pearl-shipping", "Dubai Pearl Shipping FZE", "AE", legal_form="FZE", kind="carrier"
)
ask_company(c, "legal_form", "Dubai Pearl Shipping F.Z.E.")
ask_company(c, "legal_form", "Dubai Pearl Shipping")
ask_company(c, "typo", "Dubai Perl Shipping FZE")

c = company(
    "c-kinshasa-minerals", "Kinshasa Minerals SPRL", "CD", legal_form="SPRL", kind="exporter"
)
ask_company(c, "legal_form", "Kinshasa Minerals S.P.R.L.")
ask_company(c, "legal_form", "Kinshasa Minerals SARL")
ask_company(c, "typo", "Kinshasa Mineral SPRL", country="CD")

c = company(
    "c-hoang-long-imex",
    "Hoàng Long Import Export Company Limited",
    "VN",
    legal_form="Co., Ltd",
    kind="exporter",
)
ask_company(c, "diacritics", "Hoang Long Import Export Co., Ltd")
ask_company(c, "joined_split", "Hoang Long Import-Export Co Ltd")
ask_company(c, "legal_form", "Hoang Long Import Export")

c = company("c-pacific-rim-traders-us", "Pacific Rim Traders Inc.", "US", legal_form="Inc.")
dc = company("c-pacific-rim-traders-nz", "Pacific Rim Traders Ltd", "NZ", legal_form="Ltd")
ask_company(c, "legal_form", "Pacific Rim Traders Incorporated", country="US")
ask_company(c, "typo", "Pacifc Rim Traders Inc", country="US")
ask_company(c, "hard_negative_country", "Pacific Rim Traders", country="US", decoy=dc)
ask_company(dc, "hard_negative_country", "Pacific Rim Traders Limited", country="NZ", decoy=c)

c = company("c-sahara-gold-mining", "Sahara Gold Mining Company S.A.", "ML", legal_form="S.A.")
ask_company(c, "legal_form", "Sahara Gold Mining Co SA")
ask_company(c, "legal_form", "Sahara Gold Mining")
ask_company(c, "typo", "Sahra Gold Minning Company")

c = company(
    "c-mombasa-clearing",
    "Mombasa Clearing and Forwarding Agency Ltd",
    "KE",
    legal_form="Ltd",
    kind="broker",
    tax="P051234567X",
)
ask_company(c, "legal_form", "Mombasa Clearing & Forwarding Agency Limited")
ask_company(c, "missing_word", "Mombasa Clearing Forwarding", country="KE")

c = company(
    "c-rotterdam-reefer", "Rotterdam Reefer Logistics N.V.", "NL", legal_form="N.V.", kind="carrier"
)
ask_company(c, "legal_form", "Rotterdam Reefer Logistics NV")
ask_company(c, "typo", "Roterdam Reefer Logistics")

c = company("c-mac-donald-trading", "MacDonald & Sons Trading Ltd", "GB", legal_form="Ltd")
ask_company(c, "joined_split", "Mac Donald and Sons Trading Limited")
ask_company(c, "legal_form", "MacDonald and Sons Trading")


# --- distractors ---------------------------------------------------------------------------

# Names by culture: (given names, family names, nationalities, script of some records).
CULTURES = {
    "arabic": (
        "Ahmed Ali Hassan Ibrahim Youssef Omar Karim Samir Tariq Walid Rami Nabil Hamza "
        "Bilal Ziad Khaled Faisal Salim Amal Nour Rania Samira Yasmin Huda Salma Mariam",
        "Al-Amin Haddad Khoury Nasser Saleh Aziz Rahman Farouk Mahmoud Ismail Suleiman "
        "Al-Masri Al-Rashid Qasim Darwish Najjar Hamdan Bakr Zaki Sabri",
        "EG SD SA AE JO LB SY IQ MA DZ TN LY",
    ),
    "swahili": (
        "Juma Baraka Amani Zawadi Neema Rehema Imani Bakari Hamisi Salim Mwanaisha Zuberi "
        "Khamisi Tumaini Upendo Faraji Jabari Rashidi",
        "Mwakyusa Kimaro Mushi Njoroge Kamau Ochieng Wambui Mutua Kiprono Mbwana Shabani "
        "Lyimo Massawe Chacha Odhiambo Nyambura",
        "TZ KE UG",
    ),
    "portuguese": (
        "João Pedro Paulo Tiago Rafael Bruno Ricardo Luís Ana Beatriz Mariana Inês Joana "
        "Rita Gabriela Fernanda Catarina Vitória",
        "Oliveira Souza Lima Carvalho Pereira Costa Rodrigues Almeida Nascimento Araújo "
        "Ribeiro Martins Barbosa Cardoso Teixeira Moreira Correia Pinto",
        "BR PT AO MZ CV",
    ),
    "french": (
        "Pierre Louis Michel Philippe Nicolas Olivier Thierry Sébastien Marie Claire Sophie "
        "Isabelle Nathalie Céline Aurélie Hélène Émilie",
        "Martin Bernard Durand Petit Leroy Moreau Simon Laurent Girard Roux Fournier "
        "Mercier Blanc Garnier Chevalier Faure",
        "FR BE CH CA",
    ),
    "west_african": (
        "Moussa Ibrahima Ousmane Abdoulaye Cheikh Seydou Boubacar Fatoumata Mariama "
        "Kadiatou Awa Adama Souleymane Yacouba Aminata",
        "Traoré Keita Coulibaly Camara Sow Ndiaye Fall Sylla Cissé Touré Konaté Sangaré "
        "Barry Kaboré Ouédraogo",
        "ML SN GN BF CI NE",
    ),
    "yoruba_igbo": (
        "Adewale Babatunde Olumide Tunde Femi Kehinde Taiwo Chinedu Obinna Ikenna Chioma "
        "Adaeze Folake Funmilayo Yetunde Nkechi Ifeoma",
        "Ogunleye Adebayo Balogun Oyelaran Akinola Adeleke Eze Nwosu Okeke Obi Nwachukwu "
        "Onyekachi Olawale Afolabi",
        "NG BJ",
    ),
    "chinese": (
        "Wei Fang Min Jing Lei Jun Yan Hui Qiang Ping Gang Hong Xin Yu Tao Jie Bo Lin",
        "Li Zhao Sun Zhou Wu Xu Hu Guo He Gao Lin Luo Zheng Liang Xie Song Tang Han",
        "CN HK TW SG",
    ),
    "russian": (
        "Ivan Nikolay Andrey Alexey Mikhail Vladimir Pavel Roman Igor Tatiana Natalia "
        "Irina Svetlana Anna Marina Elena Yulia",
        "Sokolov Popov Lebedev Morozov Novikov Fedorov Mikhailov Orlov Pavlov Sokolova "
        "Popova Morozova Novikova Fedorova Vasiliev Zaitsev",
        "RU UA BY KZ",
    ),
    "hindi": (
        "Amit Sanjay Vikram Arjun Rahul Suresh Anil Deepak Sunita Anjali Pooja Kavita "
        "Neha Meena Ravi Manoj",
        "Patel Singh Gupta Verma Mehta Joshi Reddy Nair Iyer Chopra Malhotra Kapoor Das Bose Yadav",
        "IN NP",
    ),
    "spanish": (
        "Juan Miguel Alejandro Fernando Diego Javier Andrés Pablo Luis Carmen Lucía Sofía "
        "Valentina Isabel Daniela Camila Paula",
        "García Martínez López González Sánchez Ramírez Torres Flores Rivera Morales "
        "Ortiz Castillo Jiménez Vargas Romero Herrera Medina",
        "ES MX CO AR PE VE EC",
    ),
    "greek": (
        "Nikolaos Konstantinos Ioannis Christos Panagiotis Vasilios Maria Katerina "
        "Sofia Anastasia Despina",
        "Georgiou Ioannou Oikonomou Vlachos Karagiannis Pappas Makris Angelopoulos",
        "GR CY",
    ),
    "turkish": (
        "Ahmet Hüseyin İbrahim Emre Burak Murat Kemal Zeynep Elif Fatma Emine Hatice Özlem Gül",
        "Kaya Demir Şahin Çelik Yıldız Yıldırım Arslan Doğan Kılıç Aslan Çetin Koç Kurt",
        "TR",
    ),
    "german": (
        "Klaus Stefan Thomas Wolfgang Jürgen Uwe Dieter Petra Sabine Monika Ursula Gerhard Karl",
        "Schmidt Schneider Fischer Weber Meyer Wagner Becker Schulz Hoffmann Koch Richter "
        "Wolf Schröder",
        "DE AT CH",
    ),
}


def _plain(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in text if c.isalpha())


def distractor_persons(count: int, seed: int = 20261128) -> list[dict]:
    """Plausible records from many cultures that no pair expects (they must not win)."""
    taken = {(_plain(r["given_names"].split(" ")[0]), _plain(r["family_name"])) for r in PERSONS}
    rng = random.Random(seed)
    names = sorted(CULTURES)
    made: list[dict] = []
    while len(made) < count:
        culture = names[len(made) % len(names)]
        givens, families, countries = (part.split() for part in CULTURES[culture])
        given, family = rng.choice(givens), rng.choice(families)
        if rng.random() < 0.25:  # a second given name sometimes
            given = f"{given} {rng.choice(givens)}"
        if (_plain(given.split(" ")[0]), _plain(family)) in taken:
            continue
        taken.add((_plain(given.split(" ")[0]), _plain(family)))
        precision = rng.random()
        year = rng.randint(1950, 2004)
        if precision < 0.1:
            birth = f"{year}"
        elif precision < 0.2:
            birth = f"{year}-{rng.randint(1, 12):02d}"
        else:
            birth = f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        nationality = rng.choice(countries)
        docs = []
        if rng.random() < 0.5:
            number = rng.choice("ABCEGKP") + "".join(rng.choice("0123456789") for _ in range(8))
            docs.append({"type": "passport", "number": number, "country": nationality})
        made.append(
            {
                "key": f"x-{culture}-{len(made):03d}",
                "given_names": given,
                "family_name": family,
                "name_original": "",
                "sex": rng.choice(["male", "female"]),
                "birth_date": birth,
                "nationalities": [nationality],
                "documents": docs,
                "aliases": [],
                "role": "distractor",
            }
        )
    return made


def _listed(text: str, separator: str | None = None) -> list[str]:
    """A list written as one text (reads better than a column of quoted words)."""
    return text.split(separator)


COMPANY_WORDS = _listed(
    "Global Atlantic Golden Royal Eastern Western Northern Southern United Star Sun Silver "
    "Green Red Crown Eagle Lion Delta Alpha Prime Continental Sea Sky Horizon Pioneer "
    "Summit Unity Phoenix Falcon Coral Emerald Sapphire Victoria Baobab Kilimanjaro Nile "
    "Sahel Andes Amazon Orient Zenith Harbour Ocean"
)
COMPANY_TRADES = _listed(
    "Trading;Import Export;Logistics;Shipping;Freight Services;General Trading;Commodities;"
    "Textiles;Electronics;Foods;Pharmaceuticals;Minerals;Timber;Motors;Clearing Agency;"
    "Cargo;Industries;Distributors;Enterprises;Holdings",
    ";",
)
COMPANY_FORMS = {
    "ZA": "(Pty) Ltd",
    "GB": "Ltd",
    "KE": "Limited",
    "NG": "Limited",
    "GH": "Ltd",
    "FR": "SARL",
    "SN": "SARL",
    "CI": "SA",
    "DE": "GmbH",
    "AE": "LLC",
    "US": "Inc.",
    "CN": "Co., Ltd.",
    "HK": "Limited",
    "BR": "Ltda.",
    "MX": "S.A. de C.V.",
    "ES": "S.L.",
    "NL": "B.V.",
    "TR": "A.Ş.",
    "IN": "Pvt Ltd",
    "RU": "OOO",
}


def distractor_companies(count: int, seed: int = 20261129) -> list[dict]:
    taken = {_plain(c["name"]) for c in COMPANIES}
    rng = random.Random(seed)
    countries = sorted(COMPANY_FORMS)
    made: list[dict] = []
    while len(made) < count:
        country = countries[len(made) % len(countries)]
        words = rng.choice(COMPANY_WORDS)
        if rng.random() < 0.4:
            words = f"{words} {rng.choice(COMPANY_WORDS)}"
        form = COMPANY_FORMS[country]
        name = f"{words} {rng.choice(COMPANY_TRADES)} {form}"
        if _plain(name) in taken:
            continue
        taken.add(_plain(name))
        made.append(
            {
                "key": f"y-{country.lower()}-{len(made):03d}",
                "name": name,
                "legal_form": form,
                "country": country,
                "registration_number": f"{rng.randint(10**6, 10**8)}",
                "tax_number": "",
                "trading_names": [],
                "kind": rng.choice(["importer", "exporter", "carrier", "forwarder", "broker"]),
                "role": "distractor",
            }
        )
    return made


def main() -> None:
    person_keys = [r["key"] for r in PERSONS]
    company_keys = [c["key"] for c in COMPANIES]
    assert len(set(person_keys)) == len(person_keys), "duplicate person key"
    assert len(set(company_keys)) == len(company_keys), "duplicate company key"
    for pair in PERSON_PAIRS:
        assert pair["expected"] in person_keys
        assert pair.get("decoy", person_keys[0]) in person_keys
        assert pair["query"].get("name") or pair["query"].get("document_number"), pair
    for pair in COMPANY_PAIRS:
        assert pair["expected"] in company_keys
        assert pair.get("decoy", company_keys[0]) in company_keys
    persons = {
        "about": "Labelled person-matching set of OpenCEN; see README.md. Made by build.py.",
        "records": PERSONS + distractor_persons(400),
        "pairs": PERSON_PAIRS,
    }
    companies = {
        "about": "Labelled company-matching set of OpenCEN; see README.md. Made by build.py.",
        "records": COMPANIES + distractor_companies(200),
        "pairs": COMPANY_PAIRS,
    }
    for name, data in (("persons.json", persons), ("companies.json", companies)):
        (HERE / name).write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n")
    print(
        f"persons: {len(PERSONS)} targets + 400 distractors, {len(PERSON_PAIRS)} pairs; "
        f"companies: {len(COMPANIES)} targets + 200 distractors, {len(COMPANY_PAIRS)} pairs; "
        f"total pairs {len(PERSON_PAIRS) + len(COMPANY_PAIRS)}"
    )


if __name__ == "__main__":
    main()
