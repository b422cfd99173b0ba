import Foundation
import RSASigning

/// Describe responses kept on disk for `timeToLive`, keyed by instance URL, API version and object, so repeated
/// runs against a large schema skip the describe calls. Files are owner-only like the session cache.
struct DescribeDiskCache: Sendable {
    let directory: String
    let instanceURL: String
    let apiVersion: String
    let timeToLive: Duration

    private func path(object: String) -> String {
        directory + "/describe-" + RSASigning.SHA256.hex(RSASigning.SHA256.hash("\(instanceURL.lowercased())\n\(apiVersion)\n\(object.lowercased())"))
            + ".json"
    }

    /// The cached describe body, when present and younger than `timeToLive`.
    func load(object: String) -> [UInt8]? {
        let file = path(object: object)
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: file),
            let modified = attributes[.modificationDate] as? Date
        else { return nil }
        let age = Date().timeIntervalSince(modified)
        let limit = Double(timeToLive.components.seconds)
        guard age >= 0, age < limit else { return nil }
        return PrivateFile.read(file)
    }

    /// Stores a describe body; failures only cost a describe call next time, so they are not reported.
    func store(object: String, bytes: [UInt8]) {
        do {
            try PrivateFile.ensureDirectory(directory)
            try PrivateFile.write(bytes, to: path(object: object))
        } catch {
            return
        }
    }
}
