import Foundation

/// Deterministic generator of realistic records (`--generate Account=1000000,Contact=2000000 --seed 42`):
/// names, addresses, phones, dates, picklist values from describe, and parent lookups to the
/// records generated before. Rows are built in parallel chunks (each chunk has its own random
/// stream derived from the seed, so the output does not depend on scheduling) and appended in order.
public struct DataGenerator: Sendable {
    let org: Org
    let seed: UInt64

    public init(org: Org, seed: UInt64) {
        self.org = org
        self.seed = seed
    }

    /// Parses `Account=1000,Contact=2000`.
    public static func parse(_ spec: String) throws -> [(String, Int)] {
        try spec.split(separator: ",").map { part in
            let kv = part.split(separator: "=")
            guard kv.count == 2, let n = Int(kv[1].trimmingCharacters(in: .whitespaces)), n >= 0 else {
                throw SeedError("--generate expects Object=count[,Object=count…], got '\(part)'")
            }
            return (kv[0].trimmingCharacters(in: .whitespaces), n)
        }
    }

    /// Generates the records, parents first in the order given.
    public func generate(_ counts: [(String, Int)]) throws {
        for (object, count) in counts {
            guard let table = org.store.read({ $0.table(named: object) }) else {
                throw SeedError("--generate: no object named \(object) in the schema")
            }
            try generate(table: table, count: count)
        }
    }

    static let firstNames = [
        "James", "Mary", "Robert", "Patricia", "John", "Jennifer", "Michael", "Linda", "David", "Elizabeth", "William",
        "Barbara", "Richard", "Susan", "Joseph", "Jessica", "Thomas", "Sarah", "Charles", "Karen", "An", "Bea", "Raul",
        "Dana", "Yuki", "Chen", "Priya", "Omar", "Fatima", "Lars", "Ingrid", "Mateo", "Sofia", "Kwame", "Amara", "Ivan",
    ]
    static let lastNames = [
        "Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis", "Rodriguez", "Martinez",
        "Hernandez", "Lopez", "Gonzalez", "Wilson", "Anderson", "Thomas", "Taylor", "Moore", "Jackson", "Martin", "Lee",
        "Nguyen", "Okafor", "Silva", "Tanaka", "Wang", "Patel", "Haddad", "Larsen", "Novak", "Rossi", "Mensah", "Petrov",
    ]
    static let companyWords = [
        "Acme", "Globex", "Initech", "Umbrella", "Stark", "Wayne", "Wonka", "Cyberdyne", "Soylent", "Tyrell", "Hooli",
        "Vandelay", "Pied Piper", "Massive", "Aperture", "Black Mesa", "Oscorp", "Gringotts", "Monarch", "Nakatomi",
        "Blue Sun", "Dunder", "Prestige", "Sterling", "Bluth", "Gekko", "Virtucon", "Zorg", "Tessier", "Weyland",
    ]
    static let companySuffixes = ["Corp", "Inc", "LLC", "Ltd", "Group", "Holdings", "Partners", "Systems", "Industries", "Labs"]
    static let streets = ["Main St", "Oak Ave", "Pine Rd", "Maple Dr", "Cedar Ln", "Elm St", "Market St", "Mission St", "Broadway", "High St"]
    static let cities: [(String, String, String)] = [
        ("San Francisco", "CA", "94105"), ("New York", "NY", "10001"), ("Austin", "TX", "73301"), ("Seattle", "WA", "98101"),
        ("Chicago", "IL", "60601"), ("Boston", "MA", "02108"), ("Denver", "CO", "80202"), ("Atlanta", "GA", "30303"),
        ("Portland", "OR", "97201"), ("Miami", "FL", "33101"),
    ]
    /// Lower-cased names and website hosts, derived once: lowercasing and replacing per row cost more
    /// than the rest of the row.
    static let firstNamesLower = firstNames.map { $0.lowercased() }
    static let lastNamesLower = lastNames.map { $0.lowercased() }
    static let websites = companyWords.map { "www.\($0.lowercased().replacingOccurrences(of: " ", with: "")).example.com" }
    static let titles = ["CEO", "CFO", "VP Sales", "Director of IT", "Buyer", "Engineer", "Analyst", "Manager", "Consultant", "Admin"]

    /// SplitMix64: tiny, fast and good enough for test data.
    struct Random {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func int(_ n: Int) -> Int { n <= 0 ? 0 : Int(next() % UInt64(n)) }
        mutating func pick<T>(_ list: [T]) -> T { list[int(list.count)] }
    }

