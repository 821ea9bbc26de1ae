#!/usr/bin/env python3
"""Scores motif's evidence.csv against hand codes of news articles.

usage: score_news.py CODES.tsv EVIDENCE.csv [COUNCILS.csv] [--list] [--confusion]

CODES.tsv: article<TAB>sentence (its first words)<TAB>theme<TAB>council<TAB>polarity,
one row per sentence x theme x council ('#' lines are comments; polarity may be
'strength+concern'). Sentences not listed carry no theme. An evidence row
belongs to a coded sentence when the row's sentence contains the coded words
(after folding quotes, dashes and white space); other rows are false positives.

Prints precision, recall and polarity accuracy per theme and overall at the
level sentence x theme, and precision and recall at sentence x theme x council.
Polarity is compared as in tests/themes.rs: the set of a sentence's polarities
for a theme, motif's neutral dropped when it also says concern or strength.
--list lists the misses, false positives and disagreements; --confusion counts
coder x motif polarity per theme on the pairs both found.
"""
import csv
import os
import re
import sys
from collections import defaultdict

THEMES = ["caseloads", "worker_turnover", "voice_of_the_child", "permanence"]


def norm(s):
    s = s.replace("\u2018", "'").replace("\u2019", "'").replace("\u201c", '"').replace("\u201d", '"')
    s = re.sub(r"[\u2013\u2014-]", " ", s)
    s = re.sub(r"\s+", " ", s)
    s = s.strip().lower().lstrip("-• ").strip('"\' ')
    # A report's paragraph number ("35. Senior leaders ...") is not part of the sentence.
    return re.sub(r"^\d{1,3}\.\s+", "", s)


