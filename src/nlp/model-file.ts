/**
 * The shipped model format: gzip of a small JSON header followed by the
 * weights quantised to Int8 with one scale per class, and Float32 biases.
 * Int8 keeps the repository small (a quarter of Float32); the evaluation in
 * the training scripts runs on the quantised model, so the reported figures
 * are the shipped model's.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { gunzipSync, gzipSync } from 'node:zlib';
import type { LinearModel } from './linear.ts';

const MAGIC = 'MURMUR-LINEAR-1';

export interface ModelFile<Meta> {
  model: LinearModel;
  meta: Meta;
}

interface Header<Meta> {
  magic: string;
  classes: string[];
  rows: number;
  scales: number[];
  meta: Meta;
}

/**
 * `clip` < 1 sets each class's scale from that quantile of its non-zero |weights|
 * instead of the largest, clipping the few beyond it: finer steps for the many
 * small weights. The training scripts pick it on val.
 */
export function encodeModel<Meta>(model: LinearModel, meta: Meta, clip = 1): Buffer {
  if (model.weights instanceof Int8Array) throw new Error('encodeModel: the model is already quantised');
  const K = model.classes.length;
  const scales = new Array<number>(K).fill(0);
  for (let k = 0; k < K; k++) {
    const magnitudes: number[] = [];
    for (let i = k; i < model.weights.length; i += K) if (model.weights[i] !== 0) magnitudes.push(Math.abs(model.weights[i]!));
    magnitudes.sort((a, b) => a - b);
    const top = magnitudes[Math.min(magnitudes.length - 1, Math.floor(clip * magnitudes.length))] ?? 0;
    scales[k] = top / 127 || 1;
  }
  const quantised = new Int8Array(model.weights.length);
  for (let i = 0; i < model.weights.length; i++) {
    quantised[i] = Math.max(-127, Math.min(127, Math.round(model.weights[i]! / scales[i % K]!)));
  }
  const header: Header<Meta> = { magic: MAGIC, classes: [...model.classes], rows: model.rows, scales, meta };
  const headerBytes = Buffer.from(JSON.stringify(header), 'utf8');
  const length = Buffer.alloc(4);
  length.writeUInt32LE(headerBytes.length);
  const bias = Buffer.from(new Float32Array(model.bias).buffer);
  return gzipSync(Buffer.concat([length, headerBytes, bias, Buffer.from(quantised.buffer)]), { level: 9 });
}

export function decodeModel<Meta>(gzipped: Buffer, where: string): ModelFile<Meta> {
  const raw = gunzipSync(gzipped);
  const headerLength = raw.readUInt32LE(0);
  const header = JSON.parse(raw.subarray(4, 4 + headerLength).toString('utf8')) as Header<Meta>;
  if (header.magic !== MAGIC) throw new Error(`${where}: not a Murmur model file (magic ${String(header.magic)})`);
  const K = header.classes.length;
  let offset = 4 + headerLength;
  const bias = new Float32Array(K);
  for (let k = 0; k < K; k++, offset += 4) bias[k] = raw.readFloatLE(offset);
  const size = header.rows * K;
  if (raw.length - offset !== size) throw new Error(`${where}: expected ${size} weights, found ${raw.length - offset} bytes`);
  const weights = new Int8Array(raw.buffer, raw.byteOffset + offset, size);
  const scales = Float32Array.from(header.scales);
  return { model: { classes: header.classes, rows: header.rows, weights, scales, bias }, meta: header.meta };
}

export function writeModelFile<Meta>(path: string, model: LinearModel, meta: Meta, clip = 1): number {
  const bytes = encodeModel(model, meta, clip);
  writeFileSync(path, bytes);
  return bytes.length;
}

export function readModelFile<Meta>(path: string): ModelFile<Meta> {
  return decodeModel<Meta>(readFileSync(path), path);
}
