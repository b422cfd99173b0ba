import Foundation
import RSASigning
import Testing

@testable import OrgSimulator

@Suite struct AuthTests {
    static func soapEnvelope(_ user: String, _ password: String) -> [UInt8] {
        Array(
            """
            <?xml version="1.0" encoding="utf-8"?>
            <env:Envelope xmlns:env="http://schemas.xmlsoap.org/soap/envelope/"><env:Body>
            <n1:login xmlns:n1="urn:partner.soap.sforce.com"><n1:username>\(user)</n1:username>
            <n1:password>\(password)</n1:password></n1:login></env:Body></env:Envelope>
            """.utf8)
    }

    @Test func soapLoginSucceedsWithPasswordAndToken() throws {
        let sim = try SimTestOrg()
        let r = sim.send("POST", "/services/Soap/u/62.0", headers: [("SOAPAction", "login")], body: Self.soapEnvelope("admin@sfsim.test", "sfsim-passwordSFSIMTOKEN"))
        #expect(r.status == 200)
        #expect(r.header("Content-Type") == "text/xml;charset=UTF-8")
        let session = SOAPLogin.element("sessionId", in: r.text) ?? ""
        #expect(session.hasPrefix("00D5g00000SfSim!"))
        #expect(SOAPLogin.element("serverUrl", in: r.text)?.hasSuffix("/services/Soap/u/62.0/00D5g00000SfSim") == true)
        let limits = sim.send("GET", "/services/data/v62.0/limits", headers: [("Authorization", "OAuth \(session)")])
        #expect(limits.status == 200)
        #expect(sim.org.stats.values.snapshot.logins["soap"] == 1)
    }

    @Test func soapLoginFaults() throws {
        let sim = try SimTestOrg()
        let bad = sim.send("POST", "/services/Soap/u/62.0", body: Self.soapEnvelope("admin@sfsim.test", "sfsim-password"))
        #expect(bad.status == 500)
        #expect(bad.text.contains("<faultcode>sf:INVALID_LOGIN</faultcode>"))
        #expect(bad.text.contains("<sf:exceptionCode>INVALID_LOGIN</sf:exceptionCode>"))
        let v65 = sim.send("POST", "/services/Soap/u/65.0", body: Self.soapEnvelope("admin@sfsim.test", "sfsim-passwordSFSIMTOKEN"))
        #expect(v65.status == 500)
        #expect(v65.text.contains("sf:INVALID_OPERATION"))
        let garbage = sim.send("POST", "/services/Soap/u/62.0", body: Array("<not-soap".utf8))
        #expect(garbage.status == 500)
        #expect(garbage.text.contains("soapenv:Client"))
        sim.org.settings.withLock { $0.soapLoginEnabled = false }
        let disabled = sim.send("POST", "/services/Soap/u/62.0", body: Self.soapEnvelope("admin@sfsim.test", "sfsim-passwordSFSIMTOKEN"))
        #expect(disabled.status == 500)
        #expect(disabled.text.contains("disabled"))
    }

    @Test func clientCredentialsWithBasicOrFormCredentials() throws {
        let sim = try SimTestOrg()
        let basic = Data("sfsim-client:sfsim-secret".utf8).base64EncodedString()
        let r1 = sim.send("POST", "/services/oauth2/token", headers: [("Authorization", "Basic \(basic)")], body: Array("grant_type=client_credentials".utf8))
        #expect(r1.status == 200)
        #expect(r1.json?["instance_url"]?.stringValue != nil)
        #expect(r1.json?["issued_at"]?.stringValue?.count == 13)
        #expect(r1.json?["id"]?.stringValue?.contains("/id/00D5g00000SfSimEAF/005") == true)
        let wrong = sim.send("POST", "/services/oauth2/token", body: Array("grant_type=client_credentials&client_id=sfsim-client&client_secret=nope".utf8))
        #expect(wrong.status == 400)
        #expect(wrong.json?["error"]?.stringValue == "invalid_client")
        let unknown = sim.send("POST", "/services/oauth2/token", body: Array("grant_type=client_credentials&client_id=who&client_secret=x".utf8))
        #expect(unknown.json?["error"]?.stringValue == "invalid_client_id")
        let grant = sim.send("POST", "/services/oauth2/token", body: Array("grant_type=magic".utf8))
        #expect(grant.json?["error"]?.stringValue == "unsupported_grant_type")
    }