def gazetteer(path):
    names = {}
    with open(path, newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            for n in [row["name"], row["short_name"]] + row["aliases"].split("|"):
                n = n.lstrip("~^!").strip().lower()
                if n and row["gss_code"] not in names.setdefault(n, []):
                    names[n].append(row["gss_code"])
    return names


def article_of(path):
    return os.path.splitext(os.path.basename(path))[0]


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    listing = "--list" in sys.argv
    codes_path, evidence_path = args[0], args[1]
    councils_path = args[2] if len(args) > 2 else os.path.join(os.path.dirname(__file__), "..", "lexicons", "councils.csv")
    gss = gazetteer(councils_path)

    gold = defaultdict(set)  # (article, prefix) -> {theme}
    gold_pol = {}  # (article, prefix, theme) -> {polarities}
    gold_council = set()  # (article, prefix, theme, gss)
    named = []  # (article, prefix, theme, [gss]): a name may stand for several councils
    prefixes = defaultdict(list)
    with open(codes_path, encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            art, prefix, theme, council, pol = line.rstrip("\n").split("\t")
            key = (art, norm(prefix))
            if key[1] not in prefixes[art]:
                prefixes[art].append(key[1])
            gold[key].add(theme)
            gold_pol[key + (theme,)] = set(pol.split("+"))
            # An empty council codes a national statement: a row with no council.
            codes = gss.get(council.lower()) if council.strip() else [""]
            if codes is None:
                sys.exit(f"unknown council {council!r}")
            named.append(key + (theme, codes))

    sys_pol = defaultdict(set)
    sys_council = set()
    sys_text = {}
    with open(evidence_path, newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            art = article_of(row["path"])
            sent = norm(row["sentence"])
            # A coded sentence is found where motif's sentence starts with its
            # words; failing that (a sentence motif joined to the one before),
            # where it contains them, for words long enough not to recur.
            keys = [(art, p) for p in prefixes[art] if sent.startswith(p)]
            keys = keys or [(art, p) for p in prefixes[art] if len(p) >= 25 and p in sent]
            keys = keys or [(art, sent[:70])]
            for key in keys:
                sys_pol[key + (row["theme"],)].add(row["polarity"])
                sys_council.add(key + (row["theme"], row["gss_code"]))
                sys_text[key] = row["sentence"]

    # A name that stands for several councils (Somerset County Council and
    # the Somerset of 2023, say) is coded as the one motif chose when that is
    # one of them: which one is meant turns on the article's date, not the name.
    for *key, theme, codes in named:
        key = tuple(key)
        code = next((c for c in codes if key + (theme, c) in sys_council), codes[0])
        gold_council.add(key + (theme, code))

    gold_st = {k + (t,) for k, ts in gold.items() for t in ts}
    sys_st = set(sys_pol)

    def pol_of(key):
        pols = set(sys_pol[key])
        if pols & {"concern", "strength"}:
            pols.discard("neutral")
        return pols

    titles = {}
    documents = os.path.join(os.path.dirname(evidence_path), "documents.csv")
    if os.path.exists(documents):
        with open(documents, newline="", encoding="utf-8") as f:
            for row in csv.DictReader(f):
                titles[article_of(row["path"])] = norm(row["title"])
    headlines = {k for k in gold if titles.get(k[0]) and titles[k[0]].startswith(k[1])}

    table(gold_st, sys_st, gold_pol, pol_of, gold_council, sys_council, "all coded sentences")
    if headlines:
        drop = lambda xs: {x for x in xs if x[:2] not in headlines}
        table(drop(gold_st), drop(sys_st), gold_pol, pol_of, drop(gold_council), drop(sys_council),
              f"headlines left out ({len(headlines)} coded headlines; the body sentences alone)")
    if "--confusion" in sys.argv:
        confusion(gold_st & sys_st, gold_pol, pol_of)
    if listing:
        listings(gold_st, sys_st, gold_pol, pol_of, gold_council, sys_council, sys_text, headlines)


def confusion(both, gold_pol, pol_of):
    """Polarity on the sentence x theme pairs both found, per theme: how
    many the coder gave each polarity and motif each (CONF theme gold motif
    count), most first."""
    from collections import Counter
    cells = Counter((x[2], "+".join(sorted(gold_pol[x])), "+".join(sorted(pol_of(x)))) for x in both)
    print("\n# polarity confusion (theme, coder, motif, pairs)")
    for (theme, gold, motif), n in sorted(cells.items(), key=lambda c: (c[0][0], -c[1])):
        print("CONF", theme, gold, motif, n)


def prf(g, s):
    tp = len(g & s)
    p = tp / len(s) if s else 1.0
    r = tp / len(g) if g else 1.0
    return tp, len(s) - tp, len(g) - tp, p, r


def table(gold_st, sys_st, gold_pol, pol_of, gold_council, sys_council, caption):
    print(f"\n## {caption}")
    print(f"{'theme':<20} {'codes':>5} {'P':>6} {'R':>6} {'pol':>6}   {'P(c)':>6} {'R(c)':>6}   tp/fp/fn, polarity agreed/both, council tp/fp/fn")
    for theme in THEMES + [None]:
        g = {x for x in gold_st if theme is None or x[2] == theme}
        s = {x for x in sys_st if theme is None or x[2] == theme}
        tp, fp, fn, p, r = prf(g, s)
        both = g & s
        agree = sum(1 for x in both if pol_of(x) == gold_pol[x])
        pol = agree / len(both) if both else 1.0
        gc = {x for x in gold_council if theme is None or x[2] == theme}
        sc = {x for x in sys_council if theme is None or x[2] == theme}
        ctp, cfp, cfn, pc, rc = prf(gc, sc)
        name = theme or "overall"
        print(f"{name:<20} {len(g):>5} {p:>6.3f} {r:>6.3f} {pol:>6.3f}   {pc:>6.3f} {rc:>6.3f}   {tp}/{fp}/{fn}  pol {agree}/{len(both)}  council {ctp}/{cfp}/{cfn}")


def listings(gold_st, sys_st, gold_pol, pol_of, gold_council, sys_council, sys_text, headlines):
    if True:
        print("\n# false negatives (sentence x theme); H = a headline")
        for x in sorted(gold_st - sys_st):
            print("FN" + (" H" if x[:2] in headlines else ""), x[0], x[2], "|", x[1][:90])
        print("\n# false positives (sentence x theme)")
        for x in sorted(sys_st - gold_st):
            print("FP", x[0], x[2], "|", sys_text.get(x[:2], x[1])[:140])
        print("\n# polarity disagreements")
        for x in sorted(gold_st & sys_st):
            if pol_of(x) != gold_pol[x]:
                print("POL", x[0], x[2], "gold", "+".join(sorted(gold_pol[x])), "motif", "+".join(sorted(pol_of(x))), "|", x[1][:80])
        print("\n# council: missing (gold not found) / extra (motif only), on sentence x theme pairs both have")
        for x in sorted(gold_council - sys_council):
            if x[:3] in sys_st:
                print("C-MISS", x[0], x[2], x[3], "|", x[1][:80])
        for x in sorted(sys_council - gold_council):
            if x[:3] in gold_st:
                print("C-EXTRA", x[0], x[2], x[3] or "(none)", "|", x[1][:80])


if __name__ == "__main__":
    main()
