//! The workplan's assurance lints (warnings): a milestone past its date with no status
//! update since, a red item with no mitigation, a deliverable with no lead.

use super::{Rag, Workplan};
use crate::diag::Diagnostic;
use crate::place;
use jiff::civil::Date;

/// The workplan's three assurance lints, as warnings.
pub fn lint(plan: &Workplan, today: Date) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let text = &*plan.text;
    let warn = |code, line: usize, key: &str, message: String, help: &str| {
        let item = place::item_at(text, line);
        let (l, col, len) = place::value(text, &item, key).unwrap_or((line, 1, 1));
        Diagnostic::warning(code, &plan.path, message)
            .at(text, l, col, len)
            .help(help)
    };
    for d in plan.areas.iter().flat_map(|a| &a.deliverables) {
        if d.lead.is_none() {
            out.push(warn(
                "workplan-no-lead",
                d.line,
                "title",
                format!("deliverable `{}` has no lead", d.title),
                "add `lead:`, the person or role accountable for it",
            ));
        }
        for m in d.milestones.iter().filter(|m| m.overdue(today)) {
            let updated = d.status.iter().any(|s| s.date >= m.due);
            if !updated {
                out.push(warn(
                    "workplan-milestone-no-update",
                    m.line,
                    "due",
                    format!(
                        "milestone `{}` was due on {} and has no status update since",
                        m.what,
                        crate::dates::format_date(m.due)
                    ),
                    "add `done:` with the date it was met, or a `status:` entry saying where it stands",
                ));
            }
        }
        if let Some(s) = d
            .latest()
            .filter(|s| s.rag == Rag::Red && s.mitigation.is_none())
        {
            out.push(warn(
                "workplan-red-no-mitigation",
                s.line,
                "rag",
                format!("deliverable `{}` is rated red with no mitigation", d.title),
                "add `mitigation:` to the status: what is being done, and what support is asked for",
            ));
        }
    }
    out
}
