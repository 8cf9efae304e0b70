extension DemoFleet {
    /// One load test per unit, shaped like seed 004's Figure 4 breaking-point runs. Against the 900 ms p95
    /// SLO they bind differently: inf2, g6-triton and g5-cuda by latency; trn1 by a plateau (more load buys
    /// under 5 % more throughput); g5-triton by the 90 % utilisation cap.
    public static var benchmarks: [BenchmarkRun] {
        [
            run("sd21-inf2", at: "2024-11-12T18:00:00Z", note: "latency-bound at 105 rps", [
                (10, 10, 420, 480, 520, 0, 0.10),
                (30, 30, 440, 510, 560, 0, 0.22),
                (60, 60, 480, 590, 660, 0, 0.40),
                (90, 89, 560, 720, 830, 0, 0.58),
                (110, 105, 640, 870, 990, 0.002, 0.68),
                (130, 112, 820, 1180, 1420, 0.004, 0.74),
            ]),
            run("sd21-trn1", at: "2024-11-12T18:40:00Z", note: "saturates at 130 rps", [
                (20, 20, 300, 360, 400, 0, 0.12),
                (60, 60, 320, 400, 450, 0, 0.30),
                (100, 100, 360, 470, 540, 0, 0.50),
                (140, 130, 420, 610, 700, 0, 0.66),
                (170, 133, 470, 720, 820, 0.001, 0.71),
                (200, 134, 610, 1010, 1230, 0.003, 0.73),
            ]),
            run("sd21-g5-triton", at: "2024-11-12T19:20:00Z", note: "utilisation-bound at 90 rps", [
                (15, 15, 380, 450, 500, 0, 0.15),
                (45, 45, 420, 520, 580, 0, 0.42),
                (75, 75, 480, 640, 720, 0, 0.70),
                (90, 90, 540, 760, 850, 0, 0.86),
                (105, 98, 600, 860, 960, 0.003, 0.94),
            ]),
            run("sd21-g6-triton", at: "2024-11-12T20:00:00Z", note: "latency-bound at 61 rps", [
                (10, 10, 520, 600, 680, 0, 0.18),
                (30, 30, 580, 680, 760, 0, 0.45),
                (50, 50, 660, 790, 880, 0, 0.70),
                (65, 61, 730, 880, 990, 0.002, 0.84),
                (80, 64, 900, 1150, 1400, 0.006, 0.89),
            ]),
            run("sd21-g5-cuda", at: "2024-11-12T20:40:00Z", note: "latency-bound at 60 rps", [
                (10, 10, 560, 640, 700, 0, 0.20),
                (30, 30, 620, 720, 800, 0, 0.50),
                (50, 50, 700, 820, 900, 0, 0.72),
                (62, 60, 760, 890, 980, 0.004, 0.85),
                (75, 63, 980, 1300, 1600, 0.012, 0.90),
            ]),
        ]
    }

    private typealias Step = (
        offered: Double, throughput: Double, p50: Double, p95: Double, p99: Double, errors: Double, utilization: Double
    )

    private static func run(_ unit: String, at recordedAt: String, note: String, _ steps: [Step]) -> BenchmarkRun {
        BenchmarkRun(
            unit: unit, recordedAt: recordedAt, note: note,
            samples: steps.map { step in
                BenchmarkSample(
                    offeredRPS: step.offered, throughputRPS: step.throughput, p50Ms: step.p50, p95Ms: step.p95,
                    p99Ms: step.p99, errorRate: step.errors, utilization: step.utilization
                )
            }
        )
    }
}
