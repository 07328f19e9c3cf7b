"""Sentence templates of the benchmark corpus, per language (it, en, de, fr, es).

Written for the benchmark: claim sentences in the style of financial news, neutral filler
sentences with slots, and the boilerplate that surrounds articles on news sites. Slots:
``{entity}``, ``{time}``, ``{value}``, ``{partner}``, ``{market}``, ``{venue}`` in claims;
``{pct}``, ``{num}``, ``{city}``, ``{day}``, ``{product}``, ``{year}`` in fillers.
"""

from __future__ import annotations

from typing import Final

__all__ = [
    "BOILERPLATE",
    "CITIES",
    "CLAIMS",
    "DAYS",
    "FILLERS",
    "HEDGES",
    "LANGUAGES",
    "MARKETS",
    "MONTHS",
    "ORDINALS",
    "PRODUCTS",
    "SOURCES",
    "SPEAKERS",
    "SPEECH_CLAUSES",
    "SPEECH_VERBS",
    "TIMES",
    "TITLES",
    "VALUES",
    "VENUES",
]

LANGUAGES: Final = ("it", "en", "de", "fr", "es")

#: How each language writes a time: year, half, quarter, month, end of year.
TIMES: Final[dict[str, dict[str, str]]] = {
    "en": {
        "year": "in {year}",
        "half": "in the {ordinal} half of {year}",
        "quarter": "in the {ordinal} quarter of {year}",
        "month": "in {month} {year}",
        "end": "by the end of {year}",
    },
    "it": {
        "year": "nel {year}",
        "half": "nel {ordinal} semestre del {year}",
        "quarter": "nel {ordinal} trimestre del {year}",
        "month": "a {month} {year}",
        "end": "entro la fine del {year}",
    },
    "de": {
        "year": "im Jahr {year}",
        "half": "im {ordinal} Halbjahr {year}",
        "quarter": "im {ordinal} Quartal {year}",
        "month": "im {month} {year}",
        "end": "bis Ende {year}",
    },
    "fr": {
        "year": "en {year}",
        "half": "au {ordinal} semestre {year}",
        "quarter": "au {ordinal} trimestre {year}",
        "month": "en {month} {year}",
        "end": "d'ici la fin de {year}",
    },
    "es": {
        "year": "en {year}",
        "half": "en el {ordinal} semestre de {year}",
        "quarter": "en el {ordinal} trimestre de {year}",
        "month": "en {month} de {year}",
        "end": "antes de finales de {year}",
    },
}

ORDINALS: Final[dict[str, tuple[str, ...]]] = {
    "en": ("first", "second", "third", "fourth"),
    "it": ("primo", "secondo", "terzo", "quarto"),
    "de": ("ersten", "zweiten", "dritten", "vierten"),
    "fr": ("premier", "second", "troisième", "quatrième"),
    "es": ("primer", "segundo", "tercer", "cuarto"),
}

MONTHS: Final[dict[str, tuple[str, ...]]] = {
    "en": (
        "January", "February", "March", "April", "May", "June",
        "July", "August", "September", "October", "November", "December",
    ),
    "it": (
        "gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno",
        "luglio", "agosto", "settembre", "ottobre", "novembre", "dicembre",
    ),
    "de": (
        "Januar", "Februar", "März", "April", "Mai", "Juni",
        "Juli", "August", "September", "Oktober", "November", "Dezember",
    ),
    "fr": (
        "janvier", "février", "mars", "avril", "mai", "juin",
        "juillet", "août", "septembre", "octobre", "novembre", "décembre",
    ),
    "es": (
        "enero", "febrero", "marzo", "abril", "mayo", "junio",
        "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre",
    ),
}  # fmt: skip

#: An amount of ``{billions}`` US dollars.
VALUES: Final[dict[str, str]] = {
    "en": "${billions} billion",
    "it": "{billions} miliardi di dollari",
    "de": "{billions} Milliarden Dollar",
    "fr": "{billions} milliards de dollars",
    "es": "{billions}.000 millones de dólares",
}

#: Markets a company enters, with the preposition each language puts before them.
MARKETS: Final[dict[str, tuple[str, ...]]] = {
    "en": ("in the United States", "in India", "in Brazil", "in Japan"),
    "it": ("negli Stati Uniti", "in India", "in Brasile", "in Giappone"),
    "de": ("in den USA", "in Indien", "in Brasilien", "in Japan"),
    "fr": ("aux États-Unis", "en Inde", "au Brésil", "au Japon"),
    "es": ("en Estados Unidos", "en India", "en Brasil", "en Japón"),
}

