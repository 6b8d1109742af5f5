#!/usr/bin/env python3
"""Write N synthetic attacks on health care as an HXL-tagged CSV, for the formats benchmark.

    python3 bench/formats/generate.py [--rows N] [--seed S] [--out FILE]

The layout is that of Insecurity Insight's "Attacks on health care" file on HDX
(sind-attacks-on-health-care-2016-2023.xlsx): the same 35 columns in the same order, the same
header row and hashtag row (untagged columns included), then N rows, newest first, as the real
file lists them. Column by column, the values follow that file:

- Date: ISO days over 2016-2023, more of them in later years (as in the real file, whose rows
  per year grow from ~470 in 2016 to ~2,300 in 2022 and 2023);
- Event Description: "December 2023: ..." sentences built from the row's own place,
  perpetrator, weapon and casualties, about 50-370 characters (median 123; the real file's: 115);
- Country, Country ISO, Admin 1: 27 countries weighted as in the real file (Ukraine, OPT,
  Myanmar, Syria, DRC, Sudan, ...), first-level areas named as the real file names them,
  "No Information" for some;
- Latitude, Longitude: clustered around conflict cities, spread by the row's precision; the
  country's centroid for most "(6) Country" rows, and no coordinates at all for 3 % of rows
  (the real file: 270 of 8,854);
- Geo Precision: "(2) 25 km Precision " ... "(7) Estimated Sea/Air Coordinates ", trailing
  spaces and all, in the real file's proportions;
- Reported Perpetrator and its Name: per-country pairs (type, name) such as ("Foreign Forces:
  Military", "Armed Forces of the Russian Federation"), plus "No Information" and
  "Unidentified Armed Actor";
- Weapon Carried/Used and Location: the real file's vocabulary and frequencies;
- the #indicator and #affected columns: counts, mostly 0, with the real file's frequencies;
  "Access Denied or Obstructed" as TRUE/FALSE (a boolean cell in the real workbook);
- the outcome of kidnappings and arrests when there were some, the five "...-Related Violence"
  columns, and "SiND Event ID": unique numbers, decreasing down the file.

Every row is valid, so `vigil import` must accept the whole file. Same seed and row count give
the same bytes on any Python 3: every draw comes from random.Random(seed).random() and is
turned into choices here, not by library helpers whose algorithm could change between versions.
Standard library only.
"""

import argparse
import datetime
import math
import os
import random
import sys

HEADER = [
    "Date", "Event Description", "Country", "Country ISO", "Admin 1", "Latitude", "Longitude",
    "Geo Precision", "Reported Perpetrator", "Reported Perpetrator Name", "Weapon Carried/Used",
    "Location ",
    "Number of Attacks on Health Facilities Reporting Destruction",
    "Number of Attacks on Health Facilities Reporting Damaged",
    "Forceful Entry into Health Facility", "Occupation of Health Facility",
    "Health Transportation Destroyed", "Health Transportation Damaged",
    "Health Transportation Stolen/Hijacked",
    "Looting/Theft/Robbery/Burglary of Health Supplies", "Access Denied or Obstructed",
    "Health Workers Killed", "Health Workers Injured", "Health Workers Kidnapped",
    "Health Workers Arrested", "Known Kidnapping or Arrest Outcome",
    "Health Workers Threatened", "Health Workers Assaulted", "Health Workers Sexually Assaulted",
    "Conflict-Related Violence", "Political-Related Violence", "COVID-19-Related Violence",
    "Ebola-Related Violence", "Vaccination-Related Violence", "SiND Event ID",
]
TAGS = [
    "#date", "", "#country +name", "#country +ISO", "#admin1", "#lat", "#long", "",
    "#group +perp", "#group +perp +name", "#weapons", "#loc",
    "#indicator +health_facility +destroyed +num", "#indicator +health_facility +damaged +num",
    "#indicator +health_facility +armed_entry +num", "#indicator +health_facility +occupy",
    "#indicator +health_transport +destroyed +num", "#indicator +health_transport +damaged +num",
    "#indicator +health_transport +abducted +num", "#indicator +health_supplies +taken +num",
    "#indicator +health_obstruction",
    "#affected +healthworker +killed", "#affected +healthworker +injured",
    "#affected +healthworker +kidnapped", "#affected +healthworker +arrested", "",
    "#affected +healthworker +threatened", "#affected +healthworker +assaulted",
    "#affected +healthworker +SGBV",
    "#affected +conflict", "#affected +political", "#affected +COVID", "#affected +Ebola",
    "#affected +Vaccine", "",
]
assert len(HEADER) == len(TAGS) == 35

NO_INFO = "No Information"
UNIDENTIFIED = ("NSA", "Unidentified Armed Actor")
NOBODY = (NO_INFO, NO_INFO)
GOV = "Armed Forces of Government/Self-Declared Government"
FOREIGN = "Foreign Forces: Military"

