//! One made-up sentence per error class seen on held-out news (issue 14):
//! each row names a quotation (a substring of the text, marks included),
//! the speaker name expected (checked as the scorer does: a shared last
//! word) or none, and the quotation's kind.
//!
//! Rows marked `pending` are classes not solved yet: the test prints them
//! and fails if one starts passing without being moved to the solved rows,
//! so the table always says what works.

use annotator::{annotate, Options, QuoteKind};

#[derive(Clone, Copy, PartialEq)]
enum Want {
    /// A speaker whose name ends with this word.
    Name(&'static str),
    /// No name (the mention may stay: "a friend").
    NoName,
    /// No speaker at all.
    Nobody,
}

struct Case {
    class: &'static str,
    text: &'static str,
    quote: &'static str,
    want: Want,
    kind: QuoteKind,
    pending: bool,
}

const fn case(
    class: &'static str,
    text: &'static str,
    quote: &'static str,
    want: Want,
    kind: QuoteKind,
) -> Case {
    Case { class, text, quote, want, kind, pending: false }
}

impl Case {
    /// The same case, marked as a class not solved yet (the test fails when it starts passing).
    #[allow(dead_code, reason = "every class passes today; a new unsolved one is marked with it")]
    const fn pending(self) -> Case {
        Case { pending: true, ..self }
    }
}

use QuoteKind::{Partial, Scare, Speech, Title};
use Want::{Name, NoName, Nobody};

const CASES: &[Case] = &[
    case(
        "cue before the quote beats a name after it (colon)",
        "Karl Hansen told reporters in Denver on Monday: \"We will win this fight.\" Maria Lopez said she agreed.",
        "\"We will win this fight.\"",
        Name("Hansen"),
        Speech,
    ),
    case(
        "cue before the quote beats a name after it (appositive)",
        "The mayor, Anna Berg, said: \"We will rebuild.\" Tom Reed, the opposition leader, said nothing.",
        "\"We will rebuild.\"",
        Name("Berg"),
        Speech,
    ),
    case(
        "cue verb: interjected",
        "Karl Hansen spoke first. \u{201c}It is over,\u{201d} Hansen interjected.",
        "\u{201c}It is over,\u{201d}",
        Name("Hansen"),
        Speech,
    ),
    case(
        "cue verb: shot back",
        "Anna Berg listened. \u{201c}Not at all,\u{201d} Berg shot back.",
        "\u{201c}Not at all,\u{201d}",
        Name("Berg"),
        Speech,
    ),
    case(
        "cue verb: rejoined",
        "Tom Reed paused. \u{201c}Then prove it,\u{201d} Reed rejoined.",
        "\u{201c}Then prove it,\u{201d}",
        Name("Reed"),
        Speech,
    ),
    case(
        "cue verb: quipped",
        "Nadia Osei smiled. \u{201c}Only on Tuesdays,\u{201d} Osei quipped.",
        "\u{201c}Only on Tuesdays,\u{201d}",
        Name("Osei"),
        Speech,
    ),
    case(
        "cue verb: conceded",
        "Nadia Osei was asked about the budget. \u{201c}We were wrong,\u{201d} Osei conceded.",
        "\u{201c}We were wrong,\u{201d}",
        Name("Osei"),
        Speech,
    ),
    case(
        "cue verb: cut her off",
        "Anna Berg began to answer. \u{201c}That is enough,\u{201d} Tom Reed cut her off.",
        "\u{201c}That is enough,\u{201d}",
        Name("Reed"),
        Speech,
    ),
    case(
        "a common noun names nobody",
        "\u{201c}She never gave up,\u{201d} a friend said.",
        "\u{201c}She never gave up,\u{201d}",
        NoName,
        Speech,
    ),
    case(
        "a nickname between first and last name is not speech",
        "Ruth \u{201c}Ru\u{201d} Adler won the final on Sunday.",
        "\u{201c}Ru\u{201d}",
        Nobody,
        Scare,
    ),
    case(
        "a film title is not speech",
        "Her new film \u{201c}Quiet Rivers\u{201d} opens on Friday, Anna Berg said.",
        "\u{201c}Quiet Rivers\u{201d}",
        Nobody,
        Title,
    ),
    case(
        "a scare-quoted word has no speaker",
        "The \u{201c}reform\u{201d} was dropped within a week.",
        "\u{201c}reform\u{201d}",
        Nobody,
        Scare,
    ),
    case(
        "a fragment inside the writer's sentence is partial",
        "Karl Hansen called the plan \u{201c}a mess of half measures and delays\u{201d} on Monday.",
        "\u{201c}a mess of half measures and delays\u{201d}",
        Name("Hansen"),
        Partial,
    ),
    case(
        "a fragment belongs to the cue before it, not a later clause",
        "Secretary of State Karl Hansen said the allies would take \u{201c}firm steps\u{201d} soon, and he urged calm.",
        "\u{201c}firm steps\u{201d}",
        Name("Hansen"),
        Partial,
    ),
    case(
        "a paragraph of quotes after a name and a cue",
        "Karl Hansen told the assembly on Tuesday:\n\n\u{201c}We have waited long enough.\u{201d}\n\n\u{201c}The time to act is now.\u{201d}",
        "\u{201c}The time to act is now.\u{201d}",
        Name("Hansen"),
        Speech,
    ),
    case(
        "transcript turns: Surname: \u{201c}...\u{201d}",
        "Reed: \u{201c}Did you sign the order?\u{201d}\n\nBerg: \u{201c}I did not.\u{201d}",
        "\u{201c}I did not.\u{201d}",
        Name("Berg"),
        Speech,
    ),
    case(
        "Mr Surname resolves to the full name given earlier",
        "Karl Hansen arrived late. \u{201c}The roads were closed,\u{201d} Mr Hansen said.",
        "\u{201c}The roads were closed,\u{201d}",
        Name("Hansen"),
        Speech,
    ),
    case(
        "an organisation as a source",
        "\u{201c}Members will strike on Monday,\u{201d} the Teachers Union said.",
        "\u{201c}Members will strike on Monday,\u{201d}",
        Name("Union"),
        Speech,
    ),
    case(
        "she goes to the paragraph's topic, not the last woman named",
        "Anna Berg has led the party since 2019. Berg met Nadia Osei in March and praised her work.\n\n\u{201c}We share a goal,\u{201d} she said.",
        "\u{201c}We share a goal,\u{201d}",
        Name("Berg"),
        Speech,
    ),
    case(
        "a title's period does not end the speaker's name",
        "\u{201c}We will see,\u{201d} said Del. Ruth Adler of the harbor district.",
        "\u{201c}We will see,\u{201d}",
        Name("Adler"),
        Speech,
    ),
    case(
        "she goes to the woman by her first name's gender (learned), not the nearer man",
        "Mary Holt met Robert Kane at the port. Kane spoke about the budget.\n\n\u{201c}We are ready,\u{201d} she said.",
        "\u{201c}We are ready,\u{201d}",
        Name("Holt"),
        Speech,
    ),
    case(
        "\"the wife of\" a man says nothing of his gender",
        "Lena Ortiz came with the wife of Tobin Kane. Kane spoke for an hour.\n\n\u{201c}The plan is ready,\u{201d} he said.",
        "\u{201c}The plan is ready,\u{201d}",
        Name("Kane"),
        Speech,
    ),
    case(
        "he goes to the person just introduced with a role, not the earlier speaker",
        "\u{201c}Prices will fall,\u{201d} Tobin Kane said.\n\nThe plan worries Idris Haddad, president of the dock workers' union.\n\n\u{201c}It will cost jobs,\u{201d} he said.",
        "\u{201c}It will cost jobs,\u{201d}",
        Name("Haddad"),
        Speech,
    ),
    case(
        "he goes to the speaker of an inverted cue (\"noted the Herald's X\")",
        "\u{201c}Prices will fall,\u{201d} said Tobin Kane.\n\nThe vote will be close, noted the Herald's Idris Haddad.\n\n\u{201c}Nobody knows the count,\u{201d} he wrote.",
        "\u{201c}Nobody knows the count,\u{201d}",
        Name("Haddad"),
        Speech,
    ),
    case(
        "a paragraph's subject introduces the quote that opens the next one",
        "Nadia Osei runs the shelter on Pine Street.\n\n\u{201c}We never turn anyone away.\u{201d}",
        "\u{201c}We never turn anyone away.\u{201d}",
        Name("Osei"),
        Speech,
    ),
    case(
        "a definite description (\"the Ohio businessman\") goes to the person the text is about",
        "Tobin Kane on Monday opened a new branch in Dayton. Critics say the bank grew too fast.\n\n\u{201c}We grew as fast as our clients,\u{201d} the Ohio businessman said.",
        "\u{201c}We grew as fast as our clients,\u{201d}",
        Name("Kane"),
        Speech,
    ),
    case(
        "a fronted place is not a role's appositive (\"In Dayton, the mayor said\")",
        "Mayor Lena Ortiz visited the flooded streets.\n\nIn Dayton, the mayor said the water was falling. \u{201c}We will pump all night,\u{201d} the mayor said.",
        "\u{201c}We will pump all night,\u{201d}",
        Name("Ortiz"),
        Speech,
    ),
    case(
        "a role noun resolves to the person named with that role",
        "Tom Reed, a Labour MP, spoke in the debate. \u{201c}This bill is a disgrace,\u{201d} the Labour MP said.",
        "\u{201c}This bill is a disgrace,\u{201d}",
        Name("Reed"),
        Speech,
    ),
    case(
        "a quote after a sentence that introduces its speaker",
        "Nadia Osei runs the shelter on Pine Street. \u{201c}We never turn anyone away.\u{201d}",
        "\u{201c}We never turn anyone away.\u{201d}",
        Name("Osei"),
        Speech,
    ),
    case(
        "a document speaks for its named author or publisher",
        "A report by the Harbor Institute called the dock unsafe. \u{201c}Repairs are overdue,\u{201d} the report said.",
        "\u{201c}Repairs are overdue,\u{201d}",
        Name("Institute"),
        Speech,
    ),
    case(
        "a name in an appositive after a description names the speaker (with a nickname and a party tag)",
        "\u{201c}Vote early!\u{201d} Kane's niece, state Del. Ann \"Annie\" Price (D-Dayton), shouted to the crowd.",
        "\u{201c}Vote early!\u{201d}",
        Name("Price"),
        Speech,
    ),
    case(
        "a sentence ending in a colon introduces its subject's quotation (no cue)",
        "Mayor Ilse Varga is taking a blunt message to the council: \u{201c}Fix the roads first.\u{201d}",
        "\u{201c}Fix the roads first.\u{201d}",
        Name("Varga"),
        Speech,
    ),
    case(
        "footage of a name saying: the participle's subject, not the finite cue's",
        "The ad concludes with footage of Karl Hansen saying during a debate, \u{201c}That makes me clever.\u{201d}",
        "\u{201c}That makes me clever.\u{201d}",
        Name("Hansen"),
        Speech,
    ),
    case(
        "an unnamed person has a mention but no name",
        "\u{201c}We will fight this,\u{201d} one Labour source said.",
        "\u{201c}We will fight this,\u{201d}",
        NoName,
        Speech,
    ),
    case(
        "a sentence-initial pronoun keeps the passage's subject salient",
        "Karl Hansen is questioning the count. He notes that on Friday Peter Brill admitted an error. His \
         team wants a recount. He says, \u{201c}Counting was harder than winning.\u{201d}",
        "\u{201c}Counting was harder than winning.\u{201d}",
        Name("Hansen"),
        Speech,
    ),
    case(
        "things cannot speak",
        "\u{201c}The payments were hidden,\u{201d} the files show.",
        "\u{201c}The payments were hidden,\u{201d}",
        Nobody,
        Speech,
    ),
    case(
        "a place does not speak: the person of \"X of Place\" does",
        "Senator Ann Ruiz of Nevada called it \u{201c}the issue of our time\u{201d} on Monday.",
        "\u{201c}the issue of our time\u{201d}",
        Name("Ruiz"),
        Partial,
    ),
    case(
        "the person named after an organisation's possessive and a role speaks",
        "\u{201c}We will ship it in May,\u{201d} said Lumen's founder Kai Moss.",
        "\u{201c}We will ship it in May,\u{201d}",
        Name("Moss"),
        Speech,
    ),
    case(
        "a place as a clause's subject gives way to the earlier cue's speaker",
        "Dana Cole said that after a review Washington had concluded the deal was \u{201c}not against the law\u{201d} at all.",
        "\u{201c}not against the law\u{201d}",
        Name("Cole"),
        Partial,
    ),
    case(
        "a lower-case phrase keeps its mention but is no name",
        "\u{201c}The call was recorded,\u{201d} the district attorney's office said.",
        "\u{201c}The call was recorded,\u{201d}",
        NoName,
        Speech,
    ),
    case(
        "a description that gives a name speaks by that name",
        "\u{201c}Nobody listens to us,\u{201d} said a protester using the pseudonym Kestrel.",
        "\u{201c}Nobody listens to us,\u{201d}",
        Name("Kestrel"),
        Speech,
    ),
    case(
        "a quotation that ends its sentence ends it for salience too (\"he\" is the one just quoted)",
        "Former premier Karl Hansen wrote \"Let us all pray for Mayor Berg. We are with you.\" Hansen, a founding party member, is from Dayton. Interior Minister Tobin Wrzosek called the attack \"an act of barbarity.\" He said \"I cannot find the words for this act.\"",
        "\"I cannot find the words for this act.\"",
        Name("Wrzosek"),
        Partial,
    ),
    case(
        "a fragment with no cue after a verb of judging is the subject's (\"sees it as\")",
        "Lena Ortiz, an analyst at Harbor Research, sees the new tariff as its \u{201c}weak spot.\u{201d} Others disagree.",
        "\u{201c}weak spot.\u{201d}",
        Name("Ortiz"),
        Partial,
    ),
    case(
        "a lone capitalised common word is no name (its mention stays)",
        "\u{201c}The deal is dead,\u{201d} Others said on Monday.",
        "\u{201c}The deal is dead,\u{201d}",
        NoName,
        Speech,
    ),
    case(
        "a long fragment with no cue is the sentence subject's words",
        "Tobin Kane remembered the old hall and \u{201c}the night we played until the lights went out.\u{201d}",
        "\u{201c}the night we played until the lights went out.\u{201d}",
        Name("Kane"),
        Partial,
    ),
    case(
        "a term named as such is nobody's words",
        "The committee led by Tobin Kane named the new strain \u{201c}harbor flu type two\u{201d} on Monday.",
        "\u{201c}harbor flu type two\u{201d}",
        Nobody,
        Partial,
    ),
    case(
        "a statement speaks for whoever issued it",
        "On Monday, Harbor Records issued a statement on the dispute.\n\nThe label has many artists.\n\n\u{201c}Labels do not need to approve live shows,\u{201d} the statement continued.",
        "\u{201c}Labels do not need to approve live shows,\u{201d}",
        Name("Records"),
        Speech,
    ),
    case(
        "\"the physicians\" is the group named earlier with that word",
        "The letter came from the group Physicians for Harbor Health, which formed in May.\n\n\u{201c}We write with urgency,\u{201d} the physicians stated.",
        "\u{201c}We write with urgency,\u{201d}",
        Name("Health"),
        Speech,
    ),
    case(
        "a surname written without its accent is the full name's person",
        "Senator Dilek Yıldız opened the bridge on Friday.\n\n\u{201c}It will carry the city,\u{201d} Yildiz told reporters.",
        "\u{201c}It will carry the city,\u{201d}",
        Name("Yıldız"),
        Speech,
    ),
    case(
        "a subject before an auxiliary is salient, a name after \"than\" less so",
        "Nora Lind wrote the song about Rosa Quay, the girl in the film. Rosa Quay sings it twice.\n\nAs it turned out, Lind had spent years on her own dream. And despite her fame, she was more nervous than Rosa Quay has ever been. \u{201c}It was terrifying,\u{201d} she said.",
        "\u{201c}It was terrifying,\u{201d}",
        Name("Lind"),
        Speech,
    ),
    case(
        "\"the commissioner\" is the person named earlier right after that word",
        "Trade commissioner Albert Mwale said Benin would join. The commissioner said, \u{201c}We have not agreed on the rules yet.\u{201d}",
        "\u{201c}We have not agreed on the rules yet.\u{201d}",
        Name("Mwale"),
        Speech,
    ),
    case(
        "an organisation and the person in its appositive: the person speaks",
        "Later, the director of Dayton's Harbor Rights Watch, Mariela Ostrova, said the mayor had \u{201c}heard the demands of tenants\u{201d} at last.",
        "\u{201c}heard the demands of tenants\u{201d}",
        Name("Ostrova"),
        Partial,
    ),
    case(
        "words after a finished quotation that lead into the next one are its cue, not this one's",
        "Omar Reyes, a lawyer for the family, told the court \"My client is relieved with the verdict.\" Lena Ortiz, another lawyer, told reporters \"The court has spoken.\"",
        "\"My client is relieved with the verdict.\"",
        Name("Reyes"),
        Partial,
    ),
    case(
        "\"X who said\": the name the relative pronoun stands for",
        "The bill was drafted by Ana Greenholt who said on the floor, \"It follows decades of work.\"",
        "\"It follows decades of work.\"",
        Name("Greenholt"),
        Speech,
    ),
    case(
        "\"released a statement which read\": the statement's issuer",
        "Lumenco released a statement which read, in part, \"This ruling raises questions.\"",
        "\"This ruling raises questions.\"",
        Name("Lumenco"),
        Speech,
    ),
    case(
        "an owner's possessive after the verb is no clause subject",
        "Lena Ortiz, an analyst at Harbor Research, sees Lumenco's lineup as its \u{201c}weak spot.\u{201d}",
        "\u{201c}weak spot.\u{201d}",
        Name("Ortiz"),
        Partial,
    ),
    case(
        "a country that speaks keeps its mention but is shown as no name",
        "Talks stalled on Monday. \u{201c}We will respond in kind,\u{201d} Russia said.",
        "\u{201c}We will respond in kind,\u{201d}",
        NoName,
        Speech,
    ),
    case(
        "a role that is no speaker phrase, then the name in commas, then the verb: the name speaks",
        "\u{201c}We found no grounds to proceed,\u{201d} Finland's chief inspector of mines and quarries, Aino Lehto, said on Friday.",
        "\u{201c}We found no grounds to proceed,\u{201d}",
        Name("Lehto"),
        Speech,
    ),
    case(
        "an acronym that spells a function word owns the writing (\"the WHO's statement said\")",
        "Stocks of the vaccine fell in May. The WHO's statement said: \"Booster doses should go first to nurses and the elderly.\"",
        "\"Booster doses should go first to nurses and the elderly.\"",
        Name("WHO"),
        Speech,
    ),
    case(
        "\"The Treasury dismissed X as\": the article before a name does not hide the subject; a cue in a clause joined after the fragment is that clause's",
        "Rivals accused Lumenco of fraud. The Treasury dismissed the charges as \u{201c}wholly baseless,\u{201d} and two auditors told reporters the figures were sound.",
        "\u{201c}wholly baseless,\u{201d}",
        Name("Treasury"),
        Partial,
    ),
    case(
        "a court case's name in quotes (\"A vs. B\") is nobody's words (its kind is still read as partial, not title)",
        "On Monday, the High Court of Arden ruled in the case \"Mara Quist vs. Lumenco Holdings\" that the fees must be repaid.",
        "\"Mara Quist vs. Lumenco Holdings\"",
        Nobody,
        Partial,
    ),
    case(
        "\"he said\" after a paragraph about a new person: the subject just named outweighs an earlier, oft-quoted one",
        "\u{201c}Timing is everything in this trade,\u{201d} said Lisa Moreno, an economist from Denver.\n\nMoreno said Kane was still \u{201c}a big risk\u{201d} for the lenders.\n\nPaul Dorland, who advises several of the lenders, said he was glad the audit had begun.\n\n\u{201c}Thirty years of banking,\u{201d} he said, \u{201c}have taught me to expect surprises.\u{201d}",
        "\u{201c}Thirty years of banking,\u{201d}",
        Name("Dorland"),
        Speech,
    ),
    case(
        "a source named by \"according to\" at a sentence's end is whom the next \"he said\" means",
        "Harbor lost twice. Coach Tom Reyes said the team was slow. \"We need more time together,\" Reyes said.\n\nDefence was the key to the win, according to Owen Pratt. \"We have been drilling our tackling all month,\" he said.",
        "\"We have been drilling our tackling all month,\"",
        Name("Pratt"),
        Speech,
    ),
    case(
        "a name with a lower-case Arabic article (\"el-Masri\") before \"of Place\": the person speaks, not the place",
        "At the forum's close, council chair President Samir Nabil el-Masri of Jordan said, \"Trade between our towns must double within five years.\"",
        "\"Trade between our towns must double within five years.\"",
        Name("Masri"),
        Speech,
    ),
    case(
        "\"X and her team wrote\": the named person",
        "The survey found fewer otters than expected. \u{201c}Our counts point to a slow decline along the northern shore,\u{201d} Hanna Solberg and her team wrote in the report.",
        "\u{201c}Our counts point to a slow decline along the northern shore,\u{201d}",
        Name("Solberg"),
        Speech,
    ),
    case(
        "\"the agency said\": the organisation just made a clause's subject",
        "The Harbor Ports Authority runs the docks. In March, it announced that it would close two berths. At the time, the agency said in a notice that it acted because of a \"temporary\" fall in traffic.",
        "\"temporary\"",
        Name("Authority"),
        Partial,
    ),
    case(
        "an organisation's acronym is shown as its full name, one speaker not two",
        "The Harbor Ports Authority runs the camps in the south. Critics say HPA has failed. \"We will review every case,\" HPA said on Monday.",
        "\"We will review every case,\"",
        Name("Authority"),
        Speech,
    ),
    case(
        "a fragment that ends its sentence belongs to its sentence's cue, not to the next sentence's speaker",
        "Dr. Tara Singh of Northfield College explained to reporters that farmers sometimes leave fields fallow so as to \"let the soil recover for a season.\" Ben Alder of Greenway Seeds told reporters that yields rise afterwards.",
        "\"let the soil recover for a season.\"",
        Name("Singh"),
        Partial,
    ),
    case(
        "a short quoted title inside a description (\"the \u{201c}Harbor Lights\u{201d} actress\") does not hide it: the person it describes",
        "Rosa Linde posted a photo from the set. \"Playing a mother of five was the hardest job I have had,\" the \"Harbor Lights\" actress recently said on \"Morning Talk.\"",
        "\"Playing a mother of five was the hardest job I have had,\"",
        Name("Linde"),
        Speech,
    ),
    case(
        "\"said on \u{201c}Show\u{201d}\": a show's name is a title with no speaker",
        "Rosa Linde posted a photo from the set. \"Playing a mother of five was the hardest job I have had,\" the \"Harbor Lights\" actress recently said on \"Morning Talk.\"",
        "\"Morning Talk.\"",
        Nobody,
        Title,
    ),
    case(
        "cue verb: elaborated",
        "Rents rose again. Calling the rise \"a burden on every family\", Mayor Lina Ortega elaborated, \"A city that wants teachers must let them live here.\"",
        "\"A city that wants teachers must let them live here.\"",
        Name("Ortega"),
        Speech,
    ),
    case(
        "\"X of Org and adviser to Y wrote\": the name after \"to\" is not the subject",
        "Lena Marsh of Northfield University and adviser to Harbor wrote, \"the rule would let one town decide what every reader sees.\"",
        "\"the rule would let one town decide what every reader sees.\"",
        Name("Marsh"),
        Speech,
    ),
    case(
        "\"he was told by X of \u{201c}...\u{201d}\": the passive's agent speaks",
        "Governor Ivan Petrov toured the port on Monday. At a briefing that day he was told by Transport Minister Oleg Sorin of \"at least a dozen ships waiting offshore\", while the harbour master said nine were waiting.",
        "\"at least a dozen ships waiting offshore\"",
        Name("Sorin"),
        Partial,
    ),
];

/// Last word of a name, as the scorer compares names.
fn last_word(name: &str) -> String {
    name.split(|c: char| !c.is_alphanumeric()).rfind(|w| !w.is_empty()).unwrap_or("").to_lowercase()
}

fn check(c: &Case) -> Result<(), String> {
    // (No boilerplate layer: a one-line text can look like a teaser.)
    let ann = annotate(
        c.text,
        &Options { entities: true, quotes: true, boilerplate: false, inside_boilerplate: false },
    );
    let q = ann
        .quotes
        .iter()
        .find(|q| q.span.text(c.text) == c.quote)
        .ok_or_else(|| format!("quote not found among {:?}", ann.quotes))?;
    if q.kind != c.kind {
        return Err(format!("kind {:?}, want {:?}", q.kind, c.kind));
    }
    let name = q.speaker.as_ref().and_then(|s| s.name.clone());
    let ok = match c.want {
        Want::Name(w) => name.as_deref().is_some_and(|n| last_word(n) == w.to_lowercase()),
        Want::NoName => name.is_none(),
        Want::Nobody => q.speaker.is_none(),
    };
    if ok {
        Ok(())
    } else {
        Err(format!("speaker {:?}", q.speaker))
    }
}

#[test]
fn error_classes() {
    let mut wrong = Vec::new();
    for c in CASES {
        let r = check(c);
        println!("{} {}: {:?}", if r.is_ok() { "pass" } else { "FAIL" }, c.class, r.as_ref().err());
        match (r, c.pending) {
            (Err(e), false) => wrong.push(format!("{}: {e}", c.class)),
            (Ok(()), true) => wrong.push(format!("{}: passes now, move it to the solved rows", c.class)),
            _ => {}
        }
    }
    assert!(CASES.iter().filter(|c| !c.pending).count() >= 18);
    assert!(wrong.is_empty(), "{wrong:#?}");
}
