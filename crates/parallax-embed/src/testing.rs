//! A tiny model for tests of code that uses one: the architecture of a
//! sentence-transformers BERT model with random weights, written by the
//! tests themselves, since no real model may be fetched in a test. Built
//! only for this crate's tests and with the `testing` feature.

use candle_core::{DType, Device, Tensor};
use std::collections::HashMap;
use std::path::Path;

/// The length of the tiny model's vectors.
pub const HIDDEN: usize = 16;
const LAYERS: usize = 2;
const INTERMEDIATE: usize = 32;
const POSITIONS: usize = 64;

const WORDS: &[&str] = &[
    "the", "bridge", "will", "close", "on", "monday", "for", "repairs", "council", "said", "a",
    "road", "mill", "six", "weeks", "of", "river", "boats", "##s", "open", ".", ",",
];

/// A small generator, so that the weights are the same on every run.
struct Numbers(u64);

impl Numbers {
    fn next(&mut self) -> f32 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^= z >> 31;
        // In [-0.5, 0.5).
        #[allow(
            clippy::cast_possible_truncation,
            reason = "24 bits of the hash fit an f32 exactly"
        )]
        let fraction = (z >> 40) as f32 / (1_u64 << 24) as f32;
        fraction - 0.5
    }

    fn tensor(&mut self, shape: &[usize]) -> Tensor {
        let count: usize = shape.iter().product();
        let values: Vec<f32> = (0..count).map(|_| self.next()).collect();
        Tensor::from_vec(values, shape, &Device::Cpu).unwrap()
    }
}

