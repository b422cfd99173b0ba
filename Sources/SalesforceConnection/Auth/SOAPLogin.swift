import Foundation

/// The SOAP partner `login()` call: request envelope and response parsing.
///
/// The call is made at API 64.0 (`ConnectionSettings.soapLoginAPIVersion`), the last version that has it; the
/// session it returns works with any REST version.
enum SOAPLogin {
    /// The login URL path for `version`.
    static func path(version: String) -> String { "/services/Soap/u/\(version)" }

    /// The request envelope. The password field carries password and security token concatenated, XML-escaped.
    static func envelope(username: String, password: Secret, securityToken: Secret?) -> [UInt8] {
        let secret = password.revealed + (securityToken?.revealed ?? "")
        let xml = """
            <?xml version="1.0" encoding="utf-8"?>\
            <env:Envelope xmlns:env="http://schemas.xmlsoap.org/soap/envelope/" \
            xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\
            <env:Body><n1:login xmlns:n1="urn:partner.soap.sforce.com">\
            <n1:username>\(XMLText.escape(username))</n1:username>\
            <n1:password>\(XMLText.escape(secret))</n1:password>\
            </n1:login></env:Body></env:Envelope>
            """
        return Array(xml.utf8)
    }

    /// Reads a login response: a session on success, a typed authentication error for a fault.
    static func parse(status: Int, body: [UInt8], username: String) throws -> Session {
        let xml = String(decoding: body, as: UTF8.self)
        if let faultCode = XMLText.firstElement("exceptionCode", in: xml)
            ?? XMLText.firstElement("faultcode", in: xml).map({ String($0.split(separator: ":").last ?? "") })
        {
            let message =
                XMLText.firstElement("exceptionMessage", in: xml) ?? XMLText.firstElement("faultstring", in: xml)
                ?? "login failed"
            throw fault(code: faultCode, message: message, status: status)
        }
        guard (200..<300).contains(status) else {
            if status == 404 || status == 405 {
                throw SalesforceError.authentication(
                    code: "SOAP_LOGIN_UNAVAILABLE", message: "the SOAP login endpoint answered HTTP \(status)",
                    status: status,
                    hint: "SOAP login() is not available here; use --auth client-credentials with a connected app")
            }
            throw SalesforceError.fromResponse(status: status, body: body)
        }
        guard let sessionID = XMLText.firstElement("sessionId", in: xml),
            let serverURL = XMLText.firstElement("serverUrl", in: xml)
        else {
            throw SalesforceError.unexpectedResponse(
                "the SOAP login response has no sessionId/serverUrl", status: status)
        }
        if XMLText.firstElement("passwordExpired", in: xml) == "true" {
            throw SalesforceError.authentication(
                code: "PASSWORD_EXPIRED", message: "the password of \(username) has expired", status: status,
                hint: "log in to Salesforce in a browser, set a new password, then update SF_PASSWORD")
        }
        return Session(
            accessToken: Secret(sessionID), instanceURL: URLBuilder.origin(of: serverURL),
            userID: XMLText.firstElement("userId", in: xml),
            organizationID: XMLText.firstElement("organizationId", in: xml),
            username: XMLText.firstElement("userName", in: xml) ?? username, method: "soap")
    }

    /// A login fault as an authentication error that says what to do.
    static func fault(code: String, message: String, status: Int) -> SalesforceError {
        if isLoginDisabled(code: code, message: message) {
            return SalesforceError(
                category: .authentication, status: status, errorCode: "SOAP_LOGIN_DISABLED", message: message,
                hint: "SOAP login() is disabled in this org (the default for orgs created in Winter '26 and "
                    + "later); use --auth client-credentials with a connected app, or enable \"SOAP API "
                    + "login()\" in Setup > User Interface")
        }
        let hint: String
        switch code {
        case "INVALID_LOGIN":
            hint = "check --username, SF_PASSWORD and SF_SECURITY_TOKEN (reset the token in Salesforce under "
                + "Settings > Reset My Security Token), or use --auth client-credentials"
        case "LOGIN_MUST_USE_SECURITY_TOKEN":
            hint = "append the security token: set SF_SECURITY_TOKEN or --security-token-file"
        case "PASSWORD_LOCKOUT":
            hint = "the user is locked out after failed logins; wait or ask an admin to unlock the user"
        case "INVALID_OPERATION_WITH_EXPIRED_PASSWORD":
            hint = "the password has expired; set a new one in a browser, then update SF_PASSWORD"
        case "API_DISABLED_FOR_ORG", "API_CURRENTLY_DISABLED":
            hint = "this org or user has no API access; enable \"API Enabled\" on the user's profile"
        case "UNSUPPORTED_API_VERSION":
            hint = "SOAP login() is gone from this API version; use --auth client-credentials"
        case "INSUFFICIENT_ACCESS":
            hint = "the user needs the \"Use Any API Auth\" permission for SOAP login(); or use --auth "
                + "client-credentials"
        case "LOGIN_DURING_RESTRICTED_DOMAIN":
            hint = "log in through the org's My Domain: --login-url https://<domain>.my.salesforce.com"
        case "REQUEST_LIMIT_EXCEEDED":
            hint = "the org's login or API limit is reached; wait and run again"
        default:
            hint = "check the credentials, or use --auth client-credentials"
        }
        return SalesforceError.authentication(code: code, message: message, status: status, hint: hint)
    }

    /// True for the fault of an org that has SOAP `login()` switched off.
    static func isLoginDisabled(code: String, message: String) -> Bool {
        let lower = message.lowercased()
        return lower.contains("login()") && (lower.contains("disabled") || lower.contains("not enabled"))
            || lower.contains("soap api login") || code == "SOAP_LOGIN_DISABLED"
    }

    /// The notice printed once when SOAP login is used.
    static let retirementNotice =
        "notice: SOAP login() is retired by Salesforce in Summer '27; switch to --auth client-credentials "
        + "(OAuth client credentials flow with a connected app)"
}
