#!/usr/bin/env python3
"""Draws the held-out sentence sets 3, 4, 5 and 6 from the Ofsted report corpus.

Takes the corpus folder (default /work/shared/ofsted-reports) and the themes
fixtures; gives, for set N, one line per drawn sentence:
`report<TAB>random|selector<TAB>sentence`. The sentences are then coded by
hand per DOMAIN.md, before the tagger is run on them, and written to
tests/fixtures/themes/heldoutN_sentences.tsv. The draw never looks at the
lexicons, so it does not favour what the tagger already finds.

How:
  1. Councils (Ofsted provider numbers, the second field of a file name) that
     supplied a sentence to coded_sentences, heldout or heldout2 are left out
     (a sentence is traced to the reports holding it; boilerplate held by
     more than three reports cannot be traced and is ignored).
  2. The other councils are sorted, shuffled with Random(34) and halved: the
     first half for set 3, the second for set 4, so no council is in both.
  3. Random(N) shuffles set N's councils and takes the first 50 (set 3) or
     25 (set 4), then picks one report of each at random. Set 5 (drawn after
     the lexicons were changed once more in the light of set 4) takes 25 of
     the second-half councils that set 4 did not, the same way with Random(5).
     Set 6 (drawn after the changes set 5 prompted) takes the councils that
     neither step 1 nor sets 3-5 used: only 7 were left, so it takes every
     report of each (25 reports) rather than one report of each of 25 councils,
     and never draws a sentence twice; Random(6) draws from them in file order.
  4. Then, from each report in turn: 2 sentences uniformly at random, then 2 at random from
     the remaining sentences that SELECTOR matches.
  Sets 3-5 draw exactly as they did when first drawn.

Sentences: report lines joined into paragraphs (lines repeated 3+ times in a
report, such as running headers, and page numbers dropped; a short line
without end punctuation before a capitalised line is a heading), split after
. ! ? before a capital; kept if 8-90 words, starting with a capital and
ending . ! or ?; boilerplate found in 5 or more reports left out.

Usage: tools/draw_heldout.py SET [CORPUS_DIR] > drawn.tsv
"""

import os
import random
import re
import sys
from collections import Counter

SELECTOR = re.compile(
    r"\b(social workers?|workers?|staff\w*|workforce|agency|managers?|teams?|"
    r"cases|capacity|views|wishes|feelings|listen\w*|heard|participat\w*|voice|"
    r"adopt\w*|placements?|permanen\w*|stab\w*|court|proceedings|guardian\w*|"
    r"long-term|foster\w*|plans?|planning)\b",
    re.I,
)
REPORTS = {3: 50, 4: 25, 5: 25}
FIXTURES = os.path.join(os.path.dirname(__file__), "..", "tests", "fixtures", "themes")
EARLIER = ["coded_sentences.tsv", "heldout_sentences.tsv", "heldout2_sentences.tsv"]


def clean_lines(text):
    lines = [line.strip() for line in text.split("\n")]
    counts = Counter(line for line in lines if line)
    out = []
    for line in lines:
        if not line or (counts[line] >= 3 and len(line) < 120) or re.fullmatch(r"[\d\s]+", line):
            out.append("")
        else:
            out.append(line)
    return out


def paragraphs(text):
    lines = clean_lines(text)
    paras, cur = [], []
    for i, line in enumerate(lines):
        if not line:
            if cur:
                paras.append(" ".join(cur))
                cur = []
            continue
        if re.match(r"^(\d+\.|[◼•\-–▪●]|\(\w\))\s", line) and cur:
            paras.append(" ".join(cur))
            cur = []
        cur.append(line)
        nxt = lines[i + 1] if i + 1 < len(lines) else ""
        if len(line) < 60 and not re.search(r"[.,;:!?]$", line) and nxt[:1].isupper():
            paras.append(" ".join(cur))
            cur = []
    if cur:
        paras.append(" ".join(cur))
    return paras


