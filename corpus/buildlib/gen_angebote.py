"""One-off generator for corpus/src/data/angebote.csv (Angebotserhebung 2024).

Combines hand-written lists (offer types, local schools, streets, partner
spellings) with a seeded random generator. The committed CSV is the source;
it may be edited by hand afterwards. Rerun only to rebuild from scratch:
    .venv/bin/python corpus/buildlib/gen_angebote.py
"""

from __future__ import annotations

import csv
import random
from pathlib import Path

import yaml

DATA = Path(__file__).resolve().parent.parent / "src" / "data"
LABEL = {
    "armut": "Armut", "bildung": "Bildung", "alter-und-pflege": "Alter und Pflege",
    "gesundheit": "Gesundheit", "integration-migration": "Integration und Migration",
    "jugend": "Jugend", "schulden": "Schulden", "wohnen": "Wohnen", "sucht": "Sucht",
    "beschaeftigung": "Beschäftigung", "beteiligung": "Beteiligung",
    "sicherheit": "Sicherheit", "ehrenamt": "Ehrenamt", "organisation": "Organisation",
    "familie": "Familie", "kinder": "Kinder",
}

# Local places per Sozialraum: postcode, streets, schools, family centre, sports club.
LOCAL = {
    "zentrum-remberg": ("58095", ["Elberfelder Straße", "Körnerstraße", "Rembergstraße", "Hohenzollernstraße", "Bergstraße"],
                        ["Grundschule Remberg", "Grundschule Boloh", "Gesamtschule Am Hohenhof"],
                        "Familienzentrum Kita Springmäuse", "Hagener Turnverein Mitte"),
    "altenhagen-eckesey-sued": ("58097", ["Altenhagener Straße", "Alexanderstraße", "Friedensstraße", "Boeler Straße"],
                                ["Grundschule Altenhagen", "Grundschule Friedenstraße", "Realschule Altenhagen"],
                                "Familienzentrum Altenhagen", "SV Altenhagen 1912"),
    "wehringhausen-villa-post": ("58089", ["Lange Straße", "Wehringhauser Straße", "Augustastraße", "Minervastraße", "Pelmkestraße"],
                                 ["Grundschule Wehringhausen", "Grundschule Villa Post", "Hauptschule Wehringhausen"],
                                 "Familienzentrum Wehringhausen", "FC Wehringhausen 08"),
    "hochschulviertel": ("58097", ["Feithstraße", "Fleyer Straße", "Loxbaumstraße", "Universitätsstraße"],
                         ["Grundschule Fleyer Viertel", "Gymnasium am Loxbaum"],
                         "Familienzentrum Fleyer Viertel", "TC Hochschulviertel"),
    "emst": ("58093", ["Emster Straße", "Am Kulturhof", "Haßleyer Straße", "Bissingheimer Weg"],
             ["Grundschule Emst", "Grundschule Haßley"],
             "Familienzentrum Emst", "TuS Emst 1905"),
    "eckesey-nord": ("58089", ["Eckeseyer Straße", "Hengsteyer Straße", "Dortmunder Straße"],
                     ["Grundschule Eckesey"],
                     "Familienzentrum Eckesey", "SC Eckesey 1920"),
    "vorhalle": ("58089", ["Vorhaller Straße", "Brockhausstraße", "Revelstraße", "Weststraße"],
                 ["Grundschule Vorhalle", "Hauptschule Vorhalle"],
                 "Familienzentrum Vorhalle", "VfL Vorhalle 1910"),
    "boele-kabel": ("58099", ["Schwerter Straße", "Kabeler Straße", "Boeler Kirchplatz", "Garenfelder Straße"],
                    ["Grundschule Boele", "Grundschule Kabel", "Gesamtschule Boele"],
                    "Familienzentrum Boele", "SV Boele-Kabel 1921"),
    "helfe-fley": ("58099", ["Helfer Straße", "Fleyer Straße", "Kirchenbergstraße", "Am Fleyer Hof"],
                   ["Grundschule Helfe", "Grundschule Fley"],
                   "Familienzentrum Helfe", "DJK Helfe-Fley"),
    "elsey": ("58119", ["Elseyer Straße", "Stennertstraße", "Gartenstraße"],
              ["Grundschule Elsey", "Realschule Hohenlimburg"],
              "Familienzentrum Elsey", "TSG Hohenlimburg"),
    "hohenlimburg-zentrum": ("58119", ["Freiheitstraße", "Preinstraße", "Oeger Straße", "Nahmerstraße", "Herrenstraße"],
                             ["Grundschule Oege", "Grundschule Wesselbach", "Gesamtschule Hohenlimburg"],
                             "Familienzentrum Oege", "SV Oege-Nahmer"),
    "henkhausen-reh": ("58119", ["Henkhauser Weg", "Reher Weg", "Im Kirchenfeld"],
                       ["Grundschule Reh"],
                       "Familienzentrum Reh", "TV Henkhausen-Reh"),
    "lennetal": ("58119", ["Berchumer Straße", "Haldener Straße", "Herbecker Weg"],
                 ["Grundschule Berchum"],
                 "Familienzentrum Halden", "SV Berchum/Garenfeld"),
    "eilpe-delstern-selbecke": ("58091", ["Eilper Straße", "Selbecker Straße", "Delsterner Straße", "Franzstraße"],
                                ["Grundschule Eilpe", "Grundschule Selbecke", "Hauptschule Eilpe"],
                                "Familienzentrum Eilpe", "TV Eilpe 1888"),
    "dahl-priorei-rummenohl": ("58091", ["Dahler Straße", "Volmestraße", "Prioreier Straße", "Rummenohler Straße"],
                               ["Grundschule Dahl"],
                               "Familienzentrum Dahl", "SG Dahl-Priorei"),
    "haspe-zentrum": ("58135", ["Kölner Straße", "Voerder Straße", "Berliner Straße", "Frankstraße", "Hüttenplatz"],
                      ["Grundschule Haspe-Mitte", "Grundschule Kückelhausen", "Gesamtschule Haspe"],
                      "Familienzentrum Haspe-Mitte", "TuS Haspe 1862"),
    "quambusch-baukloh": ("58135", ["Quambuschstraße", "Bauklohstraße", "Hesterter Straße"],
                          ["Grundschule Quambusch", "Grundschule Hestert"],
                          "Familienzentrum Quambusch", "SV Quambusch"),
    "haspe-west-westerbauer": ("58135", ["Enneper Straße", "Bredelle", "Spielbrinkstraße", "Tückinger Weg"],
                               ["Grundschule Westerbauer", "Grundschule Spielbrink"],
                               "Familienzentrum Westerbauer", "SC Westerbauer 1919"),
}

