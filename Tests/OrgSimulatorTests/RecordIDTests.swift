import Testing

@testable import OrgSimulator

@Suite struct RecordIDTests {
    @Test(arguments: [
        ("0015500001QdQWa", "0015500001QdQWaAAN"), ("00558000001N0Ke", "00558000001N0KeAAK"),
        ("0015g00000Kx1Aa", "0015g00000Kx1AaAAJ"), ("0035g00000Lm2Bb", "0035g00000Lm2BbAAJ"),
        ("00D5g000004XyZa", "00D5g000004XyZaEAK"),
    ])
    func checksumMatchesReference(id15: String, id18: String) {
        #expect(RecordID.to18(id15) == id18)
    }

    @Test func eighteenCharacterIdsAreCaseInsensitive() {
        let lower = "0015500001qdqwaaan"
        #expect(RecordID.canonical15(lower).map { String(decoding: $0, as: UTF8.self) } == "0015500001QdQWa")
        // The checksum carries the casing: "AAB" marks only the first letter of the third chunk upper-case.
        #expect(RecordID.canonical15("0015500001QdQWaAAB").map { String(decoding: $0, as: UTF8.self) } == "0015500001Qdqwa")
        #expect(RecordID.canonical15("0015500001QdQWaAA9") == nil, "a checksum outside the alphabet is rejected")
        #expect(RecordID.canonical15("001-not-an-id!!") == nil)
    }

    @Test func mintedIdsDecodeToTheirSequence() {
        for sequence in [1, 61, 62, 3_843, 1_000_000, 56_800_235_583] {
            let id = RecordID.make(keyPrefix: Array("003".utf8), sequence: sequence)
            #expect(id.count == 18)
            let id15 = RecordID.canonical15(String(decoding: id, as: UTF8.self))
            #expect(id15.flatMap(RecordID.sequence(of:)) == sequence)
        }
    }
}
