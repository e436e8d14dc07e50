import { describe, expect, it } from "vitest";
import sharp from "sharp";
import { checkPhotoFile, decidePhotoUpload, MAX_PHOTO_BYTES, sniffImage, STORED_NAME, storedNameFor } from "@/lib/tasks/photo-rules";
import { reencode } from "@/lib/tasks/photos";

describe("photo type by content", () => {
  it("knows JPEG, PNG and WebP by their first bytes, not by name", () => {
    expect(sniffImage(new Uint8Array([0xff, 0xd8, 0xff, 0xe0]))).toBe("image/jpeg");
    expect(sniffImage(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]))).toBe("image/png");
    expect(sniffImage(new TextEncoder().encode("RIFF\u0000\u0000\u0000\u0000WEBPVP8 "))).toBe("image/webp");
    expect(sniffImage(new TextEncoder().encode("GIF89a"))).toBeNull();
    expect(sniffImage(new TextEncoder().encode("<svg xmlns="))).toBeNull();
    expect(sniffImage(new TextEncoder().encode("%PDF-1.7"))).toBeNull();
  });
  it("checks presence, emptiness and the 10 MB limit with Chinese messages", () => {
    expect(checkPhotoFile(null)).toMatchObject({ ok: false, status: 400 });
    expect(checkPhotoFile(new Uint8Array())).toMatchObject({ ok: false, status: 400, message: "照片文件为空" });
    const big = new Uint8Array(MAX_PHOTO_BYTES + 1);
    big.set([0xff, 0xd8, 0xff]);
    expect(checkPhotoFile(big)).toMatchObject({ ok: false, status: 422, message: expect.stringContaining("10 MB") });
    expect(checkPhotoFile(new TextEncoder().encode("not an image"))).toMatchObject({ ok: false, status: 422, message: expect.stringContaining("JPEG、PNG 或 WebP") });
  });
  it("stored names are server-generated and cannot walk out of the photo directory", () => {
    const n = storedNameFor("0f8fad5b-d9cb-469f-a165-70867728950e", "image/jpeg");
    expect(n).toBe("0f/0f8fad5b-d9cb-469f-a165-70867728950e.jpg");
    expect(STORED_NAME.test(n)).toBe(true);
    expect(STORED_NAME.test("../etc/passwd")).toBe(false);
    expect(STORED_NAME.test("0f/../../x.jpg")).toBe(false);
  });
});

describe("who may add photos", () => {
  const task = { streetCode: "370285001", status: "in_progress" as const };
  it("after-photos by the responsible street while it works on the task", () => {
    expect(decidePhotoUpload({ phase: "after", role: "street_officer", actorScope: "370285001", task })).toEqual({ ok: true });
    expect(decidePhotoUpload({ phase: "after", role: "street_officer", actorScope: "370285002", task })).toMatchObject({ status: 403 });
    expect(decidePhotoUpload({ phase: "after", role: "wmb_staff", actorScope: "370285", task })).toMatchObject({ status: 403 });
    expect(decidePhotoUpload({ phase: "after", role: "street_officer", actorScope: "370285001", task: { ...task, status: "submitted" } })).toMatchObject({ status: 422 });
    expect(decidePhotoUpload({ phase: "after", role: "street_officer", actorScope: "370285001", task: { ...task, status: "closed" } })).toMatchObject({ status: 422 });
  });
  it("before-photos by 文明办 (also for a problem being registered); leaders never", () => {
    expect(decidePhotoUpload({ phase: "before", role: "wmb_staff", actorScope: "370285", task })).toEqual({ ok: true });
    expect(decidePhotoUpload({ phase: "before", role: "wmb_staff", actorScope: "370285", task: null })).toEqual({ ok: true });
    expect(decidePhotoUpload({ phase: "after", role: "wmb_staff", actorScope: "370285", task: null })).toMatchObject({ status: 422 });
    expect(decidePhotoUpload({ phase: "before", role: "street_officer", actorScope: "370285001", task: null })).toMatchObject({ status: 403 });
    expect(decidePhotoUpload({ phase: "before", role: "leader", actorScope: "370285", task })).toMatchObject({ status: 403 });
  });
});

describe("re-encoding", () => {
  it("turns the photo upright by EXIF and strips the metadata (GPS included)", async () => {
    // A 40×20 JPEG tagged "rotate 90° clockwise" with EXIF GPS and camera fields.
    const src = await sharp({ create: { width: 40, height: 20, channels: 3, background: { r: 200, g: 30, b: 30 } } })
      .jpeg()
      .withMetadata({ orientation: 6 })
      .withExif({ IFD0: { Make: "TestCam" }, IFD3: { GPSLatitudeRef: "N", GPSLatitude: "36/1 5/1 0/1" } })
      .toBuffer();
    const before = await sharp(src).metadata();
    expect(before.exif).toBeDefined();
    expect(before.orientation).toBe(6);
    expect(src.includes(Buffer.from("TestCam"))).toBe(true);
    const out = await reencode(src, "image/jpeg");
    const m = await sharp(out).metadata();
    expect(m.format).toBe("jpeg");
    expect([m.width, m.height]).toEqual([20, 40]);
    expect(m.exif).toBeUndefined();
    expect(m.orientation ?? 1).toBe(1);
    expect(out.includes(Buffer.from("TestCam"))).toBe(false);
  });
  it("keeps PNG as PNG and refuses a truncated file", async () => {
    const png = await sharp({ create: { width: 8, height: 8, channels: 4, background: "#00ff0080" } }).png().toBuffer();
    expect((await sharp(await reencode(png, "image/png")).metadata()).format).toBe("png");
    await expect(reencode(png.subarray(0, 40), "image/png")).rejects.toThrow();
  });
});
