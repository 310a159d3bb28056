import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { DB } from "../db/schema.ts";

/**
 * Personal data at rest (ID numbers, phones, ...), with a keyed "blind index" for exact search
 * and uniqueness without decrypting. Every key is derived (HKDF) from one 32-byte master key that
 * never enters the database. Two algorithms, chosen by HUZHU_CIPHER:
 * - `aes-256-gcm` (default): AES-256-GCM, random 96-bit nonce; blind index HMAC-SHA256.
 * - `sm4`, for buyers held to 商用密码 (GB/T 39786): SM4-CTR with a random 128-bit IV, then
 *   HMAC-SM3 over header, IV and ciphertext (encrypt-then-MAC, checked in constant time before
 *   anything is decrypted); blind index HMAC-SM3; keys derived with HKDF-SM3. Node 20's OpenSSL
 *   has SM4-CTR/CBC but no SM4-GCM, hence the separate MAC.
 *
 * Stored layouts, told apart by the first byte:
 *   1  [1][nonce 12][tag 16][ciphertext]                  AES-256-GCM, before key ids (read only)
 *   2  [2][key id 4][nonce 12][tag 16][ciphertext]        AES-256-GCM, header authenticated
 *   3  [3][key id 4][iv 16][ciphertext][HMAC-SM3 32]      SM4-CTR + HMAC-SM3
 * The key id (4 bytes of HKDF output: names a key without revealing anything of it) says which
 * master key a value is under, so that `huzhu keys rotate` can tell old values from new ones and
 * a database can move from one key, or one algorithm, to another while it is in use.
 *
 * While a rotation is under way the server holds two keys: HUZHU_DATA_KEY (new; every write) and
 * HUZHU_DATA_KEY_PREVIOUS (old; read only). Values decrypt under whichever key their id names,
 * and lookups by blind index ask for every index a row can hold at that moment (`lookupIndexes`),
 * so exact search and the uniqueness check keep working on a half-rotated table.
 */
export const CIPHER_ALGORITHMS = ["aes-256-gcm", "sm4"] as const;
export type CipherAlgorithm = (typeof CIPHER_ALGORITHMS)[number];

const V1_AES_GCM = 1;
const V2_AES_GCM = 2;
const V3_SM4_CTR_HMAC_SM3 = 3;
const KEY_ID_BYTES = 4;
const HEADER_BYTES = 1 + KEY_ID_BYTES;

export interface PersonalDataCipher {
  /** Encrypts under the current key and algorithm. */
  encrypt(plain: string): Buffer;
  /** Decrypts a value under any key this cipher holds (current or previous). */
  decrypt(stored: Uint8Array): string;
  /** The blind index a row written now stores (current key and algorithm). */
  blindIndex(plain: string): Buffer;
  /**
   * Every blind index a row holding this value may carry now: under the current key and, during a
   * rotation, the previous one, for either algorithm. Search and uniqueness checks use all of them.
   */
  lookupIndexes(plain: string): Buffer[];
  /** True when the value is stored the way `encrypt` stores now (same layout and key). */
  isCurrent(stored: Uint8Array): boolean;
  /** The first bytes of every value `encrypt` writes now: layout version and key id. */
  readonly header: Buffer;
  readonly algorithm: CipherAlgorithm;
}

interface KeySet {
  id: Buffer;
  aesKey: Buffer;
  aesIndexKey: Buffer;
  sm4Key: Buffer;
  sm3MacKey: Buffer;
  sm3IndexKey: Buffer;
}

function deriveKeys(masterKey: Buffer): KeySet {
  if (masterKey.length !== 32) throw new Error("the personal-data key must be 32 bytes");
  const derive = (digest: "sha256" | "sm3", info: string, length: number) =>
    Buffer.from(crypto.hkdfSync(digest, masterKey, Buffer.alloc(0), info, length));
  return {
    // The same for both algorithms, so that switching algorithm keeps the key's name.
    id: derive("sha256", "huzhu personal data key id", KEY_ID_BYTES),
    // These two are the keys of the first release: existing values and indexes depend on them.
    aesKey: derive("sha256", "huzhu personal data encryption v1", 32),
    aesIndexKey: derive("sha256", "huzhu personal data blind index v1", 32),
    sm4Key: derive("sm3", "huzhu personal data encryption sm4", 16),
    sm3MacKey: derive("sm3", "huzhu personal data authentication hmac-sm3", 32),
    sm3IndexKey: derive("sm3", "huzhu personal data blind index hmac-sm3", 32),
  };
}

function indexUnder(keys: KeySet, algorithm: CipherAlgorithm, plain: string): Buffer {
  return algorithm === "sm4"
    ? crypto.createHmac("sm3", keys.sm3IndexKey).update(plain, "utf8").digest()
    : crypto.createHmac("sha256", keys.aesIndexKey).update(plain, "utf8").digest();
}

