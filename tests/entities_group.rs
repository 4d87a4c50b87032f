//! Grouping and DATE rules measured on the seed article's gold annotation,
//! read at test time from ../shared/data (never copied into the project).
//! No names from the article appear here: the checks are properties that
//! any article's gold mentions should satisfy after grouping.

mod common;

use annotator::internals::entities::{dates, group};
use annotator::internals::segment::Segments;
use annotator::offsets::{OffsetMap, Unit};
use annotator::{Label, Span};

fn data(rel: &str) -> Option<String> {
    common::shared_text(&format!("data/{rel}"))
}

fn label(s: &str) -> Option<Label> {
    Label::ALL.into_iter().find(|l| l.as_str() == s)
}

struct Gold {
    text: String,
    /// Byte spans with labels, sorted.
    entities: Vec<(Span, Label)>,
    boilerplate: Vec<Span>,
}

fn load_seed() -> Option<Gold> {
    let raw = data("seed/article.gold.json")?;
    let v: serde_json::Value = serde_json::from_str(&raw).expect("gold is JSON");
    let text = v["text"].as_str().expect("gold text").to_string();
    let map = OffsetMap::new(&text);
    let span = |x: &serde_json::Value| {
        let s = x["start"].as_u64().expect("start") as usize;
        let e = x["end"].as_u64().expect("end") as usize;
        Span::new(map.to_byte(s, Unit::CodePoint), map.to_byte(e, Unit::CodePoint))
    };
    let mut entities: Vec<(Span, Label)> = v["entities"]
        .as_array()
        .expect("entities")
        .iter()
        .map(|x| (span(x), label(x["label"].as_str().unwrap_or("")).expect("known label")))
        .collect();
    entities.sort_by_key(|(s, _)| (s.start, s.end));
    let boilerplate = v["boilerplate"].as_array().map_or(Vec::new(), |a| a.iter().map(span).collect());
    Some(Gold { text, entities, boilerplate })
}

fn words(s: &str) -> Vec<&str> {
    s.split_whitespace().collect()
}

/// The gold names (not dates) grouped.
fn grouped(g: &Gold) -> (Vec<annotator::Mention>, Vec<annotator::Entity>, Vec<(Span, Label)>) {
    let input: Vec<(Span, Label)> = g.entities.iter().copied().filter(|(_, l)| *l != Label::Date).collect();
    let (ms, es) = group::group(&g.text, input.clone());
    (ms, es, input)
}

#[test]
fn gold_labels_survive_grouping_and_entities_are_single_label() {
    let Some(g) = load_seed() else { return };
    let (ms, es, input) = grouped(&g);
    assert_eq!(ms.len(), input.len());
    for (m, (s, l)) in ms.iter().zip(&input) {
        assert_eq!(m.span, *s);
        assert_eq!(m.label, *l, "label of {:?} changed", s.text(&g.text));
    }
    for e in &es {
        assert!(e.mentions.iter().all(|&i| input[i].1 == e.label), "{e:?} mixes labels");
        assert!(e.mentions.windows(2).all(|w| w[0] < w[1]), "mentions out of order");
    }
    // Grouping did something: fewer entities than distinct strings.
    let mut distinct: Vec<&str> = input.iter().map(|(s, _)| s.text(&g.text)).collect();
    distinct.sort_unstable();
    distinct.dedup();
    assert!(es.len() < distinct.len(), "{} entities for {} distinct strings", es.len(), distinct.len());
}

#[test]
fn exact_repeats_share_an_entity() {
    let Some(g) = load_seed() else { return };
    let (ms, _, input) = grouped(&g);
    for i in 0..input.len() {
        for j in i + 1..input.len() {
            if input[i].0.text(&g.text) == input[j].0.text(&g.text) && input[i].1 == input[j].1 {
                // People sharing a surname may legitimately split; the seed's
                // exact repeats of multi-word names and non-persons must not.
                if input[i].1 != Label::Person || words(input[i].0.text(&g.text)).len() > 1 {
                    assert_eq!(ms[i].entity, ms[j].entity, "{:?}", input[i].0.text(&g.text));
                }
            }
        }
    }
}

