"""simple-salesforce (unmodified, from PyPI) against sfsim over TLS."""
import csv
import os
import tempfile
import uuid

import pytest
import requests
from simple_salesforce import Salesforce, SalesforceLogin
from simple_salesforce.exceptions import (SalesforceAuthenticationFailed,
                                          SalesforceExpiredSession,
                                          SalesforceMalformedRequest,
                                          SalesforceResourceNotFound)


def test_soap_login_and_refused_password(sfsim):
    sf = Salesforce(username="admin@sfsim.test", password="sfsim-password", security_token="SFSIMTOKEN",
                    domain=f"{sfsim['host']}/services/Soap/u/59.0#")
    assert sf.session_id.startswith("00D")
    assert sf.sf_instance == sfsim["host"]
    assert sf.limits()["DailyApiRequests"]["Max"] > 0
    assert sf.api_usage["api-usage"].used >= 1
    with pytest.raises(SalesforceAuthenticationFailed) as failure:
        SalesforceLogin(username="admin@sfsim.test", password="wrong", security_token="SFSIMTOKEN",
                        domain=f"{sfsim['host']}/services/Soap/u/59.0#")
    assert failure.value.code == "INVALID_LOGIN"


def test_client_credentials_token(sfsim, sf):
    assert sf.session_id.startswith("00D")
    assert sf.base_url == f"https://{sfsim['host']}/services/data/v59.0/"
    stats = requests.get(f"{sfsim['url']}/__sfsim/stats").json()
    assert stats["logins"]["client_credentials"] >= 1
    assert stats["logins"]["soap"] >= 0


def test_describe(sf):
    names = {o["name"] for o in sf.describe()["sobjects"]}
    assert {"Account", "Contact", "Opportunity", "Lead", "Case", "User", "Invoice__c"} <= names
    account = sf.Account.describe()
    assert account["name"] == "Account"
    assert any(f["name"] == "Legacy_Id__c" and f["externalId"] for f in account["fields"])
    assert sf.Contact.metadata()["objectDescribe"]["keyPrefix"] == "003"


def test_crud(sf):
    created = sf.Contact.create({"LastName": "Compat", "FirstName": "Py", "Email": "py@example.com"})
    assert created["success"] and created["id"].startswith("003")
    record = sf.Contact.get(created["id"])
    assert record["LastName"] == "Compat" and record["Name"] == "Py Compat"
    assert sf.Contact.update(created["id"], {"Title": "Tester"}) == 204
    assert sf.Contact.get(created["id"])["Title"] == "Tester"
    assert sf.Contact.delete(created["id"]) == 204
    with pytest.raises(SalesforceResourceNotFound):
        sf.Contact.get(created["id"])
    with pytest.raises(SalesforceMalformedRequest) as bad:
        sf.Contact.create({"FirstName": "NoLastName"})
    assert bad.value.content[0]["errorCode"] == "REQUIRED_FIELD_MISSING"


def test_upsert_by_external_id(sf):
    key = f"PY-{uuid.uuid4().hex[:8]}"
    assert sf.Account.upsert(f"Legacy_Id__c/{key}", {"Name": "Py Upsert"}) == 201
    assert sf.Account.upsert(f"Legacy_Id__c/{key}", {"Name": "Py Upsert 2"}) == 200
    assert sf.Account.get_by_custom_id("Legacy_Id__c", key)["Name"] == "Py Upsert 2"


def test_session_revocation_relogs_in(sfsim):
    sf = Salesforce(username="admin@sfsim.test", password="sfsim-password", security_token="SFSIMTOKEN",
                    domain=f"{sfsim['host']}/services/Soap/u/59.0#")
    old = sf.session_id
    requests.post(f"{sfsim['url']}/__sfsim/sessions/revoke")
    # simple-salesforce logs in again on INVALID_SESSION_ID when it has credentials.
    assert sf.limits()["DailyApiRequests"]["Max"] > 0
    assert sf.session_id != old
    direct = Salesforce(session_id=old, instance_url=sfsim["url"])
    with pytest.raises(SalesforceExpiredSession):
        direct.limits()


def write_csv(rows, header):
    fd, path = tempfile.mkstemp(suffix=".csv")
    with os.fdopen(fd, "w", newline="") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)
    return path


def test_bulk2_insert_upsert_and_query_over_2000_rows(sfsim):
    sf = Salesforce(consumer_key="sfsim-client", consumer_secret="sfsim-secret",
                    domain=f"{sfsim['host']}/services/oauth2/token#")
    tag = uuid.uuid4().hex[:6]
    path = write_csv([[f"Bulk{tag}", f"B{tag}-{i:05d}", f"b{i}@example.com"] for i in range(2600)],
                     ["LastName", "Legacy_Id__c", "Email"])
    inserted = sf.bulk2.Contact.insert(csv_file=path, wait=0.1)
    assert sum(int(r["numberRecordsProcessed"]) for r in inserted) == 2600
    assert sum(int(r["numberRecordsFailed"]) for r in inserted) == 0

    upsert_path = write_csv([[f"B{tag}-{i:05d}", "Upserted"] for i in range(0, 2600, 2)] + [[f"B{tag}-new", "New"]],
                            ["Legacy_Id__c", "LastName"])
    upserted = sf.bulk2.Contact.upsert(csv_file=upsert_path, external_id_field="Legacy_Id__c", wait=0.1)
    assert sum(int(r["numberRecordsProcessed"]) for r in upserted) == 1301
    assert sum(int(r["numberRecordsFailed"]) for r in upserted) == 0

    # REST query paging past 2000 rows (nextRecordsUrl).
    result = sf.query_all(f"SELECT Id, LastName FROM Contact WHERE Legacy_Id__c LIKE 'B{tag}-%'")
    assert result["totalSize"] == 2601
    assert len(result["records"]) == 2601
    assert sum(1 for r in result["records"] if r["LastName"] == "Upserted") == 1300

    # Bulk 2.0 query, paged by locator.
    pages = list(sf.bulk2.Contact.query(f"SELECT Id, LastName FROM Contact WHERE Legacy_Id__c LIKE 'B{tag}-%'",
                                        max_records=1000, wait=0.1))
    lines = [line for page in pages for line in page.splitlines()[1:] if line]
    assert len(pages) >= 3
    assert len(lines) == 2601
