import Crypto

/// SHA-256 as lower-case hex, the form goldens record.
public enum Hashing {
    public static func sha256(_ bytes: [UInt8]) -> String {
        SHA256.hash(data: bytes).map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
    }

    public static func sha256(_ text: String) -> String { sha256(Array(text.utf8)) }
}