# How partners appear in the (messy) survey returns: canonical plus variants.
SPELLINGS = {
    "awo": ["AWO Unterbezirk Hagen"] * 9 + ["AWO", "Arbeiterwohlfahrt (AWO) Unterbezirk Hagen",
                                            "Arbeiterwohlfahrt", "AWO Hagen ", "awo Unterbezirk Hagen"],
    "caritas": ["Caritasverband Hagen e.V."] * 7 + ["Caritas Hagen", "Caritasverband Hagen", "Caritas"],
    "diakonie": ["Diakonie Mark-Ruhr"] * 7 + ["Diakonie", "Diakonie Mark-Ruhr gGmbH", "Diakonie Mark-Ruhr "],
    "drk": ["DRK Hagen"] * 3 + ["DRK", "Deutsches Rotes Kreuz Kreisverband Hagen"],
    "paritaet": ["Der Paritätische Hagen"] * 3 + ["Paritätischer Wohlfahrtsverband Hagen", "Paritätischer"],
    "jobcenter": ["Jobcenter Hagen"] * 7 + ["JobCenter Hagen", "Jobcenter"],
    "sihk": ["SIHK zu Hagen"] * 2 + ["IHK", "Südwestfälische Industrie- und Handelskammer zu Hagen"],
    "schuldnerberatung": ["Schuldner- und Insolvenzberatung Hagen", "Schuldnerberatung"],
    "drogenberatung": ["Drogenberatungsstelle Hagen"] * 2 + ["Drogenberatung", "Drobs Hagen"],
    "stadtbibliothek": ["Stadtbibliothek Hagen"] * 3 + ["Stadtbücherei Hagen"],
    "seniorenberatung": ["Seniorenberatung der Stadt Hagen", "Seniorenberatung"],
    "pflegestuetzpunkt": ["Pflegestützpunkt Hagen"],
    "vhs": ["Volkshochschule Hagen", "VHS Hagen"],
    "jmd": ["Jugendmigrationsdienst Hagen", "JMD Hagen"],
    "mbe-caritas": ["Migrationsberatung für Erwachsene (Caritas)"],
    "mbe-diakonie": ["Migrationsberatung der Diakonie Mark-Ruhr"],
    "tafel": ["Hagener Tafel e.V.", "Hagener Tafel"],
    "freiwilligenzentrale": ["Freiwilligenzentrale Hagen"],
    "werkhof": ["Werkhof Hagen gGmbH"],
    "cvjm": ["CVJM Hagen"],
    "falken": ["Falken Bildungs- und Freizeitwerk Hagen"],
    "sportbund": ["Stadtsportbund Hagen"],
    "gesundheitsamt": ["Stadt Hagen, Fachbereich Gesundheit", "Gesundheitsamt"],
    "fb-integration": ["Stadt Hagen, Fachbereich Integration, Zuwanderung und Wohnraumsicherung",
                       "Fachbereich Integration"],
    "fb-jugend-soziales": ["Stadt Hagen, Fachbereich Jugend und Soziales", "FB 55"],
    "erziehungsberatung": ["Erziehungs- und Familienberatungsstelle Hagen"],
    "verbraucherzentrale": ["Verbraucherzentrale NRW, Beratungsstelle Hagen"],
    "ggw": ["Hagener Gemeinnützige Wohnungsgesellschaft"],
    "kirchengemeinden": ["Ev. Kirchengemeinde", "Kath. Pfarrei"],
}

