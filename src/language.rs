//! The text's language, so that a caller can say when a text is not English (the entity
//! and quote layers are trained on English news, and read other languages wrongly:
//! German nouns become people, French "Le" a speaker).
//!
//! A small detector, no model file: the writing system first (Cyrillic, Greek, Arabic,
//! Hebrew, Devanagari, Thai, Hangul, kana, Han), then for Latin and Cyrillic text the
//! share of each language's most common function words ("the", "der", "le", "и", ...)
//! among the first words. English wins unless another language clearly has more of its
//! function words, so an English article quoting a foreign phrase stays English. A text
//! with too few words to tell is `"und"` (undetermined).

/// How many words are read at most (the start of a text tells its language).
const MAX_WORDS: usize = 3000;
/// Fewer function words than this: undetermined.
const MIN_HITS: usize = 3;

/// Each language's most common function words (lower case), by ISO 639-1 code.
/// Words shared by several languages count for each of them.
const STOPWORDS: &[(&str, &[&str])] = &[
    (
        "en",
        &[
            "the", "and", "of", "to", "a", "in", "is", "that", "for", "it", "was", "on", "with", "he", "as",
            "by", "at", "from", "his", "her", "they", "said", "are", "be", "this", "have", "has", "not",
            "but", "were", "which", "who", "will", "an", "or", "their", "would", "been", "she", "we",
        ],
    ),
    (
        "de",
        &[
            "der", "die", "und", "den", "das", "nicht", "ist", "sich", "mit", "dem", "des", "auch", "ein",
            "eine", "einer", "auf", "für", "von", "zu", "im", "sie", "es", "wird", "wurde", "nach", "bei",
            "aus", "oder", "noch", "dass", "werden", "hat", "sind", "wie", "über", "sagte",
        ],
    ),
    (
        "fr",
        &[
            "le", "la", "les", "des", "du", "et", "est", "une", "un", "dans", "que", "qui", "pour", "pas",
            "sur", "au", "aux", "avec", "ce", "il", "elle", "sont", "par", "plus", "ne", "se", "été",
            "mais", "ou", "nous", "leur", "cette", "à", "a",
        ],
    ),
    (
        "es",
        &[
            "el", "la", "los", "las", "de", "del", "y", "que", "en", "un", "una", "es", "por", "con", "para",
            "se", "su", "sus", "al", "lo", "como", "más", "pero", "fue", "ha", "este", "esta", "dijo",
            "sobre", "también", "entre",
        ],
    ),
    (
        "it",
        &[
            "il", "la", "le", "di", "del", "della", "che", "e", "è", "un", "una", "per", "non", "con", "si",
            "sono", "gli", "dei", "delle", "nel", "nella", "ha", "anche", "come", "più", "alla", "ma",
            "questo", "stato",
        ],
    ),
    (
        "pt",
        &[
            "o", "a", "os", "as", "de", "do", "da", "dos", "das", "que", "e", "em", "um", "uma", "para",
            "com", "não", "no", "na", "por", "se", "mais", "foi", "ao", "é", "seu", "sua", "como",
            "também", "pelo", "pela",
        ],
    ),
    (
        "nl",
        &[
            "de", "het", "een", "en", "van", "is", "dat", "op", "te", "zijn", "niet", "met", "voor", "die",
            "er", "ook", "aan", "bij", "werd", "wordt", "om", "naar", "uit", "maar", "nog", "hij", "zij",
        ],
    ),
    (
        "sv",
        &[
            "och", "att", "det", "som", "en", "är", "på", "för", "med", "av", "den", "inte", "till", "har",
            "om", "ett", "var", "jag", "men", "så", "från", "vi", "kan", "sig", "efter", "blev",
        ],
    ),
    (
        "da",
        &[
            "og", "at", "det", "er", "en", "på", "til", "som", "med", "for", "af", "ikke", "den", "har",
            "de", "var", "om", "et", "fra", "men", "kan", "vil", "jeg", "også", "efter", "blev", "mig",
        ],
    ),
    (
        "nb",
        &[
            "og", "det", "er", "en", "på", "til", "som", "med", "for", "av", "ikke", "den", "har", "de",
            "var", "om", "et", "fra", "men", "kan", "vil", "jeg", "også", "etter", "ble", "meg", "hun",
        ],
    ),
    (
        "fi",
        &[
            "ja", "on", "ei", "se", "että", "oli", "ovat", "hän", "kun", "mutta", "joka", "myös", "tai",
            "niin", "kuin", "ole", "sen", "hänen", "mukaan",
        ],
    ),
    (
        "pl",
        &[
            "i", "w", "z", "na", "nie", "się", "do", "to", "że", "jest", "o", "jak", "po", "co", "ale", "od",
            "przez", "dla", "są", "jego", "czy", "który", "była", "był",
        ],
    ),
    (
        "cs",
        &[
            "a", "v", "se", "na", "je", "že", "s", "z", "do", "to", "o", "i", "jako", "ale", "by", "jsou",
            "byl", "bylo", "který", "jeho", "pro", "také", "při", "od",
        ],
    ),
    (
        "ro",
        &[
            "și", "în", "de", "la", "cu", "a", "pe", "că", "nu", "o", "un", "este", "din", "pentru", "mai",
            "sunt", "care", "au", "fost", "sau",
        ],
    ),
    (
        "hu",
        &[
            "a", "az", "és", "hogy", "nem", "is", "egy", "van", "meg", "de", "volt", "csak", "már", "mint",
            "el", "ki", "ez", "azt", "még", "vagy",
        ],
    ),
    (
        "tr",
        &[
            "ve", "bir", "bu", "da", "de", "için", "ile", "çok", "ne", "daha", "olarak", "gibi", "olan",
            "ama", "kadar", "sonra", "ise", "değil",
        ],
    ),
    (
        "id",
        &[
            "yang", "dan", "di", "ini", "itu", "dengan", "untuk", "tidak", "dari", "dalam", "akan", "pada",
            "juga", "ke", "karena", "ada", "oleh", "mereka",
        ],
    ),
    (
        "ru",
        &[
            "и", "в", "не", "на", "что", "с", "по", "это", "как", "он", "к", "из", "а", "но", "за", "о",
            "от", "то", "его", "для", "был", "она", "так", "также", "который",
        ],
    ),
    (
        "uk",
        &[
            "і", "в", "не", "на", "що", "з", "у", "та", "до", "це", "як", "за", "від", "його", "але", "для",
            "був", "також", "який", "й",
        ],
    ),
];

