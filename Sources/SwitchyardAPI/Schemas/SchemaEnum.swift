/// Moves a case between a domain enum and the generated enum of the same strings (`on-demand`, `NoSchedule`, ...).
/// `SchemaEnumTests` holds every pair to the same cases both ways, so a case added on one side and not the other
/// fails there, not on a request.
enum SchemaEnum {
    static func convert<Source: RawRepresentable, Target: RawRepresentable>(
        _ value: Source, to target: Target.Type = Target.self
    ) throws -> Target where Source.RawValue == String, Target.RawValue == String {
        guard let converted = Target(rawValue: value.rawValue) else {
            throw SchemaMismatch(detail: "\(Target.self) has no case \(value.rawValue)")
        }
        return converted
    }
}
