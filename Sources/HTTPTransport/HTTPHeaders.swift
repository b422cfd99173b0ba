/// An ordered list of HTTP header fields with case-insensitive lookup.
///
/// Order and duplicates are kept as received (`Set-Cookie`, `Warning`); lookups ignore ASCII case as
/// HTTP requires (HTTP/2 servers send lowercase names, HTTP/1.1 servers often do not).
public struct HTTPHeaders: Sendable, Sequence, ExpressibleByDictionaryLiteral {
    /// The fields in order, as (name, value).
    public var entries: [(String, String)]

    /// Creates headers from (name, value) pairs, keeping their order.
    public init(_ entries: [(String, String)] = []) {
        self.entries = entries
    }

    public init(dictionaryLiteral elements: (String, String)...) {
        self.entries = elements
    }

    /// The first value for `name`, compared without ASCII case, or nil.
    public subscript(_ name: String) -> String? {
        entries.first { Self.sameName($0.0, name) }?.1
    }

    /// Every value for `name`, in order.
    public func values(for name: String) -> [String] {
        entries.filter { Self.sameName($0.0, name) }.map(\.1)
    }

    /// Whether a field named `name` is present.
    public func contains(_ name: String) -> Bool {
        entries.contains { Self.sameName($0.0, name) }
    }

    /// Appends a field, keeping existing ones with the same name.
    public mutating func add(name: String, value: String) {
        entries.append((name, value))
    }

    /// Replaces every field named `name` by one with `value`.
    public mutating func replaceOrAdd(name: String, value: String) {
        entries.removeAll { Self.sameName($0.0, name) }
        entries.append((name, value))
    }

    /// Removes every field named `name`.
    public mutating func remove(name: String) {
        entries.removeAll { Self.sameName($0.0, name) }
    }

    public var count: Int { entries.count }

    public func makeIterator() -> IndexingIterator<[(String, String)]> {
        entries.makeIterator()
    }

    static func sameName(_ a: String, _ b: String) -> Bool {
        a.utf8.count == b.utf8.count && a.lowercased() == b.lowercased()
    }
}