    func generate(table: ObjectTable, count: Int) throws {
        guard count > 0 else { return }
        let schema = table.schema
        let adminID = org.userID(slot: org.userSlots.snapshot.values.min() ?? 0)
        let now = Int64(Date().timeIntervalSince1970 * 1000)
        // Parent tables for references (existing records at generation time).
        var parents: [Int: (ObjectTable, Int)] = [:]
        for field in schema.fields where field.type == .reference && field.createable && field.name != "OwnerId" {
            if let target = field.referenceTo.first, target != schema.name, target != "User",
                let t = org.store.read({ $0.table(named: target) }), t.slotCount > 0
            {
                parents[field.ordinal] = (t, t.slotCount)
            }
        }
        let base = table.slotCount
        let fieldKinds = kinds(schema: schema, parents: parents)
        let prefix = String(schema.name.prefix(3)).uppercased()
        let chunk = 50_000
        let chunks = (count + chunk - 1) / chunk
        let objectSalt = UInt64(truncatingIfNeeded: schema.name.utf8.reduce(UInt64(1469598103934665603)) { ($0 ^ UInt64($1)) &* 1099511628211 })
        let rowChunks = UnsafeSendableBox([[Row]](repeating: [], count: chunks))
        DispatchQueue.concurrentPerform(iterations: chunks) { c in
            var rng = Random(state: seed ^ objectSalt ^ (UInt64(c) &* 0xD1B5_4A32_D192_ED03))
            let start = c * chunk
            let end = min(count, start + chunk)
            var rows: [Row] = []
            rows.reserveCapacity(end - start)
            for i in start..<end {
                let slot = base + i
                rows.append(
                    makeRow(
                        schema: schema, table: table, slot: slot, index: i, rng: &rng, kinds: fieldKinds, adminID: adminID,
                        now: now, prefix: prefix))
            }
            rowChunks.set(c, rows)
        }
        org.store.write { _ in
            table.reserve(count)
            for c in 0..<chunks {
                for row in rowChunks.get(c) { table.restore(row, state: .live) }
            }
        }
    }

    /// What to put in a field, decided once per object rather than per row.
    enum Kind: Sendable {
        case skip, id, isDeleted, user, created, modified, firstName, lastName, companyName, dealName, autoName
        case personName, company, email, phone, title, website, street, city, state, postalCode, country, money
        case employees, birthdate, futureDate, externalID, description, picklist([String]), boolean(Bool)
        case parent(ObjectTable, Int, Bool)
    }

    func kinds(schema: ObjectSchema, parents: [Int: (ObjectTable, Int)]) -> [Kind] {
        schema.fields.map { field -> Kind in
            switch field.name {
            case "Id": return .id
            case "IsDeleted": return .isDeleted
            case "OwnerId", "CreatedById", "LastModifiedById": return .user
            case "CreatedDate": return .created
            case "LastModifiedDate", "SystemModstamp": return .modified
            case "FirstName": return .firstName
            case "LastName": return .lastName
            case "Name":
                if schema.name == "Account" || schema.name == "Lead" { return .companyName }
                if schema.name == "Opportunity" { return .dealName }
                return field.autoNumber ? .autoName : .personName
            case "Company": return .company
            case "Email": return .email
            case "Phone", "MobilePhone": return .phone
            case "Title": return .title
            case "Website": return .website
            case "BillingStreet", "MailingStreet", "ShippingStreet": return .street
            case "BillingCity", "MailingCity", "ShippingCity", "City": return .city
            case "BillingState", "MailingState", "ShippingState", "State": return .state
            case "BillingPostalCode", "MailingPostalCode", "ShippingPostalCode", "PostalCode": return .postalCode
            case "BillingCountry", "MailingCountry", "ShippingCountry", "Country": return .country
            case "AnnualRevenue", "Amount", "Amount__c": return .money
            case "NumberOfEmployees": return .employees
            case "Birthdate": return .birthdate
            case "CloseDate", "Due_Date__c": return .futureDate
            case "Legacy_Id__c", "Invoice_Number__c": return .externalID
            case "Description": return .description
            default:
                if field.type == .picklist, field.createable, !field.picklistValues.isEmpty, field.compoundFieldName == nil {
                    return .picklist(field.picklistValues)
                }
                if field.type == .boolean { return .boolean(field.createable) }
                if let (parent, count) = parents[field.ordinal] { return .parent(parent, count, field.nillable) }
                return .skip
            }
        }
    }

