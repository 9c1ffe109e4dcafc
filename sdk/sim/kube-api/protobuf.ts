import { kubeTime } from "../kube-time.ts";
import { badRequest, unsupportedMediaType } from "./status.ts";

/**
 * Decoding of `application/vnd.kubernetes.protobuf` request bodies for the built-in kinds that
 * Go clients send that way. client-go 1.33+ typed clients (Helm 4's release storage among them)
 * write Secrets and ConfigMaps as protobuf; everything else they send as JSON or apply YAML.
 * The envelope is the 4-byte magic "k8s\0" and a runtime.Unknown wrapping the object's message.
 */

export const PROTOBUF = "application/vnd.kubernetes.protobuf";
const MAGIC = Buffer.from([0x6b, 0x38, 0x73, 0x00]);

type Field = { no: number; wire: number; value: bigint | Buffer };

/** Splits one message into its fields (varint, 64-bit, length-delimited, 32-bit). */
function fields(buf: Buffer): Field[] {
  const out: Field[] = [];
  let i = 0;
  const varint = (): bigint => {
    let result = 0n;
    for (let shift = 0n; shift < 70n; shift += 7n) {
      if (i >= buf.length) throw badRequest("protobuf: unexpected end of message");
      const b = buf[i++]!;
      result |= BigInt(b & 0x7f) << shift;
      if (!(b & 0x80)) return result;
    }
    throw badRequest("protobuf: varint too long");
  };
  while (i < buf.length) {
    const key = Number(varint());
    const no = key >>> 3;
    const wire = key & 7;
    if (wire === 0) out.push({ no, wire, value: varint() });
    else if (wire === 2) {
      const len = Number(varint());
      if (i + len > buf.length) throw badRequest("protobuf: field runs past the end of the message");
      out.push({ no, wire, value: buf.subarray(i, i + len) });
      i += len;
    } else if (wire === 1 || wire === 5) i += wire === 1 ? 8 : 4;
    else throw badRequest(`protobuf: unsupported wire type ${wire}`);
  }
  return out;
}

const str = (v: bigint | Buffer) => (Buffer.isBuffer(v) ? v.toString("utf8") : String(v));
const bytes = (v: bigint | Buffer) => (Buffer.isBuffer(v) ? v : Buffer.alloc(0));

function mapOf(entries: Field[], value: (v: Buffer) => string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of entries) {
    const kv = fields(bytes(e.value));
    const k = kv.find((f) => f.no === 1);
    const v = kv.find((f) => f.no === 2);
    out[k ? str(k.value) : ""] = v ? value(bytes(v.value)) : "";
  }
  return out;
}

function time(buf: Buffer): string | undefined {
  const seconds = fields(buf).find((f) => f.no === 1);
  if (!seconds || seconds.value === 0n) return undefined;
  return kubeTime(Number(seconds.value) * 1000);
}

function objectMeta(buf: Buffer): Record<string, unknown> {
  const meta: Record<string, unknown> = {};
  const fs = fields(buf);
  const scalar: Record<number, string> = { 1: "name", 2: "generateName", 3: "namespace", 5: "uid", 6: "resourceVersion" };
  for (const f of fs) {
    if (scalar[f.no] && str(f.value) !== "") meta[scalar[f.no]!] = str(f.value);
    else if (f.no === 8) {
      const t = time(bytes(f.value));
      if (t) meta.creationTimestamp = t;
    }
  }
  const labels = fs.filter((f) => f.no === 11);
  const annotations = fs.filter((f) => f.no === 12);
  if (labels.length) meta.labels = mapOf(labels, (v) => v.toString("utf8"));
  if (annotations.length) meta.annotations = mapOf(annotations, (v) => v.toString("utf8"));
  const finalizers = fs.filter((f) => f.no === 14).map((f) => str(f.value));
  if (finalizers.length) meta.finalizers = finalizers;
  const owners = fs.filter((f) => f.no === 13).map((f) => {
    const o: Record<string, unknown> = {};
    for (const g of fields(bytes(f.value))) {
      const names: Record<number, string> = { 1: "kind", 3: "name", 4: "uid", 5: "apiVersion" };
      if (names[g.no]) o[names[g.no]!] = str(g.value);
      if (g.no === 6) o.controller = g.value === 1n;
      if (g.no === 7) o.blockOwnerDeletion = g.value === 1n;
    }
    return o;
  });
  if (owners.length) meta.ownerReferences = owners;
  return meta;
}

/** Per kind: how its message maps to JSON (field numbers from k8s.io/api/core/v1/generated.proto). */
const KINDS: Record<string, (fs: Field[]) => Record<string, unknown>> = {
  Secret(fs) {
    const out: Record<string, unknown> = {};
    const data = fs.filter((f) => f.no === 2);
    if (data.length) out.data = mapOf(data, (v) => v.toString("base64"));
    const type = fs.find((f) => f.no === 3);
    if (type && str(type.value)) out.type = str(type.value);
    const stringData = fs.filter((f) => f.no === 4);
    if (stringData.length) out.stringData = mapOf(stringData, (v) => v.toString("utf8"));
    const immutable = fs.find((f) => f.no === 5);
    if (immutable) out.immutable = immutable.value === 1n;
    return out;
  },
  ConfigMap(fs) {
    const out: Record<string, unknown> = {};
    const data = fs.filter((f) => f.no === 2);
    if (data.length) out.data = mapOf(data, (v) => v.toString("utf8"));
    const binary = fs.filter((f) => f.no === 3);
    if (binary.length) out.binaryData = mapOf(binary, (v) => v.toString("base64"));
    const immutable = fs.find((f) => f.no === 4);
    if (immutable) out.immutable = immutable.value === 1n;
    return out;
  },
};

/** Kinds whose protobuf bodies this server decodes. */
export const PROTOBUF_KINDS = Object.keys(KINDS);

/**
 * Decodes a protobuf body of a core/v1 Secret or ConfigMap into its JSON form.
 * @example
 * decodeProtobufObject(body, "Secret"); // { apiVersion: "v1", kind: "Secret", metadata: {…}, type: "helm.sh/release.v1", data: {…} }
 */
export function decodeProtobufObject(body: Buffer, kind: string): Record<string, unknown> {
  if (!KINDS[kind]) throw unsupportedMediaType(["application/json", "application/yaml"]);
  if (body.length < 4 || !body.subarray(0, 4).equals(MAGIC)) throw badRequest("provided data does not appear to be a protobuf message, expected prefix [107 56 115 0]");
  const unknown = fields(body.subarray(4));
  const typeMeta = fields(bytes(unknown.find((f) => f.no === 1)?.value ?? Buffer.alloc(0)));
  const raw = bytes(unknown.find((f) => f.no === 2)?.value ?? Buffer.alloc(0));
  const apiVersion = str(typeMeta.find((f) => f.no === 1)?.value ?? Buffer.alloc(0));
  const wireKind = str(typeMeta.find((f) => f.no === 2)?.value ?? Buffer.alloc(0));
  const msg = fields(raw);
  const meta = msg.find((f) => f.no === 1);
  return {
    ...(apiVersion ? { apiVersion } : {}),
    ...(wireKind ? { kind: wireKind } : {}),
    metadata: meta ? objectMeta(bytes(meta.value)) : {},
    ...KINDS[kind]!(msg),
  };
}