# (country, ISO3, weight, (lat, lon) centroid, places, perpetrators, year factors).
# places: (town, admin1 as the real file names it, lat, lon, weight);
# perpetrators: (Reported Perpetrator, Reported Perpetrator Name, weight);
# year factors: {year: multiplier of the country's weight}, for conflicts that start or flare up.
# Weights are the real file's rows per country (2016-2023); coordinates are the towns'.
COUNTRIES = [
    ("Ukraine", "UKR", 1319, (49.0, 31.4), [
        ("Kharkiv", "Kharkiv Oblast", 49.9935, 36.2304, 16), ("Bakhmut", "Donetsk Oblast", 48.5947, 38.0004, 8),
        ("Kramatorsk", "Donetsk Oblast", 48.7389, 37.5848, 6), ("Mariupol", "Donetsk Oblast", 47.0971, 37.5434, 6),
        ("Kherson", "Kherson Oblast", 46.6354, 32.6169, 16), ("Zaporizhzhia", "Zaporizhia Oblast", 47.8388, 35.1396, 9),
        ("Kyiv", "Kyiv Oblast", 50.4501, 30.5234, 6), ("Sievierodonetsk", "Luhansk Oblast", 48.9482, 38.4929, 9),
        ("Dnipro", "Dnipropetrovsk Oblast", 48.4647, 35.0462, 5), ("Mykolaiv", "Mykolaiv Oblast", 46.9750, 31.9946, 5),
    ], [
        (FOREIGN, "Armed Forces of the Russian Federation", 85), ("No Information", "Unidentified Armed Actor", 5),
        (NO_INFO, NO_INFO, 10),
    ], {2016: 0.02, 2017: 0.02, 2018: 0.02, 2019: 0.02, 2020: 0.02, 2021: 0.02, 2022: 3.0, 2023: 2.4}),
    ("OPT", "PSE", 1265, (31.9, 35.2), [
        ("Gaza City", "Gaza Strip", 31.5017, 34.4668, 14), ("Khan Younis", "Gaza Strip", 31.3402, 34.3063, 8),
        ("Rafah", "Gaza Strip", 31.2969, 34.2455, 5), ("Jabalia", "Gaza Strip", 31.5272, 34.4835, 6),
        ("Jenin", "West Bank", 32.4611, 35.2950, 8), ("Nablus", "West Bank", 32.2211, 35.2544, 6),
        ("Hebron", "Palestinian Territories", 31.5326, 35.0998, 6), ("Jerusalem", "Jerusalem District", 31.7683, 35.2137, 3),
        ("Bethlehem", "Judea and Samaria", 31.7054, 35.2024, 2),
    ], [
        (GOV, "Israeli Defence Forces", 75), ("Civilian", "Israeli settlers", 4),
        ("Government/Self-Declared Government", "Government of Israel", 3), ("NSA", "Hamas", 2),
        ("Police", "Israel Police", 3), (NO_INFO, NO_INFO, 10),
    ], {2021: 1.5, 2022: 0.8, 2023: 4.0}),
    ("Myanmar", "MMR", 1163, (21.9, 95.9), [
        ("Sagaing", "Sagaing Region", 21.8787, 95.9797, 24), ("Mandalay", "Mandalay", 21.9588, 96.0891, 15),
        ("Yangon", "Yangon", 16.8409, 96.1735, 14), ("Lashio", "Shan State", 22.9340, 97.7500, 9),
        ("Magway", "Magway", 20.1500, 94.9167, 8), ("Hakha", "Chin", 22.6500, 93.6167, 6),
        ("Hpa-An", "Kayin State", 16.8906, 97.6333, 6), ("Bago", "Bago Region", 17.3352, 96.4813, 6),
    ], [
        (GOV, "Myanmar Armed Forces", 65), ("Police", "Myanmar Police Force", 5),
        ("Government/Self-Declared Government", "Government of Myanmar", 5),
        ("Multiple", "Myanmar Armed Forces, Myanmar Police Force", 3),
        ("Other", "People's Defence Force (Myanmar)", 3), UNIDENTIFIED + (9,), NOBODY + (10,),
    ], {2016: 0.05, 2017: 0.2, 2018: 0.1, 2019: 0.1, 2020: 0.1, 2021: 3.5, 2022: 2.0, 2023: 1.5}),
    ("Syria", "SYR", 904, (35.0, 38.5), [
        ("Idlib", "Idlib Governorate", 35.9306, 36.6339, 16), ("Maarat al-Numan", "Idlib Governorate", 35.6439, 36.6741, 10),
        ("Aleppo", "Aleppo Governorate", 36.2021, 37.1343, 20), ("Douma", "Rif Dimashq Governorate", 33.5722, 36.4017, 7),
        ("Daraa", "Daraa Governorate", 32.6189, 36.1021, 6), ("Damascus", "Damascus Governorate", 33.5138, 36.2765, 5),
        ("Hama", "Hama Governorate", 35.1318, 36.7578, 5), ("Deir ez-Zor", "Deir Ezzor Governorate", 35.3359, 40.1408, 5),
    ], [
        (GOV, "Syrian Armed Forces", 35), (GOV, "Syrian or Russian Forces", 12),
        (FOREIGN, "Armed Forces of the Russian Federation", 8), ("NSA", "Syrian Democratic Forces", 4),
        ("NSA", "Tahrir al-Sham", 2), (FOREIGN, "Armed Forces of Turkey", 3),
        (FOREIGN, "International Coalition Forces in Syria", 2), ("NSA", "Islamic State", 3),
        ("No Information", "Unidentified Armed Actor", 15), NOBODY + (10,),
    ], {2016: 3.0, 2017: 2.5, 2018: 2.5, 2019: 1.5, 2020: 0.8, 2021: 0.5, 2022: 0.4, 2023: 0.5}),
    ("DRC", "COD", 572, (-2.9, 23.6), [
        ("Beni", "North Kivu", 0.4911, 29.4731, 10), ("Goma", "North Kivu", -1.6792, 29.2228, 6),
        ("Butembo", "North Kivu", 0.1419, 29.2919, 6), ("Bunia", "Ituri", 1.5594, 30.2522, 10),
        ("Bukavu", "South Kivu", -2.5083, 28.8608, 7), ("Kindu", "Maniema", -2.9437, 25.9224, 4),
        ("Kalemie", "Tanganyika", -5.9475, 29.1947, 3),
    ], [
        ("NSA", "Mai Mai militia", 15),
        ("NSA", "Allied Democratic Forces /National Army for the Liberation of Uganda", 12),
        ("NSA", "March 23 Movement", 5), ("NSA", "Coalition of Congolese Democrats (Armed Wing)", 4),
        ("Police", "Congolese National Police", 4), UNIDENTIFIED + (30,), ("Protestors", "Local population", 5),
        NOBODY + (15,), ("Criminal", "Criminal", 5),
    ], {}),
    ("Sudan", "SDN", 427, (15.6, 30.2), [
        ("Khartoum", "Khartoum State", 15.5007, 32.5599, 14), ("Omdurman", "Khartoum State", 15.6445, 32.4777, 7),
        ("Nyala", "South Darfur State", 12.0489, 24.8807, 4), ("El Geneina", "West Darfur State", 13.4525, 22.4472, 4),
        ("Zalingei", "Central Darfur State", 12.9096, 23.4740, 2), ("El Fasher", "North Darfur State", 13.6290, 25.3494, 2),
        ("El Obeid", "North Kordofan State", 13.1843, 30.2167, 2),
    ], [
        ("Vigilante", "Rapid Support Forces", 30), (GOV, "Sudanese Armed Forces", 18),
        ("Multiple", "Rapid Support Forces, Sudanese Armed Forces", 7), ("Police", "Sudan Police Force", 8),
        ("Government/Self-Declared Government", "National Intelligence and Security Services (Sudan)", 6),
        ("No Information", "Unidentified Armed Actor", 15), NOBODY + (12,),
    ], {2019: 1.5, 2023: 4.0}),
    ("Afghanistan", "AFG", 413, (33.9, 67.7), [
        ("Jalalabad", "Nangarhar Province", 34.4265, 70.4515, 9), ("Kabul", "Kabul Province", 34.5553, 69.2075, 8),
        ("Qalat", "Zabul Province", 32.1058, 66.9083, 6), ("Kunduz", "Kunduz Province", 36.7280, 68.8680, 4),
        ("Mazar-i-Sharif", "Balkh Province", 36.7090, 67.1109, 4), ("Kandahar", "Kandahar Province", 31.6289, 65.7372, 4),
        ("Herat", "Herat Province", 34.3529, 62.2040, 3),
    ], [
        ("Police", "Islamic Emirate of Afghanistan", 14), (GOV, "Islamic Emirate of Afghanistan", 10),
        ("NSA", "Taliban", 10), ("NSA", "Islamic State", 6), (GOV, "Afghan National Security Forces", 4),
        UNIDENTIFIED + (30,), NOBODY + (20,),
    ], {}),
    ("Nigeria", "NGA", 270, (9.1, 8.7), [
        ("Maiduguri", "Borno State", 11.8311, 13.1510, 12), ("Kaduna", "Kaduna State", 10.5105, 7.4165, 4),
        ("Calabar", "Cross River State", 4.9757, 8.3417, 3), ("Damaturu", "Yobe", 11.7470, 11.9608, 3),
        ("Gusau", "Zamfara State", 12.1628, 6.6614, 2), ("Katsina", "Katsina State", 12.9908, 7.6018, 2),
        ("Makurdi", "Benue State", 7.7337, 8.5214, 2),
    ], [
        ("NSA", "Boko Haram", 12), ("NSA", "Islamic State West Africa Province", 12), ("Criminal", "Criminal", 12),
        UNIDENTIFIED + (35,), ("Police", "Nigeria Police Force", 5), NOBODY + (20,),
    ], {}),
    ("Libya", "LBY", 255, (26.3, 17.2), [
        ("Tripoli", "Tripoli", 32.8872, 13.1913, 12), ("Tripoli", "Trípoli", 32.8872, 13.1913, 3),
        ("Bani Walid", "Bani Walid", 31.7566, 13.9942, 3), ("Sirte", "Sirte", 31.2089, 16.5887, 3),
        ("Al Aziziyah", "Jafara", 32.5300, 13.0200, 3), ("Sabha", "Sabha", 27.0377, 14.4283, 2),
        ("Az Zawiya", "Az Zawiya District", 32.7571, 12.7276, 2), ("Benghazi", "Benghazi", 32.1167, 20.0667, 3),
    ], [
        ("NSA", "Libyan National Army", 25), (GOV, "Government of National Accord", 10), ("NSA", "Militia", 20),
        UNIDENTIFIED + (25,), NOBODY + (20,),
    ], {2019: 2.0, 2020: 1.5}),
    ("Yemen", "YEM", 205, (15.6, 48.0), [
        ("Hodeidah", "Al Hudaydah Governorate", 14.7978, 42.9545, 8), ("Taiz", "Ta'izz Governorate", 13.5795, 44.0209, 8),
        ("Sanaa", "Amanat Al Asimah", 15.3694, 44.1910, 3), ("Aden", "Aden Governorate", 12.7855, 45.0187, 3),
        ("Ibb", "Ibb Governorate", 13.9667, 44.1833, 2), ("Ad Dali", "Ad Dali' Governorate", 13.6957, 44.7314, 2),
        ("Saada", "Sa'dah Governorate", 16.9402, 43.7639, 2),
    ], [
        ("NSA", "Shia al-Houthi rebels", 30), (FOREIGN, "Saudi-led coalition in Yemen", 25),
        ("NSA", "Southern Transitional Council", 5), UNIDENTIFIED + (20,), NOBODY + (20,),
    ], {2016: 2.5, 2017: 2.0, 2018: 2.0}),
    ("Burkina Faso", "BFA", 196, (12.2, -1.6), [
        ("Djibo", "Sahel", 14.1022, -1.6306, 4), ("Dori", "Sahel", 14.0354, -0.0345, 3),
        ("Fada N'gourma", "East", 12.0616, 0.3584, 3), ("Kaya", "Central-North", 13.0917, -1.0844, 3),
        ("Dédougou", "Boucle du Mouhoun", 12.4634, -3.4608, 2), ("Ouahigouya", "North", 13.5828, -2.4216, 1),
    ], [
        ("NSA", "Jama'at Nasr al-Islam wal Muslimin", 35), ("NSA", "Islamic State of the Greater Sahara", 10),
        (GOV, "Armed Forces of Burkina Faso", 10), ("Vigilante", "Volunteers for the Defence of the Homeland", 5),
        UNIDENTIFIED + (25,), NOBODY + (15,),
    ], {2016: 0.1, 2017: 0.2, 2018: 0.5}),
    ("CAR", "CAF", 188, (6.6, 20.9), [
        ("Bossangoa", "Ouham", 6.4926, 17.4552, 4), ("Bambari", "Ouaka", 5.7679, 20.6757, 3),
        ("Kaga-Bandoro", "Nana-Grébizi", 6.9896, 19.1874, 2), ("Obo", "Haut-Mbomou", 5.3998, 26.4869, 2),
        ("Bangassou", "Mbomou", 4.7413, 22.8184, 2), ("Ndélé", "Bamingui-Bangoran", 8.4109, 20.6473, 2),
        ("Bangui", "Bangui", 4.3947, 18.5582, 2),
    ], [
        ("NSA", "Coalition of Patriots for Change", 12), ("NSA", "Anti-Balaka", 10),
        ("NSA", "Union for Peace in the Central African Republic", 8), UNIDENTIFIED + (40,), NOBODY + (20,),
        ("Criminal", "Criminal", 10),
    ], {}),
    ("South Sudan", "SSD", 155, (7.9, 30.2), [
        ("Juba", "Central Equatoria", 4.8594, 31.5713, 4), ("Bentiu", "Unity", 9.2333, 29.8333, 3),
        ("Bor", "Jonglei", 6.2092, 31.5589, 3), ("Malakal", "Upper Nile", 9.5334, 31.6605, 3),
        ("Rumbek", "Lakes", 6.8070, 29.6780, 2), ("Yambio", "Western Equatoria", 4.5721, 28.3955, 2),
        ("Torit", "Eastern Equatoria", 4.4133, 32.5678, 2),
    ], [
        (GOV, "South Sudan People's Defence Forces", 15), ("NSA", "Sudan People's Liberation Movement-in-Opposition", 10),
        ("Criminal", "Criminal", 15), ("Protestors", "Local population", 10), UNIDENTIFIED + (30,), NOBODY + (20,),
    ], {}),
    ("Mali", "MLI", 146, (17.6, -4.0), [
        ("Gao", "Gao", 16.2717, -0.0447, 6), ("Mopti", "Mopti", 14.4843, -4.1827, 4),
        ("Timbuktu", "Timbuktu", 16.7666, -3.0026, 3), ("Sikasso", "Sikasso", 11.3176, -5.6665, 2),
        ("Ménaka", "Ménaka", 15.9182, 2.4022, 2), ("Kidal", "Kidal", 18.4411, 1.4078, 2),
    ], [
        ("NSA", "Jama'at Nasr al-Islam wal Muslimin", 30), ("NSA", "Islamic State of the Greater Sahara", 15),
        (GOV, "Malian Armed Forces", 10), (FOREIGN, "Wagner Group", 5), UNIDENTIFIED + (25,), NOBODY + (15,),
    ], {}),
    ("Ethiopia", "ETH", 108, (9.1, 40.5), [
        ("Mekelle", "Tigray", 13.4967, 39.4753, 4), ("Gondar", "Amhara", 12.6030, 37.4521, 2),
        ("Dessie", "Amhara", 11.1333, 39.6333, 2), ("Nekemte", "Oromia", 9.0833, 36.5500, 2),
    ], [
        (GOV, "Ethiopian National Defense Forces", 25), ("NSA", "Tigray People\u2019s Liberation Front", 20),
        (FOREIGN, "Eritrean Defence Forces", 15), ("NSA", "Fano militia", 10), UNIDENTIFIED + (15,), NOBODY + (15,),
    ], {2016: 0.1, 2017: 0.1, 2018: 0.1, 2019: 0.1, 2020: 1.5, 2021: 3.0, 2022: 1.5}),
    ("Iran", "IRN", 99, (32.4, 53.7), [
        ("Tehran", "Tehran Province", 35.6892, 51.3890, 4), ("Zahedan", "Sistan and Baluchestan Province", 29.4963, 60.8629, 2),
        ("Sanandaj", "Kurdistan Province", 35.3219, 46.9862, 2),
    ], [
        ("Police", "Law Enforcement Forces of Islamic Republic of Iran", 85), NOBODY + (15,),
    ], {2016: 0.1, 2017: 0.1, 2018: 0.1, 2019: 0.3, 2020: 0.1, 2021: 0.1, 2022: 6.0}),
    ("Pakistan", "PAK", 94, (30.4, 69.3), [
        ("Peshawar", "Khyber Pakhtunkhwa", 34.0151, 71.5249, 3), ("Quetta", "Balochistan", 30.1798, 66.9750, 2),
        ("Karachi", "Sindh", 24.8607, 67.0011, 2),
    ], [
        ("NSA", "Tehrik-i-Taliban Pakistan", 20), UNIDENTIFIED + (40,), ("Patient or Family", "Family", 20),
        NOBODY + (20,),
    ], {}),
    ("Mexico", "MEX", 89, (23.6, -102.5), [
        ("Culiacán", "Sinaloa", 24.8091, -107.3940, 2), ("Ciudad Juárez", "Chihuahua", 31.6904, -106.4245, 2),
        ("Guadalajara", "Jalisco", 20.6597, -103.3496, 2),
    ], [
        ("Criminal", "Criminal", 50), ("Criminal", "Unidentified Armed Actor", 30), ("Patient or Family", "Family", 20),
    ], {}),
    ("Somalia", "SOM", 80, (5.2, 46.2), [
        ("Mogadishu", "Banadir", 2.0469, 45.3182, 4), ("Baidoa", "Bay", 3.1136, 43.6496, 2),
        ("Kismayo", "Lower Juba", -0.3582, 42.5454, 1),
    ], [
        ("NSA", "Al-Shabaab", 60), UNIDENTIFIED + (25,), NOBODY + (15,),
    ], {}),
    ("Cameroon", "CMR", 79, (7.37, 12.35), [
        ("Bamenda", "North-West", 5.9597, 10.1460, 3), ("Buea", "South-West", 4.1527, 9.2410, 2),
        ("Maroua", "Far North", 10.5913, 14.3159, 1),
    ], [
        ("NSA", "Ambazonian separatists", 40), (GOV, "Cameroon Armed Forces", 30), ("NSA", "Boko Haram", 10),
        NOBODY + (20,),
    ], {}),
    ("Haiti", "HTI", 76, (18.97, -72.29), [
        ("Port-au-Prince", "Ouest", 18.5944, -72.3074, 4), ("Cap-Haïtien", "Nord", 19.7578, -72.2042, 1),
    ], [
        ("Criminal", "Armed gang", 60), ("Criminal", "Criminal", 20), NOBODY + (20,),
    ], {2016: 0.2, 2017: 0.2, 2018: 0.3, 2022: 2.0, 2023: 2.5}),
    ("India", "IND", 72, (20.59, 78.96), [
        ("Imphal", "Manipur", 24.8170, 93.9368, 2), ("Srinagar", "Jammu and Kashmir", 34.0837, 74.7973, 2),
        ("Delhi", "Delhi", 28.7041, 77.1025, 1), ("Mumbai", "Maharashtra", 19.0760, 72.8777, 1),
    ], [
        ("Patient or Family", "Family", 40), ("Protestors", "Local population", 20), ("Police", "India Police", 20),
        NOBODY + (20,),
    ], {}),
    ("Iraq", "IRQ", 54, (33.22, 43.68), [
        ("Mosul", "Ninewa", 36.3400, 43.1300, 3), ("Baghdad", "Baghdad", 33.3152, 44.3661, 2),
        ("Basra", "Basrah", 30.5085, 47.7804, 1),
    ], [
        ("Patient or Family", "Family", 35), ("NSA", "Islamic State", 15), UNIDENTIFIED + (30,), NOBODY + (20,),
    ], {2016: 3.0, 2017: 3.0}),
    ("Niger", "NER", 42, (17.6, 8.08), [
        ("Diffa", "Diffa", 13.3154, 12.6113, 2), ("Tillabéri", "Tillabéri", 14.2117, 1.4531, 2),
    ], [
        ("NSA", "Islamic State of the Greater Sahara", 30), ("NSA", "Boko Haram", 20), UNIDENTIFIED + (35,),
        NOBODY + (15,),
    ], {}),
    ("Colombia", "COL", 42, (4.57, -74.30), [
        ("Cúcuta", "Norte de Santander", 7.8939, -72.5078, 2), ("Cali", "Valle del Cauca", 3.4516, -76.5320, 1),
    ], [
        ("NSA", "National Liberation Army (ELN)", 25), ("NSA", "FARC dissidents", 25), UNIDENTIFIED + (30,),
        NOBODY + (20,),
    ], {}),
    ("Bangladesh", "BGD", 42, (23.68, 90.36), [
        ("Cox's Bazar", "Chittagong", 21.4272, 92.0058, 2), ("Dhaka", "Dhaka", 23.8103, 90.4125, 1),
    ], [
        ("Patient or Family", "Family", 50), ("NSA", "Arakan Rohingya Salvation Army", 20), NOBODY + (30,),
    ], {}),
    ("Mozambique", "MOZ", 40, (-18.67, 35.53), [
        ("Pemba", "Cabo Delgado", -12.9740, 40.5178, 2), ("Mocímboa da Praia", "Cabo Delgado", -11.3500, 40.3500, 2),
    ], [
        ("NSA", "Islamic State Mozambique Province", 60), UNIDENTIFIED + (25,), NOBODY + (15,),
    ], {2016: 0.05, 2017: 0.2, 2018: 0.5}),
]

