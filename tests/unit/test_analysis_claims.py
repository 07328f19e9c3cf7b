"""How the claim finder reads sentences: whose claim, which time and value, what is background."""

from __future__ import annotations

import pytest

from streams.analysis import Analyzer
from streams.records import ArticleAnalysis, Claim
from tests.unit.analysis_support import analyse


def kinds(analysis: ArticleAnalysis) -> dict[str, Claim]:
    return {c.kind: c for c in analysis.claims}


def test_a_past_event_told_as_background_is_no_claim(analyzer: Analyzer) -> None:
    analysis = analyse(
        analyzer,
        "NIO's quiet years",
        "NIO was founded in 2014 and spent years developing its technology before showing its "
        "first electric cars in 2016.",
    )
    assert analysis.claims == []


def test_an_event_of_the_last_days_still_counts(analyzer: Analyzer) -> None:
    analysis = analyse(
        analyzer,
        "Xiaomi hands over its first cars",
        "Xiaomi began delivering its SU7 electric sedan to customers on February 27.",
    )
    assert kinds(analysis)["deliveries_start"].time == "2023-02-27"


def test_each_milestone_of_a_sentence_keeps_its_own_time(analyzer: Analyzer) -> None:
    analysis = analyse(
        analyzer,
        "Sony's car plans",
        "Sony will open orders for its electric sedan in the first half of 2025, and first "
        "deliveries will take place in spring 2026.",
    )
    found = kinds(analysis)
    assert (found["orders_start"].time, found["deliveries_start"].time) == ("2025-H1", "2026-SP")
    assert "first_car_target" not in found  # the orders are the news, not a first-car date


def test_a_title_claim_takes_the_date_of_the_lead(analyzer: Analyzer) -> None:
    analysis = analyse(
        analyzer,
        "Xiaomi unveils its first electric car",
        "Xiaomi showed the SU7 sedan to the press in Beijing on February 28.\n\n"
        "The car is about five metres long.",
    )
    assert kinds(analysis)["unveil"].time == "2023-02-28"


def test_a_sentence_without_a_name_belongs_to_the_only_company_of_the_article(
    analyzer: Analyzer,
) -> None:
    analysis = analyse(
        analyzer,
        "Xiaomi sets a date for its car",
        "Xiaomi has been hiring engineers for months.\n\n"
        "Mass production of the car will start in the first half of 2024.",
    )
    claim = kinds(analysis)["first_car_target"]
    assert (claim.entity, claim.time) == ("Xiaomi", "2024-H1")


def test_the_company_named_just_before_is_the_one_referred_to(analyzer: Analyzer) -> None:
    analysis = analyse(
        analyzer,
        "Carmakers' targets for 2024",
        "BYD sold more cars than ever.\n\n"
        "Li Auto keeps its target. The carmaker wants to deliver 560,000 vehicles in 2024.",
    )
    assert kinds(analysis)["delivery_target"].entity == "Li Auto"


def test_a_decimal_comma_does_not_cut_the_sentence_into_clauses() -> None:
    analysis = analyse(
        Analyzer(),
        "Hyundai setzt auf Elektroautos",
        "Hyundai plant ein neues Werk. Der Konzern wird 5,54 Milliarden Dollar in ein neues Werk "
        "für Elektroautos investieren.",
    )
    assert kinds(analysis)["investment"].value == "USD 5540000000"


def test_share_prices_and_share_counts_are_no_sums(analyzer: Analyzer) -> None:
    analysis = analyse(
        analyzer,
        "XPeng confirms plan for Hong Kong listing",
        "XPeng will list its shares in Hong Kong and sell 85 million shares. "
        "Its New York shares rose 2.3 percent to 41.05 dollars.",
    )
    assert kinds(analysis)["listing"].value is None


def test_the_listing_venue_may_come_from_elsewhere_in_the_article(analyzer: Analyzer) -> None:
    analysis = analyse(
        analyzer,
        "NIO raises $1 billion in the year's biggest debut",
        "NIO raised $1 billion in its initial public offering.\n\n"
        "The shares opened at $6.26 on the New York Stock Exchange.",
    )
    listing = kinds(analysis)["listing"]
    assert (listing.object, listing.value) == ("NYSE", "USD 1000000000")


def test_a_market_goods_come_from_is_not_entered(analyzer: Analyzer) -> None:
    analysis = analyse(
        analyzer,
        "NIO picks Norway",
        "NIO will bring cars from China to Norway in September 2023.",
    )
    assert kinds(analysis)["market_entry"].object == "NO"


def test_a_question_is_a_hedge(analyzer: Analyzer) -> None:
    analysis = analyse(analyzer, "Xiaomi to list its shares in Hong Kong?")
    assert kinds(analysis)["listing"].hedged


def test_a_topic_needs_a_claim_or_more_than_one_word(analyzer: Analyzer) -> None:
    listing = analyse(
        analyzer,
        "BYD plans to list its shares in Hong Kong",
        "The carmaker sold more electric cars than ever last year.",
    )
    assert [t.topic for t in listing.topics] == ["ipo"]
    passing = analyse(
        analyzer, "Weather", "It rained on the electric vehicles, on all the electric vehicles."
    )
    assert passing.topics == []


