import Foundation

extension SalesforceClient {
    /// The API versions the org serves, oldest first (`GET /services/data/`, no session needed).
    public func versions() async throws -> [APIVersion] {
        var request = APIRequest("GET", "/services/data/", idempotent: true)
        request.anonymous = settings.instanceURL != nil
        let response = try await perform(request)
        return try decode([APIVersion].self, response.body, what: "the version list")
    }

    /// The org's limits (`GET /limits`).
    public func limits() async throws -> OrgLimits {
        let response = try await perform(APIRequest("GET", "limits", idempotent: true))
        return try decode(OrgLimits.self, response.body, what: "the limits")
    }

    /// The org's objects (`GET /sobjects`), fetched once per client.
    public func describeGlobal() async throws -> GlobalDescribe {
        try await describes.global {
            let response = try await self.perform(APIRequest("GET", "sobjects", idempotent: true))
            return try self.decode(GlobalDescribe.self, response.body, what: "describeGlobal")
        }
    }

    /// The full describe of `object` (`GET /sobjects/{object}/describe`): fetched once per client (concurrent
    /// callers share one request), and read from the on-disk describe cache when one is configured and fresh.
    ///
    /// - Throws: `SalesforceError` `NOT_FOUND` when the object does not exist or the user cannot see it.
    public func describe(_ object: String) async throws -> ObjectDescribe {
        try await describes.object(object) {
            try await self.fetchDescribe(object)
        }
    }

    private func fetchDescribe(_ object: String) async throws -> ObjectDescribe {
        let diskCache = try await describeDiskCache()
        if let diskCache, let bytes = diskCache.load(object: object),
            let cached = try? JSONDecoder().decode(ObjectDescribe.self, from: Data(bytes))
        {
            return cached
        }
        let request = APIRequest("GET", "sobjects/\(URLBuilder.encode(object))/describe", idempotent: true)
        let body: [UInt8]
        do {
            body = try await perform(request).body
        } catch let error as SalesforceError where error.errorCode == "NOT_FOUND" {
            throw SalesforceError(
                category: .api, status: error.status, errorCode: "NOT_FOUND",
                message: "the object '\(object)' does not exist or is not visible to this user",
                hint: "check the API name (custom objects end in __c) and the user's permissions")
        }
        let describe = try decode(ObjectDescribe.self, body, what: "the describe of \(object)")
        diskCache?.store(object: object, bytes: body)
        return describe
    }

    private func describeDiskCache() async throws -> DescribeDiskCache? {
        guard let directory = settings.describeCache.directory else { return nil }
        let session = try await sessions.session()
        return DescribeDiskCache(
            directory: directory, instanceURL: session.instanceURL, apiVersion: settings.apiVersion,
            timeToLive: settings.describeCache.timeToLive)
    }

    /// Decodes a JSON response body, or says which response was malformed.
    func decode<T: Decodable>(_ type: T.Type, _ body: [UInt8], what: String) throws -> T {
        do {
            return try JSONDecoder().decode(type, from: Data(body))
        } catch {
            throw SalesforceError.unexpectedResponse("\(what) could not be read: \(error)")
        }
    }
}
