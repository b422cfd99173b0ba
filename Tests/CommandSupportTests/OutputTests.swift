import Foundation
import Synchronization
import Testing

@testable import CommandSupport

@Suite struct OutputTests {
    @Test func auditLinesAreJSONWithTheRequiredFields() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("audit-\(UUID().uuidString).jsonl").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let log = try AuditLog(path: path)
        try log.record(
            AuditLog.Entry(
                time: Date(timeIntervalSince1970: 0), org: "prod", user: "u@x.test", action: "upsert", object: "Contact",
                records: 42, outcome: "partial", job: "750x", detail: "quote \" and 00D5g00000SfSim!secrettoken"))
        try log.record(AuditLog.Entry(org: "prod", user: nil, action: "query", object: "Account", records: 1, outcome: "success"))
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 2)
        let first = try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any]
        #expect(first?["time"] as? String == "1970-01-01T00:00:00.000Z")
        #expect(first?["records"] as? Int == 42)
        #expect(first?["action"] as? String == "upsert")
        #expect(first?["outcome"] as? String == "partial")
        #expect(!lines[0].contains("secrettoken"))
        var info = stat()
        #expect(stat(path, &info) == 0 && info.st_mode & 0o777 == 0o600)
    }

    @Test func progressDrawsOnATerminalOnly() {
        let output = Mutex<[String]>([])
        let progress = ProgressReporter(
            label: "Account", total: 1000, enabled: true, interval: .zero, output: { line in output.withLock { $0.append(line) } })
        progress.advance(records: 250, bytes: 2_500_000)
        progress.finish()
        let lines = output.withLock { $0 }
        #expect(lines.count == 2)
        #expect(lines[0].contains("Account: 250/1,000 records"))
        #expect(lines[0].contains("2.5 MB"))
        #expect(lines[1].hasSuffix("\n"))

        let silent = Mutex<[String]>([])
        let piped = ProgressReporter(label: "x", enabled: false, output: { line in silent.withLock { $0.append(line) } })
        piped.advance(records: 10)
        piped.finish()
        #expect(silent.withLock { $0.isEmpty })
    }

    @Test func numberFormatting() {
        #expect(ProgressReporter.grouped(1_234_567) == "1,234,567")
        #expect(ProgressReporter.grouped(12) == "12")
        #expect(ProgressReporter.clock(3725) == "1:02:05")
        #expect(ProgressReporter.clock(65) == "1:05")
    }
}
