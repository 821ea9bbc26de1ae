#!/usr/bin/env python3
"""Builds lexicons/councils.csv from the reference data.

Takes the three CSVs in the reference folder (default /work/shared/reference):
the 153 current English children's services authorities, the eight abolished
ones, and mySociety's name-to-registry lookup; gives motif's gazetteer, one row
per authority April 2009 to today with its GSS code, validity dates and the
aliases texts use. The output is committed; CI never runs this script.

Alias flags (first character of an alias, read by src/councils/gazetteer.rs):
  ~  the name is also an ordinary word, surname or other place: found only
     with evidence (a council word next to it, a place construction, or the
     council named unambiguously elsewhere in the document);
  ^  shared by design with other councils valid at the same time (a trust or
     company running services for several councils): names all of them;
  !  a non-authority place containing this council's name ("East Dorset",
     "Greater Manchester"): matching it blocks the shorter council name.

Usage: tools/build_gazetteer.py [REFERENCE_DIR] > lexicons/councils.csv
"""

import csv
import re
import sys

REF = sys.argv[1] if len(sys.argv) > 1 else "/work/shared/reference"

KIND = {
    "UA": "unitary",
    "MD": "metropolitan district",
    "LBO": "london borough",
    "CTY": "county",
    "CC": "city of london",
}

# Known errors in the reference regions (Derbyshire and Lincolnshire are in
# the East Midlands).
REGION_FIX = {"E10000007": "East Midlands", "E10000019": "East Midlands"}

# Authorities created on these dates (successors of abolished councils and
# the 2009 unitaries that had no children's duties before).
VALID_FROM = {
    "E06000049": "2009-04-01", "E06000050": "2009-04-01",
    "E06000055": "2009-04-01", "E06000056": "2009-04-01",
    "E06000058": "2019-04-01", "E06000059": "2019-04-01",
    "E06000060": "2020-04-01",
    "E06000061": "2021-04-01", "E06000062": "2021-04-01",
    "E06000063": "2023-04-01", "E06000064": "2023-04-01",
    "E06000065": "2023-04-01", "E06000066": "2023-04-01",
}

# The short names texts use where the reference's "nice name" is not one.
SHORT = {
    "E06000010": "Hull", "E06000023": "Bristol", "E06000047": "Durham",
    "E06000059": "Dorset", "E06000060": "Buckinghamshire",
    "E08000013": "St Helens", "E08000021": "Newcastle",
    "E06000058": "BCP", "E10000002": "Buckinghamshire",
    "E10000009": "Dorset", "E10000023": "North Yorkshire",
    "E10000027": "Somerset",
}

# Names that are also ordinary words, surnames, people's first names or
# other places: texts must show they mean the council.
AMBIGUOUS = {
    "Reading", "Bury", "Sutton", "Bolton", "Halton", "Derby", "Dudley",
    "Kent", "Wigan", "Hull", "Durham", "Kingston", "Richmond", "Newcastle",
    "Bromley", "Brent", "Enfield", "Harrow", "Merton", "Camden", "Greenwich",
    "Westminster", "Oldham", "Wakefield", "Bradford", "Coventry",
    "Sunderland", "Cornwall", "Devon", "Surrey", "Wiltshire", "Bedford",
    "Rutland", "York", "Stockton", "Stoke", "Blackburn", "Slough",
    "Cumberland", "Warrington", "Darlington", "Barnet", "Sefton", "Walsall",
    "Telford", "Trafford",
}

