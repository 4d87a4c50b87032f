//! Table-driven checks of the quote layer on sentences written for these
//! tests: each cue order, pronouns, nominal and organisation speakers,
//! alternating speakers, floating quotes, apostrophes, nesting, titles,
//! multi-paragraph and unclosed quotations.

use annotator::{annotate, Options};

/// (quoted text, speaker mention text, speaker name, unclosed); a phrase of
/// common nouns ("one witness") is the mention but names nobody. Titles
/// (kind `title`) are left out.
type Want<'a> = (&'a str, Option<&'a str>, Option<&'a str>, bool);

fn run(text: &str) -> Vec<(String, Option<String>, Option<String>, bool)> {
    let opts = Options { entities: true, quotes: true, boilerplate: false, inside_boilerplate: false };
    annotate(text, &opts)
        .quotes
        .iter()
        .filter(|q| q.kind != annotator::QuoteKind::Title)
        .map(|q| {
            let sp = q.speaker.as_ref();
            (
                q.span.text(text).to_string(),
                sp.map(|s| s.span.text(text).to_string()),
                sp.and_then(|s| s.name.clone()),
                q.unclosed,
            )
        })
        .collect()
}

fn check(cases: &[(&str, &[Want])]) {
    let mut bad = Vec::new();
    for (text, want) in cases {
        let got = run(text);
        let want: Vec<(String, Option<String>, Option<String>, bool)> = want
            .iter()
            .map(|w| (w.0.to_string(), w.1.map(str::to_string), w.2.map(str::to_string), w.3))
            .collect();
        if got != want {
            bad.push(format!("{text:?}\n  want {want:?}\n  got  {got:?}"));
        }
    }
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}

#[test]
fn cue_orders() {
    check(&[
        (
            "Maria Lopez said, “The budget is balanced.”",
            &[("“The budget is balanced.”", Some("Maria Lopez"), Some("Maria Lopez"), false)],
        ),
        (
            "Treasurer Maria Lopez presented the plan. “The budget is balanced,” Lopez said.",
            &[("“The budget is balanced,”", Some("Lopez"), Some("Maria Lopez"), false)],
        ),
        (
            "“The budget is balanced,” said Lopez.",
            &[("“The budget is balanced,”", Some("Lopez"), Some("Lopez"), false)],
        ),
        (
            "“The budget is balanced,” Lopez, the city treasurer, said on Monday.",
            &[("“The budget is balanced,”", Some("Lopez"), Some("Lopez"), false)],
        ),
        (
            "Lopez said the plan was sound, adding “we expect a surplus.”",
            &[("“we expect a surplus.”", Some("Lopez"), Some("Lopez"), false)],
        ),
        (
            "Lopez told the council: “We are on track.”",
            &[("“We are on track.”", Some("Lopez"), Some("Lopez"), false)],
        ),
        (
            "According to Lopez, “reserves are healthy.”",
            &[("“reserves are healthy.”", Some("Lopez"), Some("Lopez"), false)],
        ),
        (
            "Asked about reserves, Lopez answered: “They are healthy.”",
            &[("“They are healthy.”", Some("Lopez"), Some("Lopez"), false)],
        ),
        (
            "Lopez called the audit “a formality” and left.",
            &[("“a formality”", Some("Lopez"), Some("Lopez"), false)],
        ),
        (
            "“We are on track,” Lopez said, “and ahead of schedule.”",
            &[
                ("“We are on track,”", Some("Lopez"), Some("Lopez"), false),
                ("“and ahead of schedule.”", Some("Lopez"), Some("Lopez"), false),
            ],
        ),
        (
            "\"We are on track,\" Mayor Tom Reed, a former banker, said Tuesday.",
            &[("\"We are on track,\"", Some("Tom Reed"), Some("Tom Reed"), false)],
        ),
        ("“Vote early.” ― Jane Roe", &[("“Vote early.”", Some("Jane Roe"), Some("Jane Roe"), false)]),
        ("Jane Roe: “Vote early.”", &[("“Vote early.”", Some("Jane Roe"), Some("Jane Roe"), false)]),
        (
            "“It is over,” Reyes's spokesman, Dan Brill, said.",
            &[("“It is over,”", Some("Dan Brill"), Some("Dan Brill"), false)],
        ),
    ]);
}

