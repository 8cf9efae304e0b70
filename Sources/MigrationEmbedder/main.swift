import Foundation

// Usage: MigrationEmbedder OUTPUT.swift migrations/sqlite/001_name.sql migrations/postgres/001_name.sql ...
// Writes `EmbeddedMigrations.sqlite` and `EmbeddedMigrations.postgres`: (identifier, sql) pairs in file-name order,
// one numbered sequence per engine, each from its own folder.
let engines = ["sqlite", "postgres"]
let arguments = CommandLine.arguments.dropFirst()
guard let outputPath = arguments.first else {
    FileHandle.standardError.write(Data("usage: MigrationEmbedder OUTPUT FILE...\n".utf8))
    exit(64)
}
var files: [String: [URL]] = [:]
for path in arguments.dropFirst() {
    let url = URL(fileURLWithPath: path)
    let engine = url.deletingLastPathComponent().lastPathComponent
    guard engines.contains(engine) else {
        FileHandle.standardError.write(Data(
            "error: \(path): a migration belongs in migrations/sqlite/ or migrations/postgres/ (one sequence per engine)\n"
                .utf8))
        exit(65)
    }
    files[engine, default: []].append(url)
}
var source = """
// Generated from migrations/sqlite/*.sql and migrations/postgres/*.sql at build time. Do not edit.

enum EmbeddedMigrations {

"""
for engine in engines {
    source += "    static let \(engine): [(identifier: String, sql: String)] = [\n"
    for url in (files[engine] ?? []).sorted(by: { $0.lastPathComponent < $1.lastPathComponent }) {
        let identifier = url.deletingPathExtension().lastPathComponent
        let sql = try String(contentsOf: url, encoding: .utf8)
        // A raw string delimiter longer than any run of '#' in the file keeps the SQL verbatim.
        var delimiter = "#"
        while sql.contains("\"" + delimiter) || sql.contains(delimiter + "\"") { delimiter += "#" }
        source += "        (\(String(reflecting: identifier)), \(delimiter)\"\"\"\n\(sql)\n\"\"\"\(delimiter)),\n"
    }
    source += "    ]\n"
}
source += "}\n"
try source.write(toFile: outputPath, atomically: true, encoding: .utf8)
