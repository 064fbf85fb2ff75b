//! The statistics the indicator pages show: the national median, the pooled rate and funnel
//! plot control limits, where a network stands against them, and RAG against a standard.
//!
//! Funnel limits are the binomial normal approximation around the pooled rate `p` of all
//! networks: `p ± z·√(p(1−p)/n)` for a network with denominator `n`, with z = 1.96 (95 %) and
//! z = 3.09 (99.8 %), clipped to 0–100 %. A small network's rate varies more by chance, so its
//! limits are wider: a rate outside them is unlikely to be chance alone.

use super::Direction;

/// z for 95 % limits (two-sided).
pub const Z95: f64 = 1.96;
/// z for 99.8 % limits (two-sided).
pub const Z998: f64 = 3.09;

/// The median of `values` (the mean of the middle two for an even count); `None` when empty.
pub fn median(values: &[f64]) -> Option<f64> {
    let mut v: Vec<f64> = values.iter().copied().filter(|x| x.is_finite()).collect();
    if v.is_empty() {
        return None;
    }
    v.sort_by(f64::total_cmp);
    let mid = v.len() / 2;
    Some(if v.len() % 2 == 1 {
        v[mid]
    } else {
        (v[mid - 1] + v[mid]) / 2.0
    })
}

/// The pooled rate (a proportion, 0–1) of `(numerator, denominator)` pairs; `None` without
/// a denominator.
pub fn pooled_rate(pairs: &[(u64, u64)]) -> Option<f64> {
    let (n, d) = pairs.iter().fold((0u64, 0u64), |(n, d), (a, b)| {
        (n.saturating_add(*a), d.saturating_add(*b))
    });
    (d > 0).then(|| n as f64 / d as f64)
}

/// Control limits at one denominator, as proportions (0–1).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Limits {
    pub lower95: f64,
    pub upper95: f64,
    pub lower998: f64,
    pub upper998: f64,
}

/// The funnel limits around pooled rate `p` for a denominator of `n`.
pub fn funnel_limits(p: f64, n: f64) -> Limits {
    let se = if n > 0.0 {
        (p * (1.0 - p) / n).sqrt()
    } else {
        f64::INFINITY
    };
    let clip = |x: f64| x.clamp(0.0, 1.0);
    Limits {
        lower95: clip(p - Z95 * se),
        upper95: clip(p + Z95 * se),
        lower998: clip(p - Z998 * se),
        upper998: clip(p + Z998 * se),
    }
}

/// Where a network's rate falls against the funnel limits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Funnel {
    Within,
    /// Outside the 95 % limits but inside the 99.8 % ones.
    Above95,
    Below95,
    /// Outside the 99.8 % limits: unlikely to be chance.
    Above998,
    Below998,
}

impl Funnel {
    pub fn of(rate: f64, n: f64, p: f64) -> Funnel {
        let l = funnel_limits(p, n);
        if rate > l.upper998 {
            Funnel::Above998
        } else if rate < l.lower998 {
            Funnel::Below998
        } else if rate > l.upper95 {
            Funnel::Above95
        } else if rate < l.lower95 {
            Funnel::Below95
        } else {
            Funnel::Within
        }
    }

    pub fn words(self) -> &'static str {
        match self {
            Funnel::Within => "within the 95% limits",
            Funnel::Above95 => "above the 95% limit",
            Funnel::Below95 => "below the 95% limit",
            Funnel::Above998 => "above the 99.8% limit",
            Funnel::Below998 => "below the 99.8% limit",
        }
    }

    pub fn id(self) -> &'static str {
        match self {
            Funnel::Within => "within",
            Funnel::Above95 => "above-95",
            Funnel::Below95 => "below-95",
            Funnel::Above998 => "above-998",
            Funnel::Below998 => "below-998",
        }
    }
}

/// Red, amber or green against a standard: green meets it; amber falls short of it but is at
/// least as good as the national median; red falls short of both.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rag {
    Green,
    Amber,
    Red,
}

impl Rag {
    pub fn of(value: f64, standard: f64, median: Option<f64>, direction: Direction) -> Rag {
        if direction.meets(value, standard) {
            Rag::Green
        } else if median.is_some_and(|m| !direction.better(m, value)) {
            Rag::Amber
        } else {
            Rag::Red
        }
    }

