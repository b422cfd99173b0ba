/// Object keys encoded once as `"key":` bytes, for writers that emit many objects with the same keys.
public struct JSONKeys: Sendable {
    /// `"key":` per key, with a leading comma after the first.
    let encoded: [[UInt8]]
    /// The keys in order.
    public let names: [String]
    /// The number of keys.
    public var count: Int { names.count }

    public init(_ names: [String]) {
        self.names = names
        // Each key after the first carries its separating comma, so the writer appends one block per key.
        encoded = names.enumerated().map { index, name in
            var bytes: [UInt8] = index == 0 ? [] : [UInt8(ascii: ",")]
            JSONEscaping.appendQuoted(name, to: &bytes)
            bytes.append(UInt8(ascii: ":"))
            return bytes
        }
    }
}
