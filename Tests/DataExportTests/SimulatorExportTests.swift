@testable import DataExport
import Foundation
import RecordFiles
import SalesforceConnection
import SimulatorFixture
import RSASigning
import Testing

/// End to end against sfsim: every format x path x compression, tricky values, resume and incremental runs.
@Suite(.serialized) struct SimulatorExportTests {
    static let accountQuery = "SELECT Id, Name, Owner.Name, Parent.Name, NumberOfEmployees FROM Account ORDER BY Id"

    static let matrix: [(OutputFormat, APIChoice, OutputCompression)] = [
        (.csv, .rest, .none), (.csv, .rest, .gzip), (.csv, .bulk, .none), (.csv, .bulk, .gzip),
        (.jsonl, .rest, .none), (.jsonl, .rest, .gzip), (.jsonl, .bulk, .none), (.jsonl, .bulk, .gzip),
    ]

    @Test func everyFormatPathAndCompressionExportsTheSameRows() async throws {
        let sim = try SimulatorOrg(arguments: ["--generate", "Account=2600"])
        let expected = try await sim.client.count("SELECT COUNT() FROM Account")
        #expect(expected > 2000)  // more than one REST page
        let folder = try temporaryFolder()
        var csvRows: [String: [[String]]] = [:]
        var jsonNames: [String: [String]] = [:]
        for (format, api, compression) in Self.matrix {
            let name = "\(api.rawValue)-\(format.rawValue)\(compression == .gzip ? ".gz" : "")"
            let path = folder + "/" + name
            var request = ExportRequest(soql: Self.accountQuery, output: path, selection: .init(format: format, compression: compression))
            request.api = api
            request.maxRecords = 1000
            request.valueKinds = [.text, .text, .text, .text, .number]
            let result = try await Exporter(org: sim.org).run(request)
            #expect(result.rows == expected, "\(name)")
            #expect(result.api == api.rawValue, "\(name)")
            #expect(!FileManager.default.fileExists(atPath: path + ".partial"))
            if compression == .gzip {
                let magic = try FileHandle(forReadingFrom: URL(fileURLWithPath: path)).read(upToCount: 2)
                #expect(magic == Data([0x1F, 0x8B]), "\(name)")
            }
            if format == .csv {
                let table = try readCSV(path)
                #expect(table.header == ["Id", "Name", "Owner.Name", "Parent.Name", "NumberOfEmployees"], "\(name)")
                #expect(table.rows.count == expected, "\(name)")
                csvRows[name] = table.rows
            } else {
                let lines = try readJSONLines(path)
                #expect(lines.count == expected, "\(name)")
                #expect(lines.first?["attributes"] == nil, "\(name)")
                jsonNames[name] = lines.map { ($0["Owner"] as? [String: Any])?["Name"] as? String ?? "<none>" }
            }
        }
        // REST and Bulk agree cell for cell (Bulk writes nulls as empty cells too).
        #expect(csvRows["rest-csv"] == csvRows["bulk-csv"])
        #expect(csvRows["rest-csv"] == csvRows["bulk-csv.gz"])
        #expect(jsonNames["rest-jsonl"] == jsonNames["bulk-jsonl.gz"])
    }

