//! How sharp each rule's screen is: over the given text files, per rule,
//! how many paragraphs its screen lets through and how many it reports
//! anything in. A screen should pass few more paragraphs than its rule
//! reports in (see `ficpress::rules::screen`).
//!
//! ```text
//! cargo run --release --example screens -- ../shared/corpus/gutenberg/*.txt
//! ```

use ficpress::rules::{Paragraph, RuleOptions, Screen, Vocabulary, all, screen};
use regex::bytes::RegexBuilder;

/// A rule's screen, ready to ask.
type Test = Box<dyn Fn(&str) -> bool>;

fn main() {
    let rules = all();
    let screens: Vec<Test> = rules
        .iter()
        .map(|rule| -> Test {
            match (rule.screen(), screen::pattern(rule.screen())) {
                (Screen::Test(test), _) => Box::new(test),
                (_, None) => Box::new(|_| true),
                (_, Some(pattern)) => {
                    let regex = RegexBuilder::new(&pattern)
                        .unicode(false)
                        .build()
                        .expect("valid screen");
                    Box::new(move |text: &str| regex.is_match(text.as_bytes()))
                }
            }
        })
        .collect();
    let mut passed = vec![0usize; rules.len()];
    let mut reported = vec![0usize; rules.len()];
    let (mut paragraphs, mut clean) = (0usize, 0usize);
    let options = RuleOptions::default();
    for path in std::env::args().skip(1) {
        let Ok(bytes) = std::fs::read(&path) else {
            eprintln!("{path}: cannot read, skipped");
            continue;
        };
        let Ok(decoded) = ficpress::decode::decode(&bytes, &Default::default()) else {
            eprintln!("{path}: cannot decode, skipped");
            continue;
        };
        let text = decoded.text;
        let vocabulary = Vocabulary::learn(&text);
        for span in ficpress::split::split(&text).spans {
            let source = &text[span];
            let paragraph = Paragraph::new(source, false, &vocabulary, &options);
            paragraphs += 1;
            let mut any_pass = false;
            for (i, rule) in rules.iter().enumerate() {
                let passes = screens[i](source);
                any_pass |= passes;
                passed[i] += passes as usize;
                let mut found = Vec::new();
                rule.check(&paragraph, &mut found);
                reported[i] += !found.is_empty() as usize;
            }
            clean += !any_pass as usize;
        }
    }
    println!("{paragraphs} paragraphs, {clean} passed by no screen");
    println!("{:<6}{:>10}{:>10}  screen", "rule", "passes", "reports");
    for (i, rule) in rules.iter().enumerate() {
        let kind = match rule.screen() {
            Screen::Always => "always",
            Screen::Pattern(_) => "pattern",
            Screen::Words(_) => "words",
            Screen::Test(_) => "test",
        };
        println!(
            "{:<6}{:>10}{:>10}  {kind}",
            rule.meta().code,
            passed[i],
            reported[i]
        );
    }
}
