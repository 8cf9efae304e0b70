import Foundation

extension CloudWatchDemandSource {
    /// Which CloudWatch metrics carry a model's requests: metric names and dimension values are templates with
    /// `{model}` where the model's name goes and `{unit}` where one of its deployment units' names goes.
    ///
    /// Every metric name is asked for with every combination of dimension values: a dimension name given more
    /// than once (one `TargetGroup` per load balancer target group, say) makes one query per value, and a query
    /// with `{unit}` is made once per unit of the model; the source adds the queries up. The seed's per-unit
    /// counters, which the rendered KEDA triggers also read: namespace `hw-agnostic-infer`, metric `{unit}-counter`.
    public struct Configuration: Sendable, Equatable {
        /// A dimension of the metrics; its value may hold `{model}`.
        public struct Dimension: Sendable, Equatable {
            public var name: String
            public var valueTemplate: String

            public init(name: String, valueTemplate: String) {
                self.name = name
                self.valueTemplate = valueTemplate
            }
        }

        /// The placeholder replaced by the model's name in metric names and dimension values.
        public static let modelPlaceholder = "{model}"
        /// The placeholder replaced by each of the model's unit names; its query is made once per unit.
        public static let unitPlaceholder = "{unit}"
        /// Statistics that count over a period (divided by the period for a rate); any other is read as a rate.
        public static let countStatistics: Set<String> = ["Sum", "SampleCount"]
        /// High-resolution periods; any other period must be a multiple of 60 seconds.
        public static let subMinutePeriods: Set<Int> = [1, 5, 10, 20, 30]

        public var namespace: String
        /// Metric name templates, e.g. `RequestCount`, `{unit}-counter` or `{model}-requests`; their rates are added up.
        public var metricNames: [String]
        public var dimensions: [Dimension]
        /// `Sum` (the default) or `SampleCount` count requests over the period; any other statistic (`Average`,
        /// `Maximum`, `p90`, …) is taken as requests per second already.
        public var statistic: String
        /// Seconds per period: 1, 5, 10, 20, 30 or a multiple of 60 (default 60).
        public var periodSeconds: Int
        /// Seconds after a period ends before it counts as complete, for CloudWatch's publishing lag (default 60).
        public var delaySeconds: Int

        public init(
            namespace: String, metricNames: [String], dimensions: [Dimension] = [], statistic: String = "Sum",
            periodSeconds: Int = 60, delaySeconds: Int = 60
        ) {
            self.namespace = namespace
            self.metricNames = metricNames
            self.dimensions = dimensions
            self.statistic = statistic
            self.periodSeconds = periodSeconds
            self.delaySeconds = delaySeconds
        }

        /// Whether the statistic counts over the period rather than being a rate.
        public var statisticIsCount: Bool { Self.countStatistics.contains(statistic) }

        /// Whether any metric name or dimension value names the model or its units; without that every model reads
        /// the same demand.
        public var namesModel: Bool { mentions(Self.modelPlaceholder) || namesUnit }

        /// Whether any metric name or dimension value holds `{unit}`, so the model's units must be known.
        public var namesUnit: Bool { mentions(Self.unitPlaceholder) }

        /// Every reason CloudWatch would refuse the queries, one line each; empty when there is none.
        public func problems() -> [String] {
            var problems: [String] = []
            if namespace.isEmpty { problems.append("the namespace is empty") }
            if metricNames.isEmpty { problems.append("no metric name is given") }
            if metricNames.contains(where: \.isEmpty) { problems.append("a metric name is empty") }
            if dimensions.contains(where: { $0.name.isEmpty || $0.valueTemplate.isEmpty }) {
                problems.append("a dimension needs a name and a value")
            }
            if statistic.isEmpty { problems.append("the statistic is empty") }
            if !(Self.subMinutePeriods.contains(periodSeconds) || (periodSeconds > 0 && periodSeconds % 60 == 0)) {
                problems.append("the period must be 1, 5, 10, 20, 30 or a multiple of 60 seconds, got \(periodSeconds)")
            }
            if delaySeconds < 0 { problems.append("the delay must be 0 seconds or more, got \(delaySeconds)") }
            let names = dimensionValues.count
            if names > CloudWatchClient.maxDimensionsPerMetric {
                problems.append("\(names) dimension names; a metric has at most \(CloudWatchClient.maxDimensionsPerMetric)")
            }
            // Before `{unit}` makes one query per unit, which only the model's units tell.
            let count = dimensionValues.reduce(metricNames.count) { $0 * $1.values.count }
            if count > CloudWatchClient.maxQueriesPerCall {
                problems.append("\(count) queries per model; one GetMetricData call takes at most \(CloudWatchClient.maxQueriesPerCall)")
            }
            return problems
        }

        /// The queries for `model`, ids `m0`, `m1`, …: each metric name with each combination of dimension values,
        /// `{model}` replaced by the model's name; one with `{unit}` is made for each of `units` (none without units).
        public func queries(model: String, units: [String] = []) -> [CloudWatchMetricQuery] {
            let combinations = dimensionValues.reduce([[Dimension]]([[]])) { partial, dimension in
                partial.flatMap { prefix in
                    dimension.values.map { prefix + [Dimension(name: dimension.name, valueTemplate: $0)] }
                }
            }
            let templates = metricNames.flatMap { metric in combinations.map { (metric: metric, dimensions: $0) } }
            var queries: [CloudWatchMetricQuery] = []
            for template in templates {
                let perUnit = template.metric.contains(Self.unitPlaceholder)
                    || template.dimensions.contains { $0.valueTemplate.contains(Self.unitPlaceholder) }
                let fills: [String?] = perUnit ? units.map { Optional($0) } : [nil]
                for unit in fills {
                    queries.append(CloudWatchMetricQuery(
                        id: "m\(queries.count)", namespace: namespace, metricName: fill(template.metric, model, unit),
                        dimensions: template.dimensions.map {
                            CloudWatchDimension(name: $0.name, value: fill($0.valueTemplate, model, unit))
                        },
                        periodSeconds: periodSeconds, stat: statistic))
                }
            }
            return queries
        }

        /// Each dimension name once, in the order first given, with all of its values.
        private var dimensionValues: [(name: String, values: [String])] {
            var grouped: [(name: String, values: [String])] = []
            for dimension in dimensions {
                if let index = grouped.firstIndex(where: { $0.name == dimension.name }) {
                    grouped[index].values.append(dimension.valueTemplate)
                } else {
                    grouped.append((dimension.name, [dimension.valueTemplate]))
                }
            }
            return grouped
        }

        private func mentions(_ placeholder: String) -> Bool {
            metricNames.contains { $0.contains(placeholder) } || dimensions.contains { $0.valueTemplate.contains(placeholder) }
        }

        private func fill(_ template: String, _ model: String, _ unit: String?) -> String {
            let named = template.replacingOccurrences(of: Self.modelPlaceholder, with: model)
            return unit.map { named.replacingOccurrences(of: Self.unitPlaceholder, with: $0) } ?? named
        }
    }
}
