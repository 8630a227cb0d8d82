#!/usr/bin/env python3
"""Deterministic synthetic address books for kith's daemon and import benchmarks.

    gen-contacts.py csv   --count 100000 --seed 20261124 --out contacts.csv
    gen-contacts.py vcard --count 10000  --seed 20261124 --out contacts.vcf

The output is a function of (format, count, seed) only: the same arguments write the same
bytes. Every contact has a unique name and a unique e-mail address, so an import adds each
one (nothing merges).

CSV: header `Name,Email,Phone,Birthday,Categories`, all columns kith's CSV importer
recognises (Sources/KithFormats/CSVColumns.swift). `Categories` holds exactly one of
core/friends/recruiters/colleagues (weights 10/30/20/40 %, the same as kith-bench);
import with `--category-circle core=core --category-circle friends=friends ...` to turn
them into circles in one pass.

vCard: 3.0, CRLF line endings, FN, N, EMAIL, TEL, BDAY (when the contact has one), and
CATEGORIES on about a third of the cards, NOTE on about one card in twenty (some long
enough to be folded at 75 octets).

Birthdays: about 90 % of contacts; of those, half with a year (1950-2004, `1980-03-22`)
and half without (`--03-22`); Feb 29 appears at its natural rate for years that have it.

A summary goes to stderr.
"""

import argparse
import random
import sys

FIRST = [
    "Ada", "Alan", "Amara", "Anders", "Aoife", "Arjun", "Beatriz", "Bjørn", "Chen", "Chiara",
    "Dana", "Dmitri", "Elif", "Emeka", "Erik", "Fatima", "Felix", "Grace", "Hannah", "Hiroshi",
    "Ines", "Ivan", "Jana", "Jonas", "José", "Kamala", "Karim", "Lars", "Lea", "Liam", "Lucía",
    "Maja", "Mateo", "Mei", "Mira", "Nadia", "Niklas", "Noor", "Olga", "Omar", "Paul", "Priya",
    "Rafael", "Rosa", "Sami", "Sofia", "Søren", "Tariq", "Tomás", "Ursula", "Valentina",
    "Wen", "Yara", "Yusuf", "Zoë", "Zoltan",
]
LAST = [
    "Abara", "Almeida", "Andersen", "Becker", "Bianchi", "Castillo", "Chowdhury", "Dubois",
    "Eriksson", "Fischer", "García", "Hartmann", "Hoffmann", "Ivanova", "Jansen", "Kaya",
    "Kowalski", "Kuznetsov", "Lindqvist", "Lovelace", "Müller", "Nakamura", "Nguyen", "Novak",
    "Okafor", "Olsen", "Papadopoulos", "Petrov", "Quinn", "Rossi", "Sato", "Schmidt",
    "Schneider", "Silva", "Singh", "Svensson", "Tanaka", "Turing", "Urban", "Vogel", "Wagner",
    "Weber", "Wójcik", "Yilmaz", "Zhang", "Zimmermann",
]
MIDDLE = [chr(c) for c in range(ord("A"), ord("Z") + 1)]
CIRCLES = [("core", 10), ("friends", 30), ("recruiters", 20), ("colleagues", 40)]
TAGS = ["conference", "alumni", "open source", "meetup", "neighbour", "book club"]
NOTES = [
    "Met at a conference; interested in distributed systems.",
    "Prefers e-mail over phone.",
    "Introduced by a former colleague. Follow up about the mentoring programme they "
    "mentioned, and send the article on incremental builds we talked about over lunch.",
    "Moved abroad last year.",
]
ASCII = str.maketrans({
    "ø": "o", "é": "e", "í": "i", "á": "a", "ó": "o", "ë": "e", "ü": "u", "ś": "s",
})

MONTH_DAYS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]


