"""Connects simple-salesforce to an org the way its documentation shows for a session you already hold.

simple-salesforce builds its login URLs as `https://{domain}.salesforce.com/...`, so against a local
org we obtain a client-credentials token ourselves (one POST with `requests`, which simple-salesforce
depends on) and hand it over as `Salesforce(instance_url=..., session_id=...)`. TLS is verified with
the CA in `REQUESTS_CA_BUNDLE`, as for any private CA.
"""

from __future__ import annotations

import argparse
import json
import os
import sys

import requests
from simple_salesforce import Salesforce

API_VERSION = "62.0"
# Bulk 2.0 job polling interval handed to simple-salesforce (`wait=`). Its default is 5 s, which
# would charge the peer seconds of sleeping per job; a short interval keeps the comparison fair.
BULK_POLL_SECONDS = 0.2
# gzip level for both sides: sfexport's default, and sfexport gets `--compression-level` with it, so the
# comparison measures the clients and not two different zlib levels.
GZIP_LEVEL = 1


def common_arguments(description: str) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--instance-url", required=True)
    parser.add_argument("--client-id", default="sfsim-client")
    parser.add_argument("--client-secret", default=os.environ.get("SF_CLIENT_SECRET", "sfsim-secret"))
    return parser


def connect(args: argparse.Namespace) -> Salesforce:
    """A logged-in `Salesforce` for `args.instance_url` (client-credentials grant)."""
    response = requests.post(
        args.instance_url.rstrip("/") + "/services/oauth2/token",
        data={
            "grant_type": "client_credentials",
            "client_id": args.client_id,
            "client_secret": args.client_secret,
        },
        timeout=60,
    )
    response.raise_for_status()
    token = response.json()
    return Salesforce(instance_url=token["instance_url"], session_id=token["access_token"], version=API_VERSION)


def report(**summary) -> None:
    """Prints the one-line JSON summary the harness reads."""
    sys.stdout.write(json.dumps(summary) + "\n")
    sys.stdout.flush()