# Rows per year in the real file.
YEARS = [(2016, 473), (2017, 313), (2018, 416), (2019, 583), (2020, 789), (2021, 1695), (2022, 2372), (2023, 2213)]

# Geo Precision, trailing spaces as in the real file: (text, weight, spread in km around the
# town; None: the country's centroid).
PRECISIONS = [
    ("(2) 25 km Precision ", 5309, 4.0),
    ("(3) District, Communicipality or Commune ", 1852, 15.0),
    ("(4) Province, State, Governorate ", 401, 40.0),
    ("(5) Linear Feature e.g. Along Road/River ", 80, 10.0),
    ("(6) Country", 1211, None),
    ("(7) Estimated Sea/Air Coordinates ", 1, 20.0),
]
NO_COORDINATES = 270 / 1211     # "(6) Country" rows without coordinates in the real file
SAME_POINT = 0.35               # rows geocoded to the town's point itself (gazetteer coordinates)
NO_ADMIN1 = 0.05                # other rows whose first-level area is "No Information"

# Weapon Carried/Used, the real file's vocabulary and frequencies. The second value is what the
# description says.
WEAPONS = [
    ("Firearms", 4463, "gun"), ("No Information on the Weapon Used", 630, "unknown"),
    ("Aerial Bomb: Plane", 609, "air"), ("Shelling", 437, "shell"),
    ("Not Applicable: No Direct Violence", 422, "none"), ("Unspecified Explosive", 387, "blast"),
    ("Arson", 265, "fire"), ("Aerial Bomb: Missile", 209, "missile"), ("Unarmed Perpetrator", 204, "hand"),
    ("Artillery", 173, "shell"), ("Rocket", 170, "missile"), ("Missile", 126, "missile"), ("Knife", 119, "knife"),
    ("Unspecified IED", 105, "blast"), ("Fist and Foot", 73, "hand"), ("Aerial Bomb: Drone", 68, "drone"),
    ("Mortar", 65, "shell"), ("Other Weapon", 50, "unknown"), ("Hand Grenade", 48, "blast"), ("Mine", 40, "blast"),
    ("VBIED", 32, "blast"), ("Tasers, Live and Rubber Bullets", 32, "gun"), ("Stones, Sticks and Gravel", 32, "hand"),
    ("SVIED", 15, "blast"), ("Cluster Bomb", 12, "air"), ("RPG", 10, "blast"),
    ("Aerial Bomb: No Information on Platform Type", 8, "air"), ("RCIED", 6, "blast"),
    ("Aerial Bomb: Plane, Firearms", 4, "air"), ("Firearms, Unspecified Explosive", 4, "gun"),
    ("Firearms, Not Applicable: No Direct Violence", 4, "gun"), ("Firearms, Unarmed Perpetrator", 3, "gun"),
    ("Firearms, Shelling", 3, "shell"), ("UXO", 3, "blast"), ("Remote-controlled IED", 2, "blast"),
]