/// Writing systems told by their letters alone.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Script {
    Latin,
    Cyrillic,
    Other(&'static str),
}

fn script(c: char) -> Option<Script> {
    let u = c as u32;
    Some(match u {
        0x41..=0x5A | 0x61..=0x7A | 0xC0..=0x24F | 0x1E00..=0x1EFF => Script::Latin,
        0x400..=0x52F => Script::Cyrillic,
        0x370..=0x3FF | 0x1F00..=0x1FFF => Script::Other("el"),
        0x590..=0x5FF => Script::Other("he"),
        0x600..=0x6FF | 0x750..=0x77F => Script::Other("ar"),
        0x900..=0x97F => Script::Other("hi"),
        0xE00..=0xE7F => Script::Other("th"),
        0x1100..=0x11FF | 0xAC00..=0xD7AF => Script::Other("ko"),
        0x3040..=0x30FF => Script::Other("ja"),
        0x4E00..=0x9FFF | 0x3400..=0x4DBF => Script::Other("zh"),
        _ => return None,
    })
}

/// The language of `text`: an ISO 639-1 code (`"en"`, `"de"`, `"fr"`, ...) or `"und"`
/// when the text has too few words to tell or is in a language the detector does not
/// know. Linear in the text's length; reads at most its first few thousand words.
pub fn detect(text: &str) -> &'static str {
    // The writing system of most letters.
    let mut latin = 0usize;
    let mut cyrillic = 0usize;
    let mut other: Vec<(&'static str, usize)> = Vec::new();
    let mut kana = 0usize;
    for c in text.chars().take(MAX_WORDS * 8) {
        match script(c) {
            Some(Script::Latin) => latin += 1,
            Some(Script::Cyrillic) => cyrillic += 1,
            Some(Script::Other(code)) => {
                if code == "ja" {
                    kana += 1;
                }
                match other.iter_mut().find(|(c, _)| *c == code) {
                    Some(e) => e.1 += 1,
                    None => other.push((code, 1)),
                }
            }
            None => {}
        }
    }
    let others: usize = other.iter().map(|(_, n)| n).sum();
    if others > latin + cyrillic {
        // Han with kana is Japanese; otherwise the most frequent script's language.
        if kana > 0 && other.iter().any(|(c, _)| *c == "zh") {
            return "ja";
        }
        return other.iter().max_by_key(|(_, n)| *n).map_or("und", |(c, _)| c);
    }
    let cyr = cyrillic > latin;
    let mut hits = vec![0usize; STOPWORDS.len()];
    let mut words = 0usize;
    for w in text.split(|c: char| !c.is_alphabetic()).filter(|w| !w.is_empty()).take(MAX_WORDS) {
        words += 1;
        let lower = w.to_lowercase();
        for (k, (_, list)) in STOPWORDS.iter().enumerate() {
            if list.contains(&lower.as_str()) {
                hits[k] += 1;
            }
        }
    }
    let is_cyrillic_lang = |code: &str| code == "ru" || code == "uk";
    let (best, &n) = match hits
        .iter()
        .enumerate()
        .filter(|(k, _)| is_cyrillic_lang(STOPWORDS[*k].0) == cyr)
        .max_by_key(|(k, n)| (**n, std::cmp::Reverse(*k)))
    {
        Some(b) => b,
        None => return "und",
    };
    if n < MIN_HITS || words < 5 {
        return "und";
    }
    let english = hits[0];
    // English unless another language clearly has more of its function words.
    if !cyr && best != 0 && n * 10 < english * 13 {
        return "en";
    }
    STOPWORDS[best].0
}

