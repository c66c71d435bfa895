//! Tests on a tiny model written by the tests themselves: the architecture
//! of a sentence-transformers BERT model, a vocabulary of a few dozen
//! words and random weights. What they check holds for any weights: that
//! padding, batching and order leave a sentence's vector as it is, that
//! pooling leaves padding out, and that bad folders are named.

use super::*;
use crate::testing::{HIDDEN, tiny_model};
use candle_core::{Device, Tensor};

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