#: Stock exchanges, as each language names them.
VENUES: Final[dict[str, tuple[str, ...]]] = {
    "en": ("the Hong Kong stock exchange", "the Shanghai stock exchange"),
    "it": ("la Borsa di Hong Kong", "la Borsa di Shanghai"),
    "de": ("die Hongkonger Börse", "die Börse in Shanghai"),
    "fr": ("Hong Kong", "Shanghai"),
    "es": ("la bolsa de Hong Kong", "la bolsa de Shanghái"),
}

#: One sentence per claim kind: ``(news topic, kind) -> template``.
CLAIMS: Final[dict[str, dict[str, str]]] = {
    "en": {
        "first_car_target": "{entity} plans to start mass production of its first electric car {time}.",
        "investment": "{entity} will invest {value} in its electric car business over the next ten years.",
        "listing": "{entity} plans to raise up to {value} in a share sale on {venue}.",
        "market_entry": "{entity} intends to start selling its smartphones {market} {time}.",
        "partnership": "{entity} has signed a global advertising partnership with {partner}.",
    },
    "it": {
        "first_car_target": "{entity} prevede di avviare la produzione in serie della sua prima auto elettrica {time}.",
        "investment": "{entity} investirà {value} nelle auto elettriche nei prossimi dieci anni.",
        "listing": "{entity} punta a raccogliere fino a {value} con la quotazione presso {venue}.",
        "market_entry": "{entity} conta di vendere i propri smartphone {market} {time}.",
        "partnership": "{entity} ha firmato una partnership pubblicitaria globale con {partner}.",
    },
    "de": {
        "first_car_target": "{entity} will die Serienproduktion seines ersten Autos {time} starten.",
        "investment": "{entity} will in den kommenden zehn Jahren {value} in das Geschäft mit Elektroautos investieren.",
        "listing": "{entity} will beim Börsengang an {venue} bis zu {value} einsammeln.",
        "market_entry": "{entity} will seine Smartphones {time} auch {market} verkaufen.",
        "partnership": "{entity} hat eine weltweite Werbepartnerschaft mit {partner} geschlossen.",
    },
    "fr": {
        "first_car_target": "{entity} prévoit de lancer la production en série de sa première voiture électrique {time}.",
        "investment": "{entity} investira {value} dans la voiture électrique au cours des dix prochaines années.",
        "listing": "{entity} compte lever jusqu'à {value} lors de son introduction en Bourse à {venue}.",
        "market_entry": "{entity} compte commercialiser ses smartphones {market} {time}.",
        "partnership": "{entity} a signé un partenariat publicitaire mondial avec {partner}.",
    },
    "es": {
        "first_car_target": "{entity} prevé iniciar la producción en serie de su primer coche eléctrico {time}.",
        "investment": "{entity} invertirá {value} en su negocio de coches eléctricos durante los próximos diez años.",
        "listing": "{entity} quiere captar hasta {value} con su salida a {venue}.",
        "market_entry": "{entity} prevé vender sus teléfonos {market} {time}.",
        "partnership": "{entity} ha firmado una alianza publicitaria mundial con {partner}.",
    },
}

#: Endings that make the claim before them a rumour: ``"<claim>, <hedge>."``.
HEDGES: Final[dict[str, tuple[str, ...]]] = {
    "en": ("people familiar with the matter said", "according to unnamed sources"),
    "it": ("secondo indiscrezioni", "secondo fonti vicine al dossier"),
    "de": ("wie Insider berichten", "heißt es aus informierten Kreisen"),
    "fr": ("selon des sources proches du dossier", "d'après des informations non confirmées"),
    "es": ("según fuentes cercanas a la operación", "según informaciones no confirmadas"),
}

TITLES: Final[dict[str, tuple[str, ...]]] = {
    "en": ("{entity} sets out its plans", "What {entity} told investors this week"),
    "it": ("{entity} svela i suoi piani", "Le novità di {entity} per gli investitori"),
    "de": ("{entity} legt seine Pläne offen", "Was {entity} den Anlegern verspricht"),
    "fr": ("{entity} dévoile ses projets", "Ce que {entity} a dit aux investisseurs"),
    "es": ("{entity} desvela sus planes", "Lo que {entity} contó a los inversores"),
}

