/// A JSON object that keeps its members in order.
///
/// Order matters to users (a record's fields come out in the order Salesforce sent them or the header named
/// them), so this is an ordered list of members with lookup by key rather than a `Dictionary`. Keys are unique:
/// setting an existing key replaces its value in place; the parser keeps the last of duplicate keys.
public struct JSONObject: Sendable, Hashable, RandomAccessCollection, ExpressibleByDictionaryLiteral {
    /// One member.
    public typealias Element = (key: String, value: JSONValue)

    /// The members in order.
    public private(set) var members: [Element]

    /// An empty object.
    public init() {
        members = []
    }

    /// An object from members in order; a repeated key keeps its first position and its last value.
    public init(_ members: some Sequence<(String, JSONValue)>) {
        self.members = []
        for (key, value) in members { self[key] = value }
    }

    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        self.init(elements)
    }

    /// Members appended without a duplicate check: for builders that know their keys are unique.
    init(uniqueMembers: [Element]) {
        members = uniqueMembers
    }

    public var startIndex: Int { members.startIndex }
    public var endIndex: Int { members.endIndex }
    public subscript(position: Int) -> Element { members[position] }

    /// The keys in order.
    public var keys: [String] { members.map(\.key) }

    /// The value for `key`, or nil. Setting nil removes the member; setting a new key appends it.
    public subscript(key: String) -> JSONValue? {
        get {
            // Records have tens of keys: a linear scan beats hashing every key into a side table.
            for member in members where member.key == key { return member.value }
            return nil
        }
        set {
            let index = members.firstIndex { $0.key == key }
            switch (index, newValue) {
            case (let index?, let value?): members[index].value = value
            case (let index?, nil): members.remove(at: index)
            case (nil, let value?): members.append((key, value))
            case (nil, nil): break
            }
        }
    }

    /// Appends a member, replacing the value of an existing key in place.
    public mutating func append(_ key: String, _ value: JSONValue) {
        self[key] = value
    }

    public static func == (lhs: JSONObject, rhs: JSONObject) -> Bool {
        guard lhs.members.count == rhs.members.count else { return false }
        for (left, right) in zip(lhs.members, rhs.members) where left.key != right.key || left.value != right.value {
            return false
        }
        return true
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(members.count)
        for member in members {
            hasher.combine(member.key)
            hasher.combine(member.value)
        }
    }
}
