extension String {
    /// The text without leading and trailing whitespace.
    func trimmingCharacters() -> String { String(Substring(self).trimmingSpaces()) }
}

extension Substring {
    /// The text without leading and trailing whitespace.
    func trimmingSpaces() -> Substring {
        var slice = self
        while let first = slice.first, first.isWhitespace { slice = slice.dropFirst() }
        while let last = slice.last, last.isWhitespace { slice = slice.dropLast() }
        return slice
    }
}
