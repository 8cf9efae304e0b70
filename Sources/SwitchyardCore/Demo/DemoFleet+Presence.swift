extension DemoFleet {
    /// The demo's resources already in `fleet`, as `kind/name` (`model/sd21`, `pool/amd-neuron`); empty when none
    /// is, the only case in which `serve --demo` loads it.
    public static func names(in fleet: Fleet) -> [String] {
        let demo = DemoFleet.fleet
        var present: [String] = []
        let models = Set(fleet.models.map(\.name))
        present += demo.models.map(\.name).filter(models.contains).map { "model/\($0)" }
        let types = Set(fleet.instanceTypes.map(\.name))
        present += demo.instanceTypes.map(\.name).filter(types.contains).map { "instance-type/\($0)" }
        let pools = Set(fleet.pools.map(\.name))
        present += demo.pools.map(\.name).filter(pools.contains).map { "pool/\($0)" }
        let units = Set(fleet.units.map(\.name))
        present += demo.units.map(\.name).filter(units.contains).map { "unit/\($0)" }
        return present
    }
}
