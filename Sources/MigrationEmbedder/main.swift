import Foundation

// Usage: MigrationEmbedder OUTPUT.swift 001_name.sql 002_name.sql ...
// Writes `EmbeddedMigrations.all`: (identifier, sql) pairs in file-name order.
let arguments = CommandLine.arguments.dropFirst()
guard let outputPath = arguments.first else {
    FileHandle.standardError.write(Data("usage: MigrationEmbedder OUTPUT FILE...\n".utf8))
    exit(64)
}
var source = """
// Generated from migrations/*.sql at build time. Do not edit.

enum EmbeddedMigrations {
    static let all: [(identifier: String, sql: String)] = [

"""
for path in arguments.dropFirst().sorted() {
    let url = URL(fileURLWithPath: path)
    let identifier = url.deletingPathExtension().lastPathComponent
    let sql = try String(contentsOf: url, encoding: .utf8)
    // A raw string delimiter longer than any run of '#' in the file keeps the SQL verbatim.
    var delimiter = "#"
    while sql.contains("\"" + delimiter) || sql.contains(delimiter + "\"") { delimiter += "#" }
    source += "        (\(String(reflecting: identifier)), \(delimiter)\"\"\"\n\(sql)\n\"\"\"\(delimiter)),\n"
}
source += "    ]\n}\n"
try source.write(toFile: outputPath, atomically: true, encoding: .utf8)
