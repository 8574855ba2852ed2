import Foundation
import SnapdriftCore
import SnapdriftTestSupport
import Testing

@Suite("Spec reference")
struct SpecReferenceTests {
    @Test("docs/spec-reference.md is the reference generated from the key registry")
    func docsMatchRegistry() throws {
        let path = SharedMaterial.repositoryRoot.appendingPathComponent("docs/spec-reference.md")
        let written = try String(contentsOf: path, encoding: .utf8)
        #expect(written == SpecReference.markdown(), "regenerate with: swift run snapdrift spec-reference > docs/spec-reference.md")
    }

    @Test("every key of every registry object has its row")
    func everyKeyDocumented() {
        let markdown = SpecReference.markdown()
        for object in SpecKeyRegistry.objects {
            for key in object.keys { #expect(markdown.contains("| `\(key.name)` |"), "\(object.title).\(key.name)") }
        }
        for transform in SpecKeyRegistry.transforms { #expect(markdown.contains("| `\(transform.name)` |")) }
    }
}
