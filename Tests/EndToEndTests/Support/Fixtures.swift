import Foundation

/// The bad-input corpus shipped with this test target (`Fixtures/csv`, `Fixtures/mappings`).
enum Fixtures {
    static func url(_ relativePath: String) throws -> URL {
        guard let root = Bundle.module.url(forResource: "Fixtures", withExtension: nil) else {
            throw FixtureMissing(path: relativePath)
        }
        let url = root.appendingPathComponent(relativePath)
        guard FileManager.default.fileExists(atPath: url.path) else { throw FixtureMissing(path: relativePath) }
        return url
    }

    /// Copies a fixture into `directory` (so result files written beside the input stay out of the bundle).
    static func copy(_ relativePath: String, into directory: URL) throws -> URL {
        let source = try url(relativePath)
        let target = directory.appendingPathComponent(source.lastPathComponent)
        try? FileManager.default.removeItem(at: target)
        try FileManager.default.copyItem(at: source, to: target)
        return target
    }
}

struct FixtureMissing: Error, CustomStringConvertible {
    let path: String
    var description: String { "fixture \(path) is missing from the EndToEndTests bundle" }
}
