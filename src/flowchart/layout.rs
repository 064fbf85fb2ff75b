//! A small top-down layered layout for flowcharts (after Sugiyama et al.), made for the shapes
//! pathways have: up to a few dozen steps, decisions with two or three ways out, mostly a tree
//! with some merges and the odd loop back through a decision.
//!
//! 1. Loops are broken by turning round the edges that go back up (found by a depth-first walk
//!    in the order the steps are written).
//! 2. Steps are put in layers by their longest path from the first step. Steps sit on even
//!    layers; every edge crosses at least one odd layer, where it has a placeholder node —
//!    for a labelled edge (a decision's branch) a node the size of its label. Labels are laid
//!    out like boxes, so no label can overlap a box, another label or another edge.
//! 3. Nodes are ordered within their layers to reduce crossings (barycentres, a few sweeps,
//!    the best order kept).
//! 4. x: each node wants to sit at the mean of its neighbours; each layer then takes the
//!    closest positions that keep its nodes apart (isotonic regression, so the minimum gaps
//!    hold exactly).
//! 5. Edges run vertically inside their own columns and horizontally only between layers, each
//!    fan of edges from one node on its own track.
//!
//! Everything is in index order with no hash maps, so the same input gives the same numbers.

use super::layers::{back_edges, order, ranks};

/// Width and height of something to place.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Size {
    pub w: f64,
    pub h: f64,
}

/// How a node's edges attach: a box at its top and bottom edges, a diamond at its corners.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    Box,
    Diamond,
}

/// A placed rectangle, from its top-left corner.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rect {
    pub x: f64,
    pub y: f64,
    pub w: f64,
    pub h: f64,
}

