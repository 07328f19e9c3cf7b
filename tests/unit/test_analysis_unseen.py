"""Mechanisms found on a corpus the analysis had never seen: where a claim's time may come
from outside its own clause, which words decide a deal's nature, who the subject of an
apposition is, and the vocabulary of factories, unveilings and launches in five languages."""

from __future__ import annotations

import pytest

from streams.analysis import Analyzer
from tests.unit.analysis_support import analyse, times


@pytest.mark.parametrize(
    ("title", "body", "key", "time"),
    [
        (
            "VW und XPeng",
            "VW und XPeng entwickeln gemeinsam zwei Elektromodelle für den chinesischen Markt, "
            "die ab 2026 vom Band laufen.",
            "Volkswagen|ev|manufacturing_partnership|XPeng",
            ("2026", "ON_OR_AFTER"),
        ),
        (
            "NIO en Hongrie",
            "NIO construira une usine à Debrecen, où la production démarrera en 2025.",
            "NIO|ev|factory|",
            ("2025", None),
        ),
    ],
)
def test_a_relative_clause_right_after_the_trigger_dates_the_claim(
    analyzer: Analyzer, title: str, body: str, key: str, time: tuple[str, str | None]
) -> None:
    assert times(analyse(analyzer, title, body)).get(key) == time


def test_a_past_time_in_the_attached_clause_is_history_not_the_claims(
    analyzer: Analyzer,
) -> None:
    analysis = analyse(
        analyzer,
        "NIO en Brasil",
        "NIO producirá coches en la antigua planta de una marca alemana, que compró en 2019, "
        "a partir de 2024.",
    )
    assert times(analysis).get("NIO|ev|factory|") == ("2024", "ON_OR_AFTER")


def test_an_earlier_clause_still_keeps_its_relative_clause_times(analyzer: Analyzer) -> None:
    analysis = analyse(
        analyzer,
        "NIO's plans",
        "NIO, which opened a plant in 2025, will start deliveries of the ET9 sedan in June.",
    )
    assert times(analysis).get("NIO|ev|deliveries_start|") == ("2023-06", None)


@pytest.mark.parametrize(
    ("title", "body", "key", "time"),
    [
        (
            "Volkswagen signs an ad-tech deal",
            "Volkswagen has struck a partnership with the advertising platform AdLumen. Brands "
            "will be able to buy ads on its car screens from next year.",
            "Volkswagen|ads_partnership|partnership|AdLumen",
            ("2024", "ON_OR_AFTER"),
        ),
        (
            "NIO choisit la Hongrie",
            "NIO investira 2 milliards de dollars dans une usine de batteries. La production y "
            "débutera en juillet 2025, avec 150 000 véhicules par an.",
            "NIO|ev|factory|",
            ("2025-07", None),
        ),
        (
            "NIO baut in Ungarn",
            "NIO will in Debrecen ein Werk errichten, teilte der Konzern mit.\n\n"
            "Geplant sind 9000 Arbeitsplätze. Die Produktion soll 2025 beginnen.",
            "NIO|ev|factory|",
            ("2025", None),
        ),
    ],
)
def test_a_claim_without_a_date_takes_the_one_the_next_sentences_give(
    analyzer: Analyzer, title: str, body: str, key: str, time: tuple[str, str | None]
) -> None:
    assert times(analyse(analyzer, title, body)).get(key) == time


@pytest.mark.parametrize(
    "follow_up",
    [
        "Tesla will open its own plant in Texas in 2025.",  # another company's story
        "The two firms met on Tuesday, March 7.",  # a day is another event's
        "NIO had been in the news in 2019 for other reasons.",  # history
    ],
)
def test_a_following_sentence_about_something_else_gives_no_date(
    analyzer: Analyzer, follow_up: str
) -> None:
    analysis = analyse(
        analyzer,
        "NIO and Foxconn",
        f"NIO has teamed up with Foxconn to build its cars. {follow_up}",
    )
    assert times(analysis).get("NIO|ev|manufacturing_partnership|Foxconn") == (None, None)


@pytest.mark.parametrize(
    ("title", "body"),
    [
        ("NIO's battery plant", "NIO will build a battery plant in Hefei, to open in 2025."),
        ("NIO baut", "NIO errichtet in Ungarn ein Batteriewerk, das 2025 in Betrieb geht."),
        ("NIO baut", "NIO baut eine Batteriefabrik in Ungarn; die Produktion beginnt 2025."),
        ("NIO investit", "NIO construira une usine de batteries en Hongrie d'ici 2025."),
        ("NIO investe", "NIO costruirà uno stabilimento di batterie in Ungheria entro il 2025."),
        ("NIO invierte", "NIO construirá una planta de baterías en Hungría en 2025."),
    ],
)
def test_battery_plants_are_factories_too(analyzer: Analyzer, title: str, body: str) -> None:
    assert "NIO|ev|factory|" in times(analyse(analyzer, title, body))


def test_a_shareholder_in_a_relative_clause_is_no_partner(analyzer: Analyzer) -> None:
    analysis = analyse(
        analyzer,
        "NIO's new plant",
        "NIO, the carmaker whose largest shareholder is Tencent, will build a factory for "
        "battery materials near Hefei in 2025.",
    )
    assert not any(c.kind.endswith("partnership") for c in analysis.claims)