    @Test func trickyValuesAndNullsAtEveryDepthSurvive() async throws {
        let sim = try SimulatorOrg(arguments: ["--seed-data", "none"])
        let long = String(repeating: "long text ", count: 3200)  // 32,000 characters
        let tricky = "Quote \" comma , semicolon ; tab \t line\nbreak CR\r\n Ünïcødé 日本語 😀"
        let parent = try await sim.create("Account", [["Name": .string("Parent Co")]])[0]
        let accounts = try await sim.create(
            "Account",
            [
                ["Name": .string(tricky), "ParentId": .string(parent), "Description": .string(long)],
                ["Name": .string("Orphan Inc")],
            ])
        _ = try await sim.create(
            "Contact",
            [
                ["LastName": .string("Full"), "AccountId": .string(accounts[0])],
                ["LastName": .string("NoParent"), "AccountId": .string(accounts[1])],
                ["LastName": .string("NoAccount")],
            ])
        let soql = "SELECT LastName, Account.Name, Account.Description, Account.Parent.Name, Account.Parent.Owner.Name FROM Contact ORDER BY LastName"
        let folder = try temporaryFolder()
        for api in [APIChoice.rest, .bulk] {
            let path = folder + "/\(api.rawValue).csv"
            var request = ExportRequest(soql: soql, output: path, selection: .init(format: .csv, compression: .none))
            request.api = api
            let result = try await Exporter(org: sim.org).run(request)
            #expect(result.rows == 3)
            let table = try readCSV(path)
            #expect(table.header == ["LastName", "Account.Name", "Account.Description", "Account.Parent.Name", "Account.Parent.Owner.Name"])
            let byName = Dictionary(uniqueKeysWithValues: table.rows.map { ($0[0], $0) })
            #expect(table.rows.allSatisfy { $0.count == 5 }, "\(api)")
            #expect(byName["Full"]?[1] == tricky, "\(api)")
            #expect(byName["Full"]?[2] == long, "\(api)")
            #expect(byName["Full"]?[3] == "Parent Co", "\(api)")
            #expect(byName["Full"]?[4].isEmpty == false, "\(api)")
            #expect(byName["NoParent"] == ["NoParent", "Orphan Inc", "", "", ""], "\(api)")
            #expect(byName["NoAccount"] == ["NoAccount", "", "", "", ""], "\(api)")
        }
        // JSON Lines keeps the same text exactly.
        let path = folder + "/rest.jsonl"
        var request = ExportRequest(soql: soql, output: path, selection: .init(format: .jsonl, compression: .none))
        request.api = .rest
        _ = try await Exporter(org: sim.org).run(request)
        let lines = try readJSONLines(path)
        let full = try #require(lines.first { $0["LastName"] as? String == "Full" })
        let account = try #require(full["Account"] as? [String: Any])
        #expect(account["Name"] as? String == tricky)
        #expect((account["Description"] as? String)?.count == 32_000)
        let none = try #require(lines.first { $0["LastName"] as? String == "NoAccount" })
        #expect(none["Account"] is NSNull)
    }

    @Test func interruptedBulkExportResumesToAByteIdenticalFile() async throws {
        let sim = try SimulatorOrg(arguments: ["--generate", "Account=3000"])
        let folder = try temporaryFolder()
        for compression in [OutputCompression.none, .gzip] {
            let suffix = compression == .gzip ? ".csv.gz" : ".csv"
            func request(_ path: String) -> ExportRequest {
                var request = ExportRequest(soql: Self.accountQuery, output: path, selection: .init(format: .csv, compression: compression))
                request.api = .bulk
                request.maxRecords = 700
                return request
            }
            let reference = folder + "/reference" + suffix
            _ = try await Exporter(org: sim.org).run(request(reference))

            let path = folder + "/resumed" + suffix
            var first = request(path)
            first.stopAfterPages = 2
            await #expect(throws: ExportInterruption.self) { _ = try await Exporter(org: sim.org).run(first) }
            #expect(!FileManager.default.fileExists(atPath: path))
            let journal = try #require(try RunJournal.load(for: path))
            #expect(journal.pages == 2 && journal.committedRows == 1400)

            var second = request(path)
            second.resume = true
            let result = try await Exporter(org: sim.org).run(second)
            #expect(result.resumed)
            #expect(result.jobID == journal.jobID)
            #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == Data(contentsOf: URL(fileURLWithPath: reference)))
            #expect(!FileManager.default.fileExists(atPath: RunJournal.path(for: path)))
        }
    }

