//! The service directory: `networks/<id>/services.yaml` lists the network's hospitals (each a
//! hub or partner of its network.yaml) and, for each, the services the pathways refer to
//! (spinal on-call, MRI, ...) with how to reach them, their hours, and when and by whom the
//! contact was last verified. Raw YAML becomes a checked [`Directory`] here, with one located
//! diagnostic per problem; [`overdue`] is the one rule for a contact not verified recently.

use crate::config::NetworkProfile;
use crate::diag::{suggest, Diagnostic};
use crate::place::{self, Checker, Lines};
use crate::slug::{is_slug, slugify};
use jiff::civil::Date;
use serde::Deserialize;
use std::collections::BTreeSet;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    #[serde(default)]
    example: bool,
    #[serde(default)]
    hospitals: Vec<RawHospital>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawHospital {
    id: String,
    name: String,
    #[serde(default)]
    town: Option<String>,
    #[serde(default)]
    services: Vec<RawService>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawService {
    kind: String,
    #[serde(default)]
    hours: Option<String>,
    #[serde(default)]
    phone: Option<String>,
    #[serde(default)]
    route: Option<String>,
    #[serde(default)]
    email: Option<String>,
    #[serde(default)]
    referral_url: Option<String>,
    #[serde(default)]
    verified: Option<String>,
    #[serde(default)]
    owner: Option<String>,
    #[serde(default)]
    notes: Option<String>,
}

/// A network's checked `services.yaml`.
#[derive(Debug, Clone, PartialEq)]
pub struct Directory {
    /// The file, relative to the content folder.
    pub path: String,
    /// The file's text, for lints that point into it.
    pub text: std::sync::Arc<str>,
    /// Every contact in the file is an example placeholder, not a real number.
    pub example: bool,
    pub hospitals: Vec<Hospital>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Hospital {
    pub id: String,
    pub name: String,
    pub town: Option<String>,
    pub role: Role,
    pub services: Vec<Service>,
}

/// A hospital's part in its network, from network.yaml.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Hub,
    Partner,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Service {
    pub kind: ServiceKind,
    pub hours: Hours,
    pub phone: Option<Phone>,
    /// Bleep or switchboard route, in words.
    pub route: Option<String>,
    pub email: Option<String>,
    pub referral_url: Option<String>,
    pub verified: Date,
    pub owner: String,
    pub notes: Option<String>,
    /// 1-based line of the service's entry in the file, for lints.
    pub line: usize,
}

/// The services a directory lists, in the order pages show them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum ServiceKind {
    SpinalOnCall,
    Mri,
    SpinalFractureReferral,
    PainService,
    PhysiotherapyTriage,
    SciCentreLink,
    PaediatricSpinal,
}

impl ServiceKind {
    pub const ALL: [ServiceKind; 7] = [
        ServiceKind::SpinalOnCall,
        ServiceKind::Mri,
        ServiceKind::SpinalFractureReferral,
        ServiceKind::PainService,
        ServiceKind::PhysiotherapyTriage,
        ServiceKind::SciCentreLink,
        ServiceKind::PaediatricSpinal,
    ];

    pub fn id(self) -> &'static str {
        match self {
            ServiceKind::SpinalOnCall => "spinal-on-call",
            ServiceKind::Mri => "mri",
            ServiceKind::SpinalFractureReferral => "spinal-fracture-referral",
            ServiceKind::PainService => "pain-service",
            ServiceKind::PhysiotherapyTriage => "physiotherapy-triage",
            ServiceKind::SciCentreLink => "sci-centre-link",
            ServiceKind::PaediatricSpinal => "paediatric-spinal",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            ServiceKind::SpinalOnCall => "Spinal on-call",
            ServiceKind::Mri => "MRI",
            ServiceKind::SpinalFractureReferral => "Spinal fracture referral",
            ServiceKind::PainService => "Pain service",
            ServiceKind::PhysiotherapyTriage => "Physiotherapy triage",
            ServiceKind::SciCentreLink => "Spinal cord injury centre link",
            ServiceKind::PaediatricSpinal => "Paediatric spinal",
        }
    }

    pub fn from_id(id: &str) -> Option<ServiceKind> {
        Self::ALL.into_iter().find(|k| k.id() == id)
    }
}

/// When a service can be reached.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hours {
    /// `24/7`.
    AllDay,
    /// `08:00–20:00 weekdays`: minutes after midnight, and the days.
    Window { from: u16, to: u16, days: Days },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Days {
    Daily,
    Weekdays,
    Weekends,
}