# Bodies that run children's services for a council, and abbreviations.
EXTRA = {
    "E06000038": ["Brighter Futures for Children"],
    "E06000039": ["Slough Children's Services Trust", "Slough Children First"],
    "E08000017": ["Doncaster Children's Services Trust", "DCST",
                  "Doncaster Council"],
    "E08000025": ["Birmingham Children's Trust"],
    "E08000028": ["Sandwell Children's Trust"],
    "E10000034": ["Worcestershire Children First"],
    "E08000032": ["Bradford Children and Families Trust"],
    "E08000024": ["Together for Children"],
    "E10000016": ["KCC"],
    "E09000020": ["RBKC", "Kensington & Chelsea"],
    "E06000040": ["RBWM", "Windsor & Maidenhead"],
    "E06000022": ["BaNES", "B&NES", "Bath & North East Somerset"],
    "E06000050": ["CWAC", "Cheshire West"],
    "E06000011": ["East Riding", "ERYC"],
    "E06000047": ["County Durham"],
    "E06000010": ["Kingston upon Hull", "Hull City Council"],
    "E06000021": ["Stoke"],
    "E06000004": ["Stockton"],
    "E06000008": ["Blackburn"],
    "E06000020": ["Telford"],
    "E06000043": ["Brighton"],
    "E06000033": ["Southend"],
    "E06000053": ["Scilly"],
    "E06000058": ["Bournemouth, Christchurch and Poole",
                  "Bournemouth Christchurch and Poole"],
    "E08000021": ["Newcastle upon Tyne"],
    "E09000027": ["Richmond"],
    "E09000021": ["Kingston"],
    "E09000012": ["LB Hackney"],
    "E10000023": ["NYCC"],
    "E09000013": ["LBHF", "H&F"],
    "E09000030": ["LBTH"],
    # Its official name is "City of Westminster", and "Westminster" alone
    # is also Parliament, so the council's usual name must be listed.
    "E09000033": ["Westminster City Council"],
    "E09000002": ["LBBD"],
}
# The counties' customary short forms, written with "Council" after them
# ("Bucks County Council", "Herts County Council", "Glos Council"): alone
# they are words or football clubs ("Notts County"), so only these forms.
SHORT_COUNTY = {
    "E10000002": "Bucks", "E06000060": "Bucks", "E10000003": "Cambs",
    "E10000013": "Glos", "E10000014": "Hants", "E10000015": "Herts",
    "E10000017": "Lancs", "E10000018": "Leics", "E10000019": "Lincs",
    "E10000021": "Northants", "E10000024": "Notts", "E10000028": "Staffs",
    "E10000034": "Worcs", "E06000054": "Wilts",
}
for code, short in SHORT_COUNTY.items():
    suffixes = ["Council"] if code.startswith("E06") else ["County Council", "Council", "CC"]
    EXTRA.setdefault(code, []).extend(f"{short} {s}" for s in suffixes)
AFC = ["^Achieving for Children", "^AfC"]
SHARED = {
    "E09000021": AFC, "E09000027": AFC, "E06000040": AFC,
    "E10000021": ["^Northamptonshire Children's Trust", "^NCT"],
    "E06000061": ["^Northamptonshire Children's Trust", "^NCT"],
    "E06000062": ["^Northamptonshire Children's Trust", "^NCT"],
}
# Regional adoption agencies run adoption for several councils at once, and
# a text about one names the councils it serves (DOMAIN.md: "the bodies that
# run services for them"). Membership as the inspection reports in
# ../shared/ofsted-reports state it ("the regional adoption agency, Adoption
# Counts"); only agencies whose members have not changed are listed, since
# an alias carries no dates (Cornwall joined Adopt South West in 2024; Adopt
# London, Adopt East and Adopt Thames Valley changed or are uncertain). Both
# Somerset councils are listed: the date of the text chooses between them.
RAA = {
    "Adoption Counts": ["E08000003", "E08000006", "E08000007", "E08000009", "E06000049"],
    "Adoption Now": ["E06000008", "E08000001", "E08000002", "E08000004", "E08000005",
                     "E08000008"],
    "Together for Adoption": ["E06000050", "E06000006", "E08000013", "E06000007",
                              "E08000010"],
    "Adoption in Merseyside": ["E08000012", "E08000011", "E08000014", "E08000015"],
    "Adoption South East": ["E06000043", "E10000011", "E10000030", "E10000032"],
    "Adoption Tees Valley": ["E06000005", "E06000001", "E06000002", "E06000003",
                             "E06000004"],
    "Adopt North East": ["E08000037", "E08000021", "E08000022", "E06000057", "E08000023"],
    "Adoption Central England": ["E08000026", "E06000019", "E08000029", "E10000031",
                                 "E10000034"],
    "Adoption East Midlands": ["E06000015", "E10000007", "E06000018", "E10000024"],
    "One Adoption West Yorkshire": ["E08000032", "E08000033", "E08000034", "E08000035",
                                    "E08000036"],
    "One Adoption South Yorkshire": ["E08000038", "E08000017", "E08000018", "E08000039"],
    "Adopt South West": ["E10000008", "E06000026", "E10000027", "E06000066", "E06000027"],
    "Adoption West": ["E06000022", "E06000023", "E10000013", "E06000024", "E06000025",
                      "E06000054"],
}
# Names are matched as written; this one is often printed in lower case.
RAA_SPELLINGS = {"Together for Adoption": ["Together for adoption"]}
for agency, codes in RAA.items():
    for code in codes:
        for name in [agency] + RAA_SPELLINGS.get(agency, []):
            SHARED.setdefault(code, []).append("^" + name)

