import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { CIPHER_ALGORITHMS, cipherFromConfig, createCipher } from "./crypto.ts";

const keyA = Buffer.alloc(32, 0xa1);
const keyB = Buffer.alloc(32, 0xb2);
const hkdf = (digest: string, key: Buffer, info: string, length: number) =>
  Buffer.from(crypto.hkdfSync(digest, key, Buffer.alloc(0), info, length));

describe("the primitives under the SM4 option (known answers)", () => {
  it("SM4 gives the GB/T 32907 example's ciphertext", () => {
    const key = Buffer.from("0123456789abcdeffedcba9876543210", "hex");
    const cipher = crypto.createCipheriv("sm4-ecb", key, null);
    cipher.setAutoPadding(false);
    const out = Buffer.concat([cipher.update(key), cipher.final()]);
    expect(out.toString("hex")).toBe("681edf34d206965e86b3e94f536e4246");
  });

  it('SM3 gives the GB/T 32905 digest of "abc"', () => {
    expect(crypto.createHash("sm3").update("abc").digest("hex")).toBe(
      "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0",
    );
  });
});

describe("createCipher", () => {
  it.each(CIPHER_ALGORITHMS)("%s: round-trips, with a fresh nonce each time, and says what it wrote", (algorithm) => {
    const cipher = createCipher(keyA, { algorithm });
    const value = "35082419800101001X";
    const a = cipher.encrypt(value);
    const b = cipher.encrypt(value);
    expect(a.equals(b)).toBe(false);
    expect(cipher.decrypt(a)).toBe(value);
    expect(cipher.decrypt(new Uint8Array(b))).toBe("35082419800101001X");
    expect(cipher.decrypt(cipher.encrypt(""))).toBe("");
    expect(cipher.decrypt(cipher.encrypt("李四 138 0000 0000"))).toBe("李四 138 0000 0000");
    expect(a[0]).toBe(algorithm === "sm4" ? 3 : 2);
    expect(a.subarray(0, 5).equals(cipher.header)).toBe(true);
    expect(cipher.isCurrent(a)).toBe(true);
    expect(cipher.blindIndex(value).equals(cipher.blindIndex(value))).toBe(true);
    expect(cipher.blindIndex(value)).toHaveLength(32);
  });

  it("sm4: the body is SM4-CTR under an HKDF-SM3 key and the tail is HMAC-SM3 (the stored layout)", () => {
    const stored = createCipher(keyA, { algorithm: "sm4" }).encrypt("350824198001010011");
    const iv = stored.subarray(5, 21);
    const body = stored.subarray(21, stored.length - 32);
    const decipher = crypto.createDecipheriv(
      "sm4-ctr",
      hkdf("sm3", keyA, "huzhu personal data encryption sm4", 16),
      iv,
    );
    expect(Buffer.concat([decipher.update(body), decipher.final()]).toString()).toBe("350824198001010011");
    const macKey = hkdf("sm3", keyA, "huzhu personal data authentication hmac-sm3", 32);
    const mac = crypto
      .createHmac("sm3", macKey)
      .update(stored.subarray(0, stored.length - 32))
      .digest();
    expect(stored.subarray(stored.length - 32).equals(mac)).toBe(true);
    const indexKey = hkdf("sm3", keyA, "huzhu personal data blind index hmac-sm3", 32);
    expect(
      createCipher(keyA, { algorithm: "sm4" })
        .blindIndex("350824198001010011")
        .equals(crypto.createHmac("sm3", indexKey).update("350824198001010011").digest()),
    ).toBe(true);
  });

  it.each(CIPHER_ALGORITHMS)("%s: refuses a value with any byte changed", (algorithm) => {
    const cipher = createCipher(keyA, { algorithm });
    const stored = cipher.encrypt("13800001234");
    for (let i = 0; i < stored.length; i++) {
      const bad = Buffer.from(stored);
      bad[i] = (bad[i] as number) ^ 0x01;
      expect(() => cipher.decrypt(bad), `byte ${i}`).toThrow();
    }
  });

  it("still reads the first release's layout (version 1, no key id) and keeps its blind index", () => {
    const plain = "350824198001010011";
    const nonce = crypto.randomBytes(12);
    const gcm = crypto.createCipheriv(
      "aes-256-gcm",
      hkdf("sha256", keyA, "huzhu personal data encryption v1", 32),
      nonce,
    );
    const body = Buffer.concat([gcm.update(plain), gcm.final()]);
    const v1 = Buffer.concat([Buffer.from([1]), nonce, gcm.getAuthTag(), body]);
    const cipher = createCipher(keyA);
    expect(cipher.decrypt(v1)).toBe(plain);
    expect(cipher.isCurrent(v1)).toBe(false);
    const indexKey = hkdf("sha256", keyA, "huzhu personal data blind index v1", 32);
    expect(cipher.blindIndex(plain).equals(crypto.createHmac("sha256", indexKey).update(plain).digest())).toBe(true);
    expect(() => createCipher(keyB).decrypt(v1)).toThrow(/fails under every configured key/);
    expect(createCipher(keyB, { previousKey: keyA }).decrypt(v1)).toBe(plain);
  });

  it("during a rotation reads both keys, writes the new one, and looks up under every index", () => {
    const old = createCipher(keyA);
    const rotating = createCipher(keyB, { algorithm: "sm4", previousKey: keyA });
    const oldValue = old.encrypt("13800001234");
    expect(rotating.decrypt(oldValue)).toBe("13800001234");
    expect(rotating.isCurrent(oldValue)).toBe(false);
    expect(rotating.isCurrent(rotating.encrypt("x"))).toBe(true);
    const indexes = rotating.lookupIndexes("350824198001010011");
    expect(indexes[0]?.equals(rotating.blindIndex("350824198001010011"))).toBe(true);
    expect(indexes.some((i) => i.equals(old.blindIndex("350824198001010011")))).toBe(true);
    expect(
      indexes.some((i) => i.equals(createCipher(keyA, { algorithm: "sm4" }).blindIndex("350824198001010011"))),
    ).toBe(true);
    // Once the previous key is gone, its values are refused with both keys' names.
    expect(() => createCipher(keyB).decrypt(createCipher(keyA, { algorithm: "sm4" }).encrypt("x"))).toThrow(
      /neither HUZHU_DATA_KEY .* \(and no HUZHU_DATA_KEY_PREVIOUS is set\)/,
    );
  });

  it("reads the other algorithm's values under the same key, and finds their indexes", () => {
    const aes = createCipher(keyA);
    const sm4 = createCipher(keyA, { algorithm: "sm4" });
    expect(sm4.decrypt(aes.encrypt("a"))).toBe("a");
    expect(aes.decrypt(sm4.encrypt("b"))).toBe("b");
    expect(sm4.isCurrent(aes.encrypt("a"))).toBe(false);
    expect(sm4.lookupIndexes("c").some((i) => i.equals(aes.blindIndex("c")))).toBe(true);
  });
});