def test_a_university_is_no_manufacturing_partner(analyzer: Analyzer) -> None:
    analysis = analyse(
        analyzer,
        "NIO's new plant",
        "NIO promised that the plant would train workers in partnership with Ferris State "
        "University.",
    )
    assert not any(c.kind.endswith("partnership") for c in analysis.claims)


@pytest.mark.parametrize(
    ("title", "body", "expected"),
    [
        (
            "Les téléphones de Xiaomi afficheront des contenus sponsorisés",
            "Xiaomi est en discussions avancées avec Outbrain pour intégrer des contenus "
            "sponsorisés à ses téléphones.",
            "Xiaomi|ads_partnership|partnership|Outbrain",
        ),
        (
            "Xiaomi negocia con Outbrain",
            "El fabricante chino de teléfonos Xiaomi está en conversaciones avanzadas con "
            "Outbrain para integrar recomendaciones de contenido y anuncios en sus móviles.",
            "Xiaomi|ads_partnership|partnership|Outbrain",
        ),
    ],
)
def test_a_content_recommendation_deal_is_an_ad_partnership(
    analyzer: Analyzer, title: str, body: str, expected: str
) -> None:
    found = {c.key for c in analyse(analyzer, title, body).claims}
    assert expected in found
    assert not any("manufacturing_partnership" in key for key in found)


def test_a_reference_stands_for_the_company_named_before_it(analyzer: Analyzer) -> None:
    analysis = analyse(
        analyzer,
        "Xiaomi y The Trade Desk",
        "Quien compre un teléfono de Xiaomi encontrará noticias con publicidad. Es el "
        "resultado del acuerdo que la marca china y la plataforma publicitaria The Trade Desk "
        "anunciaron el martes.",
    )
    keys = {c.key for c in analysis.claims}
    assert "The Trade Desk|ads_partnership|partnership|Xiaomi" in keys


def test_an_aside_after_the_opening_name_does_not_take_the_subject(
    analyzer: Analyzer,
) -> None:
    analysis = analyse(
        analyzer,
        "Xiaomi weighs a US debut",
        "Xiaomi, the phone maker that competes with Samsung, is exploring a launch in the "
        "United States next year, according to people familiar with the matter.",
    )
    entry = next(c for c in analysis.claims if c.kind == "market_entry")
    assert (entry.entity, entry.object, entry.time, entry.hedged) == ("Xiaomi", "US", "2024", True)


@pytest.mark.parametrize(
    ("title", "body"),
    [
        (
            "Xiaomi und die USA",
            "Der Europachef von Xiaomi hat Berichte zurückgewiesen, wonach das Unternehmen einen "
            "Marktstart in den Vereinigten Staaten vorbereite.",
        ),
        (
            "Xiaomi and America",
            "Xiaomi poured cold water on reports that it would enter the United States.",
        ),
        (
            "Xiaomi et les États-Unis",
            "Xiaomi n'a pas l'intention d'entrer sur le marché américain, a dit son patron.",
        ),
    ],
)
def test_denials_in_other_words(analyzer: Analyzer, title: str, body: str) -> None:
    entries = [c for c in analyse(analyzer, title, body).claims if c.kind == "market_entry"]
    assert [(c.object, c.status) for c in entries] == [("US", "denied")]


def test_a_consent_banner_is_not_the_lead(analyzer: Analyzer) -> None:
    analysis = analyse(
        analyzer,
        "NIO dévoilera sa nouvelle berline en septembre",
        "Nous et nos partenaires utilisons des cookies pour stocker des informations. "
        "Accepter et fermer | En savoir plus\n\n"
        "NIO présentera au public le premier modèle de sa nouvelle gamme, un SUV électrique "
        "baptisé eT5, en septembre à Munich. La commercialisation de l'eT5 débutera au "
        "printemps 2024.",
    )
    assert times(analysis) == {
        "NIO|ev|unveil|": ("2023-09", None),
        "NIO|ev|launch|eT5": ("2024-SP", None),
    }


def test_a_word_capitalised_only_as_the_sentence_opens_makes_no_german_name(
    analyzer: Analyzer,
) -> None:
    """ "Beide Unternehmen": "Beide" is capitalised for the sentence, "Unternehmen" as every
    German noun is; the article's other "Unternehmen" does not make it a partner's name."""
    analysis = analyse(
        analyzer,
        "Xiaomi und die Werbung",
        "Beide Unternehmen bestätigten am Mittwoch eine Werbepartnerschaft mit Xiaomi. Das "
        "Unternehmen aus Peking will damit mehr Werbung verkaufen.",
    )
    assert analysis.claims == []
    # A descriptor the article uses inside a sentence still opens a name.
    named = analyse(
        analyzer,
        "Xiaomi und die Werbung",
        "Werbeplattform Lumen Ads und Xiaomi gehen eine Werbepartnerschaft ein. Die "
        "Werbeplattform Lumen Ads bestätigte die Partnerschaft.",
    )
    assert [(c.kind, c.object) for c in named.claims] == [
        ("partnership", "Werbeplattform Lumen Ads")
    ]
