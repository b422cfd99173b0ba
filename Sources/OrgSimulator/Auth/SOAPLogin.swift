import Foundation

/// Partner SOAP `login()` at `/services/Soap/u/<version>` (reference §1).
enum SOAPLogin {
    static func install(into router: inout Router) {
        router.add("POST", .root, ["services", "Soap", "u", ":version"], authenticated: false, name: "POST /services/Soap/u") {
            try login($0)
        }
        router.add("POST", .root, ["services", "Soap", "u", ":version", "*"], authenticated: false, name: "POST /services/Soap/u") {
            try login($0)
        }
    }

    static func login(_ context: RouteContext) throws -> SimResponse {
        let org = context.org
        let version = context.parameter("version")
        guard let number = Double(version), version.contains(".") else {
            return fault("UNSUPPORTED_API_VERSION", "Invalid Api version specified on URL", type: "UnexpectedErrorFault")
        }
        if number < 31.0 {
            return fault("UNSUPPORTED_API_VERSION", "Invalid Api version specified on URL", type: "UnexpectedErrorFault")
        }
        let body = String(decoding: context.request.body, as: UTF8.self)
        guard body.contains("Envelope"), let loginElement = element("login", in: body) else {
            return clientFault("Unable to parse the request: expected a SOAP Envelope with a login element")
        }
        if number >= 65.0 {
            return fault(
                "INVALID_OPERATION",
                "SOAP API login() is not available in API version 65.0 and later. Use OAuth 2.0 instead.",
                type: "UnexpectedErrorFault")
        }
        if !org.settings.snapshot.soapLoginEnabled {
            return fault(
                "INVALID_OPERATION", "SOAP API login() is disabled for this org. Use OAuth 2.0 instead.",
                type: "UnexpectedErrorFault")
        }
        let username = unescape(element("username", in: loginElement) ?? "")
        let password = unescape(element("password", in: loginElement) ?? "")
        guard let (user, slot) = org.user(named: username), user.active,
            password == user.password + user.securityToken || (user.securityToken.isEmpty && password == user.password)
        else {
            org.stats.loginFailed()
            return fault(
                "INVALID_LOGIN", "Invalid username, password, security token; or user locked out.", type: "LoginFault")
        }
        let ttl = org.settings.snapshot.sessionTTL
        let session = org.sessions.open(userSlot: slot, username: user.username, method: .soap, ttl: ttl)
        org.stats.login(.soap)
        let base = org.instanceURL
        let userID = org.userID(slot: slot)
        let org15 = org.organizationID15
        let fullName = [user.firstName, user.lastName].filter { !$0.isEmpty }.joined(separator: " ")
        let xml =
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\" xmlns=\"urn:partner.soap.sforce.com\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"><soapenv:Body><loginResponse><result>"
            + "<metadataServerUrl>\(base)/services/Soap/m/\(version)/\(org15)</metadataServerUrl>"
            + "<passwordExpired>false</passwordExpired><sandbox>false</sandbox>"
            + "<serverUrl>\(base)/services/Soap/u/\(version)/\(org15)</serverUrl>"
            + "<sessionId>\(session.token)</sessionId><userId>\(userID)</userId><userInfo>"
            + "<accessibilityMode>false</accessibilityMode><chatterExternal>false</chatterExternal>"
            + "<currencySymbol>$</currencySymbol><orgAttachmentFileSizeLimit>5242880</orgAttachmentFileSizeLimit>"
            + "<orgDefaultCurrencyIsoCode>USD</orgDefaultCurrencyIsoCode><orgDefaultCurrencyLocale>en_US</orgDefaultCurrencyLocale>"
            + "<orgDisallowHtmlAttachments>false</orgDisallowHtmlAttachments><orgHasPersonAccounts>false</orgHasPersonAccounts>"
            + "<organizationId>\(org.organizationID)</organizationId><organizationMultiCurrency>false</organizationMultiCurrency>"
            + "<organizationName>\(escape(org.configuration.organizationName))</organizationName>"
            + "<profileId>\(RecordID.to18("00e5g000001SimA"))</profileId><roleId xsi:nil=\"true\"/>"
            + "<sessionSecondsValid>\(ttl)</sessionSecondsValid><userDefaultCurrencyIsoCode xsi:nil=\"true\"/>"
            + "<userEmail>\(escape(user.email))</userEmail><userFullName>\(escape(fullName))</userFullName>"
            + "<userId>\(userID)</userId><userLanguage>en_US</userLanguage><userLocale>en_US</userLocale>"
            + "<userName>\(escape(user.username))</userName><userTimeZone>America/Los_Angeles</userTimeZone>"
            + "<userType>Standard</userType><userUiSkin>Theme3</userUiSkin></userInfo></result></loginResponse></soapenv:Body></soapenv:Envelope>"
        return .xml(200, xml)
    }

    /// A `sf:` fault with the detail element simple-salesforce and jsforce read.
    static func fault(_ code: String, _ message: String, type: String) -> SimResponse {
        .xml(
            500,
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\" xmlns:sf=\"urn:fault.partner.soap.sforce.com\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"><soapenv:Body><soapenv:Fault><faultcode>sf:\(code)</faultcode><faultstring>\(code): \(escape(message))</faultstring><detail><sf:\(type) xsi:type=\"sf:\(type)\"><sf:exceptionCode>\(code)</sf:exceptionCode><sf:exceptionMessage>\(escape(message))</sf:exceptionMessage></sf:\(type)></detail></soapenv:Fault></soapenv:Body></soapenv:Envelope>"
        )
    }

    /// A SOAP client fault for a body that is not a login envelope.
    static func clientFault(_ message: String) -> SimResponse {
        .xml(
            500,
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\"><soapenv:Body><soapenv:Fault><faultcode>soapenv:Client</faultcode><faultstring>\(escape(message))</faultstring></soapenv:Fault></soapenv:Body></soapenv:Envelope>"
        )
    }

    /// The inner text of the first element with local name `name` (any prefix).
    static func element(_ name: String, in xml: String) -> String? {
        var searchStart = xml.startIndex
        while let open = xml.range(of: "<", range: searchStart..<xml.endIndex) {
            guard let close = xml.range(of: ">", range: open.upperBound..<xml.endIndex) else { return nil }
            let tag = xml[open.upperBound..<close.lowerBound]
            searchStart = close.upperBound
            if tag.hasPrefix("/") || tag.hasPrefix("?") || tag.hasPrefix("!") { continue }
            let qualified = tag.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" }).first ?? ""
            let local = qualified.split(separator: ":").last.map(String.init) ?? ""
            guard local == name else { continue }
            if tag.hasSuffix("/") { return "" }
            let qname = String(qualified)
            guard let end = xml.range(of: "</\(qname)>", range: close.upperBound..<xml.endIndex) else { return nil }
            return String(xml[close.upperBound..<end.lowerBound])
        }
        return nil
    }

    static func unescape(_ s: String) -> String {
        guard s.contains("&") else { return s }
        var out = s.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&apos;", with: "'")
        // Numeric character references.
        while let r = out.range(of: "&#"), let semi = out.range(of: ";", range: r.upperBound..<out.endIndex) {
            let body = out[r.upperBound..<semi.lowerBound]
            let code = body.hasPrefix("x") ? UInt32(body.dropFirst(), radix: 16) : UInt32(body)
            let replacement = code.flatMap(Unicode.Scalar.init).map { String(Character($0)) } ?? ""
            out.replaceSubrange(r.lowerBound..<semi.upperBound, with: replacement)
        }
        return out.replacingOccurrences(of: "&amp;", with: "&")
    }

    static func escape(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
