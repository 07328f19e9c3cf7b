"""Mechanisms that keep the analysis right on news it was not tuned on: the venue of this
listing, the nature of a deal, entries into new markets only, whose model a name is, and which
dates belong to the claim rather than to the report about it."""

from __future__ import annotations

import pytest

from streams.analysis import Analyzer
from tests.unit.analysis_support import analyse, keys, times


def test_a_named_exchange_beats_the_city_and_guesses_from_elsewhere(analyzer: Analyzer) -> None:
    analysis = analyse(
        analyzer,
        "NIO to go public in New York",
        "NIO said its shares will trade on the Nasdaq once the deal closes.\n\n"
        "Its parent, listed in Hong Kong for years, backs the plan.\n\n"
        "The initial public offering is the largest of the year.",
    )
    assert keys(analysis) == {"NIO|ipo|listing|NASDAQ"}


def test_two_exchanges_named_outright_stay_two_listings(analyzer: Analyzer) -> None:
    analysis = analyse(
        analyzer,
        "NIO adds a second listing",
        "NIO, whose shares trade on the New York Stock Exchange, will list on the Hong Kong "
        "Stock Exchange next month.",
    )
    assert "NIO|ipo|listing|HKEX" in keys(analysis)


def test_a_merger_agreement_is_no_partnership(analyzer: Analyzer) -> None:
    analysis = analyse(
        analyzer,
        "NIO unit heads for the stock market",
        "NIO's battery arm signed a merger agreement with Apex Harbour Acquisition Corp, a "
        "blank-cheque company, to build a listed battery maker.",
    )
    assert not any(c.kind.endswith("partnership") for c in analysis.claims)


@pytest.mark.parametrize(
    ("title", "body"),
    [
        (
            "Xiaomi and The Trade Desk seal their deal",
            "It is now official: Xiaomi and The Trade Desk have signed the agreement. The "
            "programmatic platform will sell the advertising space of Xiaomi's phone apps.",
        ),
        (
            "Xiaomi e The Trade Desk firmano l'accordo",
            "Adesso è ufficiale: Xiaomi e The Trade Desk hanno firmato l'accordo. La piattaforma "
            "venderà gli spazi pubblicitari delle app dei telefoni Xiaomi.",
        ),
    ],
)
def test_a_deal_takes_its_nature_from_the_paragraph(
    analyzer: Analyzer, title: str, body: str
) -> None:
    analysis = analyse(analyzer, title, body)
    kinds = {c.kind for c in analysis.claims}
    assert kinds == {"partnership"}
    assert {c.status for c in analysis.claims} == {"confirmed"}


@pytest.mark.parametrize(
    ("title", "body"),
    [
        (
            "Xiaomi's first car",
            "La compañía aprovechó un acto en Pekín, capital de China, para anunciar que su "
            "coche llegará a las carreteras en 2024.",
        ),
        (
            "Xiaomi en Bourse",
            "Les valeurs chinoises cotées aux États-Unis ont souffert, sur fond de tensions "
            "entre Washington et Pékin sur l'accès aux audits de Xiaomi.",
        ),
        ("Xiaomi's results", "Xiaomi sells its phones in India through thousands of shops."),
    ],
)
def test_no_market_entry_without_a_market_entered(
    analyzer: Analyzer, title: str, body: str
) -> None:
    analysis = analyse(analyzer, title, body)
    assert not any(c.kind == "market_entry" for c in analysis.claims)


def test_a_market_entry_names_the_market_in_its_clause(analyzer: Analyzer) -> None:
    analysis = analyse(
        analyzer,
        "Xiaomi à l'assaut de l'Amérique",
        "Xiaomi, déjà numéro trois en Chine, entre sur le marché américain cette année.",
    )
    assert keys(analysis) == {"Xiaomi|us_market|market_entry|US"}


@pytest.mark.parametrize(
    ("title", "body", "kind", "time"),
    [
        (
            "NIO delays its sedan",
            "NIO said on Monday that the ET9 sedan will go on sale in the first quarter of 2024.",
            "launch",
            "2024-Q1",
        ),
        (
            "NIO retarde sa berline",
            "NIO a annoncé lundi que la commercialisation de la berline ET9 ne débutera qu'au "
            "premier trimestre 2024.",
            "launch",
            "2024-Q1",
        ),
    ],
)
def test_the_day_something_was_said_is_not_the_claims_time(
    analyzer: Analyzer, title: str, body: str, kind: str, time: str
) -> None:
    analysis = analyse(analyzer, title, body)
    assert {c.kind: c.time for c in analysis.claims}.get(kind) == time


def test_without_its_own_date_a_factory_claim_does_not_take_the_day_of_the_announcement(
    analyzer: Analyzer,
) -> None:
    analysis = analyse(
        analyzer,
        "NIO picks a site",
        "NIO announced on Tuesday that it will build a factory in Hefei.",
    )
    assert [c.time for c in analysis.claims if c.kind == "factory"] in ([], [None])


def test_a_model_is_a_known_product_or_a_company_name_with_a_number() -> None:
    from streams.analysis.entities import EntityCatalog
    from streams.analysis.schema import EntitySpec

    catalog = EntityCatalog.build([EntitySpec(name="Polestar")])
    text = "The Polestar 3 rivals the Tesla Model 3; Polestar 2023 sales and Polestar 4.5% rise."
    found = catalog.find_models(text)
    assert [(m.id, catalog.model_owner(text, m)) for m in found] == [
        ("Polestar 3", "Polestar"),
        ("Model 3", "Tesla"),
    ]
    rival = "It competes with the Tesla Model 3 and the Xiaomi SU7."
    assert [catalog.model_owner(rival, m) for m in catalog.find_models(rival)] == [
        "Tesla",
        "Xiaomi",
    ]


