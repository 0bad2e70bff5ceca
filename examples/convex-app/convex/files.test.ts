import { describe, expect, it } from "vitest";
import { api } from "./_generated/api";
import { createChannel, createUser, errorCode, makeTest } from "./test.helpers";

describe("file attachments", () => {
  it("stores allowed files, serves them to readers and audits each download", async () => {
    const t = makeTest();
    const alice = await createUser(t, { name: "alice" });
    const outsider = await createUser(t, { name: "outsider" });
    const channelId = await createChannel(t, alice.userId, { isPrivate: true });
    expect(await alice.as.mutation(api.files.generateUploadUrl, {})).toMatch(/^https?:\/\//);
    const storageId = await t.run((ctx) => ctx.storage.store(new Blob(["hello"], { type: "text/plain" })));

    const attachmentId = await alice.as.mutation(api.files.saveAttachment, {
      channelId,
      storageId,
      fileName: "notes.txt",
    });
    expect(await alice.as.mutation(api.files.requestDownloadUrl, { attachmentId })).toMatch(/^https?:\/\//);
    expect(await errorCode(outsider.as.mutation(api.files.requestDownloadUrl, { attachmentId }))).toBe(
      "NOT_FOUND",
    );
    const audit = await t.run((ctx) => ctx.db.query("audit_log").collect());
    expect(audit).toMatchObject([{ action: "file.download", actorId: alice.userId }]);
  });

  it("rejects and deletes files of a disallowed type", async () => {
    const t = makeTest();
    const alice = await createUser(t, { name: "alice" });
    const channelId = await createChannel(t, alice.userId);
    const storageId = await t.run((ctx) =>
      ctx.storage.store(new Blob(["<html>"], { type: "text/html" })),
    );
    expect(
      await errorCode(alice.as.mutation(api.files.saveAttachment, { channelId, storageId, fileName: "x.html" })),
    ).toBe("INVALID_ARGUMENT");
  });
});