#[test]
fn surnames_group_with_full_names() {
    let Some(g) = load_seed() else { return };
    let (ms, es, input) = grouped(&g);
    let full: Vec<&str> = input
        .iter()
        .filter(|(s, l)| *l == Label::Person && words(s.text(&g.text)).len() > 1)
        .map(|(s, _)| s.text(&g.text))
        .collect();
    let mut checked = 0;
    for (i, (s, l)) in input.iter().enumerate() {
        let t = s.text(&g.text);
        if *l != Label::Person || words(t).len() != 1 {
            continue;
        }
        if !full.iter().any(|f| words(f).last() == Some(&t)) {
            continue;
        }
        checked += 1;
        let e = &es[ms[i].entity];
        assert!(
            e.mentions.iter().any(|&k| words(input[k].0.text(&g.text)).len() > 1),
            "surname {t:?} not grouped with a full name: {e:?}"
        );
        assert!(words(&e.name).len() > 1 && e.name.ends_with(t), "canonical name {:?} for {t:?}", e.name);
    }
    assert!(checked >= 3, "seed should have several surname mentions, found {checked}");
}

/// Initials of the capitalised words of a name: "Bank of Northern Trade" -> "BNT".
fn initials(name: &str) -> String {
    name.split_whitespace().filter_map(|w| w.chars().next()).filter(|c| c.is_uppercase()).collect()
}

#[test]
fn acronyms_group_with_their_long_form() {
    let Some(g) = load_seed() else { return };
    let (ms, es, input) = grouped(&g);
    let mut checked = 0;
    for (i, (s, l)) in input.iter().enumerate() {
        let t = s.text(&g.text);
        let letters: String = t.chars().filter(|&c| c != '.').collect();
        if letters.len() < 2 || !letters.chars().all(|c| c.is_ascii_uppercase()) {
            continue;
        }
        let long = input.iter().find(|(o, ol)| {
            ol == l && words(o.text(&g.text)).len() > 1 && initials(o.text(&g.text)) == letters
        });
        let Some((o, _)) = long else { continue };
        checked += 1;
        let e = &es[ms[i].entity];
        assert_eq!(e.name, o.text(&g.text), "acronym {t:?} not grouped with its long form");
    }
    assert!(checked >= 2, "seed should have acronyms with long forms, found {checked}");
}

#[test]
fn canonical_names_are_the_fullest_form() {
    let Some(g) = load_seed() else { return };
    let (_, es, input) = grouped(&g);
    for e in &es {
        let longest = e.mentions.iter().map(|&i| words(input[i].0.text(&g.text)).len()).max().unwrap_or(0);
        assert_eq!(words(&e.name).len(), longest, "{e:?}");
        assert!(e.mentions.iter().any(|&i| input[i].0.text(&g.text).contains(&e.name)), "{e:?}");
    }
}

/// Precision and recall of the DATE rules against the seed's gold dates,
/// leaving out boilerplate lines as the scorer does.
#[test]
fn dates_on_seed() {
    let Some(g) = load_seed() else { return };
    let seg = Segments::new(&g.text);
    let found: Vec<Span> =
        dates::find(&seg).into_iter().filter(|d| !g.boilerplate.iter().any(|b| b.contains(*d))).collect();
    let gold: Vec<Span> = g.entities.iter().filter(|(_, l)| *l == Label::Date).map(|(s, _)| *s).collect();
    let tp = found.iter().filter(|d| gold.contains(d)).count();
    let p = tp as f64 / found.len().max(1) as f64;
    let r = tp as f64 / gold.len().max(1) as f64;
    eprintln!("seed DATE: found {} gold {} tp {tp} P={p:.3} R={r:.3}", found.len(), gold.len());
    assert!(!gold.is_empty());
    assert!(p >= 0.8 && r >= 0.8, "DATE P={p:.3} R={r:.3}");
}