# Offer types: name, topics, target group, carriers, contact role, founded range,
# weight, poverty affinity (0 = everywhere, 1 = mainly in poorer Sozialräume).
# Carrier tokens: partner ids, or "SCHULE", "FAMZ", "SPORT".
TYPES = [
    ("Sozialberatung im Quartier", "armut;schulden", "Erwachsene in schwierigen Lebenslagen",
     ["caritas", "diakonie", "awo"], "Koordination Quartiersarbeit", (2012, 2023), 5, 1),
    ("Offene Sozialsprechstunde", "armut;wohnen", "alle Bewohnerinnen und Bewohner",
     ["awo", "diakonie", "caritas", "drk"], "Sozialarbeit im Stadtteil", (2016, 2024), 3, 1),
    ("Hausaufgabenhilfe", "bildung;kinder", "Schulkinder der Klassen 1 bis 6",
     ["SCHULE", "awo", "caritas", "FAMZ"], "Leitung Offener Ganztag", (2005, 2022), 5, 0.5),
    ("Lernförderung für Seiteneinsteiger", "bildung;integration-migration;jugend",
     "neu zugewanderte Schülerinnen und Schüler", ["SCHULE", "vhs", "jmd"],
     "Schulsozialarbeit", (2015, 2023), 2, 1),
    ("Mittagstisch", "armut;alter-und-pflege", "Seniorinnen und Senioren, Alleinlebende",
     ["diakonie", "caritas", "kirchengemeinden", "awo"], "Hauswirtschaftliche Leitung", (1998, 2022), 3, 0.5),
    ("Kinder-Mittagstisch", "armut;kinder", "Kinder von 6 bis 12 Jahren",
     ["caritas", "kirchengemeinden", "awo", "FAMZ"], "Koordination Kinderangebote", (2008, 2023), 3, 1),
    ("Schuldnerberatung – offene Sprechstunde", "schulden;armut", "überschuldete Haushalte",
     ["schuldnerberatung", "caritas", "diakonie", "awo"], "Leitung Schuldnerberatung", (2003, 2021), 3, 1),
    ("Budgetberatung für junge Erwachsene", "schulden;jugend", "junge Erwachsene von 18 bis 27 Jahren",
     ["schuldnerberatung", "verbraucherzentrale", "awo"], "Prävention Schuldnerberatung", (2017, 2024), 1, 0.5),
    ("Migrationsberatung für Erwachsene", "integration-migration", "Zugewanderte ab 27 Jahren",
     ["mbe-caritas", "mbe-diakonie", "awo", "drk"], "Team Migrationsberatung", (2005, 2020), 3, 1),
    ("Beratung für Zugewanderte aus Südosteuropa", "integration-migration;armut",
     "Familien aus Rumänien und Bulgarien", ["caritas", "diakonie", "fb-integration"],
     "Integrationsmanagement", (2014, 2023), 2, 1),
    ("Sprachcafé", "integration-migration;ehrenamt", "Menschen, die Deutsch üben möchten",
     ["freiwilligenzentrale", "stadtbibliothek", "kirchengemeinden", "vhs"],
     "Koordination Ehrenamt", (2015, 2024), 3, 0.5),
    ("Elternkurs „Mama lernt Deutsch“", "integration-migration;familie;bildung",
     "Mütter mit Zuwanderungsgeschichte", ["vhs", "FAMZ", "SCHULE"], "Familienbildung", (2011, 2023), 2, 1),
    ("Offener Seniorentreff", "alter-und-pflege;ehrenamt", "Menschen ab 60 Jahren",
     ["awo", "drk", "diakonie", "caritas", "paritaet"], "Leitung Begegnungsstätte", (1988, 2022), 3, 0),
    ("Seniorenberatung im Stadtteil", "alter-und-pflege", "ältere Menschen und Angehörige",
     ["seniorenberatung"], "Sachgebiet Seniorenberatung", (2010, 2021), 2, 0),
    ("Pflegeberatung vor Ort", "alter-und-pflege;gesundheit", "Pflegebedürftige und pflegende Angehörige",
     ["pflegestuetzpunkt", "drk", "awo"], "Pflegeberatung", (2012, 2023), 2, 0),
    ("Demenzcafé", "alter-und-pflege;gesundheit", "Menschen mit Demenz und Angehörige",
     ["diakonie", "drk", "paritaet", "caritas"], "Gerontopsychiatrische Fachberatung", (2013, 2024), 2, 0),
    ("Digitalsprechstunde für Ältere", "alter-und-pflege;bildung", "Seniorinnen und Senioren",
     ["stadtbibliothek", "awo", "freiwilligenzentrale"], "Koordination Digitalpaten", (2020, 2024), 2, 0),
    ("Bewegt älter werden", "alter-und-pflege;gesundheit", "Menschen ab 65 Jahren",
     ["SPORT", "sportbund", "drk"], "Übungsleitung Seniorensport", (2009, 2023), 2, 0),
    ("Besuchsdienst gegen Einsamkeit", "alter-und-pflege;ehrenamt", "alleinlebende Ältere",
     ["kirchengemeinden", "caritas", "freiwilligenzentrale", "paritaet"], "Koordination Besuchsdienst", (2004, 2023), 2, 0),
    ("Suchtberatung – Sprechstunde im Stadtteil", "sucht;gesundheit", "Menschen mit Suchtproblemen und Angehörige",
     ["drogenberatung", "caritas", "diakonie"], "Leitung Drogenberatung", (2009, 2022), 2, 1),
    ("Streetwork", "jugend;sucht;sicherheit", "junge Menschen im öffentlichen Raum",
     ["drogenberatung", "fb-jugend-soziales", "cvjm"], "Mobile Jugendarbeit", (2011, 2023), 2, 1),
    ("Offener Kinder- und Jugendtreff", "jugend;kinder", "Kinder und Jugendliche von 8 bis 18 Jahren",
     ["cvjm", "awo", "falken", "kirchengemeinden", "fb-jugend-soziales"], "Leitung Jugendtreff", (1985, 2021), 4, 0.5),
    ("Ferienspiele", "kinder;jugend", "Kinder von 6 bis 12 Jahren",
     ["fb-jugend-soziales", "awo", "SPORT", "kirchengemeinden"], "Koordination Ferienangebote", (1995, 2023), 2, 0),
    ("Schulsozialarbeit", "bildung;jugend;familie", "Schülerinnen, Schüler und Eltern",
     ["SCHULE"], "Schulsozialarbeit", (2011, 2022), 4, 0.5),
    ("Elterncafé", "familie;bildung;integration-migration", "Eltern von Kita- und Grundschulkindern",
     ["SCHULE", "FAMZ"], "Familienzentrum – Leitung", (2010, 2024), 3, 0.5),
    ("Eltern-Kind-Gruppe", "familie;kinder", "Familien mit Kindern unter 3 Jahren",
     ["FAMZ", "kirchengemeinden", "awo"], "Familienbildung", (2002, 2023), 3, 0),
    ("Willkommensbesuch für Neugeborene", "familie;kinder;gesundheit", "Familien mit Neugeborenen",
     ["fb-jugend-soziales", "gesundheitsamt"], "Frühe Hilfen – Koordination", (2008, 2019), 1, 0),
    ("Erziehungsberatung – Außensprechstunde", "familie;kinder", "Eltern, Kinder und Jugendliche",
     ["erziehungsberatung", "caritas"], "Leitung Beratungsstelle", (2006, 2022), 2, 0.5),
    ("Treff für Alleinerziehende", "familie;armut", "Alleinerziehende mit Kindern",
     ["awo", "caritas", "FAMZ", "paritaet"], "Familienbildung", (2012, 2024), 2, 1),
    ("Bewerbungswerkstatt", "beschaeftigung", "Arbeitsuchende und Schulabgänger",
     ["jobcenter", "awo", "werkhof", "diakonie"], "Integrationsfachkraft", (2007, 2023), 3, 1),
    ("Ausbildungsbörse im Stadtteil", "beschaeftigung;jugend;bildung", "Schülerinnen und Schüler ab Klasse 8",
     ["sihk", "jobcenter", "SCHULE"], "Bereich Aus- und Weiterbildung", (2014, 2024), 2, 0.5),
    ("Beschäftigungsprojekt Stadtteilservice", "beschaeftigung;armut", "Langzeitarbeitslose",
     ["werkhof", "jobcenter", "diakonie"], "Projektleitung Beschäftigung", (2016, 2023), 2, 1),
    ("Leseclub", "bildung;kinder", "Kinder von 6 bis 12 Jahren",
     ["stadtbibliothek", "SCHULE", "freiwilligenzentrale"], "Leitung Kinder- und Jugendbibliothek", (2013, 2024), 2, 0.5),
    ("Vorlesepaten", "bildung;ehrenamt;kinder", "Kita- und Grundschulkinder",
     ["stadtbibliothek", "freiwilligenzentrale", "FAMZ"], "Koordination Ehrenamt", (2009, 2023), 2, 0),
    ("Tafel-Ausgabestelle", "armut", "Menschen mit geringem Einkommen",
     ["tafel"], "Vorstand Ausgabestellen", (2001, 2021), 1, 1),
    ("Kleiderkammer", "armut;ehrenamt", "Menschen mit geringem Einkommen",
     ["drk", "kirchengemeinden", "diakonie"], "Koordination Ehrenamt", (1996, 2022), 2, 1),
    ("Stromspar-Check", "armut;wohnen", "Haushalte mit geringem Einkommen",
     ["caritas"], "Projektleitung Energieberatung", (2010, 2023), 1, 1),
    ("Mieterberatung und Wohnraumsicherung", "wohnen;armut", "von Wohnungsverlust bedrohte Haushalte",
     ["fb-integration", "diakonie", "ggw"], "Sachgebiet Wohnraumsicherung", (2018, 2024), 2, 1),
    ("Nachbarschaftsfest und Quartierswerkstatt", "beteiligung;ehrenamt", "alle Bewohnerinnen und Bewohner",
     ["awo", "caritas", "diakonie", "kirchengemeinden", "ggw"], "Koordination Quartiersarbeit", (2012, 2024), 2, 0.5),
    ("Stadtteilkonferenz", "beteiligung;organisation", "Einrichtungen, Vereine und Bürgerschaft",
     ["fb-jugend-soziales"], "Sozialplanung – Geschäftsführung Stadtteilkonferenz", (2016, 2023), 0, 0),
    ("Sicherheitsbegehung im Quartier", "sicherheit;beteiligung", "Bewohnerinnen und Bewohner",
     ["fb-jugend-soziales", "awo", "paritaet"], "Sozialraumteam", (2019, 2024), 1, 1),
    ("Sport im Park", "gesundheit;jugend", "alle Altersgruppen",
     ["SPORT", "sportbund"], "Koordination Sport im Quartier", (2018, 2024), 2, 0),
    ("Integrativer Sporttreff", "gesundheit;integration-migration;jugend", "Jugendliche mit und ohne Zuwanderungsgeschichte",
     ["SPORT", "sportbund", "jmd"], "Übungsleitung", (2016, 2023), 2, 1),
    ("Gesundheitssprechstunde für Kinder", "gesundheit;kinder", "Familien mit Kindern ohne Kinderarzt",
     ["gesundheitsamt"], "Kinder- und Jugendgesundheitsdienst", (2017, 2023), 1, 1),
    ("Ehrenamtsbörse im Stadtteil", "ehrenamt;beteiligung", "Menschen, die sich engagieren möchten",
     ["freiwilligenzentrale", "paritaet"], "Koordination Ehrenamt", (2011, 2024), 1, 0),
]

