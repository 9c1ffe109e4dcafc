import { createRequire as __firebreakCreateRequire } from "node:module";
import { fileURLToPath as __firebreakFileURLToPath } from "node:url";
const require = __firebreakCreateRequire(import.meta.url);
const __filename = __firebreakFileURLToPath(import.meta.url);
const __dirname = __filename.slice(0, __filename.lastIndexOf("/"));
import {
  KubeconfigError
} from "./chunk-KA37ZHZ6.js";

// sdk/kube/exec-credential.ts
var EXEC_API_VERSIONS = ["client.authentication.k8s.io/v1", "client.authentication.k8s.io/v1beta1"], EXEC_TIMEOUT_MS = 6e4, ExecCredentialError = class extends KubeconfigError {
  name = "ExecCredentialError";
};
function execCredentials(plugin, user, cluster) {
  let current, run = () => {
    let latest = { answer: runPlugin(plugin, user, cluster), done: !1 };
    return latest.answer.then(
      () => latest.done = !0,
      () => current === latest ? current = void 0 : void 0
      // a failure is not kept: the next ask runs the plugin again
    ), current = latest, latest.answer;
  };
  return {
    async get() {
      if (!current) return run();
      if (!current.done) return current.answer;
      let credential = await current.answer;
      return credential.expiresAt === void 0 || credential.expiresAt > Date.now() ? credential : run();
    },
    async refresh(stale) {
      if (current && !current.done) return current.answer;
      let latest = current && await current.answer;
      return latest && latest !== stale ? latest : run();
    }
  };
}
function execInfo(plugin, cluster) {
  let info = {
    server: cluster.server,
    ...cluster.caPem ? { "certificate-authority-data": Buffer.from(cluster.caPem).toString("base64") } : {},
    ...cluster.insecure ? { "insecure-skip-tls-verify": !0 } : {},
    ...cluster.tlsServerName ? { "tls-server-name": cluster.tlsServerName } : {}
  };
  return JSON.stringify({ apiVersion: plugin.apiVersion, kind: "ExecCredential", spec: { interactive: !1, ...plugin.provideClusterInfo ? { cluster: info } : {} } });
}
function runPlugin(plugin, user, cluster) {
  let who = `The exec plugin ${plugin.command} (user ${user})`;
  if (plugin.interactiveMode === "Always")
    return Promise.reject(new ExecCredentialError(`${who} has interactiveMode: Always, but nobody can answer a prompt here (no terminal). Use a mode that does not prompt, or credentials that need none.`));
  let { execFile } = process.getBuiltinModule("node:child_process"), env = { ...process.env, ...plugin.env, KUBERNETES_EXEC_INFO: execInfo(plugin, cluster) };
  return new Promise((resolve, reject) => {
    execFile(plugin.command, plugin.args, { env, timeout: EXEC_TIMEOUT_MS, maxBuffer: 1048576 }, (err, stdout, stderr) => {
      if (err) {
        let e = err, hint = plugin.installHint ? ` ${plugin.installHint.trim()}` : "";
        if (e.code === "ENOENT") return reject(new ExecCredentialError(`${who} was not found: install it or fix the kubeconfig's command.${hint}`));
        if (e.killed) return reject(new ExecCredentialError(`${who} gave no credential within ${EXEC_TIMEOUT_MS / 1e3} s.`));
        let why = stderr.trim().split(`
`).filter(Boolean).pop()?.slice(0, 300);
        return reject(new ExecCredentialError(`${who} failed (exit ${e.code ?? "?"})${why ? `: ${why}` : ""}.${hint}`));
      }
      try {
        resolve(credentialOf(stdout, plugin.apiVersion));
      } catch (parseErr) {
        reject(new ExecCredentialError(`${who} printed no usable ExecCredential: ${parseErr.message}.`));
      }
    }).stdin?.end();
  });
}
function credentialOf(stdout, apiVersion) {
  let doc;
  try {
    doc = JSON.parse(stdout);
  } catch {
    throw new Error("its output is not JSON");
  }
  if (doc?.kind !== "ExecCredential") throw new Error(`kind is ${JSON.stringify(doc?.kind)}, not "ExecCredential"`);
  if (doc.apiVersion !== apiVersion) throw new Error(`apiVersion is ${JSON.stringify(doc.apiVersion)}; the kubeconfig asked for ${apiVersion}`);
  let status = doc.status ?? {}, text = (v) => typeof v == "string" && v !== "" ? v : void 0, [token, cert, key] = [text(status.token), text(status.clientCertificateData), text(status.clientKeyData)];
  if (!token && !(cert && key)) throw new Error("its status has neither a token nor a client certificate and key");
  let expiresAt;
  if (status.expirationTimestamp !== void 0 && (expiresAt = Date.parse(String(status.expirationTimestamp)), Number.isNaN(expiresAt)))
    throw new Error(`expirationTimestamp ${JSON.stringify(status.expirationTimestamp)} is not an RFC 3339 time`);
  return { ...token ? { token } : { cert, key }, ...expiresAt !== void 0 ? { expiresAt } : {} };
}

export {
  EXEC_API_VERSIONS,
  execCredentials
};
