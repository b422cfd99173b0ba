import Foundation
import SOQL
import Testing

@testable import OrgSimulator

@Suite("SOQL evaluation: errors")
struct QueryErrorTests {
    @Test func invalidFieldMatchesRecordedResponse() throws {
        let f = try QueryFixture()
        let response = f.org.request("GET", QueryTestOrg.queryURI("SELECT Id, Nme FROM Account"))
        #expect(response.status == 400)
        #expect(response.text == #"[{"message":"\nSELECT Id, Nme FROM Account\n           ^\nERROR at Row:1:Column:12\nNo such column 'Nme' on entity 'Account'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.","errorCode":"INVALID_FIELD"}]"#)
    }

    @Test(arguments: [
        ("SELECT Id FROM Acount", "INVALID_TYPE", "sObject type 'Acount' is not supported."),
        ("SELECT Id, Acount.Name FROM Contact", "INVALID_FIELD", "Didn't understand relationship 'Acount' in field path."),
        ("SELECT Id, Account.Nam FROM Contact", "INVALID_FIELD", "No such column 'Nam' on entity 'Account'."),
        ("SELECT Id, (SELECT Id FROM Contactz) FROM Account", "INVALID_TYPE",
         "Didn't understand relationship 'Contactz' in FROM part of query call."),
        ("SELECT Id FROM Account WHERE Name = 5", "INVALID_FIELD",
         "value of filter criterion for field 'Name' must be of type string and should be enclosed in quotes"),
        ("SELECT Id FROM Account WHERE CreatedDate > 2024-01-01", "INVALID_FIELD",
         "value of filter criterion for field 'CreatedDate' must be of type dateTime and should not be enclosed in quotes"),
        ("SELECT Id FROM Account WHERE Name INCLUDES ('a')", "INVALID_QUERY_FILTER_OPERATOR",
         "includes or excludes operator only valid on multipicklist field"),
        ("SELECT Id, Id FROM Account", "MALFORMED_QUERY", "duplicate field selected: Id"),
        ("SELECT Name, COUNT(Id) FROM Account GROUP BY Industry", "MALFORMED_QUERY",
         "Field must be grouped or aggregated: Name"),
        ("SELECT SUM(Name) FROM Account", "MALFORMED_QUERY", "field Name does not support aggregate operator SUM"),
        ("SELECT Id FROM Account OFFSET 2001", "NUMBER_OUTSIDE_VALID_RANGE", "Maximum SOQL offset allowed is 2000"),
        ("SELECT Id FORM Account", "MALFORMED_QUERY", "unexpected token: 'FORM'"),
        ("SELECT Id FROM Contact WHERE Account.Owner.Manager.Manager.Manager.Manager.Name = 'x'", "MALFORMED_QUERY",
         "SOQL statements cannot query relationships that are more than 5 levels away from the root entity object."),
    ])
    func errorsUseSalesforceCodes(_ soql: String, _ code: String, _ start: String) throws {
        let f = try QueryFixture()
        let response = f.org.request("GET", QueryTestOrg.queryURI(soql))
        #expect(response.status == 400)
        let error = response.json?.arrayValue?.first
        #expect(error?["errorCode"]?.stringValue == code)
        let message = error?["message"]?.stringValue ?? ""
        #expect(message.contains(start), "\(message)")
    }

    @Test func fiveLevelsAreAllowed() throws {
        let f = try QueryFixture()
        #expect(throws: Never.self) {
            _ = try f.org.query("SELECT Account.Owner.Manager.Manager.Manager.Name FROM Contact")
        }
    }

    @Test func missingQueryAndBadLocator() throws {
        let f = try QueryFixture()
        let missing = f.org.request("GET", "/services/data/v62.0/query")
        #expect(missing.status == 400)
        #expect(missing.json?.arrayValue?.first?["errorCode"]?.stringValue == "MALFORMED_QUERY")
        let bad = f.org.request("GET", "/services/data/v62.0/query/01gNOPE-2000")
        #expect(bad.status == 400)
        #expect(bad.json?.arrayValue?.first?["errorCode"]?.stringValue == "INVALID_QUERY_LOCATOR")
    }
}