NOT_IMPLIED = {
    # language: (title, a claim stated, the same under a negated verb of meaning)
    "en": (
        "Xiaomi and the car",
        "Xiaomi will mass-produce its car in 2024.",
        "The denial does not mean that Xiaomi will mass-produce its car in 2024.",
    ),
    "fr": (
        "Xiaomi et la voiture",
        "Xiaomi lancera la production en série de sa voiture en 2024.",
        "Le démenti ne signifie pas que Xiaomi lancera la production en série de sa voiture "
        "en 2024.",
    ),
    "it": (
        "Xiaomi e l'auto",
        "Xiaomi avvierà la produzione in serie della sua auto nel 2024.",
        "La smentita non significa che Xiaomi avvierà la produzione in serie della sua auto "
        "nel 2024.",
    ),
    "de": (
        "Xiaomi und das Auto",
        "Xiaomi wird sein Auto 2024 in Serie fertigen.",
        "Das Dementi heißt nicht, dass Xiaomi sein Auto 2024 in Serie fertigen wird.",
    ),
    "es": (
        "Xiaomi y el coche",
        "Xiaomi fabricará en serie su coche en 2024.",
        "El desmentido no significa que Xiaomi vaya a fabricar en serie su coche en 2024.",
    ),
}


@pytest.mark.parametrize("lang", sorted(NOT_IMPLIED))
def test_what_a_negated_verb_of_meaning_governs_is_no_claim(analyzer: Analyzer, lang: str) -> None:
    title, stated, not_implied = NOT_IMPLIED[lang]
    assert [c.kind for c in analyse(analyzer, title, stated).claims] == ["first_car_target"]
    assert analyse(analyzer, title, not_implied).claims == []


@pytest.mark.parametrize("joint", [", but", ", and", ";"])
def test_a_negated_verb_of_meaning_reaches_no_further_than_but_or_a_new_clause(
    analyzer: Analyzer, joint: str
) -> None:
    analysis = analyse(
        analyzer,
        "Xiaomi and the car",
        f"The delay does not mean the project is in doubt{joint} Xiaomi will mass-produce its "
        "car in 2024.",
    )
    assert [(c.kind, c.time) for c in analysis.claims] == [("first_car_target", "2024")]


def test_names_joined_by_and_stay_in_the_reach_of_a_negated_verb_of_meaning(
    analyzer: Analyzer,
) -> None:
    analysis = analyse(
        analyzer,
        "Xiaomi and the car",
        "The denial does not mean that Xiaomi and Great Wall will mass-produce the car in 2024.",
    )
    assert analysis.claims == []


WHEN_MENTIONED = {
    # language: (title, a listing whose older figure is dated by when it was mentioned)
    "en": (
        "Xiaomi sets the terms of its listing",
        "Xiaomi will list its shares in Hong Kong and raise up to $6.1 billion, far from the "
        "$10 billion mentioned in spring.",
    ),
    "fr": (
        "Xiaomi fixe les conditions de sa cotation",
        "Xiaomi a fixé les conditions de son entrée à la Bourse de Hong Kong et compte lever "
        "6,1 milliards de dollars, loin des 10 milliards évoqués au printemps.",
    ),
    "it": (
        "Xiaomi fissa le condizioni",
        "Xiaomi punta a raccogliere fino a 6,1 miliardi di dollari con la quotazione alla Borsa "
        "di Hong Kong, lontano dai 10 miliardi ipotizzati in primavera.",
    ),
    "es": (
        "Xiaomi fija las condiciones",
        "Xiaomi saldrá a la Bolsa de Hong Kong para captar hasta 6.100 millones de dólares, "
        "lejos de los 10.000 millones barajados en primavera.",
    ),
}


@pytest.mark.parametrize("lang", sorted(WHEN_MENTIONED))
def test_when_a_figure_was_mentioned_is_not_the_claims_time(analyzer: Analyzer, lang: str) -> None:
    analysis = analyse(analyzer, *WHEN_MENTIONED[lang])
    assert [(c.kind, c.time, c.value) for c in analysis.claims] == [
        ("listing", None, "USD 6100000000")
    ]


MENTIONED_FOR = {
    # language: (title, a claim whose date is what was mentioned, not when)
    "en": ("Xiaomi and the car", "Xiaomi will mass-produce its car, mentioned for 2024."),
    "fr": (
        "Xiaomi et la voiture",
        "Xiaomi lancera la production en série de sa voiture, évoquée pour 2024.",
    ),
    "it": (
        "Xiaomi e l'auto",
        "Xiaomi avvierà la produzione in serie della sua auto, ipotizzata per il 2024.",
    ),
    "es": ("Xiaomi y el coche", "Xiaomi fabricará en serie su coche, barajado para 2024."),
}


@pytest.mark.parametrize("lang", sorted(MENTIONED_FOR))
def test_a_date_something_was_mentioned_for_stays_the_claims_time(
    analyzer: Analyzer, lang: str
) -> None:
    analysis = analyse(analyzer, *MENTIONED_FOR[lang])
    assert [(c.kind, c.time) for c in analysis.claims] == [("first_car_target", "2024")]
