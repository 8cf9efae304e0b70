extension FleetValidator {
    /// A pool's reservation and spot interruption rates: `reserved` and a reservation go together, the reservation
    /// names its id and holds at least one instance, and each rate is a fraction of nodes per hour.
    static func capacityViolations(of pool: CapacityPool, in check: inout ViolationCollector) {
        let reserves = pool.capacityTypes.contains(.reserved)
        if Set(pool.capacityTypes).count > 1 {
            // One NodePool per kind, named `<pool>-<kind>`: the longest suffix is `-on-demand`.
            let longest = NameRule.maximumLength - "-on-demand".count
            check.require(
                pool.name.count <= longest, "name",
                "must be at most \(longest) characters when the pool launches several capacity kinds "
                    + "(its NodePools are named <name>-<kind>)")
        }
        if let reservation = pool.reservation {
            check.require(
                reserves, "reservation", "a reservation needs reserved among capacityTypes, or it is never launched into")
            if let id = reservation.id {
                check.require(
                    isCapacityReservationID(id), "reservation.id",
                    "must be a capacity reservation id such as cr-0123456789abcdef0")
            } else {
                check.add("reservation.id", "a reserved instance count needs the reservation's id")
            }
            check.requireWithin(reservation.instanceCount, 1...DomainLimits.maxPoolCount, "reservation.instanceCount")
        } else if reserves {
            check.add("capacityTypes", "reserved needs the pool's reservation (reservation.id and reservation.instanceCount)")
        }
        for family in pool.spotInterruptionRates.keys.sorted() {
            let field = "spotInterruptionRates.\(family)"
            if family != CapacityPool.anyFamily, let problem = KubernetesText.labelValueProblem(family) {
                check.add(field, problem)
            }
            check.requireFraction(pool.spotInterruptionRates[family] ?? 0, field)
        }
        if !pool.spotInterruptionRates.isEmpty {
            check.require(
                pool.capacityTypes.contains(.spot), "spotInterruptionRates", "the pool launches no spot nodes")
        }
    }

    /// A unit's capacity kinds: at least one, none twice, and the kind it is priced at is a priced one.
    static func capacityViolations(of unit: DeploymentUnit, in check: inout ViolationCollector) {
        check.require(!unit.capacityTypes.isEmpty, "capacityTypes", "must name at least one capacity type")
        check.require(
            Set(unit.capacityTypes).count == unit.capacityTypes.count, "capacityTypes", "must not name a capacity type twice")
        check.require(
            unit.capacityType.isPriced, "capacityType",
            "must be on-demand or spot: the cost and capacity strategies price the unit at it")
        check.require(
            unit.capacityTypes.contains(unit.capacityType) || unit.capacityTypes == [.reserved], "capacityType",
            "must be one of capacityTypes (\(unit.capacityTypes.map(\.rawValue).joined(separator: ", ")))")
        if unit.pinCapacityType {
            check.require(
                unit.capacityTypes.count == 1, "pinCapacityType",
                "needs exactly one kind in capacityTypes: a node selector pins one")
        }
    }

    /// The kinds a unit asks for that its pool does not launch, as violations of `capacityTypes`.
    public static func capacityKindMismatch(of unit: DeploymentUnit, pool: CapacityPool) -> [FieldViolation] {
        unit.capacityTypes.filter { !pool.capacityTypes.contains($0) }.map { kind in
            FieldViolation(
                field: "capacityTypes",
                message: "pool \(pool.name) does not launch \(kind.rawValue) capacity "
                    + "(its capacityTypes: \(pool.capacityTypes.map(\.rawValue).joined(separator: ", ")))")
        }
    }

    /// `cr-` then lowercase letters and digits, as the EC2NodeClass CRD accepts capacity reservation ids.
    static func isCapacityReservationID(_ value: String) -> Bool {
        let rest = value.dropFirst(3)
        return value.hasPrefix("cr-") && !rest.isEmpty && value.count <= 64
            && rest.allSatisfy { $0.isASCII && ($0.isLowercase || $0.isNumber) }
    }
}
