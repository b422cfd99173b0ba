"""Command lines for sfexport and sfimport, in one place so the harness follows their options.

Connection: the simulator's connected app through the client-credentials grant, the secret read
from a 0600 file (never on the command line), TLS verified against the simulator's CA.
"""

from __future__ import annotations

import os

from sim import CLIENT_ID, CLIENT_SECRET, SimOrg

# sfexport's default gzip level, given to the peer too (Benchmarks/peer/session.py GZIP_LEVEL).
GZIP_LEVEL = 1


class SfbatchCommands:
    def __init__(self, bin_dir: str, org: SimOrg, work_dir: str) -> None:
        self.bin_dir = bin_dir
        self.org = org
        self.secret_file = os.path.join(work_dir, "client-secret")
        with open(os.open(self.secret_file, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), "w") as handle:
            handle.write(CLIENT_SECRET + "\n")
        # Keep the session cache out of the user's home.
        self.env = {"HOME": work_dir, "XDG_CACHE_HOME": os.path.join(work_dir, "cache")}

    def connection(self) -> list[str]:
        args = [
            "--instance-url", self.org.base_url,
            "--client-id", CLIENT_ID,
            "--client-secret-file", self.secret_file,
        ]
        if self.org.ca_path:
            args += ["--cacert", self.org.ca_path]
        return args

    def export(self, soql: str, output: str, api: str, extra: list[str] | None = None) -> list[str]:
        args = [os.path.join(self.bin_dir, "sfexport"), "--query", soql, "-o", output, "--api", api]
        if output.endswith(".gz"):
            args += ["--compression-level", str(GZIP_LEVEL)]
        return args + ["--quiet", "--json"] + self.connection() + (extra or [])

    def load(self, mapping: str, input_path: str, api: str, results_dir: str,
             extra: list[str] | None = None) -> list[str]:
        return [
            os.path.join(self.bin_dir, "sfimport"), "load", "--mapping", mapping, "--input", input_path,
            "--api", api, "--results-dir", results_dir, "--json",
        ] + self.connection() + (extra or [])

    def validate(self, mapping: str, input_path: str) -> list[str]:
        return [
            os.path.join(self.bin_dir, "sfimport"), "validate", "--mapping", mapping, "--input", input_path, "--json",
        ] + self.connection()


CONTACT_UPSERT_MAPPING = """\
# Contacts keyed by Legacy_Id__c, each under its Account found by the Account's Legacy_Id__c.
object: Contact
operation: upsert
externalIdField: Legacy_Id__c
fields:
  Legacy_Id__c: Legacy_Id__c
  FirstName: FirstName
  LastName: LastName
  Email: Email
  Phone: Phone
  Title: Title
  Department: Department
  MailingStreet: MailingStreet
  MailingCity: MailingCity
  MailingState: MailingState
  MailingPostalCode: MailingPostalCode
  MailingCountry: MailingCountry
  Birthdate: Birthdate
  Description: Description
lookups:
  AccountId: {column: Account.Legacy_Id__c, parent: Account, key: Legacy_Id__c}
"""


def write_contact_mapping(path: str) -> str:
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(CONTACT_UPSERT_MAPPING)
    return path
