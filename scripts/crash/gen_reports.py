"""Invented strike reports (our own words, made-up numbers) as JSON lines: python gen_reports.py N OUT.jsonl"""
import json, random, sys
random.seed(19)
places = ["Saraqib", "Maarrat al-Numan", "Ariha", "Jisr al-Shughur", "Kafr Nabl", "Khan Shaykhun", "Idlib", "Atarib", "Darat Izza", "Sarmada"]
actors = ["Russian warplanes", "regime helicopters", "government artillery", "unidentified drones"]
targets = ["a market", "a bakery", "a school", "a hospital", "a residential building", "a farm"]
out = open(sys.argv[2], "w")
for i in range(int(sys.argv[1])):
    d = 1 + (i % 28); p = places[i % len(places)]; a = actors[(i // 3) % len(actors)]
    k = 1 + (i * 7) % 9; w = (i * 5) % 13; t = targets[(i // 2) % len(targets)]
    text = (f"On November {d}, 2019, {a} struck {t} in {p}, Idlib governorate, killing {k} civilians "
            f"and wounding {w} others, local volunteers told our reporter. Report {i} of the series.")
    out.write(json.dumps({"id": f"inv-{i:03d}", "text": text, "published": f"2019-11-{d:02d}"}) + "\n")
