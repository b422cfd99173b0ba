import SalesforceConnection
/// The describes a validation needs: the loaded object, its lookup parents, and (for did-you-mean on unknown
/// objects) the org's object names.
public struct DescribeCatalog: Sendable {
    private var objects: [String: ObjectDescribe] = [:]
    /// Every object name the org has (from describeGlobal); may be empty.
    public var knownObjectNames: [String]

    public init(_ describes: [ObjectDescribe] = [], knownObjectNames: [String] = []) {
        self.knownObjectNames = knownObjectNames
        for describe in describes { add(describe) }
    }

    public mutating func add(_ describe: ObjectDescribe) {
        objects[describe.name.lowercased()] = describe
    }

    /// The describe of `name`, ignoring case.
    public func object(_ name: String) -> ObjectDescribe? { objects[name.lowercased()] }

    /// All object names known, for suggestions.
    var candidateNames: [String] {
        Array(Set(knownObjectNames + objects.values.map(\.name))).sorted()
    }
}

extension ObjectDescribe {
    /// The field named `name`, ignoring case.
    func field(named name: String) -> FieldDescribe? {
        let lowered = name.lowercased()
        return fields.first { $0.name.lowercased() == lowered }
    }

    /// The reference field whose relationship name is `name` (`Account` → `AccountId`), ignoring case.
    func field(relationship name: String) -> FieldDescribe? {
        let lowered = name.lowercased()
        return fields.first { $0.relationshipName?.lowercased() == lowered }
    }

    /// A did-you-mean clause for an unknown field name, matching API names and labels.
    func suggestion(forField name: String) -> String? {
        if let hit = FuzzyName.closest(to: name, among: fields.map(\.name)) { return "did you mean '\(hit)'?" }
        let folded = FuzzyName.fold(name)
        if let byLabel = fields.first(where: { FuzzyName.fold($0.label) == folded }) {
            return "did you mean '\(byLabel.name)' (labelled '\(byLabel.label)')?"
        }
        return nil
    }
}
