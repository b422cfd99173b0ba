import SalesforceConnection
import FieldMapping
import Foundation
import Testing

@testable import DataImport

/// Describes from the FieldMapping fixtures, temporary directories and an in-memory service.
enum Support {
    static let describeDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("FieldMappingTests/Fixtures/describe")

    static func describe(_ object: String) throws -> ObjectDescribe {
        let data = try Data(contentsOf: describeDirectory.appendingPathComponent("\(object).json"))
        return try JSONDecoder().decode(ObjectDescribe.self, from: data)
    }

    static func catalog() throws -> DescribeCatalog {
        DescribeCatalog(try ["Account", "Contact", "Opportunity", "Invoice__c"].map(describe))
    }

    static func compile(_ yaml: String, header: [String]? = nil) throws -> ValidationReport {
        let mapping = try MappingLoader.parse(yaml, path: "test.yaml")
        return MappingValidator(mapping: mapping, catalog: try catalog()).validate(csvHeader: header)
    }

    static func temporaryDirectory() throws -> String {
        let path = NSTemporaryDirectory() + "sfimport-test-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    static func write(_ text: String, to path: String) throws {
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    }

    /// Rows of a CSV file as arrays of cells (header included).
    static func rows(_ path: String) throws -> [[String]] {
        let reader = try InputOpener.reader(path: path)
        return [reader.columns] + (try reader.readAllRows())
    }

    static let upsertContacts = """
        object: Contact
        operation: upsert
        externalIdField: Legacy_Id__c
        fields:
          key: Legacy_Id__c
          last: LastName
          email: Email
        lookups:
          AccountId: {column: account, parent: Account, key: Legacy_Id__c}
        """
}

/// An org in memory: upserts by external ID, inserts, failures and row locks on demand.
/// `@unchecked Sendable`: all state is guarded by `lock`.
final class FakeService: ImportService, @unchecked Sendable {
    private let lock = NSLock()
    private var records: [String: String] = [:]  // key -> id
    private var inserted = 0
    private var lockFailuresLeft: [String: Int] = [:]
    private(set) var requests = 0
    private(set) var sentRows: [Int] = []
    /// Throw for the batch containing this row (once).
    var failBatchWithRow: Int?
    var failure: any Error = DataImportError(.remote, "SERVER_UNAVAILABLE: 503")

    func lockFirst(_ key: String, times: Int) { lock.withLock { lockFailuresLeft[key] = times } }

    var storedCount: Int { lock.withLock { records.count + inserted } }

    func describe(_ object: String) async throws -> ObjectDescribe? { try? Support.describe(object) }
    func objectNames() async throws -> [String] { ["Account", "Contact"] }

    func save(_ batch: [ImportRecord], object: String, operation: ImportOperation, externalIDField: String?)
        async throws -> [RowOutcome]
    {
        try lock.withLock {
            requests += 1
            if let row = failBatchWithRow, batch.contains(where: { $0.row == row }) {
                failBatchWithRow = nil
                throw failure
            }
            sentRows += batch.map(\.row)
            return batch.map { record in
                let key = record.key ?? "row-\(record.row)"
                if let left = lockFailuresLeft[key], left > 0 {
                    lockFailuresLeft[key] = left - 1
                    return .failure(code: "UNABLE_TO_LOCK_ROW", message: "unable to obtain exclusive access to this record")
                }
                switch operation {
                case .insert:
                    inserted += 1
                    return .success(id: "003000000000\(inserted)", created: true)
                default:
                    if let id = records[key] { return .success(id: id, created: false) }
                    let id = "003" + String(format: "%012d", records.count + 1)
                    records[key] = id
                    return .success(id: id, created: true)
                }
            }
        }
    }
}
