import Testing
import RecordFiles

@Suite struct JSONValueTests {
    @Test func parsesKeepingOrderAndExactNumbers() throws {
        let value = try JSONValue.parse(
            #" {"z": 1, "a": [true, false, null], "n": -12.50e+3, "big": 12345678901234567890123} "#)
        #expect(value.objectValue?.keys == ["z", "a", "n", "big"])
        #expect(value["n"] == .number("-12.50e+3"))
        #expect(value["big"]?.numberText == "12345678901234567890123")
        #expect(value["z"]?.intValue == 1)
        #expect(value["a"]?[2] == .null)
        #expect(String(decoding: value.serialized(), as: UTF8.self)
            == #"{"z":1,"a":[true,false,null],"n":-12.50e+3,"big":12345678901234567890123}"#)
    }

    @Test func decodesEscapesAndSurrogatePairs() throws {
        let value = try JSONValue.parse(#""q\" b\\ s\/ \b\f\n\r\t \u00e9 \ud83d\ude00 \u65e5""#)
        #expect(value.stringValue == "q\" b\\ s/ \u{8}\u{C}\n\r\t é 😀 日")
    }

    @Test func escapesOnlyWhatJSONRequires() throws {
        let value: JSONValue = ["text": .string("quote\" back\\ nl\n cr\r tab\t nul\u{0} us\u{1F} del\u{7F} é 😀 \u{2028}")]
        let text = String(decoding: value.serialized(), as: UTF8.self)
        #expect(text == "{\"text\":\"quote\\\" back\\\\ nl\\n cr\\r tab\\t nul\\u0000 us\\u001f del\u{7F} é 😀 \u{2028}\"}")
        #expect(try JSONValue.parse(text) == value)
    }

    @Test(arguments: [
        "", "{", "[1,]", "{\"a\" 1}", "{\"a\":1,}", "01", "1.", "-", "1e", "tru", "\"abc", "\"\\x\"", "\"\u{1}\"",
        "[1] 2", "{\"a\":1}}", "nul",
    ])
    func rejectsInvalidJSON(text: String) {
        #expect(throws: RecordFileError.self) { try JSONValue.parse(text) }
    }

    @Test func reportsLineAndColumn() {
        do {
            _ = try JSONValue.parse("{\n  \"a\": 1,\n  \"b\" 2\n}")
            Issue.record("expected an error")
        } catch let error as RecordFileError {
            #expect(error.kind == .invalidJSON)
            #expect(error.line == 3)
            #expect(error.column == 7)
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test func rejectsInvalidUTF8AndDeepNesting() {
        #expect(throws: RecordFileError.self) { try JSONValue.parse([0x22, 0xC3, 0x28, 0x22]) }
        let deep = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
        #expect(throws: RecordFileError.self) { try JSONValue.parse(deep) }
    }

    @Test func duplicateKeysKeepFirstPositionLastValue() throws {
        let value = try JSONValue.parse(#"{"a":1,"b":2,"a":3}"#)
        #expect(value.objectValue?.keys == ["a", "b"])
        #expect(value["a"] == .number("3"))
    }

    @Test func objectEditing() {
        var object: JSONObject = ["Id": "001", "Name": "Acme"]
        object["Name"] = "Globex"
        object["Phone"] = .null
        object["Id"] = nil
        #expect(object.keys == ["Name", "Phone"])
        #expect(object["Name"]?.stringValue == "Globex")
        var value = JSONValue.object(object)
        value["Extra"] = 1.5
        #expect(value.description == #"{"Name":"Globex","Phone":null,"Extra":1.5}"#)
    }

    @Test(arguments: [UInt64(7), 8, 9, 10])
    func randomValuesRoundTrip(seed: UInt64) throws {
        var generator = SeededGenerator(seed: seed)
        for _ in 0..<200 {
            let value = Self.randomValue(depth: 0, using: &generator)
            let bytes = value.serialized()
            #expect(try JSONValue.parse(bytes) == value)
        }
    }

    static func randomValue(depth: Int, using generator: inout SeededGenerator) -> JSONValue {
        let pick = Int.random(in: 0..<(depth > 3 ? 5 : 7), using: &generator)
        switch pick {
        case 0: return .null
        case 1: return .bool(Bool.random(using: &generator))
        case 2:
            let numbers = ["0", "-1", "3.14", "1e400", "12345678901234567890", "-0.0E-7"]
            return .number(numbers.randomElement(using: &generator) ?? "0")
        case 3, 4: return .string(RandomText.string(using: &generator))
        case 5:
            return .array((0..<Int.random(in: 0...4, using: &generator)).map { _ in
                randomValue(depth: depth + 1, using: &generator)
            })
        default:
            var object = JSONObject()
            for _ in 0..<Int.random(in: 0...5, using: &generator) {
                let key = RandomText.string(using: &generator, maxPieces: 3)
                object[key] = randomValue(depth: depth + 1, using: &generator)
            }
            return .object(object)
        }
    }
}
