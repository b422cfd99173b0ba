import Testing

@testable import OrgSimulator

@Suite struct RowTests {
    @Test func valuesRoundTripByOrdinal() {
        let values: [FieldValue] = [
            .id("0015g0000000001AAA"), .null, .text("Acme \"Corp\"\n"), .int(-42), .double(1_250_000), .bool(true),
            .bool(false), .date(19_753), .dateTime(1_718_035_200_123), .null, .text("é€😀"),
        ]
        let row = Row.encode(values)
        #expect(row.fieldCount == values.count)
        for (i, v) in values.enumerated() { #expect(row.value(at: i) == v, "ordinal \(i)") }
        #expect(row.isNull(1) && row.isNull(9) && !row.isNull(2))
        #expect(row.value(at: 99) == .null)
    }

    @Test func largeRowsUseWideOffsets() {
        let big = String(repeating: "x", count: 70_000)
        let row = Row.encode([.text(big), .text("after"), .int(7)])
        #expect(row.value(at: 0) == .text(big))
        #expect(row.value(at: 1) == .text("after"))
        #expect(row.value(at: 2) == .int(7))
    }

    @Test func jsonAndCSVRendering() {
        let row = Row.encode([.text("a\"b"), .null, .dateTime(0), .date(0), .double(0.5), .bool(true)])
        var json: [UInt8] = []
        for i in 0..<6 {
            row.appendJSON(at: i, to: &json)
            json.append(UInt8(ascii: " "))
        }
        #expect(String(decoding: json, as: UTF8.self) == "\"a\\\"b\" null \"1970-01-01T00:00:00.000+0000\" \"1970-01-01\" 0.5 true ")
        var csv: [UInt8] = []
        row.appendCSV(at: 0, to: &csv)
        row.appendCSV(at: 1, to: &csv)
        row.appendCSV(at: 2, to: &csv)
        #expect(String(decoding: csv, as: UTF8.self) == "\"a\"\"b\"\"\"\"1970-01-01T00:00:00.000Z\"")
    }

    @Test func dateTimeParsingHonoursOffsets() {
        #expect(ValueFormat.parseDateTime("2024-01-31T12:34:56.000+0000") == ValueFormat.parseDateTime("2024-01-31T12:34:56Z"))
        #expect(ValueFormat.parseDateTime("2024-01-31T14:34:56+02:00") == ValueFormat.parseDateTime("2024-01-31T12:34:56Z"))
        #expect(ValueFormat.parseDate("2024-02-30") == nil)
        #expect(ValueFormat.date(ValueFormat.parseDate("2024-02-29") ?? 0) == "2024-02-29")
    }
}
