import SwitchyardCore
import Testing

@Suite("Rendering: per-unit objects")
struct RenderingWorkloadTests {
    let rendered = ManifestRenderer().render(RenderingFixtures.input())

    @Test func everyUnitGetsADeploymentServiceAndScaledObject() {
        let names = Set(RenderingFixtures.units.map(\.name))
        #expect(Set(rendered.deployments.map(\.metadata.name)) == names)
        #expect(Set(rendered.services.map(\.metadata.name)) == names)
        #expect(Set(rendered.scaledObjects.map(\.spec.scaleTargetRef.name)) == names)
        #expect(rendered.warnings.isEmpty, "\(rendered.warnings)")
    }

    @Test func deploymentRequestsTheDeviceResourceAndLandsOnItsPool() throws {
        let inf2 = try #require(rendered.deployments.first { $0.metadata.name == "sd21-inf2" })
        let g6 = try #require(rendered.deployments.first { $0.metadata.name == "sd21-g6-triton" })
        let inf2Container = try #require(inf2.spec.template.spec.containers.first)
        let g6Container = try #require(g6.spec.template.spec.containers.first)

        #expect(inf2Container.resources.requests?["aws.amazon.com/neuron"] == "1")
        #expect(inf2Container.resources.limits?["aws.amazon.com/neuron"] == "1")
        #expect(g6Container.resources.limits?["nvidia.com/gpu"] == "1")
        #expect(g6Container.resources.limits?["aws.amazon.com/neuron"] == nil)
        #expect(inf2.spec.template.spec.nodeSelector?["karpenter.sh/nodepool"] == "amd-neuron")
        #expect(g6.spec.template.spec.nodeSelector?["karpenter.sh/nodepool"] == "amd-nvidia")
        #expect(inf2.spec.template.spec.tolerations == [
            PodSpec.Toleration(key: "aws.amazon.com/neuron", operator: "Exists", effect: "NoSchedule"),
        ])
        #expect(g6.spec.template.spec.tolerations == [
            PodSpec.Toleration(key: "nvidia.com/gpu", operator: "Equal", value: "true", effect: "NoSchedule"),
        ])
        // A ScaledObject owns the replica count.
        #expect(inf2.spec.replicas == nil)
    }

    @Test func probesFollowSeed003() throws {
        let deployment = try #require(rendered.deployments.first { $0.metadata.name == "sd21-trn1" })
        let container = try #require(deployment.spec.template.spec.containers.first)
        let readiness = try #require(container.readinessProbe)
        let liveness = try #require(container.livenessProbe)
        #expect(readiness.httpGet == PodSpec.HTTPGetAction(path: "/readiness", port: .int(8000)))
        #expect(liveness.httpGet == PodSpec.HTTPGetAction(path: "/health", port: .int(8000)))
        #expect(readiness.initialDelaySeconds == 60 && readiness.periodSeconds == 10)
        #expect(liveness.initialDelaySeconds == 60 && liveness.periodSeconds == 10)
    }

    @Test func labelsTieObjectsToModelAndUnit() throws {
        for object in rendered.objects {
            guard case .nodePool = object else {
                #expect(object.metadata.labels?["app.kubernetes.io/managed-by"] == "switchyard", "\(object.identity)")
                continue
            }
        }
        let deployment = try #require(rendered.deployments.first { $0.metadata.name == "sd21-g5-cuda" })
        #expect(deployment.spec.template.metadata.labels?["switchyard.dev/unit"] == "sd21-g5-cuda")
        #expect(deployment.spec.template.metadata.labels?["switchyard.dev/model"] == "sd21")
        #expect(deployment.spec.selector.matchLabels.dictionary == ["switchyard.dev/model": "sd21", "switchyard.dev/unit": "sd21-g5-cuda"])
        let service = try #require(rendered.services.first { $0.metadata.name == "sd21-g5-cuda" })
        #expect(service.spec.selector == deployment.spec.selector.matchLabels)
        #expect(service.spec.ports == [Service.Port(name: "http", port: 80, targetPort: .int(8000))])
    }

    @Test func scaledObjectTargetIsBreakingPointTimesUtilisation() throws {
        for unit in RenderingFixtures.units {
            let scaledObject = try #require(rendered.scaledObjects.first { $0.spec.scaleTargetRef.name == unit.name })
            let trigger = try #require(scaledObject.spec.triggers.first)
            let target = try #require(trigger["targetMetricValue"].flatMap(Double.init))
            let breakingPoint = try #require(RenderingFixtures.breakingPoints[unit.name])
            #expect(abs(target - breakingPoint * 0.8) < 0.001, "\(unit.name)")
            #expect(trigger.type == "aws-cloudwatch")
            #expect(trigger["metricName"] == "\(unit.name)-counter")
            #expect(trigger["expression"] == #"SELECT SUM("\#(unit.name)-counter") FROM SCHEMA("hw-agnostic-infer")"#)
            #expect(trigger["awsRegion"] == "us-west-2")
            #expect(scaledObject.spec.minReplicaCount == unit.minReplicas)
            #expect(scaledObject.spec.maxReplicaCount == unit.maxReplicas)
        }
    }

    @Test func scaleToZeroCarriesAnActivationThreshold() throws {
        let cuda = try #require(rendered.scaledObjects.first { $0.spec.scaleTargetRef.name == "sd21-g5-cuda" })
        let inf2 = try #require(rendered.scaledObjects.first { $0.spec.scaleTargetRef.name == "sd21-inf2" })
        #expect(cuda.spec.minReplicaCount == 0)
        #expect(cuda.spec.triggers.first?["activationTargetMetricValue"] == "1")
        #expect(inf2.spec.triggers.first?["activationTargetMetricValue"] == nil)
        // Fallback never drops a scaled-to-zero unit to zero pods while metrics are missing.
        #expect(cuda.spec.fallback?.replicas == 1)
    }

    @Test func prometheusTriggerUsesServerQueryAndThreshold() throws {
        var settings = RenderSettings(trigger: .prometheus(serverAddress: "http://prometheus.monitoring:9090"), targetUtilization: 0.5)
        settings.activationThreshold = 2
        let rendered = ManifestRenderer().render(RenderingFixtures.input(settings: settings))
        let cuda = try #require(rendered.scaledObjects.first { $0.spec.scaleTargetRef.name == "sd21-g5-cuda" })
        let trigger = try #require(cuda.spec.triggers.first)
        #expect(trigger.type == "prometheus")
        #expect(trigger["serverAddress"] == "http://prometheus.monitoring:9090")
        #expect(trigger["query"] == #"sum(rate(http_requests_total{namespace="sd21",service="sd21-g5-cuda"}[1m]))"#)
        #expect(trigger["threshold"] == "30")
        #expect(trigger["activationThreshold"] == "2")
        #expect(trigger["targetMetricValue"] == nil)
    }

    @Test func unratedUnitGetsNoScaledObjectAndAWarning() throws {
        let ratings = RenderingFixtures.ratings.filter { $0.unit != "sd21-g6-triton" }
        var plan = RenderingFixtures.plan()
        plan.entries.removeAll { $0.unit == "sd21-g6-triton" }
        let rendered = ManifestRenderer().render(RenderingFixtures.input(plan: plan, ratings: ratings))
        #expect(!rendered.scaledObjects.contains { $0.spec.scaleTargetRef.name == "sd21-g6-triton" })
        #expect(rendered.scaledObjects.count == 4)
        #expect(rendered.warnings.map(\.kind) == [.unratedUnit])
        #expect(rendered.warnings.first?.subject == "sd21-g6-triton")
        let deployment = try #require(rendered.deployments.first { $0.metadata.name == "sd21-g6-triton" })
        #expect(deployment.spec.replicas == 1)
    }
}

