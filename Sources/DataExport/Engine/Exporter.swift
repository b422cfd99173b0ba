import Foundation

/// The export engine: runs one SOQL statement over REST or Bulk API 2.0 and streams the rows into one
/// output file, checking the row count before the file appears under its final name.
public struct Exporter: Sendable {
    public let org: any ExportOrg
    /// Called from time to time with the progress so far (from the exporting task).
    public var onProgress: (@Sendable (ExportProgress) -> Void)?

    /// Bytes encoded before a chunk is handed to the output thread.
    static let chunkSize = 256 * 1024

    public init(org: any ExportOrg, onProgress: (@Sendable (ExportProgress) -> Void)? = nil) {
        self.org = org
        self.onProgress = onProgress
    }

    /// Runs `request`.
    /// - Throws: `ExportError`, or the connection's error (query errors are the server's, verbatim).
    ///   Nothing appears under the output name unless the export completed and its count checked out.
    public func run(_ request: ExportRequest) async throws -> ExportResult {
        let shape = try QueryShape(request.soql)
        if shape.isCountQuery {
            throw ExportError.usage("SELECT COUNT() returns no rows to export; select fields, or use COUNT(Id) to export the number")
        }
        let api = try await choosePath(request, shape)
        switch api {
        case .bulk: return try await runBulk(request, shape)
        default: return try await runREST(request, shape)
        }
    }

    /// Decides between REST and Bulk for `--api auto`, and refuses Bulk for queries it cannot run.
    func choosePath(_ request: ExportRequest, _ shape: QueryShape) async throws -> APIChoice {
        switch request.api {
        case .rest:
            return .rest
        case .bulk:
            guard shape.bulkCompatible else {
                throw ExportError.usage(
                    "Bulk API 2.0 cannot run this query (subqueries, aggregates, GROUP BY, OFFSET and TYPEOF are REST only); use --api rest or --api auto")
            }
            return .bulk
        case .auto:
            if !shape.bulkCompatible || request.resume && request.output == "-" { return .rest }
            if request.resume, (try? RunJournal.load(for: request.output)) != nil { return .bulk }
            let count = try await org.count(shape.countQuery, includeDeleted: request.includeDeleted)
            return count > request.bulkThreshold ? .bulk : .rest
        }
    }

    static func timestamp(_ date: Date = Date()) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: date)
    }

    /// Format, compression and CSV options as one string, stored in the run journal.
    static func outputSignature(_ request: ExportRequest) -> String {
        let csv = request.csv
        return [
            request.selection.format.rawValue, request.selection.compression.rawValue, "level=\(request.compressionLevel)",
            "delimiter=\(csv.delimiter)", "eol=\(csv.lineEnding.rawValue)", "null=\(csv.nullValue)",
            "bom=\(csv.byteOrderMark)", "flatten=\(request.flatten)", "deleted=\(request.includeDeleted)",
        ].joined(separator: ";")
    }

    /// - Parameter resumable: whether an interrupted run can continue the partial file (Bulk); a REST
    ///   export's partial file is removed on failure and on interrupt (`UnfinishedOutputs`).
    func makeWriter(_ request: ExportRequest, resumeAt: Int?, memberPerBoundary: Bool, resumable: Bool) throws
        -> OutputWriter
    {
        let file = try ExportFile(
            path: request.output, resumeAt: resumeAt, digest: request.digest, resumable: resumable)
        return OutputWriter(
            file: file,
            settings: .init(
                compression: request.selection.compression, level: request.compressionLevel,
                threads: request.compressionThreads, memberPerBoundary: memberPerBoundary))
    }
}
