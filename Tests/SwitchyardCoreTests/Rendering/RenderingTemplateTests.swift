@testable import SwitchyardCore
import Testing

@Suite("Rendering: metric name, expression and query templates")
struct RenderingTemplateTests {
    @Test("each {name} with a value is filled once; others, and braces, stay as written", arguments: [
        ("sum(rate(http_requests_total{service=\"{service}\"}[1m]))", "sum(rate(http_requests_total{service=\"sd21-inf2\"}[1m]))"),
        ("{model}/{unit}/{model}", "sd21/sd21-inf2/sd21"),
        ("{unknown}-{unit}", "{unknown}-sd21-inf2"),
        ("{{unit}}", "{sd21-inf2}"),
        ("{unit", "{unit"),
        ("", ""),
        ("per-unit: {value}", "per-unit: {unit}"),
    ])
    func fillsPlaceholders(template: String, filled: String) {
        let values = ["unit": "sd21-inf2", "model": "sd21", "service": "sd21-inf2", "value": "{unit}"]
        #expect(ManifestRenderer.fill(template, values) == filled)
    }
}