#[test]
fn pronouns_nominals_and_organisations() {
    check(&[
        (
            "Maria Lopez spoke first. “We are on track,” she said.",
            &[("“We are on track,”", Some("she"), Some("Maria Lopez"), false)],
        ),
        ("“It is done,” he said.", &[("“It is done,”", Some("he"), None, false)]),
        (
            // A one-word name that spoke is a person a pronoun can refer to.
            "“Not a chance,” Johnson said. He added: “The votes are not there.”",
            &[
                ("“Not a chance,”", Some("Johnson"), Some("Johnson"), false),
                ("“The votes are not there.”", Some("He"), Some("Johnson"), false),
            ],
        ),
        (
            "“Not a chance,” the Texas Republican said.",
            // (Its name is its capitalised words: no lower-case phrase is shown as a name.)
            &[("“Not a chance,”", Some("the Texas Republican"), Some("Texas Republican"), false)],
        ),
        (
            // The subject, not the nearer object, is the antecedent.
            "Tom Reyes met Ruth Adler on Monday. “We agreed,” he said.",
            &[("“We agreed,”", Some("he"), Some("Tom Reyes"), false)],
        ),
        (
            // "his" after a name tells its gender; "she" skips that person.
            "Senator Ruth Adler opposed the bill. Governor Tom Reyes defended his record. “We did our job,” she said.",
            &[("“We did our job,”", Some("she"), Some("Ruth Adler"), false)],
        ),
        (
            "Press secretary Dan Brill opened the briefing on Friday.\n\nThe spokesman added that “no decision” had been made.",
            &[("“no decision”", Some("The spokesman"), Some("Dan Brill"), false)],
        ),
        (
            "The Treasury said the figures were “preliminary.”",
            &[("“preliminary.”", Some("Treasury"), Some("Treasury"), false)],
        ),
        (
            "The farmers' union said the offer was “an insult.”",
            &[("“an insult.”", Some("The farmers' union"), Some("The farmers' union"), false)],
        ),
        (
            "Varga and Kim said in a statement that “the talks will resume.”",
            &[("“the talks will resume.”", Some("Varga and Kim"), Some("Varga and Kim"), false)],
        ),
    ]);
}

#[test]
fn more_speaker_phrases() {
    check(&[
        (
            "“We will win,” the senator from Ohio said.",
            // A person no one names: the mention stays, the name is unknown.
            &[("“We will win,”", Some("the senator from Ohio"), None, false)],
        ),
        (
            "“No comment,” a City Hall official said.",
            &[("“No comment,”", Some("a City Hall official"), None, false)],
        ),
        (
            "“No comment,” City Hall spokesman Dan Brill told reporters.",
            &[("“No comment,”", Some("Dan Brill"), Some("Dan Brill"), false)],
        ),
        (
            "“It was chaos,” said one witness, who asked not to be named.",
            &[("“It was chaos,”", Some("one witness"), None, false)],
        ),
        ("Lopez, 54, said “it was chaos.”", &[("“it was chaos.”", Some("Lopez"), Some("Lopez"), false)]),
        ("“It was chaos,” Lopez, 54, said.", &[("“It was chaos,”", Some("Lopez"), Some("Lopez"), false)]),
        (
            "“It was chaos.” That was how Lopez described it.",
            &[("“It was chaos.”", Some("Lopez"), Some("Lopez"), false)],
        ),
        (
            "In a statement, the company said: “We regret the error.”",
            &[("“We regret the error.”", Some("the company"), None, false)],
        ),
        (
            "“We regret the error,” a spokesman for the Admiralty said.",
            &[("“We regret the error,”", Some("a spokesman for the Admiralty"), None, false)],
        ),
    ]);
}

#[test]
fn alternating_and_floating_speakers() {
    check(&[
        (
            "“Is it ready?” Kim asked. “Almost,” Lopez replied.",
            &[("“Is it ready?”", Some("Kim"), Some("Kim"), false), ("“Almost,”", Some("Lopez"), Some("Lopez"), false)],
        ),
        (
            "“We are on track,” Lopez said. “Nobody expected it.”",
            &[
                ("“We are on track,”", Some("Lopez"), Some("Lopez"), false),
                ("“Nobody expected it.”", Some("Lopez"), Some("Lopez"), false),
            ],
        ),
        (
            "Lopez told the council:\n\n“We are on track.”",
            &[("“We are on track.”", Some("Lopez"), Some("Lopez"), false)],
        ),
        (
            // A new speaker between two quotations breaks the chain.
            "“We will appeal,” said Kim.\n\nLopez disagreed and said the city would comply.\n\n“The court has spoken.”",
            &[
                ("“We will appeal,”", Some("Kim"), Some("Kim"), false),
                ("“The court has spoken.”", Some("Lopez"), Some("Lopez"), false),
            ],
        ),
        (
            // Words after a finished quotation that introduce the next one.
            "Kim spoke first: “We won.” Lopez told reporters: “Next year too.”",
            &[("“We won.”", Some("Kim"), Some("Kim"), false), ("“Next year too.”", Some("Lopez"), Some("Lopez"), false)],
        ),
        (
            // Another person acting in between: the chain is broken.
            "“We will appeal,” said Kim.\n\nLopez Garza left the room. “The court has spoken.”",
            &[("“We will appeal,”", Some("Kim"), Some("Kim"), false), ("“The court has spoken.”", None, None, false)],
        ),
        (
            // No cue and no adjacent speaker: nobody.
            "“We will appeal,” said Kim.\n\nThe hearing lasted two hours.\n\nThe leaflet read: no. Its title? “Stay home.”",
            &[("“We will appeal,”", Some("Kim"), Some("Kim"), false), ("“Stay home.”", None, None, false)],
        ),
    ]);
}

