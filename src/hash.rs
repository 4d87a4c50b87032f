//! The crate's one family of hashes: FNV-1a for short keys and feature
//! strings, and a 64-bit mixer for combining already-hashed values. None of
//! the hashed data is adversarial beyond a slowdown, and every model file
//! stores features by these exact values, so changing a constant here means
//! retraining the models.

use std::collections::HashMap;
use std::hash::BuildHasherDefault;

/// FNV-1a's offset basis: the hash of the empty key.
pub const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x100_0000_01b3;

/// FNV-1a over `bytes`, continuing from `seed` (pass [`FNV_OFFSET`] to start).
#[inline]
pub fn fnv(seed: u64, bytes: &[u8]) -> u64 {
    bytes.iter().fold(seed, |h, &b| (h ^ b as u64).wrapping_mul(FNV_PRIME))
}

/// One FNV-1a step over a whole character (its code point, not its bytes).
#[inline]
pub fn fnv_char(h: u64, c: char) -> u64 {
    (h ^ c as u64).wrapping_mul(FNV_PRIME)
}

/// Combines two 64-bit hashes into one (a multiply-xorshift finaliser).
#[inline]
pub fn mix(a: u64, b: u64) -> u64 {
    let mut x = (a ^ b.rotate_left(23)).wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ b;
    x ^= x >> 29;
    x = x.wrapping_mul(0xBF58_476D_1CE4_E5B9);
    x ^= x >> 32;
    x
}

/// A `Hasher` for hash maps: a `u64` key is taken as it is (it is a hash
/// already); any other key is hashed with FNV-1a from zero.
#[derive(Default, Clone, Copy)]
pub struct IdHasher(u64);

impl std::hash::Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        self.0 = fnv(self.0, bytes);
    }
    fn write_u64(&mut self, x: u64) {
        self.0 = x;
    }
}

/// Builds [`IdHasher`]s.
pub type IdBuild = BuildHasherDefault<IdHasher>;

/// A map keyed by a precomputed 64-bit hash.
pub type IdMap<V> = HashMap<u64, V, IdBuild>;

/// A `Hasher` for maps and sets of short strings: FNV-1a from the offset basis.
#[derive(Default)]
pub struct FnvHasher(u64);

impl std::hash::Hasher for FnvHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        self.0 = fnv(if self.0 == 0 { FNV_OFFSET } else { self.0 }, bytes);
    }
}

/// Builds [`FnvHasher`]s.
pub type FnvBuild = BuildHasherDefault<FnvHasher>;

#[cfg(test)]
mod tests {
    use super::*;
    use std::hash::{BuildHasher, Hasher};

    #[test]
    fn fnv_matches_the_reference_vectors() {
        // FNV-1a 64 test vectors (the published table).
        assert_eq!(fnv(FNV_OFFSET, b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv(FNV_OFFSET, b"a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(fnv(FNV_OFFSET, b"foobar"), 0x8594_4171_f739_67e8);
        // A whole ASCII character hashes like its byte.
        assert_eq!(fnv_char(FNV_OFFSET, 'a'), fnv(FNV_OFFSET, b"a"));
    }

    #[test]
    fn id_hasher_keeps_u64_keys_and_mix_depends_on_order() {
        let mut h = IdBuild::default().build_hasher();
        h.write_u64(42);
        assert_eq!(h.finish(), 42);
        assert_ne!(mix(1, 2), mix(2, 1));
        let mut f = FnvBuild::default().build_hasher();
        f.write(b"a");
        assert_eq!(f.finish(), fnv(FNV_OFFSET, b"a"));
    }
}
