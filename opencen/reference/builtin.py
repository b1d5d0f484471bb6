# ruff: noqa: E501  (data tables: one entry per line reads better than wrapped calls)
"""OpenCEN's own starting code lists: units, commodities, methods, conveyances, offences.

These lists have no package to come from; they start from public WCO and EU material (see
DESIGN.md, "Starting code lists"). Codes are stable lowercase snake_case and never reused;
English labels are marked for translation, and ``translations`` carries labels in other
languages where they are well established. Administrators add national entries beside them.

Changing anything here changes the built-in fingerprint, so the next ``load-reference`` applies
it; removing an entry deactivates it in every installation, it is never deleted.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext_noop as _noop

from opencen.reference.choices import UnitDimension


@dataclass(frozen=True)
class BuiltinEntry:
    """One entry of a built-in list."""

    code: str
    label: str
    translations: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class BuiltinUnit(BuiltinEntry):
    dimension: str = UnitDimension.COUNT
    factor: Decimal | None = None


@dataclass(frozen=True)
class BuiltinCommodityType(BuiltinEntry):
    section: str = ""
    allowed_units: tuple[str, ...] = ()


def _t(fr: str = "", es: str = "", pt: str = "", ar: str = "") -> dict[str, str]:
    """Translated labels, leaving out the languages not given."""
    return {lang: text for lang, text in (("fr", fr), ("es", es), ("pt", pt), ("ar", ar)) if text}


MASS, VOLUME, COUNT = UnitDimension.MASS, UnitDimension.VOLUME, UnitDimension.COUNT

UNITS: tuple[BuiltinUnit, ...] = (
    BuiltinUnit("kg", _noop("kilograms"), _t("kilogrammes", "kilogramos", "quilogramas", "كيلوغرام"), MASS, Decimal(1)),
    BuiltinUnit("g", _noop("grams"), _t("grammes", "gramos", "gramas", "غرام"), MASS, Decimal("0.001")),
    BuiltinUnit("mg", _noop("milligrams"), _t("milligrammes", "miligramos", "miligramas", "مليغرام"), MASS, Decimal("0.000001")),
    BuiltinUnit("t", _noop("tonnes"), _t("tonnes", "toneladas", "toneladas", "طن"), MASS, Decimal(1000)),
    BuiltinUnit("l", _noop("litres"), _t("litres", "litros", "litros", "لتر"), VOLUME, Decimal(1)),
    BuiltinUnit("ml", _noop("millilitres"), _t("millilitres", "mililitros", "mililitros", "مليلتر"), VOLUME, Decimal("0.001")),
    BuiltinUnit("m3", _noop("cubic metres"), _t("mètres cubes", "metros cúbicos", "metros cúbicos", "متر مكعب"), VOLUME, Decimal(1000)),
    BuiltinUnit("pieces", _noop("pieces"), _t("pièces", "piezas", "peças", "قطعة")),
    BuiltinUnit("items", _noop("items"), _t("articles", "artículos", "artigos")),
    BuiltinUnit("sticks", _noop("sticks"), _t()),
    BuiltinUnit("tablets", _noop("tablets"), _t("comprimés", "comprimidos", "comprimidos", "قرص")),
    BuiltinUnit("capsules", _noop("capsules"), _t("gélules", "cápsulas", "cápsulas", "كبسولة")),
    BuiltinUnit("doses", _noop("doses"), _t("doses", "dosis", "doses", "جرعة")),
    BuiltinUnit("specimens", _noop("specimens"), _t("spécimens", "especímenes", "espécimes")),
    BuiltinUnit("packs", _noop("packs"), _t("paquets", "paquetes", "maços", "علبة")),
    BuiltinUnit("cartons", _noop("cartons"), _t("cartouches", "cartones")),
    BuiltinUnit("bottles", _noop("bottles"), _t("bouteilles", "botellas", "garrafas", "زجاجة")),
    BuiltinUnit("pairs", _noop("pairs"), _t("paires", "pares", "pares", "زوج")),
)  # fmt: skip

COMMODITY_SECTIONS: tuple[BuiltinEntry, ...] = (
    BuiltinEntry("drugs", _noop("Drugs"), _t("Drogues", "Drogas", "Drogas", "المخدرات")),
    BuiltinEntry("precursors", _noop("Precursors"), _t("Précurseurs", "Precursores", "Precursores", "السلائف")),
    BuiltinEntry("tobacco", _noop("Tobacco"), _t("Tabac", "Tabaco", "Tabaco", "التبغ")),
    BuiltinEntry("alcohol", _noop("Alcohol"), _t("Alcool", "Alcohol", "Álcool", "الكحول")),
    BuiltinEntry("other_revenue", _noop("Other revenue and duty evasion"), _t("Autres fraudes fiscales et douanières", "Otros fraudes fiscales y aduaneros", "Outras fraudes fiscais e aduaneiras")),
    BuiltinEntry("ipr", _noop("IPR and counterfeits"), _t("Propriété intellectuelle et contrefaçons", "Propiedad intelectual y falsificaciones", "Propriedade intelectual e contrafação")),
    BuiltinEntry("medicines", _noop("Medicines, health and safety"), _t("Médicaments, santé et sécurité", "Medicamentos, salud y seguridad", "Medicamentos, saúde e segurança")),
    BuiltinEntry("cites", _noop("CITES fauna and flora"), _t("Faune et flore CITES", "Fauna y flora CITES", "Fauna e flora CITES")),
    BuiltinEntry("waste_ods", _noop("Waste and ozone-depleting substances"), _t("Déchets et substances appauvrissant la couche d'ozone", "Residuos y sustancias que agotan la capa de ozono", "Resíduos e substâncias que empobrecem a camada de ozono")),
    BuiltinEntry("weapons", _noop("Weapons and ammunition"), _t("Armes et munitions", "Armas y municiones", "Armas e munições", "الأسلحة والذخائر")),
    BuiltinEntry("strategic", _noop("Strategic and dual-use goods"), _t("Biens stratégiques et à double usage", "Bienes estratégicos y de doble uso", "Bens estratégicos e de dupla utilização")),
    BuiltinEntry("cash", _noop("Cash and currency"), _t("Argent liquide et devises", "Efectivo y divisas", "Dinheiro e divisas")),
    BuiltinEntry("cultural_objects", _noop("Cultural objects"), _t("Biens culturels", "Bienes culturales", "Bens culturais")),
)  # fmt: skip

_MASS = ("kg", "g", "t")
_DRUG = ("kg", "g", "mg", "tablets", "capsules", "doses", "pieces", "l", "ml")
_LIQUID = ("l", "ml", "bottles", "kg")
_COUNTABLE = ("pieces", "items", "packs", "kg")
_MEDICINE = ("tablets", "capsules", "doses", "packs", "pieces", "items", "kg", "g", "l", "ml")
_SPECIMENS = ("specimens", "kg", "g", "pieces")


def _type(code: str, label: str, section: str, units: tuple[str, ...], **translations: str):
    return BuiltinCommodityType(code, label, _t(**translations), section, units)


COMMODITY_TYPES: tuple[BuiltinCommodityType, ...] = (
    # Drugs
    _type("cannabis_herb", _noop("Cannabis herb"), "drugs", _DRUG, fr="Herbe de cannabis", es="Hierba de cannabis", pt="Erva de canábis"),
    _type("cannabis_resin", _noop("Cannabis resin"), "drugs", _DRUG, fr="Résine de cannabis", es="Resina de cannabis", pt="Resina de canábis"),
    _type("cannabis_plants", _noop("Cannabis plants"), "drugs", ("pieces", "kg", "g"), fr="Plants de cannabis", es="Plantas de cannabis", pt="Plantas de canábis"),
    _type("cocaine", _noop("Cocaine"), "drugs", _DRUG, fr="Cocaïne", es="Cocaína", pt="Cocaína", ar="كوكايين"),
    _type("coca_leaf", _noop("Coca leaf"), "drugs", _MASS, fr="Feuille de coca", es="Hoja de coca", pt="Folha de coca"),
    _type("heroin", _noop("Heroin"), "drugs", _DRUG, fr="Héroïne", es="Heroína", pt="Heroína", ar="هيروين"),
    _type("opiates_other", _noop("Opium, morphine and other opiates"), "drugs", _DRUG, fr="Opium, morphine et autres opiacés", es="Opio, morfina y otros opiáceos", pt="Ópio, morfina e outros opiáceos"),
    _type("fentanyl", _noop("Fentanyl and other synthetic opioids"), "drugs", _DRUG, fr="Fentanyl et autres opioïdes de synthèse", es="Fentanilo y otros opioides sintéticos", pt="Fentanil e outros opioides sintéticos"),
    _type("methamphetamine", _noop("Methamphetamine"), "drugs", _DRUG, fr="Méthamphétamine", es="Metanfetamina", pt="Metanfetamina"),
    _type("amphetamine", _noop("Amphetamine"), "drugs", _DRUG, fr="Amphétamine", es="Anfetamina", pt="Anfetamina"),
    _type("captagon", _noop("Captagon"), "drugs", _DRUG, fr="Captagon", es="Captagón", pt="Captagon", ar="كبتاغون"),
    _type("mdma", _noop("MDMA (ecstasy)"), "drugs", _DRUG, fr="MDMA (ecstasy)", es="MDMA (éxtasis)", pt="MDMA (ecstasy)"),
    _type("khat", _noop("Khat"), "drugs", _MASS, fr="Khat", es="Cat", pt="Khat", ar="القات"),
    _type("tramadol", _noop("Tramadol"), "drugs", _DRUG, fr="Tramadol", es="Tramadol", pt="Tramadol", ar="ترامادول"),
    _type("psychotropics", _noop("Other psychotropic substances"), "drugs", _DRUG, fr="Autres substances psychotropes", es="Otras sustancias psicotrópicas", pt="Outras substâncias psicotrópicas"),
    _type("nps", _noop("New psychoactive substances"), "drugs", _DRUG, fr="Nouvelles substances psychoactives", es="Nuevas sustancias psicoactivas", pt="Novas substâncias psicoativas"),
    _type("drugs_other", _noop("Other drugs"), "drugs", _DRUG, fr="Autres drogues", es="Otras drogas", pt="Outras drogas"),
    # Precursors
    _type("acetic_anhydride", _noop("Acetic anhydride"), "precursors", ("l", "kg", "t"), fr="Anhydride acétique", es="Anhídrido acético", pt="Anidrido acético"),
    _type("ephedrine", _noop("Ephedrine and pseudoephedrine"), "precursors", ("kg", "g", "tablets"), fr="Éphédrine et pseudoéphédrine", es="Efedrina y seudoefedrina", pt="Efedrina e pseudoefedrina"),
    _type("pmk_bmk", _noop("PMK, BMK and their pre-precursors"), "precursors", ("kg", "l", "t")),
    _type("precursors_other", _noop("Other precursors and essential chemicals"), "precursors", ("kg", "g", "t", "l", "ml")),
    # Tobacco
    _type("cigarettes", _noop("Cigarettes"), "tobacco", ("sticks", "pieces", "packs", "cartons"), fr="Cigarettes", es="Cigarrillos", pt="Cigarros", ar="سجائر"),
    _type("cigars", _noop("Cigars and cigarillos"), "tobacco", ("pieces", "sticks", "packs", "kg"), fr="Cigares et cigarillos", es="Puros y puritos", pt="Charutos e cigarrilhas"),
    _type("raw_tobacco", _noop("Raw tobacco"), "tobacco", _MASS, fr="Tabac brut", es="Tabaco en rama", pt="Tabaco em bruto"),
    _type("smoking_tobacco", _noop("Fine-cut and other smoking tobacco"), "tobacco", ("kg", "g", "packs"), fr="Tabac à rouler et autres tabacs à fumer", es="Picadura fina y otros tabacos para fumar", pt="Tabaco de corte fino e outros tabacos para fumar"),
    _type("shisha_tobacco", _noop("Water-pipe tobacco"), "tobacco", ("kg", "g", "packs"), fr="Tabac à narguilé", es="Tabaco para pipa de agua", pt="Tabaco para cachimbo de água", ar="معسل"),
    _type("e_cigarettes", _noop("Electronic cigarettes and e-liquids"), "tobacco", ("pieces", "items", "packs", "ml", "l"), fr="Cigarettes électroniques et e-liquides", es="Cigarrillos electrónicos y líquidos", pt="Cigarros eletrónicos e líquidos"),
    _type("tobacco_other", _noop("Other tobacco products"), "tobacco", ("kg", "g", "pieces", "packs")),
    # Alcohol
    _type("spirits", _noop("Spirits"), "alcohol", _LIQUID, fr="Spiritueux", es="Bebidas espirituosas", pt="Bebidas espirituosas"),
    _type("wine", _noop("Wine"), "alcohol", _LIQUID, fr="Vin", es="Vino", pt="Vinho"),
    _type("beer", _noop("Beer"), "alcohol", (*_LIQUID, "packs"), fr="Bière", es="Cerveza", pt="Cerveja"),
    _type("ethanol", _noop("Ethyl alcohol"), "alcohol", ("l", "kg", "t"), fr="Alcool éthylique", es="Alcohol etílico", pt="Álcool etílico"),
    # Other revenue and duty evasion
    _type("fuel", _noop("Fuel and mineral oils"), "other_revenue", ("l", "m3", "kg", "t"), fr="Carburants et huiles minérales", es="Combustibles y aceites minerales", pt="Combustíveis e óleos minerais"),
    _type("precious_metals", _noop("Gold and precious metals"), "other_revenue", ("kg", "g", "pieces"), fr="Or et métaux précieux", es="Oro y metales preciosos", pt="Ouro e metais preciosos"),
    _type("vehicles", _noop("Vehicles"), "other_revenue", ("pieces",), fr="Véhicules", es="Vehículos", pt="Veículos"),
    _type("revenue_other", _noop("Other goods evading duties"), "other_revenue", ()),
    # IPR and counterfeits
    _type("ipr_clothing", _noop("Clothing and accessories"), "ipr", ("pieces", "items", "pairs", "kg")),
    _type("ipr_footwear", _noop("Footwear"), "ipr", ("pairs", "pieces", "items")),
    _type("ipr_watches", _noop("Watches and jewellery"), "ipr", ("pieces", "items")),
    _type("ipr_electronics", _noop("Electronics and accessories"), "ipr", _COUNTABLE),
    _type("ipr_cosmetics", _noop("Perfumes and cosmetics"), "ipr", (*_COUNTABLE, "bottles", "l", "ml")),
    _type("ipr_toys", _noop("Toys and games"), "ipr", _COUNTABLE),
    _type("ipr_spare_parts", _noop("Vehicle spare parts"), "ipr", _COUNTABLE),
    _type("ipr_other", _noop("Other counterfeit goods"), "ipr", ()),
    # Medicines, health and safety
    _type("fake_medicines", _noop("Falsified or substandard medicines"), "medicines", _MEDICINE, fr="Médicaments falsifiés ou de qualité inférieure", es="Medicamentos falsificados o de calidad subestándar", pt="Medicamentos falsificados ou de qualidade inferior"),
    _type("medicines_other", _noop("Unauthorised medicines"), "medicines", _MEDICINE, fr="Médicaments non autorisés", es="Medicamentos no autorizados", pt="Medicamentos não autorizados"),
    _type("doping", _noop("Doping substances"), "medicines", _MEDICINE, fr="Produits dopants", es="Sustancias dopantes", pt="Substâncias dopantes"),
    _type("unsafe_food", _noop("Unsafe foodstuffs"), "medicines", ("kg", "t", "l", "pieces", "items")),
    _type("pesticides", _noop("Illegal pesticides"), "medicines", ("kg", "t", "l", "pieces")),
    _type("unsafe_products", _noop("Dangerous or non-compliant products"), "medicines", _COUNTABLE),
    # CITES fauna and flora
    _type("live_animals", _noop("Live animals"), "cites", ("specimens", "kg"), fr="Animaux vivants", es="Animales vivos", pt="Animais vivos"),
    _type("animal_parts", _noop("Animal parts and products"), "cites", _SPECIMENS, fr="Parties et produits d'animaux", es="Partes y productos de animales", pt="Partes e produtos de animais"),
    _type("ivory", _noop("Ivory"), "cites", _SPECIMENS, fr="Ivoire", es="Marfil", pt="Marfim", ar="عاج"),
    _type("rhino_horn", _noop("Rhinoceros horn"), "cites", _SPECIMENS, fr="Corne de rhinocéros", es="Cuerno de rinoceronte", pt="Chifre de rinoceronte"),
    _type("pangolin_scales", _noop("Pangolin scales"), "cites", ("kg", "g"), fr="Écailles de pangolin", es="Escamas de pangolín", pt="Escamas de pangolim"),
    _type("glass_eels", _noop("Glass eels"), "cites", ("kg", "specimens"), fr="Civelles", es="Angulas", pt="Meixão"),
    _type("shark_fins", _noop("Shark fins"), "cites", ("kg", "pieces"), fr="Ailerons de requin", es="Aletas de tiburón", pt="Barbatanas de tubarão"),
    _type("caviar", _noop("Caviar"), "cites", ("kg", "g", "pieces"), fr="Caviar", es="Caviar", pt="Caviar"),
    _type("timber", _noop("Protected timber"), "cites", ("m3", "kg", "t", "pieces"), fr="Bois protégé", es="Madera protegida", pt="Madeira protegida"),
    _type("plants", _noop("Protected plants"), "cites", _SPECIMENS, fr="Plantes protégées", es="Plantas protegidas", pt="Plantas protegidas"),
    # Waste and ozone-depleting substances
    _type("hazardous_waste", _noop("Hazardous waste"), "waste_ods", ("kg", "t", "m3"), fr="Déchets dangereux", es="Residuos peligrosos", pt="Resíduos perigosos"),
    _type("e_waste", _noop("Electrical and electronic waste"), "waste_ods", ("kg", "t", "pieces")),
    _type("plastic_waste", _noop("Plastic waste"), "waste_ods", ("kg", "t", "m3")),
    _type("ods", _noop("Ozone-depleting substances"), "waste_ods", ("kg", "t", "pieces"), fr="Substances appauvrissant la couche d'ozone", es="Sustancias que agotan la capa de ozono", pt="Substâncias que empobrecem a camada de ozono"),
    _type("hfc", _noop("Fluorinated greenhouse gases (HFCs)"), "waste_ods", ("kg", "t", "pieces")),
    # Weapons and ammunition
    _type("firearms", _noop("Firearms"), "weapons", ("pieces",), fr="Armes à feu", es="Armas de fuego", pt="Armas de fogo", ar="أسلحة نارية"),
    _type("firearm_parts", _noop("Firearm parts and components"), "weapons", ("pieces", "items", "kg")),
    _type("ammunition", _noop("Ammunition"), "weapons", ("pieces", "packs", "kg"), fr="Munitions", es="Municiones", pt="Munições", ar="ذخيرة"),
    _type("explosives", _noop("Explosives"), "weapons", ("kg", "g", "pieces"), fr="Explosifs", es="Explosivos", pt="Explosivos"),
    _type("bladed_weapons", _noop("Bladed weapons"), "weapons", ("pieces",), fr="Armes blanches", es="Armas blancas", pt="Armas brancas"),
    _type("weapons_other", _noop("Other weapons"), "weapons", ("pieces", "items")),
    # Strategic and dual-use goods
    _type("dual_use", _noop("Dual-use goods"), "strategic", ("pieces", "items", "kg"), fr="Biens à double usage", es="Productos de doble uso", pt="Produtos de dupla utilização"),
    _type("military_goods", _noop("Military goods"), "strategic", ("pieces", "items")),
    _type("radioactive", _noop("Radioactive and nuclear material"), "strategic", ("kg", "g", "pieces")),
    # Cash and currency
    _type("banknotes", _noop("Banknotes"), "cash", ("pieces", "items"), fr="Billets de banque", es="Billetes de banco", pt="Notas de banco"),
    _type("coins", _noop("Coins"), "cash", ("pieces", "kg"), fr="Pièces de monnaie", es="Monedas", pt="Moedas"),
    _type("bni", _noop("Bearer negotiable instruments"), "cash", ("items", "pieces"), fr="Instruments négociables au porteur", es="Instrumentos negociables al portador", pt="Instrumentos negociáveis ao portador"),
    # Cultural objects
    _type("antiquities", _noop("Archaeological objects and antiquities"), "cultural_objects", ("pieces", "items")),
    _type("artworks", _noop("Works of art"), "cultural_objects", ("pieces", "items"), fr="Œuvres d'art", es="Obras de arte", pt="Obras de arte"),
    _type("manuscripts", _noop("Manuscripts, books and archives"), "cultural_objects", ("pieces", "items")),
    _type("ancient_coins", _noop("Ancient coins"), "cultural_objects", ("pieces", "kg")),
)  # fmt: skip

DETECTION_METHODS: tuple[BuiltinEntry, ...] = (
    BuiltinEntry("risk_profiling", _noop("Risk profiling"), _t("Profilage des risques", "Perfil de riesgo", "Perfil de risco")),
    BuiltinEntry("intelligence", _noop("Intelligence or tip-off"), _t("Renseignement ou dénonciation", "Inteligencia o denuncia", "Informações ou denúncia")),
    BuiltinEntry("routine_control", _noop("Routine control"), _t("Contrôle de routine", "Control rutinario", "Controlo de rotina")),
    BuiltinEntry("random_check", _noop("Random check"), _t("Contrôle aléatoire", "Control aleatorio", "Controlo aleatório")),
    BuiltinEntry("xray", _noop("X-ray or scanner"), _t("Rayons X ou scanner", "Rayos X o escáner", "Raios X ou scanner")),
    BuiltinEntry("detector_dog", _noop("Detector dog"), _t("Chien détecteur", "Perro detector", "Cão detetor")),
    BuiltinEntry("document_check", _noop("Documentary check"), _t("Contrôle documentaire", "Control documental", "Controlo documental")),
    BuiltinEntry("joint_operation", _noop("Joint operation"), _t("Opération conjointe", "Operación conjunta", "Operação conjunta")),
    BuiltinEntry("post_clearance", _noop("Post-clearance audit"), _t("Contrôle a posteriori", "Control posterior al despacho", "Controlo a posteriori")),
    BuiltinEntry("other", _noop("Other"), _t("Autre", "Otro", "Outro", "أخرى")),
)  # fmt: skip

CONCEALMENT_METHODS: tuple[BuiltinEntry, ...] = (
    BuiltinEntry("in_baggage", _noop("In baggage"), _t("Dans les bagages", "En el equipaje", "Na bagagem")),
    BuiltinEntry("on_body", _noop("On the body"), _t("Sur le corps", "Adosado al cuerpo", "No corpo")),
    BuiltinEntry("internal", _noop("Swallowed or internal"), _t("Ingéré ou in corpore", "Ingerido o intracorporal", "Ingerido ou intracorporal")),
    BuiltinEntry("in_cargo", _noop("In goods or cargo"), _t("Dans les marchandises ou le fret", "En mercancías o carga", "Em mercadorias ou carga")),
    BuiltinEntry("natural_cavity", _noop("Natural cavity in a vehicle"), _t("Cavité naturelle d'un véhicule", "Cavidad natural de un vehículo", "Cavidade natural de um veículo")),
    BuiltinEntry("compartment", _noop("Specially built compartment"), _t("Cache aménagée", "Compartimento oculto construido", "Compartimento oculto construído")),
    BuiltinEntry("postal_item", _noop("In a postal item"), _t("Dans un envoi postal", "En un envío postal", "Num envio postal")),
    BuiltinEntry("misdeclaration", _noop("Misdeclaration"), _t("Fausse déclaration", "Declaración falsa", "Falsa declaração")),
    BuiltinEntry("rip_on_rip_off", _noop("Rip-on/rip-off"), _t("Rip-on/rip-off", "Gancho ciego (rip-on/rip-off)", "Rip-on/rip-off")),
    BuiltinEntry("personal_effects", _noop("In personal effects"), _t("Dans les effets personnels", "En efectos personales", "Em objetos pessoais")),
    BuiltinEntry("other", _noop("Other"), _t("Autre", "Otro", "Outro", "أخرى")),
)  # fmt: skip

CONVEYANCE_TYPES: tuple[BuiltinEntry, ...] = (
    BuiltinEntry("air_passenger", _noop("Air passenger"), _t("Passager aérien", "Pasajero aéreo", "Passageiro aéreo")),
    BuiltinEntry("air_cargo", _noop("Air cargo"), _t("Fret aérien", "Carga aérea", "Carga aérea")),
    BuiltinEntry("postal", _noop("Postal"), _t("Postal", "Postal", "Postal")),
    BuiltinEntry("express_courier", _noop("Express courier"), _t("Fret express", "Mensajería urgente", "Correio expresso")),
    BuiltinEntry("sea_container", _noop("Maritime container"), _t("Conteneur maritime", "Contenedor marítimo", "Contentor marítimo")),
    BuiltinEntry("sea_vessel", _noop("Maritime vessel"), _t("Navire", "Buque", "Navio")),
    BuiltinEntry("road_vehicle", _noop("Road vehicle"), _t("Véhicule routier", "Vehículo de carretera", "Veículo rodoviário")),
    BuiltinEntry("rail", _noop("Rail"), _t("Ferroviaire", "Ferrocarril", "Ferroviário")),
    BuiltinEntry("pedestrian", _noop("Pedestrian"), _t("Piéton", "Peatón", "Peão")),
)  # fmt: skip

OFFENCE_TYPES: tuple[BuiltinEntry, ...] = (
    BuiltinEntry("smuggling", _noop("Smuggling"), _t("Contrebande", "Contrabando", "Contrabando", "تهريب")),
    BuiltinEntry("undeclared", _noop("Undeclared goods"), _t("Marchandises non déclarées", "Mercancías no declaradas", "Mercadorias não declaradas")),
    BuiltinEntry("misdecl_value", _noop("Misdeclaration of value"), _t("Fausse déclaration de valeur", "Declaración falsa del valor", "Falsa declaração do valor")),
    BuiltinEntry("misdecl_origin", _noop("Misdeclaration of origin"), _t("Fausse déclaration d'origine", "Declaración falsa del origen", "Falsa declaração da origem")),
    BuiltinEntry("misdecl_quantity", _noop("Misdeclaration of quantity"), _t("Fausse déclaration de quantité", "Declaración falsa de la cantidad", "Falsa declaração da quantidade")),
    BuiltinEntry("misdecl_tariff", _noop("Misdeclaration of description or tariff classification"), _t("Fausse déclaration d'espèce ou de classement tarifaire", "Declaración falsa de la descripción o clasificación arancelaria", "Falsa declaração da descrição ou classificação pautal")),
    BuiltinEntry("prohibited_goods", _noop("Prohibited goods"), _t("Marchandises prohibées", "Mercancías prohibidas", "Mercadorias proibidas")),
    BuiltinEntry("restricted_goods", _noop("Restricted goods without licence"), _t("Marchandises soumises à restriction sans licence", "Mercancías restringidas sin licencia", "Mercadorias sujeitas a restrições sem licença")),
    BuiltinEntry("drug_trafficking", _noop("Drug trafficking"), _t("Trafic de stupéfiants", "Tráfico de drogas", "Tráfico de droga", "الاتجار بالمخدرات")),
    BuiltinEntry("ipr_infringement", _noop("IPR infringement"), _t("Atteinte aux droits de propriété intellectuelle", "Infracción de derechos de propiedad intelectual", "Violação de direitos de propriedade intelectual")),
    BuiltinEntry("cites_violation", _noop("CITES violation"), _t("Infraction à la CITES", "Infracción CITES", "Infração CITES")),
    BuiltinEntry("cash_declaration", _noop("Breach of cash declaration"), _t("Manquement à l'obligation de déclaration d'argent liquide", "Incumplimiento de la declaración de efectivo", "Incumprimento da declaração de dinheiro líquido")),
    BuiltinEntry("money_laundering", _noop("Money laundering"), _t("Blanchiment de capitaux", "Blanqueo de capitales", "Branqueamento de capitais")),
    BuiltinEntry("excise_fraud", _noop("Excise fraud"), _t("Fraude aux droits d'accise", "Fraude de impuestos especiales", "Fraude aos impostos especiais de consumo")),
    BuiltinEntry("document_fraud", _noop("Forged or false documents"), _t("Documents faux ou falsifiés", "Documentos falsos o falsificados", "Documentos falsos ou falsificados")),
    BuiltinEntry("export_control", _noop("Breach of export controls"), _t("Violation des contrôles à l'exportation", "Infracción de los controles de exportación", "Violação dos controlos à exportação")),
    BuiltinEntry("waste_shipment", _noop("Illegal waste shipment"), _t("Transfert illicite de déchets", "Traslado ilícito de residuos", "Transferência ilícita de resíduos")),
    BuiltinEntry("other", _noop("Other offence"), _t("Autre infraction", "Otra infracción", "Outra infração")),
)  # fmt: skip