# Hand-written specific offers (anchored in the real structure of the city).
SPECIAL = [
    ("Quartiersmanagement Soziale Stadt Wehringhausen", "S.T.E.R.N. GmbH NRW", "hagen-mitte",
     "Wehringhausen/Villa Post", "beteiligung;wohnen;ehrenamt", "alle Bewohnerinnen und Bewohner",
     "Wehringhauser Straße 38, 58089 Hagen", 2014, "Quartiersmanagement Wehringhausen"),
    ("Stadtteilbüro Wehringhausen – Sozialberatung", "Caritasverband Hagen e.V.", "hagen-mitte",
     "Wehringhausen/Villa Post", "armut;beteiligung", "Bewohnerinnen und Bewohner des Quartiers",
     "Wehringhauser Straße 38, 58089 Hagen", 2014, "Quartiersmanagement – Sozialarbeit"),
    ("Verfügungsfonds Wehringhausen (Beratung zu Anträgen)", "Diakonie Mark-Ruhr", "hagen-mitte",
     "Wehringhausen/Villa Post", "beteiligung;ehrenamt", "Initiativen und Vereine im Quartier",
     "Wehringhauser Straße 38, 58089 Hagen", 2015, "Quartiersmanagement – Verfügungsfonds"),
    ("Friedenshaus Altenhagen – Offene Kinder- und Jugendarbeit", "Falken Bildungs- und Freizeitwerk Hagen",
     "hagen-mitte", "Altenhagen/Eckesey-Süd", "jugend;kinder", "Kinder und Jugendliche von 6 bis 21 Jahren",
     "Friedensstraße 90, 58097 Hagen", 1987, "Einrichtungsleitung Friedenshaus"),
    ("CVJM-Jugendzentrum Innenstadt", "CVJM Hagen", "hagen-mitte", "Zentrum/Remberg",
     "jugend", "Jugendliche von 12 bis 21 Jahren", "Graf-von-Galen-Ring 20, 58095 Hagen", 1992,
     "Leitung Jugendzentrum"),
    ("Schuldnerberatung – Zentrale Beratungsstelle", "Schuldner- und Insolvenzberatung Hagen",
     "hagen-mitte", "Zentrum/Remberg", "schulden;armut", "überschuldete Privathaushalte",
     "Potthofstraße 20, 58095 Hagen", 1994, "Leitung Schuldnerberatung"),
    ("Drogenberatung – Kontaktcafé", "Drogenberatungsstelle Hagen", "hagen-mitte", "Zentrum/Remberg",
     "sucht;gesundheit", "Konsumierende illegaler Drogen", "Rathausstraße 7, 58095 Hagen", 1999,
     "Leitung Drogenberatung"),
    ("Tagesaufenthalt für wohnungslose Menschen", "Diakonie Mark-Ruhr", "hagen-mitte", "Zentrum/Remberg",
     "wohnen;armut;sucht", "wohnungslose und von Wohnungslosigkeit bedrohte Menschen",
     "Martin-Luther-Straße 9, 58095 Hagen", 2001, "Fachberatung Wohnungslosenhilfe"),
    ("Jugendberufsagentur Hagen", "Jobcenter Hagen", "hagen-mitte", "Zentrum/Remberg",
     "beschaeftigung;jugend;bildung", "junge Menschen unter 25 Jahren", "Bahnhofstraße 41, 58095 Hagen",
     2017, "Teamleitung U25"),
    ("Azubi-Speed-Dating", "SIHK zu Hagen", "hagen-mitte", "bezirksweit", "beschaeftigung;jugend",
     "Schulabgängerinnen und Schulabgänger", "Bahnhofstraße 18, 58095 Hagen", 2013,
     "Bereich Aus- und Weiterbildung"),
    ("Seniorenbeirat – Sprechstunde", "Stadt Hagen, Fachbereich Jugend und Soziales", "hagen-mitte",
     "bezirksweit", "alter-und-pflege;beteiligung", "ältere Menschen", "Berliner Platz 22, 58089 Hagen",
     2008, "Geschäftsstelle Seniorenbeirat"),
    ("Stadtjugendrat – offene Sitzung", "Stadt Hagen, Fachbereich Jugend und Soziales", "hagen-mitte",
     "bezirksweit", "beteiligung;jugend", "Jugendliche von 14 bis 21 Jahren", "Rathausstraße 11, 58095 Hagen",
     2011, "Kinder- und Jugendbeteiligung"),
    ("Konferenz Alter und Pflege", "Stadt Hagen, Fachbereich Jugend und Soziales", "hagen-mitte",
     "bezirksweit", "alter-und-pflege;organisation;beteiligung", "Träger der Altenhilfe und Pflege",
     "Berliner Platz 22, 58089 Hagen", 2015, "Altenplanung"),
]

