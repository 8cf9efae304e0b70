import SwitchyardCore
import SwitchyardStore

// Tokens and the audit chain's verdict as the API shows them, field by field.

extension Components.Schemas.TokenInfo {
    init(_ info: SwitchyardStore.TokenInfo) throws {
        self.init(
            name: info.name, role: try SchemaEnum.convert(info.role), createdAt: info.createdAt, revokedAt: info.revokedAt,
            createdBy: info.createdBy)
    }
}

extension Components.Schemas.AuditVerification {
    init(_ verdict: SwitchyardStore.AuditVerification) {
        self.init(
            valid: verdict.valid, checked: verdict.checked, firstBrokenSeq: verdict.firstBrokenSeq, problem: verdict.problem,
            fromSeq: verdict.fromSeq, headSeq: verdict.headSeq)
    }
}