LOCATIONS = [
    ("Health Building", 4320), ("No Information", 1401), ("Road", 1076), ("Open Space", 490), ("Home", 354),
    ("Administration", 247), ("Project Site", 193), ("Compound/Office Building", 170), ("Other", 157),
    ("Communication", 127), ("Checkpoint", 102), ("IDP/Refugee Camp", 90), ("Warehouse", 51),
    ("Public Building", 35), ("School", 14), ("Police Station", 10), ("Airstrip", 9), ("Ship/Water", 8),
]

# Counts of the #indicator and #affected columns: [(value, rows in the real file)].
INDICATORS = [
    [(0, 8551), (1, 291), (2, 6), (3, 2), (4, 2), (6, 1)],        # facility destroyed
    [(0, 7237), (1, 1576), (2, 27), (3, 7), (4, 5), (11, 2)],     # facility damaged
    [(0, 7688), (1, 1159), (2, 7)],                               # forceful entry
    [(0, 8548), (1, 293), (2, 12), (3, 1)],                       # occupation
    [(0, 8757), (1, 80), (2, 14), (3, 1), (4, 1)],                # transport destroyed
    [(0, 8473), (1, 303), (2, 30), (3, 29), (4, 8), (5, 5)],      # transport damaged
    [(0, 8630), (1, 174), (2, 19), (3, 13), (4, 6), (8, 2)],      # transport stolen
    [(0, 7993), (1, 789), (2, 44), (3, 16), (4, 4), (5, 3)],      # supplies looted
]
ACCESS_DENIED = 839 / 8854
AFFECTED = [
    [(0, 7713), (1, 925), (2, 111), (3, 43), (4, 33), (5, 9), (6, 5)],             # killed
    [(0, 7621), (1, 772), (2, 199), (3, 113), (4, 64), (5, 33), (6, 21)],          # injured
    [(0, 8270), (1, 376), (2, 92), (3, 40), (4, 28), (5, 20), (7, 10)],            # kidnapped
    [(0, 8167), (1, 449), (2, 106), (3, 43), (4, 36), (5, 14), (6, 8)],            # arrested
]
AFFECTED_LATER = [
    [(0, 8360), (1, 228), (2, 103), (3, 65), (4, 32), (5, 20), (6, 18)],           # threatened
    [(0, 8519), (1, 195), (2, 61), (3, 31), (4, 26), (5, 6), (6, 9)],              # assaulted
    [(0, 8816), (1, 30), (2, 3), (3, 2), (4, 1), (6, 1)],                          # sexually assaulted
]
OUTCOMES = [
    ("NoInformation", 600), ("Freed", 349), ("StillInCaptivity", 191), ("Killed", 57), ("Missing", 16),
    ("Freed, NoInformation", 14), ("Freed, StillInCaptivity", 9), ("Escaped", 9),
    ("NoInformation, StillInCaptivity", 7), ("Freed, Missing", 5), ("Escaped, NoInformation", 3),
]
# The five "...-Related Violence" columns: (value when it is, its share).
RELATED = [
    ("ConflictEvent", 8181 / 8854), ("Politically-related", 821 / 8854), ("COVIDEvent", 305 / 8854),
    ("Ebola-related", 83 / 8854), ("Vaccination-related", 209 / 8854),
]

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]
NUMBERS = ["no", "One", "Two", "Three", "Four", "Five", "Six", "Seven", "Eight", "Nine", "Ten"]

