"""ACLED-style notes about countries the dev sets never cover, scored as the held-out theatre sets are (warledger's
own theatre scorer).  Written for warledger in our own words (no ACLED text); gold names follow ACLED's public
conventions as far as they could be established.  Needs no ../shared.  Two sets, next to this file:

- world_notes.jsonl: 74 notes over 33 countries, every ACLED event type, 15 of the countries with no bundle before
  2026-12-06 (Chad, CAR, Burundi, Uganda, Venezuela, Thailand, Indonesia, Peru, Iran, Turkey, Russia, Georgia,
  Lebanon, Libya, Haiti); its author read and tuned on the whole set (BENCHMARKS.md, "World notes").
- world_notes_2.jsonl: written on 2026-12-06 by the world11 engineer before any change was made for it: 71 notes over
  22 countries ACLED codes many events in and warledger had no bundle for (United States, South Africa, Russia,
  Turkey, Iran, Egypt, Chad, the Central African Republic, Uganda, Burundi, Venezuela, Ecuador, Honduras,
  Guatemala, Peru, Thailand, Indonesia, Nepal, Zimbabwe, Tunisia, Armenia, Azerbaijan), every ACLED event type
  (periods by the head of state's or government's term; admin1 in ACLED's short English form).  Split by the
  project's id rule (halves.md): only the tune half's failures were read while fixing; the check half is scored,
  not read (BENCHMARKS.md, "World notes 2").
- world_notes_3.jsonl: written on 2026-12-06 by the world13 engineer before any change was made for it: 78 notes over
  25 countries ACLED codes most events in (Ukraine, Mexico, Brazil, India, Pakistan, Myanmar, Nigeria, DR Congo,
  Sudan, Somalia, Burkina Faso, Mali, Colombia, the Philippines, Palestine, Israel, Lebanon, Afghanistan, Ethiopia,
  Kenya, Cameroon, Bangladesh, Haiti, Mozambique, Niger), every ACLED event type; a held-out stand-in scored whole,
  none of its lines read while fixing (BENCHMARKS.md, "World notes 3").
- world_notes_4.jsonl: written on 2026-12-07 by the world14 engineer before any change was made for it: 90 notes over
  38 countries none of the sets above covers (North and West Africa from Algeria to Benin, East and southern Africa,
  South Sudan, Jordan, Saudi Arabia, Central Asia, China, Southeast Asia, Papua New Guinea, Sri Lanka, Central and
  South America, the Balkans, France, the United Kingdom, Belarus, Germany), every ACLED event type, protests and
  riots the most; ACLED's country names ("Ivory Coast", "Republic of Congo") and admin1 spellings; a held-out
  stand-in scored whole, none of its lines read while fixing.
- world_notes_5.jsonl: written on 2026-12-07 by the world15 engineer before any change was made for it: 87 notes over
  40 countries, the large ACLED theatres sets 1-4 hold fewest notes of (Afghanistan, Israel, Palestine, Niger,
  Mozambique, the Sahel, Cameroon, Ethiopia, Egypt, Kenya, Bangladesh, Sudan, South Africa, Brazil, Colombia,
  Myanmar, Somalia, the Philippines) and countries with many protest events none covers (Italy, Spain, Greece,
  Poland, South Korea, Japan, Canada, Australia, Madagascar, Cambodia, Moldova, Romania, the Dominican Republic,
  Paraguay), every ACLED event type, protests the most; places as ACLED notes give them ("X (district, region)",
  "in the Y area of X", a town with no region); a held-out stand-in scored whole, none of its lines read while
  fixing.
- world_notes_6.jsonl: written on 2026-12-07 by the world16 engineer before any change was made for it: 66 notes over
  58 countries sets 1-5 hold one or none of (Central Asia and Mongolia, the Caucasus, Central America, the Southern
  Cone, Cuba and Trinidad, Mauritania to Gabon along the West African coast, Europe's protests from Lisbon to
  Vilnius, Timor-Leste, Kuwait, the Pacific, southern Africa), every ACLED event type, protests and riots the most;
  villages with their district in brackets, towns with no region, namesakes ("San Jose", "Santiago"); a held-out
  stand-in scored whole until world17 read all its misses (with those of sets 1-5) on 2026-12-07: a tune set since.
- world_notes_7.jsonl: written on 2026-12-07 by the world17 engineer before any change was made for it: 60 notes over
  56 countries sets 1-6 hold none or one of (the Nordic and Baltic states, Switzerland, the Balkans from Plovdiv to
  Split, Cyprus, the Gulf, the Maldives, Botswana to Mauritius, Fiji, Vanuatu, New Caledonia, Guyana, Suriname,
  Belize, Puerto Rico, Djibouti) and regions of larger theatres they leave out (Jiribam, Tonj, Kumbo, Niassa,
  Turbat, Songkhla, Lamu, Tyre, Bunia), every ACLED event type in roughly ACLED's proportions (protests 28, riots 8,
  battles 7, violence against civilians 7, explosions 6, strategic developments 4); towns with no region, a unit in
  brackets ("(Paphos district)", "(Kech district, Balochistan)"), a namesake's long form ("Santiago de los
  Caballeros"); a held-out stand-in scored whole until world18 read all its misses (with those of sets 1-6) on
  2026-12-07: a tune set since.
- world_notes_8.jsonl: written on 2026-12-07 by the world18 engineer before any change was made for it: 62 notes over
  56 countries and territories sets 1-7 hold none or one of (Iceland, Denmark, Luxembourg, Slovenia, North Macedonia,
  Malta, Cape Verde, Sao Tome and Principe, the Comoros, the Bahamas, Barbados, Samoa, Tonga, Taiwan, Hong Kong,
  Ireland, Portugal, Belgium, Slovakia, Croatia, Norway, Albania) and regions of larger theatres they leave out
  (Oregon, Tamil Nadu, Chhattisgarh, Punjab, Para, Dagestan, Sistan and Baluchestan, Zamfara, Chiapas, Norte de
  Santander, North Kordofan, Red Sea, Lower Juba, Chin, Tillaberi, Kayes, Artibonite), every ACLED event type in
  roughly ACLED's proportions (protests 29, riots 8, battles 8, violence against civilians 7, explosions 6,
  strategic developments 4); a held-out stand-in scored whole, none of its lines read while fixing.
- world_notes_9.jsonl: written on 2026-12-07 by the world19 engineer before any change was made for it: 61 notes over
  48 countries and territories, among them six sets 1-8 hold none of (Greenland, Reunion, French Guiana, Guadeloupe,
  Martinique, the United Arab Emirates) and countries they hold one of (Austria, Hungary, Finland, Estonia, Bulgaria,
  Montenegro, Moldova, Poland, Mauritania, Tajikistan), with regions of larger theatres they leave out (Wales, Scotland,
  Northern Ireland, Saxony, Lombardy, Andalusia, Massachusetts, Jalisco, Zacatecas, Kerala, Assam, Maharashtra, Rivers,
  Niger state, Rio Grande do Sul, Ceara, Kachin, Magway, West Kordofan, West Darfur, Mai-Ndombe, Mopti, Arauca,
  Galgaduud, Gilgit-Baltistan, Krasnodar, East Azerbaijan), every ACLED event type in roughly ACLED's proportions
  (protests 28, riots 8, battles 8, violence against civilians 7, explosions 6, strategic developments 4); namesakes
  (Saint-Denis, Calamba, Kuta), a unit in brackets, a state that bears a country's name; a held-out stand-in scored
  whole, none of its lines read while fixing.  The French overseas units are GADM's first level (arrondissements)
  and, like set 8's small-state units, not checked against ACLED's own rows.
- world_notes_10.jsonl: written on 2026-12-07 by the world20 engineer before any change was made for it: 61 notes over
  52 countries and territories, among them 15 sets 1-9 hold none of (Laos, Singapore, Qatar, Oman, Eritrea,
  Turkmenistan, Antigua and Barbuda, Saint Lucia, Grenada, Bermuda, Mayotte, French Polynesia, Liechtenstein,
  Andorra, Iraq) and countries they hold one of (Latvia, the Czech Republic, Belarus, Taiwan,
  Vietnam, the Solomon Islands), with regions of larger theatres they leave out (Arizona, Odisha, Bihar, Distrito
  Federal, Pernambuco, the Federal Capital Territory, Bauchi, Benue, Uasin Gishu, Kisii, North Sumatra, Central
  Visayas, Negros Oriental, Oaxaca, Tamaulipas, Azad Kashmir, Tanganyika, Est, Guaviare, Kayin, Benshangul/Gumuz,
  Bay, South Kordofan, Jonglei, Tahoua, Los Rios, La Libertad, Chernihiv, Voronezh, Nabatieh, Ninewa, Erbil) and
  second-level units ACLED uses as admin1 (Serbia's Sumadija district, Ireland's county Louth), every ACLED event type
  in roughly ACLED's proportions (protests 28, riots 9, battles 8, violence against civilians 7, explosions 5,
  strategic developments 4); namesakes (Hamilton, Saint George's, Pamplona, Trujillo, San Jose del Guaviare, Bor), a
  unit in brackets, "(district, state)"; a held-out stand-in scored whole, none of its lines read while fixing.  The
  small states' and French Polynesia's units are GADM's first level, not checked against ACLED's own rows.
- world_notes_11.jsonl: written on 2026-12-07 by the world21 engineer before any change was made for it: 72 notes over
  60 countries and territories, among them 11 sets 1-10 hold none of (Bhutan, Saint Kitts and Nevis, Saint Vincent
  and the Grenadines, Dominica, Kiribati, Micronesia, the Marshall Islands, Palau, the Cayman Islands, Syria, Yemen)
  and places of larger theatres they leave out (Suwayda, Atarib, Tafas, Aden, Mudiyah, Nasiriyah, Baalbek, Nahariya,
  Kryvyi Rih, Lviv, Sake, Mamfe, Buea, Mogok, Kanbalu, Nyala, Um Rawaba, Mahaday, Kidal, Debre Tabor, Yei, Kankara,
  Khar, Nuh, Jamundi, Caloocan, San Pablo, Feira de Santana), every ACLED event type (protests 36, riots 9, battles
  9, violence against civilians 7, explosions 7, strategic developments 4); namesakes (Valencia, Cordoba, Leon, La
  Paz, Alexandria, Hyderabad, Santa Ana, San Fernando, Trinidad, Cartago, Perth, London, George Town, Saint George),
  Portuguese names with "dos"/"do"/"de", a province in brackets, "between X and a village", a country named only as
  a protest's cause ("the United States", "Japan", "Israel"), a town with no region.  The held-out measure of session
  21: a stand-in scored whole, none of its lines read while fixing.  The small states' units are GADM's first level,
  not checked against ACLED's own rows.
- world_notes_12.jsonl: written on 2026-12-08 by the world22 engineer before any change was made for it: 70 notes over
  56 countries and territories, among them Nauru, which sets 1-11 hold none of, and the regions they use least
  (Latin America from Montevideo to Totonicapan, Central Asia from Nukus to Khorugh, Oceania from Yaren to Tari, West
  and Central Africa from Serekunda to Pointe-Noire, Europe from Bratislava to Cacak), every ACLED event type
  (protests 35, riots 9, battles 8, violence against civilians 7, explosions 7, strategic developments 4) and 19
  sub-event types; namesakes with their region in brackets or named ("Limon (Limon)", Barcelona in Spain and in
  Anzoategui, San-Pedro, Cuenca (Azuay), Santa Cruz de la Sierra, "Atlanta (Georgia)"), an attacking side's demonym
  before a place of the other country, Serbia's districts, a country named only as a protest's cause.  The
  held-out measure of session 22: scored whole by the lead, none of its lines read while fixing.

Floors: the scores measured when they were last raised, less 0.01 (BENCHMARKS.md has the per-field history)."""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pytest

