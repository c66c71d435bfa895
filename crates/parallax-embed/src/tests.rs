//! Tests on a tiny model written by the tests themselves: the architecture
//! of a sentence-transformers BERT model, a vocabulary of a few dozen
//! words and random weights. What they check holds for any weights: that
//! padding, batching and order leave a sentence's vector as it is, that
//! pooling leaves padding out, and that bad folders are named.

use super::*;
use candle_core::{DType, Device, Tensor};
use std::collections::HashMap;
use std::path::Path;

const HIDDEN: usize = 16;
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

/// Writes a tiny sentence-transformers folder; `max_tokens` goes into
/// `sentence_bert_config.json`.
fn tiny_model(folder: &Path, max_tokens: usize) {
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

fn loaded(max_tokens: usize) -> (tempfile::TempDir, Model) {
    let folder = tempfile::tempdir().unwrap();
    tiny_model(folder.path(), max_tokens);
    let model = Model::load(folder.path()).unwrap();
    (folder, model)
}

fn assert_close(left: &[f32], right: &[f32]) {
    assert_eq!(left.len(), right.len());
    for (x, y) in left.iter().zip(right) {
        assert!((x - y).abs() < 1e-5, "{left:?} != {right:?}");
    }
}

#[test]
fn vectors_have_the_model_dimension_and_unit_length() {
    let (_folder, model) = loaded(32);
    assert_eq!(model.dimension(), HIDDEN);
    let vectors = model
        .embed(&["The bridge will close on Monday.", "Boats on the river"])
        .unwrap();
    for vector in &vectors {
        assert_eq!(vector.len(), HIDDEN);
        let length: f32 = vector.iter().map(|x| x * x).sum::<f32>().sqrt();
        assert!((length - 1.0).abs() < 1e-5, "{length}");
    }
    assert!(cosine(&vectors[0], &vectors[1]) < 0.9999);
    assert!(model.embed(&[]).unwrap().is_empty());
}

/// A sentence padded beside a longer one in a batch gets the vector it
/// gets alone: the attention mask keeps padding out of attention, and
/// pooling keeps it out of the mean. Order in, order out.
#[test]
fn padding_batching_and_order_leave_a_vector_as_it_is() {
    let (_folder, model) = loaded(32);
    let short = "the bridge";
    let long =
        "The council said the Mill Road bridge will close on Monday for six weeks of repairs.";
    let alone = model.embed(&[short]).unwrap();
    let together = model.embed(&[long, short, long]).unwrap();
    assert_close(&together[1], &alone[0]);
    assert_close(&together[0], &together[2]);
    assert_close(&together[0], &model.embed(&[long]).unwrap()[0]);
    // Many sentences: more than one batch, sorted by length inside.
    let many: Vec<&str> = (0..70)
        .map(|index| if index % 3 == 0 { long } else { short })
        .collect();
    let vectors = model.embed(&many).unwrap();
    for (sentence, vector) in many.iter().zip(&vectors) {
        let expected = if *sentence == long {
            &together[0]
        } else {
            &alone[0]
        };
        assert_close(vector, expected);
    }
}

/// Past `max_seq_length` tokens a sentence is cut, as sentence-transformers
/// cuts it: [CLS], six words, [SEP].
#[test]
fn long_sentences_are_cut_at_the_model_length() {
    let (_folder, model) = loaded(8);
    let cut = model.embed(&["the bridge will close on monday"]).unwrap();
    let long = model
        .embed(&["the bridge will close on monday for six weeks of repairs"])
        .unwrap();
    assert_close(&long[0], &cut[0]);
}

#[test]
fn mean_pooling_leaves_padding_out() {
    let hidden = Tensor::from_vec(
        vec![
            1.0_f32, 2.0, 3.0, 4.0, 100.0, 100.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0,
        ],
        (2, 3, 2),
        &Device::Cpu,
    )
    .unwrap();
    let mask =
        Tensor::from_vec(vec![1.0_f32, 1.0, 0.0, 1.0, 1.0, 1.0], (2, 3), &Device::Cpu).unwrap();
    let pooled = model::mean_pool(&hidden, &mask)
        .unwrap()
        .to_vec2::<f32>()
        .unwrap();
    assert_eq!(pooled, [[2.0, 3.0], [7.0, 8.0]]);
    let unit = model::unit_length(&Tensor::new(&[[3.0_f32, 4.0]], &Device::Cpu).unwrap())
        .unwrap()
        .to_vec2::<f32>()
        .unwrap();
    assert_eq!(unit, [[0.6, 0.8]]);
}

#[test]
fn missing_and_broken_files_are_named() {
    let folder = tempfile::tempdir().unwrap();
    let error = Model::load(folder.path()).unwrap_err().to_string();
    assert!(error.contains("config.json: cannot read"), "{error}");

    tiny_model(folder.path(), 32);
    std::fs::write(folder.path().join("model.safetensors"), b"not weights").unwrap();
    let error = Model::load(folder.path()).unwrap_err().to_string();
    assert!(
        error.contains("model.safetensors: not a usable model file"),
        "{error}"
    );

    tiny_model(folder.path(), 32);
    std::fs::write(
        folder.path().join("1_Pooling/config.json"),
        r#"{"pooling_mode_max_tokens": true}"#,
    )
    .unwrap();
    let error = Model::load(folder.path()).unwrap_err().to_string();
    assert!(
        error.contains("pooling \"max\" is not supported"),
        "{error}"
    );
}

#[test]
fn cosine_of_known_vectors() {
    assert!((cosine(&[1.0, 0.0], &[1.0, 0.0]) - 1.0).abs() < 1e-6);
    assert!(cosine(&[1.0, 0.0], &[0.0, 2.0]).abs() < 1e-6);
    assert!((cosine(&[1.0, 1.0], &[2.0, 2.0]) - 1.0).abs() < 1e-6);
    assert!(cosine(&[0.0, 0.0], &[1.0, 1.0]).abs() < 1e-6);
}
