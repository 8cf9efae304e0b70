extension FleetValidator {
    /// Violations of a served model, with paths relative to it unless `prefix` is given.
    public static func violations(of model: ServedModel, at prefix: String = "") -> [FieldViolation] {
        var check = ViolationCollector(prefix: prefix)
        check.requireName(model.name, "name")
        check.requirePositive(model.slo.latencyThresholdMs, atMost: DomainLimits.maxLatencyMs, "slo.latencyThresholdMs")
        check.requireFraction(model.slo.maxErrorRate, "slo.maxErrorRate")
        // A utilisation cap of 0 would leave no load servable, so 0 itself is out.
        check.require(
            model.slo.maxUtilization.isFinite && model.slo.maxUtilization > 0 && model.slo.maxUtilization <= 1,
            "slo.maxUtilization", "must be greater than 0 and at most 1")
        if let demand = model.expectedDemandRPS {
            check.requireWithin(demand, 0...DomainLimits.maxRPS, "expectedDemandRPS")
        }
        if let stickiness = model.routing.stickinessSeconds {
            // The ALB accepts stickiness durations of up to seven days.
            check.require((0...604_800).contains(stickiness), "routing.stickinessSeconds", "must be between 0 and 604800")
        }
        for (arn, field) in [(model.routing.listenerARN, "routing.listenerARN"), (model.routing.ruleARN, "routing.ruleARN")] {
            if let arn {
                check.requireToken(arn, field, maxLength: 2_048)
                check.require(
                    arn.hasPrefix("arn:") && arn.contains(":elasticloadbalancing:"), field,
                    "must be an Elastic Load Balancing ARN")
            }
        }
        if model.routing.applier == .elbv2 {
            check.require(
                model.routing.listenerARN != nil || model.routing.ruleARN != nil, "routing.listenerARN",
                "the elbv2 applier needs routing.listenerARN or routing.ruleARN")
        }
        if model.routing.router == .gatewayAPI, model.routing.applier == .albAnnotation || model.routing.applier == .elbv2 {
            check.add(
                "routing.router",
                "the gateway-api router renders an HTTPRoute, which the \(model.routing.applier.rawValue) applier does not push; use the kubernetes or files applier")
        }
        if let gateway = model.routing.gateway {
            check.requireName(gateway.name, "routing.gateway.name")
            if let namespace = gateway.namespace, let problem = NameRule.labelProblem(with: namespace) {
                check.add("routing.gateway.namespace", problem)
            }
            if let section = gateway.sectionName { check.requireName(section, "routing.gateway.sectionName") }
        }
        check.requireWithin(model.routing.standby.replicas, 0...DomainLimits.maxReplicas, "routing.standby")
        check.requireFraction(model.spot.maxShare, "spot.maxShare")
        check.requireFraction(model.spot.onDemandFloor, "spot.onDemandFloor")
        check.requireWithin(model.spot.spareNodes, 0...DomainLimits.maxReplicas, "spot.spareNodes")
        check.require(
            model.routing.failoverStrategy != .cost, "routing.failoverStrategy",
            "must be capacity or optimal: a shortage never fails over to the cost configuration")
        return check.violations
    }

    /// Violations of an instance type, including duplicate (region, capacity type) prices.
    public static func violations(of instanceType: InstanceType, at prefix: String = "") -> [FieldViolation] {
        var check = ViolationCollector(prefix: prefix)
        check.requireName(instanceType.name, "name")
        check.requireNonEmpty(instanceType.family, "family", and: KubernetesText.labelValueProblem)
        check.requireNonEmpty(instanceType.accelerator.vendor, "accelerator.vendor", and: KubernetesText.labelValueProblem)
        check.requireNonEmpty(instanceType.accelerator.name, "accelerator.name", and: KubernetesText.labelValueProblem)
        check.requireWithin(instanceType.accelerator.count, 1...DomainLimits.maxAcceleratorCount, "accelerator.count")
        check.requirePositive(instanceType.accelerator.memoryGiB, atMost: DomainLimits.maxInstanceMemoryGiB, "accelerator.memoryGiB")
        check.require(
            isResourceName(instanceType.deviceResource)
                && KubernetesText.qualifiedNameProblem(instanceType.deviceResource) == nil, "deviceResource",
            "must be an extended resource name such as nvidia.com/gpu")
        check.requireWithin(instanceType.vcpu, 1...DomainLimits.maxVCPU, "vcpu")
        check.requirePositive(instanceType.memoryGiB, atMost: DomainLimits.maxInstanceMemoryGiB, "memoryGiB")
        var seen: Set<String> = []
        for (index, price) in instanceType.prices.enumerated() {
            check.requireNonEmpty(price.region, "prices[\(index)].region", and: KubernetesText.labelValueProblem)
            check.requireWithin(price.hourlyUSD, 0...DomainLimits.maxHourlyUSD, "prices[\(index)].hourlyUSD")
            check.require(
                price.capacityType.isPriced, "prices[\(index)].capacityType",
                "reserved capacity has no list price: it is billed by its reservation whether used or not; "
                    + "give the pool a reservation and price the type on-demand")
            let key = "\(price.region)/\(price.capacityType.rawValue)"
            check.require(
                seen.insert(key).inserted, "prices[\(index)]",
                "duplicate price for region \(price.region) and capacity type \(price.capacityType.rawValue)")
        }
        return check.violations
    }

    /// Violations of a capacity pool, including Karpenter's NodePool weight range 1...100.
    public static func violations(of pool: CapacityPool, at prefix: String = "") -> [FieldViolation] {
        var check = ViolationCollector(prefix: prefix)
        check.requireName(pool.name, "name")
        for (index, family) in pool.instanceFamilies.enumerated() {
            check.requireNonEmpty(family, "instanceFamilies[\(index)]", and: KubernetesText.labelValueProblem)
        }
        for (index, gpuName) in pool.gpuNames.enumerated() {
            check.requireNonEmpty(gpuName, "gpuNames[\(index)]", and: KubernetesText.labelValueProblem)
        }
        check.require(!pool.capacityTypes.isEmpty, "capacityTypes", "must name at least one capacity type")
        check.require(
            Set(pool.capacityTypes).count == pool.capacityTypes.count, "capacityTypes", "must not name a capacity type twice")
        capacityViolations(of: pool, in: &check)
        check.require(!pool.arch.isEmpty, "arch", "must name at least one architecture")
        if let weight = pool.weight {
            check.require((1...100).contains(weight), "weight", "must be between 1 and 100")
        }
        if let cpu = pool.limits.cpu { check.requireWithin(cpu, 0...DomainLimits.maxPoolCount, "limits.cpu") }
        if let memory = pool.limits.memoryGiB {
            check.requireWithin(memory, 0...DomainLimits.maxPoolMemoryGiB, "limits.memoryGiB")
        }
        if let accelerators = pool.limits.accelerators {
            check.requireWithin(accelerators, 0...DomainLimits.maxPoolCount, "limits.accelerators")
        }
        if let nodes = pool.limits.nodes { check.requireWithin(nodes, 0...DomainLimits.maxPoolCount, "limits.nodes") }
        for (index, taint) in pool.taints.enumerated() {
            check.requireQualifiedName(taint.key, "taints[\(index)].key")
            if let value = taint.value { check.requireLabelValue(value, "taints[\(index)].value") }
        }
        check.require(
            isKarpenterDuration(pool.consolidation.consolidateAfter), "consolidation.consolidateAfter",
            "must be a duration such as 30s, 5m, 1h30m, or Never")
        if let nodeClass = pool.nodeClass { violations(of: nodeClass, in: &check) }
        return check.violations
    }

    /// Violations of a deployment unit's own fields; its references are checked by `unresolvedReferences`.
    public static func violations(of unit: DeploymentUnit, at prefix: String = "") -> [FieldViolation] {
        var check = ViolationCollector(prefix: prefix)
        check.requireName(unit.name, "name")
        check.requireName(unit.model, "model")
        check.requireName(unit.instanceType, "instanceType")
        check.requireName(unit.pool, "pool")
        check.requireNonEmpty(unit.region, "region", and: KubernetesText.labelValueProblem)
        check.requireNonEmpty(unit.runtime, "runtime", and: KubernetesText.labelValueProblem)
        check.requireNonEmpty(unit.image, "image") { KubernetesText.tokenProblem($0) }
        if let args = unit.args {
            check.require(
                args.count <= DomainLimits.maxContainerArgs, "args", "must have at most \(DomainLimits.maxContainerArgs) entries")
            for (index, argument) in args.enumerated() { check.requireText(argument, "args[\(index)]") }
        }
        if let kserve = unit.kserve { violations(of: kserve, in: &check) }
        if let version = unit.version {
            // A label value: the rollout gates query Prometheus with it as one.
            check.requireNonEmpty(version, "version", and: KubernetesText.labelValueProblem)
        }
        capacityViolations(of: unit, in: &check)
        check.requireWithin(unit.minReplicas, 0...DomainLimits.maxReplicas, "minReplicas")
        check.requireWithin(unit.maxReplicas, 1...DomainLimits.maxReplicas, "maxReplicas")
        check.require(
            unit.minReplicas <= unit.maxReplicas, "minReplicas",
            "must not exceed maxReplicas (\(unit.minReplicas) > \(unit.maxReplicas))")
        if let problem = NameRule.labelProblem(with: unit.kubernetes.namespace) {
            check.add("kubernetes.namespace", problem)
        }
        if let problem = NameRule.problem(with: unit.kubernetes.deployment) {
            check.add("kubernetes.deployment", problem)
        }
        if let problem = NameRule.labelProblem(with: unit.kubernetes.service) {
            check.add("kubernetes.service", problem)
        }
        check.require((1...65_535).contains(unit.kubernetes.port), "kubernetes.port", "must be between 1 and 65535")
        check.require(unit.healthPath.hasPrefix("/"), "healthPath", "must start with '/'")
        check.requireToken(unit.healthPath, "healthPath", maxLength: 1_024)
        check.require(unit.readinessPath.hasPrefix("/"), "readinessPath", "must start with '/'")
        check.requireToken(unit.readinessPath, "readinessPath", maxLength: 1_024)
        if let arn = unit.targetGroupARN {
            check.require(arn.hasPrefix("arn:"), "targetGroupARN", "must be an ARN (arn:...)")
            check.requireToken(arn, "targetGroupARN", maxLength: 2_048)
        }
        if let breakingPoint = unit.manualBreakingPointRPS {
            check.requireWithin(
                breakingPoint, DomainLimits.minBreakingPointRPS...DomainLimits.maxRPS, "manualBreakingPointRPS")
        }
        if let seconds = unit.timeToServeSeconds {
            check.require(
                seconds.isFinite && seconds > 0 && seconds <= DomainLimits.maxTimeToServeSeconds, "timeToServeSeconds",
                "must be greater than 0 and at most \(Int(DomainLimits.maxTimeToServeSeconds)) (a day)")
        }
        return check.violations
    }

    /// Violations of a benchmark run: latency percentiles must not decrease (p50 <= p95 <= p99).
    public static func violations(of run: BenchmarkRun, at prefix: String = "") -> [FieldViolation] {
        var check = ViolationCollector(prefix: prefix)
        check.requireName(run.unit, "unit")
        if let recordedAt = run.recordedAt {
            check.require(isRFC3339(recordedAt), "recordedAt", "must be an RFC 3339 time such as 2024-05-01T12:00:00Z")
        }
        check.require(!run.samples.isEmpty, "samples", "must contain at least one sample")
        for (index, sample) in run.samples.enumerated() {
            let path = "samples[\(index)]"
            check.requireWithin(sample.offeredRPS, 0...DomainLimits.maxRPS, "\(path).offeredRPS")
            check.requireWithin(sample.throughputRPS, 0...DomainLimits.maxRPS, "\(path).throughputRPS")
            check.requireWithin(sample.p50Ms, 0...DomainLimits.maxLatencyMs, "\(path).p50Ms")
            check.requireWithin(sample.p95Ms, 0...DomainLimits.maxLatencyMs, "\(path).p95Ms")
            check.requireWithin(sample.p99Ms, 0...DomainLimits.maxLatencyMs, "\(path).p99Ms")
            check.require(
                !(sample.p50Ms > sample.p95Ms), "\(path).p95Ms",
                "must be at least p50Ms (\(sample.p95Ms) < \(sample.p50Ms))")
            check.require(
                !(sample.p95Ms > sample.p99Ms), "\(path).p99Ms",
                "must be at least p95Ms (\(sample.p99Ms) < \(sample.p95Ms))")
            check.requireFraction(sample.errorRate, "\(path).errorRate")
            check.requireFraction(sample.utilization, "\(path).utilization")
        }
        return check.violations
    }

    /// `domain/name`, as Kubernetes extended resources are spelled.
    static func isResourceName(_ value: String) -> Bool {
        let parts = value.split(separator: "/", omittingEmptySubsequences: false)
        return parts.count == 2 && parts.allSatisfy { !$0.isEmpty && !$0.contains(where: \.isWhitespace) }
    }

    /// Karpenter's `consolidateAfter`: `Never`, or one or more number-unit pairs in s, m, h.
    static func isKarpenterDuration(_ value: String) -> Bool {
        if value == "Never" { return true }
        var sawDigit = false
        var sawPair = false
        for character in value {
            if character.isASCII && character.isNumber {
                sawDigit = true
            } else if "smh".contains(character) && sawDigit {
                sawDigit = false
                sawPair = true
            } else {
                return false
            }
        }
        return sawPair && !sawDigit
    }

    /// `YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)`.
    static func isRFC3339(_ value: String) -> Bool {
        let characters = Array(value.utf8)
        func digits(_ range: Range<Int>) -> Bool {
            range.upperBound <= characters.count && range.allSatisfy { (48...57).contains(characters[$0]) }
        }
        func byte(_ index: Int, _ expected: Character) -> Bool {
            index < characters.count && characters[index] == expected.asciiValue
        }
        guard digits(0..<4), byte(4, "-"), digits(5..<7), byte(7, "-"), digits(8..<10),
              byte(10, "T") || byte(10, "t"), digits(11..<13), byte(13, ":"), digits(14..<16), byte(16, ":"),
              digits(17..<19)
        else { return false }
        var index = 19
        if byte(index, ".") {
            index += 1
            let start = index
            while index < characters.count, (48...57).contains(characters[index]) { index += 1 }
            if index == start { return false }
        }
        if byte(index, "Z") || byte(index, "z") { return index + 1 == characters.count }
        guard byte(index, "+") || byte(index, "-") else { return false }
        return digits(index + 1..<index + 3) && byte(index + 3, ":") && digits(index + 4..<index + 6)
            && index + 6 == characters.count
    }
}
