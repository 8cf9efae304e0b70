import SwitchyardCore

/// The fleet as one document, as both engines import and export it, and the committed fleet the planner reads.
public protocol FleetDocumentStore: Sendable {
    /// Applies a whole fleet document all-or-nothing in one transaction (rolled back when `dryRun`).
    func importFleet(_ fleet: Fleet, dryRun: Bool, context: ChangeContext) async throws -> ImportReport
    /// The fleet as a document: resources by name, runs by unit, run ids omitted.
    func exportFleet() async throws -> Fleet
    /// The fleet with benchmark run ids, as of one commit.
    func fleetSnapshot() async throws -> Fleet
    /// The committed fleet with its lookups, held in memory until a change commits.
    func fleetIndex() async throws -> FleetIndex
    /// A number that changes whenever a commit changes the fleet (another replica's too, where the store is shared),
    /// by the time the commit has returned to its writer. Answers derived from the fleet are held against it: read it
    /// before the fleet, and an answer is current while it has not changed.
    var fleetGeneration: Int { get }
}
