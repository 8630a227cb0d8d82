/// A small seeded random number generator, so a dataset depends only on its seed.
///
/// SplitMix64 (Steele, Lea and Flood): a 64-bit counter stepped by the golden-ratio constant,
/// then mixed. Fast, and the same sequence on every machine and Swift version.
struct SplitMix64: RandomNumberGenerator {
  private var state: UInt64

  init(seed: UInt64) {
    state = seed
  }

  mutating func next() -> UInt64 {
    state &+= 0x9e37_79b9_7f4a_7c15
    var z = state
    z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
    z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
    return z ^ (z >> 31)
  }

  /// An integer in `0..<bound`, by multiply-high (bias below 2^-40 for the bounds used here).
  ///
  /// Written out rather than `next(upperBound:)`, whose algorithm the standard library does
  /// not promise to keep.
  mutating func below(_ bound: Int) -> Int {
    Int(next().multipliedFullWidth(by: UInt64(bound)).high)
  }

  /// True with probability `percent` / 100.
  mutating func chance(_ percent: Int) -> Bool {
    below(100) < percent
  }

  /// A uniformly chosen element of a non-empty array.
  mutating func pick<T>(_ items: [T]) -> T {
    items[below(items.count)]
  }
}
