//! A hand-built report that exercises every renderer without depending on
//! the bundled policies (whose rules change as the rule authors add them):
//! every status, a route, a proposal-level finding, two violations of one
//! rule, an applied, an expired and a stale waiver, an obligation, and texts
//! full of characters each format must escape (`<script>`, `&`, `"`, `|`,
//! `%`, CR/LF, `:` and `,`, a space and a comma in a path).

use modelgate::catalog::license::Verification;
use modelgate::engine::meta::RuleMeta;
use modelgate::engine::Origin;
use modelgate::error::Location;
use modelgate::finding::{Category, Citation, Finding, Obligation, Severity, Status, Violation};
use modelgate::report::{
    CatalogSet, FailOn, FileDigest, Gate, LicenseFacts, ModelRecordFacts, ModelSummary, PolicySet, ProposalResult,
    Report, RuleRecord, StaleWaiver, Summary, Tool, Verdict, WaiverSet, SCHEMA,
};
use modelgate::waiver::{AppliedWaiver, Reason, WaivedStatus, WaiverState};

/// The message full of characters to escape.
pub const TRICKY: &str = "<script>alert(\"x\")</script> & 100% | done\r\nnext line: a, b";

/// The tricky proposal's file: a space and a comma in the name.
pub const TRICKY_FILE: &str = "proposals/tricky one, v2.yaml";

fn hex(c: char) -> String {
    std::iter::repeat_n(c, 64).collect()
}

fn at(file: &str, line: u32, column: u32) -> Location {
    Location { file: file.into(), line, column }
}

fn rule(id: &str, title: &str, severity: Severity, category: Category) -> RuleMeta {
    RuleMeta {
        id: id.into(),
        title: title.into(),
        severity,
        category,
        citation: Citation {
            document: format!("{title} Act"),
            section: "4(b)".into(),
            url: format!("https://example.org/{}", id.to_ascii_lowercase()),
        },
        description: format!("What {id} checks, in a sentence."),
        remediation: Some(format!("How to fix {id}.")),
    }
}

fn finding(rule: &RuleMeta, status: Status) -> Finding {
    Finding {
        rule: rule.id.clone(),
        status,
        severity: rule.severity,
        category: rule.category,
        title: rule.title.clone(),
        message: rule.description.clone(),
        remediation: None,
        license: None,
        citation: rule.citation.clone(),
        path: None,
        location: None,
        obligations: Vec::new(),
        waiver: None,
        violations: Vec::new(),
    }
}

fn violation(message: &str, path: &str, location: Location, remediation: &str) -> Violation {
    Violation {
        message: message.into(),
        path: Some(path.into()),
        location: Some(location),
        remediation: Some(remediation.into()),
        license: None,
        citation: None,
    }
}

fn fail(mut f: Finding, violations: Vec<Violation>) -> Finding {
    let first = &violations[0];
    f.message = first.message.clone();
    f.remediation = first.remediation.clone();
    f.path = first.path.clone();
    f.location = first.location.clone();
    f.violations = violations;
    f
}

fn waiver(state: WaiverState, expires: &str, note: Option<&str>, line: u32) -> AppliedWaiver {
    AppliedWaiver {
        state,
        status: WaivedStatus::Fail,
        approved_by: "jane.doe@example.com".into(),
        reason: Reason::LicenseAcquired,
        comment: "Separate agreement, signed 2026-03-01 <ref: MTA-17>.".into(),
        ticket: Some("LEGAL-1234".into()),
        expires: expires.into(),
        location: at("waivers.yaml", line, 5),
        license_sha256: None,
        note: note.map(str::to_string),
    }
}