# Places that are not children's services authorities but contain a
# council's name (added to the lookup's non-authority names below).
BLOCKERS = [
    "Greater Manchester", "Greater London", "New York", "New Hampshire",
    "Bury St Edmunds", "Newcastle-under-Lyme", "Newcastle under Lyme",
    "Duke of York", "Vale of York", "Derby County", "Durham University",
    "Kent Police", "Surrey Police", "Essex Police", "Devon and Cornwall",
    "Richmondshire", "Isle of Wight Festival", "Reading Festival",
    "Sutton Trust", "Merton College", "Harrow School", "Brent Cross",
]

def alias_variants(alias):
    """The spellings of one alias: '&' for 'and', hyphens for spaces."""
    out = {alias}
    if " and " in alias:
        out.add(alias.replace(" and ", " & "))
    if " & " in alias:
        out.add(alias.replace(" & ", " and "))
    for word in ("on", "upon", "under", "with"):
        if f"-{word}-" in alias:
            out.add(alias.replace(f"-{word}-", f" {word} "))
        if f" {word} " in alias and word != "with":
            out.add(alias.replace(f" {word} ", f"-{word}-"))
    return out


def generated(short, official, kind):
    """Council-word forms of a short name; suffix words in lower case so the
    finder accepts both 'Tameside Council' and 'Tameside council'."""
    forms = [f"{short} council", official]
    if kind in ("UA", "MD"):
        if "Borough" in official:
            forms.append(f"{short} borough council")
        if "City" in official:
            forms += [f"{short} city council", f"City of {short}"]
        if "Metropolitan" in official:
            forms += [f"{short} metropolitan borough council",
                      f"{short} metropolitan borough",
                      f"{short} metropolitan district council"]
    if kind == "CTY":
        forms.append(f"{short} county council")
    if kind == "LBO":
        forms += [f"London borough of {short}", f"LB {short}",
                  f"{short} London borough council", f"Royal borough of {short}"]
    return forms


def clean(name):
    name = re.sub(r"\s+", " ", name).strip()
    if name.endswith((" UA", " district", " london boro", " CTY")):
        return None
    if not any(c.isupper() for c in name):
        return None
    # Inverted forms ("Kingston upon Hull, City of") and the fragments left
    # by splitting them on commas.
    if name.endswith((" of", ", City of")) or name == "City of":
        return None
    return name.replace("St. ", "St ")