describe("cipherFromConfig", () => {
  const base = { dataKey: undefined, dataKeyPrevious: undefined, dataKeyPreviousFile: undefined };

  it("takes the key from HUZHU_DATA_KEY_FILE outside the data folder, and writes nothing there", () => {
    const secrets = fs.mkdtempSync(path.join(os.tmpdir(), "huzhu-secrets-"));
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "huzhu-data-"));
    try {
      const keyFile = path.join(secrets, "data.key");
      fs.writeFileSync(keyFile, `${keyA.toString("base64")}\n`, { mode: 0o600 });
      const cipher = cipherFromConfig({
        ...base,
        dataKeyFile: keyFile,
        cipher: "aes-256-gcm",
        dataDir,
        databaseUrl: undefined,
      });
      expect(createCipher(keyA).decrypt(cipher.encrypt("x"))).toBe("x");
      expect(fs.readdirSync(dataDir)).toEqual([]);
    } finally {
      fs.rmSync(secrets, { recursive: true });
      fs.rmSync(dataDir, { recursive: true });
    }
  });

  it("reads HUZHU_DATA_KEY_PREVIOUS(_FILE) and HUZHU_CIPHER", () => {
    const secrets = fs.mkdtempSync(path.join(os.tmpdir(), "huzhu-secrets-"));
    try {
      const previousFile = path.join(secrets, "previous.key");
      fs.writeFileSync(previousFile, keyA.toString("hex"));
      const cipher = cipherFromConfig({
        ...base,
        dataKey: keyB.toString("base64"),
        dataKeyFile: undefined,
        dataKeyPreviousFile: previousFile,
        cipher: "sm4",
        dataDir: secrets,
        databaseUrl: "postgres://x",
      });
      expect(cipher.algorithm).toBe("sm4");
      expect(cipher.decrypt(createCipher(keyA).encrypt("old"))).toBe("old");
      expect(createCipher(keyB, { algorithm: "sm4" }).decrypt(cipher.encrypt("new"))).toBe("new");
      expect(() =>
        cipherFromConfig({
          ...base,
          dataKey: keyB.toString("base64"),
          dataKeyFile: undefined,
          dataKeyPrevious: "too short",
          cipher: "sm4",
          dataDir: secrets,
          databaseUrl: "postgres://x",
        }),
      ).toThrow(/HUZHU_DATA_KEY_PREVIOUS: the personal-data key must be 32 bytes/);
    } finally {
      fs.rmSync(secrets, { recursive: true });
    }
  });
});
