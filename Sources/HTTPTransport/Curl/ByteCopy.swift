#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Byte copies with `memcpy`. The generic `Array(buffer)` and `append(contentsOf:)` paths copy element
/// by element when the calling module is built without optimisation (debug builds, `swift test`),
/// which measured at about 2 MB/s for streamed bodies; `memcpy` keeps debug builds usable and costs
/// nothing in release.
enum ByteCopy {
    /// A new array holding a copy of `bytes`.
    static func array(_ bytes: UnsafeRawBufferPointer) -> [UInt8] {
        guard let source = bytes.baseAddress, bytes.count > 0 else { return [] }
        return [UInt8](unsafeUninitializedCapacity: bytes.count) { buffer, initialized in
            if let target = buffer.baseAddress { memcpy(target, source, bytes.count) }
            initialized = bytes.count
        }
    }

    /// The pieces joined into one array.
    static func concatenate(_ pieces: [[UInt8]]) -> [UInt8] {
        if pieces.count == 1 { return pieces[0] }
        let total = pieces.reduce(0) { $0 + $1.count }
        return [UInt8](unsafeUninitializedCapacity: total) { buffer, initialized in
            var offset = 0
            for piece in pieces {
                piece.withUnsafeBytes { source in
                    if let from = source.baseAddress, let target = buffer.baseAddress, source.count > 0 {
                        memcpy(target + offset, from, source.count)
                    }
                }
                offset += piece.count
            }
            initialized = total
        }
    }
}
