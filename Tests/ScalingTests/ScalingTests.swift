import Testing
import TestSupport

/// The scaling tier: every input shape a hostile author can grow (`ScalingShape.all`: long wildcard
/// pieces, `Fn::Sub` references, lint entries per statement, snapshot roles and policies, YAML
/// alias bombs) takes at most about eight times as long at 8N as at N. Linear work gives 8 or
/// less (fixed costs weigh more at N); quadratic work gives about 64. The bound, 20, leaves room for
/// a shared, busy machine; processor time (not wall time) and the best of three alternating runs
/// keep other processes and one slow moment from deciding.
/// Run one after another, so the shapes do not compete with each other for the cores.
@Suite(.serialized) struct ScalingTests {
    static let ratioBound = 20.0

    @Test(arguments: ScalingShape.all)
    func workGrowsAboutLinearly(_ shape: ScalingShape) throws {
        let times = try shape.times(size: shape.testSize, runs: 3)
        let ratio = times.large / times.small
        #expect(ratio < Self.ratioBound, """
            \(shape.name): \(shape.testSize) \(shape.unit) took \(times.small * 1000) ms, \
            \(shape.testSize * 8) took \(times.large * 1000) ms (\(ratio)x)
            """)
    }

    /// A shape whose work is quadratic fails the tier: the bound is not so loose that it passes anything.
    @Test func quadraticWorkFailsTheBound() throws {
        let quadratic = ScalingShape(name: "every pair", unit: "items", testSize: 200, benchmarkSize: 200) { size in
            let items = Array(0..<size)
            return {
                var equal = 0
                for first in items { for second in items where first == second { equal += 1 } }
                try #require(equal == size)
            }
        }
        let times = try quadratic.times(size: quadratic.testSize, runs: 3)
        #expect(times.large / times.small > Self.ratioBound)
    }
}