/// DATE spans on PolNeAR texts are well formed: sorted, disjoint, on one
/// line, on char boundaries, and not a bare number or punctuation.
#[test]
fn dates_well_formed_on_polnear() {
    let Some(raw) = data("quotes/polnear-dev.gold.jsonl") else { return };
    let mut total = 0;
    for line in raw.lines().filter(|l| !l.trim().is_empty()) {
        let v: serde_json::Value = serde_json::from_str(line).expect("JSON line");
        let text = v["text"].as_str().expect("text");
        let seg = Segments::new(text);
        let found = dates::find(&seg);
        total += found.len();
        for w in found.windows(2) {
            assert!(w[0].end <= w[1].start, "overlap or disorder");
        }
        for d in &found {
            let t = text.get(d.start..d.end).expect("char boundaries");
            assert!(!t.is_empty() && !t.contains('\n'), "{t:?}");
            assert!(t.chars().any(|c| c.is_alphanumeric()), "{t:?}");
        }
    }
    assert!(total > 100, "expected many dates in 84 news articles, found {total}");
}

/// The whole pipeline (tagger, dates, boilerplate skip, overlap resolution,
/// grouping) keeps the seed's DATE mentions.
#[test]
fn pipeline_dates_on_seed() {
    let Some(g) = load_seed() else { return };
    let ann = annotator::annotate(&g.text, &annotator::Options::default());
    let found: Vec<Span> = ann
        .mentions
        .iter()
        .filter(|m| m.label == Label::Date && !g.boilerplate.iter().any(|b| b.contains(m.span)))
        .map(|m| m.span)
        .collect();
    let gold: Vec<Span> = g.entities.iter().filter(|(_, l)| *l == Label::Date).map(|(s, _)| *s).collect();
    let tp = found.iter().filter(|d| gold.contains(d)).count();
    let p = tp as f64 / found.len().max(1) as f64;
    let r = tp as f64 / gold.len().max(1) as f64;
    assert!(p >= 0.8 && r >= 0.8, "pipeline DATE P={p:.3} R={r:.3}");
    // Every entity's mentions carry its label.
    for e in &ann.entities {
        assert!(e.mentions.iter().all(|&i| ann.mentions[i].label == e.label));
    }
}

// ---------------------------------------------------------------------------
// How news writes names: one made-up article per rule (issue 13, item 4).
// The mentions are given as the tagger might hand them over, wrong labels and
// kept titles included; each case says which mentions must share an entity,
// which must not, and the name and label the entity must get.

use Label::{Misc, Org, Person, Place};

struct Case {
    rule: &'static str,
    text: &'static str,
    /// Mention texts in order of occurrence, with the tagger's labels.
    mentions: &'static [(&'static str, Label)],
    /// Pairs of mention indices that must share an entity.
    same: &'static [(usize, usize)],
    /// Pairs that must not.
    apart: &'static [(usize, usize)],
    /// (mention index, its entity's canonical name, its entity's label).
    entity: &'static [(usize, &'static str, Label)],
}

