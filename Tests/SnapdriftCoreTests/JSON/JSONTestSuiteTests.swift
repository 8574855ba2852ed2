import Foundation
import SnapdriftCore
import SnapdriftTestSupport
import Testing

/// nst/JSONTestSuite (`../shared/conformance/jsontestsuite`): y_ must parse, n_ must be
/// rejected, i_ may go either way but must not crash or hang.
@Suite("JSONTestSuite", .requiresShared)
struct JSONTestSuiteTests {
    @Test("95/95 y_ accepted, 188/188 n_ rejected, 35 i_ without crash")
    func suite() throws {
        let folder = SharedMaterial.url("conformance/jsontestsuite/test_parsing")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".json") }.sorted()
        var accepted: [String: Int] = [:]
        var total: [String: Int] = [:]
        var wrong: [String] = []
        for name in names {
            let kind = String(name.prefix(1))
            total[kind, default: 0] += 1
            let bytes = [UInt8](try Data(contentsOf: folder.appendingPathComponent(name)))
            let started = Date()
            let ok: Bool
            do {
                let result = try JSONReader.read(bytes)
                // Whatever is accepted must survive a canonical round trip.
                let again = try JSONReader.read(CanonicalJSON.bytes(result.value))
                #expect(again.value == result.value, "\(name) round trip")
                ok = true
            } catch {
                #expect(error.code == .invalidJSON)
                #expect(error.location?.line != nil, "\(name): no line in \(error)")
                ok = false
            }
            #expect(Date().timeIntervalSince(started) < 5, "\(name) took too long")
            if ok { accepted[kind, default: 0] += 1 }
            if kind == "y", !ok { wrong.append(name) }
            if kind == "n", ok { wrong.append(name) }
        }
        let y = accepted["y", default: 0], n = total["n", default: 0] - accepted["n", default: 0]
        print("JSONTestSuite: \(y)/\(total["y", default: 0]) y_ accepted, \(n)/\(total["n", default: 0]) n_ rejected, \(total["i", default: 0]) i_ without crash (\(accepted["i", default: 0]) accepted)")
        #expect(total["y"] == 95)
        #expect(total["n"] == 188)
        #expect(total["i"] == 35)
        #expect(wrong.isEmpty, "\(wrong)")
    }
}