# What the description says was hit, and what happened, by the weapon's class.
TARGETS = ["a hospital", "a health centre", "a clinic", "a primary health care centre", "a medical warehouse",
           "a field hospital", "a maternity hospital", "a mobile clinic", "a pharmacy", "a health post"]
VEHICLES = ["an ambulance", "a Red Cross ambulance", "a vehicle carrying medical supplies",
            "a mobile health team's vehicle", "an ambulance responding to casualties"]
WORKERS = ["a doctor", "a nurse", "a paramedic", "a midwife", "a health worker", "a pharmacist",
           "a surgeon", "an ambulance driver", "a vaccinator", "a laboratory technician"]
ACTS = {
    "gun": ["{w} was shot by {p}", "{p} opened fire on {t}", "{p} fired at {v} at a checkpoint",
            "{w} was shot dead at home by {p}", "{p} raided {t} and fired shots inside the building"],
    "unknown": ["{t} was attacked by {p}", "{w} was attacked by {p} on the way to work",
                "{p} attacked {t} in unclear circumstances"],
    "air": ["{t} was hit by an airstrike carried out by {p}", "{t} was damaged by airstrikes on the area",
            "an airstrike by {p} destroyed {t}", "{t} was bombed by {p}"],
    "drone": ["{t} was hit by a drone strike", "a drone operated by {p} struck {v}",
              "{p} attacked {t} with drones"],
    "missile": ["{t} was hit by a missile fired by {p}", "a rocket struck near {t}",
                "{p} hit {t} with missiles"],
    "shell": ["{t} was damaged by shelling by {p}", "shells fired by {p} hit {t}",
              "{v} was hit by artillery fire", "{t} was damaged during heavy shelling of the town"],
    "none": ["{p} threatened staff at {t}", "{t} was closed after threats by {p}",
             "{p} blocked {v} at a checkpoint", "{w} received death threats from {p}"],
    "blast": ["an explosive device detonated near {t}", "{v} struck a landmine", "{t} was damaged by an explosion",
              "a car bomb exploded outside {t}"],
    "fire": ["{t} was set on fire by {p}", "{p} burned down {t}", "{v} was torched by {p}"],
    "hand": ["{w} was assaulted by the relatives of a patient", "{w} was beaten by {p}",
             "protesters stormed {t} and assaulted staff"],
    "knife": ["{w} was stabbed by {p}", "{w} was attacked with a knife at {t}"],
}
AFTERMATH = [
    "The facility was forced to suspend services.",
    "Patients were evacuated to another hospital.",
    "The hospital's main generator was also hit, rendering the hospital out of service.",
    "Medical supplies were looted.",
    "The attack was reported by local media.",
    "The hospital had already been damaged in an earlier attack.",
    "Several houses nearby were also destroyed.",
    "No further information was available.",
    "Staff fled the area and the health centre remained closed for several weeks.",
    "The ambulance was out of service after the attack.",
]


