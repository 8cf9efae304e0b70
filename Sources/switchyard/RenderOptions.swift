import ArgumentParser
import SwitchyardCore

/// How rendered objects are shaped; shared by `serve` (manifests, diff, apply) and `render`.
struct RenderOptions: ParsableArguments, SettingFlags {
    @Option(help: ArgumentHelp("KEDA trigger: cloudwatch or prometheus (env SWITCHYARD_TRIGGER; default cloudwatch).", valueName: "kind"))
    var trigger: String?

    @Option(help: ArgumentHelp("Prometheus server KEDA queries when --trigger prometheus (env SWITCHYARD_PROMETHEUS_URL).", valueName: "url"))
    var prometheusURL: String?

    @Option(help: ArgumentHelp("Fraction of a unit's breaking point each replica is scaled at (env SWITCHYARD_TARGET_UTILIZATION; default 0.8).", valueName: "fraction"))
    var targetUtilization: Double?

    @Option(help: ArgumentHelp("weighted (a Service per unit, weights in the ALB forward action) or single (one round-robin Service per model) (env SWITCHYARD_ROUTING_MODE; default weighted).", valueName: "mode"))
    var routingMode: String?

    @OptionGroup var nodeClass: NodeClassOptions

    func add(to flags: inout FlagValues) {
        flags.add("trigger", trigger)
        flags.add("prometheusUrl", prometheusURL)
        flags.add("targetUtilization", targetUtilization)
        flags.add("routingMode", routingMode)
        nodeClass.add(to: &flags)
    }

    func settings(_ settings: Settings) throws -> RenderSettings {
        var render = RenderSettings()
        switch try settings.choice("trigger", default: "cloudwatch", [("cloudwatch", "cloudwatch"), ("aws-cloudwatch", "cloudwatch"), ("prometheus", "prometheus")]) {
        case "prometheus":
            guard let url = settings.string("prometheusUrl") else {
                throw ValidationError("--trigger prometheus needs --prometheus-url (or SWITCHYARD_PROMETHEUS_URL)")
            }
            render.trigger = .prometheus(serverAddress: url)
        default:
            render.trigger = .awsCloudWatch
        }
        render.targetUtilization = try settings.double(
            "targetUtilization", default: 0.8, in: Double.leastNonzeroMagnitude...1, described: "a number in (0, 1]")
        render.defaultRoutingMode = try settings.choice(
            "routingMode", default: "weighted", [("weighted", .weightedServices), ("single", .singleService)])
        render.nodeClass = try NodeClassOptions.settings(settings)
        return render
    }
}
