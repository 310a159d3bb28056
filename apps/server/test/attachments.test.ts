import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { linkAttachments, registerAttachmentTarget } from "../src/platform/attachments.ts";
import { createTestContext, expectError, type Session, type TestContext, testDatabaseKind } from "./helpers.ts";

/** A multipart/form-data body with one file part, as a browser sends it. */
function multipart(name: string, content: Buffer, field = "file", contentType = "application/octet-stream") {
  const boundary = "----huzhu-test-boundary";
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${name}"\r\n` +
      `Content-Type: ${contentType}\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return {
    payload: Buffer.concat([head, content, tail]),
    headers: { "content-type": `multipart/form-data; boundary=${boundary}` },
  };
}

describe(`attachments (${testDatabaseKind})`, () => {
  let t: TestContext;
  let secretary: Session;
  const count = async () =>
    (
      await t.database.db
        .selectFrom("attachments")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .executeTakeFirstOrThrow()
    ).n;
  const upload = (s: Session, name: string, content: Buffer, lang = "en") =>
    s.request({ method: "POST", url: "/api/attachments", ...merge(multipart(name, content), lang) });
  const merge = (m: ReturnType<typeof multipart>, lang: string) => ({
    payload: m.payload,
    headers: { ...m.headers, "accept-language": lang },
  });

  beforeAll(async () => {
    t = await createTestContext();
    secretary = await t.login("secretary");
    // A record type whose readers are the coordinator only, to show visibility follows the record.
    registerAttachmentTarget("test_record", async (_db, actor) => actor.username === "coordinator");
  });
  afterAll(async () => t?.close());

  it("stores a photo shrunk and without its EXIF data, typed by its content", async () => {
    const photo = await sharp({ create: { width: 3000, height: 1000, channels: 3, background: "#c41d1d" } })
      .withMetadata({ exif: { IFD0: { Copyright: "GPS 25.1N 116.1E" } } })
      .jpeg()
      .toBuffer();
    expect(photo.includes(Buffer.from("GPS 25.1N"))).toBe(true);
    const res = await upload(secretary, "村部活动室.jpg", photo);
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body).toMatchObject({ name: "村部活动室.jpg", contentType: "image/jpeg" });
    const got = await secretary.request({ method: "GET", url: `/api/attachments/${body.id}` });
    expect(got.statusCode).toBe(200);
    expect(got.headers["content-type"]).toBe("image/jpeg");
    expect(got.headers["content-disposition"]).toBe(
      `inline; filename="_____.jpg"; filename*=UTF-8''${encodeURIComponent("村部活动室.jpg")}`,
    );
    const stored = await sharp(got.rawPayload).metadata();
    expect(stored.width).toBe(2048);
    expect(got.rawPayload.includes(Buffer.from("GPS 25.1N"))).toBe(false);
  });

  it("refuses a file whose content is not an allowed type, whatever its name, and stores nothing", async () => {
    const before = await count();
    const fake = await upload(secretary, "photo.png", Buffer.from("<script>alert(1)</script>"));
    expect(expectError(fake, 400, { code: "attachment.type", field: "file" }).message).toMatch(/photo/);
    const exe = await upload(secretary, "report.pdf", Buffer.from("MZ\x90\x00\x03\x00\x00\x00\x04\x00"));
    expectError(exe, 400, { code: "attachment.type" });
    // Starts like a PNG, is not one.
    const broken = await upload(
      secretary,
      "x.png",
      Buffer.concat([Buffer.from("89504e470d0a1a0a", "hex"), Buffer.alloc(64)]),
    );
    expectError(broken, 400, { code: "attachment.type" });
    expectError(await upload(secretary, "\u202egpj.exe", Buffer.from("%PDF-1.4\n")), 400, { field: "file" });
    expect(await count()).toBe(before);
  });

  it("refuses a file that is too large, with its limit, and stores nothing", async () => {
    const before = await count();
    const big = Buffer.concat([Buffer.from("%PDF-1.4\n"), Buffer.alloc(21 * 1024 * 1024, 0x20)]);
    const res = await upload(secretary, "大文件.pdf", big, "zh-CN");
    expect(expectError(res, 400, { code: "attachment.tooLarge", field: "file" }).message).toMatch(/20 MB/);
    expect(await count()).toBe(before);
  });

  it("shows an attachment to its uploader only, then to whoever sees the record it is linked to", async () => {
    const pdf = await upload(secretary, "结对协议.pdf", Buffer.from("%PDF-1.4\n%âãÏÓ\n1 0 obj\n<<>>\nendobj\n"));
    expect(pdf.statusCode).toBe(201);
    const id = pdf.json().id as string;
    const coordinator = await t.login("coordinator");
    expectError(await coordinator.request({ method: "GET", url: `/api/attachments/${id}` }), 404);
    const doc = await secretary.request({ method: "GET", url: `/api/attachments/${id}` });
    expect(doc.headers["content-disposition"]).toMatch(/^attachment; /);
    expect(doc.headers["content-security-policy"]).toMatch(/sandbox/);

    const actor = {
      userId: (
        await t.database.db
          .selectFrom("users")
          .select("id")
          .where("username", "=", "secretary")
          .executeTakeFirstOrThrow()
      ).id,
    };
    await t.database.db
      .transaction()
      .execute((trx) => linkAttachments(trx, actor as never, [id], { type: "test_record", id: 7 }));
    expect((await coordinator.request({ method: "GET", url: `/api/attachments/${id}` })).statusCode).toBe(200);
    // Linked: the uploader no longer sees it by having uploaded it, only through the record.
    expectError(await secretary.request({ method: "GET", url: `/api/attachments/${id}` }), 404);
    // Nobody links another's attachment, or one already linked.
    await expect(
      t.database.db
        .transaction()
        .execute((trx) => linkAttachments(trx, actor as never, [id], { type: "test_record", id: 8 })),
    ).rejects.toMatchObject({ status: 400 });
  });

  it("needs a session, a file part and the CSRF token", async () => {
    const anonymous = await t.app.inject({
      method: "POST",
      url: "/api/attachments",
      ...multipart("a.pdf", Buffer.from("%PDF-1.4\n")),
    });
    expectError(anonymous, 401);
    const noCsrf = await t.app.inject({
      method: "POST",
      url: "/api/attachments",
      cookies: { huzhu_session: secretary.cookie },
      ...multipart("a.pdf", Buffer.from("%PDF-1.4\n")),
    });
    expectError(noCsrf, 403);
    expectError(await secretary.request({ method: "POST", url: "/api/attachments", payload: { file: "x" } }), 400, {
      field: "file",
    });
    const wrongField = await upload(secretary, "a.pdf", Buffer.from("%PDF-1.4\n"));
    expect(wrongField.statusCode).toBe(201);
    const other = await secretary.request({
      method: "POST",
      url: "/api/attachments",
      ...merge(multipart("a.pdf", Buffer.from("%PDF-1.4\n"), "photo"), "en"),
    });
    expectError(other, 400, { field: "file" });
  });
});
