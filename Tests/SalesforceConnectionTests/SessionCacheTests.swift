import Foundation
import Testing

@testable import SalesforceConnection

@Suite struct SessionCacheTests {
    private func temporaryDirectory() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("sfbatch-cache-\(UUID().uuidString)").path
    }

    @Test func storesOwnerOnlyFilesAndReadsThemBack() throws {
        let root = temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let cache = SessionCache(directory: root + "/sfbatch")
        let key = SessionCache.Key(method: "soap", url: "https://login.salesforce.com/", principal: "Admin@X.test")
        let session = Session(
            accessToken: Secret("00D000000000001!token"), instanceURL: "https://x.my.salesforce.com/", userID: "005",
            method: "soap")
        try cache.store(session, for: key)
        #expect(PrivateFile.mode(of: root + "/sfbatch") == 0o700)
        #expect(PrivateFile.mode(of: cache.path(for: key)) == 0o600)
        #expect(cache.load(key)?.accessToken.revealed == "00D000000000001!token")
        #expect(cache.load(key)?.instanceURL == "https://x.my.salesforce.com")
        // Same identity spelled differently hits the same entry; another principal does not.
        #expect(cache.load(SessionCache.Key(method: "soap", url: "https://LOGIN.salesforce.com", principal: "admin@x.test")) != nil)
        #expect(cache.load(SessionCache.Key(method: "soap", url: "https://login.salesforce.com", principal: "other")) == nil)
        // The file name reveals neither the user nor the URL.
        #expect(!key.fileName.contains("admin"))
        let files = try FileManager.default.contentsOfDirectory(atPath: root + "/sfbatch")
        #expect(files == [key.fileName])
    }

    @Test func tightensAnExistingFolder() throws {
        let root = temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: root) }
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o755])
        let cache = SessionCache(directory: root)
        let key = SessionCache.Key(method: "token", url: "u", principal: "p")
        try cache.store(Session(accessToken: Secret("t"), instanceURL: "https://x", method: "token"), for: key)
        #expect(PrivateFile.mode(of: root) == 0o700)
    }

    @Test func ignoresCorruptEntries() throws {
        let root = temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let cache = SessionCache(directory: root)
        let key = SessionCache.Key(method: "soap", url: "u", principal: "p")
        try PrivateFile.ensureDirectory(root)
        try PrivateFile.write(Array("not json".utf8), to: cache.path(for: key))
        #expect(cache.load(key) == nil)
    }

    @Test func defaultDirectoryFollowsXDG() {
        let settings = SessionCacheSettings()
        #expect(settings.resolvedDirectory(environment: ["XDG_CACHE_HOME": "/c", "HOME": "/h"]) == "/c/sfbatch")
        #expect(settings.resolvedDirectory(environment: ["HOME": "/h"]) == "/h/.cache/sfbatch")
    }
}