#[test]
fn marks_apostrophes_nesting_titles() {
    check(&[
        ("The Smiths’ lawyer said the ’90s were different and rock ’n’ roll didn’t matter.", &[]),
        ("The growers' union said Kim's plan was late.", &[]),
        (
            "“She told me ‘wait,’ and I did,” Kim said.",
            &[("“She told me ‘wait,’ and I did,”", Some("Kim"), Some("Kim"), false)],
        ),
        // A title alone names the speaker of a headline's quotation.
        (
            "Mayor vows ‘no new taxes’ in budget speech",
            &[("‘no new taxes’", Some("Mayor"), Some("Mayor"), false)],
        ),
        ("Her book “Counting Every Vote” came out in May.", &[]),
        ("Tickets for the movie \"Harbor Lights\" sold out.", &[]),
    ]);
}

#[test]
fn multi_paragraph_and_unclosed() {
    check(&[
        (
            "Lopez said: “First, taxes.\n\n“Second, spending.\n\n“Third, debt.”\n\nThe council adjourned.",
            &[(
                "“First, taxes.\n\n“Second, spending.\n\n“Third, debt.”",
                Some("Lopez"),
                Some("Lopez"),
                false,
            )],
        ),
        (
            "Lopez said: \"First, taxes.\n\n\"Second, spending.\"",
            &[("\"First, taxes.\n\n\"Second, spending.\"", Some("Lopez"), Some("Lopez"), false)],
        ),
        (
            "Lopez said: “First, taxes.\n\nThe council adjourned.",
            &[("“First, taxes.", Some("Lopez"), Some("Lopez"), true)],
        ),
    ]);
}

#[test]
fn never_panics_on_odd_input() {
    let odd = [
        "",
        "“",
        "”",
        "\"",
        "'",
        "‘’",
        "“”",
        "\"\"",
        "said",
        "he said",
        "“a” said",
        "According to",
        "“x,” said",
        "\u{a0}“\u{a0}”",
        "«»",
        "“👍,” 👍 said 👍.",
        ", said ,",
        "“q” ― ",
        "“q”―",
        "(“q”)",
        "“q” (said)",
        "A, B, C, said",
    ];
    for t in odd {
        let _ = run(t);
        let _ = run(&format!("{t}\n\n{t}"));
    }
    // Random strings over quote marks, apostrophes, cue words, names and
    // multi-byte characters (a fixed pseudo-random sequence).
    let atoms = [
        "“",
        "”",
        "‘",
        "’",
        "\"",
        "'",
        "«",
        "»",
        "„",
        " ",
        " ",
        "\n",
        "\n\n",
        ",",
        ".",
        ":",
        "?",
        "―",
        "(",
        ")",
        "said",
        "told",
        "according to",
        "adding",
        "he",
        "she",
        "the spokesman",
        "Ilse Varga",
        "Moreau",
        "The",
        "é",
        "👍",
        "\u{a0}",
        "Mr.",
        "and",
        "’s",
        "in",
        "‒",
    ];
    let mut x: u64 = 0x2545_f491_4f6c_dd1d;
    for _ in 0..3000 {
        let mut t = String::new();
        let n = (x % 40) as usize;
        for _ in 0..n {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            t.push_str(atoms[(x % atoms.len() as u64) as usize]);
        }
        for (q, speaker, _, _) in run(&t) {
            assert!(!q.is_empty(), "{t:?}");
            assert!(speaker.as_deref().is_none_or(|s| !s.is_empty()), "{t:?}");
        }
    }
}
