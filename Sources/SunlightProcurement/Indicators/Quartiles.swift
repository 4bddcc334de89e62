/// Quantiles exactly as Cardinal computes them: statrs 0.16's `Data::quantile`, which Cardinal
/// calls through `lower_quartile` (τ = 0.25), `upper_quartile` (τ = 0.75) and `percentile(p)`
/// (τ = p / 100).
///
/// statrs documents the method as Hyndman & Fan's type 8 (median-unbiased): with n values sorted
/// ascending, h = (n + 1/3)·τ + 1/3; below the first rank it returns the minimum, from the n-th
/// rank on the maximum, otherwise it interpolates between the ⌊h⌋-th and (⌊h⌋+1)-th values. The
/// arithmetic is written in statrs's order so the doubles come out bit for bit the same — the
/// fences decide which processes are flagged, so "close" is not enough.
enum Quartiles {
    static func quantile(_ values: [Double], _ tau: Double) -> Double {
        quantile(sorted: values.sorted(), tau)
    }

    static func quantile(sorted: [Double], _ tau: Double) -> Double {
        guard tau >= 0, tau <= 1, !sorted.isEmpty else { return .nan }
        let n = sorted.count
        let h = (Double(n) + 1.0 / 3.0) * tau + 1.0 / 3.0
        // Rust's `as i64` truncates toward zero (and saturates).
        let hf = h >= 9.2e18 ? Int.max : Int(h)
        if hf <= 0 || tau == 0 { return sorted[0] }
        if hf >= n || isApproximatelyOne(tau) { return sorted[n - 1] }
        let a = sorted[hf - 1]
        let b = sorted[hf]
        return a + (h - Double(hf)) * (b - a)
    }

    /// approx's `ulps_eq!(tau, 1.0)` with its defaults (epsilon = machine epsilon, 4 ulps).
    private static func isApproximatelyOne(_ tau: Double) -> Bool {
        if abs(tau - 1.0) <= Double.ulpOfOne { return true }
        let a = Int64(bitPattern: tau.bitPattern)
        let b = Int64(bitPattern: (1.0 as Double).bitPattern)
        return (a < 0) == (b < 0) && abs(a - b) <= 4
    }

    /// Q1 − 1.5·IQR, as Cardinal writes it: `(q3 - q1).mul_add(-1.5, q1)` (one rounding).
    static func lowerFence(q1: Double, q3: Double) -> Double {
        q1.addingProduct(q3 - q1, -1.5)
    }

    /// Q3 + 1.5·IQR: `(q3 - q1).mul_add(1.5, q3)`.
    static func upperFence(q1: Double, q3: Double) -> Double {
        q3.addingProduct(q3 - q1, 1.5)
    }
}