const CASES: &[Case] = &[
    Case {
        rule: "title + surname joins the full name named before (title kept, wrong tag)",
        text: "Housing secretary Alan Marsh defended the plan. Mr Marsh said councils agreed. \
               Dr Okafor, a planner, and Ms Holm backed Mr Marsh. Nkem Okafor and Liv Holm spoke later.",
        mentions: &[
            ("Alan Marsh", Person),
            ("Mr Marsh", Org),
            ("Dr Okafor", Org),
            ("Ms Holm", Misc),
            ("Mr Marsh", Person),
            ("Nkem Okafor", Person),
            ("Liv Holm", Person),
        ],
        same: &[(0, 1), (0, 4), (2, 5), (3, 6)],
        apart: &[(0, 2), (2, 3), (5, 6)],
        entity: &[(1, "Alan Marsh", Person), (2, "Nkem Okafor", Person), (3, "Liv Holm", Person)],
    },
    Case {
        rule: "abbreviated title with a period; the full name tagged ORG",
        text: "Kwame Adeyemi-Bello won the seat. Sen. Adeyemi-Bello thanked voters. Sen. Adeyemi-Bello said more.",
        mentions: &[("Kwame Adeyemi-Bello", Org), ("Sen. Adeyemi-Bello", Org), ("Adeyemi-Bello", Person)],
        same: &[(0, 1), (0, 2)],
        apart: &[],
        entity: &[(0, "Kwame Adeyemi-Bello", Person), (1, "Kwame Adeyemi-Bello", Person)],
    },
    Case {
        rule: "a title + name is a surname, never a first name",
        text: "Alan Marsh spoke. Mr Alan, the caretaker, did not.",
        mentions: &[("Alan Marsh", Person), ("Mr Alan", Org)],
        same: &[],
        apart: &[(0, 1)],
        entity: &[(1, "Alan", Person)],
    },
    Case {
        rule: "a title alone with no full name is still a person",
        text: "Mr Vantongeren declined to comment.",
        mentions: &[("Mr Vantongeren", Org)],
        same: &[],
        apart: &[],
        entity: &[(0, "Vantongeren", Person)],
    },
    Case {
        rule: "first name alone joins the only matching person; the label follows most mentions",
        text: "Table tennis star Ritika Sood reached the final. Ritika Sood won. Ritika said she was happy. \
               Ritika thanked her coach. Later Ritika left.",
        mentions: &[
            ("Ritika Sood", Org),
            ("Ritika Sood", Org),
            ("Ritika", Person),
            ("Ritika", Person),
            ("Ritika", Person),
        ],
        same: &[(0, 2), (0, 3), (0, 4), (0, 1)],
        apart: &[],
        entity: &[(0, "Ritika Sood", Person), (4, "Ritika Sood", Person)],
    },
    Case {
        rule: "first name shared by two people joins neither",
        text: "Ritika Sood and Ritika Menon met. Ritika won.",
        mentions: &[("Ritika Sood", Person), ("Ritika Menon", Person), ("Ritika", Person)],
        same: &[],
        apart: &[(0, 1), (0, 2), (1, 2)],
        entity: &[],
    },
    Case {
        rule: "a full name tagged ORG once and PERSON more often is one PERSON entity",
        text: "Odile Brandt spoke. Odile Brandt left. Odile Brandt returned. Brandt agreed.",
        mentions: &[("Odile Brandt", Org), ("Odile Brandt", Person), ("Odile Brandt", Person), ("Brandt", Org)],
        same: &[(0, 1), (0, 3)],
        apart: &[],
        entity: &[(0, "Odile Brandt", Person), (3, "Odile Brandt", Person)],
    },
    Case {
        rule: "two people sharing a surname are never merged; the bare surname goes to the most recent",
        text: "Junwoo Lee led the study. Sora Lee, who was not involved, praised it. \
               Dr Lee said more work was needed. Later, Lee added a caveat.",
        mentions: &[("Junwoo Lee", Person), ("Sora Lee", Person), ("Dr Lee", Org), ("Lee", Person)],
        same: &[(1, 2), (1, 3)],
        apart: &[(0, 1), (0, 2), (0, 3)],
        entity: &[(2, "Sora Lee", Person)],
    },
    Case {
        rule: "a bare surname right after two namesakes in one sentence joins neither",
        text: "Minseo Park and Jiho Park led the study, said Park.",
        mentions: &[("Minseo Park", Person), ("Jiho Park", Person), ("Park", Person)],
        same: &[],
        apart: &[(0, 1), (0, 2), (1, 2)],
        entity: &[(2, "Park", Person)],
    },
    Case {
        rule: "the surname of the person named most often stays with that person",
        text: "Anna Berg spoke. Anna Berg left. Her son Tom Berg came. Berg said no.",
        mentions: &[("Anna Berg", Person), ("Anna Berg", Person), ("Tom Berg", Person), ("Berg", Person)],
        same: &[(0, 3)],
        apart: &[(0, 2)],
        entity: &[(3, "Anna Berg", Person)],
    },
    Case {
        rule: "a title word alone does not join an organisation",
        text: "Justice Hollis Crane ruled against the Department of Justice. The Justice said the law was clear. \
               The Chancellor praised Chancellor Academy.",
        mentions: &[
            ("Justice", Org),
            ("Hollis Crane", Person),
            ("Department of Justice", Org),
            ("Justice", Org),
            ("Chancellor", Org),
            ("Chancellor Academy", Org),
        ],
        same: &[],
        apart: &[(0, 2), (2, 3), (4, 5), (1, 3)],
        entity: &[(2, "Department of Justice", Org), (5, "Chancellor Academy", Org)],
    },
    Case {
        rule: "a generic organisation word alone does not join an organisation",
        text: "The Harwick Times said so, and The Times agreed. The National Harbour Service and the Service.",
        mentions: &[("Harwick Times", Org), ("Times", Org), ("National Harbour Service", Org), ("Service", Org)],
        same: &[],
        apart: &[(0, 1), (2, 3)],
        entity: &[(0, "Harwick Times", Org)],
    },
    Case {
        rule: "a name tagged PLACE and ORG is the place and what is named after it",
        text: "DUNMORE 1996-05-04. Dunmore beat Kelso 2-1 on Saturday. Fans in Dunmore cheered. Dunmore won again.",
        mentions: &[("DUNMORE", Place), ("Dunmore", Org), ("Kelso", Org), ("Dunmore", Place), ("Dunmore", Org)],
        same: &[(0, 3), (1, 4)],
        apart: &[(0, 1), (3, 4)],
        entity: &[(0, "Dunmore", Place), (1, "Dunmore", Org), (2, "Kelso", Org)],
    },
    Case {
        rule: "acronyms join their expansion, either order",
        text: "The Council for Rural Water Supply met. The CRWS agreed. The TNA replied, \
               and the Transitional National Assembly voted.",
        mentions: &[
            ("Council for Rural Water Supply", Org),
            ("CRWS", Misc),
            ("TNA", Org),
            ("Transitional National Assembly", Org),
        ],
        same: &[(0, 1), (2, 3)],
        apart: &[(0, 2)],
        entity: &[(1, "Council for Rural Water Supply", Org), (2, "Transitional National Assembly", Org)],
    },
];

