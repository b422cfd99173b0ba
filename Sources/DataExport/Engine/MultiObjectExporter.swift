import Foundation

/// `--objects A,B,C` / `--objects all`: one file per object in a folder, several objects at a time, and a
/// `manifest.json` listing every file (rows, bytes, SHA-256, times) and every object that could not be
/// exported with the reason.
public struct MultiObjectExporter: Sendable {
    public let exporter: Exporter
    /// Objects exported at the same time (the scheduler bounds the requests underneath).
    public var concurrency: Int

    public init(exporter: Exporter, concurrency: Int) {
        self.exporter = exporter
        self.concurrency = max(1, concurrency)
    }

    /// What came of a multi-object export.
    public struct Outcome: Sendable {
        public var manifest: Manifest
        public var results: [ExportResult]
    }

    /// Exports `objects` (nil = every queryable object) into `folder`.
    /// - Parameters:
    ///   - template: format, compression, CSV and API options applied to every object; its `soql` and
    ///     `output` are replaced per object.
    ///   - query: fields, WHERE and LIMIT applied to every object (fields default to all).
    public func run(
        objects requested: [String]?, folder: String, template: ExportRequest, query: ObjectQuery
    ) async throws -> Outcome {
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw ExportError.io("cannot create the output folder '\(folder)': \(error)")
        }
        var unexportable: [Manifest.Unexportable] = []
        var names: [String]
        if let requested {
            names = requested
        } else {
            let all = try await exporter.org.exportableObjects()
            names = []
            for object in all {
                if object.queryable { names.append(object.name) } else {
                    unexportable.append(.init(object: object.name, reason: "not queryable"))
                }
            }
        }
        let org = exporter.org
        let exporter = self.exporter
        var results: [ExportResult] = []
        var failures: [Manifest.Unexportable] = []
        try await withThrowingTaskGroup(of: Result<ExportResult, Manifest.Unexportable>.self) { group in
            var iterator = names.makeIterator()
            func startNext() -> Bool {
                guard let object = iterator.next() else { return false }
                group.addTask {
                    do {
                        let schema = try await org.exportSchema(object)
                        guard schema.queryable else { return .failure(.init(object: object, reason: "not queryable")) }
                        var objectQuery = query
                        objectQuery.object = schema.name
                        var request = template
                        request.soql = try objectQuery.soql(
                            schema: schema, requiredFields: template.includeDeleted ? ["IsDeleted"] : [])
                        request.output = (folder as NSString).appendingPathComponent(
                            schema.name + "." + template.selection.fileExtension)
                        request.digest = true
                        let shape = try QueryShape(request.soql)
                        request.valueKinds = ObjectQuery.valueKinds(columns: shape.columns, schema: schema)
                        return .success(try await exporter.run(request))
                    } catch let error as CancellationError {
                        throw error
                    } catch {
                        return .failure(.init(object: object, reason: String(describing: error)))
                    }
                }
                return true
            }
            for _ in 0..<concurrency where !startNext() { break }
            while let outcome = try await group.next() {
                switch outcome {
                case .success(let result): results.append(result)
                case .failure(let failure): failures.append(failure)
                }
                _ = startNext()
            }
        }
        results.sort { $0.object < $1.object }
        unexportable += failures.sorted { $0.object < $1.object }
        let manifest = Manifest(
            generatedAt: Exporter.timestamp(),
            files: results.map {
                Manifest.Entry(
                    object: $0.object, query: $0.query, rows: $0.rows, bytes: $0.bytes,
                    file: ($0.file as NSString).lastPathComponent, sha256: $0.sha256, api: $0.api, start: $0.start,
                    end: $0.end)
            },
            unexportable: unexportable)
        try manifest.save(in: folder)
        return Outcome(manifest: manifest, results: results)
    }
}

extension Manifest.Unexportable: Error {}
