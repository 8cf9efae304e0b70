import ArgumentParser
import Foundation
import SwitchyardCore
import SwitchyardStore
import Yams

/// Where an offline command reads the fleet from: an export file (`--fleet`, JSON or YAML) or the database.
struct FleetSource: ParsableArguments {
    @Option(help: ArgumentHelp("A fleet document as written by GET /v1/export (JSON or YAML); read instead of the database.", valueName: "file"))
    var fleet: String?

    @OptionGroup var database: DatabaseOption

    func load(settings: Settings) async throws -> Fleet {
        if let fleet {
            let data = try Data(contentsOf: URL(fileURLWithPath: fleet))
            return try FleetDocument.decode(data)
        }
        let location = try StoreLocation(settings)
        if case .sqlite(let path) = location, !FileManager.default.fileExists(atPath: path) {
            throw ValidationError("no database at \(path); pass --database or --fleet")
        }
        return try await OpenedStore.with(location) { try await $0.store.fleetSnapshot() }
    }
}

/// Reads a fleet document in either of its formats.
enum FleetDocument {
    static func decode(_ data: Data) throws -> Fleet {
        let text = String(decoding: data, as: UTF8.self)
        if text.drop(while: { $0.isWhitespace }).first == "{" {
            return try JSONDecoder().decode(Fleet.self, from: data)
        }
        return try YAMLDecoder().decode(Fleet.self, from: text)
    }
}