function encryptUnder(keys: KeySet, algorithm: CipherAlgorithm, plain: string): Buffer {
  if (algorithm === "sm4") {
    const header = Buffer.concat([Buffer.from([V3_SM4_CTR_HMAC_SM3]), keys.id]);
    const iv = crypto.randomBytes(16);
    const cipher = crypto.createCipheriv("sm4-ctr", keys.sm4Key, iv);
    const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
    const mac = crypto.createHmac("sm3", keys.sm3MacKey).update(header).update(iv).update(body).digest();
    return Buffer.concat([header, iv, body, mac]);
  }
  const header = Buffer.concat([Buffer.from([V2_AES_GCM]), keys.id]);
  const nonce = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv("aes-256-gcm", keys.aesKey, nonce);
  cipher.setAAD(header);
  const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return Buffer.concat([header, nonce, cipher.getAuthTag(), body]);
}

function decryptAesGcm(key: Buffer, nonce: Buffer, tag: Buffer, body: Buffer, aad: Buffer | null): string {
  const decipher = crypto.createDecipheriv("aes-256-gcm", key, nonce);
  if (aad) decipher.setAAD(aad);
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(body), decipher.final()]).toString("utf8");
}

function decryptUnder(keys: KeySet, buf: Buffer): string {
  const header = buf.subarray(0, HEADER_BYTES);
  if (buf[0] === V2_AES_GCM) {
    return decryptAesGcm(
      keys.aesKey,
      buf.subarray(HEADER_BYTES, HEADER_BYTES + 12),
      buf.subarray(HEADER_BYTES + 12, HEADER_BYTES + 28),
      buf.subarray(HEADER_BYTES + 28),
      header,
    );
  }
  // V3: check the MAC first, in constant time; nothing is decrypted unless it matches.
  if (buf.length < HEADER_BYTES + 16 + 32) throw new Error("personal data: SM4 value too short");
  const iv = buf.subarray(HEADER_BYTES, HEADER_BYTES + 16);
  const body = buf.subarray(HEADER_BYTES + 16, buf.length - 32);
  const mac = buf.subarray(buf.length - 32);
  const expected = crypto.createHmac("sm3", keys.sm3MacKey).update(header).update(iv).update(body).digest();
  if (!crypto.timingSafeEqual(mac, expected)) throw new Error("personal data: SM4 value fails its HMAC-SM3 check");
  const decipher = crypto.createDecipheriv("sm4-ctr", keys.sm4Key, iv);
  return Buffer.concat([decipher.update(body), decipher.final()]).toString("utf8");
}

/**
 * A cipher for the master key, writing with `algorithm`; with `previousKey` it also reads values
 * under that key and looks rows up under its indexes (during `huzhu keys rotate`).
 */
export function createCipher(
  masterKey: Buffer,
  options: { algorithm?: CipherAlgorithm; previousKey?: Buffer | undefined } = {},
): PersonalDataCipher {
  const algorithm = options.algorithm ?? "aes-256-gcm";
  const current = deriveKeys(masterKey);
  const previous = options.previousKey ? deriveKeys(options.previousKey) : null;
  const accepted = previous && !previous.id.equals(current.id) ? [current, previous] : [current];
  const header = Buffer.concat([Buffer.from([algorithm === "sm4" ? V3_SM4_CTR_HMAC_SM3 : V2_AES_GCM]), current.id]);
  return {
    header,
    algorithm,
    encrypt: (plain) => encryptUnder(current, algorithm, plain),
    decrypt(stored) {
      const buf = Buffer.from(stored.buffer, stored.byteOffset, stored.byteLength);
      if (buf[0] === V1_AES_GCM) {
        // No key id yet: the GCM tag tells which key it was.
        for (const keys of accepted) {
          try {
            return decryptAesGcm(keys.aesKey, buf.subarray(1, 13), buf.subarray(13, 29), buf.subarray(29), null);
          } catch {}
        }
        throw new Error("personal data: a version 1 value fails under every configured key");
      }
      if (buf[0] !== V2_AES_GCM && buf[0] !== V3_SM4_CTR_HMAC_SM3) {
        throw new Error(`unknown personal-data cipher version ${buf[0]}`);
      }
      const id = buf.subarray(1, HEADER_BYTES);
      const keys = accepted.find((k) => k.id.equals(id));
      if (!keys) {
        throw new Error(
          `personal data under key ${id.toString("hex")}, which is neither HUZHU_DATA_KEY (${current.id.toString("hex")})` +
            (previous
              ? ` nor HUZHU_DATA_KEY_PREVIOUS (${previous.id.toString("hex")})`
              : " (and no HUZHU_DATA_KEY_PREVIOUS is set)"),
        );
      }
      return decryptUnder(keys, buf);
    },
    blindIndex: (plain) => indexUnder(current, algorithm, plain),
    lookupIndexes(plain) {
      const indexes = [indexUnder(current, algorithm, plain)];
      for (const keys of accepted) {
        for (const a of CIPHER_ALGORITHMS) {
          const index = indexUnder(keys, a, plain);
          if (!indexes.some((i) => i.equals(index))) indexes.push(index);
        }
      }
      return indexes;
    },
    isCurrent: (stored) =>
      stored.byteLength > HEADER_BYTES && Buffer.from(stored.buffer, stored.byteOffset, HEADER_BYTES).equals(header),
  };
}