impl Hours {
    pub fn is_all_day(self) -> bool {
        self == Hours::AllDay
    }

    /// As pages write it: `24/7`, `08:00–20:00 weekdays`.
    pub fn text(self) -> String {
        match self {
            Hours::AllDay => "24/7".to_owned(),
            Hours::Window { from, to, days } => format!(
                "{:02}:{:02}–{:02}:{:02} {}",
                from / 60,
                from % 60,
                to / 60,
                to % 60,
                match days {
                    Days::Daily => "daily",
                    Days::Weekdays => "weekdays",
                    Days::Weekends => "weekends",
                }
            ),
        }
    }
}

/// `24/7`, or `HH:MM–HH:MM` (en dash or hyphen) followed by `daily`, `weekdays` or `weekends`.
pub fn parse_hours(text: &str) -> Option<Hours> {
    let text = text.trim();
    if text == "24/7" {
        return Some(Hours::AllDay);
    }
    let (times, days) = text.split_once(' ')?;
    let days = match days.trim() {
        "daily" => Days::Daily,
        "weekdays" => Days::Weekdays,
        "weekends" => Days::Weekends,
        _ => return None,
    };
    let (from, to) = times.split_once(['–', '-'])?;
    let minutes = |t: &str| -> Option<u16> {
        let (h, m) = t.split_once(':')?;
        if h.len() != 2 || m.len() != 2 {
            return None;
        }
        let (h, m): (u16, u16) = (h.parse().ok()?, m.parse().ok()?);
        (h < 24 && m < 60).then_some(h * 60 + m)
    };
    let (from, to) = (minutes(from)?, minutes(to)?);
    (from < to).then_some(Hours::Window { from, to, days })
}

/// A UK telephone number as written, and as a `tel:` address.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Phone {
    pub text: String,
    /// `+44...`, for `tel:` links.
    pub tel: String,
}

/// A UK number: `0` and 10 digits (or `+44` and 10 digits), spaces allowed between digits.
pub fn parse_phone(text: &str) -> Option<Phone> {
    let text = text.trim();
    let compact: String = text.chars().filter(|c| *c != ' ').collect();
    let national = match compact.strip_prefix("+44") {
        Some(rest) => rest.strip_prefix("(0)").unwrap_or(rest).to_owned(),
        None => compact.strip_prefix('0')?.to_owned(),
    };
    (national.len() == 10 && national.bytes().all(|b| b.is_ascii_digit())).then(|| Phone {
        text: text.to_owned(),
        tel: format!("+44{national}"),
    })
}

/// Whether a contact verified on `verified` is overdue for verification on `today`: more
/// than `months` months have passed. The one rule pages, lints and the coverage dashboard use.
pub fn overdue(verified: Date, today: Date, months: u32) -> bool {
    let months = i32::try_from(months).unwrap_or(i32::MAX);
    match verified.checked_add(jiff::Span::new().months(months)) {
        Ok(due) => due < today,
        Err(_) => false,
    }
}

/// The date a contact verified on `verified` is due to be verified again.
pub fn due(verified: Date, months: u32) -> Option<Date> {
    let months = i32::try_from(months).ok()?;
    verified.checked_add(jiff::Span::new().months(months)).ok()
}

