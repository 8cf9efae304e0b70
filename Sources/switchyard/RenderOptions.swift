import ArgumentParser
import SwitchyardCore

/// How rendered objects are shaped; shared by `serve` (manifests, diff, apply) and `render`.
struct RenderOptions: ParsableArguments {
    @Option(help: ArgumentHelp("KEDA trigger: cloudwatch or prometheus (env SWITCHYARD_TRIGGER; default cloudwatch).", valueName: "kind"))
    var trigger: String?

    @Option(help: ArgumentHelp("Prometheus server KEDA queries when --trigger prometheus (env SWITCHYARD_PROMETHEUS_URL).", valueName: "url"))
    var prometheusURL: String?

    @Option(help: ArgumentHelp("Fraction of a unit's breaking point each replica is scaled at (env SWITCHYARD_TARGET_UTILIZATION; default 0.8).", valueName: "fraction"))
    var targetUtilization: Double?

    @Option(help: ArgumentHelp("weighted (a Service per unit, weights in the ALB forward action) or single (one round-robin Service per model) (env SWITCHYARD_ROUTING_MODE; default weighted).", valueName: "mode"))
    var routingMode: String?

    @OptionGroup var nodeClass: NodeClassOptions

    func settings(environment: EnvironmentDefault = EnvironmentDefault()) throws -> RenderSettings {
        var settings = RenderSettings()
        switch environment.string(trigger, "SWITCHYARD_TRIGGER", default: "cloudwatch") {
        case "cloudwatch", "aws-cloudwatch":
            settings.trigger = .awsCloudWatch
        case "prometheus":
            guard let url = environment.optionalString(prometheusURL, "SWITCHYARD_PROMETHEUS_URL") else {
                throw ValidationError("--trigger prometheus needs --prometheus-url (or SWITCHYARD_PROMETHEUS_URL)")
            }
            settings.trigger = .prometheus(serverAddress: url)
        case let other:
            throw ValidationError("--trigger must be cloudwatch or prometheus, got '\(other)'")
        }
        let utilization = targetUtilization ?? Double(environment.string(nil, "SWITCHYARD_TARGET_UTILIZATION", default: "0.8"))
        guard let utilization, utilization > 0, utilization <= 1 else {
            throw ValidationError("--target-utilization must be a number in (0, 1]")
        }
        settings.targetUtilization = utilization
        switch environment.string(routingMode, "SWITCHYARD_ROUTING_MODE", default: "weighted") {
        case "weighted": settings.defaultRoutingMode = .weightedServices
        case "single": settings.defaultRoutingMode = .singleService
        case let other: throw ValidationError("--routing-mode must be weighted or single, got '\(other)'")
        }
        settings.nodeClass = try nodeClass.settings(environment: environment)
        return settings
    }
}
