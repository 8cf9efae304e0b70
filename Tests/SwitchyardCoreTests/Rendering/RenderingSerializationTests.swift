import SwitchyardCore
import Testing

@Suite("Rendering: YAML and JSON")
struct RenderingSerializationTests {
    let rendered = ManifestRenderer().render(RenderingFixtures.input())

    @Test func yamlIsMultiDocumentAndQuotesNumericStrings() throws {
        let yaml = try ManifestSerializer.yaml(rendered.objects)
        let documentStarts = yaml.split(separator: "\n").filter { $0 == "---" }
        #expect(documentStarts.count == rendered.objects.count)
        #expect(yaml.contains("alb.ingress.kubernetes.io/healthcheck-interval-seconds: '10'"))
        #expect(yaml.contains("aws.amazon.com/neuron: '1'"))
        #expect(yaml.contains("targetMetricValue: '84'"))
        // Namespaces come first, so a first apply has somewhere to put everything namespaced; then the node pools.
        #expect(yaml.hasPrefix("---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: sd21\n"))
        #expect(yaml.contains("---\napiVersion: karpenter.sh/v1\nkind: NodePool\nmetadata:\n  name: amd-neuron\n"))
    }

    @Test func yamlAndJSONReadBackToTheSameObjects() throws {
        let yaml = try ManifestSerializer.yaml(rendered.objects)
        let json = try ManifestSerializer.json(rendered.objects)
        #expect(try ManifestSerializer.objects(from: yaml) == rendered.objects)
        #expect(try ManifestSerializer.objects(from: json) == rendered.objects)
        let trees = try rendered.objects.map { try $0.jsonValue() }
        let fromYAML = try ManifestSerializer.documents(from: yaml)
        #expect(fromYAML.count == trees.count)
        for (read, written) in zip(fromYAML, trees) {
            #expect(read == written, "\(ObjectIdentity(written)?.description ?? "?") changed in the round trip")
        }
    }

    @Test func outputIsTheSameWhateverTheInputOrder() throws {
        var shuffled = RenderingFixtures.input()
        shuffled.units.reverse()
        shuffled.pools.reverse()
        shuffled.instanceTypes.reverse()
        shuffled.ratings.reverse()
        let first = try ManifestSerializer.yaml(rendered.objects)
        let second = try ManifestSerializer.yaml(ManifestRenderer().render(shuffled).objects)
        #expect(first == second)
    }

    @Test func keysFollowKubernetesOrder() throws {
        let deployment = try #require(rendered.objects.first { $0.kind == "Deployment" })
        guard case .object(let members) = try deployment.jsonValue() else {
            Issue.record("a Deployment encodes as an object")
            return
        }
        #expect(members.map(\.key) == ["apiVersion", "kind", "metadata", "spec"])
        guard case .object(let container)? = try deployment.jsonValue()["spec"]?["template"]?["spec"]?["containers"]?[0] else {
            Issue.record("no container")
            return
        }
        #expect(container.map(\.key) == ["name", "image", "ports", "resources", "readinessProbe", "livenessProbe"])
    }

    @Test func perModelObjectsIncludeItsPools() {
        let objects = rendered.objects(forModel: "sd21")
        #expect(objects.count == rendered.objects.count)
        #expect(rendered.objects(forModel: "llama").isEmpty)
    }
}
