import Foundation

/// Reads Salesforce's error bodies: `[{"message","errorCode","fields"}]`, a single such object, or the
/// Collections/Bulk per-record form that says `statusCode` instead of `errorCode`.
enum ErrorArrayParser {
    struct Entry: Equatable {
        var code: String
        var message: String
        var fields: [String]
    }

    static func parse(_ body: [UInt8]) -> [Entry] {
        guard !body.isEmpty,
            let object = try? JSONSerialization.jsonObject(with: Data(body), options: [.fragmentsAllowed])
        else { return [] }
        if let array = object as? [Any] { return array.compactMap { entry($0) } }
        if let single = entry(object) { return [single] }
        return []
    }

    static func entry(_ value: Any) -> Entry? {
        guard let dict = value as? [String: Any] else { return nil }
        let code = (dict["errorCode"] as? String) ?? (dict["statusCode"] as? String) ?? (dict["error"] as? String)
        let message = (dict["message"] as? String) ?? (dict["error_description"] as? String)
        guard code != nil || message != nil else { return nil }
        let fields = (dict["fields"] as? [Any])?.compactMap { $0 as? String } ?? []
        return Entry(code: code ?? "UNKNOWN_ERROR", message: message ?? "", fields: fields)
    }
}
