//! A sentence-transformers model: its tokenizer, its BERT encoder and its
//! pooling, read from the files of a local folder.

use crate::EmbedError;
use candle_core::{DType, Device, Tensor};
use candle_nn::VarBuilder;
use candle_transformers::models::bert::{BertModel, Config};
use rayon::prelude::*;
use serde::Deserialize;
use std::path::{Path, PathBuf};
use tokenizers::{Tokenizer, TruncationParams};

/// Sentences run through the encoder together. Batches hold sentences of
/// similar length, so little of each batch is padding. Small batches are
/// faster on the CPU: two cores share more of them, and each one's
/// matrices stay in cache. On the fixture corpora's 995 sentences, on 2
/// cores: 4 a batch, 123–128 sentences a second; 8, 131–147; 12, 132–142;
/// 16, 107–119; 32, 83–85; 64, 77.
const BATCH: usize = 8;

/// How a sentence's token vectors become one vector.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Pooling {
    /// The mean of the vectors of the sentence's tokens, padding left out.
    Mean,
    /// The vector of the `[CLS]` token.
    Classifier,
}

/// `1_Pooling/config.json`, as sentence-transformers writes it.
#[derive(Debug, Deserialize)]
#[allow(
    clippy::struct_excessive_bools,
    reason = "the file's own fields, one flag per pooling mode"
)]
struct PoolingConfig {
    #[serde(default)]
    pooling_mode_mean_tokens: bool,
    #[serde(default)]
    pooling_mode_cls_token: bool,
    #[serde(default)]
    pooling_mode_max_tokens: bool,
    #[serde(default)]
    pooling_mode_mean_sqrt_len_tokens: bool,
}

/// `sentence_bert_config.json`: how many tokens of a sentence are read.
#[derive(Debug, Deserialize)]
struct SentenceConfig {
    max_seq_length: Option<usize>,
}

/// A sentence-embedding model loaded in memory.
pub struct Model {
    tokenizer: Tokenizer,
    encoder: BertModel,
    device: Device,
    pooling: Pooling,
    pad_id: u32,
    dimension: usize,
    folder: PathBuf,
}

impl std::fmt::Debug for Model {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        formatter
            .debug_struct("Model")
            .field("folder", &self.folder)
            .field("dimension", &self.dimension)
            .field("pooling", &self.pooling)
            .finish_non_exhaustive()
    }
}

fn read_json<T: serde::de::DeserializeOwned>(path: &Path) -> Result<T, EmbedError> {
    let text = std::fs::read_to_string(path).map_err(|error| EmbedError::read(path, &error))?;
    serde_json::from_str(&text).map_err(|error| EmbedError::invalid(path, &error))
}

/// Reads an optional file of the folder: `None` when it is not there.
fn read_optional_json<T: serde::de::DeserializeOwned>(
    path: &Path,
) -> Result<Option<T>, EmbedError> {
    if path.exists() {
        read_json(path).map(Some)
    } else {
        Ok(None)
    }
}

impl Model {
    /// Loads the model in `folder`: `config.json` (a BERT encoder),
    /// `tokenizer.json`, `model.safetensors`, and when present
    /// `1_Pooling/config.json` (mean or `[CLS]` pooling; mean without it)
    /// and `sentence_bert_config.json` (how many tokens are read).
    pub fn load(folder: &Path) -> Result<Self, EmbedError> {
        let config_path = folder.join("config.json");
        let config: Config = read_json(&config_path)?;
        let pooling = match read_optional_json::<PoolingConfig>(
            &folder.join("1_Pooling").join("config.json"),
        )? {
            None => Pooling::Mean,
            Some(pooling) if pooling.pooling_mode_mean_tokens => Pooling::Mean,
            Some(pooling) if pooling.pooling_mode_cls_token => Pooling::Classifier,
            Some(pooling) => {
                let mode = if pooling.pooling_mode_max_tokens {
                    "max"
                } else if pooling.pooling_mode_mean_sqrt_len_tokens {
                    "mean over the square root of the length"
                } else {
                    "none"
                };
                return Err(EmbedError::invalid(
                    &folder.join("1_Pooling").join("config.json"),
                    &format!("pooling \"{mode}\" is not supported (mean or cls)"),
                ));
            }
        };
        let sentence_config: Option<SentenceConfig> =
            read_optional_json(&folder.join("sentence_bert_config.json"))?;
        let max_tokens = sentence_config
            .and_then(|config| config.max_seq_length)
            .unwrap_or(config.max_position_embeddings)
            .min(config.max_position_embeddings);

        let tokenizer_path = folder.join("tokenizer.json");
        let mut tokenizer = Tokenizer::from_file(&tokenizer_path)
            .map_err(|error| EmbedError::invalid(&tokenizer_path, &error))?;
        // The file may pad every sentence to a fixed length: batches are
        // padded here, to their longest sentence, with an attention mask.
        tokenizer.with_padding(None);
        tokenizer
            .with_truncation(Some(TruncationParams {
                max_length: max_tokens,
                ..TruncationParams::default()
            }))
            .map_err(|error| EmbedError::invalid(&tokenizer_path, &error))?;
        let pad_id = u32::try_from(config.pad_token_id).unwrap_or(0);

        let weights_path = folder.join("model.safetensors");
        let weights = std::fs::read(&weights_path)
            .map_err(|error| EmbedError::read(&weights_path, &error))?;
        let device = Device::Cpu;
        let variables = VarBuilder::from_buffered_safetensors(weights, DType::F32, &device)
            .map_err(|error| EmbedError::invalid(&weights_path, &error))?;
        let encoder = BertModel::load(variables, &config)
            .map_err(|error| EmbedError::invalid(&weights_path, &error))?;
        Ok(Self {
            tokenizer,
            encoder,
            device,
            pooling,
            pad_id,
            dimension: config.hidden_size,
            folder: folder.to_path_buf(),
        })
    }

