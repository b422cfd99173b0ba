import Foundation
import Testing

@testable import DataExport

/// The flattening engine on canned REST pages: no server involved.
@Suite struct RESTEncodingTests {
    static let page = #"""
        {"totalSize":4,"done":true,"records":[
         {"attributes":{"type":"Contact","url":"/x/1"},"Id":"0031","Name":"Quote \"q\", comma","Amount":9.12260031E8,
          "Active":true,"Account":{"attributes":{"type":"Account"},"Name":"Acme","Owner":{"attributes":{"type":"User"},"Name":"Ann"}}},
         {"attributes":{"type":"Contact","url":"/x/2"},"Id":"0032","Name":"Line\nbreak é \u00e9 \ud83d\ude00","Amount":null,
          "Active":false,"Account":{"attributes":{"type":"Account"},"Name":null,"Owner":null}},
         {"attributes":{"type":"Contact","url":"/x/3"},"Id":"0033","Name":"plain","Amount":1250000.0,"Active":false,"Account":null},
         {"attributes":{"type":"Contact","url":"/x/4"},"Id":"0034","Name":"tiny","Amount":1e-7,"Active":true,"Account":{"attributes":{"type":"Account"},"Name":"B","Owner":{"attributes":{"type":"User"},"Name":null}}}
        ]}
        """#
    static let soql = "SELECT Id, name, Amount, Active, account.Name, Account.Owner.Name FROM Contact"

    func export(_ format: OutputFormat, _ configure: (inout ExportRequest) -> Void = { _ in }) async throws -> String {
        let folder = try temporaryFolder()
        let path = folder + "/out." + format.rawValue
        var request = ExportRequest(soql: Self.soql, output: path, selection: .init(format: format, compression: .none))
        request.api = .rest
        configure(&request)
        let result = try await Exporter(org: CannedOrg(restPages: [Self.page])).run(request)
        #expect(result.rows == 4)
        #expect(result.api == "rest")
        #expect(!FileManager.default.fileExists(atPath: path + ".partial"))
        return try readText(path)
    }

    @Test func csvKeepsEveryColumnWhenParentsAreNullAtAnyDepth() async throws {
        let text = try await export(.csv)
        let expected = """
            Id,name,Amount,Active,account.Name,Account.Owner.Name
            0031,"Quote ""q"", comma",912260031,true,Acme,Ann
            0032,"Line
            break é é 😀",,false,,
            0033,plain,1250000.0,false,,
            0034,tiny,0.0000001,true,B,

            """
        #expect(text == expected)
    }

    @Test func csvOptionsApply() async throws {
        let text = try await export(.csv) {
            $0.csv = CSVFormatOptions(delimiter: 0x3B, lineEnding: .crlf, nullValue: Array("NULL".utf8), byteOrderMark: true)
        }
        #expect(text.hasPrefix("\u{FEFF}Id;name;Amount"))
        #expect(text.contains("\r\n0033;plain;1250000.0;false;NULL;NULL\r\n"))
        #expect(text.contains(#"0031;"Quote ""q"", comma";"#))
    }

    @Test func jsonLinesNestsParentsAndDropsAttributes() async throws {
        let lines = try await export(.jsonl).split(separator: "\n")
        #expect(lines.count == 4)
        #expect(lines[0] == #"{"Id":"0031","Name":"Quote \"q\", comma","Amount":9.12260031E8,"Active":true,"Account":{"Name":"Acme","Owner":{"Name":"Ann"}}}"#)
        #expect(lines[2] == #"{"Id":"0033","Name":"plain","Amount":1250000.0,"Active":false,"Account":null}"#)
        for line in lines {
            #expect(try JSONSerialization.jsonObject(with: Data(line.utf8)) is [String: Any])
        }
    }

    @Test func jsonLinesFlattenUsesDottedHeaders() async throws {
        let lines = try await export(.jsonl) { $0.flatten = true }.split(separator: "\n")
        #expect(lines[2] == #"{"Id":"0033","name":"plain","Amount":1250000.0,"Active":false,"account.Name":null,"Account.Owner.Name":null}"#)
    }

    @Test func jsonLinesKeepAttributesOnRequest() async throws {
        let lines = try await export(.jsonl) { $0.keepAttributes = true }.split(separator: "\n")
        #expect(lines[0].hasPrefix(#"{"attributes":{"type":"Contact","url":"/x/1"},"Id":"0031""#))
    }

    static let subqueryPage = #"""
        {"totalSize":2,"done":true,"records":[
         {"attributes":{"type":"Account"},"Name":"Acme","Contacts":{"totalSize":1,"done":true,"records":[{"attributes":{"type":"Contact"},"LastName":"Nguyen"}]}},
         {"attributes":{"type":"Account"},"Name":"Initech","Contacts":null}]}
        """#

    @Test func subqueriesBecomeArraysInJSONLines() async throws {
        let folder = try temporaryFolder()
        var request = ExportRequest(
            soql: "SELECT Name, (SELECT LastName FROM Contacts) FROM Account", output: folder + "/a.jsonl",
            selection: .init(format: .jsonl, compression: .none))
        request.api = .auto
        let result = try await Exporter(org: CannedOrg(restPages: [Self.subqueryPage])).run(request)
        #expect(result.api == "rest")
        let text = try readText(folder + "/a.jsonl")
        #expect(text == #"""
            {"Name":"Acme","Contacts":[{"LastName":"Nguyen"}]}
            {"Name":"Initech","Contacts":null}

            """#)
    }

    @Test func subqueryIntoCSVIsAnErrorUnlessAsJSON() async throws {
        let folder = try temporaryFolder()
        var request = ExportRequest(
            soql: "SELECT Name, (SELECT LastName FROM Contacts) FROM Account", output: folder + "/a.csv",
            selection: .init(format: .csv, compression: .none))
        await #expect(throws: ExportError.self) {
            _ = try await Exporter(org: CannedOrg(restPages: [Self.subqueryPage])).run(request)
        }
        #expect(!FileManager.default.fileExists(atPath: folder + "/a.csv"))
        request.subqueryAsJSON = true
        _ = try await Exporter(org: CannedOrg(restPages: [Self.subqueryPage])).run(request)
        #expect(try readText(folder + "/a.csv") == "Name,Contacts\nAcme,\"[{\"\"LastName\"\":\"\"Nguyen\"\"}]\"\nInitech,\n")
    }

    @Test func pagesAreFollowedAndTheCountIsChecked() async throws {
        let first = #"{"totalSize":3,"done":false,"nextRecordsUrl":"/services/data/v62.0/query/01g-1","records":[{"attributes":{},"Id":"a"},{"attributes":{},"Id":"b"}]}"#
        let second = #"{"totalSize":3,"done":true,"records":[{"attributes":{},"Id":"c"}]}"#
        let short = #"{"totalSize":3,"done":true,"records":[]}"#
        let folder = try temporaryFolder()
        var request = ExportRequest(soql: "SELECT Id FROM Account", output: folder + "/a.csv", selection: .init(format: .csv, compression: .none))
        request.api = .rest
        _ = try await Exporter(org: CannedOrg(restPages: [first, second])).run(request)
        #expect(try readText(folder + "/a.csv") == "Id\na\nb\nc\n")

        request.output = folder + "/b.csv"
        await #expect {
            _ = try await Exporter(org: CannedOrg(restPages: [first, short])).run(request)
        } throws: { ($0 as? ExportError)?.kind == .countMismatch }
        #expect(!FileManager.default.fileExists(atPath: folder + "/b.csv"))
        #expect(!FileManager.default.fileExists(atPath: folder + "/b.csv.partial"))
    }
}
