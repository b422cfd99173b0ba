import Foundation
import RSASigning

/// Sessions kept between runs so a scheduled job does not log in every time.
///
/// One file per login identity in the cache folder (mode 0700), named by the SHA-256 of method, login URL and
/// principal (client id or username), written atomically with mode 0600. The file holds the session token, so
/// it is the one place a secret is stored; nothing else is. A file whose key does not match (hash collision, hand
/// edit) or that does not parse is ignored.
public struct SessionCache: Sendable {
    /// The cache folder.
    public let directory: String

    public init(directory: String) { self.directory = directory }

    /// The cache identity of a login.
    public struct Key: Sendable, Equatable, Codable {
        public var method: String
        public var url: String
        public var principal: String

        public init(method: String, url: String, principal: String) {
            self.method = method
            self.url = URLBuilder.trimmingTrailingSlash(url).lowercased()
            self.principal = principal.lowercased()
        }

        /// File name: `session-<sha256>.json`.
        public var fileName: String { "session-" + RSASigning.SHA256.hex(RSASigning.SHA256.hash("\(method)\n\(url)\n\(principal)")) + ".json" }
    }

    private struct Entry: Codable {
        var key: Key
        var session: Session
    }

    /// Path of the file for `key`.
    public func path(for key: Key) -> String { directory + "/" + key.fileName }

    /// The cached session for `key`, if any.
    public func load(_ key: Key) -> Session? {
        guard let bytes = PrivateFile.read(path(for: key)),
            let entry = try? JSONDecoder.cache.decode(Entry.self, from: Data(bytes)), entry.key == key
        else { return nil }
        return entry.session
    }

    /// Stores `session` for `key` (atomically, 0600 in a 0700 folder).
    public func store(_ session: Session, for key: Key) throws {
        try PrivateFile.ensureDirectory(directory)
        let data: Data
        do {
            data = try JSONEncoder.cache.encode(Entry(key: key, session: session))
        } catch {
            throw SalesforceError.io("cannot encode the session cache entry")
        }
        try PrivateFile.write([UInt8](data), to: path(for: key))
    }

    /// Deletes the entry for `key` (after the server rejected a session and a new login failed).
    public func remove(_ key: Key) {
        _ = try? FileManager.default.removeItem(atPath: path(for: key))
    }
}

extension JSONDecoder {
    static var cache: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .secondsSince1970
        return decoder
    }
}

extension JSONEncoder {
    static var cache: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .secondsSince1970
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }
}