/// Parses and checks a network's services.yaml against its profile; `None` when the file
/// has errors (each reported).
pub fn parse(
    path: &str,
    text: &std::sync::Arc<str>,
    profile: &NetworkProfile,
    diags: &mut Vec<Diagnostic>,
) -> Option<Directory> {
    let (raw, mut c) = Checker::parse::<RawFile>(path, text, diags)?;
    let all = place::whole(text);
    let hospital_items = place::items(text, &all, "hospitals");
    let hubs: Vec<&str> = profile.hubs.iter().map(|h| h.name.as_str()).collect();
    let partners: Vec<&str> = profile.partners.iter().map(|p| p.name.as_str()).collect();
    let mut ids = BTreeSet::new();
    let mut hospitals = Vec::new();
    for (i, h) in raw.hospitals.into_iter().enumerate() {
        let item = place::nth(&hospital_items, i, &all);
        let at =
            |key: &str| place::value(text, &item, key).unwrap_or(place::item_start(text, &item));
        if !is_slug(&h.id) {
            c.error(
                "invalid-id",
                at("id"),
                format!("hospital id `{}` is not a valid id", h.id),
                format!(
                    "use lowercase letters, digits and `-`, e.g. `{}`",
                    slugify(&h.id)
                ),
            );
        } else if !ids.insert(h.id.clone()) {
            c.error(
                "duplicate-id",
                at("id"),
                format!("hospital `{}` is listed twice", h.id),
                "give each hospital its own id, and list its services under one entry",
            );
        }
        let role = if hubs.contains(&h.name.as_str()) {
            Some(Role::Hub)
        } else if partners.contains(&h.name.as_str()) {
            Some(Role::Partner)
        } else {
            let known = hubs.iter().chain(&partners).copied();
            let help = match suggest(&h.name, known) {
                Some(s) => format!("did you mean `{s}`? The name must be written as network.yaml writes it"),
                None => "add the hospital to network.yaml under `hubs:` or `partners:`, or write its name as network.yaml does".to_owned(),
            };
            c.error(
                "unknown-hospital",
                at("name"),
                format!(
                    "`{}` is not a hub or partner hospital in this network's network.yaml",
                    h.name
                ),
                help,
            );
            None
        };
        let service_items = place::items(text, &item, "services");
        let mut kinds = BTreeSet::new();
        let mut services = Vec::new();
        for (j, s) in h.services.into_iter().enumerate() {
            let item = place::nth(&service_items, j, &item);
            if let Some(s) = service(&mut c, &item, s, &mut kinds) {
                services.push(s);
            }
        }
        if let Some(role) = role {
            hospitals.push(Hospital {
                id: h.id,
                name: h.name,
                town: h.town.filter(|t| !t.trim().is_empty()),
                role,
                services,
            });
        }
    }
    c.ok.then(|| Directory {
        path: path.to_owned(),
        text: text.clone(),
        example: raw.example,
        hospitals,
    })
}

fn service(
    c: &mut Checker<'_>,
    item: &Lines,
    s: RawService,
    kinds: &mut BTreeSet<ServiceKind>,
) -> Option<Service> {
    let text = c.text;
    let at = |key: &str| place::value(text, item, key).unwrap_or(place::item_start(text, item));
    let kind = match ServiceKind::from_id(s.kind.trim()) {
        Some(k) => {
            if !kinds.insert(k) {
                c.error(
                    "duplicate-service",
                    at("kind"),
                    format!("this hospital lists `{}` twice", k.id()),
                    "keep one entry per service; put other numbers in `route:` or `notes:`",
                );
            }
            Some(k)
        }
        None => {
            let ids = ServiceKind::ALL.map(ServiceKind::id);
            let help = match suggest(s.kind.trim(), ids) {
                Some(k) => format!("did you mean `{k}`?"),
                None => format!("the service kinds are: {}", ids.join(", ")),
            };
            c.error(
                "unknown-service-kind",
                at("kind"),
                format!("`{}` is not a kind of service the directory knows", s.kind),
                help,
            );
            None
        }
    };
    let hours = match s.hours.as_deref() {
        None => {
            c.error(
                "missing-field",
                place::item_start(text, item),
                "the service has no `hours:`".to_owned(),
                "add `hours: 24/7` or, e.g., `hours: 08:00–20:00 weekdays`",
            );
            None
        }
        Some(h) => {
            let parsed = parse_hours(h);
            if parsed.is_none() {
                c.error(
                    "invalid-hours",
                    at("hours"),
                    format!("`{h}` is not hours the directory can read"),
                    "write `24/7`, or the times and days, e.g. `08:00–20:00 weekdays` (days: daily, weekdays or weekends)",
                );
            }
            parsed
        }
    };
    let phone = s.phone.as_deref().and_then(|p| {
        let parsed = parse_phone(p);
        if parsed.is_none() {
            c.error(
                "invalid-phone",
                at("phone"),
                format!("`{p}` is not a UK telephone number"),
                "write 0 and ten more digits, spaced as you like, e.g. `020 0000 0000`; put bleeps and extensions in `route:`",
            );
        }
        parsed
    });
    if let Some(e) = &s.email {
        let ok = e.split_once('@').is_some_and(|(l, d)| {
            !l.is_empty() && d.contains('.') && !e.contains(char::is_whitespace)
        });
        if !ok {
            c.error(
                "invalid-email",
                at("email"),
                format!("`{e}` is not an email address"),
                "write the team's address, e.g. `spinal.referrals@nhs.net`",
            );
        }
    }
    if let Some(u) = &s.referral_url {
        if !u.starts_with("https://") || u.contains(char::is_whitespace) {
            c.error(
                "invalid-url",
                at("referral_url"),
                format!("`{u}` is not an https:// address"),
                "write the referral form's full address, starting with https://",
            );
        }
    }
    if s.phone.is_none() && s.route.is_none() && s.email.is_none() && s.referral_url.is_none() {
        c.error(
            "service-no-contact",
            at("kind"),
            "the service says no way to reach it".to_owned(),
            "add at least one of `phone:`, `route:`, `email:` or `referral_url:`",
        );
    }
    let verified = match s.verified.as_deref() {
        None => {
            c.error(
                "missing-field",
                place::item_start(text, item),
                "the service has no `verified:` date".to_owned(),
                "add `verified: YYYY-MM-DD`, the date someone last checked this contact works",
            );
            None
        }
        Some(v) => {
            let parsed = v.trim().parse::<Date>().ok();
            if parsed.is_none() {
                c.error(
                    "invalid-date",
                    at("verified"),
                    format!("`verified` is not a date: {v}"),
                    "write the date as YYYY-MM-DD, e.g. 2026-03-01",
                );
            }
            parsed
        }
    };
    let owner = s.owner.filter(|o| !o.trim().is_empty());
    if owner.is_none() {
        c.error(
            "missing-field",
            place::item_start(text, item),
            "the service has no `owner:`".to_owned(),
            "add `owner:`, the role that keeps this contact up to date, e.g. `owner: Network manager`",
        );
    }
    Some(Service {
        kind: kind?,
        hours: hours?,
        phone,
        route: s.route,
        email: s.email,
        referral_url: s.referral_url,
        verified: verified?,
        owner: owner?,
        notes: s.notes,
        line: place::item_start(text, item).0,
    })
}

