import Foundation

/// `manifest.json` of a multi-object export: one entry per written file and the objects that could not
/// be exported, with the reason.
public struct Manifest: Codable, Sendable, Equatable {
    public struct Entry: Codable, Sendable, Equatable {
        public var object: String
        public var query: String
        public var rows: Int
        public var bytes: Int
        public var file: String
        public var sha256: String?
        public var api: String
        public var start: String
        public var end: String
    }

    public struct Unexportable: Codable, Sendable, Equatable {
        public var object: String
        public var reason: String
    }

    public var generatedAt: String
    public var files: [Entry]
    public var unexportable: [Unexportable]

    /// Writes `manifest.json` into `folder` atomically.
    public func save(in folder: String) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let path = (folder as NSString).appendingPathComponent("manifest.json")
        do {
            try encoder.encode(self).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw ExportError.io("cannot write '\(path)': \(error)")
        }
    }
}
