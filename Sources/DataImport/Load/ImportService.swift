import SalesforceConnection
import FieldMapping

/// The Salesforce operations an import needs. `SalesforceImportService` implements it over `SalesforceClient`;
/// tests substitute their own.
public protocol ImportService: Sendable {
    /// The describe of `object`; nil when the object does not exist or is not accessible.
    /// - Throws: for any other failure (authentication, network), which stops the command.
    func describe(_ object: String) async throws -> ObjectDescribe?
    /// The org's object names, for did-you-mean on unknown objects; may be empty.
    func objectNames() async throws -> [String]
    /// Sends up to 200 records with sObject Collections; one outcome per record, in order.
    /// - Throws: when the request as a whole failed; `ImportRunner` then reports every row of the batch with the
    ///   error (and, for inserts whose outcome is unknown, never re-sends them).
    func save(_ records: [ImportRecord], object: String, operation: ImportOperation, externalIDField: String?)
        async throws -> [RowOutcome]
    /// The `CODE:message` error cell for every row of a request that failed as a whole.
    func failureCell(for error: any Error, operation: ImportOperation) -> String
}

extension ImportService {
    /// Describes the mapping's object and lookup parents and validates the mapping.
    public func validate(_ mapping: ImportMapping, csvHeader: [String]?) async throws -> ValidationReport {
        var catalog = DescribeCatalog(knownObjectNames: (try? await objectNames()) ?? [])
        var object: ObjectDescribe?
        if !mapping.object.isEmpty, let described = try await describe(mapping.object) {
            object = described
            catalog.add(described)
        }
        for parent in MappingValidator.parentObjects(of: mapping, object: object) where catalog.object(parent) == nil {
            if let described = try await describe(parent) { catalog.add(described) }
        }
        return MappingValidator(mapping: mapping, catalog: catalog).validate(csvHeader: csvHeader)
    }
}

extension ImportService {
    /// The `CODE` and message written to the error file for every row of a request that failed as a whole.
    public func failureCell(for error: any Error, operation: ImportOperation) -> String {
        let text = "\(error)".replacingOccurrences(of: "\n", with: " ")
        if text.lowercased().contains("outcome") && operation == .insert {
            return "OUTCOME_UNKNOWN:the request may have reached Salesforce; the rows were not re-sent to avoid duplicates, check them in the org: \(text)"
        }
        return "REQUEST_FAILED:\(text)"
    }
}
