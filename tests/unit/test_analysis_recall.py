"""Claims phrased in words the tuning corpora did not use: more verbs of spending money, and
battery plants as electric-car news."""

from __future__ import annotations

import pytest

from streams.analysis import Analyzer
from streams.records import Article, ArticleAnalysis
from tests.unit.analysis_support import PUBLISHED


def analyse(analyzer: Analyzer, text: str) -> ArticleAnalysis:
    article = Article(article_id="r-1", title="", text=text, published=PUBLISHED)
    return analyzer.analyze(article)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        (
            "Xiaomi builds electric cars. It has committed $4 billion to the car unit.",
            "USD 4000000000",
        ),
        (
            "Xiaomi builds electric cars and is spending €300 million on a new line.",
            "EUR 300000000",
        ),
        (
            "Xiaomi fabrique des voitures électriques. Le groupe consacrera 2 milliards d'euros "
            "à sa division automobile.",
            "EUR 2000000000",
        ),
        (
            "Xiaomi baut Elektroautos. Für das neue Modell nimmt der Konzern 500 Millionen Euro "
            "in die Hand.",
            "EUR 500000000",
        ),
        (
            "Xiaomi produce auto elettriche e mette 3 miliardi di euro sul piatto per la nuova "
            "divisione.",
            "EUR 3000000000",
        ),
        (
            "Xiaomi fabrica coches eléctricos y desembolsará 900 millones de euros en su nueva "
            "división.",
            "EUR 900000000",
        ),
    ],
)
def test_money_put_into_cars_in_other_words_is_an_investment(
    analyzer: Analyzer, text: str, value: str
) -> None:
    claims = [c for c in analyse(analyzer, text).claims if c.kind == "investment"]
    assert [(c.key, c.value) for c in claims] == [("Xiaomi|ev|investment|", value)]


@pytest.mark.parametrize(
    "text",
    [
        "Xiaomi will make battery cells for electric cars at a new battery plant in Wuhan.",
        "Xiaomi produira des cellules de batterie pour voitures électriques dans une usine "
        "de batteries.",
        "Xiaomi fertigt Batteriezellen für Elektroautos in einem neuen Batteriewerk.",
    ],
)
def test_battery_plants_are_electric_car_news(analyzer: Analyzer, text: str) -> None:
    topics = {t.topic for t in analyse(analyzer, text).topics if t.score > 0}
    assert "ev" in topics


def test_a_phone_battery_is_no_car_news(analyzer: Analyzer) -> None:
    text = "The Xiaomi 13 phone has a large battery: the battery lasts two days on one charge."
    assert "ev" not in {t.topic for t in analyse(analyzer, text).topics if t.score > 0}


@pytest.mark.parametrize(
    "text",
    [
        "Xiaomi plans an IPO on the Korea Exchange next year.",
        "Xiaomi prépare son introduction à la Bourse de Séoul l'an prochain.",
        "Xiaomi plant die Notierung an der Börse in Seoul im nächsten Jahr.",
        "Xiaomi prepara la quotazione alla Borsa di Seul l'anno prossimo.",
        "Xiaomi prepara su salida a bolsa en la Bolsa de Corea el próximo año.",
    ],
)
def test_the_seoul_exchange_is_a_listing_venue(analyzer: Analyzer, text: str) -> None:
    assert "Xiaomi|ipo|listing|KRX" in {c.key for c in analyse(analyzer, text).claims}


def test_lifting_a_mystery_raises_no_money(analyzer: Analyzer) -> None:
    text = (
        "Xiaomi a levé une partie du mystère sur sa voiture. Sur la Bourse de Hong Kong, "
        "le titre Xiaomi a gagné 2 %."
    )
    assert not [c for c in analyse(analyzer, text).claims if c.kind == "listing"]


@pytest.mark.parametrize(
    "text",
    [
        "Xiaomi hat bestätigt, dass es im nächsten Jahr in den USA starten wird.",
        "Xiaomi startet im nächsten Jahr in den USA.",
    ],
)
def test_starting_in_a_market_is_entering_it(analyzer: Analyzer, text: str) -> None:
    claims = analyse(analyzer, text).claims
    assert [(c.key, c.time) for c in claims] == [("Xiaomi|us_market|market_entry|US", "2024")]


@pytest.mark.parametrize(
    ("text", "time"),
    [
        (
            "Xiaomi spoke about the conversion of its Beijing plant. Electric cars will roll off "
            "its lines in 2025.",
            "2025",
        ),
        (
            "Xiaomi parle de l'électrification de son usine de Pékin. La fabrication de voitures "
            "électriques y démarrera en 2025.",
            "2025",
        ),
        (
            "Xiaomi spricht über die Elektrifizierung seines Werks in Peking. Die Produktion "
            "von Elektroautos soll 2026 anlaufen.",
            "2026",
        ),
    ],
)
def test_electrifying_a_plant_is_a_plant_claim(analyzer: Analyzer, text: str, time: str) -> None:
    article = Article(article_id="r-2", title="Industrie", text=text, published=PUBLISHED)
    claims = [c for c in analyzer.analyze(article).claims if c.kind == "factory"]
    assert [(c.key, c.time) for c in claims] == [("Xiaomi|ev|factory|", time)]


def test_an_order_to_strike_a_name_off_a_named_list_lifts_the_restriction(
    analyzer: Analyzer,
) -> None:
    text = (
        "Ein Bundesrichter in Washington hat das US-Handelsministerium angewiesen, Xiaomi von "
        "der sogenannten Entity List zu streichen."
    )
    kinds = {c.key for c in analyse(analyzer, text).claims}
    assert "Xiaomi|us_market|restriction_removed|US" in kinds
