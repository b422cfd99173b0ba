import SalesforceConnection
import Foundation
import Testing

@testable import FieldMapping

/// Value conversion per field type, against real describe entries.
struct ValueConversionTests {
    func converter(
        _ object: String, _ field: String, transforms: [ValueTransform] = [], format: String? = nil,
        valueMap: [String: String] = [:], defaultValue: String? = nil, blank: BlankPolicy = .skip,
        zone: String? = nil, required: Bool = false
    ) throws -> CellConverter {
        let describe = try Fixtures.field(object, field)
        return try CellConverter.compile(
            field: describe, transforms: transforms, format: format, valueMap: valueMap, defaultValue: defaultValue,
            blank: blank, timeZone: zone.flatMap(TimeZone.init(identifier:)), required: required
        ).get()
    }

    func value(_ converter: CellConverter, _ cell: String) -> WireValue? {
        try? converter.convert(cell).get()
    }

    func failure(_ converter: CellConverter, _ cell: String) -> ConversionFailure? {
        var copy = cell
        let checked = copy.withUTF8 { converter.check($0) }
        guard case .failure(let failure) = converter.convert(cell) else { return nil }
        #expect(checked?.code == failure.code, "check and convert disagree on '\(cell)'")
        return failure
    }

    @Test func text() throws {
        let lastName = try converter("Contact", "LastName", transforms: [.trim, .upper])
        #expect(value(lastName, "  nguyen ") == .text("NGUYEN"))
        #expect(failure(lastName, String(repeating: "é", count: 81))?.code == "STRING_TOO_LONG")
        #expect(value(lastName, String(repeating: "é", count: 80)) != nil)
    }

    @Test func email() throws {
        let email = try converter("Contact", "Email", transforms: [.lower])
        #expect(value(email, "An@Example.COM") == .text("an@example.com"))
        #expect(failure(email, "not-an-email")?.code == "INVALID_EMAIL_ADDRESS")
        #expect(failure(email, "a@b@c.com")?.code == "INVALID_EMAIL_ADDRESS")
    }

    @Test func booleans() throws {
        let flag = try converter("Contact", "DoNotCall")
        for (cell, expected) in [("TRUE", true), ("yes", true), ("1", true), ("false", false), ("N", false), ("0", false)] {
            #expect(value(flag, cell) == .bool(expected), "\(cell)")
        }
        #expect(failure(flag, "maybe")?.code == "INVALID_TYPE_ON_FIELD_IN_RECORD")
    }

    @Test func integersAndDecimals() throws {
        let employees = try converter("Account", "NumberOfEmployees")
        #expect(value(employees, "+0042") == .number("42"))
        #expect(value(employees, "12.0") == .number("12"))
        #expect(failure(employees, "12.5")?.code == "INVALID_TYPE_ON_FIELD_IN_RECORD")
        #expect(failure(employees, "99999999999")?.code == "NUMBER_OUTSIDE_VALID_RANGE")
        let amount = try converter("Invoice__c", "Amount__c")  // currency 18,2
        #expect(value(amount, "0012.50") == .number("12.50"))
        #expect(value(amount, "-.5") == .number("-0.5"))
        #expect(value(amount, "1.5e3") == .number("1.5E3"))
        #expect(failure(amount, "1234567890123456789")?.code == "NUMBER_OUTSIDE_VALID_RANGE")
        #expect(failure(amount, "12,50")?.code == "INVALID_TYPE_ON_FIELD_IN_RECORD")
        #expect(failure(amount, "abc")?.code == "INVALID_TYPE_ON_FIELD_IN_RECORD")
    }

    @Test func datesAreNeverShifted() throws {
        let iso = try converter("Contact", "Birthdate", zone: "Pacific/Auckland")
        #expect(value(iso, "1990-02-28") == .text("1990-02-28"))
        #expect(failure(iso, "1990-02-30")?.code == "INVALID_TYPE_ON_FIELD_IN_RECORD")
        let european = try converter("Contact", "Birthdate", format: "dd/MM/yyyy", zone: "Pacific/Auckland")
        #expect(value(european, "31/12/1999") == .text("1999-12-31"))
        #expect(failure(european, "12/31/1999") != nil)
        let american = try converter("Contact", "Birthdate", format: "M/d/yy")
        #expect(value(american, "2/9/24") == .text("2024-02-09"))
        #expect(value(try converter("Contact", "Birthdate"), "2024-02-29") == .text("2024-02-29"))
        #expect(failure(try converter("Contact", "Birthdate"), "2023-02-29") != nil)
    }