#: Neutral sentences with slots; no watched company, no claim.
FILLERS: Final[dict[str, tuple[str, ...]]] = {
    "en": (
        "Shares in the sector rose {pct} percent in {city} on {day}, their best session in weeks.",
        "Analysts polled by the newspaper expect margins to stay thin for at least another year.",
        "The company shipped roughly {num} million devices last year, most of them in Asia.",
        "Suppliers in {city} said orders for the {product} had picked up since the spring.",
        "Fund managers remain divided on how to value hardware makers with internet ambitions.",
        "Prices for memory chips fell {pct} percent in the quarter, easing pressure on costs.",
        "A spokesperson declined to comment on the figures when reached on {day}.",
        "The {product} sold out within minutes of its launch in {city}, local media reported.",
        "Competition in the mid-range segment has pushed average selling prices down since {year}.",
        "Regulators in {city} have yet to publish the new rules on data protection.",
        "The group employs about {num} thousand people, a third of them engineers.",
        "Retail sales of consumer electronics grew {pct} percent year on year in {city}.",
        "Several brokerages raised their price targets after the results on {day}.",
        "Logistics costs remain high because of congestion at ports near {city}.",
        "The board will meet again in {city} to review the budget for {year}.",
    ),
    "it": (
        "I titoli del settore sono saliti del {pct}% a {city} nella seduta di {day}.",
        "Gli analisti interpellati si aspettano margini ancora ridotti per almeno un anno.",
        "L'anno scorso il gruppo ha spedito circa {num} milioni di dispositivi, soprattutto in Asia.",
        "I fornitori di {city} segnalano una ripresa degli ordini per il {product} dalla primavera.",
        "I gestori restano divisi su come valutare i produttori di hardware con ambizioni digitali.",
        "I prezzi dei chip di memoria sono scesi del {pct}% nel trimestre, alleggerendo i costi.",
        "Un portavoce non ha voluto commentare i dati quando è stato contattato {day}.",
        "Il {product} è andato esaurito in pochi minuti a {city}, secondo la stampa locale.",
        "La concorrenza nella fascia media ha spinto al ribasso i prezzi medi dal {year}.",
        "Le autorità di {city} non hanno ancora pubblicato le nuove regole sulla privacy.",
        "Il gruppo impiega circa {num} mila persone, un terzo delle quali ingegneri.",
        "Le vendite di elettronica di consumo sono cresciute del {pct}% su base annua a {city}.",
        "Diversi intermediari hanno alzato il prezzo obiettivo dopo i conti di {day}.",
        "I costi logistici restano alti per la congestione dei porti vicino a {city}.",
        "Il consiglio si riunirà di nuovo a {city} per esaminare il bilancio del {year}.",
    ),
    "de": (
        "Die Aktien der Branche legten am {day} in {city} um {pct} Prozent zu.",
        "Die befragten Analysten rechnen noch mindestens ein Jahr mit dünnen Margen.",
        "Im vergangenen Jahr lieferte der Konzern rund {num} Millionen Geräte aus, vor allem in Asien.",
        "Zulieferer aus {city} berichten seit dem Frühjahr von mehr Bestellungen für das {product}.",
        "Fondsmanager sind uneins, wie Hardwarehersteller mit Internetplänen zu bewerten sind.",
        "Die Preise für Speicherchips fielen im Quartal um {pct} Prozent, was die Kosten senkt.",
        "Ein Sprecher wollte sich am {day} nicht zu den Zahlen äußern.",
        "Das {product} war in {city} nach wenigen Minuten ausverkauft, berichten lokale Medien.",
        "Der Wettbewerb in der Mittelklasse drückt seit {year} auf die Durchschnittspreise.",
        "Die Behörden in {city} haben die neuen Datenschutzregeln noch nicht veröffentlicht.",
        "Der Konzern beschäftigt rund {num} tausend Menschen, ein Drittel davon Ingenieure.",
        "Der Umsatz mit Unterhaltungselektronik wuchs in {city} um {pct} Prozent zum Vorjahr.",
        "Mehrere Banken hoben nach den Zahlen vom {day} ihre Kursziele an.",
        "Die Logistikkosten bleiben wegen verstopfter Häfen bei {city} hoch.",
        "Der Vorstand trifft sich erneut in {city}, um das Budget für {year} zu prüfen.",
    ),
    "fr": (
        "Les valeurs du secteur ont gagné {pct} % à {city} lors de la séance de {day}.",
        "Les analystes interrogés s'attendent à des marges encore faibles pendant au moins un an.",
        "Le groupe a expédié environ {num} millions d'appareils l'an dernier, surtout en Asie.",
        "Les fournisseurs de {city} constatent une reprise des commandes du {product} depuis le printemps.",
        "Les gérants restent partagés sur la valorisation des fabricants de matériel connectés.",
        "Les prix des puces mémoire ont reculé de {pct} % sur le trimestre, allégeant les coûts.",
        "Un porte-parole n'a pas souhaité commenter ces chiffres {day}.",
        "Le {product} a été épuisé en quelques minutes à {city}, selon la presse locale.",
        "La concurrence dans le milieu de gamme tire les prix moyens vers le bas depuis {year}.",
        "Les autorités de {city} n'ont pas encore publié les nouvelles règles sur les données.",
        "Le groupe emploie environ {num} mille personnes, dont un tiers d'ingénieurs.",
        "Les ventes d'électronique grand public ont progressé de {pct} % sur un an à {city}.",
        "Plusieurs courtiers ont relevé leur objectif de cours après les résultats de {day}.",
        "Les coûts logistiques restent élevés en raison de la congestion des ports près de {city}.",
        "Le conseil se réunira de nouveau à {city} pour examiner le budget {year}.",
    ),
    "es": (
        "Las acciones del sector subieron un {pct} % en {city} en la sesión del {day}.",
        "Los analistas consultados esperan márgenes estrechos durante al menos un año más.",
        "El grupo distribuyó unos {num} millones de dispositivos el año pasado, sobre todo en Asia.",
        "Los proveedores de {city} notan más pedidos del {product} desde la primavera.",
        "Los gestores siguen divididos sobre cómo valorar a los fabricantes de hardware.",
        "Los precios de los chips de memoria cayeron un {pct} % en el trimestre, aliviando costes.",
        "Un portavoz declinó comentar las cifras el {day}.",
        "El {product} se agotó en pocos minutos en {city}, según la prensa local.",
        "La competencia en la gama media ha empujado los precios medios a la baja desde {year}.",
        "Las autoridades de {city} aún no han publicado las nuevas normas de protección de datos.",
        "El grupo emplea a unas {num} mil personas, un tercio de ellas ingenieros.",
        "Las ventas de electrónica de consumo crecieron un {pct} % interanual en {city}.",
        "Varias gestoras elevaron su precio objetivo tras los resultados del {day}.",
        "Los costes logísticos siguen altos por la congestión de los puertos cerca de {city}.",
        "El consejo volverá a reunirse en {city} para revisar el presupuesto de {year}.",
    ),
}

