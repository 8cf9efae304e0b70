import SwitchyardCore
import SwitchyardStore
import Testing

@testable import SwitchyardAPI

/// The API maps these enums by their strings; each domain enum and its generated twin must have the same cases, so a
/// case added on one side only fails here rather than as a 500 on a request.
@Suite("Schema enums: every domain enum and its generated twin have the same cases")
struct SchemaEnumTests {
    func same<Domain: CaseIterable & RawRepresentable & Equatable, Schema: CaseIterable & RawRepresentable>(
        _ domain: Domain.Type, _ schema: Schema.Type, sourceLocation: SourceLocation = #_sourceLocation
    ) throws where Domain.RawValue == String, Schema.RawValue == String {
        #expect(
            Set(domain.allCases.map(\.rawValue)) == Set(schema.allCases.map(\.rawValue)), "\(Domain.self)",
            sourceLocation: sourceLocation)
        for value in domain.allCases {
            let converted: Schema = try SchemaEnum.convert(value)
            #expect(try SchemaEnum.convert(converted, to: Domain.self) == value, sourceLocation: sourceLocation)
        }
    }

    @Test("fleet resources")
    func fleet() throws {
        try same(LatencyPercentile.self, Components.Schemas.LatencyPercentile.self)
        try same(ApplierKind.self, Components.Schemas.ApplierKind.self)
        try same(WorkloadKind.self, Components.Schemas.WorkloadKind.self)
        try same(RouterKind.self, Components.Schemas.RouterKind.self)
        try same(StrategyKind.self, Components.Schemas.StrategyKind.self)
        try same(CapacityType.self, Components.Schemas.CapacityType.self)
        try same(CPUArchitecture.self, Components.Schemas.CPUArchitecture.self)
        try same(TaintEffect.self, Components.Schemas.TaintEffect.self)
        try same(ConsolidationPolicy.self, Components.Schemas.ConsolidationPolicy.self)
        try same(ManagedNodeClass.AMIFamily.self, Components.Schemas.ManagedNodeClass.AmiFamilyPayload.self)
        try same(BlockDeviceMapping.VolumeType.self, Components.Schemas.EBSVolume.VolumeTypePayload.self)
        try same(ResourceKind.self, Components.Schemas.ResourceKind.self)
        try same(Role.self, Components.Schemas.Role.self)
    }

    @Test("rollouts")
    func rollouts() throws {
        try same(RolloutStatus.self, Components.Schemas.RolloutStatus.self)
        try same(RolloutAction.self, Components.Schemas.RolloutAction.self)
        try same(NoDataPolicy.self, Components.Schemas.NoDataPolicy.self)
    }
}