    @Test func datetimesUseTheMappingTimeZoneOnlyWhenTheCellHasNone() throws {
        let paris = try converter("Contact", "EmailBouncedDate", zone: "Europe/Paris")
        #expect(value(paris, "2024-01-15 10:30:00") == .text("2024-01-15T09:30:00.000Z"))
        #expect(value(paris, "2024-07-15T10:30") == .text("2024-07-15T08:30:00.000Z"))
        #expect(value(paris, "2024-07-15T10:30:00.5+02:00") == .text("2024-07-15T08:30:00.500Z"))
        #expect(value(paris, "2024-07-15T10:30:00Z") == .text("2024-07-15T10:30:00.000Z"))
        #expect(value(paris, "2024-01-01T00:30:00-0100") == .text("2024-01-01T01:30:00.000Z"))
        #expect(value(paris, "2024-01-01") == .text("2023-12-31T23:00:00.000Z"))
        let utc = try converter("Contact", "EmailBouncedDate")
        #expect(value(utc, "2024-01-15 10:30:00") == .text("2024-01-15T10:30:00.000Z"))
        let pattern = try converter(
            "Contact", "EmailBouncedDate", format: "MM/dd/yyyy h:mm a", zone: "America/New_York")
        #expect(value(pattern, "03/10/2024 1:15 PM") == .text("2024-03-10T17:15:00.000Z"))
        #expect(value(pattern, "12/01/2024 12:05 AM") == .text("2024-12-01T05:05:00.000Z"))
        #expect(failure(utc, "2024-01-15 25:00") != nil)
    }

    @Test func picklists() throws {
        let restricted = try converter("Invoice__c", "Status__c")
        #expect(value(restricted, "paid") == .text("Paid"))
        #expect(failure(restricted, "Pending")?.code == "INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST")
        let open = try converter("Contact", "LeadSource", valueMap: ["W": "Web"], defaultValue: "Other")
        #expect(value(open, "W") == .text("Web"))
        #expect(value(open, "Trade Show") == .text("Trade Show"))
        #expect(value(open, "") == .text("Other"))
    }

    @Test func multiPicklist() throws {
        var field = try Fixtures.field("Invoice__c", "Status__c")
        field.type = .multipicklist
        let converter = try CellConverter.compile(field: field).get()
        #expect(value(converter, "draft; Sent") == .text("Draft;Sent"))
        #expect(failure(converter, "Draft;Nope") != nil)
    }

    @Test func idsAndReferences() throws {
        let account = try converter("Contact", "AccountId")
        #expect(value(account, "0015500001QdQWaAAN") == .text("0015500001QdQWaAAN"))
        #expect(value(account, "0015500001QdQWa") != nil)
        #expect(failure(account, "0015500001QdQWaAAA")?.code == "MALFORMED_ID")
        #expect(failure(account, "001-bad")?.code == "MALFORMED_ID")
    }

    @Test func blanksDefaultsAndRequired() throws {
        let skip = try converter("Contact", "Title")
        #expect(value(skip, "") == .omit)
        #expect(value(skip, "#N/A") == WireValue.null)
        let null = try converter("Contact", "Title", blank: .null)
        #expect(value(null, "") == WireValue.null)
        let required = try converter("Contact", "LastName", transforms: [.trim], required: true)
        #expect(failure(required, "   ")?.code == "REQUIRED_FIELD_MISSING")
        #expect(failure(required, "#N/A")?.code == "REQUIRED_FIELD_MISSING")
        let defaulted = try converter("Contact", "LastName", defaultValue: "Unknown", required: true)
        #expect(value(defaulted, "") == .text("Unknown"))
        let badDefault = CellConverter.compile(
            field: try Fixtures.field("Contact", "Birthdate"), defaultValue: "soon")
        #expect(throws: ConversionFailure.self) { try badDefault.get() }
    }

    @Test func timeAndBulkText() throws {
        var field = try Fixtures.field("Contact", "Title")
        field.type = .time
        let time = try CellConverter.compile(field: field).get()
        #expect(value(time, "09:05") == .text("09:05:00.000Z"))
        #expect(failure(time, "9h05") != nil)
        #expect(WireValue.null.bulkText == "#N/A")
        #expect(WireValue.omit.bulkText == "")
        #expect(WireValue.bool(true).bulkText == "true")
    }
}
