#!/usr/bin/env python3
"""Draws an evaluation set of report excerpts for hand coding.

usage: draw_excerpts.py SET OUT_DIR [CORPUS_DIR] [--avoid DIR ...] [--reports-only]
                        [--within DIR ...]

CORPUS_DIR defaults to ../shared/ofsted-reports beside the checkout.

Writes OUT_DIR/articles/NN.txt (20 files) and OUT_DIR/articles/manifest.csv.
Each file is one Ofsted report's title block (the lines before "Inspection
date", "Lead inspector" or "Report published", so the excerpt names its
council the way the report does) followed by a blank line and a window of
2,200-3,200 characters taken as the PDF text has it (page headers, page
numbers and broken lines left in), starting at a sentence and ending at a
full stop. The manifest gives the report's publication date.

The draw is fixed by SET (random.Random(SET)): 20 reports of 20 different
councils (Ofsted provider numbers), none of them drawn by a folder given with
--avoid (their manifests name the reports they used; with --reports-only,
only those reports are avoided, so a council already drawn may be drawn
again through another of its reports), and a window starting
uniformly at random past the first 15% of the report. The draw never looks at
the lexicons or at motif's output, so it does not favour what motif finds.

With --within (once every report has been drawn), the reports are those the
given sets' manifests name (development sets only, so that no held-out
report is read twice), less any an --avoid set names, and the window is
drawn clear of the lines the --within set's excerpt took from the report: a
second excerpt of a report, never overlapping the first.
Codes are then written by a person (or a helper that has not seen the
lexicons, the code or motif's output) per DOMAIN.md, before motif is scored.
"""
import csv
import os
import random
import re
import sys

HEAD_END = re.compile(r"^\s*(Inspection dates?|Lead inspector|Report published|Dates? of)", re.I)
PAGE_NUMBER = re.compile(r"^\s*\d{1,3}\s*$")


def title_block(lines):
    out = []
    for line in lines[:40]:
        if HEAD_END.match(line):
            break
        if line.strip() and not PAGE_NUMBER.match(line):
            out.append(line.rstrip())
    return out[:8]


def starts_sentence(lines, i):
    prev = next((lines[j].strip() for j in range(i - 1, -1, -1) if lines[j].strip()), "")
    here = lines[i].strip()
    return bool(here) and here[0].isupper() and (not prev or prev[-1] in ".!?")


def window(lines, rng, to_the_end, clear_of=()):
    """A window of the report; `to_the_end` keeps the first version's rule,
    under which sets 87-98 were drawn: a window may run to the report's end
    without a full stop (88/19 ends with Ofsted's address). Later sets end
    at a full stop."""
    lo = int(len(lines) * 0.15)
    for _ in range(200):
        i = rng.randrange(lo, max(lo + 1, len(lines) - 40))
        while i < len(lines) and not starts_sentence(lines, i):
            i += 1
        out, size = [], 0
        # A start up to 60 lines (about one window) before an earlier
        # excerpt is passed over at once; the overlap check below would
        # refuse most of them. Kept as it is: sets 111-116 were drawn so.
        if any(a - 60 <= i < b for a, b in clear_of):
            continue
        for line in lines[i:]:
            out.append(line.rstrip())
            size += len(line) + 1
            if size >= 2200 and line.rstrip().endswith("."):
                end = i + len(out)
                if any(i < b and a < end for a, b in clear_of):
                    out = []
                    break
                return out
            if size > 3200:
                out = []
                break
        if to_the_end and out and size >= 2200 and not any(i < b and a < i + len(out) for a, b in clear_of):
            return out
    return None


def used(dirs):
    seen = set()
    for d in dirs:
        with open(os.path.join(d, "articles", "manifest.csv"), newline="", encoding="utf-8") as f:
            for row in csv.DictReader(f):
                seen.add(row["source"].removesuffix(" (excerpt)"))
    return seen


def excerpts_of(dirs):
    """{report: [body lines of each excerpt drawn from it]} over the sets in `dirs`."""
    out = {}
    for d in dirs:
        with open(os.path.join(d, "articles", "manifest.csv"), newline="", encoding="utf-8") as f:
            for row in csv.DictReader(f):
                with open(os.path.join(d, "articles", row["path"]), encoding="utf-8") as g:
                    text = g.read().split("\n")
                body = text[text.index("") + 1 :] if "" in text else text
                while body and not body[-1].strip():
                    body.pop()
                out.setdefault(row["source"].removesuffix(" (excerpt)"), []).append(body)
    return out


def spans(lines, bodies):
    """The (first, past-last) line numbers each excerpt body takes in `lines`."""
    found = []
    stripped = [line.rstrip() for line in lines]
    for body in bodies:
        for i, line in enumerate(stripped):
            if line == body[0].rstrip() and stripped[i : i + 3] == [b.rstrip() for b in body[:3]]:
                found.append((i, i + len(body)))
                break
        else:
            sys.exit(f"an excerpt of a report cannot be found in it: {body[0][:60]!r}")
    return found


def main():
    args = sys.argv[1:]
    reports_only = "--reports-only" in args
    args = [a for a in args if a != "--reports-only"]
    avoid, within = [], []
    for flag, into in (("--avoid", avoid), ("--within", within)):
        while flag in args:
            k = args.index(flag)
            into.append(args[k + 1])
            del args[k : k + 2]
    if len(args) < 2 or not args[0].isdigit():
        sys.exit(__doc__.split("\n\n")[1])
    number, out_dir = int(args[0]), args[1]
    beside = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "shared", "ofsted-reports")
    corpus = args[2] if len(args) > 2 else os.path.normpath(beside)
    if not os.path.isfile(os.path.join(corpus, "manifest.csv")):
        sys.exit(f"{corpus}: no manifest.csv here; give the Ofsted report folder as CORPUS_DIR")
    with open(os.path.join(corpus, "manifest.csv"), newline="", encoding="utf-8") as f:
        published = {row["path"]: row["published"] for row in csv.DictReader(f)}
    taken = used(avoid)
    earlier_excerpts = excerpts_of(within)
    reports = sorted(p for p in published if p not in taken and (not within or p in earlier_excerpts))
    rng = random.Random(number)
    rng.shuffle(reports)
    os.makedirs(os.path.join(out_dir, "articles"), exist_ok=True)
    providers, rows = set(), []
    for report in reports:
        provider = report.split("_")[1]
        if provider in providers or (
            not reports_only and not within and any(t.split("_")[1] == provider for t in taken)
        ):
            continue
        with open(os.path.join(corpus, report), encoding="utf-8") as f:
            lines = f.read().split("\n")
        clear_of = spans(lines, earlier_excerpts[report]) if within else ()
        body = window(lines, rng, to_the_end=number <= 98, clear_of=clear_of)
        if body is None:
            continue
        providers.add(provider)
        name = f"{len(rows) + 1:02d}.txt"
        with open(os.path.join(out_dir, "articles", name), "w", encoding="utf-8") as f:
            f.write("\n".join(title_block(lines) + [""] + body) + "\n")
        rows.append([name, published[report], f"{report} (excerpt)", ""])
        if len(rows) == 20:
            break
    if len(rows) < 20:
        sys.exit(f"only {len(rows)} reports could be drawn (20 wanted): too few left outside the --avoid sets (or inside the --within sets)")
    with open(os.path.join(out_dir, "articles", "manifest.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["path", "published", "source", "url"])
        w.writerows(rows)


if __name__ == "__main__":
    main()