#[cfg(test)]
mod tests {
    use super::detect;

    #[test]
    fn tells_common_news_languages_apart() {
        let cases = [
            ("en", "The mayor of the town said on Monday that the new bridge would open in the spring, and that the council has agreed to pay for it."),
            ("de", "Der Bürgermeister der Stadt sagte am Montag, dass die neue Brücke im Frühjahr eröffnet wird und der Rat die Kosten übernehmen werde."),
            ("fr", "Le maire de la ville a déclaré lundi que le nouveau pont sera ouvert au printemps et que le conseil a accepté de le payer."),
            ("es", "El alcalde de la ciudad dijo el lunes que el nuevo puente se abrirá en la primavera y que el consejo ha aceptado pagarlo."),
            ("it", "Il sindaco della città ha detto lunedì che il nuovo ponte sarà aperto in primavera e che il consiglio ha accettato di pagarlo."),
            ("pt", "O prefeito da cidade disse na segunda-feira que a nova ponte será aberta na primavera e que o conselho aceitou pagar por ela."),
            ("nl", "De burgemeester van de stad zei maandag dat de nieuwe brug in het voorjaar wordt geopend en dat de raad heeft ingestemd om ervoor te betalen."),
            ("pl", "Burmistrz miasta powiedział w poniedziałek, że nowy most zostanie otwarty wiosną i że rada zgodziła się za niego zapłacić, jak to jest."),
            ("ru", "Мэр города сказал в понедельник, что новый мост откроется весной и что совет согласился за него заплатить, как это было."),
            ("el", "Ο δήμαρχος της πόλης είπε τη Δευτέρα ότι η νέα γέφυρα θα ανοίξει την άνοιξη."),
            ("zh", "市长星期一说，新桥将在春天开放，议会已同意支付费用。"),
            ("ja", "市長は月曜日に、新しい橋は春に開通すると述べた。"),
        ];
        for (want, text) in cases {
            assert_eq!(detect(text), want, "{text}");
        }
    }

    #[test]
    fn english_with_foreign_words_stays_english() {
        let t = "\"Le roi est mort,\" the minister said in Paris on Tuesday, and the crowd of reporters \
                 who had waited for him since the morning left the square.";
        assert_eq!(detect(t), "en");
        // German nouns capitalised in an English sentence.
        assert_eq!(detect("The Kindergarten and the Autobahn are words that the English language has borrowed."), "en");
    }

    #[test]
    fn too_little_text_is_undetermined() {
        for t in ["", "Hi.", "Ilsa Brandt", "12 34 56", "👍👍", "\u{0}\u{ffff}"] {
            assert_eq!(detect(t), "und", "{t:?}");
        }
    }
}