def cumulative(weighted):
    """[(value, weight)] -> (values, cumulative weights as fractions of 1)."""
    total = float(sum(w for _, w in weighted))
    values, cum, acc = [], [], 0.0
    for value, weight in weighted:
        acc += weight
        values.append(value)
        cum.append(acc / total)
    cum[-1] = 1.0
    return values, cum


def picker(weighted):
    """Return f(u) mapping a uniform u in [0, 1) to a value, by weight (linear scan: lists are short)."""
    values, cum = cumulative(weighted)
    pairs = list(zip(cum, values))

    def pick(u):
        for c, v in pairs:
            if u < c:
                return v
        return values[-1]

    return pick


def uniform_pick(values):
    n = len(values)
    return lambda u: values[min(int(u * n), n - 1)]


def generate(out, rows, seed):
    rnd = random.Random(seed).random
    first = datetime.date(2016, 1, 1)

    # Days, newest first, as the real file lists them: a year by its weight, then a day in it.
    pick_year = picker([(y, w) for y, w in YEARS])
    year_days = {y: (datetime.date(y, 1, 1) - first).days for y, _ in YEARS}
    year_len = {y: (datetime.date(y + 1, 1, 1) - datetime.date(y, 1, 1)).days for y, _ in YEARS}
    days = []
    for _ in range(rows):
        y = pick_year(rnd())
        days.append(year_days[y] + min(int(rnd() * year_len[y]), year_len[y] - 1))
    days.sort(reverse=True)

    # Per year, the countries by weight; per country, its places and perpetrators.
    country_by_year = {
        y: picker([(c, c[2] * c[6].get(y, 1.0)) for c in COUNTRIES]) for y, _ in YEARS
    }
    places = {c[0]: picker([(p, p[4]) for p in c[4]]) for c in COUNTRIES}
    perpetrators = {c[0]: picker([(p[:2], p[2]) for p in c[5]]) for c in COUNTRIES}
    pick_precision = picker([((t, s), w) for t, w, s in PRECISIONS])
    pick_weapon = picker([((w, k), n) for w, n, k in WEAPONS])
    pick_location = picker(LOCATIONS)
    pick_indicators = [picker(d) for d in INDICATORS]
    pick_affected = [picker(d) for d in AFFECTED]
    pick_affected_later = [picker(d) for d in AFFECTED_LATER]
    pick_outcome = picker(OUTCOMES)
    pick_target = uniform_pick(TARGETS)
    pick_vehicle = uniform_pick(VEHICLES)
    pick_worker = uniform_pick(WORKERS)
    pick_aftermath = uniform_pick(AFTERMATH)
    acts = {k: uniform_pick(v) for k, v in ACTS.items()}
    iso = {}
    two_pi = 2.0 * math.pi
    km_per_deg = 111.32
    # Ids decrease down the file, with gaps (the real file's ids are a subset of a larger
    # database's): row i gets one of the five numbers below 232 + 5 * (rows - i).
    top = 232 + 5 * rows

    header = ",".join(csv_cell(c) for c in HEADER) + "\n"
    out.write(header)
    out.write(",".join(csv_cell(c) for c in TAGS) + "\n")
    buf = []
    for i, day in enumerate(days):
        date = iso.get(day)
        if date is None:
            date = iso[day] = first + datetime.timedelta(days=day)
        year = date.year
        country = country_by_year[year](rnd())
        name, code, _, (c_lat, c_lon), _, _, _ = country
        town, admin1, t_lat, t_lon, _ = places[name](rnd())
        precision, spread = pick_precision(rnd())
        if spread is None:
            if rnd() < NO_COORDINATES:
                lat = lon = ""
            else:
                lat, lon = str(c_lat), str(c_lon)
            if rnd() < 0.8:
                admin1 = NO_INFO
        else:
            if rnd() < SAME_POINT:
                dy = dx = 0.0
                rnd()
                rnd()
            else:
                r = spread * math.sqrt(-2.0 * math.log(1.0 - rnd()))
                a = two_pi * rnd()
                dy, dx = r * math.sin(a), r * math.cos(a)
            la = t_lat + dy / km_per_deg
            lo = t_lon + dx / (km_per_deg * math.cos(math.radians(t_lat)))
            lat, lon = str(round(la, 10)), str(round(lo, 10))
            if rnd() < NO_ADMIN1:
                admin1 = NO_INFO
        perp_kind, perp_name = perpetrators[name](rnd())
        weapon, weapon_class = pick_weapon(rnd())
        location = pick_location(rnd())
        indicators = [p(rnd()) for p in pick_indicators]
        access = "TRUE" if rnd() < ACCESS_DENIED else "FALSE"
        affected = [p(rnd()) for p in pick_affected]
        later = [p(rnd()) for p in pick_affected_later]
        outcome = pick_outcome(rnd()) if (affected[2] or affected[3]) and rnd() < 0.85 else ""
        related = [v if rnd() < share else "NotApplicable" for v, share in RELATED]
        event_id = top - 5 * i - int(rnd() * 5)

        # The description: "[DD ]Month YYYY: In <town>, <what happened>. <casualties>. [<more>]"
        who = perp_name if perp_name not in (NO_INFO, "Unidentified Armed Actor") else "unidentified armed men"
        act = acts[weapon_class](rnd()).format(
            p=who, t=pick_target(rnd()), v=pick_vehicle(rnd()), w=pick_worker(rnd()))
        when = f"{MONTHS[date.month - 1]} {year}"
        if rnd() < 0.5:
            when = f"{date.day:02d} {when}"
        text = f"{when}: In {town}, {act}."
        if affected[0]:
            text += f" {NUMBERS[min(affected[0], 10)]} health worker{'s were' if affected[0] > 1 else ' was'} killed."
        if affected[1]:
            text += f" {NUMBERS[min(affected[1], 10)]} health worker{'s were' if affected[1] > 1 else ' was'} injured."
        if affected[2]:
            text += f" {NUMBERS[min(affected[2], 10)]} health worker{'s were' if affected[2] > 1 else ' was'} abducted."
        u = rnd()
        if u < 0.45:
            text += " " + pick_aftermath(rnd())
        if u < 0.15:
            text += " " + pick_aftermath(rnd())

        cells = [
            date.isoformat(), csv_cell(text), csv_cell(name), code, csv_cell(admin1), lat, lon,
            csv_cell(precision), csv_cell(perp_kind), csv_cell(perp_name), csv_cell(weapon), csv_cell(location),
            *map(str, indicators), access, *map(str, affected), csv_cell(outcome), *map(str, later),
            *related, str(event_id),
        ]
        buf.append(",".join(cells) + "\n")
        if len(buf) >= 10000:
            out.write("".join(buf))
            buf.clear()
    out.write("".join(buf))


def csv_cell(text):
    """A CSV cell, quoted when it has to be (RFC 4180)."""
    if any(c in text for c in ',"\n\r'):
        return '"' + text.replace('"', '""') + '"'
    return text


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", "-n", type=int, default=1_000_000, help="rows to write (default 1000000)")
    parser.add_argument("--seed", type=int, default=42, help="random seed (default 42)")
    parser.add_argument("--out", "-o", default="-", help="output file (default: stdout)")
    args = parser.parse_args(argv)
    if args.rows < 0:
        parser.error("--rows must be >= 0")

    if args.out == "-":
        generate(sys.stdout, args.rows, args.seed)
        return
    # Write to a temporary name and rename, so an interrupted run never leaves a short file
    # that a cache would take for a finished one.
    tmp = f"{args.out}.tmp{os.getpid()}"
    try:
        with open(tmp, "w", encoding="utf-8", newline="") as f:
            generate(f, args.rows, args.seed)
        os.replace(tmp, args.out)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


if __name__ == "__main__":
    main()
