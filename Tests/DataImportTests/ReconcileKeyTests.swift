import Testing

@testable import DataImport

/// The Bulk result matcher's digest: the reference MurmurHash3 x64-128 values (computed with the `mmh3` package
/// from PyPI, an independent implementation), every tail length, and the stored form.
@Suite struct ReconcileKeyTests {
    private func digest(_ bytes: [UInt8]) -> (UInt64, UInt64) {
        bytes.withUnsafeBufferPointer { ReconcileKey.digest($0) }
    }

    @Test func matchesTheReferenceImplementation() {
        #expect(digest([]) == (0, 0))
        #expect(digest(Array("a".utf8)) == (0x8555_5565_f659_7889, 0xe6b5_3a48_510e_895a))
        #expect(
            digest(Array("The quick brown fox jumps over the lazy dog".utf8)) == (0xe34b_bc7b_bc07_1b6c, 0x7a43_3ca9_c49a_9347))
        #expect(digest(Array(0..<33)) == (0x7d41_281b_faba_4612, 0x55ac_8073_a7d6_a30b))
    }

    @Test func everyLengthGivesADistinctKeyAndRoundTripsThroughItsStoredForm() {
        var seen = Set<ReconcileKey>()
        for length in 0...40 {
            let key = ReconcileKey(Array(repeating: UInt8(0x41), count: length))
            #expect(seen.insert(key).inserted, "length \(length)")
            let stored = key.bytes
            #expect(stored.count == 16)
            #expect(stored.withUnsafeBufferPointer { ReconcileKey(stored: $0) } == key)
        }
    }

    @Test func cellsAreJoinedSoThatShiftedTextDiffers() {
        let split = ReconcileKey(cells: ["ab", "c"], columns: [0, 1])
        let shifted = ReconcileKey(cells: ["a", "bc"], columns: [0, 1])
        #expect(split != shifted)
        #expect(ReconcileKey(cells: ["Müller", "x"], columns: [0, 1]) == ReconcileKey(Array("Müller\u{1F}x".utf8)))
        #expect(ReconcileKey(cells: ["only"], columns: [0, 3]) == ReconcileKey(Array("only\u{1F}".utf8)))
    }
}