    pub fn id(self) -> &'static str {
        match self {
            Rag::Green => "green",
            Rag::Amber => "amber",
            Rag::Red => "red",
        }
    }

    /// What the page says, never colour alone.
    pub fn words(self) -> &'static str {
        match self {
            Rag::Green => "Green: meets the standard",
            Rag::Amber => "Amber: short of the standard, at or better than the national median",
            Rag::Red => "Red: short of the standard and worse than the national median",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-4
    }

    #[test]
    fn medians() {
        assert_eq!(median(&[]), None);
        assert_eq!(median(&[3.0, 1.0, 2.0]), Some(2.0));
        assert_eq!(median(&[4.0, 1.0, 3.0, 2.0]), Some(2.5));
    }

    /// Worked by hand: p = 0.5, n = 100 gives a standard error of √(0.25/100) = 0.05, so the
    /// 95 % limits are 0.5 ± 1.96 × 0.05 = 0.402 and 0.598, and the 99.8 % limits
    /// 0.5 ± 3.09 × 0.05 = 0.3455 and 0.6545.
    #[test]
    fn funnel_limits_at_one_half_and_one_hundred() {
        let l = funnel_limits(0.5, 100.0);
        assert!(close(l.lower95, 0.402), "{l:?}");
        assert!(close(l.upper95, 0.598), "{l:?}");
        assert!(close(l.lower998, 0.3455), "{l:?}");
        assert!(close(l.upper998, 0.6545), "{l:?}");
    }

    /// p = 0.8, n = 400: √(0.8 × 0.2 / 400) = 0.02; 95 %: 0.8 ± 0.0392 = 0.7608 and 0.8392;
    /// 99.8 %: 0.8 ± 0.0618 = 0.7382 and 0.8618.
    #[test]
    fn funnel_limits_at_four_fifths_and_four_hundred() {
        let l = funnel_limits(0.8, 400.0);
        assert!(close(l.lower95, 0.7608), "{l:?}");
        assert!(close(l.upper95, 0.8392), "{l:?}");
        assert!(close(l.lower998, 0.7382), "{l:?}");
        assert!(close(l.upper998, 0.8618), "{l:?}");
    }

    /// p = 0.9, n = 9: √(0.09 / 9) = 0.1; 99.8 % upper limit 0.9 + 0.309 is clipped to 1.
    #[test]
    fn funnel_limits_are_clipped_to_proportions() {
        let l = funnel_limits(0.9, 9.0);
        assert!(close(l.upper95, 1.0) && close(l.upper998, 1.0), "{l:?}");
        assert!(close(l.lower95, 0.704), "{l:?}");
        assert!(close(l.lower998, 0.591), "{l:?}");
    }

    #[test]
    fn pooled_rate_weights_by_denominator() {
        assert_eq!(pooled_rate(&[(10, 20), (30, 80)]), Some(0.4));
        assert_eq!(pooled_rate(&[]), None);
    }

    #[test]
    fn funnel_positions() {
        // p = 0.5, n = 100: 95 % limits 0.402–0.598, 99.8 % limits 0.3455–0.6545.
        assert_eq!(Funnel::of(0.55, 100.0, 0.5), Funnel::Within);
        assert_eq!(Funnel::of(0.62, 100.0, 0.5), Funnel::Above95);
        assert_eq!(Funnel::of(0.38, 100.0, 0.5), Funnel::Below95);
        assert_eq!(Funnel::of(0.70, 100.0, 0.5), Funnel::Above998);
        assert_eq!(Funnel::of(0.30, 100.0, 0.5), Funnel::Below998);
        // The same rate from a small network is within its wider limits.
        assert_eq!(Funnel::of(0.70, 10.0, 0.5), Funnel::Within);
    }

    #[test]
    fn rag_uses_the_direction() {
        use Direction::*;
        assert_eq!(Rag::of(100.0, 100.0, Some(70.0), Higher), Rag::Green);
        assert_eq!(Rag::of(75.0, 100.0, Some(70.0), Higher), Rag::Amber);
        assert_eq!(Rag::of(62.0, 100.0, Some(71.0), Higher), Rag::Red);
        assert_eq!(Rag::of(3.0, 4.0, Some(5.0), Lower), Rag::Green);
        assert_eq!(Rag::of(4.5, 4.0, Some(5.0), Lower), Rag::Amber);
        assert_eq!(Rag::of(6.0, 4.0, Some(5.0), Lower), Rag::Red);
    }
}
