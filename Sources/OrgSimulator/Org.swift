import Foundation

/// The simulated org: schema, records, users, sessions, Bulk jobs, faults and counters. One per server.
public final class Org: Sendable {
    public let catalog: SchemaCatalog
    public let store: OrgStore
    public let configuration: OrgConfiguration
    /// 18-character organization Id.
    public let organizationID: String
    public var organizationID15: String { String(organizationID.prefix(15)) }
    let sessions: SessionStore
    let stats = ServerStats()
    let faults: Locked<FaultSettings>
    let apiUsage: Locked<ApiUsage>
    let settings: Locked<RuntimeSettings>
    let ingestJobs = IngestJobStore()
    /// Username (lower-cased) → slot of the User record.
    let userSlots: Locked<[String: Int]>
    /// Base URL the server listens on (`https://127.0.0.1:8443`), set once bound.
    let instanceURLBox = Locked("http://127.0.0.1")
    /// The server's routes, for `POST /composite` to dispatch sub-requests (set by the server).
    let routerBox = Locked<Router?>(nil)
    /// Root of background work (bulk job processing).
    let workQueue = DispatchQueue(label: "sfsim.jobs", qos: .utility)

    /// Settings that the admin API can change at run time.
    struct RuntimeSettings: Sendable {
        var soapLoginEnabled: Bool
        var sessionTTL: Int
    }

    /// The daily API request counter (rolling window starting at the first call).
    struct ApiUsage: Sendable {
        var used = 0
        var max: Int
        var windowStart = Date()
    }

    public init(catalog: SchemaCatalog, configuration: OrgConfiguration, faults: FaultSettings = FaultSettings()) {
        self.catalog = catalog
        self.store = OrgStore(catalog: catalog)
        self.configuration = configuration
        organizationID = RecordID.to18("00D5g00000SfSim")
        sessions = SessionStore(orgID15: "00D5g00000SfSim")
        self.faults = Locked(faults)
        apiUsage = Locked(ApiUsage(max: configuration.apiLimit))
        settings = Locked(
            RuntimeSettings(soapLoginEnabled: configuration.soapLoginEnabled, sessionTTL: configuration.sessionTTL))
        userSlots = Locked([:])
    }

    /// The base URL clients use (`instance_url`).
    public var instanceURL: String { instanceURLBox.snapshot }

    func setInstanceURL(_ url: String) { instanceURLBox.withLock { $0 = url } }

    /// Creates the User records of the configured users that do not exist yet (after loading data).
    public func provisionUsers() {
        guard let userTable = store.read({ $0.table(named: "User") }) else { return }
        let usernameField = userTable.schema.field(named: "Username")
        store.write { writer in
            var slots: [String: Int] = [:]
            for user in configuration.users {
                if let field = usernameField,
                    let slot = userTable.slots(where: field, equals: .text(user.username)).first
                {
                    slots[user.username.lowercased()] = slot
                    continue
                }
                var values = [FieldValue](repeating: .null, count: userTable.schema.fields.count)
                let now = Int64(Date().timeIntervalSince1970 * 1000)
                func set(_ name: String, _ value: FieldValue) {
                    if let f = userTable.schema.field(named: name) { values[f.ordinal] = value }
                }
                set("Username", .text(user.username))
                set("LastName", .text(user.lastName))
                set("FirstName", .text(user.firstName))
                set("Name", .text([user.firstName, user.lastName].filter { !$0.isEmpty }.joined(separator: " ")))
                set("Email", .text(user.email))
                set("Alias", .text(String(user.username.prefix(8))))
                set("CommunityNickname", .text(String(user.username.split(separator: "@").first ?? "user")))
                set("IsActive", .bool(user.active))
                set("TimeZoneSidKey", .text("America/Los_Angeles"))
                set("LocaleSidKey", .text("en_US"))
                set("EmailEncodingKey", .text("UTF-8"))
                set("LanguageLocaleKey", .text("en_US"))
                set("ProfileId", .id(RecordID.to18("00e5g000001SimA")))
                set("UserType", .text("Standard"))
                for name in ["CreatedDate", "LastModifiedDate", "SystemModstamp"] { set(name, .dateTime(now)) }
                let slot = userTable.slotCount
                let selfID = FieldValue.id(userTable.id(ofSlot: slot))
                set("CreatedById", selfID)
                set("LastModifiedById", selfID)
                slots[user.username.lowercased()] = userTable.insert(values)
            }
            _ = writer
            userSlots.withLock { $0 = slots }
        }
    }

    /// The 18-character Id of the user in `slot`.
    func userID(slot: Int) -> String {
        store.read { $0.table(named: "User")?.id(ofSlot: slot) } ?? RecordID.to18("0055g0000000001")
    }

    /// The configured user named `username` (any case) and its User slot.
    func user(named username: String) -> (OrgConfiguration.User, Int)? {
        guard let user = configuration.users.first(where: { $0.username.lowercased() == username.lowercased() }),
            let slot = userSlots.snapshot[username.lowercased()]
        else { return nil }
        return (user, slot)
    }

    /// Counts one API call; false when the daily allocation is spent.
    func countAPICall() -> Bool {
        apiUsage.withLock { usage in
            if Date().timeIntervalSince(usage.windowStart) > 86_400 {
                usage.used = 0
                usage.windowStart = Date()
            }
            guard usage.used < usage.max else { return false }
            usage.used += 1
            stats.values.withLock { $0.apiCalls += 1 }
            return true
        }
    }

    /// `api-usage=N/M` for `Sforce-Limit-Info`.
    var limitInfo: String {
        let usage = apiUsage.snapshot
        return "api-usage=\(usage.used)/\(usage.max)"
    }
}