def main():
    current = list(csv.DictReader(open(f"{REF}/english_childrens_services_authorities_153.csv")))
    historic = list(csv.DictReader(open(f"{REF}/english_childrens_services_authorities_HISTORIC.csv")))
    lookup = list(csv.DictReader(open(f"{REF}/mysociety_lookup_name_to_registry.csv")))

    by_registry = {}
    for row in lookup:
        by_registry.setdefault(row["local-authority-code"], []).append(row["la-name"])

    rows = []
    for r in current:
        code = r["gss_code_jt39"]
        short = SHORT.get(code, r["nice_name"].replace("St. ", "St "))
        names = [r["official_name"], r["nice_name"], short]
        names += r["alt_names"].split(",") + by_registry.get(r["mysociety_code"], [])
        names += generated(short, r["official_name"], r["la_type"])
        if short != r["nice_name"]:
            names += generated(r["nice_name"], r["official_name"], r["la_type"])
        names += EXTRA.get(code, [])
        rows.append(dict(gss_code=code, name=re.sub(r"\s+", " ", r["official_name"]),
                         short_name=short, kind=KIND[r["la_type"]],
                         region=REGION_FIX.get(code, r["region"]),
                         valid_from=VALID_FROM.get(code, ""), valid_to="",
                         registry=r["mysociety_code"], names=names,
                         shared=SHARED.get(code, [])))
    historic_registry = {"E10000002": "BKM", "E06000028": "BMH", "E10000006": "CMA",
                         "E10000009": "DOR", "E10000021": "NTH", "E10000023": "NYK",
                         "E06000029": "POL", "E10000027": "SOM"}
    for r in historic:
        code = r["gss_code"]
        short = SHORT.get(code, r["nice_name"])
        end = r["end_date"]
        # The reference gives some end dates as the successor's first day.
        if end.endswith("-04-01"):
            end = end[:4] + "-03-31"
        names = [r["official_name"], r["nice_name"], short] + r["alt_names"].split(",")
        names += by_registry.get(historic_registry[code], [])
        names += generated(short, r["official_name"], r["la_type"])
        names += EXTRA.get(code, [])
        rows.append(dict(gss_code=code, name=r["official_name"], short_name=short,
                         kind=KIND[r["la_type"]], region="", valid_from="",
                         valid_to=end, registry=historic_registry[code], names=names,
                         shared=SHARED.get(code, [])))
    regions = {"BUC": "South East", "BPC": "South West", "CBD": "North West",
               "DST": "South West", "NNT": "East Midlands", "NYE": "Yorkshire and The Humber",
               "SMT": "South West"}
    for row, r in zip(rows[len(current):], historic):
        first = r["replaced_by"].split(",")[0]
        row["region"] = regions[first]

    ours = {row["registry"] for row in rows}
    # Every other UK name in the lookup is a place that is not an English
    # children's services authority (districts, Welsh and Scottish councils,
    # combined authorities).
    others = [n for row in lookup if row["local-authority-code"] not in ours
              for n in [clean(row["la-name"])] if n]
    others = sorted(set(others + BLOCKERS))

    out = csv.writer(sys.stdout, lineterminator="\n")
    out.writerow(["gss_code", "name", "short_name", "kind", "region",
                  "valid_from", "valid_to", "aliases"])
    for row in sorted(rows, key=lambda r: r["gss_code"]):
        seen = {}
        for name in row["names"]:
            name = clean(name) if name else None
            if not name:
                continue
            for v in alias_variants(name):
                key = v.lower()
                # Keep the most permissive casing: fewest capitals.
                if key not in seen or sum(c.isupper() for c in v) < sum(c.isupper() for c in seen[key]):
                    seen[key] = v
        plain = set(seen)
        aliases = []
        for key, v in sorted(seen.items(), key=lambda kv: kv[1].lower()):
            aliases.append(("~" + v) if v in AMBIGUOUS else v)
        aliases += row["shared"]
        for block in others:
            b = block.lower()
            if b in plain:
                continue
            if any(re.search(r"(?<![a-z])" + re.escape(a) + r"(?![a-z])", b) for a in plain):
                aliases.append("!" + block)
        out.writerow([row["gss_code"], row["name"], row["short_name"], row["kind"],
                      row["region"], row["valid_from"], row["valid_to"], "|".join(aliases)])


main()
