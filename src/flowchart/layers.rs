//! Steps 1 to 3 of the flowchart layout (see [`super::layout`]): the edges that close a loop,
//! the layer of each node (its longest path from the first step), and the order of the nodes
//! in each layer, chosen to reduce crossings. Index order throughout, so the same chart gives
//! the same layers.

use super::layout::{Edge, V};

/// Edges that close a loop, found by a depth-first walk from node 0 (then any node not yet
/// seen), taking each node's edges in order.
pub(super) fn back_edges(n: usize, edges: &[Edge]) -> Vec<bool> {
    let mut out: Vec<Vec<usize>> = vec![Vec::new(); n];
    for (i, e) in edges.iter().enumerate() {
        out[e.from].push(i);
    }
    let mut state = vec![0u8; n]; // 0 unseen, 1 on the walk, 2 done
    let mut back = vec![false; edges.len()];
    for root in 0..n {
        if state[root] != 0 {
            continue;
        }
        state[root] = 1;
        let mut stack = vec![(root, 0usize)];
        while let Some(top) = stack.last_mut() {
            let (u, k) = *top;
            if let Some(&e) = out[u].get(k) {
                top.1 += 1;
                let v = edges[e].to;
                match state[v] {
                    0 => {
                        state[v] = 1;
                        stack.push((v, 0));
                    }
                    1 => back[e] = true,
                    _ => {}
                }
            } else {
                state[u] = 2;
                stack.pop();
            }
        }
    }
    back
}

/// Longest-path layering of a graph without loops.
pub(super) fn ranks(n: usize, down: &[(usize, usize)]) -> Vec<usize> {
    let mut indegree = vec![0usize; n];
    let mut out: Vec<Vec<usize>> = vec![Vec::new(); n];
    for &(a, b) in down {
        if a != b {
            indegree[b] += 1;
            out[a].push(b);
        }
    }
    let mut rank = vec![0usize; n];
    let mut ready: Vec<usize> = (0..n).filter(|&i| indegree[i] == 0).rev().collect();
    while let Some(a) = ready.pop() {
        for &b in &out[a] {
            rank[b] = rank[b].max(rank[a] + 1);
            indegree[b] -= 1;
            if indegree[b] == 0 {
                ready.push(b);
            }
        }
    }
    rank
}

/// The order of the nodes in each layer, with few crossings.
pub(super) fn order(
    vs: &[V],
    layer_count: usize,
    preds: &[Vec<usize>],
    succs: &[Vec<usize>],
) -> Vec<Vec<usize>> {
    let mut layers: Vec<Vec<usize>> = vec![Vec::new(); layer_count];
    for (i, v) in vs.iter().enumerate() {
        layers[v.layer].push(i);
    }
    let mut pos = vec![0.0f64; vs.len()];
    let set_pos = |layers: &[Vec<usize>], pos: &mut Vec<f64>| {
        for layer in layers {
            for (k, &v) in layer.iter().enumerate() {
                pos[v] = k as f64;
            }
        }
    };
    // Start from the order a walk down the chart meets the nodes.
    set_pos(&layers, &mut pos);
    for layer in layers.iter_mut().skip(1) {
        sort_by_barycentre(layer, preds, &mut pos);
    }
    let mut best = layers.clone();
    let mut best_crossings = crossings(&layers, succs, &pos);
    for round in 0..8 {
        if round % 2 == 0 {
            for layer in layers.iter_mut().skip(1) {
                sort_by_barycentre(layer, preds, &mut pos);
            }
        } else {
            for layer in layers.iter_mut().rev().skip(1) {
                sort_by_barycentre(layer, succs, &mut pos);
            }
        }
        let c = crossings(&layers, succs, &pos);
        if c < best_crossings {
            best_crossings = c;
            best = layers.clone();
        }
        if best_crossings == 0 {
            break;
        }
    }
    best
}

/// Sorts a layer by the mean position of each node's neighbours (a node without any keeps
/// its place), then records the new positions.
fn sort_by_barycentre(layer: &mut [usize], neighbours: &[Vec<usize>], pos: &mut [f64]) {
    let key: Vec<(f64, usize)> = layer
        .iter()
        .map(|&v| {
            let ns = &neighbours[v];
            let b = if ns.is_empty() {
                pos[v]
            } else {
                ns.iter().map(|&u| pos[u]).sum::<f64>() / ns.len() as f64
            };
            (b, v)
        })
        .collect();
    let mut keyed: Vec<(f64, f64, usize)> = key.into_iter().map(|(b, v)| (b, pos[v], v)).collect();
    keyed.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.total_cmp(&b.1)));
    for (k, (_, _, v)) in keyed.into_iter().enumerate() {
        layer[k] = v;
        pos[v] = k as f64;
    }
}

fn crossings(layers: &[Vec<usize>], succs: &[Vec<usize>], pos: &[f64]) -> usize {
    let mut total = 0;
    for layer in layers {
        let segs: Vec<(f64, f64)> = layer
            .iter()
            .flat_map(|&u| succs[u].iter().map(move |&v| (pos[u], pos[v])))
            .collect();
        for (i, a) in segs.iter().enumerate() {
            for b in &segs[i + 1..] {
                if (a.0 - b.0) * (a.1 - b.1) < 0.0 {
                    total += 1;
                }
            }
        }
    }
    total
}
