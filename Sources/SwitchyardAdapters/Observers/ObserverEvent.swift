import SwitchyardCore

/// What a capacity observer reports: a signal, or a change in its own ability to observe.
public enum ObserverEvent: Sendable, Equatable {
    /// A pool's capacity signal.
    case signal(CapacitySignal)
    /// A node about to go, with the units on it: their share of traffic moves before it is gone.
    case warning(NodeWarning)
    /// The observer reached its source (a list succeeded, a watch started, a poll answered).
    case up
    /// The observer cannot reach its source; it keeps trying. The text says why.
    case down(String)
}
