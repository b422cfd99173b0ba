import RecordFiles

/// Generates a Salesforce-like export: 20 columns of Ids, names, addresses with line breaks, dates, numbers,
/// picklists and long text with commas, quotes, line breaks and some non-ASCII, deterministic for a seed.
struct SalesforceLikeData {
    static let header = [
        "Id", "AccountId", "OwnerId", "Name", "FirstName", "LastName", "Email", "Phone", "MailingStreet",
        "MailingCity", "MailingState", "MailingPostalCode", "MailingCountry", "CreatedDate", "LastModifiedDate",
        "CloseDate", "Amount", "NumberOfEmployees", "IsDeleted", "Description",
    ]

    private var state: UInt64
    private var field: [UInt8] = []
    private var rowNumber = 0

    init(seed: UInt64) { state = seed | 1 }

    private static let firstNames = [
        "James", "Mary", "Robert", "Patricia", "José", "Zoë", "Jürgen", "Li", "Aiko", "Fatima", "Olivia",
        "Noah", "Émilie", "Søren", "Priya", "Chen"
    ].map { Array($0.utf8) }
    private static let lastNames = [
        "Smith", "Johnson", "Williams", "Brown", "García", "Müller", "Nakamura", "O'Brien", "Kowalski",
        "Dubois", "Rossi", "Andersson", "Patel", "王", "Silva", "Nguyen"
    ].map { Array($0.utf8) }
    private static let companies = [
        "Acme", "Globex", "Initech", "Umbrella", "Stark", "Wayne", "Hooli", "Vandelay", "Soylent", "Tyrell",
        "Cyberdyne", "Wonka"
    ].map { Array($0.utf8) }
    private static let suffixes = [
        "Inc.", "LLC", "GmbH", "Holdings", "Corp.", "Ltd.", "S.A.", "& Sons"
    ].map { Array($0.utf8) }
    private static let streets = [
        "Main Street", "Market St", "Rue de Rivoli", "Königsallee", "Broadway", "1st Avenue", "Elm Road",
        "Harbour Drive"
    ].map { Array($0.utf8) }
    private static let cities = [
        "San Francisco", "New York", "Paris", "Düsseldorf", "London", "Tokyo", "São Paulo", "Sydney",
        "Toronto", "Chicago"
    ].map { Array($0.utf8) }
    private static let states = [
        "CA", "NY", "IDF", "NW", "LND", "TK", "SP", "NSW", "ON", "IL"
    ].map { Array($0.utf8) }
    private static let countries = [
        "United States", "France", "Germany", "United Kingdom", "Japan", "Brazil", "Australia", "Canada"
    ].map { Array($0.utf8) }
    private static let words = [
        "the", "customer", "requested", "a", "renewal", "quote", "for", "next", "quarter,", "pricing",
        "discount", "approved", "by", "finance;", "follow-up", "call", "scheduled", "\"urgent\"", "contract",
        "signed", "on-site", "visit", "café", "naïve", "résumé", "100%", "$5,000", "(see", "notes)", "日本語",
        "👍"
    ].map { Array($0.utf8) }
    private static let base62 = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".utf8)

    private mutating func next() -> UInt64 {
        state ^= state << 13
        state ^= state >> 7
        state ^= state << 17
        return state
    }

    private mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }

    private mutating func pick(_ list: [[UInt8]]) -> [UInt8] { list[below(list.count)] }

    private mutating func appendNumber(_ value: Int, width: Int = 0) {
        var digits: [UInt8] = []
        var rest = value
        repeat {
            digits.append(UInt8(ascii: "0") + UInt8(rest % 10))
            rest /= 10
        } while rest > 0
        while digits.count < width { digits.append(UInt8(ascii: "0")) }
        field.append(contentsOf: digits.reversed())
    }

    private mutating func appendID(prefix: String) {
        field.append(contentsOf: prefix.utf8)
        for _ in 0..<15 { field.append(Self.base62[below(62)]) }
    }

    private mutating func appendDate(time: Bool) {
        appendNumber(2015 + below(11))
        field.append(UInt8(ascii: "-"))
        appendNumber(1 + below(12), width: 2)
        field.append(UInt8(ascii: "-"))
        appendNumber(1 + below(28), width: 2)
        if time {
            field.append(UInt8(ascii: "T"))
            appendNumber(below(24), width: 2)
            field.append(UInt8(ascii: ":"))
            appendNumber(below(60), width: 2)
            field.append(UInt8(ascii: ":"))
            appendNumber(below(60), width: 2)
            field.append(contentsOf: ".000Z".utf8)
        }
    }

    /// Writes one record through `writer`.
    mutating func writeRow(to writer: CSVWriter) throws {
        rowNumber += 1
        for column in 0..<20 {
            field.removeAll(keepingCapacity: true)
            switch column {
            case 0: appendID(prefix: "003")
            case 1: appendID(prefix: "001")
            case 2: appendID(prefix: "005")
            case 3:
                field.append(contentsOf: pick(Self.companies))
                field.append(0x20)
                field.append(contentsOf: pick(Self.suffixes))
            case 4: field.append(contentsOf: pick(Self.firstNames))
            case 5: field.append(contentsOf: pick(Self.lastNames))
            case 6:
                field.append(contentsOf: pick(Self.firstNames).filter { $0 < 0x80 }.map { $0 | 0x20 })
                field.append(UInt8(ascii: "."))
                appendNumber(rowNumber)
                field.append(contentsOf: "@example.com".utf8)
            case 7:
                field.append(contentsOf: "(555) ".utf8)
                appendNumber(below(1000), width: 3)
                field.append(UInt8(ascii: "-"))
                appendNumber(below(10000), width: 4)
            case 8:
                appendNumber(1 + below(9999))
                field.append(0x20)
                field.append(contentsOf: pick(Self.streets))
                if below(10) < 4 {
                    field.append(contentsOf: "\nSuite ".utf8)
                    appendNumber(100 + below(900))
                }
            case 9: field.append(contentsOf: pick(Self.cities))
            case 10: field.append(contentsOf: pick(Self.states))
            case 11: appendNumber(below(100_000), width: 5)
            case 12: field.append(contentsOf: pick(Self.countries))
            case 13, 14: appendDate(time: true)
            case 15: appendDate(time: false)
            case 16:
                appendNumber(below(1_000_000))
                field.append(UInt8(ascii: "."))
                appendNumber(below(100), width: 2)
            case 17: appendNumber(below(250_000))
            case 18: field.append(contentsOf: (below(50) == 0 ? "true" : "false").utf8)
            default:
                let count = below(10) < 3 ? below(8) : 10 + below(120)
                for index in 0..<count {
                    if index > 0 { field.append(below(25) == 0 ? 0x0A : 0x20) }
                    field.append(contentsOf: pick(Self.words))
                }
            }
            field.withUnsafeBufferPointer { writer.writeField(bytes: $0) }
        }
        try writer.endRow()
    }
}