DAYS: Final[dict[str, tuple[str, ...]]] = {
    "en": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday"),
    "it": ("lunedì", "martedì", "mercoledì", "giovedì", "venerdì"),
    "de": ("Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag"),
    "fr": ("lundi", "mardi", "mercredi", "jeudi", "vendredi"),
    "es": ("lunes", "martes", "miércoles", "jueves", "viernes"),
}

CITIES: Final = ("Shenzhen", "Hong Kong", "Milano", "Frankfurt", "Lyon", "Madrid", "Taipei")
PRODUCTS: Final = ("Nova X2", "Aero 14", "Pulse S", "Terra Pad", "Lumo 9")

#: Site furniture: newsletters, cookie banners, related links, comments.
BOILERPLATE: Final[dict[str, tuple[str, ...]]] = {
    "en": (
        "Sign up for our morning newsletter and get the day's top stories in your inbox.",
        "Related coverage",
        "We use cookies to improve your experience. Accept all | Settings",
        "Share this article: Facebook | X | LinkedIn | Email",
        "Comments are closed for this story.",
    ),
    "it": (
        "Iscriviti alla nostra newsletter per ricevere ogni mattina le notizie del giorno.",
        "Leggi anche",
        "Questo sito utilizza cookie per migliorare la tua esperienza. Accetta tutti | Impostazioni",
        "Condividi: Facebook | X | LinkedIn | Email",
        "I commenti sono chiusi per questo articolo.",
    ),
    "de": (
        "Abonnieren Sie unseren Newsletter und erhalten Sie jeden Morgen die wichtigsten Nachrichten.",
        "Mehr zum Thema",
        "Diese Website verwendet Cookies. Alle akzeptieren | Einstellungen",
        "Artikel teilen: Facebook | X | LinkedIn | E-Mail",
        "Die Kommentarfunktion ist für diesen Artikel geschlossen.",
    ),
    "fr": (
        "Inscrivez-vous à notre newsletter pour recevoir chaque matin l'essentiel de l'actualité.",
        "À lire aussi",
        "Ce site utilise des cookies pour améliorer votre expérience. Tout accepter | Paramètres",
        "Partager : Facebook | X | LinkedIn | E-mail",
        "Les commentaires sont fermés pour cet article.",
    ),
    "es": (
        "Suscríbase a nuestro boletín y reciba cada mañana las claves del día.",
        "Noticias relacionadas",
        "Este sitio utiliza cookies para mejorar su experiencia. Aceptar todas | Configuración",
        "Compartir: Facebook | X | LinkedIn | Correo",
        "Los comentarios están cerrados para esta noticia.",
    ),
}