def test_another_companys_model_is_no_launch_of_the_subject(analyzer: Analyzer) -> None:
    analysis = analyse(
        analyzer,
        "NIO's sedan",
        "NIO has five electric models on sale in China, including a sedan that competes with "
        "the Tesla Model 3.",
    )
    assert not any(c.object == "Model 3" for c in analysis.claims)


def test_a_title_claim_takes_its_amount_from_the_lead(analyzer: Analyzer) -> None:
    analysis = analyse(
        analyzer,
        "NIO abaisse son objectif de livraisons pour 2023",
        "NIO revoit ses ambitions. Le constructeur table désormais sur environ 150 000 "
        "livraisons en 2023, contre 200 000 annoncées en début d'année.",
    )
    target = next(c for c in analysis.claims if c.kind == "delivery_target")
    assert (target.object, target.value) == ("2023", "UNITS 150000")


def test_depositary_shares_are_counted_not_money(analyzer: Analyzer) -> None:
    analysis = analyse(
        analyzer,
        "NIO fixe les conditions de son introduction au New York Stock Exchange",
        "NIO proposera 17,5 millions d'American Depositary Shares et pourrait lever jusqu'à "
        "367,5 millions de dollars.",
    )
    listing = next(c for c in analysis.claims if c.kind == "listing")
    assert (listing.object, listing.value) == ("NYSE", "USD 367500000")


@pytest.mark.parametrize(
    ("title", "body", "key"),
    [
        (
            "NIO geht an die Börse – und beerdigt das eigene Elektroauto",
            "Das Projekt eines eigenen Elektroautos, das der Konzern groß angekündigt hatte, "
            "ist eingestellt.",
            "NIO|ev|project_cancelled|",
        ),
        (
            "Xiaomi rinvia all'autunno l'arrivo dei suoi smartphone negli Stati Uniti",
            "Il debutto dei telefoni Xiaomi negli Stati Uniti slitta all'autunno.",
            "Xiaomi|us_market|market_entry|US",
        ),
        (
            "Xiaomi sceglie The Trade Desk",
            "Xiaomi ha scelto The Trade Desk per vendere gli spazi pubblicitari delle sue app.",
            "Xiaomi|ads_partnership|partnership|The Trade Desk",
        ),
    ],
)
def test_claims_worded_in_other_ways(analyzer: Analyzer, title: str, body: str, key: str) -> None:
    assert key in keys(analyse(analyzer, title, body))


def test_the_time_of_the_reports_confirmed_is_not_the_claims(analyzer: Analyzer) -> None:
    analysis = analyse(
        analyzer,
        "NIO dépose son prospectus",
        "NIO a déposé son projet de prospectus en vue d'une introduction à la Bourse de Hong "
        "Kong, confirmant les informations parues dans la presse cet été.",
    )
    listing = next(c for c in analysis.claims if c.kind == "listing")
    assert (listing.time, listing.status) == (None, "confirmed")


def test_a_headline_carries_the_rumour_of_its_lead(analyzer: Analyzer) -> None:
    analysis = analyse(
        analyzer,
        "NIO prepara la quotazione a Hong Kong",
        "Secondo indiscrezioni, NIO starebbe lavorando con alcune banche per quotarsi alla "
        "Borsa di Hong Kong nel quarto trimestre.",
    )
    listing = next(c for c in analysis.claims if c.kind == "listing")
    assert listing.hedged


def test_a_french_imperfect_is_no_conditional(analyzer: Analyzer) -> None:
    analysis = analyse(
        analyzer,
        "NIO vise 25 000 véhicules en 2023",
        "NIO prévoit de livrer 25 000 véhicules en 2023, deux fois moins que ce qu'espéraient "
        "certains analystes.",
    )
    assert not any(c.hedged for c in analysis.claims)


def test_a_carmakers_listing_is_an_ev_story_when_its_cars_are_told_of(analyzer: Analyzer) -> None:
    analysis = analyse(
        analyzer,
        "NIO to go public on the Nasdaq",
        "NIO, the electric-car brand, will list its shares on the Nasdaq. The carmaker "
        "delivered 10,000 cars last year and will add three electric-vehicle models.",
    )
    assert {t.topic for t in analysis.topics} == {"ipo", "ev"}


def test_one_mention_of_cars_does_not_make_a_listing_an_ev_story(analyzer: Analyzer) -> None:
    analysis = analyse(
        analyzer,
        "Xiaomi to go public in Hong Kong",
        "Xiaomi will list its shares on the Hong Kong Stock Exchange; it sells phones, "
        "televisions and scooters, and may one day make cars.",
    )
    assert {t.topic for t in analysis.topics} == {"ipo"}


def test_the_first_trades_on_an_exchange_date_the_listing(analyzer: Analyzer) -> None:
    analysis = analyse(
        analyzer,
        "NIO fixe les modalités de sa cotation à Hong Kong",
        "NIO a fixé les modalités de sa cotation secondaire à Hong Kong. Les premiers échanges "
        "sur la place hongkongaise sont prévus en avril.",
    )
    assert times(analysis).get("NIO|ipo|listing|HKEX") == ("2023-04", None)


def test_electric_pickups_and_suvs_make_a_listing_an_ev_story_too(analyzer: Analyzer) -> None:
    analysis = analyse(
        analyzer,
        "NIO pide salir a bolsa en el Nasdaq",
        "NIO, fabricante de camionetas eléctricas, pide cotizar en el Nasdaq.\n\n"
        "Ya vende un todoterreno de siete plazas y prepara un todocamino más pequeño, y espera "
        "que la demanda de vehículos eléctricos siga creciendo.",
    )
    assert {t.topic for t in analysis.topics} == {"ipo", "ev"}