    @Test func incrementalRunPicksUpExactlyChangedAndDeletedRows() async throws {
        let sim = try SimulatorOrg(arguments: ["--generate", "Account=300"])
        let folder = try temporaryFolder()
        let soql = "SELECT Id, Name, IsDeleted, SystemModstamp FROM Account"
        for api in [APIChoice.rest, .bulk] {
            // First run: everything, and the newest SystemModstamp becomes the watermark.
            var first = ExportRequest(soql: soql, output: folder + "/\(api.rawValue)-1.csv", selection: .init(format: .csv, compression: .none))
            first.api = api
            first.includeDeleted = true
            first.trackModstamp = true
            let initial = try await Exporter(org: sim.org).run(first)
            let watermark = try #require(initial.newestModstamp)
            let state = IncrementalState(object: "Account", watermark: watermark, idsAtWatermark: initial.idsAtNewestModstamp ?? [], updatedAt: initial.end)

            // Change two rows and delete one.
            let ids = try readCSV(folder + "/\(api.rawValue)-1.csv").rows.filter { $0[2] == "false" }.map { $0[0] }
            // SystemModstamp has millisecond resolution: step past the watermark's millisecond so the
            // changes cannot share it (a change inside that millisecond is the documented blind spot).
            try await Task.sleep(for: .milliseconds(5))
            try await sim.client.update("Account", id: ids[0], fields: ["Name": .string("Changed A \(api)")])
            try await sim.client.update("Account", id: ids[1], fields: ["Name": .string("Changed B \(api)")])
            // Real orgs stamp SystemModstamp on delete; sfsim does not yet, so the row is changed first.
            try await sim.client.update("Account", id: ids[2], fields: ["Name": .string("Doomed \(api)")])
            try await sim.client.delete("Account", id: ids[2])

            var second = first
            second.output = folder + "/\(api.rawValue)-2.csv"
            second.incremental = state.filter
            second.soql = try QueryShape(soql).addingCondition(IncrementalState.condition(watermark: state.watermark))
            let delta = try await Exporter(org: sim.org).run(second)
            let rows = try readCSV(second.output).rows
            #expect(Set(rows.map { $0[0] }) == Set(ids[0...2]), "\(api)")
            #expect(delta.rows == 3, "\(api)")
            #expect(rows.first { $0[0] == ids[2] }?[2] == "true", "\(api)")
            #expect(rows.first { $0[0] == ids[0] }?[1] == "Changed A \(api)", "\(api)")

            // A third run with the advanced state finds nothing new.
            let next = IncrementalState(object: "Account", watermark: try #require(delta.newestModstamp), idsAtWatermark: delta.idsAtNewestModstamp ?? [], updatedAt: delta.end)
            var third = first
            third.output = folder + "/\(api.rawValue)-3.csv"
            third.incremental = next.filter
            third.soql = try QueryShape(soql).addingCondition(IncrementalState.condition(watermark: next.watermark))
            let nothing = try await Exporter(org: sim.org).run(third)
            #expect(nothing.rows == 0, "\(api)")
        }
    }
}

extension SimulatorExportTests {
    @Test func manyObjectsGoToOneFolderWithAManifest() async throws {
        let sim = try SimulatorOrg()
        let folder = try temporaryFolder() + "/backup"
        var template = ExportRequest(soql: "", output: "", selection: .init(format: .csv, compression: .gzip))
        template.api = .auto
        let outcome = try await MultiObjectExporter(exporter: Exporter(org: sim.org), concurrency: 2).run(
            objects: ["Account", "Contact", "NoSuchThing"], folder: folder, template: template,
            query: ObjectQuery(object: ""))
        let manifest = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: folder + "/manifest.json"))) as? [String: Any]
        let files = try #require(manifest?["files"] as? [[String: Any]])
        #expect(files.map { $0["object"] as? String } == ["Account", "Contact"])
        for entry in files {
            let name = try #require(entry["file"] as? String)
            let data = try Data(contentsOf: URL(fileURLWithPath: folder + "/" + name))
            #expect(entry["bytes"] as? Int == data.count)
            #expect(entry["sha256"] as? String == SHA256.hex(SHA256.hash([UInt8](data))))
            let rows = try readCSV(folder + "/" + name).rows.count
            #expect(entry["rows"] as? Int == rows)
            let object = try #require(entry["object"] as? String)
            #expect(rows == (try await sim.client.count("SELECT COUNT() FROM \(object)")))
        }
        let skipped = try #require(manifest?["unexportable"] as? [[String: Any]])
        #expect(skipped.count == 1)
        #expect(skipped.first?["object"] as? String == "NoSuchThing")
        #expect((skipped.first?["reason"] as? String)?.contains("NOT_FOUND") == true)
        #expect(outcome.results.count == 2)
    }
}
