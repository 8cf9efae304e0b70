extension FleetValidator {
    /// Violations of a pool's node class, with paths under `nodeClass`: what the EC2NodeClass CRD and its CEL
    /// rules refuse, so a node class Switchyard renders is one the API server accepts.
    static func violations(of nodeClass: PoolNodeClass, in check: inout ViolationCollector) {
        switch nodeClass {
        case .existing(let name):
            check.requireName(name, "nodeClass.existing")
        case .managed(let managed, let name):
            if let name { check.requireName(name, "nodeClass.name") }
            check.append(contentsOf: violations(of: managed, at: check.path("nodeClass")))
        }
    }

    /// Violations of a node class Switchyard manages, with paths relative to it unless `prefix` is given.
    public static func violations(of nodeClass: ManagedNodeClass, at prefix: String = "") -> [FieldViolation] {
        var check = ViolationCollector(prefix: prefix)
        switch (nodeClass.role, nodeClass.instanceProfile) {
        case (nil, nil):
            check.add("role", "give role or instanceProfile")
        case (.some, .some):
            check.add("instanceProfile", "must not be given with role: give exactly one of role and instanceProfile")
        case (let role?, nil):
            check.require(isIAMName(role, maxLength: 64), "role", "must be an IAM role name: 1 to 64 of A-Z a-z 0-9 + = , . @ _ -")
        case (nil, let profile?):
            check.require(
                isIAMName(profile, maxLength: 128), "instanceProfile",
                "must be an instance profile name: 1 to 128 of A-Z a-z 0-9 + = , . @ _ -")
        }
        amiViolations(of: nodeClass, in: &check)
        selectorViolations(of: nodeClass.subnetSelectorTerms, field: "subnetSelectorTerms", idPrefix: "subnet-", in: &check)
        selectorViolations(of: nodeClass.securityGroupSelectorTerms, field: "securityGroupSelectorTerms", idPrefix: "sg-", in: &check)
        blockDeviceViolations(of: nodeClass.blockDeviceMappings, in: &check)
        for key in nodeClass.tags.keys.sorted() {
            let field = "tags[\(key)]"
            if let reason = restrictedTagProblem(key) { check.add(field, reason) }
            check.requireText(key, field, maxLength: 128)
            check.requireText(nodeClass.tags[key] ?? "", field, maxLength: 256)
        }
        return check.violations
    }

    private static func amiViolations(of nodeClass: ManagedNodeClass, in check: inout ViolationCollector) {
        let terms = nodeClass.amiSelectorTerms
        check.require((1...30).contains(terms.count), "amiSelectorTerms", "must hold 1 to 30 terms")
        var aliasFamily: ManagedNodeClass.AMIFamily?
        for (index, term) in terms.enumerated() {
            let field = "amiSelectorTerms[\(index)]"
            let given = [term.alias != nil, term.id != nil, term.tags != nil].filter { $0 }.count
            guard given == 1 else {
                check.add(field, "give exactly one of alias, id and tags")
                continue
            }
            if let alias = term.alias {
                check.require(terms.count == 1, "\(field).alias", "an alias must be the only AMI selector term")
                if let problem = aliasProblem(alias) {
                    check.add("\(field).alias", problem)
                } else {
                    aliasFamily = ManagedNodeClass.AMIFamily(aliasFamily: alias.prefix { $0 != "@" })
                }
            }
            if let id = term.id { check.require(isAWSID(id, prefix: "ami-"), "\(field).id", "must be an AMI id such as ami-0123456789abcdef0") }
            if let tags = term.tags { selectorTagViolations(tags, field: "\(field).tags", in: &check) }
        }
        let hasAlias = terms.contains { $0.alias != nil }
        switch (nodeClass.amiFamily, hasAlias) {
        case (nil, false):
            check.add("amiFamily", "is required when no AMI selector term is an alias")
        case (let family?, true):
            if let aliasFamily, family != .custom, family != aliasFamily {
                check.add("amiFamily", "must be \(aliasFamily.rawValue) or Custom with an alias of that family, or left out")
            }
        default:
            break
        }
    }

    private static func selectorViolations(
        of terms: [ManagedNodeClass.SelectorTerm], field: String, idPrefix: String, in check: inout ViolationCollector
    ) {
        check.require((1...30).contains(terms.count), field, "must hold 1 to 30 terms")
        for (index, term) in terms.enumerated() {
            let path = "\(field)[\(index)]"
            switch (term.id, term.tags) {
            case (let id?, nil):
                check.require(isAWSID(id, prefix: idPrefix), "\(path).id", "must be an id such as \(idPrefix)0123456789abcdef0")
            case (nil, let tags?):
                selectorTagViolations(tags, field: "\(path).tags", in: &check)
            default:
                check.add(path, "give exactly one of id and tags")
            }
        }
    }

    private static func selectorTagViolations(_ tags: [String: String], field: String, in check: inout ViolationCollector) {
        check.require((1...20).contains(tags.count), field, "must hold 1 to 20 tags")
        for key in tags.keys.sorted() {
            let value = tags[key] ?? ""
            check.require(!key.isEmpty && !value.isEmpty, "\(field)[\(key)]", "tag keys and values must not be empty")
            check.requireText(key, "\(field)[\(key)]", maxLength: 128)
            check.requireText(value, "\(field)[\(key)]", maxLength: 256)
        }
    }

    private static func blockDeviceViolations(of mappings: [BlockDeviceMapping], in check: inout ViolationCollector) {
        check.require(mappings.count <= 50, "blockDeviceMappings", "must hold at most 50 mappings")
        check.require(
            mappings.filter { $0.rootVolume == true }.count <= 1, "blockDeviceMappings",
            "at most one mapping may be the root volume")
        var devices: Set<String> = []
        for (index, mapping) in mappings.enumerated() {
            let path = "blockDeviceMappings[\(index)]"
            check.requireNonEmpty(mapping.deviceName, "\(path).deviceName") { KubernetesText.tokenProblem($0, maxLength: 64) }
            check.require(devices.insert(mapping.deviceName).inserted, "\(path).deviceName", "duplicate device name")
            let ebs = mapping.ebs
            if let size = ebs.volumeSize {
                check.require(
                    isVolumeSize(size), "\(path).ebs.volumeSize",
                    "must be a size such as 200Gi: 1-59000Gi, 1-64000G, 1-64T, or in Ti what the CRD takes (1-17, 20-27, 30-37, 40-47, 50-58)")
            } else {
                check.require(ebs.snapshotID != nil, "\(path).ebs.volumeSize", "is required unless snapshotID is given")
            }
            if let iops = ebs.iops { check.requireWithin(iops, 100...256_000, "\(path).ebs.iops") }
            if let throughput = ebs.throughput { check.requireWithin(throughput, 125...2_000, "\(path).ebs.throughput") }
            if let key = ebs.kmsKeyID { check.requireNonEmpty(key, "\(path).ebs.kmsKeyID") { KubernetesText.tokenProblem($0, maxLength: 2_048) } }
            if let snapshot = ebs.snapshotID {
                check.require(isAWSID(snapshot, prefix: "snap-"), "\(path).ebs.snapshotID", "must be a snapshot id such as snap-0123456789abcdef0")
            }
        }
    }

    /// Why an AMI alias is refused by the CRD's rules: `family@version`, at most 30 characters, a supported
    /// family, and only `latest` for Windows.
    static func aliasProblem(_ alias: String) -> String? {
        let parts = alias.split(separator: "@", maxSplits: 1, omittingEmptySubsequences: false)
        guard alias.utf8.count <= 30, parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty,
              parts[0].allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }),
              KubernetesText.tokenProblem(alias) == nil
        else {
            return "must be family@version, at most 30 characters, such as al2023@latest"
        }
        guard let family = ManagedNodeClass.AMIFamily(aliasFamily: parts[0]) else {
            return "family must be one of al2, al2023, bottlerocket, windows2019, windows2022, windows2025"
        }
        if family.rawValue.hasPrefix("Windows"), parts[1] != "latest" {
            return "windows families take only the version latest"
        }
        return nil
    }

    /// The CRD's size pattern, read as numbers: no leading zero, and the ranges its alternatives spell.
    static func isVolumeSize(_ value: String) -> Bool {
        let digits = value.prefix { $0.isASCII && $0.isNumber }
        guard let first = digits.first, first != "0", digits.count <= 5, let number = Int(digits) else { return false }
        switch value.dropFirst(digits.count) {
        case "Gi": return number <= 59_000
        case "G": return number <= 64_000
        case "T": return number <= 64
        case "Ti": return number <= 9 || (number <= 58 && (number % 10 <= 7 || number == 58))
        default: return false
        }
    }

    /// `prefix` then one or more lowercase letters or digits, as the CRD's id patterns read.
    static func isAWSID(_ value: String, prefix: String) -> Bool {
        guard value.hasPrefix(prefix), value.utf8.count > prefix.utf8.count, value.utf8.count <= 64 else { return false }
        return value.utf8.dropFirst(prefix.utf8.count).allSatisfy {
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains($0) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0)
        }
    }

    /// IAM names: letters, digits and `+=,.@_-`.
    static func isIAMName(_ value: String, maxLength: Int) -> Bool {
        (1...maxLength).contains(value.utf8.count)
            && value.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || "+=,.@_-".unicodeScalars.contains($0)) }
    }

    /// Tag keys the EC2NodeClass CRD keeps for Karpenter and EKS.
    static func restrictedTagProblem(_ key: String) -> String? {
        if key.isEmpty { return "tag keys must not be empty" }
        if key.hasPrefix("kubernetes.io/cluster") { return "kubernetes.io/cluster tags are Karpenter's" }
        if ["eks:eks-cluster-name", "karpenter.sh/nodepool", "karpenter.sh/nodeclaim", "karpenter.k8s.aws/ec2nodeclass"].contains(key) {
            return "\(key) is a tag Karpenter sets itself"
        }
        return nil
    }
}