/// Byte spans of the mention texts, found in order.
fn spans(text: &str, items: &[(&str, Label)]) -> Vec<(Span, Label)> {
    let mut out = Vec::new();
    let mut from = 0;
    for &(s, l) in items {
        let at = text[from..].find(s).map(|p| p + from).unwrap_or_else(|| panic!("{s:?} not in text"));
        out.push((Span::new(at, at + s.len()), l));
        from = at + s.len();
    }
    out
}

#[test]
fn grouping_follows_how_news_writes_names() {
    let mut failures = Vec::new();
    for c in CASES {
        let (ms, es) = group::group(c.text, spans(c.text, c.mentions));
        let show = || {
            es.iter()
                .map(|e| format!("{} {:?} {:?}", e.name, e.label, e.mentions))
                .collect::<Vec<_>>()
                .join("; ")
        };
        // Every mention carries its entity's label.
        for m in &ms {
            if m.label != es[m.entity].label {
                failures.push(format!("{}: mention label differs from its entity: {}", c.rule, show()));
            }
        }
        for &(a, b) in c.same {
            if ms[a].entity != ms[b].entity {
                failures.push(format!("{}: {a} and {b} should share an entity: {}", c.rule, show()));
            }
        }
        for &(a, b) in c.apart {
            if ms[a].entity == ms[b].entity {
                failures.push(format!("{}: {a} and {b} should be apart: {}", c.rule, show()));
            }
        }
        for &(i, name, label) in c.entity {
            let e = &es[ms[i].entity];
            if e.name != name || e.label != label {
                failures.push(format!("{}: mention {i} should be {name:?} {label:?}: {}", c.rule, show()));
            }
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}