impl Rect {
    pub fn cx(&self) -> f64 {
        self.x + self.w / 2.0
    }
    pub fn cy(&self) -> f64 {
        self.y + self.h / 2.0
    }
    pub fn right(&self) -> f64 {
        self.x + self.w
    }
    pub fn bottom(&self) -> f64 {
        self.y + self.h
    }
    /// Whether the two rectangles share any area (touching edges do not count).
    pub fn overlaps(&self, o: &Rect) -> bool {
        self.x < o.right() && o.x < self.right() && self.y < o.bottom() && o.y < self.bottom()
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub size: Size,
    pub shape: Shape,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Edge {
    pub from: usize,
    pub to: usize,
    pub label: Option<Size>,
}

/// An edge's path, from its source to its target (the arrow goes at the last point).
#[derive(Debug, Clone, PartialEq)]
pub struct Route {
    pub points: Vec<(f64, f64)>,
    pub label: Option<Rect>,
    /// The edge goes back up the chart (a loop).
    pub back: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Layout {
    pub width: f64,
    pub height: f64,
    pub nodes: Vec<Rect>,
    pub edges: Vec<Route>,
}

/// Space between neighbouring boxes in a layer, and beside edges and labels.
const NODE_GAP: f64 = 36.0;
const LINE_GAP: f64 = 16.0;
/// Space above and below the horizontal tracks between layers, and between tracks.
const PAD: f64 = 13.0;
const TRACK: f64 = 10.0;
const MARGIN: f64 = 6.0;

#[derive(Debug, Clone)]
pub(super) struct V {
    pub(super) w: f64,
    pub(super) h: f64,
    pub(super) layer: usize,
    /// The real node this is, if any.
    pub(super) real: Option<usize>,
}

/// Lays out `nodes` (node 0 first) joined by `edges`. Every node should be reachable from
/// node 0; any that is not is laid out from its own root.
pub fn layout(nodes: &[Node], edges: &[Edge]) -> Layout {
    let n = nodes.len();
    if n == 0 {
        return Layout {
            width: 0.0,
            height: 0.0,
            nodes: Vec::new(),
            edges: Vec::new(),
        };
    }
    let back = back_edges(n, edges);
    // Edges as laid out: always downwards.
    let down: Vec<(usize, usize)> = edges
        .iter()
        .zip(&back)
        .map(|(e, &b)| if b { (e.to, e.from) } else { (e.from, e.to) })
        .collect();
    let rank = ranks(n, &down);

    // Real nodes first, then the placeholders of each edge, in edge order.
    let mut vs: Vec<V> = nodes
        .iter()
        .enumerate()
        .map(|(i, node)| V {
            w: node.size.w,
            h: node.size.h,
            layer: 2 * rank[i],
            real: Some(i),
        })
        .collect();
    let mut chains: Vec<Vec<usize>> = Vec::with_capacity(edges.len());
    let mut label_of: Vec<Option<usize>> = vec![None; edges.len()];
    for (e, &(a, b)) in down.iter().enumerate() {
        let mut chain = vec![a];
        let (first, last) = (2 * rank[a] + 1, 2 * rank[b]);
        for layer in first..last {
            let label_here = edges[e].label.is_some()
                && if back[e] {
                    layer + 1 == last
                } else {
                    layer == first
                };
            let size = if label_here {
                label_of[e] = Some(vs.len());
                edges[e].label.unwrap_or(Size { w: 0.0, h: 0.0 })
            } else {
                Size { w: 0.0, h: 0.0 }
            };
            chain.push(vs.len());
            vs.push(V {
                w: size.w,
                h: size.h,
                layer,
                real: None,
            });
        }
        chain.push(b);
        chains.push(chain);
    }
    let layer_count = vs.iter().map(|v| v.layer).max().unwrap_or(0) + 1;
    let mut preds: Vec<Vec<usize>> = vec![Vec::new(); vs.len()];
    let mut succs: Vec<Vec<usize>> = vec![Vec::new(); vs.len()];
    for chain in &chains {
        for w in chain.windows(2) {
            succs[w[0]].push(w[1]);
            preds[w[1]].push(w[0]);
        }
    }

    let layers = order(&vs, layer_count, &preds, &succs);
    // Whole pixels: lines either line up exactly or are a pixel or more apart (the gaps
    // between nodes are far wider than the rounding).
    let x: Vec<f64> = place_x(&vs, &layers, &preds, &succs)
        .into_iter()
        .map(f64::round)
        .collect();

    // Ports: where each placeholder edge leaves its upper node and enters its lower one.
    // Edges that go back up attach beside the middle, so they never share a line with the
    // edges going down.
    let port = |v: usize, back_edge: bool, bottom: bool| -> (f64, f64) {
        let (w, h) = (vs[v].w, vs[v].h);
        match (vs[v].real.map(|i| nodes[i].shape), back_edge) {
            (Some(Shape::Diamond), true) => {
                (x[v] + w / 4.0, if bottom { h / 4.0 } else { -h / 4.0 })
            }
            (Some(_), true) => (x[v] + w / 4.0, if bottom { h / 2.0 } else { -h / 2.0 }),
            _ => (x[v], if bottom { h / 2.0 } else { -h / 2.0 }),
        }
    };

    // Between each pair of layers: the fans of edge pieces, grouped by where they leave.
    struct Piece {
        edge: usize,
        from: usize,
        to: usize,
        sx: f64,
        tx: f64,
    }
    let mut gaps: Vec<Vec<Piece>> = (0..layer_count).map(|_| Vec::new()).collect();
    for (e, chain) in chains.iter().enumerate() {
        for w in chain.windows(2) {
            gaps[vs[w[0]].layer].push(Piece {
                edge: e,
                from: w[0],
                to: w[1],
                sx: port(w[0], back[e], true).0,
                tx: port(w[1], back[e], false).0,
            });
        }
    }
    // Tracks: one for each fan that needs a horizontal run, ordered so that a fan leaving
    // straight above another fan's target runs first (else their vertical lines would meet).
    let mut track_of: Vec<Vec<Option<usize>>> = Vec::with_capacity(layer_count);
    let mut tracks: Vec<usize> = Vec::with_capacity(layer_count);
    for pieces in &gaps {
        let mut fans: Vec<f64> = Vec::new();
        for p in pieces {
            if p.sx != p.tx && !fans.contains(&p.sx) {
                fans.push(p.sx);
            }
        }
        fans.sort_by(f64::total_cmp);
        let must_precede = |a: f64, b: f64| {
            pieces.iter().any(|p| {
                (p.sx - b).abs() < 0.5
                    && (p.tx - a).abs() < 0.5
                    && !pieces
                        .iter()
                        .any(|q| (q.sx - a).abs() < 0.5 && q.to == p.to)
            })
        };
        let mut placed: Vec<f64> = Vec::with_capacity(fans.len());
        let mut left: Vec<f64> = fans.clone();
        while !left.is_empty() {
            let pick = left
                .iter()
                .position(|&f| {
                    !left
                        .iter()
                        .any(|&g| (g - f).abs() > 0.5 && must_precede(g, f))
                })
                .unwrap_or(0);
            placed.push(left.remove(pick));
        }
        track_of.push(
            pieces
                .iter()
                .map(|p| {
                    (p.sx != p.tx)
                        .then(|| placed.iter().position(|&f| f == p.sx))
                        .flatten()
                })
                .collect(),
        );
        tracks.push(placed.len());
    }

    // y: each layer as tall as its tallest node, each gap as tall as its tracks need.
    let mut top = vec![0.0; layer_count];
    let mut height = vec![0.0f64; layer_count];
    for v in &vs {
        height[v.layer] = height[v.layer].max(v.h);
    }
    let mut y = MARGIN;
    for l in 0..layer_count {
        top[l] = y;
        y += height[l];
        if l + 1 < layer_count {
            y += match tracks[l] {
                0 => PAD + 4.0,
                t => 2.0 * PAD + (t - 1) as f64 * TRACK,
            };
        }
    }
    let total_height = y + MARGIN;
    let cy = |v: usize| top[vs[v].layer] + height[vs[v].layer] / 2.0;

    // Each edge's pieces, keyed by where they sit along its chain.
    type Pieces = Vec<(usize, Vec<(f64, f64)>)>;
    let mut pieces_of: Vec<Pieces> = vec![Vec::new(); edges.len()];
    for (l, pieces) in gaps.iter().enumerate() {
        for (p, track) in pieces.iter().zip(&track_of[l]) {
            let (sx, sdy) = port(p.from, back[p.edge], true);
            let (tx, tdy) = port(p.to, back[p.edge], false);
            let start = (sx, cy(p.from) + sdy);
            let end = (tx, cy(p.to) + tdy);
            let mut pts = vec![start];
            if let Some(t) = track {
                let ty = top[l] + height[l] + PAD + *t as f64 * TRACK;
                pts.push((sx, ty));
                pts.push((tx, ty));
            }
            pts.push(end);
            let at = chains[p.edge]
                .iter()
                .position(|&c| c == p.from)
                .unwrap_or(0);
            pieces_of[p.edge].push((at, pts));
        }
    }

    // Shift everything right so the leftmost thing starts at the margin.
    let min_x = vs
        .iter()
        .zip(&x)
        .map(|(v, x)| x - v.w / 2.0)
        .fold(f64::INFINITY, f64::min);
    let dx = MARGIN - min_x;
    let max_x = vs
        .iter()
        .zip(&x)
        .map(|(v, x)| x + v.w / 2.0)
        .fold(f64::NEG_INFINITY, f64::max);
    let rect = |v: usize| Rect {
        x: x[v] - vs[v].w / 2.0 + dx,
        y: cy(v) - vs[v].h / 2.0,
        w: vs[v].w,
        h: vs[v].h,
    };
    let routes = pieces_of
        .into_iter()
        .enumerate()
        .map(|(e, mut pieces)| {
            pieces.sort_by_key(|(at, _)| *at);
            let mut points: Vec<(f64, f64)> = pieces
                .into_iter()
                .flat_map(|(_, pts)| pts)
                .map(|(px, py)| (px + dx, py))
                .collect();
            simplify(&mut points);
            if back[e] {
                points.reverse();
            }
            Route {
                points,
                label: label_of[e].map(rect),
                back: back[e],
            }
        })
        .collect();
    Layout {
        width: max_x - min_x + 2.0 * MARGIN,
        height: total_height,
        nodes: (0..n).map(rect).collect(),
        edges: routes,
    }
}

/// The least gap between the centres of neighbouring nodes `a` and `b` in a layer.
fn separation(vs: &[V], a: usize, b: usize) -> f64 {
    let gap = if vs[a].real.is_some() && vs[b].real.is_some() {
        NODE_GAP
    } else {
        LINE_GAP
    };
    (vs[a].w + vs[b].w) / 2.0 + gap
}

/// x of every node's centre.
fn place_x(
    vs: &[V],
    layers: &[Vec<usize>],
    preds: &[Vec<usize>],
    succs: &[Vec<usize>],
) -> Vec<f64> {
    let mut x = vec![0.0f64; vs.len()];
    for layer in layers {
        let mut at = 0.0;
        for (k, &v) in layer.iter().enumerate() {
            if k > 0 {
                at += separation(vs, layer[k - 1], v);
            }
            x[v] = at;
        }
        let mid = at / 2.0;
        for &v in layer {
            x[v] -= mid;
        }
    }
    let mean = |ns: &[usize], x: &[f64], own: f64| {
        if ns.is_empty() {
            own
        } else {
            ns.iter().map(|&u| x[u]).sum::<f64>() / ns.len() as f64
        }
    };
    for round in 0..12 {
        let down = round % 2 == 0;
        let seq: Vec<usize> = if down {
            (1..layers.len()).collect()
        } else {
            (0..layers.len().saturating_sub(1)).rev().collect()
        };
        for l in seq {
            let want: Vec<f64> = layers[l]
                .iter()
                .map(|&v| {
                    let ns = if down { &preds[v] } else { &succs[v] };
                    mean(ns, &x, x[v])
                })
                .collect();
            let placed = closest_apart(vs, &layers[l], &want);
            for (&v, p) in layers[l].iter().zip(placed) {
                x[v] = p;
            }
        }
    }
    // Straighten one-to-one links where there is room: a label or a placeholder right above
    // the only thing it leads to, then a node right below the only thing leading to it.
    let one_to_one = |v: usize, w: usize| succs[v].len() == 1 && preds[w].len() == 1;
    for _ in 0..2 {
        for l in (0..layers.len().saturating_sub(1)).rev() {
            let want: Vec<f64> = layers[l]
                .iter()
                .map(|&v| match succs[v].as_slice() {
                    &[w] if one_to_one(v, w) => x[w],
                    _ => x[v],
                })
                .collect();
            let placed = closest_apart(vs, &layers[l], &want);
            for (&v, p) in layers[l].iter().zip(placed) {
                x[v] = p;
            }
        }
        for layer in layers.iter().skip(1) {
            let want: Vec<f64> = layer
                .iter()
                .map(|&w| match preds[w].as_slice() {
                    &[v] if one_to_one(v, w) => x[v],
                    _ => x[w],
                })
                .collect();
            let placed = closest_apart(vs, layer, &want);
            for (&v, p) in layer.iter().zip(placed) {
                x[v] = p;
            }
        }
    }
    x
}

/// The positions closest (least squares) to `want` that keep the layer's nodes in order and
/// at least their separation apart: with each position shifted by the sum of the separations
/// before it, this is isotonic regression, solved by pooling adjacent violators.
fn closest_apart(vs: &[V], layer: &[usize], want: &[f64]) -> Vec<f64> {
    let mut offset = Vec::with_capacity(layer.len());
    let mut at = 0.0;
    for (k, &v) in layer.iter().enumerate() {
        if k > 0 {
            at += separation(vs, layer[k - 1], v);
        }
        offset.push(at);
    }
    // Blocks of (sum, count), each a run of nodes placed as one.
    let mut blocks: Vec<(f64, usize)> = Vec::new();
    for (w, o) in want.iter().zip(&offset) {
        blocks.push((w - o, 1));
        while blocks.len() > 1 {
            let (s2, c2) = blocks[blocks.len() - 1];
            let (s1, c1) = blocks[blocks.len() - 2];
            if s1 / c1 as f64 > s2 / c2 as f64 {
                blocks.pop();
                let last = blocks.len() - 1;
                blocks[last] = (s1 + s2, c1 + c2);
            } else {
                break;
            }
        }
    }
    let mut out = Vec::with_capacity(layer.len());
    for (s, c) in blocks {
        for _ in 0..c {
            out.push(s / c as f64);
        }
    }
    out.iter().zip(&offset).map(|(y, o)| y + o).collect()
}

/// Drops repeated points and the middle of three points on one straight line.
fn simplify(points: &mut Vec<(f64, f64)>) {
    points.dedup_by(|a, b| (a.0 - b.0).abs() < 0.01 && (a.1 - b.1).abs() < 0.01);
    let mut k = 1;
    while k + 1 < points.len() {
        let (a, b, c) = (points[k - 1], points[k], points[k + 1]);
        let cross = (b.0 - a.0) * (c.1 - b.1) - (b.1 - a.1) * (c.0 - b.0);
        let forward = (b.0 - a.0) * (c.0 - b.0) + (b.1 - a.1) * (c.1 - b.1) >= 0.0;
        if cross.abs() < 0.01 && forward {
            points.remove(k);
        } else {
            k += 1;
        }
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    fn node(w: f64, h: f64, shape: Shape) -> Node {
        Node {
            size: Size { w, h },
            shape,
        }
    }

    fn edge(from: usize, to: usize, label: Option<&str>) -> Edge {
        Edge {
            from,
            to,
            label: label.map(|l| Size {
                w: 12.0 + 8.0 * l.len() as f64,
                h: 22.0,
            }),
        }
    }

    /// Fixture charts: a chain, a decision tree with merges, three-way decisions, a loop back
    /// through a decision, a long edge skipping layers, and a wide fan.
    pub(crate) fn fixtures() -> Vec<(&'static str, Vec<Node>, Vec<Edge>)> {
        let b = |h| node(220.0, h, Shape::Box);
        let d = |h| node(280.0, h, Shape::Diamond);
        vec![
            (
                "chain",
                vec![b(40.0), b(60.0), b(80.0)],
                vec![edge(0, 1, None), edge(1, 2, None)],
            ),
            (
                "ces",
                vec![
                    b(40.0),
                    b(60.0),
                    b(60.0),
                    d(120.0),
                    b(60.0),
                    b(40.0),
                    b(60.0),
                    b(40.0),
                ],
                vec![
                    edge(0, 1, None),
                    edge(1, 2, None),
                    edge(2, 3, None),
                    edge(3, 4, Some("Yes")),
                    edge(3, 6, Some("No")),
                    edge(4, 5, None),
                    edge(6, 7, None),
                ],
            ),
            (
                "three-ways-and-merges",
                vec![
                    b(40.0),
                    d(140.0),
                    b(60.0),
                    b(60.0),
                    b(60.0),
                    d(100.0),
                    b(40.0),
                    b(40.0),
                ],
                vec![
                    edge(0, 1, None),
                    edge(1, 2, Some("Neurological signs")),
                    edge(1, 3, Some("Pain only")),
                    edge(1, 4, Some("Unsure")),
                    edge(2, 5, None),
                    edge(3, 5, None),
                    edge(4, 6, None),
                    edge(5, 6, Some("Stable")),
                    edge(5, 7, Some("Unstable")),
                ],
            ),
            (
                "loop-back",
                vec![b(40.0), b(60.0), d(120.0), b(40.0)],
                vec![
                    edge(0, 1, None),
                    edge(1, 2, None),
                    edge(2, 1, Some("No, not better")),
                    edge(2, 3, Some("Yes")),
                ],
            ),
            (
                "long-edge",
                vec![d(100.0), b(40.0), b(40.0), b(40.0), b(40.0)],
                vec![
                    edge(0, 1, Some("A")),
                    edge(1, 2, None),
                    edge(2, 3, None),
                    edge(0, 4, Some("B")),
                    edge(3, 4, None),
                ],
            ),
            (
                "wide",
                vec![
                    d(100.0),
                    d(100.0),
                    d(100.0),
                    d(100.0),
                    b(40.0),
                    b(40.0),
                    b(40.0),
                    b(40.0),
                    b(40.0),
                    b(40.0),
                    b(40.0),
                ],
                vec![
                    edge(0, 1, Some("Left")),
                    edge(0, 2, Some("Middle")),
                    edge(0, 3, Some("Right")),
                    edge(1, 4, Some("Yes")),
                    edge(1, 5, Some("No")),
                    edge(2, 6, Some("Yes")),
                    edge(2, 7, Some("No")),
                    edge(3, 8, Some("Yes")),
                    edge(3, 9, Some("No")),
                    edge(9, 10, None),
                    edge(4, 10, None),
                ],
            ),
        ]
    }

    /// Whether a horizontal or vertical segment passes through the inside of `r`.
    fn crosses(a: (f64, f64), b: (f64, f64), r: &Rect) -> bool {
        let shrunk = Rect {
            x: r.x + 0.5,
            y: r.y + 0.5,
            w: (r.w - 1.0).max(0.0),
            h: (r.h - 1.0).max(0.0),
        };
        let seg = Rect {
            x: a.0.min(b.0),
            y: a.1.min(b.1),
            w: (a.0 - b.0).abs().max(0.01),
            h: (a.1 - b.1).abs().max(0.01),
        };
        seg.overlaps(&shrunk)
    }

    /// Every problem with a layout: things outside the drawing, overlapping boxes or labels,
    /// slanted segments, edges through boxes or labels other than their own, edges not
    /// starting and ending on their boxes.
    fn problems(nodes: &[Node], edges: &[Edge]) -> Vec<String> {
        let l = layout(nodes, edges);
        let mut found = Vec::new();
        let mut things: Vec<(String, Rect)> = l
            .nodes
            .iter()
            .enumerate()
            .map(|(i, r)| (format!("node {i}"), *r))
            .collect();
        things.extend(
            l.edges
                .iter()
                .enumerate()
                .filter_map(|(i, e)| e.label.map(|r| (format!("label {i}"), r))),
        );
        for (i, (a, ra)) in things.iter().enumerate() {
            if !(ra.x >= 0.0 && ra.right() <= l.width && ra.y >= 0.0 && ra.bottom() <= l.height) {
                found.push(format!("{a} is outside the drawing"));
            }
            for (b, rb) in &things[i + 1..] {
                if ra.overlaps(rb) {
                    found.push(format!("{a} {ra:?} overlaps {b} {rb:?}"));
                }
            }
        }
        for (i, route) in l.edges.iter().enumerate() {
            let e = &edges[i];
            if route.points.len() < 2 {
                found.push(format!("edge {i} has no path"));
                continue;
            }
            for w in route.points.windows(2) {
                if w[0].0 != w[1].0 && w[0].1 != w[1].1 {
                    found.push(format!("edge {i} has a slanted segment {w:?}"));
                }
                for (k, r) in l.nodes.iter().enumerate() {
                    if k != e.from && k != e.to && crosses(w[0], w[1], r) {
                        found.push(format!("edge {i} crosses node {k}"));
                    }
                }
                for (k, other) in l.edges.iter().enumerate() {
                    if let (Some(r), true) = (other.label, k != i) {
                        if crosses(w[0], w[1], &r) {
                            found.push(format!("edge {i} crosses label {k}"));
                        }
                    }
                }
            }
            let (first, last) = (route.points[0], *route.points.last().unwrap());
            let on = |p: (f64, f64), r: &Rect| {
                p.0 >= r.x && p.0 <= r.right() && p.1 >= r.y && p.1 <= r.bottom()
            };
            if !on(first, &l.nodes[e.from]) || !on(last, &l.nodes[e.to]) {
                found.push(format!("edge {i} does not join its boxes"));
            }
        }
        found
    }

    #[test]
    fn no_boxes_or_labels_overlap_and_edges_avoid_other_boxes() {
        for (name, nodes, edges) in fixtures() {
            assert_eq!(problems(&nodes, &edges), Vec::<String>::new(), "{name}");
        }
    }

    proptest::proptest! {
        /// Random charts: each step reached from an earlier one, plus extra ways out (some
        /// going back up), boxes of random heights, some labelled.
        #[test]
        fn random_charts_never_overlap(
            n in 1usize..16,
            picks in proptest::collection::vec((0usize..1000, 0usize..1000, 0u8..4), 0..40),
            heights in proptest::collection::vec(0u8..4, 16),
        ) {
            let nodes: Vec<Node> = (0..n)
                .map(|i| {
                    let h = 40.0 + 20.0 * f64::from(heights[i]);
                    if heights[i] == 3 { node(280.0, h + 40.0, Shape::Diamond) } else { node(220.0, h, Shape::Box) }
                })
                .collect();
            let label = |k: u8| ["Yes", "No", "Positive scan"].get(usize::from(k)).copied();
            let mut edges: Vec<Edge> = (1..n)
                .map(|i| edge(picks.get(i).map_or(0, |p| p.0 % i), i, label(picks.get(i).map_or(3, |p| p.2))))
                .collect();
            for &(a, b, k) in picks.iter().skip(n) {
                let (a, b) = (a % n, b % n);
                if a != b {
                    edges.push(edge(a, b, label(k)));
                }
            }
            let found = problems(&nodes, &edges);
            proptest::prop_assert!(found.is_empty(), "{:?}", found);
        }
    }

    #[test]
    fn steps_go_down_the_page_and_a_loop_goes_back_up() {
        let (_, nodes, edges) = fixtures().remove(3);
        let l = layout(&nodes, &edges);
        for w in l.nodes.windows(2) {
            assert!(w[0].bottom() < w[1].y, "{:?}", l.nodes);
        }
        assert!(l.edges[2].back && !l.edges[3].back);
        let pts = &l.edges[2].points;
        assert!(
            pts.last().unwrap().1 < pts[0].1,
            "the loop should end higher up"
        );
    }

    #[test]
    fn a_chain_is_one_straight_column() {
        let (_, nodes, edges) = fixtures().remove(0);
        let l = layout(&nodes, &edges);
        let cx: Vec<f64> = l.nodes.iter().map(Rect::cx).collect();
        assert!(cx.iter().all(|c| (c - cx[0]).abs() < 0.01), "{cx:?}");
        assert!(l.edges.iter().all(|e| e.points.len() == 2));
    }

    #[test]
    fn the_same_input_gives_the_same_layout() {
        for (_, nodes, edges) in fixtures() {
            assert_eq!(layout(&nodes, &edges), layout(&nodes, &edges));
        }
    }

    #[test]
    fn closest_apart_keeps_gaps_and_stays_near_the_wish() {
        let vs: Vec<V> = (0..3)
            .map(|_| V {
                w: 100.0,
                h: 10.0,
                layer: 0,
                real: Some(0),
            })
            .collect();
        let x = closest_apart(&vs, &[0, 1, 2], &[0.0, 0.0, 0.0]);
        assert_eq!(x, vec![-136.0, 0.0, 136.0]);
        let x = closest_apart(&vs, &[0, 1, 2], &[-500.0, 0.0, 500.0]);
        assert_eq!(x, vec![-500.0, 0.0, 500.0]);
    }
}
