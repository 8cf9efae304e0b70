import Foundation
import Testing
@testable import SwitchyardAdapters

/// Vectors from AWS's Signature Version 4 test suite (aws-sig-v4-test-suite): credentials
/// AKIDEXAMPLE, region us-east-1, service `service`, signed at 2015-08-30T12:36:00Z.
@Suite("SigV4Signer against AWS's published test suite")
struct SigV4SignerTests {
    static let keys = AWSCredentials(
        accessKeyID: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY")
    static let date = Date(timeIntervalSince1970: 1_440_938_160)
    static let signer = SigV4Signer(region: "us-east-1", service: "service")
    static let scope = "AKIDEXAMPLE/20150830/us-east-1/service/aws4_request"
    /// The session token the suite's post-sts-token vectors use.
    static let suiteToken = "AQoDYXdzEPT//////////wEXAMPLEtc764bNrC9SAPBSM22wDOk4x4HIZ8j4FZTwdQWLWsKWHGBuFqwAeMicRXmxfpSPfIeoIYRqTflfKD8YUuwthAx7mSEI/qkPpKPi/kMcGdQrmGdeehM4IC1NtBmUpp2wUE8phUZampKsburEDy0KPkyQDYwT7WZ0wq5VSXDvp75YU9HFvlRd8Tx6q6fE8YQcHNVXAkiY9q6d+xo0rKwT38xVqr7ZD0u0iPPkUL64lIZbqBAz+scqKmlzm8FDrypNC9Yjc8fPOLn9FX9KSYvKTr4rvx3iSIlTJabIQwj2ICCR/oLxBA=="

    @Test("get-vanilla")
    func getVanilla() {
        let signed = Self.signer.sign(
            method: "GET", url: URL(string: "https://example.amazonaws.com/")!, credentials: Self.keys, date: Self.date)
        #expect(signed.canonicalRequest == """
            GET
            /

            host:example.amazonaws.com
            x-amz-date:20150830T123600Z

            host;x-amz-date
            e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855
            """)
        #expect(signed.authorization == "AWS4-HMAC-SHA256 Credential=\(Self.scope), SignedHeaders=host;x-amz-date, "
            + "Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31")
        #expect(signed.headers["x-amz-date"] == "20150830T123600Z")
        #expect(signed.headers["host"] == "example.amazonaws.com")
    }

    @Test("post-vanilla")
    func postVanilla() {
        let signed = Self.signer.sign(
            method: "POST", url: URL(string: "https://example.amazonaws.com/")!, credentials: Self.keys, date: Self.date)
        #expect(signed.signature == "5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b")
    }

    @Test("get-vanilla-query-order-key-case: query parameters are sorted")
    func queryOrder() {
        let signed = Self.signer.sign(
            method: "GET", url: URL(string: "https://example.amazonaws.com/?Param2=value2&Param1=value1")!,
            credentials: Self.keys, date: Self.date)
        #expect(signed.canonicalRequest.split(separator: "\n", omittingEmptySubsequences: false)[2] == "Param1=value1&Param2=value2")
        #expect(signed.signature == "b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500")
    }

    @Test("post-x-www-form-urlencoded: the form body is hashed and content-type signed")
    func formEncodedPost() {
        let signed = Self.signer.sign(
            method: "POST", url: URL(string: "https://example.amazonaws.com/")!,
            headers: ["Content-Type": "application/x-www-form-urlencoded"], body: Data("Param1=value1".utf8),
            credentials: Self.keys, date: Self.date)
        #expect(signed.canonicalRequest.hasSuffix(
            "\ncontent-type;host;x-amz-date\n9095672bbd1f56dfc5b65f3e153adc8731a4a654192329106275f4c7b24d0b6e"))
        #expect(signed.authorization == "AWS4-HMAC-SHA256 Credential=\(Self.scope), SignedHeaders=content-type;host;x-amz-date, "
            + "Signature=ff11897932ad3f4e8b18135d722051e5ac45fc38421b1da7b9d196a0fe09473a")
        #expect(signed.headers["content-type"] == "application/x-www-form-urlencoded")
    }

    @Test("post-sts-header-before: the session token is a signed x-amz-security-token header")
    func sessionToken() {
        var keys = Self.keys
        keys.sessionToken = Self.suiteToken
        let signed = Self.signer.sign(
            method: "POST", url: URL(string: "https://example.amazonaws.com/")!, credentials: keys, date: Self.date)
        #expect(signed.stringToSign == """
            AWS4-HMAC-SHA256
            20150830T123600Z
            20150830/us-east-1/service/aws4_request
            c237e1b440d4c63c32ca95b5b99481081cb7b13c7e40434868e71567c1a882f6
            """)
        #expect(signed.authorization == "AWS4-HMAC-SHA256 Credential=\(Self.scope), "
            + "SignedHeaders=host;x-amz-date;x-amz-security-token, "
            + "Signature=85d96828115b5dc0cfc3bd16ad9e210dd772bbebba041836c64533a82be05ead")
        #expect(signed.headers["x-amz-security-token"] == Self.suiteToken)
    }

    @Test("a non-default port is part of the signed host")
    func hostWithPort() {
        let signed = Self.signer.sign(
            method: "POST", url: URL(string: "http://127.0.0.1:5123/")!, credentials: Self.keys, date: Self.date)
        #expect(signed.headers["host"] == "127.0.0.1:5123")
        #expect(signed.canonicalRequest.contains("\nhost:127.0.0.1:5123\n"))
    }

    @Test("form encoding escapes everything outside the unreserved set")
    func formEncoding() {
        let body = AWSQueryClient.formEncode(["b": "a b/c=d&e~", "a": "arn:aws:x"])
        #expect(body == "a=arn%3Aaws%3Ax&b=a%20b%2Fc%3Dd%26e~")
    }
}
