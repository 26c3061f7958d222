//! Where a failing or warning finding points, as a reviewer sees it in every
//! format: the field to edit, in the file that holds it (a model card's label
//! in the card), at its line and column (1-based, in Unicode code points).

use crate::support::check_json;

/// A service that has no processor terms is named by the field that chose
/// it: `deployment.service`, not the `deployment:` section line.
#[test]
fn a_service_without_processor_terms_points_at_the_service() {
    for (proposal, rule) in [
        ("fixtures/rules/RES-CCPA-SERVICE-PROVIDER/fail-no-processor-terms.yaml", "RES-CCPA-SERVICE-PROVIDER"),
        ("fixtures/rules/RES-PCI-CARDHOLDER/fail-no-processor-terms.yaml", "RES-PCI-CARDHOLDER"),
    ] {
        let (_, report) = check_json(&[proposal]);
        let finding = crate::support::finding(&report, rule);
        let at_service = finding["violations"]
            .as_array()
            .unwrap()
            .iter()
            .find(|v| v["message"].as_str().unwrap().contains("no processor terms"))
            .expect("the processor-terms violation");
        assert_eq!(at_service["path"], "/deployment/service", "{proposal}");
        assert_eq!(at_service["location"]["line"], 13, "{proposal}");
        assert_eq!(at_service["location"]["column"], 3, "{proposal}");
    }
}
