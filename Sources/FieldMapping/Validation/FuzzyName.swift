/// Name matching for did-you-mean suggestions and for `mapping init`'s header matching.
public enum FuzzyName {
    /// Lower-cases and drops spaces, underscores, hyphens and dots: `Last Name`, `last_name` and `LastName` all
    /// fold to `lastname`.
    public static func fold(_ name: String) -> String {
        String(
            String.UnicodeScalarView(
                name.lowercased().unicodeScalars.filter { $0 != " " && $0 != "_" && $0 != "-" && $0 != "." }))
    }

    /// Edit distance over Unicode scalars, case-insensitive, counting an adjacent swap (`Emial`) as one edit
    /// (optimal string alignment).
    public static func distance(_ lhs: String, _ rhs: String) -> Int {
        let a = Array(lhs.lowercased().unicodeScalars)
        let b = Array(rhs.lowercased().unicodeScalars)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var beforePrevious = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    current[j] = min(current[j], beforePrevious[j - 2] + 1)
                }
            }
            (beforePrevious, previous, current) = (previous, current, beforePrevious)
        }
        return previous[b.count]
    }

    /// The candidate closest to `word`, if it is close enough to be a plausible typo: same folded form, or an
    /// edit distance of 1 for words up to 4 characters, else a third of the length plus one (at most 3).
    public static func closest(to word: String, among candidates: some Sequence<String>) -> String? {
        let folded = fold(word)
        var best: (name: String, score: Int)?
        for candidate in candidates {
            if fold(candidate) == folded { return candidate }
            let score = distance(folded, fold(candidate))
            if score < (best?.score ?? Int.max) { best = (candidate, score) }
        }
        guard let best else { return nil }
        let limit = folded.count <= 4 ? 1 : min(3, folded.count / 3 + 1)
        return best.score <= limit ? best.name : nil
    }
}