    /// `n` as decimal text padded with zeros to `width` (String(format:) is slow in a hot loop).
    static func padded(_ n: Int, _ width: Int) -> String {
        let digits = String(n)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }

    func makeRow(
        schema: ObjectSchema, table: ObjectTable, slot: Int, index: Int, rng: inout Random, kinds: [Kind],
        adminID: String, now: Int64, prefix: String
    ) -> Row {
        var values = [FieldValue](repeating: .null, count: kinds.count)
        // Indices rather than `pick`, so the lower-cased forms come from the same draw (same random stream).
        let firstIndex = rng.int(Self.firstNames.count)
        let lastIndex = rng.int(Self.lastNames.count)
        let first = Self.firstNames[firstIndex]
        let last = Self.lastNames[lastIndex]
        let city = rng.pick(Self.cities)
        let created = now - Int64(rng.int(3 * 365 * 86_400)) * 1000
        let number = index + 1
        for (o, kind) in kinds.enumerated() {
            switch kind {
            case .skip: break
            case .id: values[o] = .id(table.id(ofSlot: slot))
            case .isDeleted: values[o] = .bool(false)
            case .user: values[o] = .id(adminID)
            case .created: values[o] = .dateTime(created)
            case .modified: values[o] = .dateTime(created + Int64(rng.int(86_400_000)))
            case .firstName: values[o] = .text(first)
            case .lastName: values[o] = .text(last)
            case .companyName:
                values[o] = .text("\(rng.pick(Self.companyWords)) \(rng.pick(Self.companySuffixes)) \(number)")
            case .dealName: values[o] = .text("\(rng.pick(Self.companyWords)) deal \(number)")
            case .autoName: values[o] = .text("\(prefix)-\(Self.padded(number, 8))")
            case .personName: values[o] = .text("\(first) \(last)")
            case .company: values[o] = .text("\(rng.pick(Self.companyWords)) \(rng.pick(Self.companySuffixes))")
            case .email: values[o] = .text("\(Self.firstNamesLower[firstIndex]).\(Self.lastNamesLower[lastIndex]).\(number)@example.com")
            case .phone: values[o] = .text("(\(200 + rng.int(800))) 555-\(Self.padded(rng.int(10000), 4))")
            case .title: values[o] = .text(rng.pick(Self.titles))
            case .website: values[o] = .text(rng.pick(Self.websites))
            case .street: values[o] = .text("\(1 + rng.int(9999)) \(rng.pick(Self.streets))")
            case .city: values[o] = .text(city.0)
            case .state: values[o] = .text(city.1)
            case .postalCode: values[o] = .text(city.2)
            case .country: values[o] = .text("USA")
            case .money: values[o] = .double(Double(rng.int(5_000_000)) + 1000)
            case .employees: values[o] = .int(Int64(1 + rng.int(20000)))
            case .birthdate:
                values[o] = .date(Int32(ValueFormat.days(year: 1950 + Int64(rng.int(50)), month: 1 + Int64(rng.int(12)), day: 1 + Int64(rng.int(28)))))
            case .futureDate: values[o] = .date(Int32(created / 86_400_000) + Int32(rng.int(365)))
            case .externalID: values[o] = .text("\(prefix)-\(Self.padded(number, 7))")
            case .description: values[o] = .text("Generated record \(number) for \(schema.name)")
            case let .picklist(list): if rng.int(4) != 0 { values[o] = .text(rng.pick(list)) }
            case let .boolean(createable): values[o] = .bool(createable ? rng.int(5) == 0 : false)
            case let .parent(parent, count, nillable):
                if !nillable || rng.int(10) != 0 { values[o] = .id(parent.id(ofSlot: rng.int(count))) }
            }
        }
        return Row.encode(values)
    }
}

/// Chunk results written by parallel workers, each into its own index.
final class UnsafeSendableBox<T>: @unchecked Sendable {
    // Safety: `concurrentPerform` gives each worker a distinct index; the array is read only after
    // every worker returned (concurrentPerform is synchronous), and writes go through the lock.
    private var values: T
    private let lock = NSLock()
    init(_ values: T) { self.values = values }
    func set<E>(_ index: Int, _ value: E) where T == [E] {
        lock.lock()
        values[index] = value
        lock.unlock()
    }
    func get<E>(_ index: Int) -> E where T == [E] { values[index] }
}
