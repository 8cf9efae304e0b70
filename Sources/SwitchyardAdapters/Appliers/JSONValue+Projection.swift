import SwitchyardCore

extension JSONValue {
    /// This (live) value reduced to the paths present in `applied`, so what a server adds (status,
    /// managedFields, resourceVersion, defaulted fields) does not count as a difference.
    ///
    /// Objects keep only the keys `applied` has; array elements are projected pairwise by index, and extra
    /// or missing elements stay, since a list that grew or shrank is a real difference. Scalars are kept as
    /// they are.
    public func projected(onto applied: JSONValue) -> JSONValue {
        switch (self, applied) {
        case (.object(let liveMembers), .object(let appliedMembers)):
            let appliedKeys = Dictionary(appliedMembers.map { ($0.key, $0.value) }) { first, _ in first }
            return .object(liveMembers.compactMap { member in
                guard let shape = appliedKeys[member.key] else { return nil }
                return Member(member.key, member.value.projected(onto: shape))
            })
        case (.array(let liveElements), .array(let appliedElements)):
            return .array(liveElements.enumerated().map { index, element in
                appliedElements.indices.contains(index) ? element.projected(onto: appliedElements[index]) : element
            })
        default:
            return self
        }
    }
}