    /// The length of the vectors.
    #[must_use]
    pub fn dimension(&self) -> usize {
        self.dimension
    }

    /// The folder the model was read from.
    #[must_use]
    pub fn folder(&self) -> &Path {
        &self.folder
    }

    /// One vector per sentence, in order, of unit length (so that the
    /// cosine of two is their dot product).
    pub fn embed(&self, sentences: &[&str]) -> Result<Vec<Vec<f32>>, EmbedError> {
        if sentences.is_empty() {
            return Ok(Vec::new());
        }
        let encodings = self
            .tokenizer
            .encode_batch(sentences.to_vec(), true)
            .map_err(|error| EmbedError::Run(error.to_string()))?;
        let mut order: Vec<usize> = (0..encodings.len()).collect();
        order.sort_by_key(|&index| encodings[index].get_ids().len());
        // Batches run on rayon's threads: the encoder's matrices are too
        // small for its own threading to keep more than one core busy.
        let batches: Vec<Vec<Vec<f32>>> = order
            .par_chunks(BATCH)
            .map(|batch| {
                let ids: Vec<&[u32]> = batch
                    .iter()
                    .map(|&index| encodings[index].get_ids())
                    .collect();
                self.embed_batch(&ids)
            })
            .collect::<Result<_, _>>()?;
        let mut vectors: Vec<Vec<f32>> = vec![Vec::new(); sentences.len()];
        for (batch, embedded) in order.chunks(BATCH).zip(batches) {
            for (&index, vector) in batch.iter().zip(embedded) {
                vectors[index] = vector;
            }
        }
        Ok(vectors)
    }

    /// Runs one batch of token ids through the encoder, padded to the
    /// longest, and pools each sentence's token vectors.
    fn embed_batch(&self, ids: &[&[u32]]) -> Result<Vec<Vec<f32>>, EmbedError> {
        let longest = ids.iter().map(|ids| ids.len()).max().unwrap_or(0).max(1);
        let mut padded: Vec<u32> = Vec::with_capacity(ids.len() * longest);
        let mut mask: Vec<f32> = Vec::with_capacity(ids.len() * longest);
        for sentence in ids {
            padded.extend_from_slice(sentence);
            padded.extend(std::iter::repeat_n(self.pad_id, longest - sentence.len()));
            mask.extend(std::iter::repeat_n(1.0_f32, sentence.len()));
            mask.extend(std::iter::repeat_n(0.0_f32, longest - sentence.len()));
        }
        let shape = (ids.len(), longest);
        let run = || -> candle_core::Result<Vec<Vec<f32>>> {
            let input = Tensor::from_vec(padded, shape, &self.device)?;
            let mask = Tensor::from_vec(mask, shape, &self.device)?;
            let types = input.zeros_like()?;
            let hidden = self.encoder.forward(&input, &types, Some(&mask))?;
            let pooled = match self.pooling {
                Pooling::Mean => mean_pool(&hidden, &mask)?,
                Pooling::Classifier => hidden.narrow(1, 0, 1)?.squeeze(1)?,
            };
            unit_length(&pooled)?.to_vec2::<f32>()
        };
        run().map_err(|error| EmbedError::Run(error.to_string()))
    }
}

/// The mean of each sentence's token vectors (batch × tokens × dimension)
/// over the tokens its mask (batch × tokens, 1 or 0) keeps: padding takes
/// no part.
pub(crate) fn mean_pool(hidden: &Tensor, mask: &Tensor) -> candle_core::Result<Tensor> {
    let weights = mask.to_dtype(hidden.dtype())?.unsqueeze(2)?;
    let summed = hidden.broadcast_mul(&weights)?.sum(1)?;
    let counts = weights.sum(1)?.clamp(1e-9, f64::MAX)?;
    summed.broadcast_div(&counts)
}

/// Each row divided by its Euclidean length.
pub(crate) fn unit_length(vectors: &Tensor) -> candle_core::Result<Tensor> {
    let lengths = vectors
        .sqr()?
        .sum_keepdim(1)?
        .sqrt()?
        .clamp(1e-12, f64::MAX)?;
    vectors.broadcast_div(&lengths)
}
