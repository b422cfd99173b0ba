/// A record type of an object (`recordTypeInfos[]` in describe).
public struct RecordTypeInfo: Sendable, Codable, Equatable {
    public var name: String
    public var developerName: String?
    public var recordTypeId: String?
    public var active: Bool
    public var available: Bool
    public var master: Bool
    public var defaultRecordTypeMapping: Bool

    enum CodingKeys: String, CodingKey {
        case name, developerName, recordTypeId, active, available, master, defaultRecordTypeMapping
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = c.value(.name, default: "")
        developerName = c.optional(.developerName)
        recordTypeId = c.optional(.recordTypeId)
        active = c.value(.active, default: true)
        available = c.value(.available, default: true)
        master = c.value(.master, default: false)
        defaultRecordTypeMapping = c.value(.defaultRecordTypeMapping, default: false)
    }
}
