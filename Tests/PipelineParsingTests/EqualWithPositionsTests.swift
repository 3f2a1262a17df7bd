import PipelineParsing
import PolicyModel
import TestSupport
import Testing

/// The helper these tests use to pin positions that `==` ignores must itself see them.
@Suite struct EqualWithPositionsTests {
    @Test func seesPositionsNestedInsideValues() {
        #expect(equalWithPositions(Located("a", at: at(1, 2)), Located("a", at: at(1, 2))))
        #expect(!equalWithPositions(Located("a", at: at(1, 2)), Located("a", at: at(1, 3))))
        #expect(!equalWithPositions(
            DynamoDBStreamConfig(position: at(10, 11), startPosition: Located("LATEST", at: at(11, 29))),
            DynamoDBStreamConfig(position: at(10, 11), startPosition: Located("LATEST", at: at(12, 29)))
        ))
        #expect(!equalWithPositions([Located("a", at: at(1, 2))] as [Located<String>]?, [Located("a", at: at(2, 2))]))
    }
}
