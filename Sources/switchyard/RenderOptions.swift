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

    @Option(help: ArgumentHelp("Gateway the HTTPRoutes of gateway-api models attach to unless a model names its own, as namespace/name or name (env SWITCHYARD_GATEWAY; default none).", valueName: "gateway"))
    var gateway: String?

    @OptionGroup var nodeClass: NodeClassOptions

    func add(to flags: inout FlagValues) {
        flags.add("trigger", trigger)
        flags.add("prometheusUrl", prometheusURL)
        flags.add("targetUtilization", targetUtilization)
        flags.add("routingMode", routingMode)
        flags.add("gateway", gateway)
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
        if let gateway = settings.string("gateway") {
            render.gateway = try Self.gateway(gateway)
        }
        render.nodeClass = try NodeClassOptions.settings(settings)
        return render
    }

    /// `namespace/name` or `name`, each a DNS label.
    static func gateway(_ text: String) throws -> GatewayReference {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard parts.count <= 2, parts.allSatisfy({ NameRule.labelProblem(with: $0) == nil }) else {
            throw ValidationError("--gateway must be namespace/name or name, each a lowercase DNS label, not '\(text)'")
        }
        return parts.count == 2 ? GatewayReference(name: parts[1], namespace: parts[0]) : GatewayReference(name: parts[0])
    }
}
