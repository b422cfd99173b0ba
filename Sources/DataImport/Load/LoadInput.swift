import FieldMapping

/// What both loaders open first: the input's reader (positioned after its header, opened off the cooperative
/// pool), the record builder bound to that header, and the result file paths (created folder included).
struct LoadInput {
    let handoff: ReaderHandoff
    let builder: RecordBuilder
    let paths: (success: String, error: String)

    static func open(_ compiled: CompiledMapping, _ options: ImportOptions) async throws -> LoadInput {
        let path = options.inputPath
        let handoff = try await OffPool.run("sfimport-open") { () -> ReaderHandoff in
            ReaderHandoff(try InputOpener.reader(path: path))
        }
        let builder = RecordBuilder(bound: BoundMapping(compiled: compiled, header: handoff.reader.columns))
        let paths = ResultFiles.paths(input: options.resultsName ?? path, directory: options.resultsDirectory)
        try ResultFiles.createDirectory(for: paths.success)
        return LoadInput(handoff: handoff, builder: builder, paths: paths)
    }
}