/// `service-verification-overdue`: one warning per contact not verified within `months`.
pub fn lint(directory: &Directory, today: Date, months: u32) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for h in &directory.hospitals {
        for s in &h.services {
            if !overdue(s.verified, today, months) {
                continue;
            }
            let item = place::item_at(&directory.text, s.line);
            let (line, col, len) =
                place::value(&directory.text, &item, "verified").unwrap_or((s.line, 1, 1));
            out.push(
                Diagnostic::warning(
                    "service-verification-overdue",
                    &directory.path,
                    format!(
                        "{} at {} was last verified on {}, more than {months} months ago",
                        s.kind.label(),
                        h.name,
                        crate::dates::format_date(s.verified)
                    ),
                )
                .at(&directory.text, line, col, len)
                .help("call the number, check the route and email, then set `verified:` to today's date"),
            );
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> Date {
        s.parse().unwrap()
    }

    #[test]
    fn hours_are_all_day_or_a_window_on_given_days() {
        assert_eq!(parse_hours("24/7"), Some(Hours::AllDay));
        let h = parse_hours("08:00–20:00 weekdays").unwrap();
        assert_eq!(h.text(), "08:00–20:00 weekdays");
        assert_eq!(
            parse_hours("08:00-20:00 daily").unwrap().text(),
            "08:00–20:00 daily"
        );
        for bad in [
            "24/7/365",
            "8:00–20:00 weekdays",
            "20:00–08:00 daily",
            "08:00–25:00 daily",
            "08:00–20:00 mondays",
            "08:00–20:00",
        ] {
            assert_eq!(parse_hours(bad), None, "{bad}");
        }
    }

    #[test]
    fn phones_are_uk_numbers_with_a_tel_form() {
        let p = parse_phone("020 0000 0000").unwrap();
        assert_eq!(p.tel, "+442000000000");
        assert_eq!(
            parse_phone("+44 (0)20 0000 0000").unwrap().tel,
            "+442000000000"
        );
        for bad in [
            "020 0000 000",
            "bleep 1234",
            "20 0000 00000",
            "020 0000 0000 ext 12",
        ] {
            assert_eq!(parse_phone(bad), None, "{bad}");
        }
    }

    #[test]
    fn a_contact_is_overdue_after_the_period_has_passed() {
        let verified = date("2026-01-31");
        assert!(!overdue(verified, date("2026-07-31"), 6));
        assert!(overdue(verified, date("2026-08-01"), 6));
        assert!(!overdue(verified, date("2026-08-01"), 12));
        assert_eq!(due(verified, 6), Some(date("2026-07-31")));
    }
}