# Offers covering a whole Bezirk (Sozialraum "bezirksweit").
BEZIRKSWEIT = [
    ("Stadtteilkonferenz {b}", "Stadt Hagen, Fachbereich Jugend und Soziales", "beteiligung;organisation",
     "Einrichtungen, Vereine und Bürgerschaft", "Sozialplanung – Geschäftsführung Stadtteilkonferenz", 2016),
    ("Sozialraumteam {b}", "Stadt Hagen, Fachbereich Jugend und Soziales", "organisation;familie;jugend",
     "Fachkräfte der Jugend- und Sozialhilfe", "Bezirkssozialdienst – Sozialraumteam", 2019),
    ("Mobile Seniorenberatung {b}", "Seniorenberatung der Stadt Hagen", "alter-und-pflege",
     "Menschen ab 65 Jahren", "Sachgebiet Seniorenberatung", 2018),
    ("Jobcenter-Sprechstunde im Bezirk {b}", "Jobcenter Hagen", "beschaeftigung;armut",
     "Leistungsberechtigte nach dem SGB II", "Integrationsfachkraft", 2020),
]

BEZIRKE = {"hagen-mitte": "Hagen-Mitte", "hagen-nord": "Hagen-Nord", "hohenlimburg": "Hohenlimburg",
           "eilpe-dahl": "Eilpe/Dahl", "haspe": "Haspe"}