/// Writes a tiny sentence-transformers folder into `folder`: a BERT encoder
/// of two layers and 16 dimensions, a vocabulary of a few dozen words and
/// fixed random weights. `max_tokens` goes into
/// `sentence_bert_config.json`.
#[allow(
    clippy::missing_panics_doc,
    reason = "test support: a folder that cannot be written fails the test"
)]
pub fn tiny_model(folder: &Path, max_tokens: usize) {
    let mut vocabulary: Vec<String> = ["[PAD]", "[UNK]", "[CLS]", "[SEP]"]
        .iter()
        .map(|word| (*word).to_owned())
        .collect();
    vocabulary.extend(WORDS.iter().map(|word| (*word).to_owned()));
    let vocabulary_json: serde_json::Map<String, serde_json::Value> = vocabulary
        .iter()
        .enumerate()
        .map(|(id, word)| (word.clone(), serde_json::Value::from(id)))
        .collect();
    let special =
        |token: &str, id: usize| serde_json::json!({"id": token, "ids": [id], "tokens": [token]});
    let tokenizer = serde_json::json!({
        "version": "1.0",
        "truncation": null,
        "padding": {"strategy": {"Fixed": 48}, "direction": "Right", "pad_to_multiple_of": null,
                    "pad_id": 0, "pad_type_id": 0, "pad_token": "[PAD]"},
        "added_tokens": [],
        "normalizer": {"type": "BertNormalizer", "clean_text": true, "handle_chinese_chars": true,
                       "strip_accents": null, "lowercase": true},
        "pre_tokenizer": {"type": "BertPreTokenizer"},
        "post_processor": {
            "type": "TemplateProcessing",
            "single": [{"SpecialToken": {"id": "[CLS]", "type_id": 0}},
                       {"Sequence": {"id": "A", "type_id": 0}},
                       {"SpecialToken": {"id": "[SEP]", "type_id": 0}}],
            "pair": [{"SpecialToken": {"id": "[CLS]", "type_id": 0}},
                     {"Sequence": {"id": "A", "type_id": 0}},
                     {"SpecialToken": {"id": "[SEP]", "type_id": 0}},
                     {"Sequence": {"id": "B", "type_id": 1}},
                     {"SpecialToken": {"id": "[SEP]", "type_id": 1}}],
            "special_tokens": {"[CLS]": special("[CLS]", 2), "[SEP]": special("[SEP]", 3)}
        },
        "decoder": null,
        "model": {"type": "WordPiece", "unk_token": "[UNK]", "continuing_subword_prefix": "##",
                  "max_input_chars_per_word": 100, "vocab": vocabulary_json}
    });
    let config = serde_json::json!({
        "architectures": ["BertModel"], "model_type": "bert",
        "vocab_size": vocabulary.len(), "hidden_size": HIDDEN, "num_hidden_layers": LAYERS,
        "num_attention_heads": 2, "intermediate_size": INTERMEDIATE, "hidden_act": "gelu",
        "hidden_dropout_prob": 0.1, "attention_probs_dropout_prob": 0.1,
        "max_position_embeddings": POSITIONS, "type_vocab_size": 2, "initializer_range": 0.02,
        "layer_norm_eps": 1e-12, "pad_token_id": 0, "position_embedding_type": "absolute"
    });
    let mut numbers = Numbers(7);
    let mut weights: HashMap<String, Tensor> = HashMap::new();
    let mut put = |name: String, shape: &[usize]| {
        let tensor = numbers.tensor(shape);
        weights.insert(name, tensor);
    };
    put(
        "embeddings.word_embeddings.weight".into(),
        &[vocabulary.len(), HIDDEN],
    );
    put(
        "embeddings.position_embeddings.weight".into(),
        &[POSITIONS, HIDDEN],
    );
    put(
        "embeddings.token_type_embeddings.weight".into(),
        &[2, HIDDEN],
    );
    let mut norms = vec!["embeddings.LayerNorm".to_owned()];
    for layer in 0..LAYERS {
        let prefix = format!("encoder.layer.{layer}");
        for part in ["query", "key", "value"] {
            put(
                format!("{prefix}.attention.self.{part}.weight"),
                &[HIDDEN, HIDDEN],
            );
            put(format!("{prefix}.attention.self.{part}.bias"), &[HIDDEN]);
        }
        put(
            format!("{prefix}.attention.output.dense.weight"),
            &[HIDDEN, HIDDEN],
        );
        put(format!("{prefix}.attention.output.dense.bias"), &[HIDDEN]);
        put(
            format!("{prefix}.intermediate.dense.weight"),
            &[INTERMEDIATE, HIDDEN],
        );
        put(format!("{prefix}.intermediate.dense.bias"), &[INTERMEDIATE]);
        put(
            format!("{prefix}.output.dense.weight"),
            &[HIDDEN, INTERMEDIATE],
        );
        put(format!("{prefix}.output.dense.bias"), &[HIDDEN]);
        norms.push(format!("{prefix}.attention.output.LayerNorm"));
        norms.push(format!("{prefix}.output.LayerNorm"));
    }
    for norm in norms {
        weights.insert(
            format!("{norm}.weight"),
            Tensor::ones(HIDDEN, DType::F32, &Device::Cpu).unwrap(),
        );
        weights.insert(
            format!("{norm}.bias"),
            Tensor::zeros(HIDDEN, DType::F32, &Device::Cpu).unwrap(),
        );
    }
    std::fs::create_dir_all(folder.join("1_Pooling")).unwrap();
    std::fs::write(folder.join("tokenizer.json"), tokenizer.to_string()).unwrap();
    std::fs::write(folder.join("config.json"), config.to_string()).unwrap();
    std::fs::write(
        folder.join("1_Pooling/config.json"),
        r#"{"word_embedding_dimension": 16, "pooling_mode_mean_tokens": true}"#,
    )
    .unwrap();
    std::fs::write(
        folder.join("sentence_bert_config.json"),
        format!(r#"{{"max_seq_length": {max_tokens}, "do_lower_case": false}}"#),
    )
    .unwrap();
    candle_core::safetensors::save(&weights, folder.join("model.safetensors")).unwrap();
}
