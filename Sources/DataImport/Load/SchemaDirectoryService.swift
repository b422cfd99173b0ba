import SalesforceConnection
import FieldMapping
import Foundation

/// Describes read from a directory of saved describe JSON files (`<Object>.json`, as `GET .../describe` returns
/// them), so that `sfimport validate` and `mapping init` work without an org: `--schema-dir samples/schema`.
/// It cannot save records.
public struct SchemaDirectoryService: ImportService {
    public let directory: String

    public init(directory: String) {
        self.directory = directory
    }

    public func describe(_ object: String) async throws -> ObjectDescribe? {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        guard let file = names.first(where: { $0.lowercased() == "\(object.lowercased()).json" }) else { return nil }
        let path = "\(directory)/\(file)"
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        do {
            return try JSONDecoder().decode(ObjectDescribe.self, from: data)
        } catch {
            throw DataImportError(.input, "\(path): not a describe result (\(error))")
        }
    }

    public func objectNames() async throws -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return names.filter { $0.hasSuffix(".json") && !$0.hasPrefix("_") }.map { String($0.dropLast(5)) }
    }

    public func save(_ records: [ImportRecord], object: String, operation: ImportOperation, externalIDField: String?)
        async throws -> [RowOutcome]
    {
        throw DataImportError(.remote, "a schema directory cannot load records; connect to an org")
    }

    public func failureCell(for error: any Error, operation: ImportOperation) -> String {
        "REQUEST_FAILED:\(error)"
    }
}
