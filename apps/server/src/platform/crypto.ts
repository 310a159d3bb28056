import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";

/**
 * Personal data at rest (ID numbers, phones): AES-256-GCM with a random 96-bit nonce per value,
 * and a keyed HMAC-SHA256 "blind index" for exact search and uniqueness without decrypting.
 * Both keys are derived (HKDF) from one master key that never enters the database.
 *
 * Stored layout: [version=1][nonce 12][tag 16][ciphertext]. The version byte leaves room for
 * key rotation (a new version with a new key; old rows re-encrypted in the background).
 */
const VERSION = 1;

export interface PersonalDataCipher {
  encrypt(plain: string): Buffer;
  decrypt(stored: Uint8Array): string;
  blindIndex(plain: string): Buffer;
}

export function createCipher(masterKey: Buffer): PersonalDataCipher {
  if (masterKey.length !== 32) throw new Error("the personal-data key must be 32 bytes");
  const derive = (info: string) => Buffer.from(crypto.hkdfSync("sha256", masterKey, Buffer.alloc(0), info, 32));
  const encKey = derive("huzhu personal data encryption v1");
  const macKey = derive("huzhu personal data blind index v1");
  return {
    encrypt(plain) {
      const nonce = crypto.randomBytes(12);
      const cipher = crypto.createCipheriv("aes-256-gcm", encKey, nonce);
      const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
      return Buffer.concat([Buffer.from([VERSION]), nonce, cipher.getAuthTag(), body]);
    },
    decrypt(stored) {
      const buf = Buffer.from(stored);
      if (buf[0] !== VERSION) throw new Error(`unknown personal-data cipher version ${buf[0]}`);
      const decipher = crypto.createDecipheriv("aes-256-gcm", encKey, buf.subarray(1, 13));
      decipher.setAuthTag(buf.subarray(13, 29));
      return Buffer.concat([decipher.update(buf.subarray(29)), decipher.final()]).toString("utf8");
    },
    blindIndex(plain) {
      return crypto.createHmac("sha256", macKey).update(plain, "utf8").digest();
    },
  };
}

export function parseKey(text: string, source: string): Buffer {
  const t = text.trim();
  const key = /^[0-9a-fA-F]{64}$/.test(t) ? Buffer.from(t, "hex") : Buffer.from(t, "base64");
  if (key.length !== 32) throw new Error(`${source}: the personal-data key must be 32 bytes (base64 or 64 hex digits)`);
  return key;
}

/**
 * The key from HUZHU_DATA_KEY, else HUZHU_DATA_KEY_FILE, else (embedded database only)
 * <data dir>/personal-data.key, created with mode 0600 on first start.
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
