import Foundation
import SnapdriftCore
import SnapdriftTestSupport
import Testing

/// The example specs of `Examples/corpus-specs/` over real pages nobody here wrote.
@Suite("Normalizing real pages", .requiresShared)
struct CorpusNormalizationTests {
    private func spec(_ source: String) throws -> Spec {
        let path = SharedMaterial.repositoryRoot.appendingPathComponent("Examples/corpus-specs/\(source)/spec.yml").path
        return try SpecLoader.load(path: path, source: source)
    }

    private func normalize(_ corpusPath: String, with spec: Spec) async throws -> NormalizationResult {
        let path = SharedMaterial.url(corpusPath).path
        let fixture = try FixtureNormalizer.load(path: path, displayPath: corpusPath)
        return try await FixtureNormalizer.normalize(fixture, path: path, spec: spec)
    }

    @Test("a Civil Service Jobs listing page yields exactly 25 records")
    func csjListing() async throws {
        let spec = try spec("csj-results")
        for page in ["corpus/csj/result_page1.html", "corpus/csj/result_page2.html"] {
            let result = try await normalize(page, with: spec)
            let records = try #require(result.normalized["records"]?.arrayValue)
            #expect(records.count == 25, "\(page)")
            for record in records {
                for field in ["title", "department", "location", "salary", "closes", "reference", "url"] {
                    #expect(record[field].map { !$0.isEmptyValue } == true, "\(page): \(field) is empty in \(record)")
                }
                // Listing pages carry no grade: null, and the provenance says why.
                #expect(record["grade"] == .null)
            }
            let finalized = try #require(result.finalized["records"]?.arrayValue)
            #expect(finalized.allSatisfy { $0["stage"] == "open" && $0["uid"]?.stringValue?.hasPrefix("csj-") == true })
            let gradeProvenance = result.provenance["records"]?.arrayValue?.first?["grade"]
            #expect(gradeProvenance?["matches"] == 0)
            #expect(gradeProvenance?["notes"] == ["no match"])
        }
        let first = try await normalize("corpus/csj/result_page1.html", with: spec).normalized["records"]!.arrayValue![0]
        #expect(first["title"] == "Head of Policy Research")
        #expect(first["department"] == "House of Lords")
        #expect(first["location"] == "Westminster")
        #expect(first["salary"] == "£53,730")
        #expect(first["salary_min"] == 53730)
        #expect(first["closes"] == "2023-07-02")
        #expect(first["reference"] == "296730")
        #expect(first["url"]?.stringValue?.hasPrefix("https://www.civilservicejobs.service.gov.uk/csr/index.cgi?SID=") == true)
    }

    @Test("the detail page: side-panel pairs and the body's HTML")
    func csjDetail() async throws {
        let result = try await normalize("corpus/csj/job_detail_page.html", with: spec("csj-detail"))
        let record = result.normalized
        #expect(record["title"] == "Head of Policy Research")
        #expect(record["department"] == "House of Lords")
        #expect(record["closes"] == "2023-07-02")
        #expect(record["reference"] == 296730)
        let details = try #require(record["details"]?.objectValue)
        #expect(details["Reference number"] == "296730")
        #expect(details["Salary"] == "£53,730")
        #expect(details["Job grade"] == ["Other", "HL8"])
        #expect(details["Contract type"] == "Fixed Term")
        #expect(details["Number of jobs available"] == "1")
        #expect(details.keys.count == 9)
        let body = try #require(record["body"]?.stringValue)
        #expect(body.contains("<h2>About the job</h2>"))
        #expect(body.hasPrefix("<div class=\"vac_display_panel_main_inner\">"))
        #expect(result.finalized["body"] == nil)
        #expect(result.finalized["uid"] == "csj-296730")
    }

    @Test("the Recipe spec over every 10th real recipe page: how many pages yield each field")
    func recipes() async throws {
        let spec = try spec("recipes")
        let root = try RecipeCorpus.folder()
        let pages = try RecipeCorpus.pages()
        let sample = stride(from: 0, to: pages.count, by: 10).map { pages[$0] }
        var yielded: [String: Int] = [:]
        var errors: [String] = []
        for page in sample {
            let path = root.appendingPathComponent(page).path
            do {
                let fixture = try FixtureNormalizer.load(path: path, displayPath: page)
                let result = try await FixtureNormalizer.normalize(fixture, path: path, spec: spec)
                for rule in spec.fields where result.normalized[rule.name].map({ !$0.isEmptyValue }) == true {
                    yielded[rule.name, default: 0] += 1
                }
            } catch {
                errors.append("\(page): \(error)")
            }
        }
        let report = spec.fields.map { "\($0.name) \(yielded[$0.name, default: 0])/\(sample.count)" }.joined(separator: ", ")
        print("recipes sample: \(report); errors \(errors.count)")
        #expect(errors.isEmpty, "\(errors)")
        // Most real recipe pages carry schema.org JSON-LD (966 of 1,110 have a Recipe object).
        #expect(yielded["title", default: 0] >= sample.count * 8 / 10)
        #expect(yielded["ingredients", default: 0] >= sample.count * 8 / 10)
        #expect(yielded["instructions", default: 0] >= sample.count * 8 / 10)
        #expect(yielded["total_minutes", default: 0] >= sample.count / 2)
    }
}
