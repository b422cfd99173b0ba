"""Starts one sfsim over TLS (generated CA) for the whole compatibility session.

simple-salesforce builds every URL as https://..., and its login URLs as
https://{domain}.salesforce.com/...; the tests pass a `domain` that ends in '#', so the
'.salesforce.com/...' suffix becomes a URL fragment that is never sent. The client is unchanged.
"""
import os
import re
import subprocess
import tempfile

import pytest


@pytest.fixture(scope="session")
def sfsim():
    binary = os.environ.get("SFSIM_BIN")
    if not binary:
        here = os.path.dirname(os.path.abspath(__file__))
        binary = os.path.join(here, "..", "..", ".build", "debug", "sfsim")
    tls_dir = tempfile.mkdtemp(prefix="sfsim-compat-tls-")
    proc = subprocess.Popen(
        [binary, "serve", "--port", "0", "--tls-self-signed", tls_dir],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    line = proc.stdout.readline()
    match = re.match(r"sfsim listening on (https://\S+)", line)
    if not match:
        proc.kill()
        raise RuntimeError(f"sfsim did not start: {line!r} {proc.stderr.read()}")
    os.environ["REQUESTS_CA_BUNDLE"] = os.path.join(tls_dir, "ca.pem")
    url = match.group(1)
    yield {"url": url, "host": url[len("https://"):], "ca": os.path.join(tls_dir, "ca.pem"), "tls": tls_dir}
    proc.terminate()
    proc.wait(timeout=20)


@pytest.fixture(scope="session")
def sf(sfsim):
    """A client logged in with the client-credentials grant."""
    from simple_salesforce import Salesforce
    return Salesforce(consumer_key="sfsim-client", consumer_secret="sfsim-secret",
                      domain=f"{sfsim['host']}/services/oauth2/token#")