def is_leap(year):
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def people(count, seed):
    """Yields dicts: name, given, family, middle, email, phone, birthday, circle, tag, note."""
    rng = random.Random(seed)
    combos = len(FIRST) * len(MIDDLE) * len(LAST)
    picks = rng.sample(range(combos * 4), count) if count <= combos * 4 else None
    if picks is None:
        raise SystemExit(f"gen-contacts: at most {combos * 4} contacts")
    weights = [w for _, w in CIRCLES]
    names = [c for c, _ in CIRCLES]
    for index, pick in enumerate(picks):
        generation, rest = divmod(pick, combos)
        first = FIRST[rest % len(FIRST)]
        rest //= len(FIRST)
        middle = MIDDLE[rest % len(MIDDLE)]
        last = LAST[rest // len(MIDDLE)]
        suffix = ["", " Jr.", " Sr.", " III"][generation]
        name = f"{first} {middle}. {last}{suffix}"
        local = f"{first}.{middle}.{last}".lower().translate(ASCII)
        email = f"{local}.{index}@example.org"
        phone = f"+49 30 {rng.randrange(1000000, 9999999)}"
        birthday = None
        if rng.random() < 0.9:
            month = rng.randrange(1, 13)
            with_year = rng.random() < 0.5
            year = rng.randrange(1950, 2005)
            last_day = MONTH_DAYS[month - 1]
            if month == 2 and with_year and not is_leap(year):
                last_day = 28
            day = rng.randrange(1, last_day + 1)
            birthday = f"{year:04d}-{month:02d}-{day:02d}" if with_year else f"--{month:02d}-{day:02d}"
        circle = rng.choices(names, weights)[0]
        tag = rng.choice(TAGS) if rng.random() < 0.33 else None
        note = rng.choice(NOTES) if rng.random() < 0.05 else None
        yield {
            "name": name, "given": f"{first}", "middle": f"{middle}.", "family": last,
            "suffix": suffix.strip(), "email": email, "phone": phone, "birthday": birthday,
            "circle": circle, "tag": tag, "note": note,
        }


def csv_cell(text):
    if text is None:
        return ""
    if any(c in text for c in ',"\n\r'):
        return '"' + text.replace('"', '""') + '"'
    return text


def write_csv(out, rows):
    out.write("Name,Email,Phone,Birthday,Categories\n")
    for p in rows:
        out.write(",".join(csv_cell(v) for v in (
            p["name"], p["email"], p["phone"], p["birthday"], p["circle"])) + "\n")


def vcard_escape(text):
    return (text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
            .replace("\n", "\\n"))


def fold(line):
    """Folds a content line at 75 octets (RFC 2425 / vCard 3.0), never inside a character."""
    data = line.encode("utf-8")
    if len(data) <= 75:
        return line + "\r\n"
    parts, current, size, limit = [], "", 0, 75
    for ch in line:
        n = len(ch.encode("utf-8"))
        if size + n > limit:
            parts.append(current)
            current, size, limit = "", 0, 74  # continuation lines start with a space
        current += ch
        size += n
    parts.append(current)
    return "\r\n ".join(parts) + "\r\n"


def write_vcard(out, rows):
    for p in rows:
        lines = [
            "BEGIN:VCARD",
            "VERSION:3.0",
            "FN:" + vcard_escape(p["name"]),
            "N:" + ";".join(vcard_escape(x) for x in
                            (p["family"], p["given"], p["middle"], "", p["suffix"])),
            "EMAIL;TYPE=INTERNET:" + p["email"],
            "TEL;TYPE=CELL:" + p["phone"],
        ]
        if p["birthday"]:
            lines.append("BDAY:" + p["birthday"])
        if p["tag"]:
            lines.append("CATEGORIES:" + vcard_escape(p["tag"]) + ",imported")
        if p["note"]:
            lines.append("NOTE:" + vcard_escape(p["note"]))
        lines.append("END:VCARD")
        out.write("".join(fold(line) for line in lines))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("format", choices=["csv", "vcard"])
    parser.add_argument("--count", type=int, default=100000)
    parser.add_argument("--seed", type=int, default=20261124)
    parser.add_argument("--out", default="-", help="file to write (default: stdout)")
    args = parser.parse_args()

    rows = list(people(args.count, args.seed))
    newline = "" if args.format == "vcard" else "\n"
    out = (open(args.out, "w", encoding="utf-8", newline=newline)
           if args.out != "-" else sys.stdout)
    with out:
        (write_csv if args.format == "csv" else write_vcard)(out, rows)

    birthdays = sum(1 for p in rows if p["birthday"])
    with_year = sum(1 for p in rows if p["birthday"] and not p["birthday"].startswith("--"))
    circles = {c: sum(1 for p in rows if p["circle"] == c) for c, _ in CIRCLES}
    print(f"gen-contacts: {len(rows)} contacts ({args.format}, seed {args.seed}); "
          f"{birthdays} birthdays ({with_year} with a year); circles "
          + ", ".join(f"{c} {n}" for c, n in circles.items()), file=sys.stderr)


if __name__ == "__main__":
    main()
