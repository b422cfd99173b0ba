import Testing

@testable import DataImport

/// The 8-byte-a-key duplicate table and the exact re-check that names both rows.
struct DuplicateKeyTests {
    func insert(_ index: inout DuplicateKeyIndex, _ key: String) -> UInt64? {
        var text = key
        return text.withUTF8 { index.insert($0) }
    }

    func hash(_ key: String) -> UInt64 {
        var text = key
        return text.withUTF8 { DuplicateKeyIndex.hash($0, caseSensitive: false) }
    }

    @Test func distinctKeysNeverHitAndRepeatsAlwaysDo() {
        var index = DuplicateKeyIndex(caseSensitive: true, expectedKeys: 16)  // forces many doublings
        var hits = 0
        for number in 0..<200_000 where insert(&index, "CON-\(number)") != nil { hits += 1 }
        #expect(hits == 0)
        for number in stride(from: 0, to: 200_000, by: 997) where insert(&index, "CON-\(number)") == nil {
            hits += 1
        }
        #expect(hits == 0, "every repeated key must be found after the table grew")
    }

    @Test func keysAreTrimmedAndFoldedUnlessCaseSensitive() {
        var folded = DuplicateKeyIndex(caseSensitive: false)
        #expect(insert(&folded, "Inv-1") == nil)
        #expect(insert(&folded, "  inv-1\t") != nil)
        var exact = DuplicateKeyIndex(caseSensitive: true)
        #expect(insert(&exact, "Inv-1") == nil)
        #expect(insert(&exact, "inv-1") == nil)
        #expect(insert(&exact, " Inv-1 ") != nil)
    }

    @Test func resolverNamesBothRowsAndDropsCollisions() throws {
        let csv = "key,name\nA-1,x\nB-2,y\na-1,z\nC-3,w\n"
        let resolver = DuplicateKeyResolver(keyCell: 0, caseSensitive: false, cellCount: 2)
        let real = DuplicateKeyResolver.Hit(
            row: 3, line: 4, hash: hash("a-1"), key: "a-1", rowHadProblems: false)
        // A hit whose text never occurred earlier stands for a hash collision: it must not be reported.
        let collision = DuplicateKeyResolver.Hit(
            row: 4, line: 5, hash: real.hash, key: "C-3", rowHadProblems: false)
        let found = try resolver.resolve([real, collision]) {
            try InputOpener.reader(bytes: Array(csv.utf8), name: "in.csv")
        }
        #expect(found.map(\.hit.row) == [3])
        #expect(found.first?.earlier == 1)
        #expect(try resolver.resolve([real], reopen: nil).first?.earlier == nil)
    }
}
