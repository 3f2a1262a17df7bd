/// When a failed call is tried again, and after how long: throttling, 5xx and transport errors,
/// with capped exponential backoff and full jitter ("Exponential Backoff And Jitter", AWS
/// Architecture Blog): attempt n waits a random time in [0, min(cap, base × 2ⁿ)].
package struct RetryPolicy: Sendable {
    package var maximumAttempts = 5
    package var baseDelay = 0.1
    package var maximumDelay = 20.0
    /// Seconds a single call may take.
    package var timeout = 30.0

    package init(maximumAttempts: Int = 5, baseDelay: Double = 0.1, maximumDelay: Double = 20.0, timeout: Double = 30.0) {
        self.maximumAttempts = maximumAttempts
        self.baseDelay = baseDelay
        self.maximumDelay = maximumDelay
        self.timeout = timeout
    }

    /// The error codes AWS services use for throttling (the SDKs' list).
    static let throttlingCodes: Set<String> = [
        "Throttling", "ThrottlingException", "ThrottledException", "RequestThrottledException", "TooManyRequestsException",
        "ProvisionedThroughputExceededException", "TransactionInProgressException", "RequestLimitExceeded", "BandwidthLimitExceeded",
        "LimitExceededException", "RequestThrottled", "SlowDown", "PriorRequestNotComplete", "EC2ThrottledException",
    ]

    package func isRetryable(status: Int, code: String?) -> Bool {
        if let code, Self.throttlingCodes.contains(code) { return true }
        return status == 429 || status >= 500
    }

    /// The wait before attempt `attempt + 1` (attempt counts from 0), given a uniform random
    /// number in [0, 1).
    package func delay(afterAttempt attempt: Int, random: Double) -> Double {
        let ceiling = min(maximumDelay, baseDelay * Double(1 << min(attempt, 30)))
        return ceiling * random
    }
}
