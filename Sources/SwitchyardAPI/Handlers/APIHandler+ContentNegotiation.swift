internal import OpenAPIRuntime

extension APIHandler {
    /// Whether `Accept` asks for `wanted` rather than `other`, of the two types an operation can answer with:
    /// it does when it ranks `wanted` higher, or names `wanted` and not `other`. Otherwise the caller's default applies.
    static func accepts<ContentType: AcceptableProtocol>(
        _ wanted: ContentType, over other: ContentType, in accept: [AcceptHeaderContentType<ContentType>]
    ) -> Bool {
        let wantedQuality = accept.filter { $0.contentType == wanted }.map(\.quality.doubleValue).max()
        let otherQuality = accept.filter { $0.contentType == other }.map(\.quality.doubleValue).max()
        guard let wantedQuality, wantedQuality > 0 else { return false }
        guard let otherQuality else { return true }
        return wantedQuality > otherQuality
    }
}
