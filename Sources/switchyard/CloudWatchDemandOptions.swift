import ArgumentParser

/// Where `serve`'s demand poller reads each model's request rate in CloudWatch. Region, endpoint and credentials
/// come from the AWS environment, as for the elbv2 applier.
struct CloudWatchDemandOptions: ParsableArguments, SettingFlags {
    @Option(
        name: .customLong("demand-cloudwatch-namespace"),
        help: ArgumentHelp("CloudWatch namespace of the metrics that count each model's requests, e.g. hw-agnostic-infer (env SWITCHYARD_DEMAND_CLOUDWATCH_NAMESPACE; default none: no CloudWatch demand).", valueName: "namespace"))
    var namespace: String?

    @Option(
        name: .customLong("demand-cloudwatch-metric"),
        help: ArgumentHelp("Metric name, with {model} for the model's name or {unit} for each of its units' names, e.g. '{unit}-counter'; repeatable, the metrics add up (env SWITCHYARD_DEMAND_CLOUDWATCH_METRIC, comma-separated; needed with --demand-cloudwatch-namespace).", valueName: "name"))
    var metrics: [String] = []

    @Option(
        name: .customLong("demand-cloudwatch-dimension"),
        help: ArgumentHelp("A dimension of the metrics, its value with {model} or {unit} where a name goes, e.g. Model={model}; repeatable, and a name given twice makes one query per value, added up (env SWITCHYARD_DEMAND_CLOUDWATCH_DIMENSION, comma-separated).", valueName: "name=value"))
    var dimensions: [String] = []

    @Option(
        name: .customLong("demand-cloudwatch-stat"),
        help: ArgumentHelp("Statistic: Sum or SampleCount count requests and are divided by the period; any other (Average, p90, ...) is read as requests per second (env SWITCHYARD_DEMAND_CLOUDWATCH_STAT; default Sum).", valueName: "statistic"))
    var statistic: String?

    @Option(
        name: .customLong("demand-cloudwatch-period"),
        help: ArgumentHelp("Seconds per datapoint: 1, 5, 10, 20, 30 or a multiple of 60 (env SWITCHYARD_DEMAND_CLOUDWATCH_PERIOD; default 60).", valueName: "seconds"))
    var periodSeconds: Int?

    @Option(
        name: .customLong("demand-cloudwatch-delay"),
        help: ArgumentHelp("Seconds after a period ends before it is read, for CloudWatch's publishing lag (env SWITCHYARD_DEMAND_CLOUDWATCH_DELAY; default 60).", valueName: "seconds"))
    var delaySeconds: Int?

    func add(to flags: inout FlagValues) {
        flags.add("demandCloudwatchNamespace", namespace)
        flags.add("demandCloudwatchMetric", metrics)
        flags.add("demandCloudwatchDimension", dimensions)
        flags.add("demandCloudwatchStat", statistic)
        flags.add("demandCloudwatchPeriod", periodSeconds)
        flags.add("demandCloudwatchDelay", delaySeconds)
    }
}
