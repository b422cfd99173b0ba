import Foundation

// Interim copies of the SalesforceConnection describe types (contract names from the brief), so that mapping
// validation builds and tests offline before the connection library lands. Removed once it does.

/// A Salesforce field type as `describe` reports it.
public struct FieldType: RawRepresentable, Hashable, Sendable, Decodable {
    public var rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public init(from decoder: any Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(String.self)
    }
    public static let id = FieldType(rawValue: "id")
    public static let reference = FieldType(rawValue: "reference")
    public static let string = FieldType(rawValue: "string")
    public static let textarea = FieldType(rawValue: "textarea")
    public static let picklist = FieldType(rawValue: "picklist")
    public static let multipicklist = FieldType(rawValue: "multipicklist")
    public static let combobox = FieldType(rawValue: "combobox")
    public static let email = FieldType(rawValue: "email")
    public static let phone = FieldType(rawValue: "phone")
    public static let url = FieldType(rawValue: "url")
    public static let encryptedstring = FieldType(rawValue: "encryptedstring")
    public static let boolean = FieldType(rawValue: "boolean")
    public static let int = FieldType(rawValue: "int")
    public static let long = FieldType(rawValue: "long")
    public static let double = FieldType(rawValue: "double")
    public static let currency = FieldType(rawValue: "currency")
    public static let percent = FieldType(rawValue: "percent")
    public static let date = FieldType(rawValue: "date")
    public static let datetime = FieldType(rawValue: "datetime")
    public static let time = FieldType(rawValue: "time")
    public static let base64 = FieldType(rawValue: "base64")
    public static let address = FieldType(rawValue: "address")
    public static let location = FieldType(rawValue: "location")
    public static let anyType = FieldType(rawValue: "anyType")
}

/// One picklist entry.
public struct PicklistEntry: Hashable, Sendable, Decodable {
    public var value: String
    public var label: String?
    public var active: Bool
    public var defaultValue: Bool
}

/// One field of a describe.
public struct FieldDescribe: Sendable, Decodable {
    public var name: String
    public var label: String
    public var type: FieldType
    public var length: Int
    public var precision: Int
    public var scale: Int
    public var digits: Int
    public var nillable: Bool
    public var createable: Bool
    public var updateable: Bool
    public var defaultedOnCreate: Bool
    public var calculated: Bool
    public var autoNumber: Bool
    public var externalId: Bool
    public var idLookup: Bool
    public var unique: Bool
    public var caseSensitive: Bool
    public var referenceTo: [String]
    public var relationshipName: String?
    public var picklistValues: [PicklistEntry]
    public var restrictedPicklist: Bool
    public var compoundFieldName: String?
    public var filterable: Bool
}

/// The describe of one object.
public struct ObjectDescribe: Sendable, Decodable {
    public var name: String
    public var label: String
    public var keyPrefix: String?
    public var queryable: Bool
    public var createable: Bool
    public var updateable: Bool
    public var deletable: Bool
    public var custom: Bool
    public var fields: [FieldDescribe]
}
