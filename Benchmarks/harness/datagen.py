"""Deterministic input files for the load and validate scenarios.

Both clients load the same rows. Each run gets its own external-ID prefix (the first column), so
every measured load is the same work (all inserts through upsert) in an org both clients share;
the variants are made from one base file by rewriting only that prefix.
"""

from __future__ import annotations

import random

CONTACT_COLUMNS = [
    "Legacy_Id__c", "FirstName", "LastName", "Email", "Phone", "Title", "Department",
    "MailingStreet", "MailingCity", "MailingState", "MailingPostalCode", "MailingCountry",
    "Birthdate", "Description", "Account.Legacy_Id__c",
]
BASE_PREFIX = "K0"

_FIRST = ["Ana", "Ben", "Chloé", "Dmitri", "Eve", "Fatima", "Gus", "Hana", "Ivan", "José", "Kai", "Lena",
          "Mateo", "Nia", "Oskar", "Priya", "Quinn", "Rosa", "Sven", "Tariq", "Uma", "Vera", "Wen", "Yusuf"]
_LAST = ["Nguyen", "Smith", "García", "Müller", "O'Brien", "Kowalski", "Tanaka", "Haddad", "Rossi", "Ivanova",
         "Johnson", "Dubois", "Silva", "Kim", "Novak", "Andersen", "Okafor", "Cohen", "Larsen", "Moreau"]
_TITLES = ["VP Sales", "Engineer", "Buyer", "CFO", "Office Manager", "Director, Operations", "Analyst", ""]
_DEPTS = ["Finance", "IT", "Procurement", "Sales", "Support", ""]
_CITIES = [("Berlin", "BE", "10115", "Germany"), ("Austin", "TX", "73301", "USA"), ("Lyon", "", "69001", "France"),
           ("Osaka", "", "530-0001", "Japan"), ("Toronto", "ON", "M5H 2N2", "Canada"), ("São Paulo", "SP", "01000-000", "Brazil")]
_STREETS = ["Main St", "Hauptstraße", "Rue de la Paix", "Elm Avenue", "King St W", "Avenida Paulista"]
_WORDS = "quarterly renewal, key account; prefers email \"not phone\" follow-up pending review".split()


def write_contacts(path: str, rows: int, parent_keys: list[str], seed: int = 42) -> None:
    """Writes `rows` Contacts with `Account.Legacy_Id__c` parent lookups to `path` (UTF-8 CSV, LF).

    Values include quotes, commas, line breaks inside a quoted street, and non-ASCII text, so both
    clients pay for real CSV quoting.
    """
    if not parent_keys:
        raise ValueError("no parent Account keys: the org has no Account with Legacy_Id__c set")
    rng = random.Random(seed)
    with open(path, "w", encoding="utf-8", newline="") as out:
        out.write(",".join(CONTACT_COLUMNS) + "\n")
        for index in range(1, rows + 1):
            first = rng.choice(_FIRST)
            last = rng.choice(_LAST)
            city, state, postal, country = rng.choice(_CITIES)
            street = f"{rng.randint(1, 9999)} {rng.choice(_STREETS)}"
            if index % 7 == 0:
                street += f"\nSuite {rng.randint(100, 999)}"
            description = " ".join(rng.choice(_WORDS) for _ in range(rng.randint(0, 12)))
            fields = [
                f"{BASE_PREFIX}-{index:08d}",
                first,
                last,
                f"contact.{index}@example{index % 50}.com",
                f"+1 555 {rng.randint(100, 999)} {rng.randint(1000, 9999)}",
                rng.choice(_TITLES),
                rng.choice(_DEPTS),
                street,
                city,
                state,
                postal,
                country,
                f"{rng.randint(1950, 2004)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
                description,
                parent_keys[index % len(parent_keys)],
            ]
            out.write(",".join(_quote(value) for value in fields) + "\n")


def with_prefix(base_path: str, out_path: str, prefix: str) -> None:
    """Copies a file from `write_contacts`, changing the external-ID prefix of every record."""
    old = (BASE_PREFIX + "-").encode()
    new = (prefix + "-").encode()
    with open(base_path, "rb") as source, open(out_path, "wb") as sink:
        for line in source:
            # Continuation lines of a quoted street never start with the key prefix.
            sink.write(new + line[len(old):] if line.startswith(old) else line)


def _quote(value: str) -> str:
    if any(ch in value for ch in ',"\n\r') or value[:1] == " " or value[-1:] == " ":
        return '"' + value.replace('"', '""') + '"'
    return value
