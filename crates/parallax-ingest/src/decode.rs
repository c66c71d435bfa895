//! Bytes to text: byte-order marks, UTF-8, and legacy encodings detected
//! with `chardetng`, decoded with `encoding_rs`.

use crate::IngestError;
use encoding_rs::{Encoding, UTF_8, WINDOWS_1252};

/// Text decoded from a file, and how.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    pub encoding: &'static Encoding,
    /// A byte-order mark was present; it is not part of [`Decoded::text`].
    pub byte_order_mark: bool,
}

impl Decoded {
    /// Whether offsets into the text are offsets into the file too.
    #[must_use]
    pub fn is_file_bytes(&self) -> bool {
        self.encoding == UTF_8 && !self.byte_order_mark
    }
}

/// Decodes `bytes`. The order of trust: a byte-order mark; valid UTF-8; the
/// encoding the file declares (`declared`, from an HTML `<meta charset>`);
/// chardetng's guess. Refuses empty, blank and binary input, and UTF-8 that
/// is broken (a guess of UTF-8 for bytes that are not UTF-8 means the file
/// is damaged, not in another encoding).
pub fn decode(
    path: &str,
    bytes: &[u8],
    declared: Option<&'static Encoding>,
) -> Result<Decoded, IngestError> {
    if bytes.is_empty() {
        return Err(IngestError::Empty {
            path: path.to_owned(),
        });
    }
    let (encoding, byte_order_mark, body) = if let Some((encoding, length)) =
        Encoding::for_bom(bytes)
    {
        (encoding, true, &bytes[length..])
    } else {
        if let Some(offset) = bytes.iter().position(|&byte| byte == 0) {
            return Err(IngestError::Binary {
                path: path.to_owned(),
                offset,
            });
        }
        let encoding = match std::str::from_utf8(bytes) {
            Ok(_) => UTF_8,
            // Text in a legacy encoding almost never holds a valid
            // multi-byte UTF-8 sequence before its first invalid byte: a
            // file that does is damaged UTF-8 (cut short, or with a stray
            // byte), not Windows-1252.
            Err(error) if !bytes[..error.valid_up_to()].is_ascii() => {
                return Err(IngestError::InvalidUtf8 {
                    path: path.to_owned(),
                    offset: error.valid_up_to(),
                });
            }
            Err(error) => {
                let guess = declared
                    .filter(|&encoding| encoding != UTF_8)
                    .unwrap_or_else(|| {
                        let mut detector =
                            chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
                        detector.feed(bytes, true);
                        detector.guess(None, chardetng::Utf8Detection::Allow)
                    });
                if guess == UTF_8 {
                    return Err(IngestError::InvalidUtf8 {
                        path: path.to_owned(),
                        offset: error.valid_up_to(),
                    });
                }
                // A short text often fits several single-byte encodings;
                // when Windows-1252, by far the most common, reads it the
                // same way, name that one.
                if guess != WINDOWS_1252
                    && declared.is_none()
                    && WINDOWS_1252.decode_without_bom_handling_and_without_replacement(bytes)
                        == guess.decode_without_bom_handling_and_without_replacement(bytes)
                {
                    WINDOWS_1252
                } else {
                    guess
                }
            }
        };
        (encoding, false, bytes)
    };
    let (text, had_errors) = encoding.decode_without_bom_handling(body);
    if had_errors {
        return Err(IngestError::Malformed {
            path: path.to_owned(),
            encoding: encoding.name(),
        });
    }
    if let Some(offset) = text.find('\0') {
        return Err(IngestError::Binary {
            path: path.to_owned(),
            offset,
        });
    }
    if text.trim().is_empty() {
        return Err(IngestError::Blank {
            path: path.to_owned(),
        });
    }
    Ok(Decoded {
        text: text.into_owned(),
        encoding,
        byte_order_mark,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text_of(bytes: &[u8]) -> (String, &'static str, bool) {
        let decoded = decode("f", bytes, None).unwrap();
        (
            decoded.text,
            decoded.encoding.name(),
            decoded.byte_order_mark,
        )
    }

    #[test]
    fn refuses_what_cannot_be_cited_by_offset() {
        assert!(matches!(
            decode("f", b"", None),
            Err(IngestError::Empty { .. })
        ));
        assert!(matches!(
            decode("f", b" \n\t\r\n", None),
            Err(IngestError::Blank { .. })
        ));
        assert!(matches!(
            decode("f", b"ab\0cd", None),
            Err(IngestError::Binary { offset: 2, .. })
        ));
        // A UTF-8 file cut in the middle of a character, or with a stray
        // byte after real UTF-8, is damaged UTF-8, not a legacy encoding.
        let truncated = &"Grüße aus Köln".as_bytes()[..5];
        assert_eq!(
            decode("dir/f.txt", truncated, None)
                .unwrap_err()
                .to_string(),
            "dir/f.txt: not valid UTF-8 (invalid byte at offset 4)"
        );
        // Windows-1252 text may end on an accented letter.
        assert_eq!(decode("f", b"Caf\xe9", None).unwrap().text, "Café");
        assert_eq!(
            decode("f", b"Gr\xC3\xBC\xC3\x9Fe \xFF und mehr", None)
                .unwrap_err()
                .to_string(),
            "f: not valid UTF-8 (invalid byte at offset 8)"
        );
    }

    #[test]
    fn utf8_with_and_without_a_byte_order_mark() {
        assert_eq!(
            text_of("Grüße\r\n".as_bytes()),
            ("Grüße\r\n".into(), "UTF-8", false)
        );
        assert_eq!(
            text_of(b"\xEF\xBB\xBFCaf\xC3\xA9"),
            ("Café".into(), "UTF-8", true)
        );
    }

    #[test]
    fn utf16_with_a_byte_order_mark() {
        let mut little = vec![0xFF, 0xFE];
        little.extend("Kyiv – Київ".encode_utf16().flat_map(u16::to_le_bytes));
        assert_eq!(text_of(&little), ("Kyiv – Київ".into(), "UTF-16LE", true));
        let mut big = vec![0xFE, 0xFF];
        big.extend("Zürich".encode_utf16().flat_map(u16::to_be_bytes));
        assert_eq!(text_of(&big), ("Zürich".into(), "UTF-16BE", true));
    }

    #[test]
    fn windows_1252_is_detected() {
        // “Smart quotes”, an en dash and accented letters, as a Windows
        // newsroom system would save them.
        let bytes = b"The minister\x92s statement \x96 \x93we will not retreat\x94 \x96 \
                      was read in Bogot\xE1 and S\xE3o Paulo on Monday.\n";
        let (text, encoding, _) = text_of(bytes);
        assert_eq!(encoding, "windows-1252");
        assert_eq!(
            text,
            "The minister’s statement – “we will not retreat” – was read in Bogotá and São Paulo on Monday.\n"
        );
    }

    #[test]
    fn a_declared_encoding_is_trusted_over_the_guess() {
        let bytes = b"\xcd\xee\xe2\xee\xf1\xf2\xe8 \xe4\xed\xff";
        let decoded = decode("f", bytes, Some(encoding_rs::WINDOWS_1251)).unwrap();
        assert_eq!(decoded.text, "Новости дня");
    }
}