SOURCES: Final[dict[str, str]] = {
    "en": "Bench Markets Daily",
    "it": "Il Banco di Prova",
    "de": "Prüfstand Wirtschaft",
    "fr": "Banc d'Essai Économie",
    "es": "Banco de Pruebas Económico",
}

#: Reported speech fillers: ``"{speaker} {verb} {clause}."``, the verb ends with its conjunction.
SPEAKERS: Final[dict[str, tuple[str, ...]]] = {
    "en": (
        "A senior analyst in {city}", "The chief financial officer", "A regulator's spokesperson",
        "One of the largest suppliers", "A fund manager in {city}", "The head of retail sales",
        "An economist at a local bank", "A union representative",
    ),
    "it": (
        "Un analista di {city}", "Il direttore finanziario", "Un portavoce dell'autorità",
        "Uno dei principali fornitori", "Un gestore di fondi di {city}", "Il responsabile vendite",
        "Un economista di una banca locale", "Un rappresentante sindacale",
    ),
    "de": (
        "Ein Analyst aus {city}", "Der Finanzvorstand", "Ein Sprecher der Aufsicht",
        "Einer der größten Zulieferer", "Ein Fondsmanager aus {city}", "Der Vertriebschef",
        "Ein Ökonom einer Regionalbank", "Ein Gewerkschaftsvertreter",
    ),
    "fr": (
        "Un analyste de {city}", "Le directeur financier", "Un porte-parole du régulateur",
        "L'un des principaux fournisseurs", "Un gérant de fonds de {city}", "Le directeur commercial",
        "Un économiste d'une banque locale", "Un représentant syndical",
    ),
    "es": (
        "Un analista de {city}", "El director financiero", "Un portavoz del regulador",
        "Uno de los mayores proveedores", "Un gestor de fondos de {city}", "El jefe de ventas",
        "Un economista de un banco local", "Un representante sindical",
    ),
}  # fmt: skip

SPEECH_VERBS: Final[dict[str, tuple[str, ...]]] = {
    "en": ("said that", "noted that", "told reporters that", "argued that", "warned that"),
    "it": (
        "ha detto che",
        "ha osservato che",
        "ha spiegato ai giornalisti che",
        "sostiene che",
        "avverte che",
    ),
    "de": (
        "sagte, dass",
        "merkte an, dass",
        "erklärte vor Journalisten, dass",
        "meint, dass",
        "warnte, dass",
    ),
    "fr": (
        "a déclaré que",
        "a noté que",
        "a expliqué aux journalistes que",
        "estime que",
        "prévient que",
    ),
    "es": (
        "dijo que",
        "señaló que",
        "explicó a los periodistas que",
        "sostiene que",
        "advirtió que",
    ),
}

