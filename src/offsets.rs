//! Byte offsets (inside Rust) to Unicode code points (CLI JSON) or UTF-16
//! code units (JavaScript strings), and back.
//!
//! Only non-ASCII characters shift offsets, so the map keeps one entry per
//! non-ASCII character: its byte position and the running shortfall of code
//! points and UTF-16 units against bytes. An ASCII text costs nothing.

/// What an offset counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    /// UTF-8 bytes (Rust strings).
    Byte,
    /// Unicode code points (Python strings; the CLI's JSON).
    CodePoint,
    /// UTF-16 code units (JavaScript strings; the wasm API).
    Utf16,
}

/// Converts byte offsets of one text to other units and back.
#[derive(Debug, Clone)]
pub struct OffsetMap {
    /// Byte position just past each non-ASCII char, with cumulative
    /// (bytes - code points, bytes - utf16 units) up to that point.
    marks: Vec<(usize, usize, usize)>,
    len: usize,
}

impl OffsetMap {
    /// The map of `text`.
    pub fn new(text: &str) -> OffsetMap {
        let mut marks = Vec::new();
        let (mut dc, mut du) = (0usize, 0usize);
        for (i, c) in text.char_indices() {
            if !c.is_ascii() {
                let b = c.len_utf8();
                dc += b - 1;
                du += b - c.len_utf16();
                marks.push((i + b, dc, du));
            }
        }
        OffsetMap { marks, len: text.len() }
    }

    /// Convert a byte offset (on a char boundary) to `unit`.
    pub fn from_byte(&self, byte: usize, unit: Unit) -> usize {
        let byte = byte.min(self.len);
        let k = self.marks.partition_point(|m| m.0 <= byte);
        let (dc, du) = if k == 0 { (0, 0) } else { (self.marks[k - 1].1, self.marks[k - 1].2) };
        match unit {
            Unit::Byte => byte,
            Unit::CodePoint => byte - dc,
            Unit::Utf16 => byte - du,
        }
    }

    /// Convert an offset in `unit` back to bytes; offsets inside a character
    /// (a lone surrogate half, say) round down to its start.
    pub fn to_byte(&self, off: usize, unit: Unit) -> usize {
        let conv = |m: &(usize, usize, usize)| match unit {
            Unit::Byte => m.0,
            Unit::CodePoint => m.0 - m.1,
            Unit::Utf16 => m.0 - m.2,
        };
        let k = self.marks.partition_point(|m| conv(m) <= off);
        let (base_b, base_u, base_dc) = if k == 0 {
            (0, 0, 0)
        } else {
            (self.marks[k - 1].0, conv(&self.marks[k - 1]), self.marks[k - 1].1)
        };
        let b = base_b + (off - base_u);
        if let Some(next) = self.marks.get(k) {
            // `off` is at or before the next non-ASCII char; inside it, round down.
            let char_start = next.0 - (next.1 - base_dc + 1);
            if b > char_start {
                return char_start;
            }
        }
        b.min(self.len)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_is_identity() {
        let m = OffsetMap::new("hello");
        assert_eq!(m.from_byte(3, Unit::Utf16), 3);
        assert_eq!(m.to_byte(3, Unit::CodePoint), 3);
    }

    #[test]
    fn every_boundary_round_trips() {
        let t = "a\u{a0}é👍b“c”\u{301}z";
        let m = OffsetMap::new(t);
        for (b, _) in t.char_indices().chain([(t.len(), ' ')]) {
            let cp = t[..b].chars().count();
            let u16 = t[..b].encode_utf16().count();
            assert_eq!(m.from_byte(b, Unit::CodePoint), cp, "cp at {b}");
            assert_eq!(m.from_byte(b, Unit::Utf16), u16, "u16 at {b}");
            assert_eq!(m.to_byte(cp, Unit::CodePoint), b);
            assert_eq!(m.to_byte(u16, Unit::Utf16), b);
        }
    }

    #[test]
    fn inside_a_surrogate_pair_rounds_down() {
        let t = "x👍y";
        let m = OffsetMap::new(t);
        assert_eq!(m.to_byte(2, Unit::Utf16), 1);
    }
}
