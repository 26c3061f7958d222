//! Dates as modelgate reads them (`--now`, a waiver's `expires`): exactly
//! `YYYY-MM-DD`, the ISO 8601 calendar date, so a report shows a date as it
//! was written and `2027-3-1` is not silently read as `2027-03-01`.

/// The date `text` names, when it is a valid date written as `YYYY-MM-DD`.
pub fn parse_iso_date(text: &str) -> Option<jiff::civil::Date> {
    let date = jiff::civil::Date::strptime("%Y-%m-%d", text).ok()?;
    (date.to_string() == text).then_some(date)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_full_iso_dates_are_read() {
        assert_eq!(parse_iso_date("2027-03-01").map(|d| d.to_string()).as_deref(), Some("2027-03-01"));
        for bad in ["2027-3-1", "2027-02-30", "27-03-01", "2027-03-01T00:00", " 2027-03-01", "20270301"] {
            assert_eq!(parse_iso_date(bad), None, "{bad}");
        }
    }
}