SPEECH_CLAUSES: Final[dict[str, tuple[str, ...]]] = {
    "en": (
        "demand for mid-range phones had slowed in recent months",
        "memory prices were unlikely to fall much further",
        "the new tariffs would mostly hit accessories",
        "inventories at distributors were back to normal levels",
        "online sales now account for half of the volume",
        "the exchange rate had shaved a few points off revenue",
        "component shortages had eased since the winter",
        "smaller brands were struggling to keep up with promotions",
        "store openings would continue at a slower pace",
        "the software business was growing faster than hardware",
        "wage talks at the assembly plants had been difficult",
        "consumers were keeping their phones for longer",
        "the results were broadly in line with expectations",
        "the advertising market had recovered after a weak spring",
        "shipping times from the factories had returned to normal",
        "the price war in entry-level devices was far from over",
    ),
    "it": (
        "la domanda di telefoni di fascia media è rallentata negli ultimi mesi",
        "i prezzi delle memorie difficilmente scenderanno ancora",
        "i nuovi dazi colpiranno soprattutto gli accessori",
        "le scorte dei distributori sono tornate a livelli normali",
        "le vendite online valgono ormai metà dei volumi",
        "il cambio ha tolto qualche punto ai ricavi",
        "la carenza di componenti si è attenuata dall'inverno",
        "i marchi più piccoli faticano a tenere il passo con le promozioni",
        "le aperture di negozi continueranno a un ritmo più lento",
        "il software cresce più in fretta dell'hardware",
        "le trattative salariali negli stabilimenti sono state difficili",
        "i consumatori tengono il telefono più a lungo",
        "i risultati sono in linea con le attese",
        "il mercato pubblicitario si è ripreso dopo una primavera debole",
        "i tempi di spedizione dalle fabbriche sono tornati normali",
        "la guerra dei prezzi nei modelli base è tutt'altro che finita",
    ),
    "de": (
        "die Nachfrage nach Mittelklassetelefonen zuletzt nachgelassen habe",
        "die Speicherpreise kaum noch weiter fallen dürften",
        "die neuen Zölle vor allem Zubehör treffen würden",
        "die Lagerbestände der Händler wieder normal seien",
        "der Onlinehandel inzwischen die Hälfte des Absatzes ausmache",
        "der Wechselkurs den Umsatz einige Punkte gekostet habe",
        "sich der Mangel an Bauteilen seit dem Winter entspannt habe",
        "kleinere Marken mit den Rabattaktionen kaum mithalten könnten",
        "weitere Läden langsamer eröffnet würden",
        "das Softwaregeschäft schneller wachse als die Hardware",
        "die Tarifgespräche in den Montagewerken schwierig gewesen seien",
        "die Kunden ihre Telefone länger behielten",
        "die Ergebnisse weitgehend den Erwartungen entsprächen",
        "sich der Werbemarkt nach einem schwachen Frühjahr erholt habe",
        "die Lieferzeiten aus den Fabriken wieder normal seien",
        "der Preiskampf bei Einsteigergeräten noch lange nicht vorbei sei",
    ),
    "fr": (
        "la demande de téléphones milieu de gamme a ralenti ces derniers mois",
        "les prix de la mémoire ne devraient plus beaucoup baisser",
        "les nouveaux droits de douane toucheront surtout les accessoires",
        "les stocks des distributeurs sont revenus à la normale",
        "les ventes en ligne représentent désormais la moitié des volumes",
        "le taux de change a coûté quelques points au chiffre d'affaires",
        "la pénurie de composants s'est atténuée depuis l'hiver",
        "les petites marques peinent à suivre les promotions",
        "les ouvertures de magasins se poursuivront à un rythme plus lent",
        "les logiciels progressent plus vite que le matériel",
        "les négociations salariales dans les usines ont été difficiles",
        "les consommateurs gardent leur téléphone plus longtemps",
        "les résultats sont globalement conformes aux attentes",
        "le marché publicitaire s'est redressé après un printemps faible",
        "les délais de livraison depuis les usines sont redevenus normaux",
        "la guerre des prix sur l'entrée de gamme est loin d'être finie",
    ),
    "es": (
        "la demanda de teléfonos de gama media se ha frenado en los últimos meses",
        "los precios de la memoria difícilmente bajarán mucho más",
        "los nuevos aranceles afectarán sobre todo a los accesorios",
        "las existencias de los distribuidores han vuelto a niveles normales",
        "las ventas en línea suponen ya la mitad del volumen",
        "el tipo de cambio ha restado algunos puntos a los ingresos",
        "la escasez de componentes se ha suavizado desde el invierno",
        "las marcas pequeñas no logran seguir el ritmo de las promociones",
        "las aperturas de tiendas seguirán a un ritmo más lento",
        "el negocio de software crece más rápido que el de hardware",
        "las negociaciones salariales en las fábricas han sido difíciles",
        "los consumidores conservan sus teléfonos durante más tiempo",
        "los resultados están en línea con lo esperado",
        "el mercado publicitario se ha recuperado tras una primavera débil",
        "los plazos de envío desde las fábricas han vuelto a la normalidad",
        "la guerra de precios en la gama básica está lejos de terminar",
    ),
}