BEZIRK_ADR = {"hagen-mitte": "Berliner Platz 22, 58089 Hagen", "hagen-nord": "Schwerter Straße 168, 58099 Hagen",
              "hohenlimburg": "Freiheitstraße 3, 58119 Hagen", "eilpe-dahl": "Eilper Straße 71, 58091 Hagen",
              "haspe": "Kölner Straße 1, 58135 Hagen"}


def _themen(ids: str) -> str:
    """'armut;schulden' -> 'Armut; Schulden'."""
    return "; ".join(LABEL[t] for t in ids.split(";"))


def generate() -> list[dict]:
    """All inventory rows in a stable order."""
    rng = random.Random(4711)
    geo = yaml.safe_load((DATA / "geography.yaml").read_text(encoding="utf-8"))
    need = _need()
    rows: list[dict] = []
    for s in geo["sozialraeume"]:
        sid, bez = s["id"], s["bezirk"]
        plz, streets, schools, famz, sport = LOCAL[sid]
        n = 9 + round(need[sid] * 0.28)  # more offers where needs are higher
        weights = [w * (1 + aff * (need[sid] / 30 - 0.5)) for *_r, w, aff in TYPES]
        chosen: list[tuple] = []
        while len(chosen) < n:
            t = rng.choices(TYPES, weights=weights)[0]
            if chosen.count(t) < (2 if t[0] in ("Hausaufgabenhilfe", "Schulsozialarbeit") else 1):
                chosen.append(t)
        for name, themen, ziel, carriers, kontakt, (y0, y1), _w, _a in chosen:
            token = rng.choice(carriers)
            where = None
            if token == "SCHULE":
                where = rng.choice(schools)
                traeger = where
            elif token == "FAMZ":
                traeger = where = famz
            elif token == "SPORT":
                traeger = where = sport
            else:
                traeger = rng.choice(SPELLINGS[token])
            label = name
            if where and name in ("Hausaufgabenhilfe", "Schulsozialarbeit", "Elterncafé", "Leseclub"):
                label = f"{name} {where}"
            elif rng.random() < 0.35:
                label = f"{name} {s['name'].split('/')[0]}"
            rows.append({
                "Angebot": label,
                "Träger": traeger,
                "Stadtbezirk": BEZIRKE[bez],
                "Sozialraum": s["name"],
                "Themen": _themen(themen),
                "Zielgruppe": ziel,
                "Adresse": f"{rng.choice(streets)} {rng.randint(1, 140)}, {plz} Hagen",
                "Seit": str(rng.randint(y0, y1)),
                "Kontakt": kontakt,
            })
    for name, traeger, bez, raum, themen, ziel, adr, seit, kontakt in SPECIAL:
        rows.append({"Angebot": name, "Träger": traeger, "Stadtbezirk": BEZIRKE[bez], "Sozialraum": raum,
                     "Themen": _themen(themen), "Zielgruppe": ziel, "Adresse": adr, "Seit": str(seit),
                     "Kontakt": kontakt})
    for bez, bname in BEZIRKE.items():
        for name, traeger, themen, ziel, kontakt, seit in BEZIRKSWEIT:
            rows.append({"Angebot": name.format(b=bname), "Träger": traeger, "Stadtbezirk": bname,
                         "Sozialraum": "bezirksweit" if rng.random() < 0.7 else "",
                         "Themen": _themen(themen), "Zielgruppe": ziel, "Adresse": BEZIRK_ADR[bez],
                         "Seit": str(seit + rng.randint(0, 3)), "Kontakt": kontakt})
    order = list(BEZIRKE.values())
    rows.sort(key=lambda r: (order.index(r["Stadtbezirk"]), r["Sozialraum"] in ("", "bezirksweit"),
                             r["Sozialraum"], r["Angebot"].lower(), r["Träger"]))
    return rows


def _need() -> dict[str, float]:
    """Child poverty 2023 per Sozialraum as a simple need indicator."""
    out = {}
    with open(DATA / "indikatoren.csv", encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            if r["jahr"] == "2023" and r["indikator"] == "kinderarmut":
                out[r["raum"]] = float(r["wert"])
    return out


def main() -> None:
    """Write src/data/angebote.csv (semicolon-separated, UTF-8)."""
    rows = generate()
    with open(DATA / "angebote.csv", "w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=list(rows[0]), delimiter=";", lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
    print(f"{len(rows)} Angebote")


if __name__ == "__main__":
    main()
