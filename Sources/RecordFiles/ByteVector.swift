/// 16-byte vector helpers for the scanning loops (CSV reader and writer, JSON parser and escaper, UTF-8 check).
///
/// Why not the standard `any(_:)`: on this toolchain it lowers to a generic `SIMD.min()` call that folds the 16
/// lanes one by one (measured at about 15 instructions per test); reading the mask as two 64-bit words is two
/// instructions.
enum ByteVector {
    typealias Mask = SIMDMask<SIMD16<Int8>>

    @inline(__always)
    static func load(_ pointer: UnsafePointer<UInt8>) -> SIMD16<UInt8> {
        UnsafeRawPointer(pointer).loadUnaligned(as: SIMD16<UInt8>.self)
    }

    /// True when any lane of `mask` is set.
    @inline(__always)
    static func any(_ mask: Mask) -> Bool {
        let words = unsafeBitCast(mask, to: SIMD2<UInt64>.self)
        return words[0] | words[1] != 0
    }

    /// The index of the first set lane of a non-empty mask (lane 0 is the lowest-addressed byte).
    @inline(__always)
    static func firstSet(_ mask: Mask) -> Int {
        let words = unsafeBitCast(mask, to: SIMD2<UInt64>.self)
        if words[0] != 0 { return words[0].trailingZeroBitCount >> 3 }
        return 8 + words[1].trailingZeroBitCount >> 3
    }
}
