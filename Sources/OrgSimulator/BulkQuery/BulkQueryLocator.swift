import Foundation

/// Bulk query result locators: the row offset in decimal, base64-encoded without padding (`10000` → `MTAwMDA`),
/// the shape Salesforce's own locators have. The last page answers the literal `null`.
enum BulkQueryLocator {
    static func encode(_ offset: Int) -> String {
        var text = Data(String(offset).utf8).base64EncodedString()
        while text.hasSuffix("=") { text.removeLast() }
        return text
    }

    /// The offset in a locator, or nil when it is not one of ours.
    static func decode(_ locator: String) -> Int? {
        var text = locator
        while text.count % 4 != 0 { text += "=" }
        guard let data = Data(base64Encoded: text), let offset = Int(String(decoding: data, as: UTF8.self)),
            offset >= 0
        else { return nil }
        return offset
    }
}
