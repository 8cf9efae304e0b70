/// Scenarios that ship with the demo.
public enum ReferenceScenario {
    /// Seed 004's Figures 10-11 as a replay: the demo fleet (``DemoFleet/fleet``) over two days with
    /// one demand wave a day (80 rps at night, rising from 08:00 to 1,000 rps at 15:00 and back by
    /// 22:00) and the `amd-neuron` pool short of capacity from 10:00 to 22:00 on the first day.
    /// Neuron pods take 12 minutes from launch to serving (2 min node, 10 min graph load), Triton
    /// pods 7, CUDA pods 8: seed 004's "5-15 minutes".
    public static var seed004: ReplayScenario {
        let hour = 3600.0
        return ReplayScenario(
            name: "seed004-reference",
            fleet: DemoFleet.fleet,
            model: "sd21",
            demand: DemandTrace.generate(
                [.diurnal(baseRPS: 80, peakRPS: 1000, riseAt: 8 * hour, fallAt: 22 * hour)],
                duration: 48 * hour, interval: 60
            ),
            capacityWindows: [CapacityWindow(pool: "amd-neuron", from: 10 * hour, to: 22 * hour)],
            stepSeconds: 10,
            durationSeconds: 48 * hour,
            provisioning: ProvisioningModel(
                defaultTiming: UnitTiming(nodeLaunchSeconds: 120, modelLoadSeconds: 300),
                units: [
                    "sd21-inf2": UnitTiming(nodeLaunchSeconds: 120, modelLoadSeconds: 600),
                    "sd21-trn1": UnitTiming(nodeLaunchSeconds: 120, modelLoadSeconds: 600),
                    "sd21-g5-cuda": UnitTiming(nodeLaunchSeconds: 120, modelLoadSeconds: 360),
                ]
            )
        )
    }

    /// Scenarios that try to break `switchyard adaptive`, each a variation of ``seed004``: 10 % noise on
    /// every sample, a sudden tripling of demand for an hour, a second day whose wave comes four hours
    /// early and twice as high (the time-of-day profile is wrong for a day), and `amd-neuron` short for 20
    /// hours.
    public static var stress: [ReplayScenario] {
        let hour = 3600.0
        let wave = DemandPattern.diurnal(baseRPS: 80, peakRPS: 1000, riseAt: 8 * hour, fallAt: 22 * hour)
        var noisy = seed004
        noisy.name = "noise-10pct"
        noisy.demand = DemandTrace.generate([wave, .noise(fraction: 0.1, seed: 42)], duration: 48 * hour, interval: 60)
        var spike = seed004
        spike.name = "spike-3x"
        spike.capacityWindows = []
        spike.demand = DemandTrace.generate(
            [.constant(rps: 200), .spike(at: 30 * hour, duration: hour, extraRPS: 400)], duration: 48 * hour, interval: 60
        )
        var wrong = seed004
        wrong.name = "wrong-day"
        wrong.demand = DemandTrace.generate(
            [
                .diurnal(baseRPS: 80, peakRPS: 500, riseAt: 8 * hour, fallAt: 22 * hour, period: 48 * hour),
                .diurnal(baseRPS: 0, peakRPS: 420, riseAt: 28 * hour, fallAt: 42 * hour, period: 48 * hour),
            ],
            duration: 48 * hour, interval: 60
        )
        var long = seed004
        long.name = "short-20h"
        long.capacityWindows = [CapacityWindow(pool: "amd-neuron", from: 6 * hour, to: 26 * hour)]
        return [noisy, spike, wrong, long]
    }
}
