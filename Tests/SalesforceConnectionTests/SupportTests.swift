import Foundation
import Testing

@testable import SalesforceConnection

@Suite struct SupportTests {
    @Test func urlEncodingAndForms() {
        #expect(URLBuilder.encode("SELECT Id FROM A WHERE N = 'x&y'") == "SELECT%20Id%20FROM%20A%20WHERE%20N%20%3D%20%27x%26y%27")
        #expect(String(decoding: URLBuilder.form([("a", "b c"), ("d", "é")]), as: UTF8.self) == "a=b%20c&d=%C3%A9")
        #expect(URLBuilder.origin(of: "https://h.example:8443/services/Soap/u/64.0/00D") == "https://h.example:8443")
        #expect(URLBuilder.pathAndQuery(of: "http://127.0.0.1:1/services/data?x=1") == "/services/data?x=1")
    }

    @Test func chunkerSplitsOnRecordBoundariesOnly() throws {
        let csv = Array("Name,Description\nA,\"one\ntwo\"\nB,plain\nC,\"x,y\"\n".utf8)
        let chunks = try IngestChunker(maxBytes: 30).split(csv)
        let texts = chunks.map { String(decoding: $0, as: UTF8.self) }
        #expect(texts.allSatisfy { $0.hasPrefix("Name,Description\n") })
        #expect(texts.allSatisfy { $0.utf8.count <= 30 })
        let rows = texts.map { $0.dropFirst("Name,Description\n".count) }.joined()
        #expect(rows == "A,\"one\ntwo\"\nB,plain\nC,\"x,y\"\n")
        #expect(texts.count == 3)
    }

    @Test func chunkerRefusesRecordsLargerThanTheLimit() {
        let csv = Array("H\n\(String(repeating: "x", count: 50))\n".utf8)
        #expect(throws: SalesforceError.self) { try IngestChunker(maxBytes: 20).split(csv) }
        #expect(throws: SalesforceError.self) { try IngestChunker().split(Array("H\n\"open\n".utf8)) }
    }

    @Test func chunkBuilderStartsNewChunksWhenFull() throws {
        var builder = IngestChunkBuilder(header: Array("H\n".utf8), maxBytes: 8)
        #expect(try builder.append(Array("aa\n".utf8)) == nil)
        let appended = try builder.append(Array("bbb\n".utf8))
        let first = try #require(appended)
        #expect(String(decoding: first.chunk, as: UTF8.self) == "H\naa\n" && first.records == 1)
        let finished = builder.finish()
        let last = try #require(finished)
        #expect(String(decoding: last.chunk, as: UTF8.self) == "H\nbbb\n")
        #expect(builder.finish() == nil)
    }

    @Test func collectionBodyAddsAttributesFirst() {
        let body = SalesforceClient.collectionBody(
            object: "Contact", records: [["LastName": .string("N")]], allOrNone: true)
        let text = String(decoding: body, as: UTF8.self)
        #expect(text.hasPrefix("{\"allOrNone\":true,\"records\":[{\"attributes\":{\"type\":\"Contact\"}"))
        #expect(text.contains("\"LastName\":\"N\""))
    }
}
