/// `snapdrift init`: the folders of a project and a commented example to start from.
public enum ProjectScaffold {
    /// Creates what is missing under `directory`; returns the paths created. Existing files
    /// are never overwritten.
    public static func create(at directory: String) throws(SnapdriftError) -> [String] {
        var created: [String] = []
        for folder in ["Fixtures/example", "Golden", "reports"] {
            let path = directory + "/" + folder
            if !FileIO.exists(path) {
                try FileIO.createFolder(path)
                created.append(folder + "/")
            }
        }
        let files: [(String, String)] = [
            ("reports/.gitkeep", ""),
            ("Fixtures/example/spec.yml", exampleSpec),
            ("Fixtures/example/example.html", examplePage),
            ("Fixtures/example/example.html.meta.json", exampleSidecar),
        ]
        for (relative, text) in files where !FileIO.exists(directory + "/" + relative) {
            try FileIO.writeAtomically(text, to: directory + "/" + relative)
            created.append(relative)
        }
        return created
    }

    static let exampleSpec = """
    # One spec per kind of upstream page. Every key is checked when the spec loads;
    # `snapdrift validate` reports mistakes as file:line:column. Reference: docs/spec-reference.md.

    # Bump when a field changes meaning; older goldens are then read through `migrations`.
    schema_version: 1
    format: html
    fixtures: "*.html"

    fields:
      # The first match of a CSS selector, its text collapsed and trimmed.
      title: { css: "h1.job-title", required: true }
      # An attribute, resolved against the page URL from the .meta.json sidecar.
      url: { css: "link[rel=canonical]", attr: href, type: url }
      # A regular expression keeps its first group; then a type coercion.
      salary_min: { css: ".salary", regex: "£([0-9,]+)", type: integer }
      # A date written as on the page, stored as ISO 8601.
      closes: { css: ".closing-date", regex: "Closes (.+)", type: date, date_format: "d MMMM yyyy" }
      # Every match, as a list.
      tags: { css: "ul.tags li", all: true }
      # Label/value pairs as an object.
      details: { pairs: { each: "dl.details > div", key: dt, value: dd } }

    finalize:
      fields:
        uid: { template: "example-{title}", transforms: [lower, { replace: { pattern: "[^a-z0-9]+", with: "-" } }] }
      defaults: { stage: open }

    compare:
      # Changes here are reported but never fail the gate.
      severity: { "/tags": info }

    """

    static let examplePage = """
    <!DOCTYPE html>
    <html lang="en">
    <head>
      <meta charset="utf-8">
      <title>Data Analyst - Example Jobs</title>
      <link rel="canonical" href="/jobs/1234">
    </head>
    <body>
      <h1 class="job-title">Data Analyst</h1>
      <p class="salary">£32,000 to £38,000</p>
      <p class="closing-date">Closes 14 March 2026</p>
      <ul class="tags"><li>Analysis</li><li>Remote</li></ul>
      <dl class="details">
        <div><dt>Location</dt><dd>Leeds</dd></div>
        <div><dt>Grade</dt><dd>Senior Executive Officer</dd></div>
      </dl>
    </body>
    </html>

    """

    static let exampleSidecar = """
    {"url": "https://jobs.example.org/jobs/1234", "captured_at": "2026-03-01T09:00:00Z", "content_type": "text/html; charset=utf-8", "status": 200}

    """
}