/**
 * Every encrypted column, the one list `huzhu keys rotate` re-encrypts from. A module that adds
 * an encrypted column (bytea written with `cipher.encrypt`) adds it here, with the blind index
 * kept beside it if any (recomputed from the plain value during a rotation). Each table needs an
 * integer primary key `id`.
 */
export type EncryptedColumn = {
  [T in keyof DB & string]: {
    table: T;
    column: keyof DB[T] & string;
    /** A keyed HMAC of the same plain value (`cipher.blindIndex`), kept beside it for lookups. */
    blindIndex?: keyof DB[T] & string;
  };
}[keyof DB & string];

export const ENCRYPTED_COLUMNS: readonly EncryptedColumn[] = [
  { table: "members", column: "id_number_enc", blindIndex: "id_number_hash" },
  { table: "members", column: "phone_enc" },
  { table: "users", column: "totp_secret_enc" },
  // An uploaded import workbook (base64): it holds ID numbers and phones in the clear.
  { table: "imports", column: "file_enc" },
  // Members in difficulty (issue 11): the case's details and its visits' and help's notes.
  { table: "hardship_cases", column: "details_enc" },
  { table: "hardship_entries", column: "note_enc" },
  // A mobile member's contact while away (issue 11).
  { table: "mobile_members", column: "contact_enc" },
];

export function parseKey(text: string, source: string): Buffer {
  const t = text.trim();
  const key = /^[0-9a-fA-F]{64}$/.test(t) ? Buffer.from(t, "hex") : Buffer.from(t, "base64");
  if (key.length !== 32) throw new Error(`${source}: the personal-data key must be 32 bytes (base64 or 64 hex digits)`);
  return key;
}

/**
 * The key from HUZHU_DATA_KEY, else HUZHU_DATA_KEY_FILE (any path: a mounted secret, a file
 * outside the data folder), else (embedded database only) <data dir>/personal-data.key, created
 * with mode 0600 on first start.
 */
export function loadDataKey(options: {
  dataKey: string | undefined;
  dataKeyFile: string | undefined;
  dataDir: string;
  allowGenerate: boolean;
}): Buffer {
  if (options.dataKey) return parseKey(options.dataKey, "HUZHU_DATA_KEY");
  if (options.dataKeyFile) return parseKey(fs.readFileSync(options.dataKeyFile, "utf8"), options.dataKeyFile);
  const file = path.join(options.dataDir, "personal-data.key");
  if (fs.existsSync(file)) return parseKey(fs.readFileSync(file, "utf8"), file);
  if (!options.allowGenerate) throw new Error("no personal-data key: set HUZHU_DATA_KEY or HUZHU_DATA_KEY_FILE");
  fs.mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
  const key = crypto.randomBytes(32);
  fs.writeFileSync(file, `${key.toString("base64")}\n`, { mode: 0o600, flag: "wx" });
  return key;
}

/**
 * The cipher the configuration asks for: HUZHU_DATA_KEY(_FILE), HUZHU_DATA_KEY_PREVIOUS(_FILE)
 * during a rotation, HUZHU_CIPHER.
 */
export function cipherFromConfig(
  config: {
    dataKey: string | undefined;
    dataKeyFile: string | undefined;
    dataKeyPrevious: string | undefined;
    dataKeyPreviousFile: string | undefined;
    cipher: CipherAlgorithm;
    dataDir: string;
    databaseUrl: string | undefined;
  },
  options: { allowGenerate?: boolean } = {},
): PersonalDataCipher {
  const key = loadDataKey({
    dataKey: config.dataKey,
    dataKeyFile: config.dataKeyFile,
    dataDir: config.dataDir,
    // Only the embedded database may create its own key (into the data folder) on first start.
    allowGenerate: options.allowGenerate ?? !config.databaseUrl,
  });
  let previousKey: Buffer | undefined;
  if (config.dataKeyPrevious) previousKey = parseKey(config.dataKeyPrevious, "HUZHU_DATA_KEY_PREVIOUS");
  else if (config.dataKeyPreviousFile) {
    previousKey = parseKey(fs.readFileSync(config.dataKeyPreviousFile, "utf8"), config.dataKeyPreviousFile);
  }
  return createCipher(key, { algorithm: config.cipher, previousKey });
}
