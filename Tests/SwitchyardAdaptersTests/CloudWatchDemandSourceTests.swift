import Foundation
import SwitchyardAdapters
import Testing

/// The CloudWatch demand source's pure parts: the queries a configuration makes for a model, the newest complete
/// period, and the rate read from an answer.
@Suite("CloudWatch demand source")
struct CloudWatchDemandSourceTests {
    typealias Configuration = CloudWatchDemandSource.Configuration
    static let t0 = Date(timeIntervalSince1970: 1_800_000_000)  // a whole minute
    static let window = DateInterval(start: t0, duration: 60)

    @Test("each metric with each combination of dimension values, {model} filled in")
    func queriesForModel() {
        let configuration = Configuration(
            namespace: "switchyard", metricNames: ["requests", "{model}-errors"],
            dimensions: [
                .init(name: "Model", valueTemplate: "{model}"),
                .init(name: "Unit", valueTemplate: "{model}-inf2"),
                .init(name: "Unit", valueTemplate: "{model}-g5"),
            ],
            statistic: "SampleCount", periodSeconds: 300)
        let queries = configuration.queries(model: "sd21")
        #expect(queries.map(\.id) == ["m0", "m1", "m2", "m3"])
        #expect(queries.map(\.metricName) == ["requests", "requests", "sd21-errors", "sd21-errors"])
        #expect(queries.map { $0.dimensions.map { "\($0.name)=\($0.value)" } } == [
            ["Model=sd21", "Unit=sd21-inf2"], ["Model=sd21", "Unit=sd21-g5"],
            ["Model=sd21", "Unit=sd21-inf2"], ["Model=sd21", "Unit=sd21-g5"],
        ])
        #expect(queries.allSatisfy { $0.namespace == "switchyard" && $0.periodSeconds == 300 && $0.stat == "SampleCount" })
        #expect(configuration.namesModel)
        #expect(!Configuration(namespace: "AWS/ApplicationELB", metricNames: ["RequestCount"]).namesModel)
    }

    @Test("the seed's per-unit counters: {unit} makes one query per unit of the model, Sum over a minute by default")
    func seedCounters() {
        let configuration = Configuration(namespace: "hw-agnostic-infer", metricNames: ["{unit}-counter"])
        #expect(configuration.queries(model: "sd21", units: ["sd21-inf2", "sd21-trn1"]) == [
            CloudWatchMetricQuery(id: "m0", namespace: "hw-agnostic-infer", metricName: "sd21-inf2-counter", periodSeconds: 60, stat: "Sum"),
            CloudWatchMetricQuery(id: "m1", namespace: "hw-agnostic-infer", metricName: "sd21-trn1-counter", periodSeconds: 60, stat: "Sum"),
        ])
        #expect(configuration.queries(model: "idle", units: []).isEmpty)
        #expect(configuration.namesUnit && configuration.namesModel)
        #expect(configuration.delaySeconds == 60)
        #expect(configuration.problems().isEmpty)
    }

    @Test("{unit} in a dimension value repeats only the queries that hold it")
    func unitInDimension() {
        let configuration = Configuration(
            namespace: "switchyard", metricNames: ["requests", "{model}-total"],
            dimensions: [.init(name: "Unit", valueTemplate: "{unit}")])
        let queries = configuration.queries(model: "sd21", units: ["sd21-inf2", "sd21-g5"])
        #expect(queries.map { "\($0.id) \($0.metricName) \($0.dimensions.map(\.value))" } == [
            "m0 requests [\"sd21-inf2\"]", "m1 requests [\"sd21-g5\"]",
            "m2 sd21-total [\"sd21-inf2\"]", "m3 sd21-total [\"sd21-g5\"]",
        ])
        let mixed = Configuration(namespace: "switchyard", metricNames: ["{unit}-counter", "{model}-spillover"])
        #expect(mixed.queries(model: "sd21", units: ["sd21-inf2"]).map(\.metricName) == ["sd21-inf2-counter", "sd21-spillover"])
        #expect(mixed.queries(model: "sd21").map(\.metricName) == ["sd21-spillover"])
    }

    @Test("settings CloudWatch would refuse are named, and no source is built from them")
    func problems() throws {
        let manyUnits = (0..<501).map { Configuration.Dimension(name: "Unit", valueTemplate: "u\($0)") }
        let cases: [(Configuration, String)] = [
            (Configuration(namespace: "", metricNames: ["requests"]), "the namespace is empty"),
            (Configuration(namespace: "n", metricNames: []), "no metric name is given"),
            (Configuration(namespace: "n", metricNames: ["requests", ""]), "a metric name is empty"),
            (Configuration(namespace: "n", metricNames: ["r"], dimensions: [.init(name: "Model", valueTemplate: "")]), "a dimension needs a name and a value"),
            (Configuration(namespace: "n", metricNames: ["r"], statistic: ""), "the statistic is empty"),
            (Configuration(namespace: "n", metricNames: ["r"], periodSeconds: 45), "the period must be 1, 5, 10, 20, 30 or a multiple of 60 seconds, got 45"),
            (Configuration(namespace: "n", metricNames: ["r"], periodSeconds: 0), "got 0"),
            (Configuration(namespace: "n", metricNames: ["r"], delaySeconds: -1), "the delay must be 0 seconds or more, got -1"),
            (Configuration(namespace: "n", metricNames: ["r"], dimensions: manyUnits), "501 queries per model"),
        ]
        let client = CloudWatchClient(
            httpClient: .shared, region: "us-west-2",
            credentials: StaticCredentialsProvider(AWSCredentials(accessKeyID: "AKIDTEST", secretAccessKey: "secret")))
        for (configuration, message) in cases {
            let problems = configuration.problems()
            #expect(problems.contains { $0.contains(message) }, "\(problems)")
            #expect(throws: CloudWatchDemandError.invalidConfiguration(problems)) {
                try CloudWatchDemandSource(client: client, configuration: configuration)
            }
        }
        let perUnit = Configuration(namespace: "hw-agnostic-infer", metricNames: ["{unit}-counter"])
        #expect(throws: CloudWatchDemandError.invalidConfiguration(["{unit} needs the models' units, and none were given"])) {
            try CloudWatchDemandSource(client: client, configuration: perUnit)
        }
        _ = try CloudWatchDemandSource(client: client, configuration: perUnit, unitNames: { _ in [] })
        for period in [1, 5, 10, 20, 30, 60, 300, 3600] {
            #expect(Configuration(namespace: "n", metricNames: ["r"], periodSeconds: period).problems().isEmpty)
        }
    }

    @Test("the newest complete period is the last whole one that ended at least the delay ago")
    func newestCompletePeriod() {
        let t0 = Self.t0
        #expect(CloudWatchDemandSource.window(at: t0.addingTimeInterval(150), periodSeconds: 60, delaySeconds: 60)
            == DateInterval(start: t0, duration: 60))
        #expect(CloudWatchDemandSource.window(at: t0.addingTimeInterval(120), periodSeconds: 60, delaySeconds: 60)
            == DateInterval(start: t0, duration: 60))
        #expect(CloudWatchDemandSource.window(at: t0.addingTimeInterval(119.9), periodSeconds: 60, delaySeconds: 60)
            == DateInterval(start: t0.addingTimeInterval(-60), duration: 60))
        #expect(CloudWatchDemandSource.window(at: t0.addingTimeInterval(60), periodSeconds: 60, delaySeconds: 0)
            == DateInterval(start: t0, duration: 60))
        #expect(CloudWatchDemandSource.window(at: t0.addingTimeInterval(17), periodSeconds: 5, delaySeconds: 0)
            == DateInterval(start: t0.addingTimeInterval(10), duration: 5))
        #expect(CloudWatchDemandSource.window(at: t0.addingTimeInterval(900), periodSeconds: 300, delaySeconds: 60)
            == DateInterval(start: t0.addingTimeInterval(300), duration: 300))
    }

    @Test("a Sum is divided by the period, and the queries' datapoints in the period are added up")
    func sumRate() throws {
        let results = [
            CloudWatchMetricDataResult(
                id: "m0", timestamps: [Self.t0.addingTimeInterval(60), Self.t0, Self.t0.addingTimeInterval(-60)],
                values: [99_999, 6300, 1]),
            CloudWatchMetricDataResult(id: "m1", timestamps: [Self.t0], values: [1500]),
            CloudWatchMetricDataResult(id: "m2"),
        ]
        #expect(try CloudWatchDemandSource.rate(results, in: Self.window, statistic: "Sum") == 130)
        #expect(try CloudWatchDemandSource.rate(results, in: Self.window, statistic: "SampleCount") == 130)
        // Any other statistic is a rate already: added up, not divided.
        #expect(try CloudWatchDemandSource.rate(results, in: Self.window, statistic: "Average") == 7800)
    }

    @Test("no datapoint in the period, or a rate that is not a finite number of 0 or more, is no sample")
    func noRate() throws {
        let outside = [CloudWatchMetricDataResult(id: "m0", timestamps: [Self.t0.addingTimeInterval(60)], values: [60])]
        #expect(try CloudWatchDemandSource.rate(outside, in: Self.window, statistic: "Sum") == nil)
        #expect(try CloudWatchDemandSource.rate([CloudWatchMetricDataResult(id: "m0")], in: Self.window, statistic: "Sum") == nil)
        #expect(try CloudWatchDemandSource.rate([], in: Self.window, statistic: "Sum") == nil)
        for value in [-60.0, .nan, .infinity] {
            let results = [CloudWatchMetricDataResult(id: "m0", timestamps: [Self.t0], values: [value])]
            #expect(try CloudWatchDemandSource.rate(results, in: Self.window, statistic: "Sum") == nil)
        }
        let zero = [CloudWatchMetricDataResult(id: "m0", timestamps: [Self.t0], values: [0])]
        #expect(try CloudWatchDemandSource.rate(zero, in: Self.window, statistic: "Sum") == 0)
    }

    @Test("data CloudWatch marks incomplete is an error, not a low rate")
    func incompleteData() {
        let results = [
            CloudWatchMetricDataResult(id: "m0", timestamps: [Self.t0], values: [6000]),
            CloudWatchMetricDataResult(id: "m1", statusCode: "Forbidden", messages: ["AccessDenied: not authorized"]),
        ]
        #expect(throws: CloudWatchDemandError.incompleteData(queryID: "m1", statusCode: "Forbidden", messages: ["AccessDenied: not authorized"])) {
            try CloudWatchDemandSource.rate(results, in: Self.window, statistic: "Sum")
        }
        #expect(CloudWatchDemandError.incompleteData(queryID: "m1", statusCode: "Forbidden", messages: ["AccessDenied: not authorized"]).description
            == "CloudWatch answered query m1 with Forbidden (AccessDenied: not authorized)")
    }
}
