import Foundation
import SnapdriftFuzzing
import SnapdriftTestSupport
import Testing

/// The fuzz targets in the ordinary test run: every input the fuzzer once broke them with
/// (`Fuzz/regressions/TARGET/`), and a seeded batch of mutated inputs. A broken invariant inside
/// a target stops the test process, so a regression cannot pass quietly.
@Suite("Fuzz targets")
struct FuzzRegressionTests {
    @Test("saved crashers replay without breaking an invariant", arguments: FuzzTargets.names)
    func savedCrashers(target: String) throws {
        let folder = SharedMaterial.repositoryRoot.appendingPathComponent("Fuzz/regressions/\(target)")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
            .filter { !$0.hasPrefix(".") }.sorted()
        var replayed = 0
        for name in names {
            let bytes = [UInt8](try Data(contentsOf: folder.appendingPathComponent(name)))
            let outcome = FuzzTargets.run(target, bytes)
            #expect(outcome == .accepted || outcome == .refused)
            replayed += 1
        }
        #expect(replayed == names.count)
    }

    /// Mutations of small valid inputs (byte flips, insertions, deletions, splices), the way a
    /// fuzzer starts out: both outcomes must turn up, or the batch exercises only one path.
    @Test("mutated inputs: 20,000 selectors, 20,000 JSON texts, 5,000 specs", arguments: FuzzTargets.names)
    func mutatedInputs(target: String) throws {
        var seeds = (FuzzTargets.warmUpInputs[target] ?? []).map { Array($0.utf8) }
        if target == "spec" {
            // The example project's specs: a mutation of one is often still a valid spec.
            let fixtures = SharedMaterial.repositoryRoot.appendingPathComponent("Fixtures")
            for source in try FileManager.default.contentsOfDirectory(atPath: fixtures.path).sorted() {
                let url = fixtures.appendingPathComponent(source).appendingPathComponent("spec.yml")
                if FileManager.default.fileExists(atPath: url.path) { seeds.append([UInt8](try Data(contentsOf: url))) }
            }
        }
        let alphabet = Array("{}[]():,.\"'\\-+*~>|^$=#!@ \n\t0123456789eEaz_/".utf8) + [0x00, 0xC3, 0xA9, 0xFF]
        var generator = SeededGenerator(seed: 0xF022 &+ UInt64(target.utf8.count))
        var accepted = 0
        var refused = 0
        for _ in 0..<(target == "spec" ? 5_000 : 20_000) {
            var bytes = seeds.randomElement(using: &generator)!
            for _ in 0..<Int.random(in: 1...3, using: &generator) {
                let position = Int.random(in: 0...bytes.count, using: &generator)
                switch Int.random(in: 0..<4, using: &generator) {
                case 0: bytes.insert(alphabet.randomElement(using: &generator)!, at: position)
                case 1 where position < bytes.count: bytes.remove(at: position)
                case 2 where position < bytes.count: bytes[position] = UInt8.random(in: 0...255, using: &generator)
                default:
                    let other = seeds.randomElement(using: &generator)!
                    bytes.insert(contentsOf: other.prefix(Int.random(in: 0...other.count, using: &generator)), at: position)
                }
            }
            switch FuzzTargets.run(target, bytes) {
            case .accepted: accepted += 1
            case .refused: refused += 1
            }
        }
        print("mutated \(target) inputs: \(accepted + refused) run, \(accepted) accepted, \(refused) refused, 0 invariant broken")
        #expect(accepted > 100, "only \(accepted) accepted")
        #expect(refused > 100, "only \(refused) refused")
    }
}
