import ArgumentParser
import SwitchyardCore

/// The default EC2NodeClass: the one NodePools of pools without a node class of their own reference, and, when a
/// role or instance profile is given, what Switchyard renders for it.
struct NodeClassOptions: ParsableArguments, SettingFlags {
    @Option(
        name: .customLong("node-class"),
        help: ArgumentHelp("The default EC2NodeClass's name (env SWITCHYARD_NODE_CLASS; default default).", valueName: "name"))
    var name: String?

    @Option(
        name: .customLong("node-class-role"),
        help: ArgumentHelp("Render the default EC2NodeClass, its nodes with this IAM role (env SWITCHYARD_NODE_CLASS_ROLE; default none: the node class exists already).", valueName: "role"))
    var role: String?

    @Option(
        name: .customLong("node-class-instance-profile"),
        help: ArgumentHelp("Render the default EC2NodeClass, its nodes with this instance profile instead of a role (env SWITCHYARD_NODE_CLASS_INSTANCE_PROFILE).", valueName: "name"))
    var instanceProfile: String?

    @Option(
        name: .customLong("node-class-subnet-tag"),
        help: ArgumentHelp("A tag the rendered node class's subnets carry, e.g. karpenter.sh/discovery=my-cluster; repeatable, all must match (env SWITCHYARD_NODE_CLASS_SUBNET_TAG, comma-separated).", valueName: "key=value"))
    var subnetTags: [String] = []

    @Option(
        name: .customLong("node-class-security-group-tag"),
        help: ArgumentHelp("A tag the rendered node class's security groups carry; repeatable, all must match (env SWITCHYARD_NODE_CLASS_SECURITY_GROUP_TAG, comma-separated).", valueName: "key=value"))
    var securityGroupTags: [String] = []

    @Option(
        name: .customLong("node-class-ami-alias"),
        help: ArgumentHelp("The rendered node class's AMI alias (env SWITCHYARD_NODE_CLASS_AMI_ALIAS; default al2023@latest).", valueName: "family@version"))
    var amiAlias: String?

    func add(to flags: inout FlagValues) {
        flags.add("nodeClass", name)
        flags.add("nodeClassRole", role)
        flags.add("nodeClassInstanceProfile", instanceProfile)
        flags.add("nodeClassSubnetTag", subnetTags)
        flags.add("nodeClassSecurityGroupTag", securityGroupTags)
        flags.add("nodeClassAmiAlias", amiAlias)
    }

    static func settings(_ settings: Settings) throws -> NodeClassSettings {
        let name = settings.string("nodeClass", default: NodeClassSettings().name)
        if let problem = NameRule.problem(with: name) { throw ValidationError("--node-class \(problem), got '\(name)'") }
        let role = settings.string("nodeClassRole")
        let instanceProfile = settings.string("nodeClassInstanceProfile")
        let subnetTags = try tags(settings.list("nodeClassSubnetTag"), flag: "--node-class-subnet-tag")
        let securityGroupTags = try tags(settings.list("nodeClassSecurityGroupTag"), flag: "--node-class-security-group-tag")
        let alias = settings.string("nodeClassAmiAlias")
        guard role != nil || instanceProfile != nil else {
            if !subnetTags.isEmpty || !securityGroupTags.isEmpty || alias != nil {
                throw ValidationError("the --node-class-* settings of a rendered node class need --node-class-role or --node-class-instance-profile")
            }
            return NodeClassSettings(name: name)
        }
        let managed = ManagedNodeClass(
            role: role, instanceProfile: instanceProfile,
            amiSelectorTerms: alias.map { [.init(alias: $0)] } ?? ManagedNodeClass.defaultAMISelectorTerms,
            subnetSelectorTerms: subnetTags.isEmpty ? [] : [.init(tags: subnetTags)],
            securityGroupSelectorTerms: securityGroupTags.isEmpty ? [] : [.init(tags: securityGroupTags)])
        let violations = FleetValidator.violations(of: managed)
        guard violations.isEmpty else {
            let flags = violations.map { "\(Self.flag(for: $0.field)): \($0.message)" }
            throw ValidationError("the default node class is invalid: \(flags.joined(separator: "; "))")
        }
        return NodeClassSettings(name: name, managed: managed)
    }

    /// `key=value` pairs; a key given twice keeps its last value.
    private static func tags(_ texts: [String], flag: String) throws -> [String: String] {
        try texts.reduce(into: [:]) { tags, text in
            guard let equals = text.firstIndex(of: "="), equals != text.startIndex, text.index(after: equals) != text.endIndex else {
                throw ValidationError("\(flag) must be KEY=VALUE, got '\(text)'")
            }
            tags[String(text[..<equals])] = String(text[text.index(after: equals)...])
        }
    }

    /// The flag that sets a field of the rendered node class.
    private static func flag(for field: String) -> String {
        let flags = [
            ("role", "--node-class-role"), ("instanceProfile", "--node-class-instance-profile"),
            ("amiSelectorTerms", "--node-class-ami-alias"), ("subnetSelectorTerms", "--node-class-subnet-tag"),
            ("securityGroupSelectorTerms", "--node-class-security-group-tag"),
        ]
        return flags.first { field.hasPrefix($0.0) }?.1 ?? field
    }
}
