import Testing

@testable import SalesforceConnection

@Suite struct QueryPageHeaderTests {
    @Test func readsTheLeadingMembers() throws {
        let body = Array(#"{"totalSize":4123,"done":false,"nextRecordsUrl":"/services/data/v62.0/query/01gX-2000","records":[{"Id":"1"}]}"#.utf8)
        let header = try QueryPageHeader(scanning: body)
        #expect(header == QueryPageHeader(totalSize: 4123, done: false, nextRecordsURL: "/services/data/v62.0/query/01gX-2000"))
    }

    @Test func findsMembersAfterTheRecords() throws {
        // Members in another order, with brackets and quotes inside record strings to skip over.
        let body = Array(
            #"{ "records" : [ {"Name":"a \"}]\" b","Sub":{"done":true,"totalSize":9}} ], "done" : false , "nextRecordsUrl":"\/q\/2","totalSize":7 }"#
                .utf8)
        let header = try QueryPageHeader(scanning: body)
        #expect(header == QueryPageHeader(totalSize: 7, done: false, nextRecordsURL: "/q/2"))
    }

    @Test func theLastPageNeedsNoNextURL() throws {
        let header = try QueryPageHeader(scanning: Array(#"{"totalSize":0,"done":true,"records":[]}"#.utf8))
        #expect(header == QueryPageHeader(totalSize: 0, done: true, nextRecordsURL: nil))
    }

    @Test(arguments: [
        #"{"done":true,"records":[]}"#,
        #"{"totalSize":3,"done":false,"records":[]}"#,
        #"[1,2]"#,
        #"{"totalSize":3,"done":true,"#,
    ])
    func refusesIncompletePages(_ text: String) {
        #expect(throws: SalesforceError.self) { try QueryPageHeader(scanning: Array(text.utf8)) }
    }
}
