/// A volume an EC2NodeClass attaches to its nodes, as the CRD spells it: e.g. `/dev/xvda`, the root volume,
/// 200Gi of encrypted gp3 so model weights fit on the node.
public struct BlockDeviceMapping: Codable, Sendable, Hashable {
    /// The device name, e.g. `/dev/xvda` (the AL2023 root device) or `/dev/xvdb`.
    public var deviceName: String
    /// Whether this is the node's root volume; at most one mapping may be.
    public var rootVolume: Bool?
    public var ebs: EBSVolume

    public init(deviceName: String, rootVolume: Bool? = nil, ebs: EBSVolume) {
        self.deviceName = deviceName
        self.rootVolume = rootVolume
        self.ebs = ebs
    }

    public struct EBSVolume: Codable, Sendable, Hashable {
        /// A quantity such as `200Gi`; required unless the volume is made from `snapshotID`.
        public var volumeSize: String?
        /// Default gp3.
        public var volumeType: VolumeType
        /// Default true.
        public var encrypted: Bool
        public var deleteOnTermination: Bool?
        /// Provisioned IOPS (gp3, io1, io2).
        public var iops: Int?
        /// Throughput in MiB/s (gp3).
        public var throughput: Int?
        /// The KMS key that encrypts the volume; default the account's EBS key.
        public var kmsKeyID: String?
        public var snapshotID: String?

        public init(
            volumeSize: String? = nil, volumeType: VolumeType = .gp3, encrypted: Bool = true,
            deleteOnTermination: Bool? = nil, iops: Int? = nil, throughput: Int? = nil, kmsKeyID: String? = nil,
            snapshotID: String? = nil
        ) {
            self.volumeSize = volumeSize
            self.volumeType = volumeType
            self.encrypted = encrypted
            self.deleteOnTermination = deleteOnTermination
            self.iops = iops
            self.throughput = throughput
            self.kmsKeyID = kmsKeyID
            self.snapshotID = snapshotID
        }
    }

    /// The CRD's EBS volume types.
    public enum VolumeType: String, Codable, Sendable, Hashable, CaseIterable {
        case standard, io1, io2, gp2, sc1, st1, gp3
    }
}

// Decoding applies the documented defaults; encoding stays synthesised so exports carry every field.
extension BlockDeviceMapping.EBSVolume {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            volumeSize: try container.decodeIfPresent(String.self, forKey: .volumeSize),
            volumeType: try container.decodeIfPresent(BlockDeviceMapping.VolumeType.self, forKey: .volumeType) ?? .gp3,
            encrypted: try container.decodeIfPresent(Bool.self, forKey: .encrypted) ?? true,
            deleteOnTermination: try container.decodeIfPresent(Bool.self, forKey: .deleteOnTermination),
            iops: try container.decodeIfPresent(Int.self, forKey: .iops),
            throughput: try container.decodeIfPresent(Int.self, forKey: .throughput),
            kmsKeyID: try container.decodeIfPresent(String.self, forKey: .kmsKeyID),
            snapshotID: try container.decodeIfPresent(String.self, forKey: .snapshotID)
        )
    }
}