SPLIT = re.compile(r"(?<=[.!?])[’”\"']?\s+(?=[A-Z‘“\"'(])")


def sentences(text):
    out = []
    for p in paragraphs(text):
        p = re.sub(r"^(\d+\.|[◼•\-–▪●])\s+", "", p)
        p = re.sub(r"\s+", " ", p).strip()
        for s in SPLIT.split(p):
            s = re.sub(r"\s+\d+\.$", "", s.strip())
            if s:
                out.append(s)
    return out


def usable(s):
    words = s.split()
    return 8 <= len(words) <= 90 and s[0].isupper() and s[-1] in ".!?" and "\t" not in s


def norm(s):
    for a, b in (("\u2019", "'"), ("\u2018", "'"), ("\u201c", '"'), ("\u201d", '"')):
        s = s.replace(a, b)
    return re.sub(r"[\s\-\u2013\u2014]+", " ", s).lower()


def provider(name):
    return name.split("_")[1]


def set_councils(setno, councils):
    """Set 3, 4 or 5's councils, in the order Random(SETNO) put them: the
    first REPORTS[SETNO] are the set's."""
    random.Random(34).shuffle(councils)
    half = len(councils) // 2
    pool = sorted(councils[:half] if setno == 3 else councils[half:])
    if setno == 5:
        # Set 5: the second-half councils set 4 did not take.
        taken = list(pool)
        random.Random(4).shuffle(taken)
        pool = sorted(set(pool) - set(taken[: REPORTS[4]]))
    rng = random.Random(setno)
    rng.shuffle(pool)
    return pool, rng


def main():
    setno = int(sys.argv[1])
    corpus = sys.argv[2] if len(sys.argv) > 2 else "/work/shared/ofsted-reports"
    files = sorted(f for f in os.listdir(corpus) if f.startswith("ofsted_") and f.endswith(".txt"))
    texts = {f: open(os.path.join(corpus, f), encoding="utf-8", errors="replace").read() for f in files}
    normed = {f: norm(t) for f, t in texts.items()}
    used = set()
    for name in EARLIER:
        for line in open(os.path.join(FIXTURES, name), encoding="utf-8"):
            if line.startswith("#") or not line.strip():
                continue
            key = norm(line.rsplit("\t", 1)[0])[:120]
            hits = [f for f, t in normed.items() if key in t]
            if 1 <= len(hits) <= 3:
                used.update(provider(f) for f in hits)
    councils = sorted({provider(f) for f in files} - used)
    seen = Counter()
    for t in texts.values():
        seen.update(set(sentences(t)))
    if setno == 6:
        # Set 6: the councils no set used (none of the above, none of the
        # councils sets 3-5 took); every report of each.
        for earlier in (3, 4, 5):
            pool, _ = set_councils(earlier, list(councils))
            used.update(pool[: REPORTS[earlier]])
        fresh = sorted({provider(f) for f in files} - used)
        print(f"# set 6 councils: {' '.join(fresh)}", file=sys.stderr)
        rng = random.Random(6)
        reports = sorted(f for f in files if provider(f) in fresh)
    else:
        pool, rng = set_councils(setno, councils)
        reports = [
            rng.choice(sorted(f for f in files if provider(f) == council))
            for council in pool[: REPORTS[setno]]
        ]
    drawn = set()
    for report in reports:
        ss = [
            s
            for s in dict.fromkeys(sentences(texts[report]))
            if usable(s) and seen[s] < 5 and (setno < 6 or s not in drawn)
        ]
        uniform = rng.sample(ss, 2)
        rest = [s for s in ss if s not in uniform and SELECTOR.search(s)]
        for how, picked in (("random", uniform), ("selector", rng.sample(rest, 2))):
            for s in picked:
                drawn.add(s)
                print(f"{report}\t{how}\t{s}")


if __name__ == "__main__":
    main()