    @Test func passwordAndRefreshTokenGrants() throws {
        let sim = try SimTestOrg()
        let form = "grant_type=password&client_id=sfsim-client&client_secret=sfsim-secret&username=admin%40sfsim.test&password=sfsim-passwordSFSIMTOKEN"
        let r = sim.send("POST", "/services/oauth2/token", body: Array(form.utf8))
        #expect(r.status == 200)
        let refresh = try #require(r.json?["refresh_token"]?.stringValue)
        let bad = sim.send("POST", "/services/oauth2/token", body: Array(form.replacingOccurrences(of: "SFSIMTOKEN", with: "").utf8))
        #expect(bad.json?["error"]?.stringValue == "invalid_grant")
        let renewed = sim.send("POST", "/services/oauth2/token", body: Array("grant_type=refresh_token&client_id=sfsim-client&refresh_token=\(refresh)".utf8))
        #expect(renewed.status == 200)
        let token = try #require(renewed.json?["access_token"]?.stringValue)
        #expect(sim.send("GET", "/services/data/v62.0/limits", headers: [("Authorization", "Bearer \(token)")]).status == 200)
        let stale = sim.send("POST", "/services/oauth2/token", body: Array("grant_type=refresh_token&client_id=sfsim-client&refresh_token=nope".utf8))
        #expect(stale.json?["error_description"]?.stringValue == "expired access/refresh token")
        let logins = sim.org.stats.values.snapshot.logins
        #expect(logins["password"] == 1 && logins["refresh_token"] == 1)
    }

    @Test func jwtBearerVerifiesTheSignature() throws {
        let (certificate, keyPEM) = try SelfSignedCertificate.generate(commonName: "jwt-test")
        var config = OrgConfiguration()
        config.apps[0].certificatePEM = certificate
        let sim = try SimTestOrg(configuration: config)
        let key = try RSAPrivateKey(pem: keyPEM)
        func assertion(sub: String, aud: String, exp: String, signer: RSAPrivateKey) throws -> String {
            let header = Base64URL.encode("{\"alg\":\"RS256\"}")
            let claims = Base64URL.encode("{\"iss\":\"sfsim-client\",\"sub\":\"\(sub)\",\"aud\":\"\(aud)\",\"exp\":\(exp)}")
            let signature = try signer.sign(Array("\(header).\(claims)".utf8))
            return "\(header).\(claims).\(Base64URL.encode(signature))"
        }
        let future = String(Int(Date().timeIntervalSince1970) + 180)
        func grant(_ jwt: String) -> SimResponse {
            sim.send("POST", "/services/oauth2/token", body: Array("grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer&assertion=\(jwt)".utf8))
        }
        let ok = grant(try assertion(sub: "admin@sfsim.test", aud: "https://login.salesforce.com", exp: "\"\(future)\"", signer: key))
        #expect(ok.status == 200, "\(ok.text)")
        #expect(ok.json?["access_token"]?.stringValue != nil)
        let otherKey = try RSAPrivateKey.generate(bits: 2048)
        let forged = grant(try assertion(sub: "admin@sfsim.test", aud: "https://login.salesforce.com", exp: future, signer: otherKey))
        #expect(forged.status == 400)
        #expect(forged.json?["error"]?.stringValue == "invalid_grant")
        let audience = grant(try assertion(sub: "admin@sfsim.test", aud: "https://evil.example.com", exp: future, signer: key))
        #expect(audience.json?["error_description"]?.stringValue == "Audience validation failed")
        let expired = grant(try assertion(sub: "admin@sfsim.test", aud: "https://login.salesforce.com", exp: "1000", signer: key))
        #expect(expired.status == 400)
        #expect(sim.org.stats.values.snapshot.logins["jwt"] == 1)
    }

    @Test func invalidExpiredAndRevokedSessionsGet401() throws {
        var config = OrgConfiguration()
        config.sessionTTL = 0
        let expiring = try SimTestOrg(configuration: config)
        let expired = try expiring.api("GET", "/limits")
        #expect(expired.status == 401)
        #expect(expired.json?[index: 0]?["errorCode"]?.stringValue == "INVALID_SESSION_ID")

        let sim = try SimTestOrg()
        let token = try sim.token()
        #expect(sim.send("GET", "/services/data/v62.0/limits", headers: [("Authorization", "Bearer \(token)")]).status == 200)
        #expect(sim.send("GET", "/services/data/v62.0/limits").status == 401)
        let revoke = sim.send("POST", "/__sfsim/sessions/revoke")
        #expect(revoke.json?["revoked"]?.intValue == 1)
        let after = sim.send("GET", "/services/data/v62.0/limits", headers: [("Authorization", "Bearer \(token)")])
        #expect(after.status == 401)
        #expect(after.text == "[{\"message\":\"Session expired or invalid\",\"errorCode\":\"INVALID_SESSION_ID\"}]")
    }
}