from warledger.evaluate.runner import load_evalset, predict_warledger
from warledger.evaluate.scoring import score_theatres

EVENT_TYPES = {"Battles", "Explosions/Remote violence", "Violence against civilians", "Protests", "Riots",
               "Strategic developments"}


@dataclass(frozen=True)
class NoteSet:
    file: str
    notes: int
    countries: int
    floors: dict[str, float]


SETS = {
    "world_notes": NoteSet("world_notes.jsonl", 74, 33, {
        # actor_names 0.824 -> 0.851 on 2026-12-07 (theatres17): a mob's victims are civilians, police it fought its target
        # admin1 0.919 -> 0.946 on 2026-12-07 (world17: units and countries as ACLED names them)
        "country": 0.976, "admin1": 0.936, "within_25km": 0.922, "event_type": 0.96, "sub_event_type": 0.93,
        # actor_names 0.851 -> 0.865 on 2026-12-07 (theatres19): Fano fighters are the Fano Militia
        # actor_names 1: 0.865 -> 0.878 (Turkey's gendarmes are its military) on 2026-12-07 (theatres20)
        "actor_names": 0.868, "fatalities": 0.92, "date": 0.99}),
    # world21 (cause country, units as ACLED names them): country 0.986, admin1 0.958, within 25 km 0.944
    "world_notes_2": NoteSet("world_notes_2.jsonl", 71, 22, {
        # admin1 0.915 -> 0.930 on 2026-12-07 (world16: Armenia's provinces as ACLED spells them)
        # admin1 0.930 -> 0.944 on 2026-12-07 (world17: units as ACLED names them)
    # world22 (a town's unit after a comma or bearing a country's name, a drone owner's demonym, a namesake chosen by an
    # armed group, whole-word own names, Serbia's districts): country 1.000, admin1 0.972, within 25 km 0.958
        "country": 0.99, "admin1": 0.962, "within_25km": 0.948, "event_type": 0.92, "sub_event_type": 0.891,
        # actor_names 0.775 -> 0.761 on 2026-12-07 (theatres14): "security forces" policing a protest are coded as the
        # state's police, as ACLED's Iraqi, Syrian and Yemeni notes code them (acled_theatres_dev check half +2/-1);
        # two Iranian notes here name them Military Forces of Iran (-2); civilians by trade and looted owners (+1).
        # 0.761 -> 0.789 on 2026-12-07 (theatres16): violence against civilians with no side named is an unidentified
        # armed group's (+2)
        # 0.817 -> 0.845 on 2026-12-07 (theatres19, its misses read): traders and miners killed are civilians (+2)
        # actor_names 2: 0.845 -> 0.859 (a named group of a state with no bundle) on 2026-12-07 (theatres20)
        "actor_names": 0.863, "fatalities": 0.835, "date": 0.99}),
    # world21 (cause country, units as ACLED names them): country 0.923, admin1 0.872, within 25 km 0.821
    "world_notes_3": NoteSet("world_notes_3.jsonl", 78, 25, {
        # actor_names 0.692 after merging theatres17 and world17 together (lead, 2026-12-07 12:35 UTC)
        # event_type 0.923 -> 0.962, sub_event_type 0.923 -> 0.949 on 2026-12-07 (theatres17): crowds that fight the
        # police or each other riot; a community or Indigenous leader shot dead is a civilian
        # actor_names 0.628 -> 0.641 on 2026-12-07 (theatres16): violence against civilians with no side named (+1);
        # 0.641 -> 0.679 (theatres17: the same, and a mob's victims)
        # country 0.897 -> 0.910, admin1 0.833 -> 0.859, within 25 km 0.795 -> 0.808 on 2026-12-07 (world17)
        # 0.641 -> 0.654 (world17: the country of a town named bare)
        # theatres22 (2026-12-08): country 0.923 -> 0.949, actor names 0.821 -> 0.846 (when nothing names a
        # country, a town named after words the place finder does not read; a town's own name is a whole
        # word of it)
        "country": 0.939, "admin1": 0.862, "within_25km": 0.811, "event_type": 0.952, "sub_event_type": 0.939,
        # actor_names 0.692 -> 0.718 on 2026-12-07 (theatres18, none of its lines read): an interception's unnamed
        # shooter and an explosive device's unnamed planter are an unidentified armed group, the side hit actor2
        # actor_names 0.718 -> 0.769 on 2026-12-07 (theatres19, its misses read with sets 1-8): the RSF since April
        # 2023 are "Rapid Support Forces" (+3), Fano fighters the Fano Militia (+1); 0.769 -> 0.782, passengers shot
        # dead are civilians (+1)
        # actor_names 3: 0.782 -> 0.808 (a verb ends a group's mention; a named group) on 2026-12-07 (theatres20)
        "actor_names": 0.836, "fatalities": 0.9, "date": 0.99}),
    # world21 (cause country, units as ACLED names them): admin1 0.944
    "world_notes_4": NoteSet("world_notes_4.jsonl", 90, 38, {
        # event_type 0.833 -> 0.867 and sub_event_type 0.778 -> 0.800 on 2026-12-07 (theatres15): a note with a
        # crowd-size tag is a demonstration, a killing during a protest is force against protesters
        # country 0.922 -> 0.967, admin1 0.744 -> 0.867, within 25 km 0.856 -> 0.900 on 2026-12-07 (world16: ACLED's
        # English unit names, the biggest namesake of a bracketed pair, units as country signals, a rally's cause)
        # event_type 0.867 -> 0.922, sub_event_type 0.800 -> 0.856 on 2026-12-07 (theatres17): crowds that fight the
        # police or each other riot (were armed clashes)
        # country 0.967 -> 0.989, admin1 0.867 -> 0.900 on 2026-12-07 (world17: countries and units as ACLED names them)
        # admin1 0.900 -> 0.933, within 25 km 0.900 -> 0.911 on 2026-12-07 (world18: Malawi's regions)
    # world22 (a town's unit after a comma or bearing a country's name, a drone owner's demonym, a namesake chosen by an
    # armed group, whole-word own names, Serbia's districts): admin1 0.967
        "country": 0.979, "admin1": 0.957, "within_25km": 0.901, "event_type": 0.912, "sub_event_type": 0.846,
        # actor_names 0.244 -> 0.489 on 2026-12-07 after merging facts14 (state forces' periods for 103 more
        # countries) and theatres14 (police in protests and arrests); no line of this set was read for either.
        # 0.489 -> 0.522 (theatres15, its tune half's failures read): clan fighters on both sides of their clash,
        # crowd-size tags (protesters and the police that shot at them).  0.533 -> 0.556 (theatres16): violence
        # against civilians with no side named is an unidentified armed group's (+2).  0.578 -> 0.667 (theatres17):
        # rioters and the police they fought (+4), JNIM named in Togo and Benin (+3), rival crowds (+1)
        # actor_names 4: 0.667 -> 0.678 (gendarmes are the police) on 2026-12-07 (theatres20)
        "actor_names": 0.701, "fatalities": 0.879, "date": 0.99}),
    # measured on main (62de893) before any change made for it: country 0.805, admin1 0.667, within 25 km 0.690; raised
    # on 2026-12-07 (world15: marches through a place) to admin1 0.678, within 25 km 0.701; (world16: a rally's cause is
    # no country signal) to country 0.828, admin1 0.701, within 25 km 0.724, actor names 0.632
    # world21 (cause country, units as ACLED names them): country 0.931, admin1 0.874, within 25 km 0.839
    "world_notes_5": NoteSet("world_notes_5.jsonl", 87, 40, {
        # actor_names 0.724 after merging theatres17 and world17 together (lead, 2026-12-07 12:35 UTC)
        # sub_event_type 0.851 -> 0.862 on 2026-12-07 (theatres16): a detention the crowd protests is its grievance
        # event_type 0.885 -> 0.954, sub_event_type 0.862 -> 0.931, actor_names 0.644 -> 0.701 on 2026-12-07
        # (theatres17): crowds that fight the police riot, leaders of communities are civilians, a mob's victims
        # world17 (none of its check half read): country 0.828 -> 0.862, admin1 0.701 -> 0.805, within 25 km 0.724 -> 0.770,
        # actor names 0.644 -> 0.655
        # world18: country 0.862 -> 0.908, admin1 0.805 -> 0.851, within 25 km 0.770 -> 0.816, actor names 0.724 -> 0.759
        # (residents of a town who march, "marched peacefully through", "downtown", a capital against a by-name)
    # world22 (a town's unit after a comma or bearing a country's name, a drone owner's demonym, a namesake chosen by an
    # armed group, whole-word own names, Serbia's districts): country 0.943, within 25 km 0.851
        # theatres22 (2026-12-08): country 0.931 -> 0.977, admin1 0.874 -> 0.897, within 25km 0.839 ->
        # 0.874, actor names 0.828 -> 0.851 (when nothing names a country, a town named after words the
        # place finder does not read; a town's own name is a whole word of it)
        "country": 0.967, "admin1": 0.887, "within_25km": 0.864, "event_type": 0.944, "sub_event_type": 0.921,
        # actor_names 0.759 -> 0.782 on 2026-12-07 (theatres19, its misses read): the RSF's and Fano's names (+2)
        # actor_names 5: 0.782 -> 0.805 (a verb ends a group's mention; a named group) on 2026-12-07 (theatres20)
        "actor_names": 0.841, "fatalities": 0.875, "date": 0.99}),
    # measured on main (6f4d5b2) before any change made for it: country 0.788, admin1 0.485, within 25 km 0.636,
    # event type 0.879, sub-event type 0.818, actor names 0.485, fatalities 0.985; raised on 2026-12-07 (world16, none
    # of its lines read) to country 0.803, admin1 0.530, actor names 0.500
    # world21 (cause country, units as ACLED names them): country 0.924, admin1 0.848, within 25 km 0.788
    "world_notes_6": NoteSet("world_notes_6.jsonl", 66, 58, {
        # actor_names 0.576 after merging theatres17 and world17 together (lead, 2026-12-07 12:35 UTC)
        # event_type 0.879 -> 0.894, sub_event_type 0.818 -> 0.833, actor_names 0.515 -> 0.545 on 2026-12-07
        # (theatres17): youths who stone the police riot; JNIM named in Benin
        # world17 (its lines read as a tune set): country 0.803 -> 0.864, admin1 0.530 -> 0.727, within 25 km 0.636 -> 0.727,
        # actor names 0.515 -> 0.545
        # world18: country 0.864 -> 0.879, admin1 0.727 -> 0.773, within 25 km 0.727 -> 0.742 (Lithuania's counties,
        # Equatorial Guinea's provinces, Dili); country 0.879 -> 0.894, within 25 km 0.742 -> 0.758, actor names
        # 0.576 -> 0.591 (world18: tractors driven into a town)
        # world19: country 0.894 -> 0.909, admin1 0.773 -> 0.788, within 25 km 0.758 -> 0.773, actor names 0.591 -> 0.606
        # (a town five times as populous as its namesakes abroad names its country; "the centre of X")
        # theatres22 (2026-12-08): country 0.924 -> 0.939, admin1 0.848 -> 0.864, within 25km 0.788 ->
        # 0.803, actor names 0.652 -> 0.667 (when nothing names a country, a town named after words the
        # place finder does not read; a town's own name is a whole word of it)
        "country": 0.929, "admin1": 0.854, "within_25km": 0.793, "event_type": 0.884, "sub_event_type": 0.823,
        "actor_names": 0.657, "fatalities": 0.975, "date": 0.99}),
    # measured on main (a557fdf) before any change made for it: country 0.800, admin1 0.683, within 25 km 0.733, event
    # type 0.967, sub-event type 0.933, actor names 0.617, fatalities 0.917; raised on 2026-12-07 (world17, none of its
    # lines read) to country 0.817, admin1 0.750, within 25 km 0.767, actor names 0.633
    # world18 (set 7 read as a tune set): country 0.817 -> 0.850, admin1 0.750 -> 0.800, within 25 km 0.767 -> 0.800,
    # actor names 0.633 -> 0.667 (Malawi's regions, Lithuania's counties, residents of a town who act); then country
    # 0.867, admin1 0.817, within 25 km 0.817, actor names 0.683 (the main road into a town)
    # world21 (cause country, units as ACLED names them): admin1 0.883
    "world_notes_7": NoteSet("world_notes_7.jsonl", 60, 56, {
        # world19: country 0.867 -> 0.900, admin1 0.817 -> 0.850, within 25 km 0.817 -> 0.850, actor names 0.700 -> 0.733
        # world20: country 0.900 -> 0.917, admin1 0.850 -> 0.867, within 25 km 0.850 -> 0.867 ("near the railway station
        # of X" names X)
        "country": 0.907, "admin1": 0.873, "within_25km": 0.857, "event_type": 0.957, "sub_event_type": 0.923,
        # actor_names 0.633 -> 0.650 on 2026-12-07 (theatres18, not read: an interception's or a device's unnamed side)
        # actor_names 7: 0.733 -> 0.783 (RED-Tabara, FRUD, Kuki and Meitei militias) on 2026-12-07 (theatres20)
        "actor_names": 0.773, "fatalities": 0.907, "date": 0.99}),
    # measured on main (b21d48d) before any change made for it: country 0.855, admin1 0.613, within 25 km 0.774, event
    # type 0.968, sub-event type 0.952, actor names 0.629, fatalities 0.887, date 1.000; raised on 2026-12-07 (world18,
    # none of its lines read) to admin1 0.629
    # world21 (cause country, units as ACLED names them): admin1 0.774
    "world_notes_8": NoteSet("world_notes_8.jsonl", 62, 56, {
        # world19 (set 8 read as a tune set): country 0.855 -> 0.903, admin1 0.629 -> 0.661, within 25 km 0.774 -> 0.823,
        # actor names 0.629 -> 0.677; with theatres19's rules too (merged main, 2026-12-07 17:50 UTC) 0.726
    # world22 (a town's unit after a comma or bearing a country's name, a drone owner's demonym, a namesake chosen by an
    # armed group, whole-word own names, Serbia's districts): country 0.919, admin1 0.790, within 25 km 0.855
        # theatres22 (2026-12-08): country 0.903 -> 0.935, admin1 0.774 -> 0.790, within 25km 0.839 ->
        # 0.871, actor names 0.758 -> 0.774 (when nothing names a country, a town named after words the
        # place finder does not read; a town's own name is a whole word of it)
        "country": 0.925, "admin1": 0.78, "within_25km": 0.861, "event_type": 0.958, "sub_event_type": 0.942,
        # actor_names 8: 0.726 -> 0.758 (the Comoros' gendarmerie; FARC dissidents) on 2026-12-07 (theatres20)
        "actor_names": 0.764, "fatalities": 0.877, "date": 0.99}),
    # measured on main (bed62f2) before any change made for it: country 0.770, admin1 0.656, within 25 km 0.738, event
    # type 0.934, sub-event type 0.934, actor names 0.574, fatalities 0.951, date 1.000; raised on 2026-12-07 (world19,
    # none of its lines read) to country 0.803, admin1 0.672, within 25 km 0.770, actor names 0.607; then (the units of
    # a country whose bundle lists none) country 0.820, admin1 0.689, within 25 km 0.787, actor names 0.623
    # world20 (set 9 read as a tune set): country 0.820 -> 0.869, admin1 0.689 -> 0.738, within 25 km 0.787 -> 0.820 (a
    # unit in brackets with its kind word, "the streets of X", a mission's country)
    # world21 (cause country, units as ACLED names them): admin1 0.770
    "world_notes_9": NoteSet("world_notes_9.jsonl", 61, 48, {
        # theatres22 (2026-12-08): country 0.869 -> 0.902, admin1 0.770 -> 0.787, within 25km 0.820 ->
        # 0.852, actor names 0.721 -> 0.754 (when nothing names a country, a town named after words the
        # place finder does not read; a town's own name is a whole word of it)
        "country": 0.892, "admin1": 0.777, "within_25km": 0.842, "event_type": 0.924, "sub_event_type": 0.924,
        # merged main (world19 and theatres19 together, 2026-12-07 17:50 UTC): actor names 0.672 (set 8: 0.726)
        # actor_names 9: 0.672 -> 0.689 (a verb ends a group's mention) on 2026-12-07 (theatres20)
        "actor_names": 0.744, "fatalities": 0.941, "date": 0.99}),
    # measured on main (81d4878) before any change made for it: country 0.836, admin1 0.607, within 25 km 0.787, event
    # type 0.967, sub-event type 0.934, actor names 0.672, fatalities 0.902, date 1.000
    # world21 (cause country, units as ACLED names them): country 0.852, admin1 0.705, within 25 km 0.803
    "world_notes_10": NoteSet("world_notes_10.jsonl", 61, 52, {
    # world22 (a town's unit after a comma or bearing a country's name, a drone owner's demonym, a namesake chosen by an
    # armed group, whole-word own names, Serbia's districts): country 0.869, admin1 0.721, within 25 km 0.820
        # theatres22 (2026-12-08): country 0.852 -> 0.918, admin1 0.705 -> 0.754, within 25km 0.803 ->
        # 0.869, actor names 0.689 -> 0.754 (when nothing names a country, a town named after words the
        # place finder does not read; a town's own name is a whole word of it)
        "country": 0.908, "admin1": 0.744, "within_25km": 0.859, "event_type": 0.957, "sub_event_type": 0.924,
        "actor_names": 0.744, "fatalities": 0.892, "date": 0.99}),
    # measured on main (b258942) before any change made for it: country 0.750, admin1 0.681, within 25 km 0.694, event
    # type 0.903, sub-event type 0.903, actor names 0.639, fatalities 0.931, date 1.000
    # world21 (cause country, units as ACLED names them): country 0.764, admin1 0.694, within 25 km 0.708, actor names 0.653
    "world_notes_11": NoteSet("world_notes_11.jsonl", 72, 60, {
    # world22 (a town's unit after a comma or bearing a country's name, a drone owner's demonym, a namesake chosen by an
    # armed group, whole-word own names, Serbia's districts): country 0.806, admin1 0.736, within 25 km 0.750
        # theatres22 (2026-12-08): country 0.764 -> 0.861, admin1 0.694 -> 0.764, within 25km 0.708 ->
        # 0.792, actor names 0.653 -> 0.708 (when nothing names a country, a town named after words the
        # place finder does not read; a town's own name is a whole word of it)
        "country": 0.851, "admin1": 0.754, "within_25km": 0.782, "event_type": 0.893, "sub_event_type": 0.893,
        "actor_names": 0.698, "fatalities": 0.921, "date": 0.99}),
    # measured on main (80e01a2) before any change made for it: country 0.857, admin1 0.771, within 25 km 0.814, event
    # type 0.871, sub-event type 0.871, actor names 0.757, fatalities 0.957, date 1.000
    # session 22's merged main (theatres22's bare towns, world22's places; none of its lines read): country 0.900,
    # admin1 0.843, within 25 km 0.857, actor names 0.771
    "world_notes_12": NoteSet("world_notes_12.jsonl", 70, 56, {
        "country": 0.89, "admin1": 0.833, "within_25km": 0.847, "event_type": 0.861, "sub_event_type": 0.861,
        "actor_names": 0.761, "fatalities": 0.947, "date": 0.99}),
}


def _path(name: str) -> Path:
    return Path(__file__).with_name(SETS[name].file)


@pytest.fixture(scope="module")
def scores() -> dict[str, dict[str, float]]:
    out = {}
    for name in SETS:
        evalset = load_evalset(_path(name), kind="theatres")
        out[name] = score_theatres(evalset.lines, predict_warledger(evalset, quiet=True)).values()
    return out


@pytest.mark.parametrize("name", sorted(SETS))
def test_the_set_is_what_its_docstring_says(name: str) -> None:
    want = SETS[name]
    lines = [json.loads(x) for x in _path(name).read_text(encoding="utf-8").splitlines() if x.strip()]
    assert len(lines) == want.notes and len({x["id"] for x in lines}) == want.notes
    assert len({x["gold"]["country"] for x in lines}) == want.countries
    assert {x["gold"]["event_type"] for x in lines} == EVENT_TYPES


@pytest.mark.parametrize(("name", "metric"), [(n, m) for n in sorted(SETS) for m in sorted(SETS[n].floors)])
def test_world_notes_hold_their_floors(scores: dict[str, dict[str, float]], name: str, metric: str) -> None:
    assert scores[name][metric] >= SETS[name].floors[metric], (name, metric, round(scores[name][metric], 3))
