import Testing
import RecordFiles

@Suite struct CSVReaderErrorTests {
    private func error(_ fixture: String, options: CSVReadOptions = CSVReadOptions()) throws -> RecordFileError? {
        do {
            _ = try Fixture.rows(fixture, options: options)
            return nil
        } catch let error as RecordFileError {
            return error
        }
    }

    @Test func unterminatedQuoteNamesWhereItOpened() throws {
        let failure = try #require(try error("malformed_unterminated_quote.csv"))
        #expect(failure.kind == .unterminatedQuote)
        #expect(failure.record == 3)
        #expect(failure.line == 3)
        #expect(failure.column == 3)
        #expect(failure.file == "malformed_unterminated_quote.csv")
        #expect(failure.description.contains("record 3, line 3, column 3"))
    }

    @Test func strayQuoteInUnquotedField() throws {
        let failure = try #require(try error("malformed_stray_quote.csv"))
        #expect(failure.kind == .strayQuote)
        #expect(failure.record == 3)
        #expect(failure.line == 3)
        #expect(failure.column == 5)
        #expect(failure.field == 2)
    }

    @Test func textAfterClosingQuote() throws {
        let failure = try #require(try error("malformed_quote_then_text.csv"))
        #expect(failure.kind == .strayQuote)
        #expect(failure.line == 2)
        #expect(failure.column == 11)
    }

    @Test func wrongFieldCount() throws {
        let failure = try #require(try error("malformed_wrong_field_count.csv"))
        #expect(failure.kind == .wrongFieldCount(expected: 2, found: 3))
        #expect(failure.record == 3)
        #expect(failure.line == 3)
    }

    @Test func anyFieldCountAcceptsRaggedRowsButNotStrayQuotes() throws {
        var options = CSVReadOptions()
        options.acceptsAnyFieldCount = true
        #expect(try Fixture.rows("malformed_wrong_field_count.csv", options: options).rows
            == [["1", "ok"], ["2", "too", "many"]])
        let failure = try #require(try error("malformed_stray_quote.csv", options: options))
        #expect(failure.kind == .strayQuote)
    }

    @Test func lenientModeAcceptsRaggedRowsAndStrayQuotes() throws {
        let lenient = CSVReadOptions(lenient: true)
        #expect(try Fixture.rows("malformed_wrong_field_count.csv", options: lenient).rows
            == [["1", "ok"], ["2", "too", "many"]])
        #expect(try Fixture.rows("malformed_stray_quote.csv", options: lenient).rows == [["1", "ok"], ["2", "ab\"c"]])
        #expect(try Fixture.rows("malformed_quote_then_text.csv", options: lenient).rows == [["1", "closedx"]])
    }

    @Test func invalidUTF8NamesTheField() throws {
        let failure = try #require(try error("malformed_invalid_utf8.csv"))
        #expect(failure.kind == .invalidUTF8)
        #expect(failure.record == 3)
        #expect(failure.field == 2)
        #expect(failure.description.contains("windows-1252"))
    }

    @Test func runawayRecordStopsAtTheLimit() throws {
        var options = CSVReadOptions()
        options.maxRecordBytes = 1000
        let bytes = Array("a\n\"".utf8) + [UInt8](repeating: 0x41, count: 5000)
        let reader = try CSVReader(source: MemorySource(bytes), options: options)
        #expect {
            _ = try reader.readRow()
        } throws: { error in
            (error as? RecordFileError)?.kind == .recordTooLarge(limit: 1000)
        }
    }
}