@Suite("Rendering: pools")
struct RenderingNodePoolTests {
    @Test func nodePoolRequirementsLimitsAndDisruption() throws {
        let rendered = ManifestRenderer().render(RenderingFixtures.input())
        let neuron = try #require(rendered.nodePools.first { $0.metadata.name == "amd-neuron" })
        let nvidia = try #require(rendered.nodePools.first { $0.metadata.name == "amd-nvidia" })
        #expect(neuron.spec.template.spec.requirements == [
            NodePool.Requirement(key: "karpenter.k8s.aws/instance-family", values: ["inf2", "trn1"]),
            NodePool.Requirement(key: "karpenter.sh/capacity-type", values: ["on-demand"]),
            NodePool.Requirement(key: "kubernetes.io/arch", values: ["amd64"]),
        ])
        #expect(nvidia.spec.template.spec.requirements.first == NodePool.Requirement(key: "karpenter.k8s.aws/instance-gpu-name", values: ["a10g", "l4"]))
        #expect(nvidia.spec.template.spec.requirements[1].values == ["on-demand", "spot"])
        #expect(neuron.spec.template.spec.nodeClassRef == NodePool.NodeClassRef(group: "karpenter.k8s.aws", kind: "EC2NodeClass", name: "default"))
        #expect(neuron.spec.limits?.dictionary == ["cpu": "256", "memory": "1024Gi", "aws.amazon.com/neuron": "32"])
        #expect(nvidia.spec.limits?.dictionary == ["nvidia.com/gpu": "16", "nodes": "16"])
        #expect(nvidia.spec.disruption.consolidationPolicy == "WhenEmpty")
        #expect(nvidia.spec.disruption.consolidateAfter == "10m")
        #expect(nvidia.spec.disruption.budgets == [NodePool.Budget(nodes: "10%")])
        #expect(nvidia.spec.template.spec.taints == [Taint(key: "nvidia.com/gpu", value: "true", effect: .noSchedule)])
        #expect(neuron.spec.template.spec.expireAfter == "720h")
        #expect(rendered.nodeClasses.isEmpty)
    }

    @Test func cheaperPoolGetsTheHigherWeightWithinKarpentersRange() throws {
        let rendered = ManifestRenderer().render(RenderingFixtures.input())
        let neuron = try #require(rendered.nodePools.first { $0.metadata.name == "amd-neuron" }?.spec.weight)
        let nvidia = try #require(rendered.nodePools.first { $0.metadata.name == "amd-nvidia" }?.spec.weight)
        // inf2 costs $0.00201/1k inferences, the best NVIDIA unit (g5 triton) $0.00310.
        #expect(neuron > nvidia)
        #expect((1...100).contains(neuron) && (1...100).contains(nvidia))

        var pools = RenderingFixtures.pools
        pools[1].weight = 250
        var input = RenderingFixtures.input()
        input.pools = pools
        let explicit = ManifestRenderer().render(input)
        #expect(explicit.nodePools.first { $0.metadata.name == "amd-nvidia" }?.spec.weight == 100)
    }

    @Test func managedNodeClassIsRenderedAndReferenced() throws {
        let settings = RenderSettings(nodeClass: NodeClassSettings(
            name: "accelerated",
            managed: ManagedNodeClass(
                role: "KarpenterNodeRole-demo", subnetSelectorTerms: [.init(tags: ["karpenter.sh/discovery": "demo"])],
                securityGroupSelectorTerms: [.init(tags: ["karpenter.sh/discovery": "demo"])])))
        let rendered = ManifestRenderer().render(RenderingFixtures.input(settings: settings))
        let nodeClass = try #require(rendered.nodeClasses.first)
        #expect(nodeClass.metadata.name == "accelerated")
        #expect(nodeClass.spec.amiSelectorTerms == [EC2NodeClass.AMISelectorTerm(alias: "al2023@latest")])
        #expect(nodeClass.spec.role == "KarpenterNodeRole-demo")
        #expect(rendered.nodePools.allSatisfy { $0.spec.template.spec.nodeClassRef.name == "accelerated" })
        // After the Namespaces and before the NodePools that reference it.
        #expect(rendered.objects.first { $0.kind != "Namespace" }?.kind == "EC2NodeClass")
    }
}

extension ScaledObject.Trigger {
    subscript(key: String) -> String? { metadata[key] }
}
