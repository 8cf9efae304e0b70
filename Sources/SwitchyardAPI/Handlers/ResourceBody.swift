internal import OpenAPIRuntime

/// A request body as the generated server hands it over: parsed JSON, or raw YAML still to be decoded.
enum ResourceBody<Item: Sendable>: Sendable {
    case json(Item)
    case yaml(HTTPBody)
}

// The generated request bodies that come as JSON or YAML, each as a `ResourceBody`.

extension Operations.PutModel.Input.Body {
    var resourceBody: ResourceBody<Components.Schemas.ServedModel> {
        switch self {
        case .json(let item): .json(item)
        case .yaml(let raw): .yaml(raw)
        }
    }
}

extension Operations.PutInstanceType.Input.Body {
    var resourceBody: ResourceBody<Components.Schemas.InstanceType> {
        switch self {
        case .json(let item): .json(item)
        case .yaml(let raw): .yaml(raw)
        }
    }
}

extension Operations.PutPool.Input.Body {
    var resourceBody: ResourceBody<Components.Schemas.CapacityPool> {
        switch self {
        case .json(let item): .json(item)
        case .yaml(let raw): .yaml(raw)
        }
    }
}

extension Operations.PutUnit.Input.Body {
    var resourceBody: ResourceBody<Components.Schemas.DeploymentUnit> {
        switch self {
        case .json(let item): .json(item)
        case .yaml(let raw): .yaml(raw)
        }
    }
}

extension Operations.AppendBenchmarkRun.Input.Body {
    var resourceBody: ResourceBody<Components.Schemas.BenchmarkRun> {
        switch self {
        case .json(let item): .json(item)
        case .yaml(let raw): .yaml(raw)
        }
    }
}

extension Operations.ImportFleet.Input.Body {
    var resourceBody: ResourceBody<Components.Schemas.Fleet> {
        switch self {
        case .json(let item): .json(item)
        case .yaml(let raw): .yaml(raw)
        }
    }
}

extension Operations.CreateToken.Input.Body {
    var resourceBody: ResourceBody<Components.Schemas.TokenRequest> {
        switch self {
        case .json(let item): .json(item)
        case .yaml(let raw): .yaml(raw)
        }
    }
}

extension Operations.WhatIf.Input.Body {
    var resourceBody: ResourceBody<Components.Schemas.WhatIfRequest> {
        switch self {
        case .json(let item): .json(item)
        case .yaml(let raw): .yaml(raw)
        }
    }
}