/// The sample report.
pub fn report() -> Report {
    let ceiling = rule("LIC-DEMO-CEILING", "User ceiling of the demo license", Severity::Critical, Category::License);
    let transfer = rule("RES-DEMO-TRANSFER", "Personal data stays in the EEA", Severity::High, Category::Residency);
    let latency = rule("ADV-DEMO-LATENCY", "Latency budget", Severity::Info, Category::Advisory);
    let notice = rule("RED-DEMO-NOTICE", "NOTICE goes with the weights", Severity::Medium, Category::Redistribution);
    let broken = rule("RES-DEMO-BROKEN", "A rule that cannot be evaluated", Severity::High, Category::Residency);

    let mut ceiling_fail = fail(
        finding(&ceiling, Status::Fail),
        vec![violation(TRICKY, "/organization/monthly_active_users", at(TRICKY_FILE, 7, 3), "Ask & wait.")],
    );
    ceiling_fail.license = Some("LicenseRef-demo".into());
    ceiling_fail.message =
        format!("{TRICKY} (waiver not applied: the waiver at waivers.yaml:4:5 expired on 2026-01-31)");
    ceiling_fail.waiver = Some(waiver(
        WaiverState::Expired,
        "2026-01-31",
        Some("the waiver at waivers.yaml:4:5 expired on 2026-01-31"),
        4,
    ));
    let transfer_fail = fail(
        finding(&transfer, Status::Fail),
        vec![
            violation(
                "Region us-east-1 is outside the EEA.",
                "/deployment/regions/0",
                at(TRICKY_FILE, 10, 5),
                "Use eu-west-1.",
            ),
            violation(
                "Region global may route anywhere.",
                "/deployment/regions/1",
                at(TRICKY_FILE, 11, 5),
                "Pin a region.",
            ),
        ],
    );
    let mut latency_warn = finding(&latency, Status::Warn);
    latency_warn.message = "The API round trip (900 ms) exceeds the 800 ms budget.".into();
    latency_warn.violations = vec![Violation {
        message: latency_warn.message.clone(),
        path: None,
        location: None,
        remediation: Some("Self-host close to the users.".into()),
        license: None,
        citation: None,
    }];
    let mut notice_pass = finding(&notice, Status::Pass);
    notice_pass.obligations = vec![Obligation {
        text: "Ship the NOTICE file with the weights".into(),
        section: Some("4(d)".into()),
        license: None,
    }];
    let tricky = ProposalResult {
        name: "tricky-proposal".into(),
        file: TRICKY_FILE.into(),
        route: None,
        verdict: Verdict::Fail,
        model: ModelSummary {
            id: Some("demo/model-7b".into()),
            license: "LicenseRef-demo OR Apache-2.0".into(),
            alternative: "LicenseRef-demo".into(),
            every_alternative_fails: false,
            other_alternatives: Vec::new(),
            // A source URL with characters HTML must escape.
            record: Some(ModelRecordFacts {
                verification: Verification::Partial,
                source: "https://models.example/demo?card=1&v=<2>".into(),
            }),
        },
        findings: vec![ceiling_fail, transfer_fail, latency_warn, notice_pass, finding(&broken, Status::NotApplicable)],
    };

    let mut ceiling_waived = fail(
        finding(&ceiling, Status::Waived),
        vec![violation(
            "900000000 users exceed the ceiling of 700000000.",
            "/organization/monthly_active_users",
            at("proposals/router.yaml", 9, 3),
            "Get a license.",
        )],
    );
    ceiling_waived.license = Some("LicenseRef-demo".into());
    ceiling_waived.waiver = Some(waiver(WaiverState::Applied, "2027-03-01", None, 12));
    let mut broken_error = finding(&broken, Status::Error);
    broken_error.message = "the rule could not be evaluated: division by zero".into();
    let router = ProposalResult {
        name: "router".into(),
        file: "proposals/router.yaml".into(),
        route: Some("eu".into()),
        verdict: Verdict::Error,
        model: ModelSummary {
            id: Some("demo/model-7b".into()),
            license: "LicenseRef-demo".into(),
            alternative: "LicenseRef-demo".into(),
            every_alternative_fails: false,
            other_alternatives: Vec::new(),
            record: None,
        },
        findings: vec![
            broken_error,
            ceiling_waived,
            finding(&notice, Status::Pass),
            finding(&transfer, Status::NotApplicable),
            finding(&latency, Status::NotApplicable),
        ],
    };

    let proposals = vec![tricky, router];
    // The rule that errs is an organisation's own, given with --policy.
    let bundled = |meta: RuleMeta, file: &str| RuleRecord { meta, origin: Origin::Bundled, files: vec![file.into()] };
    let mut rules = vec![
        bundled(ceiling, "policies/license/ceiling.rego"),
        bundled(transfer, "policies/residency/transfer.rego"),
        bundled(latency, "policies/advisory/latency.rego"),
        bundled(notice, "policies/redistribution/notice.rego"),
        RuleRecord { meta: broken, origin: Origin::User, files: vec!["acme/broken.rego".into()] },
    ];
    rules.sort_by(|a, b| a.meta.id.cmp(&b.meta.id));
    Report {
        schema: SCHEMA,
        tool: Tool { name: "modelgate", version: "9.9.9", engine: "regorus 9.9.9" },
        now: "2026-11-23".into(),
        summary: Summary::of(&proposals),
        gate: Gate::of(&Summary::of(&proposals), FailOn::Fail),
        command: ["modelgate", "check", "--now", "2026-11-23", "--fail-on", "fail", "--timeout-ms", "5000"]
            .into_iter()
            .chain(["--policy", "acme", TRICKY_FILE, "proposals/router.yaml"])
            .map(String::from)
            .collect(),
        proposals,
        inputs: vec![
            FileDigest { file: TRICKY_FILE.into(), sha256: hex('a') },
            FileDigest { file: "proposals/router.yaml".into(), sha256: hex('b') },
        ],
        policies: PolicySet {
            sha256: hex('c'),
            rules: 5,
            files: vec![FileDigest { file: "policies/demo.rego".into(), sha256: hex('d') }],
            replaced: vec![
                "the bundled rule REQ-DEMO-OLD (modelgate.rules.requirement.old) is replaced by the one in acme/old.rego"
                    .into(),
            ],
        },
        catalog: CatalogSet {
            sha256: hex('e'),
            files: vec![FileDigest { file: "licenses/LicenseRef-demo.yaml".into(), sha256: hex('f') }],
            replaced: Vec::new(),
        },
        waivers: Some(WaiverSet {
            file: "waivers.yaml".into(),
            sha256: hex('0'),
            stale: vec![StaleWaiver {
                rule: "RED-DEMO-NOTICE".into(),
                proposal: "router".into(),
                route: Some("eu".into()),
                status: WaivedStatus::Fail,
                location: at("waivers.yaml", 20, 5),
                approved_by: "john.roe@example.com".into(),
                reason: Reason::RiskAccepted,
                ticket: None,
                expires: "2027-01-01".into(),
                why: "RED-DEMO-NOTICE did not fail (pass for `router/eu`); a waiver covers failures unless it says `status: warn`".into(),
            }],
        }),
        rules,
        licenses: vec![LicenseFacts {
            id: "LicenseRef-demo".into(),
            name: "Demo Community License <v1>".into(),
            version: "2024-07-23".into(),
            kind: "model_license".into(),
            verification: "verified".into(),
            url: "https://example.org/license?v=1&lang=en".into(),
            summary: "Free below 700M monthly active users; a NOTICE goes with the weights.".into(),
            file: "licenses/LicenseRef-demo.yaml".into(),
            sha256: hex('f'),
        }],
    }
}
