@testable import SnapdriftMarkup
import SnapdriftTestSupport
import Testing

@Suite("UTF-8 validation")
struct UTF8ValidationTests {
    /// Random byte strings built from pieces that sit on every boundary of the UTF-8 rules
    /// (overlongs, surrogates, the U+10FFFF limit, truncated and stray continuations, ASCII runs
    /// long enough for the eight-byte fast path), judged against the standard library.
    @Test("agrees with the standard library on 200,000 boundary-heavy byte strings")
    func agreesWithStandardLibrary() {
        let pieces: [[UInt8]] = [
            Array("plain ascii run!".utf8), [0x41], [0x7F], [0x80], [0xBF], [0xC0, 0x80], [0xC1, 0xBF],
            [0xC2, 0x80], [0xDF, 0xBF], [0xE0, 0x9F, 0x80], [0xE0, 0xA0, 0x80], [0xED, 0x9F, 0xBF],
            [0xED, 0xA0, 0x80], [0xEF, 0xBF, 0xBF], [0xF0, 0x8F, 0x80, 0x80], [0xF0, 0x90, 0x80, 0x80],
            [0xF4, 0x8F, 0xBF, 0xBF], [0xF4, 0x90, 0x80, 0x80], [0xF5, 0x80, 0x80, 0x80], [0xFF],
            [0xE2, 0x82], [0xF0, 0x9F, 0x98], [0xC3], [0x00], Array("é☃😀".utf8),
        ]
        var generator = SeededGenerator(seed: 0x0DF8)
        var valid = 0
        var invalid = 0
        var disagreements: [[UInt8]] = []
        for _ in 0..<200_000 {
            var bytes: [UInt8] = []
            for _ in 0..<Int.random(in: 0...6, using: &generator) {
                if Bool.random(using: &generator) {
                    bytes += pieces.randomElement(using: &generator)!
                } else {
                    bytes.append(UInt8.random(in: 0...255, using: &generator))
                }
            }
            let expected = String(validating: bytes, as: UTF8.self) != nil
            let actual = bytes.withUnsafeBufferPointer(UTF8Validation.isValid)
            if expected { valid += 1 } else { invalid += 1 }
            if expected != actual, disagreements.count < 5 { disagreements.append(bytes) }
        }
        #expect(disagreements.isEmpty, "disagrees with String(validating:) on \(disagreements)")
        // Both answers must be common, or the comparison says little.
        #expect(valid > 20_000 && invalid > 20_000, "valid \(valid), invalid \(invalid)")
    }
}
