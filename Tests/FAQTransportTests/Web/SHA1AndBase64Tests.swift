@testable import FAQTransport
import XCTest

final class SHA1AndBase64Tests: XCTestCase {
    private func hex(_ bytes: [UInt8]) -> String { bytes.map { String(format: "%02x", $0) }.joined() }

    func testSHA1MatchesRFC3174Vectors() {
        XCTAssertEqual(hex(SHA1.digest(Array("abc".utf8))), "a9993e364706816aba3e25717850c26c9cd0d89d")
        XCTAssertEqual(hex(SHA1.digest(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8))),
                       "84983e441c3bd26ebaae4aa1f95129e5e54670f1")
        XCTAssertEqual(hex(SHA1.digest([UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000))),
                       "34aa973cd4c4daa4f61eeb2bdbad27316534016f")
        let repeated = Array(String(repeating: "0123456701234567012345670123456701234567012345670123456701234567", count: 10).utf8)
        XCTAssertEqual(hex(SHA1.digest(repeated)), "dea356a2cddd90c7a7ecedc5ebb563934f460452")
        XCTAssertEqual(hex(SHA1.digest([])), "da39a3ee5e6b4b0d3255bfef95601890afd80709")
    }

    func testSHA1AroundThePaddingBoundary() {
        // 55 bytes fit one block with the length; 56 need a second block.
        XCTAssertEqual(hex(SHA1.digest([UInt8](repeating: 0x61, count: 55))), "c1c8bbdc22796e28c0e15163d20899b65621d65a")
        XCTAssertEqual(hex(SHA1.digest([UInt8](repeating: 0x61, count: 56))), "c2db330f6083854c99d4b5bfb6e8f29f201be699")
    }

    func testBase64MatchesRFC4648Vectors() {
        let vectors = ["": "", "f": "Zg==", "fo": "Zm8=", "foo": "Zm9v", "foob": "Zm9vYg==", "fooba": "Zm9vYmE=", "foobar": "Zm9vYmFy"]
        for (plain, encoded) in vectors { XCTAssertEqual(Base64.encode(Array(plain.utf8)), encoded, plain) }
        XCTAssertEqual(Base64.decodedCount("Zm9vYmE="), 5)
        XCTAssertEqual(Base64.decodedCount("dGhlIHNhbXBsZSBub25jZQ=="), 16)
        XCTAssertNil(Base64.decodedCount("dGhlIHNhbXBsZSBub25jZQ="))
        XCTAssertNil(Base64.decodedCount("dGhl=HNhbXBsZSBub25jZQ=="))
        XCTAssertNil(Base64.decodedCount("dGhlIHNhbXBsZSBub25jZ!=="))
    }

    func testHandshakeAcceptMatchesRFC6455Example() {
        XCTAssertEqual(WebSocketHandshake.acceptValue(forKey: "dGhlIHNhbXBsZSBub25jZQ=="), "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=")
    }
}
